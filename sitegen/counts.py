"""Own the counts of partners in texts: placeholders that give them from the data, and the check of those written.

A text saying how many partners there are now goes stale when one joins or leaves. In the texts of data/site.yaml
(name, motto, intro) and of plain pages (content/pages/, front matter and Markdown) an editor writes `{partners}`,
`{partners.DE}`, `{partners.member}` … (PLACEHOLDERS) and the build puts in the number from data/partners.yaml,
formatted for the language. Press releases speak of their day and keep their numbers as written.

A page's Markdown is converted, and cached, with the placeholder as written (it depends on its text alone): the
renderer fills in the HTML (`fill`). Every page's fingerprint holds the partners (sitegen.reuse.fingerprints), so a page
showing a count is rendered again when they change. The texts of site.yaml and pages' titles and descriptions are
filled in the validated site (`filled`).

`problems` is part of validation: an unknown placeholder, or one where nothing fills it in (a partner's description),
is an error at its line; a number of partners written in a text of site.yaml, a page, a partner, event, initiative or
marketplace entry that the data contradicts (sitegen.claims finds them) is a warning naming the placeholder to use.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import claims, localize, steps
from .load import RawSite
from .markup import NAME_IN_BRACES
from .records import Partner, Site
from .problems import Problem, ProblemsFound
from .regions import COUNTRIES
from .schema import PARTNER
from .source import Raw, YamlFile, parse_yaml, read_again

KINDS = next(spec.choices for spec in PARTNER if spec.name == "kind")
GROUPS = (claims.TOTAL, *COUNTRIES, *KINDS, "board")
"""What a count may count: all partners, those of a country, of a kind, on the board."""
PLACEHOLDERS = tuple("{partners" + (f".{group}" if group else "") + "}" for group in GROUPS)
"""'{partners}', '{partners.DE}', … '{partners.member}', '{partners.associated}', '{partners.board}'."""
SITE_TEXTS = ("name", "motto", "intro")
"""The texts of data/site.yaml where placeholders are filled in."""
DATA_TEXTS = {"partners": ("description", None), "events": ("description", "organisers"),
              "initiatives": ("goal", "partners"), "marketplace": ("text", None)}
"""Data file → its text whose counts are checked, and the field listing the record's own partners (a count of
those is no count of the alliance: "Drei Partner laden ein" in an event of three organisers)."""
PARTNERS_FILE = "data/partners.yaml"
WHERE_FILLED = "placeholders are filled in only in data/site.yaml and content/pages/"

_CANDIDATE = re.compile(NAME_IN_BRACES)
_GROUP_WORDS = {claims.TOTAL: "partner", "DE": "partner from Germany", "AT": "partner from Austria",
                "CH": "partner from Switzerland", "member": "member partner", "associated": "associated partner",
                "board": "partner on the board"}


def placeholder(group: str) -> str:
    """Return the placeholder of a group of partners ('' → '{partners}', 'DE' → '{partners.DE}')."""
    return PLACEHOLDERS[GROUPS.index(group)]


def tally(partners: tuple[Partner, ...]) -> dict[str, int]:
    """Return placeholder → how many partners it counts."""
    members = {claims.TOTAL: partners}
    members.update({code: [p for p in partners if p.country == code] for code in COUNTRIES})
    members.update({kind: [p for p in partners if p.kind == kind] for kind in KINDS})
    members["board"] = [p for p in partners if p.board]
    return {placeholder(group): len(members[group]) for group in GROUPS}


def fill(text: str, counts: dict[str, int], lang: str) -> str:
    """Return `text` (plain or HTML) with each known placeholder replaced by its number, formatted for `lang`."""
    if "{" not in text:
        return text
    return _CANDIDATE.sub(lambda match: localize.number(counts[match[0]], lang) if match[0] in counts
                          else match[0], text)


def filled(site: Site) -> Site:
    """Return the site with the placeholders of site.yaml's texts and of pages' titles and descriptions filled in
    (the same site when there are none)."""
    counts = tally(site.partners)
    config, pages = site.config, site.pages
    texts = {name: {lang: fill(text, counts, lang) for lang, text in getattr(config, name).items()}
             for name in SITE_TEXTS if any("{" in text for text in getattr(config, name).values())}
    if texts:
        config = replace(config, **texts)
    pages = tuple(replace(page, title=fill(page.title, counts, page.lang),
                          description=fill(page.description, counts, page.lang))
                  if "{" in page.title or "{" in page.description else page for page in pages)
    if config is site.config and all(new is old for new, old in zip(pages, site.pages)):
        return site
    return replace(site, config=config, pages=pages)


@dataclass(frozen=True)
class Text:
    """One text of a file whose placeholders and counts are checked."""

    field: str
    """Its field ('intro.de'), '' for a page's file."""
    lang: str
    """Its language ('' when unknown)."""
    value: str
    """The text."""
    line: int
    """The file line it starts on."""
    fillable: bool
    """Whether placeholders are filled in in it."""
    own: int | None = None
    """How many partners its record names itself (an event's organisers), None when it names none."""
    counted: bool = True
    """Whether the counts it states are checked (a press release's are not: it speaks of its day)."""


def problems(raw: RawSite, site: Site | None, found_before: list[Problem], releases: bool = False) -> list[Problem]:
    """Return the problems of placeholders and of counts of partners in the texts of site.yaml, pages and data files
    (the counts only when `site` holds every partner: `found_before`, validation's problems, has no error in
    data/partners.yaml); with `releases`, of the placeholders in press releases too (for `build.py check`: a build
    finds them when it renders the release, `unfilled`, without reading every release again)."""
    whole = site is not None and not any(problem.path == PARTNERS_FILE and not problem.warning
                                         for problem in found_before)
    counts = tally(site.partners) if whole else None
    key = tuple(counts.items()) if counts is not None else None
    found = []
    files = [(data.path, data) for name, data in sorted(raw.data.items()) if name == "site" or name in DATA_TEXTS]
    files += [(document.path, document) for document in raw.documents.get("pages", ())]
    files += [(document.path, document) for document in raw.documents.get("press", ()) if releases]
    for path, data in files:
        found.extend(steps.result("counts", path, (data.digest, key),
                                  lambda: _file_problems(raw.root, path, data, counts)))
    return found


def _file_problems(root: Path, path: str, data, counts: dict[str, int] | None) -> tuple[Problem, ...]:
    """Return the problems of one file's texts (read again: its text as validated)."""
    try:
        text = read_again(root, path, data.digest).text
    except ProblemsFound as failed:
        return tuple(failed.problems)
    except OSError:  # gone since it was read
        return (Problem(path, 1, "", "the file changed while the site was being built", "build again now that it is "
                        "saved"),)
    if path.startswith("content/"):
        name, page = path.rsplit("/", 1)[-1].split("."), path.startswith("content/pages/")
        texts = [Text("", name[-2] if len(name) > 2 else "", text, 1, page, counted=page)]
    else:
        tree = data.tree if isinstance(data, YamlFile) else parse_yaml(text, path)
        texts = _data_texts(path, tree)
    lines = text.split("\n")
    return tuple(problem for item in texts for problem in _text_problems(path, lines, item, counts))


def _data_texts(path: str, tree: Raw) -> list[Text]:
    """Return the texts of a data file that may state counts (none of a file not shaped as validation wants)."""
    def translated(node: Raw | None, name: str, fillable: bool, own: int | None = None) -> list[Text]:
        if node is None or not isinstance(node.value, dict):
            return []
        return [Text(f"{name}.{lang}", lang, value.value, value.line, fillable, own)
                for lang, value in node.value.items() if isinstance(value.value, str)]

    name = path.removeprefix("data/").removesuffix(".yaml")
    if name == "site":
        return [text for field in SITE_TEXTS if isinstance(tree.value, dict)
                for text in translated(tree.value.get(field), field, True)]
    field, listing = DATA_TEXTS[name]
    texts = []
    for item in tree.value if isinstance(tree.value, list) else ():
        if isinstance(item.value, dict):
            named = item.value.get(listing) if listing else None
            own = len(named.value) if named is not None and isinstance(named.value, list) else None
            texts += translated(item.value.get(field), field, False, own)
    return texts


def _text_problems(path: str, lines: list[str], text: Text, counts: dict[str, int] | None) -> list[Problem]:
    """Return the problems of one text: its placeholders, then the counts it states that the data contradicts."""
    found = []
    for match in _CANDIDATE.finditer(text.value):
        known, meant = match[0] in PLACEHOLDERS, _meant(match[0])
        if text.fillable and not known:
            found.append(Problem(path, _line(lines, text, match.start(), match[0]), text.field,
                                 f"unknown placeholder {match[0]}", f"did you mean {meant}?" if meant
                                 else "one of " + ", ".join(PLACEHOLDERS)))
        elif not text.fillable and (known or meant):  # (another name in braces is just text here)
            found.append(Problem(path, _line(lines, text, match.start(), match[0]), text.field,
                                 f"the placeholder {match[0]} is not filled in here: the site would show it as "
                                 "written", f"the number written out ({WHERE_FILLED})"))
    if counts is None or not text.counted:
        return found
    blank = _CANDIDATE.sub(lambda match: " " * len(match[0]), text.value)  # a placeholder states no number
    for claim in claims.find(blank, text.lang):
        name = placeholder(claim.group)
        have = counts[name]
        if claim.number == have or (claim.group == claims.TOTAL and claim.number == text.own):
            continue
        noun = _GROUP_WORDS[claim.group]
        said = f"there is only one {noun}" if claim.only else _counted(claim.number, noun)
        fix = (f"write {name} instead of the number: the build puts in the one from the data" if text.fillable else
               f"the number in data/partners.yaml, or a text without one ({WHERE_FILLED})")
        if claim.only and text.fillable:
            fix = f"a text without 'only', giving the number with {name}"
        found.append(Problem(path, _line(lines, text, claim.start, claim.words.split()[0]), text.field,
                             f"'{claim.words}' says {said}, but data/partners.yaml has {have}", fix, warning=True))
    return found


def _meant(name: str) -> str | None:
    """Return the placeholder a name in braces is close to ('{partner.de}' → '{partners.DE}'), None when none is."""
    lower = [known.lower() for known in PLACEHOLDERS]
    close = difflib.get_close_matches(name.lower(), lower, n=1)
    return PLACEHOLDERS[lower.index(close[0])] if close else None


def holds_placeholder(html: str) -> bool:
    """Return whether a text holds a placeholder (or what is close to one)."""
    return "{" in html and any(match[0] in PLACEHOLDERS or _meant(match[0]) for match in _CANDIDATE.finditer(html))


def unfilled(root: Path, path: str, digest: bytes) -> list[Problem]:
    """Return the problems of the placeholders in a text where nothing fills them in (a press release's: found when
    it is rendered), at their lines."""
    text = read_again(root, path, digest).text
    return _text_problems(path, text.split("\n"), Text("", "", text, 1, False, counted=False), None)


def _counted(number: int, noun: str) -> str:
    """Return '1 partner from Germany', '10 partners from Germany'."""
    first, _, rest = noun.partition(" ")
    plural = " ".join(part for part in (first + "s", rest) if part)
    return f"{number} {noun if number == 1 else plural}"


def _line(lines: list[str], text: Text, offset: int, word: str) -> int:
    """Return the file line of `word` at `offset` in a text starting on `text.line`: the line of its occurrence as
    many times over from there as the text holds it before `offset` (a YAML text's lines are folded into one)."""
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    before = len(pattern.findall(text.value, 0, offset))
    for number in range(text.line, len(lines) + 1):
        occurrences = len(pattern.findall(lines[number - 1]))
        if before < occurrences:
            return number
        before -= occurrences
    return text.line
