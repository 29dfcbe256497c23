"""What a sparse site says: an empty marketplace, no events planned, a legal fact still a placeholder, a partner or an
initiative with nothing listed yet. Each reads as a sentence for visitors, never as an empty list or an editor's note."""
from __future__ import annotations

import datetime as dt
import re

from sitegen.pipeline import build, check
from support.minimal_site import EVENTS, PARTNERS, SITE

TODAY = dt.date(2026, 11, 23)
PAST_EVENTS = EVENTS.replace("2027-11-15", "2025-11-15").replace("2027-11-18", "2025-11-18").replace(
    "2026-01-10", "2025-01-10")
CANCELLED = """
- id: workshop-2027
  kind: workshop
  start: 2027-03-01
  timezone: Europe/Berlin
  place: {name: Haus, city: Graz, country: AT}
  title: {de: Abgesagter Workshop, en: Cancelled workshop}
  description: {de: Abgesagt., en: Cancelled.}
  status: cancelled
  announced: 2026-01-10
  updated: 2026-11-01
"""
NO_UPCOMING = {
    "en": 'No events are planned at the moment. You can look through the <a href="{past}">past events</a>, or '
          '<a href="webcal://example.org/sub/en/events/calendar.ics">subscribe to the calendar</a>: new events will '
          "then appear in your own calendar as soon as they are announced.",
    "de": 'Zurzeit sind keine Veranstaltungen geplant. Sie können sich die <a href="{past}">vergangenen '
          'Veranstaltungen</a> ansehen oder <a href="webcal://example.org/sub/de/events/calendar.ics">den Kalender '
          "abonnieren</a>: Dann erscheinen neue Termine in Ihrem eigenen Kalender, sobald sie angekündigt sind.",
}


def page(out, path: str) -> str:
    """Return a built page's HTML with each run of white space as one space."""
    return re.sub(r"\s+", " ", (out / path).read_text(encoding="utf-8"))


def test_an_empty_marketplace_invites_the_first_entry_and_says_how(site, tmp_path):
    out = tmp_path / "out"
    source = site({"data/marketplace.yaml": "# No entries yet.\n[]\n"})
    assert check(source, today=TODAY)[1] == []
    build(source, out, TODAY, search=False)
    english = page(out, "en/marketplace/index.html")
    assert ('<p>There are no offers or requests at the moment.</p> <p>Would you like to post the first one? Get in '
            'touch with the <a href="/sub/en/partners/">partner cluster in your region</a>: it vouches for your offer '
            "or request, has it published here and passes enquiries on to you. For general questions, please use our "
            '<a href="/sub/en/contact/">contact page</a>.</p>') in english
    assert ('Möchten Sie den ersten Eintrag veröffentlichen? Wenden Sie sich an den <a href="/sub/de/partners/">'
            "Partnercluster in Ihrer Region</a>: Er bürgt für Ihr Angebot oder Gesuch, lässt es hier veröffentlichen "
            'und leitet Anfragen an Sie weiter. Allgemeine Fragen beantworten wir über die <a href="/sub/de/contact/">'
            "Kontaktseite</a>.") in page(out, "de/marketplace/index.html")
    home = page(out, "en/index.html")
    assert ('<p>There are no offers or requests yet: <a href="/sub/en/marketplace/">find out how to post the first '
            "one</a>.</p>") in home
    assert "All offers and requests" not in home


def test_no_event_to_come_leads_to_the_past_events_and_the_calendar(site, tmp_path):
    out = tmp_path / "out"
    build(site({"data/events.yaml": PAST_EVENTS}), out, TODAY, search=False)
    for lang in ("en", "de"):
        events = page(out, f"{lang}/events/index.html")
        assert NO_UPCOMING[lang].format(past="#past") in events
        assert 'id="past"' in events and f"/sub/{lang}/events/fair-2027/" in events
        home = page(out, f"{lang}/index.html")
        assert NO_UPCOMING[lang].format(past=f"/sub/{lang}/events/#past") in home


def test_only_cancelled_events_to_come_count_as_none_planned_but_stay_listed(site, tmp_path):
    out = tmp_path / "out"
    build(site({"data/events.yaml": PAST_EVENTS + CANCELLED}), out, TODAY, search=False)
    events = page(out, "en/events/index.html")
    upcoming = events.split('id="upcoming"')[1].split('id="past"')[0]
    assert NO_UPCOMING["en"].format(past="#past") in upcoming and "/sub/en/events/workshop-2027/" in upcoming
    home = page(out, "en/index.html")
    assert NO_UPCOMING["en"].format(past="/sub/en/events/#past") in home and "workshop-2027" not in home


def test_a_planned_event_leaves_the_sentence_out(site, tmp_path):
    out = tmp_path / "out"
    build(site(), out, TODAY, search=False)
    for path in ("en/events/index.html", "en/index.html"):
        assert "No events are planned" not in page(out, path) and "/sub/en/events/fair-2027/" in page(out, path)


def test_a_legal_fact_still_a_placeholder_is_shown_as_not_yet_given_in_the_pages_language(site, tmp_path):
    out = tmp_path / "out"
    settings = SITE.replace("Teststraße 1, 12345 Teststadt", '"PLACEHOLDER: Straße, PLZ Ort"')
    build(site({"data/site.yaml": settings}), out, TODAY, search=False)
    english, german = page(out, "en/imprint/index.html"), page(out, "de/imprint/index.html")
    assert '<dt>Address</dt> <dd class="placeholder">not yet given</dd>' in english
    assert '<dt>Anschrift</dt> <dd class="placeholder">noch nicht angegeben</dd>' in german
    assert "PLACEHOLDER" not in english + german
    assert '<dt>Organisation</dt> <dd lang="de">Test e.V.</dd>' in english  # a real fact: as registered, in German


def test_a_partner_without_focus_areas_shows_no_empty_list(site, tmp_path):
    out = tmp_path / "out"
    build(site({"data/partners.yaml": PARTNERS.replace("focus_areas: [imaging]", "focus_areas: []")}), out, TODAY,
          search=False)
    alpha = page(out, "en/partners/alpha/index.html")
    assert "Focus areas" not in alpha and "<dt>Based in</dt> <dd>Nürnberg</dd>" in alpha
    assert "Orthopaedic technology" in page(out, "en/partners/beta/index.html")
    partners = page(out, "en/partners/index.html")
    assert '<ul class="tags"></ul>' not in partners and "<li>Orthopaedic technology</li>" in partners


def test_an_initiative_without_partners_says_none_are_named_yet(site, tmp_path):
    out = tmp_path / "out"
    initiative = "- id: planned\n  title: {de: Geplant, en: Planned}\n  goal: {de: Ziel., en: Aim.}\n  partners: []\n"
    build(site({"data/initiatives.yaml": initiative}), out, TODAY, search=False)
    english = page(out, "en/initiatives/planned/index.html")
    assert ('<h2 id="initiative-partners">Partners involved</h2> <p>No partners have been named for this initiative '
            "yet.</p>") in english
    assert "Für diese Initiative sind noch keine Partner benannt." in page(out, "de/initiatives/planned/index.html")


def test_a_place_named_like_its_city_is_named_once(site, tmp_path):
    out = tmp_path / "out"
    build(site({"data/events.yaml": EVENTS.replace("{name: Messe, city: Düsseldorf", "{name: Dresden, city: Dresden")}),
          out, TODAY, search=False)
    assert "<dt>Where</dt> <dd>Dresden (Germany)</dd>" in page(out, "en/events/fair-2027/index.html")
    build(site(), out, TODAY, search=False)
    assert "<dt>Where</dt> <dd>Messe, Düsseldorf (Germany)</dd>" in page(out, "en/events/fair-2027/index.html")
