#!/usr/bin/env python3
"""Lighthouse over the built example site in mobile mode, and screenshots of every page type at 390 and 1280 px.

    .venv/bin/python tools/lighthouse.py [--source DIR] [--today YYYY-MM-DD] [--runs N] [--pages PATH …]
                                         [--no-screenshots]

Builds the site folder (default: the example site, tests/sites/example, on its today 2026-11-23) for the address it
is then served at, http://127.0.0.1:PORT/dach/ (a base path, as on GitHub Pages), and runs Lighthouse
(npm lighthouse, installed into .tools/lighthouse/ by `make lighthouse`) in its default mobile mode on the home page,
the partner index, one partner, one release, the event index and one event, in each language. It asserts what does
not depend on the machine: accessibility, best practices and SEO score 1.0 and the cumulative layout shift is 0;
performance moves with the machine's load, so it is reported, never asserted (with --runs N, the median of N
runs). Then it saves a full-page screenshot of one page of each page type (tests/support/pagetypes.py) at 390 × 844
and 1280 × 900 into test-artifacts/screenshots/, and Lighthouse's reports into test-artifacts/lighthouse/.

Exit status: 0 every assertion held, 1 one failed (each is printed with the audits that cost points), 2 it could
not run (no Lighthouse, no Chromium, the build failed).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import BrowserMissing, executable, launch  # noqa: E402
from support.pagetypes import one_of_each, page_types  # noqa: E402
from support.serve import serve  # noqa: E402

EXAMPLE = ROOT / "tests" / "sites" / "example"
EXAMPLE_TODAY = "2026-11-23"
PREFIX = "/dach/"
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
ARTIFACTS = ROOT / "test-artifacts"
ASSERTED = ("accessibility", "best-practices", "seo")
"""Categories that must score 1.0 on every page, whatever the machine's load."""
CATEGORIES = ("performance", *ASSERTED)
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
SIZES = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
"""Screenshot sizes: a phone (390 × 844) and a desktop."""


@dataclass(frozen=True)
class Result:
    """What Lighthouse found on one page."""

    path: str
    """The page's address within the site (de/partners/)."""
    scores: dict
    """Category → score (0 to 1; None when Lighthouse could not score it)."""
    shift: float
    """Cumulative layout shift."""
    lost: tuple[str, ...]
    """The audits of the asserted categories that did not pass: 'category: audit id — title'."""

    def failures(self) -> list[str]:
        """Return what breaks the assertions: an asserted category below 1.0, any layout shift."""
        found = [f"{name} {self.scores.get(name)}" for name in ASSERTED if self.scores.get(name) != 1]
        if self.shift != 0:
            found.append(f"cumulative layout shift {self.shift:.4f}")
        return found


def pages_to_run(root: Path, languages: tuple[str, ...]) -> list[str]:
    """Return the pages Lighthouse runs on: home, partner index, a partner, a release (one with a picture if there
    is one), the event index and an event, in each language that has them."""
    types = page_types(root)
    chosen = []
    for lang in languages:
        wanted = [f"{lang}/", f"{lang}/partners/", f"{lang}/events/"]
        for shape in (f"{lang}/partners/<item>/", f"{lang}/press/<item>/", f"{lang}/events/<item>/"):
            addresses = [a for key, found in types.items() if key.split(" ")[0] == shape for a in found]
            pictured = [a for a in addresses if 'class="release-image"' in (root / a / "index.html").read_text()]
            if addresses:
                wanted.append((pictured or addresses)[0])
        chosen += [path for path in wanted if (root / path / "index.html").is_file()]
    return chosen


def chrome_path() -> str:
    """Return the Chromium Lighthouse drives: $CHROME_PATH if set, else the one the browser tests use
    (tests/support/browser.py: $CHROMIUM, Debian's, or Playwright's own); raise BrowserMissing if there is none."""
    if os.environ.get("CHROME_PATH"):
        return os.environ["CHROME_PATH"]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return executable(playwright) or playwright.chromium.executable_path


def run_lighthouse(url: str, report: Path, chrome: str) -> dict:
    """Run Lighthouse (mobile, its default) on one address; return its JSON report (also written to `report`)."""
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    environment = {**os.environ, "CHROME_PATH": chrome}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=600)
    if done.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url} (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def combined(runs: list[Result]) -> Result:
    """Return one page's runs as one result: the median performance (scores move with the machine's load), the worst
    of the asserted categories and of the layout shift, every audit that cost points in any run."""
    scores = {name: min((run.scores.get(name) for run in runs), key=lambda value: -1 if value is None else value)
              for name in ASSERTED}
    performance = sorted((run.scores.get("performance") or 0) for run in runs)[len(runs) // 2]
    return Result(runs[0].path, {"performance": performance, **scores}, max(run.shift for run in runs),
                  tuple(dict.fromkeys(audit for run in runs for audit in run.lost)))


def read_report(path: str, report: dict) -> Result:
    """Return the scores, the layout shift and the audits that cost points of the asserted categories."""
    categories = report["categories"]
    audits = report["audits"]
    lost = []
    for name in ASSERTED:
        for reference in categories[name]["auditRefs"]:
            audit = audits[reference["id"]]
            if reference.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{name}: {audit['id']} — {audit['title']}{_items(audit)}")
    return Result(path, {name: categories[name]["score"] for name in CATEGORIES},
                  float(audits["cumulative-layout-shift"]["numericValue"]), tuple(lost))


def _items(audit: dict) -> str:
    """Return up to three of an audit's failing elements, for the report."""
    items = (audit.get("details") or {}).get("items") or []
    shown = []
    for item in items[:3]:
        node = item.get("node") or {}
        shown.append(node.get("snippet") or node.get("selector") or item.get("url") or item.get("source")
                     or " ".join(str(item[key]) for key in ("text", "href") if item.get(key)))
    return f" ({'; '.join(filter(None, shown))})" if any(shown) else ""


def build(source: Path, out: Path, today: str, base_url: str) -> None:
    """Build the site folder for `base_url` (without the search index, which no page run here needs)."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--source", str(source), "--out", str(out),
               "--today", today, "--base-url", base_url, "--no-search"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the build failed (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-4000:]}")


def screenshots(root: Path, base: str, folder: Path) -> list[Path]:
    """Save a full-page screenshot of one page of each page type at each size; return the files."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for width, viewport in SIZES.items():
            phone = viewport["width"] < 600
            context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, device_scale_factor=1)
            page = context.new_page()
            for path in one_of_each(root):
                page.goto(base + path, wait_until="load")
                name = (path.strip("/").replace("/", "_").removesuffix(".html") or "chooser")
                target = folder / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    """Build, serve, run Lighthouse and take the screenshots; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=EXAMPLE, help="site folder (default: the example site)")
    parser.add_argument("--today", default=None, help="YYYY-MM-DD (default: the example site's 2026-11-23)")
    parser.add_argument("--no-screenshots", action="store_true", help="leave out the screenshots")
    parser.add_argument("--pages", nargs="*", help="addresses within the site instead of the usual pages")
    parser.add_argument("--runs", type=int, default=1,
                        help="runs per page (default 1): the median performance is reported, the worst of the rest")
    options = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        print(f"Lighthouse is missing ({LIGHTHOUSE.relative_to(ROOT)}): run `make lighthouse`, which installs it",
              file=sys.stderr)
        return 2
    try:
        chrome = chrome_path()
    except BrowserMissing as error:
        print(error, file=sys.stderr)
        return 2
    today = options.today or EXAMPLE_TODAY
    reports = ARTIFACTS / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temporary:
        out = Path(temporary) / "site"
        with serve(out, PREFIX) as base:
            try:
                build(options.source.resolve(), out, today, base)
            except RuntimeError as error:
                print(error, file=sys.stderr)
                return 2
            results = []
            for path in options.pages or pages_to_run(out, ("de", "en")):
                report = reports / ((path.strip("/").replace("/", "_") or "root") + ".json")
                try:
                    result = combined([read_report(path, run_lighthouse(base + path, report, chrome))
                                       for _ in range(max(options.runs, 1))])
                except RuntimeError as error:
                    print(error, file=sys.stderr)
                    return 2
                results.append(result)
                print(line(result), flush=True)
            if not options.no_screenshots:
                saved = screenshots(out, base, ARTIFACTS / "screenshots")
                print(f"{len(saved)} screenshots in {(ARTIFACTS / 'screenshots').relative_to(ROOT)}/")
    failed = [result for result in results if result.failures()]
    for result in failed:
        print(f"/{result.path}: {', '.join(result.failures())}")
        for audit in result.lost:
            print(f"    {audit}")
    print(f"{len(results) - len(failed)} of {len(results)} pages passed (accessibility, best practices, SEO 1.0; "
          f"no layout shift); performance is reported, not asserted")
    return 1 if failed else 0


def line(result: Result) -> str:
    """Return one page's scores on one line."""
    scores = " ".join(f"{name}={_score(result.scores.get(name))}" for name in CATEGORIES)
    return f"{'ok  ' if not result.failures() else 'FAIL'} /{result.path}: {scores} CLS={result.shift:.3f}"


def _score(value) -> str:
    return "n/a" if value is None else f"{round(value * 100)}"


if __name__ == "__main__":
    sys.exit(main())
