"""Own the partner section: the index per language and one page per partner."""
from __future__ import annotations

from . import press
from .core import DATA_INPUTS, Address, OutPage, section_address, translations
from .published import Published

COUNTRY_ORDER = ("DE", "AT", "CH")
"""Order of countries in lists (the D-A-CH order)."""

INPUTS = DATA_INPUTS | {"data/partners.yaml"}


def index_path(lang: str) -> str:
    """Return the path of the partner index in `lang`."""
    return section_address(lang, "partners").path


def partner_path(lang: str, partner_id: str) -> str:
    """Return the path of a partner page."""
    return section_address(lang, "partners", partner_id).path


def sorted_partners(published: Published) -> list:
    """Return partners ordered by country (D, A, CH), then short name."""
    return sorted(published.partners.values(),
                  key=lambda p: (COUNTRY_ORDER.index(p.country), p.short_name.casefold()))


def country_counts(published: Published) -> dict[str, int]:
    """Return country → number of partners, in D-A-CH order."""
    counts = {country: 0 for country in COUNTRY_ORDER}
    for partner in published.partners.values():
        counts[partner.country] += 1
    return counts


def pages(published: Published) -> list[OutPage]:
    """Return the partner index and partner pages in every language."""
    config = published.site.config
    indexes = {lang: index_path(lang) for lang in config.languages}
    result = []
    for lang in config.languages:
        alternates, switch = translations(config, lang, indexes, indexes)
        result.append(OutPage(Address(indexes[lang]), "partner-index", lang, "partners.html",
                              data={"partners": sorted_partners(published), "counts": country_counts(published)},
                              alternates=alternates, switch=switch, inputs=INPUTS))
    for partner in published.partners.values():
        paths = {lang: partner_path(lang, partner.id) for lang in config.languages}
        releases = published.releases_involving(partner)
        events = published.events_involving(partner)
        inputs = INPUTS | {"data/events.yaml"} | {r.source.path for key in releases
                                                  for r in published.release_versions(key).values()}
        for lang in config.languages:
            alternates, switch = translations(config, lang, paths, indexes)
            result.append(OutPage(Address(paths[lang]), "partner", lang, "partner.html", partner.name,
                                  partner.description[lang],
                                  data={"partner": partner, "releases": press.listing(published, lang, releases),
                                        "events": events},
                                  alternates=alternates, switch=switch, inputs=inputs, updated=partner.updated))
    return result
