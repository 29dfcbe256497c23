"""Own `build.py check`: every problem of a site folder, its texts' links too, also while records have mistakes;
the comparison of events with their last published version; the schemas for editors' editors.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from . import counts, event_changes, history, partial, translations
from .geo import load_outlines
from .jsonschema_export import export
from .links import targets_in
from .load import load_site
from .markup import to_html
from .pages import build_pages
from .problems import Problem, ProblemsFound
from .project import Project
from .records import Site
from .render import Renderer
from .source import read_body, read_markdown, read_text
from .stages import link_problems, static_files, validated
from .texts import DOCUMENT_NAME
from .validate import valid_part


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


def check_links(site: Site, source: Path, today: dt.date, project: Project = Project(), unsure: tuple[str, ...] = ()
                ) -> list[Problem]:
    """Return the problems of the texts' links of a site, for `build.py check` (a build finds them too); a link to one
    of the `unsure` addresses (`partial.unsure`) is not checked. Two pages claiming one file are problems too."""
    try:
        pages = build_pages(site, today, load_outlines(project.outlines))
    except ProblemsFound as found:
        return found.problems
    if not unsure:
        return link_problems(site, pages, static_files(project), Renderer(site, source, project.templates,
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

    return link_problems(site, pages, static_files(project), renderer, unshown, linked)


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
