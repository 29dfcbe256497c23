"""Killing the build at any moment leaves output/ as the complete previous or the complete new site."""
from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from sitegen.parallel import HOLD
from support.minimal_site import write_site
from test_build import digest

RELEASES = 150
WAIT = 120
"""Seconds a test waits for a condition at most (generous: the machine may be busy)."""


def many_releases(marker: str) -> dict[str, str]:
    """Return enough releases to make a build take a noticeable moment; `marker` varies the text."""
    files = {}
    for number in range(RELEASES):
        key = f"2021-01-{number % 28 + 1:02d}-release-{number}"
        files[f"content/press/{key}.de.md"] = (f"---\ntitle: Meldung {number} {marker}\nsummary: Kurz.\n"
                                               f"date: 2021-01-{number % 28 + 1:02d}\n---\n" + "Text. " * 200 + "\n")
    return files


def start_build(site: Path, out: Path, *options: str) -> subprocess.Popen:
    """Start a build in a child process."""
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--source", str(site), "--out", str(out),
                             "--today", "2026-11-23", *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# Without the search index, each build makes the new site from the spare (the site swapped out before).
@pytest.mark.parametrize("options", [(), ("--no-search",)], ids=["search", "no-search"])
def test_sigkill_at_random_moments_never_leaves_a_mixed_or_missing_site(tmp_path, options):
    old_site = write_site(tmp_path / "old", many_releases("alt"))
    new_site = write_site(tmp_path / "new", many_releases("neu"))
    reference = tmp_path / "reference"
    for name, site in (("old", old_site), ("new", new_site)):
        assert start_build(site, reference / name, *options).wait(timeout=300) == 0
    old, new = digest(reference / "old"), digest(reference / "new")
    assert old != new
    out = tmp_path / "site-out" / "output"
    assert start_build(old_site, out, *options).wait(timeout=300) == 0
    started = time.monotonic()
    assert start_build(new_site, tmp_path / "timing", *options).wait(timeout=300) == 0
    duration = time.monotonic() - started
    chance = random.Random(20261123)
    for attempt in range(8):
        process = start_build(new_site if attempt % 2 == 0 else old_site, out, *options)
        time.sleep(chance.uniform(0, duration))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        state = digest(out)
        assert state in (old, new), f"attempt {attempt}: output is neither the old nor the new site"
    assert start_build(old_site, out, *options).wait(timeout=300) == 0
    assert digest(out) == old
    leftovers = [p.name for p in out.parent.iterdir() if p.name not in ("output", ".output.spare")]
    assert leftovers == [], f"stale temporary folders were not cleaned up: {leftovers}"


def test_publish_refuses_paths_that_leave_the_output_folder(tmp_path):
    from sitegen.write import publish

    out = tmp_path / "site"
    publish(out, [("de/index.html", b"old")])
    for bad in ("../escaped.html", "/etc/escaped.html", "de/../../escaped.html", "de//x.html", "./x.html", "a\\..\\x"):
        with pytest.raises(ValueError, match="refusing to write outside the output folder"):
            publish(out, [(bad, b"x")])
    assert (out / "de/index.html").read_bytes() == b"old"
    assert not (tmp_path / "escaped.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_killed_builds_temporary_folder_goes_even_when_nothing_changed(tmp_path):
    from sitegen.pipeline import build
    from sitegen.write import temp_prefix

    site = write_site(tmp_path / "site")
    out = tmp_path / "published" / "output"
    build(site, out, dt.date(2026, 11, 23), search=False)
    stale = out.parent / f"{temp_prefix(out)}killed"
    (stale / "de").mkdir(parents=True)
    report = build(site, out, dt.date(2026, 11, 23), search=False)
    assert report.unchanged
    assert [p.name for p in out.parent.iterdir()] == ["output"]


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def as_in_a_terminal() -> None:
    """Give the build the default Ctrl+C of a terminal's foreground job (run in the child before it starts): a test
    run started in the background (`make test &`, a CI script) ignores SIGINT, and a child inherits that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def held_workers(process: subprocess.Popen, hold: Path) -> int:
    """Wait until the build holds with workers forked (see `parallel.HOLD`); return how many it says it forked."""
    deadline = time.monotonic() + WAIT
    while not hold.exists():
        assert process.poll() is None, f"the build ended ({process.returncode}) before it forked workers"
        assert time.monotonic() < deadline, f"the build did not fork workers within {WAIT} s"
        time.sleep(0.01)
    return int(hold.read_text())


@pytest.mark.parametrize("stage", [pytest.param(1, id="while-loading"), pytest.param(
    2, id="while-rendering", marks=pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core renders alone"))])
def test_ctrl_c_stops_a_build_and_its_workers_with_one_line_and_the_site_stays(tmp_path, stage):
    """Ctrl+C reaches the whole process group. While the site is loaded one worker converts texts ahead; while it is
    rendered a worker per core renders: they leave Ctrl+C to the build, which stops them and says so in one line.

    The build waits at each moment it has forked workers (`parallel.HOLD`), so that Ctrl+C comes at that moment
    whatever the machine's speed: at the first (the texts converted ahead) or the second (the render workers)."""
    site = write_site(tmp_path / "site", many_releases("alt"))
    out = tmp_path / "site-out" / "output"
    assert start_build(site, out, "--no-search").wait(timeout=300) == 0
    before = digest(out)
    hold = tmp_path / "hold"
    command = [sys.executable, str(ROOT / "build.py"), "build", "--source", str(site), "--out", str(out),
               "--today", "2026-11-23", "--no-search", "--no-cache"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, env={**os.environ, HOLD: str(hold)}, preexec_fn=as_in_a_terminal)
    try:
        for moment in range(1, stage + 1):
            workers = held_workers(process, hold)
            if moment < stage:
                hold.unlink()  # let the build go on to the next moment
                continue
            assert workers == 1 if stage == 1 else workers >= 2  # converting ahead; rendering
            assert len(_children(process.pid)) == workers
            os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, stderr
    assert stderr == "\nStopped; the output folder holds the last complete site.\n"
    # The build stopped its workers before it ended (no one else would: they ignore Ctrl+C).
    assert subprocess.run(["pgrep", "-f", str(site)], capture_output=True).stdout == b""
    assert digest(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["output"]  # no temporary folder left
