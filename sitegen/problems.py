"""Own the editor-facing problem report: where, which field, what is wrong, what was expected."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (or, as a warning, should look at)."""

    path: str
    """Source file, relative to the site folder (a template or catalog: to the project), with forward slashes."""
    line: int
    """1-based line in that file (1 when the whole file is meant)."""
    field: str
    """Dotted field name such as `partners[3].country`, or '' for the file itself."""
    message: str
    """What is wrong, in plain words."""
    expected: str = ""
    """What would have been right; shown in parentheses."""
    warning: bool = False
    """True for problems that do not stop the build (placeholders)."""

    def format(self) -> str:
        """Return the one-line `path:line: field: message (expected)` form (`path: …` for line 0: no line of a file,
        as for an internal error)."""
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        field = f"{self.field}: " if self.field else ""
        kind = "warning: " if self.warning else ""
        tail = f" ({self.expected})" if self.expected else ""
        return f"{where}{kind}{field}{self.message}{tail}"


def counted(number: int, thing: str) -> str:
    """Return "1 problem", "2 problems": a count as the terminal says it (`thing`: problem, error or warning)."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


class ProblemsFound(Exception):
    """Raised by a stage when input is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(counted(len(problems), "problem"))
        self.problems = sorted(problems)
