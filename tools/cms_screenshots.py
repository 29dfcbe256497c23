#!/usr/bin/env python3
"""Screenshots of the browser editor (Sveltia CMS at /admin/) for the editors' guide, docs/editing.md.

    .venv/bin/python tools/cms_screenshots.py [--out DIR]        (make cms-screenshots)

Builds the example site (tests/sites/example, on its today 2026-11-23) under its base path /dach/, serves it on
127.0.0.1 and opens /dach/admin/ in headless Chromium in German at 1280 × 800. The request for admin/config.yml
is answered with the generated configuration with one change, `backend: {name: test-repo}`: Sveltia's test
repository, which lives in the browser's private storage (OPFS) of a throw-away profile, so nothing is saved
anywhere real (GitHub needs a token and the local-folder mode a folder dialog, which cannot be driven headless).
Before signing in, the example site's content/ and data/ are written into that storage, so the editor shows real
entries; every host but the local server is refused. It saves into docs/img/ (or --out):

- admin-pressemitteilungen.png — the collections and the list of press releases;
- admin-pressemitteilung-formular.png — an existing release, German and English side by side;
- admin-veranstaltung-formular.png — an event opened in the list of events, with the partner list of its
  "Veranstalter" field (a relation to the partners) opened.

The test repository has no editorial workflow (Sveltia offers it only with GitHub and GitLab), so the pictures
show no statuses. Dates appear in the browser's own format: German (TT.MM.JJJJ) only if Chromium has its German
locale (Debian: `apt-get install chromium-l10n`), else it warns and shows them as MM/DD/YYYY.

Exit status: 0 the pictures were saved, 2 it could not run (no Chromium, the build failed, the editor did not
show what was expected).
"""
from __future__ import annotations

import argparse
import base64
import io
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Callable
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import FLAGS, BrowserMissing, executable  # noqa: E402
from support.serve import serve  # noqa: E402

EXAMPLE = ROOT / "tests" / "sites" / "example"
EXAMPLE_TODAY = "2026-11-23"
PREFIX = "/dach/"
IMG = ROOT / "docs" / "img"
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 60_000
"""How long to wait for the editor to show something before giving up (a bound, not an expected time)."""
MAX_BYTES = 150_000
"""A picture larger than this after optimising is reduced to 256 colours."""
SIGN_IN = "Mit Test-Repository arbeiten"
RELEASE = "2021-12-07-letter-of-intent"
"""The example release shown in the form: it has a German and an English file, partners, tags and attachments."""
EVENT = "MEDICA 2026"
"""The example event opened in the list of events (its German title): it has an organiser."""
GERMAN = {"LANG": "de_DE.UTF-8", "LANGUAGE": "de"}
"""The browser's own language (date fields' format), beside the page's locale de-DE."""

SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  const top = await root.getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = top;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const writable = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    await writable.close();
  }
  return Object.keys(files).length;
}"""
"""Write {path: base64} into the folder of OPFS that Sveltia's test repository reads ('sveltia-cms-test')."""

FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
"""Wait until the page has drawn twice."""


@dataclass(frozen=True)
class Shot:
    """One picture for the guide."""

    name: str
    """File name in docs/img/."""
    fragment: str
    """The editor's address after /admin/ (its hash route)."""
    ready: Callable
    """Wait until the editor shows what the picture is for (and click what it needs), given the page."""
    clip: dict | None = None
    """The part of the window kept (x, y, width, height), or None for all of it."""


def build(out: Path) -> None:
    """Build the example site into `out` (without the search index)."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--source", str(EXAMPLE), "--today", EXAMPLE_TODAY,
               "--no-search", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the build failed (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-4000:]}")


def with_test_repository(text: str) -> str:
    """Return the generated admin/config.yml with the test repository as its backend, all else unchanged."""
    config = yaml.safe_load(text)
    config["backend"] = {"name": "test-repo"}
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def seed_files(site: Path) -> dict[str, str]:
    """Return the site's content/ and data/ files as {path within the site: base64 of the bytes}."""
    return {path.relative_to(site).as_posix(): base64.b64encode(path.read_bytes()).decode("ascii")
            for folder in ("content", "data") for path in sorted((site / folder).rglob("*")) if path.is_file()}


def optimised(png: bytes) -> bytes:
    """Return the screenshot as an optimised PNG, reduced to 256 colours if it is still large."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    if buffer.tell() > MAX_BYTES:
        buffer = io.BytesIO()
        image.quantize(256, dither=Image.Dither.NONE).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def settle(page) -> None:
    """Wait for fonts and running requests, and move the pointer where it highlights nothing."""
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    page.mouse.move(VIEWPORT["width"] - 10, VIEWPORT["height"] - 10)


def press_list(page) -> None:
    """Wait until the list of press releases shows its entries."""
    page.get_by_role("button", name="Neuen Eintrag anlegen").wait_for()
    page.locator("[role=row], [role=option], [role=gridcell]").first.wait_for()


def release_form(page) -> None:
    """Wait for the release's form, then show English in the second pane instead of the preview."""
    filled = "() => [...document.querySelectorAll('input[type=text], input:not([type])')]" \
             ".filter((input) => input.value.length > 0).length >= {}"
    page.wait_for_function(filled.format(1))
    page.get_by_role("radio", name=re.compile(r"^\s*Englisch\s*$")).last.click()
    page.get_by_role("radio", name=re.compile(r"^\s*Englisch\s*$"), checked=True).last.wait_for()
    page.wait_for_function(filled.format(2))  # the English title beside the German one


def event_form(page) -> None:
    """Open the example event in the list of events and its "Veranstalter" field's list of partners (a
    relation); the picture is cropped to the form."""
    items = page.locator("div.item[role=group]")
    items.filter(has_text=EVENT).first.wait_for()
    index = items.evaluate_all(f"(all) => all.findIndex((e) => e.innerText.includes({EVENT!r}))")
    item = items.nth(index)
    item.get_by_role("button", name="Aufklappen").first.click()
    label = item.get_by_text("Veranstalter", exact=True)
    page.mouse.move(300, 500)
    for _ in range(60):  # the fields of an opened item are drawn as they scroll into view
        if label.count():
            break
        page.mouse.wheel(0, 300)
        page.evaluate(FRAMES)
    top = None
    for _ in range(20):  # fields drawn above it as they come into view move it: place it until it stays
        label.first.evaluate("(e) => e.scrollIntoView({block: 'center'})")
        page.evaluate(FRAMES)
        now = label.first.bounding_box()["y"]
        if now == top:
            break
        top = now
    label.first.locator("xpath=following::*[@role='combobox'][1]").click()
    page.get_by_role("listbox").first.wait_for()


SHOTS = (Shot("admin-pressemitteilungen.png", "#/collections/press", press_list,
              {"x": 0, "y": 0, "width": 1280, "height": 640}),
         Shot("admin-pressemitteilung-formular.png", f"#/collections/press/entries/{RELEASE}", release_form),
         Shot("admin-veranstaltung-formular.png", "#/collections/events/entries/events", event_form,
              {"x": 0, "y": 0, "width": 624, "height": VIEWPORT["height"]}))
"""The pictures: the list cropped below its last entry, the event's to the form (its preview scrolls along to
another event)."""


def german_locale_missing(browser_path: str | None) -> bool:
    """Tell whether the Chromium found has no German locale (its date fields then show MM/DD/YYYY)."""
    if browser_path is None:
        return False  # Playwright's own Chromium carries every locale
    folders = [Path(browser_path).resolve().parent / "locales", Path("/usr/lib/chromium/locales")]
    folders = [folder for folder in folders if folder.is_dir()]
    return bool(folders) and not any((folder / "de.pak").is_file() for folder in folders)


def take(out: Path, folder: Path) -> list[Path]:
    """Open the built site's editor with the test repository and save each picture into `folder`."""
    from playwright.sync_api import sync_playwright

    config = with_test_repository((out / "admin" / "config.yml").read_text(encoding="utf-8"))
    files = seed_files(EXAMPLE)
    saved = []
    with serve(out, PREFIX) as base, sync_playwright() as playwright:
        host = urlsplit(base).netloc
        path = executable(playwright)
        if german_locale_missing(path):
            print("warning: Chromium has no German locale (apt-get install chromium-l10n): dates show as MM/DD/YYYY",
                  file=sys.stderr)
        browser = playwright.chromium.launch(executable_path=path, args=FLAGS, headless=True,
                                             env={**os.environ, **GERMAN})
        try:
            context = browser.new_context(locale="de-DE", viewport=VIEWPORT, color_scheme="light")
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", lambda route: answer(route, host, config))
            page = context.new_page()
            page.goto(base + "de/")
            page.evaluate(SEED, files)
            page.goto(base + "admin/")
            page.get_by_role("button", name=SIGN_IN).click()
            page.get_by_text("Sammlungen", exact=True).wait_for()
            for shot in SHOTS:
                page.goto(base + "admin/" + shot.fragment)
                shot.ready(page)
                settle(page)
                target = folder / shot.name
                target.write_bytes(optimised(page.screenshot(animations="disabled", caret="hide", clip=shot.clip)))
                saved.append(target)
        finally:
            browser.close()
    return saved


def answer(route, host: str, config: str) -> None:
    """Refuse every other host; answer admin/config.yml with the test configuration; pass the rest."""
    parts = urlsplit(route.request.url)
    if parts.scheme in ("http", "https") and parts.netloc != host:
        route.abort()
    elif parts.path.endswith("/admin/config.yml"):
        route.fulfill(status=200, body=config, content_type="application/yaml; charset=utf-8")
    else:
        route.continue_()


def main(argv: list[str] | None = None) -> int:
    """Build the example site, take the pictures, print where they went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMG, help="folder for the PNG files (default: docs/img/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cms-screenshots-") as temporary:
        try:
            build(Path(temporary) / "out")
            saved = take(Path(temporary) / "out", args.out)
        except (RuntimeError, BrowserMissing) as problem:
            print(f"cms_screenshots: {problem}", file=sys.stderr)
            return 2
        except Exception as problem:  # Playwright's timeouts: the editor did not show what was expected
            print(f"cms_screenshots: the editor did not show what was expected: {problem}", file=sys.stderr)
            return 2
    for path in saved:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1000} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
