"""Own what a long-running build process (the dev server) remembers from one build to the next.

A save in the editor changes one file; the next build should cost what that file costs. So
each stage asks the memory before doing work whose result depends only on things it can
name: the load stage for a file it read before (same size, time and inode, or the same
text), validation for a group of records it checked before (the same records, in the same
context), the site model for a release's pages, the fingerprints for a page whose record is
the same as last time.

Results are found by their inputs, compared with `==`: unchanged records are the very same
objects from build to build (the load stage hands back what it remembered), so the comparison
stops at the first identity. An entry not asked for during a build is forgotten after it
(`forget_unused`), so the memory holds one site, not every site since the server started.

`NO_MEMORY` remembers nothing: a fresh `build.py build` uses it and does all the work.
"""
from __future__ import annotations

import os
import stat
import time
from typing import Callable, TypeVar

Result = TypeVar("Result")
Contents = TypeVar("Contents")

RACY_NS = 2_000_000_000
"""A file changed less than this long before it was read may change again within the same
timestamp tick (file times are coarse): its stat is not trusted, its text is compared."""


class Memory:
    """Results of the previous build, found by what they were made from."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.current: dict = {}
        self.previous: dict = {}
        self.hits = 0
        """How many results were reused since the last `forget_unused` (for tests and curiosity)."""

    @property
    def empty(self) -> bool:
        """Return True before the first build (and always when nothing is remembered)."""
        return not self.current and not self.previous

    def forget_unused(self) -> None:
        """End a build: keep what it used, drop the rest."""
        self.previous, self.current = self.current, {}
        self.hits = 0

    def _recall(self, key):
        entry = self.current.get(key)
        if entry is None:
            entry = self.previous.get(key)
            if entry is not None:
                self.current[key] = entry
        return entry

    def result(self, purpose: str, name, inputs: tuple, make: Callable[[], Result]) -> Result:
        """Return what `make` returned last time for `purpose`/`name` if `inputs` are equal; else make it now."""
        if not self.enabled:
            return make()
        entry = self._recall((purpose, name))
        if entry is not None and entry[0] == inputs:
            self.hits += 1
            return entry[1]
        made = make()
        self.current[(purpose, name)] = (inputs, made)
        return made

    def checked(self, purpose: str, name, inputs: tuple, problems: list, check: Callable[[], Result]) -> Result:
        """Like `result`, for a check that appends problems to `problems`: they are remembered and repeated too."""
        if not self.enabled:
            return check()
        entry = self._recall((purpose, name))
        if entry is not None and entry[0] == inputs:
            self.hits += 1
            problems.extend(entry[2])
            return entry[1]
        start = len(problems)
        made = check()
        self.current[(purpose, name)] = (inputs, made, tuple(problems[start:]))
        return made

    def file(self, path: str, read: Callable[[], Contents], parse: Callable[[Contents], Result],
             info: os.stat_result | None = None) -> Result:
        """Return `parse(read())` of a regular file, or what it returned last time when the file is the same.

        The same means: the same inode, size and times (trusted only when the file was not changed
        just before it was read), or else the same contents (`read()`, compared with `==`), so
        later stages see the very same object. Links and other files are read and parsed every time.
        `info` is the file's lstat when the caller has it already.
        """
        if not self.enabled:
            return parse(read())
        try:
            info = info or os.lstat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            return parse(read())
        signature = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        entry = self._recall(("file", path))
        if entry is not None and entry[0] == signature and entry[3]:
            self.hits += 1
            return entry[2]
        contents = read()
        value = entry[2] if entry is not None and entry[1] == contents else parse(contents)
        trusted = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_NS
        self.current[("file", path)] = (signature, contents, value, trusted)
        return value


NO_MEMORY = Memory(enabled=False)
"""Remembers nothing (every fresh build process)."""
