"""Own the typed records of the partners, their joint initiatives and the marketplace's entries."""
from __future__ import annotations

import datetime as dt

from .base import Source, Translated, record


@record
class Contact:
    """A role-based contact."""

    label: Translated
    """Role, per language, e.g. 'Press office'."""
    email: str
    """Role address."""
    phone: str | None = None
    """Switchboard number."""


@record
class Logo:
    """A partner logo in static/logos/."""

    file: str
    """File name."""
    alt: Translated
    """Text alternative per language."""


@record
class Partner:
    """One cluster organisation of the alliance."""

    id: str
    """URL-safe id."""
    name: str
    """Full name."""
    short_name: str
    """Short name."""
    host: str | None
    """Host organisation (c/o)."""
    country: str
    """DE, AT or CH."""
    regions: tuple[str, ...]
    """ISO 3166-2 codes."""
    city: Translated
    """Seat city, named in every language."""
    coordinates: tuple[float, float]
    """(latitude, longitude) of the seat."""
    kind: str
    """'member' or 'associated'."""
    board: bool
    """Sits on the board."""
    focus_areas: tuple[str, ...]
    """Focus-area keys."""
    description: Translated
    """Description per language."""
    website: str | None
    """Web address."""
    contact: Contact
    """Role-based contact."""
    logo: Logo | None
    """Optional logo."""
    updated: dt.date | None
    """Last real change."""
    source: Source
    """Where it was written."""


@record
class Initiative:
    """A joint initiative of the alliance (a controlled vocabulary with a page of its own)."""

    id: str
    """URL-safe id."""
    title: Translated
    """Name per language."""
    goal: Translated
    """Goal per language."""
    partners: tuple[str, ...]
    """Partner ids involved."""
    updated: dt.date | None
    """Last real change."""
    source: Source
    """Where it was written."""


@record
class MarketplaceEntry:
    """An offer or request of the joint marketplace, vouched for by a partner cluster."""

    id: str
    """URL-safe id; its page stays after expiry."""
    type: str
    """'offer' or 'request'."""
    category: str
    """Category key."""
    title: Translated
    """Title in the languages it was written in."""
    text: Translated
    """Description in the same languages."""
    country: str
    """Country code."""
    regions: tuple[str, ...]
    """Region codes."""
    partner: str
    """Vouching partner id."""
    initiatives: tuple[str, ...]
    """Joint initiatives."""
    published: dt.date
    """Publication date."""
    expires: dt.date
    """Last listed day."""
    updated: dt.date
    """Last real change (defaults to published)."""
    source: Source
    """Where it was written."""

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the languages the entry is written in."""
        return tuple(self.title)
