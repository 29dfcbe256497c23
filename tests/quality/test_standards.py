"""Standards over the whole built site: valid HTML, no broken links, meta tags, CSP, weight, sitemap, robots."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support.links import broken_links
from support.vnu import vnu_errors

from .conftest import PREFIX

pytestmark = pytest.mark.standards

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'")
MAX_PAGE_BYTES = 100 * 1024


def html_pages(root: Path) -> list[Path]:
    """Return every HTML file of the site."""
    return sorted(root.rglob("*.html"))


def test_nu_html_checker_finds_no_errors(built_site):
    assert vnu_errors(html_pages(built_site.root)) == []


def test_no_broken_internal_links_anchors_or_assets(built_site):
    assert broken_links(built_site.root, PREFIX) == []


class Head(HTMLParser):
    """Collect what a page's head declares and any forbidden markup."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.lang = None
        self.title = False
        self.forbidden: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "title":
            self.title = True
        if tag == "meta":
            key = values.get("name") or values.get("property") or values.get("http-equiv")
            if key:
                self.meta[key] = values.get("content", "")
        if tag == "link":
            self.links.append(values)
        if tag == "script" and "src" not in values and values.get("type") != "application/ld+json":
            self.forbidden.append("inline script")
        if "style" in values or any(name.startswith("on") for name in values):
            self.forbidden.append(f"<{tag}> with style/handler")
        for name in ("src", "href"):
            if tag in ("script", "img", "link", "source", "iframe") and values.get(name):
                if tag == "link" and values.get("rel") in ("canonical", "alternate"):
                    continue
                self.assets.append(values[name])


def parse_head(page: Path) -> Head:
    """Parse a page."""
    head = Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def test_every_page_has_language_title_description_canonical_og_and_the_csp(built_site):
    for page in html_pages(built_site.root):
        name = page.relative_to(built_site.root).as_posix()
        head = parse_head(page)
        expected_lang = name.split("/")[0] if name.startswith(("de/", "en/")) else "de"
        assert head.lang == expected_lang, name
        assert head.title, name
        assert head.meta.get("Content-Security-Policy") == CSP, name
        assert head.forbidden == [], name
        if name == "404.html":
            continue
        assert head.meta.get("description"), name
        assert any(link.get("rel") == "canonical" and link["href"].startswith(built_site.base_url)
                   for link in head.links), name
        assert head.meta.get("og:title") and head.meta.get("og:image", "").startswith(built_site.base_url), name
        image = built_site.root / head.meta["og:image"].removeprefix(built_site.base_url)
        assert image.is_file(), (name, head.meta["og:image"])


def test_hreflang_alternates_are_reciprocal_and_real(built_site):
    root = built_site.root
    for page in html_pages(root):
        alternates = {link["hreflang"]: link["href"] for link in parse_head(page).links
                      if link.get("rel") == "alternate" and link.get("hreflang")}
        for lang, href in alternates.items():
            target = root / href.removeprefix(built_site.base_url) / ("" if href.endswith(".html") else "index.html")
            assert target.is_file(), (page, href)
            if lang != "x-default":
                back = {link.get("hreflang") for link in parse_head(target).links if link.get("rel") == "alternate"}
                assert set(alternates) <= back | {"x-default"}, (page, target)


def test_no_page_needs_another_server(built_site):
    for page in html_pages(built_site.root):
        for asset in parse_head(page).assets:
            assert not re.match(r"(https?:)?//", asset) or asset.startswith(built_site.base_url), (page, asset)
    for css in built_site.root.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), css
        assert "@import" not in css.read_text(), css


def test_no_page_weighs_over_100_kb_without_images(built_site):
    root = built_site.root
    for page in html_pages(root):
        total = page.stat().st_size
        for asset in parse_head(page).assets:
            if asset.endswith((".css", ".js")) and asset.startswith(PREFIX):
                total += (root / asset.removeprefix(PREFIX).split("?")[0]).stat().st_size
        assert total <= MAX_PAGE_BYTES, (page, total)


def test_sitemap_lists_existing_pages_with_hreflang_and_robots_names_it(built_site):
    root = built_site.root
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(root / "sitemap.xml")
    urls = tree.findall("s:url", namespaces)
    assert len(urls) > 50
    for url in urls:
        loc = url.find("s:loc", namespaces).text
        assert loc.startswith(built_site.base_url)
        assert (root / loc.removeprefix(built_site.base_url) / "index.html").is_file() or \
            (root / loc.removeprefix(built_site.base_url)).is_file(), loc
    with_alternates = [u for u in urls if u.findall("x:link", namespaces)]
    assert with_alternates and all({link.get("hreflang") for link in u.findall("x:link", namespaces)} >= {"de", "en", "x-default"}
                                   for u in with_alternates)
    robots = (root / "robots.txt").read_text()
    assert f"Sitemap: {built_site.base_url}sitemap.xml" in robots


def test_404_page_works_from_any_depth(built_site):
    page = (built_site.root / "404.html").read_text()
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert links and all(link.startswith(PREFIX) for link in links), links
