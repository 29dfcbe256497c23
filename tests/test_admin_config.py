"""The browser editor's configuration (admin/config.yml) is made from the one schema and the site's vocabularies."""
from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import EXAMPLE_TODAY, ROOT
from sitegen import admin_config, schema
from sitegen.admin_config import config, config_yml, repository_of
from sitegen.pipeline import check
from sitegen.schema import Field
from support.minimal_site import VOCABULARIES

SVELTIA_SCHEMA = ROOT / "tools/cms/node_modules/@sveltia/cms/schema/sveltia-cms.json"
"""The JSON Schema of the configuration, shipped with the pinned Sveltia CMS (installed by helper CMS's target)."""


def collection(cfg: dict, name: str) -> dict:
    """Return a collection of the configuration by its name."""
    return next(c for c in cfg["collections"] if c["name"] == name)


def fields_of(cfg: dict, name: str) -> dict:
    """Return the fields of a collection by name: of its entries, or of the entries of its list file."""
    found = collection(cfg, name)
    fields = found["fields"] if "fields" in found else found["files"][0]["fields"]
    if len(fields) == 1 and fields[0].get("root"):
        fields = fields[0]["fields"]
    return {f["name"]: f for f in fields}


@pytest.fixture(scope="module")
def example_config(example_site) -> dict:
    return yaml.safe_load(config_yml(example_site))


def test_config_is_valid_for_the_pinned_sveltia_cms(example_config):
    if not SVELTIA_SCHEMA.exists():
        pytest.skip("Sveltia CMS is not installed in tools/cms (make admin-assets)")
    validator = jsonschema.Draft7Validator(json.loads(SVELTIA_SCHEMA.read_text()))
    assert [error.message[:200] for error in validator.iter_errors(example_config)] == []


def test_every_collection_is_there(example_config):
    names = [c["name"] for c in example_config["collections"]]
    assert names == ["press", "pages", "partners", "events", "marketplace", "initiatives", "vocabularies",
                     "settings"]
    files = {c["name"]: c["files"][0]["file"] for c in example_config["collections"] if "files" in c}
    assert files == {"partners": "data/partners.yaml", "events": "data/events.yaml",
                     "marketplace": "data/marketplace.yaml", "initiatives": "data/initiatives.yaml",
                     "vocabularies": "data/vocabularies.yaml", "settings": "data/site.yaml"}
    root = collection(example_config, "partners")["files"][0]["fields"]
    assert [(f["name"], f["widget"], f["root"]) for f in root] == [("partners", "list", True)]


def test_settings_sign_in_workflow_and_output(example_config):
    assert example_config["backend"] == {"name": "github", "repo": "medtech-cluster-alliance/dach",
                                         "branch": "main"}
    assert example_config["publish_mode"] == "editorial_workflow"
    assert example_config["i18n"] == {"structure": "multiple_files", "locales": ["de", "en"], "default_locale": "de"}
    assert example_config["output"] == {"omit_empty_optional_fields": True}
    assert config_yml.__module__ == "sitegen.admin_config"


def test_releases_are_german_english_file_pairs_beside_their_files(example_config):
    press = collection(example_config, "press")
    assert (press["folder"], press["extension"], press["format"], press["i18n"]) == (
        "content/press", "md", "yaml-frontmatter", True)
    assert (press["media_folder"], press["public_folder"]) == ("", "")
    fields = fields_of(example_config, "press")
    assert list(fields) == [spec.name for spec in schema.RELEASE] + ["body"]
    assert {name for name, f in fields.items() if f["i18n"] == "duplicate"} == set(schema.RELEASE_SHARED)
    assert {name for name, f in fields.items() if f["i18n"] is True} >= {"title", "summary", "body"}
    assert fields["date"] == {"name": "date", "label": "Datum", "hint": schema.RELEASE[2].hint, "required": True,
                              "widget": "datetime", "type": "date", "format": "YYYY-MM-DD", "i18n": "duplicate"}
    assert fields["image"]["fields"][0] == {"name": "file", "label": "Datei", "required": True, "widget": "image"}
    assert press["slug"]["template"] == "{{fields.date}}-{{title}}"


def test_sample_fields_have_label_hint_required_flag_and_widget(example_config):
    partners = fields_of(example_config, "partners")
    assert partners["short_name"] == {"name": "short_name", "label": "Kurzname", "hint": "Für Listen und die Karte.",
                                      "required": True, "widget": "string"}
    assert partners["host"]["required"] is False
    assert partners["description"] == {
        "name": "description", "label": "Beschreibung", "hint": "Was der Cluster tut, ein Absatz je Sprache.",
        "required": True, "widget": "object",
        "fields": [{"name": "de", "label": "Deutsch", "required": True, "widget": "text"},
                   {"name": "en", "label": "Englisch", "required": True, "widget": "text"}]}
    assert partners["coordinates"] == {
        "name": "coordinates", "label": "Koordinaten", "hint": schema.PARTNER[7].hint, "required": True,
        "widget": "list", "min": 2, "max": 2,
        "field": {"name": "degrees", "label": "Grad", "widget": "number", "value_type": "float"}}
    assert partners["board"] == {"name": "board", "label": "Im Vorstand", "required": False, "widget": "boolean",
                                 "default": False}
    assert partners["kind"]["options"] == [{"label": "Mitglied", "value": "member"},
                                           {"label": "assoziierter Partner", "value": "associated"}]
    assert partners["logo"]["fields"][0]["media_folder"] == "/content/logos"
    marketplace = fields_of(example_config, "marketplace")
    assert [f["required"] for f in marketplace["title"]["fields"]] == [False, False]  # one language may be missing


def test_partner_references_are_relations(example_config):
    relation = {"widget": "relation", "collection": "partners", "file": "partners", "value_field": "partners.*.id",
                "display_fields": ["partners.*.short_name"], "search_fields": ["partners.*.id",
                                                                               "partners.*.short_name"]}
    organisers = fields_of(example_config, "events")["organisers"]
    assert organisers == {"name": "organisers", "label": "Veranstalter", "hint": schema.EVENT[9].hint,
                          "required": False, **relation, "multiple": True}
    vouching = fields_of(example_config, "marketplace")["partner"]
    assert {key: vouching[key] for key in relation} == relation and "multiple" not in vouching
    assert fields_of(example_config, "press")["issuer"]["widget"] == "relation"
    assert fields_of(example_config, "initiatives")["partners"]["multiple"] is True
    assert fields_of(example_config, "events")["initiatives"]["value_field"] == "initiatives.*.id"


def test_select_lists_come_from_the_vocabularies(example_config, example_site):
    kinds = fields_of(example_config, "events")["kind"]
    assert kinds["widget"] == "select" and "multiple" not in kinds
    assert kinds["options"] == [{"label": f"{labels['de']} ({key})", "value": key}
                                for key, labels in example_site.vocab.event_kinds.items()]
    focus = fields_of(example_config, "partners")["focus_areas"]
    assert focus["multiple"] is True and [o["value"] for o in focus["options"]] == list(example_site.vocab.focus_areas)
    regions = fields_of(example_config, "partners")["regions"]
    assert {"label": "Bayern (DE-BY)", "value": "DE-BY"} in regions["options"]


def test_a_new_vocabulary_entry_is_offered(site):
    source = site({"data/vocabularies.yaml": VOCABULARIES.replace(
        "focus_areas:\n", "focus_areas:\n  robotics: {de: Robotik, en: Robotics}\n")})
    validated, problems = check(source, today=EXAMPLE_TODAY)
    assert validated is not None, [problem.format() for problem in problems]
    focus = fields_of(config(validated), "partners")["focus_areas"]["options"]
    assert {"label": "Robotik (robotics)", "value": "robotics"} in focus
    labels = fields_of(config(validated), "vocabularies")["focus_areas"]["fields"]
    assert [entry["name"] for entry in labels] == ["robotics", "imaging", "orthopaedics"]


def test_event_dates_and_times_are_in_the_event_time_zone(example_config):
    events = fields_of(example_config, "events")
    assert events["start"] == {"name": "start", "label": "Beginn", "hint": schema.EVENT[2].hint, "required": True,
                               "widget": "string", "pattern": list(admin_config.PATTERNS["when"])}
    assert "Zeitzone der Veranstaltung" in events["start"]["hint"]
    assert events["end"]["required"] is False
    assert [o["value"] for o in events["timezone"]["options"]] == ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"]
    assert events["announced"]["widget"] == "datetime" and events["announced"]["format"] == "YYYY-MM-DD"
    assert events["status"]["default"] == "scheduled"


def test_the_repository_comes_from_the_caller_or_the_pages_address(example_site):
    assert repository_of("https://medtech-cluster-alliance.github.io/dach/") == "medtech-cluster-alliance/dach"
    assert repository_of("https://alliance.github.io/") == "alliance/alliance.github.io"
    assert repository_of("https://www.medtech-alliance.eu/") is None
    assert config(example_site, "alliance/site", "live")["backend"]["repo"] == "alliance/site"
    assert config(example_site, "alliance/site", "live")["backend"]["branch"] == "live"


def test_a_site_elsewhere_gets_a_marked_placeholder(site):
    validated, problems = check(site(), today=EXAMPLE_TODAY)  # base_url https://example.org/sub/
    assert validated is not None, [problem.format() for problem in problems]
    assert config(validated)["backend"]["repo"] == admin_config.REPOSITORY_PLACEHOLDER == "OWNER/REPOSITORY"


def test_a_field_added_to_the_schema_appears_in_the_configuration(example_site, monkeypatch):
    added = Field("founded", "date", "Year the cluster was founded (optional).", required=False,
                  label="Gegründet am", hint="Tag der Gründung (optional).")
    monkeypatch.setattr(schema, "PARTNER", schema.PARTNER + (added,))  # a copy of the schema with one field more
    exported = fields_of(yaml.safe_load(config_yml(example_site)), "partners")
    assert list(exported)[-1] == "founded"
    assert exported["founded"] == {"name": "founded", "label": "Gegründet am", "hint": "Tag der Gründung (optional).",
                                   "required": False, "widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}


def _named(fields, path=""):
    """Yield (path, field) of every field the editor shows, records' members included."""
    for spec in fields:
        where = f"{path}.{spec.name}" if path else spec.name
        yield where, spec
        members = spec.fields or (spec.of.fields if spec.of is not None and spec.of.kind == "record" else ())
        yield from _named(members, where)


@pytest.mark.parametrize("fields", [schema.PARTNER, schema.EVENT, schema.RELEASE, schema.PAGE, schema.INITIATIVE,
                                    schema.MARKETPLACE_ENTRY, schema.SITE, schema.VOCABULARIES],
                         ids=["partner", "event", "release", "page", "initiative", "marketplace", "site", "vocabularies"])
def test_every_field_has_a_german_label(fields):
    assert [where for where, spec in _named(fields) if not spec.label] == []
