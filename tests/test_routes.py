"""The route table: templates spell no address by hand, every page of the site model is where `url_for` says, and a
kind without a rule is a clear error; the one locale table is what the pages say of their languages."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath

import pytest

from conftest import EXAMPLE_TODAY, ROOT
from sitegen.geo import load_outlines
from sitegen.localize import LANGUAGES
from sitegen.pages import build_pages
from sitegen.routes import ROUTES, UnknownRoute, linker, url_for
from sitegen.schema import REQUIRED_PAGES

TEMPLATES = ROOT / "templates"
CONCATENATED = re.compile(r"""~\s*(['"])/|/(['"])\s*~""")
"""A path built in a template by joining strings at a slash: `lang ~ '/partners/'`, `'press/files/' ~ key`."""
SPELLED = re.compile(r"""\b(?:abs_)?url\(\s*(['"])[a-z]{2}/""")
"""A language's address written out: `url('de/imprint/')`."""


def hand_spelled(root: Path) -> list[str]:
    """Return 'file:line: text' of every address a template under `root` builds or spells by hand."""
    found = []
    for template in sorted(root.rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            if CONCATENATED.search(line) or SPELLED.search(line):
                found.append(f"{template.relative_to(root.parent)}:{number}: {line.strip()}")
    return found


def test_no_template_builds_an_address_by_hand():
    assert hand_spelled(TEMPLATES) == [], "use url_for(kind, key, lang) (sitegen/routes.py) instead"


def test_the_search_for_hand_built_addresses_finds_each_form(tmp_path):
    folder = tmp_path / "templates"
    (folder / "partials").mkdir(parents=True)
    (folder / "a.html").write_text("<a href=\"{{ url(lang ~ '/partners/' ~ id ~ '/') }}\">\n"
                                   "<a href=\"{{ url_for('partner', id, lang) }}\">\n")
    (folder / "partials/b.html").write_text("{{ abs_url(lang ~ \"/\") }}\n{{ url('press/files/' ~ key) }}\n"
                                            "{{ url('en/imprint/') }}\n{{ url('static/css/site.css') }}\n")
    assert [entry.split(": ", 1)[0] for entry in hand_spelled(folder)] == [
        "templates/a.html:1", "templates/partials/b.html:1", "templates/partials/b.html:2",
        "templates/partials/b.html:3"]


FILE_KINDS = ("press-file", "press-picture", "page-file", "page-picture", "admin-file")
"""Kinds of files published under their own names in a folder that is an address of the table."""


def _facet_slug(page, current: tuple[str, str]) -> tuple[str, str]:
    facet = next(facet for facet in page.data["facets"] if facet.name == current[0])
    return facet.name, next(value.slug for value in facet.values if value.key == current[1])


def route_of(page, sitemaps: list) -> tuple[str, object, int]:
    """Return the route, key and page number a page of the model should be at, read from what it shows."""
    data, kind = page.data, page.kind
    number = data["pager"]["number"] if "pager" in data else 1
    keys = {"partner": lambda: data["partner"].id, "event": lambda: data["event"].id,
            "event-ics": lambda: data["events"][0].id, "release": lambda: data["release"].key,
            "marketplace-entry": lambda: data["entry"].id, "initiative": lambda: data["initiative"].id,
            "event-month": lambda: data["month"], "press-tag": lambda: data["tag"],
            "logo": lambda: PurePosixPath(data["source"]).name, "sitemap": lambda: sitemaps.index(page) + 1}
    if kind.endswith("-filter"):
        return kind, _facet_slug(page, data["filter_current"]), number
    if kind in REQUIRED_PAGES or kind == "page":
        return "page", data["page"].key, number
    return kind, keys[kind]() if kind in keys else None, number


@pytest.fixture(scope="module")
def model(example_site):
    return build_pages(example_site, EXAMPLE_TODAY, load_outlines(ROOT / "data/geo/dach-outlines.json"))


def test_every_page_of_the_example_site_is_where_url_for_says(model):
    sitemaps = [page for page in model if page.kind == "sitemap"]
    checked = set()
    for page in model:
        if page.kind in FILE_KINDS:
            continue
        route, key, number = route_of(page, sitemaps)
        assert page.address.path == url_for(route, key, page.lang, number), (page.kind, key, page.lang)
        checked.add(route)
    assert "page" in checked and "partner-filter" in checked and "event-month" in checked
    assert {page.kind for page in model if page.kind not in FILE_KINDS} - set(ROUTES) <= set(REQUIRED_PAGES)


def test_files_beside_a_text_are_in_a_folder_of_the_table(model):
    folders = {url_for("release-files", page.data["release"].key) for page in model if page.kind == "release"}
    folders |= {url_for("page-files", page.data["page"].key) for page in model if "page" in page.data}
    folders |= {page.address.path for page in model if page.address.path.endswith("/")}
    files = [page for page in model if page.kind in FILE_KINDS]
    assert files  # the example site has a press kit and a picture
    for page in files:
        if page.kind == "admin-file":  # the browser editor's files: a tree of their own under its folder
            assert page.address.path.startswith(url_for("admin")), page.address.path
        else:
            assert page.address.path.rsplit("/", 1)[0] + "/" in folders, page.address.path


def test_url_for_spells_each_kind_of_address():
    assert url_for("home", lang="de") == "de/"
    assert url_for("chooser") == ""
    assert url_for("page", "imprint", "en") == "en/imprint/"
    assert url_for("partner-filter", ("region", "de-bw"), "de") == "de/partners/region/de-bw/"
    assert url_for("press-index", lang="en", number=3) == "en/press/page/3/"
    assert url_for("press-tag", "medica", "de", 2) == "de/press/tags/medica/page/2/"
    assert url_for("event-month", dt.date(2026, 11, 23), "de") == "de/events/2026-11/"
    assert url_for("event-ics", "medica-2026", "en") == "en/events/medica-2026/medica-2026.ics"
    assert url_for("release-files", "2021-12-07-letter-of-intent") == "press/files/2021-12-07-letter-of-intent/"


def test_templates_get_urls_under_the_base_path():
    link = linker("https://example.org/sub/", "/sub/")
    assert link("partner", "biopro", "de") == "/sub/de/partners/biopro/"
    assert link("press-feed", lang="en", absolute=True) == "https://example.org/sub/en/press/feed.xml"
    assert link("chooser") == "/sub/"


def test_an_unknown_kind_is_a_clear_error():
    with pytest.raises(UnknownRoute, match=r"no address rule for the kind 'partners' \(known kinds: .*partner-index"):
        url_for("partners", "biopro", "de")


@pytest.mark.parametrize("call, message", [
    (lambda: url_for("partner", lang="de"), "the 'partner' address needs a key (which item's)"),
    (lambda: url_for("partner", "biopro"), "the 'partner' address needs a language"),
    (lambda: url_for("event-index", lang="de", number=2), "the 'event-index' address has no page 2"),
])
def test_a_route_asked_without_what_it_needs_is_a_clear_error(call, message):
    with pytest.raises(UnknownRoute, match=re.escape(message)):
        call()


def test_pages_say_their_locale_and_the_other_language_s_name_from_the_locale_table(example_built):
    for code, other in (("de", "en"), ("en", "de")):
        html = (example_built / code / "index.html").read_text(encoding="utf-8")
        assert f'<meta property="og:locale" content="{LANGUAGES[code].locale}">' in html
        assert re.search(rf'hreflang="{other}" lang="{other}" data-testid="lang-switch">{LANGUAGES[other].name}</a>',
                         html)
