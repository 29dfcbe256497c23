"""Own the editor-facing problem report: where, which field, what is wrong, what was expected, and in which order
and form an editor reads the problems."""
from __future__ import annotations

from dataclasses import dataclass
from functools import total_ordering


@total_ordering
@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix (or, as a warning, should look at).

    Problems sort as an editor fixes them: errors before warnings; among errors, those that may only follow from
    another one (`consequence`) last; each group by file and line.
    """

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
    placeholder: bool = False
    """True for a warning that only says a placeholder is still there (a PLACEHOLDER fact, an example address):
    `build` and `serve` count them in one line, `check` lists them."""
    consequence: bool = False
    """True for an error that may only follow from another one (a reference to an entry whose id is wrong): listed
    after the others, which the editor fixes first."""

    def format(self) -> str:
        """Return the one-line `path:line: error: field: message (expected)` form (`warning:` for a warning;
        `path: …` for line 0: no line of a file, as for an internal error)."""
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        field = f"{self.field}: " if self.field else ""
        kind = "warning: " if self.warning else "error: "
        tail = f" ({self.expected})" if self.expected else ""
        return f"{where}{kind}{field}{self.message}{tail}"

    def _order(self) -> tuple:
        return (self.warning, self.consequence, self.path, self.line, self.field, self.message, self.expected,
                self.placeholder)

    def __lt__(self, other: "Problem") -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._order() < other._order()


def counted(number: int, thing: str) -> str:
    """Return "1 problem", "2 problems": a count as the terminal says it (`thing`: problem, error or warning)."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def placeholders_left(number: int) -> str:
    """Return the one line that stands for `number` placeholder warnings in `build` and `serve`."""
    return (f"{counted(number, 'placeholder')} still to replace "
            f"(build.py check lists {'it' if number == 1 else 'them'})")


def summarised(problems: list[Problem]) -> tuple[list[Problem], int]:
    """Return the problems in order without the placeholder warnings, and how many of those there were."""
    shown = sorted(problem for problem in problems if not problem.placeholder)
    return shown, len(problems) - len(shown)


def lines(problems: list[Problem], summarise: bool = False) -> list[str]:
    """Return the lines a terminal shows for `problems`: errors first, then warnings, each by file and line; with
    `summarise` (build, serve), the placeholder warnings as one line with their count, last (`check` lists them)."""
    shown, left = summarised(problems) if summarise else (sorted(problems), 0)
    return [problem.format() for problem in shown] + ([placeholders_left(left)] if left else [])


class ProblemsFound(Exception):
    """Raised by a stage when input is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(counted(len(problems), "problem"))
        self.problems = sorted(problems)
