"""Runs the Swift bench, the NumPy peer and the PyTorch peer on the same workloads, side by side,
and prints steps per second and the ratios (GradientLab / peer).

    python3 bench/peers/compare.py [seconds per measurement, default 3]

The Swift bench is built in release first. A peer that is not installed is reported and skipped.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def parse(lines, pattern):
    found = {}
    for line in lines.splitlines():
        m = re.match(pattern, line)
        if m:
            found[m.group(1)] = (float(m.group(2)), m.group(3) if m.lastindex >= 3 else "")
    return found


def main():
    seconds = sys.argv[1] if len(sys.argv) > 1 else "3"
    subprocess.run(["swift", "build", "-c", "release", "--product", "bench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    swift = subprocess.run([os.path.join(ROOT, ".build", "release", "bench"), "--seconds", seconds],
                           cwd=ROOT, check=True, capture_output=True, text=True).stdout
    print(swift.splitlines()[0])
    results = {"GradientLab": parse(swift, r"^(\S+): ([0-9.]+) steps/s()")}
    for name, script in (("NumPy", "numpy_mlp.py"), ("PyTorch", "torch_mlp.py")):
        out = subprocess.run([sys.executable, os.path.join(HERE, script), seconds], capture_output=True,
                             text=True).stdout
        print(out.splitlines()[0] if out else f"{name}: no output")
        results[name] = parse(out, r"^(\S+) ([0-9.]+) (\S+)$")
    workloads = list(results["GradientLab"].keys())
    print(f"\n{'workload':<20} {'GradientLab':>12} {'NumPy':>10} {'PyTorch':>14} {'×NumPy':>8} {'×PyTorch':>9}")
    for w in workloads:
        ours = results["GradientLab"][w][0]
        row = f"{w:<20} {ours:>12.1f}"
        numpy = results["NumPy"].get(w)
        torch = results["PyTorch"].get(w)
        row += f" {numpy[0]:>10.1f}" if numpy else f" {'–':>10}"
        row += f" {torch[0]:>9.1f} ({torch[1]}t)" if torch else f" {'–':>14}"
        row += f" {ours / numpy[0]:>8.2f}" if numpy else f" {'–':>8}"
        row += f" {ours / torch[0]:>9.2f}" if torch else f" {'–':>9}"
        print(row)
    print("\nsteps/s of one instrumented SGD step (forward, backward, per-layer norms and activation statistics, update)")


if __name__ == "__main__":
    main()
