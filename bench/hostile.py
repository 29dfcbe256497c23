"""Hostile texts, timed: the slowest Markdown within the bounds of `sitegen.limits`, and the check refusing beyond them.

    python bench/hostile.py [KILOBYTES]

Each text within the bounds is a construct just within them (as tests/test_limits.py counts their work) repeated to
about KILOBYTES (default 400); its conversion (`markup.to_html`, in this process) is timed, per character and as the
seconds a text of the largest size a file may have (`source.MAX_TEXT_BYTES`) would take at that rate. Each text beyond
them is the largest a file may hold; `limits.problems` refusing it is timed (before, such texts converted for
minutes or crashed the build).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen import limits, markup, parallel  # noqa: E402
from sitegen.source import MAX_TEXT_BYTES  # noqa: E402

MARKS, DEPTH, LEVELS = limits.MARKS, limits.OPEN_BRACKETS, limits.CONTAINER_DEPTH


def _paragraph(piece: str, times: int, filler: str = " word", size: int = 20_000) -> str:
    """Return a paragraph of about `size` characters holding `piece` `times` times, spread over it."""
    each = filler * max(1, (size - len(piece) * times) // len(filler) // (times + 1))
    return each + "".join(piece + each for _ in range(times)) + "\n\n"


WITHIN = {
    "paragraphs of one letter": "a\n\n",
    "loose list items": "- a\n\n",
    "lists nested 12 deep": "".join("    " * level + "- item\n" for level in range(LEVELS)) + "\n",
    "quotes nested 12 deep": "> " * LEVELS + "words\n\n",
    "brackets left open (16 a paragraph)": _paragraph("[", DEPTH),
    "brackets nested 16 deep": _paragraph("[" * DEPTH + "x" + "]" * DEPTH, MARKS // DEPTH),
    "backtick runs of every length": _paragraph(" ".join("`" * n for n in range(1, limits.BACKTICK_RUNS + 1)), 1),
    "backticks after backslashes": _paragraph("\\``", limits.BACKTICK_RUNS // 2),
    "line breaks (512 a paragraph)": _paragraph("a  \n", MARKS),
    "escapes (512 a paragraph)": _paragraph("\\*", MARKS),
    "links (512 a paragraph)": _paragraph("[a](b)", MARKS),
    "emphasis (256 a paragraph)": _paragraph("*a*", MARKS // 2),
    "inline HTML (256 a paragraph)": _paragraph("<b>x</b>", MARKS // 2),
    "HTML nested 32 deep": "<div>" * limits.HTML_DEPTH + "x" + "</div>" * limits.HTML_DEPTH + "\n\n",
    "headings of one text": "## Same\n\n",
}
"""Name → a piece repeated into a text just within the bounds."""

BEYOND = {
    "lists nested to the end (the issue's RecursionError)": lambda n: "".join(
        "    " * (level % 2000) + "- x\n" for level in range(n // 4000)),
    "brackets nested on one line (the issue's minutes)": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "quotes nested on one line": lambda n: ">" * n,
    "link titles never closed": lambda n: '[a](b "c) ' * (n // 10),
    "HTML tags never closed": lambda n: "<a <img " * (n // 8),
    "line breaks in one paragraph": lambda n: "a  \n" * (n // 4),
}
"""Name → a text of about n characters beyond the bounds."""


def main(kilobytes: int = 400) -> None:
    """Print the timings."""
    print(f"Within the bounds: conversion of about {kilobytes} kB (markup.to_html), and at that rate a text of "
          f"{MAX_TEXT_BYTES // 1_000_000} MB (the largest a file may be; the time limit is "
          f"{parallel.TEXT_SECONDS:g} s)")
    print(f"{'':40}{'kB':>6}{'seconds':>9}{'µs/char':>9}{'2 MB s':>8}")
    for name, piece in WITHIN.items():
        text = piece * max(1, kilobytes * 1000 // len(piece))
        assert limits.problems(text) == [], name
        started = time.perf_counter()
        markup.to_html(text, "de")
        seconds = time.perf_counter() - started
        print(f"{name:40}{len(text) / 1000:6.0f}{seconds:9.2f}{seconds / len(text) * 1e6:9.2f}"
              f"{seconds / len(text) * MAX_TEXT_BYTES:8.1f}", flush=True)
    print(f"\nBeyond the bounds: limits.problems refusing a text of about {MAX_TEXT_BYTES // 1_000_000} MB")
    for name, make in BEYOND.items():
        text = make(MAX_TEXT_BYTES)
        started = time.perf_counter()
        found = limits.problems(text)
        seconds = time.perf_counter() - started
        assert found, name
        print(f"{name:56}{seconds:7.3f} s  ({found[0].message[:40]}…)", flush=True)


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
