"""Own the site's structured data (schema.org JSON-LD): every object a page carries, and how it is written.

The objects are pure functions of the records and the page (`for_page`): an Organization for a
partner's page, an Event for an event's, a NewsArticle for a press release's; the alliance
itself, as member-of and publisher, is one Organization (`alliance`). `script_text` writes
them once for every page: base.html puts it, when a page has one, in the page's single
<script type="application/ld+json"> (the Jinja global `jsonld(page)`). No template builds
JSON-LD of its own (tests/test_words.py greps for one).
"""
from __future__ import annotations

import json
from typing import Callable

from . import ical, pictures
from .pages.core import OutPage, absolute
from .routes import url_for

CONTEXT = "https://schema.org"
STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}
"""An event's status → its schema.org EventStatusType."""
PREVIEW = "static/img/social.png"
"""The picture a page without one of its own is shown by (as its og:image)."""

Text = Callable[[dict], str]
"""The page's text of a field given per language (falling back to another language as the page does)."""


def alliance(config, lang: str, text: Text) -> dict:
    """Return the alliance as an Organization (partners' memberOf, releases' publisher)."""
    return {"@type": "Organization", "name": text(config.name), "url": absolute(config, url_for("home", lang=lang))}


def organization(partner, config, lang: str, url: str, text: Text) -> dict:
    """Return a partner's Organization (`url`: its page's, when it names no website)."""
    return {
        "@context": CONTEXT, "@type": "Organization", "name": partner.name, "alternateName": partner.short_name,
        "url": partner.website or url, "email": partner.contact.email, "description": text(partner.description),
        "address": {"@type": "PostalAddress", "addressLocality": text(partner.city), "addressCountry": partner.country},
        "memberOf": alliance(config, lang, text),
    }


def event(item, lang: str, url: str, text: Text) -> dict:
    """Return an event's Event: when, where (a place, an online link or both) and its status."""
    def instant(value):
        return ical.instant(value, item.timezone).isoformat()

    data = {
        "@context": CONTEXT, "@type": "Event", "name": text(item.title), "description": text(item.description),
        "startDate": instant(item.start), "eventStatus": f"{CONTEXT}/{STATUS[item.status]}", "url": url,
    }
    if item.end:
        data["endDate"] = instant(item.end)
    locations = []
    if item.place:
        locations.append({"@type": "Place", "name": item.place.name, "address": {
            "@type": "PostalAddress", "addressLocality": item.place.city[lang], "addressCountry": item.place.country}})
    if item.online_url:
        locations.append({"@type": "VirtualLocation", "url": item.online_url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    mode = "Mixed" if len(locations) > 1 else "Online" if item.online_url else "Offline"
    data["eventAttendanceMode"] = f"{CONTEXT}/{mode}EventAttendanceMode"
    return data


def preview_image(release, config, files: str) -> str:
    """Return the absolute URL of the picture a release is shown by: its own picture's largest copy, else the site's."""
    if not release.image:
        return absolute(config, PREVIEW)
    return absolute(config, files + pictures.shown(release.image.file, release.image.picture).largest)


def news_article(release, config, lang: str, url: str, files: str, text: Text) -> dict:
    """Return a press release's NewsArticle (`files`: the folder of its pictures)."""
    return {
        "@context": CONTEXT, "@type": "NewsArticle", "headline": release.title, "description": release.summary,
        "datePublished": release.date.isoformat(), "dateModified": release.updated.isoformat(), "inLanguage": lang,
        "url": url, "image": preview_image(release, config, files), "publisher": alliance(config, lang, text),
    }


def for_page(page: OutPage, config, text: Text) -> dict | None:
    """Return the JSON-LD object of a page (None: the page has none)."""
    lang, url, data = page.lang, absolute(config, page.address.path), page.data
    if page.kind == "partner":
        return organization(data["partner"], config, lang, url, text)
    if page.kind == "event":
        return event(data["event"], lang, url, text)
    if page.kind == "release":
        return news_article(data["release"], config, lang, url, data["files"], text)
    return None


def script_text(data: dict) -> str:
    """Return JSON-LD as the text of a <script> element: sorted keys, and no '<', '>' or '&' (written as \\u003c, …),
    so that no text of the data can close the element or start markup."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
