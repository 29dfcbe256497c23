"""Own the site search index: Pagefind over the written site, one index per page language.

Runs on the temporary output folder before it is swapped in, so a site is never live
without its index. Only pages with `data-pagefind-body` (the main content) are indexed.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

INDEX_FOLDER = "pagefind"
"""Folder of the index inside the site."""


class SearchIndexFailed(RuntimeError):
    """Pagefind could not build the index."""


def build_index(site: Path, background: bool = False) -> None:
    """Index every HTML page of `site` into site/pagefind/ (`background`: at low CPU priority)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", INDEX_FOLDER, "--silent"]
    if background and shutil.which("nice"):
        command = ["nice", "-n", "15", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not (site / INDEX_FOLDER / "pagefind.js").is_file():
        raise SearchIndexFailed(f"Pagefind failed: {(result.stderr or result.stdout).strip()[:500]}")
    _sort_entry(site / INDEX_FOLDER / "pagefind-entry.json")


def _sort_entry(path: Path) -> None:
    """Rewrite Pagefind's entry file with sorted keys: it lists languages in random order."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, sort_keys=True, separators=(",", ":")), encoding="utf-8")
