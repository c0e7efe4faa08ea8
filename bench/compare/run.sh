#!/usr/bin/env bash
# Runs the comparison workloads in PyTorch, the book's numpy (float32 and float64) and NativeNet (--compare mode
# of the benchmark project), one thread each, one after the other, and prints one table of medians in ms.
# Then bench/NativeNet.OrtCompare times predict in ONNX Runtime and NativeNet in one process, interleaved, on one
# and two threads, and a second table compares those two (it needs no Python: the ONNX model is written in C#).
# Usage: bench/compare/run.sh [--quick] [workload-key-filters...]   e.g.  run.sh --quick mlp4 predict
# Python: Debian's /usr/bin/python3 with python3-torch, python3-numpy and an optimised BLAS
#   (apt-get install -y python3-torch python3-numpy libopenblas0-pthread); a missing one is skipped with a message.
# Without libopenblas0 numpy falls back to Debian's reference BLAS, about 20x slower: the script says which it found.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "# $(uptime)"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
dotnet build "$root/bench/NativeNet.Benchmarks" -c Release -v q -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dll="$root/bench/NativeNet.Benchmarks/bin/Release/net10.0/NativeNet.Benchmarks.dll"
ort_dll="$root/bench/NativeNet.OrtCompare/bin/Release/net10.0/NativeNet.OrtCompare.dll"
# A failed ONNX Runtime build (say, its package cannot be restored) skips that table, not the whole run.
ort_built=1
dotnet build "$root/bench/NativeNet.OrtCompare" -c Release -v q -nologo > "$out/ort-build.log" 2>&1 || ort_built=0

run() { # name, command...
  local name="$1"; shift
  echo "## $name" >&2
  "$@" 2>&1 | tee "$out/$name.txt" | grep -v '^RESULT' >&2
}

# This workplace sets OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow the current one a lot,
# so they are unset for the Python runs only (never for tests).
echo "# BLAS behind numpy: $(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || echo unknown)"
if [ -x "$python" ]; then
  python="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $python"
  run torch $python "$here/torch_bench.py" "$@"
  run numpy-f32 $python "$here/numpy_bench.py" "$@"
  run numpy-f64 $python "$here/numpy_bench.py" --f64 "$@"
else
  echo "# $python not found: PyTorch and numpy columns skipped" >&2
fi
run nativenet dotnet "$dll" --compare "$@"
# Its RESULT lines go to a .log, not a .txt: their keys (runner:key) belong to the second table only.
ort_status=0
if [ "$ort_built" = 1 ]; then
  echo "## onnxruntime (same process as NativeNet, interleaved rounds)" >&2
  dotnet "$ort_dll" "$@" > "$out/ort.log" 2>&1
  ort_status=$?
  grep -v '^RESULT' "$out/ort.log" >&2
  [ "$ort_status" = 0 ] || echo "# ONNX Runtime runner failed (exit $ort_status): its table lacks the failed rows" >&2
else
  echo "# bench/NativeNet.OrtCompare did not build: ONNX Runtime table skipped; log:" >&2
  tail -n 20 "$out/ort-build.log" >&2
fi
echo "# $(uptime)"

# Join the RESULT lines: key -> median ms per runner.
awk -F'\t' '
  FNR == 1 { file = FILENAME; sub(".*/", "", file); sub("[.]txt$", "", file) }
  $1 == "RESULT" { value[$2, file] = $3; if (!($2 in name)) { order[++n] = $2 }; name[$2] = $5; if (file == "nativenet") alloc[$2] = $4 }
  END {
    printf "| workload | PyTorch | numpy f32 | numpy f64 | NativeNet | NativeNet B/call | PyTorch / NativeNet |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++) {
      k = order[i]
      t = value[k, "torch"]; f = value[k, "numpy-f32"]; d = value[k, "numpy-f64"]; o = value[k, "nativenet"]
      ratio = (t != "" && o != "" && o > 0) ? sprintf("%.2fx", t / o) : "-"
      printf "| %s | %s | %s | %s | %s | %s | %s |\n", name[k], (t == "" ? "-" : t), (f == "" ? "-" : f), (d == "" ? "-" : d), (o == "" ? "-" : o), (alloc[k] == "" ? "-" : alloc[k]), ratio
    }
  }' $(ls "$out"/*.txt 2>/dev/null | grep -v build.log)
echo "(medians in ms, one thread, float32 unless stated; ratio > 1 means NativeNet is faster)"

# Second table: ONNX Runtime and NativeNet from one process (keys runner:key), so each ratio pairs two medians
# measured side by side. Bytes are managed bytes per call on the calling thread (ORT's native heap is not seen).
if grep -q '^RESULT' "$out/ort.log" 2>/dev/null; then
  echo
  awk -F'\t' '
    $1 == "RESULT" {
      split($2, part, ":"); runner = part[1]; k = part[2]
      value[k, runner] = $3; bytes[k, runner] = $4; name[k] = $5
      if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    }
    END {
      printf "| workload | NativeNet | ONNX Runtime | ORT / NativeNet | NativeNet B/call | ORT managed B/call |\n"
      printf "|---|---:|---:|---:|---:|---:|\n"
      for (i = 1; i <= n; i++) {
        k = order[i]; o = value[k, "nativenet"]; t = value[k, "ort"]
        ratio = (t != "" && o != "" && o > 0) ? sprintf("%.2fx", t / o) : "-"
        printf "| %s | %s | %s | %s | %s | %s |\n", name[k], o, t, ratio, bytes[k, "nativenet"], bytes[k, "ort"]
      }
    }' "$out/ort.log"
  echo "(medians in ms of interleaved rounds in one process; ratio > 1 means NativeNet is faster)"
fi
exit "$ort_status"
