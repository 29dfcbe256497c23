"""Set German translations in i18n/de/LC_MESSAGES/messages.po from the command line.

    python tools/translate.py "English msgid" "Deutsche Übersetzung" [...pairs]

For plural messages give the singular msgid and "Singular|Plural". Holds a lock so that
several people (or scripts) can add translations at once.
"""
from __future__ import annotations

import fcntl
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "i18n" / "de" / "LC_MESSAGES" / "messages.po"


def translate(pairs: list[tuple[str, str]]) -> list[str]:
    """Fill the given translations; return the msgids not found in the catalog."""
    with open(CATALOG.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with CATALOG.open("rb") as handle:
            catalog = read_po(handle, locale="de")
        unknown = []
        for msgid, text in pairs:
            message = catalog.get(msgid) or next((m for m in catalog if isinstance(m.id, tuple) and m.id[0] == msgid), None)
            if message is None:
                unknown.append(msgid)
            elif isinstance(message.id, tuple):
                message.string = tuple(text.split("|"))
            else:
                message.string = text
        with CATALOG.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=100, no_location=True)
    return unknown


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    missing = translate(list(zip(args[::2], args[1::2])))
    for msgid in missing:
        print(f"not in the catalog (run make i18n-update first): {msgid}", file=sys.stderr)
    sys.exit(1 if missing else 0)
