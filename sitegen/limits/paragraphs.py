"""Own finding where a text's paragraphs start (what the library converts inline as one piece), with the bounds
found on the way: containers nested too deep, a table of too many columns."""
from __future__ import annotations

import bisect
import re

from .bounds import CONTAINER_DEPTH, TABLE_COLUMNS, Excess

_MARKER = r"(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|:(?=[ \t])|\[\^[^\]\n]*\]:)"
_LINE = re.compile(r"^((?:[ \t]*" + _MARKER + r")*)([ \t]*)(.?)", re.MULTILINE)
"""A line's start: its container marks (quote >, list item, definition :, footnote definition [^x]:) with the spaces
among them, the spaces after them, and its first other character (none on a blank line)."""
_MARKS = re.compile(_MARKER)
_TABLE_RULE = re.compile(r"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
"""The second line of a table: cells of dashes between pipes."""

DEEP = re.compile(r"\n?[ \t>*+\-:.)\d\[\]^]{%d}" % (CONTAINER_DEPTH + 1))
"""A line starting with as many characters that may mark or indent a container as the bound allows levels: a line
nested deeper has such a start (each level takes at least one character), so a text without one need not be looked
at line by line."""
DEEP_LINE = re.compile("\n" + DEEP.pattern[3:])
"""The same after a line break (a search for it skips to each line break: much faster than one for `^…`)."""


class Paragraphs:
    """The offsets at which a text's paragraphs start, found (with the nesting of containers) when first asked."""

    def __init__(self, text: str, found: list[Excess]) -> None:
        self.text, self.found, self.known = text, found, None

    def starts(self) -> list[int]:
        """Return the offsets at which the text's paragraphs start."""
        if self.known is None:
            self.known = _paragraphs(self.text, self.found)[0]
        return self.known


def _paragraphs(text: str, found: list[Excess]) -> tuple[list[int], int]:
    """Return the offsets at which the text's paragraphs start and its deepest nesting of containers; add an Excess
    when that nesting (or a table's columns) goes beyond the bound."""
    starts: list[int] = []
    deepest, too_deep, kind = 0, -1, ""
    open_depth, blank_before, lines_in_block, first_line, table = 0, True, 0, "", False
    for match in _LINE.finditer(text):
        prefix, spaces, first = match[1], match[2], match[3]
        marks = _MARKS.findall(prefix) if prefix else []
        list_item = len(marks) > prefix.count(">")
        if not first and not marks:
            blank_before, lines_in_block, table = True, 0, False
            continue
        indentation = _width(prefix + spaces) - sum(len(mark) for mark in marks) - len(marks)
        depth = min(max(indentation, 0) // 4, open_depth) + len(marks)
        if marks:
            open_depth = depth
        elif blank_before and indentation < 4:
            open_depth = 0
        if depth > deepest:
            deepest = depth
            if depth > CONTAINER_DEPTH and too_deep < 0:
                too_deep, kind = match.start(), "lists" if list_item else "quotes"
        if not first and not list_item:  # (a line of only > is a blank line within a quote)
            blank_before, lines_in_block, table = True, 0, False
            continue
        lines_in_block += 1
        line_end = text.find("\n", match.start())
        line = text[match.start():line_end if line_end >= 0 else len(text)]
        if lines_in_block == 1:
            first_line = line
        elif lines_in_block == 2 and "|" in first_line and _TABLE_RULE.fullmatch(line):
            table = True
            _table_columns(line, match.start(), found)
        if blank_before or list_item or first == "#" or table:
            starts.append(match.start())
        blank_before = False
    if too_deep >= 0:
        found.append(Excess(too_deep, f"{kind} nested {deepest} deep; at most {CONTAINER_DEPTH} levels can be shown",
                            "flatten the list" if kind == "lists" else "fewer > at the start of the line"))
    return starts, deepest


def _width(characters: str) -> int:
    """Return the columns the characters of a line's start take, a tab reaching the next multiple of four."""
    if "\t" not in characters:
        return len(characters)
    column = 0
    for character in characters:
        column = column + 4 - column % 4 if character == "\t" else column + 1
    return column


def _table_columns(rule: str, offset: int, found: list[Excess]) -> None:
    columns = rule.strip(" \t>").strip("|").count("|") + 1
    if columns > TABLE_COLUMNS and not any(excess.message.startswith("a table") for excess in found):
        found.append(Excess(offset, f"a table of {columns} columns; at most {TABLE_COLUMNS}",
                            "fewer columns: split the table"))


def paragraph_of(starts: list[int], offset: int) -> int:
    """Return the number of the paragraph holding `offset`."""
    return bisect.bisect_right(starts, offset)



def line_start(text: str, offset: int) -> int:
    """Return the offset of the start of the line holding `offset`."""
    return text.rfind("\n", 0, offset) + 1
