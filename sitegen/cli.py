"""Own the command line: parse arguments, run a stage, print problems editors can act on, set the exit status."""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
from pathlib import Path

from . import pipeline
from .problems import Problem, ProblemsFound, counted, lines, placeholders_left, summarised

EXIT_OK, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2
EXIT_STOPPED = 130
"""Stopped with Ctrl+C (128 + SIGINT, as shells report it)."""
_UNTIL_EXIT: list = []
"""What the last build held, kept until the process ends (build.py leaves without tearing the interpreter down)."""


def parse_today(text: str | None) -> dt.date:
    """Return --today, else SOURCE_DATE_EPOCH's date, else the real date (UTC)."""
    if text:
        return dt.date.fromisoformat(text)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def _date_argument(text: str) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from None
    return text


def parser() -> argparse.ArgumentParser:
    """Return the argument parser."""
    root = argparse.ArgumentParser(prog="build.py", description="Build the MedTech Cluster Alliance D-A-CH site.")
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate, then build the site into --out")
    check = commands.add_parser("check", help="validate only; write nothing")
    schema = commands.add_parser("schema", help="write the JSON Schema files of the data into SOURCE/schema/")
    serve = commands.add_parser("serve", help="preview: build, serve on loopback, rebuild and reload on every change")
    translated = commands.add_parser("translated", help="record that a translation is up to date with its source "
                                     "(its front matter's translated_from)")
    translated.add_argument("files", nargs="+", type=Path, metavar="FILE",
                            help="a translation (content/press/….en.md), or a source: then each of its translations")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--today", type=_date_argument, default=None, help="date deciding what is upcoming")
    serve.add_argument("--drafts", action="store_true", help="show unpublished releases with a banner")
    serve.add_argument("--out", type=Path, default=None, help="output folder (default: output/ in the repository)")
    check.add_argument("--since", metavar="REV", default=None,
                       help="git commit of the last published version, whose events a changed one is compared with "
                            "(default: in GitHub Actions the pull request's base or the commit before the push, "
                            "else the merge base with origin/main or main)")
    for command in (build, check, schema, serve, translated):
        command.add_argument("--source", type=Path, default=pipeline.PROJECT,
                             help="site folder holding content/ and data/ (default: the repository)")
        command.add_argument("--format", choices=("text", "github"), default="text",
                             help="problem format: text, or GitHub annotations")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: output/ in the repository)")
    build.add_argument("--today", type=_date_argument, default=None,
                       help="date deciding what is upcoming or expired (default: SOURCE_DATE_EPOCH or today)")
    build.add_argument("--base-url", default=None, help="override the base URL of data/site.yaml")
    build.add_argument("--no-search", action="store_true", help="skip the search index (faster previews)")
    build.add_argument("--no-cache", action="store_true", help="a cold build: neither read nor write .cache/")
    build.add_argument("--drafts", action="store_true",
                       help="also show draft and embargoed releases, with a banner (previews only; never publish)")
    return root


def report(problems: list[Problem], fmt: str, stream=None, summarise: bool = False) -> None:
    """Print problems, one per line, errors first, in the chosen format (GitHub: also the full list in the job
    summary), to `stream` (standard error when not given); with `summarise` (build, serve), the placeholder warnings
    as one line with their count (`check` lists them)."""
    stream = stream or sys.stderr
    for line in problem_lines(problems, fmt, summarise):
        print(line, file=stream)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary and problems:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(job_summary(problems))


def problem_lines(problems: list[Problem], fmt: str = "text", summarise: bool = False) -> list[str]:
    """Return the lines that report `problems`: errors first, then warnings, each by file and line; with `summarise`,
    the placeholder warnings as one line with their count, last."""
    if fmt == "text":
        return lines(problems, summarise)
    shown, left = summarised(problems) if summarise else (sorted(problems), 0)
    summary = [f"::warning::{placeholders_left(left)}"] if left else []
    return [github_annotation(problem) for problem in shown] + summary


def job_summary(problems: list[Problem]) -> str:
    """Return the Markdown list of all problems for the GitHub job summary (annotations are capped)."""
    errors = sum(1 for problem in problems if not problem.warning)
    lines = [f"### Content check: {counted(errors, 'error')}, {counted(len(problems) - errors, 'warning')}", ""]
    for problem in sorted(problems):
        text = problem.format().replace("`", "'")
        lines.append(f"- `{text}`")
    return "\n".join(lines) + "\n\n"


def github_annotation(problem: Problem) -> str:
    """Return a problem as a GitHub Actions workflow command (::error/::warning)."""
    def prop(text: str) -> str:
        return (text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                .replace(":", "%3A").replace(",", "%2C"))

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    level = "warning" if problem.warning else "error"
    field = f"{problem.field}: " if problem.field else ""
    message = f"{field}{problem.message}" + (f" ({problem.expected})" if problem.expected else "")
    return f"::{level} file={prop(problem.path)},line={problem.line}::{data(message)}"


def record_translations(source: Path, files: list[Path], fmt: str) -> int:
    """Record for each file (a translation, or a source: each of its translations) that it is translated from its
    source as it is now (`translations.record_translated`); print what was recorded; return the exit status."""
    from .translations import FIELD, record_translated
    problems = []
    for file in files:
        found = file if file.exists() or file.is_absolute() else source / file
        path = found.resolve().relative_to(source).as_posix() if found.resolve().is_relative_to(source) else str(file)
        try:
            for target, version, changed in record_translated(source, path):
                print(f"{target}: {FIELD}: {version}" + ("" if changed else " (already recorded)"))
        except ProblemsFound as found_problems:
            problems += found_problems.problems
    report(problems, fmt)
    return EXIT_INVALID if problems else EXIT_OK


def progress_printer(started: float):
    """Return a progress callback for an interactive terminal (None when not a TTY or in CI)."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        if time.monotonic() - started > 1:
            end = "\n" if done == total else ""
            print(f"\rRendering {done}/{total} pages", end=end, file=sys.stderr, flush=True)
    return show


def main(argv: list[str]) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    source = args.source.resolve()
    try:
        if args.command == "serve":
            from .devserver import CannotServe, serve as run_server
            try:
                run_server(source, args.out or pipeline.PROJECT / "output", args.host, args.port,
                           parse_today(args.today), args.drafts)
            except CannotServe as error:
                print(f"build.py: {error}", file=sys.stderr)
                return EXIT_INTERNAL
            return EXIT_OK
        if args.command in ("schema", "check"):
            from . import checking, localize  # (not loaded for a build: one that keeps the site needs neither)
            from .schema import SUPPORTED_LANGUAGES
        if args.command == "schema":
            written = checking.write_schemas(source)
            print(f"JSON Schema files up to date in {source / 'schema'} ({written} rewritten).")
            return EXIT_OK
        if args.command == "translated":
            return record_translations(source, args.files, args.format)
        if args.command == "check":
            today = parse_today(None)
            # Every mistake at once: the texts' links too, to the pages of the valid records (a mistake hides none).
            site, problems = checking.check_all(source, today)
            problems += checking.event_change_problems(source, args.since, today)  # calendars must hear of changes
            languages = site.config.languages if site is not None else SUPPORTED_LANGUAGES
            problems += [problem for lang in languages  # the catalogs too: translators run this as well
                         for problem in localize.catalog_problems(pipeline.Project().i18n, lang)]
            report(problems, args.format)
            errors = [p for p in problems if not p.warning]
            if errors:
                print(f"{counted(len(errors), 'problem')} found; nothing was built.", file=sys.stderr)
                return EXIT_INVALID
            print("No problems found." if not problems else f"No errors; {counted(len(problems), 'warning')}.")
            return EXIT_OK
        started = time.monotonic()
        out = args.out or pipeline.PROJECT / "output"
        # build.py ends right after the build, so the cycle collector stays off: turned on again, it would
        # first go through every object the build made (measured: bench/README.md, "Improvements on 2026-11-26
        # (late morning)").
        gc.disable()
        result = pipeline.build(source, out, parse_today(args.today), args.base_url, search=not args.no_search,
                                drafts=args.drafts, cache=not args.no_cache, progress=progress_printer(started))
        _UNTIL_EXIT[:] = [result.held]  # build.py ends next: what the build held need not be freed
        report(result.warnings, args.format, summarise=True)
        per_lang = ", ".join(f"{count} {lang}" for lang, count in sorted(result.pages.items()))
        done = "nothing changed, 0 files" if result.unchanged else f"{result.files} files"
        print(f"Built {sum(result.pages.values())} pages ({per_lang}), {done} "
              f"in {time.monotonic() - started:.1f} s into {out}")
        return EXIT_OK
    except ProblemsFound as found:
        report(found.problems, args.format, summarise=args.command != "check")
        errors = counted(len([p for p in found.problems if not p.warning]), "problem")
        print(f"{errors} found; the published site was left as it was.", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:  # Ctrl+C: the build's workers leave it to this process, which stops them
        print("\nStopped; the output folder holds the last complete site.", file=sys.stderr)
        return EXIT_STOPPED
    except Exception as error:  # noqa: BLE001 - the last net: editors never see a traceback
        if os.environ.get("SITEGEN_DEBUG"):
            raise
        print(f"build.py: internal error: {type(error).__name__}: {error} "
              f"(the published site was left as it was; set SITEGEN_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL
