"""Own the order of the stages of a build: load → validate → plan → writes → render → write (`run`).

Everything is known (and valid) before anything is written. Each stage is a pure function of its inputs (`Stages`);
the reuse of earlier work (sitegen.reuse) puts its own in their places from outside (`pipeline.build`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import counts, translations
from .geo import load_outlines
from .links import problems as broken_links
from .load import RawSite, load_site
from .pages import build_pages, translation_status
from .pages.core import COPY, OutPage, base_path, file_path
from .pages.press import release_path
from .parallel import render_pages
from .problems import Problem, ProblemsFound
from .project import BuildReport, Options, Project
from .records import Site
from .render import Renderer
from .search import build_index
from .validate import validate_site
from .write import WritePlan, apply, everything


def validated(raw: RawSite, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Validate what was loaded; return the site (None on errors) and every problem. A date of a change after `today`
    is an error. Counts of partners are filled in where placeholders give them (`counts.filled`) and checked where
    written."""
    site, problems = validate_site(raw, today)
    problems = sorted(problems + counts.problems(raw, site, problems))
    return (counts.filled(site) if site is not None and all(p.warning for p in problems) else None), problems


@dataclass(frozen=True)
class Stages:
    """The stages of a build, each a pure function of its inputs (`Reuse.wrap` puts its own in their places)."""

    load: Callable[[Path], RawSite] = load_site
    """Files → raw records with their positions (sitegen.load)."""
    validate: Callable = validated
    """Raw records → typed records, or problems (sitegen.validate, sitegen.texts)."""
    plan: Callable[..., list[OutPage]] = build_pages
    """Typed records → pages, each declaring the inputs it reads (sitegen.pages)."""
    writes: Callable[..., WritePlan] = lambda pages, copies, renderer, report: everything(pages, copies)
    """Pages → the write plan: what to render, keep, link and delete (sitegen.write)."""
    render: Callable[..., Iterator] = render_pages
    """Pages → their files' bytes, on every core (sitegen.render, sitegen.parallel)."""
    write: Callable[..., int] = apply
    """The plan and the rendered pages → the new site, swapped in whole (sitegen.write)."""


def run(source: Path, out: Path, options: Options, project: Project = Project(), stages: Stages = Stages(),
        progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the site in `source` into `out`, stage after stage; raise ProblemsFound (leaving `out` as it was) on
    invalid input."""
    raw = stages.load(source)
    site, problems = stages.validate(raw, options.today)
    refuse(problems)
    pages = stages.plan(site, options.today, load_outlines(project.outlines), options.drafts)
    if options.drafts:  # previews only: the translation desk's status page
        pages = pages + translation_status.pages(translations.desk(raw, site.config.languages, project.i18n), pages)
    renderer = Renderer(with_base_url(site, options.base_url), source, project.templates, project.i18n)
    for lang in site.config.languages:  # a catalog with a mistake is reported before anything is rendered
        renderer.gettext(lang)
    # A text's link to a page or file of the site must lead to one (checked at every build: a page can go while the
    # text linking to it stays as it was). A place on a page it names (`#…`) that the page has not is a warning.
    static = static_files(project)
    problems = problems + link_problems(site, pages, static, renderer)
    refuse(problems)
    copies = static + [(source / page.data["source"], page.address.output) for page in pages if page.template == COPY]
    report = BuildReport(_page_counts(pages), 0, [problem for problem in problems if problem.warning])
    plan = stages.writes(pages, copies, renderer, report)
    written = stages.write(out, plan, stages.render(renderer, plan.render, progress),
                           build_index if options.search else None)
    return replace(report, files=written)


def refuse(problems: list[Problem]) -> None:
    """Raise ProblemsFound with every problem when any of them is an error (warnings alone do not stop a build)."""
    if any(not problem.warning for problem in problems):
        raise ProblemsFound(problems)


def with_base_url(site: Site, base_url: str | None) -> Site:
    """Return the site as served at `base_url` (with a final slash; None: the one its settings name)."""
    if not base_url:
        return site
    return replace(site, config=replace(site.config, base_url=base_url if base_url.endswith("/") else base_url + "/"))


def _page_counts(pages: list[OutPage]) -> dict[str, int]:
    """Return language (or '-') → number of HTML pages."""
    found: dict[str, int] = {}
    for page in pages:
        if page.address.output.endswith(".html"):
            found[page.lang or "-"] = found.get(page.lang or "-", 0) + 1
    return found


def static_files(project: Project) -> list[tuple[Path, str]]:
    """Return (file, output path) of the project's static files (copied into every site)."""
    return [(path, "static/" + path.relative_to(project.static).as_posix())
            for path in sorted(project.static.rglob("*")) if path.is_file()]


def link_problems(site: Site, pages: list[OutPage], static: list[tuple[Path, str]], renderer: Renderer,
                  unshown: Iterable[tuple[str, str]] = (), linked: Callable[[str], frozenset[str]] | None = None
                  ) -> list[Problem]:
    """Return a problem for each link of a text to a page, file or place the site does not have (see `links.problems`;
    the `renderer` renders the pages whose places are linked to, and converts the texts with a problem).

    The links of a release not published yet are checked too, from its future page (beside which the files its
    text links to will be): on its day of publication a broken one would stop the build that publishes it. So are
    those of the `unshown` texts ((address of the page it would be on, file): see `partial.unshown`), whose links as
    converted `linked` gives (the renderer knows only the texts of the site).
    """
    if not site.links:
        return []
    shown = {path for page in pages for path in page.texts}
    unpublished = [release for release in site.releases if release.body.path not in shown]
    later = [(release_path(release.lang, release.key), release.body.path) for release in unpublished] + list(unshown)
    later_files = [file_path(release_path(release.lang, release.key), file)
                   for release in unpublished for file in release.files]
    return broken_links(pages, site.links, [name for _, name in static], base_path(site.config), later, later_files,
                        renderer.places, linked or renderer.linked)
