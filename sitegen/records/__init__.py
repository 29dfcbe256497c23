"""Own the typed records that validation produces and every later stage reads.

Frozen dataclasses (those held by the thousands made with `record`: slotted, pickled as their values); text that
differs per language is a `Translated` mapping. By what they describe:

- `base`: `record`, `Source` (where a record was read), `Translated`;
- `partners`: partners, joint initiatives, marketplace entries;
- `events`: events and their places;
- `texts`: press releases and plain pages, their bodies, pictures and press kits;
- `site`: the settings, the vocabularies and the whole validated `Site`.
"""
from .base import Source, Translated, record
from .events import Event, Place
from .partners import Contact, Initiative, Logo, MarketplaceEntry, Partner
from .site import Legal, Site, SiteConfig, Vocabularies
from .texts import Attachment, Body, Image, Page, PictureFile, Release

__all__ = ["Attachment", "Body", "Contact", "Event", "Image", "Initiative", "Legal", "Logo", "MarketplaceEntry", "Page",
           "Partner", "PictureFile", "Place", "Release", "Site", "SiteConfig", "Source", "Translated", "Vocabularies",
           "record"]
