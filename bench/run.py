"""The build benchmark: `make bench` (or `python bench/run.py N [N …]`).

For each size S(N) it writes the synthetic corpus (bench/corpus.py) into a temporary folder on
tmpfs (/dev/shm when there is one: this machine's disk makes many small writes slow and
erratic) and measures, without the search index, each as a fresh `build.py build` process:
cold full build (no cache), warm full build (cache present, nothing changed), rebuild after one
edited release, rebuild after one edited template — wall seconds, pages per second, peak
memory (RSS of the build process), pages written. Then the search index time on its own.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402


def timed(command: list[str]) -> tuple[float, int, str]:
    """Run a command; return wall seconds, peak RSS of it (kB, children) and its output."""
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before), result.stdout


def pages_of(output: str) -> int:
    """Return the page count from the build's summary line."""
    return int(output.split("Built ")[1].split(" pages")[0])


def measure(n: int, scratch: Path) -> None:
    """Print the figures for S(n)."""
    source, out = scratch / f"s{n}", scratch / f"o{n}"
    write_corpus(n, source)
    build = [sys.executable, str(ROOT / "build.py"), "build", "--source", str(source), "--out", str(out),
             "--today", "2026-11-23", "--no-search"]
    cache = ROOT / ".cache"
    shutil.rmtree(cache / "markdown", ignore_errors=True)
    rows = [("cold full build", timed(build + ["--no-cache"])), ("warm full build", None)]
    timed(build)  # fill the cache
    rows[1] = ("warm full build", timed(build))
    release = next((source / "content/press").glob("*.de.md"))
    release.write_text(release.read_text() + "\nEin geänderter Absatz.\n")
    rows.append(("one edited release", timed(build)))
    template = ROOT / "templates/partials/release_list.html"
    original = template.read_text()
    try:
        template.write_text(original + "\n")
        rows.append(("one edited template", timed(build)))
    finally:
        template.write_text(original)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--silent"], check=True, cwd=ROOT)
    search = time.monotonic() - started
    print(f"\nS({n}) on {scratch} — {os.cpu_count()} cores")
    print(f"{'':22}{'seconds':>9}{'pages/s':>10}{'peak MB':>10}{'pages':>8}")
    for name, (seconds, peak_kb, output) in rows:
        pages = pages_of(output)
        print(f"{name:22}{seconds:9.2f}{pages / seconds:10.0f}{peak_kb / 1024:10.0f}{pages:8d}")
    print(f"{'search index (Pagefind)':22}{search:9.2f}")


def main(sizes: list[int]) -> None:
    """Run the benchmark for every size."""
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-", dir=base) as scratch:
        for n in sizes:
            measure(n, Path(scratch))
    print("\nPeak memory is the largest RSS of any build process run so far (getrusage of children).")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [500, 2000])
