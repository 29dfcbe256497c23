"""Standards over the whole built site: valid HTML, no broken links, meta tags, CSP, weight, sitemap, robots.

The checks marked `gate` hold for any valid content and decide publishing (tools/gate.py); only the Nu HTML
Checker needs Java (marked `standards`). Plus self-tests of the harness's own helpers (link checker, server),
so a checker that stopped finding problems would show.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support.browser import is_local
from support.links import broken_links, resolve
from support.serve import serve
from support.vnu import CheckerMissing, vnu_errors

pytestmark = [pytest.mark.xdist_group("quality-standards")]

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'")
MAX_PAGE_BYTES = 100 * 1024
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ASSET_ATTRIBUTES = {"script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "link": ("href",),
                    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "iframe": ("src",),
                    "embed": ("src",), "object": ("data",), "input": ("src",)}
"""Attributes that make the browser fetch something (link hrefs count unless rel is canonical/alternate)."""
NOT_FETCHED_RELS = {"canonical", "alternate"}
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def html_pages(root: Path) -> list[Path]:
    """Return every HTML file of the site."""
    return sorted(root.rglob("*.html"))


def show(problems: list[str], limit: int = 60) -> str:
    """Return problems one a line (the first `limit`), for assertion messages."""
    more = f"\n… and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:limit]) + more


class Page(HTMLParser):
    """Collect what a page declares in its head and any forbidden markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.lang: str | None = None
        self.titles: list[str] = []
        self.forbidden: list[str] = []
        self.assets: list[str] = []
        self._in_title = False
        self._svg_depth = 0

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "svg":
            self._svg_depth += 1
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "title" and not self._svg_depth:  # an SVG's <title> is its accessible name, not the page's
            self._in_title = True
            self.titles.append("")
        elif tag == "meta":
            key = values.get("name") or values.get("property") or values.get("http-equiv")
            if key:
                self.meta[key] = values.get("content", "")
        elif tag == "link":
            self.links.append(values)
        if tag == "script" and "src" not in values and values.get("type") != "application/ld+json":
            self.forbidden.append(f"inline <script type={values.get('type', '')!r}> without src")
        if "style" in values:
            self.forbidden.append(f"<{tag} style=…>")
        self.forbidden += [f"<{tag} {name}=…>" for name in values if name.startswith("on")]
        if tag == "style":
            self.forbidden.append("<style> element (style-src 'self' blocks it)")
        rels = set(values.get("rel", "").lower().split())
        for name in ASSET_ATTRIBUTES.get(tag, ()):
            value = values.get(name, "").strip()
            if not value or (tag == "link" and rels & NOT_FETCHED_RELS and "stylesheet" not in rels):
                continue
            if name == "srcset":
                self.assets += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                self.assets.append(value)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "svg" and self._svg_depth:
            self._svg_depth -= 1


def parse_page(page: Path) -> Page:
    """Parse a page."""
    parsed = Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, Page]:
    """Return {site-relative name: parsed page} for every HTML file."""
    return {page.relative_to(built_site.root).as_posix(): parse_page(page) for page in html_pages(built_site.root)}


@pytest.mark.gate
@pytest.mark.standards
def test_nu_html_checker_finds_no_errors(built_site):
    missing = errors = None
    try:
        errors = vnu_errors(html_pages(built_site.root))
    except CheckerMissing as error:
        missing = str(error)
    if missing:
        pytest.fail(missing, pytrace=False)
    root = str(built_site.root) + "/"
    assert not errors, show([error.replace(root, "") for error in errors])


@pytest.mark.gate
def test_no_broken_internal_links_anchors_or_assets(built_site):
    problems = broken_links(built_site.root, built_site.base_path, built_site.base_url)
    assert not problems, show(problems)


def expected_language(name: str) -> str:
    """Return the language a page must declare: its folder's, or German for the bilingual root pages."""
    return name.split("/")[0] if name.startswith(("de/", "en/")) else "de"


@pytest.mark.gate
def test_every_page_has_language_title_description_canonical_and_the_csp(built_site, pages):
    problems = []
    for name, page in pages.items():
        def problem(text: str) -> None:
            problems.append(f"{name}: {text}")  # noqa: B023 - used at once
        if page.lang != expected_language(name):
            problem(f'<html lang="{page.lang}">, expected "{expected_language(name)}"')
        if len(page.titles) != 1 or not page.titles[0].strip():
            problem(f"needs exactly one non-empty <title> (has {page.titles})")
        if not page.meta.get("description", "").strip():
            problem("no meta description")
        if page.meta.get("Content-Security-Policy") != CSP and not name.startswith("admin/"):  # its own: test_admin
            problem(f"CSP is {page.meta.get('Content-Security-Policy')!r}")
        problems += [f"{name}: {item}" for item in page.forbidden]
        canonical = [link["href"] for link in page.links if "canonical" in link.get("rel", "").split()]
        noindex = "noindex" in page.meta.get("robots", "")
        if noindex:
            continue  # the 404 page: a canonical address would be wrong there
        if len(canonical) != 1 or not canonical[0].startswith(built_site.base_url):
            problem(f"canonical links {canonical}, expected one under {built_site.base_url}")
        else:
            target, _, _ = resolve(built_site.root, built_site.base_path, built_site.root / name, canonical[0],
                                   built_site.base_url)
            if target is None or not target.is_file():
                problem(f"canonical {canonical[0]} is no page of the site")
    assert not problems, show(problems)


@pytest.mark.gate
def test_social_preview_is_an_existing_image(built_site, pages):
    problems = []
    for name, page in pages.items():
        if "noindex" in page.meta.get("robots", ""):
            continue
        image = page.meta.get("og:image", "")
        if not page.meta.get("og:title") or not image.startswith(built_site.base_url):
            problems.append(f"{name}: og:title {page.meta.get('og:title')!r}, og:image {image!r}")
        elif not (built_site.root / image.removeprefix(built_site.base_url)).is_file():
            problems.append(f"{name}: og:image {image} does not exist")
    assert not problems, show(problems)


@pytest.mark.gate
def test_hreflang_alternates_are_reciprocal_and_real(built_site, pages):
    problems = []
    for name, page in pages.items():
        alternates = {link["hreflang"]: link["href"] for link in page.links
                      if "alternate" in link.get("rel", "").split() and link.get("hreflang")}
        for lang, href in alternates.items():
            target, _, _ = resolve(built_site.root, built_site.base_path, built_site.root / name, href,
                                   built_site.base_url)
            if target is None or not target.is_file():
                problems.append(f"{name}: hreflang={lang} {href} is no page of the site")
                continue
            if lang == "x-default":
                continue
            back = {link.get("hreflang") for link in pages[target.relative_to(built_site.root).as_posix()].links
                    if "alternate" in link.get("rel", "").split()}
            if not set(alternates) <= back | {"x-default"}:
                problems.append(f"{name}: {href} does not link back ({sorted(back)} ⊉ {sorted(alternates)})")
    assert not problems, show(problems)


@pytest.mark.gate
def test_no_page_needs_another_server(built_site, pages):
    problems = [f"{name}: {asset}" for name, page in pages.items() for asset in page.assets
                if REMOTE.match(asset) and not asset.startswith(built_site.base_url)]
    for css in sorted(built_site.root.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        name = css.relative_to(built_site.root).as_posix()
        problems += [f"{name}: url({url})" for url in re.findall(r"url\(\s*['\"]?([^'\")\s]+)", text) if REMOTE.match(url)]
        if "@import" in text:
            problems.append(f"{name}: @import")
    assert not problems, show(problems)


@pytest.mark.gate
def test_no_term_runs_into_its_description(built_site):
    """Search indexes and reading modes join a <dt> and the <dd> after it when nothing stands between them."""
    problems = [f"{page.relative_to(built_site.root).as_posix()}: {found}" for page in html_pages(built_site.root)
                for found in re.findall(r"[^<>]{0,30}</d[td]><d[td]\b[^>]*>[^<>]{0,30}", page.read_text(encoding="utf-8"))]
    assert not problems, show(problems)


def test_no_page_weighs_over_100_kb_without_images(built_site, pages):
    root = built_site.root
    problems = []
    for name, page in pages.items():
        if name.startswith("admin/"):
            continue  # the browser editor's bundle (about 2 MB), for editors only
        files = {root / name}
        for asset in page.assets:
            if asset.split("?")[0].split("#")[0].endswith((".css", ".js", ".mjs")):
                target, _, _ = resolve(root, built_site.base_path, root / name, asset.split("?")[0],
                                       built_site.base_url)
                if target is not None and target.is_file():
                    files.add(target)
        total = sum(file.stat().st_size for file in files)
        if total > MAX_PAGE_BYTES:
            parts = ", ".join(f"{file.relative_to(root).as_posix()} {file.stat().st_size // 1024} KB" for file in files)
            problems.append(f"{name}: {total / 1024:.0f} KB ({parts})")
    assert not problems, show(problems)


@pytest.mark.gate
def test_sitemap_lists_existing_pages_with_hreflang_and_robots_names_it(built_site):
    root, base = built_site.root, built_site.base_url
    top = ET.parse(root / "sitemap.xml")
    problems, urls = [], top.findall("s:url", SITEMAP)  # sitemap.xml is a sitemap, or the index of several
    for sitemap in top.findall("s:sitemap", SITEMAP):
        loc = (sitemap.findtext("s:loc", "", SITEMAP) or "").strip()
        file = root / loc.removeprefix(base)
        if not loc.startswith(base) or not file.is_file():
            problems.append(f"sitemap.xml: <loc>{loc}</loc> is not an absolute address of a sitemap file of the site")
            continue
        urls += ET.parse(file).findall("s:url", SITEMAP)
    assert urls, "the sitemap files list no <url>"

    def page_of(address: str) -> Path | None:
        target, _, _ = resolve(root, built_site.base_path, root / "index.html", address, base)
        return target if address.startswith(base) and target is not None and target.is_file() else None

    with_alternates = 0
    for url in urls:
        loc = (url.findtext("s:loc", "", SITEMAP) or "").strip()
        page = page_of(loc)
        if page is None:
            problems.append(f"<loc>{loc}</loc> is not an absolute address of an existing page")
            continue
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
        with_alternates += bool(alternates)
        declared = {link["hreflang"]: link["href"] for link in parse_page(page).links
                    if "alternate" in link.get("rel", "").split() and link.get("hreflang")}
        if alternates != declared:
            problems.append(f"{loc}: sitemap alternates {alternates} differ from the page's hreflang links {declared}")
        if alternates and not {"de", "en"} <= set(alternates):
            problems.append(f"{loc}: xhtml:link alternates {sorted(alternates)}, expected de and en")
        problems += [f"{loc}: alternate {lang} {href} does not exist" for lang, href in alternates.items()
                     if page_of(href or "") is None]
    if not with_alternates:
        problems.append("no <url> has xhtml:link hreflang alternates")
    robots = (root / "robots.txt").read_text(encoding="utf-8")
    if f"Sitemap: {base}sitemap.xml" not in robots.splitlines():
        problems.append(f"robots.txt does not name Sitemap: {base}sitemap.xml")
    assert not problems, show(problems)


@pytest.mark.gate
def test_404_page_works_from_any_depth(built_site):
    page = (built_site.root / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    relative = [link for link in links
                if not link.startswith((built_site.base_path, "mailto:", "https://", "http://", "#"))]
    assert links and not relative, f"404.html is served at any address, so its links must be root-relative: {relative}"


# --- self-tests of the harness's helpers (cheap, and the same on any site) ---

def write(root: Path, files: dict[str, str]) -> Path:
    """Write files under root."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_browser_watch_counts_only_the_test_server_as_on_site():
    host = "127.0.0.1:8123"
    assert is_local("http://127.0.0.1:8123/dach/de/", host)
    assert is_local("data:image/png;base64,AAAA", host)
    assert not is_local("http://127.0.0.1:9999/dach/de/", host)
    assert not is_local("https://fonts.example.com/font.woff2", host)


def test_link_checker_finds_missing_pages_anchors_and_assets(tmp_path):
    root = write(tmp_path, {
        "de/index.html": '<a href="/dach/de/x/">x</a><a href="/dach/de/x/#here">h</a><a href="/dach/de/x/#gone">g</a>'
                         '<a href="#nowhere">n</a><a href="missing/">m</a><img src="/dach/static/a.png" alt="">'
                         '<img srcset="/dach/static/b.png 2x" alt=""><a href="/elsewhere/">e</a>'
                         '<a href="../../../etc/passwd">p</a><a href="http://127.0.0.1:9/dach/de/nope/">self</a>',
        "de/x/index.html": '<h1 id="here">x</h1><a href="mailto:a@b.c">m</a><a href="tel:+1">t</a>'
                           '<a href="webcal://example.org/c.ics">w</a><a href="https://example.org/">e</a>'
                           '<a href="../">up</a><a href="/dach/de">no slash</a><a href="/dach/">root</a>',
        "index.html": '<link rel="stylesheet" href="/dach/static/site.css">',
        "static/site.css": "",
        "static/a.png": "",
    })
    problems = broken_links(root, "/dach/", "http://127.0.0.1:9/dach/")
    assert sorted(problems) == sorted([
        "de/index.html: /dach/de/x/#gone → no element with id 'gone'",
        "de/index.html: #nowhere → no element with id 'nowhere'",
        "de/index.html: missing/ → no such file (de/missing/index.html)",
        "de/index.html: /dach/static/b.png → no such file (static/b.png)",
        "de/index.html: /elsewhere/ → outside the base path /dach/",
        "de/index.html: ../../../etc/passwd → leads outside the site",
        "de/index.html: http://127.0.0.1:9/dach/de/nope/ → no such file (de/nope/index.html)",
    ]), problems


def fetch(url: str) -> tuple[int, str]:
    """Return (status, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_server_serves_under_the_prefix_with_the_sites_404_page(tmp_path):
    root = write(tmp_path / "site", {"index.html": "root", "de/index.html": "home", "404.html": "not here",
                                     "empty/.keep": ""})
    write(tmp_path, {"secret.txt": "secret"})
    with serve(root, "/dach/") as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/dach/")
        assert fetch(base) == (200, "root")
        assert fetch(base + "de/") == (200, "home")
        assert fetch(base + "de") == (200, "home")  # redirected to de/
        assert fetch(base + "nowhere/deeper/") == (404, "not here")
        assert fetch(base + "empty/") == (404, "not here")  # no folder listings
        assert fetch(base.removesuffix("dach/") + "de/") == (404, "not here")
        assert fetch(base + "../secret.txt")[0] in (400, 404)
        assert fetch(base + "de/%2e%2e/%2e%2e/secret.txt")[0] == 400
