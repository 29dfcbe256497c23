"""Own the bounds over a whole text: HTML nested too deep, an HTML tag not closed before the next one, too many
references to one footnote or footnotes, too many abbreviations."""
from __future__ import annotations

import re

from .bounds import ABBREVIATIONS, FOOTNOTE_REFERENCES, FOOTNOTES, HTML_DEPTH, Excess
from .paragraphs import line_start

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
"""An HTML tag (not an address in angle brackets, <https://…> or <name@example.org>)."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
                           "colgroup", "rb", "rt", "rp"})
"""Elements that a second one of their kind closes (`<p>a<p>b` is two paragraphs, not one in another)."""


def html_depth(text: str, found: list[Excess]) -> None:
    """Add an Excess where HTML elements are nested more than HTML_DEPTH deep."""
    depth = 0
    for match in _TAG.finditer(text):
        name = match[2].lower()
        if name in _VOID or name in _SELF_CLOSING or match[3]:
            continue
        if match[1]:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > HTML_DEPTH:
            found.append(Excess(line_start(text, match.start()), f"HTML elements nested more than {HTML_DEPTH} "
                                "deep", "close each tag (</div> after <div>), or fewer nested tags"))
            return


_HTML_OPENING = re.compile(r"<(?:!--|[A-Za-z/!?])")
"""What the library's HTML parser (the standard library's, over the whole text) reads as the start of a tag, an end
tag, a declaration, a processing instruction or a comment."""
_TAG_NAME = re.compile(r"<[/!?]?[\w-]{0,20}")
_TAG_STOP = re.compile(r"[>`]")
"""Where its reading of a tag stops at the latest (it takes no backtick into a tag)."""


def html_openings(text: str, found: list[Excess]) -> None:
    """Find an HTML tag not closed with '>' before the next one: the library's HTML parser reads it from each such
    opening on to the next '>' (attributes may hold '<'), the next one again."""
    openings = [match for match in _HTML_OPENING.finditer(text)]
    comment_end = -1  # where the comment last opened ends (-2: no comment after it ends)
    for number, opening in enumerate(openings):
        start = opening.start()
        if start < comment_end:
            continue
        if opening[0] == "<!--":
            if comment_end != -2:
                close = text.find("-->", opening.end())
                comment_end = close + 3 if close >= 0 else -2
            continue
        following = openings[number + 1].start() if number + 1 < len(openings) else len(text)
        stop = (_TAG_STOP.search(text, start, following) if opening[0][1].isalpha()
                else text.find(">", start, following) >= 0)
        if not stop and following < len(text):
            name = _TAG_NAME.match(text, start)[0]
            found.append(Excess(line_start(text, start), f"the HTML tag '{name}' is not closed with > before the "
                                "next one", "close it with >, or write &lt; for a < shown as it is"))
            return


_FOOTNOTE = re.compile(r"\[\^([^\]\n]+)\](:?)")


def footnotes(text: str, found: list[Excess]) -> None:
    """Add an Excess beyond FOOTNOTES footnotes, and where one footnote is referred to more than FOOTNOTE_REFERENCES
    times."""
    references: dict[str, int] = {}
    defined = 0
    for match in _FOOTNOTE.finditer(text):
        if match[2]:
            defined += 1
            if defined == FOOTNOTES + 1:
                found.append(Excess(line_start(text, match.start()), f"more than {FOOTNOTES} footnotes",
                                    "fewer footnotes, or the text split into pages"))
            continue
        count = references[match[1]] = references.get(match[1], 0) + 1
        if count == FOOTNOTE_REFERENCES + 1:
            found.append(Excess(line_start(text, match.start()), f"the footnote [^{match[1][:20]}] is referred to "
                                f"more than {FOOTNOTE_REFERENCES} times", "fewer references to one footnote"))


_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[", re.MULTILINE)


def abbreviations(text: str, found: list[Excess]) -> None:
    """Add an Excess beyond ABBREVIATIONS abbreviations defined."""
    for number, match in enumerate(_ABBREVIATION.finditer(text), start=1):
        if number > ABBREVIATIONS:
            found.append(Excess(match.start(), f"more than {ABBREVIATIONS} abbreviations defined",
                                "fewer abbreviations (*[…]: …)"))
            return
