"""Counts of partners in texts: placeholders filled in from the data, and the check of counts written in texts."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import run_cli
from sitegen import counts, markup
from sitegen.claims import Claim, find
from sitegen.reuse.memory import Memory
from sitegen.pipeline import Project, build, check
from sitegen.problems import Problem, ProblemsFound
from support.minimal_site import EVENTS, PARTNERS, RELEASE_DE, SITE, partner_entry
from test_build import digest
from test_incremental import site_files

TODAY = dt.date(2026, 11, 23)

GAMMA = partner_entry("gamma", "CH", "CH-ZH", "Zürich", (47.37, 8.54))
THREE = PARTNERS + GAMMA
"""Alpha (DE, member, board), Beta (AT, associated), Gamma (CH, member)."""
FOUR = THREE + GAMMA.replace("gamma", "delta").replace("Gamma", "Delta").replace("CH-ZH", "CH-BE").replace(
    "Zürich", "Bern")
"""Three, and Delta (CH, member)."""


def about(body: str) -> str:
    """Return a German about page with `body` after four lines of front matter (its first line is line 5)."""
    return f"---\ntitle: Über uns\ndescription: Wer wir sind.\n---\n{body}"


def problems_of(source: Path, path: str) -> list[Problem]:
    """Return the problems `check` finds in one file of a site."""
    return [problem for problem in check(source, today=TODAY)[1] if problem.path == path]


def text_of(out: Path, page: str) -> str:
    """Return the text of a built page's main part, its tags taken out and its spaces made one."""
    html = (out / page).read_text(encoding="utf-8")
    main = html[html.index("<main"):html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def project(tmp_path: Path) -> Project:
    """Return the project with a cache folder of the test's own."""
    return Project(cache=tmp_path / "cache")


def test_a_count_the_data_contradicts_is_warned_of_at_its_line_naming_the_placeholder(site):
    source = site({"data/partners.yaml": THREE,
                   "content/pages/about.de.md": about("Wir sind eine Allianz.\n\nHeute arbeiten zehn Partner zusammen.\n")})
    assert problems_of(source, "content/pages/about.de.md") == [Problem(
        "content/pages/about.de.md", 7, "", "'zehn Partner' says 10 partners, but data/partners.yaml has 3",
        "write {partners} instead of the number: the build puts in the one from the data", warning=True)]


def test_build_py_check_prints_the_warning_and_builds_the_site_anyway(site, tmp_path):
    source = site({"data/partners.yaml": THREE, "content/pages/about.de.md": about("Sechzehn Partner.\n")})
    warning = Problem("content/pages/about.de.md", 5, "", "'Sechzehn Partner' says 16 partners, but "
                      "data/partners.yaml has 3", "write {partners} instead of the number: the build puts in the one "
                      "from the data", warning=True)
    result = run_cli("check", "--source", str(source))
    assert result.returncode == 0 and warning.format() in result.stdout + result.stderr
    report = build(source, tmp_path / "out", TODAY, project=project(tmp_path), search=False)
    assert warning in report.warnings


def test_a_placeholder_gives_the_count_from_the_data_and_follows_it_in_every_kind_of_build(site, tmp_path):
    """Three partners, then four: the clean build, the next build process and the dev server's build all say so."""
    text = about("Wir sind {partners} Partner, {partners.CH} davon in der Schweiz.\n\n## Mitglieder: {partners.member}\n")
    source = site({"data/partners.yaml": THREE, "content/pages/about.de.md": text})
    assert problems_of(source, "content/pages/about.de.md") == []
    setup = project(tmp_path)
    incremental, served, memory = tmp_path / "incremental", tmp_path / "served", Memory()
    build(source, incremental, TODAY, project=setup, search=False)
    build(source, served, TODAY, project=setup, search=False, memory=memory, in_place=True)
    for out in (incremental, served):
        assert "Wir sind 3 Partner, 1 davon in der Schweiz. Mitglieder: 2" in text_of(out, "de/about/index.html")
    (source / "data/partners.yaml").write_text(FOUR, encoding="utf-8")
    build(source, incremental, TODAY, project=setup, search=False)
    build(source, served, TODAY, project=setup, search=False, memory=memory, in_place=True)
    clean = tmp_path / "clean"
    build(source, clean, TODAY, project=project(tmp_path / "cold"), search=False, cache=False)
    assert "Wir sind 4 Partner, 2 davon in der Schweiz. Mitglieder: 3" in text_of(clean, "de/about/index.html")
    assert digest(incremental) == digest(clean) and site_files(served) == site_files(clean)


def test_the_texts_of_site_yaml_and_a_pages_title_are_filled_in(site, tmp_path):
    intro = "intro: {de: 'Heute zählt sie {partners} Partner.', en: 'Its partners now number {partners}.'}"
    source = site({"data/partners.yaml": THREE, "data/site.yaml": SITE.replace("intro: {de: Einleitung., en: "
                                                                               "Introduction.}", intro),
                   "content/pages/about.en.md": "---\ntitle: Our {partners} partners\ndescription: All "
                                                "{partners.AT} of Austria.\n---\nText.\n"})
    out = tmp_path / "out"
    build(source, out, TODAY, project=project(tmp_path), search=False)
    assert "Heute zählt sie 3 Partner." in text_of(out, "de/index.html")
    assert "Its partners now number 3." in text_of(out, "en/index.html")
    page = (out / "en/about/index.html").read_text(encoding="utf-8")
    assert ">Our 3 partners</h1>" in page and '<meta name="description" content="All 1 of Austria.">' in page


def test_a_count_in_site_yaml_is_warned_of_at_its_line_in_a_folded_text(site):
    intro = "intro:\n  de: >-\n    Die Allianz\n    vereint heute zehn\n    Partner.\n  en: Introduction.\n"
    source = site({"data/site.yaml": SITE.replace("intro: {de: Einleitung., en: Introduction.}\n", intro)})
    line = SITE.split("\n").index("intro: {de: Einleitung., en: Introduction.}") + 4
    assert problems_of(source, "data/site.yaml") == [Problem(
        "data/site.yaml", line, "intro.de", "'zehn Partner' says 10 partners, but data/partners.yaml has 2",
        "write {partners} instead of the number: the build puts in the one from the data", warning=True)]


def test_each_country_of_an_enumeration_is_compared_with_its_own_partners(site):
    text = about("Zwei deutsche, ein österreichischer\nund ein Schweizer Partner.\n")
    source = site({"data/partners.yaml": THREE, "content/pages/about.de.md": text})
    assert problems_of(source, "content/pages/about.de.md") == [Problem(
        "content/pages/about.de.md", 5, "", "'Zwei deutsche … Partner' says 2 partners from Germany, but "
        "data/partners.yaml has 1", "write {partners.DE} instead of the number: the build puts in the one from the "
        "data", warning=True)]


def test_the_only_partner_of_a_country_is_checked_in_a_partners_description(site):
    description = "description: {de: Der einzige Schweizer Partner., en: The only Swiss partner.}"
    source = site({"data/partners.yaml": FOUR.replace("description: {de: Gamma auf Deutsch., en: Gamma in English.}",
                                                      description, 1)})
    line = FOUR.split("\n").index("  description: {de: Gamma auf Deutsch., en: Gamma in English.}") + 1
    expected = "the number in data/partners.yaml, or a text without one (placeholders are filled in only in " \
               "data/site.yaml and content/pages/)"
    assert problems_of(source, "data/partners.yaml") == [
        Problem("data/partners.yaml", line, "description.de", "'einzige Schweizer Partner' says there is only one "
                "partner from Switzerland, but data/partners.yaml has 2", expected, warning=True),
        Problem("data/partners.yaml", line, "description.en", "'only Swiss partner' says there is only one partner "
                "from Switzerland, but data/partners.yaml has 2", expected, warning=True)]
    assert problems_of(site({"data/partners.yaml": THREE.replace(
        "description: {de: Gamma auf Deutsch., en: Gamma in English.}", description)}), "data/partners.yaml") == []


def test_an_events_count_of_its_own_organisers_is_no_count_of_the_alliance(site):
    events = EVENTS.replace("description: {de: Eine Messe., en: A fair.}",
                            "description: {de: Zwei Partner laden ein., en: One partner invites.}")
    by_two = events.replace("organisers: [alpha]", "organisers: [alpha, beta]")
    assert problems_of(site({"data/partners.yaml": THREE, "data/events.yaml": by_two}), "data/events.yaml") == []
    assert [problem.message for problem in problems_of(site({"data/partners.yaml": THREE, "data/events.yaml": events}),
                                                       "data/events.yaml")] \
        == ["'Zwei Partner' says 2 partners, but data/partners.yaml has 3"]


def test_an_unknown_placeholder_is_an_error_at_its_line_and_nothing_is_built(site, tmp_path):
    source = site({"content/pages/about.de.md": about("Text.\n\nWir sind {partner.DE} Partner.\n")})
    problem = Problem("content/pages/about.de.md", 7, "", "unknown placeholder {partner.DE}",
                      "did you mean {partners.DE}?")
    site_checked, found = check(source, today=TODAY)
    assert site_checked is None and problem in found
    with pytest.raises(ProblemsFound) as refused:
        build(source, tmp_path / "out", TODAY, project=project(tmp_path), search=False)
    assert problem in refused.value.problems and not (tmp_path / "out").exists()


def test_a_placeholder_where_nothing_fills_it_in_is_an_error(site):
    partners = PARTNERS.replace("description: {de: Alpha auf Deutsch., en: Alpha in English.}",
                                "description: {de: 'Einer von {partners}.', en: 'One of {partners}.'}")
    line = PARTNERS.split("\n").index("  description: {de: Alpha auf Deutsch., en: Alpha in English.}") + 1
    expected = "the number written out (placeholders are filled in only in data/site.yaml and content/pages/)"
    message = "the placeholder {partners} is not filled in here: the site would show it as written"
    assert problems_of(site({"data/partners.yaml": partners}), "data/partners.yaml") == [
        Problem("data/partners.yaml", line, "description.de", message, expected),
        Problem("data/partners.yaml", line, "description.en", message, expected)]


def test_press_releases_keep_their_numbers_and_a_placeholder_there_is_an_error(site, tmp_path):
    """A release speaks of its day: "Sechzehn Partner unterzeichneten" stays true, and a placeholder is not filled in
    (a build finds it when it renders the release, `build.py check` when it reads it)."""
    path = "content/press/2021-12-07-founded.de.md"
    release = RELEASE_DE.replace("Ein **Text**.", "Sechzehn Partner unterzeichneten.")
    assert problems_of(site({path: release}), path) == []
    release = RELEASE_DE.replace("Ein **Text**.", "Ein Text.\n\nHeute sind es {partners} Partner.")
    source = site({path: release})
    problem = Problem(path, RELEASE_DE.split("\n").index("Ein **Text**.") + 3, "",
                      "the placeholder {partners} is not filled in here: the site would show it as written",
                      "the number written out (placeholders are filled in only in data/site.yaml and content/pages/)")
    with pytest.raises(ProblemsFound) as refused:
        build(source, tmp_path / "out", TODAY, project=project(tmp_path), search=False)
    assert refused.value.problems == [problem]
    result = run_cli("check", "--source", str(source))
    assert result.returncode == 1 and problem.format() in result.stdout + result.stderr


def test_counts_are_formatted_for_the_language():
    many = {"{partners}": 1234}
    assert counts.fill("{partners} Partner", many, "de") == "1.234 Partner"
    assert counts.fill("{partners} partners, {other}", many, "en") == "1,234 partners, {other}"


@pytest.mark.parametrize("text", ["## Partner: {partners}", "Partner:\n{partners}", "*Partner:*{partners}"])
def test_markdown_keeps_a_placeholder_where_it_would_read_an_attribute_list(text):
    assert "{partners}" in markup.to_html(text, "de")
    assert 'id="ziele"' in markup.to_html("## Ziele {#ziele}", "de")


@pytest.mark.parametrize("lang, text, found", [
    ("de", "Sechzehn Cluster-Organisationen arbeiten zusammen.", [(16, "", "Sechzehn Cluster-Organisationen")]),
    ("en", "sixteen medical technology cluster organisations", [(16, "", "sixteen medical technology cluster "
                                                                        "organisations")]),
    ("de", "Zehn deutsche, fünf österreichische und ein Schweizer Partner",
     [(10, "DE", "Zehn deutsche … Partner"), (5, "AT", "fünf österreichische … Partner"),
      (1, "CH", "ein Schweizer Partner")]),
    ("en", "Ten German,\nfive Austrian and one Swiss partner", [(10, "DE", "Ten German … partner"),
                                                               (5, "AT", "five Austrian … partner"),
                                                               (1, "CH", "one Swiss partner")]),
    ("de", "Zehn Partner kommen aus Deutschland, fünf aus Österreich, einer aus der Schweiz.",
     [(10, "DE", "Zehn Partner kommen aus Deutschland"), (5, "AT", "fünf aus Österreich"),
      (1, "CH", "einer aus der Schweiz")]),
    ("de", "Partner aus Deutschland: 10", [(10, "DE", "Partner aus Deutschland: 10")]),
    ("de", "zwei assoziierte Mitglieder; drei Vorstandsmitglieder", [(2, "associated", "zwei assoziierte Mitglieder"),
                                                                   (3, "board", "drei Vorstandsmitglieder")]),
    ("de", "Die 16 Partner kommen aus Deutschland, Österreich und der Schweiz.", [(16, "", "16 Partner")]),
    ("de", "Einer von 16 Partnern; mit ihren SECHZEHN Partnern", [(16, "", "16 Partnern"),
                                                                 (16, "", "SECHZEHN Partnern")]),
])
def test_counts_are_found_as_written(lang, text, found):
    assert [(claim.number, claim.group, claim.words) for claim in find(text, lang)] == found


@pytest.mark.parametrize("lang, text", [
    ("de", "Zwei neue Partner kamen hinzu; mehr als zehn Partner; rund 16 Partner; mit zwei Partnern."),
    ("de", "Einer der Partner lädt ein. Ein Partner aus Österreich auch. Am 16. November 2021 die Partner."),
    ("en", "over 1,000 member companies; 16 partner regions; one of the partners; two more partners."),
    ("en", "Since MEDICA 2021 cluster organisations work together; about ten partners; a partner."),
])
def test_numbers_that_are_no_count_of_the_partners_now_are_not_taken_for_one(lang, text):
    assert find(text, lang) == []


def test_the_only_partner_of_a_country_is_a_count_of_one():
    assert find("Als einziger Schweizer Partner", "de") == [Claim(4, 1, "CH", True, "einziger Schweizer Partner")]
    assert find("the sole partner from Austria", "en") == [Claim(4, 1, "AT", True, "sole partner from Austria")]
