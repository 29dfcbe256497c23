"""Own converting release texts ahead of the render stage while a build has nothing to reuse.

Before any page can be rendered, one process loads, checks and models the whole site (seconds
for a large one: bench/README.md), while the other cores wait. When nothing of an earlier build is remembered (a cold
build, the first one in a fresh clone or of the dev server), one worker process converts the
Markdown of the release texts meanwhile, in the order the load stage read them. Just before the
render workers start, the conversions finished so far are taken (the rest is dropped, the worker
ends) and the render workers, forked after, find them there instead of converting those texts
again. A conversion depends on nothing but the text and its language, so the pages are the same
byte for byte; a text changed since it was read is left to the render stage (which reports it).
"""
from __future__ import annotations

import multiprocessing
import os
import zlib
from pathlib import Path

from ..texts import DOCUMENT_NAME
from ..markup import convert
from ..parallel import forked_pool
from ..problems import ProblemsFound
from ..source import read_body

Converted = dict[tuple[str, bytes, str], bytes]
"""(text's file, hash of the file's text, language) → its Markdown converted (`markup.convert`), packed (`unpacked`
gives it back): compressed, as every render worker holds them (bench/README.md has the figures)."""

BATCH = 16
"""Texts handed to the worker at a time; at most one batch is lost when the conversions are taken."""
START_AT = 4 * BATCH
"""Texts offered before the worker starts: a small site is rendered before starting a worker would pay."""
FORKING = "fork" in multiprocessing.get_all_start_methods()
"""Whether a worker can be forked here (it inherits the converter's code; elsewhere the render stage converts all)."""


def packed(html: str) -> bytes:
    """Return a conversion packed (see `Converted`)."""
    return zlib.compress(html.encode("utf-8"), 1)


def unpacked(packed: bytes) -> str:
    """Return a conversion as `markup.convert` returned it (see `Converted`)."""
    return zlib.decompress(packed).decode("utf-8")


def _convert_batch(root: Path, texts: list[tuple[str, bytes, int, str]]) -> list[tuple[tuple[str, bytes, str], bytes]]:
    done = []
    for path, digest, line, lang in texts:
        try:
            done.append(((path, digest, lang), packed(convert(read_body(root, path, line, digest), lang))))
        except (ProblemsFound, OSError):  # changed or gone since it was read: the render stage reports it
            pass
    return done


class HeadStart:
    """One worker converting the texts offered, until their conversions are taken."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.waiting: list[tuple[str, bytes, int, str]] = []
        self.offered = 0
        self.batches: list = []
        self.pool = None

    def offer(self, path: str, digest: bytes, line: int) -> None:
        """Convert the text of file `path` (relative to the site folder), whose body starts at file line `line`, in
        the language its name gives (`texts.DOCUMENT_NAME`; a name without one is for the render stage)."""
        named = DOCUMENT_NAME.match(os.path.basename(path))
        if named is None or not FORKING:
            return
        self.waiting.append((path, digest, line, named["lang"]))
        self.offered += 1
        if len(self.waiting) >= BATCH and self.offered >= START_AT:
            if self.pool is None:
                self.pool = forked_pool(1)
            while self.waiting:
                batch, self.waiting = self.waiting[:BATCH], self.waiting[BATCH:]
                self.batches.append(self.pool.apply_async(_convert_batch, (self.root, batch)))

    def take(self) -> Converted:
        """Return the conversions finished by now and stop the worker."""
        converted: Converted = {}
        for batch in self.batches:
            if batch.ready() and batch.successful():
                converted.update(batch.get())
        self.close()
        return converted

    def close(self) -> None:
        """Stop the worker (what it was doing is dropped)."""
        self.batches, self.waiting = [], []
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None

    def __enter__(self) -> "HeadStart":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
