#!/usr/bin/env python3
"""The publishing gate: check a site folder, build it, and check the built output as visitors and readers get it.

    .venv/bin/python tools/gate.py [--source DIR] [--out DIR] [--today YYYY-MM-DD] [--base-url URL]
                                   [--no-browser] [--format text|github]

Three stages, one line each, then the verdict; exit 0 only when all passed, and then --out holds the site
to publish (the very output that was checked):
1. check  — `build.py check` of the site folder (data, content, the links of texts, catalogs);
2. build  — `build.py build` into --out for --today (default: the real date, UTC) and --base-url (default:
            base_url of the folder's data/site.yaml);
3. output — the quality checks marked `gate` in tests/quality, which hold for any valid content, over that
            output served under the base URL's path on 127.0.0.1: valid HTML (Nu), links and anchors, feeds,
            calendars, sitemap, hreflang, language, title, canonical and CSP of every page, the 404 page, axe
            and console errors on one page of each type. --no-browser leaves out those needing Chromium or Java.
Exit status: 0 passed, 1 a stage failed (what failed is printed), 2 the gate could not run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GATE = "gate"
NO_BROWSER = "gate and not browser and not standards"
"""The gate's checks that need neither Chromium (browser) nor Java (standards: the Nu HTML Checker)."""
SHOWN_LINES = 12
"""Lines of a failed check's message printed (its full list is in the job summary with --format github)."""


@dataclass(frozen=True)
class Stage:
    """The outcome of one stage."""

    name: str
    """check, build or output."""
    passed: bool
    """Whether the stage passed."""
    summary: str
    """One line saying what happened."""
    details: tuple[str, ...] = ()
    """What failed, for the terminal and the job summary."""


@dataclass(frozen=True)
class Failure:
    """A gate check of the output that failed."""

    check: str
    """The test's name."""
    message: str
    """What it found (its assertion message)."""


def parser() -> argparse.ArgumentParser:
    """Return the argument parser."""
    gate = argparse.ArgumentParser(prog="tools/gate.py", description="The publishing gate: check, build, check the "
                                   "output; exit 0 only when all passed (then --out is the site to publish).")
    gate.add_argument("--source", type=Path, default=ROOT, help="site folder with content/ and data/ (default: "
                      "the repository)")
    gate.add_argument("--out", type=Path, default=ROOT / "output", help="output folder (default: output/)")
    gate.add_argument("--today", type=dt.date.fromisoformat, default=None,
                      help="the build's today, YYYY-MM-DD (default: the real date, UTC)")
    gate.add_argument("--base-url", default=None, help="the address the site is published at (default: base_url "
                      "of data/site.yaml)")
    gate.add_argument("--no-browser", action="store_true", help="leave out the checks that need Chromium or Java")
    gate.add_argument("--format", choices=("text", "github"), default="text",
                      help="problems as text, or as GitHub annotations with a job summary")
    return gate


def last_line(*texts: str) -> str:
    """Return the last non-empty line of the texts, in order of preference."""
    for text in texts:
        lines = [line for line in text.splitlines() if line.strip()]
        if lines:
            return lines[-1].strip()
    return ""


def run_build_py(command: str, arguments: list[str], fmt: str) -> Stage:
    """Run a build.py command, passing its problems through; return the stage's outcome."""
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), command, *arguments, "--format", fmt],
                            cwd=ROOT, capture_output=True, text=True)
    passed = result.returncode == 0
    summary = last_line(result.stdout, result.stderr) if passed else last_line(result.stderr, result.stdout)
    problems = [line for line in result.stderr.splitlines() if line.strip()]  # warnings too; with github: annotations
    if not passed and problems and problems[-1].strip() == summary:
        problems.pop()  # said on the stage's line
    if problems:
        print("\n".join(problems), file=sys.stderr, flush=True)
    return Stage(command, passed, summary or f"build.py {command} exited {result.returncode}")


def base_url_of(source: Path) -> str:
    """Return base_url of a site folder's data/site.yaml (checked by then), ending in '/'."""
    url = str(yaml.safe_load((source / "data" / "site.yaml").read_text(encoding="utf-8"))["base_url"])
    return url if url.endswith("/") else url + "/"


def finding(problem: ET.Element) -> str:
    """Return what a failed check found: its message in full, without pytest's repetition of the assertion."""
    message: list[str] = []
    for line in (problem.text or "").splitlines():
        if line.startswith("E "):
            if line[1:].strip().startswith(("assert ", "+  where ")) and message:
                break
            message.append(line[1:].strip())
    if message:
        return "\n".join([message[0], *("  " + line for line in message[1:])])
    return (problem.get("message") or problem.text or "").strip()  # a failure without traceback (pytest.fail)


def failures_of(report: Path) -> tuple[int, list[Failure]]:
    """Return (checks run, those that failed or could not run) from pytest's JUnit XML report."""
    cases = ET.parse(report).getroot().iter("testcase")
    ran, failed = 0, []
    for case in cases:
        problem = case.find("failure") if case.find("failure") is not None else case.find("error")
        skipped = case.find("skipped") is not None
        ran += not skipped
        if problem is not None:
            failed.append(Failure(case.get("name", "?"), finding(problem)))
    return ran, failed


def check_output(out: Path, base_url: str, browser: bool) -> Stage:
    """Run the gate-marked quality checks over a built output; return the stage's outcome."""
    selection = GATE if browser else NO_BROWSER
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("PYTEST_", "QUALITY_"))}  # (when the gate runs inside a test)
    env.update(QUALITY_BUILT=str(out.resolve()), QUALITY_BASE_URL=base_url)
    with tempfile.TemporaryDirectory(prefix="gate-") as temporary:
        report = Path(temporary) / "report.xml"
        result = subprocess.run([sys.executable, "-m", "pytest", str(ROOT / "tests" / "quality"), "-m", selection,
                                 "-q", "-p", "no:cacheprovider", f"--junitxml={report}",
                                 "--basetemp", str(Path(temporary) / "tmp")],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        if not report.is_file():
            return Stage("output", False, f"the checks did not run (pytest exit {result.returncode})",
                         tuple((result.stdout + result.stderr).strip().splitlines()[-20:]))
        ran, failed = failures_of(report)
    kind = "" if browser else " (without browser and Nu HTML Checker)"
    if result.returncode == 5 or not ran:
        return Stage("output", False, f"no gate check ran{kind} (pytest exit {result.returncode})")
    if failed or result.returncode != 0:
        details = tuple(f"{failure.check}: {failure.message}" for failure in failed)
        return Stage("output", False, f"{len(failed)} of {ran} checks failed{kind}", details)
    return Stage("output", True, f"{ran} checks passed{kind}")


def annotation(stage: Stage, detail: str) -> str:
    """Return a GitHub error annotation for a failed stage's detail."""
    text = detail.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error title=Publishing gate, {stage.name}::{text}"


def job_summary(stages: list[Stage], verdict: str) -> str:
    """Return the gate's report as Markdown for the GitHub job summary."""
    lines = ["### Publishing gate", "", "| stage | result | |", "|---|---|---|"]
    lines += [f"| {stage.name} | {'passed' if stage.passed else '**failed**'} | {stage.summary} |" for stage in stages]
    lines += ["", f"**{verdict}**", ""]
    for stage in stages:
        for detail in stage.details:
            lines += ["```text", detail.replace("```", "'''"), "```", ""]
    return "\n".join(lines) + "\n"


def show(stage: Stage, fmt: str) -> None:
    """Print a stage's line and, when it failed, what failed."""
    print(f"gate: {stage.name:<6} {'passed' if stage.passed else 'FAILED'}  {stage.summary}", flush=True)
    for detail in stage.details:
        lines = detail.splitlines()
        more = [f"    … {len(lines) - SHOWN_LINES} more lines"] if len(lines) > SHOWN_LINES else []
        print("\n".join(["  - " + lines[0], *("    " + line for line in lines[1:SHOWN_LINES]), *more]), flush=True)
        if fmt == "github":
            print(annotation(stage, detail), flush=True)


def run(args: argparse.Namespace) -> tuple[list[Stage], str]:
    """Run the stages until one fails; return them and the verdict."""
    source, out = args.source.resolve(), args.out.resolve()
    today = args.today or dt.datetime.now(dt.timezone.utc).date()
    stages = [run_build_py("check", ["--source", str(source)], args.format)]
    show(stages[-1], args.format)
    if not stages[-1].passed:
        return stages, "failed at check: nothing was built, nothing may be published"
    base_url = args.base_url or base_url_of(source)
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    stages.append(run_build_py("build", ["--source", str(source), "--out", str(out), "--today", today.isoformat(),
                                         "--base-url", base_url], args.format))
    stages[-1] = Stage("build", stages[-1].passed, f"{stages[-1].summary} (today {today}, for {base_url})")
    show(stages[-1], args.format)
    if not stages[-1].passed:
        return stages, f"failed at build: {out} keeps the last complete site, which must not be published as new"
    stages.append(check_output(out, base_url, browser=not args.no_browser))
    show(stages[-1], args.format)
    if not stages[-1].passed:
        return stages, f"failed at output: {out} must not be published"
    return stages, f"passed: {out} is the site to publish"


def main(argv: list[str]) -> int:
    """Run the gate; return the exit status."""
    args = parser().parse_args(argv)
    if not (args.source / "data").is_dir():
        print(f"gate: {args.source} is no site folder (it has no data/)", file=sys.stderr)
        return 2
    stages, verdict = run(args)
    print(f"gate: {verdict}", flush=True)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(job_summary(stages, verdict))
    return 0 if all(stage.passed for stage in stages) and len(stages) == 3 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
