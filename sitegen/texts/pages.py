"""Own validating plain pages (content/pages/): front matter, body, the files they link to."""
from __future__ import annotations

from pathlib import PurePosixPath

from .. import links, schema
from ..checks import Context, INVALID, check_fields, not_ahead, valid
from ..load import RawSite
from ..records import Page, Source
from ..source import MarkdownFile
from .names import DOCUMENT_NAME, document_key, names_of_unread, unread_texts
from .bodies import ATTACHMENT_TYPES, body_images, body_of, body_text, file_beside, plain_body


def pages_of(documents: list[MarkdownFile], unreadable: list[str], raw: RawSite, ctx: Context) -> tuple[Page, ...]:
    """Return every valid plain page (`unreadable`: the files that could not be read, which are not missing)."""
    pages = []
    unread_texts(raw, "content/pages/", ctx)
    names_of_unread(raw, "content/pages/", ctx)
    for document in documents:
        ctx.path = document.path
        named = document_key(document, ctx)
        values, ok = check_fields(document.front, schema.PAGE, ctx)
        if values is not None and valid(values, "updated") and not not_ahead(
                values["updated"], "updated", document.front.key_lines.get("updated", 1), ctx):
            ok = False
        values = values if ok else INVALID
        text = body_text(document, raw.root, ctx)
        body_files = body_images(document, text, raw, ctx) if plain_body(document, text, ctx) else None
        files = linked_files(document, raw, ctx)
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


def linked_files(document: MarkdownFile, raw: RawSite, ctx: Context) -> tuple[str, ...] | None:
    """Return the files beside a text (of a plain page or a release) that it links to by name, checked as a press
    kit's (None when one is wrong). A name beside it that is no file is left to the check of links ("leads to no
    page")."""
    folder, found, ok = PurePosixPath(document.path).parent, set(), True
    for line, target in document.links:
        name = links.beside(target)  # as a visitor's browser follows it
        if name and (folder / name).as_posix() in raw.assets:
            path = file_beside(document.path, name, "link", line, ATTACHMENT_TYPES, raw, ctx)
            ok = ok and path is not None
            found |= {path} if path else set()
    return tuple(sorted(found)) if ok else None
