"""Own the valid part of a site with mistakes, so that `build.py check` checks the texts' links in the same run.

The links of a text lead to pages of the site model, which is made of valid records only. While
some records have mistakes, the site is made of the others (`consistent`: a reference to a record
or vocabulary entry that is not there is left out, a record that cannot be without it too), and a
link is checked unless it leads where a page of a record with a mistake may be (`unsure`,
`sure_links`): that page's existence is known only once the mistake is fixed.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin

from .texts import DOCUMENT_NAME
from .records import Site
from .problems import Problem
from .routes import url_for

SECTIONS = {"data/partners.yaml": ("partner-index",), "data/events.yaml": ("event-index",),
            "data/initiatives.yaml": ("initiative-index",), "data/marketplace.yaml": ("marketplace-index",),
            "data/vocabularies.yaml": ("partner-index", "event-index", "marketplace-index", "press-index"),
            "content/press": ("press-index",), "content/logos": ("partner-index",)}
"""Where a mistake is → the sections (the routes of their indexes, /<lang>/<section>/) whose pages below it may take
away: a record's page, a filter's or a tag's."""


def consistent(site: Site) -> Site:
    """Return a site of valid records whose references all lead to records and vocabulary entries it has."""
    vocab = site.vocab
    partners = tuple(replace(partner, focus_areas=_kept(partner.focus_areas, vocab.focus_areas),
                             logo=partner.logo if partner.logo is None or partner.logo.file in site.logos else None)
                     for partner in site.partners)
    ids = {partner.id for partner in partners}
    initiatives = tuple(replace(initiative, partners=_kept(initiative.partners, ids))
                        for initiative in site.initiatives)
    joint = {initiative.id for initiative in initiatives}
    events = tuple(replace(event, organisers=_kept(event.organisers, ids), tags=_kept(event.tags, vocab.tags),
                           initiatives=_kept(event.initiatives, joint))
                   for event in site.events if event.kind in vocab.event_kinds)
    marketplace = tuple(replace(entry, initiatives=_kept(entry.initiatives, joint)) for entry in site.marketplace
                        if entry.category in vocab.marketplace_categories and entry.partner in ids)
    releases = tuple(replace(release, issuer=release.issuer if release.issuer in ids else None,
                             partners=_kept(release.partners, ids), tags=_kept(release.tags, vocab.tags),
                             initiatives=_kept(release.initiatives, joint)) for release in site.releases)
    return replace(site, partners=partners, initiatives=initiatives, events=events, marketplace=marketplace,
                   releases=releases)


def _kept(keys: tuple[str, ...], known) -> tuple[str, ...]:
    return tuple(key for key in keys if key in known)


def unsure(problems: list[Problem], languages: tuple[str, ...]) -> tuple[str, ...]:
    """Return the addresses (without their leading slash; one ending in '/' stands for all below it, not itself)
    where a page of a record with one of the errors `problems` may be."""
    found: set[str] = set()
    for problem in problems:
        if problem.warning:
            continue
        folder = str(PurePosixPath(problem.path).parent)
        for section in SECTIONS.get(problem.path, SECTIONS.get(folder, ())):
            found.update(url_for(section, lang=lang) for lang in languages)
        if folder == "content/pages":  # a plain page's address is its name's
            name = PurePosixPath(problem.path).name.split('.', 1)[0]
            found.update(url_for("page", name, lang).rstrip("/") for lang in languages)
    return tuple(sorted(found))


def sure_links(links: dict, shown_at: dict[str, str], addresses: tuple[str, ...]) -> dict:
    """Return the texts' links (`Site.links`) without those leading to one of the unsure `addresses`, followed from
    the page showing each text (`shown_at`: text → its page's address)."""
    if not addresses:
        return links
    kept = {}
    for path, found in links.items():
        page = shown_at.get(path, "")
        kept[path] = tuple((line, target) for line, target in found if not _under(_followed(page, target), addresses))
    return kept


def unshown(site: Site, shown: set[str]) -> list[tuple[str, str]]:
    """Return (address of the page it would be on, file) of each text with links to pages of the site that no page
    of the valid part shows nor will (a release's or page's text while its record has a mistake): its links are
    checked as those of a text published later."""
    known = shown | {release.body.path for release in site.releases}
    found = []
    for path in sorted(set(site.links) - known):
        folder, _, name = path.rpartition("/")
        match = DOCUMENT_NAME.match(name)
        if match and match["lang"] in site.config.languages and folder in TEXT_FOLDERS:
            found.append((url_for(TEXT_FOLDERS[folder], match["key"], match["lang"]), path))
    return found


TEXT_FOLDERS = {"content/press": "release", "content/pages": "page"}
"""The folders of texts → the route of their pages."""


def _followed(page: str, target: str) -> str:
    """Return the address a link leads to from the page at `page`, without its leading slash, place or query."""
    return unquote(urljoin("/" + page, target).split("#", 1)[0].split("?", 1)[0]).lstrip("/")


def _under(address: str, addresses: tuple[str, ...]) -> bool:
    for unsure_address in addresses:
        if unsure_address.endswith("/"):
            if address.startswith(unsure_address) and address != unsure_address:
                return True
        elif address.rstrip("/") == unsure_address or address.startswith(unsure_address + "/"):
            return True
    return False
