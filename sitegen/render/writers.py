"""Own the writers of files that are not HTML pages, by template name (`WRITERS`): sitemaps and robots.txt
(`sitemaps`), feeds and calendars (`syndication`), the map of the D-A-CH region and pictures' smaller copies."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .. import geo, pictures
from ..pages.core import PICTURE, OutPage
from .sitemaps import robots, sitemap, sitemap_index
from .syndication import event_feed, ics, marketplace_feed, press_feed

if TYPE_CHECKING:
    from .pages import Renderer


def map_svg(renderer: Renderer, page: OutPage) -> bytes:
    """Return the SVG map of the D-A-CH countries."""
    config = renderer.site.config
    title = f"{config.name[config.default_language]}: Deutschland, Österreich, Schweiz"
    return geo.map_svg_document(page.data["outlines"], page.data["projection"], title).encode("utf-8")


def picture(renderer: Renderer, page: OutPage) -> bytes:
    """Return a smaller copy of a picture."""
    return pictures.smaller_copy(renderer.root, page.data["source"], page.data["width"], page.data["digest"])


WRITERS: dict[str, Callable[[Renderer, OutPage], bytes]] = {
    "sitemap.xml": sitemap, "sitemap-index": sitemap_index, "robots.txt": robots,
    "marketplace-feed": marketplace_feed, "map-svg": map_svg, "press-feed": press_feed, "ics": ics,
    "event-feed": event_feed, PICTURE: picture}
"""Non-HTML renderers by template name; other sections register theirs here."""
