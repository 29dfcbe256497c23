"""Own writing iCalendar (RFC 5545) files of events with the icalendar library.

Time zones come from the pinned `tzdata` package, never the machine's zoneinfo, so VTIMEZONE
blocks are the same on every machine; each is made from the changes zoneinfo knows, in the forms every
client reads alike (`vtimezone`). DTSTAMP comes from the event's `updated` date, so two
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

from .records import Event
from .records import record

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


def written(value: dt.date | dt.datetime, timezone: str) -> dt.datetime | dt.date:
    """Return a DTSTART or DTEND: a local time in its zone, but in UTC where the clocks show it twice (the night summer
    time ends: RFC 5545 means the first time, as zoneinfo does; ical.js, Thunderbird's parser, reads the second) or
    skip it (which `build.py check` refuses)."""
    moment = instant(value, timezone)
    if isinstance(moment, dt.datetime) and moment.utcoffset() != moment.replace(fold=1).utcoffset():
        return moment.astimezone(dt.timezone.utc)
    return moment


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
    import icalendar  # here: a build that writes no calendar does not wait for its import (bench/README.md)

    component = icalendar.Event()
    component.add("uid", f"{event.id}@{authority}")
    component.add("dtstamp", dt.datetime.combine(event.updated, dt.time(), dt.timezone.utc))
    component.add("dtstart", written(event.start, event.timezone))
    if event.all_day:
        component.add("dtend", event.last_day + dt.timedelta(days=1))
    elif event.end is not None:
        component.add("dtend", written(event.end, event.timezone))
    component.add("summary", event.title[lang])
    component.add("description", f"{event.description[lang]}\n\n{url}")
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("status", STATUS[event.status])
    component.add("sequence", sequence(event.announced, event.updated))
    component.add("last-modified", dt.datetime.combine(event.updated, dt.time(), dt.timezone.utc))
    return component


@record
class Change:
    """One change of a zone's offset, as zoneinfo knows it."""

    at: dt.datetime
    """The UTC instant of the change."""
    before: dt.timedelta
    """UTC offset until then (TZOFFSETFROM)."""
    after: dt.timedelta
    """UTC offset from then on (TZOFFSETTO)."""
    name: str
    """Abbreviation from then on (TZNAME), e.g. CEST."""
    dst: bool
    """Whether it is summer time from then on (DAYLIGHT) or not (STANDARD)."""

    @property
    def onset(self) -> dt.datetime:
        """Return the local wall-clock time of the change, read on the clock before it (RFC 5545 3.6.5)."""
        return (self.at + self.before).replace(tzinfo=None)


def _offset(moment: dt.datetime, timezone: zoneinfo.ZoneInfo) -> dt.timedelta:
    """Return the UTC offset of a zone at a UTC instant."""
    return moment.astimezone(timezone).utcoffset()


def _change_within(midnight: dt.datetime, offset: dt.timedelta, timezone: zoneinfo.ZoneInfo) -> dt.datetime:
    """Return the UTC instant, to the second, the zone leaves `offset` within the day after `midnight`."""
    low, high = 0, 86400  # the change lies after `low` seconds and at or before `high`: halve them
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(midnight + dt.timedelta(seconds=middle), timezone) == offset:
            low = middle
        else:
            high = middle
    return midnight + dt.timedelta(seconds=high)


def changes(name: str, start: dt.datetime, end: dt.datetime) -> list[Change]:
    """Return the changes of a zone's offset from UTC instant `start` (a whole second) until `end`.

    Read a week, then a day at a time where the week changed, then halved to the second: a change taken back
    within the same week would go unseen (tzdata has none from 1990 to 2100 in any zone)."""
    timezone, day, week, found = zone(name), dt.timedelta(days=1), dt.timedelta(days=7), []
    moment, offset = start, _offset(start, timezone)
    while moment < end:
        if _offset(moment + week, timezone) != offset:
            for midnight in (moment + day * number for number in range(7)):
                if _offset(midnight + day, timezone) != offset:
                    at = _change_within(midnight, offset, timezone)
                    local = at.astimezone(timezone)
                    found.append(Change(at, offset, local.utcoffset(), local.tzname(), bool(local.dst())))
                    offset = local.utcoffset()
        moment += week
    return [change for change in found if change.at < end]


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _places(day: dt.datetime) -> set[int]:
    """Return the places of a day among its month's days of its weekday: its number, and -1 if it is the last."""
    number = (day.day - 1) // 7 + 1
    return {number, -1} if (day + dt.timedelta(days=7)).month != day.month else {number}


def yearly_rule(same: list[Change], through: int) -> tuple[int, dict | None]:
    """Return where the last changes of one kind begin to follow one yearly rule until the year `through` (same
    month, weekday, time and place of the weekday in the month, every year), and that RRULE; (len, None) if none."""
    onsets = [change.onset for change in same]
    last, begin = onsets[-1], len(onsets) - 1
    if last.year != through:
        return len(onsets), None
    places = _places(last)
    while begin > 0:
        earlier, later = onsets[begin - 1], onsets[begin]
        fit = places & _places(earlier)
        if not fit or earlier.year != later.year - 1 or (earlier.month, earlier.weekday(), earlier.time()) != (
                later.month, later.weekday(), later.time()):
            break
        places, begin = fit, begin - 1
    if begin == len(onsets) - 1:
        return len(onsets), None
    place = -1 if -1 in places else min(places)
    return begin, {"freq": "yearly", "bymonth": last.month, "byday": f"{place}{WEEKDAYS[last.weekday()]}"}


def observances(same: list[Change], through: int) -> list[icalendar.cal.Component]:
    """Return the STANDARD or DAYLIGHT blocks of changes of one kind until the year `through`: an open-ended yearly
    RRULE for the last ones if they follow one to the end, a block with one RDATE a line for those before.

    No RRULE ends with UNTIL, which clients read differently: vobject compares it with local time. No RDATE lists
    several times: ical.js, Thunderbird's parser, reads only the first."""
    begin, rule = yearly_rule(same, through)
    return ([_observance(same[:begin], None)] if begin else []) + ([_observance(same[begin:], rule)] if rule else [])


def _observance(changes: list[Change], rule: dict | None) -> icalendar.cal.Component:
    """Return one STANDARD or DAYLIGHT block: its first change, then the RRULE or else an RDATE for each other."""
    import icalendar

    first = changes[0]
    component = icalendar.TimezoneDaylight() if first.dst else icalendar.TimezoneStandard()
    component.add("dtstart", first.onset)
    if rule:
        component.add("rrule", rule)
    else:
        for change in changes[1:]:
            component.add("rdate", change.onset)
    component.add("tzoffsetfrom", first.before)
    component.add("tzoffsetto", first.after)
    component.add("tzname", first.name)
    return component


EARLIEST = 1997
"""Every VTIMEZONE covers at least the years from this one on (the RRULEs of the EU's zones begin with the changes
of 1996, the first year of their rule of today), so that a zone's block is the same in every file of the site: a
client may keep the first block it reads of a TZID for every file after (vobject does)."""


@lru_cache(maxsize=None)
def vtimezone(name: str, first_year: int, last_year: int) -> bytes:
    """Return the VTIMEZONE of a zone for whole years, as iCalendar text (computed once per build process).

    Made from the changes zoneinfo knows from the year before `first_year` or EARLIEST (so that an observance is in
    force on the first day) to the end of `last_year`, each kind of change (`observances`) with a yearly RRULE where
    the changes follow one: for the EU's zones one open-ended RRULE for summer and one for winter time. A zone that
    does not change then is one block that begins on the first day."""
    import icalendar

    begin = dt.datetime(min(first_year, EARLIEST), 1, 1, tzinfo=dt.timezone.utc)
    found = changes(name, begin.replace(year=begin.year - 1), dt.datetime(last_year + 1, 1, 1, tzinfo=dt.timezone.utc))
    kinds: dict[tuple, list[Change]] = {}
    for change in found:
        kinds.setdefault((change.dst, change.name, change.before, change.after), []).append(change)
    parts = [part for same in kinds.values() for part in observances(same, last_year)]
    if not any(change.at <= begin for change in found):
        local = begin.astimezone(zone(name))
        offset = local.utcoffset()
        parts.append(_observance([Change(begin - offset, offset, offset, local.tzname(), bool(local.dst()))], None))
    result = icalendar.Timezone()
    result.add("tzid", name)
    for part in sorted(parts, key=lambda part: part.decoded("DTSTART")):
        result.add_component(part)
    return result.to_ical()


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
