"""Own the typed records of the texts: press releases and plain pages, their bodies, pictures and press kits."""
from __future__ import annotations

import datetime as dt

from ..pictures import Picture
from .base import Source, Translated, record


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
