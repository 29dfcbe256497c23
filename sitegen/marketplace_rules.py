"""Own the marketplace's own validation rules: matching languages, sane dates, no personal contact data.

The repository and the site are public, so an entry may name no person's e-mail address or
phone number; enquiries go through the vouching partner's role-based contact. Role
addresses (info@, presse@, …) are fine.
"""
from __future__ import annotations

import re

from .checks import INVALID, Context, regions_in_country, updated_in_time, valid
from .records import MarketplaceEntry, Source
from .source import Raw

ROLE_MAILBOXES = frozenset({
    "info", "kontakt", "contact", "presse", "press", "office", "buero", "sekretariat", "secretariat", "service",
    "team", "hello", "hallo", "mail", "post", "marketplace", "marktplatz", "events", "veranstaltungen",
    "communications", "kommunikation", "media", "medien", "newsletter", "support", "anfragen", "enquiries",
    "inquiries", "partnering", "cluster", "netzwerk", "network", "innovation", "transfer", "invest", "investors",
    "sales", "vertrieb", "jobs", "karriere", "career", "careers", "bewerbung", "einkauf", "purchasing", "zentrale",
    "reception", "empfang", "webmaster", "datenschutz", "privacy",
})
"""Local parts of e-mail addresses that name a role, not a person."""

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE = re.compile(r"(?:\+|\b00|\(0|\b0)[\d\s/().\-–]{6,}\d")
MIN_PHONE_DIGITS = 7


def role_address(address: str) -> bool:
    """Whether an e-mail address names a role (info@, presse@), not a person."""
    return address.split("@")[0].lower().replace("-", "").replace(".", "") in ROLE_MAILBOXES


ROLE_EXPECTED = "a role address such as info@, office@ or presse@; a developer adds other role names"
"""What a contact's address must be (to ROLE_MAILBOXES)."""


def personal_contacts(text: str) -> list[str]:
    """Return the personal e-mail addresses and phone numbers found in a text."""
    found = [address for address in EMAIL.findall(text) if not role_address(address)]
    found += [number.strip() for number in PHONE.findall(text)
              if sum(char.isdigit() for char in number) >= MIN_PHONE_DIGITS]
    return found


def marketplace_entry(values: dict, source: Source, item: Raw, ctx: Context) -> MarketplaceEntry | None:
    """Build an entry from checked values, adding the rules that span its fields (each on the fields that are right:
    a mistake hides no other); None when any is wrong."""
    ok = True
    if valid(values, "id") and values["id"] in ("type", "category", "country"):
        ok = ctx.add(item.value["id"].line, "id", f"'{values['id']}' is reserved for the marketplace filters",
                     "another id") and False
    if valid(values, "title", "text") and set(values["title"]) != set(values["text"]):
        ok = ctx.add(item.value["text"].line, "text", "title and text are not in the same languages",
                     "a text in each language that has a title") and False
    for name in ("title", "text"):
        node = item.value.get(name)
        for lang, text in (values[name].items() if valid(values, name) else ()):
            first = node.value[lang].line if isinstance(node.value, dict) else node.line  # its language's text
            for contact in personal_contacts(text):
                before = text[:text.find(contact)] if contact in text else ""
                line = first + (1 + before.count("\n") if "\n" in text else 0)  # a block (|) starts a line lower
                ok = ctx.add(line, f"{name}.{lang}",
                             f"personal contact data '{contact}' must not be published",
                             "no personal e-mail addresses or phone numbers; enquiries go through the partner") and False
    if valid(values, "expires", "published") and values["expires"] < values["published"]:
        ok = ctx.add(item.value["expires"].line, "expires",
                     f"expires {values['expires'].isoformat()} before it is published {values['published'].isoformat()}",
                     "an expiry date on or after the publication date") and False
    if valid(values, "published", "updated") and not updated_in_time(values, "published", item.value, ctx):
        ok = False
    if valid(values, "regions", "country"):
        ok = regions_in_country(values["regions"], values["country"], item.value.get("regions"), ctx) and ok
    if not ok or INVALID in values.values():
        return None
    return MarketplaceEntry(**{**values, "updated": values["updated"] or values["published"], "source": source})
