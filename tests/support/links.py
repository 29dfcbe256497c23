"""Find broken internal links, anchors and assets in a built site."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIPPED_SCHEMES = ("mailto", "tel", "webcal", "data")


class _Page(HTMLParser):
    """Collect link targets and element ids of one page."""

    def __init__(self):
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.targets.append(values[name])
        if values.get("srcset"):
            self.targets.extend(part.split()[0] for part in values["srcset"].split(",") if part.strip())


def parse(page: Path) -> _Page:
    """Parse one HTML file."""
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def resolve(root: Path, base_path: str, page: Path, target: str) -> tuple[Path | None, str]:
    """Return the file a link points to (None for external) and its fragment."""
    parts = urlsplit(target)
    if parts.scheme in SKIPPED_SCHEMES or parts.netloc or parts.scheme:
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        if not path.startswith(base_path):
            return root / "\0outside-base-path", parts.fragment
        relative = path[len(base_path):]
    else:
        here = page.parent.relative_to(root).as_posix()
        relative = posixpath.normpath(posixpath.join(here, path)) + ("/" if path.endswith("/") else "")
    file = root / relative
    if relative.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, parts.fragment


def broken_links(root: Path, base_path: str) -> list[str]:
    """Return 'page: link → problem' for every broken internal link, anchor or asset."""
    parsed = {page: parse(page) for page in sorted(root.rglob("*.html"))}
    problems = []
    for page, info in parsed.items():
        for target in info.targets:
            file, fragment = resolve(root, base_path, page, target)
            if file is None:
                continue
            name = page.relative_to(root).as_posix()
            if not file.is_file():
                problems.append(f"{name}: {target} → missing file")
            elif fragment and file.suffix == ".html" and fragment not in parsed.get(file, parse(file)).ids:
                problems.append(f"{name}: {target} → no element with id '{fragment}'")
    return problems
