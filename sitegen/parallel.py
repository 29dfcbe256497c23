"""Own spreading the render stage over all cores: pages are rendered in worker processes, in order.

Workers are forked after the site is validated and modelled, so they inherit it and receive
only page numbers; results stream back in page order, so the output stays deterministic and
only a few rendered pages are held in memory at a time.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Iterator

from .pages.core import OutPage
from .render import Rendered, Renderer

SERIAL_BELOW = 300
"""Sites with fewer pages are rendered in this process (starting workers costs more)."""

_JOB: tuple[Renderer, list[OutPage]] | None = None


def _render(index: int) -> Rendered:
    renderer, pages = _JOB
    return renderer.render(pages[index])


def render_all(renderer: Renderer, pages: list[OutPage], workers: int | None = None) -> Iterator[Rendered]:
    """Yield every page rendered, in the order given, using all cores for large sites."""
    global _JOB
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(pages) < SERIAL_BELOW or "fork" not in multiprocessing.get_all_start_methods():
        yield from (renderer.render(page) for page in pages)
        return
    _JOB = (renderer, pages)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_render, range(len(pages)), chunksize=16)
    finally:
        _JOB = None
