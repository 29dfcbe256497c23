"""A corpus of broken and hostile site folders: each fails cleanly with `path:line:` or builds safely.

Every folder in tests/hostile/ overlays the minimal site (tests/support/minimal_site.py)
with its `site/` files; `expect.txt` says `error` (then the expected problem-line prefixes)
or `builds` (then `contains FILE TEXT` / `absent FILE TEXT` checks). Two cases are made at
run time because they are large: a 50 MB data file and a 3 MB Markdown file.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_cli
from support.minimal_site import RELEASE_DE, write_site

CORPUS = Path(__file__).resolve().parent / "hostile"
PROBLEM_LINE = re.compile(r"^[^:\s][^:]*:\d+: \S")
SUMMARY = re.compile(r"^(1 problem|(?!1 )\d+ problems) found; ")
PLACEHOLDERS = re.compile(r"^(1 placeholder|(?!1 )\d+ placeholders) still to replace \(build\.py check lists (it|them)\)$")
"""The one line that stands for the warnings of placeholders left in (build, serve)."""
BANNED_TAGS = {"iframe", "object", "embed", "style", "frame", "frameset", "applet", "base"}
BANNED_SCHEMES = ("javascript:", "vbscript:", "data:")


class MarkupAudit(HTMLParser):
    """Collect every dangerous tag, attribute and URL in a page (text content is not markup)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in BANNED_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "script" and "src" not in values and values.get("type") != "application/ld+json":
            self.found.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    value.strip().lower().startswith(BANNED_SCHEMES):
                self.found.append(f"<{tag} {name}={value[:30]}>")


def cases() -> list[str]:
    """Return the names of the corpus folders."""
    return sorted(p.name for p in CORPUS.iterdir() if (p / "expect.txt").is_file())


def prepare(tmp_path: Path, name: str) -> tuple[Path, list[str]]:
    """Write the minimal site with the case's files on top; return the site folder and expectations."""
    site = write_site(tmp_path / "site")
    case = CORPUS / name
    expect = (case / "expect.txt").read_text(encoding="utf-8").splitlines()
    for line in expect:
        if line.startswith("delete "):
            (site / line.removeprefix("delete ")).unlink()
    for source in sorted((case / "site").rglob("*")):
        if source.is_dir() and not source.is_symlink():
            continue
        target = site / source.relative_to(case / "site")
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copyfile(source, target)
    return site, expect


def snapshot(folder: Path) -> dict[str, str]:
    """Return every path below `folder` with a hash of its content (links as their target)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[key] = "link:" + os.readlink(path)
        elif path.is_file():
            result[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            result[key] = "dir"
    return result


TODAY_EPOCH = "1795392000"
"""2026-11-23, the build's --today, for `check` (which takes the day from SOURCE_DATE_EPOCH): both judge one day."""


def agree(checked, built) -> None:
    """Assert that `check` reports first what the build would refuse: neither ends with an internal error (exit 2); a
    build refusing the site (exit 1) was preceded by a check refusing it with the same problems (among its own: check
    also looks at the links of texts of entries with mistakes)."""
    assert 2 not in (checked.returncode, built.returncode), (checked.stderr, built.stderr)
    if built.returncode:
        assert checked.returncode == 1, (checked.stderr, built.stderr)
        assert set(_errors(built.stderr)) <= set(_errors(checked.stderr)), (checked.stderr, built.stderr)


def _errors(output: str) -> list[str]:
    """Return the error lines (not warnings, not the summary) of a command's output."""
    return [line for line in output.splitlines() if PROBLEM_LINE.match(line) and ": error: " in line]


def run_case(tmp_path: Path, site: Path, expect: list[str]) -> None:
    """Run check and build on a prepared site and assert the expected, safe outcome."""
    before = snapshot(tmp_path)
    out = tmp_path / "out"
    checked = run_cli("check", "--source", str(site), env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH})
    built = run_cli("build", "--source", str(site), "--out", str(out), "--today", "2026-11-23")
    for result in (checked, built):
        assert "Traceback" not in result.stderr + result.stdout
    agree(checked, built)
    if expect[0] == "error":
        for result in (checked, built):
            assert result.returncode == 1, result.stderr
            lines = result.stderr.splitlines()
            assert lines and all(PROBLEM_LINE.match(line) or PLACEHOLDERS.match(line) for line in lines[:-1]), lines
            assert SUMMARY.match(lines[-1]), lines
            for wanted in (line for line in expect[1:] if not line.startswith("delete ")):
                assert any(line.startswith(wanted) for line in lines[:-1]), (wanted, lines)
        assert snapshot(tmp_path) == before, "a failed build wrote files"
        return
    assert built.returncode == 0 and checked.returncode == 0, built.stderr
    after = snapshot(tmp_path)
    assert {key for key in after if not key.startswith("out")} == set(before), "files written outside out/"
    assert after.items() >= before.items()
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        audit = MarkupAudit()
        audit.feed(text)
        editor = page.relative_to(out).parts[0] == "admin"  # the browser editor's own <base> (sitegen/pages/admin.py)
        assert audit.found == (["<base>"] if editor else []), page
        assert "<script>alert" not in text, page
    for line in expect[1:]:
        verb, _, rest = line.partition(" ")
        if verb in ("contains", "absent"):
            relative, _, text = rest.partition(" ")
            html = (out / relative).read_text(encoding="utf-8")
            assert (text in html) == (verb == "contains"), (relative, line)


def test_corpus_is_large_enough():
    assert len(cases()) >= 40


@pytest.mark.parametrize("name", cases())
def test_hostile_case(tmp_path, name):
    site, expect = prepare(tmp_path, name)
    run_case(tmp_path, site, expect)


def test_fifty_megabyte_file_is_refused_before_parsing(tmp_path):
    site = write_site(tmp_path / "site")
    with (site / "data/events.yaml").open("w") as handle:
        handle.write("- id: x\n")
        block = "  # " + "x" * 1020 + "\n"
        for _ in range(50 * 1024):
            handle.write(block)
    run_case(tmp_path, site, ["error", "data/events.yaml:1: error: file is too large (52"])


def test_oversized_markdown_is_refused(tmp_path):
    site = write_site(tmp_path / "site", {
        "content/press/2021-12-07-founded.de.md": RELEASE_DE + ("Lorem ipsum dolor sit amet. " * 40 + "\n") * 3000})
    run_case(tmp_path, site, ["error", "content/press/2021-12-07-founded.de.md:1: error: file is too large"])
