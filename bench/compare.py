"""The benchmark against older code: `make bench-compare OLD=<git rev> N=5000 RUNS=5`.

Checks OLD out into a git worktree on tmpfs (/dev/shm; removed at the end, also on failure), writes the corpus
S(N) once, and then, for run 1..RUNS, measures OLD and this working tree alternately (OLD, NEW, OLD, NEW, …),
each on a fresh copy of the corpus, with bench/run.py's measurements: cold full build, warm full build, one
edited release (median of three edits), dev server save → reload signal (median of five saves), and peak
memory (the largest RSS among that run's builds and the dev server). Both are run by this repository's
Python (.venv), each with its own tree as working directory and import path (`build.py` of that tree, whose
`.cache/` it uses). It prints the medians of the runs per row for OLD and NEW, NEW/OLD, and marks every row
where NEW is more than WORSE (10 %) worse; then the same as a Markdown table for bench/README.md. Exit status 1
when a row is marked. Issue 28's must-hold: N=5000, RUNS=5.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.run import build_rows, dev_server  # noqa: E402

ROWS = ("cold full build", "warm full build", "one edited release", "dev server: save → reload", "peak memory")
"""The rows compared, in the order shown; all but the last are seconds, the last megabytes."""
WORSE = 0.10
"""NEW may be at most this much worse than OLD in any row (issue 28)."""


@dataclass(frozen=True)
class Row:
    """One figure of OLD and NEW: the medians of their runs."""

    name: str
    old: float
    new: float

    @property
    def ratio(self) -> float:
        """NEW / OLD (below 1: NEW is better; every figure is a cost)."""
        return self.new / self.old if self.old else float("inf") if self.new else 1.0

    @property
    def worse(self) -> bool:
        """Whether NEW is more than WORSE worse than OLD."""
        return self.ratio > 1 + WORSE


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """Return the median of each row over the runs (each run: {row: figure})."""
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def compare(old_runs: list[dict[str, float]], new_runs: list[dict[str, float]]) -> list[Row]:
    """Return the rows of ROWS present in the runs, with the medians of OLD's and of NEW's runs."""
    old, new = medians(old_runs), medians(new_runs)
    return [Row(name, old[name], new[name]) for name in ROWS if name in old and name in new]


def _figure(row: Row, value: float) -> str:
    return f"{value:.0f} MB" if row.name == "peak memory" else f"{value:.2f} s"


def _mark(row: Row) -> str:
    return f"✗ more than {WORSE:.0%} worse" if row.worse else "✔"


def text_table(rows: list[Row], old_label: str, new_label: str) -> str:
    """Return the rows as an aligned text table for the terminal."""
    lines = [f"{'median of the runs':30}{old_label[:16]:>18}{new_label[:16]:>18}{'NEW/OLD':>9}"]
    lines += [f"{row.name:30}{_figure(row, row.old):>18}{_figure(row, row.new):>18}{row.ratio:9.2f}  {_mark(row)}"
              for row in rows]
    return "\n".join(lines)


def markdown_table(rows: list[Row], old_label: str, new_label: str) -> str:
    """Return the rows as a Markdown table for bench/README.md."""
    lines = [f"| median of the runs | {old_label} | {new_label} | NEW/OLD | |", "|---|---:|---:|---:|---|"]
    lines += [f"| {row.name} | {_figure(row, row.old)} | {_figure(row, row.new)} | {row.ratio:.2f} | {_mark(row)} |"
              for row in rows]
    return "\n".join(lines)


def measure_once(root: Path, corpus: Path, scratch: Path) -> dict[str, float]:
    """Measure the generator in `root` on a fresh copy of the corpus; return {row: seconds or MB}."""
    source, out = scratch / "source", scratch / "out"
    shutil.copytree(corpus, source)
    try:
        rows = build_rows(source, out, root)
        _, server_median, server_kb = dev_server(source, scratch / "served", root)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    figures = {name: seconds for name, (seconds, _, _) in rows}
    figures["dev server: save → reload"] = server_median
    figures["peak memory"] = max([peak_kb for _, (_, peak_kb, _) in rows] + [server_kb]) / 1024
    return figures


def git(*args: str) -> str:
    """Run git in this repository; return its output without the final newline."""
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def _stop_on_term(signum, frame) -> None:  # make's and the terminal's stop: let `finally` remove the worktree
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Measure OLD and this tree alternately RUNS times on S(N); print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", help="the git revision to compare with (e.g. the commit before the step)")
    parser.add_argument("n", type=int, nargs="?", default=5000, help="the corpus size S(N) (default 5000)")
    parser.add_argument("runs", type=int, nargs="?", default=5, help="runs of each, alternating (default 5)")
    args = parser.parse_args(argv)
    commit = git("rev-parse", "--verify", f"{args.old}^{{commit}}")
    old_label = f"OLD {commit[:8]}"
    new_label = f"NEW {git('rev-parse', '--short=8', 'HEAD')}{'+' if git('status', '--porcelain') else ''}"
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench/run.py: each build would compile the code again
    signal.signal(signal.SIGTERM, _stop_on_term)
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="sitegen-compare-", dir=base) as scratch_name:
        scratch = Path(scratch_name)
        worktree = scratch / "old"
        git("worktree", "add", "--detach", str(worktree), commit)
        try:
            write_corpus(args.n, scratch / "corpus")
            roots = {"OLD": worktree, "NEW": ROOT}
            runs: dict[str, list[dict[str, float]]] = {"OLD": [], "NEW": []}
            for run in range(1, args.runs + 1):
                for which, root in roots.items():
                    figures = measure_once(root, scratch / "corpus", scratch / f"{which}-{run}")
                    runs[which].append(figures)
                    print(f"run {run}/{args.runs} {which}: " + ", ".join(
                        f"{name} {value:.2f}" for name, value in figures.items()), flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, capture_output=True)
            subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)
    rows = compare(runs["OLD"], runs["NEW"])
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nS({args.n}), {args.runs} runs each, alternating OLD and NEW on tmpfs, {os.cpu_count()} cores, "
          f"load average {load} at the end ({dt.date.today()})\n")
    print(text_table(rows, old_label, new_label))
    print("\nAs Markdown for bench/README.md:\n")
    print(markdown_table(rows, old_label, new_label))
    return 1 if any(row.worse for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
