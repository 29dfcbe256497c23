"""The browser editor's files: the pins agree, and the prepared bundle asks no other server for what it needs.

(The built /admin/ in Chromium: tests/quality/test_admin.py.)
"""
from __future__ import annotations

import json
import re

import pytest

from sitegen import admin_assets
from sitegen.admin_assets import ASSETS, FONTS, NODE_MODULES, SVELTIA, VENDOR, NotInstalled, prepare, rewrite

PACKAGE = admin_assets.PROJECT / "tools" / "cms"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """Return admin/'s files prepared from the installed packages into a folder of the test's own."""
    if admin_assets.installed_version("@sveltia/cms") is None:
        pytest.fail(f"{NODE_MODULES} is missing: run `bash tools/cms/install.sh` (make build does)", pytrace=False)
    target = tmp_path_factory.mktemp("cms") / "admin"
    prepare(NODE_MODULES, target)
    return target


def test_package_json_and_its_lock_pin_exactly_the_versions_the_code_rewrites():
    wanted = {"@sveltia/cms": SVELTIA, **{font.package: font.version for font in FONTS}}
    assert json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["dependencies"] == wanted
    locked = json.loads((PACKAGE / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert {name: locked[f"node_modules/{name}"]["version"] for name in wanted} == wanted


def test_the_prepared_bundle_names_no_cdn_and_every_file_it_asks_for_is_there(prepared):
    bundle = (prepared / "sveltia-cms.js").read_text(encoding="utf-8")
    assert not re.search(r"unpkg\.com|jsdelivr|githubstatus\.com/api", bundle)
    for font in FONTS:
        assert f"url(./{VENDOR}fonts/{font.file})" in bundle
        assert (prepared / VENDOR / "fonts" / font.file).stat().st_size > 1000
    # The interface texts: the bundle fetches `${base}@${version}/locales/${locale}.json`, base the rewritten unpkg.
    assert f"`./{VENDOR}@sveltia/cms`" in bundle and f"`{SVELTIA}`" in bundle
    german = json.loads((prepared / VENDOR / f"@sveltia/cms@{SVELTIA}/locales/de.json").read_text(encoding="utf-8"))
    assert german["save"] == "Speichern"
    # The update check finds the pinned version; the status check an answer that shows no banner.
    assert json.loads((prepared / admin_assets.UPDATE_ANSWER).read_text(encoding="utf-8"))["version"] == SVELTIA
    assert f"./{admin_assets.STATUS_ANSWER}" in bundle
    assert sorted(path.relative_to(prepared).as_posix() for path in prepared.rglob("*") if path.is_file()) \
        == sorted(ASSETS)


def test_a_bundle_of_another_version_is_refused_with_what_to_look_at():
    bundle = " ".join(font.url for font in FONTS) + f" {admin_assets.GITHUB_STATUS} https://unpkg.com/x"
    assert "./vendor/x" in rewrite(bundle)
    with pytest.raises(NotInstalled, match=r"names https://cdn\.jsdelivr\.net/fontsource/fonts/noto-mono@5\.3\.0/"
                                           r"latin-400-normal\.woff2 0 times, not once: update FONTS"):
        rewrite(bundle.replace(FONTS[1].url, ""))
    with pytest.raises(NotInstalled, match=r"still names https://cdn\.jsdelivr\.net/fontsource/fonts/new@6/a\.woff2"):
        rewrite(bundle + " url(https://cdn.jsdelivr.net/fontsource/fonts/new@6/a.woff2)")


def test_packages_of_another_version_are_refused_with_the_command_that_installs_the_pinned_ones(tmp_path):
    modules = tmp_path / "node_modules"
    (modules / "@sveltia" / "cms").mkdir(parents=True)
    (modules / "@sveltia" / "cms" / "package.json").write_text('{"version": "0.1.0"}', encoding="utf-8")
    with pytest.raises(NotInstalled) as refused:
        prepare(modules, tmp_path / "admin")
    assert f"@sveltia/cms@{SVELTIA} (found 0.1.0)" in str(refused.value)
    assert "run `bash tools/cms/install.sh` (make build does)" in str(refused.value)
    assert not (tmp_path / "admin").exists()
