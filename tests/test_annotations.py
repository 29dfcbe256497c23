"""`check --format github` prints exactly the workflow-command syntax GitHub documents."""
from __future__ import annotations

import os

from conftest import run_cli
from sitegen.cli import github_annotation
from sitegen.problems import Problem
from support.minimal_site import PARTNERS, SITE


def test_annotation_lines_for_errors_and_warnings(site, tmp_path):
    source = site({"data/partners.yaml": PARTNERS.replace("country: AT", "country: FR"),
                   "data/site.yaml": SITE.replace("Amtsgericht Test VR 1", "\"PLACEHOLDER: Register\"")})
    summary = tmp_path / "summary.md"
    result = run_cli("check", "--source", str(source), "--format", "github",
                     env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "::error file=data/partners.yaml,line=18::country: unknown country 'FR' (DE, AT or CH)",
        "::warning file=data/events.yaml,line=1::not compared with the last published version (no git history here): "
        "a changed time, place or status needs a later updated: date",  # (a site folder in tmp, not in git)
        "::warning file=data/site.yaml,line=12::legal.register: still a placeholder (the real fact before publishing)",
        "1 problem found; nothing was built.",
    ]
    assert summary.read_text() == (
        "### Content check: 1 error, 2 warnings\n\n"
        "- `data/partners.yaml:18: error: country: unknown country 'FR' (DE, AT or CH)`\n"
        "- `data/events.yaml:1: warning: not compared with the last published version (no git history here): a "
        "changed time, place or status needs a later updated: date`\n"
        "- `data/site.yaml:12: warning: legal.register: still a placeholder (the real fact before publishing)`\n\n")


def test_properties_and_message_are_escaped_as_documented():
    problem = Problem("content/press/a,b:c%.de.md", 3, "title", "bad\nvalue 100%", "x\r")
    assert github_annotation(problem) == (
        "::error file=content/press/a%2Cb%3Ac%25.de.md,line=3::title: bad%0Avalue 100%25 (x%0D)")
