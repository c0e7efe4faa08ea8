"""Shared helpers of the comparison scripts: one-thread setup, timing, data, and the RESULT line format."""
import gzip
import os
import statistics
import sys
import time

# One thread everywhere, before numpy/torch load their BLAS.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

FASHION_DIR = os.environ.get("NATIVENET_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
STEP_KEYS = ["mlp4-sgd", "mlp4-adam", "mlp1-sgd", "mlp5-bn-sgd", "mlp6-dropout-sgd"]


def quick():
    return "--quick" in sys.argv


def selected(key):
    filters = [a for a in sys.argv[1:] if not a.startswith("--")]
    return not filters or any(f.lower() in key for f in filters)


def measure(key, name, action, round_seconds=None, rounds=None):
    """Warm up for 0.5 s, then the median over rounds of the mean time per call; prints a RESULT line."""
    round_seconds = round_seconds or (0.05 if quick() else 0.2)
    rounds = rounds or (7 if quick() else 15)
    start = time.perf_counter()
    calls = 0
    while calls < 20 or time.perf_counter() - start < 0.5:
        action()
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    batch = max(1, int(round_seconds / per_call))
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(batch):
            action()
        times.append((time.perf_counter() - t0) * 1000 / batch)
    times.sort()
    print(f"RESULT\t{key}\t{statistics.median(times):.4f}\t-\t{name}\tmin {times[0]:.4f} max {times[-1]:.4f}", flush=True)


def synthetic(np, count=10_000, seed=7):
    rng = np.random.default_rng(seed)
    x = rng.random((count, 784), dtype=np.float32)
    t = rng.integers(0, 10, count)
    return x, t


def _idx(np, path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def epoch_data(np):
    """Fashion-MNIST training set (60 000 x 784 float32 in [0, 1]) or, if absent, synthetic data of that size."""
    images = os.path.join(FASHION_DIR, "train-images-idx3-ubyte.gz")
    labels = os.path.join(FASHION_DIR, "train-labels-idx1-ubyte.gz")
    if os.path.exists(images) and os.path.exists(labels):
        x = _idx(np, images).reshape(-1, 784).astype(np.float32) / 255.0
        return x, _idx(np, labels).astype(np.int64), "Fashion-MNIST " + FASHION_DIR
    x, t = synthetic(np, 60_000, seed=8)
    return x, t, "FALLBACK: synthetic 60 000 x 784 (Fashion-MNIST not installed)"
