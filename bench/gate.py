"""The publishing gate's benchmark: `make bench-gate` (or `python bench/gate.py [RUNS]`).

What CI runs for a push that changes content only is `tools/gate.py` over the real site (check, build,
the gate's checks of the output, browser and Nu checker included). This copies the repository's
content/ and data/ to tmpfs (/dev/shm when there is one), makes an editor's change (one more release
in both languages, dated today), and times RUNS fresh gates one after another, each into an empty
output folder, as CI makes it: wall seconds of each gate with its stage lines, the median and the slowest. Figures go into bench/README.md, never into tests.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 120.0
"""Seconds the gate may take for a change of content only (issue: within 2 minutes on this machine)."""
RELEASE = """---
title: {title}
summary: {summary}
{neutral}---

{body}
"""


def edited_site(scratch: Path, today: dt.date) -> Path:
    """Copy the real site into scratch and add a release in both languages dated today; return the folder."""
    site = scratch / "site"
    for part in ("content", "data"):
        shutil.copytree(ROOT / part, site / part)
    name = f"{today.isoformat()}-bench-gate"
    texts = {"de": ("Eine Meldung", "Kurz gesagt.", "Ein Absatz der neuen Meldung."),
             "en": ("A release", "In short.", "A paragraph of the new release.")}
    for lang, (title, summary, body) in texts.items():
        neutral = f"date: {today.isoformat()}\ntags: [alliance]\n" if lang == "de" else ""
        (site / "content/press" / f"{name}.{lang}.md").write_text(
            RELEASE.format(title=title, summary=summary, neutral=neutral, body=body), encoding="utf-8")
    return site


def one_gate(site: Path, out: Path, today: dt.date) -> tuple[float, list[str]]:
    """Run the gate once; return its wall seconds and its output lines (exit when it fails)."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "tools/gate.py"), "--source", str(site), "--out", str(out),
                             "--today", today.isoformat()], capture_output=True, text=True, cwd=ROOT)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        sys.exit(f"the gate failed (exit {result.returncode}):\n{result.stdout[-4000:]}" + "\n".join(errors))
    return seconds, result.stdout.splitlines()


def main(runs: int) -> None:
    """Time `runs` gates over the edited real site and print the figures."""
    today = dt.datetime.now(dt.timezone.utc).date()
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as scratch:
        site = edited_site(Path(scratch), today)
        times = []
        for number in range(1, runs + 1):
            seconds, lines = one_gate(site, Path(scratch) / "out", today)
            times.append(seconds)
            stages = "; ".join(line.removeprefix("gate: ") for line in lines[:3])
            print(f"gate {number}: {seconds:.1f} s ({stages})", flush=True)
    load = os.getloadavg()[0]
    verdict = "within" if statistics.median(times) <= TARGET else "OVER"
    print(f"median {statistics.median(times):.1f} s, slowest {max(times):.1f} s over {runs} runs "
          f"({verdict} the target of {TARGET:.0f} s; load average {load:.1f} at the end)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
