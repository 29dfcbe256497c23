"""Own the files other programs subscribe to: the Atom feeds of the marketplace, the press releases and the events,
and the events' iCalendar files (their formats: `sitegen.feeds`, `sitegen.ical`)."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .. import ical, localize, markup, pictures
from ..feeds import Feed, FeedEntry, atom, tag_uri
from ..pages import events, marketplace, press
from ..pages.core import OutPage, absolute, base_path
from ..regions import COUNTRIES
from .environment import pick

if TYPE_CHECKING:
    from .pages import Renderer


def marketplace_feed(renderer: Renderer, page: OutPage) -> bytes:
    """Return the Atom feed of a language's marketplace offers and requests."""
    config = renderer.site.config
    gettext = renderer.gettext(page.lang)
    title = f"{gettext('Marketplace')} – {config.name[page.lang]}"
    feed, entries = marketplace.feed(config, page.lang, page.data["items"], title,
                                     gettext("New offers and requests from companies, research and investors."),
                                     lambda lang: only_in(gettext, lang))
    return atom(feed, entries)


def only_in(gettext, lang: str) -> str:
    """Return the 'German only' / 'English only' marker in the feed's language."""
    return gettext("German only") if lang == "de" else gettext("English only")


def press_feed(renderer: Renderer, page: OutPage) -> bytes:
    """Return the Atom feed of a language's press releases, with their texts."""
    config = renderer.site.config
    gettext = renderer.gettext(page.lang)
    entries = []
    for item in page.data["items"]:
        release = item.release
        link = absolute(config, item.path)
        files = base_path(config) + press.files_path(release.key)
        body = renderer.markdown(page, release.body, release.lang, files)
        if release.image:  # the release's own picture first, as its page shows it (a copy a feed reader can show)
            shown = pictures.shown(release.image.file, release.image.picture)
            alt = escape(pick(release.image.alt, release.lang, config.languages))
            body = f'<p><img src="{files}{escape(shown.src)}" alt="{alt}"></p>\n{body}'
        title = f"{release.title} ({only_in(gettext, release.lang)})" if item.foreign else release.title
        entries.append(FeedEntry(tag_uri(config.id_authority, release.date.year, f"press/{release.key}/{release.lang}"),
                                 title, link, release.date, release.updated, release.summary,
                                 markup.absolute_links(body, link)))
    feed = Feed(tag_uri(config.id_authority, 2021, f"press/{page.lang}"),
                f"{gettext('Press releases')} – {config.name[page.lang]}",
                gettext("Press releases of the MedTech Cluster Alliance D-A-CH, newest first."),
                absolute(config, page.address.path), absolute(config, press.index_path(page.lang)), page.lang,
                config.name[page.lang])
    return atom(feed, entries)


def event_location(event, lang: str) -> str:
    """Return where an event happens as one line of text (venue, address, city, country; or the online link)."""
    parts = []
    if event.place:
        place = event.place
        parts.append(", ".join(part for part in (place.name, place.address, place.city[lang],
                                                 COUNTRIES[place.country][lang]) if part))
    if event.online_url:
        parts.append(event.online_url)
    return " – ".join(parts)


def ics(renderer: Renderer, page: OutPage) -> bytes:
    """Return an iCalendar file of the events a page lists (all of a language's, or one event's)."""
    config = renderer.site.config
    lang = page.lang
    components = [ical.vevent(event, lang, config.id_authority, absolute(config, events.event_path(lang, event.id)),
                              event_location(event, lang)) for event in page.data["events"]]
    gettext = renderer.gettext(lang)
    return ical.calendar(f"{config.name[lang]} – {gettext('Events')}", components)


def event_feed(renderer: Renderer, page: OutPage) -> bytes:
    """Return the Atom feed of a language's newly announced events."""
    config = renderer.site.config
    lang = page.lang
    gettext = renderer.gettext(lang)
    entries = [FeedEntry(tag_uri(config.id_authority, event.announced.year, f"events/{event.id}/{lang}"),
                         event.title[lang], absolute(config, events.event_path(lang, event.id)), event.announced,
                         event.updated, f"{localize.event_when(event.start, event.end, event.timezone, lang)} · "
                                        f"{event_location(event, lang)} · {event.description[lang]}")
               for event in page.data["events"]]
    feed = Feed(tag_uri(config.id_authority, 2021, f"events/{lang}"), f"{gettext('Events')} – {config.name[lang]}",
                gettext("Newly announced events of the alliance and its partners."),
                absolute(config, page.address.path), absolute(config, events.index_path(lang)), lang, config.name[lang])
    return atom(feed, entries)
