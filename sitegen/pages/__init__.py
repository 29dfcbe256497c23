"""Own the site-model stage: validated records → every output page with URL, translations and inputs.

Each section module returns its pages; `build_pages` gathers them, adds the site-wide
files that list all others (sitemap), and refuses two pages claiming one output file.
"""
from __future__ import annotations

import datetime as dt

from ..geo import Outlines
from ..memory import NO_MEMORY, Memory
from ..model import Site
from ..problems import Problem, ProblemsFound
from . import events, general, initiatives, marketplace, partners, press
from .core import OutPage
from .published import Published


SECTION_RECORDS = {events: ("config", "vocab", "events"), marketplace: ("config", "vocab", "partners", "marketplace")}
"""Sections whose pages are made of nothing but these Site fields and `today`: the dev server takes
them from its memory while these are unchanged. Keep each list exact when a section starts using more."""


def build_pages(site: Site, today: dt.date, outlines: Outlines, drafts: bool = False,
                memory: Memory = NO_MEMORY) -> list[OutPage]:
    """Return every page of the site, sitemap and robots included (with `drafts`, unpublished releases too).

    Pages made in the previous build of this process from the same records come from `memory`.
    """
    published = Published.of(site, today, drafts, memory)
    pages: list[OutPage] = partners.pages(published, outlines)
    for section in (general, press, events, marketplace, initiatives):
        records = SECTION_RECORDS.get(section)
        if records is None:
            pages.extend(section.pages(published))
        else:
            pages.extend(memory.result("section", section.__name__, (today, *(getattr(site, name) for name in records)),
                                       lambda: section.pages(published)))
    pages.extend(general.index_files(published, pages))
    _refuse_collisions(pages)
    return pages


def _refuse_collisions(pages: list[OutPage]) -> None:
    seen: dict[str, OutPage] = {}
    problems = []
    for page in pages:
        other = seen.setdefault(page.address.output, page)
        if other is not page:
            source = sorted(page.inputs)[0] if page.inputs else "data/site.yaml"
            problems.append(Problem(source, 1, "", f"two pages would be written to {page.address.output} "
                                    f"({other.kind} and {page.kind})", "unique ids and file names"))
    if problems:
        raise ProblemsFound(problems)
