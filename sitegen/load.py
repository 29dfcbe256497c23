"""Own the load stage: a site folder → raw records (YAML trees and Markdown files) with file:line.

Reads `data/*.yaml` and `content/**.md`; lists the other files beside Markdown so that
validation can check attachments without touching the disk. Every problem found while
reading is collected; nothing is parsed twice.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import pictures, steps
from .pictures import Picture
from .problems import Problem, ProblemsFound
from .source import (KnownFile, MarkdownFile, TextFile, YamlFile, check_inside, forget_folders, parse_yaml,
                     read_text, rel, split_front_matter)
from .versions import version

DATA_FILES = ("site", "vocabularies", "partners", "events")
"""The data files a site folder must hold, as data/<name>.yaml."""

OPTIONAL_DATA_FILES = ("initiatives", "marketplace")
"""Data files a site folder may hold; a missing one means an empty list."""

CONTENT_SECTIONS = ("press", "pages", "logos")
"""Folders under content/ holding Markdown documents and the files beside them (logos: partner logos)."""

KNOWN_BY_NAME = ("content/press",)
KNOWN_DATA_FILES = ("partners", "events", "initiatives", "marketplace")
"""Sections and data files of which a keeper of earlier work (see sitegen.steps) keeps only the name and hash
(KnownFile) rather than the parsed file: what was checked in them is kept too, and a large site's parsed files are
not held between builds."""

TEXT_READ = "release text read"
"""What the keeper is told of each release text read (`steps.told`): its file (relative to the site folder), the hash
of the file's text and the line its body starts on."""

MAX_ASSET_BYTES = 20 * 1024 * 1024
"""Largest file accepted beside Markdown (press-kit attachments, images)."""


@dataclass(frozen=True)
class Asset:
    """A non-Markdown file beside content, e.g. a press-kit PDF."""

    path: str
    """Path relative to the site folder."""
    size: int
    """Size in bytes."""
    picture: Picture | None = None
    """For a file named like a picture: what it is (None when it is none a browser can show)."""


@dataclass
class RawSite:
    """Everything read from a site folder, not yet validated."""

    root: Path
    """The site folder."""
    data: dict = field(default_factory=dict)
    """Data-file name → YamlFile (or KnownFile, see KNOWN_DATA_FILES); absent when the file could not be read."""
    documents: dict = field(default_factory=dict)
    """Section → list of MarkdownFile (or KnownFile, see KNOWN_BY_NAME)."""
    assets: dict = field(default_factory=dict)
    """Relative path → Asset, for files beside Markdown."""
    problems: list = field(default_factory=list)
    """Problems met while reading."""


def load_site(root: Path) -> RawSite:
    """Read a site folder; problems are collected in the result, not raised.

    Each file is read and parsed as a piece of work of its own (`steps.file`); each release text read is told
    (`TEXT_READ`) as soon as it is.
    """
    forget_folders()
    raw = RawSite(root)
    for name in DATA_FILES + OPTIONAL_DATA_FILES:
        path = root / "data" / f"{name}.yaml"
        if name in OPTIONAL_DATA_FILES and not path.exists() and not path.is_symlink():
            continue
        if not path.is_file():
            raw.problems.append(Problem(f"data/{name}.yaml", 1, "", "file is missing",
                                        f"a data/{name}.yaml file"))
            continue
        keep = _known if name in KNOWN_DATA_FILES else None
        data = _guarded(raw, lambda: _read(str(path), f"data/{name}.yaml", root, _parsed_yaml, keep=keep))
        if data is not None:
            raw.data[name] = data
    for section in CONTENT_SECTIONS:
        raw.documents[section] = _load_section(raw, root / "content" / section)
    return raw


def _read(path: str, name: str, root: Path, parse: Callable[[TextFile, bytes], object],
          info: os.stat_result | None = None, keep: Callable | None = None):
    """Return the parsed contents of the file `name` inside `root`."""
    check_inside(path, root, name, None if info is None else stat.S_ISLNK(info.st_mode))
    return steps.file(path, lambda: read_text(Path(path), root).text,
                      lambda text, digest: parse(TextFile(name, text), digest), info, keep)


def _parsed_yaml(source: TextFile, digest: bytes) -> YamlFile:
    return YamlFile(source.path, parse_yaml(source.text, source.path), digest)


def _known(parsed: MarkdownFile | YamlFile) -> KnownFile:
    return KnownFile(parsed.path, parsed.digest, getattr(parsed, "links", ()))


def _guarded(raw: RawSite, read):
    try:
        return read()
    except ProblemsFound as found:
        raw.problems.extend(found.problems)
        return None


def _load_section(raw: RawSite, folder: Path) -> list[MarkdownFile]:
    documents: list[MarkdownFile] = []
    if not folder.is_dir():
        return documents
    section, top = rel(folder, raw.root), str(folder)
    for parts in _entries(folder):
        path, name = os.path.join(top, *parts), f"{section}/{'/'.join(parts)}"
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            try:
                check_inside(path, raw.root, name)
            except ProblemsFound as found:
                raw.problems.extend(found.problems)
                continue
            if not os.path.isfile(path):
                continue
        elif not stat.S_ISREG(info.st_mode):
            continue
        if name.endswith(".md"):
            keep = _known if section in KNOWN_BY_NAME else None
            document = _guarded(raw, lambda: _read(path, name, raw.root, split_front_matter, info, keep))
            if document is not None:
                documents.append(document)
                if section == "content/press" and isinstance(document, MarkdownFile):
                    steps.told(TEXT_READ, name, document.digest, document.body_line)
        else:
            raw.assets[name] = _asset(path, name)
    return documents


def _asset(path: str, name: str) -> Asset:
    """Return a file beside Markdown; a picture is examined (a piece of work depending on the file's version)."""
    info = os.stat(path)
    if not name.lower().endswith(pictures.EXTENSIONS):
        return Asset(name, info.st_size)
    return Asset(name, info.st_size, steps.result("picture", name, (version(info),), lambda: pictures.examine(path)))


def _entries(folder: Path) -> list[tuple[str, ...]]:
    """Return every entry under `folder` as path segments, in path order; hidden ones and links' targets left out."""
    found = []
    for top, folders, files in os.walk(folder):
        relative = os.path.relpath(top, folder)
        prefix = () if relative == "." else tuple(relative.split(os.sep))
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(prefix + (name,) for name in folders + files if not name.startswith("."))
    return sorted(found)
