"""Every UI string in the templates, extracted afresh, is translated in both catalogs."""
from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
METHODS = [("templates/**.html", "jinja2"), ("sitegen/**.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def template_messages() -> set:
    """Return the msgids (plural ones as tuples) found in the templates right now."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), METHODS, OPTIONS):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def translated(lang: str) -> dict:
    """Return msgid → msgstr of a catalog, leaving out untranslated and fuzzy entries."""
    with (ROOT / "i18n" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    result = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings):
            key = message.id if isinstance(message.id, str) else tuple(message.id)
            result[key] = message.string
    return result


def test_templates_have_strings():
    assert "Skip to content" in template_messages()


def test_every_string_is_translated_in_german_and_english():
    messages = template_messages()
    for lang in ("de", "en"):
        missing = sorted(str(m) for m in messages - set(translated(lang)))
        assert missing == [], f"untranslated in i18n/{lang}: {missing} (run make i18n-update, then translate)"


def test_german_catalog_really_is_german():
    german = translated("de")
    assert german["Skip to content"] == "Zum Inhalt springen"
    assert german[("Organiser", "Organisers")] == ("Veranstalter", "Veranstalter")
