"""Own checking a text's body and the files it shows or offers: pictures (each with a text alternative), press-kit
files beside the release, of an allowed type and size."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .. import limits, links, pictures
from ..checks import CONTROL, Context, INVISIBLE
from ..load import RawSite
from ..localize import file_size
from ..records import Body, PictureFile
from ..source import MarkdownFile, read_body


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
"""Largest press-kit file."""

IMAGE_TYPES = pictures.TYPES
"""Picture files a release may show."""
ATTACHMENT_TYPES = {**IMAGE_TYPES, ".pdf": "PDF", ".zip": "ZIP", ".txt": "Text"}
"""Press-kit files a release may offer (no SVG or HTML: they could carry script)."""


def body_of(document: MarkdownFile) -> Body:
    """Return where a document's body is, for the renderer to read (the text itself is not kept)."""
    return Body(document.path, document.body_line)


def body_text(document: MarkdownFile, root: Path, ctx: Context) -> str | None:
    """Return a document's body, read again (the load stage keeps only where it is; None when it changed since)."""
    return ctx.reading(lambda: read_body(root, document.path, document.body_line, document.digest))


def plain_body(document: MarkdownFile, text: str | None, ctx: Context) -> bool:
    """Refuse invisible control characters in a Markdown body (feeds and pages cannot carry them), and structure
    beyond the bounds of `limits` (nested too deep, brackets left open, …)."""
    if text is None:
        return False
    found = CONTROL.search(text)  # matches neither a tab nor a line break: the whole text at once
    if found:
        ctx.add(document.body_line + text.count("\n", 0, found.start()), "",
                "the text contains an invisible control character", "plain text")
        return False
    excesses = limits.problems(text)  # what the Markdown library could not convert in time proportional to it
    for excess in excesses:
        ctx.add(document.body_line + text.count("\n", 0, excess.offset), limits.FIELD, excess.message,
                excess.expected)
    return not excesses

def file_beside(document_path: str, name: str, where: str, line: int, types: dict, raw: RawSite, ctx) -> str | None:
    """Return the site path of a file beside a document, after checking it exists, its type and size."""
    ctx.path = document_path
    path = (PurePosixPath(document_path).parent / name).as_posix()
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in types:
        return ctx.add(line, where, f"file type of '{name}' is not allowed",
                       "one of " + ", ".join(sorted(set(types)))) and None
    if path not in raw.assets:
        folder = path.rpartition("/")[0] + "/"
        near = links.written_alike(name, (other.rpartition("/")[2] for other in raw.assets
                                          if other.startswith(folder) and "/" not in other[len(folder):]))
        return ctx.add(line, where, f"file '{name}' not found beside {PurePosixPath(document_path).name}",
                       near or "a file in the same folder") and None
    if INVISIBLE.search(name):
        return ctx.add(line, where, f"the file name '{name}' holds an invisible or direction-changing character",
                       "rename the file without it, and name it so here") and None
    if raw.assets[path].size > MAX_ATTACHMENT_BYTES:
        return ctx.add(line, where, f"file '{name}' is too large ({raw.assets[path].size} bytes)",
                       f"at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB") and None
    picture = raw.assets[path].picture
    if types is IMAGE_TYPES and picture is None:  # a page shows it
        wrong, expected = pictures.NOT_SHOWN
        return ctx.add(line, where, f"'{name}' {wrong}", expected) and None
    if types is IMAGE_TYPES and picture.too_large:  # (its copies could not be made in the memory a build may use)
        return ctx.add(line, where, f"'{name}' has too many pixels ({picture.width} × {picture.height})",
                       f"at most {pictures.MAX_PIXELS // 1_000_000} million, e.g. 7,700 × 5,200: "
                       "make it smaller in a photo program") and None
    if picture is not None and picture.located:  # published as it is (its copies leave the position out)
        ctx.add(line, where, f"'{name}' {pictures.LOCATED[0]}", pictures.LOCATED[1], warning=True)
    if picture is not None and picture.format == "GIF" and (picture.width > pictures.HEAVY_GIF[0]
                                                            or picture.size > pictures.HEAVY_GIF[1]):
        ctx.add(line, where, f"'{name}' is shown as it is to every screen, phones too ({picture.width} × "
                f"{picture.height} pixels, {file_size(picture.size, 'en')}: a GIF gets no smaller copies)",
                pictures.HEAVY_GIF_ADVICE, warning=True)
    return path


_TEXT = r"[^\]\n]*(?:\n(?![ \t]*\n)[^\]\n]*)*"
"""A picture's text or label, which may wrap onto the next lines of its paragraph (not past a blank line)."""
REFERENCE_IMAGE = re.compile(r"!\[(" + _TEXT + r")\](?:\s?\[(" + _TEXT + r")\]|(?![(\[]))")
"""A picture by reference: ![text][label], ![text][] or ![label], shown when the text defines the label (Markdown
allows one space or line break between text and label, and falls back to the text when the label is not defined)."""
HTML_IMAGE = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
IMAGE_HINT = re.compile(r"!\[|<img", re.IGNORECASE)
"""What every text with a Markdown or HTML image holds."""
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"[^"]*[^"\s]|'[^']*[^'\s]|[^\s"'>])""", re.IGNORECASE)
"""A text alternative of an <img> tag that is not blank, in double or single quotes or in none."""
HTML_SOURCE = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
"""The address of the picture an <img> tag shows."""


def _not_a_file(address: str, line: int, ctx: Context) -> bool:
    """Report a picture's address that is no file of the site (True); False for a file's."""
    if "://" in address or address.startswith("//"):  # the pages' Content-Security-Policy would block it
        ctx.add(line, "image", f"the picture '{address}' is on another site",
                "a picture file beside the text: pages show pictures of this site only")
    elif address.lower().startswith("data:"):  # sanitising takes it out
        shown = address if len(address) <= 24 else address[:24] + "…"
        ctx.add(line, "image", f"the picture '{shown}' is written into the text", "a picture file beside the text")
    else:
        return False
    return True


def _label(label: str) -> str:
    """Return a reference's label as Markdown matches it (any case, any run of spaces)."""
    return " ".join(label.lower().split())


def _pictures(text: str) -> list[tuple[int, str, str]]:
    """Return the Markdown pictures of a text as (offset of their '![', text alternative, address), in text order.

    As Python-Markdown reads them (`links.inline`): a picture's text may wrap onto the next line of its paragraph,
    its address hold spaces or be written in angle brackets.
    """
    shown = [(link.offset - 1, text[link.offset + 1:link.closing], link.target) for link in links.inline(text)
             if link.picture]
    if "]:" in text:
        defined = {_label(label): target for label, target in links.REFERENCE.findall(text)}
        for match in REFERENCE_IMAGE.finditer(text):
            target = defined.get(_label(match[2])) if match[2] else None
            target = target or defined.get(_label(match[1]))
            if target is not None:
                shown.append((match.start(), match[1], target))
    return sorted(shown)


def body_images(document: MarkdownFile, text: str, raw: RawSite, ctx: Context) -> tuple[PictureFile, ...] | None:
    """Check the images in a Markdown body (text alternative, file beside it); return the pictures, by path.

    Each is reported at the line it starts on, also when it goes on over more lines.
    """
    files, ok = [], True
    if not IMAGE_HINT.search(text):  # most texts have no image
        return ()
    for offset, alt, target in _pictures(text):
        number = document.body_line + text.count("\n", 0, offset)
        if not alt.strip():
            ok = ctx.add(number, "image", f"the image '{target}' has no text alternative",
                         "![what the picture shows](file.jpg)") and False
        elif _not_a_file(target, number, ctx):
            ok = False
        elif not target.startswith("/"):  # a file beside the text, as a visitor's browser finds it
            found = file_beside(document.path, links.beside(target) or target, "image", number, IMAGE_TYPES, raw, ctx)
            ok = ok and found is not None
            files += [found] if found else []
    for match in HTML_IMAGE.finditer(text):
        number, tag = document.body_line + text.count("\n", 0, match.start()), match[0]
        if not HTML_ALT.search(tag):
            ok = ctx.add(number, "image", "an <img> has no text alternative", 'alt="what the picture shows"') and False
        source = HTML_SOURCE.search(tag)
        target = source[1] if source else ""
        if _not_a_file(target, number, ctx):
            ok = False
        elif not target.startswith("/"):  # shown neither from copies nor at its size, and not copied at all
            ok = ctx.add(number, "image", f"an <img> tag shows '{target}'",
                         f"![what the picture shows]({target or 'file.jpg'}): the build shows it from smaller "
                         "copies, at its size") and False
    return tuple(PictureFile(path, raw.assets[path].picture) for path in sorted(set(files))) if ok else None
