"""Build the site once per session, serve it on 127.0.0.1 under /dach/, and share one Chromium.

The build is the real one:
    python build.py build --source ROOT --out TMP --today 2026-11-23 --base-url http://127.0.0.1:PORT/dach/
With QUALITY_SITE_DIR=folder the suite checks a ready-made site instead (the harness's self-test:
QUALITY_SITE_DIR=tests/quality/fixture_site); `__BASE_URL__` in its text files becomes the served
address, and tests that need the real site's content skip.

A missing build.py, a failing build, a missing Chromium or Java make the tests fail (never skip),
with one line telling what to do.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.browser import BrowserMissing, launch
from support.serve import serve

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
PREFIX = "/dach/"
BASE_URL_TOKEN = "__BASE_URL__"
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".ics", ".css", ".js", ".json", ".webmanifest", ".svg"}


@dataclass(frozen=True)
class BuiltSite:
    """A built and served site."""

    root: Path
    """Output folder."""
    base_url: str
    """Where it is served and what it was built for: http://127.0.0.1:PORT/dach/"""
    fixture: bool = False
    """True when QUALITY_SITE_DIR named a ready-made site instead of the real build."""

    @property
    def host(self) -> str:
        """Return 127.0.0.1:PORT."""
        return self.base_url.split("/")[2]

    @property
    def base_path(self) -> str:
        """Return the URL path the site lives under: /dach/"""
        return PREFIX

    def url(self, path: str = "") -> str:
        """Return the absolute URL of a site-relative path ('de/partners/' → http://127.0.0.1:PORT/dach/de/partners/)."""
        return self.base_url + path.lstrip("/")


def _copy_ready_made(source: Path, out: Path, base_url: str) -> None:
    """Copy a ready-made site, filling in its base URL."""
    if not (source / "index.html").is_file():
        pytest.fail(f"QUALITY_SITE_DIR={source} holds no index.html", pytrace=False)
    shutil.copytree(source, out)
    for file in out.rglob("*"):
        if file.suffix in TEXT_SUFFIXES and file.is_file():
            text = file.read_text(encoding="utf-8")
            if BASE_URL_TOKEN in text:
                file.write_text(text.replace(BASE_URL_TOKEN, base_url), encoding="utf-8")


def _build(out: Path, base_url: str) -> None:
    """Run the real build; fail the session's tests with its output when it does not work."""
    build = ROOT / "build.py"
    if not build.is_file():
        pytest.fail(f"{build} does not exist yet (set QUALITY_SITE_DIR=tests/quality/fixture_site to test the harness)",
                    pytrace=False)
    command = [sys.executable, str(build), "build", "--source", str(ROOT), "--out", str(out), "--today", TODAY,
               "--base-url", base_url]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build took over 600 s: {' '.join(command)}", pytrace=False)
    if result.returncode != 0 or not (out / "index.html").is_file():
        pytest.fail(f"the build failed (exit {result.returncode}): {' '.join(command)}\n"
                    f"{result.stderr[-6000:]}{result.stdout[-2000:]}", pytrace=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the repository's site (or copy QUALITY_SITE_DIR) into a temporary folder and serve it under /dach/."""
    out = tmp_path_factory.mktemp("quality") / "site"
    ready_made = os.environ.get("QUALITY_SITE_DIR")
    with serve(out, PREFIX) as base_url:
        if ready_made:
            _copy_ready_made(Path(ready_made).resolve(), out, base_url)
        else:
            _build(out, base_url)
        yield BuiltSite(out, base_url, fixture=bool(ready_made))
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture
def real_site(built_site):
    """The built site, for journeys that rely on the real content (skipped on the harness's fixture site)."""
    if built_site.fixture:
        pytest.skip("needs the real site's content; QUALITY_SITE_DIR names a ready-made site")
    return built_site


@pytest.fixture(scope="session")
def browser():
    """Return a headless Chromium shared by the session (fail with the install instruction if there is none)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        missing = chromium = None
        try:
            chromium = launch(playwright)
        except BrowserMissing as error:
            missing = str(error)
        if missing:
            pytest.fail(missing, pytrace=False)
        yield chromium
        chromium.close()
