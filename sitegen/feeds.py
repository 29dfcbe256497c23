"""Own writing Atom feeds (RFC 4287) with feedgen: stable ids, dates from content, never the build time."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed."""

    id: str
    """Stable id that never changes between builds (a tag: URI)."""
    title: str
    """Entry title."""
    link: str
    """Absolute URL of the entry's page."""
    published: dt.date
    """First publication."""
    updated: dt.date
    """Last real change."""
    summary: str
    """Plain-text summary."""
    content_html: str | None = None
    """Full content as (sanitised) HTML, if any."""


@dataclass(frozen=True)
class Feed:
    """A feed's own metadata."""

    id: str
    """Stable feed id."""
    title: str
    """Feed title."""
    subtitle: str
    """One-line description."""
    self_url: str
    """Absolute URL of the feed file."""
    page_url: str
    """Absolute URL of the HTML page the feed mirrors."""
    lang: str
    """Feed language."""
    author: str
    """Name of the publishing organisation."""


def tag_uri(authority: str, year: int, specific: str) -> str:
    """Return a tag: URI (RFC 4151) such as tag:example.org,2021:press/de/x."""
    return f"tag:{authority},{year}:{specific}"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc)


def atom(feed: Feed, entries: list[FeedEntry]) -> bytes:
    """Return the Atom XML of a feed; entries are written in the order given."""
    from feedgen.feed import FeedGenerator  # here: a build that writes no feed does not wait for its import

    generator = FeedGenerator()
    generator.id(feed.id)
    generator.title(feed.title)
    generator.subtitle(feed.subtitle)
    generator.language(feed.lang)
    generator.author({"name": feed.author})
    generator.link(href=feed.page_url, rel="alternate", type="text/html")
    generator.link(href=feed.self_url, rel="self", type="application/atom+xml")
    generator.generator("sitegen")
    newest = max((entry.updated for entry in entries), default=dt.date(2021, 1, 1))
    generator.updated(_midnight(newest))
    for entry in entries:
        item = generator.add_entry(order="append")
        item.id(entry.id)
        item.title(entry.title)
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.published(_midnight(entry.published))
        item.updated(_midnight(entry.updated))
        item.summary(entry.summary)
        if entry.content_html is not None:
            item.content(entry.content_html, type="html")
    return generator.atom_str(pretty=True)
