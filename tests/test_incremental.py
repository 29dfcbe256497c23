"""After any sequence of edits, an incremental build's output is byte-identical to a clean build's."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
import re
import shutil
import tempfile
import time
import types
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.geo import load_outlines
from sitegen.reuse.fingerprints import Fingerprints
from sitegen.reuse.inputs import MANIFEST, RECORD, FileHashes, inputs_digest, read_manifest
from sitegen import load as load_module
from sitegen import steps, versions
from sitegen.reuse import wrap as reuse_module
from sitegen import write as write_module
from sitegen.load import load_site
from sitegen.reuse.memory import Memory
from sitegen.versions import RACY_NS
from sitegen.pages import build_pages
from sitegen.pages.core import Address, OutPage
from sitegen.problems import ProblemsFound
from sitegen.render import Renderer
from sitegen.source import KnownFile, TextFile, read_body, split_front_matter
from sitegen.pipeline import PROJECT, Project, build, check
from sitegen.reuse import MEMORY_FILE
from sitegen.validate import validate_site
from support.minimal_site import EVENTS, PARTNERS, RELEASE_DE, picture, write_site
from test_build import digest

TODAY = dt.date(2026, 11, 23)


def edit_release(site: Path, project: Project, n: int) -> None:
    """Change a release's text."""
    path = site / "content/press/2021-12-07-founded.de.md"
    path.write_text(path.read_text() + f"\nNeuer Absatz {n}.\n")


def link_release(site: Path, project: Project, n: int) -> None:
    """Add a link to a partner's page from the site's root to a release's text (shown under the base path)."""
    path = site / "content/press/2021-12-07-founded.de.md"
    path.write_text(path.read_text() + f"\nSiehe [Alpha {n}](/de/partners/alpha/).\n")


def picture_release(site: Path, project: Project, n: int) -> None:
    """Give a release a picture, or replace it by another (its smaller copies and its size on the page change)."""
    path = site / "content/press/2021-12-07-founded.de.md"
    text = path.read_text()
    if "image:" not in text:
        path.write_text(text.replace("tags: [alliance]\n",
                                     "tags: [alliance]\nimage: {file: foto.jpg, alt: {de: Foto}}\n", 1))
    (site / "content/press/foto.jpg").write_bytes(picture(490 + 10 * (n % 60), 300, mirrored=n % 2 == 1))


def retitle_release(site: Path, project: Project, n: int) -> None:
    """Change a release's headline (shown in lists and feeds too)."""
    path = site / "content/press/2021-12-07-founded.de.md"
    text = path.read_text()
    path.write_text(text.replace("title: Allianz gegründet", f"title: Allianz {n}", 1) if "Allianz gegründet" in text
                    else "\n".join(f"title: Allianz {n}" if line.startswith("title:") else line
                                   for line in text.split("\n")))


def add_release(site: Path, project: Project, n: int) -> None:
    """Add a German-only release."""
    (site / f"content/press/2022-01-{n % 28 + 1:02d}-new-{n}.de.md").write_text(
        RELEASE_DE.replace("Allianz gegründet", f"Neu {n}").replace("2021-12-07", f"2022-01-{n % 28 + 1:02d}"))


def delete_release(site: Path, project: Project, n: int) -> None:
    """Delete the English version of the first release (it becomes German-only)."""
    (site / "content/press/2021-12-07-founded.en.md").unlink(missing_ok=True)


def edit_partner(site: Path, project: Project, n: int) -> None:
    """Rename a partner (shown on many pages)."""
    (site / "data/partners.yaml").write_text(PARTNERS.replace("Beta Cluster", f"Beta Cluster {n}"))


def add_event(site: Path, project: Project, n: int) -> None:
    """Add an event."""
    path = site / "data/events.yaml"
    text = path.read_text()
    name = f"{n}-{text.count('- id: ')}"  # the same edit twice adds two events
    path.write_text(text + EVENTS.replace("fair-2027", f"fair-{name}").replace("Messe 2027", f"Messe {name}"))


def delete_event(site: Path, project: Project, n: int) -> None:
    """Remove every event but the first."""
    (site / "data/events.yaml").write_text(EVENTS)


def edit_template(site: Path, project: Project, n: int) -> None:
    """Change a partial template used by some pages."""
    path = project.templates / "partials/release_list.html"
    path.write_text(path.read_text() + f"\n{{# edit {n} #}}<!-- {n} -->\n")


def edit_catalog(site: Path, project: Project, n: int) -> None:
    """Change a German translation."""
    path = project.i18n / "de/LC_MESSAGES/messages.po"
    text = path.read_text()
    path.write_text(text.replace('msgstr "Zum Inhalt springen"', f'msgstr "Zum Inhalt springen {n}"', 1)
                    if 'msgstr "Zum Inhalt springen"' in text else text.replace(
                        'msgstr "Zum Inhalt springen ', 'msgstr "Zum Inhalt springen x', 1))


def add_partner(site: Path, project: Project, n: int) -> None:
    """Add a partner (on the partner lists, filters, map and sitemap)."""
    path = site / "data/partners.yaml"
    text = path.read_text()
    name = f"{n}-{text.count('- id: ')}"  # the same edit twice adds two partners
    path.write_text(text + PARTNERS.split("- id: beta")[1].join(("- id: gamma", "")).replace(
        "id: gamma", f"id: gamma-{name}").replace("Beta Cluster", f"Gamma Cluster {name}").replace("Beta", f"Gamma {name}"))


def delete_partner(site: Path, project: Project, n: int) -> None:
    """Remove every partner added (the two of the minimal site stay: its release and event name them)."""
    path = site / "data/partners.yaml"
    path.write_text(path.read_text().split("- id: gamma")[0])


def edit_event(site: Path, project: Project, n: int) -> None:
    """Move the first event to another month and rename it (month views, feeds and calendars change)."""
    path = site / "data/events.yaml"
    month = n % 12 + 1
    lines = path.read_text().split("\n")
    start, end, title = (next(i for i, line in enumerate(lines) if line.startswith(f"  {key}:"))
                         for key in ("start", "end", "title"))
    lines[start], lines[end] = f"  start: 2027-{month:02d}-10", f"  end: 2027-{month:02d}-12"
    lines[title] = f"  title: {{de: Messe im Monat {month}, en: Fair in month {month}}}"
    path.write_text("\n".join(lines))


def edit_page(site: Path, project: Project, n: int) -> None:
    """Change the text of a plain page."""
    path = site / "content/pages/about.de.md"
    path.write_text(path.read_text() + f"\nNoch ein Satz {n}.\n")


def picture_page(site: Path, project: Project, n: int) -> None:
    """Show a picture in a plain page's text, or replace it by another (its copies and its size change)."""
    path = site / "content/pages/about.de.md"
    if "team.jpg" not in path.read_text():
        path.write_text(path.read_text() + "\n![Das Team](team.jpg)\n")
    (site / "content/pages/team.jpg").write_bytes(picture(490 + 10 * (n % 60), 300, mirrored=n % 2 == 1))


def file_release(site: Path, project: Project, n: int) -> None:
    """Offer a file from a release's text (a link to it by name), or replace it by another."""
    path = site / "content/press/2021-12-07-founded.en.md"
    if "figures.pdf" not in path.read_text():
        path.write_text(path.read_text() + "\n[The figures](figures.pdf)\n")
    (site / "content/press/figures.pdf").write_bytes(b"%PDF-1.4 figures " + str(n).encode())


def file_page(site: Path, project: Project, n: int) -> None:
    """Offer a file from a plain page's text (a link to it by name), or replace it by another."""
    path = site / "content/pages/about.en.md"
    if "flyer.pdf" not in path.read_text():
        path.write_text(path.read_text() + "\n[Our flyer](flyer.pdf)\n")
    (site / "content/pages/flyer.pdf").write_bytes(b"%PDF-1.4 flyer " + str(n).encode())


def add_partial(site: Path, project: Project, n: int) -> None:
    """Add a template: a partial the release page includes."""
    (project.templates / "partials/extra.html").write_text(f"<!-- extra {n} -->\n")
    page = project.templates / "release.html"
    if "partials/extra.html" not in page.read_text():
        page.write_text(page.read_text() + '{% include "partials/extra.html" %}\n')


def delete_partial(site: Path, project: Project, n: int) -> None:
    """Delete the partial added (and its include)."""
    page = project.templates / "release.html"
    page.write_text(page.read_text().replace('{% include "partials/extra.html" %}\n', ""))
    (project.templates / "partials/extra.html").unlink(missing_ok=True)


def untranslate(site: Path, project: Project, n: int) -> None:
    """Delete a German translation (the English text shows), or put one back."""
    path = project.i18n / "de/LC_MESSAGES/messages.po"
    text = path.read_text()
    entry = re.search(r'^msgid "Skip to content"\nmsgstr "(.*)"$', text, re.MULTILINE)
    path.write_text(text[:entry.start(1)] + ("" if entry[1] else "Zum Inhalt springen") + text[entry.end(1):])


EDITS = [edit_release, link_release, picture_release, file_release, retitle_release, add_release, delete_release,
         edit_partner, add_partner, delete_partner, add_event, edit_event, delete_event, edit_page, picture_page,
         file_page, edit_template, add_partial, delete_partial, edit_catalog, untranslate]


def break_release(site: Path, project: Project, n: int) -> Callable[[], None]:
    """Save a release naming an unknown partner; return what fixes it."""
    path = site / "content/press/2021-12-07-founded.de.md"
    text = path.read_text()
    path.write_text(text.replace("partners: [beta]", f"partners: [beta, unknown-{n}]", 1))
    return lambda: path.write_text(text)


def break_link(site: Path, project: Project, n: int) -> Callable[[], None]:
    """Save a release linking to a page the site does not have; return what fixes it."""
    path = site / "content/press/2021-12-07-founded.de.md"
    text = path.read_text()
    path.write_text(text + f"\nSiehe [nichts](/de/partners/unknown-{n}/).\n")
    return lambda: path.write_text(text)


def break_picture(site: Path, project: Project, n: int) -> Callable[[], None]:
    """Save a damaged picture in place of a release's; return what fixes it."""
    picture_release(site, project, n)
    path = site / "content/press/foto.jpg"
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // (n % 3 + 2)] if n % 2 else b"not a picture")
    return lambda: path.write_bytes(good)


def break_yaml(site: Path, project: Project, n: int) -> Callable[[], None]:
    """Save partners.yaml with a syntax error; return what fixes it."""
    path = site / "data/partners.yaml"
    text = path.read_text()
    path.write_text(text + "- id: [unclosed\n")
    return lambda: path.write_text(text)


def break_template(site: Path, project: Project, n: int) -> Callable[[], None]:
    """Save a template that fails on some pages only; return what fixes it."""
    path = project.templates / "partials/release_list.html"
    text = path.read_text()
    path.write_text(text.replace("item.release.title }}", "item.release.headline }}", 1))
    return lambda: path.write_text(text)


def break_catalog(site: Path, project: Project, n: int) -> Callable[[], None]:
    """Save a catalog with a text not closed by its quote, or a placeholder mistyped; return what fixes it."""
    path = project.i18n / "de/LC_MESSAGES/messages.po"
    text = path.read_text()
    path.write_text(text.replace('msgid "Skip to content"', 'msgid "Skip to content', 1) if n % 2 else
                    text.replace('msgstr "%(total)s Cluster', 'msgstr "%(tota)s Cluster', 1))
    return lambda: path.write_text(text)


MISTAKES = [break_release, break_link, break_picture, break_yaml, break_template, break_catalog]
"""Saves that the builds refuse, each followed by its fix (an editor's or developer's next save)."""


def calls_to(monkeypatch, owner, name: str, noted) -> list:
    """Let `owner.name` work as before, noting `noted(*its arguments)` of every call in the list returned."""
    original, calls = getattr(owner, name), []
    monkeypatch.setattr(owner, name, lambda *args, **options: calls.append(noted(*args)) or original(*args, **options))
    return calls


def served(site, tmp_path) -> tuple[Path, Project, Path, Memory]:
    """Build a site as the dev server does (in place, its memory kept); return source, project, output, memory."""
    source, project = site(), project_copy(tmp_path / "project")
    out, memory = tmp_path / "out", Memory()
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    return source, project, out, memory


def project_copy(folder: Path) -> Project:
    """Copy the project's templates and catalogs so that a test may change them."""
    shutil.copytree(PROJECT / "templates", folder / "templates")
    shutil.copytree(PROJECT / "i18n", folder / "i18n")
    return Project(templates=folder / "templates", i18n=folder / "i18n", static=PROJECT / "static",
                   outlines=PROJECT / "data/geo/dach-outlines.json", cache=folder / "cache")


def site_files(folder: Path) -> dict[str, str]:
    """Return the digest of a built site without its build record (whose inputs hash a dev server leaves empty)."""
    files = digest(folder)
    record = json.loads((folder / RECORD).read_text())
    files[RECORD] = json.dumps({**record, "inputs": None}, sort_keys=True)
    return files


EXAMPLES = int(os.environ.get("SOAK_EXAMPLES", "8"))
"""Edit sequences tried by `make test`; `make soak` tries many more."""


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS + MISTAKES), st.integers(0, 99)), min_size=1, max_size=4))
def test_incremental_build_equals_clean_build(edits):
    """Both ways of building incrementally: a fresh process each time (`build.py build`), and one
    process remembering its previous build and updating the site it serves in place (the dev server).
    A mistake saved in between is refused by every build, leaving both sites as they were, and then fixed."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        site = write_site(folder / "site")
        project = project_copy(folder)
        incremental, served, memory = folder / "incremental", folder / "served", Memory()
        build(site, incremental, TODAY, project=project, search=False)
        build(site, served, TODAY, project=project, search=False, memory=memory, in_place=True)
        for step, (edit, n) in enumerate(edits):
            fix = edit(site, project, n)
            if fix is not None:
                was, served_was = digest(incremental), digest(served)
                for options in ({}, {"memory": memory, "in_place": True}):
                    with pytest.raises(ProblemsFound):
                        build(site, served if options else incremental, TODAY, project=project, search=False,
                              **options)
                # The dev server's update writes its pages beside their places and renames them only when every
                # page was made: a page that fails (a picture cut short, found when its copies are made) leaves the
                # site as it was, its manifest and record too.
                assert digest(incremental) == was and digest(served) == served_was
                fix()
            build(site, incremental, TODAY, project=project, search=False)
            build(site, served, TODAY, project=project, search=False, memory=memory, in_place=True)
            clean = folder / f"clean-{step}"
            build(site, clean, TODAY, project=project, search=False, cache=False)
            done = [e.__name__ for e, _ in edits[: step + 1]]
            assert digest(incremental) == digest(clean), done
            assert site_files(served) == site_files(clean), done


def test_every_edit_of_the_property_test_changes_the_site(site, tmp_path):
    """An edit that silently did nothing would leave the property test weaker than it reads (in this order,
    each deletion follows the addition it undoes); made again at once, an edit leaves a valid site too."""
    source, project, out = site(), project_copy(tmp_path / "project"), tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    for edit in EDITS:
        before = digest(out)
        assert edit(source, project, 5) is None
        build(source, out, TODAY, project=project, search=False)
        assert digest(out) != before, edit.__name__
        edit(source, project, 5)
        build(source, out, TODAY, project=project, search=False)
    for mistake in MISTAKES:
        mistake(source, project, 5)()
        assert build(source, out, TODAY, project=project, search=False).unchanged, mistake.__name__


def test_unchanged_pages_are_linked_not_rewritten(site, tmp_path):
    source = site()
    project = project_copy(tmp_path / "project")
    out = tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    before = (out / "de/about/index.html").stat().st_ino
    release_before = (out / "de/press/2021-12-07-founded/index.html").stat().st_ino
    edit_release(source, project, 1)
    report = build(source, out, TODAY, project=project, search=False)
    assert (out / "de/about/index.html").stat().st_ino == before
    assert (out / "de/press/2021-12-07-founded/index.html").stat().st_ino != release_before
    assert "Neuer Absatz 1." in (out / "de/press/2021-12-07-founded/index.html").read_text()
    copied = [path for path in out.rglob("*") if path.is_file() and path.relative_to(out).parts[0] in ("static", "admin")
              and path.name not in ("index.html", "config.yml")]  # files copied as they are (not from a spare: none yet)
    assert report.files < 15 + len(copied)


def test_a_build_with_nothing_changed_keeps_the_site_as_it_is(site, tmp_path):
    source = site()
    settings = source / "data/site.yaml"
    settings.write_text(settings.read_text().replace("Teststraße 1, 12345 Teststadt", "PLACEHOLDER"))
    project = project_copy(tmp_path / "project")
    out = tmp_path / "out"
    first = build(source, out, TODAY, project=project, search=False)
    page = out / "de/about/index.html"
    before = page.stat().st_ino
    again = build(source, out, TODAY, project=project, search=False)
    assert again.unchanged and again.files == 0
    assert again.pages == first.pages and again.warnings == first.warnings
    assert [(w.field, w.message) for w in first.warnings] == [("legal.address", "still a placeholder")]
    assert page.stat().st_ino == before
    # Any change to what the site is made from builds again: a template, a content file, an option.
    for change in (lambda: edit_template(source, project, 1), lambda: edit_release(source, project, 2)):
        change()
        assert not build(source, out, TODAY, project=project, search=False).unchanged
    assert not build(source, out, TODAY + dt.timedelta(days=1), project=project, search=False).unchanged
    assert not build(source, out, TODAY, project=project, search=False, cache=False).unchanged


def test_a_missing_output_file_is_written_again_even_when_nothing_changed(site, tmp_path):
    source = site()
    project = project_copy(tmp_path / "project")
    out = tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    (out / "de/about/index.html").unlink()
    (out / "static/css/site.css").unlink()
    report = build(source, out, TODAY, project=project, search=False)
    assert not report.unchanged
    assert (out / "de/about/index.html").is_file() and (out / "static/css/site.css").is_file()
    assert build(source, out, TODAY, project=project, search=False).unchanged


def test_the_next_build_process_takes_what_it_can_from_the_saved_memory(site, tmp_path, monkeypatch):
    source = site()
    project = project_copy(tmp_path / "project")
    out = tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    saved = project.cache / MEMORY_FILE
    assert saved.is_file()
    parsed = calls_to(monkeypatch, load_module, "split_front_matter", lambda text_file, digest: text_file.path)
    release = source / "content/press/2021-12-07-founded.de.md"
    release.write_text(release.read_text().replace("Allianz gegründet", "Allianz gegründet!"))
    memory = Memory.load(saved)
    again = kept(memory, load_site, source)
    assert parsed == ["content/press/2021-12-07-founded.de.md"]
    edited, *unchanged = sorted(again.documents["press"], key=lambda d: d.path != str(release.relative_to(source)))
    assert edited.front.value["title"].value.endswith("gegründet!")
    # Of unchanged releases only names and hashes are kept: no texts are held between builds.
    assert unchanged and all(isinstance(d, KnownFile) for d in unchanged)
    assert "Ein **Text**" not in saved.read_bytes().decode("utf-8", "replace")
    # Checked records and pages come from it too: the build process after this one redoes only the release.
    site_checked, _ = kept(memory, validate_site, again, TODAY)
    assert site_checked is not None and memory.hits > len(again.documents["press"])
    build(source, out, TODAY, project=project, search=False)
    assert "Allianz gegründet!" in (out / "de/press/2021-12-07-founded/index.html").read_text()
    # A damaged file, or one saved by other code, is ignored, never an error.
    saved.write_bytes(b"not a pickle")
    assert Memory.load(saved).empty
    saved.write_bytes(pickle.dumps("another version") + pickle.dumps({("file", "x"): None}))
    assert Memory.load(saved).empty
    assert len(kept(Memory.load(saved), load_site, source).documents["press"]) == len(again.documents["press"])


def test_a_partial_included_later_is_tracked_in_the_same_process(site, tmp_path):
    source = site()
    project = project_copy(tmp_path / "project")
    out = tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    partial = project.templates / "partials/extra.html"
    partial.write_text("<!-- extra one -->\n")
    page_template = project.templates / "page.html"
    page_template.write_text(page_template.read_text() + '{% include "partials/extra.html" %}\n')
    build(source, out, TODAY, project=project, search=False)
    assert "<!-- extra one -->" in (out / "de/about/index.html").read_text()
    partial.write_text("<!-- extra two -->\n")
    build(source, out, TODAY, project=project, search=False)
    assert "<!-- extra two -->" in (out / "de/about/index.html").read_text()


def test_a_changed_catalog_is_used_in_the_same_process(site, tmp_path):
    source = site()
    project = project_copy(tmp_path / "project")
    out = tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    assert "Zum Inhalt springen<" in (out / "de/about/index.html").read_text()
    edit_catalog(source, project, 7)
    build(source, out, TODAY, project=project, search=False)
    assert "Zum Inhalt springen 7<" in (out / "de/about/index.html").read_text()


def test_the_dev_server_rebuild_reads_validates_and_models_only_what_changed(site, tmp_path):
    source, project, out, memory = served(site, tmp_path)
    about = out / "de/about/index.html"
    before = about.stat().st_ino
    parsed = []
    original = load_module.split_front_matter

    def counting(text_file, digest):
        parsed.append(text_file.path)
        return original(text_file, digest)

    load_module.split_front_matter = counting
    try:
        # An edit of the same size within the same file-time tick is still seen (the text is compared).
        release = source / "content/press/2021-12-07-founded.de.md"
        for word in ("Eins", "Zwei"):
            release.write_text(release.read_text().replace("Allianz gegründet", f"Allianz {word}", 1)
                               if word == "Eins" else release.read_text().replace("Allianz Eins", "Allianz Zwei", 1))
            report = build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
            assert f"Allianz {word}" in (out / "de/press/2021-12-07-founded/index.html").read_text()
    finally:
        load_module.split_front_matter = original
    assert set(parsed) == {"content/press/2021-12-07-founded.de.md"}
    assert about.stat().st_ino == before  # unchanged pages stay as they are, in place
    assert 0 < report.files < 20
    # Deleting a version removes its page from the served site.
    (source / "content/press/2021-12-07-founded.en.md").unlink()
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert not (out / "en/press/2021-12-07-founded").exists()


def test_the_dev_server_takes_the_manifest_it_wrote_from_its_memory_while_the_file_is_that_one(site, tmp_path,
                                                                                                monkeypatch):
    source, project, out, memory = served(site, tmp_path)
    read = calls_to(monkeypatch, reuse_module, "read_manifest", lambda folder: folder)
    for n in (1, 2):
        edit_release(source, project, n)
        build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert read == []
    # A manifest written by another (here: one that forgot the about page) is read: the page is made again.
    manifest = read_manifest(out)
    del manifest["de/about/index.html"]
    written = out / MANIFEST
    written.write_text(json.dumps(manifest))
    about = out / "de/about/index.html"
    about.write_text("stale")
    edit_release(source, project, 3)
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert read == [out]
    assert about.read_text() != "stale"
    build(source, tmp_path / "clean", TODAY, project=project, search=False, cache=False)
    preview, clean = digest(out), digest(tmp_path / "clean")
    del preview[RECORD], clean[RECORD]  # the dev server's record names no inputs hash
    assert preview == clean


def test_a_changed_text_renders_again_only_the_pages_showing_it(site, tmp_path):
    source = site()
    project = project_copy(tmp_path / "project")
    for in_place in (False, True):  # a fresh process each time (memory on disk), and the dev server's process
        out, memory = tmp_path / f"out-{in_place}", Memory() if in_place else None
        build(source, out, TODAY, project=project, search=False, memory=memory, in_place=in_place)
        before = read_manifest(out)
        edit_release(source, project, int(in_place))
        build(source, out, TODAY, project=project, search=False, memory=memory, in_place=in_place)
        after = read_manifest(out)
        # Not the lists, tag and partner pages showing its headline: only its page and the feed showing its text.
        assert {name for name in after if after[name] != before.get(name)} == {
            "de/press/2021-12-07-founded/index.html", "de/press/feed.xml"}
        assert f"Neuer Absatz {int(in_place)}." in (out / "de/press/2021-12-07-founded/index.html").read_text()


def test_a_page_failing_while_the_dev_server_renders_leaves_the_served_site_as_it_was(site, tmp_path):
    """A picture cut short is found when its copies are made, after other pages (the feeds) were rendered."""
    source, project, out, memory = served(site, tmp_path)
    picture_release(source, project, 1)
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    edit_release(source, project, 1)  # the release's page and the feeds change too
    before = digest(out)
    fix = break_picture(source, project, 1)
    with pytest.raises(ProblemsFound):
        build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert digest(out) == before and not [path for path in out.rglob("*") if ".tmp-" in path.name]
    fix()
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert "Neuer Absatz 1." in (out / "de/press/2021-12-07-founded/index.html").read_text()


def test_pages_made_by_another_version_of_the_generator_are_made_again(site, tmp_path, monkeypatch):
    """A writer's or a library's change shows in no input file: the code's version is part of every fingerprint."""
    import sitegen.reuse.fingerprints

    source, project, out = site(), project_copy(tmp_path / "project"), tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    before = read_manifest(out)
    monkeypatch.setattr(sitegen.reuse.fingerprints, "code_version", lambda: "another version of the code")
    edit_release(source, project, 1)  # (the same code would render only the release's page and the feed again)
    build(source, out, TODAY, project=project, search=False)
    after = read_manifest(out)
    assert after.keys() == before.keys() and all(after[name] != before[name] for name in after)


def test_the_site_model_is_made_again_only_when_the_site_changed(site, tmp_path):
    source, project, out, memory = served(site, tmp_path)
    pages = memory.previous["site model", None][1]
    release_pages = memory.previous["release-pages", "2021-12-07-founded"][1]
    edit_template(source, project, 1)
    edit_release(source, project, 1)  # a text, not a field: the same site
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert memory.previous["site model", None][1] is pages
    # What the site model was made of is kept though not asked for, for the next build that makes it again …
    assert memory.previous["release-pages", "2021-12-07-founded"][1] is release_pages
    edit_partner(source, project, 1)
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert memory.previous["site model", None][1] is not pages
    # … as here: the site model is made again, but the release's pages (their records unchanged) are not.
    assert memory.previous["release-pages", "2021-12-07-founded"][1] is release_pages
    assert "Beta Cluster 1" in (out / "de/partners/beta/index.html").read_text()


def test_after_a_text_edit_only_the_pages_showing_it_are_fingerprinted_again(site, tmp_path, monkeypatch):
    source, project, out, memory = served(site, tmp_path)
    fingerprinted = calls_to(monkeypatch, Fingerprints, "of", lambda self, page: page.address.output)
    edit_release(source, project, 1)
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert sorted(fingerprinted) == ["de/press/2021-12-07-founded/index.html", "de/press/feed.xml"]
    fingerprinted.clear()
    edit_template(source, project, 1)  # a template's hash is part of every fingerprint using it: all again
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert len(fingerprinted) == len(read_manifest(out)) > 20


def test_what_fingerprints_are_made_of_is_kept_by_a_build_that_only_updated_them(site, tmp_path):
    source, project, out, memory = served(site, tmp_path)
    edit_release(source, project, 1)
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    # Every page's token and the tokens of shared records stay, for the next build that fingerprints every page.
    assert {key[1] for key in memory.previous if key[0] == "page"} == set(read_manifest(out))
    assert any(key[0] == "token" for key in memory.previous)


def version(file: Path) -> tuple[int, int]:
    """Return what tells one version of a file written whole (and replaced, never written into) from another."""
    info = file.stat()
    return info.st_ino, info.st_mtime_ns


def test_a_build_process_saves_its_memory_only_when_it_made_enough_anew(site, tmp_path):
    source = site()
    project = project_copy(tmp_path / "project")
    out, saved = tmp_path / "out", project.cache / MEMORY_FILE
    build(source, out, TODAY, project=project, search=False)
    first = version(saved)
    for n in (1, 2):  # a text edit makes a few results anew: the memory on disk stays, though it misses them
        edit_release(source, project, n)
        build(source, out, TODAY, project=project, search=False)
        assert version(saved) == first
        assert f"Neuer Absatz {n}." in (out / "de/press/2021-12-07-founded/index.html").read_text()
    edit_partner(source, project, 1)  # the site model is made again: saved
    report = build(source, out, TODAY, project=project, search=False)
    assert version(saved) != first  # written anew (as a new file: saved in the same tick of the clock, it differs)
    assert "Beta Cluster 1" in (out / "de/partners/beta/index.html").read_text()
    # The report holds what the build held, for a process that ends next and need not free it.
    assert isinstance(report.held, Memory) and report.held.previous


def test_a_template_may_show_only_the_texts_its_page_names(site):
    source = site()
    site_checked, _ = check(source)
    release = next(r for r in site_checked.releases if r.lang == "de")
    renderer = Renderer(site_checked, source, PROJECT / "templates", PROJECT / "i18n")
    page = OutPage(Address("de/press/x/"), "release", "de", "release.html")
    with pytest.raises(LookupError, match="de/press/x/index.html shows the text of "
                                          "content/press/2021-12-07-founded.de.md, which the page does not name"):
        renderer.markdown(page, release.body, "de")
    named = OutPage(Address("de/press/x/"), "release", "de", "release.html", texts=(release.body.path,))
    assert "Ein <strong>Text</strong>." in renderer.markdown(named, release.body, "de")


def kept(memory: Memory, stage, *args):
    """Return what `stage` returns with `memory` answering for the pieces of its work (see sitegen.steps)."""
    with steps.kept_by(memory):
        return stage(*args)


def remembered(source: Path) -> Memory:
    """Return the memory of a check of `source`, once its files are old enough to be trusted by their times."""
    memory = Memory()
    with steps.kept_by(memory):
        check(source)
    memory.forget_unused()
    time.sleep(RACY_NS / 1e9)
    return memory


def test_a_file_saved_while_the_build_reads_it_again_is_an_error_not_a_mix_of_two_texts(site, tmp_path):
    source = site()
    memory = remembered(source)
    de, en = (source / f"content/press/2021-12-07-founded.{lang}.md" for lang in ("de", "en"))
    de.write_text(de.read_text().replace("Ein **Text**.", "Ein neuer **Text**."))
    raw = kept(memory, load_site, source)
    assert any(isinstance(d, KnownFile) and d.path.endswith("founded.en.md") for d in raw.documents["press"])
    # The German version changed, so the release is checked again with the English one, read again now.
    en.write_text(en.read_text().replace("Some **text**.", "Some new **text**."))
    site_checked, problems = kept(memory, validate_site, raw)
    assert site_checked is None
    assert [p.format() for p in problems if not p.warning] == [
        "content/press/2021-12-07-founded.en.md:1: error: the file changed while the site was being built "
        "(build again now that it is saved)"]
    # Bodies are read when pages are rendered: a text other than the one checked is refused too.
    site_checked, _ = check(source)
    de.write_text(de.read_text() + "\nNicht geprüft.\n")
    release = next(r for r in site_checked.releases if r.lang == "de")
    with pytest.raises(ProblemsFound) as refused:
        Renderer(site_checked, source, PROJECT / "templates", PROJECT / "i18n").markdown(
            OutPage(Address("de/press/x/"), "release", "de", "release.html", texts=(release.body.path,)),
            release.body, "de")
    assert [p.format() for p in refused.value.problems] == [
        "content/press/2021-12-07-founded.de.md:1: error: the file changed while the site was being built "
        "(build again now that it is saved)"]


def test_the_dev_server_builds_a_whole_folder_again_when_the_record_of_the_served_one_is_gone(site, tmp_path):
    source, project, out, memory = served(site, tmp_path)
    (out / RECORD).unlink()
    (out / "de/about/index.html").unlink()
    edit_release(source, project, 3)
    build(source, out, TODAY, project=project, search=False, memory=memory, in_place=True)
    assert (out / "de/about/index.html").is_file() and (out / RECORD).is_file()


def test_records_held_by_the_thousands_have_no_dict_and_pickle_as_their_values():
    from sitegen.records import Body, Source
    from sitegen.pages.core import Address, Alternate

    for value in (Source("content/press/a.de.md", 1), Body("content/press/a.de.md", 8),
                  Alternate("de", "de/press/a/"), Address("de/press/a/")):
        assert not hasattr(value, "__dict__")
        again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == value and type(again) is type(value)
    assert Address("de/press/").output == "de/press/index.html"


def test_a_rendered_page_knows_the_files_it_was_made_from(site):
    source = site()
    site_checked, _ = check(source)
    release = next(r for r in site_checked.releases if r.lang == "de")
    pages = build_pages(site_checked, TODAY, load_outlines(PROJECT / "data/geo/dach-outlines.json"), False)
    page = next(p for p in pages if p.address.path == f"de/press/{release.key}/")
    renderer = Renderer(site_checked, source, PROJECT / "templates", PROJECT / "i18n")
    inputs = renderer.inputs(page)
    assert {release.source.path, "data/site.yaml", "templates/release.html", "templates/base.html",
            "i18n/de/LC_MESSAGES/messages.po"} <= inputs


def test_file_hashes_are_kept_by_stat_only_for_files_older_than_a_time_tick_and_see_every_change(tmp_path, monkeypatch):
    folder = tmp_path / "files"
    folder.mkdir()
    first, second = folder / "a.md", folder / "b.md"
    first.write_text("eins")
    second.write_text("zwei")
    time.sleep(RACY_NS / 1e9 + 0.1)
    hashes = FileHashes()
    assert hashes.of(str(first)) == hashlib.sha256(b"eins").digest()
    hashes.of(str(second))
    saved = tmp_path / "hashes.pickle"
    hashes.save(saved)
    again = FileHashes.load(saved)
    assert again.of(str(first)) == hashlib.sha256(b"eins").digest() and again.read == 0
    # The same size and the same modification time: the change time still tells, and the text is read.
    times = first.stat()
    first.write_text("drei")
    os.utime(first, ns=(times.st_atime_ns, times.st_mtime_ns))
    changed = first.stat().st_ctime_ns  # the clock stands still from then on, however busy the machine
    monkeypatch.setattr(versions, "time", types.SimpleNamespace(time_ns=lambda: changed))
    assert again.of(str(first)) == hashlib.sha256(b"drei").digest() and again.read == 1
    assert str(first) not in again.known  # changed just now: not trusted until a tick has passed
    assert inputs_digest([folder], "options", again) == inputs_digest([folder], "options")
    assert FileHashes.load(tmp_path / "missing.pickle").known == {}


@pytest.mark.parametrize("text, body", [("---\ntitle: x\n---\nBody\n\nmore\n", "Body\n\nmore\n"),
                                        ("---\ntitle: x\n---\n", ""), ("---\ntitle: x\n---", ""),
                                        ("---\n---\n\n\nText", "\n\nText"), ("---\ntitle: x\n...\nBody", "Body")])
def test_a_body_is_read_again_from_its_first_line(tmp_path, text, body):
    (tmp_path / "a.md").write_text(text)
    document = split_front_matter(TextFile("a.md", text))
    assert read_body(tmp_path, "a.md", document.body_line, document.digest) == body


def test_an_unchanged_data_file_is_checked_again_when_what_it_refers_to_changes(site, tmp_path):
    source = site()
    memory = remembered(source)
    vocabularies = source / "data/vocabularies.yaml"
    vocabularies.write_text(vocabularies.read_text().replace("  orthopaedics: {de: Orthopädietechnik, en: Orthopaedic "
                                                             "technology}\n", ""))
    raw = kept(memory, load_site, source)
    assert isinstance(raw.data["partners"], KnownFile)  # not read: only its name and hash come from the memory
    site_checked, problems = kept(memory, validate_site, raw)
    assert site_checked is None
    assert [p.format() for p in problems if not p.warning] == [
        "data/partners.yaml:23: error: focus_areas[1]: unknown focus area 'orthopaedics' (one of: imaging)"]


def test_the_memory_holds_one_build_not_two():
    memory = Memory()
    old = ("a", ["x"])
    memory.result("page", "a", old, lambda: "token a")
    memory.stage("site model", (1,), lambda: memory.result("listed", 1, (1,), lambda: "item") and ["pages"])
    memory.forget_unused()
    # A result found by equal inputs keeps the new ones (the old can go; next time identity decides at once).
    new = ("a", ["x"])
    assert memory.result("page", "a", new, lambda: "made") == "token a" and memory.hits == 1
    assert memory.current["page", "a"][0] is new
    # A result made again replaces the old entry at once, not when the build ends.
    assert memory.result("page", "b", (2,), lambda: "b") == "b" and ("page", "b") not in memory.previous
    # A stage made again lets its old result go before it is made.
    held = []
    memory.stage("site model", (2,), lambda: held.append(("site model", None) in memory.previous) or ["new"])
    assert held == [False] and memory.made == 1 + Memory.WORTH_SAVING
    assert memory.worth_saving
    memory.forget_unused()
    assert not memory.worth_saving and memory.made == 0


def test_the_new_site_is_made_from_the_spare_without_writing_into_the_published_one(site, tmp_path, monkeypatch):
    made_from_spare = calls_to(monkeypatch, write_module, "publish", lambda *args: args[5])
    source = site()
    project = project_copy(tmp_path / "project")
    out, spare = tmp_path / "out", tmp_path / ".out.spare"
    build(source, out, TODAY, project=project, search=False)
    edit_release(source, project, 1)
    build(source, out, TODAY, project=project, search=False)  # site 2, its unchanged files linked from site 1
    second = digest(out)
    assert spare.is_dir()
    retitle_release(source, project, 2)  # pages unchanged from 1 to 2 change now: shared files in the spare
    edit_partner(source, project, 2)
    build(source, out, TODAY, project=project, search=False)  # made from the spare (site 1)
    build(source, tmp_path / "clean", TODAY, project=project, search=False, cache=False)
    assert digest(out) == digest(tmp_path / "clean")
    assert digest(spare) == second  # site 2, swapped out: none of its files was written through a link
    assert made_from_spare == [False, False, True, False]  # the last: the clean build
    # A build with search does not use the spare; a site with a search index is not kept as one.
    build(source, out, TODAY, project=project, search=True)
    for n in (3, 4):
        edit_release(source, project, n)
        build(source, out, TODAY, project=project, search=False)
        build(source, tmp_path / f"clean-{n}", TODAY, project=project, search=False, cache=False)
        assert digest(out) == digest(tmp_path / f"clean-{n}")
        assert spare.exists() == (n == 4)
    assert made_from_spare[4:] == [False, True, False, False, False]  # search; spare of site 3; no spare


def test_an_edit_taken_back_finds_its_pages_in_the_spare_and_renders_nothing_again(site, tmp_path, monkeypatch):
    source = site()
    project = project_copy(tmp_path / "project")
    out = tmp_path / "out"
    release = source / "content/press/2021-12-07-founded.de.md"
    original = release.read_text()
    build(source, out, TODAY, project=project, search=False)
    edit_release(source, project, 1)
    build(source, out, TODAY, project=project, search=False)  # the spare is the first site now
    rendered = calls_to(monkeypatch, Renderer, "render", lambda self, page: page.address.output)
    release.write_text(original)
    report = build(source, out, TODAY, project=project, search=False)
    assert rendered == [] and report.files == 2  # the manifest and the record
    build(source, tmp_path / "clean", TODAY, project=project, search=False, cache=False)
    assert digest(out) == digest(tmp_path / "clean")


def test_the_site_model_does_not_depend_on_the_base_url(site):
    """The pipeline makes it from the validated site and only renders with another base URL (a preview)."""
    site_checked, _ = check(site())
    elsewhere = dataclasses.replace(site_checked, config=dataclasses.replace(site_checked.config,
                                                                             base_url="http://127.0.0.1:8000/"))
    outlines = load_outlines(PROJECT / "data/geo/dach-outlines.json")

    def model(site) -> list:  # the browser editor's configuration names the published site and its repository
        return [page for page in build_pages(site, TODAY, outlines) if page.kind != "admin-config"]

    assert model(site_checked) == model(elsewhere)


def test_library_versions_are_those_installed_as_read_from_the_import_path(tmp_path, monkeypatch):
    from importlib.metadata import version

    from sitegen.reuse.stored import library_versions
    assert library_versions(("Markdown", "nh3", "PyYAML")) == (
        f"markdown={version('markdown')};nh3={version('nh3')};pyyaml={version('pyyaml')}")
    first, later = tmp_path / "first", tmp_path / "later"
    (first / "Some.Lib-2.0.1.dist-info").mkdir(parents=True)
    (later / "some_lib-1.0.dist-info").mkdir(parents=True)  # later on the path: not the one imported
    monkeypatch.setattr("sys.path", [str(tmp_path / "missing"), str(first), str(later)])
    assert library_versions(("some-lib", "other")) == "other=?;some_lib=2.0.1"
    # Installed otherwise (no .dist-info folder on the path): asked for through importlib.metadata.
    monkeypatch.setattr("importlib.metadata.version", lambda name: {"other": "7.1"}[name])
    assert library_versions(("some-lib", "other")) == "other=7.1;some_lib=2.0.1"


def test_with_nothing_to_compare_with_the_render_workers_fingerprint_the_pages(site, tmp_path, monkeypatch):
    """A build without cache (or earlier site) renders every page: the worker rendering a page makes its
    fingerprint too, and the manifest is the one a build fingerprinting pages before rendering writes."""
    from sitegen import parallel

    source, project = site(), project_copy(tmp_path / "project")
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
    every = calls_to(monkeypatch, Fingerprints, "every", lambda self, pages: len(pages))
    each = calls_to(monkeypatch, Fingerprints, "of", lambda self, page: page.address.output)
    build(source, tmp_path / "cold", TODAY, project=project, search=False, cache=False)
    assert every == [] and each == []  # the workers noted their calls in their own copies of the list
    build(source, tmp_path / "cached", TODAY, project=project, search=False)
    assert len(every) == 1 and len(each) > 20
    manifest = read_manifest(tmp_path / "cold")
    assert manifest == read_manifest(tmp_path / "cached") and len(manifest) > 20
    assert digest(tmp_path / "cold") == digest(tmp_path / "cached")


def test_carried_entries_are_kept_at_the_end_of_the_build_unless_made_anew_or_dropped():
    memory = Memory()
    for name in ("a", "b", "c"):
        memory.result("part", name, (name,), lambda name=name: name.upper())
    memory.result("part", None, ("whole",), lambda: "whole")
    memory.result("other", "x", ("x",), lambda: "X")
    memory.forget_unused()
    memory.carry(frozenset({"part"}))
    assert memory.result("part", "a", ("a",), lambda: "new") == "A"  # still found during the build
    assert memory.result("part", "b", ("changed",), lambda: "B2") == "B2"  # made anew: the new one is kept
    memory.drop("part")  # the whole (name None) goes, carried or not
    memory.forget_unused()
    assert {key: entry[1] for key, entry in memory.previous.items()} == {
        ("part", "a"): "A", ("part", "b"): "B2", ("part", "c"): "C"}  # "other" was neither asked for nor carried
    memory.forget_unused()
    assert memory.previous == {}  # carrying lasts one build
