"""Own spreading the render stage over all cores: pages are rendered in worker processes, in order; and the time
limit on converting one text (`time_limit`; the renderer reports a breach at the text's file).

Workers are forked after the site is validated and modelled, so they inherit it (and the work
to do for each page) and receive only page numbers; results stream back in page order, so the
output stays deterministic. At most IN_FLIGHT pages are handed out ahead of the one being
written, so rendered pages do not pile up in memory when the workers are faster than the writing.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

from .pages.core import OutPage

Result = TypeVar("Result")

SERIAL_BELOW = 300
"""Sites with fewer pages are rendered in this process (starting workers costs more)."""

CHUNK = 16
"""Pages a worker takes at a time."""
IN_FLIGHT = 16 * CHUNK
"""Pages handed out but not yet written, at most (never less than CHUNK: a chunk is handed out whole)."""
TRIM_EVERY = 512
"""Pages passed on between two returns of freed memory to the system. Rendered pages pass through this process, and
small objects kept meanwhile leave holes among the freed ones that the allocator would otherwise keep (measured at
the largest benchmark site: bench/README.md)."""

HOLD = "SITEGEN_TEST_HOLD"
"""Tests only: a file name. When this variable names one, a process that has forked workers writes their number into
that file and waits until the file is gone (Ctrl+C stops it there), so that a test acts at a known moment of a build
whatever the machine's speed."""

TEXT_SECONDS = 60.0
"""Longest a text's conversion may take, a last resort: within the bounds of `limits` the slowest texts allowed take
seconds (bench/README.md, "Hostile texts"); one that slips through them is refused at its file, not waited for."""


class Unconvertible(Exception):
    """A text the Markdown library could not convert: it took longer than TEXT_SECONDS, or went too deep."""

    def __init__(self, message: str, expected: str) -> None:
        super().__init__(message)
        self.message, self.expected = message, expected


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Unconvertible in what runs meanwhile when it takes longer than `seconds` (with a timer signal: only in a
    process's main thread, where render workers and `build.py` convert; elsewhere, and while another timer runs, no
    limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer") \
            or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _too_long)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _too_long(number, frame) -> None:
    raise Unconvertible(f"converting the text took longer than {TEXT_SECONDS:g} s",
                        "a shorter or plainer text; please tell the site's maintainers, whose checks should have "
                        "found what makes it slow")


_JOB: tuple[Callable[[OutPage], object], list[OutPage]] | None = None


def _render(index: int):
    work, pages = _JOB
    return work(pages[index])


def _give_back_free_memory() -> None:
    """Return memory freed since the site was read to the system (glibc only), so the workers do not count it."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def forked_pool(workers: int) -> multiprocessing.pool.Pool:
    """Return a pool of `workers` forked processes that leave Ctrl+C to this process, which stops them (each of them
    would otherwise print a traceback of its own).

    Ctrl+C is held back while they are forked (and in them until they ignore it): one pressed at that moment
    reaches this process just after, not a worker still starting, and the workers are stopped before it goes on.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pool = None
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_leave_interrupts)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl+C held back arrives now: the workers stop
        _hold_for_tests(workers)
        return pool
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _hold_for_tests(workers: int) -> None:
    """Wait while the file named by HOLD (if any) is there, having written `workers` into it."""
    name = os.environ.get(HOLD)
    if not name:
        return
    with open(f"{name}.part", "w", encoding="utf-8") as told:
        told.write(str(workers))
    os.replace(f"{name}.part", name)
    while os.path.exists(name):
        time.sleep(0.01)


def _leave_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def render_all(work: Callable[[OutPage], Result], pages: list[OutPage], workers: int | None = None) -> Iterator[Result]:
    """Yield `work(page)` (rendering it, say) of every page, in the order given, using all cores for large sites.

    `work` need not be picklable: workers are forked with it.
    """
    global _JOB
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(pages) < SERIAL_BELOW or "fork" not in multiprocessing.get_all_start_methods():
        yield from (work(page) for page in pages)
        return
    _JOB = (work, pages)
    _give_back_free_memory()
    window, stopped = threading.Semaphore(IN_FLIGHT), threading.Event()

    def numbers() -> Iterator[int]:  # taken by the pool's feeding thread, which waits while the window is full
        for index in range(len(pages)):
            while not window.acquire(timeout=0.1):
                if stopped.is_set():
                    return
            yield index

    try:
        with forked_pool(workers) as pool:
            try:
                for done, rendered in enumerate(pool.imap(_render, numbers(), chunksize=CHUNK), start=1):
                    window.release()
                    if done % TRIM_EVERY == 0:
                        _give_back_free_memory()
                    yield rendered
            finally:
                stopped.set()  # before the pool ends: its feeding thread must not wait for ever
    finally:
        _JOB = None


def render_pages(renderer, pages: list[OutPage], progress: Callable[[int, int], None] | None = None) -> Iterator:
    """Yield the rendered files (`Renderer.render`) of `pages`, in their order, on every core (the render stage)."""
    return reporting(render_all(renderer.render, pages), len(pages), progress)


def reporting(items: Iterable, total: int, progress: Callable[[int, int], None] | None) -> Iterator:
    """Pass items through, telling `progress` how many of `total` are done now and then."""
    for done, item in enumerate(items, start=1):
        if progress is not None and (done % 50 == 0 or done == total):
            progress(done, total)
        yield item
