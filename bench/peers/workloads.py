"""The workloads and the timing loop shared by the NumPy and PyTorch peers (the same as
bench/main.swift): MLPs with ReLU, He init, biases, a 10-class softmax cross-entropy readout."""
import sys
import time

WORKLOADS = [("mlp-d20-w256-b128", 20, 256, 128), ("mlp-d50-w128-b64", 50, 128, 64)]


def steps_per_second(step, seconds):
    """Calls `step()` 5 times to warm up, then as often as fits in `seconds`; returns steps/s."""
    for _ in range(5):
        step()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        step()
        n += 1
    return n / (time.perf_counter() - start)


def print_all(header, measure):
    """Prints `header`, then one line per workload: `NAME RATE THREADS`, where `measure(depth,
    width, batch, seconds)` returns (steps/s, threads) and seconds per measurement is the first
    command-line argument (3 by default)."""
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    print(header)
    for name, depth, width, batch in WORKLOADS:
        rate, threads = measure(depth, width, batch, seconds)
        print(f"{name} {rate:.2f} {threads}")
