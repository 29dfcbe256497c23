"""Own finding what is given in one language only outside the texts: per-language fields of the data files and of
releases' front matter (the fields that may lack a language: `Field.all_languages` false — those that may not are
refused by validation), and the catalogs' strings that are untranslated (an empty msgstr) or marked fuzzy (not used
until someone checked them), each with its file and line.
"""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from . import localize, schema
from .jsonschema_export import FILES
from .load import RawSite
from .problems import ProblemsFound
from .source import Raw, YamlFile, read_text

Gap = tuple[str, str, str, int, str, str, str]
"""(section, state, file, line, name, language, detail): an item of the translation desk (`translations.Item`)."""


def field_gaps(raw: RawSite, languages: tuple[str, ...]) -> list[Gap]:
    """Return a gap for each per-language field of the data and the releases that has a text in some languages only."""
    gaps: list[Gap] = []
    for name, (shape, fields) in FILES.items():
        data = raw.data.get(name)
        if not isinstance(data, YamlFile):
            continue
        tree = data.tree
        records = tree.value if shape == "array" and isinstance(tree.value, list) else [tree]
        for record in records:
            label = _id(record) or name
            gaps += [("data", "one-language", data.path, line, f"{label}: {field}", lang, given)
                     for line, field, lang, given in _walk(record, fields, "", languages)]
    for document in raw.documents.get("press", ()):
        front = getattr(document, "front", None)  # (a file unchanged since the last build was checked then)
        if front is not None:
            gaps += [("data", "one-language", document.path, line, field, lang, given)
                     for line, field, lang, given in _walk(front, schema.RELEASE, "", languages)]
    return gaps


def _id(record: Raw) -> str:
    node = record.value.get("id") if isinstance(record.value, dict) else None
    return node.value if node is not None and isinstance(node.value, str) else ""


def _walk(node: Raw, fields: tuple, where: str, languages: tuple[str, ...]) -> list[tuple[int, str, str, str]]:
    """Return (line, field, missing language, languages given) of the one-language fields in a record."""
    if not isinstance(node.value, dict):
        return []
    found = []
    for spec in fields:
        value = node.value.get(spec.name)
        if value is None:
            continue
        name = f"{where}{spec.name}"
        if spec.kind == "translated" and not spec.all_languages and isinstance(value.value, dict):
            given = [lang for lang in languages if _has_text(value.value.get(lang))]
            if given:
                line = node.key_lines.get(spec.name, value.line)
                found += [(line, name, lang, ", ".join(given)) for lang in languages if lang not in given]
        elif spec.kind == "record":
            found += _walk(value, spec.fields, f"{name}.", languages)
        elif spec.kind == "list" and spec.of is not None and spec.of.kind == "record" and isinstance(value.value, list):
            for index, item in enumerate(value.value):
                found += _walk(item, spec.of.fields, f"{name}[{index}].", languages)
    return found


def _has_text(node: Raw | None) -> bool:
    return node is not None and isinstance(node.value, str) and bool(node.value.strip())


def catalog_gaps(i18n: Path, languages: tuple[str, ...]) -> list[Gap]:
    """Return a gap for each untranslated (at its msgstr line) or fuzzy (at its msgid line) string of the catalogs
    (a catalog that cannot be read has none here: `localize.catalog_problems` says what is wrong)."""
    gaps: list[Gap] = []
    for lang in languages:
        try:
            source = read_text(localize.catalog_path(i18n, lang), i18n.parent)
            catalog = read_po(io.StringIO(source.text), locale=lang, abort_invalid=True)
        except (ProblemsFound, PoFileError, OSError, ValueError):  # localize.catalog_problems says what is wrong
            continue
        lines = source.text.split("\n")
        for message in catalog:
            if not message.id or not message.lineno:  # the header
                continue
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                gaps.append(("catalogs", "fuzzy", source.path, message.lineno, msgid, lang, ""))
            elif not all(text.strip() for text in strings):
                gaps.append(("catalogs", "untranslated", source.path, _msgstr_line(lines, message.lineno), msgid,
                             lang, ""))
    return gaps


def _msgstr_line(lines: list[str], msgid_line: int) -> int:
    """Return the line of the first empty translation of the message whose msgid is at `msgid_line`."""
    for number in range(msgid_line, len(lines) + 1):
        text = lines[number - 1].strip()
        if text.startswith("msgstr") and text.endswith('""') and (number == len(lines) or
                                                                 not lines[number].strip().startswith('"')):
            return number
    return msgid_line

