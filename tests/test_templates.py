"""A broken template or catalog is reported at its file and line, like an editor's mistake, and the site stays as it
was."""
from __future__ import annotations

import pickle

import pytest

from sitegen import parallel
from sitegen.localize import catalog_problems
from sitegen.pipeline import build
from sitegen.problems import Problem, ProblemsFound
from test_build import TODAY, digest
from test_incremental import project_copy

PARTIAL = "partials/release_list.html"


def broken(original: str) -> list[tuple[str, str]]:
    """Return (broken text of the release-list partial, the problem reported) for each kind of template mistake."""
    last = original.count("\n") + 1
    return [
        (original + "{% if %}\n",
         f"templates/{PARTIAL}:{last}: error: template syntax error: Expected an expression, got 'end of statement block' "
         "(valid Jinja syntax)"),
        ('{% include "partials/gone.html" %}\n' + original,
         f"templates/{PARTIAL}:1: error: the template 'partials/gone.html' it uses is missing (a file in templates/)"),
        (original.replace("item.release.title }}", "item.release.headline }}"),
         f"templates/{PARTIAL}:5: error: template error on de/partners/alpha/index.html: 'sitegen.records.texts.Release object' "
         "has no attribute 'headline' (a template that renders every page)"),
        (original.replace("item.release.title }}", "item.release.title | shout }}"),
         f"templates/{PARTIAL}:5: error: template error on de/partners/alpha/index.html: No filter named 'shout'. "
         "(a template that renders every page)"),
    ]


@pytest.mark.parametrize("workers", [False, True])
def test_a_broken_template_is_reported_at_its_line_and_the_site_stays(site, tmp_path, monkeypatch, workers):
    if workers:  # the problem comes back from a worker process
        monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
    source, project = site(), project_copy(tmp_path / "project")
    out = tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    before = digest(out)
    partial = project.templates / PARTIAL
    original = partial.read_text()
    assert "{{ item.release.title }}" in original.split("\n")[4]
    for text, expected in broken(original):
        partial.write_text(text)
        for cache in (True, False):
            with pytest.raises(ProblemsFound) as found:
                build(source, out, TODAY, project=project, search=False, cache=cache)
            assert [problem.format() for problem in found.value.problems] == [expected]
            assert digest(out) == before
    partial.write_text(original)
    build(source, out, TODAY, project=project, search=False)
    assert digest(out) == before


CATALOG = "i18n/de/LC_MESSAGES/messages.po"
EXPECTED = '(msgid "English text" then msgstr "its translation", each text in double quotes)'


def test_a_broken_catalog_is_reported_at_its_line_and_the_site_stays(site, tmp_path):
    source, project = site(), project_copy(tmp_path / "project")
    out = tmp_path / "out"
    build(source, out, TODAY, project=project, search=False)
    before = digest(out)
    catalog = project.i18n / "de/LC_MESSAGES/messages.po"
    original = catalog.read_text()
    lines = original.split("\n")
    line = lines.index('msgid "Skip to content"') + 1
    assert lines[line] == 'msgstr "Zum Inhalt springen"'
    placeholder_line = next(number for number, text in enumerate(lines, start=1)
                            if text.startswith('msgstr "%(total)s Cluster-Organisationen'))
    for text, expected in [
        (original.replace('msgstr "Zum Inhalt springen"', 'msgstr "Zum Inhalt springen'),
         f"{CATALOG}:{line + 1}: error: a text is not closed by a double quote {EXPECTED}"),
        (original.replace('msgid "Skip to content"', 'msgi "Skip to content"'),
         f"{CATALOG}:{line}: error: catalog error: Unknown or misformatted keyword {EXPECTED}"),
        (original.replace('msgstr "Zum Inhalt springen"', '"Zum Inhalt springen"'),
         f"{CATALOG}:{line}: error: catalog error: missing msgstr for msgid 'Skip to contentZum Inhalt springen' {EXPECTED}"),
        (original.replace("Zum Inhalt springen", "Zum Inhalt springen \udcff"),
         f"{CATALOG}:{line + 1}: error: the file is not valid UTF-8 (byte {len(original.split('Zum Inhalt springen')[0].encode()) + 20})"
         " (save the file as UTF-8)"),
        (original.replace('msgstr "%(total)s Cluster', 'msgstr "%(cont)s Cluster'),
         f"{CATALOG}:{placeholder_line}: error: the translation's placeholder %(cont)s is not in its msgid "
         "(the placeholders of its msgid (%(total)s); a percent sign written %%)"),
        (original.replace('msgstr "%(total)s Cluster-Organisationen', 'msgstr "%(total)s (100 %) Cluster-Organisationen'),
         f"{CATALOG}:{placeholder_line}: error: the translation has a percent sign that is no placeholder "
         "(the placeholders of its msgid (%(total)s); a percent sign written %%)"),
        (original.replace('msgstr "Zum Inhalt springen"', 'msgstr "100 % Inhalt"'),
         f"{CATALOG}:{line + 1}: error: the translation has a percent sign that is no placeholder "
         "(no placeholder, as its msgid has none; a percent sign written %%)"),
    ]:
        catalog.write_bytes(text.encode("utf-8", "surrogateescape"))
        with pytest.raises(ProblemsFound) as found:
            build(source, out, TODAY, project=project, search=False)
        assert [problem.format() for problem in found.value.problems] == [expected]
        assert digest(out) == before
        assert [problem.format() for problem in catalog_problems(project.i18n, "de")] == [expected]  # build.py check
    assert catalog_problems(project.i18n, "en") == []
    catalog.unlink()
    expected = (f"{CATALOG}:1: error: the catalog of the language is missing "
                "(a catalog for every language of data/site.yaml: make i18n-update)")
    with pytest.raises(ProblemsFound) as found:
        build(source, out, TODAY, project=project, search=False)
    assert [problem.format() for problem in found.value.problems] == [expected]
    assert [problem.format() for problem in catalog_problems(project.i18n, "de")] == [expected]
    assert digest(out) == before


def test_problems_found_cross_processes_whole():
    problems = [Problem("b.yaml", 2, "x", "wrong"), Problem("a.yaml", 1, "", "missing", "a file")]
    again = pickle.loads(pickle.dumps(ProblemsFound(problems)))
    assert isinstance(again, ProblemsFound) and again.problems == sorted(problems)


def test_check_lists_a_catalogs_mistake_with_the_datas(site, tmp_path, monkeypatch, capfd):
    from sitegen import cli, pipeline
    from support.minimal_site import PARTNERS

    project = project_copy(tmp_path / "project")
    catalog = project.i18n / "de/LC_MESSAGES/messages.po"
    catalog.write_text(catalog.read_text().replace('msgstr "Zum Inhalt springen"', 'msgstr "Zum Inhalt springen'))
    line = catalog.read_text().split("\n").index('msgstr "Zum Inhalt springen') + 1
    monkeypatch.setattr(pipeline, "Project", lambda: project)
    source = site({"data/partners.yaml": PARTNERS.replace("country: AT", "country: FR")})
    assert cli.main(["check", "--source", str(source)]) == 1
    assert capfd.readouterr().err.splitlines() == [
        "data/partners.yaml:18: error: country: unknown country 'FR' (DE, AT or CH)",
        f"{CATALOG}:{line}: error: a text is not closed by a double quote {EXPECTED}",
        "data/events.yaml:1: warning: not compared with the last published version (no git history here): a changed "
        "time, place or status needs a later updated: date",  # (a site folder in tmp, not in git)
        "2 problems found; nothing was built."]


def test_a_facet_offering_no_choice_is_not_shown_but_its_pages_are_built(site, tmp_path):
    """A facet whose items all share one value ("Partnership: Member (16)") filtered nothing; its page stays."""
    from support.minimal_site import PARTNERS

    out = tmp_path / "out"
    build(site({"data/partners.yaml": PARTNERS.replace("kind: associated", "kind: member")}), out, TODAY, search=False)
    partners = (out / "de/partners/index.html").read_text()
    assert '<select name="country">' in partners and '<select name="focus">' in partners
    assert 'name="kind"' not in partners and "/de/partners/kind/" not in partners
    member = (out / "de/partners/kind/member/index.html").read_text()  # its address keeps working
    assert 'name="kind"' not in member and '<a href="/sub/de/partners/">Alle zeigen</a>' in member
    # The one event offers no choice at all: no filter, while its kind's page is built, leading back.
    events = (out / "en/events/index.html").read_text()
    assert "data-filter-form" not in events and 'id="filter-heading"' not in events
    fair = (out / "en/events/kind/trade-fair/index.html").read_text()
    assert "data-filter-form" not in fair and '<a href="/sub/en/events/">Show all</a>' in fair
    build(site(), out, TODAY, search=False)  # two kinds of partnership: a choice
    assert '<select name="kind">' in (out / "de/partners/index.html").read_text()


def test_rendering_pages_leaves_no_macros_behind(site):
    """A build collects no cycles (sitegen.pipeline.build): a macro module imported with context was made anew for
    every page and stayed until the build's end (the motto in the layout: 25 MB more at S(2000), 60 MB at S(5000))."""
    import gc

    import jinja2.runtime

    from sitegen.geo import load_outlines
    from sitegen.pages import build_pages
    from sitegen.pipeline import PROJECT, check
    from sitegen.render import Renderer

    source = site()
    checked, _ = check(source)
    renderer = Renderer(checked, source, PROJECT / "templates", PROJECT / "i18n")
    pages = [page for page in build_pages(checked, TODAY, load_outlines(PROJECT / "data/geo/dach-outlines.json"))
             if page.address.output.endswith(".html")]
    for page in pages:  # every kind of page, once: templates compiled, modules imported without context made
        renderer.render(page)

    def modules() -> int:  # what a macro module imported with context left: its macros and their contexts
        return sum(isinstance(found, (jinja2.runtime.Macro, jinja2.runtime.Context)) for found in gc.get_objects())

    gc.collect()
    gc.disable()
    try:
        before = modules()
        for page in pages:
            renderer.render(page)
        assert modules() == before
    finally:
        gc.enable()
