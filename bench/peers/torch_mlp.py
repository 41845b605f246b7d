"""The bench workloads in PyTorch (CPU): one instrumented SGD step = forward, backward,
per-layer norms of weight gradients and back-propagated activation gradients, activation
statistics (mean, std, dead fraction), global gradient norm, and the update.

Prints one line per workload: `NAME steps_per_second threads`, at the best thread count.
"""
import sys

from workloads import print_all, steps_per_second

try:
    import torch
except ImportError:
    print("torch: not installed, skipped (pip install torch)")
    sys.exit(0)

def make(depth, width):
    g = torch.Generator().manual_seed(1)
    ws = [torch.randn(width, width, generator=g) * (2.0 / width) ** 0.5 for _ in range(depth)]
    ws.append(torch.randn(10, width, generator=g) * (2.0 / width) ** 0.5)
    bs = [torch.zeros(w.shape[0]) for w in ws]
    for t in ws + bs:
        t.requires_grad_(True)
    return ws, bs


def step(ws, bs, x, y, lr=1e-4):
    hs = []
    a = x
    stats = []
    for i, (w, b) in enumerate(zip(ws, bs)):
        h = torch.nn.functional.linear(a, w, b)
        h.retain_grad()
        hs.append(h)
        if i < len(ws) - 1:
            a = torch.relu(h)
            stats.append((a.mean(), a.std(), (a <= 0).float().mean()))
        else:
            a = h
    loss = torch.nn.functional.cross_entropy(a, y)
    for t in ws + bs:
        t.grad = None
    loss.backward()
    with torch.no_grad():
        records = [(w.grad.norm(), h.grad.norm()) for w, h in zip(ws, hs)]
        total = torch.sqrt(sum((t.grad * t.grad).sum() for t in ws + bs))
        values = torch.stack([v for r in records for v in r] + [v for s in stats for v in s] + [total]).tolist()
        for t in ws + bs:
            t -= lr * t.grad
    return values


def measure(depth, width, batch, threads, seconds):
    torch.set_num_threads(threads)
    ws, bs = make(depth, width)
    x = torch.randn(batch, width, generator=torch.Generator().manual_seed(2))
    y = torch.arange(batch) % 10
    return steps_per_second(lambda: step(ws, bs, x, y), seconds)


def best_of_thread_counts(depth, width, batch, seconds):
    """The faster of 1 and 2 threads: (steps/s, threads)."""
    return max((measure(depth, width, batch, t, seconds), t) for t in (1, 2))


if __name__ == "__main__":
    print_all(f"torch {torch.__version__}, {torch.get_num_threads()} threads available", best_of_thread_counts)
