"""Merge i18n/messages.pot into i18n/<lang>/LC_MESSAGES/messages.po, keeping existing translations.

Run by `make i18n-update` after `pybabel extract`. A new English string starts as its own
translation (msgstr = msgid), and an English wording chosen since (a native writer's) is kept;
new German strings stay empty and are listed, so that a translator fills them in
(tests/test_i18n.py fails until every string is translated).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LANGUAGE = "en"


def _read(path: Path, lang: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def merge(lang: str, i18n: Path = ROOT / "i18n") -> list[str]:
    """Merge the template into one catalog of the folder `i18n`; return the ids still untranslated."""
    path = i18n / lang / "LC_MESSAGES" / "messages.po"
    existing = {m.id: m.string for m in _read(path, lang) if m.id} if path.exists() else {}
    catalog = _read(i18n / "messages.pot", lang)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        known = existing.get(message.id)
        if lang == SOURCE_LANGUAGE and not known:
            known = message.id
        if isinstance(message.id, str):
            message.string = known or ""
        else:
            message.string = tuple(known) if known else ("",) * len(message.id)
        if not known or not all(known if isinstance(known, tuple) else (known,)):
            missing.append(str(message.id))
    catalog.fuzzy = False  # the header is not a draft: `pybabel compile` would skip the whole catalog
    path.parent.mkdir(parents=True, exist_ok=True)
    written = io.BytesIO()  # written whole, then saved: a failure leaves the catalog as it was
    write_po(written, catalog, sort_output=True, width=100, no_location=True)
    path.write_bytes(written.getvalue())
    return missing


if __name__ == "__main__":
    untranslated = [f"{lang}: {mid}" for lang in ("de", "en") for mid in merge(lang)]
    for line in untranslated:
        print("untranslated:", line, file=sys.stderr)
