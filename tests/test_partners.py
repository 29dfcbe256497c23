"""Partner directory: counts, filters (logic and pre-rendered pages), map markers, cross-links."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import EXAMPLE_TODAY as TODAY
from sitegen.filters import build_facets, select
from sitegen.pages.partners import facet_specs, sorted_partners
from sitegen.pages.published import Published
from sitegen.pipeline import build, check


@pytest.fixture(scope="module")
def sample(example_site):
    """Return what of the example site is published on its today."""
    return Published.of(example_site, TODAY)


@pytest.fixture(scope="module")
def built(example_built):
    """Return the example site built on its today without the search index."""
    return example_built


def ids(partners) -> list[str]:
    """Return partner ids."""
    return sorted(p.id for p in partners)


def test_sixteen_partners_ten_five_one(sample):
    facets = {f.name: {v.key: v.count for v in f.values} for f in build_facets(sorted_partners(sample), facet_specs(sample))}
    assert facets["country"] == {"DE": 10, "AT": 5, "CH": 1}
    assert sum(facets["kind"].values()) == 16


def test_filters_combine_with_and(sample):
    partners, specs = sorted_partners(sample), facet_specs(sample)
    assert ids(select(partners, {"country": "AT", "focus": "orthopaedics"}, specs)) == ["human-technology-styria"]
    assert ids(select(partners, {"region": "DE-BY"}, specs)) == ["forum-medtech-pharma", "medical-valley-emn"]
    assert ids(select(partners, {"country": "CH", "focus": "orthopaedics"}, specs)) == []
    assert len(select(partners, {"colour": "blue"}, specs)) == 16


def test_index_lists_every_partner_grouped_by_country(built):
    page = (built / "de/partners/index.html").read_text()
    assert page.count("data-filter-item") == 16
    assert re.findall(r'<h2 id="country-(\w+)">', page) == ["de", "at", "ch"]
    assert 'data-filter-country="AT" data-filter-region="AT-6" data-filter-focus="ageing-and-care medical-devices orthopaedics pharma" data-filter-kind="member"' in page


@pytest.mark.parametrize("path, expected", [
    ("country/at/", ["human-technology-styria", "life-science-austria", "life-sciences-tirol", "lisavienna",
                     "medizintechnik-cluster-oberoesterreich"]),
    ("region/de-by/", ["forum-medtech-pharma", "medical-valley-emn"]),
    ("focus/orthopaedics/", ["cluster-medizin-nrw", "human-technology-styria", "medical-mountains"]),
    ("kind/member/", None),
])
def test_single_value_pages_list_exactly_the_matching_partners(built, path, expected):
    for lang in ("de", "en"):
        page = (built / lang / "partners" / path / "index.html").read_text()
        found = sorted(re.findall(r'<h3><a href="/dach/%s/partners/([a-z0-9-]+)/">' % lang, page))
        assert found == expected if expected is not None else len(found) == 16
        other = "en" if lang == "de" else "de"
        assert f'href="/dach/{other}/partners/{path}" hreflang="{other}"' in page


def test_every_marker_leads_to_its_partner(built):
    page = (built / "en/partners/index.html").read_text()
    markers = re.findall(r'<a href="/dach/en/partners/([a-z0-9-]+)/" aria-label="([^"]+)" class="marker"', page)
    assert len(markers) == 16
    for partner_id, label in markers:
        partner_page = (built / "en/partners" / partner_id / "index.html").read_text()
        assert label.split(",")[0] in partner_page
    assert (built / "static/map/dach.svg").read_text().count("<path ") == 3
    assert 'href="/dach/static/map/dach.svg"' in (built / "de/partners/medical-mountains/index.html").read_text()


def test_partner_page_lists_exactly_the_releases_and_events_that_name_it(sample, built):
    page = (built / "en/partners/human-technology-styria/index.html").read_text()
    releases = re.findall(r'href="/dach/(?:en|de)/press/([^/]+)/"', page)
    assert releases == ["2026-06-15-website-and-marketplace", "2021-12-07-letter-of-intent"]
    events = re.findall(r'href="/dach/en/events/([^/]+)/"', page)
    assert events == ["styria-partnering-days-2027", "medica-2021"]
    for partner in sample.partners.values():
        expected = sample.releases_involving(partner)
        assert all(any(partner.id in (r.issuer, *r.partners) for r in sample.release_versions(k).values()) for k in expected)


def test_partner_page_structured_data_and_open_graph(built):
    page = (built / "de/partners/lisavienna/index.html").read_text()
    assert '"@type": "Organization"' in page and '"name": "LISAvienna – life science austria Vienna"' in page
    assert '<meta property="og:title" content="LISAvienna – life science austria Vienna">' in page


def test_partner_logo_is_copied_and_shown_with_its_text_alternative(site, tmp_path):
    from support.minimal_site import PARTNERS, picture
    logo = "  logo:\n    file: alpha.png\n    alt: {de: Logo von Alpha, en: Alpha logo}\n"
    source = site({"data/partners.yaml": PARTNERS.replace("  board: true\n", "  board: true\n" + logo),
                   "content/logos/alpha.png": picture(600, 200, "PNG")})
    build(source, tmp_path / "out", TODAY, search=False)
    assert (tmp_path / "out/media/logos/alpha.png").read_bytes().startswith(b"\x89PNG")
    assert '<img class="logo" src="/sub/media/logos/alpha.png" width="600" height="200" alt="Alpha logo">' in (
        tmp_path / "out/en/partners/alpha/index.html").read_text()
    (source / "content/logos/alpha.png").write_bytes(picture(300, 300, "PNG"))  # a new logo, the entry unchanged
    build(source, tmp_path / "out", TODAY, search=False)
    assert 'alpha.png" width="300" height="300" alt="Alpha logo">' in (
        tmp_path / "out/en/partners/alpha/index.html").read_text()
    damaged = site({"data/partners.yaml": PARTNERS.replace("  board: true\n", "  board: true\n" + logo),
                    "content/logos/alpha.png": b"\x89PNG\r\n\x1a\n fake"})
    assert [p.format() for p in check(damaged)[1]] == [
        "data/partners.yaml:11: error: logo.file: 'alpha.png' is not a picture that can be shown (damaged, or of another kind) "
        "(a JPEG, PNG, WebP or GIF file)"]
    missing = site({"data/partners.yaml": PARTNERS.replace("  board: true\n", "  board: true\n" + logo.replace("alpha.png", "beta.png")),
                    "content/logos/alpha.png": None})
    found, problems = check(missing)
    assert [p.format() for p in problems] == [
        "data/partners.yaml:11: error: logo.file: logo 'beta.png' not found (a file content/logos/beta.png)"]
    bitmap = site({"data/partners.yaml": PARTNERS.replace("  board: true\n", "  board: true\n" + logo.replace("alpha.png", "alpha.bmp"))})
    assert [p.format() for p in check(bitmap)[1]] == [
        "data/partners.yaml:11: error: logo.file: file type of 'alpha.bmp' is not allowed (one of .gif, .jpeg, .jpg, .png, .webp)"]
    tiny = site({"data/partners.yaml": PARTNERS.replace("  board: true\n", "  board: true\n" + logo),
                 "content/logos/alpha.png": picture(1, 1, "PNG")})
    found, problems = check(tiny)
    assert found is not None and [p.format() for p in problems] == [
        "data/partners.yaml:11: warning: logo.file: 'alpha.png' is small (1 × 1 pixels): the partner's page shows it at "
        "that size (a logo at least 240 pixels wide (it is shown up to 256 × 96 pixels, sharp on fine screens from 512 "
        "pixels))"]


def test_a_city_with_a_name_per_language_is_named_in_the_page_language_everywhere(built):
    for lang, city, country in (("de", "Wien", "Österreich"), ("en", "Vienna", "Austria")):
        index = (built / lang / "partners/index.html").read_text()
        assert f'aria-label="LISAvienna, {city}" class="marker"' in index
        # the seat and its region have the same name: said once
        assert index.count(f'<p class="meta">{city}</p>') == 2
        partner = (built / lang / "partners/lisavienna/index.html").read_text()
        assert f"<dd>{city}</dd>" in partner and f"<figcaption>{city}, {country}</figcaption>" in partner
        assert f'"addressLocality": "{city}"' in partner
        event = (built / lang / "events/supply-chain-workshop-vienna-2027")
        page = (event / "index.html").read_text()
        assert f"<dd>Haus der Forschung, {city} ({country})</dd>" in page and f'"addressLocality": "{city}"' in page
        ics = (event / "supply-chain-workshop-vienna-2027.ics").read_text()
        assert f"LOCATION:Haus der Forschung\\, {city}\\, {country}" in ics
        assert f"· {city}\n" in (built / lang / "events/index.html").read_text()
    english = (built / "en/partners/index.html").read_text()
    assert '<p class="meta">Nuremberg · Bavaria</p>' in english and "Wien" not in english
    assert '<p class="meta">Hamburg · Hamburg, Schleswig-Holstein</p>' in english


def test_a_partner_lists_its_upcoming_events_soonest_first_then_its_past_ones(built):
    """Newest first, MedtecLIVE (May 2027) stood above the network night (March 2027), and past events above
    upcoming ones could not be told apart."""
    from test_events import event_groups
    assert event_groups((built / "de/partners/medical-valley-emn/index.html").read_text(), "partner-events") == [
        ("partner-events-upcoming", "Kommende Veranstaltungen", ["medical-valley-network-night-2027", "medteclive-2027"])]
    assert event_groups((built / "en/partners/human-technology-styria/index.html").read_text(), "partner-events") == [
        ("partner-events-upcoming", "Upcoming events", ["styria-partnering-days-2027"]),
        ("partner-events-past", "Past events", ["medica-2021"])]


def test_a_partners_events_are_split_at_the_builds_today_also_when_built_again_on_a_later_day(site, tmp_path):
    """Upcoming soonest first (one ending today among them), then past latest first, whatever the order in the file;
    built again a day later with the memory of the first build, the event of that day has passed."""
    from support.minimal_site import EVENTS

    from sitegen.reuse.memory import Memory
    from test_events import event_groups

    def event(name: str, start: str, end: str) -> str:
        return EVENTS.replace("fair-2027", name).replace("2027-11-15", start).replace("2027-11-18", end)

    events = (event("long-ago", "2019-03-04", "2019-03-05") + event("late", "2028-01-10", "2028-01-11")
              + event("recent", "2026-05-04", "2026-05-05") + event("today", "2026-11-20", "2026-11-23")
              + event("soon", "2026-12-01", "2026-12-02"))
    source, out, memory = site({"data/events.yaml": events}), tmp_path / "out", Memory()
    build(source, out, TODAY, search=False, memory=memory, in_place=True)
    assert event_groups((out / "en/partners/alpha/index.html").read_text(), "partner-events") == [
        ("partner-events-upcoming", "Upcoming events", ["today", "soon", "late"]),
        ("partner-events-past", "Past events", ["recent", "long-ago"])]
    build(source, out, TODAY + dt.timedelta(days=1), search=False, memory=memory, in_place=True)
    assert event_groups((out / "de/partners/alpha/index.html").read_text(), "partner-events") == [
        ("partner-events-upcoming", "Kommende Veranstaltungen", ["soon", "late"]),
        ("partner-events-past", "Vergangene Veranstaltungen", ["today", "recent", "long-ago"])]
    assert "Vergangene" not in (out / "de/partners/beta/index.html").read_text()  # no events: no headings
    assert "Noch keine Veranstaltungen." in (out / "de/partners/beta/index.html").read_text()
