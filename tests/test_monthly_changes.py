"""The changes editors make every month, made on a copy of the real site, pass the publishing gate.

The real site's content/ and data/ — whatever they hold at the time — are copied into a temporary folder, the
monthly edits (support/monthly_edits.py) are made there with the real date (UTC) as today, as CI will build
it, and tools/gate.py runs over the copy:
- all edits together through the whole gate (browser and Nu HTML Checker included); the built output then
  shows what each edit meant;
- each edit alone through check, build and the gate's checks that need no browser — through the whole gate
  with MONTHLY_EDITS_GATE=full (`make test-edits`).
Each edit also works on a nearly empty site (no events, no marketplace, no initiatives).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from conftest import ROOT, run_cli
from support import monthly_edits
from support.minimal_site import PARTNERS, VOCABULARIES
from support.monthly_edits import EDITS, apply_all
from support.yaml_text import append_to_list, remove_from_lists, remove_record, set_field

TODAY = dt.datetime.now(dt.timezone.utc).date()
"""The real date, as CI builds the site."""
FULL = os.environ.get("MONTHLY_EDITS_GATE") == "full"
"""Each edit alone through the whole gate (make test-edits), not only its checks without browser."""


def real_site_copy(folder: Path) -> Path:
    """Copy the real site's content/ and data/ (not the map outlines, project files) into a new site folder."""
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("geo"))
    return folder


def gate(source: Path, out: Path, browser: bool) -> subprocess.CompletedProcess:
    """Run tools/gate.py over a site folder for TODAY; return the finished process."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTEST_", "QUALITY_"))}
    command = [sys.executable, str(ROOT / "tools" / "gate.py"), "--source", str(source), "--out", str(out),
               "--today", TODAY.isoformat(), *([] if browser else ["--no-browser"])]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)


def passed(result: subprocess.CompletedProcess) -> bool:
    """Tell whether the gate passed all three stages."""
    stages = [line.split()[1:3] for line in result.stdout.splitlines() if line.startswith("gate: ")]
    return result.returncode == 0 and stages[:3] == [["check", "passed"], ["build", "passed"], ["output", "passed"]]


def records(site: Path, name: str) -> dict[str, dict]:
    """Return a data file's records by id."""
    path = site / "data" / name
    return {item["id"]: item for item in (yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file()
                                          else None) or []}


def calendar_event(out: Path, event_id: str):
    """Return the VEVENT of an event's own German calendar file."""
    calendar = icalendar.Calendar.from_ical((out / "de/events" / event_id / f"{event_id}.ics").read_bytes())
    return calendar.walk("VEVENT")[0]


@pytest.mark.browser
@pytest.mark.standards
def test_all_monthly_edits_together_pass_the_whole_gate_and_show_on_the_site(tmp_path):
    before = real_site_copy(tmp_path / "before")
    site = real_site_copy(tmp_path / "site")
    apply_all(site, TODAY)
    out = tmp_path / "out"
    result = gate(site, out, browser=True)
    assert passed(result), result.stdout + result.stderr[-4000:]

    partners_before, partners_after = records(before, "partners.yaml"), records(site, "partners.yaml")
    (joined,), (left,) = set(partners_after) - set(partners_before), set(partners_before) - set(partners_after)
    page = (out / "de/partners" / joined / "index.html").read_text(encoding="utf-8")
    logo = re.search(r'<img class="logo" src="[^"]*/(media/logos/[^"]+)" width="(\d+)" height="(\d+)"', page)
    assert logo and (out / logo[1]).is_file(), page[:3000]
    assert not (out / "de/partners" / left).exists()
    linking = [file.relative_to(out).as_posix() for file in out.rglob("*.html")
               if f"/partners/{left}/" in file.read_text(encoding="utf-8")]
    assert linking == []

    release = f"{TODAY}-monthly-news"
    for lang in ("de", "en"):
        feed = feedparser.parse((out / lang / "press/feed.xml").read_bytes())
        assert feed.entries[0].link.endswith(f"/{lang}/press/{release}/")
    focus = (out / "de/partners/focus/sterilisation/index.html").read_text(encoding="utf-8")
    assert f"/de/partners/{next(iter(partners_after))}/" in focus  # the new focus area's page lists its partner

    events_before, events_after = records(before, "events.yaml"), records(site, "events.yaml")
    (announced,) = [key for key, event in events_after.items() if event["announced"] == TODAY]
    assert announced not in events_before and calendar_event(out, announced)["SEQUENCE"] == 0
    statuses = {events_after[key].get("status"): key for key in events_after
                if events_after[key].get("updated") == TODAY}
    postponed, cancelled = calendar_event(out, statuses["postponed"]), calendar_event(out, statuses["cancelled"])
    assert str(postponed["STATUS"]) == "TENTATIVE" and postponed["SEQUENCE"] > 0
    original = events_before.get(statuses["postponed"], {}).get("start")
    if original is not None:  # (an event the edit added is compared with nothing)
        assert postponed.decoded("DTSTART").date() == monthly_edits._day(original) + dt.timedelta(days=28)
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] > 0

    (ending,) = [key for key, entry in records(site, "marketplace.yaml").items() if entry["expires"] == TODAY]
    assert f"/de/marketplace/{ending}/" in (out / "de/marketplace/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", EDITS)
def test_each_monthly_edit_alone_passes_the_gate(tmp_path, name):
    site = real_site_copy(tmp_path / "site")
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    EDITS[name](site, TODAY)
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} != before
    result = gate(site, tmp_path / "out", browser=FULL)
    assert passed(result), result.stdout + result.stderr[-4000:]


# --- the edits on a nearly empty site, and the text edits they are made of ---

NEARLY_EMPTY = {"data/events.yaml": "# The event calendar.\n[]\n"}
"""The minimal site (two partners, one release) without events; it has no marketplace and no initiatives."""


@pytest.mark.parametrize("name", EDITS)
def test_each_monthly_edit_works_on_a_nearly_empty_site(site, name):
    folder = site(NEARLY_EMPTY)
    EDITS[name](folder, TODAY)
    result = run_cli("check", "--source", str(folder))
    assert result.returncode == 0, result.stderr


def test_all_monthly_edits_work_on_a_site_with_one_partner(site):
    folder = site({**NEARLY_EMPTY, "data/partners.yaml": PARTNERS.split("- id: beta")[0],
                   "content/press/2021-12-07-founded.de.md": None, "content/press/2021-12-07-founded.en.md": None})
    apply_all(folder, TODAY)
    result = run_cli("check", "--source", str(folder))
    assert result.returncode == 0, result.stderr
    assert list(records(folder, "partners.yaml")) == ["alpha"]  # the first stays; the one who joined left again
    assert list((folder / "content/logos").iterdir()) == []  # with its logo


def test_a_leaving_partner_is_taken_out_of_every_list_link_and_entry(site):
    folder = site({
        "data/initiatives.yaml": "- id: joint\n  title: {de: Gemeinsam, en: Joint}\n  goal: {de: Ziel., en: Goal.}\n"
                                 "  partners:\n    - alpha\n    - beta  # the Styrians\n",
        "data/marketplace.yaml": "# offers\n- id: offer\n  type: offer\n  category: supplier\n"
                                 "  title: {de: Angebot, en: Offer}\n  text: {de: Text., en: Text.}\n  country: AT\n"
                                 "  partner: beta\n  published: 2026-01-01\n  expires: 2099-12-31\n",
        "data/vocabularies.yaml": VOCABULARIES + "marketplace_categories:\n  supplier: {de: Zulieferer, en: X}\n",
        "content/pages/about.en.md": "---\ntitle: About\ndescription: About us.\n---\nAsk [Beta](/en/partners/beta/) "
                                     "or [Alpha][a], or [the offer](../marketplace/offer/).\n\n"
                                     "[a]: /en/partners/beta/\n",
    })
    assert run_cli("check", "--source", str(folder)).returncode == 0
    monthly_edits.partner_leaves(folder, TODAY)  # beta: named by the release, the initiative, the entry, a text
    assert list(records(folder, "partners.yaml")) == ["alpha"]
    assert (folder / "data/initiatives.yaml").read_text().endswith("  partners:\n    - alpha\n")
    assert (folder / "data/marketplace.yaml").read_text() == "# offers\n[]\n"
    assert (folder / "content/pages/about.en.md").read_text().endswith("---\nAsk Beta or Alpha, or the offer.\n\n")
    release = (folder / "content/press/2021-12-07-founded.de.md").read_text()
    assert "issuer: alpha\npartners: []\n" in release
    result = run_cli("check", "--source", str(folder))
    assert result.returncode == 0, result.stderr


RECORDS = """\
# Events.

- id: one
  start: 2027-01-10T10:00  # local time
  organisers: [alpha, beta]

# The second one.
- id: two
  start: 2027-02-01
  organisers:
    - beta
"""


def test_a_records_line_is_changed_or_added_and_its_comments_stay():
    changed = set_field(set_field(RECORDS, "one", "start", "2027-02-07T10:00"), "one", "updated", "2026-12-01")
    assert changed == RECORDS.replace("  start: 2027-01-10T10:00  # local time\n  organisers: [alpha, beta]\n",
                                      "  start: 2027-02-07T10:00\n  organisers: [alpha, beta]\n  updated: 2026-12-01\n")
    assert set_field(RECORDS, "two", "status", "cancelled").endswith("    - beta\n  status: cancelled\n")


def test_a_record_or_a_list_item_is_removed_and_an_emptied_list_stays_a_list():
    assert remove_record(RECORDS, "one") == RECORDS.replace(
        "- id: one\n  start: 2027-01-10T10:00  # local time\n  organisers: [alpha, beta]\n\n", "")
    without = remove_from_lists(RECORDS, ("organisers",), "beta")
    assert without == RECORDS.replace("[alpha, beta]", "[alpha]").replace("organisers:\n    - beta\n",
                                                                           "organisers: []\n")
    assert append_to_list(RECORDS, "two", "organisers", "gamma").endswith("    - beta\n    - gamma\n")
    assert append_to_list(RECORDS, "one", "organisers", "gamma").count("[alpha, beta, gamma]") == 1
