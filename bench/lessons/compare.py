"""Times the lessons of this checkout, and optionally of another revision side by side, and checks
that both compute the same numbers.

    python3 bench/lessons/compare.py [--against REV] [--quick] [--rounds N] [LESSON ...]

Each lesson runs as a student runs it (`--seed 42 --no-preview`, in full unless --quick) from the
release build, N rounds (default 2). With --against, REV is built in a git worktree in the
temporary folder (kept for the next call) and each round runs every lesson of both builds one
after the other, alternating which goes first, so that the shared machine's drift falls on both.
Printed per lesson: the best wall time and the best CPU time (user + system) of each build (A the
revision, B this checkout), their ratio B/A (below 1: this checkout is faster), the peak memory,
and whether metrics.json is the same in both (its `versions` aside): a speed change must leave
every number as it was. Exit status 1 if a lesson crashed or the numbers differ. Speed is
measured here, never in the tests.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def lessons(root):
    """The lesson names in order, from the lessons/NN-name folders."""
    names = sorted(entry for entry in os.listdir(os.path.join(root, "lessons")) if entry[:2].isdigit())
    return [name.split("-", 1)[1] for name in names]


def build(root):
    """Builds the release products of the checkout at `root`; exits with its error if that fails."""
    result = subprocess.run(["swift", "build", "-c", "release"], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"compare.py: error: the release build in {root} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return os.path.join(root, ".build", "release")


def worktree(revision):
    """A worktree of `revision` in the temporary folder, made once and reused."""
    commit = subprocess.run(["git", "rev-parse", "--verify", revision + "^{commit}"], cwd=ROOT, capture_output=True,
                            text=True)
    if commit.returncode != 0:
        sys.exit(f"compare.py: error: '{revision}' is not a revision of this repository")
    sha = commit.stdout.strip()
    path = os.path.join(tempfile.gettempdir(), f"gradientlab-against-{sha[:12]}")
    if not os.path.isdir(path):
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT)  # forget worktrees whose folder was removed
        added = subprocess.run(["git", "worktree", "add", "--detach", path, sha], cwd=ROOT, capture_output=True,
                               text=True)
        if added.returncode != 0:
            sys.exit(f"compare.py: error: cannot make a worktree of {revision} at {path}: {added.stderr.strip()}")
    return path, sha[:12]


def run(binary, lesson, quick, folder):
    """Runs one lesson (its terminal output into `folder`/LESSON.log); returns (wall seconds, CPU
    seconds, peak memory in MB, exit status)."""
    arguments = [os.path.join(binary, lesson), "--seed", "42", "--no-preview", "--plots-dir", folder]
    if quick:
        arguments.append("--quick")
    with open(os.path.join(folder, f"{lesson}.log"), "w") as log:
        start = time.perf_counter()
        process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def metrics(folder, lesson):
    """The lesson's metrics.json without its `versions` (tool versions, kernel), or None."""
    path = os.path.join(folder, lesson, "metrics.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        record = json.load(f)
    record.pop("versions", None)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", metavar="REV", help="another revision to run side by side")
    parser.add_argument("--quick", action="store_true", help="the lessons' quick mode")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every lesson (default 2)")
    parser.add_argument("lesson", nargs="*", help="lessons to run (default: all)")
    options = parser.parse_args()
    known = lessons(ROOT)
    chosen = options.lesson or known
    unknown = [name for name in chosen if name not in known]
    if unknown:
        parser.error(f"unknown lesson {', '.join(unknown)}; the lessons are {', '.join(known)}")
    if options.rounds < 1:
        parser.error("--rounds must be at least 1")
    against = worktree(options.against) if options.against else None
    builds = [(against[1], build(against[0]))] if against else []  # A: the revision before
    builds.append(("this checkout", build(ROOT)))  # B (or A alone)
    folders = [tempfile.mkdtemp(prefix="gradientlab-lessons-") for _ in builds]
    best = {(b, lesson): [float("inf"), float("inf"), 0.0] for b in range(len(builds)) for lesson in chosen}
    failed = []
    for round_index in range(options.rounds):
        for lesson in chosen:
            order = list(range(len(builds)))
            if round_index % 2 == 1:
                order.reverse()
            for b in order:
                wall, cpu, memory, status = run(builds[b][1], lesson, options.quick, folders[b])
                if status not in (0, 1):  # 1: a check failed, which is a result to compare
                    failed.append(f"{lesson} ({builds[b][0]}): exit status {status}, see {folders[b]}/{lesson}.log")
                entry = best[(b, lesson)]
                entry[0], entry[1], entry[2] = min(entry[0], wall), min(entry[1], cpu), max(entry[2], memory)
    mode = "quick" if options.quick else "full"
    print(f"{mode} lessons, best of {options.rounds} round(s); wall and CPU seconds, peak MB")
    header = f"{'lesson':<16}" + "".join(f"{'wall':>8}{'CPU':>8}{'MB':>7}" for _ in builds)
    if len(builds) == 2:
        header += f"{'wall B/A':>10}{'CPU B/A':>9}  same numbers"
    print("builds: " + "; ".join(f"{'AB'[b]} = {name}" for b, (name, _) in enumerate(builds)))
    print(header)
    totals = [[0.0, 0.0] for _ in builds]
    differ = []
    for lesson in chosen:
        row = f"{lesson:<16}"
        for b in range(len(builds)):
            wall, cpu, memory = best[(b, lesson)]
            totals[b][0] += wall
            totals[b][1] += cpu
            row += f"{wall:>8.1f}{cpu:>8.1f}{memory:>7.0f}"
        if len(builds) == 2:
            (wa, ca, _), (wb, cb, _) = best[(0, lesson)], best[(1, lesson)]
            same = metrics(folders[0], lesson) == metrics(folders[1], lesson)
            if not same:
                differ.append(lesson)
            row += f"{wb / wa:>10.2f}{cb / ca:>9.2f}  {'yes' if same else 'NO'}"
        print(row)
    total = f"{'total':<16}" + "".join(f"{wall:>8.1f}{cpu:>8.1f}{'':>7}" for wall, cpu in totals)
    if len(builds) == 2:
        total += f"{totals[1][0] / totals[0][0]:>10.2f}{totals[1][1] / totals[0][1]:>9.2f}"
    print(total)
    print(f"outputs: {', '.join(folders)}")
    for line in failed:
        print(f"compare.py: {line}", file=sys.stderr)
    if differ:
        print(f"compare.py: metrics.json differs between the builds for: {', '.join(differ)}", file=sys.stderr)
    sys.exit(1 if failed or differ else 0)


if __name__ == "__main__":
    main()
