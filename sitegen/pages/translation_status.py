"""Own the translation status page: the translation desk's items (`sitegen.translations`) per section, each text with
links to both its versions, at /translation-status/ — made only in builds with drafts (previews), never published,
left out of the sitemap, the search index and the feeds, marked noindex.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..routes import url_for
from ..translations import LANGUAGE_NAMES, STATES, Item
from .core import Address, OutPage, own_text

SECTIONS = (("press", "Press releases"), ("pages", "Pages"), ("data", "Per-language fields"),
            ("catalogs", "Interface strings (catalogs)"))
"""Item section → heading, in the order the page shows them."""
ATTENTION = ("changed", "missing", "one-language", "untranslated", "fuzzy", "unrecorded")
"""States that call for someone, first on the page, in this order; then those up to date."""


@dataclass(frozen=True)
class Row:
    """One line of the status page."""

    state: str
    """The item's state (`translations.STATES`)."""
    label: str
    """How the page names it."""
    name: str
    """What the item is."""
    where: str
    """file:line."""
    links: tuple[tuple[str, str], ...]
    """(language name, site path) of each version there is."""
    detail: str
    """What changed, what is missing."""
    digest: str
    """The source's version now (to record once the translation is brought up to date)."""
    diff: str
    """What changed, as a unified diff of the normal forms (when git has the version translated)."""


def pages(items: tuple[Item, ...], site_pages: list[OutPage]) -> list[OutPage]:
    """Return the status page of the desk's `items`, linking to the pages of `site_pages` that show each text."""
    shown = {text: page.address.path for page in site_pages if (text := own_text(page)) is not None}
    sections = []
    for section, heading in SECTIONS:
        rows = tuple(_row(item, shown) for item in sorted(
            (item for item in items if item.section == section),
            key=lambda item: (_rank(item.state), item.path, item.line, item.lang)))
        counts = tuple((STATES[state], sum(1 for row in rows if row.state == state))
                       for state in (*ATTENTION, "current") if any(row.state == state for row in rows))
        sections.append((heading, counts, rows))
    return [OutPage(Address(url_for("translation-status")), "translation-status", "en", "translation_status.html",
                    "Translation status", "What is missing or out of date in the site's translations.",
                    data={"sections": tuple(sections)}, in_sitemap=False)]


def _rank(state: str) -> int:
    return ATTENTION.index(state) if state in ATTENTION else len(ATTENTION)


def _row(item: Item, shown: dict[str, str]) -> Row:
    """Return an item as the page shows it."""
    versions = [path for path in (item.source, item.path) if path]
    links = tuple((LANGUAGE_NAMES.get(_lang(path), _lang(path)), shown[path]) for path in dict.fromkeys(versions)
                  if path in shown)
    detail = item.detail
    if item.state == "missing":
        detail = f"no {LANGUAGE_NAMES.get(item.lang, item.lang)} version ({item.detail})"
    elif item.state == "one-language":
        detail = f"only in {item.detail}, not in {LANGUAGE_NAMES.get(item.lang, item.lang)}"
    elif item.state in ("untranslated", "fuzzy"):
        detail = f"{LANGUAGE_NAMES.get(item.lang, item.lang)} catalog"
    return Row(item.state, STATES[item.state], item.name, f"{item.path}:{item.line}", links, detail, item.digest,
               item.diff)


def _lang(path: str) -> str:
    """Return the language of a text's file name (…/<name>.<language>.md)."""
    return path.rsplit(".", 2)[-2] if path.count(".") >= 2 else ""
