"""Own what every check shares: the INVALID marker, the checking Context (file, languages, vocabularies, today, the
problem list) and the short words a problem uses for what an editor wrote."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, TypeVar

from ..problems import Problem, ProblemsFound
from ..schema import SUPPORTED_LANGUAGES
from ..source import Raw

INVALID = object()
"""Returned for a value that produced a problem."""

Result = TypeVar("Result")


@dataclass
class Context:
    """What a check needs besides the value: file, languages, vocabularies, and the problem list."""

    path: str
    """File being checked."""
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    """Site languages."""
    vocab: dict = field(default_factory=dict)
    """Vocabulary name → set of allowed keys (including 'partners'); None when its file could not be read."""
    problems: list = field(default_factory=list)
    """Problems found so far (shared across files)."""
    today: dt.date | None = None
    """The build's today, which a record's dates of changes must not be after (None: not checked)."""
    lost: dict = field(default_factory=dict)
    """Vocabulary name ('partners', 'initiatives', …) → where its entries are whose id is not known (wrong or given
    twice), as 'file:line': a reference to an unknown id may only follow from one of them."""

    def add(self, line: int, where: str, message: str, expected: str = "", warning: bool = False,
            placeholder: bool = False, consequence: bool = False) -> object:
        """Record a problem and return INVALID (`placeholder`: a warning that a placeholder is still there;
        `consequence`: an error that may only follow from another one)."""
        self.problems.append(Problem(self.path, line, where, message, expected, warning or placeholder, placeholder,
                                     consequence))
        return INVALID

    def reading(self, read: Callable[[], Result]) -> Result | None:
        """Return what `read` returns (a file read again, say); None when it raised ProblemsFound, whose problems
        are recorded."""
        try:
            return read()
        except ProblemsFound as found:
            self.problems.extend(found.problems)
            return None


def describe(raw: Raw) -> str:
    """Return a short word for what the editor wrote instead."""
    if isinstance(raw.value, dict):
        return "a group of fields"
    if isinstance(raw.value, list):
        return "a list"
    if raw.value is None:
        return "nothing"
    return f"'{clip(raw.value)}'"


def clip(text: str, limit: int = 40) -> str:
    """Return `text` on one line, cut to `limit` characters (with …) for quoting it in a problem."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def valid(values: dict, *names: str) -> bool:
    """Whether the fields `names` of values from `check_fields` are valid (so that checks spanning them run while
    other fields have mistakes)."""
    return all(values.get(name, INVALID) is not INVALID for name in names)
