"""Shared fixtures: tiny site folders written from strings, and running the command line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.minimal_site import write_site  # noqa: E402


@pytest.fixture
def site(tmp_path: Path):
    """Return a function writing the minimal site with changes into a fresh folder."""
    def make(changes: dict | None = None) -> Path:
        return write_site(tmp_path / "site", changes)
    return make


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run build.py with arguments; return the finished process (text output)."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
