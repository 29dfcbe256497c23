"""Own turning editors' Markdown into safe HTML: Python-Markdown, then an allow-list sanitiser.

Nothing an editor writes (raw HTML, attribute lists, links) can bring script, event
handlers, inline styles or `javascript:` URLs past `to_html`.
"""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol",
    "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
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

CONTENTS_MARKER = "[TOC]"
"""Where the toc extension puts a table of contents (converters look for it only in texts that have it)."""
BACKLINK = {"de": "Zurück zur Fußnote {} im Text", "en": "Back to footnote {} in the text"}


INLINE_NEEDS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",), "reference": ("[",), "link": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",),
    "em_strong": ("*", "_"),
}
"""Inline pattern → text one of which every match of its regular expression contains.

A pattern not named here is always tried.
"""


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

    def run(self, tree, ancestors=None):
        registry = self.md.inlinePatterns
        needs: list[tuple[str, ...] | None] = [None] * len(registry)
        for name, need in INLINE_NEEDS.items():
            if name in registry:
                needs[registry.get_index_for_name(name)] = need
        self.tried = list(zip(registry, needs))
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 (the library's name)
        if isinstance(data, AtomicString):
            return data
        tried, count, start = self.tried, len(self.tried), 0
        while patternIndex < count:
            pattern, need = tried[patternIndex]
            if need is not None and need[0] not in data and (len(need) == 1 or need[1] not in data):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class _QuickInline(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (the library's name)
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)


_CONVERTERS: dict[tuple[str, bool], markdown.Markdown] = {}


def _converter(lang: str, contents_marker: bool) -> markdown.Markdown:
    converter = _CONVERTERS.get((lang, contents_marker))
    if converter is None:
        converter = _CONVERTERS[lang, contents_marker] = _new_converter(lang, contents_marker)
    converter.reset()
    return converter


def _new_converter(lang: str, contents_marker: bool = True, quick: bool = True) -> markdown.Markdown:
    """Return a converter; without `contents_marker`, one that does not look for "[TOC]" (for texts without it).

    `quick=False` gives the library's own inline processor (the tests compare the two).
    """
    return markdown.Markdown(
        extensions=["tables", "footnotes", "attr_list", "toc", "sane_lists", "abbr", "def_list",
                    *([_QuickInline()] if quick else [])],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"permalink": False, **({} if contents_marker else {"marker": ""})},
            "footnotes": {"BACKLINK_TITLE": BACKLINK.get(lang, BACKLINK["en"]).replace("{}", "%d")},
        },
        output_format="html",
    )


_RELATIVE_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]+)"')
_LINK = re.compile(r'\b(href|src)="([^"]*)"')


def to_html(text: str, lang: str, files_url: str | None = None) -> str:
    """Convert Markdown to sanitised HTML ('#' headings become h2; table alignment becomes classes).

    Pictures given by a bare file name are shown from `files_url` (where the build copies them).
    """
    html = _converter(lang, CONTENTS_MARKER in text).convert(text)
    if files_url:
        html = _RELATIVE_IMAGE.sub(lambda m: f'{m[1]}{files_url}{m[2]}"', html)
    html = _ALIGN.sub(lambda m: f'<{m[1]} class="align-{m[2]}"', html)
    html = _TITLE_LEVEL.sub(r"<\1h2", html)
    return sanitise(html)


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
    """Return `html` with every href and src resolved against the absolute URL of its page (for feeds)."""
    return _LINK.sub(lambda m: f'{m[1]}="{urljoin(page_url, unescape(m[2]))}"', html)
