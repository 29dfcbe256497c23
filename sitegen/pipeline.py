"""Own the order of the stages: load → validate → site model → render → write.

Everything is known (and valid) before anything is written.
"""
from __future__ import annotations

import dataclasses
import gc
import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import counts, event_changes, history, partial, translations
from .cache import MarkdownCache
from .geo import load_outlines
from .headstart import HeadStart
from .incremental import (HASHES_FILE, MANIFEST, RECORD, FileHashes, Fingerprints, inputs_digest, manifest_bytes,
                          read_manifest, read_record, record_bytes, up_to_date)
from .jsonschema_export import export
from .documents import DOCUMENT_NAME
from .links import problems as broken_links, targets_in
from .load import Offer, load_site
from .memory import NO_MEMORY, Memory, signature
from .model import Site
from .pages import build_pages, translation_status
from .pages.core import COPY, OutPage, base_path, file_path
from .pages.press import release_path
from .parallel import render_all
from .problems import Problem, ProblemsFound
from .render import Rendered, Renderer
from .search import INDEX_FOLDER, build_index
from .markup import to_html
from .source import read_body, read_markdown, read_text
from .validate import valid_part, validate_site
from .write import publish, remove_stale, spare_of, update_in_place

PROJECT = Path(__file__).resolve().parent.parent
"""The project folder: templates, catalogs and static assets live here."""
MEMORY_FILE = "memory.pickle"
"""What the last build made (see sitegen.memory), in the cache folder."""


@dataclass(frozen=True)
class Project:
    """Where the project's own templates, catalogs and static files are."""

    templates: Path = PROJECT / "templates"
    i18n: Path = PROJECT / "i18n"
    static: Path = PROJECT / "static"
    outlines: Path = PROJECT / "data" / "geo" / "dach-outlines.json"
    cache: Path = PROJECT / ".cache"


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    pages: dict
    """Language (or '-') → number of HTML pages written."""
    files: int
    """Number of files written."""
    warnings: list
    """Warnings (placeholders) that did not stop the build."""
    unchanged: bool = False
    """True when nothing the site is made from had changed, so the site in the output folder was kept as it was."""
    held: object = dataclasses.field(default=None, repr=False, compare=False)
    """What the build held (its memory of the last build): a process that ends next may keep it rather than free
    hundreds of thousands of objects one by one (0.1 s at S(2000))."""


def check(source: Path, memory: Memory = NO_MEMORY, offer: Offer | None = None, today: dt.date | None = None
          ) -> tuple[Site | None, list[Problem]]:
    """Load and validate a site folder; return the site (None on errors) and every problem.

    `offer` is told of every release text read (see `load_site`); a date of a change after `today` is an error.
    Counts of partners are filled in where placeholders give them (`counts.filled`) and checked where written."""
    raw = load_site(source, memory, offer)
    site, problems = validate_site(raw, memory, today)
    problems = sorted(problems + counts.problems(raw, site, problems, memory))
    return (counts.filled(site) if site is not None and all(p.warning for p in problems) else None), problems


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


def _reporting(items: Iterable, total: int, progress: Callable[[int, int], None] | None) -> Iterator:
    """Pass items through, telling `progress` how many of `total` are done now and then."""
    for done, item in enumerate(items, start=1):
        if progress is not None and (done % 50 == 0 or done == total):
            progress(done, total)
        yield item


def _gone(manifest: dict, record: dict, current: dict, copies: list) -> list[str]:
    """Return the files of an earlier site (its manifest's pages, its record's copies) the new one has not, sorted."""
    return sorted((set(manifest) | set(record.get("copies", ()))) - set(current) - set(copies))


SERVED = "served manifest"
"""What the dev server keeps of the site it wrote last: its folder, its manifest file's signature, its manifest."""


def _signature(path: Path) -> tuple | None:
    """Return what tells this version of a file from others (`memory.signature`), None when there is no file."""
    try:
        return signature(os.stat(path))
    except OSError:
        return None


def _served_manifest(out: Path, memory: Memory) -> dict:
    """Return the manifest of the site in `out`: the one the dev server wrote there last while the file is still that
    one (owning the folder, it does not read thousands of fingerprints again at every save), else the file's."""
    kept = memory.last(SERVED)
    if kept is not None and kept[0] == out and kept[1] is not None and kept[1] == _signature(out / MANIFEST):
        return kept[2]
    return read_manifest(out)


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


def build(source: Path, out: Path, *args, **kwargs) -> BuildReport:
    """Build the site (see `_build`), with Python's cycle collector paused until the build is done.

    A build makes hundreds of thousands of small objects that live until its end; collecting
    cycles among them meanwhile only costs time (up to a fifth of a rebuild in the dev server).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        with HeadStart(source) as ahead:
            return _build(source, out, *args, ahead=ahead, **kwargs)
    finally:
        if paused:
            gc.enable()


def _build(source: Path, out: Path, today: dt.date, base_url: str | None = None,
          project: Project = Project(), search: bool = True, drafts: bool = False,
          cache: bool = True, progress: Callable[[int, int], None] | None = None,
          memory: Memory | None = None, in_place: bool = False, ahead: HeadStart | None = None) -> BuildReport:
    """Build the site into `out`; raise ProblemsFound (leaving `out` untouched) on invalid input.

    What did not change since the previous build is not read, checked or modelled again: a
    build process takes the `memory` of the previous one from the cache folder; a process that
    builds again and again (the dev server) passes its own. With `in_place` (the dev server),
    changed files are replaced in `out` one by one instead of swapping in a whole new folder. When nothing is
    remembered, release texts are converted `ahead` of rendering meanwhile (see sitegen.headstart).
    """
    # When no file the site is made from has changed since the site in `out` was built, it stays.
    # (The dev server knows that by itself, file by file.)
    inputs = ""
    if not in_place:
        hashes = FileHashes.load(project.cache / HASHES_FILE) if cache else FileHashes()
        inputs = inputs_digest(
            [source / "content", source / "data", project.templates, project.i18n, project.static, project.outlines],
            f"{today}|{drafts}|{base_url}|{search}", hashes)
        if cache:
            hashes.save(project.cache / HASHES_FILE)
    record = up_to_date(out, inputs) if cache and inputs else None
    if record is not None:
        remove_stale(out)  # a killed build's temporary folder goes even when nothing is written
        return BuildReport(record["pages"], 0, [Problem(**warning) for warning in record["warnings"]], unchanged=True)
    saved = project.cache / MEMORY_FILE if cache and memory is None else None
    memory = memory if memory is not None else Memory.load(saved) if saved else NO_MEMORY
    # Load and validate everything first.
    site, problems = check(source, memory, ahead.offer if ahead is not None and memory.empty else None, today)
    if site is None:
        raise ProblemsFound(problems)
    # Compute every page, then render all of them in memory. The site model is made again only when
    # the validated site changed (not for a template, a catalog, a text). It does not depend on the
    # base URL (rendering does), so a preview served elsewhere finds it in the memory of the last build.
    outlines = load_outlines(project.outlines)
    validated = site
    pages = memory.stage("site model", (validated, today, outlines, drafts),
                         lambda: build_pages(validated, today, outlines, drafts, memory))
    if drafts:  # previews only: the translation desk's status page
        pages = pages + translation_status.pages(translations.desk(source, site.config.languages, project.i18n), pages)
    if base_url:
        site = replace(site, config=replace(site.config, base_url=base_url if base_url.endswith("/") else base_url + "/"))
    converted: dict = {}  # filled with the texts converted ahead just before the render workers start
    renderer = Renderer(site, source, project.templates, project.i18n,
                        MarkdownCache(project.cache / "markdown" if cache else None),
                        project.cache / "templates" if cache else None, project.cache / "pictures" if cache else None,
                        converted)
    for lang in site.config.languages:  # a catalog with a mistake is reported before anything is rendered
        renderer.gettext(lang)
    # A text's link to a page or file of the site must lead to one (checked at every build: a page can go
    # while the text linking to it stays as it was). Its hints name the published site's base path. A place
    # on a page it names (`#…`) that the page has not is a warning (the page is rendered to know its places).
    static = _static_files(project)
    problems = problems + link_problems(validated, pages, static, renderer)
    if any(not problem.warning for problem in problems):
        raise ProblemsFound(problems)
    to_render = [page for page in pages if page.template != COPY]
    previous = _served_manifest(out, memory) if in_place else read_manifest(out) if cache else {}
    # The dev server replaces what changed in the site it serves (described by its manifest and
    # record) and, owning that folder, does not look whether each file is still there.
    before = read_record(out) if in_place and previous and not search else None
    # Otherwise the new site is made from the spare (the one swapped out last time) when it is complete
    # and has no search index: only files differing from it are written, linked or deleted. (A site
    # with a search index is not kept as the spare: its index would have to go first.)
    spare = spare_of(out)
    usable = before is None and cache and not search and not spare.is_symlink() and not (spare / INDEX_FOLDER).exists()
    kept = read_manifest(spare) if usable else {}
    kept_record = read_record(spare) if kept else None
    from_spare = kept_record is not None
    # Only pages whose fingerprint changed are rendered; the others are kept from the spare or linked.
    # With no site to compare with and no memory to keep them in, every page is rendered: its
    # fingerprint (for the manifest) is made by the worker rendering it, not here before the workers start.
    fingerprints = Fingerprints(renderer, f"{today}|{drafts}", memory)
    alongside = not previous and not kept and before is None and not memory.enabled
    current = {} if alongside else fingerprints.every(pages)
    # A page whose fingerprint is that of its file in the spare stays there; one whose fingerprint is
    # that of the published site's file is linked from it. (One look at the disk per page.)
    in_spare = {name for name, key in current.items()
                if from_spare and kept.get(name) == key and os.path.isfile(os.path.join(spare, name))}
    unchanged = in_spare | {name for name, key in current.items() if name not in in_spare and previous.get(name) == key
                            and (before is not None or os.path.isfile(os.path.join(out, name)))}
    changed = [page for page in to_render if page.address.output not in unchanged]
    counts: dict = {}
    for page in pages:
        if page.address.output.endswith(".html"):
            counts[page.lang or "-"] = counts.get(page.lang or "-", 0) + 1
    copies = static + [(source / page.data["source"], page.address.output) for page in pages if page.template == COPY]
    warnings = [p for p in problems if p.warning]
    summary = {"pages": counts, "warnings": [dataclasses.asdict(warning) for warning in warnings],
               "copies": [name for _, name in copies]}
    if alongside:
        fingerprints.prepare(changed)

    def work(page: OutPage) -> tuple[Rendered, str | None]:
        return renderer.render(page), fingerprints.of(page) if alongside else None

    def files() -> Iterator[tuple[str, bytes]]:
        if ahead is not None:
            converted.update(ahead.take())
        for rendered, fingerprint in _reporting(render_all(work, changed), len(changed), progress):
            if fingerprint is not None:
                current[rendered.output] = fingerprint
            yield rendered.output, rendered.content
        yield MANIFEST, manifest_bytes(current)
        yield RECORD, record_bytes(inputs, summary)

    if before is not None:
        remove = _gone(previous, before, current, summary["copies"])
    else:
        links = [(os.path.join(out, name), name) for name in sorted(unchanged - in_spare)]
        remove = _gone(kept, kept_record, current, summary["copies"]) if from_spare else []
    # The earlier manifests and the sets made from them name every page: they go before the pages are
    # rendered, whose passing through leaves this process's memory less room to reuse (at S(5000), ~5 MB).
    previous = kept = kept_record = in_spare = unchanged = None
    # Only now write: into a temporary folder swapped in whole, or (dev server) file by file.
    if before is not None:
        written = update_in_place(out, files(), copies, remove, first=(MANIFEST, RECORD))
    else:
        written = publish(out, files(), copies, build_index if search else None, links, from_spare, remove,
                          keep_spare=not (out / INDEX_FOLDER).exists() and not out.is_symlink())
    if in_place:
        memory.keep(SERVED, (out, _signature(out / MANIFEST), current))
    worth_saving = memory.worth_saving
    memory.forget_unused()
    if saved and worth_saving:
        memory.save(saved)
    return BuildReport(counts, written, warnings, held=memory)
