"""The built site in a real browser, as visitors use it: every page type, phone width, keyboard, journeys."""
from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.browser import Watch

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def first(root: Path, lang: str, section: str) -> str:
    """Return the path of the first detail page of a section (so the list adapts to the data)."""
    folder = sorted(p for p in (root / lang / section).iterdir() if (p / "index.html").is_file()
                    and p.name not in ("page", "tags", "country", "focus", "region", "kind", "type", "category"))[0]
    return f"{lang}/{section}/{folder.name}/"


def page_types(root: Path) -> list[str]:
    """Return one path per page type and language, plus the language chooser and the 404 page."""
    paths = ["", "404.html"]
    for lang in ("de", "en"):
        paths += [f"{lang}/", f"{lang}/partners/", first(root, lang, "partners"), f"{lang}/press/",
                  first(root, lang, "press"), f"{lang}/events/", first(root, lang, "events"),
                  f"{lang}/marketplace/", first(root, lang, "marketplace"), f"{lang}/initiatives/",
                  first(root, lang, "initiatives"), f"{lang}/about/", f"{lang}/contact/", f"{lang}/imprint/",
                  f"{lang}/privacy/", f"{lang}/accessibility/"]
    return paths


@pytest.fixture(scope="module")
def context(browser, built_site):
    """Return a desktop browser context."""
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def visit(context, built_site, path: str):
    """Open a page, watching for errors; return (page, watch)."""
    page = context.new_page()
    watch = Watch(built_site.host)
    watch.attach(page)
    page.goto(built_site.url(path), wait_until="load")
    return page, watch


def serious(violations: list[dict]) -> list[str]:
    """Return readable serious and critical axe violations."""
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in violations if v.get("impact") in ("serious", "critical")]


def test_every_page_type_loads_cleanly_and_passes_axe(context, built_site):
    axe = Axe()
    problems = []
    for path in page_types(built_site.root):
        page, watch = visit(context, built_site, path)
        if path == "404.html":
            watch.errors = [e for e in watch.errors if "HTTP 404" not in e]
        found = serious(axe.run(page).response["violations"])
        problems += [f"{path}: {item}" for item in watch.errors + found]
        page.close()
    assert problems == []


def test_missing_page_shows_the_bilingual_404_with_working_links(context, built_site):
    page = context.new_page()
    response = page.goto(built_site.url("de/partners/nowhere/deeper/"))
    assert response.status == 404
    assert "Seite nicht gefunden" in page.content()
    page.click("text=To the home page")
    assert page.url == built_site.url("en/")
    page.close()


def test_phone_width_never_scrolls_sideways_and_navigation_is_reachable(browser, built_site):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    problems = []
    for path in page_types(built_site.root):
        page = context.new_page()
        page.goto(built_site.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{path}: scrollWidth {width}")
        for link in page.locator("nav.main-nav a").all():
            if not link.is_visible():
                problems.append(f"{path}: navigation link {link.inner_text()} hidden")
        page.close()
    context.close()
    assert problems == []


def test_skip_link_is_first_and_moves_focus_to_main(context, built_site):
    page, _ = visit(context, built_site, "de/partners/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_language_switch_lands_on_the_same_page(context, built_site):
    path = first(built_site.root, "de", "partners")
    page, watch = visit(context, built_site, path)
    page.click("[data-testid=lang-switch]")
    assert page.url == built_site.url(path.replace("de/", "en/", 1))
    assert page.locator("html").get_attribute("lang") == "en"
    assert watch.errors == []
    page.close()


def test_open_a_release_and_its_translation(context, built_site):
    page, watch = visit(context, built_site, "de/press/")
    page.click("text=Medizintechnik-Cluster aus Deutschland, Österreich und der Schweiz gründen Allianz")
    assert page.url.endswith("/de/press/2021-12-07-letter-of-intent/")
    page.click("p.translation a")
    assert page.url.endswith("/en/press/2021-12-07-letter-of-intent/")
    assert "form an alliance" in page.locator("h1").inner_text()
    english_index, _ = visit(context, built_site, "en/press/")
    english_index.click("text=biosaxony gründet Sektion Medizintechnik")
    assert english_index.url.endswith("/de/press/2016-07-13-biosaxony-sektion-medizintechnik/")
    assert watch.errors == []
    page.close()
    english_index.close()


def test_screenshots_of_the_home_page(browser, built_site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", DESKTOP), ("mobile", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for lang in ("de", "en"):
            page.goto(built_site.url(f"{lang}/"))
            target = ARTIFACTS / f"home-{lang}-{name}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
        context.close()


@pytest.mark.parametrize("lang, term, result", [("de", "Tuttlingen", "MedicalMountains GmbH"),
                                                ("en", "Styria", "Human.technology Styria GmbH")])
def test_search_finds_a_partner_in_each_language_and_opens_it(context, built_site, lang, term, result):
    page, watch = visit(context, built_site, f"{lang}/")
    page.fill("#site-search", term)
    page.press("#site-search", "Enter")
    page.wait_for_url(f"**/{lang}/search/?q={term}")
    link = page.locator(".results a", has_text=result).first
    link.wait_for(timeout=15000)
    hrefs = page.locator(".results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(f"/{lang}/" in href for href in hrefs), hrefs
    link.click()
    assert page.locator("h1").inner_text() == result
    assert watch.errors == []
    page.close()


def test_search_page_without_javascript_lists_every_page_by_section(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(built_site.url("en/search/"))
    index = page.locator("[data-site-index]")
    assert index.locator("a", has_text="LISAvienna – life science austria Vienna").count() == 1
    assert index.locator("h3").all_inner_texts()[:3] == ["Partners", "Marketplace", "Press releases"]
    context.close()


def visible_partners(page) -> list[str]:
    """Return the short names of the partner cards currently shown."""
    return sorted(page.locator("li.partner:visible h3").all_inner_texts())


def test_partner_filters_combine_instantly_and_live_in_the_url(context, built_site):
    page, watch = visit(context, built_site, "en/partners/")
    assert len(visible_partners(page)) == 16
    page.select_option("select[name=country]", "AT")
    assert len(visible_partners(page)) == 5
    page.select_option("select[name=focus]", "orthopaedics")
    assert visible_partners(page) == ["Human.technology Styria"]
    assert page.url.endswith("/en/partners/?country=AT&focus=orthopaedics")
    assert page.locator("[data-filter-status]").inner_text() == "1 shown"
    assert page.locator("a.marker:not([visibility=hidden])").count() == 1
    shared, _ = visit(context, built_site, "en/partners/?region=DE-BY&focus=unknown-value&colour=blue")
    assert visible_partners(shared) == ["Forum MedTech Pharma", "Medical Valley EMN"]
    assert watch.errors == []
    page.close()
    shared.close()


def test_partner_filters_without_javascript_use_pre_rendered_pages(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(built_site.url("de/partners/"))
    assert len(visible_partners(page)) == 16
    assert not page.locator("[data-filter-form]").is_visible()
    page.click("summary")
    page.click("a[href$='/de/partners/country/ch/']")
    assert visible_partners(page) == ["Health Tech Cluster Switzerland"]
    assert page.locator("h1").inner_text() == "Partner: Schweiz"
    context.close()


def test_following_a_map_marker_opens_the_partner(context, built_site):
    page, watch = visit(context, built_site, "de/partners/")
    page.locator("a.marker[aria-label='MedicalMountains, Tuttlingen']").click()
    assert page.url == built_site.url("de/partners/medical-mountains/")
    assert page.locator("h1").inner_text() == "MedicalMountains GmbH"
    assert watch.errors == []
    page.close()


def test_paging_through_the_month_view(context, built_site):
    page, watch = visit(context, built_site, "en/events/")
    page.click("text=Month view")
    assert page.locator("table.month caption").inner_text() == "November 2026"
    page.click("a[rel=next]")
    assert page.locator("table.month caption").inner_text() == "January 2027"
    page.click("a[rel=prev]")
    page.click("a[rel=prev]")
    assert page.locator("table.month caption").inner_text() == "November 2021"
    assert page.locator("table.month a", has_text="MEDICA 2021").count() == 4
    assert watch.errors == []
    page.close()


def test_ended_events_leave_upcoming_by_the_visitors_clock(browser, built_site):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time("2027-02-11T12:00:00Z")
    page.goto(built_site.url("en/events/"))
    upcoming = page.locator("[data-upcoming] h3").all_inner_texts()
    past = page.locator("[data-past] h3").all_inner_texts()
    assert "Webinar: entering the Swiss market with medical devices" in past[:4]
    assert not any("Swiss market" in title or "looking back on MEDICA" in title for title in upcoming)
    assert upcoming[0] == "Northern network meeting"
    context.close()


def test_event_filters_work_instantly(context, built_site):
    page, watch = visit(context, built_site, "de/events/?kind=trade-fair")
    shown = page.locator("li.event:visible h3").all_inner_texts()
    assert shown and all(title.startswith(("MEDICA", "MedtecLIVE")) for title in shown)
    page.select_option("select[name=country]", "AT")
    assert page.locator("li.event:visible").count() == 0
    assert watch.errors == []
    page.close()


def test_marketplace_filters_with_and_without_javascript(browser, context, built_site):
    page, watch = visit(context, built_site, "en/marketplace/?type=request&country=AT")
    assert sorted(page.locator("li.entry:visible h3").all_inner_texts()) == [
        "Developing reusable sterile packaging together", "Seed investor sought for a digital health application"]
    assert watch.errors == []
    page.close()
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(built_site.url("de/marketplace/country/ch/"))
    assert page.locator("li.entry h3").all_inner_texts() == ["Vertriebspartner für den Schweizer Markt"]
    plain.close()
