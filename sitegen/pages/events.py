"""Own the events section: upcoming and past lists per language and one page per event."""
from __future__ import annotations

from .core import DATA_INPUTS, Address, OutPage, section_address, translations
from .published import Published

INPUTS = DATA_INPUTS | {"data/events.yaml", "data/partners.yaml"}


def index_path(lang: str) -> str:
    """Return the path of the event list in `lang`."""
    return section_address(lang, "events").path


def event_path(lang: str, event_id: str) -> str:
    """Return the path of an event page."""
    return section_address(lang, "events", event_id).path


def pages(published: Published) -> list[OutPage]:
    """Return the event lists and event pages in every language."""
    config = published.site.config
    indexes = {lang: index_path(lang) for lang in config.languages}
    result = []
    for lang in config.languages:
        alternates, switch = translations(config, lang, indexes, indexes)
        result.append(OutPage(Address(indexes[lang]), "event-index", lang, "events.html",
                              data={"upcoming": published.upcoming(), "past": published.past()},
                              alternates=alternates, switch=switch, inputs=INPUTS))
    for event in published.site.events:
        paths = {lang: event_path(lang, event.id) for lang in config.languages}
        for lang in config.languages:
            alternates, switch = translations(config, lang, paths, indexes)
            result.append(OutPage(Address(paths[lang]), "event", lang, "event.html", event.title[lang],
                                  event.description[lang], data={"event": event},
                                  alternates=alternates, switch=switch, inputs=INPUTS, updated=event.updated))
    return result
