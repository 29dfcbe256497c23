"""Own the build cache on disk (.cache/, ignored by git): converted Markdown, and writing cache files safely.

Entries are never invalidated, only missed: the key of converted Markdown covers the hash of
its file's text, the language, the file URL, the generator's version of the Markdown settings
and the library versions. So a stale entry cannot be found. (What the last build made — files
read, records checked, pages — is kept beside it by sitegen.memory, the hashes of the files it
read by sitegen.incremental.) `build --no-cache` builds without reading or writing the cache.
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
    importlib.metadata alone takes longer (0.05 s here) than a whole build that changes nothing;
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


@dataclass(frozen=True)
class MarkdownCache:
    """Converted Markdown on disk; a `folder` of None disables it."""

    folder: Path | None
    """Cache folder, e.g. .cache/markdown."""

    def html(self, digest: bytes, lang: str, files_url: str | None, convert: Callable[[], str]) -> str:
        """Return the cached HTML of the Markdown named by `digest` (the hash of its file's text), converting (and
        storing) it on a miss."""
        if self.folder is None:
            return convert()
        key = hashlib.sha256("\0".join((MARKUP_VERSION, _LIBRARIES, lang, files_url or "", digest.hex())).encode()
                             ).hexdigest()
        path = self.folder / key[:2] / f"{key}.html"
        try:
            return path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        html = convert()
        write_atomically(path, html.encode("utf-8"))
        return html


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
