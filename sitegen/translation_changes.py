"""Own saying what changed in a translation's source since the version it was made from, where git has that version.

The source's committed versions are searched newest first (`history.versions`) for the one whose normal form has the
recorded hash; what differs from it now is said paragraph by paragraph, at the lines of the source as it is now, and
shown as a unified diff of the two normal forms on the translation status page.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import history

DIFF_LINES = 60
"""Lines of a unified diff kept for the status page."""


@dataclass(frozen=True)
class Change:
    """What changed in a source since a version of it."""

    summary: str
    """In words, for a warning: since which commit, which fields, which paragraphs (at which lines of the source)."""
    diff: str
    """The unified diff of the two normal forms (at most DIFF_LINES lines)."""


def since(root: Path, source: str, made_from: str, now, normal_of_text: Callable, limit: int = 50) -> Change | None:
    """Return what changed in the text `source` of the site folder `root` since its committed version whose normal form
    has the hash `made_from` (`now`: its normal form as it is); None when git has no such version."""
    for version in history.versions(root, source, limit):
        then = normal_of_text(source, version.text)
        if then is not None and then.digest() == made_from:
            return Change(f"since commit {version.commit} of {version.date}: {changes(then, now)}",
                          unified(then, now, f"{source} {version.commit}", source))
    return None


def changes(then, now) -> str:
    """Return what differs between two normal forms, in words: the fields, then the paragraphs changed and added (at
    their lines now) and how many were removed."""
    said = [f"{name} changed" for (name, old), (_, new) in zip(then.fields, now.fields) if old != new]
    changed, added, removed = [], [], 0
    matcher = difflib.SequenceMatcher(a=[text for _, text in then.paragraphs], b=[text for _, text in now.paragraphs],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        lines = [line for line, _ in now.paragraphs[j1:j2]]
        if tag == "replace":
            changed += lines
            removed += max(0, (i2 - i1) - (j2 - j1))
        elif tag == "insert":
            added += lines
        elif tag == "delete":
            removed += i2 - i1
    if changed:
        said.append(_at("changed", changed))
    if added:
        said.append(_at("added", added))
    if removed:
        said.append(f"{removed} paragraph{'s' if removed > 1 else ''} removed")
    return "; ".join(said) or "only its form changed"


def _at(what: str, lines: list[int]) -> str:
    places = ", ".join(str(line) for line in lines)
    return f"paragraph{'s' if len(lines) > 1 else ''} {what} at line{'s' if len(lines) > 1 else ''} {places}"


def unified(then, now, before: str, after: str) -> str:
    """Return the unified diff of two normal forms, cut to DIFF_LINES lines."""
    lines = list(difflib.unified_diff(then.text().split("\n"), now.text().split("\n"), before, after, lineterm="", n=1))
    return "\n".join(lines[:DIFF_LINES] + (["…"] if len(lines) > DIFF_LINES else []))
