"""hreflang and x-default: one answer in every page's head and in the sitemap; the language chooser `/` is the
x-default of the home pages, the first language's version that of every other page."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.pipeline import build
from support.minimal_site import write_site

TODAY = dt.date(2026, 11, 23)
BASE = "https://example.org/sub/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class _Links(HTMLParser):
    """Collect the <link rel="alternate" hreflang> of a page's head."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate" and values.get("hreflang"):
            assert values["hreflang"] not in self.found, values
            self.found[values["hreflang"]] = values["href"]


def head_links(page: Path) -> dict[str, str]:
    """Return hreflang → address of a built page's head."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8").split("<body")[0])
    return parser.found


def sitemap_links(out: Path) -> dict[str, dict[str, str]]:
    """Return each page's address → its hreflang → address, as the sitemap files say."""
    result = {}
    for file in sorted(out.glob("sitemap-*.xml")):
        for url in ET.parse(file).findall("s:url", SITEMAP):
            result[url.findtext("s:loc", "", SITEMAP)] = {link.get("hreflang"): link.get("href")
                                                         for link in url.findall("x:link", SITEMAP)}
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the minimal site once and return the output folder (tests only read it)."""
    folder = tmp_path_factory.mktemp("hreflang")
    build(write_site(folder / "site"), folder / "out", TODAY, search=False)
    return folder / "out"


def test_chooser_and_home_pages_name_the_chooser_as_x_default(built):
    homes = {"de": BASE + "de/", "en": BASE + "en/", "x-default": BASE}
    for page in ("index.html", "de/index.html", "en/index.html"):
        assert head_links(built / page) == homes, page
    sitemap = sitemap_links(built)
    assert sitemap[BASE + "de/"] == sitemap[BASE + "en/"] == homes


def test_other_pages_name_their_first_language_as_x_default(built):
    about = {"de": BASE + "de/about/", "en": BASE + "en/about/", "x-default": BASE + "de/about/"}
    assert head_links(built / "de/about/index.html") == head_links(built / "en/about/index.html") == about
    assert sitemap_links(built)[BASE + "en/about/"] == about


def test_sitemap_says_of_every_page_what_its_head_says(built):
    sitemap = sitemap_links(built)
    assert any(sitemap.values())
    for address, links in sitemap.items():
        page = built / address.removeprefix(BASE) / "index.html"
        assert head_links(page) == links, address
