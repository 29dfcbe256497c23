"""The golden output tree: the small example site (tests/sites/small/) builds byte for byte to tests/golden/.

Beside the property tests (which say that builds agree with each other), this says what a build IS: every
page, feed, calendar and sitemap of a small site, stored as text (pictures and static/ as SHA-256 lines in
tests/golden/small.sha256). When it fails, it shows a unified diff per differing file (a/ the golden tree,
b/ this build) and names missing and added files.

After an INTENDED change (a template, a catalog, the generator's output) run `make golden` to refresh the tree,
and review the diff of tests/golden/ in the same commit: it is exactly what the change does to the pages.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import golden  # noqa: E402
from golden import Tree, differences, read_build, read_golden, report, unified, write_golden  # noqa: E402


def test_the_small_site_builds_to_the_golden_tree(tmp_path):
    out = tmp_path / "out"
    golden.build(out)
    expected = read_golden()
    assert expected.texts, "no golden tree: run `make golden`"
    reports = differences(expected, read_build(out))
    if reports:
        pytest.fail(report(reports), pytrace=False)


def test_the_small_site_says_it_is_an_example():
    assert "\nexample: true\n" in (golden.SITE / "data/site.yaml").read_text(encoding="utf-8")


def _tree() -> Tree:
    return Tree(texts={"de/index.html": b"<h1>Start</h1>\n<p>Eins</p>\n", "en/index.html": b"<h1>Home</h1>\n",
                       "robots.txt": b"User-agent: *\n"},
                hashes={"static/css/site.css": "a" * 64, "press/files/x/photo.jpg": "b" * 64})


def test_one_altered_file_fails_with_its_unified_diff_and_every_other_difference_is_named():
    expected = _tree()
    actual = Tree(texts={**expected.texts, "de/index.html": b"<h1>Start</h1>\n<p>Zwei</p>\n",
                         "de/new/index.html": b"new\n"},
                  hashes={"static/css/site.css": "c" * 64})
    del actual.texts["robots.txt"]
    assert differences(expected, actual) == [
        "missing from the build: press/files/x/photo.jpg",
        "missing from the build: robots.txt",
        "added by the build: de/new/index.html",
        "--- a/de/index.html\n+++ b/de/index.html\n@@ -1,2 +1,2 @@\n <h1>Start</h1>\n-<p>Eins</p>\n+<p>Zwei</p>\n",
        f"changed: static/css/site.css (sha256 {'a' * 12}… → {'c' * 12}…)",
    ]
    assert differences(expected, _tree()) == []
    assert report([]) == "The build equals the golden tree."
    assert report(["x", "y"]).startswith("2 file(s) differ from the golden tree tests/golden/ (after an intended "
                                         "change: `make golden`, then review the diff in the commit):\n\nx\ny")


def test_a_built_page_edited_as_a_template_change_would_be_shows_in_the_comparison(tmp_path):
    """The real golden tree against itself with one page's line changed, as an edited template changes it."""
    expected = read_golden()
    page = "en/index.html"
    lines = expected.texts[page].decode("utf-8").splitlines(keepends=True)
    changed = next(i for i, line in enumerate(lines) if "<main" in line)
    before = lines[changed]
    lines[changed] = before.replace("<main", '<main data-edited="yes"', 1)
    altered = Tree({**expected.texts, page: "".join(lines).encode("utf-8")}, expected.hashes)
    [only] = differences(expected, altered)
    assert only.startswith(f"--- a/{page}\n+++ b/{page}\n@@ ")
    assert f"\n-{before}" in only and f"\n+{lines[changed]}" in only


def test_a_long_diff_is_cut_and_a_missing_final_newline_is_marked():
    diff = unified("a.txt", "".join(f"{i}\n" for i in range(100)).encode(), b"x", limit=10)
    assert diff.splitlines()[:3] == ["--- a/a.txt", "+++ b/a.txt", "@@ -1,100 +1 @@"]
    assert len(diff.splitlines()) == 11 and diff.endswith("… 94 more lines of this diff\n")
    assert unified("b.txt", b"a\n", b"b") == ("--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-a\n+b\n"
                                              "\\ No newline at end of file\n")


def test_a_build_is_kept_as_texts_and_hashes_without_its_bookkeeping_and_read_back_the_same(tmp_path):
    out = tmp_path / "out"
    files = {"de/index.html": "<p>Grüße</p>".encode(), "static/js/site.js": b"site();\n",
             "press/files/x/photo.jpg": b"\xff\xd8\xff\xe0JFIF", "notes.txt": b"nul\0inside",
             ".sitegen/manifest.json": b"{}", ".sitegen/build.json": b"{}"}
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    tree = read_build(out)
    sha = {name: hashlib.sha256(files[name]).hexdigest()
           for name in ("static/js/site.js", "press/files/x/photo.jpg", "notes.txt")}
    assert tree == Tree({"de/index.html": "<p>Grüße</p>".encode()}, sha)
    write_golden(tree, tmp_path / "golden/site", tmp_path / "golden/site.sha256")
    assert (tmp_path / "golden/site.sha256").read_text() == "".join(
        f"{sha[name]}  {name}\n" for name in sorted(sha))
    assert read_golden(tmp_path / "golden/site", tmp_path / "golden/site.sha256") == tree
