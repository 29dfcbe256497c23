"""Own the bounds within one paragraph: marks that may start an inline element, runs of backticks, brackets open at
once, and a link's parenthesis not closed before the next link."""
from __future__ import annotations

import re

from .bounds import OPEN_BRACKETS, Excess
from .link_address import destination
from .paragraphs import Paragraphs, line_start, paragraph_of

_BRACKET = re.compile(r"[\[\]\\]")
"""A bracket, or a backslash (which escapes the character after it: an escaped bracket is none)."""


def brackets(text: str, starts: list[int], found: list[Excess]) -> None:
    """Add an Excess where more than OPEN_BRACKETS brackets [ are open at once in a paragraph."""
    paragraph, open_, first, escaped = -1, 0, 0, -1
    for match in _BRACKET.finditer(text):
        character = match[0]
        if match.start() == escaped:
            continue
        if character == "\\":
            escaped = match.start() + 1
            continue
        here = paragraph_of(starts, match.start())
        if here != paragraph:
            paragraph, open_ = here, 0
        if character == "[":
            open_ += 1
            first = match.start() if open_ == 1 else first
            if open_ > OPEN_BRACKETS:
                found.append(Excess(line_start(text, first), f"more than {OPEN_BRACKETS} brackets [ open at once "
                                    "(nested, or not closed with ])", "close each [ with ], or write \\[ for a "
                                    "bracket shown as it is"))
                return
        elif open_:
            open_ -= 1


_LINK_OPENING = re.compile(r"\]\(")


def link_parentheses(text: str, paragraphs: Paragraphs, found: list[Excess]) -> None:
    """Find a link's parenthesis that Python-Markdown would look for the end of beyond the next link: each such look
    scans to the paragraph's end, the next one again (one not closed before its paragraph's end is scanned once)."""
    openings = [match.start() for match in _LINK_OPENING.finditer(text)]
    for number, opening in enumerate(openings):
        following = openings[number + 1] if number + 1 < len(openings) else len(text)
        if _link_end(text, opening + 1, following) is not None:
            continue
        starts = paragraphs.starts()
        paragraph = paragraph_of(starts, opening)
        if paragraph < len(starts) and starts[paragraph] <= following:
            continue  # its paragraph ends first
        if following < len(text):
            found.append(Excess(line_start(text, opening), "the ( after a link's text is not closed before the next "
                                "link", "[text](address) or [text](address \"title\"): a "
                                "quote mark in the parentheses starts a title, closed by the same mark before the )"))
            return


def _link_end(text: str, index: int, limit: int) -> int | None:
    """Return where Python-Markdown's search for the end of a link's address (from the '(' at `index`) stops, or None
    when it goes on to `limit` (the next link)."""
    found = destination(text, index, limit, paragraph_end=False)
    return found[1] if found else None


BACKTICKS = re.compile(r"`+")
INLINE_MARK = re.compile(r"\\.|[\[<&]|`+|(?<![^\W_])_+|\*+| {2,}\n")
"""A mark that may start an inline element: an escape, a bracket, an angle bracket, an ampersand, a run of backticks, of
stars, or of underscores not within a word (an underscore within a word is no emphasis), a line break (two spaces)."""
MARK_CHARACTERS = ("\\", "[", "<", "&", "`", "*", "_", "  \n")
"""What the marks are made of: a text holding fewer of these than a paragraph may hold marks is within the bound."""


def counted_runs(text: str, starts: list[int], runs: re.Pattern, bound: int, what: str, expected: str,
                 found: list[Excess]) -> None:
    """Add an Excess where a paragraph holds more than `bound` matches of `runs` (`what`, and what to do instead)."""
    paragraph, count = -1, 0
    for match in runs.finditer(text):
        here = paragraph_of(starts, match.start())
        if here != paragraph:
            paragraph, count = here, 0
        count += 1
        if count > bound:
            start = starts[here - 1] if here else 0
            found.append(Excess(start, f"more than {bound} {what} in one paragraph", expected))
            return
