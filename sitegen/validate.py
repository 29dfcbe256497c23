"""Own the validate stage: raw records → typed model objects, or every problem at once.

Field-level checks come from `checks` driven by `schema`; this module adds what spans
records: duplicate ids, references between files, translation pairs, placeholders.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit
from pathlib import PurePosixPath

from . import schema
from .checks import CONTROL, INVALID, SLUG, Context, check, check_record, regions_in_country
from .load import RawSite
from .marketplace_rules import marketplace_entry
from .model import (Attachment, Contact, Event, Image, Initiative, Legal, Logo, Page, Partner, Place, Release,
                    Site, SiteConfig, Source, Vocabularies)
from .problems import Problem, ProblemsFound
from .source import MarkdownFile, Raw

PLACEHOLDER = "PLACEHOLDER"
"""Marks a legal fact the sample data cannot know; `check` warns while any remains."""

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
"""Largest press-kit file."""

IMAGE_TYPES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WebP", ".gif": "GIF"}
"""Picture files a release may show."""
ATTACHMENT_TYPES = {**IMAGE_TYPES, ".pdf": "PDF", ".zip": "ZIP", ".txt": "Text"}
"""Press-kit files a release may offer (no SVG or HTML: they could carry script)."""

DOCUMENT_NAME = re.compile(r"^(?P<key>[^.]+)\.(?P<lang>[^.]+)\.md$")


def validate_site(raw: RawSite) -> tuple[Site | None, list[Problem]]:
    """Validate everything; return the Site (None when any error) and all problems, warnings included."""
    problems = list(raw.problems)
    config = _site_config(raw.data.get("site"), problems)
    languages = config.languages if config else schema.SUPPORTED_LANGUAGES
    vocab = _vocabularies(raw.data.get("vocabularies"), languages, problems)
    names = {name: set(values) for name, values in vars(vocab).items()} if vocab else {
        spec.name: None for spec in schema.VOCABULARIES}
    partners = _records(raw.data.get("partners"), "data/partners.yaml", schema.PARTNER, _partner,
                        Context("data/partners.yaml", languages, names, problems))
    raw_ids = _raw_ids(raw.data.get("partners"))
    names["partners"] = None if raw_ids is None else {partner.id for partner in partners} | raw_ids
    initiatives = _records(raw.data.get("initiatives"), "data/initiatives.yaml", schema.INITIATIVE, _initiative,
                           Context("data/initiatives.yaml", languages, names, problems))
    initiative_ids = _raw_ids(raw.data.get("initiatives")) if "initiatives" in raw.data else set()
    names["initiatives"] = None if initiative_ids is None else initiative_ids
    marketplace = _records(raw.data.get("marketplace"), "data/marketplace.yaml", schema.MARKETPLACE_ENTRY,
                           marketplace_entry, Context("data/marketplace.yaml", languages, names, problems))
    events = _records(raw.data.get("events"), "data/events.yaml", schema.EVENT, _event,
                      Context("data/events.yaml", languages, names, problems))
    releases = _releases(raw, Context("", languages, names, problems))
    pages = _pages(raw.documents.get("pages", []), [p.path for p in raw.problems],
                   Context("", languages, names, problems))
    if any(not problem.warning for problem in problems) or config is None or vocab is None:
        return None, sorted(problems)
    return Site(config, vocab, partners, events, releases, pages, initiatives, marketplace), sorted(problems)


def _site_config(tree: Raw | None, problems: list) -> SiteConfig | None:
    if tree is None:
        return None
    ctx = Context("data/site.yaml", schema.SUPPORTED_LANGUAGES, {}, problems)
    values = check_record(tree, schema.SITE, ctx)
    if values is INVALID:
        return None
    languages = values["languages"]
    if not languages or languages[0] != "de" or len(set(languages)) != len(languages):
        ctx.add(tree.line, "languages", "languages must be unique, German first", "[de, en]")
        return None
    for name, value in values["legal"].items():
        if PLACEHOLDER in value:
            ctx.add(tree.value["legal"].value[name].line, f"legal.{name}", "still a placeholder",
                    "the real fact before publishing", warning=True)
    base = values["base_url"] if values["base_url"].endswith("/") else values["base_url"] + "/"
    return SiteConfig(values["name"], values["motto"], values["intro"], base, languages, values["contact_email"],
                      values["press_page_size"], Legal(**values["legal"]), urlsplit(base).hostname or "localhost")


def _vocabularies(tree: Raw | None, languages, problems: list) -> Vocabularies | None:
    if tree is None:
        return None
    ctx = Context("data/vocabularies.yaml", languages, {}, problems)
    if not isinstance(tree.value, dict):
        ctx.add(tree.line, "", "expected the vocabularies as groups", "focus_areas:, tags:, event_kinds:")
        return None
    names = [spec.name for spec in schema.VOCABULARIES]
    for key in tree.value:
        if key not in names:
            ctx.add(tree.key_lines[key], key, "unknown vocabulary", "one of: " + ", ".join(names))
    result = {}
    for name in names:
        node = tree.value.get(name)
        optional = not next(spec for spec in schema.VOCABULARIES if spec.name == name).required
        if node is None and optional:
            result[name] = {}
            continue
        if node is None or not isinstance(node.value, dict):
            ctx.add(node.line if node else tree.line, name, "missing vocabulary" if node is None or node.value is None
                    else "expected 'key: {de: …, en: …}' lines", "key: {de: label, en: label} lines")
            result[name] = {}
            continue
        result[name] = _vocabulary(node, name, ctx)
    return Vocabularies(**result)


def _vocabulary(node: Raw, name: str, ctx: Context) -> dict:
    entries: dict = {}
    for key, value in node.value.items():
        if not SLUG.match(key):
            ctx.add(node.key_lines[key], f"{name}.{key}", f"'{key}' is not URL-safe",
                    "lower-case letters, digits and hyphens")
            continue
        labels = check(value, schema.VOCAB_ENTRY, ctx, f"{name}.{key}")
        if labels is not INVALID:
            entries[key] = labels
    return entries


def _records(tree: Raw | None, path: str, fields, build, ctx: Context) -> tuple:
    if tree is None:
        return ()
    if not isinstance(tree.value, list):
        ctx.add(tree.line, "", "expected a list of entries, each starting with '- id:'", "- id: …")
        return ()
    records, seen = [], {}
    for item in tree.value:
        values = check_record(item, fields, ctx)
        if values is INVALID:
            continue
        if values["id"] in seen:
            ctx.add(item.line, "id", f"duplicate id '{values['id']}' (first on line {seen[values['id']]})",
                    "a unique id")
            continue
        seen[values["id"]] = item.line
        record = build(values, Source(path, item.line), item, ctx)
        if record is not None:
            records.append(record)
    return tuple(records)


def _raw_ids(tree: Raw | None) -> set[str] | None:
    """Return the well-formed ids of a list file, valid entries or not (None when the file is unusable)."""
    if tree is None or not isinstance(tree.value, list):
        return None
    ids = set()
    for item in tree.value:
        node = item.value.get("id") if isinstance(item.value, dict) else None
        if node is not None and isinstance(node.value, str) and SLUG.match(node.value):
            ids.add(node.value)
    return ids


RESERVED_PARTNER_IDS = ("country", "region", "focus", "kind")
"""Path segments of the partner filter pages, which no partner id may take."""


def _partner(values: dict, source: Source, item: Raw, ctx: Context) -> Partner | None:
    if values["id"] in RESERVED_PARTNER_IDS:
        ctx.add(item.value["id"].line, "id", f"'{values['id']}' is reserved for the partner filters",
                "another id, e.g. the organisation's short name")
        return None
    contact = Contact(**values["contact"])
    logo = Logo(**values["logo"]) if values["logo"] else None
    regions_in_country(values["regions"], values["country"], item.value["regions"], ctx)
    return Partner(**{**values, "contact": contact, "logo": logo, "source": source})


def _initiative(values: dict, source: Source, item: Raw, ctx: Context) -> Initiative:
    return Initiative(**{**values, "source": source})


RESERVED_EVENT_IDS = ("kind", "country")
"""Path segments of the event filter pages, which no event id may take."""


def _event(values: dict, source: Source, item: Raw, ctx: Context) -> Event | None:
    if values["id"] in RESERVED_EVENT_IDS or re.fullmatch(r"\d{4}-\d{2}", values["id"]):
        ctx.add(item.value["id"].line, "id", f"'{values['id']}' is reserved for the event filters and month views",
                "another id, e.g. workshop-vienna-2027")
        return None
    start, end = values["start"], values["end"]
    if end is not None and type(start) is not type(end):
        ctx.add(item.value["end"].line, "end", "start and end must both be dates or both be dates with times",
                "the same form as start")
        return None
    if end is not None and end < start:
        ctx.add(item.value["end"].line, "end", f"end {end.isoformat()} is before start {start.isoformat()}",
                "an end on or after the start")
        return None
    if values["place"] is None and values["online_url"] is None:
        ctx.add(item.line, "place", "an event needs a place or an online_url", "place: or online_url:")
        return None
    place = Place(**values["place"]) if values["place"] else None
    updated = values["updated"] or values["announced"]
    return Event(**{**values, "place": place, "updated": updated, "source": source})


def _document_key(document: MarkdownFile, ctx: Context) -> tuple[str, str] | None:
    match = DOCUMENT_NAME.match(PurePosixPath(document.path).name)
    if not match or not SLUG.match(match["key"]):
        ctx.add(1, "", "file name is not '<name>.<language>.md' with a URL-safe name",
                "e.g. 2021-12-07-letter-of-intent.de.md")
        return None
    if match["lang"] not in ctx.languages:
        ctx.add(1, "", f"unknown language '{match['lang']}' in the file name",
                "one of " + ", ".join(f".{lang}.md" for lang in ctx.languages))
        return None
    return match["key"], match["lang"]


def _pages(documents: list[MarkdownFile], unreadable: list[str], ctx: Context) -> tuple[Page, ...]:
    pages = []
    for document in documents:
        ctx.path = document.path
        named = _document_key(document, ctx)
        values = check_record(document.front, (
            schema.Field("title", "text", "Page title."),
            schema.Field("description", "text", "One sentence for search engines."),
            schema.Field("updated", "date", "Last real change.", required=False)), ctx)
        if named and values is not INVALID and _plain_body(document, ctx):
            pages.append(Page(named[0], named[1], values["title"], values["description"], values["updated"],
                              document.body, document.body_line, Source(document.path, 1)))
    present = {(match["key"], match["lang"]) for path in [d.path for d in documents] + unreadable
               if (match := DOCUMENT_NAME.match(PurePosixPath(path).name))}
    for key in schema.REQUIRED_PAGES:
        for lang in ctx.languages:
            if (key, lang) not in present:
                ctx.path = f"content/pages/{key}.{lang}.md"
                ctx.add(1, "", "required page is missing", f"a file content/pages/{key}.{lang}.md")
    return tuple(pages)


def _releases(raw: RawSite, ctx: Context) -> tuple[Release, ...]:
    versions: dict[str, dict[str, tuple[MarkdownFile, dict]]] = {}
    failed = {match["key"] for problem in raw.problems
              if (match := DOCUMENT_NAME.match(PurePosixPath(problem.path).name))}
    for document in raw.documents.get("press", []):
        ctx.path = document.path
        named = _document_key(document, ctx)
        values = check_record(document.front, schema.RELEASE, ctx)
        if named and values is not INVALID:
            versions.setdefault(named[0], {})[named[1]] = (document, values)
        elif named:
            failed.add(named[0])
    releases = []
    for key, by_lang in sorted(versions.items()):
        if key in failed:
            continue
        found = _shared_fields(by_lang, ctx)
        if found is None:
            continue
        shared, nodes = found
        files = _release_files(shared, nodes, raw, ctx)
        for lang, (document, values) in sorted(by_lang.items()):
            ctx.path = document.path
            release = _release(key, lang, document, values, shared, files, raw, ctx)
            if release is not None:
                releases.append(release)
    return tuple(releases)


def _shared_fields(by_lang: dict, ctx: Context) -> tuple[dict, dict] | None:
    shared: dict = {}
    origin: dict = {}
    nodes: dict = {}
    ok = True
    for lang, (document, values) in sorted(by_lang.items()):
        for name in schema.RELEASE_SHARED:
            if name not in document.front.value:
                continue
            if name in shared and shared[name] != values[name]:
                ctx.path = document.path
                ok = ctx.add(document.front.key_lines[name], name,
                             f"differs from {origin[name]} (language-neutral fields must agree)",
                             "the same value in both files, or leave it out of one") and False
            shared.setdefault(name, values[name])
            origin.setdefault(name, document.path)
            nodes.setdefault(name, (document.path, document.front.value[name]))
    if ok and "date" not in shared:
        document = next(iter(by_lang.values()))[0]
        ctx.path = document.path
        ok = ctx.add(document.front.line, "date", "missing required field",
                     "a release date YYYY-MM-DD in at least one language version") and False
    return (shared, nodes) if ok else None


def _release(key, lang, document: MarkdownFile, values, shared, files, raw: RawSite, ctx) -> Release | None:
    if files is None:
        return None
    image, attachments = files
    if not _plain_body(document, ctx):
        return None
    body_files = _body_images(document, raw, ctx)
    if body_files is None:
        return None
    merged = {name: shared.get(name, values[name]) for name in schema.RELEASE_SHARED}
    return Release(key, lang, values["title"], values["summary"], merged["date"],
                   merged["updated"] or merged["date"], merged["issuer"], merged["partners"] or (),
                   merged["tags"] or (), merged["initiatives"] or (), image, attachments, bool(merged["draft"]),
                   document.body, document.body_line, Source(document.path, 1), body_files)


def _plain_body(document: MarkdownFile, ctx: Context) -> bool:
    """Refuse invisible control characters in a Markdown body (feeds and pages cannot carry them)."""
    for offset, line in enumerate(document.body.split("\n")):
        if CONTROL.search(line.replace("\t", " ")):
            ctx.add(document.body_line + offset, "", "the text contains an invisible control character", "plain text")
            return False
    return True


def _release_files(shared: dict, nodes: dict, raw: RawSite, ctx: Context):
    """Check the picture and press-kit files of a release; return (Image | None, attachments) or None."""
    ok = True
    image = None
    if shared.get("image"):
        path, node = nodes["image"]
        found = _asset(path, shared["image"]["file"], "image.file", node.value["file"].line, IMAGE_TYPES, raw, ctx)
        ok = found is not None
        image = Image(found, shared["image"]["alt"]) if found else None
    attachments = []
    for index, item in enumerate(shared.get("attachments") or ()):
        path, node = nodes["attachments"]
        line = node.value[index].value["file"].line
        found = _asset(path, item["file"], f"attachments[{index + 1}].file", line, ATTACHMENT_TYPES, raw, ctx)
        if found is None:
            ok = False
            continue
        attachments.append(Attachment(found, item["title"], raw.assets[found].size))
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
        return ctx.add(line, where, f"file '{name}' not found beside {PurePosixPath(document_path).name}",
                       "a file in the same folder") and None
    if raw.assets[path].size > MAX_ATTACHMENT_BYTES:
        return ctx.add(line, where, f"file '{name}' is too large ({raw.assets[path].size} bytes)",
                       f"at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB") and None
    return path


MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _body_images(document: MarkdownFile, raw: RawSite, ctx: Context) -> tuple[str, ...] | None:
    """Check the images in a Markdown body (text alternative, file beside it); return their site paths."""
    files, ok = [], True
    for offset, line in enumerate(document.body.split("\n")):
        number = document.body_line + offset
        for alt, target in MARKDOWN_IMAGE.findall(line):
            if not alt.strip():
                ok = ctx.add(number, "image", f"the image '{target}' has no text alternative",
                             "![what the picture shows](file.jpg)") and False
            elif "://" not in target and not target.startswith(("/", "data:")):
                found = _asset(document.path, target, "image", number, IMAGE_TYPES, raw, ctx)
                ok = ok and found is not None
                files += [found] if found else []
        for tag in HTML_IMAGE.findall(line):
            if not re.search(r"\balt\s*=\s*[\"'][^\"']*\S", tag):
                ok = ctx.add(number, "image", "an <img> has no text alternative", 'alt="what the picture shows"') and False
    return tuple(sorted(set(files))) if ok else None


def raise_if_invalid(site: Site | None, problems: list[Problem]) -> Site:
    """Return the site, or raise ProblemsFound with every problem."""
    if site is None:
        raise ProblemsFound(problems)
    return site
