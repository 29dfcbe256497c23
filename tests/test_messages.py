"""Problems in an editor's words: YAML mistakes named and placed where they were made, errors before warnings and
causes before consequences, placeholders counted in one line by build, and one check listing every mistake."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import run_cli
from sitegen.pipeline import check, check_all
from support.minimal_site import EVENTS, PARTNERS, RELEASE_DE, RELEASE_EN, SITE, VOCABULARIES, files, picture, \
    plain_page, write_site

TODAY = dt.date(2026, 11, 23)
RELEASE = "content/press/2021-12-07-founded.de.md"
ABOUT = "content/pages/about.de.md"

YAML_MISTAKES = {
    "quote never closed": (
        "data/partners.yaml", PARTNERS.replace("  name: Beta Cluster", '  name: "Beta Cluster'),
        "data/partners.yaml:16: error: the text opened with \" here is never closed (end the text with \" on the same "
        "line, or write it without quotes)"),
    "tab inside a line": (
        "data/events.yaml", EVENTS.replace("  kind: trade-fair", "  kind:\ttrade-fair"),
        "data/events.yaml:2: error: the line holds a tab (a space instead of the tab)"),
    "tab as indentation": (
        "data/events.yaml", EVENTS.replace("  kind: trade-fair", "\tkind: trade-fair"),
        "data/events.yaml:2: error: a tab is used for indentation (indent with spaces)"),
    "': ' inside a text": (
        "data/partners.yaml", PARTNERS.replace("  city: Graz", "  city: Graz: Zentrum"),
        "data/partners.yaml:20: error: the text holds ': ', which YAML reads as the start of a field (put the text in "
        "double quotes: \"Graz: Zentrum\")"),
    "': ' inside a text in braces": (
        "data/events.yaml", EVENTS.replace("{de: Eine Messe., en: A fair.}", "{de: Zeit: 14 Uhr, en: A fair.}"),
        "data/events.yaml:8: error: a text in the group holds ': ', which YAML reads as the start of a field (put that "
        "text in double quotes)"),
    "colon missing after a field name": (
        "data/partners.yaml", PARTNERS.replace("  short_name: Beta", "  short_name Beta"),
        "data/partners.yaml:17: error: the line has no ':' after a field name (name: value, with a colon and a space "
        "after the name; a text going on over several lines is indented further than its field's name)"),
    "no space after the colon": (
        "data/events.yaml", EVENTS.replace("  start: 2027-11-15", "  start:2027-11-15"),
        "data/events.yaml:3: error: the colon after 'start' needs a space after it (start: 2027-11-15)"),
    "field indented too far": (
        "data/site.yaml", SITE.replace("  register:", "   register:"),
        "data/site.yaml:12: error: the field is indented further than the line before it (indent it by 2 spaces, like "
        "line 11; if it goes on with the text above, put that whole text in double quotes)"),
    "field indented too little": (
        "data/site.yaml", SITE.replace("  register:", " register:"),
        "data/site.yaml:12: error: the field is indented by 1 space, which matches no line above it (indent it as far "
        "as the field it belongs with: 2 spaces like line 11, or 0 spaces like line 8)"),
    "bracket not closed": (
        "data/partners.yaml", PARTNERS.replace("  regions: [AT-6]", "  regions: [AT-6"),
        "data/partners.yaml:19: error: the list opened with '[' here is not closed (a ']' at its end, on the same "
        "line)"),
    "brackets that do not pair up": (
        "data/partners.yaml", PARTNERS.replace("  coordinates: [47.07, 15.44]", "  coordinates: [{47.07, 15.44]"),
        "data/partners.yaml:21: error: the brackets on this line do not pair up (close each '[' with ']' and each '{' "
        "with '}', the last opened first; a text holding a bracket in double quotes)"),
    "comment hiding a closing bracket": (
        "data/events.yaml", EVENTS.replace("en: Fair 2027}", "en: Fair #1 2027}"),
        "data/events.yaml:7: error: ' #' starts a comment, which hides the rest of the line, its closing bracket too "
        "(put the text holding '#' in double quotes)"),
    "quote ends before the text": (
        "data/partners.yaml", PARTNERS.replace("  name: Beta Cluster", "  name: 'Beta's Cluster'"),
        "data/partners.yaml:16: error: the quotes around the text end before the text does (write a ' inside single "
        "quotes twice (''), or put the whole text in double quotes)"),
    "text starting with a sign YAML reserves": (
        "data/partners.yaml", PARTNERS.replace("  short_name: Beta", "  short_name: `Beta`"),
        "data/partners.yaml:17: error: a text cannot start with '`' unless it is in quotes (put the text in double "
        "quotes: \"`Beta`\")"),
    "bold text": (
        "data/partners.yaml", PARTNERS.replace("  short_name: Beta", "  short_name: **Beta**"),
        "data/partners.yaml:17: error: a text cannot start with '*' unless it is in quotes (put the text in double "
        "quotes: \"**Beta**\")"),
    "list item among fields": (
        "data/partners.yaml", PARTNERS.replace("  regions: [AT-6]", "  regions:\n  - AT-6"),
        None),  # valid YAML: a list under its name may start at the name's indentation
    "second document": (
        "data/site.yaml", SITE + "---\nname: again\n",
        "data/site.yaml:15: error: a line '---' starts a second part of the file: a data file has only one (remove "
        "that line, and what follows it if that does not belong to the file)"),
    "quote never closed in front matter": (
        RELEASE, RELEASE_DE.replace("summary: Die Allianz ist gegründet.", 'summary: "Die Allianz ist gegründet.'),
        f"{RELEASE}:3: error: the text opened with \" here is never closed (end the text with \" on the same line, or "
        "write it without quotes)"),
    "': ' inside a text of front matter": (
        ABOUT, plain_page("about de").replace("title: about de", "title: Über uns: Ziele"),
        f"{ABOUT}:2: error: the text holds ': ', which YAML reads as the start of a field (put the text in double "
        "quotes: \"Über uns: Ziele\")"),
}


def errors(source) -> list[str]:
    """Return the formatted errors of a site folder."""
    return [problem.format() for problem in check(source)[1] if not problem.warning]


@pytest.mark.parametrize("name", sorted(YAML_MISTAKES))
def test_a_yaml_mistake_is_named_in_plain_words_at_the_line_it_was_made(tmp_path, name):
    """The same words and line from either parser: a text holding '&' or '*' is read by PyYAML's own (which refuses
    anchors), others by libyaml, and they word their errors differently."""
    path, text, expected = YAML_MISTAKES[name]
    found = errors(write_site(tmp_path / "fast", {path: text}))
    assert found == ([expected] if expected else [])
    if path.endswith(".md"):  # a comment in front matter: after the opening '---'
        slow = text.replace("---\n", "---\n# Forschung & Entwicklung *\n", 1)
    else:
        slow = "# Forschung & Entwicklung *\n" + text
    moved = [re.sub(r"^([^:]+):(\d+):", lambda match: f"{match[1]}:{int(match[2]) + 1}:", line) for line in found]
    moved = [re.sub(r"like line (\d+)", lambda match: f"like line {int(match[1]) + 1}", line) for line in moved]
    assert errors(write_site(tmp_path / "slow", {path: slow})) == moved
    assert all("YAML syntax error" not in line and "expected" not in line.split(": error: ")[1].split(" (")[0]
               for line in found)


def test_errors_come_first_and_a_cause_before_its_consequences(site):
    """A duplicate id hides the id its entry had: the references to that one follow from the mistake and come after
    it, saying so; warnings (an example address) come last."""
    source = site({"data/partners.yaml": PARTNERS.replace("- id: beta", "- id: alpha")
                   .replace("presse@alpha-cluster.eu", "presse@alpha.example"),
                   "data/events.yaml": EVENTS.replace("Europe/Berlin", "Mars/Olympus")})
    result = run_cli("check", "--source", str(source))
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "last published version" not in line] == [
        "data/events.yaml:5: error: timezone: unknown time zone 'Mars/Olympus' (an IANA time zone such as "
        "Europe/Berlin)",
        "data/partners.yaml:15: error: id: duplicate id 'alpha' (first on line 1) (a unique id)",
        f"{RELEASE}:6: error: partners[1]: unknown partner id 'beta', maybe because of the wrong id at "
        "data/partners.yaml:15 (fix that first; else one of: alpha)",
        "data/partners.yaml:14: warning: contact.email: 'presse@alpha.example' is an example address (alpha.example "
        "is kept for examples): mail to it is never delivered (the real address before publishing)",
        "3 problems found; nothing was built."]


def test_build_counts_the_placeholders_left_in_one_line_and_check_lists_them(site, tmp_path):
    """Placeholders are many while a site is new: build says how many; other warnings it still names one by one."""
    source = site({"data/partners.yaml": PARTNERS.replace("presse@alpha-cluster.eu", "presse@alpha.example")
                   .replace("info@beta-cluster.eu", "info@beta.example")
                   .replace("  board: true", "  board: true\n  logo: {file: alpha.png, alt: {de: Logo, en: Logo}}"),
                   "data/site.yaml": SITE.replace("Amtsgericht Test VR 1", "\"PLACEHOLDER: Register\""),
                   "content/logos/alpha.png": picture(1, 1, "PNG")})
    built = run_cli("build", "--source", str(source), "--out", str(tmp_path / "out"), "--today", "2026-11-23",
                    "--no-search")
    assert built.returncode == 0, built.stderr
    small = ("data/partners.yaml:10: warning: logo.file: 'alpha.png' is small (1 × 1 pixels): the partner's page "
             "shows it at that size (a logo at least 240 pixels wide (it is shown up to 256 × 96 pixels, sharp on fine "
             "screens from 512 pixels))")
    assert built.stderr.splitlines() == [small, "3 placeholders still to replace (build.py check lists them)"]
    checked = run_cli("check", "--source", str(source))
    assert checked.returncode == 0
    listed = [line for line in checked.stderr.splitlines() if "last published version" not in line]
    assert listed == [
        small,
        "data/partners.yaml:15: warning: contact.email: 'presse@alpha.example' is an example address (alpha.example "
        "is kept for examples): mail to it is never delivered (the real address before publishing)",
        "data/partners.yaml:28: warning: contact.email: 'info@beta.example' is an example address (beta.example is "
        "kept for examples): mail to it is never delivered (the real address before publishing)",
        "data/site.yaml:12: warning: legal.register: still a placeholder (the real fact before publishing)"]


def test_a_failed_build_counts_the_placeholders_after_its_errors(site, tmp_path):
    source = site({"data/site.yaml": SITE.replace("Amtsgericht Test VR 1", "PLACEHOLDER")
                   .replace("vat_id: DE000000000", "vat_id: PLACEHOLDER"),
                   "data/partners.yaml": PARTNERS.replace("country: AT", "country: FR")})
    built = run_cli("build", "--source", str(source), "--out", str(tmp_path / "out"), "--today", "2026-11-23")
    assert built.returncode == 1
    assert built.stderr.splitlines() == [
        "data/partners.yaml:18: error: country: unknown country 'FR' (DE, AT or CH)",
        "2 placeholders still to replace (build.py check lists them)",
        "1 problem found; the published site was left as it was."]


MISTAKES = {
    "a field of a partner": ("data/partners.yaml", "  country: AT", "  country: FR"),
    "another field of a partner": ("data/partners.yaml", "  kind: member", "  kind: friend"),
    "a rule over a partner's fields": ("data/partners.yaml", "presse@alpha-cluster.eu", "max.muster@alpha-cluster.eu"),
    "a duplicate id": ("data/partners.yaml", "- id: beta", "- id: alpha"),
    "a field of an event": ("data/events.yaml", "Europe/Berlin", "Mars/Olympus"),
    "a rule over an event's fields": ("data/events.yaml", "end: 2027-11-18", "end: 2027-11-14"),
    "an event kind": ("data/events.yaml", "kind: trade-fair", "kind: fair"),
    "a label of the vocabularies": ("data/vocabularies.yaml", ", en: Orthopaedic technology}", "}"),
    "the front matter of one language's release": (RELEASE, "title: Allianz gegründet", 'title: "Allianz gegründet'),
    "the text of the other language's release": (
        "content/press/2021-12-07-founded.en.md", "Some **text**.", "Some [text](/en/nowhere/) ![](x.jpg)."),
    "a link of a page": (ABOUT, "Text of about de.", "Text [of](/de/nirgends/) about de."),
    "a link to a partner with a mistake": ("content/pages/about.en.md", "Text of about en.",
                                           "Text [of](/en/partners/beta/) about en."),
    "the front matter of a page": ("content/pages/contact.de.md", "title: contact de", "title: [contact de"),
    "the name of a release": (None, "content/press/2021-12-08-second.fr.md",
                              "---\ntitle: Zweite\nsummary: [Zwei\n---\n![](bild.png)\n"),
    "a setting of the site": ("data/site.yaml", "contact_email: info@testallianz.eu", "contact_email: info"),
}


def _site_with(tmp_path, names: list[str], folder: str):
    content = files()
    for name in names:
        path, old, new = MISTAKES[name]
        if path is None:
            content[old] = new
            continue
        assert old in content[path], name
        content[path] = content[path].replace(old, new, 1)
    return write_site(tmp_path / folder, content)


def test_one_check_lists_every_mistake_a_fix_reveals_none(tmp_path):
    """Fix any one mistake and check again: nothing appears that was not listed before (a broken front matter hides
    only its own file; a partner with a mistake, its other fields' mistakes and the links of all texts nothing)."""
    everything = [problem.format() for problem in check_all(_site_with(tmp_path, list(MISTAKES), "all"), TODAY)[1]]
    for name in MISTAKES:
        rest = [problem.format() for problem in
                check_all(_site_with(tmp_path, [other for other in MISTAKES if other != name], name), TODAY)[1]]
        revealed = [line for line in rest if line not in everything]
        if name == "the front matter of one language's release":  # its own fields could not be read before
            assert revealed == [f"{RELEASE}:6: error: partners[1]: unknown partner id 'beta', maybe because of the "
                                "wrong id at data/partners.yaml:15 (fix that first; else one of: alpha)"]
        else:
            assert revealed == [], (name, revealed)
    expected = [
        "content/pages/about.de.md:5: error: the link '/de/nirgends/' leads to no page of the site (an address of this "
        "site from the language on, such as /de/partners/)",
        "content/press/2021-12-07-founded.en.md:5: error: the link '/en/nowhere/' leads to no page of the site (an "
        "address of this site from the language on, such as /en/partners/)",
        "content/press/2021-12-07-founded.en.md:5: error: image: the image 'x.jpg' has no text alternative (![what "
        "the picture shows](file.jpg))",
        "content/press/2021-12-08-second.fr.md:1: error: unknown language 'fr' in the file name (one of .de.md, .en.md)",
        "content/press/2021-12-08-second.fr.md:3: error: the list opened with '[' here is not closed (a ']' at its "
        "end, on the same line)",
        "data/partners.yaml:14: error: contact.email: 'max.muster@alpha-cluster.eu' is not a role address: it may name "
        "a person (a role address such as info@, office@ or presse@; a developer adds other role names)",
        "data/events.yaml:4: error: end: end 2027-11-14 is before start 2027-11-15 (an end on or after the start)",
        "data/site.yaml:6: error: contact_email: 'info' is not an e-mail address (an address like info@example.org)"]
    assert [line for line in expected if line not in everything] == []
    assert not any("/en/partners/beta/" in line for line in everything)  # beta's page is there once it is right
    assert not any("unknown focus area" in line or "unknown event kind 'trade-fair'" in line for line in everything)


def test_the_links_of_texts_are_checked_while_a_partner_has_a_mistake(site):
    source = site({"data/partners.yaml": PARTNERS.replace("country: AT", "country: FR"),
                   ABOUT: plain_page("about de").replace("Text of about de.", "[Alpha](/de/partners/alpha/), "
                                                          "[Beta](/de/partners/beta/), [Nichts](/de/nichts/)")})
    assert [problem.format() for problem in check_all(source, TODAY)[1]] == [
        f"{ABOUT}:5: error: the link '/de/nichts/' leads to no page of the site (an address of this site from the "
        "language on, such as /de/partners/)",
        "data/partners.yaml:18: error: country: unknown country 'FR' (DE, AT or CH)"]
    assert check(source)[0] is None  # (nothing is built of it)


def test_any_broken_yaml_is_explained_at_a_line_of_its_file_never_with_pyyaml_s_words():
    """Characters editors mistype (quotes, brackets, colons, dashes, spaces, tabs) dropped into or taken out of a
    data file and a front matter, at seeded random places: a problem at a line of the file, in our words, or none."""
    import random

    from sitegen.problems import ProblemsFound
    from sitegen.source import parse_yaml

    pyyaml_words = ("expected", "found", "scanning", "parsing", "mapping values", "block end", "token")
    rng = random.Random(25)
    for text in (PARTNERS, EVENTS, SITE, VOCABULARIES, RELEASE_DE.split("---\n")[1], RELEASE_EN.split("---\n")[1]):
        for _ in range(150):
            broken = list(text)
            for _ in range(rng.randint(1, 3)):
                where = rng.randrange(len(broken))
                if rng.random() < 0.3:
                    del broken[where]
                else:
                    broken.insert(where, rng.choice("\"'[]{}:-# \t\n*&@|>`!%,?"))
            broken = "".join(broken)
            try:
                parse_yaml(broken, "f.yaml", 2)
            except ProblemsFound as found:
                for problem in found.problems:
                    assert 2 <= problem.line <= broken.count("\n") + 2, (broken, problem)
                    words = re.sub(r"'[^']*'|\"[^\"]*\"|\([^)]*\)", "", problem.message)  # (what the editor wrote)
                    assert not any(re.search(rf"\b{word}\b", words) for word in pyyaml_words), (broken, problem)


def test_the_preview_counts_the_placeholders_in_one_line_too(site, tmp_path, capsys, monkeypatch):
    from sitegen import devserver

    monkeypatch.setattr(devserver, "SearchRefresh", lambda out: type("NoSearch", (), {"request": lambda self: None})())
    placeholders = SITE.replace("Amtsgericht Test VR 1", "PLACEHOLDER").replace("DE000000000", "PLACEHOLDER")
    source = site({"data/site.yaml": placeholders, "data/partners.yaml": PARTNERS.replace("country: AT", "country: FR")})
    preview = devserver.Preview(source, tmp_path / "out", "http://127.0.0.1:8000/", TODAY)
    preview.rebuild()
    assert capsys.readouterr().err.splitlines() == [
        "data/partners.yaml:18: error: country: unknown country 'FR' (DE, AT or CH)",
        "2 placeholders still to replace (build.py check lists them)",
        "1 problem: the last good site is still served."]
    (source / "data/partners.yaml").write_text(PARTNERS)
    preview.rebuild()
    assert capsys.readouterr().err.splitlines() == ["2 placeholders still to replace (build.py check lists them)"]
