"""Converting Markdown: the quick inline processor and block parser give the library's own HTML, byte for byte."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from conftest import EXAMPLE, ROOT
from sitegen import markup

EVERY_INLINE = [
    "Plain words only, nothing to mark up.",
    "`code` and ``two `ticks` inside`` and \\`escaped\\` and \\\\`after two backslashes`",
    "Escapes: \\*not em\\*, \\_no\\_, \\[no link\\], \\<no tag\\>, \\&amp;",
    "A footnote[^1] and another[^note].\n\n[^1]: First.\n[^note]: Second with *em*.",
    "[inline](https://example.org \"title\"), [ref][r], [short], ![image](a.png), ![ref image][i], ![short]\n\n"
    "[r]: https://example.org/r\n[short]: https://example.org/s\n[i]: b.png",
    "<https://example.org/auto>", "<name@example.org>", "<b>raw</b> <!-- comment --> <?php x ?>",
    "Line with two spaces  \nbreaks here; a tab\tdoes not.",
    "Entities: &amp; &#169; &#x00A9; &copy; and a lone & and a < b > c.",
    "*em* **strong** ***both*** _em_ __strong__ ___both___ snake_case_word 2 * 3 * 4 a**b**c",
    "*nested **strong** and `code` and [link](x)* then __[strong link](y)__",
    "The HTML spec is maintained by the W3C.\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]: World Wide Web Consortium",
    "# Heading {: #own-id .cls }\n\nParagraph {: lang=en }\n\n## Same\n\n## Same",
    "## Without a colon {#plain-id}\n\nText\n{ .lead }",
    "[TOC]\n\n## One\n\n### Two *em*\n\n## Three",
    "| a | *b* |\n|:--|--:|\n| `c` | [d](e) |",
    "Term\n:   Definition with **strong**\n\n1. one\n2. two\n\n- a\n- b  \n  c",
    "> quote with _em_ and <span>html</span>\n\n    code block with *stars*",
    "[^undefined] and [unclosed and ![ and `unclosed and <unclosed and *unclosed",
]

EVERY_BLOCK = [
    "Title\n=====\n\nSub\n---\n\n# One #\n\n###### Six\nright after",
    "---\n\n- - -\n\n***\n\n_ _ _\n\ntext\n***\nmore",
    "1. one\n2. two\n\n    indented in two\n\n3. three\n    1. nested\n\n* star\n+ plus\n- minus\n    - nested",
    "    code block\n    # not a heading\n\nafter",
    "> quote\n> > nested\n\n> lazy\ncontinued",
    "Term\n:   Definition\n\n    indented more\n\nOther: not a definition",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\na | b\n--|--\n1 | 2\n\nnot | a table",
    "Text[^n].\n\n[^n]: Note\n    indented second paragraph\n\n*[ABBR]: An abbreviation\n\nABBR here.",
    "[a]: https://example.org/a \"Title\"\n[b]:\n    https://example.org/b\n\n[a] and [b][]",
    "<div markdown>\n*raw block*\n</div>\n\n<!-- comment -->\n\nafter",
    "para\n\n\n\n\nafter many blank lines\n\n        deep code",
]


def converted(text: str, lang: str = "de") -> tuple[str, str]:
    """Return the HTML of the library as configured by default (looking for "[TOC]" in every text), and ours."""
    return (markup._new_converter(lang, contents_marker=True, quick=False).convert(text),
            markup._converter(lang, markup.CONTENTS_MARKER in text).convert(text))


@pytest.mark.parametrize("text", EVERY_INLINE + EVERY_BLOCK)
def test_quick_inline_gives_the_librarys_html(text):
    library, quick = converted(text)
    assert quick == library


def test_quick_inline_gives_the_librarys_html_for_the_example_sites_content():
    texts = [path.read_text(encoding="utf-8").split("---", 2)[-1] for path in sorted((EXAMPLE / "content").rglob("*.md"))]
    assert len(texts) > 20
    for text in texts:
        library, quick = converted(text)
        assert quick == library


MARKDOWN_PIECES = st.sampled_from([
    "[TOC", "TOC]", "\\[TOC\\]", "&#91;TOC&#93;",
    "a", "word", " ", "  \n", "\n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!", "^", "<",
    ">", "&", ";", "#", "amp", "@", "x@y.z", "https://e.org", ":", "{: #i }", "[^1]", "[^1]: n\n", "*[W]: w\n", "W",
    "<b>", "</b>", "<https://e.org>", "<x@y.z>", "&copy;", "`x`", "[l](u)", "![i](p)", "&amp;", "&#35;",
    "| a | b |\n|---|---|\n", "- ", "1. ", "> ", "    ", "[TOC]", "=", '"',
    "---", "\n===", "- - -", "***", "* ", "+ ", ": ", "|", "#", "\n    ", "[r]: u\n", "[r]", "Term\n:   def\n",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a busy machine is slow
@given(st.lists(MARKDOWN_PIECES, max_size=40).map("".join))
def test_quick_inline_gives_the_librarys_html_for_any_text(text):
    library, quick = converted(text, "en")
    assert quick == library


def test_the_quick_processors_are_the_ones_converting(monkeypatch):
    """The library still calls the private method the quick processor overrides (else it is slow again, unseen)."""
    assert hasattr(InlineProcessor, "_InlineProcessor__handleInline")
    converter = markup._converter("de", False)
    assert type(converter.treeprocessors["inline"]) is markup.QuickInlineProcessor
    calls = []
    original = markup.QuickInlineProcessor._InlineProcessor__handleInline
    monkeypatch.setattr(markup.QuickInlineProcessor, "_InlineProcessor__handleInline",
                        lambda self, data, index=0: calls.append(data) or original(self, data, index))
    assert converter.convert("Ein *Wort*.") == "<p>Ein <em>Wort</em>.</p>"
    assert "Ein *Wort*." in calls
    assert converter.parser.asked, "the quick block parser was not used"


def test_a_contents_marker_still_becomes_a_table_of_contents():
    html = markup.to_html("[TOC]\n\n## Eins\n\n## Zwei", "de")
    assert '<li><a href="#eins" rel="noopener">Eins</a></li>' in html and "[TOC]" not in html
    assert "[TOC]" in markup.to_html("Kein Verzeichnis: `[TOC]`", "de")


def test_a_converter_is_made_without_searching_the_installed_distributions(monkeypatch):
    """Extensions given by name make the library read the entry points of every installed package (0.05 s)."""
    import markdown.util

    def searched():
        raise AssertionError("the converter looked for its extensions among the installed distributions")

    monkeypatch.setattr(markdown.util, "get_installed_extensions", searched)
    for contents_marker in (False, True):
        assert markup._new_converter("de", contents_marker).convert("Text[^1]\n\n[^1]: Fußnote").startswith("<p>Text")


def test_block_level_tags_are_those_of_the_library():
    """Our converter looks tags up in a set made from the library's list: the same answer for every tag."""
    import xml.etree.ElementTree as etree

    converter, library = markup._converter("de", False), markup._new_converter("de", False, quick=False)
    assert converter.is_block_level is not None and "is_block_level" in vars(converter)  # ours is in use
    tags = [*library.block_level_elements, *(tag.upper() for tag in library.block_level_elements), "p/", "DIV/",
            "span", "em", "", "x-div", etree.Comment, etree.ProcessingInstruction, None]
    assert [converter.is_block_level(tag) for tag in tags] == [library.is_block_level(tag) for tag in tags]
    assert sum(map(library.is_block_level, tags)) == 2 * len(library.block_level_elements) + 2


def test_tree_processors_walk_the_tree_only_of_a_text_with_what_they_act_on(monkeypatch):
    from markdown.extensions.attr_list import AttrListTreeprocessor
    from markdown.treeprocessors import UnescapeTreeprocessor

    walked = []
    for kind in (AttrListTreeprocessor, UnescapeTreeprocessor):
        original = kind.run
        monkeypatch.setattr(kind, "run", lambda self, root, original=original: walked.append(type(self)) or original(self, root))
    converter = markup._new_converter("de", False)  # wraps the processors' run as it is now
    assert converter.convert("Ein *Wort* ohne Klammer oder Rückstrich.") == "<p>Ein <em>Wort</em> ohne Klammer oder Rückstrich.</p>"
    assert walked == []
    converter.reset()
    assert converter.convert("Absatz\n{ .lead }\n\n\\*kein\\*") == '<p class="lead">Absatz</p>\n<p>*kein*</p>'
    assert walked == [AttrListTreeprocessor, UnescapeTreeprocessor]


def test_absolute_links_leave_an_address_that_is_none_as_written():
    from sitegen.markup import absolute_links

    assert absolute_links('<a href="//[x">x</a> <a href="../a/?b=1&amp;c=2">y</a>', "https://example.org/de/press/p/") == (
        '<a href="//[x">x</a> <a href="https://example.org/de/press/a/?b=1&c=2">y</a>')


def test_a_heading_never_takes_an_id_of_the_page_around_it():
    html = markup.to_html("## Main\n\n## Main\n\n## Press contact\n\n## Year 2026\n\n## Ordinary\n", "en")
    assert [found for found in re.findall(r'id="([^"]+)"', html)] == [
        "main_1", "main_2", "press-contact_1", "year-2026_1", "ordinary"]
    # nor one chosen after the heading or written in the text's HTML; other chosen ids stay as written
    html = markup.to_html("## X {#main}\n\n## Y {#ziele}\n\n<span id='press-kit'>a</span> <b id=\"year-2020\">b</b>\n",
                          "de")
    assert re.findall(r'id="([^"]+)"', html) == ["main_1", "ziele", "press-kit_1", "year-2020_1"]
    # every id the templates give is known (a new one is added to markup.LAYOUT_IDS)
    written = {found for path in (ROOT / "templates").rglob("*.html")
               for found in re.findall(r'\bid="([^"{]+)"', path.read_text())}
    assert written <= markup.LAYOUT_IDS, sorted(written - markup.LAYOUT_IDS)


def test_a_details_block_keeps_its_summary_and_text_apart():
    assert markup.to_html("<details><summary>Mehr</summary>Der Rest.</details>\n", "de") == (
        "<details><summary>Mehr</summary>Der Rest.</details>")
