"""Own the typed records that validation produces and every later stage reads.

Frozen dataclasses (those held by the thousands made with `records.record`: slotted, pickled as
their values); text that differs per language is a `Translated` mapping.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .pictures import Picture
from .records import record


Translated = dict
"""A mapping language code → text; for required fields every site language is present."""


@record
class Source:
    """Where a record was written."""

    path: str
    """File relative to the site folder."""
    line: int
    """1-based line where the record starts."""


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
class Place:
    """Venue of an event."""

    name: str
    """Venue name."""
    city: Translated
    """City, named in every language."""
    country: str
    """Country code."""
    address: str | None = None
    """Street address."""


@record
class Event:
    """One event of the calendar."""

    id: str
    """URL-safe id; also the base of the calendar UID."""
    kind: str
    """Event-kind key."""
    start: dt.date | dt.datetime
    """A date (all-day) or a naive local datetime in `timezone`."""
    end: dt.date | dt.datetime | None
    """Inclusive last day (all-day) or end time (timed); None when open."""
    timezone: str
    """IANA zone name."""
    place: Place | None
    """Venue, or None for online-only."""
    online_url: str | None
    """Online participation link."""
    title: Translated
    """Title per language."""
    description: Translated
    """Description per language."""
    organisers: tuple[str, ...]
    """Partner ids."""
    status: str
    """'scheduled', 'cancelled' or 'postponed'."""
    tags: tuple[str, ...]
    """Tag keys."""
    initiatives: tuple[str, ...]
    """Joint initiatives the event belongs to."""
    announced: dt.date
    """When it was first announced."""
    updated: dt.date
    """Last real change (defaults to announced)."""
    source: Source
    """Where it was written."""

    @property
    def all_day(self) -> bool:
        """Return whether the event is given as whole days."""
        return not isinstance(self.start, dt.datetime)

    @property
    def last_day(self) -> dt.date:
        """Return the last calendar day the event touches, in its own time zone."""
        last = self.end or self.start
        return last.date() if isinstance(last, dt.datetime) else last

    @property
    def start_sort(self) -> dt.datetime:
        """Return the start as a naive datetime (midnight for all-day events), for ordering."""
        return self.start if isinstance(self.start, dt.datetime) else dt.datetime.combine(self.start, dt.time())

    @property
    def first_day(self) -> dt.date:
        """Return the first calendar day, in the event's own time zone."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start


@record
class Attachment:
    """A press-kit file beside a release."""

    file: str
    """Path relative to the site folder."""
    title: Translated
    """Title per language (may lack a language)."""
    size: int
    """Size in bytes."""
    lang: str | None = None
    """The file's language when it is in one only (shown on pages in another), else None."""


@record
class Image:
    """A picture beside a release."""

    file: str
    """Path relative to the site folder."""
    alt: Translated
    """Text alternative per language."""
    picture: Picture
    """Its size and identity (for its smaller copies)."""
    caption: Translated | None = None
    """Caption per language."""
    credit: str | None = None
    """Who took or owns the picture."""


@record
class PictureFile:
    """A picture the text of a release or plain page shows."""

    file: str
    """Path relative to the site folder."""
    picture: Picture
    """Its size and identity (for its smaller copies)."""


@record
class Body:
    """Where a Markdown body is. Its text is not held: the renderer finds it converted in the cache by its hash
    (`Site.texts`), or reads the file again (a large site's texts would not fit the memory a build may use).
    Nor is the hash held here: a release whose text changed but not its fields is an equal record, so the
    pages and lists made of it stay as they were; only the pages showing the text are rendered again."""

    path: str
    """The Markdown file, relative to the site folder."""
    line: int
    """File line of the body's first line."""


@record
class Release:
    """One language version of a press release."""

    key: str
    """Shared key of the translations: the file name without language and suffix."""
    lang: str
    """Language of this version."""
    title: str
    """Headline."""
    summary: str
    """Short summary."""
    date: dt.date
    """Release date."""
    updated: dt.date
    """Last real change."""
    issuer: str | None
    """Issuing partner id."""
    partners: tuple[str, ...]
    """Involved partner ids."""
    tags: tuple[str, ...]
    """Tag keys."""
    initiatives: tuple[str, ...]
    """Joint initiatives the release belongs to."""
    image: Image | None
    """Optional picture."""
    attachments: tuple[Attachment, ...]
    """Press-kit files."""
    draft: bool
    """Never published when True."""
    body: Body
    """Where the Markdown body is (read when the page is rendered)."""
    source: Source
    """The Markdown file."""
    body_files: tuple[PictureFile, ...] = ()
    """The pictures the body shows (beside the Markdown file), by path."""
    files: tuple[str, ...] = ()
    """The files beside the Markdown file that the body links to by name, by path: published in the release page's
    folder, where the link leads (the press kit, `attachments`, is published apart, with titles)."""


@record
class Page:
    """One language version of a plain page (about, imprint, …)."""

    key: str
    """Shared key, which is also the URL slug."""
    lang: str
    """Language."""
    title: str
    """Title."""
    description: str
    """One sentence for search engines and previews."""
    updated: dt.date | None
    """Last real change."""
    body: Body
    """Where the Markdown body is (read when the page is rendered)."""
    source: Source
    """The Markdown file."""
    body_files: tuple[PictureFile, ...] = ()
    """The pictures the body shows (beside the Markdown file), by path."""
    files: tuple[str, ...] = ()
    """The files beside the Markdown file that the body links to by name (a flyer, say), by path: published in the
    page's folder, where the link leads."""


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
