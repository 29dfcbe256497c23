"""Own reading editor files from disk: size and path safety, UTF-8, YAML nodes with line numbers.

This is the only module of the load stage that touches the disk. Everything it returns
carries the file and line it came from, so later stages can point editors at the spot.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from . import links
from .problems import Problem, ProblemsFound
from .records.base import record
from .versions import text_digest
from .yaml_mistakes import GENERAL, explain

MAX_TEXT_BYTES = 2 * 1024 * 1024
"""Largest YAML or Markdown file accepted; larger files are refused before parsing."""

NULL_WORDS = {"", "~", "null", "Null", "NULL"}

MAX_DEPTH = 20
"""Deepest nesting of YAML lists and mappings accepted (the schema needs four)."""

STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in
                 ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
"""Tags that plain YAML resolves by itself; explicit tags such as !!python/object are refused."""


@record(eq=False)
class Raw:
    """A YAML value as the editor wrote it, with the line it stands on."""

    value: object
    """dict[str, Raw], list[Raw], str, or None (for an empty or null value)."""
    line: int
    """1-based line of the value."""
    plain: bool = True
    """False when a scalar was quoted (so `"true"` stays text)."""
    key_lines: dict = field(default_factory=dict)
    """For a mapping: key → 1-based line of the key."""


@dataclass(frozen=True)
class TextFile:
    """A decoded text file."""

    path: str
    """Path relative to the site folder, forward slashes."""
    text: str
    """Contents without a byte-order mark."""


def rel(path: Path, root: Path) -> str:
    """Return `path` relative to `root` with forward slashes."""
    text, top = str(path), str(root).rstrip("/") + "/"
    if text.startswith(top) and os.sep == "/":
        return text[len(top):]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, root: Path, max_bytes: int = MAX_TEXT_BYTES) -> TextFile:
    """Read a UTF-8 file inside `root`; raise ProblemsFound for anything an editor must fix."""
    name = rel(path, root)
    check_inside(path, root, name)
    with open(path, "rb") as stream:  # the size of the file opened, not of a name that might change meanwhile
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise ProblemsFound([Problem(name, 1, "", f"file is too large ({size} bytes)",
                                         f"at most {max_bytes} bytes")])
        data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ProblemsFound([Problem(name, line, "", f"the file is not valid UTF-8 (byte {err.start})",
                                     "save the file as UTF-8")]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ProblemsFound([Problem(name, line, "", "the file contains a NUL character",
                                     "plain text")])
    return TextFile(name, text.replace("\r\n", "\n"))


def check_inside(path: Path | str, root: Path, name: str, link: bool | None = None) -> None:
    """Refuse a path (a symlink, say) that resolves outside the site folder (`link`: whether it is one, if known)."""
    text = str(path)
    if not (os.path.islink(text) if link is None else link):
        if _folder_inside(os.path.dirname(text), str(root)):  # a plain file is where its folder really is
            return
        real = os.path.join(_real_folder(os.path.dirname(text)), os.path.basename(text))
    else:
        real = os.path.realpath(text)
    top = _real_folder(str(root))
    if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
        raise ProblemsFound([Problem(name, 1, "", "the file points outside the site folder",
                                     "a regular file inside the site folder, not a link")])


def forget_folders() -> None:
    """Forget the real paths of folders (a long-running dev server calls this before every build)."""
    _real_folder.cache_clear()
    _folder_inside.cache_clear()


@lru_cache(maxsize=4096)
def _folder_inside(folder: str, root: str) -> bool:
    """Return whether a folder really is (after links) the site folder or inside it (asked once per build)."""
    real, top = _real_folder(folder), _real_folder(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


@lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    """Return a folder's real path (asked once per folder and build, see forget_folders)."""
    return os.path.realpath(folder)


class _NoAliasLoader(yaml.SafeLoader):
    """A YAML composer that refuses anchors and aliases (no "billion laughs")."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event.start_mark.line + 1,
                           "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the value out in full; a text starting with & or * in double quotes")
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, line: int, message: str, expected: str):
        super().__init__(message)
        self.line, self.message, self.expected = line, message, expected


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Invisible characters a text may not hold (a tab and a line break are plain text): a word processor's line break
(U+000B) or line separator (U+2028), a bell, an escape. YAML would refuse some and break lines at others."""


def parse_yaml(text: str, path: str, first_line: int = 1) -> Raw:
    """Parse YAML text into a Raw tree; `first_line` is the file line of the text's first line."""
    offset = first_line - 1
    invisible = CONTROL.search(text)
    if invisible:
        raise ProblemsFound([Problem(path, first_line + text.count("\n", 0, invisible.start()), "",
                                     "the text contains an invisible control character", "plain text")])
    if "\t" in text:  # (the two parsers read tabs differently: libyaml takes some that PyYAML refuses)
        for number, line in enumerate(text.split("\n"), start=first_line):
            if line.lstrip(" ").startswith("\t"):
                raise ProblemsFound([Problem(path, number, "", "a tab is used for indentation",
                                             "indent with spaces")])
            if "\t" in line:
                raise ProblemsFound([Problem(path, number, "", "the line holds a tab",
                                             "a space instead of the tab")])
    # Text without '&' and '*' cannot hold an anchor or alias: libyaml composes it fast. Other
    # text goes through the Python composer, which refuses anchors and aliases as it meets them.
    fast = "&" not in text and "*" not in text and hasattr(yaml, "CSafeLoader")
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader if fast else _NoAliasLoader)
    except _Refused as err:
        raise ProblemsFound([Problem(path, err.line + offset, "", err.message, err.expected)]) from None
    except yaml.MarkedYAMLError as err:
        try:
            line, message, expected = explain(err, text, first_line)
        except Exception:  # noqa: BLE001 - the last net: the mistake is still named at its line, in general words
            mark = err.problem_mark or err.context_mark
            line, (message, expected) = (mark.line if mark else 0), GENERAL
        raise ProblemsFound([Problem(path, line + first_line, "", message, expected)]) from None
    except yaml.YAMLError:
        raise ProblemsFound([Problem(path, first_line, "", "the file cannot be read as YAML",
                                     "'name: value' lines, indented with spaces")]) from None
    except RecursionError:
        raise ProblemsFound([Problem(path, first_line, "", "the YAML is nested too deeply",
                                     f"at most {MAX_DEPTH} levels")]) from None
    if node is None:
        return Raw(None, first_line)
    problems: list[Problem] = []
    raw = _to_raw(node, path, offset, problems)
    if problems:
        raise ProblemsFound(problems)
    return raw


def _to_raw(node: yaml.Node, path: str, offset: int, problems: list[Problem], depth: int = 0) -> Raw:
    line = node.start_mark.line + 1 + offset
    if depth > MAX_DEPTH:
        problems.append(Problem(path, line, "", "the YAML is nested too deeply", f"at most {MAX_DEPTH} levels"))
        return Raw(None, line)
    if node.tag not in STANDARD_TAGS:
        problems.append(Problem(path, line, "", f"a value starting with '!' names a YAML type ('{node.tag}'), "
                                "which is not allowed", "a plain value; a text starting with '!' in double quotes"))
        return Raw(None, line)
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style
        if plain and node.value in NULL_WORDS:
            return Raw(None, line)
        return Raw(node.value, line, plain)
    if isinstance(node, yaml.SequenceNode):
        return Raw([_to_raw(item, path, offset, problems, depth + 1) for item in node.value], line)
    mapping: dict[str, Raw] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, key_line, "", "a field name must be a plain word",
                                    "name: value; a text starting with '[' or '{' in double quotes"))
            continue
        key = key_node.value
        if key in mapping:
            problems.append(Problem(path, key_line, key, f"duplicate key (first given on line {key_lines[key]})",
                                    "each key once per entry"))
            continue
        mapping[key] = _to_raw(value_node, path, offset, problems, depth + 1)
        key_lines[key] = key_line
    return Raw(mapping, line, True, key_lines)


@dataclass(frozen=True)
class MarkdownFile:
    """A Markdown file's front matter, and where its body starts."""

    path: str
    """Path relative to the site folder."""
    front: Raw
    """The YAML front matter."""
    body_line: int
    """File line on which the body (the Markdown after the closing fence) starts. The body itself is not
    kept: a large site's texts would not fit the memory a build may use; `read_body` reads it again."""
    digest: bytes
    """Hash of the file's text (`text_digest`)."""
    links: tuple = ()
    """The body's links to pages and files of the site: (file line, target) (see `links.find`)."""


@dataclass(frozen=True)
class YamlFile:
    """A parsed YAML data file."""

    path: str
    """Path relative to the site folder."""
    tree: Raw
    """Its contents."""
    digest: bytes
    """Hash of the file's text (`text_digest`)."""


@record
class KnownFile:
    """A file unchanged since the previous build, not read again: its name and the hash of its text.

    What was made from it is remembered; a stage that needs its contents after all (a release
    checked again because its other language version changed, a data file checked again in a
    new context) reads it with `read_markdown` or `read_yaml`.
    """

    path: str
    """Path relative to the site folder."""
    digest: bytes
    """Hash of the file's text (`text_digest`)."""
    links: tuple = ()
    """A Markdown file's links to pages and files of the site (see `MarkdownFile.links`)."""


def split_front_matter(source: TextFile, digest: bytes | None = None) -> MarkdownFile:
    """Split `---` fenced YAML front matter from a Markdown body (`digest`: the text's, when known)."""
    lines = source.text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ProblemsFound([Problem(source.path, 1, "", "the file does not start with front matter",
                                     "a first line '---', the fields, then a closing '---'")])
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = parse_yaml("\n".join(lines[1:index]), source.path, first_line=2)
            if front.value is None:
                front = Raw({}, 2)
            body = source.text[sum(len(line) + 1 for line in lines[:index + 1]):]
            return MarkdownFile(source.path, front, index + 2, digest or text_digest(source.text),
                                links.find(body, index + 2))
    raise ProblemsFound([Problem(source.path, 1, "", "the front matter has no closing '---' line",
                                 "a line '---' after the fields")])


def read_again(root: Path, path: str, digest: bytes) -> TextFile:
    """Read a file of the site folder again; its text must still be the one the build read first (`digest`).

    Raise ProblemsFound when it is not: what the build checked would not be what it shows.
    """
    source = read_text(root / path, root)
    if text_digest(source.text) != digest:
        raise ProblemsFound([Problem(path, 1, "", "the file changed while the site was being built",
                                     "build again now that it is saved")])
    return source


def read_markdown(root: Path, path: str, digest: bytes) -> MarkdownFile:
    """Read a Markdown file again (see `read_again`) and split it."""
    return split_front_matter(read_again(root, path, digest), digest)


def read_yaml(root: Path, path: str, digest: bytes) -> Raw:
    """Read a YAML file again (see `read_again`) and parse it."""
    return parse_yaml(read_again(root, path, digest).text, path)


def read_body(root: Path, path: str, line: int, digest: bytes) -> str:
    """Return the body of a Markdown file read again (see `read_again`): its text from file line `line` on."""
    parts = read_again(root, path, digest).text.split("\n", line - 1)
    return parts[-1] if len(parts) == line else ""
