"""Own the checks spanning a record's fields or comparing a date with the build's today: a change dated before the
record appeared or in the future, a date years ahead, an event lasting over a year, regions outside the record's
country."""
from __future__ import annotations

import datetime as dt

from ..source import Raw
from .context import Context


def updated_in_time(values: dict, since: str, nodes: dict, ctx: Context, published_then: bool = True) -> bool:
    """Whether a record's `updated` (if any) is on or after its `since` date (announced, published, date) and not in
    the future (`not_ahead`; `published_then`: the record is not published before its `since` date, so it may say it
    changed on that date); add the problem at the line of `nodes["updated"]` when not (feeds and calendars would say it
    changed before it appeared, or on a day still to come)."""
    if values.get("updated") is None:
        return True
    if values["updated"] < values[since]:
        return ctx.add(nodes["updated"].line, "updated", f"updated {values['updated'].isoformat()} is before {since} "
                       f"{values[since].isoformat()}", f"the day of the last change, on or after {since}") and False
    return not_ahead(values["updated"], "updated", nodes["updated"].line, ctx,
                     (since, values[since]) if published_then else None)


TOMORROW = dt.timedelta(days=1)
"""How far a date of a change may lie after the build's today: an editor's today may be tomorrow where the build runs."""


def not_ahead(value: dt.date | None, name: str, line: int, ctx: Context, since: tuple[str, dt.date] | None = None
              ) -> bool:
    """Whether the date a change was made or a record was announced (`name`) is not in the future: at most a day after
    the build's today, or at most the record's own `since` date when that is later (a release dated later, which
    is not published before then); add the problem at `line` when it is."""
    if value is None or ctx.today is None or value <= ctx.today + TOMORROW or (since and value <= since[1]):
        return True
    expected = (f"{since[0]} {since[1].isoformat()} at the latest: it is not published before then"
                if since and since[1] > ctx.today else "the day it happened: today or earlier")
    return ctx.add(line, name, f"{name} {value.isoformat()} is in the future (today is {ctx.today.isoformat()})",
                   expected) and False


FAR_AHEAD_YEARS = 3
"""An event or release dated more years after the build's today than this is warned of: most likely a mistyped year."""


def far_ahead(value: dt.date | dt.datetime, name: str, line: int, ctx: Context) -> None:
    """Warn (at `line`) when the date `value` lies more than FAR_AHEAD_YEARS after the build's today."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if ctx.today is None or day <= _years_after(ctx.today, FAR_AHEAD_YEARS):
        return
    ctx.add(line, name, f"{day.isoformat()} is more than {FAR_AHEAD_YEARS} years after today "
            f"({ctx.today.isoformat()})", "check the year", warning=True)


def _years_after(day: dt.date, years: int) -> dt.date:
    """Return the same day `years` later (28 February for a 29 February in a year without one)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


LONGEST_EVENT = dt.timedelta(days=366)
"""An event lasting longer than this is warned of (a year and a day: a mistyped year of its end, most likely)."""


def long_event(start: dt.date | dt.datetime, end: dt.date | dt.datetime, line: int, ctx: Context) -> None:
    """Warn (at `line`, its end's) when an event from `start` to `end` lasts longer than LONGEST_EVENT."""
    first = start.date() if isinstance(start, dt.datetime) else start
    last = end.date() if isinstance(end, dt.datetime) else end
    if last - first >= LONGEST_EVENT:
        ctx.add(line, "end", f"the event lasts {(last - first).days + 1} days ({first.isoformat()} to "
                f"{last.isoformat()})", "check the year of its start and end", warning=True)


def regions_in_country(regions: tuple, country: str, node: Raw | None, ctx: Context) -> bool:
    """Add a problem for every region outside `country`; return whether all are inside."""
    ok = True
    for index, region in enumerate(regions):
        if not region.startswith(country + "-"):
            line = node.value[index].line if node is not None else 1
            ok = ctx.add(line, f"regions[{index + 1}]", f"region {region} is not in country {country}",
                         f"a code starting with {country}-") and False
    return ok
