"""Own the validated site as a whole (`Site`): its settings, vocabularies and every record."""
from __future__ import annotations

from dataclasses import dataclass, field

from .base import Translated
from .events import Event
from .partners import Initiative, MarketplaceEntry, Partner
from .texts import Page, Release


@dataclass(frozen=True)
class Legal:
    """Facts the imprint needs."""

    organisation: str
    address: str
    represented_by: str
    register: str
    vat_id: str
    email: str


@dataclass(frozen=True)
class SiteConfig:
    """Site-wide settings from data/site.yaml."""

    name: Translated
    """Site name per language."""
    motto: Translated
    """Motto per language."""
    intro: Translated
    """Home-page introduction per language."""
    base_url: str
    """Absolute URL ending in '/', possibly with a path."""
    languages: tuple[str, ...]
    """Languages, default first."""
    contact_email: str
    """The alliance's role address."""
    press_page_size: int
    """Releases per archive page."""
    legal: Legal
    """Imprint facts."""
    id_authority: str
    """Host name of data/site.yaml's base URL, for feed and calendar ids (unchanged by --base-url)."""
    example: bool = False
    """An example site (tests/sites/example): every page says that its content is partly invented."""

    @property
    def default_language(self) -> str:
        """Return the first (default) language."""
        return self.languages[0]


@dataclass(frozen=True)
class Vocabularies:
    """Controlled vocabularies: key → label per language, in file order."""

    focus_areas: dict
    tags: dict
    event_kinds: dict
    marketplace_categories: dict


@dataclass(frozen=True)
class Site:
    """Everything validation produced: the input of the site model."""

    config: SiteConfig
    vocab: Vocabularies
    partners: tuple[Partner, ...]
    events: tuple[Event, ...]
    releases: tuple[Release, ...]
    pages: tuple[Page, ...]
    initiatives: tuple[Initiative, ...] = ()
    marketplace: tuple[MarketplaceEntry, ...] = ()
    texts: dict = field(default_factory=dict, compare=False)
    """Markdown file → hash of its text as checked (the renderer refuses another text). Not compared: no
    page but those showing a text depends on it (see `OutPage.texts`), so the site model is the same."""
    links: dict = field(default_factory=dict, compare=False)
    """Markdown file → its links to pages and files of the site (`links.find`), checked against the site model at
    every build (`links.problems`). Not compared, as `texts`."""
    logos: dict = field(default_factory=dict)
    """Logo file name (in content/logos/) → `pictures.Picture`, for the partner pages' width and height (looked
    at every build: a partner's record does not change when its logo file does)."""
