"""Own turning editors' Markdown into safe HTML: Python-Markdown, then an allow-list sanitiser.

Nothing an editor writes (raw HTML, attribute lists, links) can bring script, event
handlers, inline styles or `javascript:` URLs past `to_html`. Python-Markdown runs with
shortcuts that leave its HTML as it is (`QuickInlineProcessor`, `_quick_blocks`, `_Quick`):
patterns and block processors are not tried on text that cannot match them, tree processors that
walk the whole tree are not run on a text without what they act on, block-level tags are looked up
in a set.
"""
from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urljoin

import markdown
import nh3
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

from . import parallel
from .words import N_

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol",
    "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
_ALIGNED = {"align-left", "align-right", "align-center"}
ALLOWED_CLASSES = {
    "td": _ALIGNED, "th": _ALIGNED, "a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}, "p": {"lead"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_ALIGN = re.compile(r'<(td|th) align="(left|right|center)"')
_TITLE_LEVEL = re.compile(r"<(/?)h1\b")
"""The page title is the only h1: a '#' heading in Markdown becomes h2."""

LAYOUT_IDS = frozenset({
    "contact", "countries", "enquiry", "filter-heading", "goal", "home-title", "initiative-events",
    "initiative-events-past", "initiative-events-upcoming", "initiative-marketplace", "initiative-partners",
    "initiative-press", "initiatives-home", "involved", "lang-switch", "latest-press", "legal-facts", "main",
    "marketplace-latest", "next-events", "partner-events", "partner-events-past", "partner-events-upcoming",
    "partner-marketplace", "partner-press", "past", "press-contact", "press-kit", "search-page-query", "site-index",
    "site-search", "upcoming",
})
"""The ids the templates give parts of a page (a test keeps this list current): a heading of a text must not take one
(the skip link, a section's label or the search box would then lead to the heading)."""
_LAYOUT_ID = re.compile(r"country-[a-z]+|year-\d+|.+-title")
"""Ids the templates make of a value: a country's section, a year's, a map's title."""


def layout_id(name: str) -> bool:
    """Whether the templates may give a part of a page the id `name` (LAYOUT_IDS, or one they make of a value)."""
    return name in LAYOUT_IDS or _LAYOUT_ID.fullmatch(name) is not None


def _heading_id(text: str, separator: str) -> str:
    """Return the id of a heading, as the toc extension makes it, but never one of the page's own (LAYOUT_IDS):
    'main' becomes 'main_1', as the extension names a second heading of the same text."""
    from markdown.extensions.toc import slugify

    made = slugify(text, separator)
    return f"{made}_1" if layout_id(made) else made


CONTENTS_MARKER = "[TOC]"
"""Where the toc extension puts a table of contents (converters look for it only in texts that have it)."""
BACKLINK = N_("Back to footnote %(number)s in the text")
"""The title of a footnote's link back to the text. The converter writes only the footnote's number there (converted
texts do not depend on the catalogs); `backlink_titles` puts in the words when a page is rendered."""
_BACKLINK = re.compile(r'(<a class="footnote-backref" href="[^"]*" title=")\D*(\d+)[^"]*"')


def backlink_titles(html: str, gettext) -> str:
    """Return converted Markdown with each footnote's link back titled in the language of `gettext` (BACKLINK)."""
    if "footnote-backref" not in html:
        return html
    return _BACKLINK.sub(lambda m: f'{m[1]}{escape(BACKLINK.said(gettext, number=m[2]))}"', html)


INLINE_NEEDS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",), "reference": ("[",), "link": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",),
    "em_strong": ("*", "_"),
}
"""Inline pattern → texts one of which every match of its regular expression contains (one not named: always tried)."""

BLOCK_NEEDS = {
    "indent": ("    ",), "defindent": ("    ",), "code": ("    ",), "table": ("|",), "hashheader": ("#",),
    "setextheader": ("\n=", "\n-"), "hr": ("-", "_", "*"), "olist": (". ",), "ulist": ("* ", "+ ", "- "),
    "deflist": (": ",), "quote": (">",), "footnote": ("[^",), "abbr": ("*[",), "reference": ("]:",),
}
"""Block processor → texts one of which every block it takes contains (one not named: always asked)."""

TREE_NEEDS = {"attr_list": ("{",), "unescape": ("\\",)}
"""Tree processor → texts one of which a Markdown text holds when the processor can change its tree (attribute
lists are written in braces; only a backslash escape leaves the marks `unescape` turns back into characters).
Each walks the whole tree; on the tree of a text without what it needs, it is not run."""

ALWAYS = ("",)
"""What a pattern or processor not named needs: the empty text, which every text holds."""


def _needs(registry, needs: dict[str, tuple[str, ...]]) -> list[tuple[object, tuple[str, ...]]]:
    """Return the registry's items in order, each with the texts one of which it needs (ALWAYS when not named)."""
    found: list[tuple[str, ...]] = [ALWAYS] * len(registry)
    for name, need in needs.items():
        if name in registry:
            found[registry.get_index_for_name(name)] = need
    return list(zip(registry, found))


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, not trying a pattern on a text that cannot hold a match of it.

    The library tries each of its fifteen inline patterns on every piece of text; most pieces
    have no backtick, bracket, '<', '&', '*' or '_' at all, and trying a pattern costs far more
    than looking for its character. Skipping a pattern whose regular expression cannot match
    does what trying it does when it finds nothing (the next pattern starts at the beginning),
    so the HTML is the library's own, byte for byte (tested on every kind of inline Markdown).
    Overrides the library's private `__handleInline` (Markdown is pinned; the test fails if it
    is no longer called).
    """

    tried: list | None = None
    """The patterns in order, each with what it needs (found at the first conversion: extensions are all loaded)."""

    def run(self, tree, ancestors=None):
        if self.tried is None:
            self.tried = _needs(self.md.inlinePatterns, INLINE_NEEDS)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 (the library's name)
        if isinstance(data, AtomicString):
            return data
        tried, count, start = self.tried, len(self.tried), 0
        while patternIndex < count:
            pattern, need = tried[patternIndex]
            for piece in need:  # (a loop, not any(): this runs a million times a build)
                if piece in data:
                    break
            else:
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def _quick_blocks(parser: BlockParser) -> None:
    """Let `parser` ask a block processor about a block only when the block holds what the processor needs.

    The library asks each of sixteen processors in turn, most with a regular expression over the
    whole block; a processor not asked is one that would have declined the block (its test fails,
    or its run finds nothing and puts the block back), so the tree is the library's own.
    """
    parse_document = parser.parseDocument

    def parse_document_quickly(lines):
        if not hasattr(parser, "asked"):  # at the first conversion: extensions are all loaded
            parser.asked = _needs(parser.blockprocessors, BLOCK_NEEDS)
        return parse_document(lines)

    def parse_blocks(parent, given: list[str]) -> None:
        asked, blocks = parser.asked, _Blocks(given)
        given.clear()  # (consumed, as the library's own loop leaves it)
        while blocks:
            for processor, need in asked:
                block = blocks[0]
                for piece in need:
                    if piece in block:
                        break
                else:
                    continue
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break

    parser.parseDocument = parse_document_quickly
    parser.parseBlocks = parse_blocks


class _Blocks:
    """The blocks a parser has still to place, as its processors use them: the first looked at, taken, or put back.

    The library keeps them in a list and takes each from its front, which moves all the others: a text of many
    paragraphs took time growing with their number squared (bench/README.md, "Figures moved out of the code"). Kept
    the other way round, taking and putting back cost the same for any number."""

    __slots__ = ("_reversed",)

    def __init__(self, blocks: list[str]) -> None:
        self._reversed = blocks[::-1]

    def __bool__(self) -> bool:
        return bool(self._reversed)

    def __len__(self) -> int:
        return len(self._reversed)

    def __getitem__(self, index: int) -> str:
        return self._reversed[-1 - index]

    def pop(self, index: int = -1) -> str:
        """Take the block at `index` (the first: 0) out."""
        return self._reversed.pop(-1 - index if index >= 0 else -len(self._reversed) - 1 - index)

    def insert(self, index: int, block: str) -> None:
        """Put `block` back at `index` (in front: 0)."""
        self._reversed.insert(len(self._reversed) - index, block)


class _Quick(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (the library's name)
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)
        _quick_blocks(md.parser)
        # The library asks whether a tag is block-level some two hundred times a text, each time looking
        # through its list of forty tags; the same answer from a set (the extensions listed before this
        # one have added their tags by now): a sixteenth of a conversion.
        blocks = frozenset(md.block_level_elements)
        md.is_block_level = lambda tag: isinstance(tag, str) and tag.lower().rstrip("/") in blocks
        md.preprocessors.register(_TextNoted(md), "quick-text", 100)  # first: the text as given
        for name, need in TREE_NEEDS.items():
            if name in md.treeprocessors:
                _run_when_needed(md, md.treeprocessors[name], need)


class _TextNoted(Preprocessor):
    """Notes the text being converted (as `md.quick_text`) for the tree processors run only when needed."""

    def run(self, lines: list[str]) -> list[str]:
        self.md.quick_text = "\n".join(lines)
        return lines


def _run_when_needed(md: markdown.Markdown, processor, need: tuple[str, ...]) -> None:
    """Let `processor` run only on the tree of a text holding one of the texts it needs (see TREE_NEEDS)."""
    run = processor.run

    def run_when_needed(root):
        return run(root) if any(piece in md.quick_text for piece in need) else None

    processor.run = run_when_needed


_CONVERTERS: dict[tuple[str, bool], markdown.Markdown] = {}


def _converter(lang: str, contents_marker: bool) -> markdown.Markdown:
    converter = _CONVERTERS.get((lang, contents_marker))
    if converter is None:
        converter = _CONVERTERS[lang, contents_marker] = _new_converter(lang, contents_marker)
    converter.reset()
    return converter


def _new_converter(lang: str, contents_marker: bool = True, quick: bool = True) -> markdown.Markdown:
    """Return a converter; without `contents_marker`, one that does not look for "[TOC]" (for texts without it).

    `quick=False` gives the library's own inline processor and block parser (the tests compare the two).
    The extensions are given as objects: given by name, the library looks for them among the entry
    points of every installed distribution (a twentieth of a second, at each build process's first text).
    They are imported here, when a process first converts a text (a build with nothing to convert does not).
    """
    from markdown.extensions.abbr import AbbrExtension
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    converter = markdown.Markdown(
        extensions=[
            TableExtension(use_align_attribute=True),
            FootnoteExtension(BACKLINK_TITLE="%d"),  # the words: backlink_titles
            AttrListExtension(),
            TocExtension(permalink=False, slugify=_heading_id, **({} if contents_marker else {"marker": ""})),
            SaneListExtension(),
            AbbrExtension(),
            DefListExtension(),
            *([_Quick()] if quick else []),
        ],
        output_format="html",
    )
    _names_as_text(converter.treeprocessors["attr_list"])
    return converter


NAME_IN_BRACES = r"\{[A-Za-z]\w*(?:\.\w+)*\}"
"""A name in braces such as {partners.DE}: a placeholder a page's text may hold (sitegen.counts). Never an attribute
list, which would take it out of the text (the attribute made of it is none the sanitiser keeps)."""


def _names_as_text(processor) -> None:
    """Let the attribute-list processor leave a name in braces (NAME_IN_BRACES) in the text: `## Partner: {partners}`
    at the end of a heading, after emphasis or on a paragraph's last line."""
    base = type(processor).BASE_RE
    kept = base.replace(r"\{", r"\{(?!" + NAME_IN_BRACES[2:] + ")", 1)
    for name in ("HEADER_RE", "BLOCK_RE", "INLINE_RE"):
        pattern = getattr(type(processor), name).pattern
        if base not in pattern:
            raise RuntimeError(f"the attr_list extension's {name} no longer holds its BASE_RE (Markdown is pinned)")
        setattr(processor, name, re.compile(pattern.replace(base, kept)))


_RELATIVE_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]+)"')
_LINK = re.compile(r'\b(href|src)="([^"]*)"')


def to_html(text: str, lang: str, files_url: str | None = None) -> str:
    """Convert Markdown to sanitised HTML ('#' headings become h2; table alignment becomes classes).

    Pictures given by a bare file name are shown from `files_url` (where the build copies them).
    """
    return finish(convert(text, lang), files_url)


def convert(text: str, lang: str) -> str:
    """Return Markdown converted by the library, as it comes (the costly part of `to_html`: it depends on nothing
    but the text and its language). Raise `parallel.Unconvertible` when it takes longer than `parallel.TEXT_SECONDS` or
    goes too deep for Python's stack (a last resort: `limits.problems` refuses such texts before)."""
    converter = _converter(lang, CONTENTS_MARKER in text)
    try:
        with parallel.time_limit(parallel.TEXT_SECONDS):
            return converter.convert(text)
    except (parallel.Unconvertible, RecursionError) as error:  # (the checks of `limits` should keep both away)
        _CONVERTERS.pop((lang, CONTENTS_MARKER in text), None)  # left in the middle of a text: not used again
        if isinstance(error, parallel.Unconvertible):
            raise
        raise parallel.Unconvertible("the text is nested too deeply to be converted", "fewer levels of lists, quotes "
                                   "or brackets; please tell the site's maintainers, whose checks should have found "
                                   "it") from None


def finish(html: str, files_url: str | None = None) -> str:
    """Return converted Markdown (`convert`) as `to_html` does: pictures' addresses, headings, alignment, sanitised."""
    if files_url:
        html = _RELATIVE_IMAGE.sub(lambda m: f'{m[1]}{files_url}{m[2]}"', html)
    html = _ALIGN.sub(lambda m: f'<{m[1]} class="align-{m[2]}"', html)
    html = _TITLE_LEVEL.sub(r"<\1h2", html)
    html = sanitise(html)
    return _OWN_ID.sub(_not_the_layouts, html) if ' id="' in html else html


_OWN_ID = re.compile(r'(\sid=")([^"]*)"')
"""An id the text gives an element (chosen after a heading, `## Ziele {#ziele}`, or in its HTML), once sanitised."""


def _not_the_layouts(match: re.Match) -> str:
    """Return an id as written, or with '_1' added when it is one of the page's own (as `_heading_id` does)."""
    return f'{match[1]}{match[2]}_1"' if layout_id(match[2]) else match[0]


def sanitise(html: str) -> str:
    """Return `html` with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


def absolute_links(html: str, page_url: str) -> str:
    """Return `html` with every href and src resolved against the absolute URL of its page (for feeds); one that
    is no address (`//[x`) stays as it was written."""
    def resolved(match: re.Match) -> str:
        try:
            return f'{match[1]}="{urljoin(page_url, unescape(match[2]))}"'
        except ValueError:
            return match[0]
    return _LINK.sub(resolved, html)
