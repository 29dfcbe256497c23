"""The build as a whole: pages per language, deterministic output, atomic publishing, sub-path links, CSP."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_cli
from sitegen.cli import parse_today
from sitegen.pipeline import build
from sitegen.problems import ProblemsFound
from support.minimal_site import PARTNERS, RELEASE_DE, RELEASE_EN, SITE, plain_page

TODAY = dt.date(2026, 11, 23)


def digest(folder: Path) -> dict[str, str]:
    """Return relative path → sha256 of every file below `folder`."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(site, tmp_path):
    """Build the minimal site and return the output folder."""
    out = tmp_path / "out"
    build(site(), out, TODAY)
    return out


def test_every_page_type_in_both_languages(built):
    for lang in ("de", "en"):
        for path in ("", "partners/", "partners/alpha/", "press/", "press/2021-12-07-founded/", "events/",
                     "events/fair-2027/", "marketplace/", "initiatives/", "about/", "contact/", "imprint/", "privacy/", "accessibility/"):
            page = built / lang / path / "index.html"
            assert page.is_file(), page
            assert f'<html lang="{lang}">' in page.read_text()
    for name in ("index.html", "404.html", "sitemap.xml", "sitemap-1.xml", "robots.txt", "static/css/site.css"):
        assert (built / name).is_file()


def test_two_builds_are_byte_identical(site, tmp_path):
    source = site()
    build(source, tmp_path / "a", TODAY)
    build(source, tmp_path / "b", TODAY)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_invalid_input_leaves_previous_output_untouched(site, tmp_path):
    source = site()
    out = tmp_path / "out"
    build(source, out, TODAY)
    before = digest(out)
    (source / "data/partners.yaml").write_text(PARTNERS.replace("country: AT", "country: FR"))
    with pytest.raises(ProblemsFound):
        build(source, out, TODAY)
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == [p.name for p in tmp_path.iterdir() if not p.name.startswith(".out.tmp")]


def test_rebuild_replaces_output_and_removes_stale_temporaries(site, tmp_path):
    source = site()
    out = tmp_path / "out"
    build(source, out, TODAY)
    stale = tmp_path / ".out.tmp-killed"
    (stale / "de").mkdir(parents=True)
    (source / "data/partners.yaml").write_text(PARTNERS.replace("Alpha Cluster e.V.", "Alpha Cluster neu"))
    build(source, out, TODAY)
    assert "Alpha Cluster neu" in (out / "de/partners/alpha/index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]  # with a search index, no spare is kept


class Links(HTMLParser):
    """Collect href/src values and forbidden markup."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name])
        if "style" in values or any(name.startswith("on") for name in values):
            self.inline.append(f"<{tag} {values}>")
        if tag == "script" and "src" not in values and values.get("type") != "application/ld+json":
            self.inline.append("inline <script>")
        if tag == "style":
            self.inline.append("<style>")


def test_sub_path_base_url_links_resolve_and_csp_holds(built):
    from sitegen.admin_assets import CSP as ADMIN_CSP

    admin = (built / "admin/index.html").read_text()  # the browser editor: a policy of its own (quality/test_admin.py)
    assert f'<meta http-equiv="Content-Security-Policy" content="{ADMIN_CSP}">'.replace("'", "&#39;") in admin
    assert '<base href="/sub/admin/">' in admin
    for page in built.rglob("*.html"):
        if page.relative_to(built).parts[0] == "admin":
            continue
        parser = Links()
        text = page.read_text()
        parser.feed(text)
        assert parser.inline == [], page
        assert ('<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src '
                "&#39;self&#39; &#39;wasm-unsafe-eval&#39;; style-src &#39;self&#39;; img-src &#39;self&#39; "
                "data:; object-src &#39;none&#39;; base-uri &#39;self&#39;\">") in text, page
        for link in parser.links:
            if link.startswith(("https://", "mailto:", "#", "webcal://")):
                continue
            assert link.startswith("/sub/"), (page, link)
            target = built / link.removeprefix("/sub/").split("#")[0]
            assert target.is_file() or (target / "index.html").is_file(), (page, link)


def test_hreflang_lists_only_real_translations(site, tmp_path):
    source = site({"content/press/2021-12-07-founded.en.md": None})
    out = tmp_path / "out"
    build(source, out, TODAY)
    german = (out / "de/press/2021-12-07-founded/index.html").read_text()
    assert 'hreflang="en"' not in german.split("<body>")[0]
    assert not (out / "en/press/2021-12-07-founded").exists()
    switch = re.search(r'<a href="([^"]+)" hreflang="en" lang="en" data-testid="lang-switch"', german)
    assert switch and switch[1] == "/sub/en/press/"
    english_index = (out / "en/press/index.html").read_text()
    assert ('<a href="/sub/de/press/2021-12-07-founded/" hreflang="de">Allianz gegründet</a>' in english_index)
    assert "German only" in english_index


def test_language_switch_goes_to_the_translation(built):
    german = (built / "de/partners/alpha/index.html").read_text()
    assert '<a href="/sub/en/partners/alpha/" hreflang="en" lang="en" data-testid="lang-switch">English</a>' in german
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/sub/de/partners/alpha/">' in german


def test_the_language_chooser_and_the_404_page_lead_to_the_imprint_and_privacy_pages_in_both_languages(built):
    """German law wants the imprint reachable from every page; these two pages are in both languages."""
    for name in ("index.html", "404.html"):
        links = re.findall(r'<a href="/sub/(\w\w/(?:imprint|privacy)/)" hreflang="(\w\w)">([^<]+)</a>',
                           (built / name).read_text())
        assert links == [("de/imprint/", "de", "Impressum"), ("de/privacy/", "de", "Datenschutz"),
                         ("en/imprint/", "en", "Legal notice"), ("en/privacy/", "en", "Privacy")], name
        assert all((built / path / "index.html").is_file() for path, _, _ in links)


def test_german_words_on_an_english_page_are_marked_as_german(site, tmp_path):
    """Screen readers say them with a German voice: the German motto quoted in the English one, the legal facts (as
    registered, in German) on the English imprint."""
    motto = "motto: {de: Medizintechnik weitergeDACHt, en: Medizintechnik weitergeDACHt – thought further}"
    out = tmp_path / "out"
    build(site({"data/site.yaml": SITE.replace("motto: {de: Motto, en: Motto}", motto)}), out, TODAY)
    english, german = ((out / lang / "about/index.html").read_text() for lang in ("en", "de"))
    assert '<p class="motto"><span lang="de">Medizintechnik weitergeDACHt</span> – thought further</p>' in english
    assert '<p class="motto">Medizintechnik weitergeDACHt</p>' in german
    assert (out / "en/index.html").read_text().count('<span lang="de">Medizintechnik weitergeDACHt</span>') == 2
    imprint = (out / "en/imprint/index.html").read_text()
    assert '<dt>Organisation</dt> <dd lang="de">Test e.V.</dd>' in imprint
    assert '<dd lang="de">' not in (out / "de/imprint/index.html").read_text()


def test_dates_are_formatted_for_the_locale(built):
    assert "7. Dezember 2021" in (built / "de/press/2021-12-07-founded/index.html").read_text()
    assert "7 December 2021" in (built / "en/press/2021-12-07-founded/index.html").read_text()


def test_text_fields_are_escaped(site, tmp_path):
    source = site({"data/partners.yaml": PARTNERS.replace("Alpha Cluster e.V.", "\"<script>alert('x')</script>\"")})
    build(source, tmp_path / "out", TODAY)
    html = (tmp_path / "out/de/partners/alpha/index.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html


def test_embargoed_release_is_not_published(site, tmp_path):
    source = site({"content/press/2021-12-07-founded.de.md": None, "content/press/2021-12-07-founded.en.md": None,
                   "content/press/2027-01-01-founded.de.md": RELEASE_DE.replace("2021-12-07", "2027-01-01"),
                   "content/press/2027-01-01-founded.en.md": RELEASE_EN})
    build(source, tmp_path / "out", TODAY)
    assert not (tmp_path / "out/de/press/2027-01-01-founded").exists()
    assert "2027-01-01-founded" not in (tmp_path / "out/sitemap-1.xml").read_text()


def test_a_plain_page_taking_a_sections_address_is_refused_at_its_own_file(site, tmp_path):
    """Not at a file of the section it collides with: the editor renames the plain page."""
    source = site({"content/pages/press.de.md": plain_page("Presse"), "content/pages/search.en.md": plain_page("Find")})
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    expected = ["content/pages/press.de.md:1: error: the page name 'press' is taken by the press archive at /de/press/ "
                "(another name for the file)",
                "content/pages/search.en.md:1: error: the page name 'search' is taken by the search page at /en/search/ "
                "(another name for the file)"]
    assert [problem.format() for problem in found.value.problems] == expected
    checked = run_cli("check", "--source", str(source))  # as make check says it
    assert checked.returncode == 1 and checked.stderr.splitlines()[:2] == expected, checked.stderr


def test_cli_exit_codes_and_messages(site, tmp_path):
    source = site({"data/partners.yaml": PARTNERS.replace("country: AT", "country: FR")})
    out = tmp_path / "out"
    result = run_cli("build", "--source", str(source), "--out", str(out), "--today", "2026-11-23")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/partners.yaml:18: error: country: unknown country 'FR' (DE, AT or CH)",
        "1 problem found; the published site was left as it was."]
    assert not out.exists()
    both = site({"data/partners.yaml": PARTNERS.replace("country: AT", "country: FR").replace("country: DE", "country: US")})
    assert run_cli("build", "--source", str(both), "--out", str(out)).stderr.splitlines()[-1] == (
        "2 problems found; the published site was left as it was.")
    check = run_cli("check", "--source", str(source))
    assert check.returncode == 1 and "Traceback" not in check.stderr
    good = run_cli("build", "--source", str(site({"data/partners.yaml": PARTNERS})), "--out", str(out), "--today", "2026-11-23")
    assert good.returncode == 0, good.stderr
    assert re.match(r"Built \d+ pages \(3 -, (\d+) de, \1 en\), \d+ files in \d+\.\d s into ", good.stdout), good.stdout


def test_today_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1637020800")
    assert parse_today(None) == dt.date(2021, 11, 16)
    assert parse_today("2026-11-23") == dt.date(2026, 11, 23)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.timezone.utc).date()
    assert parse_today(None) in {before, dt.datetime.now(dt.timezone.utc).date()}  # (at midnight, either)


def test_bad_today_argument_is_a_clear_error(site):
    result = run_cli("build", "--source", str(site()), "--today", "2021-02-30")
    assert result.returncode == 2 and "'2021-02-30' is not a date YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
    assert os.environ.get("SITEGEN_DEBUG") is None


def test_search_index_is_written_in_a_stable_order(built):
    entry = (built / "pagefind/pagefind-entry.json").read_text()
    assert list(json.loads(entry)["languages"]) == ["de", "en"]
    assert entry == json.dumps(json.loads(entry), sort_keys=True, separators=(",", ":"))


def test_search_indexes_each_thing_once_not_the_lists_repeating_it(built):
    """Filter, tag and month pages and later list pages repeat what the index and the items' own pages show."""
    import gzip

    urls = set()
    for fragment in (built / "pagefind/fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    assert sorted(url for url in urls if url.startswith("/de/")) == [
        "/de/", "/de/about/", "/de/accessibility/", "/de/contact/", "/de/events/", "/de/events/fair-2027/",
        "/de/imprint/", "/de/initiatives/", "/de/marketplace/", "/de/partners/", "/de/partners/alpha/",
        "/de/partners/beta/", "/de/press/", "/de/press/2021-12-07-founded/", "/de/privacy/"]
    assert {url.replace("/en/", "/de/", 1) for url in urls if url.startswith("/en/")} == {
        url for url in urls if url.startswith("/de/")}
    assert (built / "de/partners/country/de/index.html").is_file()
    assert (built / "de/press/tags/alliance/index.html").is_file()


def test_sitemap_lists_every_page_with_its_translations(built):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = (built / "sitemap.xml").read_text()
    assert index == ('<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap>\n'
                     '    <loc>https://example.org/sub/sitemap-1.xml</loc>\n    <lastmod>2026-01-10</lastmod>\n'
                     '  </sitemap>\n</sitemapindex>\n')
    text = (built / "sitemap-1.xml").read_text()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset ') and text.endswith("</urlset>\n")
    urls = {url.find("s:loc", ns).text: url for url in ET.fromstring(text).findall("s:url", ns)}
    about = urls["https://example.org/sub/de/about/"]
    assert [(link.get("hreflang"), link.get("href")) for link in about.findall("x:link", ns)] == [
        ("de", "https://example.org/sub/de/about/"), ("en", "https://example.org/sub/en/about/"),
        ("x-default", "https://example.org/sub/de/about/")]
    assert "https://example.org/sub/de/press/2021-12-07-founded/" in urls
    assert list(urls) == sorted(urls)


def test_a_large_site_has_several_sitemap_files_named_by_the_index(site, tmp_path, monkeypatch):
    import xml.etree.ElementTree as ET

    from sitegen.pages import general
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    build(site(), tmp_path / "one", TODAY, search=False, cache=False)
    monkeypatch.setattr(general, "SITEMAP_URLS", 7)
    build(site(), tmp_path / "out", TODAY, search=False, cache=False)
    one = [loc.text for loc in ET.parse(tmp_path / "one/sitemap-1.xml").findall("s:url/s:loc", ns)]
    files = [loc.text for loc in ET.parse(tmp_path / "out/sitemap.xml").findall("s:sitemap/s:loc", ns)]
    assert files == [f"https://example.org/sub/sitemap-{n}.xml" for n in range(1, (len(one) + 6) // 7 + 1)]
    parts = [[loc.text for loc in ET.parse(tmp_path / "out" / url.rsplit("/", 1)[1]).findall("s:url/s:loc", ns)]
             for url in files]
    assert [len(part) for part in parts[:-1]] == [7] * (len(parts) - 1) and 1 <= len(parts[-1]) <= 7
    assert sum(parts, []) == one  # every page once, in the order of one file


def test_workers_render_every_page_in_order_with_the_tightest_window_and_can_be_left_early(site, monkeypatch):
    import threading

    from sitegen import parallel
    from sitegen.geo import load_outlines
    from sitegen.pages import build_pages
    from sitegen.pages.core import COPY
    from sitegen.pipeline import PROJECT, check
    from sitegen.render import Renderer

    source = site()
    checked, _ = check(source)
    pages = [p for p in build_pages(checked, TODAY, load_outlines(PROJECT / "data/geo/dach-outlines.json"), False)
             if p.template != COPY]
    renderer = Renderer(checked, source, PROJECT / "templates", PROJECT / "i18n")
    alone = [(r.output, r.content) for r in parallel.render_all(renderer.render, pages, workers=1)]
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
    monkeypatch.setattr(parallel, "IN_FLIGHT", parallel.CHUNK)  # at most one chunk ahead of the page written
    monkeypatch.setattr(parallel, "TRIM_EVERY", 10)
    trims = []
    monkeypatch.setattr(parallel, "_give_back_free_memory", lambda: trims.append(1))
    assert [(r.output, r.content) for r in parallel.render_all(renderer.render, pages, workers=2)] == alone
    assert len(pages) > 3 * parallel.CHUNK
    # Freed memory goes back to the system before the workers start and every TRIM_EVERY pages passed on.
    assert len(trims) == 1 + len(pages) // 10
    # A consumer that stops early (a failed write, say) leaves no worker or feeding thread waiting.
    left = threading.Thread(target=lambda: next(iter(parallel.render_all(renderer.render, pages, workers=2))).output)
    left.start()
    left.join(60)
    assert not left.is_alive()


def test_a_build_process_leaves_the_cycle_collector_off(site, tmp_path):
    """build.py ends right after the build: going through every object it made (0.08 s at S(2000)) would be waste."""
    import gc

    from sitegen import cli

    try:
        assert cli.main(["build", "--source", str(site()), "--out", str(tmp_path / "out"), "--today", "2026-11-23",
                         "--no-search"]) == cli.EXIT_OK
        assert (tmp_path / "out/de/index.html").is_file()
        assert not gc.isenabled()
    finally:
        gc.enable()
        cli._UNTIL_EXIT.clear()


def test_a_build_process_goes_through_no_cycles_from_its_start(site, tmp_path):
    """From its first import on (build.py turns the collector off before importing the generator)."""
    import subprocess
    import sys

    from sitegen.pipeline import PROJECT

    out = tmp_path / "out"
    probe = ("import gc, runpy, sys\n"
             "gc.set_threshold(10000)  # none before build.py's first line; its imports alone make more objects\n"
             "gc.callbacks.append(lambda phase, info: phase == 'start' and print('collected', file=sys.stderr))\n"
             f"sys.argv = ['build.py', 'build', '--source', {str(site())!r}, '--out', {str(out)!r}, '--no-search']\n"
             f"runpy.run_path({str(PROJECT / 'build.py')!r}, run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (out / "de/index.html").is_file() and "collected" not in result.stderr
