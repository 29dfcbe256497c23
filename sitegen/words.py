"""Own the interface words that Python code (not a template) puts on a page.

Each is written once, in English, as the catalogs' msgid, and marked with `N_` (one of the
keywords `pybabel extract` looks for: `make i18n-update` brings it into i18n/*/messages.po).
It stays a `Word` until a page is rendered; the page's language translates it there, through
the same catalog as the templates' `_("…")`. No Python dict holds words per language
(tests/test_words.py greps for one).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Word:
    """An interface word by its msgid (English), translated when a page is rendered."""

    msgid: str
    """The English text, as the catalogs know it."""

    def said(self, gettext: Callable[[str], str], **values) -> str:
        """Return the word in a catalog's language (`values` filled into its %(name)s placeholders)."""
        text = gettext(self.msgid)
        return text % values if values else text


def N_(msgid: str) -> Word:  # noqa: N802 (the name gettext tools look for)
    """Mark an interface word for extraction into the catalogs and return it untranslated."""
    return Word(msgid)
