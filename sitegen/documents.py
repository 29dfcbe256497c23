"""Own validating the Markdown documents: plain pages and press releases with their translations, pictures and press kits.

A release is one file per language linked by the shared key in its name; language-neutral
fields are written once and inherited; every picture needs a text alternative; press-kit
files must lie beside the release, be of an allowed type and not too large.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath

from . import limits, links, pictures, schema, steps
from .checks import (CONTROL, DATE, INVALID, INVISIBLE, SLUG, Context, check_fields, check_record, far_ahead,
                     not_ahead, updated_in_time, valid)
from .load import RawSite
from .localize import file_size
from .model import Attachment, Body, Image, Page, PictureFile, Release, Source
from .source import KnownFile, MarkdownFile, read_body, read_markdown

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
"""Largest press-kit file."""

IMAGE_TYPES = pictures.TYPES
"""Picture files a release may show."""
ATTACHMENT_TYPES = {**IMAGE_TYPES, ".pdf": "PDF", ".zip": "ZIP", ".txt": "Text"}
"""Press-kit files a release may offer (no SVG or HTML: they could carry script)."""

DOCUMENT_NAME = re.compile(r"^(?P<key>[^.]+)\.(?P<lang>[^.]+)\.md$")
RELEASE_KEY = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-.")
"""A release's name: its date, then a short name (2027-03-15-medteclive)."""
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mdwn", ".mkd", ".mkdn", ".mdtxt", ".mdtext"})
"""Endings of Markdown files; a text is read only from a file ending in '.md' (lower-case)."""


def _document_key(document: MarkdownFile, ctx: Context) -> tuple[str, str] | None:
    """Return a text's name and language from its file name (None, with a problem, when the name is wrong or the file
    lies in a folder inside its section's: its page's address comes from its name alone)."""
    folder, _, name = document.path.rpartition("/")  # (string work: this runs for every text at every build)
    match = DOCUMENT_NAME.match(name)
    if not match or not SLUG.match(match["key"]):
        ctx.add(1, "", "file name is not '<name>.<language>.md' with a URL-safe name",
                "e.g. 2021-12-07-letter-of-intent.de.md")
        return None
    if match["lang"] not in ctx.languages:
        ctx.add(1, "", f"unknown language '{match['lang']}' in the file name",
                "one of " + ", ".join(f".{lang}.md" for lang in ctx.languages))
        return None
    section = "/".join(folder.split("/", 2)[:2])  # content/press
    if folder != section:
        ctx.add(1, "", f"the file is in the folder {folder[len(section) + 1:]}/ of {section}/: a text there "
                "is not published", f"{section}/{name}, directly in {section}/ (a copy to keep goes outside "
                "content/)")
        return None
    return match["key"], match["lang"]


def _release_key(document: MarkdownFile | KnownFile, key: str, lang: str, ctx: Context) -> bool:
    """Refuse a release whose file name does not start with a real date (its date: docs/editing.md)."""
    match = RELEASE_KEY.match(key)
    if match is None:
        ctx.add(1, "", "the file name does not start with the release's date",
                f"{_front_date(document) or 'YYYY-MM-DD'}-{key}.{lang}.md: the date, then a short name")
        return False
    try:
        dt.date.fromisoformat(match["date"])
    except ValueError:
        ctx.add(1, "", f"the date the file name starts with, {match['date']}, is not a real date",
                "YYYY-MM-DD-name.<language>.md, with the release's date")
        return False
    return True


def _front_date(document: MarkdownFile | KnownFile) -> str | None:
    """Return the date a text's front matter gives, as written (None when it gives none that looks like one)."""
    front = getattr(document, "front", None)
    node = front.value.get("date") if front is not None and isinstance(front.value, dict) else None
    return node.value if node is not None and isinstance(node.value, str) and DATE.match(node.value) else None


def _unread_texts(raw: RawSite, folder: str, ctx: Context) -> None:
    """Report the files in `folder` named as Markdown texts but not ending in '.md': they would not be published."""
    for path in raw.assets:
        if not path.startswith(folder):  # (every file beside every text passes here at every build)
            continue
        name = PurePosixPath(path)
        if name.suffix.lower() in TEXT_SUFFIXES and name.suffix != ".md":
            ctx.path = path
            ctx.add(1, "", f"the file name ends in '{name.suffix}', so the text is not published",
                    f"a name ending in .md, in small letters: {name.stem}.md")


def pages_of(documents: list[MarkdownFile], unreadable: list[str], raw: RawSite, ctx: Context) -> tuple[Page, ...]:
    """Return every valid plain page (`unreadable`: the files that could not be read, which are not missing)."""
    pages = []
    _unread_texts(raw, "content/pages/", ctx)
    _names_of_unread(raw, "content/pages/", ctx)
    for document in documents:
        ctx.path = document.path
        named = _document_key(document, ctx)
        values, ok = check_fields(document.front, schema.PAGE, ctx)
        if values is not None and valid(values, "updated") and not not_ahead(
                values["updated"], "updated", document.front.key_lines.get("updated", 1), ctx):
            ok = False
        values = values if ok else INVALID
        text = _body_text(document, raw.root, ctx)
        body_files = _body_images(document, text, raw, ctx) if _plain_body(document, text, ctx) else None
        files = _linked_files(document, raw, ctx)
        if named and values is not INVALID and body_files is not None and files is not None:
            pages.append(Page(named[0], named[1], values["title"], values["description"], values["updated"],
                              body_of(document), Source(document.path, 1), body_files, files))
    present = {(match["key"], match["lang"]) for path in [d.path for d in documents] + unreadable
               if (match := DOCUMENT_NAME.match(PurePosixPath(path).name))}
    for key in schema.REQUIRED_PAGES:
        for lang in ctx.languages:
            if (key, lang) not in present:
                ctx.path = f"content/pages/{key}.{lang}.md"
                ctx.add(1, "", "required page is missing", f"a file content/pages/{key}.{lang}.md")
    return tuple(pages)


def _linked_files(document: MarkdownFile, raw: RawSite, ctx: Context) -> tuple[str, ...] | None:
    """Return the files beside a text (of a plain page or a release) that it links to by name, checked as a press
    kit's (None when one is wrong). A name beside it that is no file is left to the check of links ("leads to no
    page")."""
    folder, found, ok = PurePosixPath(document.path).parent, set(), True
    for line, target in document.links:
        name = links.beside(target)  # as a visitor's browser follows it
        if name and (folder / name).as_posix() in raw.assets:
            path = _asset(document.path, name, "link", line, ATTACHMENT_TYPES, raw, ctx)
            ok = ok and path is not None
            found |= {path} if path else set()
    return tuple(sorted(found)) if ok else None


def releases_of(raw: RawSite, ctx: Context) -> tuple[Release, ...]:
    """Return every valid release version; each release is checked as a piece of work of its own (`steps.checked`).

    It depends on the names and hashes of its files, so an unchanged file need not be read
    (a keeper of earlier work may hand it over as a KnownFile) unless its release is checked again.
    """
    failed = {match["key"] for problem in raw.problems
              if (match := DOCUMENT_NAME.match(PurePosixPath(problem.path).name))}
    groups: dict[str, dict[str, MarkdownFile | KnownFile]] = {}
    _unread_texts(raw, "content/press/", ctx)
    _names_of_unread(raw, "content/press/", ctx)
    for document in raw.documents.get("press", []):
        ctx.path = document.path
        named = _document_key(document, ctx)
        if named and _release_key(document, *named, ctx):
            groups.setdefault(named[0], {})[named[1]] = document
        else:  # its name is wrong, its text may be too: all is said at once
            _misnamed_release(document, raw, ctx)
    context = steps.result("context", "releases", (checking_context(ctx), tuple(sorted(raw.assets.items()))),
                           lambda: object())
    releases: list[Release] = []
    for key, by_lang in sorted(groups.items()):
        documents = tuple(sorted(by_lang.items()))
        files = tuple((lang, document.path, document.digest) for lang, document in documents)
        releases += steps.checked("release", key, (files, key in failed, context), ctx.problems,
                                  lambda: _release_versions(key, documents, key in failed, raw, ctx))
    return tuple(releases)


def _names_of_unread(raw: RawSite, folder: str, ctx: Context) -> None:
    """Check the names of the texts in `folder` that could not be read: a mistake in a file hides none in its name."""
    for path in sorted({problem.path for problem in raw.problems
                        if problem.path.startswith(folder) and problem.path.endswith(".md")}):
        ctx.path = path
        unread = KnownFile(path, b"")
        named = _document_key(unread, ctx)
        if named and folder == "content/press/":
            _release_key(unread, *named, ctx)


def _misnamed_release(document: MarkdownFile | KnownFile, raw: RawSite, ctx: Context) -> None:
    """Check the front matter and text of a release whose file name is wrong (renamed, it would be published)."""
    if isinstance(document, KnownFile):
        document = ctx.reading(lambda: read_markdown(raw.root, document.path, document.digest))
        if document is None:
            return
    check_record(document.front, schema.RELEASE, ctx)
    text = _body_text(document, raw.root, ctx)
    if _plain_body(document, text, ctx):
        _body_images(document, text, raw, ctx)
        _linked_files(document, raw, ctx)


def checking_context(ctx: Context) -> tuple:
    """Return what checks depend on besides the record itself: the languages, the allowed values, today and where the
    entries are whose ids are not known."""
    allowed = tuple(sorted((name, None if values is None else frozenset(values)) for name, values in ctx.vocab.items()))
    return ctx.languages, allowed, ctx.today, tuple(sorted(ctx.lost.items()))


def _release_versions(key: str, documents: tuple, failed: bool, raw: RawSite, ctx: Context) -> tuple[Release, ...]:
    """Check the language versions of one release together; return the valid ones.

    A mistake in one version hides none in another: every version read is checked whole (its front matter, its text,
    the fields shared with the others as far as they are right). A site with a mistake is not built, so the valid
    versions of a release with a wrong one serve only the check of links (see `partial`)."""
    by_lang, complete = {}, not failed
    for lang, document in documents:
        ctx.path = document.path
        if isinstance(document, KnownFile):  # unchanged, but its other language version was not
            document = ctx.reading(lambda known=document: read_markdown(raw.root, known.path, known.digest))
            if document is None:
                complete = False
                continue
        values, ok = check_fields(document.front, schema.RELEASE, ctx)
        complete = complete and values is not None
        by_lang[lang] = (document, values, ok)
    shared, nodes, agreed = _shared_fields(by_lang, ctx, complete)
    if "date" in shared:
        agreed = _dated_as_named(key, shared, nodes, ctx) and agreed
        ctx.path = nodes["date"][0]
        far_ahead(shared["date"], "date", nodes["date"][1].line, ctx)
        if "updated" in nodes:
            ctx.path = nodes["updated"][0]  # the file that gives it, where a problem with it is reported
            agreed = updated_in_time(shared, "date", {"updated": nodes["updated"][1]}, ctx) and agreed
    files = _release_files(shared, nodes, raw, ctx)
    releases = []
    for lang, (document, values, ok) in sorted(by_lang.items()):
        ctx.path = document.path
        release = _release(key, lang, document, values if ok and agreed else None, shared, files, raw, ctx)
        if release is not None:
            releases.append(release)
    return tuple(releases)


def _shared_fields(by_lang: dict, ctx: Context, complete: bool) -> tuple[dict, dict, bool]:
    """Return the language-neutral fields of a release's versions (those that are right), where each is given, and
    whether they agree (`complete`: whether every version could be read, so that a date given by none is missing)."""
    shared: dict = {}
    origin: dict = {}
    nodes: dict = {}
    ok = True
    for _lang, (document, values, _) in sorted(by_lang.items()):
        for name in schema.RELEASE_SHARED:
            if values is None or name not in document.front.value or not valid(values, name):
                continue
            if name in shared and shared[name] != values[name]:
                ctx.path = document.path
                ok = ctx.add(document.front.key_lines[name], name,
                             f"differs from {origin[name]} (language-neutral fields must agree)",
                             "the same value in both files, or leave it out of one") and False
            shared.setdefault(name, values[name])
            origin.setdefault(name, document.path)
            nodes.setdefault(name, (document.path, document.front.value[name]))
    given = any(values is not None and "date" in document.front.value for document, values, _ in by_lang.values())
    if complete and by_lang and not given:
        document = next(iter(by_lang.values()))[0]
        ctx.path = document.path
        ok = ctx.add(document.front.line, "date", "missing required field",
                     "a release date YYYY-MM-DD in at least one language version") and False
    return shared, nodes, ok and "date" in shared


def _dated_as_named(key: str, shared: dict, nodes: dict, ctx: Context) -> bool:
    """Refuse a release dated other than its file name says: the name gives its page's address (and its files')."""
    named, date = RELEASE_KEY.match(key)["date"], shared["date"].isoformat()
    if date == named:
        return True
    path, node = nodes["date"]
    ctx.path = path
    ctx.add(node.line, "date", f"{date} is not the date the file name starts with, {named}",
            f"date: {named}, or the release's files renamed to {date}{key[len(named):]}.<language>.md")
    return False


def _release(key, lang, document: MarkdownFile, values, shared, files, raw: RawSite, ctx) -> Release | None:
    """Check a release version's text; return the version (None when its text, its `values` or its `files` are not
    right: None stands for values with a mistake)."""
    text = _body_text(document, raw.root, ctx)
    if not _plain_body(document, text, ctx):
        return None
    body_files = _body_images(document, text, raw, ctx)
    linked = _linked_files(document, raw, ctx)
    if body_files is None or linked is None or files is None or values is None:
        return None
    image, attachments = files
    merged = {name: shared.get(name, values[name]) for name in schema.RELEASE_SHARED}
    return Release(key, lang, values["title"], values["summary"], merged["date"],
                   merged["updated"] or merged["date"], merged["issuer"], merged["partners"] or (),
                   merged["tags"] or (), merged["initiatives"] or (), image, attachments, bool(merged["draft"]),
                   body_of(document), Source(document.path, 1), body_files, linked)


def body_of(document: MarkdownFile) -> Body:
    """Return where a document's body is, for the renderer to read (the text itself is not kept)."""
    return Body(document.path, document.body_line)


def _body_text(document: MarkdownFile, root: Path, ctx: Context) -> str | None:
    """Return a document's body, read again (the load stage keeps only where it is; None when it changed since)."""
    return ctx.reading(lambda: read_body(root, document.path, document.body_line, document.digest))


def _plain_body(document: MarkdownFile, text: str | None, ctx: Context) -> bool:
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


def _release_files(shared: dict, nodes: dict, raw: RawSite, ctx: Context):
    """Check the picture and press-kit files of a release; return (Image | None, attachments) or None."""
    ok = True
    image = None
    if shared.get("image"):
        path, node = nodes["image"]
        found = _asset(path, shared["image"]["file"], "image.file", node.value["file"].line, IMAGE_TYPES, raw, ctx)
        ok = found is not None
        given = shared["image"]
        image = (Image(found, given["alt"], raw.assets[found].picture, given["caption"], given["credit"])
                 if found else None)
    attachments = []
    for index, item in enumerate(shared.get("attachments") or ()):
        path, node = nodes["attachments"]
        line = node.value[index].value["file"].line
        found = _asset(path, item["file"], f"attachments[{index + 1}].file", line, ATTACHMENT_TYPES, raw, ctx)
        if found is None:
            ok = False
            continue
        attachments.append(Attachment(found, item["title"], raw.assets[found].size, item["lang"]))
    return (image, tuple(attachments)) if ok else None


def _asset(document_path: str, name: str, where: str, line: int, types: dict, raw: RawSite, ctx) -> str | None:
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


def _body_images(document: MarkdownFile, text: str, raw: RawSite, ctx: Context) -> tuple[PictureFile, ...] | None:
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
            found = _asset(document.path, links.beside(target) or target, "image", number, IMAGE_TYPES, raw, ctx)
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
