"""Own the links an editor writes in Markdown to other pages and files of the site.

They are found when a text is read (`find`: line and target of every link that names no other
site), checked against every page and file of the site model on every build (`problems`: a
link to a page that does not exist is reported at its line, as a validation error is), and
written under the site's base path when shown (`under_base`): an editor writes
`/de/partners/medways/` for the page the address bar shows as `…/dach/de/partners/medways/`.
A link relative to its page (`../contact/`) is checked as the page's visitors would follow it, and
one to a place on a page (`/de/about/#ziele`, `#ziele`) also for that place: an id the page has
(`places_in` the page rendered). What the text only seems to link to (in an indented code block,
an HTML comment, an unused reference, behind a backslash) is no link: a problem is reported only
when the converted text has the link.
"""
from __future__ import annotations

import bisect
import difflib
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Callable, Iterable
from urllib.parse import unquote, urljoin

from .problems import Problem

if TYPE_CHECKING:
    from .pages.core import OutPage

Link = tuple[int, str]
"""(line of the file, target as written)."""

_INLINE = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^\s)>]+))")
"""The target of [text](target) or ![alt](target), found by its "](": a literal the search skips to."""
REFERENCE = re.compile(r"^(?:[ ]{0,3}>)*[ \t]*\[(?!\^)([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
"""A reference's label and target, [label]: target (not a footnote's text), also in a quote (> …) or a list item."""
_HTML = re.compile(r"""<(a|img)\b[^>]*?\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
                   re.IGNORECASE)
"""The target of <a href=…> or <img src=…> written in the text: in double or single quotes, or in none (up to a space
or the tag's end)."""
_ELSEWHERE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//|#?$")
"""A target naming another site (a scheme or //), the top of the same page ('#'), or nothing."""
_BLANK = re.compile(r"\n[ \t]*\n")
"""A blank line, which ends a paragraph (and the text of a link in it)."""
_CODE = re.compile(r"(?<![\\`])(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")
"""Code spans: what they show is not a link. A span ends at a run of as many backticks as opened it, within its
paragraph, as Python-Markdown reads it (a lone ` opens none). Without the fenced-code extension, three backticks
around lines are such a span too, unless a blank line comes between; `~~~` is no code at all."""


def find(body: str, first_line: int) -> tuple[Link, ...]:
    """Return the links of a Markdown body to pages and files of the site, with their file lines.

    A picture given by a bare file name is not one: it is a file beside the text (checked with
    the text's other files).
    """
    found = []  # (offset in the body, target, whether it shows a picture)
    if "](" in body:
        paragraphs = [match.end() for match in _BLANK.finditer(body)]
        for match in _INLINE.finditer(body):
            opening = _opening(body, match.start(), paragraphs)
            target = match[1] if match[1] is not None else match[2]
            found.append((opening if opening >= 0 else match.start(), target, opening > 0 and body[opening - 1] == "!"))
    if "]:" in body:
        found += [(match.start(), match[2], False) for match in REFERENCE.finditer(body)]
    if "<" in body:
        found += [(match.start(), match[2] or match[3] or match[4] or "", match[1].lower() == "img")
                  for match in _HTML.finditer(body)]
    found = [(offset, target) for offset, target, picture in found
             if not _ELSEWHERE.match(target) and (target.startswith("/") or not picture)]
    if not found:
        return ()
    if "`" in body:  # what code shows is not a link
        code = [match.span() for match in _CODE.finditer(body)]
        found = [(offset, target) for offset, target in found if not any(a <= offset < b for a, b in code)]
    return tuple(sorted((first_line + body.count("\n", 0, offset), target) for offset, target in found))


def _opening(body: str, end: int, paragraphs: list[int]) -> int:
    """Return the offset of the '[' opening the text of a link or picture whose ']' is at `end` (-1 when there is none
    in its paragraph): the text may hold brackets in pairs, and go on over several lines of its paragraph.

    `paragraphs`: the offsets at which the body's paragraphs after the first start.
    """
    after = bisect.bisect_right(paragraphs, end)
    start, depth = paragraphs[after - 1] if after else 0, 0
    while True:
        end = max(body.rfind("[", start, end), body.rfind("]", start, end))
        if end < 0 or (body[end] == "[" and depth == 0):
            return end
        depth += 1 if body[end] == "]" else -1


def problems(pages: Iterable[OutPage], links: dict[str, tuple[Link, ...]], files: Iterable[str],
             base: str, later: Iterable[tuple[str, str]] = (), later_files: Iterable[str] = (),
             places: Callable[[OutPage], dict[str, str]] | None = None,
             linked: Callable[[str], frozenset[str]] | None = None) -> list[Problem]:
    """Return a problem for every link of a text that leads to no page or file of the site.

    `links`: Markdown file → its links (`find`); a relative link is followed from each HTML page
    showing the text. `files`: what the site has besides its pages (static files). `base`: the
    path part of the site's address ('/dach/'), which a link within the site leaves out. `later`:
    (page address, Markdown file) of the texts no page shows yet (drafts, embargoed releases):
    their links are checked now, from the page that will show them, among pages that are there or
    will be (a link between two releases published the same day leads somewhere). `later_files`: the
    addresses of the files published beside those texts' pages on their day. A published text's link
    to a page or file not published yet is a problem: visitors would find nothing there. `places`: the
    places of a page (`places_in` it rendered), asked only for the pages a link names a place of (`#…`); a place
    the page has not is a warning (the link leads to the page's top: no reason to stop the build, as documentation
    generators hold too). Without it, places are not checked. `linked`: the targets of the links and pictures of a
    text as converted, asked only for a text with a problem, which is reported only when the target is among them.
    """
    if not links:
        return []
    pages, later = list(pages), list(later)
    shown = [(page.address.path, path) for page in pages if page.texts and page.address.output.endswith(".html")
             for path in page.texts]
    now = {page.address.path for page in pages} | set(files)
    upcoming = ({address for address, _ in later} | set(later_files)) - now
    eventually = now | upcoming
    at = {page.address.path: page for page in pages if page.address.output.endswith(".html")}
    ids: dict[str, dict[str, str]] = {}  # page address → its places (id → tag)
    converted: dict[str, frozenset[str]] = {}  # text → the targets of its links as converted
    found: dict[tuple[str, int, str], Problem] = {}
    for address, path, published in [(*text, True) for text in shown] + [(*text, False) for text in later]:
        for line, target in links.get(path, ()):
            key = (path, line, target)
            if key in found:
                continue
            problem = _problem(path, line, target, address, now if published else eventually, base, upcoming)
            if problem is None and "#" in target and places is not None:
                problem = _place_problem(path, line, target, address, at, places, ids)
            if problem is not None and linked is not None:
                if path not in converted:
                    converted[path] = linked(path)
                if target not in converted[path]:
                    continue  # shown as code or text, a comment, an unused reference: no link
            if problem is not None:
                found[key] = problem
    return sorted(found.values())


def _followed(page: str, target: str) -> tuple[str, str]:
    """Return the address (without its leading slash) and the place ('' for none) a link leads to from `page`."""
    joined, _, fragment = urljoin("/" + page, target).partition("#")
    return unquote(joined.split("?", 1)[0])[1:], unquote(fragment)


def _named(address: str, addresses: set | dict) -> str | None:
    """Return the one of `addresses` that the address a link leads to names (None when none): itself, the folder it
    names without its slash, or the folder of its index.html."""
    return next((name for name in (address, address + "/", address.removesuffix("index.html")) if name in addresses),
                None)


def _found(address: str, addresses: set) -> bool:
    """Whether the address a link leads to (without its leading slash) is one of `addresses`."""
    return _named(address, addresses) is not None


def _problem(path: str, line: int, target: str, page: str, addresses: set, base: str,
             upcoming: set = frozenset()) -> Problem | None:
    """Return why a link of `path` followed from the page at `page` leads nowhere (None when it leads to a page);
    `upcoming`: the addresses of pages not published yet."""
    address, _ = _followed(page, target)
    if _found(address, addresses):
        return None
    if _found(address, upcoming):
        return Problem(path, line, "", f"the link '{target}' leads to a page not published yet (a draft or a "
                       "release dated later)", "the link from the day that page is published, or in a text published "
                       "that day or later")
    if base != "/" and target.startswith(base):
        expected = f"the address without {base.rstrip('/')}, which the build adds: {target[len(base) - 1:]}"
    else:
        near = difflib.get_close_matches(address, addresses, n=1, cutoff=0.85)
        lang = page.split("/", 1)[0] or "de"  # the language of the page showing the text
        expected = (f"did you mean /{near[0]}?" if near
                    else f"an address of this site from the language on, such as /{lang}/partners/")
    leads = "to no page of the site" if target.startswith("/") else f"to /{address}, no page of the site"
    return Problem(path, line, "", f"the link '{target}' leads {leads}", expected)


def _place_problem(path: str, line: int, target: str, page: str, at: dict, places: Callable,
                   ids: dict[str, dict[str, str]]) -> Problem | None:
    """Return why the place a link of `path` (followed from the page at `page`) names is not on the page it leads to
    (None when it is there, or when that page is not one whose places are known: a file, a page not published yet)."""
    address, place = _followed(page, target)
    name = _named(address, at)
    if name is None or place.lower() in ("", "top"):
        return None  # ('#top' leads to the page's top even where nothing has that id)
    known = ids.get(name)
    if known is None:
        known = ids[name] = places(at[name])
    if place in known:
        return None
    headings = sorted(found for found, tag in known.items() if tag in _HEADINGS)
    near = (sorted((found for found in headings if place.lower() in found), key=len)  # '#ziele' for '#unsere-ziele'
            or difflib.get_close_matches(place, headings, n=1, cutoff=0.6))
    if near:
        expected = f"did you mean #{near[0]}?"
    elif headings:
        expected = "one of its headings: " + ", ".join("#" + found for found in headings[:8]) + (
            " …" if len(headings) > 8 else "")
    else:
        expected = "the link without '#…': that page has no headings with ids"
    return Problem(path, line, "", f"the link '{target}' leads to no place '#{place}' on that page (only to its top)",
                   expected, warning=True)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def places_in(html: str) -> dict[str, str]:
    """Return the places of an HTML page: each element's id → its tag name."""
    found: dict[str, str] = {}
    for tag, _, value in _attributes(html, {"id"}):
        found.setdefault(value, tag)
    return found


def targets_in(html: str) -> frozenset[str]:
    """Return the targets of the links and pictures of converted Markdown (href and src values)."""
    return frozenset(value for _, _, value in _attributes(html, {"href", "src"}))


def _attributes(html: str, names: set[str]) -> list[tuple[str, str, str]]:
    """Return (tag, attribute, value) of each attribute named in `names` of the start tags of `html`."""
    found: list[tuple[str, str, str]] = []

    class Attributes(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            found.extend((tag, name, value) for name, value in attrs if name in names and value is not None)

    parser = Attributes()
    parser.feed(html)
    parser.close()
    return found


_SITE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def under_base(html: str, base: str) -> str:
    """Return sanitised HTML with each link and picture given from the site's root (`/de/…`) under `base`."""
    return html if base == "/" else _SITE_LINK.sub(lambda match: match[1] + base, html)
