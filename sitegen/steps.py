"""Own the seam between the stages and the reuse of earlier work: the pieces a stage may be spared.

A stage marks the pieces of its work that depend only on inputs it names — a file read and
parsed, a group of records checked, a section's pages, a text converted — by making them through
this module: `result(purpose, name, inputs, make)` and its kin below. By default each piece is
simply made (`Fresh`). The reuse package (`sitegen.reuse`) wraps a build from outside by
installing a keeper of its own for the build's duration (`kept_by`): a keeper that hands back
what an earlier build made from equal inputs. A stage never knows which keeper answers, imports
nothing of the reuse package and takes no parameter for it; without a keeper the build does all
its work and makes the same site.
"""
from __future__ import annotations

import os
import types
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from .versions import text_digest

Result = TypeVar("Result")


class Fresh:
    """The keeper of a build that reuses nothing: every piece is made."""

    def result(self, purpose: str, name, inputs: tuple, make: Callable[[], Result]) -> Result:
        """Return what `make` returns (a keeper may return what it returned for equal `inputs` before)."""
        return make()

    def checked(self, purpose: str, name, inputs: tuple, problems: list, check: Callable[[], Result]) -> Result:
        """Return what `check` returns; it appends its problems to `problems` (a keeper repeats those it kept)."""
        return check()

    def file(self, path: str, read: Callable[[], str], parse: Callable[[str, bytes], Result],
             info: os.stat_result | None = None, keep: Callable[[Result], object] | None = None):
        """Return `parse(text, digest)` of the file `path` read by `read` (a keeper may return what it kept of the
        same file: `keep(value)`, by default the value)."""
        text = read()
        return parse(text, text_digest(text))

    def traced(self, purpose: str, name, subject, make: Callable[[object], Result]) -> Result:
        """Return `make(subject)` (a keeper may give it a `Reading` of the subject to learn what it reads, and return
        what it made last time while what it read then is equal now)."""
        return make(subject)

    def stored(self, purpose: str, key: tuple, make: Callable[[], str]) -> str:
        """Return the text `make` returns (a keeper may return the one stored for `key`, also by another process)."""
        return make()

    def recall(self, purpose: str, key: tuple) -> bytes | None:
        """Return what was stored for `key` by `store` (None: nothing; a keeper may have kept it)."""
        return None

    def store(self, purpose: str, key: tuple, value: bytes) -> None:
        """Offer `value`, made from what `key` names, to be recalled later (for work made in two steps)."""

    def told(self, purpose: str, *what) -> None:
        """Hear that a stage came across something a keeper may start on early (a release text read, say)."""


SEAM = ("result", "checked", "file", "traced", "stored", "recall", "store", "told")
"""The ways a stage makes a piece of work (see `Fresh`): each name below is, for a build's duration, the method of that
name of the keeper answering (`kept_by`), so that a stage's call goes straight to it."""

_FRESH = Fresh()
result = _FRESH.result
checked = _FRESH.checked
file = _FRESH.file
traced = _FRESH.traced
stored = _FRESH.stored
recall = _FRESH.recall
store = _FRESH.store
told = _FRESH.told


@contextmanager
def kept_by(keeper: Fresh) -> Iterator[Fresh]:
    """Let `keeper` answer for the pieces made inside the `with` block (and in processes forked meanwhile)."""
    names = globals()
    before = {name: names[name] for name in SEAM}
    names.update({name: getattr(keeper, name) for name in SEAM})
    try:
        yield keeper
    finally:
        names.update(before)


class Reading:
    """A view of an object that notes each attribute read through it (path → value) in `reads`: what a piece of work
    made by `traced` depended on. Methods and properties run on the view, so what they read is noted too."""

    __slots__ = ("_of", "_reads", "_prefix")

    def __init__(self, of, reads: dict, prefix: str = "") -> None:
        object.__setattr__(self, "_of", of)
        object.__setattr__(self, "_reads", reads)
        object.__setattr__(self, "_prefix", prefix)

    def __getattr__(self, name: str):
        of, reads, prefix = self._of, self._reads, self._prefix
        kind = type(of)
        attribute = getattr(kind, name, None)
        if isinstance(attribute, property):
            return attribute.fget(self)
        if isinstance(attribute, types.FunctionType):
            return types.MethodType(attribute, self)
        value = getattr(of, name)
        if name in getattr(kind, "SCRATCH", ()) or callable(value):
            return value
        if name in getattr(kind, "READ_WITHIN", ()):
            return Reading(value, reads, f"{prefix}{name}.")
        reads[prefix + name] = value
        return value

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"{name}: a piece of work reads its subject, never changes it")


def read_again(subject, path: str):
    """Return the value at `path` ('site.events') of `subject` (as a `Reading` noted it)."""
    for name in path.split("."):
        subject = getattr(subject, name)
    return subject
