"""What the browser editor writes passes `build.py check` unchanged.

Sveltia CMS saves a whole data file at once, as YAML without comments: keys in the order of the
configuration's fields (keys it does not know after them), long texts on one line, empty optional
fields left out (`output.omit_empty_optional_fields`), a release's language-neutral fields copied
into every language version (`i18n: duplicate`). These tests rewrite the example site that way.
"""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import EXAMPLE, EXAMPLE_TODAY
from sitegen import schema
from sitegen.admin_config import config
from sitegen.pipeline import check_all


class PlainLoader(yaml.SafeLoader):
    """YAML as the browser editor reads it (YAML 1.2: a date stays text)."""


PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def cms_dump(value) -> str:
    """Return YAML as the browser editor writes it: no comments, block style, texts never folded."""
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False, width=float("inf"))


def ordered(value, fields: list[dict]):
    """Return a record with its keys in the order of the configuration's fields, unknown keys after them, and empty
    optional fields left out."""
    if isinstance(value, list):
        return [ordered(item, fields) for item in value]
    if not isinstance(value, dict):
        return value
    known = {spec["name"]: spec for spec in fields}
    result = {}
    for name, spec in known.items():
        if name not in value:
            continue
        if not spec.get("required", True) and value[name] in ("", [], {}, None):
            continue  # omit_empty_optional_fields
        result[name] = ordered(value[name], spec.get("fields", []))
    return {**result, **{key: item for key, item in value.items() if key not in known}}


def fields_of(cfg: dict, name: str) -> list[dict]:
    """Return the fields of a collection: of its entries, or of the entries of its list file."""
    found = next(c for c in cfg["collections"] if c["name"] == name)
    fields = found["fields"] if "fields" in found else found["files"][0]["fields"]
    return fields[0]["fields"] if len(fields) == 1 and fields[0].get("root") else fields


def rewrite_data(folder, cfg: dict) -> None:
    """Save every data file of a site folder as the browser editor does."""
    for name, path in (("partners", "partners"), ("events", "events"), ("marketplace", "marketplace"),
                       ("initiatives", "initiatives"), ("vocabularies", "vocabularies"), ("settings", "site")):
        file = folder / f"data/{path}.yaml"
        data = yaml.load(file.read_text(), Loader=PlainLoader)
        file.write_text(cms_dump(ordered(data, fields_of(cfg, name))))


def split(text: str) -> tuple[dict, str]:
    """Return a Markdown file's front matter and body."""
    _, front, body = text.split("---\n", 2)
    return yaml.load(front, Loader=PlainLoader), body.lstrip("\n")


def rewrite_texts(folder, cfg: dict) -> None:
    """Save every release and page as the browser editor does, shared release fields copied into the translation."""
    for section, name in (("press", "press"), ("pages", "pages")):
        fields = [spec for spec in fields_of(cfg, name) if spec["name"] != "body"]
        paths = sorted((folder / "content" / section).glob("*.md"))
        german = {path.name.rsplit(".", 2)[0]: split(path.read_text())[0] for path in paths
                  if path.name.endswith(".de.md")}
        for path in paths:
            front, body = split(path.read_text())
            if section == "press" and path.name.endswith(".en.md"):
                shared = german.get(path.name.rsplit(".", 2)[0], {})
                front = {**front, **{key: shared[key] for key in schema.RELEASE_SHARED if key in shared}}
            path.write_text(f"---\n{cms_dump(ordered(front, fields))}---\n\n{body}")


def errors_and_warnings(folder) -> tuple[list[str], set]:
    """Return the errors `build.py check` reports for a site folder, and its warnings without their lines."""
    _, problems = check_all(folder, EXAMPLE_TODAY)
    errors = [problem.format() for problem in problems if not problem.warning]
    return errors, {(problem.path, problem.field, problem.message) for problem in problems if problem.warning}


@pytest.fixture
def copied(tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("schema"))
    return folder


def test_data_files_saved_by_the_cms_pass_check(copied, example_site):
    rewrite_data(copied, config(example_site))
    partners = (copied / "data/partners.yaml").read_text()
    assert "#" not in partners.splitlines()[0] and ">-" not in partners  # no comments, no folded texts
    errors, warnings = errors_and_warnings(copied)
    assert errors == []
    assert warnings == errors_and_warnings(EXAMPLE)[1]


def test_releases_and_pages_saved_by_the_cms_pass_check(copied, example_site):
    rewrite_texts(copied, config(example_site))
    english = (copied / "content/press/2021-12-07-letter-of-intent.en.md").read_text()
    assert "\ndate: '2021-12-07'\n" in english  # copied from the German version
    errors, warnings = errors_and_warnings(copied)
    assert errors == []
    assert warnings == errors_and_warnings(EXAMPLE)[1]


def test_keys_follow_the_configuration_and_empty_optional_fields_are_left_out(example_site):
    partner = {"website": "", "contact": {"phone": "", "email": "info@x.eu", "label": {"en": "Office", "de": "Büro"}},
               "id": "x", "host": None, "logo": None, "unknown": 1}
    written = ordered(partner, fields_of(config(example_site), "partners"))
    assert list(written) == ["id", "contact", "unknown"]
    assert written["contact"] == {"label": {"de": "Büro", "en": "Office"}, "email": "info@x.eu"}


@pytest.mark.parametrize("field, empty", [("host", None), ("website", None), ("logo", None)])
def test_optional_fields_the_cms_keeps_empty_pass_check(copied, field, empty):
    path = copied / "data/partners.yaml"
    partners = yaml.load(path.read_text(), Loader=PlainLoader)
    partners[0] = {**partners[0], field: empty}
    path.write_text(cms_dump(partners))
    assert f"\n  {field}: null\n" in path.read_text()
    assert errors_and_warnings(copied)[0] == []


@pytest.mark.parametrize("field", ["tags", "initiatives", "organisers"])
def test_optional_lists_the_cms_keeps_empty_pass_check(copied, field):
    path = copied / "data/events.yaml"
    events = yaml.load(path.read_text(), Loader=PlainLoader)
    events[0] = {**events[0], field: []}
    path.write_text(cms_dump(events))
    assert f"\n  {field}: []\n" in path.read_text()
    assert errors_and_warnings(copied)[0] == []


def test_the_schema_pointer_line_is_not_needed(copied, example_site):
    """The CMS drops comments, the `$schema` pointer of the YAML language server too: check never reads it."""
    rewrite_data(copied, config(example_site))
    for path in (copied / "data").glob("*.yaml"):
        assert "yaml-language-server" not in path.read_text(), path.name
    assert errors_and_warnings(copied)[0] == []
