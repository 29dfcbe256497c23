"""Own what a build is asked to do and what it says it did: the project's folders, the options, the report."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
"""The project folder: templates, catalogs and static assets live here."""


@dataclass(frozen=True)
class Project:
    """Where the project's own templates, catalogs and static files are."""

    templates: Path = PROJECT / "templates"
    i18n: Path = PROJECT / "i18n"
    static: Path = PROJECT / "static"
    outlines: Path = PROJECT / "data" / "geo" / "dach-outlines.json"
    cache: Path = PROJECT / ".cache"


@dataclass(frozen=True)
class Options:
    """What a build is asked for besides the site folder."""

    today: dt.date
    """The day the site is built for (what is published, what is past)."""
    base_url: str | None = None
    """Where the site is served (None: the one in site.yaml)."""
    search: bool = True
    """Whether the search index is made."""
    drafts: bool = False
    """Whether releases not published yet are shown."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    pages: dict
    """Language (or '-') → number of HTML pages written."""
    files: int
    """Number of files written."""
    warnings: list
    """Warnings (placeholders) that did not stop the build."""
    unchanged: bool = False
    """True when nothing the site is made from had changed, so the site in the output folder was kept as it was."""
    held: object = dataclasses.field(default=None, repr=False, compare=False)
    """What the build held (its memory of the last build): a process that ends next may keep it rather than free
    hundreds of thousands of objects one by one."""
