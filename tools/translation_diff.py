"""Own comparing the translation status of two site folders, as Markdown for a pull request's job summary.

The translation status page (`/translation-status/`, built only with drafts) lists the translation desk's items
(`sitegen.translations.desk`); a pull request's check computes them for its base and its head (with this code both:
the same rules, so every difference comes from the change) and prints what the change alters: items that now need
someone (a source changed, a version or a language missing, an untranslated string) and items it settles.

    python tools/translation_diff.py BASE_FOLDER HEAD_FOLDER [--limit 100]

Each folder is a site folder (content/, data/); its catalogs are read from its i18n/ when it has one.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.load import load_site  # noqa: E402
from sitegen.translations import STATES, Item, desk, site_languages  # noqa: E402

SETTLED = ("current",)
"""States that need no one."""


@dataclass(frozen=True)
class Change:
    """One item whose state a change alters."""

    item: Item
    """The item as it is in the head (in the base, for one the change removes)."""
    before: str
    """Its state in the base ('' when the base has no such item)."""
    after: str
    """Its state in the head ('' when the head has none)."""


def key(item: Item) -> tuple[str, str, str, str]:
    """Return what identifies an item across versions: its section, file, name and language (not its line)."""
    return item.section, item.path, item.name, item.lang


def status(folder: Path) -> dict[tuple, Item]:
    """Return key → item of the translation desk of a site folder."""
    i18n = folder / "i18n"
    items = desk(load_site(folder), site_languages(folder), i18n if i18n.is_dir() else None)
    return {key(item): item for item in items}


def compare(base: dict[tuple, Item], head: dict[tuple, Item]) -> list[Change]:
    """Return the items whose state differs between base and head, sorted by section, file and name."""
    changes = []
    for name in sorted(base.keys() | head.keys()):
        before, after = base.get(name), head.get(name)
        old, new = before.state if before else "", after.state if after else ""
        if old != new and not (old in ("", *SETTLED) and new in ("", *SETTLED)):
            changes.append(Change(after or before, old, new))
    return changes


def _line(change: Change) -> str:
    item = change.item
    what = f"`{item.path}:{item.line}` {item.name}" + (f" ({item.lang})" if item.lang else "")
    before = STATES.get(change.before, "none")
    after = STATES.get(change.after, "gone")
    detail = f": {item.detail}" if change.after and item.detail else ""
    return f"- {what}: {before} → **{after}**{detail}"


def report(changes: list[Change], limit: int = 100) -> str:
    """Return the changes as Markdown for a job summary."""
    worse = [change for change in changes if change.after and change.after not in SETTLED]
    better = [change for change in changes if change not in worse]
    lines = [f"### Translation status: {len(worse)} to do now, {len(better)} settled by this change", ""]
    if not changes:
        lines += ["The change alters nothing on the translation status page.", ""]
    for heading, found in (("To do now", worse), ("Settled", better)):
        if found:
            lines += [f"**{heading}**", "", *[_line(change) for change in found[:limit]]]
            lines += [f"- … and {len(found) - limit} more"] if len(found) > limit else []
            lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print the comparison of two site folders' translation status as Markdown; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("base", type=Path, help="the site folder of the base")
    parser.add_argument("head", type=Path, help="the site folder of the change")
    parser.add_argument("--limit", type=int, default=100, help="at most this many items per list (default 100)")
    args = parser.parse_args(argv)
    for folder in (args.base, args.head):
        if not (folder / "content").is_dir():
            print(f"translation_diff.py: {folder} is no site folder (no content/ in it)", file=sys.stderr)
            return 1
    print(report(compare(status(args.base.resolve()), status(args.head.resolve())), args.limit), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
