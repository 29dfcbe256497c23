"""Own the press section: the archive per language (paginated, grouped by year) and a page per release."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Release
from .core import DATA_INPUTS, Address, OutPage, section_address, translations
from .published import Published

INPUTS = DATA_INPUTS | {"data/partners.yaml"}


@dataclass(frozen=True)
class Listed:
    """A release as listed in one language: the version shown and whether it is another language's."""

    release: Release
    """The version shown."""
    foreign: bool
    """True when no version exists in the list's language (marked, links to the original)."""
    path: str
    """Path of the shown version's page."""


def index_path(lang: str, number: int = 1) -> str:
    """Return the path of archive page `number` in `lang`."""
    return section_address(lang, "press").path if number == 1 else section_address(lang, "press", "page", str(number)).path


def release_path(lang: str, key: str) -> str:
    """Return the path of a release page."""
    return section_address(lang, "press", key).path


def listing(published: Published, lang: str, keys: list[str]) -> list[Listed]:
    """Return the releases `keys` as listed in `lang` (the translation rule for lists)."""
    items = []
    for key in keys:
        release, foreign = published.listed_release(key, lang)
        items.append(Listed(release, foreign, release_path(release.lang, key)))
    return items


def pages(published: Published) -> list[OutPage]:
    """Return archive pages and release pages in every language."""
    config = published.site.config
    keys = published.release_keys()
    size = config.press_page_size
    chunks = [keys[i:i + size] for i in range(0, len(keys), size)] or [[]]
    firsts = {lang: index_path(lang) for lang in config.languages}
    sources = frozenset(r.source.path for r in published.releases)
    result = []
    for lang in config.languages:
        for number, chunk in enumerate(chunks, start=1):
            paths = {code: index_path(code, number) for code in config.languages}
            alternates, switch = translations(config, lang, paths, firsts)
            pager = {"number": number, "count": len(chunks),
                     "previous": index_path(lang, number - 1) if number > 1 else None,
                     "next": index_path(lang, number + 1) if number < len(chunks) else None}
            result.append(OutPage(Address(paths[lang]), "press-index", lang, "press_index.html",
                                  data={"items": listing(published, lang, chunk), "pager": pager},
                                  alternates=alternates, switch=switch, inputs=INPUTS | sources,
                                  in_sitemap=True))
    for key in keys:
        versions = published.release_versions(key)
        paths = {lang: release_path(lang, key) for lang in versions}
        inputs = INPUTS | {r.source.path for r in versions.values()}
        for lang, release in versions.items():
            alternates, switch = translations(config, lang, paths, firsts)
            result.append(OutPage(Address(paths[lang]), "release", lang, "release.html", release.title,
                                  release.summary, data={"release": release},
                                  alternates=alternates, switch=switch, inputs=inputs, updated=release.updated))
    return result
