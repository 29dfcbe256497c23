"""Own deciding which pages must be rendered again: a fingerprint of everything a page is made from.

A page's fingerprint hashes its own record (address, template, texts, data — the validated
records it shows), the site-wide records every template may use (settings, vocabularies,
partners, initiatives), the sources of its templates and its catalog. The manifest of the
fingerprints lives inside the output folder, so it is swapped in together with the pages it
describes and can never disagree with them.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .pages.core import OutPage
from .render import WRITERS, Renderer, template_inputs

MANIFEST = ".sitegen/manifest.json"
"""Where the fingerprints of a built site are kept, relative to the output folder."""


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=512)
def _file_digest(path: Path, size_and_mtime: tuple) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    """Return the hash of a file (remembered while its size and mtime stay the same)."""
    stat = path.stat()
    return _file_digest(path, (stat.st_size, stat.st_mtime_ns))


class Fingerprints:
    """Computes page fingerprints for one build."""

    def __init__(self, renderer: Renderer, options: str):
        site = renderer.site
        self.renderer = renderer
        self.site_key = _digest(options, repr(site.config), repr(site.vocab), repr(site.partners), repr(site.initiatives))
        self.templates: dict[str, str] = {}

    def template_key(self, name: str) -> str:
        """Return the hash of a template and everything it includes."""
        if name not in self.templates:
            files = sorted(template_inputs(self.renderer.templates, name))
            self.templates[name] = _digest(*(file_digest(self.renderer.templates.parent / f) for f in files))
        return self.templates[name]

    def of(self, page: OutPage) -> str:
        """Return the fingerprint of a page."""
        template = page.template if page.template in WRITERS else self.template_key(page.template)
        catalog = file_digest(self.renderer.i18n / page.lang / "LC_MESSAGES" / "messages.po") if page.lang else ""
        record = repr((page.address, page.kind, page.lang, page.title, page.description, page.data, page.alternates,
                       page.switch, page.updated))
        return _digest(self.site_key, template, catalog, record)


def read_manifest(out: Path) -> dict[str, str]:
    """Return output file → fingerprint of the site now in `out` (empty when unknown)."""
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def manifest_bytes(fingerprints: dict[str, str]) -> bytes:
    """Return the manifest file's contents."""
    return json.dumps(fingerprints, sort_keys=True, indent=0).encode("utf-8")
