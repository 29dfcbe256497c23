"""Own the joint initiatives: an overview and a page per initiative gathering its partners, events and releases."""
from __future__ import annotations

from . import marketplace, press
from ..routes import url_for
from .core import DATA_INPUTS, Address, OutPage, translations
from .published import Published

INPUTS = DATA_INPUTS | {"data/initiatives.yaml", "data/partners.yaml", "data/events.yaml", "data/marketplace.yaml"}


def pages(published: Published) -> list[OutPage]:
    """Return the overview and one page per initiative in every language."""
    site = published.site
    config = site.config
    indexes = {lang: url_for("initiative-index", lang=lang) for lang in config.languages}
    listing_inputs = INPUTS | frozenset(r.source.path for r in published.releases)  # one set, shared
    result = []
    for lang in config.languages:
        alternates, switch = translations(config, lang, indexes, indexes)
        result.append(OutPage(Address(indexes[lang]), "initiative-index", lang, "initiatives.html",
                              data={"initiatives": site.initiatives}, alternates=alternates, switch=switch,
                              inputs=INPUTS))
    for initiative in site.initiatives:
        paths = {lang: url_for("initiative", initiative.id, lang) for lang in config.languages}
        keys = [key for key in published.release_keys()
                if any(initiative.id in r.initiatives for r in published.release_versions(key).values())]
        upcoming, past = published.timeline([e for e in site.events if initiative.id in e.initiatives])
        entries = [e for e in published.current_entries() if initiative.id in e.initiatives]
        for lang in config.languages:
            alternates, switch = translations(config, lang, paths, indexes)
            result.append(OutPage(
                Address(paths[lang]), "initiative", lang, "initiative.html", initiative.title[lang],
                initiative.goal[lang], alternates=alternates, switch=switch, inputs=listing_inputs,
                updated=initiative.updated,
                data={"initiative": initiative, "releases": press.listing(published, lang, keys),
                      "upcoming": upcoming, "past": past,
                      "entries": [marketplace.listed(e, lang, config.languages) for e in entries]}))
    return result
