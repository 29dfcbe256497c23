"""The site's design as built: the home page opens with the map of every partner and the counts from the data, the
header's menu works without script, the typeface is self-hosted, the palette meets WCAG AA, nothing moves after load."""
from __future__ import annotations

import math
import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import EXAMPLE_TODAY as TODAY
from conftest import ROOT
from sitegen import geo
from sitegen.pipeline import build
from support.minimal_site import PARTNERS, RELEASE_DE, partner_entry, picture

CSS = (ROOT / "static/css/site.css").read_text(encoding="utf-8")
THIRD = partner_entry("gamma", "DE", "DE-BW", "Tuttlingen", (47.98, 8.82), more=(
    "  logo:\n    file: gamma.png\n    alt: {de: Logo von Gamma, en: Gamma logo}\n"))
PICTURED = RELEASE_DE.replace("tags: [alliance]\n",
                              "tags: [alliance]\nimage:\n  file: foto.jpg\n  alt: {de: Ein Foto}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Return the minimal site with a third partner (with a logo) and a release with a picture, built."""
    from support.minimal_site import write_site
    root = tmp_path_factory.mktemp("design")
    source = write_site(root / "site", {"data/partners.yaml": PARTNERS + THIRD,
                                        "content/logos/gamma.png": picture(480, 160, "PNG"),
                                        "content/press/2021-12-07-founded.de.md": PICTURED,
                                        "content/press/foto.jpg": picture(1200, 800)})
    build(source, root / "out", TODAY, search=False)
    return root / "out"


def parsed(built: Path, path: str):
    """Return a built page as an lxml tree."""
    return lxml.html.fromstring((built / path / "index.html").read_bytes())


def test_the_home_page_opens_with_the_map_of_every_partner_and_the_counts_from_the_data(built):
    partners = yaml.safe_load(PARTNERS + THIRD)
    for lang, names in (("de", {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz"}),
                        ("en", {"DE": "Germany", "AT": "Austria", "CH": "Switzerland"})):
        page = parsed(built, lang)
        main = page.get_element_by_id("main")
        sections = [section.get("aria-labelledby") for section in main.iter("section")]
        assert sections[0] == "home-title" and sections.index("latest-press") < sections.index("next-events")
        hero = main.find(".//section")
        markers = hero.findall(".//svg//a")
        assert sorted((a.get("href"), a.get("aria-label")) for a in markers) == sorted(
            (f"/sub/{lang}/partners/{p['id']}/", f"{p['short_name']}, {p['city']}") for p in partners)
        assert [text.text for text in hero.findall(".//svg/text")] == list(names.values())
        counts = [(item.find(".//a").get("href").split("#")[1], int(item.find(".//strong").text))
                  for item in hero.findall(".//ul[@class='counts']/li")]
        assert counts == [("country-de", 2), ("country-at", 1)]  # no partner in Switzerland: no tile
        assert hero.find(".//a[@class='button']").text_content().strip() in ("Alle 3 Partner", "All 3 partners")


def test_a_country_name_stands_inside_its_country_clear_of_the_markers(built):
    """The names are placed for the markers shown: each box (at the size and width geo.py reckons) leaves 14 units."""
    page = parsed(built, "en")
    svg = page.find(".//section//svg")
    centres = [(float(c.get("cx")), float(c.get("cy"))) for c in svg.findall(".//a/circle") if c.get("class") is None]
    for text in svg.findall("text"):
        x, y, size = float(text.get("x")), float(text.get("y")), float(text.get("font-size"))
        half = len(text.text) * geo.EM_PER_LETTER * size / 2
        for cx, cy in centres:
            apart = math.hypot(max(abs(cx - x) - half, 0), max(abs(cy - y) - size / 2, 0))
            assert apart >= geo.CLEARANCE, (text.text, (cx, cy), apart)


def test_the_header_opens_its_menu_without_script_and_reaches_search_in_one_tap(built):
    for lang, home, menu in (("de", "Startseite", "Menü"), ("en", "Home", "Menu")):
        header = parsed(built, f"{lang}/partners").find(".//header")
        summary = header.find(".//details[@class='menu']/summary")
        assert summary is not None and summary.text_content().strip() == menu
        assert header.find(".//a[@class='search-link']").get("href") == f"/sub/{lang}/search/"
        links = header.findall(".//nav[@class='main-nav']//a")
        # Lighthouse counts "Start" among link texts that say nothing ("Links do not have descriptive text")
        assert links[0].text_content().strip() == home and links[0].get("href") == f"/sub/{lang}/"
        assert links[1].get("aria-current") == "page"


def test_partner_cards_show_a_logo_given_and_release_cards_their_picture(built):
    """Logos and pictures load when scrolled to, but the archive's first pictures, which the first screen shows."""
    cards = parsed(built, "en/partners").findall(".//li[@data-filter-item]")
    logos = {card.find(".//h3/a").text: card.find("img") for card in cards}
    assert logos["Alpha"] is None and logos["Beta"] is None
    assert {key: logos["Gamma"].get(key) for key in ("src", "width", "height", "alt", "loading")} == {
        "src": "/sub/media/logos/gamma.png", "width": "480", "height": "160", "alt": "", "loading": "lazy"}
    picture = parsed(built, "de").find(".//section[@aria-labelledby='latest-press']//img")
    files = "/sub/press/files/2021-12-07-founded/"
    assert picture.get("src") == files + "foto-480w.jpg"
    assert picture.get("srcset") == f"{files}foto-480w.jpg 480w, {files}foto-960w.jpg 960w, {files}foto.jpg 1200w"
    assert (picture.get("width"), picture.get("height"), picture.get("alt")) == ("1200", "800", "")
    assert (built / "press/files/2021-12-07-founded/foto-480w.jpg").is_file()
    assert picture.get("loading") == "lazy"  # below the map
    first = parsed(built, "de/press").find(".//li[@class='card']/img")  # the archive's first, on its first screen
    assert first.get("src") == files + "foto-480w.jpg" and first.get("loading") is None


def test_scripts_that_rearrange_a_page_run_before_its_first_paint(built):
    """Shown after the first paint, the filter pushed the partners down (Lighthouse: layout shift 0.08 to 0.12)."""
    for path, names in (("de/partners", {"filter.js"}), ("en/events", {"filter.js", "events.js"}),
                        ("de/marketplace", {"filter.js"})):
        scripts = {s.get("src").rsplit("/", 1)[1]: s for s in parsed(built, path).findall(".//head/script[@src]")}
        for name in names:
            assert scripts[name].get("blocking") == "render" and scripts[name].get("defer") is not None, (path, name)


def test_the_typeface_is_self_hosted_with_its_licence_and_its_latin_part_preloaded(built):
    fonts = ROOT / "static/fonts"
    sources = re.findall(r'url\("\.\./fonts/([^"]+)"\)', CSS)
    assert sources and all((fonts / name).is_file() for name in sources)
    assert sorted(path.name for path in fonts.glob("*.woff2")) == sorted(sources)  # only the files used
    assert "SIL Open Font License" in (fonts / "OFL.txt").read_text(encoding="utf-8")
    assert CSS.count("font-display: swap") == len(sources) and "size-adjust" in CSS
    preload = parsed(built, "de").find(".//head/link[@rel='preload']")
    assert preload.get("href") == "/sub/static/fonts/figtree-latin-wght-normal.woff2"
    assert (preload.get("as"), preload.get("type"), preload.get("crossorigin")) == ("font", "font/woff2", "")
    assert (built / "static/fonts/figtree-latin-wght-normal.woff2").is_file()


def luminance(colour: str) -> float:
    """Return the WCAG relative luminance of #rrggbb."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


PALETTE = dict(re.findall(r"--([a-z0-9-]+): (#[0-9a-f]{6});", CSS))
TEXT_PAIRS = [
    *((text, ground) for text in ("ink", "muted", "blue", "navy", "accent") for ground in ("paper", "tint", "sky")),
    ("ink", "warn-tint"), ("accent", "warn-tint"), ("blue-dark", "paper"),
    *(("paper", ground) for ground in ("navy", "navy-2", "blue", "blue-dark", "ink")), ("amber", "navy"),
]
"""Text colour on background, as the stylesheet uses them: WCAG AA wants 4.5:1."""


@pytest.mark.parametrize("text, ground", TEXT_PAIRS)
def test_every_text_colour_meets_wcag_aa_on_its_background(text, ground):
    ratio = contrast(PALETTE[text], PALETTE[ground])
    assert ratio >= 4.5, (text, ground, round(ratio, 2))


def test_the_map_s_names_markers_and_focus_stand_out():
    assert contrast(PALETTE["map-name"], geo.LAND) >= 4.5  # text
    assert contrast(PALETTE["accent"], geo.LAND) >= 3 and contrast(PALETTE["accent"], PALETTE["sky"]) >= 3  # shapes
    assert contrast(PALETTE["focus"], PALETTE["navy"]) >= 3 and contrast(PALETTE["focus"], PALETTE["ink"]) >= 3
