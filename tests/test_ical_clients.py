"""Calendar clients read our .ics files alike: icalendar, vobject and ical.js (Thunderbird's parser, run by
tools/ical_instants.js under Node) give every event the start and end that zoneinfo gives its local time.

icalendar takes a TZID it knows from zoneinfo, never from the file: vobject and ical.js read the file's VTIMEZONE,
and the VTIMEZONE blocks are also made into time zones by icalendar itself and compared with zoneinfo.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
import vobject

from conftest import EXAMPLE_TODAY, ROOT
from sitegen import ical
from sitegen.pipeline import build, check

ICALJS = ROOT / ".tools/node_modules/ical.js/dist/ical.js"
SCRIPT = ROOT / "tools/ical_instants.js"
DACH = ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich")
UTC = dt.timezone.utc

Reading = tuple  # (start, end): Unix time of a date-time, "YYYY-MM-DD" of a date, None for no DTEND


def plain(value: dt.date | dt.datetime | None) -> int | str | None:
    """Return a parsed DTSTART/DTEND as the Node script prints it."""
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"{value} read as floating time"
        return int(value.timestamp())
    return value.isoformat() if value is not None else None


def by_icalendar(path: Path) -> dict[str, Reading]:
    """Return UID → (start, end) as icalendar reads a file."""
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return {str(e["UID"]): (plain(e.decoded("DTSTART")), plain(e.decoded("DTEND") if "DTEND" in e else None))
            for e in events}


def by_vobject(path: Path) -> dict[str, Reading]:
    """Return UID → (start, end) as vobject reads a file."""
    events = vobject.readOne(path.read_text(encoding="utf-8")).vevent_list
    return {e.uid.value: (plain(e.dtstart.value), plain(e.dtend.value if "dtend" in e.contents else None))
            for e in events}


def by_icaljs(paths: list[Path]) -> dict[Path, dict[str, Reading]]:
    """Return file → UID → (start, end) as ical.js reads the files (one Node run)."""
    node = shutil.which("node")
    if node is None or not ICALJS.is_file():
        pytest.fail(f"{'node' if node is None else ICALJS} is missing: run `bash tools/setup-test-tools.sh` "
                    "(Node, npm ical.js into .tools/)", pytrace=False)
    done = subprocess.run([node, str(SCRIPT), *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {Path(file): {uid: (seen["start"], seen["end"]) for uid, seen in events.items()}
            for file, events in json.loads(done.stdout).items()}


def misreadings(paths: list[Path], expected: dict[str, Reading]) -> list[str]:
    """Return a line for each event (expected: UID's part before @ → reading) a client reads otherwise."""
    icaljs = by_icaljs(paths)
    problems = []
    for path in paths:
        readings = {"icalendar": by_icalendar(path), "vobject": by_vobject(path), "ical.js": icaljs[path]}
        for client, events in readings.items():
            assert events, (client, path)
            problems += [f"{path.name}: {uid}: {client} reads {got}, zoneinfo says {expected[uid.split('@')[0]]}"
                         for uid, got in events.items() if got != expected[uid.split("@")[0]]]
    return problems


def expected_of(events) -> dict[str, Reading]:
    """Return event id → (start, end) from the events' data and zoneinfo."""
    result = {}
    for event in events:
        if event.all_day:
            end = event.last_day + dt.timedelta(days=1)
        else:
            end = ical.instant(event.end, event.timezone) if event.end is not None else None
        result[event.id] = (plain(ical.instant(event.start, event.timezone)), plain(end))
    return result


def cases(events) -> set[tuple[str, str]]:
    """Return the (zone, summer time | winter time | all day) the events show."""
    found = set()
    for event in events:
        if event.all_day:
            found.add((event.timezone, "all day"))
            continue
        for moment in (event.start, event.end):
            if moment is not None:
                summer = bool(ical.instant(moment, event.timezone).dst())
                found.add((event.timezone, "summer time" if summer else "winter time"))
    return found


@pytest.mark.node
def test_example_site_calendars_read_alike_in_every_client(example_built, example_site):
    paths = sorted(example_built.rglob("*.ics"))
    assert len(paths) == 2 + 2 * len(example_site.events)
    problems = misreadings(paths, expected_of(example_site.events))
    assert not problems, "\n".join(problems)


EVENT = """\
- id: {id}
  kind: workshop
  start: {start}
  end: {end}
  timezone: {zone}
  place: {{name: Haus, city: Stadt, country: DE}}
  title: {{de: Termin {id}, en: Event {id}}}
  description: {{de: Ein Termin., en: An event.}}
  announced: 2015-12-01
"""
STRING_EVENTS = [  # what the example site lacks: summer time in Vienna and Zurich, changes of the clocks, far years
    ("vienna-summer-2016", "2016-07-05T09:00", "2016-07-05T17:00", "Europe/Vienna"),
    ("vienna-autumn-change-2027", "2027-10-30T22:00", "2027-10-31T09:00", "Europe/Vienna"),
    ("vienna-all-day-2030", "2030-06-10", "2030-06-12", "Europe/Vienna"),
    ("zurich-summer-2024", "2024-08-20T14:00", "2024-08-20T16:00", "Europe/Zurich"),
    ("zurich-winter-2035", "2035-02-01T09:00", "2035-02-01T10:00", "Europe/Zurich"),
    ("zurich-all-day-change-2027", "2027-03-27", "2027-03-28", "Europe/Zurich"),
    ("berlin-first-day-2016", "2016-01-01T00:30", "2016-01-01T02:00", "Europe/Berlin"),
    ("berlin-spring-change-2027", "2027-03-28T01:30", "2027-03-28T03:30", "Europe/Berlin"),
    ("berlin-autumn-change-2031", "2031-10-26T01:30", "2031-10-26T03:30", "Europe/Berlin"),
    ("berlin-shown-twice-2027", "2027-10-31T02:15", "2027-10-31T02:45", "Europe/Berlin"),  # the first 02:15
    ("berlin-all-day-2021", "2021-10-31", "2021-10-31", "Europe/Berlin"),
]


@pytest.mark.node
def test_calendars_of_every_zone_season_and_year_read_alike(site, tmp_path):
    events = "".join(EVENT.format(id=id, start=start, end=end, zone=zone) for id, start, end, zone in STRING_EVENTS)
    source = site({"data/events.yaml": events})
    out = tmp_path / "out"
    checked, problems = check(source, today=EXAMPLE_TODAY)
    assert checked is not None, [problem.format() for problem in problems]
    assert cases(checked.events) == {(zone, case) for zone in DACH
                                     for case in ("summer time", "winter time", "all day")}
    build(source, out, EXAMPLE_TODAY, search=False)
    paths = sorted(out.rglob("*.ics"))
    assert len(paths) == 2 + 2 * len(STRING_EVENTS)
    problems = misreadings(paths, expected_of(checked.events))
    assert not problems, "\n".join(problems)


def local_times(zone: str, years: range) -> list[dt.datetime]:
    """Return local times of a zone to test it by: noon on the 1st of every month, and every half hour from 22:00 the
    evening before to 06:00 of each day the clocks change (leaving out times the clocks skip or show twice)."""
    timezone = ical.zone(zone)
    result = []
    for year in years:
        day = dt.date(year, 1, 1)
        while day.year == year:
            midnight = dt.datetime.combine(day, dt.time(), timezone)
            if day.day == 1:
                result.append(dt.datetime.combine(day, dt.time(12)))
            if midnight.utcoffset() != (midnight + dt.timedelta(hours=23, minutes=59)).utcoffset():
                evening = dt.datetime.combine(day, dt.time()) - dt.timedelta(hours=2)
                result += [evening + dt.timedelta(minutes=30 * number) for number in range(17)]
            day += dt.timedelta(days=1)
    return [moment for moment in result if _unambiguous(moment, timezone)]


def _unambiguous(moment: dt.datetime, timezone) -> bool:
    """Return whether a local time exists once."""
    first, second = moment.replace(tzinfo=timezone), moment.replace(tzinfo=timezone, fold=1)
    return (first.utcoffset() == second.utcoffset()
            and first.astimezone(UTC).astimezone(timezone).replace(tzinfo=None) == moment)


@pytest.mark.node
@pytest.mark.parametrize("zone, years", [
    *((zone, range(2016, 2041)) for zone in DACH),
    ("America/New_York", range(2005, 2010)),  # a new rule in 2007: RDATEs before its RRULE
    ("Australia/Sydney", range(2006, 2010)),  # summer time from October, a new rule in 2008
    ("America/Sao_Paulo", range(2016, 2022)),  # summer time abolished in 2019: no yearly rule
    ("Europe/Istanbul", range(2014, 2018)),  # an autumn change moved, then summer time kept
    ("Asia/Tokyo", range(2020, 2023)),  # no changes at all
])
def test_vtimezone_gives_every_client_the_offsets_of_zoneinfo(zone, years, tmp_path):
    moments = local_times(zone, years)
    components = []
    for number, moment in enumerate(moments):
        event = icalendar.Event()
        event.add("uid", f"m{number}@test")
        event.add("dtstamp", dt.datetime(2016, 1, 1, tzinfo=UTC))
        event.add("dtstart", moment.replace(tzinfo=ical.zone(zone)))
        components.append(event)
    path = tmp_path / "zone.ics"
    path.write_bytes(ical.calendar("zone", components))
    expected = {f"m{number}": (plain(moment.replace(tzinfo=ical.zone(zone))), None)
                for number, moment in enumerate(moments)}
    problems = misreadings([path], expected)
    assert not problems, "\n".join(problems)
    # icalendar reads the zone from zoneinfo: here it reads the file's VTIMEZONE itself.
    (block,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VTIMEZONE")
    own = block.to_tz(lookup_tzid=False)
    wrong = [f"{moment}: {moment.replace(tzinfo=own).utcoffset()}" for moment in moments
             if moment.replace(tzinfo=own).utcoffset() != moment.replace(tzinfo=ical.zone(zone)).utcoffset()]
    assert not wrong, "\n".join(wrong)
    assert not [line for line in path.read_bytes().split(b"\r\n") if line.startswith(b"RDATE") and b"," in line]


def test_dach_zones_are_the_eu_rule_the_same_in_every_file():
    for zone in DACH:
        text = ical.vtimezone(zone, 2016, 2030)
        # vobject keeps the first block of a TZID it reads for every file after: each file must have the same.
        assert ical.vtimezone(zone, 2027, 2027) == ical.vtimezone(zone, 2021, 2045) == text
        block = icalendar.Timezone.from_ical(text)
        assert str(block["TZID"]) == zone
        observances = {part.name: part for part in block.subcomponents}
        assert sorted(observances) == ["DAYLIGHT", "STANDARD"]
        summer, winter = observances["DAYLIGHT"], observances["STANDARD"]
        assert summer["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
        assert winter["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
        # The clocks go forward at 02:00 CET and back at 03:00 CEST (01:00 UTC both), each read on the clock before.
        assert summer.decoded("DTSTART") == dt.datetime(1996, 3, 31, 2, 0)
        assert winter.decoded("DTSTART") == dt.datetime(1996, 10, 27, 3, 0)
        assert (summer.decoded("TZOFFSETFROM"), summer.decoded("TZOFFSETTO")) == (dt.timedelta(hours=1),
                                                                                 dt.timedelta(hours=2))
        assert (winter.decoded("TZOFFSETFROM"), winter.decoded("TZOFFSETTO")) == (dt.timedelta(hours=2),
                                                                                 dt.timedelta(hours=1))
        assert (str(summer["TZNAME"]), str(winter["TZNAME"])) == ("CEST", "CET")
