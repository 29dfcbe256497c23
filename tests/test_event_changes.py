"""Calendars follow changes: a moved, relocated, cancelled or postponed event raises SEQUENCE and DTSTAMP in the .ics
files, and `check` asks for a later `updated` when an event changed since its last published version in git."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import icalendar
import pytest

from conftest import run_cli
from sitegen import event_changes, history
from sitegen.pipeline import build
from sitegen.problems import Problem
from support.minimal_site import EVENTS, write_site

TODAY = dt.date(2026, 11, 23)
EPOCH = str(int(dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc).timestamp()))
"""SOURCE_DATE_EPOCH of TODAY: `check` takes its today from it."""
PATH = "data/events.yaml"
WORKSHOP = """\
- id: workshop-2027
  kind: workshop
  start: 2027-03-04T10:00
  end: 2027-03-04T16:00
  timezone: Europe/Vienna
  place: {name: Haus der Industrie, city: {de: Wien, en: Vienna}, country: AT}
  title: {de: Werkstatt, en: Workshop}
  description: {de: Ein Workshop., en: A workshop.}
  announced: 2026-02-01
"""
TWO = EVENTS + WORKSHOP
"""The minimal site's fair (line 1) and a workshop (line 11)."""
WORKSHOP_LINE = EVENTS.count("\n") + 1
UID = "workshop-2027@example.org"


def changed(text: str, *edits: tuple[str, str]) -> str:
    """Return `text` with each (old, new) replaced once; the old text must be there."""
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def compared(before: str, after: str, today: dt.date = TODAY) -> list[Problem]:
    """Return the problems `check` finds in `after` against the published `before`."""
    return event_changes.problems(event_changes.versions(before, PATH), event_changes.versions(after, PATH), PATH, today)


def stayed(change: str, updated: str = "2026-02-01", fix: str = "2026-11-23", line: int = WORKSHOP_LINE) -> Problem:
    """Return the error of an event changed (`change`: "field old → new; …") while its `updated` stayed."""
    return Problem(PATH, line, "updated", f"stayed {updated} while the event changed since it was published "
                   f"({change}): calendars that have it keep the old version", f"set updated: to {fix}")


# The comparison, from strings.

POSTPONED = (("start: 2027-03-04T10:00", "start: 2027-05-06T09:30"), ("end: 2027-03-04T16:00", "end: 2027-05-06T15:00"))


def test_a_moved_event_without_a_later_updated_is_an_error_naming_the_change_and_the_fix():
    assert compared(TWO, changed(TWO, *POSTPONED)) == [
        stayed("start 2027-03-04T10:00 → 2027-05-06T09:30; end 2027-03-04T16:00 → 2027-05-06T15:00")]
    assert stayed("start 1 → 2").format().endswith(
        "updated: stayed 2026-02-01 while the event changed since it was published (start 1 → 2): calendars that "
        "have it keep the old version (set updated: to 2026-11-23)")


def test_a_later_updated_lets_the_change_pass():
    assert compared(TWO, changed(TWO, *POSTPONED, ("announced: 2026-02-01", "announced: 2026-02-01\n  updated: 2026-11-23"))) == []


@pytest.mark.parametrize("edit, change", [
    (("timezone: Europe/Vienna", "timezone: Europe/Berlin"), "timezone Europe/Vienna → Europe/Berlin"),
    (("{de: Wien, en: Vienna}", "Graz"), "place Haus der Industrie, Wien/Vienna, AT → Haus der Industrie, Graz, AT"),
    (("name: Haus der Industrie,", "name: Haus der Industrie, address: Schwarzenbergplatz 4,"),
     "place Haus der Industrie, Wien/Vienna, AT → Haus der Industrie, Schwarzenbergplatz 4, Wien/Vienna, AT"),
    (("  title: {de: Werkstatt", "  online_url: https://meet.alpha-cluster.eu/w\n  title: {de: Werkstatt"),
     "online_url none → https://meet.alpha-cluster.eu/w"),
    (("  title: {de: Werkstatt", "  status: cancelled\n  title: {de: Werkstatt"), "status scheduled → cancelled"),
    (("  title: {de: Werkstatt", "  status: postponed\n  title: {de: Werkstatt"), "status scheduled → postponed"),
    (("start: 2027-03-04T10:00", "start: 2027-03-04"), "start 2027-03-04T10:00 → 2027-03-04; end 2027-03-04T16:00 → none"),
])
def test_time_place_and_status_each_need_a_later_updated(edit, change):
    after = changed(TWO, edit, *([("  end: 2027-03-04T16:00\n", "")] if "end" in change else []))
    assert compared(TWO, after) == [stayed(change)]


def test_what_calendars_do_not_show_and_how_it_is_written_need_no_updated():
    rewritten = changed(TWO, ("start: 2027-03-04T10:00", 'start: "2027-03-04T10:00"'),
                        ("{name: Haus der Industrie, city: {de: Wien, en: Vienna}, country: AT}",
                         "\n    name: Haus der Industrie\n    city: {en: Vienna, de: Wien}\n    country: AT"),
                        ("title: {de: Werkstatt,", "title: {de: Werkstatt der Allianz,"),
                        ("  title: {de: Werkstatt", "  status: scheduled\n  title: {de: Werkstatt"),
                        ("place: {name: Messe, city: Düsseldorf,", "place: {name: Messe, city: {de: Düsseldorf, en: Düsseldorf},"))
    assert compared(TWO, rewritten) == []


def test_a_second_change_on_the_day_of_the_first_asks_for_tomorrow():
    published = changed(TWO, ("announced: 2026-02-01", "announced: 2026-02-01\n  updated: 2026-11-23"))
    assert compared(published, changed(published, ("timezone: Europe/Vienna", "timezone: Europe/Berlin"))) == [
        stayed("timezone Europe/Vienna → Europe/Berlin", updated="2026-11-23", fix="2026-11-24")]


def test_updated_never_goes_back_and_announced_never_lowers_the_sequence():
    published = changed(TWO, ("announced: 2026-02-01", "announced: 2026-02-01\n  updated: 2026-06-01"))
    back = changed(published, ("updated: 2026-06-01", "updated: 2026-05-01"))
    assert compared(published, back) == [
        Problem(PATH, WORKSHOP_LINE, "updated", "went back from 2026-06-01 to 2026-05-01 since the event was "
                "published: calendars ignore a version older than theirs", "updated: 2026-06-01 or later")]
    assert compared(published, changed(back, *POSTPONED)) == [
        Problem(PATH, WORKSHOP_LINE, "updated", "went back from 2026-06-01 to 2026-05-01 while the event changed "
                "since it was published (start 2027-03-04T10:00 → 2027-05-06T09:30; end 2027-03-04T16:00 → "
                "2027-05-06T15:00): calendars that have it keep the old version", "set updated: to 2026-11-23")]
    later = Problem(PATH, WORKSHOP_LINE, "announced", "moved from 2026-02-01 to 2026-03-01 since the event was "
                    "published: calendars count its changes from it and would ignore this version",
                    "keep announced: 2026-02-01")
    announced_later = changed(published, ("announced: 2026-02-01", "announced: 2026-03-01"))
    assert compared(published, announced_later) == [later]
    caught_up = changed(announced_later, *POSTPONED, ("updated: 2026-06-01", "updated: 2026-06-29"))
    assert compared(published, caught_up) == [later]  # a later updated, but the same SEQUENCE
    assert compared(published, changed(caught_up, ("updated: 2026-06-29", "updated: 2026-06-30"))) == []
    assert compared(published, changed(published, ("announced: 2026-02-01", "announced: 2026-01-01"))) == []


def test_an_event_still_to_come_that_is_deleted_or_renamed_is_a_warning():
    expected = [Problem(PATH, 1, "", "the event 'workshop-2027' (2027-03-04T10:00) was published and is still to "
                        "come, but is no longer here: calendars that have it keep showing it",
                        "to tell them, keep it with its id, status: cancelled and updated: 2026-11-23; delete it "
                        "only if it never took place in anyone's plans", warning=True)]
    assert compared(TWO, EVENTS) == expected
    assert compared(TWO, changed(TWO, ("id: workshop-2027", "id: workshop-vienna-2027"))) == expected
    assert compared(TWO, EVENTS, today=dt.date(2027, 3, 5)) == []  # over: calendars keep it as it was
    assert compared(TWO, changed(TWO, ("id: workshop-2027", "id: workshop-2027\n  unknown: field"))) == []


def test_versions_that_are_no_list_of_events_are_not_compared():
    assert event_changes.versions("- id: [\n", PATH) is None
    assert event_changes.versions("events: 1\n", PATH) is None
    assert event_changes.versions("", PATH) == {}
    broken = event_changes.versions(changed(TWO, ("start: 2027-03-04T10:00", "start: soon")), PATH)
    assert broken["workshop-2027"] is None and broken["fair-2027"].line == 1
    assert compared(TWO, changed(TWO, ("start: 2027-03-04T10:00", "start: soon"))) == []  # validation says why


# The last published version, from git.

EDITOR = ("-c", "user.name=Editor", "-c", "user.email=editor@alpha-cluster.eu", "-c", "commit.gpgsign=false")
NOT_COMPARED = "not compared with the last published version ({}): a changed time, place or status needs a later updated: date"


def clean_env(**extra: str) -> dict[str, str]:
    """Return this process's environment without git's and GitHub's variables, today TODAY, and `extra`."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "GITHUB_"))}
    return {**kept, "SOURCE_DATE_EPOCH": EPOCH, **extra}


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` as an editor would; return what it printed."""
    return subprocess.run(["git", *EDITOR, "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=clean_env()).stdout.strip()


def committed(repo: Path, message: str) -> str:
    """Commit everything in `repo`; return the commit's hash."""
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, Path, str]:
    """Return a git repository, its site folder (a subfolder, as tests/sites/example is) and the hash of its first
    commit on main: the minimal site with the fair and the workshop."""
    root = tmp_path / "repo"
    source = write_site(root / "sites" / "alliance", {PATH: TWO})
    git(tmp_path, "init", "--quiet", "--initial-branch", "main", str(root))
    return root, source, committed(root, "Publish the workshop")


def check(source: Path, *options: str, **env: str):
    """Run `build.py check` on a site folder; return the finished process."""
    return run_cli("check", "--source", str(source), *options, env=clean_env(**env))


def event_lines(result) -> list[str]:
    """Return the lines `check` printed about the events file."""
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith(PATH)]


def postpone(source: Path, *more: tuple[str, str]) -> None:
    """Move the workshop in the site folder (and apply `more` edits)."""
    events = source / PATH
    events.write_text(changed(events.read_text(encoding="utf-8"), *POSTPONED, *more), encoding="utf-8")


MOVED = "start 2027-03-04T10:00 → 2027-05-06T09:30; end 2027-03-04T16:00 → 2027-05-06T15:00"


def test_check_asks_for_a_later_updated_at_the_events_line_and_passes_with_it(repo):
    root, source, _ = repo
    postpone(source)
    result = check(source)
    assert result.returncode == 1, result.stderr
    assert event_lines(result) == [stayed(MOVED).format()]
    assert result.stderr.splitlines()[-1] == "1 problem found; nothing was built."
    (source / PATH).write_text(changed(TWO, *POSTPONED, ("announced: 2026-02-01", "announced: 2026-02-01\n"
                                                         "  updated: 2026-11-23")), encoding="utf-8")
    result = check(source)
    assert result.returncode == 0, result.stderr
    assert event_lines(result) == []


def test_without_git_check_says_once_that_it_did_not_compare(site, tmp_path):
    result = check(site({PATH: TWO}), GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert event_lines(result) == [Problem(PATH, 1, "", NOT_COMPARED.format("no git history here"), warning=True).format()]


def test_locally_a_branch_is_compared_with_its_merge_base_with_main(repo):
    root, source, first = repo
    git(root, "switch", "--quiet", "--create", "postponement")
    postpone(source)
    committed(root, "Postpone the workshop")
    assert event_lines(check(source)) == [stayed(MOVED).format()]
    git(root, "switch", "--quiet", "main")
    git(root, "merge", "--quiet", "postponement")  # main holds it now, origin/main (published) not yet
    git(root, "update-ref", "refs/remotes/origin/main", first)
    assert event_lines(check(source)) == [stayed(MOVED).format()]
    assert event_lines(check(source, "--since", "HEAD")) == []


def test_in_ci_a_pull_request_is_compared_with_its_base_and_a_push_with_the_commit_before(repo):
    root, source, first = repo
    postpone(source)
    committed(root, "Postpone the workshop")
    published = history.published(source, PATH, env={"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main"})
    assert published == history.Published(None, "commit origin/main is not here; fetch the history: actions/checkout "
                                                 "with fetch-depth: 0")  # a shallow clone lacks it
    git(root, "update-ref", "refs/remotes/origin/main", first)
    assert event_lines(check(source, GITHUB_EVENT_NAME="pull_request", GITHUB_BASE_REF="main")) == [
        stayed(MOVED).format()]
    assert event_lines(check(source, GITHUB_EVENT_NAME="push", GITHUB_EVENT_BEFORE=first)) == [stayed(MOVED).format()]
    assert event_lines(check(source, GITHUB_EVENT_NAME="push", GITHUB_EVENT_BEFORE="0" * 40)) == [
        Problem(PATH, 1, "", NOT_COMPARED.format("the first push of this branch"), warning=True).format()]
    assert history.published(source, PATH, env={"GITHUB_EVENT_NAME": "push"}).why_not == (
        "the workflow passes no GITHUB_EVENT_BEFORE")
    assert event_lines(check(source, "--since", "HEAD", GITHUB_EVENT_NAME="push", GITHUB_EVENT_BEFORE=first)) == []


def test_a_commit_that_is_not_there_or_a_file_not_in_git_is_said(repo, tmp_path):
    root, source, first = repo
    assert event_lines(check(source, "--since", "1" * 40)) == [Problem(
        PATH, 1, "", NOT_COMPARED.format(f"commit {'1' * 40} is not here; fetch the history: actions/checkout with "
                                         "fetch-depth: 0"), warning=True).format()]
    assert history.published(source, PATH, "--output=x").why_not.startswith("commit --output=x is not here")
    other = write_site(root / "sites" / "new")
    assert history.published(other, PATH, first) == history.Published(None, f"{PATH} is not in git")
    git(root, "add", "sites/new")
    assert history.published(other, PATH, first) == history.Published("", revision=first)  # new: nothing published
    assert history.published(source, PATH, first) == history.Published(TWO, revision=first)


# The calendars.

CALENDARS = [f"{lang}/events/{name}" for lang in ("de", "en")
             for name in ("workshop-2027/workshop-2027.ics", "calendar.ics")]
"""The workshop's own .ics files and the calendars of all events, in both languages."""


def workshop_in_calendars(source: Path, out: Path) -> dict[str, icalendar.Event]:
    """Build the site; return each calendar's VEVENT of the workshop, parsed with icalendar."""
    build(source, out, TODAY, search=False)
    found = {}
    for name in CALENDARS:
        events = icalendar.Calendar.from_ical((out / name).read_bytes()).walk("VEVENT")
        found[name] = next(event for event in events if str(event["UID"]) == UID)
    return found


def test_a_postponement_and_a_cancellation_raise_sequence_and_dtstamp_in_every_calendar(site, tmp_path):
    source, out = site({PATH: TWO}), tmp_path / "out"
    announced = workshop_in_calendars(source, out)
    postponed = changed(TWO, *POSTPONED, ("announced: 2026-02-01", "announced: 2026-02-01\n  updated: 2026-11-20"))
    (source / PATH).write_text(postponed, encoding="utf-8")
    moved = workshop_in_calendars(source, out)
    cancelled = changed(postponed, ("updated: 2026-11-20", "updated: 2026-11-23\n  status: cancelled"))
    (source / PATH).write_text(cancelled, encoding="utf-8")
    called_off = workshop_in_calendars(source, out)
    vienna = dt.timezone(dt.timedelta(hours=2))  # summer time in May
    for name in CALENDARS:
        before, after, last = announced[name], moved[name], called_off[name]
        assert (before["SEQUENCE"], after["SEQUENCE"], last["SEQUENCE"]) == (0, 292, 295), name
        assert [version.decoded("DTSTAMP") for version in (before, after, last)] == [
            dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc), dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc),
            dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)], name
        assert after.decoded("LAST-MODIFIED") == after.decoded("DTSTAMP")
        assert after.decoded("DTSTART") == dt.datetime(2027, 5, 6, 9, 30, tzinfo=vienna), name
        assert [str(version["STATUS"]) for version in (before, after, last)] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
        assert str(before["UID"]) == str(after["UID"]) == str(last["UID"]) == UID
