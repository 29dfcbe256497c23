"""The build benchmark: `make bench` (or `python bench/run.py N [N …]`).

For each size S(N) it writes the synthetic corpus (bench/corpus.py) into a temporary folder on
tmpfs (/dev/shm when there is one: this machine's disk makes many small writes slow and
erratic), builds it once to fill the cache, and measures, without the search index, each as a
fresh `build.py build` process: cold full build (no cache), warm full build (cache present,
nothing changed), rebuild after one edited release, rebuild after one edited template (each the
median of three edits one after another) — wall seconds, pages per second, peak memory (largest
RSS of that build's processes), pages in the site. Then the dev server: with `build.py serve` running and a client speaking the livereload
protocol as a browser does, the time from saving a release to the reload signal (and the
server's peak RSS); the search index on its own, and the bare minimum on this machine (read the
releases, convert them with Python-Markdown, fill a tiny template, write them, on all cores),
which puts the other figures in proportion to the machine they were measured on.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import hostile  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402

try:  # where the generator keeps it: sitegen/versions.py since issue 28, sitegen/memory.py before
    from sitegen.versions import RACY_NS  # noqa: E402
except ImportError:
    from sitegen.memory import RACY_NS  # noqa: E402

TODAY = "2026-11-23"


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, int, str]:
    """Run a command in `cwd`; return wall seconds, the peak RSS of it and its workers (kB) and its output."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{stderr.read().decode()}")
        return elapsed, usage.ru_maxrss, stdout.read().decode()


SAVE_TO_RELOAD = """
import asyncio, json, statistics, sys, time
from pathlib import Path
from tornado.websocket import websocket_connect
port, releases = int(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]]
async def main():
    socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await socket.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await socket.read_message()
    await socket.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/de/", "plugins": {}}))
    await asyncio.sleep(1)
    seconds = []
    for release in releases:
        started = time.monotonic()
        release.write_text(release.read_text() + "\\nNoch ein Absatz.\\n")
        await asyncio.wait_for(socket.read_message(), 120)
        seconds.append(time.monotonic() - started)
        await asyncio.sleep(1)
    print(f"{min(seconds):.3f} {statistics.median(seconds):.3f}")
asyncio.run(main())
"""
"""What an editor waits for: from saving a release to the reload signal of a running `build.py serve`."""


def dev_server(source: Path, out: Path, root: Path = ROOT) -> tuple[float, float, int]:
    """Start the dev server (the generator in `root`) on S(n), save five releases one after another; return min
    and median seconds from save to reload signal, and the server's peak RSS (kB)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(root / "build.py"), "serve", "--source", str(source), "--out",
                               str(out), "--port", str(port), "--today", TODAY], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in server.stdout:
            if line.startswith("Serving "):
                break
        else:
            raise SystemExit(f"the dev server did not start (exit {server.wait()})")
        said: list[str] = []  # what the server says after it started (its pipe kept drained), shown if the client fails
        threading.Thread(target=lambda: said.extend(server.stdout), daemon=True).start()
        releases = sorted((source / "content/press").glob("*.de.md"))[10:15]
        client = subprocess.run([sys.executable, "-c", SAVE_TO_RELOAD, str(port), *map(str, releases)], cwd=ROOT,
                                capture_output=True, text=True)
        if client.returncode:
            raise SystemExit(f"the dev-server client failed (exit {client.returncode}):\n{client.stderr[-3000:]}\n"
                             f"the server said:\n{''.join(said[-40:])}")
        output = client.stdout
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
        fastest, median = map(float, output.split())
        return fastest, median, peak_kb
    finally:
        server.terminate()
        server.wait(timeout=30)


FLOOR = """
import multiprocessing, sys, time
from pathlib import Path
import jinja2, markdown
source, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(exist_ok=True)
page = jinja2.Template("<!doctype html><title>{{ title }}</title><main>{{ body }}</main>")
converter = markdown.Markdown()
def one(path):
    converter.reset()
    body = converter.convert(path.read_text(encoding="utf-8"))
    (out / (path.stem + ".html")).write_text(page.render(title=path.stem, body=body), encoding="utf-8")
files = sorted((source / "content/press").glob("*.md"))
started = time.monotonic()
with multiprocessing.get_context("fork").Pool() as pool:
    for _ in pool.imap_unordered(one, files, chunksize=32):
        pass
print(f"{time.monotonic() - started:.3f} {len(files)}")
"""
"""The bare minimum: read, convert with Python-Markdown, fill a tiny template, write, on all cores."""


TARGETS_AT = 2000
"""The size the time targets are set for: cold ≤ 6 s, warm ≤ 2.7 s, an edited release ≤ 1 s as a fresh build and
≤ 0.3 s in the dev server, an edited template ≤ the warm build. Peak memory: ≤ PEAK_MB at every size up to S(5000)."""
PEAK_MB = 150


def verdict(value: float, limit: float | None) -> str:
    """Return '≤ limit ✔' or '≤ limit ✗' ('—' when there is no target for the figure)."""
    return "—" if limit is None else f"≤ {limit:.3g} {'✔' if value <= limit else '✗'}"


EDITS = 3
"""Edits of a release (and of the template) one after another; the row shows the median build."""


def median_of(runs: list[tuple[float, int, str]]) -> tuple[float, int, str]:
    """Return the run of median seconds, with the largest peak memory of all runs."""
    seconds, _, output = sorted(runs)[len(runs) // 2]
    return seconds, max(peak_kb for _, peak_kb, _ in runs), output


def summary_of(output: str) -> tuple[int, int]:
    """Return the pages in the site and the files written, from the build's summary line."""
    line = output[output.index("Built "):]
    pages = int(line.split("Built ")[1].split(" pages")[0])
    written = int(line.split(" files")[0].rsplit(" ", 1)[1])
    return pages, written


def build_command(source: Path, out: Path, root: Path = ROOT) -> list[str]:
    """Return the command of a fresh build of `source` into `out` by the generator in `root`, without search."""
    return [sys.executable, str(root / "build.py"), "build", "--source", str(source), "--out", str(out),
            "--today", TODAY, "--no-search"]


def build_rows(source: Path, out: Path, root: Path = ROOT) -> list[tuple[str, tuple[float, int, str]]]:
    """Time the cold, the warm and the edited-release build of `source` (edited in place) by the generator in `root`."""
    time.sleep(RACY_NS / 1e9)  # files saved just now are not trusted by their times; an editor's are older
    build = build_command(source, out, root)
    cache = root / ".cache"
    shutil.rmtree(cache / "markdown", ignore_errors=True)
    (cache / "memory.pickle").unlink(missing_ok=True)
    # As an editor's builds follow one another: a first build fills the cache (converted Markdown, the
    # memory of the last build); the cold one ignores the cache and the site in the output folder.
    timed(build, root)
    rows = [("cold full build", timed(build + ["--no-cache"], root)), ("warm full build", timed(build, root))]
    edited = []
    for release in sorted((source / "content/press").glob("*.de.md"))[:EDITS]:
        release.write_text(release.read_text() + "\nEin geänderter Absatz.\n")
        edited.append(timed(build, root))
    rows.append(("one edited release", median_of(edited)))
    return rows


def measure(n: int, scratch: Path) -> None:
    """Print the figures for S(n)."""
    source, out = scratch / f"s{n}", scratch / f"o{n}"
    write_corpus(n, source)
    rows = build_rows(source, out)
    build = build_command(source, out)
    template = ROOT / "templates/partials/release_list.html"
    original = template.read_text()
    edited = []
    try:
        for newlines in range(1, EDITS + 1):
            template.write_text(original + "\n" * newlines)
            edited.append(timed(build))
    finally:
        template.write_text(original)
    rows.append(("one edited template", median_of(edited)))
    server_fastest, server_median, server_kb = dev_server(source, scratch / f"served{n}")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--silent"], check=True, cwd=ROOT)
    search = time.monotonic() - started
    floor_seconds, floor_pages = timed([sys.executable, "-c", FLOOR, str(source), str(scratch / f"floor{n}")])[2].split()
    shutil.rmtree(scratch / f"floor{n}", ignore_errors=True)
    seconds_of = {name: seconds for name, (seconds, _, _) in rows}
    limits = {"cold full build": 6, "warm full build": 2.7, "one edited release": 1,
              "one edited template": seconds_of["warm full build"], "dev server": 0.3} if n == TARGETS_AT else {}
    print(f"\nS({n}) on {scratch} — {os.cpu_count()} cores")
    print(f"{'':34}{'seconds':>9}{'pages/s':>10}{'peak MB':>10}{'pages':>8}{'written':>9}  target: seconds, peak MB")
    for name, (seconds, peak_kb, output) in rows:
        pages, written = summary_of(output)
        print(f"{name:34}{seconds:9.2f}{pages / seconds:10.0f}{peak_kb / 1024:10.0f}{pages:8d}{written:9d}"
              f"  {verdict(seconds, limits.get(name))}, {verdict(peak_kb / 1024, PEAK_MB)}")
    print(f"{'dev server: save → reload signal':34}{server_median:9.2f}{'':10}{server_kb / 1024:10.0f}{'':17}"
          f"  {verdict(server_median, limits.get('dev server'))}, {verdict(server_kb / 1024, PEAK_MB)}"
          f"  (median of 5 saves; fastest {server_fastest:.2f} s)")
    print(f"{'search index (Pagefind)':34}{search:9.2f}")
    print(f"{'bare minimum (see above)':34}{float(floor_seconds):9.2f}{int(floor_pages) / float(floor_seconds):10.0f}"
          f"{'':10}{int(floor_pages):8d}{int(floor_pages):9d}")


def main(sizes: list[int]) -> None:
    """Run the benchmark for every size."""
    # Python keeps the generator's compiled code beside it (__pycache__/, ignored by git) unless told not
    # to, as this machine's environment does: each build process would compile it again (see README.md).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-", dir=base) as scratch:
        for n in sizes:
            measure(n, Path(scratch))
    print(f"\nEdited release and template: the median of {EDITS} edits one after another (peak memory: the largest).")
    print("Peak memory: the largest RSS among a build's processes (the main one and its render workers).")
    print()
    hostile.main()  # the slowest texts the checks let through, and their refusing the others (bench/hostile.py)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [500, 2000])
