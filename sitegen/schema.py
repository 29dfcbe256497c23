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
    label: str = ""
    """Name of the field in the browser editor, in German (`admin_config`)."""
    hint: str = ""
    """Help shown below the field in the browser editor, in German (optional)."""
    multiline: bool = False
    """For kinds 'text' and 'translated': a paragraph, edited in a box of several lines."""
    choice_labels: tuple[str, ...] = ()
    """For kind 'enum': the German names of `choices`, in their order (the browser editor shows them)."""


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


def _translated(name: str, doc: str, required: bool = True, all_languages: bool = True, label: str = "",
                hint: str = "", multiline: bool = False) -> Field:
    return Field(name, "translated", doc, required, all_languages=all_languages, label=label, hint=hint,
                 multiline=multiline)


CONTACT = Field("contact", "record", "Role-based contact (no personal names or numbers).", label="Kontakt",
                hint="Eine Stelle, keine Person: keine Namen und keine Durchwahlen.", fields=(
    _translated("label", "Who answers, by role, e.g. 'Press office'.", label="Bezeichnung",
                hint="Wer antwortet, als Funktion, z. B. „Pressestelle“ / „Press office“."),
    Field("email", "email", "Role address such as info@ or presse@.", label="E-Mail",
          hint="Funktionsadresse wie info@ oder presse@."),
    Field("phone", "text", "Switchboard number (optional).", required=False, label="Telefon",
          hint="Nummer der Zentrale (optional)."),
))

LOGO = Field("logo", "record", "Logo image in content/logos/ (optional).", required=False, label="Logo", fields=(
    Field("file", "file", "File name inside content/logos/ (PNG, JPEG, WebP or GIF).", label="Datei",
          hint="Bilddatei in content/logos/ (PNG, JPEG, WebP oder GIF), mindestens 240 Pixel breit."),
    _translated("alt", "Text alternative for the logo.", label="Alternativtext",
                hint="Was das Logo zeigt, für Menschen, die es nicht sehen, z. B. „Logo von BioCon Valley“."),
))

PARTNER = (
    Field("id", "slug", "URL-safe identifier, used in page addresses.", label="Kennung",
          hint="Kleinbuchstaben, Ziffern und Bindestriche; Teil der Seitenadresse, später nicht mehr ändern."),
    Field("name", "text", "Full name of the cluster organisation.", label="Name",
          hint="Voller Name der Cluster-Organisation."),
    Field("short_name", "text", "Short name for lists and the map.", label="Kurzname",
          hint="Für Listen und die Karte."),
    Field("host", "text", "Host organisation ('c/o'), if any.", required=False, label="Träger",
          hint="Trägerorganisation („c/o“), falls es eine gibt."),
    Field("country", "country", "Country code: DE, AT or CH.", label="Land"),
    Field("regions", "list", "ISO 3166-2 regions the cluster serves.", of=Field("region", "region", "Region code."),
          label="Regionen", hint="Bundesländer und Kantone, in denen der Cluster tätig ist."),
    Field("city", "placename", "Seat of the cluster office; where its name differs by language, one per language "
          "such as {de: Wien, en: Vienna}.", label="Sitz",
          hint="Stadt der Geschäftsstelle, in beiden Sprachen (auch wenn der Name gleich ist). Sind beide Felder "
          "leer, steht in der Datei ein Name für beide Sprachen; er bleibt erhalten."),
    Field("coordinates", "coords", "Latitude and longitude of the seat, e.g. [49.45, 11.08].", label="Koordinaten",
          hint="Zwei Zahlen: erst die geografische Breite, dann die Länge des Sitzes, z. B. 49.45 und 11.08."),
    Field("kind", "enum", "Partnership kind.", choices=("member", "associated"),
          choice_labels=("Mitglied", "assoziierter Partner"), label="Art der Partnerschaft"),
    Field("board", "bool", "Whether the partner sits on the alliance board.", required=False, default=False,
          label="Im Vorstand"),
    Field("focus_areas", "list", "Focus areas from data/vocabularies.yaml.",
          of=Field("focus_area", "vocab", "Focus area key.", vocab="focus_areas"), label="Schwerpunkte"),
    _translated("description", "What the cluster does, one paragraph per language.", label="Beschreibung",
                hint="Was der Cluster tut, ein Absatz je Sprache.", multiline=True),
    Field("website", "url", "Web address (optional).", required=False, label="Website",
          hint="Adresse mit https:// (optional)."),
    CONTACT,
    LOGO,
    Field("updated", "date", "Date of the last real change (optional).", required=False, label="Geändert am",
          hint="Datum der letzten inhaltlichen Änderung (optional)."),
)

PLACE = Field("place", "record", "Where the event happens (omit for online-only events).", required=False,
              label="Ort", hint="Wo die Veranstaltung stattfindet; bei reinen Online-Veranstaltungen leer lassen.",
              fields=(
    Field("name", "text", "Venue name.", label="Veranstaltungsort"),
    Field("city", "placename", "City; where its name differs by language, one per language such as "
          "{de: Nürnberg, en: Nuremberg}.", label="Stadt",
          hint="In beiden Sprachen (auch wenn der Name gleich ist). Sind beide Felder leer, steht in der Datei ein "
          "Name für beide Sprachen; er bleibt erhalten."),
    Field("country", "country", "Country code DE, AT or CH.", label="Land"),
    Field("address", "text", "Street address (optional).", required=False, label="Adresse",
          hint="Straße und Hausnummer (optional)."),
))

EVENT = (
    Field("id", "slug", "URL-safe identifier, used in page addresses and calendar UIDs.", label="Kennung",
          hint="Kleinbuchstaben, Ziffern und Bindestriche, z. B. workshop-wien-2027; Teil der Seitenadresse und der "
          "Kalendereinträge, später nicht mehr ändern."),
    Field("kind", "vocab", "Event kind from data/vocabularies.yaml.", vocab="event_kinds", label="Art"),
    Field("start", "when", "Start: YYYY-MM-DD for all-day, or YYYY-MM-DDTHH:MM in the event's time zone.",
          label="Beginn", hint="JJJJ-MM-TT für ganztägige Veranstaltungen, JJJJ-MM-TTTHH:MM mit Uhrzeit – in der "
          "Zeitzone der Veranstaltung (Feld „Zeitzone“), z. B. 2027-03-15T09:30."),
    Field("end", "when", "End, written like start (optional; last day for all-day events).", required=False,
          label="Ende", hint="Wie der Beginn geschrieben (optional); bei ganztägigen Veranstaltungen der letzte Tag."),
    Field("timezone", "timezone", "IANA time zone, e.g. Europe/Vienna.", label="Zeitzone",
          hint="Die Zeitzone, in der Beginn und Ende gelten."),
    PLACE,
    Field("online_url", "url", "Link for online participation (optional).", required=False, label="Online-Link",
          hint="Adresse für die Teilnahme online (optional; ohne Ort erforderlich)."),
    _translated("title", "Event title.", label="Titel"),
    _translated("description", "Short description.", label="Beschreibung", multiline=True),
    Field("organisers", "list", "Partner ids of the organising partners (may be empty).", required=False, default=(),
          of=Field("organiser", "vocab", "Partner id.", vocab="partners"), label="Veranstalter",
          hint="Die veranstaltenden Partner (kann leer bleiben)."),
    Field("status", "enum", "Event status.", required=False, default="scheduled",
          choices=("scheduled", "cancelled", "postponed"), choice_labels=("geplant", "abgesagt", "verschoben"),
          label="Status"),
    Field("tags", "list", "Tags from data/vocabularies.yaml (optional).", required=False, default=(),
          of=Field("tag", "vocab", "Tag key.", vocab="tags"), label="Schlagwörter"),
    Field("initiatives", "list", "Joint initiatives from data/initiatives.yaml (optional).", required=False,
          default=(), of=Field("initiative", "vocab", "Initiative id.", vocab="initiatives"),
          label="Initiativen"),
    Field("announced", "date", "Date the event was first announced (for the feed).", label="Angekündigt am",
          hint="Tag der ersten Ankündigung (für den Feed)."),
    Field("updated", "date", "Date of the last real change (optional, defaults to announced).", required=False,
          label="Geändert am", hint="Datum der letzten inhaltlichen Änderung; nötig, wenn sich Zeit, Ort oder "
          "Status ändern, sonst übersehen Kalender die Änderung."),
)

ATTACHMENT = Field("attachment", "record", "A file for the press kit, stored beside the release.", label="Datei",
                   fields=(
    Field("file", "file", "File name beside the Markdown file.", label="Datei",
          hint="PDF, ZIP, Text oder Bild, höchstens 10 MB."),
    _translated("title", "Title shown in the press kit.", all_languages=False, label="Titel"),
    Field("lang", "enum", "The file's language when it is in one only (optional): marked on pages in another.",
          required=False, choices=("de", "en"), choice_labels=("Deutsch", "Englisch"), label="Sprache der Datei",
          hint="Nur wenn die Datei in einer Sprache allein vorliegt (optional)."),
))

IMAGE = Field("image", "record", "Picture for the release and its social preview (optional).", required=False,
              label="Bild", hint="Bild zur Meldung und für die Vorschau in sozialen Netzen (optional).", fields=(
    Field("file", "file", "File name beside the Markdown file.", label="Datei"),
    _translated("alt", "Text alternative.", all_languages=False, label="Alternativtext",
                hint="Was das Bild zeigt, für Menschen, die es nicht sehen."),
    _translated("caption", "Caption shown under the picture (optional).", required=False, all_languages=False,
                label="Bildunterschrift"),
    Field("credit", "text", "Who took or owns the picture, e.g. '© Messe Düsseldorf / C. Tillmann' (optional).",
          required=False, label="Bildnachweis", hint="z. B. „© Messe Düsseldorf / C. Tillmann“ (optional)."),
))

TRANSLATED_FROM = Field(
    "translated_from", "text", "A translation's record of the version of its source (the German text) it was made "
    "from: set by `make translated FILE=…` (sitegen/translations.py); the translation status page shows the current "
    "one.", required=False, label="Übersetzt aus Fassung",
    hint="Nur in der Übersetzung: die Fassung des deutschen Textes, aus der sie übersetzt ist. Ist die Übersetzung "
    "auf dem Stand des deutschen Textes, hier die Fassung eintragen, die die Übersichtsseite der Übersetzungen "
    "(Vorschau mit Entwürfen, /translation-status/) für ihn nennt.")
"""Per language, never shared: in a translation's front matter (releases and plain pages)."""

RELEASE = (
    Field("title", "text", "Headline.", label="Titel"),
    Field("summary", "text", "One or two sentences for lists and feeds.", label="Zusammenfassung",
          hint="Ein bis zwei Sätze für Listen und Feeds.", multiline=True),
    Field("date", "date", "Release date; not published before it (embargo).", required=False, label="Datum",
          hint="Erscheinungsdatum; vorher wird die Meldung nicht veröffentlicht (Sperrfrist). Der Dateiname "
          "beginnt mit diesem Datum."),
    Field("updated", "date", "Date of the last real change (optional, defaults to date).", required=False,
          label="Geändert am", hint="Datum der letzten inhaltlichen Änderung (optional)."),
    Field("issuer", "vocab", "Partner id of the issuing partner.", required=False, vocab="partners",
          label="Herausgeber", hint="Der Partner, der die Meldung herausgibt."),
    Field("partners", "list", "Partner ids of the partners involved.", required=False,
          of=Field("partner", "vocab", "Partner id.", vocab="partners"), label="Beteiligte Partner"),
    Field("tags", "list", "Tags from data/vocabularies.yaml.", required=False,
          of=Field("tag", "vocab", "Tag key.", vocab="tags"), label="Schlagwörter"),
    Field("initiatives", "list", "Joint initiatives from data/initiatives.yaml (optional).", required=False,
          of=Field("initiative", "vocab", "Initiative id.", vocab="initiatives"), label="Initiativen"),
    IMAGE,
    Field("attachments", "list", "Press-kit files (optional).", required=False, of=ATTACHMENT, label="Pressemappe",
          hint="Dateien zum Herunterladen, neben der Meldung gespeichert (optional)."),
    Field("draft", "bool", "A draft is never published.", required=False, label="Entwurf",
          hint="Ein Entwurf wird nie veröffentlicht."),
    TRANSLATED_FROM,
)
RELEASE_SHARED = ("date", "updated", "issuer", "partners", "tags", "initiatives", "image", "attachments", "draft")
"""Language-neutral release fields: written once, inherited by the translation."""

PAGE = (
    Field("title", "text", "Page title.", label="Titel"),
    Field("description", "text", "One sentence for search engines.", label="Beschreibung",
          hint="Ein Satz für Suchmaschinen."),
    Field("updated", "date", "Last real change.", required=False, label="Geändert am"),
    TRANSLATED_FROM,
)
"""Front matter of a plain page (content/pages/<name>.<language>.md)."""

VOCAB_ENTRY = Field("entry", "translated", "Label per language.", label="Bezeichnung")

VOCABULARIES = (
    Field("focus_areas", "record", "Focus areas of partners: key → label per language.", fields=(),
          label="Schwerpunkte"),
    Field("tags", "record", "Tags of releases and events: key → label per language.", fields=(),
          label="Schlagwörter"),
    Field("event_kinds", "record", "Kinds of events: key → label per language.", fields=(),
          label="Veranstaltungsarten"),
    Field("marketplace_categories", "record", "Categories of marketplace entries: key → label per language.",
          required=False, fields=(), label="Marktplatz-Kategorien"),
)
"""Each vocabulary is a free mapping of slug keys to VOCAB_ENTRY labels."""

INITIATIVE = (
    Field("id", "slug", "URL-safe identifier, used in page addresses and in `initiatives:` lists.", label="Kennung",
          hint="Kleinbuchstaben, Ziffern und Bindestriche; Teil der Seitenadresse, später nicht mehr ändern."),
    _translated("title", "Name of the initiative.", label="Name"),
    _translated("goal", "What the initiative wants to achieve, one paragraph.", label="Ziel",
                hint="Was die Initiative erreichen will, ein Absatz.", multiline=True),
    Field("partners", "list", "Partner ids of the partners involved.",
          of=Field("partner", "vocab", "Partner id.", vocab="partners"), label="Beteiligte Partner"),
    Field("updated", "date", "Date of the last real change (optional).", required=False, label="Geändert am"),
)

MARKETPLACE_ENTRY = (
    Field("id", "slug", "URL-safe identifier; the entry's address never changes, even after expiry.", label="Kennung",
          hint="Kleinbuchstaben, Ziffern und Bindestriche; die Adresse des Eintrags bleibt, auch nach Ablauf."),
    Field("type", "enum", "Whether something is offered or sought.", choices=("offer", "request"),
          choice_labels=("Angebot", "Gesuch"), label="Art"),
    Field("category", "vocab", "Category from data/vocabularies.yaml.", vocab="marketplace_categories",
          label="Kategorie"),
    _translated("title", "Title; one language may be missing (then marked).", all_languages=False, label="Titel",
                hint="Eine Sprache darf fehlen (sie wird dann gekennzeichnet)."),
    _translated("text", "Description, in the same languages as the title. No personal names, e-mail "
                        "addresses or phone numbers: contact runs through the vouching partner.", all_languages=False,
                label="Text", hint="In denselben Sprachen wie der Titel. Keine Namen, E-Mail-Adressen oder "
                "Telefonnummern: Anfragen laufen über den bürgenden Partner.", multiline=True),
    Field("country", "country", "Country the entry concerns: DE, AT or CH.", label="Land"),
    Field("regions", "list", "ISO 3166-2 regions (optional).", required=False, default=(),
          of=Field("region", "region", "Region code."), label="Regionen"),
    Field("partner", "vocab", "Partner id of the cluster that vouches for the entry and forwards enquiries.",
          vocab="partners", label="Bürgender Partner",
          hint="Der Cluster, der für den Eintrag bürgt und Anfragen weiterleitet."),
    Field("initiatives", "list", "Joint initiatives the entry belongs to (optional).", required=False,
          default=(), of=Field("initiative", "vocab", "Initiative id.", vocab="initiatives"), label="Initiativen"),
    Field("published", "date", "Date the entry was published.", label="Veröffentlicht am"),
    Field("expires", "date", "Last day the entry is listed.", label="Läuft ab am",
          hint="Letzter Tag, an dem der Eintrag gelistet wird."),
    Field("updated", "date", "Date of the last real change (optional, defaults to published).", required=False,
          label="Geändert am"),
)

LEGAL = Field("legal", "record", "Facts the Impressum needs. 'PLACEHOLDER' marks what is still unknown.",
              label="Impressum", hint="Angaben für das Impressum; „PLACEHOLDER“ markiert, was noch fehlt.",
              fields=(
    Field("organisation", "text", "Organisation responsible for the site.", label="Organisation"),
    Field("address", "text", "Postal address.", label="Anschrift"),
    Field("represented_by", "text", "Legal representative (by role).", label="Vertreten durch",
          hint="Als Funktion, z. B. „Vorstand“."),
    Field("register", "text", "Register court and number.", label="Register",
          hint="Registergericht und Registernummer."),
    Field("vat_id", "text", "VAT identification number.", label="USt-IdNr."),
    Field("email", "email", "Role address for legal matters.", label="E-Mail"),
))

SITE = (
    _translated("name", "Site name.", label="Name der Website"),
    _translated("motto", "Motto shown on the home page.", label="Motto"),
    _translated("intro", "Two or three sentences introducing the alliance on the home page.", label="Einleitung",
                hint="Zwei, drei Sätze über die Allianz auf der Startseite; {partners} steht für die Zahl der "
                "Partner.", multiline=True),
    Field("base_url", "url", "Address where the site is published, may include a path.", label="Adresse der Website",
          hint="Wo die Website veröffentlicht wird, z. B. https://medtech-cluster-alliance.github.io/dach/."),
    Field("languages", "list", "Site languages, the default first.",
          of=Field("language", "language", "Language code."), label="Sprachen", hint="Deutsch zuerst."),
    Field("contact_email", "email", "The alliance's role-based address for the contact page.",
          label="Kontakt-E-Mail", hint="Funktionsadresse der Allianz für die Kontaktseite."),
    Field("press_page_size", "int", "Releases per page of the archive and of each tag's list.", required=False,
          default=10, label="Meldungen je Seite"),
    Field("example", "bool", "An example site: every page says that its partners, events, releases and offers are "
          "partly invented.", required=False, default=False, label="Beispiel-Website",
          hint="Jede Seite sagt dann, dass ihre Inhalte teils erfunden sind."),
    LEGAL,
)

SUPPORTED_LANGUAGES = ("de", "en")

REQUIRED_PAGES = ("about", "contact", "imprint", "privacy", "accessibility")
"""Plain pages every site must have, as content/pages/<name>.<language>.md in every language."""
