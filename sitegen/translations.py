"""Own the translation desk: which version of its source each translation was made from, and what is missing or out
of date (docs/architecture.md, "The translation desk").

German first: of a text's versions (a release's or a plain page's `<name>.<language>.md`), the one in the site's
first language is the source and the others are its translations (a text in one other language only is its own
source). A translation records the version of its source it was made from in its front matter,
`translated_from: <hash>`: the first twelve hex digits of the SHA-256 of the source's normal form (`Normal`: the
fields a translation translates — title and summary, title and description — and the text, each paragraph's
whitespace evened out), so that a changed date, tag or line break never calls for a new translation.
`build.py translated FILE` sets it (`recorded`); in the browser editor it is the field "Übersetzt aus Fassung".

`desk` lists the items of the translation status page; `problems` gives `build.py check` its warnings: a text
without its other language, a translation whose source changed since it was made (and what changed, from the git
history: `sitegen/translation_changes.py`), a per-language field of the data or a release given in one language
only (`sitegen/translation_gaps.py`, with the catalogs' untranslated and fuzzy strings). A translation recording
no version is listed on the status page ("not recorded"), not warned of.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import translation_changes, translation_gaps
from .texts import DOCUMENT_NAME
from .load import RawSite
from .problems import Problem, ProblemsFound
from .schema import SUPPORTED_LANGUAGES
from .source import (KnownFile, MarkdownFile, TextFile, parse_yaml, read_body, read_markdown, read_text,
                     split_front_matter)

FIELD = "translated_from"
"""The front-matter field a translation records its source's version in."""
TEXT_FIELDS = {"press": ("title", "summary"), "pages": ("title", "description")}
"""Content section → the front-matter fields a translation translates (the others are the source's alone)."""
DIGEST_LENGTH = 12
"""Hex digits of a version's hash written into `translated_from`."""
LANGUAGE_NAMES = {"de": "German", "en": "English"}
STATES = {"current": "up to date", "changed": "source changed", "unrecorded": "not recorded",
          "missing": "missing", "one-language": "one language only", "untranslated": "untranslated",
          "fuzzy": "fuzzy"}
"""An item's state → how the status page names it."""
RECORD_LINE = re.compile(rf"^{FIELD}[ \t]*:")


@dataclass(frozen=True)
class Normal:
    """A text's normal form: what its translations translate."""

    fields: tuple[tuple[str, str], ...]
    """(field, text with whitespace evened out) of the fields translated (`TEXT_FIELDS`)."""
    paragraphs: tuple[tuple[int, str], ...]
    """(file line, text with whitespace evened out) of each paragraph of the text (parts between blank lines)."""

    def text(self) -> str:
        """Return the normal form as one text: the fields, a line each, a blank line, the paragraphs, a line each."""
        return "\n".join([f"{name}: {value}" for name, value in self.fields] + [""] +
                         [paragraph for _, paragraph in self.paragraphs])

    def digest(self) -> str:
        """Return the version's hash as `translated_from` records it."""
        return hashlib.sha256(self.text().encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class Item:
    """One line of the translation status: a text's version, a per-language field, a catalog's string."""

    section: str
    """'press', 'pages', 'data' or 'catalogs'."""
    state: str
    """One of STATES."""
    path: str
    """The file the item is about (a translation; the existing version of a text missing one), site-relative (a
    catalog: project-relative)."""
    line: int
    """Its line in that file."""
    name: str
    """What it is: a text's name, a record's field, a catalog's msgid."""
    lang: str = ""
    """The language concerned: the translation's, the missing one, the catalog's."""
    source: str = ""
    """A translation's source file."""
    detail: str = ""
    """What changed, or which languages a field has."""
    digest: str = ""
    """The source's version now (what `translated_from` records once the translation is up to date)."""
    diff: str = ""
    """A changed source: the unified diff of its normal form since the version translated (when git has it)."""


def normal(front: dict, body: str, body_line: int, section: str) -> Normal:
    """Return the normal form of a text: its front matter's translated fields and its body's paragraphs."""
    fields = []
    for name in TEXT_FIELDS[section]:
        node = front.get(name)
        value = node.value if node is not None and isinstance(node.value, str) else ""
        fields.append((name, " ".join(value.split())))
    paragraphs, start, words = [], 0, []
    for number, line in enumerate(body.split("\n"), start=body_line):
        if line.strip():
            start, words = (start or number), words + line.split()
        elif words:
            paragraphs.append((start, " ".join(words)))
            start, words = 0, []
    if words:
        paragraphs.append((start, " ".join(words)))
    return Normal(tuple(fields), tuple(paragraphs))


def normal_of_text(path: str, text: str) -> Normal | None:
    """Return the normal form of a text file's whole text (a version from git too); None when it cannot be read."""
    try:
        document = split_front_matter(TextFile(path, text))
    except ProblemsFound:
        return None
    front = document.front.value if isinstance(document.front.value, dict) else {}
    body = text.split("\n", document.body_line - 1)[-1] if text.count("\n") >= document.body_line - 1 else ""
    return normal(front, body, document.body_line, _section(path))


def recorded(text: str, digest: str) -> str:
    """Return a translation's text with `translated_from: <digest>` in its front matter: that one line replaced, or
    added before the closing `---`; every other byte as it was (line ends, byte-order mark)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].lstrip("\ufeff").strip() != "---":
        raise ValueError("the file does not start with front matter")
    for index in range(1, len(lines)):
        line = lines[index]
        ending = _ending(line) or _ending(lines[0])
        if RECORD_LINE.match(line):
            lines[index] = f"{FIELD}: {digest}{ending}"
            return "".join(lines)
        if line.strip() in ("---", "..."):
            lines.insert(index, f"{FIELD}: {digest}{_ending(lines[index - 1]) or ending}")
            return "".join(lines)
    raise ValueError("the front matter has no closing '---' line")


def record_translated(root: Path, path: str) -> list[tuple[str, str, bool]]:
    """Record in a translation (or in every translation of a source) of the site folder `root` that it is translated
    from its source as it is now (`recorded`; the one file edit of the translation desk, written whole in one step);
    return (translation, version, whether its file changed). Raise ProblemsFound when there is nothing to record."""
    match = DOCUMENT_NAME.match(PurePosixPath(path).name)
    section = _section(path)
    if match is None or section not in TEXT_FIELDS or not path.startswith("content/"):
        raise ProblemsFound([Problem(path, 1, "", "not a release or plain page", "a file content/press/<name>."
                                    "<language>.md or content/pages/<name>.<language>.md")])
    languages = site_languages(root)
    folder = root / "content" / section
    versions = {lang: f"content/{section}/{match['key']}.{lang}.md" for lang in languages
                if (folder / f"{match['key']}.{lang}.md").is_file()}
    if match["lang"] not in versions:
        raise ProblemsFound([Problem(path, 1, "", "there is no such file", "the path of a translation, from the site "
                                     "folder on, e.g. content/press/2026-12-01-name.en.md")])
    source = versions[source_language(versions, languages)]
    targets = [versions[lang] for lang in languages if lang in versions and versions[lang] != source]
    if not targets:
        raise ProblemsFound([Problem(path, 1, "", "this text has no translation: it is its own source",
                                     "the path of its translation, once there is one")])
    now = normal_of_text(source, read_text(root / source, root).text)
    if now is None:
        raise ProblemsFound([Problem(source, 1, "", "the source's front matter cannot be read", "make check says why")])
    done = []
    for target in targets if path == source else [path]:
        file = root / target
        before = file.read_bytes().decode("utf-8")
        try:
            after = recorded(before, now.digest())
        except ValueError as error:
            raise ProblemsFound([Problem(target, 1, "", str(error), "front matter between two '---' lines")]) from None
        if after != before:
            temporary = file.with_name(f".{file.name}.translated")
            temporary.write_bytes(after.encode("utf-8"))
            os.replace(temporary, file)
        done.append((target, now.digest(), after != before))
    return done


def site_languages(root: Path) -> tuple[str, ...]:
    """Return the site's languages as data/site.yaml gives them (the supported ones when it cannot be read)."""
    try:
        node = parse_yaml(read_text(root / "data" / "site.yaml", root).text, "data/site.yaml").value.get("languages")
        languages = tuple(item.value for item in node.value if isinstance(item.value, str))
    except (ProblemsFound, OSError, AttributeError, TypeError):
        return SUPPORTED_LANGUAGES
    return languages or SUPPORTED_LANGUAGES


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def _section(path: str) -> str:
    """Return the section of a text's file: content/<section>/… (also from a subfolder of it)."""
    return PurePosixPath(path).parts[1]


def texts(raw: RawSite, languages: tuple[str, ...]) -> dict[tuple[str, str], dict[str, MarkdownFile | KnownFile]]:
    """Return (section, name) → language → document of every release and plain page, in the site's languages."""
    found: dict = {}
    for section in TEXT_FIELDS:
        for document in raw.documents.get(section, ()):
            match = DOCUMENT_NAME.match(PurePosixPath(document.path).name)
            if match and match["lang"] in languages:
                found.setdefault((section, match["key"]), {})[match["lang"]] = document
    return dict(sorted(found.items()))


def source_language(versions: dict, languages: tuple[str, ...]) -> str:
    """Return the language of a text's source: the first of the site's languages it is written in."""
    return next(lang for lang in languages if lang in versions)


def version_of(raw: RawSite, document: MarkdownFile | KnownFile) -> tuple[MarkdownFile, Normal] | None:
    """Return a document read (again) and its normal form; None when it changed meanwhile or cannot be read."""
    try:
        if not isinstance(document, MarkdownFile):
            document = read_markdown(raw.root, document.path, document.digest)
        body = read_body(raw.root, document.path, document.body_line, document.digest)
    except (ProblemsFound, OSError):
        return None
    front = document.front.value if isinstance(document.front.value, dict) else {}
    return document, normal(front, body, document.body_line, _section(document.path))


def text_items(raw: RawSite, languages: tuple[str, ...], history: bool = True) -> list[Item]:
    """Return the status of every text's versions: missing languages, and each translation's (`history`: look up
    what changed in git)."""
    items = []
    for (section, key), versions in texts(raw, languages).items():
        source_lang = source_language(versions, languages)
        source = versions[source_lang]
        for lang in languages:
            if lang not in versions:
                items.append(Item(section, "missing", source.path, 1, key, lang, source.path,
                                  f"content/{section}/{key}.{lang}.md"))
        translations = [lang for lang in languages if lang in versions and lang != source_lang]
        read = version_of(raw, source) if translations else None
        if read is None:
            continue
        for lang in translations:
            items.append(_translation_item(raw, section, key, lang, versions[lang], source.path, read[1], history))
    return items


def _translation_item(raw: RawSite, section: str, key: str, lang: str, document, source: str, now: Normal,
                      history: bool) -> Item:
    """Return the status of one translation against its source's normal form `now`."""
    front = getattr(document, "front", None)
    if front is None:  # a file unchanged since the last build: its front matter is read again here
        read = version_of(raw, document)
        front = read[0].front if read is not None else None
    node = front.value.get(FIELD) if front is not None and isinstance(front.value, dict) else None
    if node is None or not isinstance(node.value, str) or not node.value.strip():
        return Item(section, "unrecorded", document.path, 1, key, lang, source, digest=now.digest())
    line = front.key_lines.get(FIELD, node.line)
    made_from = node.value.strip()
    if made_from == now.digest():
        return Item(section, "current", document.path, line, key, lang, source, digest=made_from)
    change = translation_changes.since(raw.root, source, made_from, now, normal_of_text) if history else None
    detail = change.summary if change is not None else ""
    return Item(section, "changed", document.path, line, key, lang, source, detail, now.digest(),
                change.diff if change is not None else "")


def items(raw: RawSite, languages: tuple[str, ...], i18n: Path | None, history: bool = True) -> list[Item]:
    """Return every item of the translation desk: texts, per-language fields, catalogs (`i18n`: their folder)."""
    gaps = translation_gaps.field_gaps(raw, languages) + (
        translation_gaps.catalog_gaps(i18n, languages) if i18n is not None else [])
    return text_items(raw, languages, history) + [Item(section, state, path, line, name, lang, detail=detail)
                                                  for section, state, path, line, name, lang, detail in gaps]


def problems(raw: RawSite, languages: tuple[str, ...] | None, i18n: Path | None, history: bool = True
             ) -> list[Problem]:
    """Return `build.py check`'s warnings of the translation desk (see the module)."""
    languages = tuple(languages or SUPPORTED_LANGUAGES)
    return [problem for item in items(raw, languages, i18n, history) if (problem := warning(item)) is not None]


def desk(raw: RawSite, languages: tuple[str, ...], i18n: Path | None) -> tuple[Item, ...]:
    """Return the items of the translation status page of a site as loaded (see `items`)."""
    return tuple(items(raw, tuple(languages), i18n))


def warning(item: Item) -> Problem | None:
    """Return the warning `build.py check` gives for an item (None for one that needs nothing)."""
    if item.state == "missing":
        return Problem(item.path, item.line, "", f"there is no {LANGUAGE_NAMES.get(item.lang, item.lang)} version "
                       f"({item.detail})", "a translation when there is one: until then lists show this text "
                       "marked as in one language", warning=True)
    if item.state == "changed":
        what = f" ({item.detail})" if item.detail else " (the version it was made from is not in the git history here)"
        return Problem(item.path, item.line, FIELD, f"{item.source} changed since this translation was made{what}",
                       f"the translation brought up to date, then: make translated FILE={item.path}", warning=True)
    if item.state == "one-language":
        return Problem(item.path, item.line, item.name.rpartition(": ")[2], f"only in {_named(item.detail)}: no "
                       f"{LANGUAGE_NAMES.get(item.lang, item.lang)} text", f"a line '{item.lang}: …' with the "
                       "translation, when there is one", warning=True)
    if item.state == "untranslated":
        return Problem(item.path, item.line, "", f"msgid \"{item.name}\" is not translated: pages show it as written "
                       "there", f"its {LANGUAGE_NAMES.get(item.lang, item.lang)} translation in the msgstr",
                       warning=True)
    if item.state == "fuzzy":
        return Problem(item.path, item.line, "", f"the translation of msgid \"{item.name}\" is marked fuzzy, so pages "
                       "show the msgid instead", "the translation checked, then the line '#, fuzzy' above it removed",
                       warning=True)
    return None


def _named(languages: str) -> str:
    return " and ".join(LANGUAGE_NAMES.get(lang, lang) for lang in languages.split(", "))
