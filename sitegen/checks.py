"""Own checking one Raw YAML value against one schema Field, with editor-readable problems.

`check(raw, field, ctx)` returns the converted Python value, or INVALID after adding
problems to `ctx.problems`. It knows the field kinds of `schema`; it knows nothing of
partners, events or releases.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from typing import Callable, TypeVar
from urllib.parse import urlsplit

from . import suggest
from .problems import Problem, ProblemsFound
from .regions import COUNTRIES, REGIONS
from .schema import SUPPORTED_LANGUAGES, Field
from .source import CONTROL, Raw

INVALID = object()
"""Returned for a value that produced a problem."""

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")

Result = TypeVar("Result")


@dataclass
class Context:
    """What a check needs besides the value: file, languages, vocabularies, and the problem list."""

    path: str
    """File being checked."""
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    """Site languages."""
    vocab: dict = field(default_factory=dict)
    """Vocabulary name → set of allowed keys (including 'partners'); None when its file could not be read."""
    problems: list = field(default_factory=list)
    """Problems found so far (shared across files)."""
    today: dt.date | None = None
    """The build's today, which a record's dates of changes must not be after (None: not checked)."""
    lost: dict = field(default_factory=dict)
    """Vocabulary name ('partners', 'initiatives', …) → where its entries are whose id is not known (wrong or given
    twice), as 'file:line': a reference to an unknown id may only follow from one of them."""

    def add(self, line: int, where: str, message: str, expected: str = "", warning: bool = False,
            placeholder: bool = False, consequence: bool = False) -> object:
        """Record a problem and return INVALID (`placeholder`: a warning that a placeholder is still there;
        `consequence`: an error that may only follow from another one)."""
        self.problems.append(Problem(self.path, line, where, message, expected, warning or placeholder, placeholder,
                                     consequence))
        return INVALID

    def reading(self, read: Callable[[], Result]) -> Result | None:
        """Return what `read` returns (a file read again, say); None when it raised ProblemsFound, whose problems
        are recorded."""
        try:
            return read()
        except ProblemsFound as found:
            self.problems.extend(found.problems)
            return None


def describe(raw: Raw) -> str:
    """Return a short word for what the editor wrote instead."""
    if isinstance(raw.value, dict):
        return "a group of fields"
    if isinstance(raw.value, list):
        return "a list"
    if raw.value is None:
        return "nothing"
    return f"'{_clip(raw.value)}'"


def _clip(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def valid(values: dict, *names: str) -> bool:
    """Whether the fields `names` of values from `check_fields` are valid (so that checks spanning them run while
    other fields have mistakes)."""
    return all(values.get(name, INVALID) is not INVALID for name in names)


def check_record(raw: Raw, fields: tuple[Field, ...], ctx: Context, where: str = "") -> dict | object:
    """Check a mapping against member specs; return {name: value} with defaults filled in (INVALID when any is
    wrong)."""
    values, ok = check_fields(raw, fields, ctx, where)
    return values if ok else INVALID


def check_fields(raw: Raw, fields: tuple[Field, ...], ctx: Context, where: str = "") -> tuple[dict | None, bool]:
    """Check a mapping against member specs; return {name: value} with defaults filled in, each wrong one INVALID
    (None when `raw` is no mapping), and whether all are right: checks spanning the valid ones still run, so that a
    mistake hides no other."""
    if not isinstance(raw.value, dict):
        ctx.add(raw.line, where, f"expected a group of fields, found {describe(raw)}", "indented 'name: value' lines")
        return None, False
    known = {spec.name: spec for spec in fields}
    values: dict = {}
    ok = True
    for key in raw.value:
        name = f"{where}.{key}" if where else key
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            expected = f"did you mean '{hint[0]}'?" if hint else "one of: " + ", ".join(known)
            ctx.add(raw.key_lines[key], name, "unknown field", expected)
            ok = False
    for spec in fields:
        name = f"{where}.{spec.name}" if where else spec.name
        value = raw.value.get(spec.name)
        if value is None or value.value is None:
            if spec.required:
                line = value.line if value is not None else raw.line
                ok = ctx.add(line, name, "missing required field", f"{spec.doc.rstrip('.')}") and False
                values[spec.name] = INVALID
            else:
                values[spec.name] = spec.default
            continue
        result = check(value, spec, ctx, name)
        if result is INVALID:
            ok = False
        values[spec.name] = result
    return values, ok


def check(raw: Raw, spec: Field, ctx: Context, where: str) -> object:
    """Check one value; return it converted, or INVALID."""
    if spec.kind == "record":
        return check_record(raw, spec.fields, ctx, where)
    if spec.kind == "list":
        return _check_list(raw, spec, ctx, where)
    if spec.kind == "translated" or (spec.kind == "placename" and isinstance(raw.value, dict)):
        return _check_translated(raw, spec, ctx, where)
    if spec.kind == "coords":
        return _check_coords(raw, ctx, where)
    if isinstance(raw.value, (dict, list)):
        return ctx.add(raw.line, where, f"expected a single value, found {describe(raw)}",
                       _EXPECT.get(spec.kind, "one value, without [ ] or { }"))
    text = raw.value.strip()
    if not text:
        return ctx.add(raw.line, where, "is empty", _EXPECT.get(spec.kind, "some text"))
    return SCALAR_CHECKS[spec.kind](text, raw, spec, ctx, where)


_EXPECT = {
    "text": "some text",
    "placename": "a name such as Wien, or one per language such as {de: Wien, en: Vienna}",
    "slug": "lower-case letters, digits and hyphens, e.g. medical-valley-emn",
    "date": "a date YYYY-MM-DD",
    "when": "YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time",
    "bool": "true or false",
    "int": "a whole number, 1 or more",
    "number": "a number",
    "url": "an address starting with https:// or http://",
    "email": "an address like info@example.org",
    "country": "DE, AT or CH",
    "region": "an ISO 3166-2 code such as DE-BY, AT-9 or CH-ZH",
    "timezone": "an IANA time zone such as Europe/Berlin",
    "language": "one of " + ", ".join(SUPPORTED_LANGUAGES),
    "file": "a file name beside this file, e.g. photo.jpg",
}




def _text(text, raw, spec, ctx, where):
    if CONTROL.search(text):
        return ctx.add(raw.line, where, "contains an invisible control character", "plain text")
    hidden = INVISIBLE.search(text)
    if hidden:  # shown, it hides where a word breaks or turns the text around: most likely pasted along
        ctx.add(raw.line, where, f"holds an invisible or direction-changing character ({_code_point(hidden[0])})",
                "the text typed again without it", warning=True)
    return text


INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
"""Characters that show nothing or change the direction of what follows: zero-width space, joiners and the word
joiner, a byte-order mark within text, the marks and embeddings of left-to-right and right-to-left text. A name
holding one looks like another (an id, a file name: refused); a title holding one may show turned around (warned)."""


def _code_point(character: str) -> str:
    """Return a character as editors can look it up: U+200B ZERO WIDTH SPACE."""
    return f"U+{ord(character):04X} {unicodedata.name(character, '')}".rstrip()


def _slug(text, raw, spec, ctx, where):
    if SLUG.match(text):
        return text
    return ctx.add(raw.line, where, f"'{_clip(text)}' is not URL-safe", _EXPECT["slug"])


YEARS = range(1900, 2200)
"""The years a date may be in: others are typing mistakes (and the year 9999 has no next day for a calendar)."""


def _meant(expected: str, hint: str | None) -> str:
    """Return what was expected, with the value probably meant (`suggest`) when there is one."""
    return f"{expected}: did you mean {hint}?" if hint else expected


def _date(text, raw, spec, ctx, where):
    if not DATE.match(text):
        hint = suggest.when(text, with_time=False)
        return ctx.add(raw.line, where, f"'{_clip(text)}' is not a date",
                       _meant(_EXPECT["date"], hint and f"'{hint}'"))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return ctx.add(raw.line, where, f"{text} is not a real date", "a day that exists in the calendar")
    return day if day.year in YEARS else _outside_the_years(text, raw, ctx, where)


def _outside_the_years(text, raw, ctx, where):
    return ctx.add(raw.line, where, f"{text} is not in the years a date may be in",
                   f"a year from {YEARS.start} to {YEARS.stop - 1}")


def _when(text, raw, spec, ctx, where):
    if DATE.match(text):
        return _date(text, raw, spec, ctx, where)
    if not DATETIME.match(text):
        hint = suggest.when(text, with_time=True)
        return ctx.add(raw.line, where, f"'{_clip(text)}' is not a date or date and time",
                       _meant(_EXPECT["when"], hint and f"'{hint}'"))
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return ctx.add(raw.line, where, f"{text} is not a real date and time", "a day and time that exist")
    return moment if moment.year in YEARS else _outside_the_years(text, raw, ctx, where)


def _bool(text, raw, spec, ctx, where):
    if raw.plain and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return ctx.add(raw.line, where, f"'{_clip(text)}' is not true or false", _EXPECT["bool"])


def _int(text, raw, spec, ctx, where):
    if raw.plain and text.isdigit() and len(text) < 10:
        if int(text) >= 1:
            return int(text)
        return ctx.add(raw.line, where, f"'{text}' is too small", _EXPECT["int"])
    return ctx.add(raw.line, where, f"'{_clip(text)}' is not a whole number", _EXPECT["int"])


def web_address(text: str, schemes: tuple[str, ...] = ("http", "https")):
    """Return the parts of `text` when it is a whole address of one of `schemes` (a host, no spaces), else None."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - reading it checks it (a port that is no number raises)
    except ValueError:  # e.g. a '[' that opens no IPv6 address
        return None
    if parts.scheme in schemes and parts.hostname and not re.search(r"\s", text):
        return parts
    return None


def _mail_address(text: str) -> bool:
    """Whether `text` is a mailto: address of one e-mail address."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme == "mailto" and bool(EMAIL.match(parts.path))


def _url(text, raw, spec, ctx, where):
    parts = web_address(text)
    if parts:  # (the site's own address is where it is deployed: not an address visitors are given)
        return text if spec.name == "base_url" else _real(text, parts.hostname, "it leads nowhere", raw, ctx, where)
    if _mail_address(text):
        return _real(text, urlsplit(text).path.rsplit("@", 1)[1], "mail to it is never delivered", raw, ctx, where)
    return ctx.add(raw.line, where, f"'{_clip(text)}' is not a web address",
                   "an address starting with https://, http:// or mailto:")


def _email(text, raw, spec, ctx, where):
    if EMAIL.match(text):
        return _real(text, text.rsplit("@", 1)[1], "mail to it is never delivered", raw, ctx, where)
    return ctx.add(raw.line, where, f"'{_clip(text)}' is not an e-mail address", _EXPECT["email"])


EXAMPLE_DOMAIN = re.compile(r"(?:^|\.)(?:example|test|invalid|localhost|example\.(?:com|net|org))\.?$", re.IGNORECASE)
"""The domains kept for examples and tests (RFC 2606): no site or mailbox is ever there."""


def _real(text: str, host: str, fate: str, raw: Raw, ctx: Context, where: str) -> str:
    """Return a web or e-mail address, warning (of its `fate`) when its domain is one kept for examples: a placeholder
    left in."""
    if EXAMPLE_DOMAIN.search(host):
        ctx.add(raw.line, where, f"'{_clip(text)}' is an example address ({host.lower().rstrip('.')} is kept for "
                f"examples): {fate}", "the real address before publishing", placeholder=True)
    return text


def _known(kind: str, known):
    """Return the check of a value of `kind` that must be one of `known` ("unknown <kind> '…'" when not)."""
    def check(text, raw, spec, ctx, where):
        if text in known:
            return text
        hint = SUGGESTIONS[kind](text) if kind in SUGGESTIONS else None
        return ctx.add(raw.line, where, f"unknown {kind} '{_clip(text)}'",
                       _meant(_EXPECT[kind], hint and f"'{hint}'"))
    return check


def _timezone(text, raw, spec, ctx, where):
    try:
        if "/" in text and ".." not in text:
            zoneinfo.ZoneInfo(text)
            return text
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    return ctx.add(raw.line, where, f"unknown time zone '{_clip(text)}'",
                   _meant(_EXPECT["timezone"], suggest.timezone(text)))


SUGGESTIONS = {"country": suggest.country, "region": suggest.region}
"""What a country or region named otherwise than by its code probably is."""


def _enum(text, raw, spec, ctx, where):
    if text in spec.choices:
        return text
    return ctx.add(raw.line, where, f"unknown value '{_clip(text)}'", "one of: " + ", ".join(spec.choices))


ID_SOURCES = {"partners": ("partner id", "data/partners.yaml"), "initiatives": ("initiative", "data/initiatives.yaml")}
"""Vocabularies made of record ids: what to call a value, and the file listing them."""


VOCABULARY_ENTRY = {"focus_areas": "focus area", "tags": "tag", "event_kinds": "event kind",
                    "marketplace_categories": "marketplace category"}
"""What to call one entry of each vocabulary of data/vocabularies.yaml."""


def _vocab(text, raw, spec, ctx, where):
    allowed = ctx.vocab.get(spec.vocab, set())
    if allowed is None or text in allowed:  # None: that vocabulary could not be read; its file has the error
        return text
    what, source = ID_SOURCES.get(spec.vocab, (VOCABULARY_ENTRY.get(spec.vocab, spec.vocab), ""))
    expected = _listed(text, allowed, spec, source)
    lost = ctx.lost.get(spec.vocab, ())
    if lost:  # an entry whose id is wrong may be the one meant: that mistake first
        places = ", ".join(lost[:3]) + (" …" if len(lost) > 3 else "")
        return ctx.add(raw.line, where, f"unknown {what} '{_clip(text)}', maybe because of the wrong id "
                       f"at {places}", f"fix that first; else {expected}", consequence=True)
    return ctx.add(raw.line, where, f"unknown {what} '{_clip(text)}'", expected)


def _listed(text: str, allowed: set, spec: Field, source: str) -> str:
    """Return what a reference to an entry of a vocabulary (or an id) should have been: the closest, or the list."""
    hint = difflib.get_close_matches(text, sorted(allowed), n=1)
    if hint:
        expected = f"did you mean '{hint[0]}'?"
    elif 0 < len(allowed) <= 12:
        expected = "one of: " + ", ".join(sorted(allowed))
    elif source:
        expected = f"an id from {source}"
    else:
        expected = f"a key listed under {spec.vocab} in data/vocabularies.yaml"
    return expected


def _file(text, raw, spec, ctx, where):
    if "/" in text or "\\" in text or text.startswith("."):
        return ctx.add(raw.line, where, f"'{_clip(text)}' is not a plain file name", _EXPECT["file"])
    hidden = INVISIBLE.search(text)
    if hidden:
        return ctx.add(raw.line, where, f"the file name '{_clip(text)}' holds an invisible or direction-changing "
                       f"character ({_code_point(hidden[0])})", "rename the file without it, and name it so here")
    cut = _CUTS_ADDRESS.search(text)
    if cut:  # the page's address of the file would end there: a visitor would get another file, or none
        return ctx.add(raw.line, where, f"the file name '{_clip(text)}' holds '{cut[0]}', which a web address "
                       "cannot carry as it is", "rename the file without # ? %, and name it so here")
    return text


_CUTS_ADDRESS = re.compile(r"[#?%]")
"""Characters a file's web address would read otherwise than as part of its name (a place, a query, an escape)."""


def _placename(text, raw, spec, ctx, where):
    """One name written once serves every language."""
    name = _text(text, raw, spec, ctx, where)
    return name if name is INVALID else {lang: name for lang in ctx.languages}


SCALAR_CHECKS = {
    "text": _text, "placename": _placename, "slug": _slug, "date": _date, "when": _when, "bool": _bool, "int": _int,
    "url": _url, "email": _email, "country": _known("country", COUNTRIES),
    "region": _known("region", REGIONS), "timezone": _timezone,
    "language": _known("language", SUPPORTED_LANGUAGES), "enum": _enum, "vocab": _vocab, "file": _file,
}


def _check_list(raw: Raw, spec: Field, ctx: Context, where: str) -> object:
    if not isinstance(raw.value, list):
        return ctx.add(raw.line, where, f"expected a list, found {describe(raw)}", "a list like [a, b]")
    items = []
    for index, item in enumerate(raw.value):
        if item.value is None:
            items.append(ctx.add(item.line, f"{where}[{index + 1}]", "is empty", spec.of.doc.rstrip(".")))
            continue
        value = check(item, spec.of, ctx, f"{where}[{index + 1}]")
        if isinstance(value, str) and value in items:  # an id or a name listed twice would be shown twice
            value = ctx.add(item.line, f"{where}[{index + 1}]", f"'{_clip(value)}' is listed twice", "each once")
        items.append(value)
    if any(item is INVALID for item in items):
        return INVALID
    return tuple(items)


def _check_translated(raw: Raw, spec: Field, ctx: Context, where: str) -> object:
    if not isinstance(raw.value, dict):
        return ctx.add(raw.line, where, f"expected one text per language, found {describe(raw)}",
                       " and ".join(f"{lang}: …" for lang in ctx.languages))
    texts: dict = {}
    ok = True
    for lang, value in raw.value.items():
        if lang not in ctx.languages:
            ok = ctx.add(raw.key_lines[lang], f"{where}.{lang}", "unknown language",
                         "one of " + ", ".join(ctx.languages)) and False
        elif value.value is not None:
            text = check(value, Field(lang, "text", ""), ctx, f"{where}.{lang}")
            ok = ok and text is not INVALID
            texts[lang] = text
    if spec.all_languages:
        for lang in ctx.languages:
            if lang not in texts:
                ok = ctx.add(raw.key_lines.get(lang, raw.line), f"{where}.{lang}", "missing translation",
                             f"a text in '{lang}'") and False
    elif not texts:
        ok = ctx.add(raw.line, where, "no text in any language", f"at least one of {', '.join(ctx.languages)}") and False
    return texts if ok else INVALID


def _check_coords(raw: Raw, ctx: Context, where: str) -> object:
    expected = "[latitude, longitude] such as [49.45, 11.08]"
    items = raw.value if isinstance(raw.value, list) else None
    if not items or len(items) != 2 or not all(isinstance(i.value, str) and NUMBER.match(i.value.strip()) for i in items):
        return ctx.add(raw.line, where, f"expected two numbers, found {describe(raw)}", expected)
    lat, lon = (float(i.value) for i in items)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return ctx.add(raw.line, where, f"[{lat}, {lon}] is not a place on Earth", expected)
    (south, north), (west, east) = DACH_BOX
    if not (south <= lat <= north and west <= lon <= east):  # it would be off the map
        return ctx.add(raw.line, where, f"[{lat}, {lon}] lies outside Germany, Austria and Switzerland",
                       f"{expected}, latitude first ({south} to {north}), then longitude ({west} to {east})")
    return (lat, lon)


DACH_BOX = ((45.8, 55.1), (5.8, 17.2))
"""Latitudes and longitudes around Germany, Austria and Switzerland (data/geo/dach-outlines.json): the partner map."""


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
