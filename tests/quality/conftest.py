"""Choose the built site the quality suite checks, serve it on 127.0.0.1, and share one Chromium.

Which site, by environment:
- nothing set (plain `pytest`, `make test`): the example site, tests/sites/example, built on its today
  (2026-11-23) for the address it is served at — every test runs;
- QUALITY_SOURCE=<site folder> [QUALITY_TODAY=YYYY-MM-DD, default the real date, UTC]: that site, built so;
- QUALITY_BUILT=<output folder> QUALITY_BASE_URL=<the base URL it was built for>: a site built already (the
  publishing gate, tools/gate.py, checks its own build so). It is served as it is under the URL's path on
  127.0.0.1, and absolute links to the base URL count as links within the site.

The checks marked `gate` hold for ANY valid content; tests that rely on the example site's content take the
`served_example` fixture and skip on any other site. A failing build, a missing Chromium or Java make the tests
fail (never skip), with one line telling what to do.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import EXAMPLE, EXAMPLE_TODAY
from support.browser import BrowserMissing, launch
from support.serve import serve

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/dach/"
"""The path the example (or QUALITY_SOURCE) site is built for and served under, as on GitHub Pages."""


@dataclass(frozen=True)
class BuiltSite:
    """A built site, served on 127.0.0.1."""

    root: Path
    """Output folder."""
    base_url: str
    """The address it was built for (its canonical links, feeds, sitemap name it): https://…/dach/"""
    served_url: str
    """Where it is served: http://127.0.0.1:PORT/dach/ (the base URL's path on the test server)."""
    example: bool = False
    """True for the example site built on its today: tests of its content may run."""

    @property
    def host(self) -> str:
        """Return 127.0.0.1:PORT, the only server its pages may load from."""
        return urlsplit(self.served_url).netloc

    @property
    def base_path(self) -> str:
        """Return the URL path the site lives under: /dach/"""
        return urlsplit(self.base_url).path or "/"

    def url(self, path: str = "") -> str:
        """Return the served address of a site-relative path (de/partners/ → http://127.0.0.1:PORT/dach/de/partners/)."""
        return self.served_url + path.lstrip("/")


def _build(source: Path, out: Path, today: str, base_url: str) -> None:
    """Build a site folder; fail the session's tests with the build's output when it does not work."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--source", str(source), "--out", str(out),
               "--today", today, "--base-url", base_url]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build took over 600 s: {' '.join(command)}", pytrace=False)
    if result.returncode != 0 or not (out / "index.html").is_file():
        pytest.fail(f"the build failed (exit {result.returncode}): {' '.join(command)}\n"
                    f"{result.stderr[-6000:]}{result.stdout[-2000:]}", pytrace=False)


def _ready_built() -> tuple[Path, str] | None:
    """Return (folder, base URL) named by QUALITY_BUILT and QUALITY_BASE_URL, or None when not set."""
    folder = os.environ.get("QUALITY_BUILT")
    if not folder:
        return None
    base_url = os.environ.get("QUALITY_BASE_URL", "")
    if not base_url.startswith(("http://", "https://")):
        pytest.fail(f"QUALITY_BUILT={folder} needs QUALITY_BASE_URL=<the base URL it was built for> "
                    f"(got {base_url!r})", pytrace=False)
    if not (Path(folder) / "index.html").is_file():
        pytest.fail(f"QUALITY_BUILT={folder} holds no index.html", pytrace=False)
    return Path(folder).resolve(), base_url if base_url.endswith("/") else base_url + "/"


def _source_and_today() -> tuple[Path, str]:
    """Return the site folder to build and its today (QUALITY_SOURCE, QUALITY_TODAY; the example site by default)."""
    source = Path(os.environ.get("QUALITY_SOURCE") or EXAMPLE).resolve()
    if not (source / "data").is_dir():
        pytest.fail(f"QUALITY_SOURCE={source} is no site folder (it has no data/)", pytrace=False)
    default = EXAMPLE_TODAY if source == EXAMPLE.resolve() else dt.datetime.now(dt.timezone.utc).date()
    return source, os.environ.get("QUALITY_TODAY") or default.isoformat()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Return the site to check (see the module's docstring), served on 127.0.0.1 for the session."""
    ready = _ready_built()
    if ready:
        root, base_url = ready
        with serve(root, urlsplit(base_url).path) as served_url:
            yield BuiltSite(root, base_url, served_url)
        return
    source, today = _source_and_today()
    out = tmp_path_factory.mktemp("quality") / "site"
    with serve(out, PREFIX) as served_url:
        _build(source, out, today, served_url)
        yield BuiltSite(out, served_url, served_url,
                        example=source == EXAMPLE.resolve() and today == EXAMPLE_TODAY.isoformat())
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture
def served_example(built_site):
    """The built example site, for tests of its content (skipped when another site is checked)."""
    if not built_site.example:
        pytest.skip(f"needs the example site's content ({EXAMPLE.relative_to(ROOT)} on {EXAMPLE_TODAY}); "
                    "another site is checked")
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
