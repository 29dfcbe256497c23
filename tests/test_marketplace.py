"""Marketplace and joint initiatives: listing, expiry notices, feeds, personal-data refusal, gathering."""
from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from sitegen.marketplace_rules import personal_contacts
from sitegen.pipeline import build, check
from support.minimal_site import EVENTS, RELEASE_DE, VOCABULARIES

TODAY = dt.date(2026, 11, 23)

CATEGORIES = VOCABULARIES + """\
marketplace_categories:
  research-partner: {de: Forschungspartner, en: Research partner}
  investor: {de: Investor, en: Investor}
"""

INITIATIVES = """\
- id: resilient-supply-chains
  title: {de: Resiliente Lieferketten, en: Resilient supply chains}
  goal: {de: Lieferketten absichern., en: Secure supply chains.}
  partners: [alpha, beta]
"""

ENTRIES = """\
- id: current-offer
  type: offer
  category: research-partner
  title: {de: Aktuelles Angebot, en: Current offer}
  text: {de: Ein Labor bietet Messungen an., en: A lab offers measurements.}
  country: AT
  regions: [AT-6]
  partner: beta
  initiatives: [resilient-supply-chains]
  published: 2026-10-01
  expires: 2027-03-31
- id: german-only-request
  type: request
  category: investor
  title: {de: Investor gesucht}
  text: {de: Ein Start-up sucht Kapital.}
  country: DE
  partner: alpha
  published: 2026-11-01
  expires: 2026-11-23
- id: expired-offer
  type: offer
  category: investor
  title: {de: Abgelaufen, en: Expired}
  text: {de: Nicht mehr aktuell., en: No longer current.}
  country: DE
  partner: alpha
  published: 2025-01-01
  expires: 2025-06-30
- id: future-offer
  type: offer
  category: investor
  title: {de: Zukunft, en: Future}
  text: {de: Noch nicht veröffentlicht., en: Not yet published.}
  country: DE
  partner: alpha
  published: 2027-01-01
  expires: 2027-06-30
"""


@pytest.fixture
def market_site(site):
    """Return a function writing the minimal site with the marketplace files and `changes`."""
    def make(changes=None):
        files = {"data/vocabularies.yaml": CATEGORIES, "data/initiatives.yaml": INITIATIVES,
                 "data/marketplace.yaml": ENTRIES,
                 "data/events.yaml": EVENTS + "  initiatives: [resilient-supply-chains]\n",
                 "content/press/2021-12-07-founded.de.md": RELEASE_DE.replace(
                     "tags: [alliance]", "tags: [alliance]\ninitiatives: [resilient-supply-chains]")}
        files.update(changes or {})
        return site(files)
    return make


@pytest.fixture
def built(market_site, tmp_path):
    """Build the marketplace site; return the output folder."""
    out = tmp_path / "out"
    build(market_site(), out, TODAY)
    return out


def test_listing_shows_exactly_the_current_entries_newest_first(built):
    german = (built / "de/marketplace/index.html").read_text()
    assert german.index("Investor gesucht") < german.index("Aktuelles Angebot")
    assert "Abgelaufen" not in german and "Zukunft" not in german
    english = (built / "en/marketplace/index.html").read_text()
    assert '<a href="/sub/de/marketplace/german-only-request/" hreflang="de">Investor gesucht</a>' in english
    assert "German only" in english and "Current offer" in english and "Expired" not in english


def test_expired_entry_keeps_its_url_with_a_notice(built):
    page = (built / "en/marketplace/expired-offer/index.html").read_text()
    assert "This entry is no longer available" in page
    assert 'href="/sub/en/marketplace/"' in page
    assert "mailto:" not in page.split("<main")[1]
    assert not (built / "de/marketplace/future-offer").exists()
    assert not (built / "en/marketplace/german-only-request").exists()
    assert "marketplace/expired-offer" not in (built / "sitemap-1.xml").read_text()


def test_current_entry_names_the_vouching_partner_contact(built):
    page = (built / "de/marketplace/current-offer/index.html").read_text()
    assert "mailto:info@beta-cluster.eu" in page and "Beta Cluster" in page


def test_feeds_list_exactly_the_current_entries(built):
    for lang, titles in (("de", ["Investor gesucht", "Aktuelles Angebot"]),
                         ("en", ["Investor gesucht (German only)", "Current offer"])):
        feed = feedparser.parse((built / lang / "marketplace/feed.xml").read_bytes())
        assert feed.bozo == 0
        assert [entry.title for entry in feed.entries] == titles
        assert all(entry.link.startswith("https://example.org/sub/") for entry in feed.entries)


def test_initiative_page_gathers_partners_events_releases_and_entries(built):
    page = (built / "en/initiatives/resilient-supply-chains/index.html").read_text()
    for expected in ("Resilient supply chains", "Secure supply chains.", "/sub/en/partners/alpha/",
                     "/sub/en/partners/beta/", "Fair 2027", "Alliance founded", "Current offer"):
        assert expected in page, expected
    assert "/sub/en/initiatives/resilient-supply-chains/" in (built / "en/initiatives/index.html").read_text()


def problem_lines(market_site, changes) -> list[str]:
    """Return the formatted errors of the marketplace site with `changes`."""
    found, problems = check(market_site(changes))
    return [p.format() for p in problems if not p.warning]


def test_unknown_initiative_is_an_error(market_site):
    assert problem_lines(market_site, {"data/events.yaml": EVENTS + "  initiatives: [moon-base]\n"}) == [
        "data/events.yaml:11: error: initiatives[1]: unknown initiative 'moon-base' (one of: resilient-supply-chains)"]


@pytest.mark.parametrize("text, found", [
    ("Kontakt: max.mustermann@firma.de", "max.mustermann@firma.de"),
    ("Ruf an: +49 911 123456-7", "+49 911 123456-7"),
    ("Telefon 0911 / 20 671 0", "0911 / 20 671 0"),
    ("(0316) 587 123", "(0316) 587 123"),
])
def test_personal_contact_data_is_rejected(market_site, text, found):
    entries = ENTRIES.replace("Ein Labor bietet Messungen an.", f"'{text}'")
    assert problem_lines(market_site, {"data/marketplace.yaml": entries}) == [
        f"data/marketplace.yaml:5: error: text.de: personal contact data '{found}' must not be published "
        "(no personal e-mail addresses or phone numbers; enquiries go through the partner)"]


def test_role_addresses_and_ordinary_numbers_are_fine():
    assert personal_contacts("Schreiben Sie an info@cluster.example oder presse@cluster.example.") == []
    assert personal_contacts("Angebote: sales@firma.at, Stellen: jobs@firma.at, Vertrieb: vertrieb@firma.de") == []
    assert personal_contacts("Seit 2021, 16 Partner, 1.200 Unternehmen, Budget 2026-2027, PLZ 01067 Dresden.") == []


def test_schema_has_no_field_for_personal_contacts(market_site):
    entries = ENTRIES.replace("  country: AT\n", "  country: AT\n  email: jane@firma.de\n", 1)
    assert problem_lines(market_site, {"data/marketplace.yaml": entries})[0].startswith(
        "data/marketplace.yaml:7: error: email: unknown field (one of: id, type, category")


def test_title_and_text_languages_must_match(market_site):
    entries = ENTRIES.replace("text: {de: Ein Start-up sucht Kapital.}", "text: {en: A start-up seeks capital.}")
    assert problem_lines(market_site, {"data/marketplace.yaml": entries}) == [
        "data/marketplace.yaml:16: error: text: title and text are not in the same languages "
        "(a text in each language that has a title)"]


def test_filter_pages_list_exactly_the_matching_current_entries(built):
    offers = (built / "en/marketplace/type/offer/index.html").read_text()
    assert "Current offer" in offers and "Investor gesucht" not in offers and "Expired" not in offers
    investors = (built / "de/marketplace/category/investor/index.html").read_text()
    assert "Investor gesucht" in investors and "Aktuelles Angebot" not in investors
    assert not (built / "de/marketplace/category/clinical-partner").exists()
    listing = (built / "de/marketplace/index.html").read_text()
    assert 'data-filter-type="offer" data-filter-category="research-partner" data-filter-country="AT"' in listing


def test_vouching_partner_page_lists_its_current_entries(built):
    page = (built / "de/partners/beta/index.html").read_text()
    assert 'href="/sub/de/marketplace/current-offer/">Aktuelles Angebot</a>' in page
    assert "Abgelaufen" not in (built / "de/partners/alpha/index.html").read_text()


def test_personal_contact_data_in_a_block_is_reported_at_its_own_line(market_site):
    block = ("  text:\n    de: Ein Labor bietet Messungen an.\n    en: |\n      A lab offers measurements.\n"
             "      Many kinds.\n      Write to max.mustermann@firma.de.\n")
    entries = ENTRIES.replace("  text: {de: Ein Labor bietet Messungen an., en: A lab offers measurements.}\n", block)
    assert problem_lines(market_site, {"data/marketplace.yaml": entries}) == [
        "data/marketplace.yaml:10: error: text.en: personal contact data 'max.mustermann@firma.de' must not be published "
        "(no personal e-mail addresses or phone numbers; enquiries go through the partner)"]


def test_an_entry_updated_before_it_was_published_is_refused(market_site):
    entries = ENTRIES.replace("  published: 2026-10-01\n", "  published: 2026-10-01\n  updated: 2026-09-30\n", 1)
    assert problem_lines(market_site, {"data/marketplace.yaml": entries}) == [
        "data/marketplace.yaml:11: error: updated: updated 2026-09-30 is before published 2026-10-01 "
        "(the day of the last change, on or after published)"]


def test_an_unknown_category_and_a_list_for_one_value_are_said_plainly(market_site):
    entries = ENTRIES.replace("category: research-partner", "category: market entry", 1).replace(
        "partner: beta", "partner: [beta]", 1)
    assert problem_lines(market_site, {"data/marketplace.yaml": entries}) == [
        "data/marketplace.yaml:3: error: category: unknown marketplace category 'market entry' (one of: investor, research-partner)",
        "data/marketplace.yaml:8: error: partner: expected a single value, found a list (one value, without [ ] or { })"]


def test_an_entry_or_initiative_changed_in_the_future_is_refused(market_site):
    """An entry published later may say it changed on its own date (it is not shown before); nothing else may
    name a day after tomorrow (see test_validation)."""
    entries = ENTRIES.replace("  published: 2026-10-01\n", "  published: 2026-10-01\n  updated: 2027-10-01\n", 1
                              ).replace("  published: 2027-01-01\n", "  published: 2027-01-01\n  updated: 2027-01-02\n")
    initiatives = INITIATIVES + "  updated: 2027-11-23\n"
    found, problems = check(market_site({"data/marketplace.yaml": entries, "data/initiatives.yaml": initiatives}),
                            today=TODAY)
    assert [p.format() for p in problems if not p.warning] == [
        "data/initiatives.yaml:5: error: updated: updated 2027-11-23 is in the future (today is 2026-11-23) "
        "(the day it happened: today or earlier)",
        "data/marketplace.yaml:11: error: updated: updated 2027-10-01 is in the future (today is 2026-11-23) "
        "(the day it happened: today or earlier)",
        "data/marketplace.yaml:39: error: updated: updated 2027-01-02 is in the future (today is 2026-11-23) "
        "(published 2027-01-01 at the latest: it is not published before then)"]


def test_an_expired_entry_is_left_out_of_the_search_index(built):
    """Its page stays for the links to it, but a search offered it among current entries without any marker."""
    for lang in ("de", "en"):
        expired = (built / lang / "marketplace/expired-offer/index.html").read_text()
        assert "data-pagefind-body" not in expired and '<main id="main"' in expired
        current = (built / lang / "marketplace/current-offer/index.html").read_text()
        assert "data-pagefind-body" in current
    # listed until today: still current, still found
    assert "data-pagefind-body" in (built / "de/marketplace/german-only-request/index.html").read_text()
