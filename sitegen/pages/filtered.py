"""Own the pre-rendered single-value filter pages of any listing (the no-JavaScript side of the filters)."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..filters import Facet, FacetSpec, select
from ..routes import url_for
from .core import Address, OutPage, translations


def filtered_pages(config, kind: str, facets: tuple[Facet, ...], specs: tuple[FacetSpec, ...], items: list,
                   make: Callable[[str, list, tuple[str, str], Address], OutPage]) -> list[OutPage]:
    """Return one page per language and facet value of the filter pages of `kind` (a route):
    `make(lang, matching items, (facet, key), address)`.

    The page's translations are the same filter page in the other languages.
    """
    result = []
    for facet in facets:
        for value in facet.values:
            matching = select(items, {facet.name: value.key}, specs)
            paths = {lang: url_for(kind, (facet.name, value.slug), lang) for lang in config.languages}
            for lang in config.languages:
                alternates, switch = translations(config, lang, paths, paths)
                page = make(lang, matching, (facet.name, value.key), Address(paths[lang]))
                result.append(replace(page, alternates=alternates, switch=switch))
    return result
