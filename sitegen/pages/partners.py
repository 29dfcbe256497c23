"""Own the partner section: the index with filters and map, single-value filter pages, one page per partner."""
from __future__ import annotations

from ..filters import FacetSpec, build_facets, data_attributes
from ..geo import Outlines, country_labels, fit_projection, markers
from ..regions import COUNTRIES, REGIONS
from . import press
from ..routes import url_for
from ..words import N_
from .core import COPY, DATA_INPUTS, Address, OutPage, translations
from .filtered import filtered_pages
from .marketplace import listed
from .published import Published

COUNTRY_ORDER = ("DE", "AT", "CH")
"""Order of countries in lists (the D-A-CH order)."""

INPUTS = DATA_INPUTS | {"data/partners.yaml"}
MAP_FILE = url_for("map")
"""The one outline file every map on the site shows."""


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


def facet_specs(published: Published) -> tuple[FacetSpec, ...]:
    """Return the partner filters: country, region, focus area, kind."""
    vocab = published.site.vocab
    kinds = {"member": N_("Member"), "associated": N_("Associated")}
    return (
        FacetSpec("country", lambda p: (p.country,), lambda key: COUNTRIES[key], COUNTRY_ORDER),
        FacetSpec("region", lambda p: p.regions, lambda key: REGIONS[key]),
        FacetSpec("focus", lambda p: p.focus_areas, lambda key: vocab.focus_areas[key], tuple(vocab.focus_areas)),
        FacetSpec("kind", lambda p: (p.kind,), lambda key: kinds[key], ("member", "associated")),
    )


def partner_map(published: Published, outlines: Outlines, lang: str) -> dict:
    """Return what the map of all partners shows in `lang` (made once per build and language): `markers`, the
    countries' names (`labels`), the `projection` and the outline file (`map_file`)."""
    made = published.made.get(("partner-map", lang))
    if made is None:
        projection = fit_projection(outlines)
        points = markers([(p.id, f"{p.short_name}, {p.city[lang]}", *p.coordinates, p.id)
                          for p in sorted_partners(published)], projection)
        names = {code: COUNTRIES[code][lang] for code in COUNTRY_ORDER}
        made = published.made["partner-map", lang] = {
            "markers": points, "labels": country_labels(outlines, projection, names, points),
            "projection": projection, "map_file": MAP_FILE}
    return made


def pages(published: Published, outlines: Outlines) -> list[OutPage]:
    """Return the map file, partner index, filter pages and partner pages in every language."""
    config = published.site.config
    projection = fit_projection(outlines)
    partners = sorted_partners(published)
    specs = facet_specs(published)
    facets = build_facets(partners, specs)
    shared = {"facets": facets, "counts": country_counts(published), "projection": projection,
              "map_file": MAP_FILE, "attributes": {p.id: data_attributes(p, specs) for p in partners},
              "logos": {p.id: published.site.logos.get(p.logo.file) for p in partners if p.logo}}
    indexes = {lang: url_for("partner-index", lang=lang) for lang in config.languages}
    result = [OutPage(Address(MAP_FILE), "map", None, "map-svg", data={"outlines": outlines, "projection": projection},
                      inputs=frozenset({"data/geo/dach-outlines.json"}), in_sitemap=False)]
    for lang in config.languages:
        alternates, switch = translations(config, lang, indexes, indexes)
        result.append(OutPage(Address(indexes[lang]), "partner-index", lang, "partners.html",
                              data={**shared, **partner_map(published, outlines, lang), "partners": partners,
                                    "filter_current": None},
                              alternates=alternates, switch=switch, inputs=INPUTS))

    def filter_page(lang, matching, current, address):
        return OutPage(address, "partner-filter", lang, "partners.html",
                       data={**shared, "partners": matching, "markers": [], "labels": [], "filter_current": current},
                       inputs=INPUTS)

    result += filtered_pages(config, "partner-filter", facets, specs, partners, filter_page)
    for partner in published.partners.values():
        result += partner_pages(published, partner, indexes, projection)
        if partner.logo:
            result.append(OutPage(Address(url_for("logo", partner.logo.file)), "logo", None, COPY,
                                  data={"source": f"content/logos/{partner.logo.file}"},
                                  inputs=frozenset({f"content/logos/{partner.logo.file}"}), in_sitemap=False))
    return result


def partner_pages(published: Published, partner, indexes: dict, projection) -> list[OutPage]:
    """Return a partner's page in every language, with its releases, events and marketplace entries."""
    config = published.site.config
    paths = {lang: url_for("partner", partner.id, lang) for lang in config.languages}
    releases = published.releases_involving(partner)
    upcoming, past = published.timeline(published.events_involving(partner))
    entries = [e for e in published.current_entries() if e.partner == partner.id]
    marker = {lang: markers([(partner.id, f"{partner.short_name}, {partner.city[lang]}", *partner.coordinates, "")],
                            projection)[0] for lang in config.languages}
    inputs = INPUTS | {"data/events.yaml", "data/marketplace.yaml"} | {
        r.source.path for key in releases for r in published.release_versions(key).values()}
    result = []
    for lang in config.languages:
        alternates, switch = translations(config, lang, paths, indexes)
        result.append(OutPage(Address(paths[lang]), "partner", lang, "partner.html", partner.name,
                              partner.description[lang],
                              data={"partner": partner, "releases": press.listing(published, lang, releases),
                                    "upcoming": upcoming, "past": past,
                                    "entries": [listed(e, lang, config.languages) for e in entries],
                                    "marker": marker[lang], "projection": projection, "map_file": MAP_FILE,
                                    "logo": published.site.logos.get(partner.logo.file) if partner.logo else None},
                              alternates=alternates, switch=switch, inputs=inputs, updated=partner.updated))
    return result
