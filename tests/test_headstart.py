"""While a cold build loads and checks the site, a worker converts release texts ahead; the pages stay the same."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from sitegen import markup, parallel, steps
from sitegen.reuse import headstart, wrap
from sitegen.reuse.wrap import Keeper
from sitegen.reuse.memory import Memory
from sitegen.reuse.stored import Stored
from sitegen.reuse.headstart import HeadStart
from sitegen.pipeline import Project, build
from sitegen.problems import ProblemsFound
from sitegen.source import text_digest
from test_build import digest

TODAY = dt.date(2026, 11, 23)


def _every_text_converted(monkeypatch) -> list:
    """Make `HeadStart.take` wait until every text offered is converted (a build's loading is never that slow);
    return the list to which each take adds how many it took."""
    taken = []
    take = HeadStart.take

    def waiting(self):
        for batch in self.batches:
            batch.wait(60)
        converted = take(self)
        taken.append(len(converted))
        return converted

    monkeypatch.setattr(HeadStart, "take", waiting)
    return taken


def _conversions_here(monkeypatch) -> list:
    """Render in this process and return the list to which every text the render stage converts is added."""
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 10**9)
    converted = []
    convert = markup.convert

    def counting(text, lang):
        converted.append(text)
        return convert(text, lang)

    monkeypatch.setattr(markup, "convert", counting)
    return converted


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "s40"
    write_corpus(40, folder)  # 80 release texts
    return folder


def test_texts_converted_ahead_give_the_very_pages_the_render_stage_makes(corpus, tmp_path, monkeypatch):
    project = Project(cache=tmp_path / "cache")
    build(corpus, tmp_path / "alone", TODAY, project=project, search=False, cache=False)
    taken = _every_text_converted(monkeypatch)
    converted_here = _conversions_here(monkeypatch)
    running = []  # processes running when the render stage starts (render workers are forked then)
    render_all = wrap.render_all
    monkeypatch.setattr(wrap, "render_all", lambda *args: (running.extend(multiprocessing.active_children()),
                                                            render_all(*args))[1])
    build(corpus, tmp_path / "ahead", TODAY, project=project, search=False, cache=False)
    assert taken == [80] and running == []
    # The render stage converted only the plain pages' texts: every release text came from the worker.
    releases = {file.read_text().split("\n---\n", 1)[1] for file in (corpus / "content/press").glob("*.md")}
    assert len(releases) == 80 and converted_here and not releases & set(converted_here)
    assert digest(tmp_path / "ahead") == digest(tmp_path / "alone")


def test_the_render_stage_takes_a_text_converted_ahead_only_for_its_text_and_language(tmp_path):
    from sitegen.geo import load_outlines
    from sitegen.pages import build_pages
    from sitegen.pipeline import PROJECT, check
    from sitegen.render import Renderer
    from support.minimal_site import write_site

    source = write_site(tmp_path / "site")
    site, _ = check(source)
    pages = build_pages(site, TODAY, load_outlines(PROJECT / "data/geo/dach-outlines.json"), False)
    page = next(p for p in pages if p.address.output == "de/press/2021-12-07-founded/index.html")
    path = "content/press/2021-12-07-founded.de.md"

    def shown(converted: dict) -> str:
        keeper = Keeper(Memory(enabled=False), Stored(None), None)
        keeper.converted = {(digest.hex(), lang): packed for (_, digest, lang), packed in converted.items()}
        with steps.kept_by(keeper):
            return Renderer(site, source, PROJECT / "templates", PROJECT / "i18n").render(page).content.decode()

    ahead = headstart.packed("<h1>Vorweg</h1><script>x()</script>")
    assert "<h2>Vorweg</h2>" in shown({(path, site.texts[path], "de"): ahead})  # finished and sanitised as ever
    assert "script" not in shown({(path, site.texts[path], "de"): ahead}).split("<main", 1)[1].split("</main>")[0]
    for other in [(path, text_digest("another text"), "de"), (path, site.texts[path], "en")]:
        assert "Vorweg" not in shown({other: ahead})


def test_the_worker_leaves_out_a_text_changed_or_gone_since_it_was_read(tmp_path):
    (tmp_path / "content/press").mkdir(parents=True)
    text = "---\ntitle: T\n---\n# Eins\n\nZwei *drei*.\n"
    (tmp_path / "content/press/a.de.md").write_text(text)
    (tmp_path / "content/press/b.de.md").write_text(text)
    done = headstart._convert_batch(tmp_path, [("content/press/a.de.md", text_digest(text), 4, "de"),
                                               ("content/press/b.de.md", text_digest(text + "x"), 4, "de"),
                                               ("content/press/c.de.md", text_digest(text), 4, "de")])
    body = markup.convert("# Eins\n\nZwei *drei*.\n", "de")
    assert [(key, headstart.unpacked(packed)) for key, packed in done] == [
        (("content/press/a.de.md", text_digest(text), "de"), body)]


def test_only_a_build_remembering_nothing_starts_the_worker_and_none_is_left_running(corpus, tmp_path, monkeypatch):
    offered = []
    offer = HeadStart.offer
    monkeypatch.setattr(HeadStart, "offer", lambda self, *text: (offered.append(text[0]), offer(self, *text)))
    project = Project(cache=tmp_path / "cache")
    build(corpus, tmp_path / "out", TODAY, project=project, search=False)  # the first one: nothing remembered
    assert len(offered) == 80 and all(name.startswith("content/press/") for name in offered)
    assert not multiprocessing.active_children()
    offered.clear()
    release = next((corpus / "content/press").glob("*.de.md"))
    original = release.read_text()
    try:
        release.write_text(original + "\nNoch ein Satz.\n")
        build(corpus, tmp_path / "out", TODAY, project=project, search=False)  # the memory of the last build
        assert offered == []
        # A build refused for a mistake stops the worker too.
        release.write_text(original.replace("date:", "date: 2026-13-01\nold_date:", 1))
        with pytest.raises(ProblemsFound):
            build(corpus, tmp_path / "refused", TODAY, project=project, search=False, cache=False)
        assert len(offered) == 80
        deadline = time.monotonic() + 120  # generous: the machine may be busy
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not multiprocessing.active_children()
    finally:
        release.write_text(original)
