"""Own the build as a whole: the stages (sitegen.stages) wrapped in the reuse of earlier work (sitegen.reuse).

`build` first asks whether anything the site is made from changed (`reuse.inputs.kept`): a site kept as it was needs
none of the stages, and their modules are loaded only when it must be built again. The check (`build.py check`) is
in sitegen.checking; both are reachable from here by their names (`check`, `check_all`, `run`, `Stages` …).
"""
from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .project import PROJECT, BuildReport, Options, Project  # noqa: F401 (PROJECT: for the command line and tests)
from .reuse.inputs import kept


def build(source: Path, out: Path, today: dt.date, base_url: str | None = None, project: Project = Project(),
          search: bool = True, drafts: bool = False, cache: bool = True,
          progress: Callable[[int, int], None] | None = None, memory=None, in_place: bool = False) -> BuildReport:
    """Build the site into `out`: the stages (`stages.run`) wrapped in the reuse of what earlier builds made
    (sitegen.reuse: `memory`, `in_place` for the dev server; nothing with `cache` False), with Python's cycle
    collector paused meanwhile. Raise ProblemsFound (leaving `out` as it was) on invalid input."""
    options = Options(today, base_url, search, drafts)
    with _collector_paused():
        report, inputs = (None, "") if in_place else kept(source, out, options, project, cache)
        if report is not None:  # nothing changed (the dev server knows itself what did, file by file)
            return report
        from .reuse.wrap import Reuse
        from .stages import Stages, run
        return Reuse(source, out, options, project, cache, memory, in_place, inputs).build(run, Stages(), progress)


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


_ELSEWHERE = {"stages": ("Stages", "run", "validated", "refuse", "with_base_url", "link_problems", "static_files"),
              "checking": ("check", "check_all", "check_links", "event_change_problems", "write_schemas", "EVENTS_FILE")}
"""Names this module gives from the module that holds them, loaded when first asked for."""


def __getattr__(name: str):
    for module, names in _ELSEWHERE.items():
        if name in names:
            from importlib import import_module
            return getattr(import_module(f"{__package__}.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
