"""Bounded work for any text: structure beyond `sitegen.limits` is refused at its line before any conversion, and
every construct just within the bounds converts in work proportional to its length (counted, never timed)."""
from __future__ import annotations

import datetime as dt
import inspect
import random
import sys
import time

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from conftest import EXAMPLE
from support.markdown_work import Work, counted
from support.minimal_site import RELEASE_DE
from sitegen import limits, links, markup, parallel
from sitegen.pipeline import build, check, check_all
from sitegen.problems import ProblemsFound

RELEASE = "content/press/2021-12-07-founded.de.md"
BODY_LINE = 9
"""The file line of the minimal release's body."""
TODAY = dt.date(2026, 11, 23)


def excesses(text: str) -> list[tuple[int, str]]:
    """Return (line within the text, message) of each bound `text` goes beyond."""
    return [(text.count("\n", 0, excess.offset) + 1, excess.message) for excess in limits.problems(text)]


def nested_list(levels: int, marker: str = "-") -> str:
    return "".join("    " * level + f"{marker} item {level}\n" for level in range(levels))


# --- each bound, at its line -------------------------------------------------------------------------------------

def test_lists_nested_deeper_than_shown_are_refused_at_the_first_line_too_deep():
    assert excesses(nested_list(limits.CONTAINER_DEPTH)) == []
    assert excesses("Intro.\n\n" + nested_list(300)) == [
        (2 + limits.CONTAINER_DEPTH + 1, "lists nested 300 deep; at most 12 levels can be shown")]
    assert excesses("1. " * 13 + "x\n") == [(1, "lists nested 13 deep; at most 12 levels can be shown")]
    assert excesses("* " * 500 + "a\n") == [(1, "lists nested 500 deep; at most 12 levels can be shown")]
    assert excesses("> " * 13 + "x\n") == [(1, "quotes nested 13 deep; at most 12 levels can be shown")]
    mixed = "".join("> " * (level // 2) + "    " * (level % 2) + "- x\n" for level in range(30))
    assert [message for _, message in excesses(mixed)] == ["lists nested 16 deep; at most 12 levels can be shown"]


def test_indentation_alone_nests_nothing():
    # a code block indented far, after a paragraph: no list to be nested in
    assert excesses("Text.\n\n" + " " * 80 + "code\n" + " " * 80 + "- not a list\n") == []
    # a list's continuation indented as its items are
    assert excesses("- a\n\n    more of a\n\n    - b\n\n        more of b\n") == []


def test_brackets_left_open_are_refused():
    assert excesses("[" * 16 + "x" + "]" * 16) == []
    assert excesses("a\n\n" + "[" * 20_000 + "x" + "]" * 20_000) == [
        (3, "more than 512 marks of emphasis, links, code, HTML, entities, escapes or line breaks (* _ ` [ < & \\) in "
            "one paragraph"),
        (3, "more than 16 brackets [ open at once (nested, or not closed with ])")]
    assert excesses("[a " * 17) == [(1, "more than 16 brackets [ open at once (nested, or not closed with ])")]
    # each paragraph on its own; escaped brackets are none
    assert excesses("[a\n\n" * 40 + "\\[" * 40) == []


def test_a_link_whose_parenthesis_is_not_closed_before_the_next_link_is_refused():
    assert excesses('[a](b "c) and [d](e)\n') == [(1, "the ( after a link's text is not closed before the next link")]
    assert excesses("[a](b and [c](d)\n") == [(1, "the ( after a link's text is not closed before the next link")]
    assert excesses('[a](x.org/a_(b)) [c](<d e>) [f](g "h") [i](j \'k\') [l](m\n\n[n](o)\n') == []


def test_marks_and_runs_of_backticks_in_one_paragraph_are_bounded():
    assert excesses("`a` " * 32) == []
    assert excesses("`a` " * 33) == [(1, "more than 64 runs of backticks ` in one paragraph")]
    assert excesses("`a` " * 32 + "\n\n" + "`a` " * 32) == []
    assert excesses("*a* [b](c) &amp; " * 128) == []
    assert excesses("x\n\n" + "*a* [b](c) &amp; " * 129) == [
        (3, "more than 512 marks of emphasis, links, code, HTML, entities, escapes or line breaks (* _ ` [ < & \\) in "
            "one paragraph")]
    assert excesses("snake_case_" * 300 + "\n\n" + "a  \n" * 512) == []  # an underscore within a word is no mark


def test_an_html_tag_not_closed_before_the_next_one_is_refused():
    assert excesses("a <b>x</b> <a href=x>y</a> <https://x.org> <!-- c <d --> <br/> `<code` `<x`") == []
    assert excesses("Text.\n\n" + "<a <img " * 20) == [
        (3, "the HTML tag '<a' is not closed with > before the next one")]
    assert excesses("</a " * 10) == [(1, "the HTML tag '</a' is not closed with > before the next one")]
    assert excesses("<![CDATA[\n" * 5) == [(1, "the HTML tag '<!' is not closed with > before the next one")]


def test_html_footnotes_abbreviations_and_tables_are_bounded():
    assert excesses("<div>" * 32 + "</div>" * 32 + "<p>" * 100 + "<br>" * 100) == []
    assert excesses("a\n<div><span>\n" * 17) == [(34, "HTML elements nested more than 32 deep")]
    assert excesses("x[^1] " * 50 + "\n\n[^1]: n\n") == []
    assert excesses("x[^1] " * 51 + "\n\n[^1]: n\n") == [(1, "the footnote [^1] is referred to more than 50 times")]
    assert excesses("".join(f"*[A{i}]: x\n" for i in range(101))) == [(101, "more than 100 abbreviations defined")]
    assert excesses("|" + "a|" * 64 + "\n|" + "-|" * 64 + "\n") == []
    assert excesses("Text.\n\n|" + "a|" * 65 + "\n|" + "-|" * 65 + "\n") == [(4, "a table of 65 columns; at most 64")]


def test_a_long_table_or_list_is_not_one_paragraph():
    table = "| a | b |\n|---|---|\n" + "| *cell* | [another](cell) |\n" * 2000
    items = "- an *item* of a [long](list)\n" * 2000
    assert excesses(table) == [] and excesses(items) == []


def test_the_example_sites_texts_are_within_every_bound():
    texts = sorted((EXAMPLE / "content").rglob("*.md"))
    assert texts
    for path in texts:
        assert limits.problems(path.read_text(encoding="utf-8")) == [], path


def test_check_and_build_refuse_a_text_nested_too_deep_at_its_line(site, tmp_path):
    source = site({RELEASE: RELEASE_DE + "\n" + nested_list(300)})
    problems = [problem.format() for problem in check(source, today=TODAY)[1] if not problem.warning]
    assert problems == [f"{RELEASE}:{BODY_LINE + 2 + limits.CONTAINER_DEPTH}: error: text: lists nested 300 deep; "
                        "at most 12 levels can be shown (flatten the list)"]
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False, cache=False)
    assert [problem.format() for problem in found.value.problems if not problem.warning] == problems
    assert not (tmp_path / "out").exists()


def test_check_neither_converts_a_refused_text_to_confirm_its_broken_link_nor_reports_the_link(site):
    text = RELEASE_DE + "\n[kaputt](/de/nirgends/)\n\n" + nested_list(400)
    source = site({RELEASE: text})
    assert [problem.format() for problem in check_all(source, TODAY)[1] if not problem.warning] == [
        f"{RELEASE}:{BODY_LINE + 4 + limits.CONTAINER_DEPTH}: error: text: lists nested 400 deep; at most 12 levels "
        "can be shown (flatten the list)"]


# --- the library's reading of a link's address, bounded ----------------------------------------------------------

ADDRESS_PIECES = st.lists(st.sampled_from(["a", " ", "(", ")", '"', "'", "<", ">", "b c", "\n", "x.jpg"]),
                          max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(ADDRESS_PIECES)
def test_a_links_address_is_read_as_the_library_reads_it(rest):
    data = "[t](" + rest
    library = markdown.Markdown()
    library.treeprocessors["inline"].stashed_nodes = {}  # (as while it converts: nothing stashed in this text)
    processor = LinkInlineProcessor(r"\[", library)
    href, _title, end, handled = processor.getLink(data, 3)
    found = limits.destination(data, 3, len(data))
    if not handled:
        assert found is None
    else:
        assert found == (href, end)


def test_links_and_pictures_are_found_as_the_library_reads_them():
    body = ("![a picture](name with space.jpg) ![b](<angle name.jpg>) ![c](name%20d.jpg \"title\")\n"
            "[kit](./Presse Mappe.pdf) `[code](no.pdf)` [outer [inner](in.pdf) text](out.pdf)\n")
    assert [(link.target, link.picture, body[link.offset + 1:link.closing]) for link in links.inline(body)] == [
        ("name with space.jpg", True, "a picture"), ("angle name.jpg", True, "b"), ("name%20d.jpg", True, "c"),
        ("./Presse Mappe.pdf", False, "kit"), ("in.pdf", False, "inner"),
        ("out.pdf", False, "outer [inner](in.pdf) text")]
    assert [links.beside(target) for target in ("name with space.jpg", "name%20d.jpg", "./a.jpg", "a.jpg?x=1#y",
                                                "sub/a.jpg", "../a.jpg", "/a.jpg", "https://x.org/a.jpg", "#top")] == [
        "name with space.jpg", "name d.jpg", "a.jpg", "a.jpg", None, None, None, None, None]
    escaped = "[a](b\\)c) [d](e\\_f.pdf)"
    assert [link.target for link in links.inline(escaped)] == ["b)c", "e_f.pdf"]
    assert 'href="b)c"' in markup.convert(escaped, "de") and 'href="e_f.pdf"' in markup.convert(escaped, "de")
    assert links.written_alike("Foto.JPG", ["foto.jpg", "other.jpg"]) == (
        "did you mean 'foto.jpg'? A file's name must be written exactly as the file's, letter case too")
    assert links.written_alike("Übersicht.jpg", ["U\u0308bersicht.jpg"]) == (
        "the file's name 'U\u0308bersicht.jpg' writes its accents as separate characters (as macOS saves names), the "
        "text as one: rename the file, typing its name anew")
    assert links.written_alike("neu.jpg", ["alt.jpg"]) is None


# --- linear work, counted ----------------------------------------------------------------------------------------

FILLED = 20_000
"""Characters of a paragraph that holds as many marks as a paragraph may (the longer, the costlier each mark)."""


def _just_within(piece: str, times: int, filler: str = " word") -> str:
    """Return a paragraph of FILLED characters holding `piece` `times` times, spread over it."""
    space = FILLED - len(piece) * times
    each = filler * max(1, space // len(filler) // (times + 1))
    return each + "".join(piece + each for _ in range(times))


DEPTH, LEVELS = limits.OPEN_BRACKETS, limits.CONTAINER_DEPTH


def _marks(piece: str, marks: int = 1) -> str:
    """Return a paragraph holding `piece` (which holds `marks` marks) as often as a paragraph's marks allow."""
    return _just_within(piece, limits.MARKS // marks)


CONSTRUCTS = {
    # nesting, as deep as shown
    "lists nested as deep as shown": nested_list(LEVELS) * 40,
    "ordered lists nested as deep as shown": nested_list(LEVELS, "1.") * 40,
    "quotes nested as deep as shown": ("> " * LEVELS + "quoted words\n") * 200,
    "lists in quotes as deep as shown": "".join("> " * (LEVELS // 2) + "    " * level + "- item\n"
                                                for level in range(LEVELS // 2)) * 60,
    "definitions nested": "".join("    " * level + "Term\n" + "    " * level + ":   defined\n\n"
                                  for level in range(LEVELS - 1)) * 20,
    "footnote definitions nested": "x[^a]\n\n" + "".join("    " * level + "[^a]: note\n"
                                                          for level in range(LEVELS - 1)) * 10,
    "brackets nested as deep as they may": _just_within("[" * DEPTH + "x" + "]" * DEPTH, limits.MARKS // DEPTH),
    "links nested as deep as they may": _just_within("[" * DEPTH + "x" + "](u)" * DEPTH, limits.MARKS // DEPTH),
    "brackets left open": _just_within("[", DEPTH),
    "pictures left open": _just_within("![a ", DEPTH),
    "links left open": _just_within("[a](b)", limits.MARKS - 1) + "[c](d",
    "titles": _marks('[a](b "c")'),
    "CDATA sections": _marks("a <![CDATA[ x ]]>", 3),
    # runs of backticks, as many as a paragraph may hold
    "single backticks": _just_within("`", limits.BACKTICK_RUNS),
    "backtick runs after backslashes": _just_within("\\``", limits.BACKTICK_RUNS // 2),
    "backtick runs of every length": _just_within(" ".join("`" * length for length in range(1, 65)), 1),
    "code spans": _just_within("`c`", limits.BACKTICK_RUNS // 2),
    # inline elements, as many as a paragraph may hold
    "emphasis compared with open ones": _just_within("*a ", 256) + " " + _just_within("a**b", 256),
    "emphasis closed": _marks("*a*", 2),
    "escapes": _marks("\\*"),
    "entities": _marks("&amp;"),
    "line breaks": _marks("a  \n"),
    "inline HTML": _marks("<b>x</b>", 2),
    "autolinks": _marks("<https://x.org>"),
    "angle brackets, no tags": _marks("a < b <3 ", 2),
    "links": _marks("[a](b)"),
    "tags closed": _marks("<b class=x>y</b>", 2),
    "end tags": _marks("</b> "),
    "comments never closed": _marks("<!-- a "),
    "tags at the start of lines": "<div>\n<p>x</p>\n</div>\n\n" * 1000,
    "declarations at the start of lines": "<![CDATA[ x ]]>\n\n<?php y ?>\n\n<!DOCTYPE z>\n\n" * 500,
    # blocks, as many as a text may hold
    "paragraphs": "a\n\n" * 5000,
    "loose list items": "- a\n\n" * 3000,
    "headings of one text": "## Same\n\n" * 2000,
    "table, 64 columns": "|" + "a|" * 64 + "\n|" + "-|" * 64 + "\n" + ("|" + "`b`|" * 32 + "c|" * 32 + "\n") * 40,
    "HTML nested 32 deep": ("<div>" * 32 + "x" + "</div>" * 32 + "\n\n") * 100,
    "footnotes referred to 50 times": "".join(f"x[^{n}] " * 50 + f"\n\n[^{n}]: note\n\n" for n in range(20)),
    "abbreviations, 50": "".join(f"*[AB{n}]: word\n" for n in range(50)) + "\n" + _marks("AB1 AB49 x "),
}
"""Each construct just within the bounds."""


def _twice(text: str) -> str:
    """Return a text twice, its footnotes and abbreviations named anew the second time (bounds of a text, not of a
    paragraph: twice the text would refer to each footnote twice as often)."""
    return text + "\n\n" + text.replace("[^", "[^z").replace("AB", "CD")


def _work(text: str) -> Work:
    converter = markup._converter("de", markup.CONTENTS_MARKER in text)
    work = Work()
    with counted(converter, work):
        converter.convert(text)
    return work


PER_CHARACTER = 400
"""Most work a character of a text within the bounds may cost (the costliest constructs above take about a third)."""


@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_every_construct_just_within_the_bounds_converts_in_linear_work(name):
    unit = CONSTRUCTS[name]
    assert limits.problems(unit) == [], name
    once, twice = _work(unit), _work(_twice(unit))
    assert limits.problems(_twice(unit)) == []
    assert once.total <= PER_CHARACTER * len(unit), (once, len(unit))
    assert twice.total <= 2.1 * once.total, (once, twice)


def test_the_work_count_sees_what_the_bounds_keep_away():
    # Beyond the bound, work per character grows with the text: the count shows it (as the clock did, in minutes).
    within, beyond = _work("[" * 16 + "x" + "]" * 16), _work("[" * 400 + "x" + "]" * 400)
    assert beyond.total / 801 > 10 * within.total / 33
    within, beyond = _work(_just_within("\\``", 32)), _work(_just_within("\\``", 1000))
    assert beyond.total > 10 * within.total
    within, beyond = _work(_marks("a  \n")), _work(_just_within("a  \n", 4 * limits.MARKS))
    assert beyond.total > 3 * within.total


# --- the last resort: a time limit on each text, in the render stage ---------------------------------------------

def _hang_on(marker: str):
    convert = markdown.Markdown.convert

    def hanging(self, text):
        while marker in text:  # until the time limit's signal ends it (the test waits for that, not for a time)
            time.sleep(1)
        return convert(self, text)
    return hanging


@pytest.mark.parametrize("workers", ["serial", "forked"])
def test_a_text_slower_than_the_time_limit_is_refused_at_its_file(site, tmp_path, monkeypatch, workers):
    source = site({RELEASE: RELEASE_DE.replace("Ein **Text**.", "Ein langsamer Text.")})
    monkeypatch.setattr(parallel, "TEXT_SECONDS", 0.05)
    monkeypatch.setattr(markdown.Markdown, "convert", _hang_on("langsamer"))
    if workers == "forked":
        monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
        monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False, cache=False)
    assert [problem.format() for problem in found.value.problems] == [
        f"{RELEASE}:{BODY_LINE}: error: text: converting the text took longer than 0.05 s (a shorter or plainer text; "
        "please tell the site's maintainers, whose checks should have found what makes it slow)"]
    assert not (tmp_path / "out").exists()


def test_the_deepest_nesting_allowed_converts_in_a_hundred_frames_of_pythons_stack(monkeypatch):
    # (the library recurses about four frames a level of lists; a page's template calls it some way down the stack)
    markup.convert("warm", "de")
    monkeypatch.setattr(sys, "getrecursionlimit", sys.getrecursionlimit)  # (restored after)
    text = nested_list(LEVELS) + "\nAnd on one line:\n\n" + "* " * LEVELS + "x\n"
    depth = len(inspect.stack())
    sys.setrecursionlimit(depth + 100)
    try:
        html = markup.convert(text, "de")
    finally:
        sys.setrecursionlimit(1000)
    assert html.count("<ul>") == 2 * LEVELS


def test_a_text_too_deep_for_pythons_stack_is_unconvertible_not_an_internal_error():
    with pytest.raises(parallel.Unconvertible, match="nested too deeply"):
        markup.convert(nested_list(400), "de")
    assert markup.convert("- still\n- fine\n", "de") == "<ul>\n<li>still</li>\n<li>fine</li>\n</ul>"


def test_many_paragraphs_convert_as_the_library_converts_them():
    rng = random.Random(7)
    text = "\n\n".join(rng.choice(["a", "- b", "> c", "    d", "## e", "1. f\n2. g", "| h | i |\n|---|---|"])
                       for _ in range(400))
    assert markup.convert(text, "de") == markup._new_converter("de", quick=False).convert(text)


def test_the_benchmarks_hostile_texts_are_within_the_bounds_or_beyond_them_as_named():
    from bench import hostile

    for name, piece in hostile.WITHIN.items():
        assert limits.problems(piece * 3) == [], name
    for name, make in hostile.BEYOND.items():
        assert limits.problems(make(100_000)), name
