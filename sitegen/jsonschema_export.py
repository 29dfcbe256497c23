"""Own exporting the one schema definition (sitegen/schema.py) as JSON Schema files for editors' editors.

Vocabularies and ids come from the site's own data, so the files follow every change an
editor makes there; `build.py schema` (run by `make check` and `make build`) rewrites them.
"""
from __future__ import annotations

import json

from . import schema
from .checks import DATE, DATETIME, SLUG
from .records import Site
from .regions import COUNTRIES, REGIONS
from .schema import Field

DRAFT = "https://json-schema.org/draft/2020-12/schema"

FILES = {
    "site": ("object", schema.SITE),
    "partners": ("array", schema.PARTNER),
    "events": ("array", schema.EVENT),
    "initiatives": ("array", schema.INITIATIVE),
    "marketplace": ("array", schema.MARKETPLACE_ENTRY),
}
"""Data file → (top-level type, fields); vocabularies.yaml is described separately."""


def _scalar(field: Field, vocab: dict) -> dict:
    text = {"type": "string", "minLength": 1}
    kinds = {
        "text": text,
        "slug": {"type": "string", "pattern": SLUG.pattern},
        "date": {"type": "string", "pattern": DATE.pattern},
        "when": {"type": "string", "pattern": f"{DATE.pattern}|{DATETIME.pattern}"},
        "bool": {"type": "boolean"},
        "int": {"type": "integer", "minimum": 1},
        "url": {"type": "string", "pattern": r"^(https?://\S+|mailto:\S+@\S+)$"},
        "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"},
        "country": {"enum": list(COUNTRIES)},
        "region": {"enum": list(REGIONS)},
        "timezone": {"type": "string", "pattern": r"^[A-Za-z_]+/[A-Za-z_/+-]+$"},
        "language": {"enum": list(schema.SUPPORTED_LANGUAGES)},
        "enum": {"enum": list(field.choices)},
        "vocab": {"enum": sorted(vocab.get(field.vocab, ()))},
        "coords": {"type": "array", "minItems": 2, "maxItems": 2,
                   "prefixItems": [{"type": "number", "minimum": -90, "maximum": 90},
                                   {"type": "number", "minimum": -180, "maximum": 180}]},
        "file": {"type": "string", "pattern": r"^[^/\\.][^/\\]*$"},
    }
    return kinds[field.kind]


def field_schema(field: Field, vocab: dict) -> dict:
    """Return the JSON Schema of one field."""
    if field.kind == "record":
        result = record_schema(field.fields, vocab)
    elif field.kind == "list":
        result = {"type": "array", "items": field_schema(field.of, vocab)}
    elif field.kind in ("translated", "placename"):
        languages = list(schema.SUPPORTED_LANGUAGES)
        result = {"type": "object", "additionalProperties": False,
                  "properties": {lang: {"type": "string", "minLength": 1} for lang in languages}}
        result["required" if field.all_languages else "minProperties"] = languages if field.all_languages else 1
        if field.kind == "placename":
            result = {"oneOf": [{"type": "string", "minLength": 1}, result]}
    else:
        result = dict(_scalar(field, vocab))
    return {"description": field.doc, **result}


def record_schema(fields: tuple[Field, ...], vocab: dict) -> dict:
    """Return the JSON Schema of a record: known keys only, required ones listed."""
    return {"type": "object", "additionalProperties": False,
            "properties": {f.name: field_schema(f, vocab) for f in fields},
            "required": [f.name for f in fields if f.required]}


def export(site: Site) -> dict[str, str]:
    """Return file name → JSON text of every data file's schema, with the site's vocabularies as enums."""
    vocab = {name: tuple(values) for name, values in vars(site.vocab).items()}
    vocab["partners"] = tuple(p.id for p in site.partners)
    vocab["initiatives"] = tuple(i.id for i in site.initiatives)
    files = {}
    for name, (kind, fields) in FILES.items():
        body = record_schema(fields, vocab)
        document = {"$schema": DRAFT, "title": f"data/{name}.yaml",
                    **(body if kind == "object" else {"type": "array", "items": body})}
        files[f"{name}.schema.json"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    label = {"type": "object", "additionalProperties": False, "required": list(schema.SUPPORTED_LANGUAGES),
             "properties": {lang: {"type": "string", "minLength": 1} for lang in schema.SUPPORTED_LANGUAGES}}
    vocabularies = {"$schema": DRAFT, "title": "data/vocabularies.yaml", "type": "object", "additionalProperties": False,
                    "properties": {f.name: {"description": f.doc, "type": "object", "propertyNames": {"pattern": SLUG.pattern},
                                            "additionalProperties": label} for f in schema.VOCABULARIES},
                    "required": [f.name for f in schema.VOCABULARIES if f.required]}
    files["vocabularies.schema.json"] = json.dumps(vocabularies, ensure_ascii=False, indent=2) + "\n"
    return files
