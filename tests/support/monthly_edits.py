"""The changes editors make every month, each a function (site folder, today) that makes it as an editor would.

Files are changed as text (support/yaml_text.py: a record's line changed, a block appended), so comments and
layout stay; YAML is parsed only to decide what to change. Each edit first adds what it needs when the site
lacks it — a second partner before one leaves, an upcoming event to postpone or cancel, a current marketplace
entry to let expire, a vocabulary or a partner to name — so no edit is ever skipped, however little the site
holds. EDITS lists them in the order `apply_all` makes them.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Callable

import yaml

from .yaml_text import (append_block, append_to_list, field_value, remove_field, remove_from_lists, remove_record,
                        set_field)

NEWCOMERS = {
    "AT": ("medtech-cluster-salzburg", "MedTech Cluster Salzburg", "AT-5", "Salzburg", "47.8095, 13.0550"),
    "CH": ("medtech-cluster-basel", "MedTech Cluster Basel", "CH-BS", "Basel", "47.5596, 7.5886"),
    "DE": ("medtech-cluster-leipzig", "MedTech-Cluster Leipzig", "DE-SN", "Leipzig", "51.3397, 12.3731"),
}
"""A partner that may join, per country: id, name, region, city, coordinates of the seat."""
NEW_FOCUS_AREA = ("sterilisation", "{de: Sterilisation, en: Sterilisation}")
PARTNER_MENTIONS = ("organisers", "partners")
"""List fields that name partners (events, initiatives, releases)."""


def load(site: Path, name: str):
    """Return a data file's parsed content (None when the file is missing or empty)."""
    path = site / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def edit(site: Path, name: str, change: Callable[[str], str], header: str = "") -> None:
    """Change a data file's text (a missing file starts with `header`, as an editor creating it would write)."""
    path = site / "data" / name
    path.write_text(change(path.read_text(encoding="utf-8") if path.is_file() else header), encoding="utf-8")


def partners(site: Path) -> list[dict]:
    """Return the site's partners in file order."""
    return load(site, "partners.yaml") or []


def vocabulary_key(site: Path, vocabulary: str, key: str, labels: str) -> str:
    """Return the first key of a vocabulary, adding `key` (and the vocabulary) when it has none."""
    found = (load(site, "vocabularies.yaml") or {}).get(vocabulary) or {}
    if found:
        return next(iter(found))
    add_vocabulary_value(site, vocabulary, key, labels)
    return key


def add_vocabulary_value(site: Path, vocabulary: str, key: str, labels: str) -> None:
    """Add `key: labels` as the last entry of a vocabulary in data/vocabularies.yaml (the vocabulary too if new)."""
    def change(text: str) -> str:
        text = re.sub(rf"^{vocabulary}: *\{{ *\}} *$", f"{vocabulary}:", text, flags=re.M)  # an empty {} too
        lines = text.splitlines()
        heads = [n for n, line in enumerate(lines) if re.match(rf"^{vocabulary}: *(#.*)?$", line)]
        if not heads:
            return append_block(text, f"{vocabulary}:\n  {key}: {labels}")
        last = heads[0]
        for number in range(heads[0] + 1, len(lines)):
            if lines[number].strip() and not lines[number].startswith((" ", "#")):
                break
            if lines[number].startswith(" ") and lines[number].strip() and not lines[number].lstrip().startswith("#"):
                last = number
        indent = re.match(r" *", lines[last]).group() if last > heads[0] else "  "
        lines.insert(last + 1, f"{indent}{key}: {labels}")
        return "\n".join(lines) + "\n"
    edit(site, "vocabularies.yaml", change)


def logo_png(name: str) -> bytes:
    """Return a 480 × 160 PNG logo (two coloured shapes; a wide logo as partners send them)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 160), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((16, 16, 144, 144), fill=(0, 84, 147))
    draw.rectangle((168, 56, 464, 104), fill=(230, 0, 40))
    draw.text((176, 120), name, fill=(0, 0, 0))
    stream = io.BytesIO()
    image.save(stream, "PNG")
    return stream.getvalue()


def partner_joins(site: Path, today: dt.date) -> None:
    """A partner joins, in a region of another country than the first partner's, with its logo."""
    present = partners(site)
    first_country = present[0]["country"] if present else "DE"
    country = next(code for code in ("AT", "CH", "DE") if code != first_country)
    ids = {partner["id"] for partner in present}
    key, name, region, city, coordinates = NEWCOMERS[country]
    while key in ids:
        key += "-new"
    focus = vocabulary_key(site, "focus_areas", "medical-devices", "{de: Medizinprodukte, en: Medical devices}")
    (site / "content" / "logos").mkdir(parents=True, exist_ok=True)
    (site / "content" / "logos" / f"{key}.png").write_bytes(logo_png(name))
    block = f"""\
- id: {key}
  name: {name}
  short_name: {name.replace("MedTech Cluster ", "MedTech ")}
  country: {country}
  regions: [{region}]
  city: {city}
  coordinates: [{coordinates}]
  kind: associated
  focus_areas: [{focus}]
  description:
    de: Der Medizintechnik-Cluster in {city} ist der Allianz am {today:%d.%m.%Y} als assoziierter Partner beigetreten.
    en: The medtech cluster in {city} joined the alliance as an associated partner on {today.day} {today:%B %Y}.
  contact:
    label: {{de: Geschäftsstelle, en: Office}}
    email: info@{key}.example
  logo:
    file: {key}.png
    alt: {{de: Logo von {name}, en: {name} logo}}"""
    edit(site, "partners.yaml", lambda text: append_block(text, block))


def mentions(site: Path, partner_id: str) -> int:
    """Return how often a partner is named by events, initiatives, marketplace entries, releases and texts."""
    count = sum(partner_id in event.get("organisers", []) for event in load(site, "events.yaml") or [])
    count += sum(partner_id in item.get("partners", []) for item in load(site, "initiatives.yaml") or [])
    count += sum(entry.get("partner") == partner_id for entry in load(site, "marketplace.yaml") or [])
    for text in (site / "content").rglob("*.md"):
        count += len(re.findall(rf"\b{re.escape(partner_id)}\b", text.read_text(encoding="utf-8")))
    return count


def _without_links_to(markdown: str, section: str, key: str) -> str:
    """Return Markdown with links to a page (partners/<key>/ …) turned into their text (inline and by reference)."""
    target = rf"(?:[^)\s\]]*/)?{section}/{re.escape(key)}(?=[/#)\s>]|$)[^)\s>]*"
    markdown = re.sub(rf"\[([^\]]*)\]\(<?{target}>?(?: +\"[^\"]*\")?\)", r"\1", markdown)
    references = re.findall(rf"^ {{0,3}}\[([^\]]+)\]: *<?{target}>?.*$", markdown, flags=re.M)
    markdown = re.sub(rf"^ {{0,3}}\[[^\]]+\]: *<?{target}>?.*\n?", "", markdown, flags=re.M)
    for reference in references:
        label = re.escape(reference)
        markdown = re.sub(rf"\[([^\]]*)\]\[{label}\]", r"\1", markdown, flags=re.I)
        markdown = re.sub(rf"\[({label})\](?:\[\])?(?![(\[:])", r"\1", markdown, flags=re.I)
    return markdown


def _without_mentions_in_text(path: Path, partner_id: str, entries: list[str]) -> None:
    """Take a partner out of a Markdown file's front matter (issuer, partners) and links (to the marketplace entries
    it vouched for too)."""
    text = path.read_text(encoding="utf-8")
    front, body = "", text
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        head, rest = text[4:].split("\n---\n", 1)
        head = remove_from_lists(remove_field(head + "\n", ("issuer",), partner_id), ("partners",), partner_id)
        front, body = f"---\n{head}---\n", rest
    body = _without_links_to(body, "partners", partner_id)
    for entry in entries:
        body = _without_links_to(body, "marketplace", entry)
    changed = front + body
    if changed != text:
        path.write_text(changed, encoding="utf-8")


def partner_leaves(site: Path, today: dt.date) -> None:
    """The partner named most (after the first) leaves: its entry, logo, entries it vouches for and every mention."""
    if len(partners(site)) < 2:
        partner_joins(site, today)
    candidates = partners(site)[1:]
    leaving = max(candidates, key=lambda partner: mentions(site, partner["id"]))
    key = leaving["id"]
    edit(site, "partners.yaml", lambda text: remove_record(text, key))
    logo = (leaving.get("logo") or {}).get("file")
    if logo and not any((p.get("logo") or {}).get("file") == logo for p in partners(site)):
        (site / "content" / "logos" / logo).unlink(missing_ok=True)
    vouched = [entry["id"] for entry in load(site, "marketplace.yaml") or [] if entry.get("partner") == key]
    for entry in vouched:
        edit(site, "marketplace.yaml", lambda text, entry_id=entry: remove_record(text, entry_id))
    for name in ("events.yaml", "initiatives.yaml"):
        if (site / "data" / name).is_file():
            edit(site, name, lambda text: remove_from_lists(text, PARTNER_MENTIONS, key))
    for path in sorted((site / "content").rglob("*.md")):
        _without_mentions_in_text(path, key, vouched)


def free_name(folder: Path, today: dt.date, slug: str) -> str:
    """Return a release name `<today>-<slug>` no file in the folder has yet."""
    name, number = f"{today}-{slug}", 1
    while any(folder.glob(f"{name}.*")):
        number += 1
        name = f"{today}-{slug}-{number}"
    return name


def release_in_both_languages(site: Path, today: dt.date) -> None:
    """A press release dated today, in German and English, naming and linking the first partner."""
    folder = site / "content" / "press"
    folder.mkdir(parents=True, exist_ok=True)
    name = free_name(folder, today, "monthly-news")
    first = partners(site)[0]["id"] if partners(site) else None
    tag = vocabulary_key(site, "tags", "alliance", "{de: Allianz, en: Alliance}")
    shared = f"date: {today}\n" + (f"issuer: {first}\n" if first else "") + f"tags: [{tag}]\n"
    for lang, title, summary, text, events in (
            ("de", "Neues aus der Allianz", "Was die Partner in diesem Monat vorhaben.",
             "Die Partner treffen sich auch in diesem Monat", "Termine"),
            ("en", "News from the alliance", "What the partners are planning this month.",
             "The partners meet again this month", "events")):
        partner = f" – mehr beim [Partner](/{lang}/partners/{first}/)" if first and lang == "de" else (
            f" – more from the [partner](/{lang}/partners/{first}/)" if first else "")
        body = f"{text}{partner}.\n\n## {title}\n\nAlle [{events}](/{lang}/events/).\n"
        front = f"---\ntitle: {title}\nsummary: {summary}\n" + (shared if lang == "de" else "") + "---\n"
        (folder / f"{name}.{lang}.md").write_text(front + body, encoding="utf-8")


def event_block(site: Path, key: str, start: dt.date, announced: dt.date, title: tuple[str, str]) -> str:
    """Return a new event's YAML block: a workshop in Vienna, organised by the first partner (if any)."""
    kind = vocabulary_key(site, "event_kinds", "workshop", "{de: Workshop, en: Workshop}")
    first = partners(site)[0]["id"] if partners(site) else None
    return f"""\
- id: {key}
  kind: {kind}
  start: {start}T10:00
  end: {start}T16:00
  timezone: Europe/Vienna
  place: {{name: Haus der Forschung, city: {{de: Wien, en: Vienna}}, country: AT}}
  title:
    de: "{title[0]}"
    en: "{title[1]}"
  description:
    de: Hersteller und Forschung im Gespräch.
    en: Manufacturers and researchers in conversation.
  organisers: [{first or ""}]
  announced: {announced}"""


def add_event(site: Path, key: str, start: dt.date, announced: dt.date, title: tuple[str, str]) -> str:
    """Append a new event to data/events.yaml (an id no event has yet); return its id."""
    ids = {event["id"] for event in load(site, "events.yaml") or []}
    while key in ids:
        key += "-new"
    block = event_block(site, key, start, announced, title)
    edit(site, "events.yaml", lambda text: append_block(text, block), header="# The event calendar.\n")
    return key


def event_announced(site: Path, today: dt.date) -> None:
    """An event is announced today, eight weeks ahead."""
    add_event(site, f"workshop-{today + dt.timedelta(weeks=8)}", today + dt.timedelta(weeks=8), today,
              ("Workshop: Neues aus der Regulatorik", "Workshop: news from regulatory affairs"))


def _day(value) -> dt.date:
    """Return the day an event's start names (a date, or YYYY-MM-DDTHH:MM)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def upcoming_event(site: Path, today: dt.date, weeks: int, title: tuple[str, str]) -> str:
    """Return the id of the first scheduled event after today announced before it, adding one when none is."""
    for event in load(site, "events.yaml") or []:
        if (_day(event["start"]) > today and event.get("status", "scheduled") == "scheduled"
                and event["announced"] < today and event.get("updated", event["announced"]) < today):
            return event["id"]
    return add_event(site, f"workshop-{today + dt.timedelta(weeks=weeks)}", today + dt.timedelta(weeks=weeks),
                     today - dt.timedelta(days=30), title)


def _moved(value: str, days: int) -> str:
    """Return a start or end (YYYY-MM-DD or YYYY-MM-DDTHH:MM, as written) moved by days."""
    day = dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)
    return f"{day}{value[10:]}"


def event_postponed(site: Path, today: dt.date) -> None:
    """An upcoming event is postponed by four weeks: start (and end) moved, status postponed, updated today."""
    key = upcoming_event(site, today, 6, ("Workshop: Lieferketten", "Workshop: supply chains"))

    def change(text: str) -> str:
        for field in ("start", "end"):
            value = field_value(text, key, field)
            if value:
                text = set_field(text, key, field, _moved(value, 28))
        return set_field(set_field(text, key, "status", "postponed"), key, "updated", str(today))
    edit(site, "events.yaml", change)


def event_cancelled(site: Path, today: dt.date) -> None:
    """An upcoming event is cancelled today (it stays, marked, so that calendars hear of it)."""
    key = upcoming_event(site, today, 7, ("Netzwerktreffen", "Network meeting"))
    edit(site, "events.yaml", lambda text: set_field(set_field(text, key, "status", "cancelled"),
                                                     key, "updated", str(today)))


def marketplace_entry_expiring(site: Path, today: dt.date) -> None:
    """A current marketplace entry ends today (its last day listed), or a new one published a month ago does."""
    for entry in load(site, "marketplace.yaml") or []:
        if entry["published"] < today <= entry["expires"] and entry.get("updated", entry["published"]) < today:
            edit(site, "marketplace.yaml", lambda text, key=entry["id"]: set_field(
                set_field(text, key, "expires", str(today)), key, "updated", str(today)))
            return
    if not partners(site):
        partner_joins(site, today)
    category = vocabulary_key(site, "marketplace_categories", "cooperation-partner",
                              "{de: Kooperationspartner, en: Cooperation partner}")
    first = partners(site)[0]
    ids = {entry["id"] for entry in load(site, "marketplace.yaml") or []}
    key = "offer-ending-" + str(today)
    while key in ids:
        key += "-new"
    block = f"""\
- id: {key}
  type: offer
  category: {category}
  title: {{de: Fertigungskapazität frei, en: Free manufacturing capacity}}
  text: {{de: Ein Hersteller bietet freie Kapazität an., en: A manufacturer offers free capacity.}}
  country: {first["country"]}
  partner: {first["id"]}
  published: {today - dt.timedelta(days=30)}
  expires: {today}"""
    edit(site, "marketplace.yaml", lambda text: append_block(text, block),
         header="# The joint marketplace: offers and requests, each vouched for by a partner cluster.\n")


def vocabulary_value_added(site: Path, today: dt.date) -> None:
    """A focus area is added to the vocabulary and given to the first partner."""
    if not partners(site):
        partner_joins(site, today)
    key, labels = NEW_FOCUS_AREA
    present = (load(site, "vocabularies.yaml") or {}).get("focus_areas") or {}
    while key in present:
        key += "-new"
    add_vocabulary_value(site, "focus_areas", key, labels)
    edit(site, "partners.yaml", lambda text: append_to_list(text, partners(site)[0]["id"], "focus_areas", key))


EDITS: dict[str, Callable[[Path, dt.date], None]] = {
    "partner-joins": partner_joins,
    "partner-leaves": partner_leaves,
    "vocabulary-value-added": vocabulary_value_added,
    "release-in-both-languages": release_in_both_languages,
    "event-announced": event_announced,
    "event-postponed": event_postponed,
    "event-cancelled": event_cancelled,
    "marketplace-entry-expiring": marketplace_entry_expiring,
}
"""Every monthly edit by name, in the order apply_all makes them."""


def apply_all(site: Path, today: dt.date) -> None:
    """Make every monthly edit on one site folder, one after another."""
    for change in EDITS.values():
        change(site, today)
