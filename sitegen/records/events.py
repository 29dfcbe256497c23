"""Own the typed records of events and their places."""
from __future__ import annotations

import datetime as dt

from .base import Source, Translated, record


@record
class Place:
    """Venue of an event."""

    name: str
    """Venue name."""
    city: Translated
    """City, named in every language."""
    country: str
    """Country code."""
    address: str | None = None
    """Street address."""


@record
class Event:
    """One event of the calendar."""

    id: str
    """URL-safe id; also the base of the calendar UID."""
    kind: str
    """Event-kind key."""
    start: dt.date | dt.datetime
    """A date (all-day) or a naive local datetime in `timezone`."""
    end: dt.date | dt.datetime | None
    """Inclusive last day (all-day) or end time (timed); None when open."""
    timezone: str
    """IANA zone name."""
    place: Place | None
    """Venue, or None for online-only."""
    online_url: str | None
    """Online participation link."""
    title: Translated
    """Title per language."""
    description: Translated
    """Description per language."""
    organisers: tuple[str, ...]
    """Partner ids."""
    status: str
    """'scheduled', 'cancelled' or 'postponed'."""
    tags: tuple[str, ...]
    """Tag keys."""
    initiatives: tuple[str, ...]
    """Joint initiatives the event belongs to."""
    announced: dt.date
    """When it was first announced."""
    updated: dt.date
    """Last real change (defaults to announced)."""
    source: Source
    """Where it was written."""

    @property
    def all_day(self) -> bool:
        """Return whether the event is given as whole days."""
        return not isinstance(self.start, dt.datetime)

    @property
    def last_day(self) -> dt.date:
        """Return the last calendar day the event touches, in its own time zone."""
        last = self.end or self.start
        return last.date() if isinstance(last, dt.datetime) else last

    @property
    def start_sort(self) -> dt.datetime:
        """Return the start as a naive datetime (midnight for all-day events), for ordering."""
        return self.start if isinstance(self.start, dt.datetime) else dt.datetime.combine(self.start, dt.time())

    @property
    def first_day(self) -> dt.date:
        """Return the first calendar day, in the event's own time zone."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start
