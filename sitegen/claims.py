"""Own finding where a German or English text states how many partners the alliance has.

"zehn Partner", "sixteen medical technology cluster organisations", "Zehn deutsche, fünf österreichische und ein
Schweizer Partner", "Zehn Partner kommen aus Deutschland, fünf aus Österreich, einer aus der Schweiz", "Partner aus
Deutschland: 10", "der einzige Schweizer Partner": a number (digits, or a number word up to twenty in any case or
inflection) at most two words before a word for partners (Partner, Mitglieder, Cluster-Organisationen, members,
cluster organisations …), narrowed by a country, a kind or the board before or after it. Pure functions of one text;
sitegen.counts compares what they find with the data.

It is a heuristic that prefers missing a claim to inventing one: a number hedged ("mehr als zehn", "about ten"), of
new or further partners, a year, a subset ("mit zwei Partnern", "one of the partners") or a German "ein" that is only
an article ("ein Partner") states no count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

TOTAL = ""
"""The group of all partners."""

NUMBER_WORDS = {
    **dict.fromkeys(("ein", "eine", "einer", "eines", "einem", "einen", "eins"), 1),
    **dict.fromkeys(("zwei", "zweier", "zweien"), 2), **dict.fromkeys(("drei", "dreier", "dreien"), 3),
    "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}
"""Number words (lower case) → their value."""
ARTICLES = frozenset(("ein", "eine", "einer", "eines", "einem", "einen", "one"))
"""Number words that are also an article or a pronoun: a count only when narrowed (ein Schweizer Partner) or listed."""

NOUNS = {
    **dict.fromkeys(("partner", "partners", "partnern", "partnerinnen", "mitglied", "mitglieder", "mitgliedern",
                     "member", "members", "cluster-organisation", "cluster-organisationen", "clusterorganisation",
                     "clusterorganisationen", "partnerorganisation", "partnerorganisationen", "cluster organisation",
                     "cluster organisations", "cluster organization", "cluster organizations"), TOTAL),
    **dict.fromkeys(("vorstandsmitglied", "vorstandsmitglieder", "vorstandsmitgliedern"), "board"),
}
"""Words for partners (lower case; 'cluster organisations' is two words) → the group they name by themselves."""
SINGULAR = {
    "en": frozenset(("partner", "member", "cluster organisation", "cluster organization")),
    "de": frozenset(("mitglied", "vorstandsmitglied", "cluster-organisation", "clusterorganisation",
                     "partnerorganisation")),
}
"""Singular words for partners per language: counted only by one ('1,000 member companies' counts no members)."""

QUALIFIERS = {
    **dict.fromkeys(("deutsche", "deutschen", "deutscher", "deutsches", "deutschem", "german"), "DE"),
    **dict.fromkeys(("österreichische", "österreichischen", "österreichischer", "österreichisches",
                     "österreichischem", "austrian"), "AT"),
    **dict.fromkeys(("schweizer", "schweizerische", "schweizerischen", "schweizerischer", "swiss"), "CH"),
    **dict.fromkeys(("assoziierte", "assoziierten", "assoziierter", "associated"), "associated"),
    **dict.fromkeys(("ordentliche", "ordentlichen", "ordentlicher", "full"), "member"),
    "board": "board",
}
"""Words before the noun that narrow a count → its group (a country, a kind, the board)."""
COUNTRY_NAMES = {"deutschland": "DE", "germany": "DE", "österreich": "AT", "austria": "AT", "schweiz": "CH",
                 "switzerland": "CH"}
"""Country names after the noun ("aus der Schweiz", "from Austria") → country."""
FROM = frozenset(("aus", "from", "in"))
THE = frozenset(("der", "the"))
JOINS = frozenset(("und", "and", "sowie"))
"""Words joining the items of an enumeration ("Zehn deutsche und fünf österreichische Partner")."""
ONLY = frozenset(("einzige", "einzigen", "einziger", "einziges", "einzigem", "only", "sole"))

NOT_NOW = frozenset((
    "neue", "neuen", "neuer", "neues", "new", "weitere", "weiteren", "weiterer", "further", "additional", "more",
    "zusätzliche", "zusätzlichen", "andere", "anderen", "other", "ehemalige", "ehemaligen", "former", "frühere",
    "früheren", "künftige", "künftigen", "future", "potenzielle", "potenziellen", "potential", "founding",
))
"""Words between number and noun that make it no count of the partners now ("zwei neue Partner")."""
STOP = frozenset((
    "der", "die", "das", "den", "dem", "des", "und", "oder", "von", "vom", "mit", "aus", "in", "im", "an", "am", "auf",
    "für", "zu", "zur", "zum", "bei", "als", "wie", "dass", "je", "sowie", "unter", "über", "nach", "durch", "ohne",
    "the", "a", "an", "of", "and", "or", "with", "from", "on", "at", "by", "for", "to", "as", "than", "that",
    "which", "who", "among", "between", "each", "per", "its", "their", "our", "these", "those", "this",
))
"""Function words: between a number and the noun, they show that the number counts something else."""
HEDGES = frozenset((
    "über", "rund", "etwa", "ca", "circa", "fast", "nahezu", "knapp", "mindestens", "höchstens", "ungefähr", "je",
    "jeweils", "pro", "mit", "von", "für", "zwischen", "unter", "over", "about", "around", "nearly", "almost",
    "approximately", "roughly", "some", "each", "per", "under", "with", "of", "by", "for", "between", "among",
))
"""Words just before a number that make it an estimate or a count of some partners only ("mit zwei Partnern")."""
HEDGE_PAIRS = frozenset((("mehr", "als"), ("weniger", "als"), ("bis", "zu"), ("more", "than"), ("fewer", "than"),
                         ("less", "than"), ("up", "to"), ("at", "least"), ("at", "most")))
PARTITIVE = frozenset(("von", "of"))
"""Hedges that state the whole after all when a one comes before them ("einer von 16 Partnern")."""
MAX_WORDS = 2
"""Other words allowed between a number and the noun ("sixteen medical technology cluster organisations")."""
_STEMS = ("partner", "mitglied", "member", "organi")

_TOKEN = re.compile(r"(\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+)"  # a number (1.000, 1,000)
                    r"|([^\W\d_]+(?:-[^\W\d_]+)*)"  # a word (Cluster-Organisationen)
                    r"|([.,;:!?()\[\]\"„“”«»–—/|])")  # a mark that ends a phrase


class _Token(NamedTuple):
    kind: str
    """'number', 'word' or 'mark'."""
    low: str
    """The text in lower case."""
    start: int
    end: int


class _Item(NamedTuple):
    """A count before a word for partners (one of an enumeration's)."""

    at: int
    """Its number's token (or 'only''s)."""
    value: int
    group: str
    """The group the words between name (TOTAL when none)."""
    only: bool
    end: int
    """Its last token."""


@dataclass(frozen=True)
class Claim:
    """A count of partners a text states."""

    start: int
    """Offset in the text where the claim starts (its number, or 'only')."""
    number: int
    """How many partners it says there are."""
    group: str
    """Which partners: TOTAL (all), a country (DE, AT, CH), a kind (member, associated) or 'board'."""
    only: bool
    """Said as 'the only …' (the number is then 1)."""
    words: str
    """The words stating it, as written ('Zehn deutsche … Partner')."""


def find(text: str, lang: str) -> list[Claim]:
    """Return the counts of partners `text` (in language `lang`) states, in the order written."""
    low = text.lower()
    if not any(stem in low for stem in _STEMS):
        return []
    tokens = [_Token("number" if match[1] else "word" if match[2] else "mark", match[0].lower(), match.start(),
                     match.end()) for match in _TOKEN.finditer(text)]
    claims: list[Claim] = []
    for last, token in enumerate(tokens):
        if token.kind != "word":
            continue
        noun, first = token.low, last
        if last and noun in ("organisations", "organizations", "organisation", "organization") \
                and tokens[last - 1].low == "cluster":
            noun, first = f"cluster {noun}", last - 1
        if noun in NOUNS:
            claims.extend(_claims(tokens, text, noun, first, last, noun in SINGULAR.get(lang, ())))
    return sorted(claims, key=lambda claim: claim.start)


def _value(token: _Token) -> int | None:
    """Return the number a token says (None when it says none; a year is no count)."""
    if token.kind == "number":
        value = int(re.sub(r"\D", "", token.low))
        return None if len(token.low) == 4 and 1900 <= value <= 2100 else value
    return NUMBER_WORDS.get(token.low) if token.kind == "word" else None


def _claims(tokens: list[_Token], text: str, noun: str, first: int, last: int, singular: bool) -> list[Claim]:
    """Return the claims a word for partners at tokens[first:last + 1] ends or begins."""
    items = _items(tokens, first, singular)
    after = _after(tokens, last)
    group = NOUNS.get(noun, TOTAL)
    if not items:  # "Partner aus Deutschland: 10"
        colon = (after[1] if after else last) + 1
        value = _value(tokens[colon + 1]) if colon + 1 < len(tokens) and tokens[colon].low == ":" else None
        if value is None:
            return []
        return [Claim(tokens[first].start, value, after[0] if after else group, False,
                      _said(text, tokens, first, colon + 1))]
    claims = []
    for index, item in enumerate(items):
        narrowed, stop = item.group, last
        if index == 0 and not narrowed and after is not None:
            narrowed, stop = after
            if tokens[item.at].low in ARTICLES - {"one"} and not item.only:
                return []  # "Ein Partner aus Österreich …": an article
        elif index == 0 and not narrowed and item.value == 1 and not item.only:
            return []  # "ein Partner", "one partner": an article, or no count of the alliance
        if item.only and not narrowed:
            continue
        words = _said(text, tokens, item.at, stop) if index == 0 else \
            f"{_said(text, tokens, item.at, item.end)} … {_said(text, tokens, first, last)}"
        claims.append(Claim(tokens[item.at].start, item.value, narrowed or group, item.only, words))
    if len(items) == 1 and after is not None and after[0] in COUNTRY_NAMES.values():
        claims.extend(_listed_after(tokens, text, after[1]))
    return claims


def _items(tokens: list[_Token], first: int, singular: bool) -> list[_Item]:
    """Return the counts before a word for partners at tokens[first], nearest first: one, or an enumeration's items
    ("Zehn deutsche, fünf österreichische und ein Schweizer Partner"), each naming its group."""
    items: list[_Item] = []
    end = first - 1
    while end >= 0:
        item = _before(tokens, end)
        if item is None or (items and not item.group):
            break
        if not items and singular and item.value != 1:
            return []  # "1,000 member companies"
        items.append(item)
        if not item.group or item.only:
            break
        end = _joined(tokens, item.at - 1)
        if end is None:
            break
    return items


def _said(text: str, tokens: list[_Token], start: int, stop: int) -> str:
    """Return the words of tokens[start:stop + 1] as written, each space one."""
    return " ".join(text[tokens[start].start:tokens[stop].end].split())


def _before(tokens: list[_Token], end: int) -> _Item | None:
    """Return the count ending at tokens[end] (the word before a noun), None when there is none."""
    group, words, at = "", 0, end
    while at >= 0:
        token = tokens[at]
        value = _value(token)
        if value is not None:
            break
        if token.kind != "word" or token.low in NOT_NOW:
            return None
        if token.low in ONLY:
            return _Item(at, 1, group, True, end)
        if token.low in QUALIFIERS:
            group = group or QUALIFIERS[token.low]
        elif token.low in STOP:
            return None
        else:
            words += 1
            if words > MAX_WORDS:
                return None
        at -= 1
    else:
        return None
    if _hedged(tokens, at):
        return None
    return _Item(at, value, group, False, end)


def _hedged(tokens: list[_Token], at: int) -> bool:
    """Return whether the number at tokens[at] is an estimate or counts some partners only."""
    one = tokens[at - 1].low if at >= 1 else ""
    two = tokens[at - 2].low if at >= 2 else ""
    if one in PARTITIVE and two in ARTICLES:  # "einer von 16 Partnern", "one of 16 partners"
        return False
    return one in HEDGES or (two, one) in HEDGE_PAIRS


def _joined(tokens: list[_Token], at: int) -> int | None:
    """Return the last token of the item before an enumeration's ',' / 'und' / ', und' at tokens[at], else None."""
    start = at
    if at >= 0 and tokens[at].low in JOINS:
        at -= 1
    if at >= 0 and tokens[at].low == ",":
        at -= 1
    return at if at != start and at >= 0 else None


def _after(tokens: list[_Token], last: int) -> tuple[str, int] | None:
    """Return the group named after the noun at tokens[last] and the last token naming it: "aus der Schweiz",
    "(kommen) from Austria", "im Vorstand", "on the board"; None when there is none or all three countries follow."""
    for skipped in (0, 1):
        at = last + 1 + skipped
        if skipped and (at - 1 >= len(tokens) or tokens[at - 1].kind != "word" or tokens[at - 1].low in STOP):
            return None
        words = [token.low for token in tokens[at:at + 3]]
        if words[:2] == ["im", "vorstand"] or words[:2] in (["des", "vorstands"], ["des", "vorstandes"]):
            return "board", at + 1
        if words[:3] in (["on", "the", "board"], ["of", "the", "board"]):
            return "board", at + 2
        if words[:1] and words[0] in FROM:
            at += 2 if words[1:2] and words[1] in THE else 1
            if at < len(tokens) and tokens[at].low in COUNTRY_NAMES and not _more_countries(tokens, at):
                return COUNTRY_NAMES[tokens[at].low], at
            return None
    return None


def _more_countries(tokens: list[_Token], at: int) -> bool:
    """Return whether another country follows the one at tokens[at] ("Deutschland, Österreich und der Schweiz")."""
    words = [token.low for token in tokens[at + 1:at + 5]]
    while words and (words[0] in JOINS or words[0] in THE or words[0] == ","):
        words.pop(0)
    return bool(words) and words[0] in COUNTRY_NAMES


def _listed_after(tokens: list[_Token], text: str, at: int) -> list[Claim]:
    """Return the items listed after a count named by its country ("…, fünf aus Österreich, einer aus der
    Schweiz")."""
    claims = []
    while True:
        start = at + 1
        if start < len(tokens) and tokens[start].low == ",":
            start += 1
        if start < len(tokens) and tokens[start].low in JOINS:
            start += 1
        words = [token.low for token in tokens[start:start + 4]]
        value = _value(tokens[start]) if start != at + 1 and start < len(tokens) else None
        if value is None or len(words) < 3 or words[1] not in FROM:
            return claims
        country = start + (3 if words[2] in THE else 2)
        if country >= len(tokens) or tokens[country].low not in COUNTRY_NAMES:
            return claims
        claims.append(Claim(tokens[start].start, value, COUNTRY_NAMES[tokens[country].low], False,
                            _said(text, tokens, start, country)))
        at = country
