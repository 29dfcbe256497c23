"""Own the rule that subscribed calendars hear of an event's changes (for `build.py check`).

A calendar takes a new version of an event only when its SEQUENCE and DTSTAMP grew, which the .ics files derive
from `updated` (`ical.sequence`: `updated − announced` in days). So, compared with the last published
version of the events file: a changed time (start, end, all-day, time zone), place (venue, address, city,
country, online link) or status needs a later `updated`; `updated` never goes back and `announced` never moves
so far on that the SEQUENCE falls; an event still to come that is deleted or renamed is a warning, as calendars
keep showing it (cancelling it with `status: cancelled` tells them). Pure functions over the versions' texts:
`history` reads them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import schema
from .checks import INVALID, SLUG, Context, check
from .ical import sequence
from .problems import Problem, ProblemsFound
from .source import Raw, parse_yaml

SHOWN = ("start", "end", "timezone", "place", "online_url", "status")
"""The fields whose change calendars must hear of: time, place and status."""
KEPT = ("announced", "updated")
"""The fields the SEQUENCE and DTSTAMP come from."""
_SPECS = {spec.name: spec for spec in schema.EVENT}


@dataclass(frozen=True)
class Version:
    """What calendars are told of one event in one version of the events file."""

    id: str
    """The event's id (its calendar UID)."""
    line: int
    """Line of the event (`- id:`) in that version."""
    shown: tuple[tuple[str, object], ...]
    """(field, value) of each field of `SHOWN`, the value as checked (None when not given)."""
    announced: dt.date
    """When it was first announced."""
    updated: dt.date
    """Its last change (`announced` when not given)."""

    @property
    def sequence(self) -> int:
        """Return the SEQUENCE the .ics files give this version."""
        return sequence(self.announced, self.updated)

    @property
    def last_day(self) -> dt.date:
        """Return the last day the event touches."""
        last = dict(self.shown)["end"] or dict(self.shown)["start"]
        return last.date() if isinstance(last, dt.datetime) else last


def versions(text: str, path: str) -> dict[str, Version | None] | None:
    """Return id → version of each event of an events file's text (None for one whose time, place, status or dates
    are not valid as written); None when the text is no list of events. Vocabularies are not looked at."""
    try:
        tree = parse_yaml(text, path)
    except ProblemsFound:
        return None
    if not isinstance(tree.value, list):
        return None if tree.value is not None else {}
    found: dict[str, Version | None] = {}
    for item in tree.value:
        node = item.value.get("id") if isinstance(item.value, dict) else None
        if node is None or not isinstance(node.value, str) or not SLUG.match(node.value.strip()):
            continue
        found.setdefault(node.value.strip(), _version(node.value.strip(), item, path))
    return found


def _version(event_id: str, item: Raw, path: str) -> Version | None:
    """Return what calendars are told of one event, None when a field of it is not valid."""
    ctx = Context(path)
    values = {}
    for name in SHOWN + KEPT:
        node = item.value.get(name)
        spec = _SPECS[name]
        values[name] = None if node is None or node.value is None else check(node, spec, ctx, name)
        if values[name] is INVALID or (values[name] is None and spec.required):
            return None
    if values["status"] is None:
        values["status"] = _SPECS["status"].default
    shown = tuple((name, _frozen(values[name])) for name in SHOWN)
    return Version(event_id, item.line, shown, values["announced"], values["updated"] or values["announced"])


def _frozen(value: object) -> object:
    """Return a checked value as something comparable and hashable (a place's fields, a city per language)."""
    if isinstance(value, dict):
        return tuple((key, _frozen(value[key])) for key in sorted(value))
    return value


def problems(published: dict[str, Version | None], current: dict[str, Version | None], path: str,
             today: dt.date) -> list[Problem]:
    """Return an error for each event whose calendars would miss a change since the published version."""
    found = []
    for event_id, old in published.items():
        if old is None:
            continue
        if event_id not in current:
            if old.last_day >= today:
                found.append(Problem(path, 1, "", f"the event '{event_id}' ({_text(dict(old.shown)['start'])}) "
                                     "was published and is still to come, but is no longer here: calendars that "
                                     "have it keep showing it",
                                     f"to tell them, keep it with its id, status: cancelled and updated: "
                                     f"{today.isoformat()}; delete it only if it never took place in anyone's plans",
                                     warning=True))
            continue
        new = current[event_id]
        if new is not None:
            found += _changed(old, new, path, today)
    return found


def _changed(old: Version, new: Version, path: str, today: dt.date) -> list[Problem]:
    """Return the problems of one event's new version against its published one."""
    changes = [f"{name} {_text(before)} → {_text(after)}"
               for (name, before), (_, after) in zip(old.shown, new.shown) if before != after]
    went_back = f"went back from {old.updated.isoformat()} to {new.updated.isoformat()}"
    if changes and new.updated <= old.updated:
        kept = f"stayed {old.updated.isoformat()}" if new.updated == old.updated else went_back
        return [Problem(path, new.line, "updated", f"{kept} while the event changed since it was published "
                        f"({'; '.join(changes)}): calendars that have it keep the old version",
                        f"set updated: to {max(today, old.updated + dt.timedelta(days=1)).isoformat()}")]
    if new.updated < old.updated:
        return [Problem(path, new.line, "updated", f"{went_back} since the event was published: calendars ignore "
                        "a version older than theirs", f"updated: {old.updated.isoformat()} or later")]
    if new.sequence < old.sequence or (changes and new.sequence == old.sequence):
        return [Problem(path, new.line, "announced", f"moved from {old.announced.isoformat()} to "
                        f"{new.announced.isoformat()} since the event was published: calendars count its changes "
                        "from it and would ignore this version", f"keep announced: {old.announced.isoformat()}")]
    return []


def _text(value: object) -> str:
    """Return a checked value as an editor would write it ('none' when not given)."""
    if value is None:
        return "none"
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):  # a place: its fields; a city: its names
        parts = dict(value)
        if set(parts) <= set(schema.SUPPORTED_LANGUAGES):
            names = list(dict.fromkeys(parts.values()))
            return "/".join(names)
        return ", ".join(_text(parts[name]) for name in ("name", "address", "city", "country") if parts.get(name))
    return str(value)
