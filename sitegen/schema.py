"""Own the one definition of every data file's shape, as data.

Validation (`validate`), the JSON Schema export (`jsonschema_export`) and test
generators all read these field specs; nothing else describes the schema.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One field of a record, and how its value is checked."""

    name: str
    """Key as editors write it."""
    kind: str
    """One of KINDS."""
    doc: str
    """What the field means, for editors (shown in the JSON Schema)."""
    required: bool = True
    """Whether the key must be present."""
    of: "Field | None" = None
    """Item spec for kind 'list'."""
    fields: tuple["Field", ...] = ()
    """Member specs for kind 'record'."""
    choices: tuple[str, ...] = ()
    """Allowed values for kind 'enum'."""
    vocab: str = ""
    """For kind 'vocab': the vocabulary (in data/vocabularies.yaml) or 'partners'."""
    all_languages: bool = True
    """For kind 'translated': every site language must be given."""
    default: object = None
    """Value used when an optional key is absent."""


KINDS = (
    "text",        # one line or paragraph of plain text
    "slug",        # URL-safe id: lower-case letters, digits, hyphens
    "date",        # YYYY-MM-DD
    "when",        # YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM (local time)
    "bool",
    "int",
    "number",
    "url",         # http(s) URL
    "email",
    "country",     # DE, AT or CH
    "region",      # ISO 3166-2 code of the three countries
    "timezone",    # IANA zone name
    "language",    # a site language code
    "translated",  # mapping language → text
    "placename",   # one name for every language, or a mapping language → name (Wien / Vienna)
    "list",
    "record",
    "enum",
    "vocab",       # a key of a controlled vocabulary (or a partner id)
    "coords",      # [latitude, longitude]
    "file",        # a file path beside the Markdown source
)


def _translated(name: str, doc: str, required: bool = True, all_languages: bool = True) -> Field:
    return Field(name, "translated", doc, required, all_languages=all_languages)


CONTACT = Field("contact", "record", "Role-based contact (no personal names or numbers).", fields=(
    _translated("label", "Who answers, by role, e.g. 'Press office'."),
    Field("email", "email", "Role address such as info@ or presse@."),
    Field("phone", "text", "Switchboard number (optional).", required=False),
))

LOGO = Field("logo", "record", "Logo image in content/logos/ (optional).", required=False, fields=(
    Field("file", "file", "File name inside content/logos/ (PNG, JPEG, WebP or GIF)."),
    _translated("alt", "Text alternative for the logo."),
))

PARTNER = (
    Field("id", "slug", "URL-safe identifier, used in page addresses."),
    Field("name", "text", "Full name of the cluster organisation."),
    Field("short_name", "text", "Short name for lists and the map."),
    Field("host", "text", "Host organisation ('c/o'), if any.", required=False),
    Field("country", "country", "Country code: DE, AT or CH."),
    Field("regions", "list", "ISO 3166-2 regions the cluster serves.", of=Field("region", "region", "Region code.")),
    Field("city", "placename", "Seat of the cluster office; where its name differs by language, one per language "
          "such as {de: Wien, en: Vienna}."),
    Field("coordinates", "coords", "Latitude and longitude of the seat, e.g. [49.45, 11.08]."),
    Field("kind", "enum", "Partnership kind.", choices=("member", "associated")),
    Field("board", "bool", "Whether the partner sits on the alliance board.", required=False, default=False),
    Field("focus_areas", "list", "Focus areas from data/vocabularies.yaml.",
          of=Field("focus_area", "vocab", "Focus area key.", vocab="focus_areas")),
    _translated("description", "What the cluster does, one paragraph per language."),
    Field("website", "url", "Web address (optional).", required=False),
    CONTACT,
    LOGO,
    Field("updated", "date", "Date of the last real change (optional).", required=False),
)

PLACE = Field("place", "record", "Where the event happens (omit for online-only events).", required=False, fields=(
    Field("name", "text", "Venue name."),
    Field("city", "placename", "City; where its name differs by language, one per language such as "
          "{de: Nürnberg, en: Nuremberg}."),
    Field("country", "country", "Country code DE, AT or CH."),
    Field("address", "text", "Street address (optional).", required=False),
))

EVENT = (
    Field("id", "slug", "URL-safe identifier, used in page addresses and calendar UIDs."),
    Field("kind", "vocab", "Event kind from data/vocabularies.yaml.", vocab="event_kinds"),
    Field("start", "when", "Start: YYYY-MM-DD for all-day, or YYYY-MM-DDTHH:MM in the event's time zone."),
    Field("end", "when", "End, written like start (optional; last day for all-day events).", required=False),
    Field("timezone", "timezone", "IANA time zone, e.g. Europe/Vienna."),
    PLACE,
    Field("online_url", "url", "Link for online participation (optional).", required=False),
    _translated("title", "Event title."),
    _translated("description", "Short description."),
    Field("organisers", "list", "Partner ids of the organising partners (may be empty).", required=False, default=(),
          of=Field("organiser", "vocab", "Partner id.", vocab="partners")),
    Field("status", "enum", "Event status.", required=False, default="scheduled",
          choices=("scheduled", "cancelled", "postponed")),
    Field("tags", "list", "Tags from data/vocabularies.yaml (optional).", required=False, default=(),
          of=Field("tag", "vocab", "Tag key.", vocab="tags")),
    Field("initiatives", "list", "Joint initiatives from data/initiatives.yaml (optional).", required=False,
          default=(), of=Field("initiative", "vocab", "Initiative id.", vocab="initiatives")),
    Field("announced", "date", "Date the event was first announced (for the feed)."),
    Field("updated", "date", "Date of the last real change (optional, defaults to announced).", required=False),
)

ATTACHMENT = Field("attachment", "record", "A file for the press kit, stored beside the release.", fields=(
    Field("file", "file", "File name beside the Markdown file."),
    _translated("title", "Title shown in the press kit.", all_languages=False),
    Field("lang", "enum", "The file's language when it is in one only (optional): marked on pages in another.",
          required=False, choices=("de", "en")),
))

IMAGE = Field("image", "record", "Picture for the release and its social preview (optional).", required=False, fields=(
    Field("file", "file", "File name beside the Markdown file."),
    _translated("alt", "Text alternative.", all_languages=False),
    _translated("caption", "Caption shown under the picture (optional).", required=False, all_languages=False),
    Field("credit", "text", "Who took or owns the picture, e.g. '© Messe Düsseldorf / C. Tillmann' (optional).",
          required=False),
))

RELEASE = (
    Field("title", "text", "Headline."),
    Field("summary", "text", "One or two sentences for lists and feeds."),
    Field("date", "date", "Release date; not published before it (embargo).", required=False),
    Field("updated", "date", "Date of the last real change (optional, defaults to date).", required=False),
    Field("issuer", "vocab", "Partner id of the issuing partner.", required=False, vocab="partners"),
    Field("partners", "list", "Partner ids of the partners involved.", required=False,
          of=Field("partner", "vocab", "Partner id.", vocab="partners")),
    Field("tags", "list", "Tags from data/vocabularies.yaml.", required=False,
          of=Field("tag", "vocab", "Tag key.", vocab="tags")),
    Field("initiatives", "list", "Joint initiatives from data/initiatives.yaml (optional).", required=False,
          of=Field("initiative", "vocab", "Initiative id.", vocab="initiatives")),
    IMAGE,
    Field("attachments", "list", "Press-kit files (optional).", required=False, of=ATTACHMENT),
    Field("draft", "bool", "A draft is never published.", required=False),
)
RELEASE_SHARED = ("date", "updated", "issuer", "partners", "tags", "initiatives", "image", "attachments", "draft")
"""Language-neutral release fields: written once, inherited by the translation."""

VOCAB_ENTRY = Field("entry", "translated", "Label per language.")

VOCABULARIES = (
    Field("focus_areas", "record", "Focus areas of partners: key → label per language.", fields=()),
    Field("tags", "record", "Tags of releases and events: key → label per language.", fields=()),
    Field("event_kinds", "record", "Kinds of events: key → label per language.", fields=()),
    Field("marketplace_categories", "record", "Categories of marketplace entries: key → label per language.",
          required=False, fields=()),
)
"""Each vocabulary is a free mapping of slug keys to VOCAB_ENTRY labels."""

INITIATIVE = (
    Field("id", "slug", "URL-safe identifier, used in page addresses and in `initiatives:` lists."),
    _translated("title", "Name of the initiative."),
    _translated("goal", "What the initiative wants to achieve, one paragraph."),
    Field("partners", "list", "Partner ids of the partners involved.",
          of=Field("partner", "vocab", "Partner id.", vocab="partners")),
    Field("updated", "date", "Date of the last real change (optional).", required=False),
)

MARKETPLACE_ENTRY = (
    Field("id", "slug", "URL-safe identifier; the entry's address never changes, even after expiry."),
    Field("type", "enum", "Whether something is offered or sought.", choices=("offer", "request")),
    Field("category", "vocab", "Category from data/vocabularies.yaml.", vocab="marketplace_categories"),
    _translated("title", "Title; one language may be missing (then marked).", all_languages=False),
    _translated("text", "Description, in the same languages as the title. No personal names, e-mail "
                        "addresses or phone numbers: contact runs through the vouching partner.", all_languages=False),
    Field("country", "country", "Country the entry concerns: DE, AT or CH."),
    Field("regions", "list", "ISO 3166-2 regions (optional).", required=False, default=(),
          of=Field("region", "region", "Region code.")),
    Field("partner", "vocab", "Partner id of the cluster that vouches for the entry and forwards enquiries.",
          vocab="partners"),
    Field("initiatives", "list", "Joint initiatives the entry belongs to (optional).", required=False,
          default=(), of=Field("initiative", "vocab", "Initiative id.", vocab="initiatives")),
    Field("published", "date", "Date the entry was published."),
    Field("expires", "date", "Last day the entry is listed."),
    Field("updated", "date", "Date of the last real change (optional, defaults to published).", required=False),
)

LEGAL = Field("legal", "record", "Facts the Impressum needs. 'PLACEHOLDER' marks what is still unknown.", fields=(
    Field("organisation", "text", "Organisation responsible for the site."),
    Field("address", "text", "Postal address."),
    Field("represented_by", "text", "Legal representative (by role)."),
    Field("register", "text", "Register court and number."),
    Field("vat_id", "text", "VAT identification number."),
    Field("email", "email", "Role address for legal matters."),
))

SITE = (
    _translated("name", "Site name."),
    _translated("motto", "Motto shown on the home page."),
    _translated("intro", "Two or three sentences introducing the alliance on the home page."),
    Field("base_url", "url", "Address where the site is published, may include a path."),
    Field("languages", "list", "Site languages, the default first.",
          of=Field("language", "language", "Language code.")),
    Field("contact_email", "email", "The alliance's role-based address for the contact page."),
    Field("press_page_size", "int", "Releases per page of the archive and of each tag's list.", required=False, default=10),
    Field("example", "bool", "An example site: every page says that its partners, events, releases and offers are "
          "partly invented.", required=False, default=False),
    LEGAL,
)

SUPPORTED_LANGUAGES = ("de", "en")

REQUIRED_PAGES = ("about", "contact", "imprint", "privacy", "accessibility")
"""Plain pages every site must have, as content/pages/<name>.<language>.md in every language."""
