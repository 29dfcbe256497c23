"""Own the render stage: pages → file contents, through Jinja2 templates (HTML) or small writers.

Each rendered file knows the inputs it was made from (sources, data, templates, catalog)
so that a later incremental build can tell what to redo.
"""
from __future__ import annotations

import hashlib
import json
import os
import traceback
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape
from pathlib import Path
from typing import Callable, Mapping

import jinja2
import jinja2.meta
import jinja2.nodes
import jinja2.visitor
from markupsafe import Markup

from .. import counts, geo, headstart, ical, jsonld, links, localize, markup, pictures
from ..cache import MarkdownCache, write_atomically
from ..documents import ATTACHMENT_TYPES
from ..feeds import Feed, FeedEntry, atom, tag_uri
from ..limits import FIELD
from ..model import Body, Site
from ..pages import events, marketplace, press
from ..pages.core import PICTURE, OutPage, absolute, base_path, hreflang_links
from ..parallel import Unconvertible
from ..problems import Problem, ProblemsFound
from ..regions import COUNTRIES, IN_COUNTRY, REGIONS
from ..source import read_body
from ..words import Word

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'self'")
"""The Content-Security-Policy of every page (as a <meta http-equiv>)."""


@dataclass(frozen=True)
class Rendered:
    """One output file's bytes (what it was made from: `Renderer.inputs`)."""

    output: str
    """Path relative to the output folder."""
    content: bytes
    """File contents."""


@dataclass(frozen=True)
class Renderer:
    """The project's templates and catalogs, bound to one validated site."""

    site: Site
    """The validated site."""
    root: Path
    """The site folder (Markdown bodies are read from it when they are not in the cache)."""
    templates: Path
    """Template folder."""
    i18n: Path
    """Catalog folder."""
    cache: MarkdownCache = MarkdownCache(None)
    """Converted Markdown from earlier builds."""
    compiled: Path | None = None
    """Folder of compiled templates kept between builds (Jinja's bytecode cache); None: compile every time."""
    picture_copies: Path | None = None
    """Folder of pictures' smaller copies kept between builds; None: make them every time."""
    converted: Mapping = field(default_factory=dict)
    """Texts converted ahead of rendering (`headstart.Converted`), used instead of converting them again."""

    def markdown(self, page: OutPage, body: Body, lang: str, files_url: str | None = None,
                 picture_files: tuple = ()) -> str:
        """Return sanitised HTML of a Markdown body shown on `page`, from the cache when the same text was converted before.

        The page must name the body's file in its `texts` (its fingerprint holds the hashes of
        those texts): a template showing another would leave the page stale when that text changes.
        """
        if body.path not in page.texts:
            raise LookupError(f"{page.address.output} shows the text of {body.path}, "
                              f"which the page does not name in its texts (add it where the page is made)")
        html = markup.backlink_titles(self._converted(body, lang, files_url), self.gettext(lang))
        if body.path in self._page_texts:  # a page's counts of partners, from the data ({partners}: sitegen.counts)
            html = counts.fill(html, self.partner_counts, lang)
        elif counts.holds_placeholder(html):  # a release speaks of its day: its numbers stay as written
            unfilled = counts.unfilled(self.root, body.path, self.site.texts[body.path])
            if unfilled:
                raise ProblemsFound(unfilled)
        if any(target.startswith("/") for _, target in self.site.links.get(body.path, ())):
            html = links.under_base(html, base_path(self.site.config))
        if picture_files and files_url:  # the body's pictures shown from their copies, at their size
            html = pictures.sized(html, files_url, picture_files)
        return html

    def places(self, page: OutPage) -> dict[str, str]:
        """Return the places of a page a link may name (`/de/about/#ziele`): the ids of the page rendered (its
        texts from the cache, which the page's own rendering then finds), id → tag."""
        return links.places_in(self.render(page).content.decode("utf-8"))

    def linked(self, path: str) -> frozenset[str]:
        """Return the targets of the links and pictures of a Markdown file's text as converted (from the cache when
        it was converted before)."""
        return links.targets_in(self._converted(*self._bodies[path]))

    def _converted(self, body: Body, lang: str, files_url: str | None = None) -> str:
        """Return a body converted (`markup.to_html`): from the cache, converted ahead, or converted now."""
        digest = self.site.texts[body.path]
        ahead = self.converted.get((body.path, digest, lang))
        try:
            return self.cache.html(digest, lang, files_url, lambda: markup.to_html(
                read_body(self.root, body.path, body.line, digest), lang, files_url) if ahead is None else
                markup.finish(headstart.unpacked(ahead), files_url))
        except Unconvertible as error:  # too slow or too deep (what the bounds of `limits` let through): at its file
            raise ProblemsFound([Problem(body.path, body.line, FIELD, error.message, error.expected)]) from None

    @cached_property
    def _page_texts(self) -> frozenset[str]:
        """The Markdown files of plain pages (whose placeholders are filled in; a press release's are not)."""
        return frozenset(page.body.path for page in self.site.pages)

    @cached_property
    def partner_counts(self) -> dict[str, int]:
        """Return placeholder → the number of partners it stands for (`counts.tally`)."""
        return counts.tally(self.site.partners)

    @cached_property
    def _bodies(self) -> dict[str, tuple[Body, str]]:
        """Markdown file → (its body, its language), of every text a page may show."""
        return {item.body.path: (item.body, item.lang) for item in (*self.site.releases, *self.site.pages)}

    def render(self, page: OutPage) -> Rendered:
        """Render one page."""
        writer = WRITERS.get(page.template)
        if writer is not None:
            return Rendered(page.address.output, writer(self, page))
        try:
            html = self.environment(page.lang or self.site.config.default_language).get_template(
                page.template).render(self.context(page))
        except jinja2.TemplateError as error:  # a template was changed, not the site: shown as where it is wrong
            raise ProblemsFound([template_problem(error, self.templates, page)]) from None
        return Rendered(page.address.output, html.encode("utf-8"))

    def inputs(self, page: OutPage) -> frozenset:
        """Return the source, data, template and catalog files a page is made from.

        (Not sent along with every rendered page: a list page's inputs name thousands of files.)
        """
        if page.template in WRITERS:
            return page.inputs
        catalog = {localize.catalog_name(self.i18n, page.lang)} if page.lang else set()
        return page.inputs | self.template_inputs(page.template) | catalog

    def environment(self, lang: str) -> jinja2.Environment:
        """Return the Jinja environment of a language (made again when its catalog changed)."""
        return _environment(self.templates, self.i18n, lang, self.compiled, self.catalogs[lang])

    def template_inputs(self, name: str) -> frozenset:
        """Return the template files a template uses (read once per build: templates do not change during one)."""
        found = self._template_inputs.get(name)
        if found is None:
            found = self._template_inputs[name] = template_inputs(self.templates, name, self.compiled)
        return found

    @cached_property
    def _template_inputs(self) -> dict[str, frozenset]:
        return {}

    def gettext(self, lang: str):
        """Return the gettext function of a language, from its catalog as it is for this build."""
        return localize.translations(self.i18n, lang, self.catalogs[lang], self.compiled).gettext

    @cached_property
    def catalogs(self) -> dict[str, str]:
        """Return language → hash of its catalog as it is for this build."""
        return {lang: hashlib.sha256(localize.catalog_bytes(self.i18n, lang)).hexdigest()
                for lang in self.site.config.languages}

    @cached_property
    def partner_by_id(self) -> dict:
        """Return partner id → partner (for templates; made once per build, not per page)."""
        return {partner.id: partner for partner in self.site.partners}

    @cached_property
    def initiative_by_id(self) -> dict:
        """Return initiative id → initiative (for templates)."""
        return {initiative.id: initiative for initiative in self.site.initiatives}

    def context(self, page: OutPage) -> dict:
        """Return the template context: the page, its data, and helpers bound to its language."""
        lang = page.lang or self.site.config.default_language
        config = self.site.config
        gettext = self.gettext(lang)
        return {
            **page.data, "page": page, "lang": lang, "site": config, "vocab": self.site.vocab,
            "partner_by_id": self.partner_by_id, "csp": CSP, "initiative_by_id": self.initiative_by_id,
            "url": lambda path="": base_path(config) + path,
            "abs_url": lambda path="": absolute(config, path),
            "t": lambda texts, fallback=True: texts.said(gettext) if isinstance(texts, Word) else pick(
                texts, lang, config.languages if fallback else ()),
            "lang_of": lambda texts: _lang_attribute(picked_language(texts, lang, config.languages), lang),
            "label": lambda vocab, key: pick(getattr(self.site.vocab, vocab)[key], lang, config.languages),
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
            "markdown": lambda body, files=None, picture_files=(): Markup(self.markdown(
                page, body, lang, base_path(config) + files if files else None, picture_files)),
            "webcal": lambda path: "webcal://" + absolute(config, path).split("://", 1)[1],
            "month_name": lambda month: localize.month_title(month, lang),
            "weekdays": localize.weekday_names(lang),
            "jsonld": lambda shown: _jsonld(shown, config, lambda texts: pick(texts, lang, config.languages)),
        }


def _lang_attribute(code: str | None, lang: str) -> Markup:
    """Return ' lang="…"' for a text shown in another language than its page's (its translation missing), else
    nothing."""
    return Markup(f' lang="{code}"') if code and code != lang else Markup("")


def _jsonld(page: OutPage, config, text) -> Markup:
    """Return the JSON-LD of a page as the text of its <script> (empty: the page has none)."""
    data = jsonld.for_page(page, config, text)
    return Markup(jsonld.script_text(data)) if data else Markup("")


def file_type(name: str) -> str:
    """Return the kind of a press-kit file for people ('PDF', 'JPEG', …)."""
    return ATTACHMENT_TYPES.get(Path(name).suffix.lower(), Path(name).suffix.lstrip(".").upper())


def pick(texts: dict, lang: str, fallbacks: tuple = ()) -> str:
    """Return the text in `lang`, else in the first fallback language that has one."""
    code = picked_language(texts, lang, fallbacks)
    return texts[code] if code else ""


def picked_language(texts: dict, lang: str, fallbacks: tuple = ()) -> str | None:
    """Return the language of the text `pick` returns (None when there is none)."""
    return next((code for code in (lang, *fallbacks) if texts.get(code)), None)


@lru_cache(maxsize=8)
def _environment(templates: Path, i18n: Path, lang: str, compiled: Path | None, catalog: str) -> jinja2.Environment:
    """Return a Jinja environment; `catalog` (the catalog's hash) tells a changed catalog from the one cached."""
    # Compiled templates hold their language's translations: one set per language and catalog, beside
    # the compiled catalog (the sets of earlier catalogs go; another process still using one compiles
    # its templates again).
    prefix = f"{lang}.{catalog[:16]}."  # (no language code holds a dot)
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        for stale in compiled.glob(f"{lang}.*"):
            if not stale.name.startswith(prefix):
                stale.unlink(missing_ok=True)
    translations = localize.translations(i18n, lang, catalog, compiled)
    environment = _TranslatingEnvironment(
        translations.gettext,
        bytecode_cache=None if compiled is None else jinja2.FileSystemBytecodeCache(str(compiled), prefix + "%s.jinja"),
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


class _TranslatingEnvironment(jinja2.Environment):
    """A Jinja environment translating `_("…")` and `{% trans %}…{% endtrans %}` without variables when it compiles
    a template, not each time a page is rendered (a page shows some twenty such texts; calling gettext for each took
    a fifth of the time of rendering a list page). The page is the same: the text is what gettext would return."""

    def __init__(self, gettext: Callable[[str], str], **options) -> None:
        super().__init__(**options)
        self.translate = gettext

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        return _Translated(self.translate).visit(super()._parse(source, name, filename))


class _Translated(jinja2.visitor.NodeTransformer):
    """Replaces each call of gettext with one constant text and no variables by its translation."""

    def __init__(self, gettext: Callable[[str], str]) -> None:
        self.gettext = gettext

    def visit_Call(self, node: jinja2.nodes.Call) -> jinja2.nodes.Node:  # noqa: N802 (Jinja's name)
        node = self.generic_visit(node)
        if not (isinstance(node.node, jinja2.nodes.Name) and node.node.name in ("_", "gettext")
                and len(node.args) == 1 and isinstance(node.args[0], jinja2.nodes.Const)
                and isinstance(node.args[0].value, str)
                and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None):
            return node
        try:  # as the i18n extension's newstyle gettext does: always a format string
            text = self.gettext(node.args[0].value) % {}
        except (KeyError, ValueError, TypeError):
            return node  # fails as it did, when the page is rendered
        return jinja2.nodes.MarkSafeIfAutoescape(jinja2.nodes.Const(text, lineno=node.lineno), lineno=node.lineno)


def template_inputs(templates: Path, name: str, compiled: Path | None = None) -> frozenset:
    """Return the template and every template it extends, includes or imports, as 'templates/…' paths.

    Each is parsed (or known by its text from an earlier build): a syntax error or a missing template
    raises ProblemsFound naming the template's file and line, before any page is rendered.
    """
    found: set[str] = set()
    pending: list[tuple[str, str | None]] = [(name, None)]
    while pending:
        current, user = pending.pop()
        if current in found:
            continue
        found.add(current)
        try:
            source = (templates / current).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProblemsFound([_missing_template(templates, current, user)]) from None
        try:
            pending.extend((reference, current) for reference in _references(source, compiled))
        except jinja2.TemplateSyntaxError as error:
            raise ProblemsFound([Problem(f"templates/{current}", error.lineno or 1, "",
                                         f"template syntax error: {error.message}", "valid Jinja syntax")]) from None
    return frozenset(f"templates/{item}" for item in found)


def _missing_template(templates: Path, name: str, user: str | None) -> Problem:
    """Return the problem of a template that uses (or a page that needs) a template which is not there."""
    if user is None:
        return Problem(f"templates/{name}", 1, "", "the template is missing", "a file in templates/")
    lines = (templates / user).read_text(encoding="utf-8").split("\n")
    line = next((number for number, text in enumerate(lines, start=1) if name in text), 1)
    return Problem(f"templates/{user}", line, "", f"the template '{name}' it uses is missing", "a file in templates/")


def template_problem(error: jinja2.TemplateError, templates: Path, page: OutPage) -> Problem:
    """Return a template error met while rendering `page` as a problem at the template's line (the deepest
    template line in the error's traceback: Jinja gives its frames the template's file and line)."""
    path, line = page.template, 1
    if isinstance(error, jinja2.TemplateSyntaxError) and error.name:
        path, line = error.name, error.lineno or 1
    else:
        folder = os.path.realpath(templates) + os.sep
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            filename = os.path.realpath(frame.filename)
            if filename.startswith(folder):
                path, line = Path(filename[len(folder):]).as_posix(), frame.lineno or 1
                break
    return Problem(f"templates/{path}", line, "", f"template error on {page.address.output}: {error.message or error}",
                   "a template that renders every page")


_REFERENCES: dict[str, tuple[str, ...]] = {}


def _references(source: str, compiled: Path | None) -> tuple[str, ...]:
    """Return the templates a template's source names, remembered by the source's hash (on disk too)."""
    key = hashlib.sha256(source.encode("utf-8")).hexdigest()
    if key in _REFERENCES:
        return _REFERENCES[key]
    record = compiled / f"references-{key}.json" if compiled is not None else None
    try:
        found = tuple(json.loads(record.read_text(encoding="utf-8"))) if record else None
    except (OSError, ValueError):
        found = None
    if found is None:
        environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
        found = tuple(ref for ref in jinja2.meta.find_referenced_templates(environment.parse(source)) if ref)
        if record is not None:
            write_atomically(record, json.dumps(found).encode("utf-8"))
    _REFERENCES[key] = found
    return found


SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
"""The first line of the sitemap files and their index."""


def _sitemap_index(renderer: Renderer, page: OutPage) -> bytes:
    """Return sitemap.xml: the index of the sitemap files."""
    index = ET.Element("sitemapindex", {"xmlns": SITEMAPS})
    for listed in page.data["sitemaps"]:
        sitemap = ET.SubElement(index, "sitemap")
        ET.SubElement(sitemap, "loc").text = absolute(renderer.site.config, listed.path)
        if listed.updated:
            ET.SubElement(sitemap, "lastmod").text = listed.updated.isoformat()
    return _xml_file(index)


def _sitemap(renderer: Renderer, page: OutPage) -> bytes:
    """Return a sitemap file (at most SITEMAP_URLS pages: made whole, then written at once)."""
    config = renderer.site.config
    urlset = ET.Element("urlset", {"xmlns": SITEMAPS, "xmlns:xhtml": "http://www.w3.org/1999/xhtml"})
    for listed in page.data["entries"]:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = absolute(config, listed.path)
        if listed.updated:
            ET.SubElement(url, "lastmod").text = listed.updated.isoformat()
        for alternate in hreflang_links(listed.alternates):
            ET.SubElement(url, "xhtml:link", {"rel": "alternate", "hreflang": alternate.lang,
                                              "href": absolute(config, alternate.path)})
    return _xml_file(urlset)


def _xml_file(root: ET.Element) -> bytes:
    """Return an XML file of the sitemap kind: the declaration, the element tree indented, a final newline."""
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _robots(renderer: Renderer, page: OutPage) -> bytes:
    sitemap = absolute(renderer.site.config, "sitemap.xml")
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode("utf-8")


def _marketplace_feed(renderer: Renderer, page: OutPage) -> bytes:
    config = renderer.site.config
    gettext = renderer.gettext(page.lang)
    title = f"{gettext('Marketplace')} – {config.name[page.lang]}"
    feed, entries = marketplace.feed(config, page.lang, page.data["items"], title,
                                     gettext("New offers and requests from companies, research and investors."),
                                     lambda lang: only_in(gettext, lang))
    return atom(feed, entries)


def only_in(gettext, lang: str) -> str:
    """Return the 'German only' / 'English only' marker in the feed's language."""
    return gettext("German only") if lang == "de" else gettext("English only")


def _press_feed(renderer: Renderer, page: OutPage) -> bytes:
    config = renderer.site.config
    gettext = renderer.gettext(page.lang)
    entries = []
    for item in page.data["items"]:
        release = item.release
        link = absolute(config, item.path)
        files = base_path(config) + press.files_path(release.key)
        body = renderer.markdown(page, release.body, release.lang, files)
        if release.image:  # the release's own picture first, as its page shows it (a copy a feed reader can show)
            shown = pictures.shown(release.image.file, release.image.picture)
            alt = escape(pick(release.image.alt, release.lang, config.languages))
            body = f'<p><img src="{files}{escape(shown.src)}" alt="{alt}"></p>\n{body}'
        title = f"{release.title} ({only_in(gettext, release.lang)})" if item.foreign else release.title
        entries.append(FeedEntry(tag_uri(config.id_authority, release.date.year, f"press/{release.key}/{release.lang}"),
                                 title, link, release.date, release.updated, release.summary,
                                 markup.absolute_links(body, link)))
    feed = Feed(tag_uri(config.id_authority, 2021, f"press/{page.lang}"),
                f"{gettext('Press releases')} – {config.name[page.lang]}",
                gettext("Press releases of the MedTech Cluster Alliance D-A-CH, newest first."),
                absolute(config, page.address.path), absolute(config, press.index_path(page.lang)), page.lang,
                config.name[page.lang])
    return atom(feed, entries)


def event_location(event, lang: str) -> str:
    """Return where an event happens as one line of text (venue, address, city, country; or the online link)."""
    parts = []
    if event.place:
        place = event.place
        parts.append(", ".join(part for part in (place.name, place.address, place.city[lang],
                                                 COUNTRIES[place.country][lang]) if part))
    if event.online_url:
        parts.append(event.online_url)
    return " – ".join(parts)


def _ics(renderer: Renderer, page: OutPage) -> bytes:
    config = renderer.site.config
    lang = page.lang
    components = [ical.vevent(event, lang, config.id_authority, absolute(config, events.event_path(lang, event.id)),
                              event_location(event, lang)) for event in page.data["events"]]
    gettext = renderer.gettext(lang)
    return ical.calendar(f"{config.name[lang]} – {gettext('Events')}", components)


def _event_feed(renderer: Renderer, page: OutPage) -> bytes:
    config = renderer.site.config
    lang = page.lang
    gettext = renderer.gettext(lang)
    entries = [FeedEntry(tag_uri(config.id_authority, event.announced.year, f"events/{event.id}/{lang}"),
                         event.title[lang], absolute(config, events.event_path(lang, event.id)), event.announced,
                         event.updated, f"{localize.event_when(event.start, event.end, event.timezone, lang)} · "
                                        f"{event_location(event, lang)} · {event.description[lang]}")
               for event in page.data["events"]]
    feed = Feed(tag_uri(config.id_authority, 2021, f"events/{lang}"), f"{gettext('Events')} – {config.name[lang]}",
                gettext("Newly announced events of the alliance and its partners."),
                absolute(config, page.address.path), absolute(config, events.index_path(lang)), lang, config.name[lang])
    return atom(feed, entries)


def _map_svg(renderer: Renderer, page: OutPage) -> bytes:
    config = renderer.site.config
    title = f"{config.name[config.default_language]}: Deutschland, Österreich, Schweiz"
    return geo.map_svg_document(page.data["outlines"], page.data["projection"], title).encode("utf-8")


def _picture(renderer: Renderer, page: OutPage) -> bytes:
    return pictures.smaller_copy(renderer.root, page.data["source"], page.data["width"], page.data["digest"],
                                 renderer.picture_copies)


WRITERS = {"sitemap.xml": _sitemap, "sitemap-index": _sitemap_index, "robots.txt": _robots,
           "marketplace-feed": _marketplace_feed, "map-svg": _map_svg, "press-feed": _press_feed, "ics": _ics,
           "event-feed": _event_feed, PICTURE: _picture}
"""Non-HTML renderers by template name; other sections register theirs here."""
