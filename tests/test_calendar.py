"""iCalendar files: both parsers read every file, with the right instants, and they match the pages."""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import icalendar
import pytest
import vobject

from conftest import EXAMPLE, EXAMPLE_TODAY
from sitegen.pipeline import build

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def built(example_built):
    """Return the example site built on its today without the search index."""
    return example_built


def ics_files(out: Path) -> list[Path]:
    """Return every generated .ics file."""
    return sorted(out.rglob("*.ics"))


def events_of(path: Path) -> dict[str, icalendar.Event]:
    """Return UID → VEVENT of a file, parsed with icalendar."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_every_file_parses_with_both_parsers_and_is_folded(built):
    files = ics_files(built)
    assert len(files) == 2 + 2 * 16
    for path in files:
        data = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar.walk("VEVENT")
        parsed = vobject.readOne(data.decode("utf-8"))
        assert len(parsed.vevent_list) == len(calendar.walk("VEVENT"))
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            assert not (line.startswith(b"RDATE") and b"," in line), (path, line)  # ical.js reads only the first
        tzids = set(re.findall(rb"TZID=([^:;]+)", data))
        declared = set(re.findall(rb"\r\nTZID:([^\r]+)", data))
        assert tzids <= declared, path


def test_vienna_workshop_after_the_autumn_change_is_nine_utc(built):
    path = built / "de/events/supply-chain-workshop-vienna-2027/supply-chain-workshop-vienna-2027.ics"
    event = events_of(path)["supply-chain-workshop-vienna-2027@medtech-cluster-alliance.github.io"]
    assert event.decoded("DTSTART").astimezone(UTC) == dt.datetime(2027, 11, 9, 9, 0, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == dt.datetime(2027, 11, 9, 12, 0, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Vienna:20271109T100000" in path.read_bytes()
    other = vobject.readOne(path.read_text()).vevent
    assert other.dtstart.value.astimezone(UTC) == dt.datetime(2027, 11, 9, 9, 0, tzinfo=UTC)


def test_dst_crossing_event_keeps_local_times(built):
    event = events_of(built / "en/events/calendar.ics")["medical-valley-network-night-2027@medtech-cluster-alliance.github.io"]
    assert event.decoded("DTSTART").astimezone(UTC) == dt.datetime(2027, 3, 27, 17, 0, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == dt.datetime(2027, 3, 28, 10, 0, tzinfo=UTC)


def test_all_day_events_use_dates_with_an_exclusive_end(built):
    data = (built / "de/events/medica-2027/medica-2027.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:20271115" in data and b"DTEND;VALUE=DATE:20271119" in data
    no_end = events_of(built / "de/events/calendar.ics")["north-network-meeting-2027@medtech-cluster-alliance.github.io"]
    assert no_end.decoded("DTSTART") == dt.date(2027, 2, 25) and no_end.decoded("DTEND") == dt.date(2027, 2, 26)


def test_status_stamp_uid_and_escaping(built):
    calendar = built / "de/events/calendar.ics"
    data = calendar.read_bytes()
    cancelled = events_of(calendar)["regulatory-workshop-linz-2027@medtech-cluster-alliance.github.io"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled.decoded("DTSTAMP") == dt.datetime(2026, 11, 10, tzinfo=UTC)
    assert b"SUMMARY:Workshop: Technische Dokumentation nach MDR" in data
    assert b"LOCATION:Messe D\xc3\xbcsseldorf\\, D\xc3\xbcsseldorf\\, Deutschland" in data
    timed_without_end = events_of(calendar)["supplier-day-tuttlingen-2027@medtech-cluster-alliance.github.io"]
    assert "DTEND" not in timed_without_end


def test_calendar_files_are_byte_identical_between_builds(built, tmp_path):
    build(EXAMPLE, tmp_path / "again", EXAMPLE_TODAY, search=False)
    for path in ics_files(built):
        assert path.read_bytes() == (tmp_path / "again" / path.relative_to(built)).read_bytes(), path


def test_vtimezone_comes_from_the_pinned_tzdata_package():
    import zoneinfo

    import sitegen.ical  # noqa: F401 - importing it pins the zone source

    assert zoneinfo.TZPATH == ()


def test_calendar_import_shows_what_the_pages_show(built):
    for path in sorted((built / "de/events").glob("*/*.ics")):
        event = next(iter(events_of(path).values()))
        page = (path.parent / "index.html").read_text()
        assert f">{html.escape(str(event['SUMMARY']), quote=False)}</h1>" in page.replace("&#34;", '"'), path
        start = event.decoded("DTSTART")
        if isinstance(start, dt.datetime):
            assert f"{start:%H:%M}" in page
        assert str(event["URL"]).endswith(f"/de/events/{path.parent.name}/")
        location = str(event.get("LOCATION", ""))
        if location and not location.startswith("http"):
            assert location.split(", ")[0] in html.unescape(page)
