"""Own the marketplace section: listing per language, a page per entry (kept after expiry), the feed."""
from __future__ import annotations

from ..feeds import Feed, FeedEntry, tag_uri
from ..filters import FacetSpec, build_facets, data_attributes
from ..records import MarketplaceEntry
from ..records import record
from ..regions import COUNTRIES
from ..routes import url_for
from ..words import N_
from .core import DATA_INPUTS, Address, OutPage, absolute, translations
from .filtered import filtered_pages
from .published import Published

INPUTS = DATA_INPUTS | {"data/marketplace.yaml", "data/partners.yaml"}


@record
class ListedEntry:
    """An entry as listed in one language."""

    entry: MarketplaceEntry
    """The entry."""
    lang: str
    """Language its title and text are shown in."""
    foreign: bool
    """True when the entry is not written in the list's language (marked, links to the original)."""
    path: str
    """Path of the shown version's page."""


def listed(entry: MarketplaceEntry, lang: str, languages: tuple[str, ...]) -> ListedEntry:
    """Return how an entry is listed in `lang` (the translation rule)."""
    shown = lang if lang in entry.languages else next(code for code in languages if code in entry.languages)
    return ListedEntry(entry, shown, shown != lang, url_for("marketplace-entry", entry.id, shown))


def facet_specs(published: Published) -> tuple[FacetSpec, ...]:
    """Return the marketplace filters: offer or request, category, country."""
    categories = published.site.vocab.marketplace_categories
    types = {"offer": N_("Offer"), "request": N_("Request")}
    return (
        FacetSpec("type", lambda e: (e.type,), lambda key: types[key], ("offer", "request")),
        FacetSpec("category", lambda e: (e.category,), lambda key: categories[key], tuple(categories)),
        FacetSpec("country", lambda e: (e.country,), lambda key: COUNTRIES[key], ("DE", "AT", "CH")),
    )


def pages(published: Published) -> list[OutPage]:
    """Return the listing, filter pages, entry pages (current and expired) and feeds in every language."""
    config = published.site.config
    indexes = {lang: url_for("marketplace-index", lang=lang) for lang in config.languages}
    current = published.current_entries()
    specs = facet_specs(published)
    facets = build_facets(current, specs)
    shared = {"facets": facets, "attributes": {e.id: data_attributes(e, specs) for e in current}}
    result = []
    for lang in config.languages:
        alternates, switch = translations(config, lang, indexes, indexes)
        items = [listed(entry, lang, config.languages) for entry in current]
        result.append(OutPage(Address(indexes[lang]), "marketplace-index", lang, "marketplace.html",
                              data={**shared, "items": items, "filter_current": None},
                              alternates=alternates, switch=switch, inputs=INPUTS))
        result.append(OutPage(Address(url_for("marketplace-feed", lang=lang)), "marketplace-feed", lang,
                              "marketplace-feed", data={"items": items}, inputs=INPUTS, in_sitemap=False))
    def filter_page(lang, matching, current_value, address):
        return OutPage(address, "marketplace-filter", lang, "marketplace.html", inputs=INPUTS,
                       data={**shared, "items": [listed(e, lang, config.languages) for e in matching],
                             "filter_current": current_value})

    result += filtered_pages(config, "marketplace-filter", facets, specs, current, filter_page)
    for entry in published.visible_entries():
        paths = {lang: url_for("marketplace-entry", entry.id, lang) for lang in entry.languages}
        expired = entry.expires < published.today
        for lang in entry.languages:
            alternates, switch = translations(config, lang, paths, indexes)
            result.append(OutPage(Address(paths[lang]), "marketplace-entry", lang, "marketplace_entry.html",
                                  entry.title[lang], entry.text[lang], data={"entry": entry, "expired": expired},
                                  alternates=alternates, switch=switch, inputs=INPUTS, updated=entry.updated,
                                  in_sitemap=not expired))
    return result


def feed(config, lang: str, items: list[ListedEntry], title: str, subtitle: str,
         marker) -> tuple[Feed, list[FeedEntry]]:
    """Return the Atom feed of current entries in `lang`, newest first; `marker(lang)` marks foreign entries."""
    entries = [FeedEntry(tag_uri(config.id_authority, item.entry.published.year, f"marketplace/{item.entry.id}/{lang}"),
                         item.entry.title[item.lang] + (f" ({marker(item.lang)})" if item.foreign else ""),
                         absolute(config, item.path), item.entry.published, item.entry.updated,
                         item.entry.text[item.lang]) for item in items]
    own = Feed(tag_uri(config.id_authority, 2021, f"marketplace/{lang}"), title, subtitle,
               absolute(config, url_for("marketplace-feed", lang=lang)),
               absolute(config, url_for("marketplace-index", lang=lang)), lang, config.name[lang])
    return own, entries
