"""The benchmark's corpus is a valid site of the size the issue asks for; its table says which targets are met."""
from __future__ import annotations

import re
import subprocess
import sys

from bench.corpus import write_corpus
from bench.run import verdict
from sitegen.pipeline import PROJECT, check


def test_the_corpus_of_size_n_is_a_valid_site_of_the_promised_shape(tmp_path):
    subprocess.run([sys.executable, str(PROJECT / "bench/corpus.py"), "30", str(tmp_path / "s30")], check=True)
    site, problems = check(tmp_path / "s30")
    assert site is not None, [p.format() for p in problems]
    assert [p for p in problems if not p.warning] == []
    by_lang = {lang: [r for r in site.releases if r.lang == lang] for lang in ("de", "en")}
    assert len(by_lang["de"]) == len(by_lang["en"]) == 30
    assert len(site.partners) == 16 and len(site.events) == 6  # N/10 partners, at least 16; N/5 events
    text = (tmp_path / "s30" / by_lang["de"][0].body.path).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert 570 <= len(re.findall(r"\w+", text)) <= 630  # about 600 words
    for construct in ("\n## ", "\n- ", "](https://", "**", "*dort*", "|:--|--:|"):
        assert construct in text, construct


def test_the_corpus_is_the_same_for_the_same_size(tmp_path):
    write_corpus(12, tmp_path / "one")
    write_corpus(12, tmp_path / "two")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files and all((tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes() for f in files)
    assert sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file()) == files


def test_a_figure_is_marked_against_its_target():
    assert verdict(0.99, 1) == "≤ 1 ✔"
    assert verdict(1.01, 1) == "≤ 1 ✗"
    assert verdict(2.7, 2.7) == "≤ 2.7 ✔"
    assert verdict(5.0, None) == "—"
    assert verdict(0.4, 0.376058) == "≤ 0.376 ✗"  # a measured target (the warm build) to three digits


def test_the_comparison_with_older_code_takes_medians_and_marks_a_row_more_than_ten_percent_worse():
    from bench.compare import Row, compare, markdown_table, medians

    old = [{"cold full build": 10.0, "peak memory": 140.0}, {"cold full build": 30.0, "peak memory": 100.0},
           {"cold full build": 12.0, "peak memory": 120.0}]
    new = [{"cold full build": 13.3, "peak memory": 132.0}, {"cold full build": 13.1, "peak memory": 131.0},
           {"cold full build": 9.0, "peak memory": 500.0}]
    assert medians(old) == {"cold full build": 12.0, "peak memory": 120.0}
    assert medians([{"warm full build": 1.0}, {"warm full build": 2.0}]) == {"warm full build": 1.5}
    rows = compare(old, new)
    assert rows == [Row("cold full build", 12.0, 13.1), Row("peak memory", 120.0, 132.0)]
    assert [round(row.ratio, 4) for row in rows] == [1.0917, 1.1]
    assert [row.worse for row in rows] == [False, False]  # 10 % worse is allowed, no more
    assert Row("warm full build", 1.0, 1.11).worse and not Row("warm full build", 1.0, 0.5).worse
    assert markdown_table([Row("one edited release", 1.0, 1.2), Row("peak memory", 140.0, 139.6)],
                          "OLD ac3731e0", "NEW bc1e9e72") == (
        "| median of the runs | OLD ac3731e0 | NEW bc1e9e72 | NEW/OLD | |\n"
        "|---|---:|---:|---:|---|\n"
        "| one edited release | 1.00 s | 1.20 s | 1.20 | ✗ more than 10% worse |\n"
        "| peak memory | 140 MB | 140 MB | 1.00 | ✔ |")
