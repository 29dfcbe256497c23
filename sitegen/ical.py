"""Own writing iCalendar (RFC 5545) files of events with the icalendar library.

Time zones come from the pinned `tzdata` package, never the machine's zoneinfo, so VTIMEZONE
blocks are the same on every machine; DTSTAMP comes from the event's `updated` date, so two
builds are byte-identical. A subscribed calendar takes a changed event only when its SEQUENCE (and
DTSTAMP) grew: both grow with `updated` (`sequence`), which `build.py check` therefore asks to be later
when an event's time, place or status changed since it was published (`event_changes`). A cancelled
event stays in every calendar with STATUS:CANCELLED, so that calendars hear of it.
"""
from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Event

if TYPE_CHECKING:
    import icalendar

zoneinfo.reset_tzpath(to=[])
zoneinfo.ZoneInfo.clear_cache()
# From here on every ZoneInfo in the build reads the pinned tzdata package (requirements.txt).

PRODID = "-//MedTech Cluster Alliance D-A-CH//sitegen//DE"
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def zone(name: str) -> zoneinfo.ZoneInfo:
    """Return a time zone from the pinned tzdata package."""
    return zoneinfo.ZoneInfo(name)


def instant(value: dt.date | dt.datetime, timezone: str) -> dt.datetime | dt.date:
    """Return a timed value as an aware datetime in its zone; dates stay dates."""
    return value.replace(tzinfo=zone(timezone)) if isinstance(value, dt.datetime) else value


def ends_at(event: Event) -> dt.datetime:
    """Return the UTC instant an event is over (all-day and open-ended ones: the end of their last day)."""
    if isinstance(event.end, dt.datetime):
        return instant(event.end, event.timezone).astimezone(dt.timezone.utc)
    midnight = dt.datetime.combine(event.last_day + dt.timedelta(days=1), dt.time(), zone(event.timezone))
    return midnight.astimezone(dt.timezone.utc)


def sequence(announced: dt.date, updated: dt.date) -> int:
    """Return an event's SEQUENCE: the days from its announcement to its last change (0 until it changes)."""
    return (updated - announced).days


def vevent(event: Event, lang: str, authority: str, url: str, location: str) -> icalendar.Event:
    """Return the VEVENT of an event in one language."""
    import icalendar  # here: a build that writes no calendar does not wait for its import (70 ms)

    component = icalendar.Event()
    component.add("uid", f"{event.id}@{authority}")
    component.add("dtstamp", dt.datetime.combine(event.updated, dt.time(), dt.timezone.utc))
    component.add("dtstart", instant(event.start, event.timezone))
    if event.all_day:
        component.add("dtend", event.last_day + dt.timedelta(days=1))
    elif event.end is not None:
        component.add("dtend", instant(event.end, event.timezone))
    component.add("summary", event.title[lang])
    component.add("description", f"{event.description[lang]}\n\n{url}")
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("status", STATUS[event.status])
    component.add("sequence", sequence(event.announced, event.updated))
    component.add("last-modified", dt.datetime.combine(event.updated, dt.time(), dt.timezone.utc))
    return component


@lru_cache(maxsize=None)
def vtimezone(name: str, first_year: int, last_year: int) -> bytes:
    """Return the VTIMEZONE of a zone covering whole years, as iCalendar text (computed once per build process)."""
    import icalendar

    return icalendar.Timezone.from_tzid(name, first_date=dt.date(first_year, 1, 1),
                                        last_date=dt.date(last_year + 1, 1, 1)).to_ical()


def calendar(name: str, components: list[icalendar.Event]) -> bytes:
    """Return a VCALENDAR with the events and the VTIMEZONEs they use (covering the years of the events)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    years: dict[str, set[int]] = {}
    for component in components:
        for name in ("DTSTART", "DTEND"):
            if name in component and "TZID" in component[name].params:
                years.setdefault(str(component[name].params["TZID"]), set()).add(component.decoded(name).year)
    for component in components:
        cal.add_component(component)
    # The VTIMEZONEs come before the events. Each is serialised by icalendar once per process and
    # placed as it is (parsing it back into the calendar only to serialise it again costs more than
    # the rest of a one-event file).
    head, end, tail = cal.to_ical().partition(b"BEGIN:VEVENT\r\n" if components else b"END:VCALENDAR\r\n")
    zones = b"".join(vtimezone(zone_name, min(seen), max(seen)) for zone_name, seen in sorted(years.items()))
    return head + zones + end + tail
