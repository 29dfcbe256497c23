"""Check every news feed of a built site: it parses, says what a feed reader needs, and leads to pages of the site.

A feed is any .xml file whose root element is an Atom <feed> or an RSS <rss>; sitemaps are left to their own
check. Parsing is feedparser's (what many readers use), after a strict XML parse (feedparser forgives much).
"""
from __future__ import annotations

from pathlib import Path

import feedparser
from lxml import etree

from .links import site_file

ATOM = "{http://www.w3.org/2005/Atom}feed"
LANGUAGES = ("de", "en")


def feed_files(root: Path) -> list[Path]:
    """Return the site's Atom and RSS files, sorted."""
    found = []
    for file in sorted(root.rglob("*.xml")):
        try:
            tag = next(etree.iterparse(str(file), events=("start",)))[1].tag
        except (etree.XMLSyntaxError, StopIteration):
            found.append(file)  # not even XML: reported by feed_problems if it is not a sitemap
            continue
        if tag in (ATOM, "rss"):
            found.append(file)
    return found


def _entry_problems(entry, number: int, root: Path, base_url: str) -> list[str]:
    """Return what an entry lacks, or where its link does not lead."""
    problems = []
    name = f"entry {number} ({entry.get('id') or entry.get('title') or 'no id'})"
    if not (entry.get("title") or "").strip():
        problems.append(f"{name}: no title")
    if not (entry.get("id") or "").strip():
        problems.append(f"{name}: no id")
    if not (entry.get("updated_parsed") or entry.get("published_parsed")):
        problems.append(f"{name}: no date a reader understands (updated/published)")
    link = entry.get("link", "")
    if site_file(root, base_url, link) is None:
        problems.append(f"{name}: link {link!r} is no page of the site under {base_url}")
    return problems


def feed_problems(root: Path, base_url: str) -> list[str]:
    """Return 'file: problem' for every feed of the site that does not parse or names what is not there."""
    problems = []
    for file in feed_files(root):
        name = file.relative_to(root).as_posix()
        data = file.read_bytes()
        try:
            etree.fromstring(data)
        except etree.XMLSyntaxError as error:
            problems.append(f"{name}: not well-formed XML: {error}")
            continue
        parsed = feedparser.parse(data)
        if parsed.bozo:
            problems.append(f"{name}: feedparser: {parsed.bozo_exception}")
        if parsed.version not in ("atom10", "rss20"):
            problems.append(f"{name}: neither Atom 1.0 nor RSS 2.0 ({parsed.version or 'unknown'})")
        feed = parsed.feed
        found = [f"no {what}" for what in ("title", "id" if parsed.version == "atom10" else "link")
                 if not (feed.get(what) or "").strip()]
        if not feed.get("updated_parsed") and parsed.version == "atom10":
            found.append("no updated date")
        if parsed.version == "atom10" and not feed.get("author") and not all(e.get("author") for e in parsed.entries):
            found.append("no author (Atom needs one for the feed or for every entry)")
        folder = file.relative_to(root).parts[0]
        if folder in LANGUAGES and feed.get("language") != folder:
            found.append(f"language {feed.get('language')!r}, expected {folder!r} (the folder it is in)")
        links = {link.get("rel"): link.get("href", "") for link in feed.get("links", [])}
        if parsed.version == "atom10" and links.get("self") != base_url + name:
            found.append(f"self link {links.get('self')!r}, expected its own address {base_url + name}")
        if "alternate" in links and site_file(root, base_url, links["alternate"]) is None:
            found.append(f"alternate link {links['alternate']!r} is no page of the site")
        ids = [entry.get("id") for entry in parsed.entries if entry.get("id")]
        found += [f"entry id {entry_id!r} appears {ids.count(entry_id)} times" for entry_id in sorted(set(ids))
                  if ids.count(entry_id) > 1]
        for number, entry in enumerate(parsed.entries, 1):
            found += _entry_problems(entry, number, root, base_url)
        dates = [entry.get("updated_parsed") for entry in parsed.entries if entry.get("updated_parsed")]
        if feed.get("updated_parsed") and dates and max(dates) > feed.updated_parsed:
            found.append("the feed's updated date is older than an entry's (readers may not look again)")
        problems += [f"{name}: {problem}" for problem in found]
    return problems
