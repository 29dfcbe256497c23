"""Own rendering one page to bytes: the `Renderer` of a validated site, which hands a page to its writer (not HTML:
`writers.WRITERS`) or renders its template in its language's Jinja environment, and shows the page's Markdown texts
converted; a template's error becomes a problem at the template's line.
"""
from __future__ import annotations

import hashlib
import os
import traceback
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2

from .. import counts, links, localize, markup, pictures, steps
from ..limits import FIELD
from ..records import Body, Site
from ..pages.core import OutPage, base_path
from ..parallel import Unconvertible
from ..problems import Problem, ProblemsFound
from ..source import read_body
from . import dependencies
from .environment import jinja_environment, template_context
from .writers import WRITERS


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
        """Return a body converted (`markup.to_html`), a piece of work depending on the text's hash, its language and
        the address of the files beside it (`steps.stored`)."""
        digest = self.site.texts[body.path]
        try:
            return steps.stored("markdown", (lang, files_url or "", digest.hex()), lambda: markup.to_html(
                read_body(self.root, body.path, body.line, digest), lang, files_url))
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
        """Return the source, data, template and catalog files a page is made from (`dependencies.page_inputs`).

        (Not sent along with every rendered page: a list page's inputs name thousands of files.)
        """
        return dependencies.page_inputs(page, self.i18n, self.template_inputs)

    def environment(self, lang: str) -> jinja2.Environment:
        """Return the Jinja environment of a language (made again when its catalog changed)."""
        return jinja_environment(self.templates, self.i18n, lang, self.catalogs[lang])

    def template_inputs(self, name: str) -> frozenset:
        """Return the template files a template uses (read once per build: templates do not change during one)."""
        found = self._template_inputs.get(name)
        if found is None:
            found = self._template_inputs[name] = dependencies.template_inputs(self.templates, name)
        return found

    @cached_property
    def _template_inputs(self) -> dict[str, frozenset]:
        return {}

    def gettext(self, lang: str):
        """Return the gettext function of a language, from its catalog as it is for this build."""
        return localize.translations(self.i18n, lang, self.catalogs[lang]).gettext

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
        """Return the template context of a page (`environment.template_context`)."""
        return template_context(self, page)


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
