"""Own the order of the stages: load → validate → plan → render → write (`run`), and the build around it (`build`).

Everything is known (and valid) before anything is written. Each stage is a pure function of its
inputs (`Stages`); the reuse of earlier work (sitegen.reuse) wraps them from outside.
"""
from __future__ import annotations

import datetime as dt
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import counts, event_changes, history, partial, translations
from .geo import load_outlines
from .jsonschema_export import export
from .links import problems as broken_links, targets_in
from .load import RawSite, load_site
from .markup import to_html
from .pages import build_pages, translation_status
from .pages.core import COPY, OutPage, base_path, file_path
from .pages.press import release_path
from .parallel import render_pages
from .problems import Problem, ProblemsFound
from .project import PROJECT, BuildReport, Options, Project  # noqa: F401 (PROJECT: for the command line)
from .records import Site
from .render import Renderer
from .reuse import Reuse
from .search import build_index
from .source import read_body, read_markdown, read_text
from .texts import DOCUMENT_NAME
from .validate import valid_part, validate_site
from .write import WritePlan, apply, everything


def validated(raw: RawSite, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Validate what was loaded; return the site (None on errors) and every problem. A date of a change after `today`
    is an error. Counts of partners are filled in where placeholders give them (`counts.filled`) and checked where
    written."""
    site, problems = validate_site(raw, today)
    problems = sorted(problems + counts.problems(raw, site, problems))
    return (counts.filled(site) if site is not None and all(p.warning for p in problems) else None), problems


def check(source: Path, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Load and validate a site folder; return the site (None on errors) and every problem (see `validated`)."""
    return validated(load_site(source), today)


def check_all(source: Path, today: dt.date, project: Project = Project()) -> tuple[Site | None, list[Problem]]:
    """Load and validate a site folder and check its texts' links, also while records have mistakes (those of texts
    shown on the pages of valid records, to pages that are sure to be there or not: see `partial`); return the site
    made of the valid records (None when its settings or vocabularies are unusable) and every problem."""
    raw = load_site(source)
    site, problems = valid_part(raw, today)
    if site is not None:
        unsure = partial.unsure(problems, site.config.languages)
        problems = sorted(problems + check_links(site, source, today, project, unsure))
    problems = problems + translations.problems(raw, site and site.config.languages, project.i18n)  # translation desk
    return site, sorted(problems + counts.problems(raw, site, problems, releases=True))  # placeholders, counts in texts


EVENTS_FILE = "data/events.yaml"


def event_change_problems(source: Path, since: str | None, today: dt.date, env: dict | None = None) -> list[Problem]:
    """Return an error for each event whose time, place or status changed since its last published version (in git:
    `history.published`) without a later `updated` (`event_changes.problems`); one warning when there is no
    published version to compare with (for `build.py check`)."""
    published = history.published(source, EVENTS_FILE, since, os.environ if env is None else env)
    if published.text is None:
        return [Problem(EVENTS_FILE, 1, "", f"not compared with the last published version ({published.why_not}): "
                        "a changed time, place or status needs a later updated: date", warning=True)]
    try:
        current = event_changes.versions(read_text(source / EVENTS_FILE, source).text, EVENTS_FILE)
    except ProblemsFound:  # the load stage says why
        return []
    before = event_changes.versions(published.text, EVENTS_FILE)
    if current is None or before is None:  # the load stage says what is wrong now; a broken version was never published
        return []
    return event_changes.problems(before, current, EVENTS_FILE, today)


def _static_files(project: Project) -> list[tuple[Path, str]]:
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


def check_links(site: Site, source: Path, today: dt.date, project: Project = Project(), unsure: tuple[str, ...] = ()
                ) -> list[Problem]:
    """Return the problems of the texts' links of a site, for `build.py check` (a build finds them too); a link to one
    of the `unsure` addresses (`partial.unsure`) is not checked. Two pages claiming one file are problems too."""
    try:
        pages = build_pages(site, today, load_outlines(project.outlines))
    except ProblemsFound as found:
        return found.problems
    if not unsure:
        return link_problems(site, pages, _static_files(project), Renderer(site, source, project.templates,
                                                                             project.i18n))
    shown_at = {path: page.address.path for page in pages for path in page.texts}
    unshown = partial.unshown(site, set(shown_at))
    site = replace(site, links=partial.sure_links(site.links, {**shown_at, **dict((path, address) for address, path
                                                                                   in unshown)}, unsure))
    renderer = Renderer(site, source, project.templates, project.i18n)
    texts = {path for _, path in unshown}

    def linked(path: str) -> frozenset[str]:  # a text no record of the site has is converted here, not cached
        if path not in texts:
            return renderer.linked(path)
        document = read_markdown(source, path, site.texts[path])
        body = read_body(source, path, document.body_line, site.texts[path])
        return targets_in(to_html(body, DOCUMENT_NAME.match(path.rsplit("/", 1)[1])["lang"]))

    return link_problems(site, pages, _static_files(project), renderer, unshown, linked)


def write_schemas(source: Path) -> int:
    """Rewrite SOURCE/schema/*.schema.json from the schema and the site's vocabularies; return how many changed."""
    site, problems = check(source)
    if site is None:
        raise ProblemsFound(problems)
    folder = source / "schema"
    folder.mkdir(exist_ok=True)
    changed = 0
    for name, text in export(site).items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
    return changed


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
    site, problems = stages.validate(stages.load(source), options.today)
    refuse(problems)
    pages = stages.plan(site, options.today, load_outlines(project.outlines), options.drafts)
    if options.drafts:  # previews only: the translation desk's status page
        pages = pages + translation_status.pages(translations.desk(source, site.config.languages, project.i18n), pages)
    renderer = Renderer(with_base_url(site, options.base_url), source, project.templates, project.i18n)
    for lang in site.config.languages:  # a catalog with a mistake is reported before anything is rendered
        renderer.gettext(lang)
    # A text's link to a page or file of the site must lead to one (checked at every build: a page can go while the
    # text linking to it stays as it was). A place on a page it names (`#…`) that the page has not is a warning.
    static = _static_files(project)
    problems = problems + link_problems(site, pages, static, renderer)
    refuse(problems)
    copies = static + [(source / page.data["source"], page.address.output) for page in pages if page.template == COPY]
    report = BuildReport(_page_counts(pages), 0, [problem for problem in problems if problem.warning])
    plan = stages.writes(pages, copies, renderer, report)
    written = stages.write(out, plan, stages.render(renderer, plan.render, progress),
                           build_index if options.search else None)
    return replace(report, files=written)


def build(source: Path, out: Path, today: dt.date, base_url: str | None = None, project: Project = Project(),
          search: bool = True, drafts: bool = False, cache: bool = True,
          progress: Callable[[int, int], None] | None = None, memory=None, in_place: bool = False) -> BuildReport:
    """Build the site into `out` (see `run`), reusing what earlier builds made (sitegen.reuse: `memory`, `in_place`
    for the dev server; nothing with `cache` False) and with Python's cycle collector paused meanwhile."""
    options = Options(today, base_url, search, drafts)
    with _collector_paused():
        return Reuse(source, out, options, project, cache, memory, in_place).build(run, Stages(), progress)


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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: a build makes hundreds of thousands of small objects that live until its end,
    and collecting cycles among them meanwhile only costs time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
