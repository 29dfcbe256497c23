"""Own the results kept on disk between build processes (.cache/, ignored by git), and writing them safely.

Converted texts, pictures' smaller copies, compiled catalogs and templates are stored under the
hash of everything they are made from, as the stage making them names it (`steps.stored`), so an
entry is never invalidated, only missed: a stale one cannot be found. For converted Markdown the
generator's version of the Markdown settings and the libraries' versions are part of the key.
(What the last build made — files read, records checked, pages — is kept beside it by
sitegen.reuse.memory, the hashes of the files it read by sitegen.reuse.fingerprints.)
`build --no-cache` builds without reading or writing the cache.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable


UNREADABLE = (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError, AttributeError, ImportError)
"""What reading a missing, damaged or foreign pickle from the cache may raise (such a file counts as absent)."""

MARKUP_VERSION = "6"
"""Bump when sitegen.markup changes its output for the same input."""


def library_versions(names: tuple[str, ...]) -> str:
    """Return "name=version;..." of the installed distributions named (version "?" when not installed).

    Read from the names of their `.dist-info` folders on the import path, as importing
    importlib.metadata alone takes longer than a whole build that changes nothing (bench/README.md);
    a distribution installed another way is asked for through it.
    """
    def normal(name: str) -> str:  # as the packaging standards compare names: case and -_. do not count
        return name.lower().replace("-", "_").replace(".", "_")

    wanted, found = {normal(name) for name in names}, {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):  # name-version.dist-info, the name's "-" written "_"
                name, _, version = entry[:-len(".dist-info")].partition("-")
                found.setdefault(normal(name), version)  # the first on the path is the one imported
    for name in wanted - found.keys():
        from importlib.metadata import PackageNotFoundError, version as installed
        try:
            found[name] = installed(name)
        except PackageNotFoundError:
            found[name] = "?"
    return ";".join(f"{name}={found[name]}" for name in sorted(wanted))


_LIBRARIES = library_versions(("markdown", "nh3"))


TEXTS = frozenset({"markdown"})
"""Purposes whose results are texts (the others are bytes)."""


@dataclass(frozen=True)
class Stored:
    """Results kept in the cache folder between build processes (`steps.stored`); a `folder` of None keeps none."""

    folder: Path | None
    """The cache folder, e.g. .cache (each purpose has a folder of its own in it)."""

    def get(self, purpose: str, key: tuple, make: Callable[[], str | bytes]) -> str | bytes:
        """Return the result stored for `purpose` and `key`, making (and storing) it when there is none."""
        found = self.recall(purpose, key)
        if found is not None:
            try:
                return found.decode("utf-8") if purpose in TEXTS else found
            except UnicodeDecodeError:
                pass
        made = make()
        self.store(purpose, key, made.encode("utf-8") if isinstance(made, str) else made)
        return made

    def recall(self, purpose: str, key: tuple) -> bytes | None:
        """Return the bytes stored for `purpose` and `key`, None when there are none."""
        path = self._path(purpose, key)
        try:
            return path.read_bytes() if path is not None else None
        except OSError:
            return None

    def store(self, purpose: str, key: tuple, value: bytes) -> None:
        """Store bytes for `purpose` and `key`."""
        path = self._path(purpose, key)
        if path is not None:
            write_atomically(path, value)

    def _path(self, purpose: str, key: tuple) -> Path | None:
        if self.folder is None:
            return None
        versions = (MARKUP_VERSION, _LIBRARIES) if purpose == "markdown" else ()
        name = hashlib.sha256("\0".join((*versions, *map(str, key))).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / purpose / name[:2] / name


def write_atomically(path: Path, content: bytes | Callable[[BinaryIO], None]) -> None:
    """Write a file so that readers (other build processes too) see the old or the new contents, never a part.

    `content` is the bytes, or a function that writes them to the stream it is given (so that
    large contents need not be held in memory whole).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content) if isinstance(content, bytes) else content(stream)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
