"""Own the bounds of a Markdown text (each generous for real texts) and the Excess reporting a text beyond one."""
from __future__ import annotations

from dataclasses import dataclass

CONTAINER_DEPTH = 12
"""Lists, quotes, definitions and footnote definitions nested in one another, at most."""
MARKS = 512
"""Marks that may start an inline element in one paragraph, at most: runs of * _ or backticks, [ < & \\ and line
breaks (the library copies a paragraph anew for each element it finds, and compares emphasis marks with open ones)."""
OPEN_BRACKETS = 16
"""Brackets [ open at once in a paragraph, at most (the library scans from each to its ] or the paragraph's end)."""
BACKTICK_RUNS = 64
"""Runs of backticks ` in a paragraph, at most (the library scans from each to a run as long, or the end)."""
HTML_DEPTH = 32
"""HTML elements a text writes nested in one another, at most (the sanitiser walks the open ones at many tags)."""
FOOTNOTE_REFERENCES = 50
"""References to one footnote, at most (each new one counts the earlier ones)."""
FOOTNOTES = 500
"""Footnotes in a text, at most."""
ABBREVIATIONS = 100
"""Abbreviations a text defines (*[MDR]: …), at most (every piece of text is searched for each)."""
TABLE_COLUMNS = 64
"""Columns of a table, at most (every row gets a cell for each, however short it is)."""


FIELD = "text"
"""The field a text's problems with these bounds are reported under."""


@dataclass(frozen=True)
class Excess:
    """Where a text goes beyond a bound, and what to do."""

    offset: int
    """Offset in the text of the line where it happens first."""
    message: str
    """What is wrong, in plain words."""
    expected: str
    """What to do instead."""
