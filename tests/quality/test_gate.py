"""The publishing gate, tools/gate.py: it stops at the first stage that fails, and its output checks find problems.

(These tests are no gate checks themselves: they build small sites of their own.)
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from sitegen.pipeline import build
from support.minimal_site import write_site

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://example.org/sub/"
"""base_url of the minimal site."""


def gate_module():
    """Return tools/gate.py as a module."""
    spec = importlib.util.spec_from_file_location("gate", ROOT / "tools" / "gate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look themselves up there)
    spec.loader.exec_module(module)
    return module


def run_gate(*args: str) -> subprocess.CompletedProcess:
    """Run tools/gate.py; return the finished process."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTEST_", "QUALITY_"))}
    return subprocess.run([sys.executable, str(ROOT / "tools" / "gate.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


def test_the_gate_stops_at_check_and_builds_nothing(tmp_path):
    source = write_site(tmp_path / "site", {"data/events.yaml": "- id: Fair\n"})
    result = run_gate("--source", str(source), "--out", str(tmp_path / "out"), "--no-browser")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("gate: check  FAILED  ") and lines[0].endswith("found; nothing was built.")
    assert lines[1:] == ["gate: failed at check: nothing was built, nothing may be published"]
    assert "data/events.yaml:1: " in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_gate_passes_a_valid_site_and_leaves_the_output_it_checked(tmp_path):
    source, out = write_site(tmp_path / "site"), tmp_path / "out"
    result = run_gate("--source", str(source), "--out", str(out), "--today", "2026-11-23", "--no-browser",
                      "--format", "github")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line[:20] for line in lines[:3]] == ["gate: check  passed ", "gate: build  passed ", "gate: output passed "]
    assert lines[1].endswith(f"(today 2026-11-23, for {BASE})")
    assert lines[2].endswith(" checks passed (without browser and Nu HTML Checker)")
    assert lines[3:] == [f"gate: passed: {out} is the site to publish"]
    assert '<link rel="canonical" href="https://example.org/sub/de/partners/alpha/">' in (
        out / "de/partners/alpha/index.html").read_text(encoding="utf-8")


def test_the_gates_output_checks_find_broken_links_feeds_and_calendars(tmp_path):
    out = tmp_path / "out"
    build(write_site(tmp_path / "site"), out, dt.date(2026, 11, 23), search=False)
    gate = gate_module()
    assert gate.check_output(out, BASE, browser=False).passed
    (out / "de/partners/beta/index.html").unlink()
    feed = out / "en/press/feed.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("</feed>", ""), encoding="utf-8")
    calendar = out / "de/events/calendar.ics"
    calendar.write_bytes(calendar.read_bytes().replace(b"DTSTAMP:", b"X-STAMP:"))
    stage = gate.check_output(out, BASE, browser=False)
    assert not stage.passed and stage.summary.startswith("5 of ") and stage.summary.endswith(
        " checks failed (without browser and Nu HTML Checker)")
    failed = {detail.split(":", 1)[0]: detail for detail in stage.details}
    assert sorted(failed) == [
        "test_every_calendar_parses_and_says_the_same_of_an_event_everywhere",
        "test_every_feed_parses_and_leads_to_pages_of_the_site",
        "test_hreflang_alternates_are_reciprocal_and_real",
        "test_no_broken_internal_links_anchors_or_assets",
        "test_sitemap_lists_existing_pages_with_hreflang_and_robots_names_it"]
    assert "de/events/calendar.ics: fair-2027@example.org: no DTSTAMP" in failed[
        "test_every_calendar_parses_and_says_the_same_of_an_event_everywhere"]
    assert "en/press/feed.xml: not well-formed XML" in failed["test_every_feed_parses_and_leads_to_pages_of_the_site"]
    assert "/sub/de/partners/beta/ → no such file (de/partners/beta/index.html)" in failed[
        "test_no_broken_internal_links_anchors_or_assets"]
