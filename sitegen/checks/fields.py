"""Own checking one Raw YAML value against one schema Field by its kind: a group of fields (unknown, missing and
wrong ones, defaults filled in), a list, one text per language, coordinates; a single value goes to the check of its
kind in `values`."""
from __future__ import annotations

import difflib
import re

from ..schema import Field
from ..source import Raw
from .context import INVALID, Context, clip, describe
from .values import EXPECT, SCALAR_CHECKS

NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def check_record(raw: Raw, fields: tuple[Field, ...], ctx: Context, where: str = "") -> dict | object:
    """Check a mapping against member specs; return {name: value} with defaults filled in (INVALID when any is
    wrong)."""
    values, ok = check_fields(raw, fields, ctx, where)
    return values if ok else INVALID


def check_fields(raw: Raw, fields: tuple[Field, ...], ctx: Context, where: str = "") -> tuple[dict | None, bool]:
    """Check a mapping against member specs; return {name: value} with defaults filled in, each wrong one INVALID
    (None when `raw` is no mapping), and whether all are right: checks spanning the valid ones still run, so that a
    mistake hides no other."""
    if not isinstance(raw.value, dict):
        ctx.add(raw.line, where, f"expected a group of fields, found {describe(raw)}", "indented 'name: value' lines")
        return None, False
    known = {spec.name: spec for spec in fields}
    values: dict = {}
    ok = True
    for key in raw.value:
        name = f"{where}.{key}" if where else key
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            expected = f"did you mean '{hint[0]}'?" if hint else "one of: " + ", ".join(known)
            ctx.add(raw.key_lines[key], name, "unknown field", expected)
            ok = False
    for spec in fields:
        name = f"{where}.{spec.name}" if where else spec.name
        value = raw.value.get(spec.name)
        if value is None or value.value is None:
            if spec.required:
                line = value.line if value is not None else raw.line
                ok = ctx.add(line, name, "missing required field", f"{spec.doc.rstrip('.')}") and False
                values[spec.name] = INVALID
            else:
                values[spec.name] = spec.default
            continue
        result = check(value, spec, ctx, name)
        if result is INVALID:
            ok = False
        values[spec.name] = result
    return values, ok


def check(raw: Raw, spec: Field, ctx: Context, where: str) -> object:
    """Check one value; return it converted, or INVALID."""
    if spec.kind == "record":
        return check_record(raw, spec.fields, ctx, where)
    if spec.kind == "list":
        return _check_list(raw, spec, ctx, where)
    if spec.kind == "translated" or (spec.kind == "placename" and isinstance(raw.value, dict)):
        return _check_translated(raw, spec, ctx, where)
    if spec.kind == "coords":
        return _check_coords(raw, ctx, where)
    if isinstance(raw.value, (dict, list)):
        return ctx.add(raw.line, where, f"expected a single value, found {describe(raw)}",
                       EXPECT.get(spec.kind, "one value, without [ ] or { }"))
    text = raw.value.strip()
    if not text:
        return ctx.add(raw.line, where, "is empty", EXPECT.get(spec.kind, "some text"))
    return SCALAR_CHECKS[spec.kind](text, raw, spec, ctx, where)



def _check_list(raw: Raw, spec: Field, ctx: Context, where: str) -> object:
    if not isinstance(raw.value, list):
        return ctx.add(raw.line, where, f"expected a list, found {describe(raw)}", "a list like [a, b]")
    items = []
    for index, item in enumerate(raw.value):
        if item.value is None:
            items.append(ctx.add(item.line, f"{where}[{index + 1}]", "is empty", spec.of.doc.rstrip(".")))
            continue
        value = check(item, spec.of, ctx, f"{where}[{index + 1}]")
        if isinstance(value, str) and value in items:  # an id or a name listed twice would be shown twice
            value = ctx.add(item.line, f"{where}[{index + 1}]", f"'{clip(value)}' is listed twice", "each once")
        items.append(value)
    if any(item is INVALID for item in items):
        return INVALID
    return tuple(items)


def _check_translated(raw: Raw, spec: Field, ctx: Context, where: str) -> object:
    if not isinstance(raw.value, dict):
        return ctx.add(raw.line, where, f"expected one text per language, found {describe(raw)}",
                       " and ".join(f"{lang}: …" for lang in ctx.languages))
    texts: dict = {}
    ok = True
    for lang, value in raw.value.items():
        if lang not in ctx.languages:
            ok = ctx.add(raw.key_lines[lang], f"{where}.{lang}", "unknown language",
                         "one of " + ", ".join(ctx.languages)) and False
        elif value.value is not None:
            text = check(value, Field(lang, "text", ""), ctx, f"{where}.{lang}")
            ok = ok and text is not INVALID
            texts[lang] = text
    if spec.all_languages:
        for lang in ctx.languages:
            if lang not in texts:
                ok = ctx.add(raw.key_lines.get(lang, raw.line), f"{where}.{lang}", "missing translation",
                             f"a text in '{lang}'") and False
    elif not texts:
        ok = ctx.add(raw.line, where, "no text in any language", f"at least one of {', '.join(ctx.languages)}") and False
    return texts if ok else INVALID


def _check_coords(raw: Raw, ctx: Context, where: str) -> object:
    expected = "[latitude, longitude] such as [49.45, 11.08]"
    items = raw.value if isinstance(raw.value, list) else None
    if not items or len(items) != 2 or not all(isinstance(i.value, str) and NUMBER.match(i.value.strip()) for i in items):
        return ctx.add(raw.line, where, f"expected two numbers, found {describe(raw)}", expected)
    lat, lon = (float(i.value) for i in items)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return ctx.add(raw.line, where, f"[{lat}, {lon}] is not a place on Earth", expected)
    (south, north), (west, east) = DACH_BOX
    if not (south <= lat <= north and west <= lon <= east):  # it would be off the map
        return ctx.add(raw.line, where, f"[{lat}, {lon}] lies outside Germany, Austria and Switzerland",
                       f"{expected}, latitude first ({south} to {north}), then longitude ({west} to {east})")
    return (lat, lon)


DACH_BOX = ((45.8, 55.1), (5.8, 17.2))
"""Latitudes and longitudes around Germany, Austria and Switzerland (data/geo/dach-outlines.json): the partner map."""

