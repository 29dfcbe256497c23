"""Own the form of the typed records (`record`) and what every kind of them has: a `Source`, `Translated` texts.

`record` makes a frozen dataclass without a per-object dict, pickled as its field values.
Both matter for what the memory of the last build costs (see sitegen.reuse.memory): it holds
hundreds of thousands of such objects, and an object unpickled with a dict of its own takes
several times the room, and more time, than one rebuilt from its values (measured: bench/README.md,
"Figures moved out of the code").
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter


def record(cls=None, /, **options):
    """Return `cls` as a frozen dataclass with slots that pickles as (class, field values); `options` as dataclass's."""
    def make(cls):
        made = dataclass(frozen=True, slots=True, **options)(cls)
        names = made.__match_args__
        values = attrgetter(*names) if len(names) > 1 else lambda self: (getattr(self, names[0]),)
        made.__reduce__ = lambda self: (made, values(self))
        return made
    return make if cls is None else make(cls)


Translated = dict
"""A mapping language code → text; for required fields every site language is present."""


@record
class Source:
    """Where a record was written."""

    path: str
    """File relative to the site folder."""
    line: int
    """1-based line where the record starts."""
