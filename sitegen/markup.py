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

BACKLINK = {"de": "Zurück zur Fußnote {} im Text", "en": "Back to footnote {} in the text"}


_CONVERTERS: dict[str, markdown.Markdown] = {}


def _converter(lang: str) -> markdown.Markdown:
    converter = _CONVERTERS.get(lang)
    if converter is None:
        converter = _CONVERTERS[lang] = _new_converter(lang)
    converter.reset()
    return converter


def _new_converter(lang: str) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "footnotes", "attr_list", "toc", "sane_lists", "abbr", "def_list"],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"permalink": False},
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
    html = _converter(lang).convert(text)
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
