"""The built site in a real browser, as visitors use it: every page type, phone width, keyboard, journeys.

One Chromium per session. Each page type (support/pagetypes.py: found by walking the output) is opened
once at desktop size (console, requests, axe, skip link) and once at phone size (width, navigation); the
tests below read those findings. Those marked `gate` hold for any valid content and decide publishing.
Journeys that rely on the example site's content take the `served_example` fixture (skipped on any
other site).
"""
from __future__ import annotations

import gzip
import json
import re
import struct
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from support.browser import Watch
from support.pagetypes import one_of_each, shape, translated_pairs

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("quality-browser")]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
LANGS = ("de", "en")
LANG_SWITCH = "[data-testid=lang-switch], nav.lang a[hreflang]"
MAIN_NAV_JS = ("document.querySelector('nav.main-nav') || [...document.querySelectorAll('header nav')]"
               ".find(nav => !nav.matches('.lang, [data-testid=lang-nav]'))")


def translated_release(built_site) -> str:
    """Return the address (after de/press/) of a release in both languages; skip on a site other than the example
    when it has none."""
    for german, _ in translated_pairs(built_site.root):
        if shape(built_site.root, built_site.root / german / "index.html") == "de/press/<item>/":
            return german.removeprefix("de/press/").strip("/")
    if not built_site.example:
        pytest.skip("the site has no release in both languages")
    raise AssertionError("the example site has no release in both languages")


def show(problems: list[str], limit: int = 60) -> str:
    """Return problems one a line, for assertion messages."""
    more = f"\n… and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:limit]) + more


def axe_findings(violations: list[dict]) -> list[str]:
    """Return readable serious and critical axe violations, with the elements concerned."""
    found = []
    for violation in violations:
        if violation.get("impact") not in ("serious", "critical"):
            continue
        nodes = violation.get("nodes", [])
        targets = ", ".join(" ".join(map(str, node.get("target", []))) for node in nodes[:4])
        summary = (nodes[0].get("failureSummary") or "").replace("\n", " ") if nodes else ""
        found.append(f"axe {violation['id']} ({violation['impact']}, {len(nodes)}×): {violation['help']} — "
                     f"{targets}{' …' if len(nodes) > 4 else ''} — {summary[:200]} [{violation.get('helpUrl', '')}]")
    return found


SKIP_LINK_JS = """() => {
  const el = document.activeElement, main = document.querySelector('main');
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, href: el.getAttribute('href'), text: (el.textContent || '').trim().slice(0, 60),
          inMain: !!(main && main.contains(el)), mainId: main ? main.id : null,
          visible: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0 && box.top < innerHeight};
}"""


def skip_link_problems(page) -> list[str]:
    """Tab once: the first focusable element must be a visible skip link to main, and following it must focus main."""
    page.keyboard.press("Tab")
    info = page.evaluate(SKIP_LINK_JS)
    if info["mainId"] is None:
        return ["no <main> element"]
    if info["inMain"]:
        return []  # nothing to bypass before the content (language chooser, 404 page)
    if info["tag"] != "A" or not info["mainId"] or info["href"] != f"#{info['mainId']}":
        return [f"first focusable element is <{info['tag'].lower()} href={info['href']!r}> "
                f"'{info['text']}', not a skip link to #{info['mainId'] or '(main has no id)'}"]
    problems = [] if info["visible"] else ["skip link is not visible when focused"]
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement === document.querySelector('main')")
    if not focused:
        tag = page.evaluate("document.activeElement.tagName.toLowerCase()")
        problems.append(f"following the skip link focuses <{tag}>, not <main> (give main tabindex=-1)")
    return problems


@pytest.fixture(scope="module")
def paths(built_site) -> list[str]:
    """Return the page paths to open: one of each page type of the built site."""
    return one_of_each(built_site.root)


@pytest.fixture(scope="module")
def desktop(browser, built_site, paths) -> dict[str, dict[str, list[str]]]:
    """Open every page type once at desktop size; return {path: {'load': [...], 'axe': [...], 'skip': [...]}}."""
    context = browser.new_context(viewport=DESKTOP)
    axe = Axe()
    findings = {}
    for path in paths:
        page = context.new_page()
        watch = Watch(built_site.host).attach(page)
        found = {"load": [], "axe": [], "skip": []}
        try:
            response = page.goto(built_site.url(path), wait_until="load")
            if not (response and response.ok):
                found["load"].append(f"HTTP {response.status if response else 'no response'}")
            found["axe"] = axe_findings(axe.run(page).response["violations"])
            found["skip"] = skip_link_problems(page)
        except PlaywrightError as error:
            found["load"].append(f"browser error: {str(error).splitlines()[0]}")
        found["load"] += list(dict.fromkeys(watch.errors))
        findings[path] = found
        page.close()
    context.close()
    return findings


def collect(findings: dict[str, dict[str, list[str]]], kind: str) -> list[str]:
    """Return 'path: problem' lines of one kind."""
    return [f"/{path}: {problem}" for path, found in findings.items() for problem in found[kind]]


@pytest.mark.gate
def test_every_page_type_loads_without_console_errors_failed_or_off_site_requests(desktop):
    problems = collect(desktop, "load")
    assert not problems, show(problems)


@pytest.mark.gate
def test_every_page_type_has_no_serious_or_critical_axe_violations(desktop):
    problems = collect(desktop, "axe")
    assert not problems, show(problems)


@pytest.mark.gate
def test_skip_link_is_the_first_focusable_element_and_moves_focus_to_main(desktop):
    problems = collect(desktop, "skip")
    assert not problems, show(problems)


NAV_JS = """() => {
  const nav = MAIN_NAV;
  if (!nav) return null;
  const scrolls = el => { for (let e = el.parentElement; e && e !== nav.parentElement; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  return [...nav.querySelectorAll('a[href]')].map(a => {
    const box = a.getBoundingClientRect();
    const shown = a.checkVisibility({visibilityProperty: true, opacityProperty: true}) && box.width > 1 && box.height > 1;
    const inside = box.left >= -1 && box.right <= innerWidth + 1;
    return {text: a.textContent.trim(), shown, reachable: shown && (inside || scrolls(a))};
  });
}""".replace("MAIN_NAV", MAIN_NAV_JS)
MENU_BUTTON = ("header button[aria-controls], header button[aria-expanded], header [data-testid=menu-button], "
               "header summary")


def navigation_problems(page) -> list[str]:
    """Return why main navigation links are neither visible nor reachable through a menu button."""
    links = page.evaluate(NAV_JS)
    if links is None or not links:
        return ["no main navigation (nav.main-nav or a nav in the header) with links"]
    if all(link["reachable"] for link in links):
        return []
    button = page.locator(MENU_BUTTON).first
    if button.count() and button.is_visible():
        button.click()
        links = page.evaluate(NAV_JS)
    return [f"navigation link '{link['text']}' is {'off screen' if link['shown'] else 'hidden'}"
            for link in links if not link["reachable"]]


@pytest.fixture(scope="module")
def phone(browser, built_site, paths) -> dict[str, dict[str, list[str]]]:
    """Open every page type once at 375 px; return {path: {'width': [...], 'nav': [...]}}."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    findings = {}
    page = context.new_page()  # one tab for all: nothing is watched here, only measured
    for path in paths:
        found = {"width": [], "nav": []}
        try:
            page.goto(built_site.url(path), wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                found["width"].append(f"scrollWidth {width} px > {PHONE['width']} px")
            if path.startswith(LANGS):
                found["nav"] = navigation_problems(page)
        except PlaywrightError as error:
            found["width"].append(f"browser error: {str(error).splitlines()[0]}")
        findings[path] = found
    context.close()
    return findings


def test_phone_width_never_scrolls_sideways(phone):
    problems = collect(phone, "width")
    assert not problems, show(problems)


def test_phone_width_keeps_the_main_navigation_reachable(phone):
    problems = collect(phone, "nav")
    assert not problems, show(problems)


@pytest.fixture(scope="module")
def context(browser, built_site):
    """Return a desktop browser context for the journeys."""
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def visit(context, built_site, path: str):
    """Open a page, watching for errors; return (page, watch)."""
    page = context.new_page()
    watch = Watch(built_site.host).attach(page)
    page.goto(built_site.url(path), wait_until="load")
    return page, watch


FIRST_NAV_TEXT_LEFT = f"""() => {{
  const range = document.createRange();
  range.selectNodeContents(({MAIN_NAV_JS}).querySelector('a'));
  return range.getBoundingClientRect().left;
}}"""


def test_the_main_navigation_lines_up_with_the_page(browser, built_site):
    """The first link's text starts where the heading does, at desktop and phone size (it sat at the window's edge)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(built_site.url("en/partners/"))
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        menu = page.locator(MENU_BUTTON).first
        if menu.count() and menu.is_visible():  # a phone's menu shows the navigation when opened
            menu.click()
        heading = page.locator("main h1").bounding_box()["x"]
        assert abs(page.evaluate(FIRST_NAV_TEXT_LEFT) - heading) <= 1, size
    context.close()


def test_the_partner_counts_stand_side_by_side_on_a_phone(browser, served_example):
    """One under the other, the three small boxes took three times the height they need."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(served_example.url("de/"))
    tops = page.locator(".counts a").evaluate_all("links => links.map(a => a.getBoundingClientRect().top)")
    assert len(tops) == 3 and len(set(tops)) == 1, tops
    context.close()


def test_a_phone_loads_the_release_picture_s_smaller_copy_lined_up_with_the_text(browser, served_example):
    """A phone fetches the 480-pixel copy, not the original; the picture starts where the text does."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, device_scale_factor=1)
    page = context.new_page()
    page.goto(served_example.url("en/press/2021-12-07-letter-of-intent/"), wait_until="load")
    picture = page.locator(".release-image img")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert picture.evaluate("img => img.currentSrc").endswith("/2021-12-07-signing-480w.jpg")
    assert abs(picture.bounding_box()["x"] - page.locator(".prose p").first.bounding_box()["x"]) <= 1
    context.close()


@pytest.mark.gate
def test_missing_page_answers_404_with_the_sites_page_and_working_links(context, built_site):
    missing = built_site.url("de/partners/nowhere/deeper/")
    page = context.new_page()
    watch = Watch(built_site.host, expected={missing}).attach(page)
    response = page.goto(missing)
    assert response.status == 404
    expected_title = re.search(r"<title>(.*?)</title>", (built_site.root / "404.html").read_text(encoding="utf-8"), re.S)
    assert expected_title and page.title() == re.sub(r"\s+", " ", expected_title.group(1)).strip()
    page.click("main a[hreflang=en]")
    page.wait_for_load_state()
    assert page.url == built_site.url("en/")
    assert [error for error in watch.errors if "404" not in error] == []
    page.close()


def test_language_switch_lands_on_the_same_page_in_the_other_language(context, built_site):
    problems = []
    page = context.new_page()
    watch = Watch(built_site.host).attach(page)
    pairs = translated_pairs(built_site.root)  # each page type's first page that has a translation
    for source, target in pairs + [(english, german) for german, english in pairs[:3]]:
        seen = len(watch.errors)
        page.goto(built_site.url(source))
        switch = page.locator(LANG_SWITCH).first
        if not switch.count():
            problems.append(f"/{source}: no language switch ({LANG_SWITCH})")
            continue
        switch.click()
        page.wait_for_load_state()
        lang = page.locator("html").get_attribute("lang")
        if page.url != built_site.url(target) or lang != target[:2]:
            problems.append(f"/{source}: switch led to {page.url} (lang {lang}), expected /{target}")
        problems += [f"/{source} → /{target}: {error}" for error in dict.fromkeys(watch.errors[seen:])]
    page.close()
    assert not problems, show(problems)


def test_open_a_release_from_the_press_index_and_then_its_translation(context, built_site):
    key = translated_release(built_site)
    page, watch = visit(context, built_site, "de/press/")
    page.locator(f"main a[href$='/de/press/{key}/']").first.click()
    page.wait_for_load_state()
    assert page.url == built_site.url(f"de/press/{key}/")
    german_title = page.locator("h1").inner_text().strip()
    assert german_title
    page.locator("main a[hreflang=en]").first.click()
    page.wait_for_load_state()
    assert page.url == built_site.url(f"en/press/{key}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().strip() not in ("", german_title)
    assert watch.errors == []
    page.close()


def png_size(path: Path) -> tuple[int, int]:
    """Return (width, height) of a PNG file."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_the_home_pages_at_desktop_and_phone_size(browser, built_site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, viewport, mobile in (("desktop", DESKTOP, False), ("mobile", PHONE, True)):
        context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile, device_scale_factor=1)
        page = context.new_page()
        for lang in LANGS:
            page.goto(built_site.url(f"{lang}/"), wait_until="load")
            target = ARTIFACTS / f"home-{lang}-{name}.png"
            page.screenshot(path=str(target), full_page=True)
            width, height = png_size(target)
            assert width == viewport["width"] and height >= viewport["height"], (target, width, height)
        context.close()


# --- journeys through the example site's content (skipped on any other site) ---

def test_a_german_only_release_is_listed_in_english_and_opens_in_german(context, served_example):
    page, watch = visit(context, served_example, "en/press/")
    page.click("text=biosaxony gründet Sektion Medizintechnik")
    assert page.url.endswith("/de/press/2016-07-13-biosaxony-sektion-medizintechnik/")
    assert watch.errors == []
    page.close()


def test_the_founding_release_and_its_translation(context, served_example):
    page, watch = visit(context, served_example, "de/press/")
    page.click("text=Medizintechnik-Cluster aus Deutschland, Österreich und der Schweiz gründen Allianz")
    assert page.url.endswith("/de/press/2021-12-07-letter-of-intent/")
    page.click("p.translation a")
    assert page.url.endswith("/en/press/2021-12-07-letter-of-intent/")
    assert "form an alliance" in page.locator("h1").inner_text()
    assert watch.errors == []
    page.close()


def test_missing_page_text_is_bilingual(context, served_example):
    page = context.new_page()
    page.goto(served_example.url("de/partners/nowhere/deeper/"))
    assert "Seite nicht gefunden" in page.content() and "Page not found" in page.content()
    page.click("text=To the home page")
    assert page.url == served_example.url("en/")
    page.close()


@pytest.mark.parametrize("lang, term, result", [("de", "Tuttlingen", "MedicalMountains GmbH"),
                                                ("en", "Styria", "Human.technology Styria GmbH")])
def test_search_finds_a_partner_in_each_language_and_opens_it(context, served_example, lang, term, result):
    built_site = served_example
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


def test_search_excerpts_keep_a_fact_apart_from_its_label(context, served_example):
    """A term and its description (dt, dd) were indexed as one word: "SitzGreifswald", "Wann25. Februar"."""
    page, watch = visit(context, served_example, "de/search/?q=Greifswald")
    result = page.locator(".results li", has_text="BioCon Valley Mecklenburg-Vorpommern").first
    result.wait_for(timeout=15000)
    assert "Sitz Greifswald" in result.inner_text()
    page.goto(served_example.url("en/search/?q=postponed"))
    result = page.locator(".results li", has_text="Northern network meeting").first
    result.wait_for(timeout=15000)
    assert "When 25 February 2027 Where Life Science Nord, Hamburg" in result.inner_text()
    assert watch.errors == []
    page.close()


def test_search_page_without_javascript_lists_every_page_by_section(browser, served_example):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_example.url("en/search/"))
    index = page.locator("[data-site-index]")
    assert index.locator("a", has_text="LISAvienna – life science austria Vienna").count() == 1
    assert index.locator("h3").all_inner_texts()[:3] == ["Partners", "Marketplace", "Press releases"]
    context.close()


def indexed_pages(root: Path) -> dict[str, str]:
    """Return {address: indexed text} of every page in the site's Pagefind index (its fragments, gzipped JSON)."""
    pages = {}
    for fragment in (root / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = data["content"]
    return pages


def test_search_indexes_each_page_type_by_its_own_content_only(served_example):
    """Partner pages were found for "MEDICA" through the event and release cards they list."""
    root = served_example.root
    indexed = indexed_pages(root)
    body_shapes, other_shapes = set(), set()
    for page in root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        address = "/" + page.relative_to(root).as_posix().removesuffix("index.html")
        bodies = html.count("data-pagefind-body")
        (body_shapes if bodies else other_shapes).add(shape(root, page))
        assert bodies <= 1, address
        assert (address in indexed) == (bodies == 1), address
        if bodies:  # the one indexed region holds the page's title, and no list of cards
            region = html[html.index("data-pagefind-body"):html.index("</main>")]
            assert "<h1" in region, address
            assert re.findall(r'<ul class="cards[^"]*"(?! data-pagefind-ignore)', region) == [], address
    assert {s for s in body_shapes if s.startswith("en/")} == {
        "en/", "en/about/", "en/accessibility/", "en/contact/", "en/imprint/", "en/privacy/", "en/events/",
        "en/events/<item>/", "en/initiatives/", "en/initiatives/<item>/", "en/marketplace/", "en/marketplace/<item>/",
        "en/partners/", "en/partners/<item>/", "en/press/", "en/press/<item>/"}
    assert {s.replace("de/", "en/", 1) for s in body_shapes if s.startswith("de/")} == {
        s for s in body_shapes if s.startswith("en/")}
    assert {s for s in other_shapes if s.startswith("en/")} == {  # repeat other pages (expired entries: test below)
        "en/events/<group>/<item>/", "en/events/<month>/", "en/marketplace/<group>/<item>/",
        "en/marketplace/<item>/", "en/partners/<group>/<item>/", "en/press/<group>/<item>/", "en/search/"}
    partner = indexed["/en/partners/medical-mountains/"]
    assert partner.startswith("MedicalMountains GmbH. Member MedicalMountains represents")
    assert "MedtecLIVE" not in partner and "Supplier" not in partner  # its releases and events: not its content
    event = indexed["/en/events/supplier-day-tuttlingen-2027/"]
    assert event.startswith("Workshop. Tuttlingen supplier day") and "Organiser" not in event  # organisers: related


def search_results(page, term: str) -> list[str]:
    """Search the open search page for `term`; return the results' addresses once they are shown."""
    page.fill("#search-page-query", term)
    page.press("#search-page-query", "Enter")
    expect(page.locator(".results a").first).to_have_attribute("href", re.compile(re.escape(quote(term)) + "$"),
                                                               timeout=15000)
    return page.locator(".results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("lang, term, first", [
    ("de", "MedicalMountains", "partners/medical-mountains/"), ("en", "MedicalMountains", "partners/medical-mountains/"),
    ("de", "Cluster Medizin NRW", "partners/cluster-medizin-nrw/"), ("en", "Medical Valley", "partners/medical-valley-emn/"),
    ("de", "Life Science Austria", "partners/life-science-austria/"),
    ("en", "Life Science Nord", "partners/life-science-nord/"),
    ("de", "MEDICA", "events/medica-2026/"), ("en", "MEDICA", "events/medica-2026/"),
    ("de", "MedtecLIVE", "events/medteclive-2027/"), ("en", "MedtecLIVE", "events/medteclive-2027/")])
def test_search_ranks_a_name_s_own_page_first(context, served_example, lang, term, first):
    """ "MEDICA" put the partner MedicalMountains first (its page title begins so), a partner's name its events."""
    page, watch = visit(context, served_example, f"{lang}/search/")
    hrefs = search_results(page, term)
    assert hrefs[0] == served_example.base_path + f"{lang}/{first}?highlight={quote(term)}", hrefs
    if term in ("MEDICA", "MedtecLIVE"):  # the fair's events and releases before any partner page
        named = [at for at, href in enumerate(hrefs) if re.search(rf"/(events|press)/[^/]*\b{term.lower()}\b", href)]
        partners = [at for at, href in enumerate(hrefs) if "/partners/" in href]
        assert len(named) >= 2 and max(named) < min(partners, default=len(hrefs)), hrefs
    assert watch.errors == []
    page.close()


@pytest.mark.parametrize("lang, term, title", [("de", "MEDICA", "MEDICA 2026"),
                                               ("en", "Tuttlingen", "MedicalMountains GmbH")])
def test_search_marks_the_term_in_the_excerpts_and_on_the_page_reached(context, served_example, lang, term, title):
    """Excerpts were plain text, and the page a result led to did not show where the term was."""
    page, watch = visit(context, served_example, f"{lang}/search/")
    search_results(page, term)
    result = page.locator(".results li", has_text=title).first
    marks = result.locator("p mark").all_inner_texts()
    assert marks and all(mark.lower() == term.lower() for mark in marks), marks
    assert result.locator("p *:not(mark)").count() == 0  # text and <mark> only, nothing else of Pagefind's HTML
    result.locator("a").click()
    page.wait_for_url(f"**/{lang}/**?highlight={term}")
    marked = page.locator("main mark.pagefind-highlight").first
    expect(marked).to_have_text(re.compile(re.escape(term), re.I), timeout=15000)
    assert marked.evaluate("mark => getComputedStyle(mark).backgroundColor") == "rgb(255, 241, 168)"  # site.css
    assert page.locator("[data-pagefind-ignore] mark").count() == 0  # only the page's own content is marked
    assert page.locator("h1").inner_text() == title
    assert watch.errors == []  # no CSP violation: Pagefind's inline style is not added
    page.close()


def visible_partners(page) -> list[str]:
    """Return the short names of the partner cards currently shown."""
    return sorted(page.locator("li.partner:visible h3").all_inner_texts())


def test_partner_filters_combine_instantly_and_live_in_the_url(context, served_example):
    built_site = served_example
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


def test_partner_filters_without_javascript_use_pre_rendered_pages(browser, served_example):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_example.url("de/partners/"))
    assert len(visible_partners(page)) == 16
    assert not page.locator("[data-filter-form]").is_visible()
    page.click(".filter-links summary")
    page.click("a[href$='/de/partners/country/ch/']")
    assert visible_partners(page) == ["Health Tech Cluster Switzerland"]
    assert page.locator("h1").inner_text() == "Partner: Schweiz"
    context.close()


def test_following_a_map_marker_opens_the_partner(context, served_example):
    page, watch = visit(context, served_example, "de/partners/")
    page.locator("a.marker[aria-label='MedicalMountains, Tuttlingen']").click()
    assert page.url == served_example.url("de/partners/medical-mountains/")
    assert page.locator("h1").inner_text() == "MedicalMountains GmbH"
    assert watch.errors == []
    page.close()


def test_paging_through_the_month_view(context, served_example):
    page, watch = visit(context, served_example, "en/events/")
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


def test_the_month_view_on_a_phone_lists_the_days_with_events_and_today(browser, served_example):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(served_example.url("de/events/2026-11/"))
    days = [text.split("\n") for text in page.locator("table.month td:visible").all_inner_texts()]
    assert days == [["Montag, 16. November 2026", "MEDICA 2026"], ["Dienstag, 17. November 2026", "MEDICA 2026"],
                    ["Mittwoch, 18. November 2026", "MEDICA 2026"], ["Donnerstag, 19. November 2026", "MEDICA 2026"],
                    ["Montag, 23. November 2026", "Partnertreffen online: Rückblick auf die MEDICA"]]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("table.month thead").is_hidden()
    page.set_viewport_size(DESKTOP)  # the grid again: every day by its number, under the weekdays
    assert page.locator("table.month td:visible").count() == 42  # six weeks, Monday first: the 1st is a Sunday
    assert page.locator("table.month td:visible").nth(21).inner_text() == "16\nMEDICA 2026"
    assert page.locator("table.month thead").is_visible()
    context.close()


def test_ended_events_leave_upcoming_by_the_visitors_clock(browser, served_example):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time("2027-02-11T12:00:00Z")
    page.goto(served_example.url("en/events/"))
    upcoming = page.locator("[data-upcoming] h3").all_inner_texts()
    past = page.locator("[data-past] h3").all_inner_texts()
    assert "Webinar: entering the Swiss market with medical devices" in past[:4]
    assert not any("Swiss market" in title or "looking back on MEDICA" in title for title in upcoming)
    assert upcoming[0] == "Northern network meeting"
    context.close()


def test_event_filters_work_instantly(context, served_example):
    page, watch = visit(context, served_example, "de/events/?kind=trade-fair")
    shown = page.locator("li.event:visible h3").all_inner_texts()
    assert shown and all(title.startswith(("MEDICA", "MedtecLIVE")) for title in shown)
    page.select_option("select[name=country]", "AT")
    assert page.locator("li.event:visible").count() == 0
    assert watch.errors == []
    page.close()


def test_marketplace_filters_with_and_without_javascript(browser, context, served_example):
    page, watch = visit(context, served_example, "en/marketplace/?type=request&country=AT")
    assert sorted(page.locator("li.entry:visible h3").all_inner_texts()) == [
        "Developing reusable sterile packaging together", "Seed investor sought for a digital health application"]
    assert watch.errors == []
    page.close()
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(served_example.url("de/marketplace/country/ch/"))
    assert page.locator("li.entry h3").all_inner_texts() == ["Vertriebspartner für den Schweizer Markt"]
    plain.close()


def headings_shown(page) -> list[str]:
    """Return the partner index's country headings currently shown, with their counts."""
    return page.locator("section[data-filter-group]:visible h2").all_inner_texts()


def test_partner_filter_counts_follow_the_choice_and_nothing_matching_is_said_on_a_phone(browser, served_example):
    """The headings kept "Deutschland (10)" while 4 were shown; Austria plus imaging showed "0 angezeigt" and nothing else."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    watch = Watch(served_example.host).attach(page)
    page.goto(served_example.url("de/partners/"))
    status, none = page.locator("[data-filter-status]"), page.locator("[data-filter-none]")
    assert headings_shown(page) == ["Deutschland (10)", "Österreich (5)", "Schweiz (1)"]
    page.select_option("select[name=focus]", "imaging")
    assert status.inner_text() == "4 angezeigt"
    assert headings_shown(page) == ["Deutschland (4)"]
    assert page.locator("select[name=country] option").all_inner_texts() == [
        "Alle", "Deutschland (4)", "Österreich (0)", "Schweiz (0)"]  # what each choice would leave
    assert none.is_hidden()
    page.select_option("select[name=country]", "AT")
    assert len(visible_partners(page)) == 0 and headings_shown(page) == []
    assert status.inner_text() == "Nichts passt zu dieser Auswahl."
    assert none.is_visible()
    page.locator("[data-filter-reset]").click()
    expect(status).to_have_text("16 angezeigt")  # (the form's reset applies a moment later)
    assert none.is_hidden()
    assert headings_shown(page) == ["Deutschland (10)", "Österreich (5)", "Schweiz (1)"]
    assert page.url == served_example.url("de/partners/")
    assert page.evaluate("document.activeElement.name") == "country"  # focus left the vanished button
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert watch.errors == []
    context.close()


@pytest.mark.parametrize("path, message, gone", [
    ("de/events/?kind=trade-fair&country=AT", "Nichts passt zu dieser Auswahl.", "Kommende Veranstaltungen"),
    ("en/marketplace/?type=request&country=CH", "Nothing matches this selection.", "Current offers and requests")])
def test_event_and_marketplace_filters_say_when_nothing_matches(context, served_example, path, message, gone):
    page, watch = visit(context, served_example, path)
    assert page.locator("[data-filter-status]").inner_text() == message
    assert page.locator("[data-filter-reset]").is_visible()
    assert page.locator("h2:visible", has_text=gone).count() == 0
    page.locator("[data-filter-reset]").click()
    expect(page.locator("h2:visible", has_text=gone)).to_have_count(1)  # (the form's reset applies a moment later)
    assert "?" not in page.url
    assert watch.errors == []
    page.close()


def test_a_facet_with_a_single_value_is_not_offered_but_its_page_stays(browser, served_example):
    """Every partner is a member: "Partnerschaft: Mitglied (16)" filtered nothing."""
    for enabled in (True, False):
        context = browser.new_context(java_script_enabled=enabled)
        page = context.new_page()
        page.goto(served_example.url("de/partners/"))
        assert page.locator("select[name=focus]").count() == 1
        assert page.locator("select[name=kind]").count() == 0
        links = page.locator(".filter-links")
        assert "Schwerpunkt:" in links.text_content() and "Partnerschaft" not in links.text_content()
        response = page.goto(served_example.url("de/partners/kind/member/"))
        assert response.status == 200 and page.locator("h1").inner_text() == "Partner: Mitglied"
        assert len(visible_partners(page)) == 16
        context.close()


def test_the_search_page_s_form_is_a_search_landmark_of_its_own(context, built_site):
    page, _ = visit(context, built_site, "de/search/")
    violations = Axe().run(page, options={"runOnly": ["landmark-unique"]}).response["violations"]
    assert violations == [], [node["target"] for violation in violations for node in violation["nodes"]]
    assert page.get_by_role("search", name="Suche").count() == 1
    page.close()


def result_titles(page) -> list[str]:
    """Return the titles of the search results shown."""
    return page.locator(".results a").all_inner_texts()


def test_search_runs_as_the_visitor_types_and_never_shows_another_term_s_results(context, served_example):
    """The search ran only on Enter; after "LISAvienna" was changed to "Styria" its results stayed."""
    page, watch = visit(context, served_example, "en/search/?q=LISAvienna")
    page.locator(".results a", has_text="LISAvienna").first.wait_for(timeout=15000)
    page.fill("#search-page-query", "Styria")
    assert not any("LISAvienna" in title for title in result_titles(page))  # gone at once, not after the search
    page.locator(".results a", has_text="Human.technology Styria GmbH").first.wait_for(timeout=15000)  # no Enter
    assert page.url.endswith("/en/search/?q=Styria")
    # An answer to an older term arriving after the visitor has typed on is dropped: the results' texts are held back.
    held = []
    page.route("**/pagefind/fragment/**", lambda route: held.append(route))
    page.fill("#search-page-query", "Tuttlingen")
    page.wait_for_timeout(500)  # the search for Tuttlingen waits for its results' texts
    tuttlingen = list(held)
    assert tuttlingen
    page.fill("#search-page-query", "Graz")
    page.wait_for_timeout(500)
    for route in tuttlingen:
        route.continue_()
    page.wait_for_timeout(1000)  # Tuttlingen's answer is in: it must not be shown under "Graz"
    assert not any("MedicalMountains" in title or "Tuttlingen" in title for title in result_titles(page))
    page.unroute("**/pagefind/fragment/**")
    for route in held[len(tuttlingen):]:
        route.continue_()
    page.locator(".results a", has_text="Styria partnering days").first.wait_for(timeout=15000)  # held in Graz
    assert not any("MedicalMountains" in title or "Tuttlingen" in title for title in result_titles(page))
    assert page.input_value("#search-page-query") == "Graz"
    assert watch.errors == []
    page.close()


def test_the_search_page_without_javascript_says_why_the_term_is_not_searched(browser, served_example):
    """Without JavaScript /de/search/?q=LISAvienna showed an empty field and the list of all pages, without a word."""
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(served_example.url("de/search/?q=LISAvienna"))
    note = page.locator("main p", has_text="JavaScript")
    assert note.is_visible()
    assert note.inner_text() == ("Die Suche braucht JavaScript, das in Ihrem Browser ausgeschaltet ist. "
                                 "Die Liste unten nennt jede Seite der Website, nach Bereichen geordnet.")
    assert note.bounding_box()["y"] < page.locator("[data-site-index]").bounding_box()["y"]
    plain.close()
    scripted = browser.new_context()
    page = scripted.new_page()
    page.goto(served_example.url("de/search/"))
    assert page.locator("main p:visible", has_text="JavaScript").count() == 0
    scripted.close()


BRAND_LINES = """() => {
  const walker = document.createTreeWalker(document.querySelector('.brand'), NodeFilter.SHOW_TEXT);
  const range = document.createRange(), tops = [];
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i); range.setEnd(text, i + 1);
      const box = range.getClientRects()[0];
      if (box && text.data[i].trim()) { tops.push([text.data[i], Math.round(box.top)]); }
    }
  }
  const lines = [];
  tops.forEach(([letter, top], i) => {
    if (i === 0 || Math.abs(top - tops[i - 1][1]) > 3) { lines.push(''); }
    lines[lines.length - 1] += letter;
  });
  return lines;
}"""


@pytest.mark.parametrize("width", [320, 375, 414, 1280])
def test_the_site_name_never_breaks_inside_d_a_ch(browser, served_example, width):
    """At 375 px the header read "MedTech Cluster Alliance D-" / "A-CH"."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served_example.url("de/partners/"))
    lines = page.evaluate(BRAND_LINES)  # letters of each line, without spaces
    assert any(line.endswith("D-A-CH") for line in lines), lines
    assert page.locator(".brand").inner_text() == "MedTech Cluster Alliance D-A-CH"
    assert page.title() == "Partner – MedTech Cluster Alliance D-A-CH"
    context.close()
