"""Own knowing that nothing changed: one hash of every input of a build, and the record of the site it made.

The record (the inputs' hash, the page counts and warnings) and the manifest of the pages' fingerprints live inside
the output folder, so they are swapped in together with the pages they describe and can never disagree with them.
Light on purpose: a build that keeps the site as it was imports nothing of the stages.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

from ..problems import Problem
from ..project import BuildReport, Options, Project
from ..versions import settled, signature
from ..write import remove_stale
from .stored import UNREADABLE, write_atomically

MANIFEST = ".sitegen/manifest.json"
"""Where the fingerprints of a built site are kept, relative to the output folder."""
RECORD = ".sitegen/build.json"
"""Where the hash of everything a built site was made from is kept, with its summary."""
HASHES_FILE = "hashes.pickle"
"""Hashes of the files the last build read (FileHashes), in the cache folder."""
CODE = Path(__file__).resolve().parent.parent
"""The generator's own code: a change to it is a change to every page."""


class FileHashes:
    """Content hashes of files, remembered by their stat (device, inode, size, times) as git's index does.

    A hash is remembered only for a file last changed more than RACY_NS before it was read:
    file times are coarse, and a later change within the same tick could leave them as they
    were. The hashes are still those of the contents, so what is made from them (the inputs
    hash in .sitegen/build.json) is the same as if every file had been read.
    """

    def __init__(self, known: dict | None = None):
        self.known: dict[str, tuple[tuple, bytes]] = known if known is not None else {}
        self.used: dict[str, tuple[tuple, bytes]] = {}
        self.read = 0
        """How many files were read (for tests and curiosity)."""

    def of(self, path: str) -> bytes:
        """Return the SHA-256 of a file's contents (raise OSError when it cannot be read)."""
        info = os.stat(path)
        version = signature(info)
        entry = self.known.get(path)
        if entry is None or entry[0] != version:
            with open(path, "rb") as stream:
                entry = (version, hashlib.sha256(stream.read()).digest())
            self.read += 1
            if settled(info):
                self.known[path] = entry
            else:
                self.known.pop(path, None)
        self.used[path] = entry
        return entry[1]

    @classmethod
    def load(cls, file: Path) -> "FileHashes":
        """Return the hashes saved in `file` (none when it is missing or damaged)."""
        try:
            with open(file, "rb") as stream:
                known = pickle.load(stream)
        except UNREADABLE:
            return cls()
        return cls(known if isinstance(known, dict) else None)

    def save(self, file: Path) -> None:
        """Keep the hashes of the files asked for since this was made in `file` (when any was read)."""
        if self.read or len(self.used) != len(self.known):
            kept = {path: entry for path, entry in self.used.items() if self.known.get(path) is entry}
            write_atomically(file, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def inputs_digest(paths: list[Path], options: str, hashes: FileHashes | None = None) -> str:
    """Return one hash of every file under `paths` (names and contents), the generator's code and the options.

    `hashes` spares reading the files unchanged since they were hashed.
    """
    hashes = hashes if hashes is not None else FileHashes()
    digest = hashlib.sha256(options.encode("utf-8", "surrogatepass"))
    files = [file for top in paths for file in _listing(top)] + sorted(str(path) for path in CODE.rglob("*.py"))
    for file in files:
        digest.update(f"\0{file}\0".encode("utf-8", "surrogatepass"))
        try:
            digest.update(hashes.of(file))
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def _listing(top: Path) -> list[str]:
    """Return the files under a folder (links not followed), sorted; a file alone; nothing if missing."""
    if not top.is_dir():
        return [str(top)] if top.exists() else []
    found, pending = [], [str(top)]
    while pending:
        for entry in os.scandir(pending.pop()):
            (pending if entry.is_dir(follow_symlinks=False) else found).append(entry.path)
    return sorted(found)


def read_record(out: Path) -> dict | None:
    """Return the record of the site in `out` (None when there is none)."""
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def up_to_date(out: Path, inputs: str) -> dict | None:
    """Return the record of the site in `out` when it was built from exactly these inputs and is complete."""
    record = read_record(out)
    if record is None or record.get("inputs") != inputs:
        return None
    expected = [*read_manifest(out), *record.get("copies", ())]
    if not expected or not all(os.path.isfile(os.path.join(out, name)) for name in expected):
        return None
    return record


def record_bytes(inputs: str, summary: dict) -> bytes:
    """Return the record file's contents: the inputs hash and the build's summary (pages, warnings, copies)."""
    return json.dumps({"inputs": inputs, **summary}, sort_keys=True, indent=0, ensure_ascii=False).encode("utf-8")


def read_manifest(out: Path) -> dict[str, str]:
    """Return output file → fingerprint of the site now in `out` (empty when unknown)."""
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def manifest_bytes(fingerprints: dict[str, str]) -> bytes:
    """Return the manifest file's contents."""
    return json.dumps(fingerprints, sort_keys=True, separators=(",\n", ":")).encode("utf-8")  # C encoder, a line each


def kept(source: Path, out: Path, options: Options, project: Project, cache: bool = True
         ) -> tuple[BuildReport | None, str]:
    """Return the report of the site in `out` when no file it is made from changed since it was built (None when one
    did, or without the `cache`), and the hash of every input (files unchanged since they were hashed are not read
    again: `FileHashes`, kept in the cache folder)."""
    hashes = FileHashes.load(project.cache / HASHES_FILE) if cache else FileHashes()
    inputs = inputs_digest([source / "content", source / "data", project.templates, project.i18n, project.static,
                            project.outlines],
                           f"{options.today}|{options.drafts}|{options.base_url}|{options.search}", hashes)
    if not cache:
        return None, inputs
    hashes.save(project.cache / HASHES_FILE)
    record = up_to_date(out, inputs)
    if record is None:
        return None, inputs
    remove_stale(out)  # a killed build's temporary folder goes even when nothing is written
    return BuildReport(record["pages"], 0, [Problem(**warning) for warning in record["warnings"]],
                       unchanged=True), inputs
