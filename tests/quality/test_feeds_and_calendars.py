"""The built site's feeds and calendars, as readers and calendar clients take them (publishing gate checks).

Plus self-tests of the checkers on broken files, so a checker that stopped finding problems would show.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from support.calendars import calendar_problems, webcal_problems
from support.feeds import feed_files, feed_problems

pytestmark = [pytest.mark.xdist_group("quality-standards")]

BASE = "https://alliance.example/dach/"


def show(problems: list[str], limit: int = 60) -> str:
    """Return problems one a line (the first `limit`), for assertion messages."""
    more = f"\n… and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:limit]) + more


@pytest.mark.gate
def test_every_feed_parses_and_leads_to_pages_of_the_site(built_site):
    assert feed_files(built_site.root), "the site has no Atom or RSS feed"
    problems = feed_problems(built_site.root, built_site.base_url)
    assert not problems, show(problems)


@pytest.mark.gate
def test_every_calendar_parses_and_says_the_same_of_an_event_everywhere(built_site):
    assert any(built_site.root.rglob("*.ics")), "the site has no calendar file"
    problems = calendar_problems(built_site.root, built_site.base_url)
    assert not problems, show(problems)


@pytest.mark.gate
def test_every_webcal_link_subscribes_to_a_calendar_of_the_site(built_site):
    problems = webcal_problems(built_site.root, built_site.base_url)
    assert not problems, show(problems)


# --- self-tests of the checkers ---

def write(root: Path, files: dict[str, str]) -> Path:
    """Write files under root."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def atom(lang: str, self_link: str, entries: str, updated: str = "2026-11-20T00:00:00Z", author: bool = True) -> str:
    """Return an Atom feed."""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
            f"<id>tag:alliance.example,2026:press/{lang}</id><title>Press</title><updated>{updated}</updated>"
            + ("<author><name>Alliance</name></author>" if author else "")
            + f'<link rel="self" href="{self_link}"/><link rel="alternate" href="{BASE}{lang}/press/"/>'
            + f"{entries}</feed>")


def entry(entry_id: str, link: str, title: str = "News", updated: str = "2026-11-20T00:00:00Z") -> str:
    """Return an Atom entry."""
    return (f"<entry><id>{entry_id}</id><title>{title}</title><updated>{updated}</updated>"
            f'<link href="{link}"/></entry>')


def test_the_feed_checker_finds_what_readers_would_stumble_on(tmp_path):
    good = entry("tag:a,2026:1", f"{BASE}de/press/one/")
    root = write(tmp_path, {
        "de/press/index.html": "", "de/press/one/index.html": "", "en/press/index.html": "",
        "de/press/feed.xml": atom("de", f"{BASE}de/press/feed.xml", good),
        "en/press/feed.xml": atom("de", f"{BASE}de/press/feed.xml",
                                  entry("tag:a,2026:1", f"{BASE}en/press/gone/", title="")
                                  + entry("tag:a,2026:1", "https://elsewhere.example/x/",
                                          updated="2027-01-01T00:00:00Z"),
                                  author=False),
        "de/events/feed.xml": atom("de", f"{BASE}de/events/feed.xml", good).replace("</feed>", ""),
        "sitemap.xml": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
    })
    assert [file.relative_to(root).as_posix() for file in feed_files(root)] == [
        "de/events/feed.xml", "de/press/feed.xml", "en/press/feed.xml"]
    problems = feed_problems(root, BASE)
    assert problems[0].startswith("de/events/feed.xml: not well-formed XML: ")
    assert problems[1:] == [
        "en/press/feed.xml: no author (Atom needs one for the feed or for every entry)",
        "en/press/feed.xml: language 'de', expected 'en' (the folder it is in)",
        f"en/press/feed.xml: self link '{BASE}de/press/feed.xml', expected its own address {BASE}en/press/feed.xml",
        "en/press/feed.xml: entry id 'tag:a,2026:1' appears 2 times",
        "en/press/feed.xml: entry 1 (tag:a,2026:1): no title",
        f"en/press/feed.xml: entry 1 (tag:a,2026:1): link '{BASE}en/press/gone/' is no page of the site under {BASE}",
        f"en/press/feed.xml: entry 2 (tag:a,2026:1): link 'https://elsewhere.example/x/' is no page of the site "
        f"under {BASE}",
        "en/press/feed.xml: the feed's updated date is older than an entry's (readers may not look again)",
    ]


CALENDAR = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
{events}END:VCALENDAR
"""


def vevent(uid: str, start: str = "DTSTART;TZID=Europe/Berlin:20271109T100000",
           end: str = "DTEND;TZID=Europe/Berlin:20271109T130000", url: str = f"{BASE}de/events/a/",
           more: str = "") -> str:
    """Return a VEVENT."""
    return (f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20261120T000000Z\n{start}\n{end}\nSUMMARY:Workshop\n"
            f"URL:{url}\n{more}END:VEVENT\n")


def crlf(text: str) -> str:
    """Return iCalendar text with CRLF line ends."""
    return text.replace("\n", "\r\n")


def test_the_calendar_checker_finds_what_calendar_clients_would_stumble_on(tmp_path):
    root = write(tmp_path, {
        "de/events/a/index.html": "",
        "de/events/a/a.ics": crlf(CALENDAR.format(events=vevent("a@x"))),
        "de/events/calendar.ics": crlf(CALENDAR.format(events=(
            vevent("a@x", more="STATUS:CANCELLED\n")
            + vevent("b@x", start="DTSTART;TZID=Europe/Vienna:20271109T100000", end="DTEND;VALUE=DATE:20271108",
                     url=f"{BASE}de/events/b/")
            + vevent("c@x", start="DTSTART:2027013", end="").replace("DTSTAMP:20261120T000000Z\n", "")
            + vevent("c@x")))),
        "en/events/calendar.ics": crlf(CALENDAR.format(events="").replace("VERSION:2.0", "VERSION:1.0")),
        "en/events/broken.ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
    })
    problems = calendar_problems(root, BASE)
    assert problems[:6] == [
        "de/events/calendar.ics: UID c@x appears 2 times",
        "de/events/calendar.ics: a@x says STATUS otherwise than in de/events/a/a.ics",
        "de/events/calendar.ics: b@x: DTSTART 2027-11-09 10:00:00+01:00 and DTEND 2027-11-08 are not both dates or "
        "both times",
        "de/events/calendar.ics: b@x: DTSTART in time zone Europe/Vienna, which has no VTIMEZONE in the file",
        f"de/events/calendar.ics: b@x: URL {BASE}de/events/b/ is no page of the site under {BASE}",
        "de/events/calendar.ics: c@x: no DTSTAMP",
    ]
    assert problems[6] == "de/events/calendar.ics: c@x: DTSTART: Expected time, got: 2027013"
    assert problems[7].startswith("en/events/broken.ics: does not parse: ")
    assert problems[8:] == ["en/events/calendar.ics: VERSION '1.0', expected '2.0'",
                            "en/events/calendar.ics: holds no event"]


def test_the_webcal_checker_finds_subscriptions_to_nothing(tmp_path):
    root = write(tmp_path, {
        "de/events/calendar.ics": "",
        "de/events/index.html": '<a href="webcal://alliance.example/dach/de/events/calendar.ics">ok</a>'
                                '<a href="webcal://alliance.example/dach/en/events/calendar.ics">gone</a>'
                                '<a href="webcal://elsewhere.example/dach/de/events/calendar.ics">away</a>'
                                '<a href="webcal://alliance.example/dach/de/events/">no file</a>',
    })
    assert webcal_problems(root, BASE) == [
        f"de/events/index.html: {link} → no calendar file of the site under {BASE}" for link in (
            "webcal://alliance.example/dach/de/events/", "webcal://alliance.example/dach/en/events/calendar.ics",
            "webcal://elsewhere.example/dach/de/events/calendar.ics")]
