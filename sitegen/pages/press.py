"""Own the press section: archive per language (paginated, by year), tag pages, release pages, feeds, press kit."""
from __future__ import annotations

from .. import steps
from ..records import Release
from ..records import record
from ..routes import url_for
from .core import DATA_INPUTS, Address, OutPage, file_pages, translations
from .published import Published

INPUTS = DATA_INPUTS | {"data/partners.yaml"}
FEED_SIZE = 50
"""Newest releases in each feed (feed readers keep what they have already fetched)."""


@record
class Listed:
    """A release as listed in one language: the version shown and whether it is another language's."""

    release: Release
    """The version shown."""
    foreign: bool
    """True when no version exists in the list's language (marked, links to the original)."""
    path: str
    """Path of the shown version's page."""


def index_path(lang: str, number: int = 1) -> str:
    """Return the path of archive page `number` in `lang` (the route 'press-index')."""
    return url_for("press-index", lang=lang, number=number)


def release_path(lang: str, key: str) -> str:
    """Return the path of a release page (the route 'release')."""
    return url_for("release", key, lang)


def files_path(key: str) -> str:
    """Return the folder (language-neutral) holding a release's pictures and press kit (the route 'release-files')."""
    return url_for("release-files", key)


def listing(published: Published, lang: str, keys: list[str]) -> list[Listed]:
    """Return the releases `keys` as listed in `lang` (the translation rule for lists)."""
    return [published.made.get(("listed", key, lang)) or _listed(published, key, lang) for key in keys]


def _listed(published: Published, key: str, lang: str) -> Listed:
    release, foreign = published.listed_release(key, lang)
    item = steps.result("listed", (key, lang), (release, foreign),
                        lambda: Listed(release, foreign, release_path(release.lang, key)))
    published.made["listed", key, lang] = item
    return item


def pages(published: Published) -> list[OutPage]:
    """Return archive, tag, release and feed pages in every language, and the press-kit copies."""
    config = published.site.config
    keys = published.release_keys()
    inputs = INPUTS | frozenset(r.source.path for r in published.releases)  # one set, shared by every list page
    result = []
    for lang in config.languages:
        result += paged_lists(published, lang, keys, index_path, "press-index", "press_index.html", {}, inputs)
        items = listing(published, lang, keys[:FEED_SIZE])
        result.append(OutPage(Address(url_for("press-feed", lang=lang)), "press-feed", lang, "press-feed",
                              data={"items": items},
                              inputs=inputs, in_sitemap=False, texts=tuple(item.release.body.path for item in items)))
    for tag in sorted({tag for release in published.releases for tag in release.tags}):
        tagged = [key for key in keys if any(tag in r.tags for r in published.release_versions(key).values())]
        for lang in config.languages:
            result += paged_lists(published, lang, tagged, lambda code, number: url_for("press-tag", tag, code, number),
                                  "press-tag", "press_tag.html", {"tag": tag}, inputs)
    for key in keys:
        result += steps.result("release-pages", key, (published.release_versions(key), published.today, config),
                               lambda: release_pages(published, key))
    return result


def paged_lists(published: Published, lang: str, keys: list[str], path_of, kind: str, template: str, data: dict,
                inputs: frozenset) -> list[OutPage]:
    """Return a list of releases in one language, cut into pages of the configured size, newest first.

    `path_of(lang, number)` gives the path of page `number`; every page's data has `data`, its
    `items`, the `total` number of releases and the `pager` (number, count, previous, next).
    """
    config = published.site.config
    size = config.press_page_size
    chunks = [keys[i:i + size] for i in range(0, len(keys), size)] or [[]]
    firsts = {code: path_of(code, 1) for code in config.languages}
    result = []
    for number, chunk in enumerate(chunks, start=1):
        paths = {code: path_of(code, number) for code in config.languages}
        alternates, switch = translations(config, lang, paths, firsts)
        pager = {"number": number, "count": len(chunks),
                 "previous": path_of(lang, number - 1) if number > 1 else None,
                 "next": path_of(lang, number + 1) if number < len(chunks) else None}
        result.append(OutPage(Address(paths[lang]), kind, lang, template,
                              data={**data, "items": listing(published, lang, chunk), "total": len(keys),
                                    "pager": pager},
                              alternates=alternates, switch=switch, inputs=inputs))
    return result


def release_pages(published: Published, key: str) -> list[OutPage]:
    """Return a release's page in each of its languages and copies of its files."""
    config = published.site.config
    versions = published.release_versions(key)
    paths = {lang: release_path(lang, key) for lang in versions}
    firsts = {lang: index_path(lang) for lang in config.languages}
    inputs = INPUTS | {r.source.path for r in versions.values()}
    release = next(iter(versions.values()))
    shown = {f.file: f.picture for r in versions.values() for f in r.body_files}
    if release.image:
        shown[release.image.file] = release.image.picture
    result = file_pages(files_path(key), "press", {a.file for a in release.attachments}, shown)
    for lang, version in versions.items():
        alternates, switch = translations(config, lang, paths, firsts)
        result += file_pages(paths[lang], "press", set(version.files), {})
        result.append(OutPage(Address(paths[lang]), "release", lang, "release.html", version.title, version.summary,
                              data={"release": version, "files": files_path(key),
                                    "unpublished": version.draft or version.date > published.today},
                              alternates=alternates, switch=switch, inputs=inputs, updated=version.updated,
                              texts=(version.body.path,)))
    return result
