"""Own what every output page is: its address, its file, its translations and its inputs.

One place answers "where does this go?": `Address` gives URL and output file together (the paths come from the
route table, sitegen.routes).
The translation rule for all content lives in `translations`, the hreflang links with x-default in `hreflang_links`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import field
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..records import SiteConfig
from ..pictures import copy_name
from ..records import record
from ..routes import url_for


COPY = "copy"
"""Template name of pages that are a copy of a site-folder file (`data["source"]`, relative path)."""

PICTURE = "picture"
"""Template name of a picture's smaller copy (`data`: source, width, the picture's digest)."""

DATA_INPUTS = frozenset({"data/site.yaml", "data/vocabularies.yaml"})
"""Data every HTML page uses (name, navigation, labels)."""


@record
class Address:
    """A page's place in the site: the path visitors see and the file written for it."""

    path: str
    """Site-relative URL path without leading slash: 'de/partners/' or 'de/press/feed.xml'."""
    output: str = field(init=False, repr=False, compare=False)
    """The output file, relative to the output folder (follows from the path; asked for often)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "output", self.path + "index.html" if self.path == "" or self.path.endswith("/")
                           else self.path)


def file_path(folder: str, source: str) -> str:
    """Return where the file `source` (a site-folder path) beside a text is published in `folder` (under its name)."""
    return folder + PurePosixPath(source).name


def file_pages(folder: str, kind: str, copied: set[str], shown: dict) -> list[OutPage]:
    """Return the pages of files beside a text, in `folder`: a copy of each file `copied` (site-folder paths) as it is
    (kind `kind`-file), and the smaller copies of each picture `shown` (path → `Picture`; kind `kind`-picture)."""
    result = [OutPage(Address(file_path(folder, source)), f"{kind}-file", None, COPY,
                      data={"source": source}, inputs=frozenset({source}), in_sitemap=False)
              for source in sorted(copied | set(shown))]
    result += [OutPage(Address(folder + copy_name(source, width)), f"{kind}-picture", None, PICTURE,
                       data={"source": source, "width": width, "digest": picture.digest},
                       inputs=frozenset({source}), in_sitemap=False)
               for source, picture in sorted(shown.items()) for width in picture.widths]
    return result


@record
class Alternate:
    """A translation of a page, for hreflang links and the language switch."""

    lang: str
    """Language code."""
    path: str
    """Site-relative URL path of that version."""


@record
class OutPage:
    """One file of the built site, with everything needed to render it."""

    address: Address
    """Where it goes."""
    kind: str
    """Page type, e.g. 'partner', 'press-index', 'atom', 'ics'."""
    lang: str | None
    """Language, or None for language-neutral files."""
    template: str
    """Template (for HTML) or renderer name (atom, ics, text, copy)."""
    title: str = ""
    """Title for <title> and headings."""
    description: str = ""
    """Meta description."""
    data: dict = field(default_factory=dict)
    """What the template needs besides the site-wide context."""
    alternates: tuple[Alternate, ...] = ()
    """Real translations, this page included (hreflang)."""
    switch: tuple[Alternate, ...] = ()
    """Language-switch targets for the other languages (translation or section index)."""
    inputs: frozenset = frozenset()
    """Source files and data this page was made from (templates are added when rendering)."""
    updated: dt.date | None = None
    """Last real change, for sitemap lastmod."""
    in_sitemap: bool = True
    """Whether the page is listed in sitemap.xml."""
    texts: tuple[str, ...] = ()
    """Markdown files whose bodies the page shows: the hashes of their texts are part of its fingerprint
    (the renderer refuses to show any other)."""

    @property
    def hreflang(self) -> tuple[Alternate, ...]:
        """Return the page's hreflang links: its versions and x-default (`hreflang_links`)."""
        return hreflang_links(self.alternates)


def own_text(page: OutPage) -> str | None:
    """Return the Markdown file an HTML page is made of alone: a plain page's or a release version's (None for a page
    made of data or listing many texts, and for a feed)."""
    return page.texts[0] if len(page.texts) == 1 and page.address.output.endswith(".html") else None


def translations(config: SiteConfig, lang: str, versions: dict[str, str], fallback: dict[str, str]) -> tuple[tuple[Alternate, ...], tuple[Alternate, ...]]:
    """Apply the one translation rule: hreflang lists real versions; the switch falls back to the section index.

    `versions` maps language → path of each real version; `fallback` maps language →
    path of the section index used when a version is missing.
    """
    alternates = _alternates(config.languages, tuple(versions.items()))
    real = {alternate.lang: alternate for alternate in alternates}
    switch = tuple(real.get(code) or Alternate(code, fallback[code]) for code in config.languages if code != lang)
    return alternates, switch


def hreflang_links(alternates: tuple[Alternate, ...]) -> tuple[Alternate, ...]:
    """Return a page's hreflang links, for its head and the sitemap alike: its versions and x-default (none for a page
    in one language). x-default is the language chooser `/` for the home pages (the language-neutral entry), else the
    version in the first language."""
    if len(alternates) < 2:
        return ()
    homes = all(alternate.path == url_for("home", lang=alternate.lang) for alternate in alternates)
    return (*alternates, Alternate("x-default", "" if homes else alternates[0].path))


@lru_cache(maxsize=8)
def _alternates(languages: tuple[str, ...], versions: tuple[tuple[str, str], ...]) -> tuple[Alternate, ...]:
    """Return the alternates of one item's versions: one tuple of the same objects for each version's page, asked
    for one after another (the memory of the last build holds a page's alternates for every page)."""
    paths = dict(versions)
    return tuple(Alternate(code, paths[code]) for code in languages if code in paths)


def base_path(config: SiteConfig) -> str:
    """Return the path part of the base URL, always starting and ending with '/'."""
    path = urlsplit(config.base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def absolute(config: SiteConfig, path: str) -> str:
    """Return the absolute URL of a site-relative path."""
    return config.base_url + path
