"""Own everything that depends on the page's language: gettext catalogs and Babel formatting.

Catalogs are read from the `.po` files in i18n/ at build time (no compiled `.mo` in the
repository), so what the build uses is always what editors and translators see; the cache
folder keeps each version compiled, named by the hash of its `.po` file.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import struct
from functools import lru_cache
from pathlib import Path

from babel import Locale
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_timezone_location, get_timezone_name
from babel.messages.mofile import write_mo
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal
from babel.support import Translations

from . import steps
from .problems import Problem, ProblemsFound
from .records import record
from .source import read_text


@record
class Language:
    """What the site says of one of its languages, the same everywhere (formatting, og:locale, language switch)."""

    code: str
    """Language code, as in paths and hreflang: 'de'."""
    locale: str
    """Babel and Open Graph locale: 'de_DE' (British English writes '16 November 2021')."""
    name: str
    """The language's name in itself, for the language switch: 'Deutsch'."""


LANGUAGES = {"de": Language("de", "de_DE", "Deutsch"), "en": Language("en", "en_GB", "English")}
"""The one locale table: language code → its locale and name (templates read it as `languages`)."""


def catalog_path(i18n_dir: Path, lang: str) -> Path:
    """Return the .po file of a language."""
    return i18n_dir / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=8)
def translations(i18n_dir: Path, lang: str, version: str = "") -> Translations:
    """Return the gettext translations of `lang`, compiled from its .po file.

    They are remembered by `version` (the catalog's hash, see Renderer.catalogs): an edited
    catalog is read again in a process that built before (the dev server). Compiling is a piece
    of work depending on the version (`steps.stored`): a keeper may keep the compiled catalog for
    the next build process.
    """
    def compiled() -> bytes:
        buffer = io.BytesIO()
        write_mo(buffer, _read_catalog(i18n_dir, lang))
        return buffer.getvalue()

    made = steps.stored("catalogs", (lang, version), compiled) if version else compiled()
    try:
        return Translations(io.BytesIO(made))
    except (OSError, ValueError, LookupError, struct.error, UnicodeDecodeError):  # a damaged stored one: compiled again
        return Translations(io.BytesIO(compiled()))


def catalog_name(i18n_dir: Path, lang: str) -> str:
    """Return the path of a language's .po file as editors know it (i18n/de/…)."""
    return f"{i18n_dir.name}/{catalog_path(i18n_dir, lang).relative_to(i18n_dir).as_posix()}"


def catalog_bytes(i18n_dir: Path, lang: str) -> bytes:
    """Return the contents of a language's .po file; raise ProblemsFound when there is none."""
    try:
        return catalog_path(i18n_dir, lang).read_bytes()
    except FileNotFoundError:
        raise _no_catalog(i18n_dir, lang) from None


def _no_catalog(i18n_dir: Path, lang: str) -> ProblemsFound:
    return ProblemsFound([Problem(catalog_name(i18n_dir, lang), 1, "", "the catalog of the language is missing",
                                  "a catalog for every language of data/site.yaml: make i18n-update")])


CATALOG_EXPECTED = 'msgid "English text" then msgstr "its translation", each text in double quotes'
"""What a catalog's lines must look like."""
_KEYWORDS = ("msgctxt ", "msgid ", "msgid_plural ", "msgstr ", "msgstr[")


def _read_catalog(i18n_dir: Path, lang: str) -> Catalog:
    """Read the .po file of a language; raise ProblemsFound (at the line of its first mistake) when it is not a
    valid catalog.

    Babel reads a text whose closing quote is missing by dropping its last letter; such lines are refused
    here first.
    """
    try:  # read as every text of the site is (UTF-8, no NUL, line ends), named as editors know it: i18n/de/…
        source = read_text(catalog_path(i18n_dir, lang), i18n_dir.parent)
    except FileNotFoundError:
        raise _no_catalog(i18n_dir, lang) from None
    name, text = source.path, source.text
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if line.startswith(_KEYWORDS + ('"',)) and not (line.endswith('"') and line.count('"') >= 2):
            raise ProblemsFound([Problem(name, number, "", "a text is not closed by a double quote", CATALOG_EXPECTED)])
    try:
        catalog = read_po(io.StringIO(text), locale=lang, abort_invalid=True)
    except PoFileError as error:
        what = re.sub(r" on \d+$", "", str(error))  # Babel's line count starts at 0
        raise ProblemsFound([Problem(name, error.lineno + 1, "", f"catalog error: {what}", CATALOG_EXPECTED)]) from None
    problems = _placeholder_problems(name, text.split("\n"), catalog)
    if problems:
        raise ProblemsFound(problems)
    return catalog


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
"""A value a page puts into a text: %(total)s."""


def _placeholder_problems(name: str, lines: list[str], catalog: Catalog) -> list[Problem]:
    """Return a problem for each translation a page could not be made with: a placeholder its English text lacks,
    or a percent sign not written %% (every text is filled as a format string, as Jinja's newstyle gettext does)."""
    problems = []
    for message in catalog:
        if not message.id or not message.lineno:  # the header
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        known = sorted({found for text in ids for found in PLACEHOLDER.findall(text)})
        listed = ", ".join(f"%({placeholder})s" for placeholder in known)
        expected = (f"the placeholders of its msgid ({listed})" if known else "no placeholder, as its msgid has none"
                    ) + "; a percent sign written %%"
        values = dict.fromkeys([*known, "num"], 1)  # Jinja gives `num` to plural texts
        for index, translated in enumerate(strings):
            try:
                translated % values
            except KeyError as error:
                wrong = f"the translation's placeholder %({error.args[0]})s is not in its msgid"
            except (ValueError, TypeError):
                wrong = "the translation has a percent sign that is no placeholder"
            else:
                continue
            problems.append(Problem(name, _msgstr_line(lines, message.lineno, index, len(strings) > 1), "",
                                    wrong, expected))
    return problems


def _msgstr_line(lines: list[str], msgid_line: int, index: int, plural: bool) -> int:
    """Return the number of the line starting the translation (msgstr, or msgstr[index]) of the message at a line."""
    keyword = f"msgstr[{index}]" if plural else "msgstr "
    for number in range(msgid_line, len(lines) + 1):
        if lines[number - 1].lstrip().startswith(keyword):
            return number
    return msgid_line


def catalog_problems(i18n_dir: Path, lang: str) -> list[Problem]:
    """Return the mistakes in the catalog of a language (`build.py check` reports them with the site's)."""
    try:
        _read_catalog(i18n_dir, lang)
    except ProblemsFound as found:
        return found.problems
    return []


@lru_cache(maxsize=8)
def locale(lang: str) -> Locale:
    """Return the Babel locale of a site language."""
    return Locale.parse(LANGUAGES[lang].locale if lang in LANGUAGES else lang)


@lru_cache(maxsize=8192)
def long_date(value: dt.date, lang: str) -> str:
    """Format a date as '16. November 2021' / '16 November 2021'."""
    return format_date(value, "long", locale=locale(lang))


def full_date(value: dt.date, lang: str) -> str:
    """Format a date with its weekday: 'Montag, 16. November 2026' / 'Monday, 16 November 2026'."""
    return format_date(value, "full", locale=locale(lang))


def short_date(value: dt.date, lang: str) -> str:
    """Format a date compactly ('16.11.2021' / '16/11/2021')."""
    return format_date(value, "short", locale=locale(lang))


def time_of_day(value: dt.datetime | dt.time, lang: str) -> str:
    """Format a time of day as '10:00'."""
    return format_time(value, "HH:mm", locale=locale(lang))


def date_range(start: dt.date, end: dt.date | None, lang: str) -> str:
    """Format a day or a range of days ('16.–19. November 2026' / '16–19 November 2026')."""
    if end is None or end == start:
        return long_date(start, lang)
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = locale(lang).interval_formats["yMMMd"][greatest]
    first, second = (part.replace("MMM", "MMMM") for part in (first, second))
    return format_date(start, first, locale=locale(lang)) + format_date(end, second, locale=locale(lang))


def datetime_text(value: dt.datetime, lang: str) -> str:
    """Format a date with time ('16. November 2026, 10:00')."""
    return f"{long_date(value.date(), lang)}, {time_of_day(value, lang)}"


def number(value: float, lang: str) -> str:
    """Format a number for the locale."""
    return format_decimal(value, locale=locale(lang))


def file_size(size: int, lang: str) -> str:
    """Format a byte count as '1,2 MB' / '1.2 MB' (decimal units)."""
    units = ("B", "kB", "MB", "GB")
    value = float(size)
    unit = 0
    while value >= 1000 and unit < len(units) - 1:
        value /= 1000
        unit += 1
    shown = format_decimal(round(value, 1 if unit else 0), locale=locale(lang))
    return f"{shown}\u00a0{units[unit]}"




def zone_label(value: dt.datetime, zone: str, lang: str) -> str:
    """Return '(Zürich, MEZ)'-style text naming an event's own time zone at `value`."""
    aware = value.replace(tzinfo=ZoneInfo(zone))
    city = get_timezone_location(ZoneInfo(zone), locale=locale(lang), return_city=True)
    short = get_timezone_name(aware, "short", locale=locale(lang), zone_variant=None)
    return f"({city}, {short})"


def event_when(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None, zone: str, lang: str) -> str:
    """Format when an event happens, in its own time zone ('9. November 2027, 10:00–13:00 (Wien, MEZ)')."""
    if not isinstance(start, dt.datetime):
        return date_range(start, end, lang)
    if end is None:
        return f"{datetime_text(start, lang)} {zone_label(start, zone, lang)}"
    if end.date() == start.date():
        return (f"{long_date(start.date(), lang)}, {time_of_day(start, lang)}–{time_of_day(end, lang)} "
                f"{zone_label(start, zone, lang)}")
    return (f"{datetime_text(start, lang)} {zone_label(start, zone, lang)} – "
            f"{datetime_text(end, lang)} {zone_label(end, zone, lang)}")


def month_title(month: dt.date, lang: str) -> str:
    """Format a month as 'November 2027'."""
    return format_date(month, "LLLL y", locale=locale(lang))


@lru_cache(maxsize=8)
def weekday_names(lang: str) -> tuple[tuple[str, str], ...]:
    """Return (abbreviation, full name) of the weekdays, Monday first."""
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=offset) for offset in range(7)]
    return tuple((format_date(day, "EEE", locale=locale(lang)), format_date(day, "EEEE", locale=locale(lang)))
                 for day in days)
