"""Build the real sample site once, serve it on 127.0.0.1 under /dach/, and share a browser."""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.browser import launch
from support.serve import serve

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
PREFIX = "/dach/"


@dataclass(frozen=True)
class BuiltSite:
    """A built and served site."""

    root: Path
    """Output folder."""
    base_url: str
    """http://127.0.0.1:PORT/dach/"""

    @property
    def host(self) -> str:
        """Return host:port."""
        return self.base_url.split("/")[2]

    def url(self, path: str = "") -> str:
        """Return the absolute URL of a site-relative path."""
        return self.base_url + path.lstrip("/")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the repository's site into a temporary folder and serve it."""
    out = tmp_path_factory.mktemp("quality") / "output"
    with serve(out, PREFIX) as base_url:
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", str(out), "--today", TODAY,
                                 "--base-url", base_url], capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        yield BuiltSite(out, base_url)
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    """Return a headless Chromium shared by the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
