"""Own the site-wide pages: home, plain pages (about, imprint, …), language chooser, 404, sitemap, robots."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..geo import Outlines
from ..schema import REQUIRED_PAGES
from . import marketplace, partners, press
from ..routes import url_for
from .core import DATA_INPUTS, Address, Alternate, OutPage, file_pages, translations
from .published import Published


def files_path(key: str) -> str:
    """Return the folder (language-neutral) holding the pictures a plain page's text shows (the route 'page-files')."""
    return url_for("page-files", key)


def next_events(published: Published) -> list:
    """Return the home page's next three events: upcoming, soonest first, cancelled ones left out (postponed ones stay,
    marked)."""
    return [event for event in published.upcoming() if event.status != "cancelled"][:3]


def pages(published: Published, outlines: Outlines) -> list[OutPage]:
    """Return home pages (opening with the map of all partners) and plain pages in every language, copies of the
    pictures they show and of the files they link to."""
    site = published.site
    config = site.config
    result = []
    homes = {lang: url_for("home", lang=lang) for lang in config.languages}
    for lang in config.languages:
        alternates, switch = translations(config, lang, homes, homes)
        result.append(OutPage(
            Address(homes[lang]), "home", lang, "home.html", config.name[lang], config.motto[lang],
            data={**partners.partner_map(published, outlines, lang),
                  "upcoming": next_events(published), "counts": partners.country_counts(published),
                  "latest": press.listing(published, lang, published.release_keys()[:3]),
                  "entries": [marketplace.listed(e, lang, config.languages) for e in published.current_entries()[:3]],
                  "initiatives": site.initiatives, "calendar": url_for("calendar", lang=lang)},
            alternates=alternates, switch=switch,
            inputs=DATA_INPUTS | {"data/partners.yaml", "data/events.yaml", "data/marketplace.yaml",
                                  "data/initiatives.yaml"} | {r.source.path for r in published.releases}))
    by_key: dict = {}
    for page in site.pages:
        by_key.setdefault(page.key, {})[page.lang] = page
    for key, versions in sorted(by_key.items()):
        paths = {lang: url_for("page", key, lang) for lang in versions}
        result += file_pages(files_path(key), "page", set(),
                             {f.file: f.picture for page in versions.values() for f in page.body_files})
        for lang, page in versions.items():
            alternates, switch = translations(config, lang, paths, homes)
            result += file_pages(paths[lang], "page", set(page.files), {})
            result.append(OutPage(
                Address(paths[lang]), key if key in REQUIRED_PAGES else "page", lang, "page.html",
                page.title, page.description, data={"page": page, "files": files_path(key)},
                alternates=alternates, switch=switch, inputs=DATA_INPUTS | {page.source.path}, updated=page.updated,
                texts=(page.body.path,)))
    return result


class SitemapEntry(NamedTuple):
    """What a sitemap file says of one page (a named tuple: the sitemap lists every page, and tuples compare fast)."""

    path: str
    """Site-relative URL path."""
    updated: dt.date | None
    """Last real change."""
    alternates: tuple[Alternate, ...]
    """Its translations."""


class SitemapFile(NamedTuple):
    """What the sitemap index says of one sitemap file."""

    path: str
    """Site-relative URL path of the file."""
    updated: dt.date | None
    """The last real change of a page it lists."""


SITEMAP_URLS = 1000
"""Pages listed per sitemap file. sitemap.xml is the index of these files: a search engine reads
up to 50,000 per file, but a large site's one file (megabytes: bench/README.md) would be held whole in
memory by the build, twice while it passes from a render worker to the writing process."""


SEARCH_SECTIONS = (
    ("partners", ("partner",)), ("marketplace", ("marketplace-entry",)), ("press", ("release",)),
    ("events", ("event",)), ("initiatives", ("initiative",)),
    ("pages", ("home", "about", "contact", "imprint", "privacy", "accessibility", "page")),
)
"""Sections of the no-JavaScript index on the search page: name → page kinds listed."""


def search_pages(published: Published, pages: list[OutPage]) -> list[OutPage]:
    """Return the search page per language, with an index of every page by section for visitors without JavaScript."""
    config = published.site.config
    paths = {lang: url_for("search", lang=lang) for lang in config.languages}
    listed: dict[tuple, list] = {}
    inputs: dict[str | None, set] = {lang: set() for lang in config.languages}
    added: set[tuple] = set()  # list pages share one large inputs set: add each set once
    for number, p in enumerate(pages):
        if p.lang in inputs:
            if (p.lang, id(p.inputs)) not in added:
                added.add((p.lang, id(p.inputs)))
                inputs[p.lang].update(p.inputs)
            if p.in_sitemap:
                listed.setdefault((p.lang, p.kind), []).append((p.title.casefold(), number, p.title, p.address.path))
    result = []
    for lang in config.languages:  # by title, pages of equal titles in page order
        sections = [(name, [item[2:] for item in sorted(item for kind in kinds for item in listed.get((lang, kind), ()))])
                    for name, kinds in SEARCH_SECTIONS]
        alternates, switch = translations(config, lang, paths, paths)
        result.append(OutPage(Address(paths[lang]), "search", lang, "search.html", data={"sections": sections},
                              alternates=alternates, switch=switch, inputs=frozenset(inputs[lang])))
    return result


def index_files(published: Published, pages: list[OutPage]) -> list[OutPage]:
    """Return the search pages, language chooser, 404 page, sitemap files and their index, robots.txt (they know all
    other pages)."""
    config = published.site.config
    homes = tuple(Address(url_for("home", lang=lang)) for lang in config.languages)
    home_paths = {lang: home.path for lang, home in zip(config.languages, homes)}
    chooser_alternates, _ = translations(config, "", home_paths, home_paths)  # the home pages' alternates
    searches = search_pages(published, pages)
    listed = sorted((SitemapEntry(page.address.path, page.updated, page.alternates) for page in pages + searches
                     if page.in_sitemap and page.address.output.endswith(".html")), key=lambda entry: entry.path)
    sitemaps = [OutPage(Address(url_for("sitemap", number)), "sitemap", None, "sitemap.xml",
                        data={"entries": listed[start:start + SITEMAP_URLS]}, inputs=DATA_INPUTS, in_sitemap=False)
                for number, start in enumerate(range(0, max(len(listed), 1), SITEMAP_URLS), start=1)]
    index = [SitemapFile(sitemap.address.path, max((entry.updated for entry in sitemap.data["entries"] if entry.updated),
                                                   default=None)) for sitemap in sitemaps]
    return [*searches,
        OutPage(Address(url_for("chooser")), "chooser", None, "chooser.html", config.name[config.default_language],
                config.motto[config.default_language], alternates=chooser_alternates, inputs=DATA_INPUTS),
        OutPage(Address(url_for("not-found")), "not-found", None, "404.html", config.name[config.default_language],
                "", data={"homes": homes}, inputs=DATA_INPUTS, in_sitemap=False),
        *sitemaps,
        OutPage(Address(url_for("sitemap-index")), "sitemap-index", None, "sitemap-index", data={"sitemaps": index},
                inputs=DATA_INPUTS, in_sitemap=False),
        OutPage(Address(url_for("robots")), "robots", None, "robots.txt", inputs=DATA_INPUTS, in_sitemap=False),
    ]
