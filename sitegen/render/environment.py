"""Own what templates are rendered in and what they see: the Jinja environment of a language (one per language and
catalog, its compiled templates kept between builds) and a page's template context — the page, its data and the
helpers bound to its language. `template_context` is the one place where names are offered to templates.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from .. import jsonld, localize, pictures, steps
from ..texts import ATTACHMENT_TYPES
from ..pages.core import OutPage, absolute, base_path
from ..regions import COUNTRIES, IN_COUNTRY, REGIONS
from ..routes import linker
from ..words import Word
from .translating import TranslatingEnvironment

if TYPE_CHECKING:
    from .pages import Renderer

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'self'")
"""The Content-Security-Policy of every page (as a <meta http-equiv>)."""


@lru_cache(maxsize=8)
def jinja_environment(templates: Path, i18n: Path, lang: str, catalog: str) -> jinja2.Environment:
    """Return a Jinja environment; `catalog` (the catalog's hash) tells a changed catalog from the one cached."""
    translations = localize.translations(i18n, lang, catalog)
    environment = TranslatingEnvironment(
        translations.gettext,
        bytecode_cache=_StoredTemplates(lang, catalog),
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.install_gettext_translations(translations, newstyle=True)
    return environment


class _StoredTemplates(jinja2.BytecodeCache):
    """Compiled templates as a piece of work depending on the template, its source and the language's catalog (they
    hold its translations): `steps.recall`, `steps.store`."""

    def __init__(self, lang: str, catalog: str) -> None:
        self.lang, self.catalog = lang, catalog

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = steps.recall("templates", (self.lang, self.catalog, bucket.key, bucket.checksum))
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        steps.store("templates", (self.lang, self.catalog, bucket.key, bucket.checksum), bucket.bytecode_to_string())


def template_context(renderer: Renderer, page: OutPage) -> dict:
    """Return the template context: the page, its data, and helpers bound to its language."""
    lang = page.lang or renderer.site.config.default_language
    config = renderer.site.config
    site = renderer.site
    gettext = renderer.gettext(lang)
    return {
        **page.data, "page": page, "lang": lang, "site": config, "vocab": site.vocab,
        "partner_by_id": renderer.partner_by_id, "csp": CSP, "initiative_by_id": renderer.initiative_by_id,
        "url": lambda path="": base_path(config) + path,
        "url_for": linker(config.base_url, base_path(config)), "languages": localize.LANGUAGES,
        "abs_url": lambda path="": absolute(config, path),
        "t": lambda texts, fallback=True: texts.said(gettext) if isinstance(texts, Word) else pick(
            texts, lang, config.languages if fallback else ()),
        "lang_of": lambda texts: _lang_attribute(picked_language(texts, lang, config.languages), lang),
        "label": lambda vocab, key: pick(getattr(site.vocab, vocab)[key], lang, config.languages),
        "country_name": lambda code: COUNTRIES[code][lang],
        "in_country": lambda code: IN_COUNTRY[code][lang],
        "region_names": lambda codes: ", ".join(REGIONS[code][lang] for code in codes),
        "date": lambda value: localize.long_date(value, lang),
        "full_date": lambda value: localize.full_date(value, lang),
        "date_range": lambda start, end=None: localize.date_range(start, end, lang),
        "time": lambda value: localize.time_of_day(value, lang),
        "event_when": lambda event: localize.event_when(event.start, event.end, event.timezone, lang),
        "file_size": lambda size: localize.file_size(size, lang),
        "file_type": file_type,
        "shown_picture": pictures.shown, "picture_srcset": pictures.srcset, "picture_sizes": pictures.SIZES,
        "number": lambda value: localize.number(value, lang),
        "markdown": lambda body, files=None, picture_files=(): Markup(renderer.markdown(
            page, body, lang, base_path(config) + files if files else None, picture_files)),
        "webcal": lambda path: "webcal://" + absolute(config, path).split("://", 1)[1],
        "month_name": lambda month: localize.month_title(month, lang),
        "weekdays": localize.weekday_names(lang),
        "jsonld": lambda shown: _jsonld(shown, config, lambda texts: pick(texts, lang, config.languages)),
        "preview_image": lambda release, files: jsonld.preview_image(release, config, files),
        "default_preview": jsonld.PREVIEW,
    }


def pick(texts: dict, lang: str, fallbacks: tuple = ()) -> str:
    """Return the text in `lang`, else in the first fallback language that has one."""
    code = picked_language(texts, lang, fallbacks)
    return texts[code] if code else ""


def picked_language(texts: dict, lang: str, fallbacks: tuple = ()) -> str | None:
    """Return the language of the text `pick` returns (None when there is none)."""
    return next((code for code in (lang, *fallbacks) if texts.get(code)), None)


def _lang_attribute(code: str | None, lang: str) -> Markup:
    """Return ' lang="…"' for a text shown in another language than its page's (its translation missing), else
    nothing."""
    return Markup(f' lang="{code}"') if code and code != lang else Markup("")


def file_type(name: str) -> str:
    """Return the kind of a press-kit file for people ('PDF', 'JPEG', …)."""
    return ATTACHMENT_TYPES.get(Path(name).suffix.lower(), Path(name).suffix.lstrip(".").upper())


def _jsonld(page: OutPage, config, text) -> Markup:
    """Return the JSON-LD of a page as the text of its <script> (empty: the page has none)."""
    data = jsonld.for_page(page, config, text)
    return Markup(jsonld.script_text(data)) if data else Markup("")
