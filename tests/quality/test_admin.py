"""The browser editor at /admin/, opened from the dev server (`make serve`) in Chromium in German.

One dev server (`build.py serve`) for the example site, one page load: the sign-in screen appears in German with the
generated configuration (no configuration error), the console says no error, and nothing is asked of any server but
the site's own (every other host is refused). Beside it, the built admin/ folder: the bundle names no CDN any more,
every file it asks for is there, the page is left out of the sitemap and the search index, and the dev server did
not put its reload script into it. The screenshot of the sign-in screen goes to test-artifacts/admin/ (the editors'
guide shows a copy, docs/img/admin-anmeldung.png).
"""
from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from conftest import EXAMPLE, EXAMPLE_TODAY, ROOT
from sitegen.admin_assets import ASSETS, SVELTIA
from test_devserver import TIMEOUT, ServerExited, fetch, free_port, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("quality-admin")]

SIGN_IN = "Mit Zugriffstoken anmelden"
"""Sveltia's German button for signing in with a personal access token: the sign-in screen is there, in German."""
ARTIFACTS = ROOT / "test-artifacts" / "admin"


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """Start `build.py serve` for the example site on a free port; yield (its address, its output folder)."""
    out = tmp_path_factory.mktemp("admin") / "out"
    for attempt in range(3):  # another process may take the free port before the server binds it
        port = free_port()
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--source", str(EXAMPLE),
                                    "--out", str(out), "--port", str(port), "--today", EXAMPLE_TODAY.isoformat()],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}/"
        try:
            wait_for(base + "admin/", "sveltia-cms.js", process)
            break
        except ServerExited:
            if attempt == 2:
                raise
    try:
        yield base, out
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)


def test_admin_opens_in_german_with_its_configuration_asking_no_other_server(browser, dev_server):
    base, _ = dev_server
    host = urlsplit(base).netloc
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == host
               else route.abort())
    try:
        page.goto(base + "admin/")
        page.get_by_role("button", name=SIGN_IN).wait_for(timeout=TIMEOUT * 1000)
        page.wait_for_load_state("networkidle")
        text = page.inner_text("body")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "anmeldung.png"))
    finally:
        context.close()
    assert "Mit lokalem Repository arbeiten" in text
    assert "Konfiguration" not in text, text
    assert not errors, errors
    elsewhere = [url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host]
    assert not elsewhere, elsewhere
    asked = {urlsplit(url).path for url in requests}
    assert {"/admin/config.yml", "/admin/sveltia-cms.js",
            f"/admin/vendor/@sveltia/cms@{SVELTIA}/locales/de.json"} <= asked, sorted(asked)
    assert any(path.startswith("/admin/vendor/fonts/") for path in asked), sorted(asked)


def test_the_built_admin_folder_serves_every_file_the_bundle_asks_for_and_no_cdn(dev_server):
    base, out = dev_server
    admin = out / "admin"
    bundle = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    assert not re.search(r"unpkg\.com|jsdelivr", bundle)
    assert [name for name in ASSETS if not (admin / name).is_file()] == []
    for local in sorted(set(re.findall(r"url\(\./(vendor/[^)]+)\)", bundle))):
        assert (admin / local).is_file(), local
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page and 'lang="de"' in page
    assert '<link href="config.yml" type="application/yaml" rel="cms-config-url">' in page
    assert "data-pagefind-body" not in page
    status, served = fetch(base + "admin/")
    assert status == 200 and "livereload" not in served and "sveltia-cms.js" in served
    status, home = fetch(base + "de/")
    assert "livereload" in home  # the public pages do get it
    for sitemap in out.glob("sitemap*.xml"):
        assert "/admin/" not in sitemap.read_text(encoding="utf-8"), sitemap.name
    assert "publish_mode: editorial_workflow" in (admin / "config.yml").read_text(encoding="utf-8")
