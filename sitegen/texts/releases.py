"""Own validating press releases: one file per language linked by the key in its name; language-neutral fields
written once and inherited; press-kit files beside the release."""
from __future__ import annotations

from pathlib import PurePosixPath

from .. import schema, steps
from ..checks import Context, check_fields, check_record, far_ahead, updated_in_time, valid
from ..load import RawSite
from ..records import Attachment, Image, Release, Source
from ..source import KnownFile, MarkdownFile, read_markdown
from .names import DOCUMENT_NAME, RELEASE_KEY, document_key, names_of_unread, release_key, unread_texts
from .bodies import ATTACHMENT_TYPES, IMAGE_TYPES, body_images, body_of, body_text, file_beside, plain_body
from .pages import linked_files


def releases_of(raw: RawSite, ctx: Context) -> tuple[Release, ...]:
    """Return every valid release version; each release is checked as a piece of work of its own (`steps.checked`).

    It depends on the names and hashes of its files, so an unchanged file need not be read
    (a keeper of earlier work may hand it over as a KnownFile) unless its release is checked again.
    """
    failed = {match["key"] for problem in raw.problems
              if (match := DOCUMENT_NAME.match(PurePosixPath(problem.path).name))}
    groups: dict[str, dict[str, MarkdownFile | KnownFile]] = {}
    unread_texts(raw, "content/press/", ctx)
    names_of_unread(raw, "content/press/", ctx)
    for document in raw.documents.get("press", []):
        ctx.path = document.path
        named = document_key(document, ctx)
        if named and release_key(document, *named, ctx):
            groups.setdefault(named[0], {})[named[1]] = document
        else:  # its name is wrong, its text may be too: all is said at once
            misnamed_release(document, raw, ctx)
    context = steps.result("context", "releases", (checking_context(ctx), tuple(sorted(raw.assets.items()))),
                           lambda: object())
    releases: list[Release] = []
    for key, by_lang in sorted(groups.items()):
        documents = tuple(sorted(by_lang.items()))
        files = tuple((lang, document.path, document.digest) for lang, document in documents)
        releases += steps.checked("release", key, (files, key in failed, context), ctx.problems,
                                  lambda: _release_versions(key, documents, key in failed, raw, ctx))
    return tuple(releases)


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
    text = body_text(document, raw.root, ctx)
    if not plain_body(document, text, ctx):
        return None
    body_files = body_images(document, text, raw, ctx)
    linked = linked_files(document, raw, ctx)
    if body_files is None or linked is None or files is None or values is None:
        return None
    image, attachments = files
    merged = {name: shared.get(name, values[name]) for name in schema.RELEASE_SHARED}
    return Release(key, lang, values["title"], values["summary"], merged["date"],
                   merged["updated"] or merged["date"], merged["issuer"], merged["partners"] or (),
                   merged["tags"] or (), merged["initiatives"] or (), image, attachments, bool(merged["draft"]),
                   body_of(document), Source(document.path, 1), body_files, linked)

def _release_files(shared: dict, nodes: dict, raw: RawSite, ctx: Context):
    """Check the picture and press-kit files of a release; return (Image | None, attachments) or None."""
    ok = True
    image = None
    if shared.get("image"):
        path, node = nodes["image"]
        found = file_beside(path, shared["image"]["file"], "image.file", node.value["file"].line, IMAGE_TYPES, raw, ctx)
        ok = found is not None
        given = shared["image"]
        image = (Image(found, given["alt"], raw.assets[found].picture, given["caption"], given["credit"])
                 if found else None)
    attachments = []
    for index, item in enumerate(shared.get("attachments") or ()):
        path, node = nodes["attachments"]
        line = node.value[index].value["file"].line
        found = file_beside(path, item["file"], f"attachments[{index + 1}].file", line, ATTACHMENT_TYPES, raw, ctx)
        if found is None:
            ok = False
            continue
        attachments.append(Attachment(found, item["title"], raw.assets[found].size, item["lang"]))
    return (image, tuple(attachments)) if ok else None

def misnamed_release(document: MarkdownFile | KnownFile, raw: RawSite, ctx: Context) -> None:
    """Check the front matter and text of a release whose file name is wrong (renamed, it would be published)."""
    if isinstance(document, KnownFile):
        document = ctx.reading(lambda: read_markdown(raw.root, document.path, document.digest))
        if document is None:
            return
    check_record(document.front, schema.RELEASE, ctx)
    text = body_text(document, raw.root, ctx)
    if plain_body(document, text, ctx):
        body_images(document, text, raw, ctx)
        linked_files(document, raw, ctx)
