#!/usr/bin/env bash
# Mutation testing of the numerical core in shards (docs/testing.md, "Mutation testing"). A shard is a set of source
# folders with the tests that exercise them. The shards run in two lanes side by side, one Stryker run per lane:
# `kernels` in one, the other shards together in the other.
#
#   tools/stryker-shards.sh                      # all shards
#   tools/stryker-shards.sh kernels layers       # only these
#   tools/stryker-shards.sh --since [REF]        # only what changed since REF (default: main), with the shards' tests
#
# Each lane runs in a scratch copy of the working tree in which only its shards' files are instrumented: every other
# file of src/NativeNet gets a `// Stryker disable all` line, so out-of-lane code (the kernels called by every layer
# test, say) runs uninstrumented. The checkout itself is not touched, not even bin/ and obj/. Reports land in
# StrykerOutput/<date>-<shards>/ of the checkout; the script prints each lane's wall time and score. Extra Stryker
# options can be passed in STRYKER_ARGS.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
all_shards=(sampling-losses-optimizers kernels layers networks)

# Tests that never go into a shard: GEMM (out of scope, slow when instrumented), GEMM threading, the book-sized
# gradient check (21 s alone) and the prediction threading test (past 30 s under coverage capture).
exclude='&FullyQualifiedName!~Gemm&FullyQualifiedName!~ParkingSignal&FullyQualifiedName!~Numerical_gradient_matches_backprop_like_the_book&FullyQualifiedName!~NetworkPredictThreadingTests'

# The networks are exercised mostly by the training, gradient, serialization and session tests, not only by their
# own folder. Left out by name (the MTP runner knows no Category trait): the Slow MNIST accuracy class and
# child-process determinism test, and the checkpoint test that resumes at every iteration (4.4 s alone).
networks_tests='FullyQualifiedName~NativeNet.Tests.Networks.|FullyQualifiedName~NativeNet.Tests.Training.|FullyQualifiedName~NativeNet.Tests.Gradients.|FullyQualifiedName~NativeNet.Tests.Serialization.|FullyQualifiedName~NativeNet.Tests.Reliability.InferenceSessionTests|FullyQualifiedName~NativeNet.Tests.Reliability.DeterminismTests|FullyQualifiedName~NativeNet.Tests.Reliability.DivergenceTests|FullyQualifiedName~NativeNet.Tests.Layers.AffineReluFusionTests'
networks_exclude='&FullyQualifiedName!~MnistAccuracyTests&FullyQualifiedName!~Another_process_trains_to_the_same_bits&FullyQualifiedName!~Resumes_at_any_iteration_are_bit_identical'

src=src/NativeNet
tests=tests/NativeNet.Tests

# The files a shard mutates (git pathspecs).
shard_sources() {
  case "$1" in
    sampling-losses-optimizers) echo "$src/Data/Permutation.cs $src/Data/BatchSampler.cs $src/Losses $src/Optimizers" ;;
    kernels) echo "$src/Kernels/ElementwiseKernels*.cs $src/Kernels/Common" ;;
    layers) echo "$src/Layers" ;;
    networks) echo "$src/Networks" ;;
  esac
}

# The test files whose change makes --since rerun a shard (the ones its filter selects).
shard_tests() {
  case "$1" in
    sampling-losses-optimizers) echo "$tests/Data/BatchSamplerTests.cs $tests/Data/ShuffleUniformityTests.cs $tests/Losses $tests/Optimizers $tests/Networks/WeightDecayTests.cs $tests/Layers/SoftmaxWithLossLayerTests.cs $tests/Layers/SumOfSquaresLossLayerTests.cs" ;;
    kernels) echo "$tests/Kernels" ;;
    layers) echo "$tests/Layers" ;;
    networks) echo "$tests/Networks $tests/Training $tests/Gradients $tests/Serialization $tests/Reliability/InferenceSessionTests.cs $tests/Reliability/DeterminismTests.cs $tests/Reliability/DivergenceTests.cs $tests/Layers/AffineReluFusionTests.cs" ;;
  esac
}

# The tests a shard runs (an MTP filter: a | list of FullyQualifiedName~ terms), and the ones it leaves out (a list
# of &FullyQualifiedName!~ terms).
shard_included() {
  case "$1" in
    sampling-losses-optimizers) echo "FullyQualifiedName~NativeNet.Tests.Data.BatchSampler|FullyQualifiedName~NativeNet.Tests.Data.ShuffleUniformity|FullyQualifiedName~NativeNet.Tests.Losses.|FullyQualifiedName~NativeNet.Tests.Optimizers.|FullyQualifiedName~NativeNet.Tests.Networks.WeightDecay|FullyQualifiedName~SoftmaxWithLossLayerTests|FullyQualifiedName~SumOfSquaresLossLayerTests" ;;
    kernels) echo "FullyQualifiedName~NativeNet.Tests.Kernels." ;;
    layers) echo "FullyQualifiedName~NativeNet.Tests.Layers." ;;
    networks) echo "$networks_tests" ;;
  esac
}

shard_excluded() {
  case "$1" in
    sampling-losses-optimizers) echo "&FullyQualifiedName!~Double_state_is_flushed" ;;
    networks) echo "$networks_exclude" ;;
  esac
}

is_shard() {
  local shard
  for shard in "${all_shards[@]}"; do [ "$shard" = "$1" ] && return 0; done
  return 1
}

# Tracked and untracked (not ignored) files under the given pathspecs.
files_of() {
  # shellcheck disable=SC2086
  git ls-files -co --exclude-standard -- $1 | grep '\.cs$' || true
}

since=""
if [ "${1:-}" = "--since" ]; then
  since=${2:-main}
  [ $# -gt 2 ] && { echo "error: --since takes at most one git ref, and no shard names" >&2; exit 2; }
  git rev-parse --verify --quiet "$since^{commit}" >/dev/null \
    || { echo "error: --since: '$since' is not a commit of this repository" >&2; exit 2; }
  changed=$( { git diff --name-only "$since" --; git ls-files -o --exclude-standard; } | sort -u)
  shards=()
  declare -A mutate_only
  for shard in "${all_shards[@]}"; do
    sources=$(files_of "$(shard_sources "$shard")")
    changed_sources=$(comm -12 <(echo "$sources" | sort) <(echo "$changed"))
    changed_tests=$(comm -12 <(files_of "$(shard_tests "$shard")" | sort) <(echo "$changed"))
    if [ -n "$changed_sources" ]; then
      shards+=("$shard"); mutate_only[$shard]=$changed_sources   # mutate only the changed files
    elif [ -n "$changed_tests" ]; then
      shards+=("$shard"); mutate_only[$shard]=$sources           # tests changed: their whole shard
    fi
  done
  if [ ${#shards[@]} -eq 0 ]; then
    echo "nothing in the mutation scope changed since $since"
    exit 0
  fi
else
  shards=("$@")
  [ ${#shards[@]} -eq 0 ] && shards=("${all_shards[@]}")
  for shard in "${shards[@]}"; do
    is_shard "$shard" || { echo "error: unknown shard '$shard' (${all_shards[*]})" >&2; exit 2; }
  done
fi

dotnet tool restore >/dev/null

# Two lanes side by side, one Stryker process each: kernels in one, the other shards together in the other (about
# the same work). The MTP build runs a session's tests one at a time (xunit.runner.stryker.json), so each lane keeps
# about one core busy.

# Writes the scratch copy's core files for one lane: the files it mutates as they are, every other file of
# src/NativeNet with a `// Stryker disable all` line on top (no mutants, hence no instrumentation).
prepare_sources() {
  local scratch=$1 mutated=$2 file
  files_of "$src" | while read -r file; do
    if grep -qxF "$file" <<< "$mutated"; then
      cp "$file" "$scratch/$file"
    else
      { echo '// Stryker disable all : not mutated in this run (tools/stryker-shards.sh)'; cat "$file"; } > "$scratch/$file"
    fi
  done
}

# Runs the given shards as one Stryker run in one scratch copy of the working tree (uncommitted changes included, no
# bin/, obj/ or other ignored files): their files mutated, their tests together. One run, not one per shard, because
# each run builds the solution afresh (Stryker's project analysis cleans the build), and that set-up is most of a
# small shard's time.
run_lane() {
  local lane=$1 scratch=$2 shard mutated="" included="" excluded="" file_list out start secs file args name
  shift 2
  name=$(IFS=+; echo "$*")
  for shard in "$@"; do
    if [ -n "$since" ]; then file_list=${mutate_only[$shard]}; else file_list=$(files_of "$(shard_sources "$shard")"); fi
    mutated+="${mutated:+$'\n'}$file_list"
    included+="${included:+|}$(shard_included "$shard")"
    excluded+=$(shard_excluded "$shard")
  done
  mkdir -p "$scratch"
  git ls-files -co --exclude-standard -z | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$scratch"
  prepare_sources "$scratch" "$mutated"
  args=()
  while read -r file; do args+=(-m "**/$file"); done <<< "$mutated"
  out="$repo/StrykerOutput/$(date -u +%Y-%m-%d.%H-%M-%S)-$name"
  start=$(date +%s)
  echo "=== lane $lane: $name ($(echo "$mutated" | wc -l) files mutated), started $(date -u +%H:%M:%S) UTC"
  # RunAnalyzers=false: the analyzers check style and public API, not behaviour; without them the build takes about
  # 40 % less time.
  # shellcheck disable=SC2086
  (cd "$scratch" && NATIVENET_MTP=true RunAnalyzers=false nice -n 19 dotnet stryker --log-to-file -O "$out" "${args[@]}" \
      --test-case-filter "(${included})${excluded}${exclude}" ${STRYKER_ARGS:-}) \
    > "/tmp/stryker-lane-$lane.log" 2>&1 || true
  grep -E "mutation score|mutants (created|will be tested)" "/tmp/stryker-lane-$lane.log" | sed "s/^/    $name: /" || true
  secs=$(( $(date +%s) - start ))
  echo "=== lane $lane: $name: $(( secs / 60 )) min $(( secs % 60 )) s, report in ${out#"$repo"/}/reports/"
}

lane1=(); lane2=()
for shard in "${shards[@]}"; do
  if [ "$shard" = kernels ]; then lane1+=("$shard"); else lane2+=("$shard"); fi
done

set -m                            # each lane its own process group, so an interrupt can stop a lane's whole tree
work=$(mktemp -d /tmp/nativenet-stryker.XXXXXX)
pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done; wait; rm -rf "$work"; exit 130; }
trap stop INT TERM
trap 'rm -rf "$work"' EXIT        # no scratch copy is left behind
begin=$(date +%s)
[ ${#lane1[@]} -gt 0 ] && { run_lane 1 "$work/lane-1" "${lane1[@]}" & pids+=($!); }
[ ${#lane2[@]} -gt 0 ] && { run_lane 2 "$work/lane-2" "${lane2[@]}" & pids+=($!); }
wait
total=$(( $(date +%s) - begin ))
echo "=== all shards: $(( total / 60 )) min $(( total % 60 )) s"
