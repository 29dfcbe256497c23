"""Own the golden output tree: the small example site built and kept under tests/golden/, and comparing a build to it.

`make golden` (`python tools/golden.py --refresh`) builds tests/sites/small/ (today SMALL_TODAY, base URL
BASE_URL, no search index, no cache) and stores the result: every text file as it is under tests/golden/small/,
every other file (pictures, the PDF) and everything under static/ (copied verbatim from the repository: fonts,
CSS, scripts) only as a SHA-256 line in tests/golden/small.sha256 (`sha256sum` format: `sha256sum -c` checks a
build against it). The build's own bookkeeping (BOOKKEEPING: the incremental build's MANIFEST and RECORD)
is left out. `python tools/golden.py` builds and compares, printing a unified diff per differing text file;
tests/test_golden.py does the same in pytest.

After an intended change to templates, catalogs or the generator, run `make golden` and review the diff of
tests/golden/ in the commit: it is the change every visitor sees.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SITE = ROOT / "tests/sites/small"
SMALL_TODAY = "2026-11-23"
BASE_URL = "https://example.org/small/"
"""A base URL with a path, so that the tree shows every address carrying it."""
GOLDEN = ROOT / "tests/golden/small"
HASHES = ROOT / "tests/golden/small.sha256"
BOOKKEEPING = ".sitegen/"
"""The build's own records inside the output folder (the incremental build's MANIFEST and RECORD, never
published): not part of the site. Named here, not imported, so that the tree does not follow the generator's
module layout."""
HASHED_FOLDERS = ("static/", "admin/sveltia-cms.js", "admin/vendor/")
"""Copied verbatim from the repository's static/ and the browser editor's prepared files (sitegen/admin_assets.py):
kept as hashes only, whatever their kind."""
DIFF_LINES = 60
"""At most this many lines of a file's unified diff are shown."""


@dataclass(frozen=True)
class Tree:
    """A built site as the golden tree keeps it: text files' contents and other files' SHA-256, by relative path."""

    texts: dict[str, bytes]
    hashes: dict[str, str]


def build(out: Path) -> None:
    """Build the small site into `out` as the golden tree is made: fixed today and base URL, no search, no cache."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--source", str(SITE), "--out", str(out),
               "--today", SMALL_TODAY, "--base-url", BASE_URL, "--no-search", "--no-cache"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"building {SITE.relative_to(ROOT)} failed (exit {result.returncode}):\n"
                           f"{result.stdout[-3000:]}{result.stderr[-3000:]}")


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\0" not in data


def read_build(out: Path) -> Tree:
    """Return the tree of a built site: texts as they are, pictures and static/ as hashes, bookkeeping left out."""
    texts: dict[str, bytes] = {}
    hashes: dict[str, str] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if name.startswith(BOOKKEEPING):
            continue
        data = path.read_bytes()
        if name.startswith(HASHED_FOLDERS) or not _is_text(data):
            hashes[name] = hashlib.sha256(data).hexdigest()
        else:
            texts[name] = data
    return Tree(texts, hashes)


def read_golden(folder: Path = GOLDEN, hashes_file: Path = HASHES) -> Tree:
    """Return the stored golden tree (empty when there is none yet)."""
    texts = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}
    hashes = {}
    if hashes_file.is_file():
        for line in hashes_file.read_text(encoding="utf-8").splitlines():
            digest, name = line.split("  ", 1)
            hashes[name] = digest
    return Tree(texts, hashes)


def write_golden(tree: Tree, folder: Path = GOLDEN, hashes_file: Path = HASHES) -> None:
    """Replace the stored golden tree by `tree`."""
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in tree.texts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    hashes_file.parent.mkdir(parents=True, exist_ok=True)
    hashes_file.write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(tree.hashes.items())),
                           encoding="utf-8")


def unified(name: str, expected: bytes, actual: bytes, limit: int = DIFF_LINES) -> str:
    """Return the unified diff of one text file (a/name → b/name), cut after `limit` lines."""
    lines = list(difflib.unified_diff(expected.decode("utf-8").splitlines(keepends=True),
                                      actual.decode("utf-8").splitlines(keepends=True),
                                      fromfile=f"a/{name}", tofile=f"b/{name}"))
    lines = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]
    if len(lines) > limit:
        lines = lines[:limit] + [f"… {len(lines) - limit} more lines of this diff\n"]
    return "".join(lines)


def differences(expected: Tree, actual: Tree, limit: int = DIFF_LINES) -> list[str]:
    """Return one report per differing file (a unified diff for texts), missing and added files named; [] if equal."""
    reports = []
    expected_names = expected.texts.keys() | expected.hashes.keys()
    actual_names = actual.texts.keys() | actual.hashes.keys()
    reports += [f"missing from the build: {name}" for name in sorted(expected_names - actual_names)]
    reports += [f"added by the build: {name}" for name in sorted(actual_names - expected_names)]
    for name in sorted(expected_names & actual_names):
        if name in expected.texts and name in actual.texts:
            if expected.texts[name] != actual.texts[name]:
                reports.append(unified(name, expected.texts[name], actual.texts[name], limit))
        elif name in expected.hashes and name in actual.hashes:
            if expected.hashes[name] != actual.hashes[name]:
                reports.append(f"changed: {name} (sha256 {expected.hashes[name][:12]}… → "
                               f"{actual.hashes[name][:12]}…)")
        else:
            reports.append(f"changed kind: {name} (kept as text in one tree, as a hash in the other)")
    return reports


def report(reports: list[str]) -> str:
    """Return the differences as one text: how many files differ, then each report."""
    if not reports:
        return "The build equals the golden tree."
    return (f"{len(reports)} file(s) differ from the golden tree tests/golden/ (after an intended change: "
            f"`make golden`, then review the diff in the commit):\n\n" + "\n".join(reports))


def main(argv: list[str] | None = None) -> int:
    """Build the small site; refresh the golden tree (--refresh) or compare with it (exit 1 when it differs)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refresh", action="store_true", help="store the build as the new golden tree")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sitegen-golden-") as scratch:
        out = Path(scratch) / "out"
        build(out)
        actual = read_build(out)
    reports = differences(read_golden(), actual)
    if args.refresh:
        write_golden(actual)
        print(f"Wrote {len(actual.texts)} text files to {GOLDEN.relative_to(ROOT)}/ and {len(actual.hashes)} hashes "
              f"to {HASHES.relative_to(ROOT)}; {len(reports)} file(s) changed: review `git diff tests/golden/`.")
        return 0
    print(report(reports))
    return 1 if reports else 0


if __name__ == "__main__":
    sys.exit(main())
