"""Own the build cache on disk (.cache/, ignored by git): converted Markdown, keyed by a hash of its input.

Entries are never invalidated, only missed: the key covers the text, the language, the file
URL, the generator's version of the Markdown settings and the library versions, so a stale
entry cannot be found. `build --no-cache` builds without reading or writing it.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Callable

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
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(html)
        os.replace(temporary, path)
        return html
