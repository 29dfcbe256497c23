"""Own the filter component shared by partner index, event list and marketplace.

A facet (country, focus area, kind, …) maps each item to one or more keys. The listing
page shows every item with its keys as data attributes, so `static/js/filter.js` can
combine facets instantly (AND across facets) from `?facet=key` in the URL; visitors without
JavaScript follow links to one pre-rendered page per single facet value. A facet with a
single value is offered neither as a control nor as links (`Facet.choosable`), but its page
is built all the same.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .records import record


@dataclass(frozen=True)
class FacetSpec:
    """How to read one facet from an item."""

    name: str
    """URL parameter and data-attribute name, e.g. 'country'."""
    keys_of: Callable[[object], tuple[str, ...]]
    """The item's keys for this facet."""
    label_of: Callable[[str], dict]
    """Label per language of a key."""
    order: tuple[str, ...] = ()
    """Preferred order of keys (others follow alphabetically)."""


@record
class FacetValue:
    """One selectable value of a facet."""

    key: str
    """Key as in the data, e.g. 'AT' or 'orthopaedics'."""
    label: dict
    """Label per language."""
    count: int
    """How many items have it."""

    @property
    def slug(self) -> str:
        """Return the URL segment of the value's own page."""
        return self.key.lower()


@record
class Facet:
    """A facet with the values that occur in the items."""

    name: str
    """URL parameter name."""
    values: tuple[FacetValue, ...]
    """Values in display order."""

    @property
    def choosable(self) -> bool:
        """Return whether the facet offers a choice (two values or more) and so is shown as a control.

        A facet whose items all share one value filters nothing: the filter component leaves it out,
        while its value's pre-rendered page is still built (its address stays valid).
        """
        return len(self.values) >= 2


def build_facets(items: Iterable, specs: Iterable[FacetSpec]) -> tuple[Facet, ...]:
    """Return the facets with every value that occurs, and its count."""
    items = list(items)
    facets = []
    for spec in specs:
        counts: dict[str, int] = {}
        for item in items:
            for key in set(spec.keys_of(item)):
                counts[key] = counts.get(key, 0) + 1
        ordered = sorted(counts, key=lambda key: (spec.order.index(key) if key in spec.order else len(spec.order), key))
        facets.append(Facet(spec.name, tuple(FacetValue(key, spec.label_of(key), counts[key]) for key in ordered)))
    return tuple(facets)


def matches(item, selection: dict[str, str], specs: Iterable[FacetSpec]) -> bool:
    """Return whether an item has every selected key (unknown facet names are ignored)."""
    return all(selection[spec.name] in spec.keys_of(item) for spec in specs if spec.name in selection)


def select(items: Iterable, selection: dict[str, str], specs: Iterable[FacetSpec]) -> list:
    """Return the items matching a selection, in their order."""
    specs = list(specs)
    return [item for item in items if matches(item, selection, specs)]


def data_attributes(item, specs: Iterable[FacetSpec]) -> dict[str, str]:
    """Return the data-filter-* attribute values an item carries for the script."""
    return {f"data-filter-{spec.name}": " ".join(sorted(set(spec.keys_of(item)))) for spec in specs}
