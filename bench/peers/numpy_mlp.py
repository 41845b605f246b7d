"""The bench workloads in NumPy: the same instrumented SGD step as bench/main.swift, with
hand-written backward passes (float32, matrix products through NumPy's BLAS).

Prints one line per workload: `NAME steps_per_second threads` (threads = "blas").
"""
import sys

from workloads import print_all, steps_per_second

try:
    import numpy as np
except ImportError:
    print("numpy: not installed, skipped (pip install numpy)")
    sys.exit(0)

def make(depth, width):
    rng = np.random.default_rng(1)
    ws = [(rng.standard_normal((width, width)) * (2.0 / width) ** 0.5).astype(np.float32) for _ in range(depth)]
    ws.append((rng.standard_normal((10, width)) * (2.0 / width) ** 0.5).astype(np.float32))
    bs = [np.zeros(w.shape[0], np.float32) for w in ws]
    return ws, bs


def step(ws, bs, x, y, lr=1e-4):
    inputs, outs, stats = [], [], []
    a = x
    for i, (w, b) in enumerate(zip(ws, bs)):
        inputs.append(a)
        h = a @ w.T + b
        if i < len(ws) - 1:
            a = np.maximum(h, 0)
            outs.append(a)
            stats.append((a.mean(), a.std(), (a <= 0).mean()))
        else:
            a = h
    z = a - a.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    n = x.shape[0]
    loss = -np.log(p[np.arange(n), y]).mean()
    g = p
    g[np.arange(n), y] -= 1
    g /= n
    records, total = [], 0.0
    for i in reversed(range(len(ws))):
        gw = g.T @ inputs[i]
        gb = g.sum(axis=0)
        records.append((np.linalg.norm(g), np.linalg.norm(gw)))
        total += float((gw.astype(np.float64) ** 2).sum() + (gb.astype(np.float64) ** 2).sum())
        if i > 0:
            g = (g @ ws[i]) * (outs[i - 1] > 0)
        ws[i] -= lr * gw
        bs[i] -= lr * gb
    return loss, records, stats, total ** 0.5


def measure(depth, width, batch, seconds):
    ws, bs = make(depth, width)
    x = np.random.default_rng(2).standard_normal((batch, width)).astype(np.float32)
    y = np.arange(batch) % 10
    return steps_per_second(lambda: step(ws, bs, x, y), seconds), "blas"


if __name__ == "__main__":
    print_all(f"numpy {np.__version__}", measure)
