"""Own the bounds of a Markdown text: structure Python-Markdown cannot convert in work proportional to its length.

Python-Markdown recurses once per level of nested lists (about 250 levels exhaust Python's stack), scans from every
opening bracket, backtick run or link parenthesis to its closing one or to the end of the paragraph, compares
emphasis marks with every one still open, copies a paragraph once per inline element it finds, counts a footnote's
earlier references at each new one; the sanitiser walks the open HTML elements at many tags. Each of these is cheap
while what it depends on is small, and quadratic (or worse) when an editor's file (or anyone's pull request) makes it
large. `problems` finds, in one pass over the text, any of them beyond a bound generous for real texts, so that
`check` refuses the text at its line before any conversion starts; each bound keeps the library's work within a
constant per character (tests/test_limits.py counts it).

A text's "paragraphs" here are what the library converts inline as one piece: the lines between blank lines, a list
item's or a definition's lines, a heading, a table row.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

CONTAINER_DEPTH = 12
"""Lists, quotes, definitions and footnote definitions nested in one another, at most."""
MARKS = 512
"""Marks that may start an inline element in one paragraph, at most: runs of * _ or backticks, [ < & \\ and line
breaks (the library copies a paragraph anew for each element it finds, and compares emphasis marks with open ones)."""
OPEN_BRACKETS = 16
"""Brackets [ open at once in a paragraph, at most (the library scans from each to its ] or the paragraph's end)."""
BACKTICK_RUNS = 64
"""Runs of backticks ` in a paragraph, at most (the library scans from each to a run as long, or the end)."""
HTML_DEPTH = 32
"""HTML elements a text writes nested in one another, at most (the sanitiser walks the open ones at many tags)."""
FOOTNOTE_REFERENCES = 50
"""References to one footnote, at most (each new one counts the earlier ones)."""
FOOTNOTES = 500
"""Footnotes in a text, at most."""
ABBREVIATIONS = 100
"""Abbreviations a text defines (*[MDR]: …), at most (every piece of text is searched for each)."""
TABLE_COLUMNS = 64
"""Columns of a table, at most (every row gets a cell for each, however short it is)."""


FIELD = "text"
"""The field a text's problems with these bounds are reported under."""


@dataclass(frozen=True)
class Excess:
    """Where a text goes beyond a bound, and what to do."""

    offset: int
    """Offset in the text of the line where it happens first."""
    message: str
    """What is wrong, in plain words."""
    expected: str
    """What to do instead."""


_MARKER = r"(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|:(?=[ \t])|\[\^[^\]\n]*\]:)"
_LINE = re.compile(r"^((?:[ \t]*" + _MARKER + r")*)([ \t]*)(.?)", re.MULTILINE)
"""A line's start: its container marks (quote >, list item, definition :, footnote definition [^x]:) with the spaces
among them, the spaces after them, and its first other character (none on a blank line)."""
_MARKS = re.compile(_MARKER)
_TABLE_RULE = re.compile(r"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
"""The second line of a table: cells of dashes between pipes."""


def problems(text: str) -> list[Excess]:
    """Return where `text` (a Markdown body) goes beyond each bound, the first place for each (none for most texts).

    Most texts are far within every bound: what each bound counts is looked at only when the whole text holds more
    of it than one paragraph may (a few searches over the text, for most texts nothing more)."""
    found: list[Excess] = []
    paragraphs = _Paragraphs(text, found)
    if _DEEP.match(text) or _DEEP_LINE.search(text) or text.count("|") > TABLE_COLUMNS:
        paragraphs.starts()
    if sum(text.count(mark) for mark in _MARK_CHARACTERS) > MARKS:
        _counted_runs(text, paragraphs.starts(), _INLINE_MARK, MARKS, "marks of emphasis, links, code, HTML, entities, "
                      "escapes or line breaks (* _ ` [ < & \\)", "the text in more paragraphs", found)
    if text.count("[") > OPEN_BRACKETS:
        _brackets(text, paragraphs.starts(), found)
    if "](" in text:
        _link_parentheses(text, paragraphs, found)
    if text.count("`") > BACKTICK_RUNS:
        _counted_runs(text, paragraphs.starts(), _BACKTICKS, BACKTICK_RUNS, "runs of backticks `",
                      "code `like this`, or \\` for a backtick shown as it is", found)
    if "<" in text:
        _html_depth(text, found)
        _html_openings(text, found)
    if "[^" in text:
        _footnotes(text, found)
    if "*[" in text:
        _abbreviations(text, found)
    return sorted(found, key=lambda excess: excess.offset)


_DEEP = re.compile(r"\n?[ \t>*+\-:.)\d\[\]^]{%d}" % (CONTAINER_DEPTH + 1))
"""A line starting with as many characters that may mark or indent a container as the bound allows levels: a line
nested deeper has such a start (each level takes at least one character), so a text without one need not be looked
at line by line."""
_DEEP_LINE = re.compile("\n" + _DEEP.pattern[3:])
"""The same after a line break (a search for it skips to each line break: much faster than one for `^…`)."""


class _Paragraphs:
    """The offsets at which a text's paragraphs start, found (with the nesting of containers) when first asked."""

    def __init__(self, text: str, found: list[Excess]) -> None:
        self.text, self.found, self.known = text, found, None

    def starts(self) -> list[int]:
        """Return the offsets at which the text's paragraphs start."""
        if self.known is None:
            self.known = _paragraphs(self.text, self.found)[0]
        return self.known


def _paragraphs(text: str, found: list[Excess]) -> tuple[list[int], int]:
    """Return the offsets at which the text's paragraphs start and its deepest nesting of containers; add an Excess
    when that nesting (or a table's columns) goes beyond the bound."""
    starts: list[int] = []
    deepest, too_deep, kind = 0, -1, ""
    open_depth, blank_before, lines_in_block, first_line, table = 0, True, 0, "", False
    for match in _LINE.finditer(text):
        prefix, spaces, first = match[1], match[2], match[3]
        marks = _MARKS.findall(prefix) if prefix else []
        list_item = len(marks) > prefix.count(">")
        if not first and not marks:
            blank_before, lines_in_block, table = True, 0, False
            continue
        indentation = _width(prefix + spaces) - sum(len(mark) for mark in marks) - len(marks)
        depth = min(max(indentation, 0) // 4, open_depth) + len(marks)
        if marks:
            open_depth = depth
        elif blank_before and indentation < 4:
            open_depth = 0
        if depth > deepest:
            deepest = depth
            if depth > CONTAINER_DEPTH and too_deep < 0:
                too_deep, kind = match.start(), "lists" if list_item else "quotes"
        if not first and not list_item:  # (a line of only > is a blank line within a quote)
            blank_before, lines_in_block, table = True, 0, False
            continue
        lines_in_block += 1
        line_end = text.find("\n", match.start())
        line = text[match.start():line_end if line_end >= 0 else len(text)]
        if lines_in_block == 1:
            first_line = line
        elif lines_in_block == 2 and "|" in first_line and _TABLE_RULE.fullmatch(line):
            table = True
            _table_columns(line, match.start(), found)
        if blank_before or list_item or first == "#" or table:
            starts.append(match.start())
        blank_before = False
    if too_deep >= 0:
        found.append(Excess(too_deep, f"{kind} nested {deepest} deep; at most {CONTAINER_DEPTH} levels can be shown",
                            "flatten the list" if kind == "lists" else "fewer > at the start of the line"))
    return starts, deepest


def _width(characters: str) -> int:
    """Return the columns the characters of a line's start take, a tab reaching the next multiple of four."""
    if "\t" not in characters:
        return len(characters)
    column = 0
    for character in characters:
        column = column + 4 - column % 4 if character == "\t" else column + 1
    return column


def _table_columns(rule: str, offset: int, found: list[Excess]) -> None:
    columns = rule.strip(" \t>").strip("|").count("|") + 1
    if columns > TABLE_COLUMNS and not any(excess.message.startswith("a table") for excess in found):
        found.append(Excess(offset, f"a table of {columns} columns; at most {TABLE_COLUMNS}",
                            "fewer columns: split the table"))


def _paragraph_of(starts: list[int], offset: int) -> int:
    """Return the number of the paragraph holding `offset`."""
    return bisect.bisect_right(starts, offset)


_BRACKET = re.compile(r"[\[\]\\]")
"""A bracket, or a backslash (which escapes the character after it: an escaped bracket is none)."""


def _brackets(text: str, starts: list[int], found: list[Excess]) -> None:
    paragraph, open_, first, escaped = -1, 0, 0, -1
    for match in _BRACKET.finditer(text):
        character = match[0]
        if match.start() == escaped:
            continue
        if character == "\\":
            escaped = match.start() + 1
            continue
        here = _paragraph_of(starts, match.start())
        if here != paragraph:
            paragraph, open_ = here, 0
        if character == "[":
            open_ += 1
            first = match.start() if open_ == 1 else first
            if open_ > OPEN_BRACKETS:
                found.append(Excess(_line_start(text, first), f"more than {OPEN_BRACKETS} brackets [ open at once "
                                    "(nested, or not closed with ])", "close each [ with ], or write \\[ for a "
                                    "bracket shown as it is"))
                return
        elif open_:
            open_ -= 1


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


_LINK_OPENING = re.compile(r"\]\(")
_PLAIN = re.compile(r"""\((?!\s*<)([^()"'\\]*)\)""")
"""An address without parentheses or quote marks: the library's loop ends at its ')'."""
_ANGLED = re.compile(r"""\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\))?""", re.DOTALL)
"""What Python-Markdown first tries after a link's text: an address in angle brackets (its `LinkInlineProcessor`)."""


def _link_parentheses(text: str, paragraphs: _Paragraphs, found: list[Excess]) -> None:
    """Find a link's parenthesis that Python-Markdown would look for the end of beyond the next link: each such look
    scans to the paragraph's end, the next one again (one not closed before its paragraph's end is scanned once)."""
    openings = [match.start() for match in _LINK_OPENING.finditer(text)]
    for number, opening in enumerate(openings):
        following = openings[number + 1] if number + 1 < len(openings) else len(text)
        if _link_end(text, opening + 1, following) is not None:
            continue
        starts = paragraphs.starts()
        paragraph = _paragraph_of(starts, opening)
        if paragraph < len(starts) and starts[paragraph] <= following:
            continue  # its paragraph ends first
        if following < len(text):
            found.append(Excess(_line_start(text, opening), "the ( after a link's text is not closed before the next "
                                "link", "[text](address) or [text](address \"title\"): a "
                                "quote mark in the parentheses starts a title, closed by the same mark before the )"))
            return


def _link_end(text: str, index: int, limit: int) -> int | None:
    """Return where Python-Markdown's search for the end of a link's address (from the '(' at `index`) stops, or None
    when it goes on to `limit` (the next link)."""
    found = destination(text, index, limit, paragraph_end=False)
    return found[1] if found else None


def destination(text: str, index: int, limit: int, paragraph_end: bool = True) -> tuple[str, int] | None:
    """Return the address of a link or picture whose '(' is at `index`, and where it ends, as Python-Markdown reads it
    (its `LinkInlineProcessor.getLink`: nested parentheses, spaces, an address in angle brackets, a title in quotes);
    None when its search reaches `limit`, the end of the paragraph (`paragraph_end`) or where to stop looking, first.

    The library's loop, bounded by `limit`: its looking from every link to the paragraph's end is what `problems`
    keeps linear."""
    plain = _PLAIN.match(text, index)
    if plain:
        return _unescaped(plain[1]), plain.end()
    match = _ANGLED.match(text, index)
    if match and match[1]:
        return _unescaped(match[1][1:-1]), match.end()
    start = position = match.end() if match else index + 1
    bracket_count = backtrack_count = 1
    quote = alt_quote = None
    start_quote = start_alt_quote = exit_quote = exit_alt_quote = last_bracket = -1
    ignore_matches = False
    last = ""
    while position < limit:
        character = text[position]
        if character == "\\" and text[position + 1:position + 2] in _PUNCTUATION:
            position, last = position + 2, "\x03"  # (an escape is a placeholder to the library: no mark it counts)
            continue
        if character == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif character == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and alt_quote == last):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
                if backtrack_count == 0:
                    last_bracket = position + 1
        elif character in "'\"":
            if not quote:
                ignore_matches, backtrack_count, bracket_count, quote = True, bracket_count, 1, character
                start_quote = position + 1
            elif character != quote and not alt_quote:
                alt_quote, start_alt_quote = character, position + 1
            elif character == quote:
                exit_quote = position + 1
            elif alt_quote and character == alt_quote:
                exit_alt_quote = position + 1
        position += 1
        if bracket_count == 0:
            if exit_quote >= 0 and quote == last:
                return _unescaped(text[start:start_quote - 1]), position
            if exit_alt_quote >= 0 and alt_quote == last:
                return _unescaped(text[start:start_alt_quote - 1]), position
            return _unescaped(text[start:position - 1]), position
        if character != " ":
            last = character
    if paragraph_end and backtrack_count == 0:
        return _unescaped(text[start:last_bracket - 1]), last_bracket
    return None


_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
"""What a backslash escapes."""
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash escape of a punctuation character."""


def _unescaped(address: str) -> str:
    """Return an address as the library gives it: escapes undone, spaces around it taken off."""
    return (_ESCAPED.sub(r"\1", address) if "\\" in address else address).strip()


_BACKTICKS = re.compile(r"`+")
_INLINE_MARK = re.compile(r"\\.|[\[<&]|`+|(?<![^\W_])_+|\*+| {2,}\n")
"""A mark that may start an inline element: an escape, a bracket, an angle bracket, an ampersand, a run of backticks, of
stars, or of underscores not within a word (an underscore within a word is no emphasis), a line break (two spaces)."""
_MARK_CHARACTERS = ("\\", "[", "<", "&", "`", "*", "_", "  \n")
"""What the marks are made of: a text holding fewer of these than a paragraph may hold marks is within the bound."""


def _counted_runs(text: str, starts: list[int], runs: re.Pattern, bound: int, what: str, expected: str,
                  found: list[Excess]) -> None:
    paragraph, count = -1, 0
    for match in runs.finditer(text):
        here = _paragraph_of(starts, match.start())
        if here != paragraph:
            paragraph, count = here, 0
        count += 1
        if count > bound:
            start = starts[here - 1] if here else 0
            found.append(Excess(start, f"more than {bound} {what} in one paragraph", expected))
            return


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
"""An HTML tag (not an address in angle brackets, <https://…> or <name@example.org>)."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
                           "colgroup", "rb", "rt", "rp"})
"""Elements that a second one of their kind closes (`<p>a<p>b` is two paragraphs, not one in another)."""


def _html_depth(text: str, found: list[Excess]) -> None:
    depth = 0
    for match in _TAG.finditer(text):
        name = match[2].lower()
        if name in _VOID or name in _SELF_CLOSING or match[3]:
            continue
        if match[1]:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > HTML_DEPTH:
            found.append(Excess(_line_start(text, match.start()), f"HTML elements nested more than {HTML_DEPTH} "
                                "deep", "close each tag (</div> after <div>), or fewer nested tags"))
            return


_HTML_OPENING = re.compile(r"<(?:!--|[A-Za-z/!?])")
"""What the library's HTML parser (the standard library's, over the whole text) reads as the start of a tag, an end
tag, a declaration, a processing instruction or a comment."""
_TAG_NAME = re.compile(r"<[/!?]?[\w-]{0,20}")
_TAG_STOP = re.compile(r"[>`]")
"""Where its reading of a tag stops at the latest (it takes no backtick into a tag)."""


def _html_openings(text: str, found: list[Excess]) -> None:
    """Find an HTML tag not closed with '>' before the next one: the library's HTML parser reads it from each such
    opening on to the next '>' (attributes may hold '<'), the next one again."""
    openings = [match for match in _HTML_OPENING.finditer(text)]
    comment_end = -1  # where the comment last opened ends (-2: no comment after it ends)
    for number, opening in enumerate(openings):
        start = opening.start()
        if start < comment_end:
            continue
        if opening[0] == "<!--":
            if comment_end != -2:
                close = text.find("-->", opening.end())
                comment_end = close + 3 if close >= 0 else -2
            continue
        following = openings[number + 1].start() if number + 1 < len(openings) else len(text)
        stop = (_TAG_STOP.search(text, start, following) if opening[0][1].isalpha()
                else text.find(">", start, following) >= 0)
        if not stop and following < len(text):
            name = _TAG_NAME.match(text, start)[0]
            found.append(Excess(_line_start(text, start), f"the HTML tag '{name}' is not closed with > before the "
                                "next one", "close it with >, or write &lt; for a < shown as it is"))
            return


_FOOTNOTE = re.compile(r"\[\^([^\]\n]+)\](:?)")


def _footnotes(text: str, found: list[Excess]) -> None:
    references: dict[str, int] = {}
    defined = 0
    for match in _FOOTNOTE.finditer(text):
        if match[2]:
            defined += 1
            if defined == FOOTNOTES + 1:
                found.append(Excess(_line_start(text, match.start()), f"more than {FOOTNOTES} footnotes",
                                    "fewer footnotes, or the text split into pages"))
            continue
        count = references[match[1]] = references.get(match[1], 0) + 1
        if count == FOOTNOTE_REFERENCES + 1:
            found.append(Excess(_line_start(text, match.start()), f"the footnote [^{match[1][:20]}] is referred to "
                                f"more than {FOOTNOTE_REFERENCES} times", "fewer references to one footnote"))


_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[", re.MULTILINE)


def _abbreviations(text: str, found: list[Excess]) -> None:
    for number, match in enumerate(_ABBREVIATION.finditer(text), start=1):
        if number > ABBREVIATIONS:
            found.append(Excess(match.start(), f"more than {ABBREVIATIONS} abbreviations defined",
                                "fewer abbreviations (*[…]: …)"))
            return

