"""Find broken internal links, anchors and assets in a built site (stdlib only).

`broken_links(root, base_path)` parses every .html file under `root` and checks the href, src and
srcset (and poster) of a, area, link, script, img, source, video, audio, track, iframe and form
action targets that stay on the site: root-relative under `base_path` (e.g. "/dach/"), relative to the page,
or absolute on `base_url` when that is given. A target must be a file, or a folder with index.html; a
`#fragment` must be an id (or <a name>) in the target page, or in the same page for "#x".
mailto:, tel:, webcal:, data:, javascript: and http(s) links to other hosts are not followed.
"""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "iframe": ("src",), "embed": ("src",), "object": ("data",), "form": ("action",), "input": ("src",),
}
"""Which attributes of which elements name a target."""

SKIPPED_SCHEMES = ("mailto", "tel", "webcal", "data", "javascript", "sms", "geo")


class _Page(HTMLParser):
    """Collect link targets and element ids of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = {name: value for name, value in attrs if value is not None}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in LINKING.get(tag, ()):
            value = values.get(name, "").strip()
            if not value:
                continue
            if name == "srcset":
                self.targets.extend(candidate.split()[0] for candidate in value.split(",") if candidate.strip())
            else:
                self.targets.append(value)

    handle_startendtag = handle_starttag


def parse(page: Path) -> _Page:
    """Parse one HTML file."""
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def resolve(root: Path, base_path: str, page: Path, target: str, base_url: str | None = None
            ) -> tuple[Path | None, str, str]:
    """Return (file the link points to or None when not followed, fragment, problem)."""
    if base_url and target.startswith(base_url):
        target = base_path + target[len(base_url):]
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None, "", ""  # another scheme or another server
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        return page, fragment, ""
    if path.startswith("/"):
        if not (path + "/").startswith(base_path) and path != base_path.rstrip("/"):
            return None, fragment, f"outside the base path {base_path}"
        relative = path[len(base_path):] if len(path) >= len(base_path) else ""
    else:
        here = page.parent.relative_to(root).as_posix()
        relative = posixpath.join("" if here == "." else here, path)
    normal = posixpath.normpath(relative) if relative else "."
    if normal == ".." or normal.startswith("../"):
        return None, fragment, "leads outside the site"
    file = root / normal
    if relative.endswith("/") or relative == "" or file.is_dir():
        file = file / "index.html"
    return file, fragment, ""


def broken_links(root: Path, base_path: str, base_url: str | None = None) -> list[str]:
    """Return 'page: link → problem' for every broken internal link, anchor or asset under `root`.

    base_path is the URL path the site is served under ("/dach/"); base_url, if given, is the full
    address (http://host:port/dach/) so that absolute links to the site itself are checked too.
    """
    root = Path(root)
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    parsed: dict[Path, _Page] = {page: parse(page) for page in sorted(root.rglob("*.html"))}
    problems: list[str] = []
    for page, info in parsed.items():
        name = page.relative_to(root).as_posix()
        for target in dict.fromkeys(info.targets):  # each distinct target once per page
            lowered = target.lower()
            if lowered.startswith(tuple(f"{scheme}:" for scheme in SKIPPED_SCHEMES)):
                continue
            file, fragment, problem = resolve(root, base_path, page, target, base_url)
            if problem:
                problems.append(f"{name}: {target} → {problem}")
                continue
            if file is None:
                continue
            if not file.is_file():
                problems.append(f"{name}: {target} → no such file ({file.relative_to(root).as_posix()})")
            elif fragment and file.suffix == ".html":
                if file not in parsed:
                    parsed[file] = parse(file)
                if fragment not in parsed[file].ids:
                    problems.append(f"{name}: {target} → no element with id '{fragment}'")
    return problems


def site_file(root: Path, base_url: str, url: str) -> Path | None:
    """Return the file of the site an absolute address names (a folder's index.html), or None when the address
    is not under base_url or no such file exists."""
    if not url.startswith(base_url):
        return None
    base_path = urlsplit(base_url).path or "/"
    file, _, problem = resolve(root, base_path, root / "index.html", url, base_url)
    return file if file is not None and not problem and file.is_file() else None
