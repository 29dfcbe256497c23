"""Own deciding which pages must be rendered again: a fingerprint of everything a page is made from.

A page's fingerprint hashes its own record (address, template, texts, data — the validated
records it shows), the hashes of the Markdown texts it shows (`OutPage.texts`), the site-wide
records every template may use (settings, vocabularies, partners, initiatives), the sources of
its templates and its catalog. The manifest of the fingerprints lives inside the output folder,
so it is swapped in together with the pages it describes and can never disagree with them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..pages.core import COPY, OutPage
from ..render import WRITERS, Renderer
from .inputs import FileHashes
from .memory import NO_MEMORY, Memory, code_version


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_TEMPLATE_HASHES = FileHashes()
"""Hashes of templates for the life of the process (the dev server's too)."""


def file_digest(path: Path) -> str:
    """Return the hash of a file (remembered while it stays the same, see FileHashes)."""
    return _TEMPLATE_HASHES.of(str(path)).hex()


_PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, Path)
"""Values whose repr is stable and cheap."""


class Tokens:
    """Stable binary tokens of page data: equal values give equal tokens, in every build and process.

    Records read from a file (they have a `source`: releases, events, partners …) appear on many
    pages; each is hashed once and its token remembered by identity in `memory`, together with
    the object itself, so the identity cannot be reused. Large lists and dicts shared by many
    pages are remembered for the build; small values are cheaper to hash again than to remember.
    """

    SHARED_SIZE = 32
    """Lists and dicts at least this long are hashed once per build."""

    def __init__(self, memory: Memory = NO_MEMORY) -> None:
        self.memory = memory
        self.memo: dict[int, tuple[object, bytes]] = {}
        self.fields: dict[type, tuple[str, ...]] = {}

    def of(self, value) -> bytes:
        """Return the token of a value."""
        if isinstance(value, _PLAIN):
            return repr(value).encode("utf-8", "surrogatepass")
        record = dataclasses.is_dataclass(value)
        if record and not hasattr(value, "source"):
            return self._record(value)
        if not record and (not isinstance(value, (list, tuple, dict, set, frozenset)) or len(value) < self.SHARED_SIZE):
            return self._collection(value)
        hit = self.memo.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        if record:  # remembered across builds too
            token = self.memory.result("token", id(value), (value,), lambda: self._record(value))
        else:
            token = self._collection(value)
        self.memo[id(value)] = (value, token)
        return token

    def _record(self, value) -> bytes:
        kind = type(value)
        names = self.fields.get(kind)
        if names is None:
            names = self.fields[kind] = tuple(f.name for f in dataclasses.fields(value))
        return _hash(kind.__qualname__.encode(), *(self.of(getattr(value, name)) for name in names))

    def _collection(self, value) -> bytes:
        if isinstance(value, (list, tuple)):
            return _hash(type(value).__name__.encode(), *(self.of(item) for item in value))
        if isinstance(value, dict):
            return _hash(b"dict", *(part for key, item in value.items() for part in (self.of(key), self.of(item))))
        if isinstance(value, (set, frozenset)):
            return _hash(b"set", *sorted(self.of(item) for item in value))
        return repr(value).encode("utf-8", "surrogatepass")


def _hash(*parts: bytes) -> bytes:
    """Return a 128-bit hash of parts (each length-prefixed, so no two sequences of parts give the same input)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()


@dataclass(frozen=True)
class _Fingerprinted:
    """What the fingerprints of the last build were made from, to update them (see `Fingerprints.every`)."""

    pages: list
    """The site model's pages (the very list object)."""
    context: tuple
    """Site-wide key, template → hash, catalog hashes."""
    texts: dict
    """Markdown file → hash of its text."""
    result: dict
    """Output file → fingerprint."""
    showing: dict
    """Markdown file → the pages showing its text."""


class Fingerprints:
    """Computes page fingerprints for one build."""

    PURPOSES = frozenset({"page", "token"})
    """What fingerprints keep in the memory: page tokens, and tokens of records shown on many pages."""

    def __init__(self, renderer: Renderer, options: str, memory: Memory = NO_MEMORY):
        site = renderer.site
        self.memory = memory
        self.renderer = renderer
        # The generator's code and the libraries it uses make every page too (a page made by older code is made again).
        self.site_key = _digest(options, code_version(), repr(site.config), repr(site.vocab), repr(site.partners),
                                repr(site.initiatives))
        self.templates: dict[str, str] = {}
        self.tokens = Tokens(memory)

    def template_key(self, name: str) -> str:
        """Return the hash of a template and everything it includes."""
        if name not in self.templates:
            files = sorted(self.renderer.template_inputs(name))
            self.templates[name] = _digest(*(file_digest(self.renderer.templates.parent / f) for f in files))
        return self.templates[name]

    def prepare(self, pages: list[OutPage]) -> tuple:
        """Hash the templates of `pages` (before `of` is asked in worker processes, each of which would do it
        again); return what every fingerprint shares: the site-wide key, template → hash, catalog hashes."""
        names = sorted({page.template for page in pages if page.template not in WRITERS and page.template != COPY})
        return self.site_key, {name: self.template_key(name) for name in names}, dict(self.renderer.catalogs)

    def every(self, pages: list[OutPage]) -> dict[str, str]:
        """Return output file → fingerprint of every page to render (files copied as they are have none).

        When `pages` is the very list of the last build (the site model was not made again) and
        the site-wide records, templates and catalogs are as they were, only the pages showing a
        text whose hash changed are fingerprinted again.
        """
        context = self.prepare(pages)
        texts = self.renderer.site.texts
        last = self.memory.last("fingerprints")
        if last is not None and last.pages is pages and last.context == context:
            result = dict(last.result)
            for path, digest in texts.items():
                if last.texts.get(path) != digest:
                    result.update((page.address.output, self.of(page)) for page in last.showing.get(path, ()))
            self.memory.carry(self.PURPOSES)  # for the next build that fingerprints every page
            showing = last.showing
        else:
            last = None  # the old fingerprints may go before the new ones are made
            self.memory.drop("fingerprints")
            result = {page.address.output: self.of(page) for page in pages if page.template != COPY}
            showing: dict = {}
            for page in pages:
                for path in page.texts:
                    showing.setdefault(path, []).append(page)
        self.memory.keep("fingerprints", _Fingerprinted(pages, context, texts, result, showing))
        return result

    def of(self, page: OutPage) -> str:
        """Return the fingerprint of a page."""
        template = page.template if page.template in WRITERS else self.template_key(page.template)
        catalog = self.renderer.catalogs[page.lang] if page.lang else ""
        record = (page.address, page.kind, page.lang, page.title, page.description, page.data,
                  page.alternates, page.switch, page.updated)
        token = self.memory.result("page", page.address.output, record, lambda: self.tokens.of(record))
        texts = self.renderer.site.texts
        return _digest(self.site_key, template, catalog, token.hex(), *(texts[path].hex() for path in page.texts))


