"""Own comparing two built sites: which pages a change adds, changes and removes, as Markdown for a job summary.

A pull request's check builds the site of its base and the site of its head (each with its own code, the same
today) and prints this comparison into the job summary, so a reviewer sees the pages the change touches.
Builds of the same sources are byte-identical, so every difference comes from the change; what is left out
is only what is not a page a visitor opens and follows from the pages anyway: hidden build bookkeeping
(`.sitegen/`, never published), the search index (`pagefind/`, remade from the pages) and the version file
(`version.json`, names the commit). A page whose main text (`<main>`) is unchanged but which differs elsewhere
(head, header, navigation, footer: a template or a translation's link) or only in the spacing of its markup
(whitespace between tags, which a browser does not show: a template's line breaks) is counted apart, so that a
change of the layout does not bury the pages whose text changed.

    python tools/page_diff.py BASE_OUTPUT HEAD_OUTPUT [--live-url URL] [--limit 100]
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

LEFT_OUT = ("pagefind", "version.json")
"""Top-level names of a built site that are no pages and follow from them (besides hidden paths)."""
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
WHITESPACE = re.compile(r"\s+")
KEEPS_SPACE = ("pre", "textarea")
"""Elements whose whitespace a browser shows as written."""


@dataclass(frozen=True)
class SiteDiff:
    """What differs between two built sites, as paths relative to the site's folder (sorted)."""

    added: tuple[str, ...]
    """Pages only in the head."""
    changed: tuple[str, ...]
    """Pages in both whose main text differs."""
    layout_only: tuple[str, ...]
    """Pages in both whose main text is the same but which differ elsewhere."""
    removed: tuple[str, ...]
    """Pages only in the base."""
    files_added: tuple[str, ...]
    """Other files (feeds, calendars, pictures, press-kit files, styles …) only in the head."""
    files_changed: tuple[str, ...]
    """Other files in both that differ."""
    files_removed: tuple[str, ...]
    """Other files only in the base."""


def published_files(folder: Path) -> dict[str, Path]:
    """Return relative path (with /) → file for every file of a built site, leaving out what is no page's."""
    files = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if not path.is_file() or relative.parts[0] in LEFT_OUT or any(p.startswith(".") for p in relative.parts):
            continue
        files[relative.as_posix()] = path
    return files


def page_url(relative: str) -> str:
    """Return the site path a visitor opens for a built file: de/about/index.html → /de/about/."""
    if relative == "index.html" or relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def _spaced(text: str | None, keep: bool) -> str | None:
    """Return a text node as a browser shows it: runs of whitespace as one space, whitespace alone as nothing."""
    if keep or text is None:
        return text
    return WHITESPACE.sub(" ", text) if text.strip() else None


def main_text(html: bytes) -> bytes | None:
    """Return a page's <main> element (pages are UTF-8) with the spacing of its markup evened out (but in <pre> and
    <textarea>), or None when it has none (or cannot be read)."""
    try:
        found = lxml.html.fromstring(html.decode("utf-8", errors="replace")).xpath("//main")
    except (ValueError, lxml.etree.ParserError):
        return None
    if not found:
        return None
    for node in found[0].iter():
        within = any(element.tag in KEEPS_SPACE for element in node.iterancestors())
        node.text = _spaced(node.text, within or node.tag in KEEPS_SPACE)
        node.tail = _spaced(node.tail, within)
    return lxml.html.tostring(found[0])


def page_title(path: Path) -> str:
    """Return a page's <title>, or '' when it has none."""
    try:
        titles = lxml.html.fromstring(path.read_text(encoding="utf-8", errors="replace")).xpath("//title")
    except (ValueError, lxml.etree.ParserError):
        return ""
    return " ".join(titles[0].text_content().split()) if titles else ""


def compare(base: Path, head: Path) -> SiteDiff:
    """Compare two built sites."""
    old, new = published_files(base), published_files(head)
    changed, layout_only, files_changed = [], [], []
    for relative in sorted(old.keys() & new.keys()):
        before, after = old[relative].read_bytes(), new[relative].read_bytes()
        if before == after:
            continue
        if not relative.endswith(".html"):
            files_changed.append(relative)
        elif (main := main_text(before)) is not None and main == main_text(after):
            layout_only.append(relative)
        else:
            changed.append(relative)

    def split(names: set[str], pages: bool) -> tuple[str, ...]:
        return tuple(sorted(name for name in names if name.endswith(".html") == pages))

    return SiteDiff(added=split(new.keys() - old.keys(), True), changed=tuple(changed),
                    layout_only=tuple(layout_only), removed=split(old.keys() - new.keys(), True),
                    files_added=split(new.keys() - old.keys(), False), files_changed=tuple(files_changed),
                    files_removed=split(old.keys() - new.keys(), False))


def escape(text: str) -> str:
    """Return text with Markdown's special characters escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def entry(relative: str, folder: Path, live_url: str) -> str:
    """Return one list item: the page's path (a link to the live page when `live_url` is given) and title."""
    url = page_url(relative).replace("`", "%60")
    shown = f"[`{url}`]({live_url.rstrip('/')}{url})" if live_url else f"`{url}`"
    title = page_title(folder / relative) if relative.endswith(".html") else ""
    return f"- {shown}" + (f" {escape(title)}" if title else "")


def listing(names: tuple[str, ...], folder: Path, live_url: str, limit: int) -> list[str]:
    """Return the list items for some pages or files, at most `limit` of them and a line saying how many more."""
    lines = [entry(name, folder, live_url) for name in names[:limit]]
    if len(names) > limit:
        lines.append(f"- … and {len(names) - limit} more")
    return lines


def report(diff: SiteDiff, base: Path, head: Path, live_url: str = "", limit: int = 100) -> str:
    """Return the comparison as Markdown for a job summary."""
    counts = f"{len(diff.added)} added, {len(diff.changed)} changed, {len(diff.removed)} removed"
    lines = [f"### Pages this change adds, changes and removes: {counts}", ""]
    if not (diff.added or diff.changed or diff.removed or diff.layout_only):
        lines += ["No page differs from the base's.", ""]
    for heading, names, folder, link in (("Added", diff.added, head, ""), ("Changed", diff.changed, head, live_url),
                                         ("Removed", diff.removed, base, live_url)):
        if names:
            lines += [f"**{heading}**", "", *listing(names, folder, link, limit), ""]
    if diff.layout_only:
        lines += ["<details><summary>"
                  f"{len(diff.layout_only)} {'page differs' if len(diff.layout_only) == 1 else 'pages differ'} "
                  "only outside their main text (head, header, "
                  "navigation or footer) or in the spacing of their markup</summary>", "",
                  *listing(diff.layout_only, head, live_url, limit), "", "</details>", ""]
    other = [("added", diff.files_added, head), ("changed", diff.files_changed, head),
             ("removed", diff.files_removed, base)]
    if any(names for _, names, _ in other):
        summary = ", ".join(f"{len(names)} {what}" for what, names, _ in other)
        lines += [f"<details><summary>Other files (feeds, calendars, pictures, downloads …): {summary}"
                  "</summary>", ""]
        for what, names, folder in other:
            if names:
                lines += [f"**{what.capitalize()}**", "", *listing(names, folder, "", limit), ""]
        lines += ["</details>", ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print the comparison of two built sites as Markdown; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("base", type=Path, help="the site built from the base")
    parser.add_argument("head", type=Path, help="the site built from the change")
    parser.add_argument("--live-url", default="", help="the live site's URL: changed and removed pages link there")
    parser.add_argument("--limit", type=int, default=100, help="at most this many pages per list (default 100)")
    args = parser.parse_args(argv)
    for folder in (args.base, args.head):
        if not folder.is_dir():
            print(f"page_diff.py: {folder} is no built site (no such folder)", file=sys.stderr)
            return 1
    print(report(compare(args.base, args.head), args.base, args.head, args.live_url, args.limit), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
