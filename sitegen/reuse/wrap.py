"""Own wrapping the stages of one build that must make the site again: the keeper answering at the stages' seam
(sitegen.steps), the site model taken whole, the write plan and the render stage reusing earlier work."""
from __future__ import annotations

import dataclasses
import os
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

from .. import steps
from ..load import TEXT_READ
from ..markup import finish
from ..pages.core import COPY, OutPage
from ..parallel import render_all, reporting
from ..project import BuildReport, Options, Project
from ..render import Renderer
from ..search import INDEX_FOLDER
from ..versions import signature
from ..write import EMPTY, IN_PLACE, SPARE, WritePlan, spare_of
from .fingerprints import Fingerprints
from .headstart import HeadStart, unpacked
from .inputs import MANIFEST, RECORD, manifest_bytes, read_manifest, read_record, record_bytes
from .memory import NO_MEMORY, Memory
from .stored import Stored

MEMORY_FILE = "memory.pickle"
"""What the last build made (see sitegen.reuse.memory), in the cache folder."""
SERVED = "served manifest"
"""What the dev server keeps of the site it wrote last: its folder, its manifest file's signature, its manifest."""


class Keeper(steps.Fresh):
    """Answers the stages' pieces of work (sitegen.steps) from the memory, the cache folder and the head start."""

    def __init__(self, memory: Memory, stored: Stored, ahead: HeadStart | None) -> None:
        self.memory, self.stored_files, self.ahead = memory, stored, ahead
        self.converted: dict = {}
        """(hash of a text, language) → its conversion made ahead (see `take_ahead`)."""
        self.result, self.checked, self.file = memory.result, memory.checked, memory.file
        self.traced = memory.traced

    def stored(self, purpose: str, key: tuple, make: Callable[[], str]) -> str:
        if purpose == "markdown" and self.converted:
            lang, files_url, digest = key
            ahead = self.converted.get((digest, lang))
            if ahead is not None:
                return self.stored_files.get(purpose, key, lambda: finish(unpacked(ahead), files_url or None))
        return self.stored_files.get(purpose, key, make)

    def recall(self, purpose: str, key: tuple) -> bytes | None:
        return self.stored_files.recall(purpose, key)

    def store(self, purpose: str, key: tuple, value: bytes) -> None:
        self.stored_files.store(purpose, key, value)

    def told(self, purpose: str, *what) -> None:
        if purpose == TEXT_READ and self.ahead is not None:
            self.ahead.offer(*what)

    def take_ahead(self) -> None:
        """Take the conversions made ahead so far (just before the render workers start) and stop the head start."""
        if self.ahead is not None:
            self.converted = {(digest.hex(), lang): packed for (_, digest, lang), packed in self.ahead.take().items()}
            self.ahead = None


class Reuse:
    """The reuse of earlier work around one build of `source` into `out`.

    A build process takes the memory of the previous one from the cache folder; a process that builds again and again
    (the dev server) passes its own `memory`. With `in_place` (the dev server), changed files are replaced in `out`
    one by one instead of swapping in a whole new folder. Without `cache`, nothing is read from or kept in the cache
    folder and nothing is remembered (`build --no-cache`).
    """

    def __init__(self, source: Path, out: Path, options: Options, project: Project = Project(), cache: bool = True,
                 memory: Memory | None = None, in_place: bool = False, inputs: str = "") -> None:
        self.source, self.out, self.options, self.project = source, out, options, project
        self.cache, self.in_place = cache, in_place
        self.saved = project.cache / MEMORY_FILE if cache and memory is None else None
        self.given = memory
        self.inputs = inputs
        """The hash of every input (`inputs.kept`), recorded in the new site for the next build."""
        self.fingerprints: dict[str, str] = {}
        self.alongside: Fingerprints | None = None
        self.keeper: Keeper | None = None
        self.memory: Memory = NO_MEMORY

    def build(self, run: Callable, stages, progress: Callable[[int, int], None] | None = None) -> BuildReport:
        """Return the report of `run` with the stages wrapped (a build that keeps the site as it was is decided
        before: `inputs.kept`)."""
        self.memory = self.given if self.given is not None else Memory.load(self.saved) if self.saved else NO_MEMORY
        with ExitStack() as stack:
            ahead = stack.enter_context(HeadStart(self.source)) if self.memory.empty else None
            self.keeper = Keeper(self.memory, Stored(self.project.cache if self.cache else None), ahead)
            stack.enter_context(steps.kept_by(self.keeper))
            report = run(self.source, self.out, self.options, self.project, self.wrap(stages), progress)
        return self.finish(report)

    def wrap(self, stages):
        """Return the stages with the site model, the write plan and the render stage reusing earlier work."""
        plan = stages.plan

        def remembered_plan(site, today, outlines, drafts=False) -> list[OutPage]:
            # Not made again while the validated site is the same (not for a template, a catalog, a text). It does
            # not depend on the base URL (rendering does), so a preview served elsewhere finds it too.
            return self.memory.stage("site model", (site, today, outlines, drafts),
                                     lambda: plan(site, today, outlines, drafts))

        return replace(stages, plan=remembered_plan, writes=self.writes, render=self.render)

    def writes(self, pages: list[OutPage], copies: list, renderer: Renderer, report: BuildReport) -> WritePlan:
        """Return the write plan rendering only the pages whose fingerprint changed."""
        out, memory, search = self.out, self.memory, self.options.search
        previous = self._served_manifest() if self.in_place else read_manifest(out) if self.cache else {}
        # The dev server replaces what changed in the site it serves (described by its manifest and record) and,
        # owning that folder, does not look whether each file is still there.
        before = read_record(out) if self.in_place and previous and not search else None
        # Otherwise the new site is made from the spare (the one swapped out last time) when it is complete and has
        # no search index: only files differing from it are written, linked or deleted. (A site with a search index
        # is not kept as the spare: its index would have to go first.)
        spare = spare_of(out)
        usable = (before is None and self.cache and not search and not spare.is_symlink()
                  and not (spare / INDEX_FOLDER).exists())
        kept = read_manifest(spare) if usable else {}
        kept_record = read_record(spare) if kept else None
        from_spare = kept_record is not None
        # With no site to compare with and no memory to keep them in, every page is rendered: its fingerprint (for
        # the manifest) is made by the worker rendering it, not here before the workers start.
        fingerprints = Fingerprints(renderer, f"{self.options.today}|{self.options.drafts}", memory)
        alongside = not previous and not kept and before is None and not memory.enabled
        current = self.fingerprints = {} if alongside else fingerprints.every(pages)
        # A page whose fingerprint is that of its file in the spare stays there; one whose fingerprint is that of
        # the published site's file is linked from it. (One look at the disk per page.)
        in_spare = {name for name, key in current.items()
                    if from_spare and kept.get(name) == key and os.path.isfile(os.path.join(spare, name))}
        unchanged = in_spare | {name for name, key in current.items()
                                if name not in in_spare and previous.get(name) == key
                                and (before is not None or os.path.isfile(os.path.join(out, name)))}
        changed = [page for page in pages if page.template != COPY and page.address.output not in unchanged]
        names = [name for _, name in copies]
        summary = {"pages": report.pages, "warnings": [dataclasses.asdict(warning) for warning in report.warnings],
                   "copies": names}
        if alongside:
            fingerprints.prepare(changed)
            self.alongside = fingerprints

        def then() -> list[tuple[str, bytes]]:
            return [(MANIFEST, manifest_bytes(current)), (RECORD, record_bytes(self.inputs, summary))]

        if before is not None:
            return WritePlan(changed, copies, delete=_gone(previous, before, current, names), start=IN_PLACE,
                             then=then, first=(MANIFEST, RECORD))
        return WritePlan(changed, copies, [(os.path.join(out, name), name) for name in sorted(unchanged - in_spare)],
                         _gone(kept, kept_record, current, names) if from_spare else [], SPARE if from_spare else EMPTY,
                         then, keep_spare=not (out / INDEX_FOLDER).exists() and not out.is_symlink())

    def render(self, renderer: Renderer, pages: list[OutPage], progress=None) -> Iterator:
        """Render `pages` (see `parallel.render_pages`), with the conversions made ahead, fingerprinting them meanwhile
        when the write plan left that to the workers."""
        self.keeper.take_ahead()
        fingerprints = self.alongside
        if fingerprints is None:
            yield from reporting(render_all(renderer.render, pages), len(pages), progress)
            return

        def work(page: OutPage):
            return renderer.render(page), fingerprints.of(page)

        for rendered, fingerprint in reporting(render_all(work, pages), len(pages), progress):
            self.fingerprints[rendered.output] = fingerprint
            yield rendered

    def finish(self, report: BuildReport) -> BuildReport:
        """Keep what the next build may reuse; return the report holding the memory."""
        memory = self.memory
        if self.in_place:
            memory.keep(SERVED, (self.out, _signature(self.out / MANIFEST), self.fingerprints))
        worth_saving = memory.worth_saving
        memory.forget_unused()
        if self.saved and worth_saving:
            memory.save(self.saved)
        return replace(report, held=memory)

    def _served_manifest(self) -> dict:
        """Return the manifest of the site in the output folder: the one the dev server wrote there last while the
        file is still that one (owning the folder, it does not read thousands of fingerprints again at every save),
        else the file's."""
        kept = self.memory.last(SERVED)
        out = self.out
        if kept is not None and kept[0] == out and kept[1] is not None and kept[1] == _signature(out / MANIFEST):
            return kept[2]
        return read_manifest(out)


def _gone(manifest: dict, record: dict, current: dict, copies: list) -> list[str]:
    """Return the files of an earlier site (its manifest's pages, its record's copies) the new one has not, sorted."""
    return sorted((set(manifest) | set(record.get("copies", ()))) - set(current) - set(copies))


def _signature(path: Path) -> tuple | None:
    """Return what tells this version of a file from others (`versions.signature`), None when there is no file."""
    try:
        return signature(os.stat(path))
    except OSError:
        return None
