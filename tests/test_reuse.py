"""The reuse of earlier work wraps the stages from outside: without it a build is correct, only does more.

`stages.run` is the bare sequence of stages; `pipeline.build` is the same run wrapped by `sitegen.reuse`
(the memory of the last build, the cache folder, the spare, the dev server's update in place). The sites they
make must be the same, file for file; what reuse spares shows in the number of files written.
"""
from __future__ import annotations

import ast
import datetime as dt
import inspect
import shutil
from pathlib import Path

import pytest

import sitegen
from sitegen import pipeline
from sitegen.pipeline import Options, Project, Stages, build, run
from sitegen.reuse.memory import Memory

from conftest import EXAMPLE, EXAMPLE_TODAY

PACKAGE = Path(sitegen.__file__).parent
AROUND_THE_STAGES = {"pipeline.py", "devserver.py", "cli.py"}
"""Modules that run a build (and so may wrap it in the reuse of earlier work); every other module is a stage's."""


def tree(folder: Path) -> dict[str, bytes]:
    """Return output path → contents of a built site, the reuse's own notes (.sitegen/) left out."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and ".sitegen" not in path.relative_to(folder).parts}


def differing(first: dict, second: dict) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def bare(source: Path, out: Path, today: dt.date, project: Project) -> pipeline.BuildReport:
    """Build with the stages alone: no memory, no cache folder, no spare, nothing kept for later."""
    return run(source, out, Options(today, search=False), project)


@pytest.fixture
def example_copy(tmp_path) -> Path:
    source = tmp_path / "site"
    shutil.copytree(EXAMPLE, source)
    return source


def edit(source: Path) -> None:
    """Change one release's text and one event's German title (a text and a record)."""
    release = sorted((source / "content/press").glob("*.de.md"))[-1]
    release.write_text(release.read_text(encoding="utf-8") + "\nEin neuer Absatz, eben geschrieben.\n",
                       encoding="utf-8")
    edit_event(source)


def edit_event(source: Path) -> None:
    """Change one event's German title."""
    events = source / "data/events.yaml"
    text = events.read_text(encoding="utf-8")
    title = '"Workshop: Energieeffizienz in Reinräumen"'
    assert title in text
    events.write_text(text.replace(title, title[:-1] + ' (verschoben)"', 1), encoding="utf-8")


def test_a_build_without_its_reuse_is_the_same_site_and_writes_every_file(example_copy, tmp_path):
    project = Project(cache=tmp_path / "cache")
    reused, served, alone = tmp_path / "reused", tmp_path / "served", tmp_path / "alone"
    memory = Memory()
    first = build(example_copy, reused, EXAMPLE_TODAY, project=project, search=False)
    build(example_copy, served, EXAMPLE_TODAY, project=project, search=False, memory=memory, in_place=True)
    everything = bare(example_copy, alone, EXAMPLE_TODAY, project).files
    assert everything == len(tree(alone)) > 100
    assert first.files == everything + 2  # and the reuse's own notes for the next build: fingerprints, build record
    assert differing(tree(reused), tree(alone)) == [] and differing(tree(served), tree(alone)) == []
    # Nothing changed: the wrapped build keeps the site; the bare one makes it all again.
    assert build(example_copy, reused, EXAMPLE_TODAY, project=project, search=False).unchanged
    assert bare(example_copy, alone, EXAMPLE_TODAY, project).files == everything
    # A few edits: the same site again, and reuse writes only what changed (a build process from the cache folder,
    # the dev server in place).
    edit(example_copy)
    again = build(example_copy, reused, EXAMPLE_TODAY, project=project, search=False)
    updated = build(example_copy, served, EXAMPLE_TODAY, project=project, search=False, memory=memory, in_place=True)
    assert bare(example_copy, alone, EXAMPLE_TODAY, project).files == everything
    assert differing(tree(reused), tree(alone)) == [] and differing(tree(served), tree(alone)) == []
    assert 0 < again.files < everything / 2 and 0 < updated.files < everything / 2


def test_a_section_is_made_again_only_when_what_it_read_changed(example_copy, tmp_path, monkeypatch):
    """No list of the records a section reads is kept by hand: the section's reads are noted as it reads them."""
    from sitegen.pages import events, marketplace, press

    made = []
    for section in (events, marketplace, press):
        original = section.pages
        monkeypatch.setattr(section, "pages", lambda published, section=section, original=original: (
            made.append(section.__name__.rsplit(".", 1)[1]), original(published))[1])
    memory, out = Memory(), tmp_path / "served"
    build(example_copy, out, EXAMPLE_TODAY, search=False, cache=False, memory=memory, in_place=True)
    assert sorted(made) == ["events", "marketplace", "press"]
    made.clear()
    edit_event(example_copy)  # the validated site changed: the site model is made again, section by section
    build(example_copy, out, EXAMPLE_TODAY, search=False, cache=False, memory=memory, in_place=True)
    assert made == ["events"]
    assert "(verschoben)" in (out / "de/events/index.html").read_text(encoding="utf-8")
    made.clear()
    build(example_copy, out, EXAMPLE_TODAY + dt.timedelta(days=400), search=False, cache=False, memory=memory,
          in_place=True)  # another day: what is published, upcoming and current changes for every section
    assert sorted(made) == ["events", "marketplace", "press"]


def test_a_build_that_keeps_the_site_does_not_read_the_memory_of_the_last_build(example_copy, tmp_path, monkeypatch):
    project = Project(cache=tmp_path / "cache")
    build(example_copy, tmp_path / "out", EXAMPLE_TODAY, project=project, search=False)
    loaded = []
    monkeypatch.setattr(Memory, "load", classmethod(lambda cls, file: loaded.append(file) or cls()))
    assert build(example_copy, tmp_path / "out", EXAMPLE_TODAY, project=project, search=False).unchanged
    assert loaded == []
    edit(example_copy)
    assert not build(example_copy, tmp_path / "out", EXAMPLE_TODAY, project=project, search=False).unchanged
    assert loaded == [project.cache / "memory.pickle"]


def test_the_bare_stages_keep_nothing_for_later(example_copy, tmp_path):
    project = Project(cache=tmp_path / "cache")
    bare(example_copy, tmp_path / "alone", EXAMPLE_TODAY, project)
    assert not (tmp_path / "alone/.sitegen").exists() and not (tmp_path / "cache").exists()
    assert not (tmp_path / ".alone.spare").exists()


def _imports(path: Path) -> set[str]:
    """Return the modules a module imports, as written (relative ones with their dots)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or "") + "".join(f" {alias.name}" for alias in node.names))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_stage_module_imports_the_reuse_package_or_takes_it_as_a_parameter():
    stage_modules = [path for path in sorted(PACKAGE.rglob("*.py"))
                     if "reuse" not in path.relative_to(PACKAGE).parts and path.name not in AROUND_THE_STAGES]
    assert len(stage_modules) > 20
    importing = [f"{path.relative_to(PACKAGE)}: {line}" for path in stage_modules for line in sorted(_imports(path))
                 if "reuse" in line.replace(".", " ").split() or "memory" in line.replace(".", " ").split()]
    assert importing == []
    for module in (pipeline.Stages.load, pipeline.Stages.validate, pipeline.Stages.plan, pipeline.Stages.render):
        assert not {"memory", "cache", "reuse", "offer", "ahead", "keeper"} & set(inspect.signature(module).parameters)


def test_the_stages_read_as_one_sequence_on_one_screen():
    source = inspect.getsource(run)
    assert len(source.splitlines()) <= 45
    assert len(inspect.getsource(build).splitlines()) <= 45  # the stages wrapped in the reuse of earlier work
    for stage in ("stages.load", "stages.validate", "stages.plan", "stages.writes", "stages.render", "stages.write"):
        assert stage in source
    assert [field for field in Stages.__dataclass_fields__] == ["load", "validate", "plan", "writes", "render", "write"]
