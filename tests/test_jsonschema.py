"""The JSON Schema files for editors come from the one schema definition and follow the data's vocabularies."""
from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import EXAMPLE, ROOT, run_cli
from sitegen.jsonschema_export import export
from support.minimal_site import VOCABULARIES


class PlainLoader(yaml.SafeLoader):
    """YAML as the YAML language server reads it: dates stay text."""


PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def exported(site, name: str) -> dict:
    """Return the JSON Schema of one data file as `build.py schema` writes it (schema/ is generated, not in git)."""
    return json.loads(export(site)[f"{name}.schema.json"])


@pytest.mark.parametrize("name", ["site", "vocabularies", "partners", "events", "initiatives", "marketplace"])
def test_example_data_is_valid_against_its_schema(name, example_site):
    document = exported(example_site, name)
    data = yaml.load((EXAMPLE / "data" / f"{name}.yaml").read_text(), Loader=PlainLoader)
    jsonschema.validate(data, document, cls=jsonschema.Draft202012Validator)


def test_yaml_files_point_the_language_server_at_their_schema():
    for name in ("site", "vocabularies", "partners", "events", "initiatives", "marketplace"):
        first = (EXAMPLE / "data" / f"{name}.yaml").read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


def test_schema_catches_a_typo_and_an_unknown_focus_area(example_site):
    document = exported(example_site, "partners")
    partners = yaml.load((EXAMPLE / "data/partners.yaml").read_text(), Loader=PlainLoader)
    partners[0]["contry"] = partners[0].pop("country")
    partners[1]["focus_areas"] = ["robotics"]
    errors = sorted(e.message for e in jsonschema.Draft202012Validator(document).iter_errors(partners))
    assert "'country' is a required property" in errors
    assert any("'contry' was unexpected" in e for e in errors)
    assert any("'robotics' is not one of" in e for e in errors)


def test_schema_takes_a_city_once_or_once_per_language(example_site):
    document = exported(example_site, "partners")
    partner = yaml.load((EXAMPLE / "data/partners.yaml").read_text(), Loader=PlainLoader)[0]
    validator = jsonschema.Draft202012Validator(document)
    for city, valid in (("Graz", True), ({"de": "Wien", "en": "Vienna"}, True), ({"de": "Wien"}, False),
                        ({"de": "Wien", "fr": "Vienne", "en": "Vienna"}, False), ("", False), (["Graz"], False)):
        assert validator.is_valid([{**partner, "city": city}]) is valid, city


def test_a_new_vocabulary_entry_reaches_the_schema_without_a_manual_step(site, tmp_path):
    source = site({"data/vocabularies.yaml": VOCABULARIES.replace(
        "focus_areas:\n", "focus_areas:\n  robotics: {de: Robotik, en: Robotics}\n")})
    result = run_cli("schema", "--source", str(source))
    assert result.returncode == 0, result.stderr
    document = json.loads((source / "schema/partners.schema.json").read_text())
    enum = document["items"]["properties"]["focus_areas"]["items"]["enum"]
    assert enum == ["imaging", "orthopaedics", "robotics"]
    makefile = (ROOT / "Makefile").read_text()
    assert "build.py schema" in makefile.split("check:")[1].split("\n\n")[0]
