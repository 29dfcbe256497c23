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
import sys
import unicodedata
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple
from urllib.parse import unquote, urljoin

from . import limits
from .problems import Problem

if TYPE_CHECKING:
    from .pages.core import OutPage

Link = tuple[int, str]
"""(line of the file, target as written)."""

REFERENCE = re.compile(r"^(?:[ ]{0,3}>)*[ \t]*\[(?!\^)([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
"""A reference's label and target, [label]: target (not a footnote's text), also in a quote (> …) or a list item."""
_HTML = re.compile(r"""<(a|img)\b[^<>]*?\b(?:href|src)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s<>]+))""",
                   re.IGNORECASE)
"""The target of <a href=…> or <img src=…> written in the text: in double or single quotes, or in none (up to a
space or the tag's end). (A tag ends at the next < at the latest: a search never goes on to the end of the text.)"""
_ELSEWHERE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//|#?$")
"""A target naming another site (a scheme or //), the top of the same page ('#'), or nothing."""
_BLANK = re.compile(r"\n[ \t]*\n")
"""A blank line, which ends a paragraph (and the text of a link in it)."""
_BACKTICKS = re.compile(r"`+")


class Inline(NamedTuple):
    """A link or picture written [text](target) or ![text](target)."""

    offset: int
    """Offset in the text of the '[' its text starts with."""
    target: str
    """Its address, as Python-Markdown reads it (angle brackets, a title and escapes taken off; spaces kept)."""
    picture: bool
    """Whether it shows a picture (![…](…))."""
    closing: int
    """Offset of the ']' its text ends with (the text, a picture's text alternative, is what lies between)."""


def inline(body: str) -> list[Inline]:
    """Return the links and pictures [text](target) of a Markdown body, as Python-Markdown reads them: the text may
    hold brackets in pairs and go on over the lines of its paragraph, the address may hold spaces, parentheses in pairs,
    a title, or be written in angle brackets. What a code span shows is none.

    Each bracket and link is looked at once (no search goes on from every bracket to the end of the text)."""
    if "](" not in body:
        return []
    paragraphs = [0] + [match.end() for match in _BLANK.finditer(body)]
    opened = _pairs(body, paragraphs)
    openings = [match.start() for match in _OPENING.finditer(body)]
    code = _code_spans(body, paragraphs) if "`" in body else []
    found = []
    for number, closing in enumerate(openings):
        opening = opened.get(closing)
        if opening is None or (code and _within(code, opening)):
            continue
        after = bisect.bisect_right(paragraphs, closing)
        paragraph_end = paragraphs[after] if after < len(paragraphs) else len(body)
        following = openings[number + 1] if number + 1 < len(openings) else len(body)
        address = limits.destination(body, closing + 1, min(paragraph_end, following), following >= paragraph_end)
        if address is not None:
            found.append(Inline(opening, address[0], opening > 0 and body[opening - 1] == "!", closing))
    return found


_OPENING = re.compile(r"\]\(")


def _pairs(body: str, paragraphs: list[int]) -> dict[int, int]:
    """Return the offset of each ']' that closes a '[' (in its paragraph, brackets in pairs) → that '['."""
    backslashes = set(_offsets(body, "\\")) if "\\" in body else set()
    opened: dict[int, int] = {}
    waiting: list[int] = []
    paragraph = 0
    for offset, character in sorted([(offset, "[") for offset in _offsets(body, "[")]
                                    + [(offset, "]") for offset in _offsets(body, "]")]):
        if offset - 1 in backslashes and _escaped(backslashes, offset):
            continue
        here = bisect.bisect_right(paragraphs, offset)
        if here != paragraph:
            waiting, paragraph = [], here
        if character == "[":
            waiting.append(offset)
        elif waiting:
            opened[offset] = waiting.pop()
    return opened


def _escaped(backslashes: set[int], offset: int) -> bool:
    """Whether the character at `offset` follows an odd number of backslashes (an even number escape one another)."""
    before = offset - 1
    while before in backslashes:
        before -= 1
    return (offset - 1 - before) % 2 == 1


def _offsets(body: str, character: str) -> list[int]:
    """Return the offsets of `character` in `body` (found by the string's own search: faster than a pattern's)."""
    found, at = [], body.find(character)
    while at >= 0:
        found.append(at)
        at = body.find(character, at + 1)
    return found


def _code_spans(body: str, paragraphs: list[int]) -> list[tuple[int, int]]:
    """Return (start, end) of the code spans of a body: a run of backticks (not after a backslash) up to the next run
    as long in its paragraph, as Python-Markdown reads it (a lone ` opens none). Without the fenced-code extension,
    three backticks around lines are such a span too, unless a blank line comes between; `~~~` is no code at all."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(body)]
    by_length: dict[tuple[int, int], list[int]] = {}  # (paragraph, length) → the runs' numbers, in order
    for number, (start, end) in enumerate(runs):
        by_length.setdefault((bisect.bisect_right(paragraphs, start), end - start), []).append(number)
    spans, number = [], 0
    while number < len(runs):
        start, end = runs[number]
        same = by_length[bisect.bisect_right(paragraphs, start), end - start]
        later = bisect.bisect_right(same, number)
        if (start and body[start - 1] == "\\") or later == len(same):
            number += 1
            continue
        closing = same[later]
        spans.append((start, runs[closing][1]))
        number = closing + 1
    return spans


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of `spans` (in order, not overlapping)."""
    at = bisect.bisect_right(spans, (offset, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def find(body: str, first_line: int) -> tuple[Link, ...]:
    """Return the links of a Markdown body to pages and files of the site, with their file lines.

    A picture given by a bare file name is not one: it is a file beside the text (checked with
    the text's other files).
    """
    found = [(link.offset, link.target, link.picture) for link in inline(body)]
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
        code = _code_spans(body, [0] + [match.end() for match in _BLANK.finditer(body)])
        found = [(offset, target) for offset, target in found if not _within(code, offset)]
    found.sort()
    return tuple(sorted(zip(_lines(body, [offset for offset, _ in found], first_line), (t for _, t in found))))


def written_alike(name: str, names: Iterable[str]) -> str | None:
    """Return what to tell an editor whose `name` names none of the files `names` but differs from one of them only by
    letter case or by how its accents are encoded (Unicode normalisation: macOS saves ü as u and a combining mark,
    editors type it as one character), or None. The web host, like Linux, tells them apart: a link to such a file is
    refused on every system, naming it."""
    wanted = unicodedata.normalize("NFC", name).casefold()
    near = next((other for other in sorted(names) if unicodedata.normalize("NFC", other).casefold() == wanted), None)
    if near is None:
        return None
    if unicodedata.normalize("NFC", near) == unicodedata.normalize("NFC", name):
        return (f"the file's name '{near}' writes its accents as separate characters (as macOS saves names), the text "
                "as one: rename the file, typing its name anew")
    return f"did you mean '{near}'? A file's name must be written exactly as the file's, letter case too"


def _lines(body: str, offsets: list[int], first_line: int) -> list[int]:
    """Return the file line of each offset of `body` (in order; its first line is `first_line`)."""
    lines, at, line = [], 0, first_line
    for offset in offsets:
        line += body.count("\n", at, offset)
        at = offset
        lines.append(line)
    return lines


def beside(target: str) -> str | None:
    """Return the name of the file beside a text that a link or picture's target leads to as a browser follows it
    (`./a.jpg`, `a%20b.jpg` and `a b.jpg` lead to 'a b.jpg'; a query or place left out), or None when the target
    leads elsewhere (another site, a folder, the site's root)."""
    if _ELSEWHERE.match(target) or target.startswith("/"):
        return None
    joined = urljoin("http://x/folder/", target.split("#", 1)[0].split("?", 1)[0])
    if not joined.startswith("http://x/folder/"):
        return None
    name = unquote(joined[len("http://x/folder/"):])
    return name if name and "/" not in name else None


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
