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
