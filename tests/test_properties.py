"""Property tests: generated partner, event and release records give a site or a clean list of errors.

Never an exception; every text field appears escaped in the HTML.
"""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from markupsafe import escape
from hypothesis import strategies as st

from sitegen.pipeline import build
from sitegen.problems import ProblemsFound
from support.minimal_site import write_site

TODAY = dt.date(2026, 11, 23)
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
nasty = st.sampled_from(["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "&amp;", "</title>",
                         "{{ 7*7 }}", "{% raw %}", "javascript:alert(1)", "' OR 1=1 --", "\u202eevil", "a: b"])
field_text = st.one_of(text, nasty, st.tuples(text, nasty).map("".join))
slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
anything = st.one_of(field_text, st.integers(), st.booleans(), st.none(), st.lists(text, max_size=3),
                     st.dictionaries(st.sampled_from(["de", "en", "fr"]), text, max_size=3))


def dump(value) -> str:
    """Write a value as YAML flow text (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def partner_yaml(pid: str, name, description, country, extra: dict) -> str:
    """Return one partner entry with the given values."""
    fields = {"id": pid, "name": name, "short_name": name, "country": country, "regions": ["DE-BY"],
              "city": "Nürnberg", "coordinates": [49.45, 11.08], "kind": "member", "focus_areas": ["imaging"],
              "description": description, "contact": {"label": {"de": "Büro", "en": "Office"},
                                                       "email": "info@example.org"}, **extra}
    return "- " + "\n  ".join(f"{key}: {dump(value)}" for key, value in fields.items()) + "\n"


@contextmanager
def outcome(changes: dict):
    """Build the minimal site with `changes`; yield the output folder (None on errors) and the problems."""
    with tempfile.TemporaryDirectory() as folder:
        site = write_site(Path(folder) / "site", changes)
        try:
            build(site, Path(folder) / "out", TODAY)
        except ProblemsFound as found:
            assert found.problems, "ProblemsFound without problems"
            for problem in found.problems:
                assert problem.path and problem.line >= 1 and problem.message
                assert problem.format().startswith(f"{problem.path}:{problem.line}: ")
            yield None, found.problems
            return
        yield Path(folder) / "out", []


def appears_escaped(value: str, page: str) -> bool:
    """Return whether a text appears in a page in its HTML-escaped form."""
    return str(escape(value.strip())) in page


@SETTINGS
@given(name=field_text, description=field_text, country=st.sampled_from(["DE", "AT", "CH", "XX"]),
       city=st.one_of(field_text, st.fixed_dictionaries({"de": field_text, "en": field_text})))
def test_generated_partner(name, description, country, city):
    changes = {"data/partners.yaml": partner_yaml(
        "gamma", name, {"de": description, "en": description}, country, {"city": city}) + partner_yaml(
        "alpha", "Alpha", {"de": "A", "en": "A"}, "DE", {}) + partner_yaml("beta", "Beta", {"de": "B", "en": "B"}, "DE", {})}
    with outcome(changes) as (out, problems):
        if out is not None:
            page = (out / "de/partners/gamma/index.html").read_text()
            assert appears_escaped(name, page) and appears_escaped(description, page)
            english = (out / "en/partners/gamma/index.html").read_text()
            for lang, html in (("de", page), ("en", english)):
                assert appears_escaped(city[lang] if isinstance(city, dict) else city, html)
            assert "<script>alert(1)" not in page and "<img src=x" not in page


@SETTINGS
@given(field=st.sampled_from(["name", "country", "regions", "coordinates", "kind", "board", "focus_areas",
                              "description", "website", "contact", "city", "id", "unknown"]), value=anything)
def test_any_value_in_any_partner_field(field, value):
    changes = {"data/partners.yaml": partner_yaml("gamma", "G", {"de": "g", "en": "g"}, "DE", {field: value})
               + partner_yaml("alpha", "A", {"de": "a", "en": "a"}, "DE", {})
               + partner_yaml("beta", "B", {"de": "b", "en": "b"}, "AT", {"regions": ["AT-6"]})}
    with outcome(changes) as (out, problems):
        assert out is not None or problems


@SETTINGS
@given(title=field_text, description=field_text, start=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
       days=st.integers(-3, 10), zone=st.sampled_from(["Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Mars/Base"]),
       timed=st.booleans())
def test_generated_event(title, description, start, days, zone, timed):
    end = start + dt.timedelta(days=days)
    begin, finish = (f"{start}T10:00", f"{end}T12:00") if timed else (str(start), str(end))
    events = (f"- id: gen\n  kind: workshop\n  start: {begin}\n  end: {finish}\n  timezone: {zone}\n"
              f"  place: {{name: Haus, city: Wien, country: AT}}\n  title: {dump({'de': title, 'en': title})}\n"
              f"  description: {dump({'de': description, 'en': description})}\n  organisers: [alpha]\n"
              f"  announced: 2026-01-01\n")
    with outcome({"data/events.yaml": events}) as (out, problems):
        if out is None:
            assert days < 0 or zone == "Mars/Base" or problems
            return
        page = (out / "en/events/gen/index.html").read_text()
        assert appears_escaped(title, page) and appears_escaped(description, page)


@SETTINGS
@given(title=field_text, summary=field_text, body=st.text(max_size=300), date=st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)))
def test_generated_release(title, summary, body, date):
    release = f"---\ntitle: {dump(title)}\nsummary: {dump(summary)}\ndate: {date}\n---\n{body}\n"
    with outcome({f"content/press/{date}-generated.de.md": release}) as (out, problems):
        if out is None:
            return
        if date > TODAY:
            assert not (out / f"de/press/{date}-generated").exists()
            return
        page = (out / f"de/press/{date}-generated/index.html").read_text()
        assert appears_escaped(title, page) and appears_escaped(summary, page)
        assert "<script>alert(1)" not in page
