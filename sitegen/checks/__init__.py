"""Own checking one Raw YAML value against one schema Field, with editor-readable problems.

`check(raw, field, ctx)` returns the converted Python value, or INVALID after adding
problems to `ctx.problems`. It knows the field kinds of `schema`; it knows nothing of
partners, events or releases. Its parts: `context` (INVALID, the Context a check adds its
problems to), `fields` (a value by the kind of its Field: groups of fields, lists,
translations, coordinates), `values` (one check per kind of single value) and `spanning`
(checks across a record's fields and against the build's today). This module names what
the rest of the generator uses of them.
"""
from __future__ import annotations

from ..source import CONTROL
from .context import INVALID, Context, describe, valid
from .fields import DACH_BOX, NUMBER, check, check_fields, check_record
from .spanning import (FAR_AHEAD_YEARS, LONGEST_EVENT, TOMORROW, far_ahead, long_event, not_ahead, regions_in_country,
                       updated_in_time)
from .values import (DATE, DATETIME, EMAIL, EXAMPLE_DOMAIN, ID_SOURCES, INVISIBLE, SCALAR_CHECKS, SLUG, SUGGESTIONS,
                     VOCABULARY_ENTRY, YEARS, web_address)

__all__ = [
    "CONTROL", "DACH_BOX", "DATE", "DATETIME", "EMAIL", "EXAMPLE_DOMAIN", "FAR_AHEAD_YEARS", "ID_SOURCES", "INVALID",
    "INVISIBLE", "LONGEST_EVENT", "NUMBER", "SCALAR_CHECKS", "SLUG", "SUGGESTIONS", "TOMORROW", "VOCABULARY_ENTRY",
    "YEARS", "Context", "check", "check_fields", "check_record", "describe", "far_ahead", "long_event", "not_ahead",
    "regions_in_country", "updated_in_time", "valid", "web_address",
]
