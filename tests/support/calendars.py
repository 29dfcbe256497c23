"""Check every iCalendar file of a built site, and the webcal: links that subscribe to them.

Each .ics must parse with the icalendar library without errors, be a VERSION:2.0 calendar with a PRODID, and
each event must carry what RFC 5545 and calendar clients need (UID, DTSTAMP, DTSTART, SUMMARY; an end after its
start; a VTIMEZONE for each TZID). An event found in several files of a language (its own file and the calendar
of all events) must say the same in each, or a subscriber and a visitor who saved the event would disagree.
"""
from __future__ import annotations

import re
from pathlib import Path

import icalendar

from .links import site_file

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "SUMMARY")
SAME_EVERYWHERE = ("DTSTART", "DTEND", "SEQUENCE", "STATUS", "SUMMARY", "LOCATION", "URL")
"""What an event must say alike in every file of one language that holds it."""
WEBCAL = re.compile(r"""\b(?:href|src)\s*=\s*["'](webcal://[^"']+)["']""", re.IGNORECASE)


def _event_problems(event, root: Path, base_url: str, zones: set[str]) -> list[str]:
    """Return what one VEVENT lacks or gets wrong."""
    uid = str(event.get("UID", "no UID"))
    problems = [f"{uid}: no {name}" for name in REQUIRED if name not in event]
    problems += [f"{uid}: {name}: {message}" for name, message in event.errors]
    if "DTSTART" in event and "DTEND" in event and not event.errors:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if type(start) is not type(end):
            problems.append(f"{uid}: DTSTART {start} and DTEND {end} are not both dates or both times")
        elif end <= start:
            problems.append(f"{uid}: DTEND {end} is not after DTSTART {start}")
    for name in ("DTSTART", "DTEND"):
        tzid = event[name].params.get("TZID") if name in event else None
        if tzid and str(tzid) not in zones:
            problems.append(f"{uid}: {name} in time zone {tzid}, which has no VTIMEZONE in the file")
    url = str(event.get("URL", ""))
    if url and site_file(root, base_url, url) is None:
        problems.append(f"{uid}: URL {url} is no page of the site under {base_url}")
    return problems


def _statement(event) -> dict[str, str]:
    """Return what an event says, for comparing its copies."""
    return {name: event[name].to_ical().decode() for name in SAME_EVERYWHERE if name in event}


def calendar_problems(root: Path, base_url: str) -> list[str]:
    """Return 'file: problem' for every calendar of the site that does not parse or names what is not there."""
    problems: list[str] = []
    said: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
    for file in sorted(root.rglob("*.ics")):
        name = file.relative_to(root).as_posix()
        try:
            calendar = icalendar.Calendar.from_ical(file.read_bytes())
        except ValueError as error:
            problems.append(f"{name}: does not parse: {str(error)[:200]}")
            continue
        found = [] if calendar.name == "VCALENDAR" else [f"the top component is {calendar.name}, not VCALENDAR"]
        found += [f"{what}: {message}" for what, message in calendar.errors]
        if str(calendar.get("VERSION", "")) != "2.0":
            found.append(f"VERSION '{calendar.get('VERSION', '')}', expected '2.0'")
        if not str(calendar.get("PRODID", "")).strip():
            found.append("no PRODID")
        zones = {str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")}
        events = calendar.walk("VEVENT")
        if not events:
            found.append("holds no event")
        uids = [str(event.get("UID", "")) for event in events]
        found += [f"UID {uid} appears {uids.count(uid)} times" for uid in sorted(set(uids))
                  if uid and uids.count(uid) > 1]
        for event in events:
            found += _event_problems(event, root, base_url, zones)
            key = (file.relative_to(root).parts[0], str(event.get("UID", "")))
            statement = _statement(event)
            if key in said and said[key][0] != name and said[key][1] != statement:  # (twice in one file: above)
                other, before = said[key]
                differing = sorted(k for k in set(before) | set(statement) if before.get(k) != statement.get(k))
                found.append(f"{key[1]} says {', '.join(differing)} otherwise than in {other}")
            said.setdefault(key, (name, statement))
        problems += [f"{name}: {problem}" for problem in found]
    return problems


def webcal_problems(root: Path, base_url: str) -> list[str]:
    """Return 'page: link → problem' for every webcal: link that subscribes to no calendar of the site."""
    scheme = base_url.split(":", 1)[0]
    problems = []
    for page in sorted(root.rglob("*.html")):
        for link in sorted(set(WEBCAL.findall(page.read_text(encoding="utf-8", errors="replace")))):
            target = site_file(root, base_url, f"{scheme}:{link.removeprefix('webcal:')}")
            if target is None or target.suffix != ".ics":
                problems.append(f"{page.relative_to(root).as_posix()}: {link} → no calendar file of the site "
                                f"under {base_url}")
    return problems
