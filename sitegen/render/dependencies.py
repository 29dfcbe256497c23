"""Own tracing what a page is made from: the templates a template extends, includes or imports (each template's
references remembered by its text's hash, in this process and on disk), and a page's source, data, template and
catalog files (`page_inputs`, what a later incremental build compares)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

import jinja2
import jinja2.meta

from .. import localize, steps
from ..pages.core import OutPage
from ..problems import Problem, ProblemsFound
from .writers import WRITERS


def page_inputs(page: OutPage, i18n: Path, template_inputs: Callable[[str], frozenset]) -> frozenset:
    """Return the source, data, template and catalog files a page is made from (`template_inputs`: name → the
    template files it uses)."""
    if page.template in WRITERS:
        return page.inputs
    catalog = {localize.catalog_name(i18n, page.lang)} if page.lang else set()
    return page.inputs | template_inputs(page.template) | catalog


def template_inputs(templates: Path, name: str) -> frozenset:
    """Return the template and every template it extends, includes or imports, as 'templates/…' paths.

    Each is parsed (or known by its text from an earlier build): a syntax error or a missing template
    raises ProblemsFound naming the template's file and line, before any page is rendered.
    """
    found: set[str] = set()
    pending: list[tuple[str, str | None]] = [(name, None)]
    while pending:
        current, user = pending.pop()
        if current in found:
            continue
        found.add(current)
        try:
            source = (templates / current).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProblemsFound([_missing_template(templates, current, user)]) from None
        try:
            pending.extend((reference, current) for reference in _references(source))
        except jinja2.TemplateSyntaxError as error:
            raise ProblemsFound([Problem(f"templates/{current}", error.lineno or 1, "",
                                         f"template syntax error: {error.message}", "valid Jinja syntax")]) from None
    return frozenset(f"templates/{item}" for item in found)


def _missing_template(templates: Path, name: str, user: str | None) -> Problem:
    """Return the problem of a template that uses (or a page that needs) a template which is not there."""
    if user is None:
        return Problem(f"templates/{name}", 1, "", "the template is missing", "a file in templates/")
    lines = (templates / user).read_text(encoding="utf-8").split("\n")
    line = next((number for number, text in enumerate(lines, start=1) if name in text), 1)
    return Problem(f"templates/{user}", line, "", f"the template '{name}' it uses is missing", "a file in templates/")


_REFERENCES: dict[str, tuple[str, ...]] = {}


def _references(source: str) -> tuple[str, ...]:
    """Return the templates a template's source names, remembered by the source's hash (a piece of work depending on
    it: `steps.stored`)."""
    key = hashlib.sha256(source.encode("utf-8")).hexdigest()
    if key not in _REFERENCES:
        def named() -> bytes:
            environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
            return json.dumps([ref for ref in jinja2.meta.find_referenced_templates(environment.parse(source))
                               if ref]).encode("utf-8")
        try:
            _REFERENCES[key] = tuple(json.loads(steps.stored("template references", (key,), named)))
        except ValueError:  # damaged where it was kept
            _REFERENCES[key] = tuple(json.loads(named()))
    return _REFERENCES[key]
