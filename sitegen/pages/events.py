"""Own the events section: lists with filters, month views, a page and .ics per event, calendars and feed."""
from __future__ import annotations

import datetime as dt

from ..filters import FacetSpec, build_facets, data_attributes
from ..ical import ends_at
from ..regions import COUNTRIES
from ..routes import url_for
from ..words import N_
from .core import DATA_INPUTS, Address, OutPage, translations
from .filtered import filtered_pages
from .published import Published

INPUTS = DATA_INPUTS | {"data/events.yaml", "data/partners.yaml"}


def index_path(lang: str) -> str:
    """Return the path of the event list in `lang` (the route 'event-index')."""
    return url_for("event-index", lang=lang)


def event_path(lang: str, event_id: str) -> str:
    """Return the path of an event page (the route 'event')."""
    return url_for("event", event_id, lang)


def month_path(lang: str, month: dt.date) -> str:
    """Return the path of the view of the month of `month` (the route 'event-month')."""
    return url_for("event-month", month, lang)


def facet_specs(published: Published) -> tuple[FacetSpec, ...]:
    """Return the event filters: kind and country."""
    kinds = published.site.vocab.event_kinds
    online = N_("Online")
    return (
        FacetSpec("kind", lambda e: (e.kind,), lambda key: kinds[key], tuple(kinds)),
        FacetSpec("country", lambda e: (e.place.country,) if e.place else ("online",),
                  lambda key: COUNTRIES.get(key, online), ("DE", "AT", "CH", "online")),
    )


def months_touched(event) -> list[dt.date]:
    """Return the first days of every month an event touches."""
    months, day = [], event.first_day.replace(day=1)
    while day <= event.last_day:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def pages(published: Published) -> list[OutPage]:
    """Return lists, filter pages, month views, event pages, .ics files and feeds in every language."""
    config = published.site.config
    events = published.site.events
    specs = facet_specs(published)
    facets = build_facets(events, specs)
    shared = {"facets": facets, "attributes": {e.id: data_attributes(e, specs) for e in events},
              "ends": {e.id: ends_at(e).strftime("%Y-%m-%dT%H:%M:%SZ") for e in events}}
    indexes = {lang: index_path(lang) for lang in config.languages}
    result = []
    for lang in config.languages:
        alternates, switch = translations(config, lang, indexes, indexes)
        result.append(OutPage(Address(indexes[lang]), "event-index", lang, "events.html",
                              data={**shared, "upcoming": published.upcoming(), "past": published.past(),
                                    "filter_current": None, "month": month_path(lang, published.today.replace(day=1)),
                                    "calendar": url_for("calendar", lang=lang)},
                              alternates=alternates, switch=switch, inputs=INPUTS))
        result.append(OutPage(Address(url_for("calendar", lang=lang)), "calendar", lang, "ics",
                              data={"events": sorted(events, key=lambda e: (e.start_sort, e.id))}, inputs=INPUTS,
                              in_sitemap=False))
        result.append(OutPage(Address(url_for("event-feed", lang=lang)), "event-feed", lang, "event-feed",
                              data={"events": sorted(events, key=lambda e: (e.announced, e.id), reverse=True)},
                              inputs=INPUTS, in_sitemap=False))

    def filter_page(lang, matching, current, address):
        chosen = {id(e) for e in matching}
        upcoming = [e for e in published.upcoming() if id(e) in chosen]
        past = [e for e in published.past() if id(e) in chosen]
        return OutPage(address, "event-filter", lang, "events.html", inputs=INPUTS,
                       data={**shared, "upcoming": upcoming, "past": past, "filter_current": current,
                             "month": month_path(lang, published.today.replace(day=1)),
                             "calendar": url_for("calendar", lang=lang)})

    result += filtered_pages(config, "event-filter", facets, specs, list(events), filter_page)
    result += month_pages(published)
    for event in events:
        paths = {lang: event_path(lang, event.id) for lang in config.languages}
        for lang in config.languages:
            alternates, switch = translations(config, lang, paths, indexes)
            result.append(OutPage(Address(paths[lang]), "event", lang, "event.html", event.title[lang],
                                  event.description[lang],
                                  data={"event": event, "ics": url_for("event-ics", event.id, lang),
                                        "calendar": url_for("calendar", lang=lang)},
                                  alternates=alternates, switch=switch, inputs=INPUTS, updated=event.updated))
            result.append(OutPage(Address(url_for("event-ics", event.id, lang)), "event-ics", lang, "ics",
                                  data={"events": [event]}, inputs=INPUTS, in_sitemap=False))
    return result


def month_pages(published: Published) -> list[OutPage]:
    """Return a month view for every month with events, and the current month, in every language."""
    config = published.site.config
    by_month: dict[dt.date, list] = {published.today.replace(day=1): []}
    for event in published.site.events:
        for month in months_touched(event):
            by_month.setdefault(month, []).append(event)
    months = sorted(by_month)
    result = []
    for index, month in enumerate(months):
        paths = {lang: month_path(lang, month) for lang in config.languages}
        for lang in config.languages:
            alternates, switch = translations(config, lang, paths, paths)
            neighbours = {"previous": month_path(lang, months[index - 1]) if index else None,
                          "next": month_path(lang, months[index + 1]) if index + 1 < len(months) else None}
            result.append(OutPage(Address(paths[lang]), "event-month", lang, "event_month.html",
                                  data={"month": month, "weeks": weeks(month, by_month[month]),
                                        "count": len(by_month[month]), **neighbours, "today": published.today},
                                  alternates=alternates, switch=switch, inputs=INPUTS))
    return result


def weeks(month: dt.date, events: list) -> list[list[tuple[dt.date | None, list]]]:
    """Return the month as weeks (Monday first) of (day or None, events on that day)."""
    first = month
    following = (month + dt.timedelta(days=32)).replace(day=1)
    rows, row = [], [(None, [])] * first.weekday()
    day = first
    while day < following:
        on_day = sorted((e for e in events if e.first_day <= day <= e.last_day), key=lambda e: (e.start_sort, e.id))
        row = row + [(day, on_day)]
        if len(row) == 7:
            rows.append(row)
            row = []
        day += dt.timedelta(days=1)
    if row:
        rows.append(row + [(None, [])] * (7 - len(row)))
    return rows
