"""Sort a built site's pages into page types by walking the output, so that browser checks open one page of each.

Nothing here knows the names of partners, events or releases: a page's type is the shape of its address
and the scripts it loads. The shape keeps the language folder and the name of every page directly in it
(sections such as `partners/`, plain pages such as `about/`, whatever the site has) and replaces what lies
deeper: numbers (`<n>`, paging), months (`<month>`), folders without a page of their own (`<group>`, the
filters' `country/`, `tags/` …) and pages with nothing below them (`<item>`, a partner, a release …).
"""
from __future__ import annotations

import re
from pathlib import Path

NUMBER = re.compile(r"\d+")
MONTH = re.compile(r"\d{4}-\d{2}")
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)


def address(root: Path, page: Path) -> str:
    """Return a page's address relative to the site: 'de/partners/' for de/partners/index.html, '404.html' as is."""
    relative = page.relative_to(root).as_posix()
    return relative.removesuffix("index.html") if page.name == "index.html" else relative


def _has_pages_below(folder: Path) -> bool:
    return any(child.is_dir() and any(child.rglob("*.html")) for child in folder.iterdir())


def shape(root: Path, page: Path) -> str:
    """Return the shape of a page's address: 'de/partners/<item>/', 'de/events/<month>/', 'de/about/' …"""
    parts = page.relative_to(root).parts
    folders, name = parts[:-1], ("" if parts[-1] == "index.html" else parts[-1])
    shaped = []
    for depth, segment in enumerate(folders):
        folder = root.joinpath(*folders[:depth + 1])
        if depth < 2:
            shaped.append(segment)
        elif NUMBER.fullmatch(segment):
            shaped.append("<n>")
        elif MONTH.fullmatch(segment):
            shaped.append("<month>")
        elif not (folder / "index.html").is_file():
            shaped.append("<group>")
        elif not _has_pages_below(folder):
            shaped.append("<item>")
        else:
            shaped.append(segment)
    return "".join(f"{segment}/" for segment in shaped) + name


def scripts(page: Path) -> tuple[str, ...]:
    """Return the file names of the scripts a page loads, sorted."""
    found = SCRIPT.findall(page.read_text(encoding="utf-8", errors="replace"))
    return tuple(sorted({source.split("?")[0].rsplit("/", 1)[-1] for source in found}))


def page_types(root: Path) -> dict[str, list[str]]:
    """Return {type: the addresses of its pages, sorted} for every HTML page of a built site."""
    types: dict[str, list[str]] = {}
    for page in sorted(root.rglob("*.html")):
        if any(part.startswith(".") for part in page.relative_to(root).parts):
            continue  # the generator's own records (.sitegen/), never served as pages
        if page.relative_to(root).parts[0] == "admin":
            continue  # the browser editor, Sveltia CMS's page with a policy of its own: tests/quality/test_admin.py
        key = shape(root, page) + "".join(f" +{script}" for script in scripts(page))
        types.setdefault(key, []).append(address(root, page))
    return {key: sorted(addresses) for key, addresses in sorted(types.items())}


def one_of_each(root: Path) -> list[str]:
    """Return the address of the first page of each page type."""
    return [addresses[0] for addresses in page_types(root).values()]


def translated_pairs(root: Path, languages: tuple[str, str] = ("de", "en")) -> list[tuple[str, str]]:
    """Return (address, the same page in the other language) for each page type of the first language that has
    a page translated into the second."""
    first, second = languages
    pairs = []
    for addresses in page_types(root).values():
        for path in addresses:
            if not path.startswith(f"{first}/"):
                break
            other = f"{second}/{path[len(first) + 1:]}"
            if (root / other / "index.html").is_file() or (other.endswith(".html") and (root / other).is_file()):
                pairs.append((path, other))
                break
    return pairs
