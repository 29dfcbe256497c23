"""Own guessing what an editor meant by a value written in another form than the schema's.

The usual ones: a time zone named by its city or its abbreviation (`Wien`, `MEZ`), a date or time
written the German way or with a space (`18.03.2027 14:00`), a country named instead of coded
(`Deutschland`, `DE-BY`), a region named (`Bayern`). Each function returns the value as the schema
wants it, or None when nothing close is known; `checks` puts it into a problem's "did you mean".
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import zoneinfo
from functools import lru_cache

from .regions import COUNTRIES, REGIONS

DACH_ZONES = {"DE": "Europe/Berlin", "AT": "Europe/Vienna", "CH": "Europe/Zurich"}
"""The time zone of each country of the alliance."""

ZONE_WORDS = {"mez": "", "mesz": "", "cet": "", "cest": "", "met": "", "ect": "", "wien": "Europe/Vienna",
              "zurich": "Europe/Zurich", "zuerich": "Europe/Zurich", "deutschland": "Europe/Berlin",
              "germany": "Europe/Berlin", "osterreich": "Europe/Vienna", "oesterreich": "Europe/Vienna",
              "austria": "Europe/Vienna", "schweiz": "Europe/Zurich", "switzerland": "Europe/Zurich"}
"""Words editors write for a time zone (umlauts left out): '' for Central European Time, which is each country's."""

CENTRAL_EUROPEAN = "'Europe/Berlin', 'Europe/Vienna' or 'Europe/Zurich', by the event's country"
"""The suggestion for Central European Time: the zone of the event's country."""

COUNTRY_WORDS = {"d": "DE", "a": "AT", "brd": "DE", "bundesrepublik deutschland": "DE", "suisse": "CH",
                 "svizzera": "CH", "oesterreich": "AT", "republik osterreich": "AT", "republic of austria": "AT"}
"""Other names and signs for the countries (umlauts left out), besides their names in regions.COUNTRIES."""

GERMAN_DATE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?::\d{2})?(?:\s*Uhr)?)?$")
"""18.03.2027, 18.3.2027, 18.03.2027 14:00 (Uhr)."""
ISO_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*$")
"""2027-03-18 14:00, 2027-3-18, 2027-03-18T14:00:00."""


def _plain(text: str) -> str:
    """Return a word in small letters without accents or umlauts (Zürich → zurich), spaces single."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Return every IANA zone by its name in small letters, and by its city's (the last part) when that is unique."""
    zones = {zone.lower(): zone for zone in zoneinfo.available_timezones() if "/" in zone}
    cities: dict[str, list[str]] = {}
    for zone in zones.values():
        cities.setdefault(_plain(zone.rsplit("/", 1)[1].replace("_", " ")), []).append(zone)
    return {**{city: found[0] for city, found in cities.items() if len(found) == 1}, **zones}


def timezone(text: str) -> str | None:
    """Return the IANA zone meant by `text` (a city, an abbreviation, another spelling), quoted, or None."""
    word = _plain(text)
    if word in ZONE_WORDS:
        return f"'{ZONE_WORDS[word]}'" if ZONE_WORDS[word] else CENTRAL_EUROPEAN
    zones = _zones()
    found = zones.get(word) or zones.get(word.replace(" ", "_"))
    if found is None:
        close = difflib.get_close_matches(word, [name for name in zones if "/" in name], n=1, cutoff=0.8)
        found = zones[close[0]] if close else None
    return None if found is None or found == text else f"'{found}'"


def when(text: str, with_time: bool) -> str | None:
    """Return a date (and, when `with_time`, a time) written in another form as the schema writes it (2027-03-18,
    2027-03-18T14:00), or None when it is none."""
    match = GERMAN_DATE.match(text.strip())
    if match:
        day, month, year, hour, minute = match.groups()
    else:
        match = ISO_LIKE.match(text.strip())
        if not match:
            return None
        year, month, day, hour, minute = match.groups()
    try:
        moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    form = "%Y-%m-%dT%H:%M" if hour is not None and with_time else "%Y-%m-%d"
    found = moment.strftime(form)
    return None if found == text else found


def country(text: str) -> str | None:
    """Return the code of the country `text` names (Deutschland, Austria, de, DE-BY), or None."""
    word = _plain(text)
    names = {_plain(name): code for code, names in COUNTRIES.items() for name in names.values()}
    codes = {code.lower(): code for code in COUNTRIES}
    found = names.get(word) or COUNTRY_WORDS.get(word) or codes.get(word) or codes.get(word.split("-", 1)[0])
    return None if found == text else found


def region(text: str) -> str | None:
    """Return the ISO 3166-2 code of the region `text` names (Bayern, Vienna, de-by, BY), or None."""
    word = _plain(text)
    for code, names in REGIONS.items():
        if word == code.lower() or word in (_plain(name) for name in names.values()):
            return None if code == text else code
    ends = [code for code in REGIONS if code.lower().endswith("-" + word)]
    return ends[0] if len(ends) == 1 else None
