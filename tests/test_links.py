"""Links in texts to pages and files of the site: found with their lines, checked at every build, shown under the
site's base path."""
from __future__ import annotations

import re

import feedparser
import pytest

from conftest import run_cli
from sitegen import devserver, links
from sitegen.pipeline import build
from sitegen.problems import ProblemsFound
from support.minimal_site import EVENTS, RELEASE_DE, write_site
from test_build import TODAY, digest

RELEASE = "content/press/2021-12-07-founded.de.md"
BODY_LINE = 9
"""The line of RELEASE_DE on which its body starts."""


def linking(text: str) -> str:
    """Return the German release with `text` as its body."""
    return RELEASE_DE.replace("Ein **Text**.\n", text)


def errors(found: pytest.ExceptionInfo) -> list[str]:
    """Return the errors (not the warnings) a build refused with, as editors read them."""
    return [problem.format() for problem in found.value.problems if not problem.warning]


def test_find_names_each_link_to_the_site_with_its_line():
    body = ("Intro [a](/de/partners/x/) and [b](https://x.org) and [c](../contact/ \"title\") ![p](bild.jpg)\n"
            "![q](/static/img/logo.svg) [m](mailto:a@b.example) [h](#top) [s](//cdn.example/x)\n"
            "[ref]: /de/about/\n"
            "[^1]: a footnote, not a link\n"
            "```\n[code](/not/a/link/)\n```\n"
            "Some `[span](/nope/)` and <a href=\"/de/events/\">x</a> <img src=\"y.png\" alt=\"y\">\n")
    assert links.find(body, 10) == ((10, "../contact/"), (10, "/de/partners/x/"), (11, "#top"),
                                    (11, "/static/img/logo.svg"), (12, "/de/about/"), (17, "/de/events/"))
    assert links.find("No links here, [only brackets].\n", 1) == ()
    assert links.find("A [kit](<Presse Mappe.pdf>) and [x](</de/a b/>).\n", 1) == ((1, "/de/a b/"), (1, "Presse Mappe.pdf"))


def test_find_reads_code_spans_and_references_as_markdown_does():
    # A lone backtick opens no code span (the link after it is a link); a span ends at as many backticks as opened it.
    assert links.find("The key ` opens [the prices](/en/pricess/) page ``.\n", 1) == ((1, "/en/pricess/"),)
    assert links.find("``a ` [x](/no/) `` and `[y](/no/)` and `` `[z](/no/)` ``\n", 1) == ()
    assert links.find("A span `over [two](/no/)\nlines` ends there.\n\nBut ` not [past](/yes/) a blank line.\n",
                      1) == ((4, "/yes/"),)
    # References defined in a quote or a list item are references too.
    assert links.find("> Quote [about][p].\n>\n> [p]: /en/abut/\n\n- item [k][k]\n\n    [k]: kit.pdf\n", 1) == (
        (3, "/en/abut/"), (7, "kit.pdf"))


def test_find_takes_an_html_attribute_in_quotes_or_in_none():
    body = ("<a href=/en/partnerz/>partners</a> <a href='/de/about/'>a</a>\n"
            "<a title=x HREF = ../contact/ >c</a> <img src=/static/img/logo.svg alt=Logo> <img src=bild.jpg alt=b>\n")
    assert links.find(body, 5) == ((5, "/de/about/"), (5, "/en/partnerz/"), (6, "../contact/"),
                                   (6, "/static/img/logo.svg"))


def test_find_names_a_link_whose_text_wraps_at_the_line_it_starts_on_and_knows_a_wrapped_picture():
    body = ("A [link with\na [bracketed] text](/de/about/) and ![a picture\nof the signing](signing.jpg)\n"
            "and ![another\none](/static/img/logo.svg).\n\n[not a picture ![a](x.jpg) but\na link](figures.pdf)\n")
    assert links.find(body, 1) == ((1, "/de/about/"), (4, "/static/img/logo.svg"), (7, "figures.pdf"))


def test_an_unquoted_html_link_to_no_page_stops_the_build_at_its_line(site, tmp_path):
    source = site({RELEASE: linking("Unsere <a href=/en/partnerz/>Partner</a>.\n")})
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    assert errors(found) == [f"{RELEASE}:{BODY_LINE}: error: the link '/en/partnerz/' leads to no page of the site "
                             "(did you mean /en/partners/?)"]
    build(site({RELEASE: linking("Unsere <a href=/de/partners/>Partner</a>.\n")}), tmp_path / "out", TODAY, search=False)
    assert ('<a href="/sub/de/partners/" rel="noopener">Partner</a>'
            in (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text())


def test_a_link_to_no_page_stops_the_build_at_its_line_and_the_site_stays(site, tmp_path):
    out = tmp_path / "out"
    build(site(), out, TODAY, search=False)
    before = digest(out)
    source = site({RELEASE: linking("Zur [Messe](/de/events/fair-2026/), zum [Kontakt](../../contact/),\n"
                                    "zum [Impressum](../../impressum/) und [nach oben](#top).\n"
                                    "Alle [Partner](/sub/de/partners/).\n")})
    with pytest.raises(ProblemsFound) as found:
        build(source, out, TODAY, search=False)
    assert errors(found) == [
        f"{RELEASE}:{BODY_LINE}: error: the link '/de/events/fair-2026/' leads to no page of the site "
        "(did you mean /de/events/fair-2027/?)",
        f"{RELEASE}:{BODY_LINE + 1}: error: the link '../../impressum/' leads to /de/impressum/, no page of the site "
        "(an address of this site from the language on, such as /de/partners/)",
        f"{RELEASE}:{BODY_LINE + 2}: error: the link '/sub/de/partners/' leads to no page of the site "
        "(the address without /sub, which the build adds: /de/partners/)"]
    assert digest(out) == before


def test_a_link_within_the_site_is_shown_under_its_base_path(site, tmp_path):
    out = tmp_path / "out"
    build(site({RELEASE: linking("Zur [Messe](/de/events/fair-2027/#main), zum [Kontakt](../../contact/).\n")}),
          out, TODAY, search=False)
    page = (out / "de/press/2021-12-07-founded/index.html").read_text()
    assert '<a href="/sub/de/events/fair-2027/#main" rel="noopener">Messe</a>' in page
    assert '<a href="../../contact/" rel="noopener">Kontakt</a>' in page
    entry = feedparser.parse((out / "de/press/feed.xml").read_bytes()).entries[0]
    assert 'href="https://example.org/sub/de/events/fair-2027/#main"' in entry.content[0].value
    assert 'href="https://example.org/sub/de/contact/"' in entry.content[0].value
    build(site({RELEASE: linking("Zur [Messe](/de/events/fair-2027/).\n")}), out, TODAY,
          base_url="http://127.0.0.1:8000/", search=False)  # a preview elsewhere: the same text, another base
    page = (out / "de/press/2021-12-07-founded/index.html").read_text()
    assert '<a href="/de/events/fair-2027/" rel="noopener">Messe</a>' in page


def test_a_page_going_away_breaks_the_link_to_it_in_a_text_that_stayed(site, tmp_path):
    """The text did not change, so nothing about it is checked again: the links are checked at every build."""
    out = tmp_path / "out"
    source = site({RELEASE: linking("Zur [Messe](/de/events/fair-2027/).\n")})
    build(source, out, TODAY, search=False)
    before = digest(out)
    (source / "data/events.yaml").write_text(EVENTS.replace("fair-2027", "fair-2028"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        build(source, out, TODAY, search=False)
    assert errors(found) == [f"{RELEASE}:{BODY_LINE}: error: the link '/de/events/fair-2027/' leads to no page of the site "
                             "(did you mean /de/events/fair-2028/?)"]
    assert digest(out) == before


def test_the_dev_server_shows_a_broken_link_and_mending_it_brings_the_page_back(site, tmp_path):
    source = site()
    preview = devserver.Preview(source, tmp_path / "out", "http://127.0.0.1:8000/", TODAY)
    preview.rebuild()
    (source / RELEASE).write_text(linking("Zur [Messe](/de/events/fair-2026/).\n"), encoding="utf-8")
    preview.rebuild()
    assert [problem.format() for problem in preview.problems if not problem.warning] == [
        f"{RELEASE}:{BODY_LINE}: error: the link '/de/events/fair-2026/' leads to no page of the site "
        "(did you mean /de/events/fair-2027/?)"]
    (source / RELEASE).write_text(linking("Zur [Messe](/sub/de/events/fair-2027/).\n"), encoding="utf-8")
    preview.rebuild()  # served from the root, it names the published site's base path in its hint
    assert [problem.format() for problem in preview.problems if not problem.warning] == [
        f"{RELEASE}:{BODY_LINE}: error: the link '/sub/de/events/fair-2027/' leads to no page of the site "
        "(the address without /sub, which the build adds: /de/events/fair-2027/)"]
    (source / RELEASE).write_text(linking("Zur [Messe](/de/events/fair-2027/).\n"), encoding="utf-8")
    preview.rebuild()
    assert preview.problems == []
    page = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert '<a href="/de/events/fair-2027/" rel="noopener">Messe</a>' in page


def test_check_reports_a_broken_link_too(site):
    source = site({RELEASE: linking("Zur [Messe](/de/events/fair-2026/).\n")})
    result = run_cli("check", "--source", str(source))
    assert result.returncode == 1
    assert (f"{RELEASE}:{BODY_LINE}: error: the link '/de/events/fair-2026/' leads to no page of the site "
            "(did you mean /de/events/fair-2027/?)") in result.stdout + result.stderr


def test_an_unpublished_releases_links_are_checked_before_its_day(site, tmp_path):
    """Its text is on no page yet; left unchecked, a broken link would stop the build of its day of publication."""
    embargoed = linking("Zur [Messe](/de/events/fair-2026/).\n").replace("date: 2021-12-07", "date: 2026-12-01")
    draft = linking("Zur [Messe](../../events/fair-2026/).\n").replace("tags: [alliance]\n", "tags: [alliance]\ndraft: true\n")
    expected = ("the link '{}' leads to {}no page of the site (did you mean /de/events/fair-2027/?)")
    first = "content/press/2026-12-01-first.de.md"  # a release's file name starts with its date
    moved = {RELEASE: None, RELEASE.replace(".de.md", ".en.md"): None}
    for number, (path, text, line, target, leads) in enumerate((
            (first, embargoed, BODY_LINE, "/de/events/fair-2026/", ""),
            (RELEASE, draft, BODY_LINE + 1, "../../events/fair-2026/", "/de/events/fair-2026/, "))):
        source = write_site(tmp_path / f"site-{number}", {**moved, path: text})
        for drafts in (False, True):  # the published site, and the preview showing drafts and embargoed releases
            with pytest.raises(ProblemsFound) as found:
                build(source, tmp_path / f"out-{number}-{drafts}", TODAY, search=False, drafts=drafts)
            assert errors(found) == [f"{path}:{line}: error: " + expected.format(target, leads)], (text, drafts)
    # Two releases published the same day may link to each other, from the root or relatively.
    second = ("---\ntitle: Zweite\nsummary: Kurz.\ndate: 2026-12-01\n---\n"
              "Siehe [die erste](/de/press/2026-12-01-first/) und [hier](../2026-12-01-first/).\n")
    source = site({**moved, first: embargoed.replace("Zur [Messe](/de/events/fair-2026/).",
                                                     "Siehe [die zweite](../2026-12-01-second/)."),
                   "content/press/2026-12-01-second.de.md": second})
    build(source, tmp_path / "same-day", TODAY, search=False)
    assert not (tmp_path / "same-day/de/press/2026-12-01-second").exists()


def test_a_published_texts_link_to_a_page_not_published_yet_is_refused(site, tmp_path):
    """Visitors would find no page there until its day (and the address of an embargoed release would be out)."""
    later = "---\ntitle: Bald\nsummary: Kurz.\ndate: 2026-12-01\n---\nText.\n"
    for target in ("/de/press/2026-12-01-soon/", "../2026-12-01-soon/"):
        source = site({RELEASE: linking(f"Siehe [bald]({target}).\n"), "content/press/2026-12-01-soon.de.md": later})
        with pytest.raises(ProblemsFound) as found:
            build(source, tmp_path / "out", TODAY, search=False)
        assert errors(found) == [
            f"{RELEASE}:{BODY_LINE}: error: the link '{target}' leads to a page not published yet (a draft or a release dated "
            "later) (the link from the day that page is published, or in a text published that day or later)"]
        assert not (tmp_path / "out").exists()
        build(source, tmp_path / "preview", TODAY, search=False, drafts=True)  # the preview shows it: the link leads there
        build(source, tmp_path / "published", TODAY.replace(year=2027), search=False)
        assert f'href="{target.replace("/de/", "/sub/de/")}"' in (
            tmp_path / "published/de/press/2021-12-07-founded/index.html").read_text()


def test_a_published_texts_link_to_a_file_of_a_release_not_published_yet_is_refused(site, tmp_path):
    later = "---\ntitle: Bald\nsummary: Kurz.\ndate: 2026-12-01\n---\nDer [Flyer](flyer.pdf).\n"
    target = "/de/press/2026-12-01-soon/flyer.pdf"
    source = site({RELEASE: linking(f"Siehe [den Flyer]({target}).\n"), "content/press/2026-12-01-soon.de.md": later,
                   "content/press/flyer.pdf": b"%PDF-1.4\n"})
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    assert errors(found) == [
        f"{RELEASE}:{BODY_LINE}: error: the link '{target}' leads to a page not published yet (a draft or a release dated "
        "later) (the link from the day that page is published, or in a text published that day or later)"]
    build(source, tmp_path / "published", TODAY.replace(year=2027), search=False)
    assert (tmp_path / "published/de/press/2026-12-01-soon/flyer.pdf").read_bytes() == b"%PDF-1.4\n"


ABOUT = "content/pages/about.de.md"
ABOUT_PAGE = ("---\ntitle: Über uns\ndescription: Wer wir sind.\n---\n## Unsere Ziele\n\nText.\n\n"
              "## Kontakt und Anfahrt {#anfahrt}\n\nText mit Fußnote[^1].\n\n[^1]: Die Fußnote.\n")


def test_a_link_to_a_place_on_a_page_that_has_it_not_is_warned_of_at_its_line(site, tmp_path):
    """A place is a heading of the page's text (its id made by the build, or given with {#…}), another id the text
    gives, or a part of the page the templates name; a link to a place the page has not leads only to its top."""
    text = ("[Ziele](/de/about/#ziele), [Anfahrt](/de/about/#anfahrt), [oben](/de/about/#top),\n"
            "[Fußnote](../../about/#fn:1), [Inhalt](/de/about/#main), [hier](#abschnitt),\n"
            "[Messe](/de/events/fair-2027/#wann), [Ziele](/de/about/#unsere-ziele).\n\n## Ein Abschnitt\n")
    source = site({ABOUT: ABOUT_PAGE, RELEASE: linking(text)})
    report = build(source, tmp_path / "out", TODAY, search=False)
    assert [problem.format() for problem in report.warnings if problem.path == RELEASE] == [
        f"{RELEASE}:{BODY_LINE}: warning: the link '/de/about/#ziele' leads to no place '#ziele' on that page "
        "(only to its top) (did you mean #unsere-ziele?)",
        f"{RELEASE}:{BODY_LINE + 1}: warning: the link '#abschnitt' leads to no place '#abschnitt' on that page "
        "(only to its top) (did you mean #ein-abschnitt?)",
        f"{RELEASE}:{BODY_LINE + 2}: warning: the link '/de/events/fair-2027/#wann' leads to no place '#wann' on that "
        "page (only to its top) (the link without '#…': that page has no headings with ids)"]
    page = (tmp_path / "out/de/about/index.html").read_text()  # the places the check knew are the page's
    assert {'id="unsere-ziele"', 'id="anfahrt"', 'id="fn:1"', 'id="main"'} <= set(re.findall(r'id="[^"]*"', page))
    result = run_cli("check", "--source", str(source))
    assert result.returncode == 0
    assert (f"{RELEASE}:{BODY_LINE}: warning: the link '/de/about/#ziele' leads to no place '#ziele' on that page "
            "(only to its top) (did you mean #unsere-ziele?)") in result.stdout + result.stderr


def test_a_link_to_a_place_lists_the_places_the_page_has_when_none_is_near(site, tmp_path):
    source = site({ABOUT: ABOUT_PAGE, RELEASE: linking("[Preise](/de/about/#preisliste).\n")})
    report = build(source, tmp_path / "out", TODAY, search=False)
    assert [problem.format() for problem in report.warnings if problem.path == RELEASE] == [
        f"{RELEASE}:{BODY_LINE}: warning: the link '/de/about/#preisliste' leads to no place '#preisliste' on that "
        "page (only to its top) (one of its headings: #anfahrt, #unsere-ziele)"]
    # The heading it names added to the page: no warning, though the text with the link did not change.
    mended = ABOUT_PAGE + "\n## Preisliste\n"
    assert [p for p in build(site({ABOUT: mended}), tmp_path / "out", TODAY, search=False).warnings
            if p.path == RELEASE] == []


def test_a_place_is_one_the_page_has_not_one_that_looks_like_the_layouts_or_is_only_shown(site, tmp_path):
    """A heading named like a part of the layout gets '_1' (so '#contact' leads to the top), a page lacks sections its
    template shows only for some (a press kit), and `id="…"` written as text or code is no place."""
    text = ("[Kontakt](#contact), [Mappe](#press-kit), [Geist](#ghost), [Hauptteil](#main).\n\n"
            "## Contact\n\nMan schreibt `<a id=\"ghost\">` oder id=\"ghost\".\n")
    report = build(site({RELEASE: linking(text)}), tmp_path / "out", TODAY, search=False)
    assert [problem.format() for problem in report.warnings if problem.path == RELEASE] == [
        f"{RELEASE}:{BODY_LINE}: warning: the link '#contact' leads to no place '#contact' on that page (only to its "
        "top) (did you mean #contact_1?)",
        f"{RELEASE}:{BODY_LINE}: warning: the link '#ghost' leads to no place '#ghost' on that page (only to its top) "
        "(one of its headings: #contact_1, #involved, #press-contact)",
        f"{RELEASE}:{BODY_LINE}: warning: the link '#press-kit' leads to no place '#press-kit' on that page (only to "
        "its top) (did you mean #press-contact?)"]


def test_what_only_looks_like_a_link_is_not_checked_and_what_is_one_is(site, tmp_path):
    """An indented code block, a backslash, an HTML comment and an unused reference show no link; without the
    fenced-code extension, `~~~` fences are no code, and three backticks around a blank line no code span."""
    text = ("    [Code](/de/nirgends/)\n\n\\[Kein Link](/de/nirgends/)\n\n<!-- [Kommentar](/de/nirgends/) -->\n\n"
            "[unbenutzt]: /de/nirgends/\n\n~~~\n[Tilde](/de/tilde/)\n~~~\n\n```\n\n[Zaun](/de/zaun/)\n```\n")
    with pytest.raises(ProblemsFound) as found:
        build(site({RELEASE: linking(text)}), tmp_path / "out", TODAY, search=False)
    assert errors(found) == [
        f"{RELEASE}:{BODY_LINE + 9}: error: the link '/de/tilde/' leads to no page of the site "
        "(an address of this site from the language on, such as /de/partners/)",
        f"{RELEASE}:{BODY_LINE + 14}: error: the link '/de/zaun/' leads to no page of the site "
        "(an address of this site from the language on, such as /de/partners/)"]
