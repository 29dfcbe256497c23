"""Own the bounds of a Markdown text: structure Python-Markdown cannot convert in work proportional to its length.

Python-Markdown recurses once per level of nested lists (about 250 levels exhaust Python's stack), scans from every
opening bracket, backtick run or link parenthesis to its closing one or to the end of the paragraph, compares
emphasis marks with every one still open, copies a paragraph once per inline element it finds, counts a footnote's
earlier references at each new one; the sanitiser walks the open HTML elements at many tags. Each of these is cheap
while what it depends on is small, and quadratic (or worse) when an editor's file (or anyone's pull request) makes it
large. `problems` finds, in one pass over the text, any of them beyond a bound generous for real texts, so that
`check` refuses the text at its line before any conversion starts; each bound keeps the library's work within a
constant per character (tests/test_limits.py counts it).

A text's "paragraphs" here are what the library converts inline as one piece: the lines between blank lines, a list
item's or a definition's lines, a heading, a table row. The parts: `bounds` (the bounds and the Excess reported),
`paragraphs` (where paragraphs start; nesting, table columns), `inline` (within one paragraph), `whole_text` (HTML,
footnotes, abbreviations) and `link_address` (a link's address as the library reads it, also for the link check).
"""
from __future__ import annotations

from . import inline, whole_text
from .bounds import (ABBREVIATIONS, BACKTICK_RUNS, CONTAINER_DEPTH, FIELD, FOOTNOTE_REFERENCES, FOOTNOTES, HTML_DEPTH,
                     MARKS, OPEN_BRACKETS, TABLE_COLUMNS, Excess)
from .link_address import destination
from .paragraphs import DEEP, DEEP_LINE, Paragraphs

__all__ = ["ABBREVIATIONS", "BACKTICK_RUNS", "CONTAINER_DEPTH", "FIELD", "FOOTNOTE_REFERENCES", "FOOTNOTES",
           "HTML_DEPTH", "MARKS", "OPEN_BRACKETS", "TABLE_COLUMNS", "Excess", "destination", "problems"]


def problems(text: str) -> list[Excess]:
    """Return where `text` (a Markdown body) goes beyond each bound, the first place for each (none for most texts).

    Most texts are far within every bound: what each bound counts is looked at only when the whole text holds more
    of it than one paragraph may (a few searches over the text, for most texts nothing more)."""
    found: list[Excess] = []
    paragraphs = Paragraphs(text, found)
    if DEEP.match(text) or DEEP_LINE.search(text) or text.count("|") > TABLE_COLUMNS:
        paragraphs.starts()
    if sum(text.count(mark) for mark in inline.MARK_CHARACTERS) > MARKS:
        inline.counted_runs(text, paragraphs.starts(), inline.INLINE_MARK, MARKS, "marks of emphasis, links, code, "
                            "HTML, entities, escapes or line breaks (* _ ` [ < & \\)", "the text in more paragraphs",
                            found)
    if text.count("[") > OPEN_BRACKETS:
        inline.brackets(text, paragraphs.starts(), found)
    if "](" in text:
        inline.link_parentheses(text, paragraphs, found)
    if text.count("`") > BACKTICK_RUNS:
        inline.counted_runs(text, paragraphs.starts(), inline.BACKTICKS, BACKTICK_RUNS, "runs of backticks `",
                            "code `like this`, or \\` for a backtick shown as it is", found)
    if "<" in text:
        whole_text.html_depth(text, found)
        whole_text.html_openings(text, found)
    if "[^" in text:
        whole_text.footnotes(text, found)
    if "*[" in text:
        whole_text.abbreviations(text, found)
    return sorted(found, key=lambda excess: excess.offset)

