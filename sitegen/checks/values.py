"""Own the checks of single values, one per field kind of `schema` (text, slug, date, when, bool, int, url, e-mail,
country, region, time zone, language, choice, vocabulary entry, file name): each returns the value converted, or
INVALID after adding its problem, with what was probably meant where `suggest` knows it."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import zoneinfo
from urllib.parse import urlsplit

from .. import suggest
from ..regions import COUNTRIES, REGIONS
from ..schema import SUPPORTED_LANGUAGES, Field
from ..source import CONTROL, Raw
from .context import INVALID, Context, clip

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")

EXPECT = {
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
"""What a value of each kind should look like."""


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
    return ctx.add(raw.line, where, f"'{clip(text)}' is not URL-safe", EXPECT["slug"])


YEARS = range(1900, 2200)
"""The years a date may be in: others are typing mistakes (and the year 9999 has no next day for a calendar)."""


def _meant(expected: str, hint: str | None) -> str:
    """Return what was expected, with the value probably meant (`suggest`) when there is one."""
    return f"{expected}: did you mean {hint}?" if hint else expected


def _date(text, raw, spec, ctx, where):
    if not DATE.match(text):
        hint = suggest.when(text, with_time=False)
        return ctx.add(raw.line, where, f"'{clip(text)}' is not a date",
                       _meant(EXPECT["date"], hint and f"'{hint}'"))
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
        return ctx.add(raw.line, where, f"'{clip(text)}' is not a date or date and time",
                       _meant(EXPECT["when"], hint and f"'{hint}'"))
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return ctx.add(raw.line, where, f"{text} is not a real date and time", "a day and time that exist")
    return moment if moment.year in YEARS else _outside_the_years(text, raw, ctx, where)


def _bool(text, raw, spec, ctx, where):
    if raw.plain and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return ctx.add(raw.line, where, f"'{clip(text)}' is not true or false", EXPECT["bool"])


def _int(text, raw, spec, ctx, where):
    if raw.plain and text.isdigit() and len(text) < 10:
        if int(text) >= 1:
            return int(text)
        return ctx.add(raw.line, where, f"'{text}' is too small", EXPECT["int"])
    return ctx.add(raw.line, where, f"'{clip(text)}' is not a whole number", EXPECT["int"])


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
    return ctx.add(raw.line, where, f"'{clip(text)}' is not a web address",
                   "an address starting with https://, http:// or mailto:")


def _email(text, raw, spec, ctx, where):
    if EMAIL.match(text):
        return _real(text, text.rsplit("@", 1)[1], "mail to it is never delivered", raw, ctx, where)
    return ctx.add(raw.line, where, f"'{clip(text)}' is not an e-mail address", EXPECT["email"])


EXAMPLE_DOMAIN = re.compile(r"(?:^|\.)(?:example|test|invalid|localhost|example\.(?:com|net|org))\.?$", re.IGNORECASE)
"""The domains kept for examples and tests (RFC 2606): no site or mailbox is ever there."""


def _real(text: str, host: str, fate: str, raw: Raw, ctx: Context, where: str) -> str:
    """Return a web or e-mail address, warning (of its `fate`) when its domain is one kept for examples: a placeholder
    left in."""
    if EXAMPLE_DOMAIN.search(host):
        ctx.add(raw.line, where, f"'{clip(text)}' is an example address ({host.lower().rstrip('.')} is kept for "
                f"examples): {fate}", "the real address before publishing", placeholder=True)
    return text


def _known(kind: str, known):
    """Return the check of a value of `kind` that must be one of `known` ("unknown <kind> '…'" when not)."""
    def check(text, raw, spec, ctx, where):
        if text in known:
            return text
        hint = SUGGESTIONS[kind](text) if kind in SUGGESTIONS else None
        return ctx.add(raw.line, where, f"unknown {kind} '{clip(text)}'",
                       _meant(EXPECT[kind], hint and f"'{hint}'"))
    return check


def _timezone(text, raw, spec, ctx, where):
    try:
        if "/" in text and ".." not in text:
            zoneinfo.ZoneInfo(text)
            return text
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    return ctx.add(raw.line, where, f"unknown time zone '{clip(text)}'",
                   _meant(EXPECT["timezone"], suggest.timezone(text)))


SUGGESTIONS = {"country": suggest.country, "region": suggest.region}
"""What a country or region named otherwise than by its code probably is."""


def _enum(text, raw, spec, ctx, where):
    if text in spec.choices:
        return text
    return ctx.add(raw.line, where, f"unknown value '{clip(text)}'", "one of: " + ", ".join(spec.choices))


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
        return ctx.add(raw.line, where, f"unknown {what} '{clip(text)}', maybe because of the wrong id "
                       f"at {places}", f"fix that first; else {expected}", consequence=True)
    return ctx.add(raw.line, where, f"unknown {what} '{clip(text)}'", expected)


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
        return ctx.add(raw.line, where, f"'{clip(text)}' is not a plain file name", EXPECT["file"])
    hidden = INVISIBLE.search(text)
    if hidden:
        return ctx.add(raw.line, where, f"the file name '{clip(text)}' holds an invisible or direction-changing "
                       f"character ({_code_point(hidden[0])})", "rename the file without it, and name it so here")
    cut = _CUTS_ADDRESS.search(text)
    if cut:  # the page's address of the file would end there: a visitor would get another file, or none
        return ctx.add(raw.line, where, f"the file name '{clip(text)}' holds '{cut[0]}', which a web address "
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

