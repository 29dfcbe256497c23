"""Shared fixtures: tiny site folders written from strings, the example site, and running the command line.

Tests never read the real site's content/ and data/*.yaml (tests/test_independence.py sees to it): they build
sites of their own, or the example site EXAMPLE, whose texts and data assume that today is EXAMPLE_TODAY.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.minimal_site import write_site  # noqa: E402

EXAMPLE = ROOT / "tests/sites/example"
"""The example site folder (content/, data/): every feature shown, partly invented (`example: true`)."""
EXAMPLE_TODAY = dt.date(2026, 11, 23)
"""The day the example site's texts and data are written for (upcoming events, embargoes, dates of changes)."""


@pytest.fixture
def site(tmp_path: Path):
    """Return a function writing the minimal site with changes into a fresh folder."""
    def make(changes: dict | None = None) -> Path:
        return write_site(tmp_path / "site", changes)
    return make


@pytest.fixture(scope="session")
def example_site():
    """Return the example site, validated on EXAMPLE_TODAY."""
    from sitegen.pipeline import check
    site, problems = check(EXAMPLE, today=EXAMPLE_TODAY)
    assert site is not None, [problem.format() for problem in problems]
    return site


@pytest.fixture(scope="session")
def example_built(tmp_path_factory) -> Path:
    """Build the example site on EXAMPLE_TODAY without the search index, once per session; return the output folder.

    Tests only read it."""
    from sitegen.pipeline import build
    out = tmp_path_factory.mktemp("example") / "out"
    build(EXAMPLE, out, EXAMPLE_TODAY, search=False)
    return out


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run build.py with arguments; return the finished process (text output)."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
