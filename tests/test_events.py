"""Event pages: the split around --today, month views, filters, time zones on pages, feed, structured data."""
from __future__ import annotations

import json
import re

import feedparser
import pytest

from conftest import EXAMPLE_TODAY as TODAY
from sitegen.pipeline import build, check


@pytest.fixture(scope="module")
def built(example_built):
    """Return the example site built on its today without the search index."""
    return example_built


def listed(html: str, section: str) -> list[str]:
    """Return the event ids listed in the upcoming or past part of the event list."""
    part = html.split(f"data-{section}>")[1].split("</div>")[0]
    return re.findall(r'<h3><a href="/\w+/\w\w/events/([^/]+)/">', part)


def test_lists_split_around_today_soonest_and_latest_first(built):
    page = (built / "en/events/index.html").read_text()
    upcoming, past = listed(page, "upcoming"), listed(page, "past")
    assert upcoming[0] == "partner-meeting-2026-11"
    assert upcoming[-1] == "medica-2027" and "regulatory-workshop-linz-2027" in upcoming
    assert past[:2] == ["medica-2026", "medica-2021"] and past[-1] == "cleanroom-energy-workshop-2016"
    assert len(upcoming) + len(past) == 16 and not set(upcoming) & set(past)


def test_an_event_today_is_upcoming_and_yesterday_is_past(site, tmp_path):
    from support.minimal_site import EVENTS
    events = EVENTS + EVENTS.replace("fair-2027", "today").replace("2027-11-15", "2026-11-23").replace(
        "  end: 2027-11-18\n", "") + EVENTS.replace("fair-2027", "yesterday").replace("2027-11-15", "2026-11-22").replace(
        "2027-11-18", "2026-11-22")
    build(site({"data/events.yaml": events}), tmp_path / "out", TODAY, search=False)
    page = (tmp_path / "out/de/events/index.html").read_text()
    assert listed(page, "upcoming") == ["today", "fair-2027"] and listed(page, "past") == ["yesterday"]


def test_month_views_show_an_event_in_every_month_it_touches(built):
    for month in ("2027-04", "2027-05"):
        page = (built / f"de/events/{month}/index.html").read_text()
        assert page.count('href="/dach/de/events/styria-partnering-days-2027/"') == 2
    april = (built / "de/events/2027-04/index.html").read_text()
    assert "<caption>April 2027</caption>" in april
    assert '<th scope="col"><abbr title="Montag">Mo.</abbr></th>' in april
    assert 'href="/dach/de/events/2027-03/" rel="prev"' in april and 'href="/dach/de/events/2027-05/" rel="next"' in april
    current = (built / "en/events/2026-11/index.html").read_text()
    assert 'aria-current="date"' in current and current.count("/en/events/medica-2026/") == 4


def test_a_month_without_events_says_so_and_each_day_has_its_full_date_for_phones(site, tmp_path):
    build(site(), tmp_path / "out", TODAY, search=False)  # its one event is in November 2027
    empty = (tmp_path / "out/de/events/2026-11/index.html").read_text()
    assert "<p>In diesem Monat gibt es keine Veranstaltungen.</p>" in empty
    assert '<td class="today free" aria-current="date">' in empty and empty.count('<td class="free">') == 29
    busy = (tmp_path / "out/en/events/2027-11/index.html").read_text()
    assert "No events this month." not in busy
    assert ('<time datetime="2027-11-15"><span class="day-short">15</span> '
            '<span class="day-long">Monday, 15 November 2027</span></time>') in busy


def test_event_page_shows_its_own_time_zone_and_links(built):
    german = (built / "de/events/swiss-market-entry-webinar-2027/index.html").read_text()
    assert "10. Februar 2027, 16:00–17:30 (Zürich, MEZ)" in german
    assert 'href="/dach/de/events/swiss-market-entry-webinar-2027/swiss-market-entry-webinar-2027.ics" download' in german
    assert 'href="webcal://medtech-cluster-alliance.github.io/dach/de/events/calendar.ics"' in german
    assert "16.–19. November 2026" in (built / "de/events/medica-2026/index.html").read_text()
    assert "16–19 November 2026" in (built / "en/events/medica-2026/index.html").read_text()
    cancelled = (built / "en/events/regulatory-workshop-linz-2027/index.html").read_text()
    assert '<span class="badge badge-warn">Cancelled</span>' in cancelled


def words(html: str) -> str:
    """Return the text of HTML as read aloud: tags removed, whitespace runs as one space."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_a_status_badge_is_a_word_of_its_own(built):
    """Written "LinzCancelled" it was one word to screen readers and search, and looked glued on."""
    assert "· Linz Cancelled" in words((built / "en/events/index.html").read_text())
    assert "· Hamburg Verschoben" in words((built / "de/events/index.html").read_text())
    assert "Workshop Cancelled" in words((built / "en/events/regulatory-workshop-linz-2027/index.html").read_text())
    assert "Netzwerktreffen Verschoben" in words((built / "de/events/north-network-meeting-2027/index.html").read_text())
    assert "· Erlangen </p>" in " ".join((built / "en/events/index.html").read_text().split())  # scheduled: no badge


def structured(page: str) -> dict:
    """Return the JSON-LD of a page."""
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])


def test_json_ld_event_with_status_and_attendance_mode(built):
    online = structured((built / "en/events/swiss-market-entry-webinar-2027/index.html").read_text())
    assert online["@type"] == "Event" and online["startDate"] == "2027-02-10T16:00:00+01:00"
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://webinar.healthtech-cluster.example/market-entry"}
    cancelled = structured((built / "en/events/regulatory-workshop-linz-2027/index.html").read_text())
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_filter_pages_by_kind_and_country(built):
    webinars = (built / "en/events/kind/webinar/index.html").read_text()
    assert listed(webinars, "upcoming") == ["swiss-market-entry-webinar-2027"] and listed(webinars, "past") == []
    austria = (built / "de/events/country/at/index.html").read_text()
    assert sorted(listed(austria, "upcoming")) == ["regulatory-workshop-linz-2027", "styria-partnering-days-2027",
                                                    "supply-chain-workshop-vienna-2027"]


def test_feed_of_newly_announced_events(built):
    feed = feedparser.parse((built / "de/events/feed.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries[:4]] == ["Workshop: Resiliente Lieferketten in der Medizintechnik",
                                                   "Zulieferertag Tuttlingen", "MEDICA 2027", "MedtecLIVE 2027"]
    assert feed.entries[0].published == "2026-11-20T00:00:00+00:00"
    assert all(e.link.startswith("https://medtech-cluster-alliance.github.io/dach/de/events/") for e in feed.entries)


def test_reserved_event_ids(site):
    from support.minimal_site import EVENTS
    found, problems = check(site({"data/events.yaml": EVENTS.replace("id: fair-2027", "id: 2027-11")}))
    assert [p.format() for p in problems] == [
        "data/events.yaml:1: error: id: '2027-11' is reserved for the event filters and month views "
        "(another id, e.g. workshop-vienna-2027)"]


def event_groups(page: str, section: str) -> list[tuple[str, str, list[str]]]:
    """Return the headings in a page's events section (h2 `section`), each as (id, text, ids of the events under it);
    an event's title must be a level below its heading's."""
    part = page.split(f'<h2 id="{section}">')[1].split("</section>")[0]
    assert "<h3><a" not in part  # an event's title under an h3 is an h4
    groups: list[tuple[str, str, list[str]]] = []
    for heading, text, event in re.findall(r'<h3 id="([^"]+)">([^<]+)</h3>|<h4><a href="/\w+/\w\w/events/([^/]+)/"',
                                           part):
        if heading:
            groups.append((heading, text, []))
        else:
            groups[-1][2].append(event)  # an event before any heading fails here
    return groups


def test_an_initiative_lists_its_upcoming_events_soonest_first_then_its_past_ones(built):
    """Newest first, "17 June 2027" stood directly above "25 October 2016", as if the workshop were still to come."""
    assert event_groups((built / "en/initiatives/sustainable-value-chains/index.html").read_text(),
                        "initiative-events") == [
        ("initiative-events-upcoming", "Upcoming events", ["supplier-day-tuttlingen-2027"]),
        ("initiative-events-past", "Past events", ["cleanroom-energy-workshop-2016"])]
    assert event_groups((built / "de/initiatives/sustainable-value-chains/index.html").read_text(),
                        "initiative-events") == [
        ("initiative-events-upcoming", "Kommende Veranstaltungen", ["supplier-day-tuttlingen-2027"]),
        ("initiative-events-past", "Vergangene Veranstaltungen", ["cleanroom-energy-workshop-2016"])]


def test_the_home_page_teaser_leaves_cancelled_events_out(built):
    """The workshop in Linz (20 January 2027) is cancelled: the teaser of three shows the next three that take place;
    a postponed event stays, marked. The event list keeps the cancelled one, marked."""
    for lang, postponed in (("de", "Verschoben"), ("en", "Postponed")):
        home = (built / lang / "index.html").read_text()
        part = home.split('<h2 id="next-events">')[1].split("</section>")[0]
        assert re.findall(r'<h3><a href="/dach/\w\w/events/([^/]+)/">', part) == [
            "partner-meeting-2026-11", "swiss-market-entry-webinar-2027", "north-network-meeting-2027"]
        assert f'<span class="badge badge-warn">{postponed}</span>' in part
        events = (built / lang / "events/index.html").read_text()
        assert listed(events, "upcoming")[:3] == [
            "partner-meeting-2026-11", "regulatory-workshop-linz-2027", "swiss-market-entry-webinar-2027"]
