"""Own the site-model stage: validated records → every output page with URL, translations and inputs.

Each section module returns its pages; `build_pages` gathers them, adds the site-wide
files that list all others (sitemap), and refuses two pages claiming one output file.
"""
from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from ..geo import Outlines
from .. import steps
from ..records import Site
from ..problems import Problem, ProblemsFound
from . import admin, events, general, initiatives, marketplace, partners, press
from .core import OutPage, own_text
from .published import Published


def build_pages(site: Site, today: dt.date, outlines: Outlines, drafts: bool = False) -> list[OutPage]:
    """Return every page of the site, sitemap and robots included (with `drafts`, unpublished releases too).

    A section's pages are a piece of work depending on what it reads of what is published (`steps.traced`).
    """
    published = Published.of(site, today, drafts)
    pages: list[OutPage] = partners.pages(published, outlines) + general.pages(published, outlines)
    for section in (press, events, marketplace, initiatives):
        pages.extend(steps.traced("section", section.__name__, published, section.pages))
    pages.extend(general.index_files(published, pages))
    pages.extend(admin.pages(site))  # the browser editor: in no sitemap or list of pages
    _refuse_collisions(pages)
    return pages


WHAT = {"home": "the home page", "partner-index": "the list of partners", "press-index": "the press archive",
        "event-index": "the list of events", "marketplace-index": "the marketplace",
        "initiative-index": "the list of joint initiatives", "search": "the search page"}
"""What editors call the pages the site makes of itself that a plain page's name could take the place of."""


def _refuse_collisions(pages: list[OutPage]) -> None:
    seen: dict[str, OutPage] = {}
    problems = []
    for page in pages:
        other = seen.setdefault(page.address.output, page)
        if other is not page:
            problems.append(_collision(other, page))
    if problems:
        raise ProblemsFound(problems)


def _collision(first: OutPage, later: OutPage) -> Problem:
    """Return the problem of two pages written to one file, at the file an editor can rename: the text (plain page or
    release) one of them is made of, the later one's when both are; else at the later page's first input."""
    named = [page for page in (later, first) if own_text(page)]
    if not named:
        source = sorted(later.inputs)[0] if later.inputs else "data/site.yaml"
        return Problem(source, 1, "", f"two pages would be written to {later.address.output} "
                       f"({first.kind} and {later.kind})", "unique ids and file names")
    page = named[0]
    other = first if page is later else later
    text = own_text(page)
    what = f"the page of {own_text(other)}" if own_text(other) else WHAT.get(other.kind, "another page of the site")
    noun = "release name" if page.kind == "release" else "page name"
    return Problem(text, 1, "", f"the {noun} '{PurePosixPath(text).name.split('.', 1)[0]}' is taken by {what} at "
                   f"/{page.address.path}", "another name for the file")
