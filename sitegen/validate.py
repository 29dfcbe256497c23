"""Own the validate stage: raw records → typed model objects, or every problem at once.

Field-level checks come from `checks` driven by `schema`; this module adds what spans
records of the data files: duplicate ids, references between files, placeholders. The
Markdown documents are validated in `documents`, the marketplace's own rules in
`marketplace_rules`.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import limits, links, partial, schema, steps
from .checks import (INVALID, SLUG, Context, check, check_fields, far_ahead, long_event, not_ahead, regions_in_country,
                     valid, updated_in_time, web_address)
from .texts import IMAGE_TYPES, checking_context, pages_of, releases_of
from .load import RawSite
from .marketplace_rules import ROLE_EXPECTED, marketplace_entry, role_address
from .records import Contact, Event, Initiative, Legal, Logo, Partner, Place, Site, SiteConfig, Source, Vocabularies
from .pictures import NOT_SHOWN
from .problems import Problem
from .source import KnownFile, Raw, YamlFile, read_yaml

PLACEHOLDER = "PLACEHOLDER"
"""Marks a legal fact the sample data cannot know; `check` warns while any remains."""



def validate_site(raw: RawSite, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Validate everything; return the Site (None when any error) and all problems, warnings included. A date of a
    change after `today` is an error (not checked without it).

    Each data file's records, and each release, are checked as a piece of work of its own (`steps.checked`), depending
    on the file's text and on the context it is checked in.
    """
    site, problems = _validated(raw, today)
    return (None if any(not problem.warning for problem in problems) else site), problems


def valid_part(raw: RawSite, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Validate everything; return the site made of the valid records alone, its references to the others left out
    (see `partial`; None when the site's settings or vocabularies are unusable), and all problems: the texts' links
    of a site with mistakes are checked against it (`build.py check`)."""
    site, problems = _validated(raw, today)
    return (site if site is None else partial.consistent(site)), problems


def _validated(raw: RawSite, today: dt.date | None) -> tuple[Site | None, list[Problem]]:
    """Return the site made of the valid records (None when its settings or vocabularies are unusable) and all
    problems, in order."""
    problems = list(raw.problems)
    config = _site_config(_tree(raw, "site"), problems)
    languages = config.languages if config else schema.SUPPORTED_LANGUAGES
    vocab = _vocabularies(_tree(raw, "vocabularies"), languages, problems)
    names, lost = _vocabulary_keys(_tree(raw, "vocabularies"))
    partners, names["partners"], lost["partners"] = _records(
        raw, "partners", schema.PARTNER, _partner,
        Context("data/partners.yaml", languages, names, problems, today, lost))
    _check_logos(raw, _tree(raw, "partners"), Context("data/partners.yaml", languages, names, problems, today))
    initiatives, initiative_ids, lost["initiatives"] = _records(
        raw, "initiatives", schema.INITIATIVE, _initiative,
        Context("data/initiatives.yaml", languages, names, problems, today, lost))
    unread = any(problem.path == "data/initiatives.yaml" for problem in raw.problems)
    names["initiatives"] = initiative_ids if "initiatives" in raw.data or unread else set()
    marketplace, _, _ = _records(raw, "marketplace", schema.MARKETPLACE_ENTRY, marketplace_entry,
                                 Context("data/marketplace.yaml", languages, names, problems, today, lost))
    events, _, _ = _records(raw, "events", schema.EVENT, _event,
                            Context("data/events.yaml", languages, names, problems, today, lost))
    releases = releases_of(raw, Context("", languages, names, problems, today, lost))
    pages = pages_of(raw.documents.get("pages", []), [p.path for p in raw.problems], raw,
                     Context("", languages, names, problems, today, lost))
    if config is None or vocab is None:
        return None, sorted(problems)
    documents = [document for documents in raw.documents.values() for document in documents]
    texts = {document.path: document.digest for document in documents}
    refused = {problem.path for problem in problems if problem.field == limits.FIELD and not problem.warning}
    links = {document.path: document.links for document in documents  # (a text beyond the bounds of `limits` is
             if document.links and document.path not in refused}      # not converted to confirm a broken link)
    logos = {partner.logo.file: asset.picture for partner in partners if partner.logo is not None
             and (asset := raw.assets.get(f"content/logos/{partner.logo.file}")) is not None and asset.picture}
    return (Site(config, vocab, partners, events, releases, pages, initiatives, marketplace, texts, links, logos),
            sorted(problems))


def _site_config(tree: Raw | None, problems: list) -> SiteConfig | None:
    if tree is None:
        return None
    ctx = Context("data/site.yaml", schema.SUPPORTED_LANGUAGES, {}, problems)
    values, _ = check_fields(tree, schema.SITE, ctx)
    if values is None:
        return None
    languages = values["languages"]
    if valid(values, "languages") and (not languages or languages[0] != "de" or len(set(languages)) != len(languages)):
        values["languages"] = ctx.add(tree.value["languages"].line, "languages",
                                      "languages must be unique, German first", "[de, en]")
    legal = tree.value.get("legal")
    for name, node in (legal.value.items() if legal is not None and isinstance(legal.value, dict) else ()):
        if isinstance(node.value, str) and PLACEHOLDER in node.value:
            ctx.add(node.line, f"legal.{name}", "still a placeholder", "the real fact before publishing",
                    placeholder=True)
    address = web_address(values["base_url"]) if valid(values, "base_url") else None
    if valid(values, "base_url") and (address is None or address.query or address.fragment
                                      or "." in address.path.rsplit("/", 1)[-1]):
        values["base_url"] = ctx.add(tree.value["base_url"].line, "base_url", f"'{values['base_url']}' is not the "
                                     "address of a folder on the web", "an address starting with https:// and ending "
                                     "in a folder, without ? or #, such as "
                                     "https://medtech-cluster-alliance.github.io/dach/")
    if not valid(values, "languages", "base_url"):
        return None
    # With a mistake elsewhere, the site is not built; its settings, a wrong one left empty, serve the check of links.
    languages, empty = values["languages"], {lang: "" for lang in values["languages"]}
    stand_in = {"name": empty, "motto": empty, "intro": empty, "contact_email": "", "press_page_size": 10,
                "legal": {spec.name: "" for spec in schema.LEGAL.fields}, "example": False}
    values = {name: stand_in.get(name) if value is INVALID else value for name, value in values.items()}
    base = values["base_url"] if values["base_url"].endswith("/") else values["base_url"] + "/"
    return SiteConfig(values["name"], values["motto"], values["intro"], base, languages, values["contact_email"],
                      values["press_page_size"], Legal(**values["legal"]), urlsplit(base).hostname or "localhost",
                      example=values["example"])


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


def _tree(raw: RawSite, name: str) -> Raw | None:
    """Return the parsed data file `name` (None when it could not be read)."""
    data = raw.data.get(name)
    return data.tree if isinstance(data, YamlFile) else None


def _vocabulary_keys(tree: Raw | None) -> tuple[dict, dict]:
    """Return the keys each vocabulary gives, whether their labels are right or not (None for a vocabulary that
    cannot be read: references to it are not checked), and where its entries are whose key is wrong."""
    names: dict = {spec.name: None for spec in schema.VOCABULARIES}
    lost: dict = {}
    if tree is None or not isinstance(tree.value, dict):
        return names, lost
    for spec in schema.VOCABULARIES:
        node = tree.value.get(spec.name)
        if node is None and not spec.required:
            names[spec.name] = set()
        elif node is not None and isinstance(node.value, dict):
            names[spec.name] = {key for key in node.value if SLUG.match(key)}
            lost[spec.name] = tuple(f"data/vocabularies.yaml:{node.key_lines[key]}" for key in node.value
                                    if not SLUG.match(key))
    return names, lost


def _records(raw: RawSite, name: str, fields, build, ctx: Context
             ) -> tuple[tuple, set | None, tuple[str, ...]]:
    """Check the entries of a list file; return them, the well-formed ids of all of them, valid or not (None
    when the file is unusable), and where the entries are whose id is not known (see `_ids`). A piece of work depending on the
    file's text and the context."""
    data = raw.data.get(name)
    if data is None:
        return (), None, ()
    return steps.checked("records", data.path, (data.digest, checking_context(ctx)), ctx.problems,
                         lambda: _checked_file(data, raw.root, fields, build, ctx))


def _checked_file(data: YamlFile | KnownFile, root: Path, fields, build, ctx: Context
                  ) -> tuple[tuple, set | None, tuple[str, ...]]:
    # Unchanged, but the context is not: read again.
    tree = ctx.reading(lambda: read_yaml(root, data.path, data.digest)) if isinstance(data, KnownFile) else data.tree
    if tree is None:
        return (), None, ()
    return (_checked_records(tree, fields, build, ctx), *_ids(tree, data.path))


def _checked_records(tree: Raw, fields, build, ctx: Context) -> tuple:
    """Return the valid records of a list file. Every entry is checked whole: the checks spanning its fields run on
    those that are right, so that a mistake in one field hides none in another."""
    path = ctx.path
    if not isinstance(tree.value, list):
        ctx.add(tree.line, "", "expected a list of entries, each starting with '- id:'", "- id: …")
        return ()
    records, seen = [], {}
    for item in tree.value:
        values, ok = check_fields(item, fields, ctx)
        if values is None:
            continue
        if values["id"] is not INVALID and values["id"] in seen:
            ctx.add(item.line, "id", f"duplicate id '{values['id']}' (first on line {seen[values['id']]})",
                    "a unique id")
            ok = False
        elif values["id"] is not INVALID:
            seen[values["id"]] = item.line
        record = build(values, Source(path, item.line), item, ctx)
        if record is not None and ok:
            records.append(record)
    return tuple(records)


def _ids(tree: Raw, path: str) -> tuple[set[str] | None, tuple[str, ...]]:
    """Return the well-formed ids of a list file, valid entries or not (None when the file is unusable), and where the
    entries are whose id is not known ('file:line': none, not URL-safe, or given before): a reference to an unknown
    id may only follow from one of them."""
    if not isinstance(tree.value, list):
        return None, ()
    ids, lost = set(), []
    for item in tree.value:
        node = item.value.get("id") if isinstance(item.value, dict) else None
        if node is not None and isinstance(node.value, str) and SLUG.match(node.value) and node.value not in ids:
            ids.add(node.value)
        else:
            lost.append(f"{path}:{item.line}")
    return ids, tuple(lost)


RESERVED_PARTNER_IDS = ("country", "region", "focus", "kind")
"""Path segments of the partner filter pages, which no partner id may take."""


def _partner(values: dict, source: Source, item: Raw, ctx: Context) -> Partner | None:
    """Return the partner of checked values (each check spanning fields runs on those that are right), None when any
    is wrong."""
    ok = True
    if valid(values, "id") and values["id"] in RESERVED_PARTNER_IDS:
        ok = ctx.add(item.value["id"].line, "id", f"'{values['id']}' is reserved for the partner filters",
                     "another id, e.g. the organisation's short name") and False
    if valid(values, "contact") and not role_address(values["contact"]["email"]):  # the repository is public
        ok = ctx.add(item.value["contact"].value["email"].line, "contact.email",
                     f"'{values['contact']['email']}' is not a role address: it may name a person",
                     ROLE_EXPECTED) and False
    if valid(values, "regions", "country"):
        ok = regions_in_country(values["regions"], values["country"], item.value["regions"], ctx) and ok
    if valid(values, "updated"):
        ok = not_ahead(values["updated"], "updated", _line(item, "updated"), ctx) and ok
    if not ok or INVALID in values.values():
        return None
    logo = Logo(**values["logo"]) if values["logo"] else None
    return Partner(**{**values, "contact": Contact(**values["contact"]), "logo": logo, "source": source})


def _check_logos(raw: RawSite, tree: Raw | None, ctx: Context) -> None:
    """Check that every partner's logo is a picture in content/logos/ (at the line of its `file:`), whether the rest
    of the partner's entry is right or not."""
    entries = tree.value if tree is not None and isinstance(tree.value, list) else []
    for item in entries:
        logo = item.value.get("logo") if isinstance(item.value, dict) else None
        node = logo.value.get("file") if logo is not None and isinstance(logo.value, dict) else None
        name = check(node, schema.LOGO.fields[0], Context(ctx.path), "logo.file") if node is not None else INVALID
        if name is INVALID:  # (not a plain file name: its check says so)
            continue
        path, line = f"content/logos/{name}", node.line
        if PurePosixPath(path).suffix.lower() not in IMAGE_TYPES:
            ctx.add(line, "logo.file", f"file type of '{name}' is not allowed",
                    "one of " + ", ".join(sorted(IMAGE_TYPES)))
        elif path not in raw.assets:
            near = links.written_alike(name, (other[len("content/logos/"):] for other in raw.assets
                                              if other.startswith("content/logos/")))
            ctx.add(line, "logo.file", f"logo '{name}' not found", near or f"a file {path}")
        elif raw.assets[path].picture is None:
            wrong, expected = NOT_SHOWN
            ctx.add(line, "logo.file", f"'{name}' {wrong}", expected)
        elif raw.assets[path].picture.width < SMALL_LOGO[0] and raw.assets[path].picture.height < SMALL_LOGO[1]:
            shown = raw.assets[path].picture
            ctx.add(line, "logo.file", f"'{name}' is small ({shown.width} × {shown.height} pixels): "
                    "the partner's page shows it at that size", "a logo at least 240 pixels wide (it is shown up "
                    "to 256 × 96 pixels, sharp on fine screens from 512 pixels)", warning=True)


SMALL_LOGO = (120, 40)
"""A logo narrower and lower than this many pixels is warned of: it shows as small as it is (site.css `.logo`)."""


def _initiative(values: dict, source: Source, item: Raw, ctx: Context) -> Initiative | None:
    ok = not_ahead(values["updated"], "updated", _line(item, "updated"), ctx) if valid(values, "updated") else True
    if not ok or INVALID in values.values():
        return None
    return Initiative(**{**values, "source": source})


def _line(item: Raw, name: str) -> int:
    """Return the line of a record's field (of the record when it has none)."""
    return item.value[name].line if name in item.value else item.line


RESERVED_EVENT_IDS = ("kind", "country")
"""Path segments of the event filter pages, which no event id may take."""


def _exists(moment: dt.datetime, zone: str) -> bool:
    """Whether a wall-clock time exists in a time zone (not in the hour skipped when summer time starts)."""
    there = moment.replace(tzinfo=ZoneInfo(zone))
    return there.astimezone(dt.timezone.utc).astimezone(ZoneInfo(zone)).replace(tzinfo=None) == moment


def _event(values: dict, source: Source, item: Raw, ctx: Context) -> Event | None:
    """Return the event of checked values (each check spanning fields runs on those that are right), None when any
    is wrong."""
    ok = True
    if valid(values, "id") and (values["id"] in RESERVED_EVENT_IDS or re.fullmatch(r"\d{4}-\d{2}", values["id"])):
        ok = ctx.add(item.value["id"].line, "id", f"'{values['id']}' is reserved for the event filters and month "
                     "views", "another id, e.g. workshop-vienna-2027") and False
    start, end = values["start"], values["end"]
    if valid(values, "start", "end") and end is not None and type(start) is not type(end):
        ok = ctx.add(item.value["end"].line, "end", "start and end must both be dates or both be dates with times",
                     "the same form as start") and False
    elif valid(values, "start", "end") and end is not None and end < start:
        ok = ctx.add(item.value["end"].line, "end", f"end {end.isoformat()} is before start {start.isoformat()}",
                     "an end on or after the start") and False
    elif valid(values, "start", "end") and end is not None:
        long_event(start, end, item.value["end"].line, ctx)
    if valid(values, "start"):
        far_ahead(start, "start", item.value["start"].line, ctx)
    for name in ("start", "end"):
        moment = values[name]
        if valid(values, name, "timezone") and isinstance(moment, dt.datetime) and not _exists(moment,
                                                                                                values["timezone"]):
            ok = ctx.add(item.value[name].line, name, f"{moment.isoformat(timespec='minutes')} does not exist in "
                         f"{values['timezone']}: the clocks skip that hour",
                         "a time outside the hour the clocks skip") and False
    if valid(values, "announced"):
        ok = not_ahead(values["announced"], "announced", item.value["announced"].line, ctx) and ok
        if valid(values, "updated"):  # (shown from the start)
            ok = updated_in_time(values, "announced", item.value, ctx, published_then=False) and ok
    if valid(values, "place", "online_url") and values["place"] is None and values["online_url"] is None:
        ok = ctx.add(item.line, "place", "an event needs a place or an online_url", "place: or online_url:") and False
    if not ok or INVALID in values.values():
        return None
    place = Place(**values["place"]) if values["place"] else None
    updated = values["updated"] or values["announced"]
    return Event(**{**values, "place": place, "updated": updated, "source": source})
