"""Own what one build remembers for the next: in the dev server's process, or on disk between build processes.

A save in the editor changes one file; the next build should cost what that file costs. So
each stage asks the memory before doing work whose result depends only on things it can
name: the load stage for a file it read before (same size, time and inode, or the same
text), validation for a group of records it checked before (the same records, in the same
context), the site model for a release's pages, or whole (`stage`) while the validated site
is the same, the fingerprints for a page whose record is the same as last time (or, updated
by their caller, all of them: `keep`, `last`).

Results are found by their inputs, compared with `==`: unchanged records are the very same
objects from build to build (the load stage hands back what it remembered), so the comparison
stops at the first identity. The memory holds one build, not two: an entry asked for moves to
this build's table, a result made anew replaces it at once, one found by equal inputs keeps
the new inputs; an entry not asked for during a build is forgotten after it (`forget_unused`).

A build process keeps its memory on disk between runs (`load`, `save`: .cache/memory.pickle;
saved only when worth it, see WORTH_SAVING), dropped whole when the generator's code or a
library it uses changes. `NO_MEMORY` remembers nothing (`build --no-cache`).
"""
from __future__ import annotations

import hashlib
import itertools
import os
import pickle
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from .. import steps
from .stored import UNREADABLE, library_versions, write_atomically
from ..versions import text_digest
from ..versions import settled, signature

Result = TypeVar("Result")

_CODE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("jinja2", "markdown", "pyyaml", "babel", "nh3", "icalendar", "feedgen", "pillow")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Return a hash of the generator's code, the libraries its results depend on and Python's version."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(_CODE.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(library_versions(_LIBRARIES).encode())
    return digest.hexdigest()


class Memory(steps.Fresh):
    """Results of the previous build, found by what they were made from."""

    WORTH_SAVING = 100
    """A build process saves the memory only when it made at least this many results anew (a whole
    stage counts as this many). Saving costs about what making some thousand results does
    (bench/README.md), while a memory that misses a few results costs the next build only those few: it
    is never wrong, as every entry is found by its inputs. So a build after a text edit keeps the
    memory on disk as it was, and the builds after it make that result again until one saves."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.current: dict = {}
        self.previous: dict = {}
        self.hits = 0
        """How many results were reused since the last `forget_unused` (for tests and curiosity)."""
        self.made = 0
        """How many results were made anew since the last `forget_unused` (a stage counts WORTH_SAVING)."""
        self.carried: set = set()
        """Purposes whose entries of the previous build are kept though not asked for (see `carry`)."""

    @property
    def empty(self) -> bool:
        """Return True before the first build (and always when nothing is remembered)."""
        return not self.current and not self.previous

    def forget_unused(self) -> None:
        """End a build: keep what it used and the entries of the purposes carried, drop the rest."""
        if self.carried:
            current, carried = self.current, self.carried
            for key, entry in self.previous.items():
                if key[0] in carried and key not in current:
                    current[key] = entry
            self.carried = set()
        self.previous, self.current = self.current, {}
        self.hits = self.made = 0

    @property
    def worth_saving(self) -> bool:
        """Return whether this build made enough anew to save the memory for the next process (see WORTH_SAVING)."""
        return self.made >= self.WORTH_SAVING

    def _recall(self, key):
        """Return the entry of `key`, moved from the previous build's entries to this one's (where a result made
        anew replaces it at once: the old and the new are not both held until the build ends)."""
        entry = self.current.get(key)
        if entry is None:
            entry = self.previous.pop(key, None)
            if entry is not None:
                self.current[key] = entry
        return entry

    def result(self, purpose: str, name, inputs: tuple, make: Callable[[], Result]) -> Result:
        """Return what `make` returned last time for `purpose`/`name` if `inputs` are equal; else make it now."""
        if not self.enabled:
            return make()
        entry = self._found(purpose, name, inputs)
        if entry is not None:
            return entry[1]
        made = make()
        self.made += 1
        self.current[(purpose, name)] = (inputs, made)
        return made

    def _found(self, purpose: str, name, inputs: tuple) -> tuple | None:
        """Return the entry of `purpose`/`name` when it was made from inputs equal to these, else None.

        The entry keeps the inputs of this build: the old ones can go (the model of a site that
        changed is not held twice), and the next build's comparison stops at identity.
        """
        entry = self._recall((purpose, name))
        if entry is None or entry[0] != inputs:
            return None
        self.hits += 1
        if entry[0] is not inputs:
            entry = self.current[(purpose, name)] = (inputs, *entry[1:])
        return entry

    def stage(self, purpose: str, inputs: tuple, make: Callable[[], Result]) -> Result:
        """Like `result`, for a whole stage whose work asks the memory for its parts.

        When `inputs` are equal, the parts it asked for when it was made (entries of the same
        purposes) are kept too, though not asked for: the next build that must make the stage
        again still finds them.
        """
        if not self.enabled:
            return make()
        entry = self._found(purpose, None, inputs)
        if entry is not None:
            self.carry(entry[2])
            return entry[1]
        self.drop(purpose)
        return self._made_with_parts((purpose, None), make, lambda: inputs, self.WORTH_SAVING)

    def _made_with_parts(self, key: tuple, make: Callable[[], Result], inputs: Callable[[], tuple],
                         worth: int) -> Result:
        """Make a result and keep it under `key` with its `inputs` (asked for once it is made) and the purposes of the
        parts it asked the memory for meanwhile (see `carry`)."""
        first = len(self.current)
        made = make()
        self.made += worth
        parts = frozenset(part[0] for part in itertools.islice(self.current, first, None))
        self.current[key] = (inputs(), made, parts)
        return made

    def traced(self, purpose: str, name, subject, make: Callable[[object], Result]) -> Result:
        """Like `stage`, for a piece of work whose inputs are what it read of `subject` (`steps.Reading`): found while
        each of them is equal to what it was."""
        if not self.enabled:
            return make(subject)
        entry = self._recall((purpose, name))
        if entry is not None and all(steps.read_again(subject, path) == value for path, value in entry[0]):
            self.hits += 1
            self.carry(entry[2])
            return entry[1]
        reads: dict = {}
        return self._made_with_parts((purpose, name), lambda: make(steps.Reading(subject, reads)),
                                     lambda: tuple(reads.items()), 1)

    def carry(self, purposes: frozenset) -> None:
        """Keep the previous build's entries of these purposes for the next, though this one did not ask for them.

        They move when the build ends (`forget_unused`), in one pass over the previous build's entries for all
        purposes carried; meanwhile they are found as before.
        """
        self.carried |= purposes

    def last(self, purpose: str):
        """Return what `keep` kept for `purpose` in the previous build (None when nothing), for a caller that
        updates it itself."""
        return self.previous.get((purpose, None)) if self.enabled else None

    def drop(self, purpose: str) -> None:
        """Forget the whole result of `purpose` (before making it again: the old and the new are not held at once)."""
        self.previous.pop((purpose, None), None)
        self.current.pop((purpose, None), None)

    def keep(self, purpose: str, value) -> None:
        """Keep `value` for `purpose` for the next build (see `last`)."""
        if self.enabled:
            self.current[(purpose, None)] = value

    def checked(self, purpose: str, name, inputs: tuple, problems: list, check: Callable[[], Result]) -> Result:
        """Like `result`, for a check that appends problems to `problems`: they are remembered and repeated too."""
        if not self.enabled:
            return check()
        entry = self._found(purpose, name, inputs)
        if entry is not None:
            problems.extend(entry[2])
            return entry[1]
        start = len(problems)
        made = check()
        self.made += 1
        self.current[(purpose, name)] = (inputs, made, tuple(problems[start:]))
        return made

    def file(self, path: str, read: Callable[[], str], parse: Callable[[str, bytes], Result],
             info: os.stat_result | None = None, keep: Callable[[Result], object] | None = None):
        """Return `parse(text, digest)` of a regular file, or what was kept of it last time when the file is the same.

        The same means: the same inode, size and times (trusted only when the file was not changed
        just before it was read), or else the same text, so later stages see the very same
        object. `keep(value)` is what is remembered of a parsed value (by default the value
        itself): a large site keeps only the names and hashes of its Markdown files, say.
        Links and other files are read and parsed every time. `info` is the file's lstat when
        the caller has it already.
        """
        if not self.enabled:
            text = read()
            return parse(text, text_digest(text))
        try:
            info = info or os.lstat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            text = read()
            return parse(text, text_digest(text))
        version = signature(info)
        entry = self._recall(("file", path))
        if entry is not None and entry[0] == version and entry[3]:
            self.hits += 1
            return entry[2]
        text = read()
        digest = text_digest(text)
        if entry is not None and entry[1] == digest:
            value = kept = entry[2]
        else:
            value = parse(text, digest)
            kept = value if keep is None else keep(value)
        trusted = settled(info)
        self.made += 1
        self.current[("file", path)] = (version, digest, kept, trusted)
        return value

    @classmethod
    def load(cls, file: Path) -> "Memory":
        """Return the memory saved in `file` by a build of the same code; an empty one when there is none."""
        memory = cls()
        try:
            with open(file, "rb") as stream:
                if pickle.load(stream) != code_version():  # stop before unpickling another version's entries
                    return memory
                entries = pickle.load(stream)
        except UNREADABLE:
            return memory
        if not isinstance(entries, dict):
            return memory
        for key, entry in entries.items():
            if key[0] == "token":  # remembered by identity: the loaded object has a new one
                key = ("token", id(entry[0][0]))
            memory.previous[key] = entry
        return memory

    def save(self, file: Path) -> None:
        """Keep what the last build used in `file` for the next build process (call after `forget_unused`)."""
        def write(stream) -> None:
            pickle.dump(code_version(), stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(self.previous, stream, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(file, write)


NO_MEMORY = Memory(enabled=False)
"""Remembers nothing (every fresh build process)."""
