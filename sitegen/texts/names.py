"""Own the names of texts: a release's or page's file name (key, language, date) and what is wrong with it."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from ..checks import Context, DATE, SLUG
from ..load import RawSite
from ..source import KnownFile, MarkdownFile


DOCUMENT_NAME = re.compile(r"^(?P<key>[^.]+)\.(?P<lang>[^.]+)\.md$")
RELEASE_KEY = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-.")
"""A release's name: its date, then a short name (2027-03-15-medteclive)."""
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mdwn", ".mkd", ".mkdn", ".mdtxt", ".mdtext"})
"""Endings of Markdown files; a text is read only from a file ending in '.md' (lower-case)."""


def document_key(document: MarkdownFile, ctx: Context) -> tuple[str, str] | None:
    """Return a text's name and language from its file name (None, with a problem, when the name is wrong or the file
    lies in a folder inside its section's: its page's address comes from its name alone)."""
    folder, _, name = document.path.rpartition("/")  # (string work: this runs for every text at every build)
    match = DOCUMENT_NAME.match(name)
    if not match or not SLUG.match(match["key"]):
        ctx.add(1, "", "file name is not '<name>.<language>.md' with a URL-safe name",
                "e.g. 2021-12-07-letter-of-intent.de.md")
        return None
    if match["lang"] not in ctx.languages:
        ctx.add(1, "", f"unknown language '{match['lang']}' in the file name",
                "one of " + ", ".join(f".{lang}.md" for lang in ctx.languages))
        return None
    section = "/".join(folder.split("/", 2)[:2])  # content/press
    if folder != section:
        ctx.add(1, "", f"the file is in the folder {folder[len(section) + 1:]}/ of {section}/: a text there "
                "is not published", f"{section}/{name}, directly in {section}/ (a copy to keep goes outside "
                "content/)")
        return None
    return match["key"], match["lang"]


def release_key(document: MarkdownFile | KnownFile, key: str, lang: str, ctx: Context) -> bool:
    """Refuse a release whose file name does not start with a real date (its date: docs/editing.md)."""
    match = RELEASE_KEY.match(key)
    if match is None:
        ctx.add(1, "", "the file name does not start with the release's date",
                f"{front_date(document) or 'YYYY-MM-DD'}-{key}.{lang}.md: the date, then a short name")
        return False
    try:
        dt.date.fromisoformat(match["date"])
    except ValueError:
        ctx.add(1, "", f"the date the file name starts with, {match['date']}, is not a real date",
                "YYYY-MM-DD-name.<language>.md, with the release's date")
        return False
    return True


def front_date(document: MarkdownFile | KnownFile) -> str | None:
    """Return the date a text's front matter gives, as written (None when it gives none that looks like one)."""
    front = getattr(document, "front", None)
    node = front.value.get("date") if front is not None and isinstance(front.value, dict) else None
    return node.value if node is not None and isinstance(node.value, str) and DATE.match(node.value) else None


def unread_texts(raw: RawSite, folder: str, ctx: Context) -> None:
    """Report the files in `folder` named as Markdown texts but not ending in '.md': they would not be published."""
    for path in raw.assets:
        if not path.startswith(folder):  # (every file beside every text passes here at every build)
            continue
        name = PurePosixPath(path)
        if name.suffix.lower() in TEXT_SUFFIXES and name.suffix != ".md":
            ctx.path = path
            ctx.add(1, "", f"the file name ends in '{name.suffix}', so the text is not published",
                    f"a name ending in .md, in small letters: {name.stem}.md")

def names_of_unread(raw: RawSite, folder: str, ctx: Context) -> None:
    """Check the names of the texts in `folder` that could not be read: a mistake in a file hides none in its name."""
    for path in sorted({problem.path for problem in raw.problems
                        if problem.path.startswith(folder) and problem.path.endswith(".md")}):
        ctx.path = path
        unread = KnownFile(path, b"")
        named = document_key(unread, ctx)
        if named and folder == "content/press/":
            release_key(unread, *named, ctx)

