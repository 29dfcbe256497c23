"""Own the build cache on disk (.cache/, ignored by git): converted Markdown and parsed documents.

Entries are never invalidated, only missed: the key of converted Markdown covers the text,
the language, the file URL, the generator's version of the Markdown settings and the library
versions; the key of a parsed document covers its name and text, and the whole file of parsed
documents is dropped when the parser's code changes. So a stale entry cannot be found.
`build --no-cache` builds without reading or writing the cache.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from .source import MarkdownFile, TextFile

MARKUP_VERSION = "1"
"""Bump when sitegen.markup changes its output for the same input."""

_LIBRARIES = f"markdown={version('markdown')};nh3={version('nh3')}"


@dataclass(frozen=True)
class MarkdownCache:
    """Converted Markdown on disk; a `folder` of None disables it."""

    folder: Path | None
    """Cache folder, e.g. .cache/markdown."""

    def html(self, text: str, lang: str, files_url: str | None, convert: Callable[[], str]) -> str:
        """Return the cached HTML for this input, converting (and storing) it on a miss."""
        if self.folder is None:
            return convert()
        key = hashlib.sha256("\0".join((MARKUP_VERSION, _LIBRARIES, lang, files_url or "", text)).encode()).hexdigest()
        path = self.folder / key[:2] / f"{key}.html"
        try:
            return path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        html = convert()
        write_atomically(path, html.encode("utf-8"))
        return html


def write_atomically(path: Path, content: bytes) -> None:
    """Write a file so that readers (other build processes too) see the old or the new contents, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temporary, path)


_PARSER = Path(__file__).with_name("source.py")
"""The code that parses documents: when it changes, every parsed document is parsed again."""


class DocumentCache:
    """Parsed Markdown documents (front matter tree and body) of earlier builds; a `file` of None disables it.

    Only documents that parsed without problems are kept; after a build only those still in the
    site remain (`save`).
    """

    def __init__(self, file: Path | None):
        self.file = file
        self.version = hashlib.sha256(_PARSER.read_bytes() + version("pyyaml").encode()).hexdigest() if file else ""
        self.entries: dict[bytes, MarkdownFile] = self._read() if file else {}
        self.used: dict[bytes, MarkdownFile] = {}

    def _read(self) -> dict:
        try:
            with open(self.file, "rb") as stream:
                version, entries = pickle.load(stream)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError, AttributeError):
            return {}
        return entries if version == self.version and isinstance(entries, dict) else {}

    def document(self, source: TextFile, parse: Callable[[TextFile], MarkdownFile]) -> MarkdownFile:
        """Return the parsed document of this file's text, parsing it on a miss."""
        if self.file is None:
            return parse(source)
        key = hashlib.sha1(f"{source.path}\0{source.text}".encode("utf-8", "surrogatepass")).digest()
        document = self.entries.get(key)
        if document is None:
            document = parse(source)
        self.used[key] = document
        return document

    def save(self) -> None:
        """Keep the documents of this build for the next one (written only when they differ)."""
        if self.file is not None and self.used.keys() != self.entries.keys():
            write_atomically(self.file, pickle.dumps((self.version, self.used), protocol=pickle.HIGHEST_PROTOCOL))
            self.entries = self.used
        self.used = {}
