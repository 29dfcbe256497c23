"""Own the files written for search engines: sitemap.xml (the index of the sitemap files), each sitemap file
and robots.txt."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..pages.core import OutPage, absolute, hreflang_links

if TYPE_CHECKING:
    from .pages import Renderer

SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
"""The first line of the sitemap files and their index."""


def sitemap_index(renderer: Renderer, page: OutPage) -> bytes:
    """Return sitemap.xml: the index of the sitemap files."""
    index = ET.Element("sitemapindex", {"xmlns": SITEMAPS})
    for listed in page.data["sitemaps"]:
        sitemap = ET.SubElement(index, "sitemap")
        ET.SubElement(sitemap, "loc").text = absolute(renderer.site.config, listed.path)
        if listed.updated:
            ET.SubElement(sitemap, "lastmod").text = listed.updated.isoformat()
    return _xml_file(index)


def sitemap(renderer: Renderer, page: OutPage) -> bytes:
    """Return a sitemap file (at most SITEMAP_URLS pages: made whole, then written at once)."""
    config = renderer.site.config
    urlset = ET.Element("urlset", {"xmlns": SITEMAPS, "xmlns:xhtml": "http://www.w3.org/1999/xhtml"})
    for listed in page.data["entries"]:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = absolute(config, listed.path)
        if listed.updated:
            ET.SubElement(url, "lastmod").text = listed.updated.isoformat()
        for alternate in hreflang_links(listed.alternates):
            ET.SubElement(url, "xhtml:link", {"rel": "alternate", "hreflang": alternate.lang,
                                              "href": absolute(config, alternate.path)})
    return _xml_file(urlset)


def _xml_file(root: ET.Element) -> bytes:
    """Return an XML file of the sitemap kind: the declaration, the element tree indented, a final newline."""
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def robots(renderer: Renderer, page: OutPage) -> bytes:
    """Return robots.txt: everything allowed, and where the sitemap is."""
    sitemap = absolute(renderer.site.config, "sitemap.xml")
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode("utf-8")
