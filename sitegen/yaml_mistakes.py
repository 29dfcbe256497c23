"""Own turning a YAML syntax error into an editor's words: which mistake, at the line where it was made, and the fix.

PyYAML's messages ("mapping values are not allowed here", "did not find expected key") name what its
parser met, often lines after the mistake (an unclosed quote is found at the file's end), and the C and
Python parsers word them differently. `explain` reads the error's marks and the lines around them and
names the usual mistakes of people who write YAML by hand: an unclosed quote or bracket, a text holding
': ', a field indented too far or not far enough, a missing colon or the space after it, a text starting
with a character YAML reserves, a second document. Anything else is named in general terms, never in
PyYAML's wording.
"""
from __future__ import annotations

import re

import yaml

KEY = re.compile(r"""^(?P<lead> *(?:- +)*)(?P<key>[^\s#'"\[\]{}:,&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*'):(?= |$)""")
"""A line starting with a field name and its colon (after the indentation and any list dashes)."""
TIGHT = re.compile(r"^ *(?:- +)*(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)$")
"""A field name followed by a colon without a space: `date:2027-03-18` (not `https://…`)."""
DASH_TIGHT = re.compile(r"^ *-[^\s-]")
"""A list item's dash without the space after it: `-id: x`."""
CLOSERS = {"[": "]", "{": "}"}
UNPAIRED = ("the brackets on this line do not pair up", "close each '[' with ']' and each '{' with '}', the last "
            "opened first; a text holding a bracket in double quotes")
COMMENT = ("' #' starts a comment, which hides the rest of the line, its closing bracket too",
           "put the text holding '#' in double quotes")

Explained = tuple[int, str, str]
"""(0-based line of the text, what is wrong, what to do)."""

GENERAL = ("the line does not fit the YAML around it",
           "check the indentation of the field names, the ': ' after each name and the quotes around texts")


def explain(error: yaml.MarkedYAMLError, text: str, first_line: int = 1) -> Explained:
    """Return where and what the mistake behind a YAML syntax error is, and its fix, in plain words (lines named in
    the fix counted from `first_line`, the file line of the text's first)."""
    lines = text.split("\n")
    problem, context = error.problem or "", error.context or ""
    at, opened = _line_of(error.problem_mark, lines), _line_of(error.context_mark, lines)
    if "quoted scalar" in context and error.context_mark is not None:
        return _quoted_scalar(problem, error.context_mark, at, lines)
    if ("an alias" in context or "an anchor" in context) and error.context_mark is not None:
        return _reserved_start(lines, opened, error.context_mark.column)
    if "block scalar" in context:
        return (opened, "after '|' or '>' the text must start on the next line",
                "the text on the lines below, indented further than its field's name")
    if "cannot start any token" in problem and error.problem_mark is not None:
        return _reserved_start(lines, at, error.problem_mark.column)
    if "simple key" in context:
        return _missing_colon(lines, opened)
    if "flow" in context and error.context_mark is not None and error.problem_mark is not None:
        return _flow(lines, error.context_mark, error.problem_mark)
    if "mapping values are not allowed" in problem and error.problem_mark is not None:
        return _colon(lines, at, error.problem_mark.column, first_line)
    if "document" in problem or "document" in context:
        return _second_document(lines, at)
    for line in dict.fromkeys((at, opened)):  # brackets that do not pair up on the line of the mistake
        unpaired = _unpaired(lines[line])
        if unpaired:
            return (line,) + unpaired
    if error.problem_mark is not None and ("expected key" in problem or "block end" in problem
                                           or "'-' indicator" in problem):
        return _misplaced(lines, at, error.problem_mark.column, first_line)
    return (at,) + GENERAL


def _line_of(mark, lines: list[str]) -> int:
    """Return the 0-based line of a mark, moved back from the file's end to its last line with text."""
    line = min(mark.line, len(lines) - 1) if mark is not None else 0
    while line > 0 and not lines[line].strip():
        line -= 1
    return line


def _quoted(text: str) -> str:
    """Return a text as an editor writes it in double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _clip(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value(line: str) -> str:
    """Return the value part of a `name: value` line (the whole line when it has no field name)."""
    match = KEY.match(line)
    return (line[match.end():] if match else line).strip()


def _quoted_scalar(problem: str, opening, at: int, lines: list[str]) -> Explained:
    quote = lines[opening.line][opening.column] if opening.column < len(lines[opening.line]) else '"'
    if "end of stream" in problem or "document separator" in problem:
        return (opening.line, f"the text opened with {quote} here is never closed",
                f"end the text with {quote} on the same line, or write it without quotes")
    return (at, "a backslash (\\) in double quotes starts a sign such as \\n, which this one is not",
            "write the text in single quotes, or each \\ twice (\\\\)")


def _reserved_start(lines: list[str], line: int, column: int) -> Explained:
    sign = lines[line][column] if column < len(lines[line]) else " "
    if sign == "\t":
        return line, "the line holds a tab", "a space instead of the tab"
    text = lines[line][column:].strip()
    return (line, f"a text cannot start with '{sign}' unless it is in quotes",
            f"put the text in double quotes: {_clip(_quoted(text))}")


def _missing_colon(lines: list[str], line: int) -> Explained:
    tight = TIGHT.match(lines[line])
    if tight:
        return (line, f"the colon after '{tight['key']}' needs a space after it",
                f"{tight['key']}: {_clip(tight['value'])}")
    return (line, "the line has no ':' after a field name",
            "name: value, with a colon and a space after the name; a text going on over several lines is "
            "indented further than its field's name")


def _second_document(lines: list[str], line: int) -> Explained:
    """Explain a line '---' or '...' in a data file (YAML finds the mistake at it or at the line after it)."""
    above = _previous(lines, line)
    for number in (line, above):
        sign = lines[number].strip() if number is not None else ""
        if sign in ("---", "..."):
            return (number, "a line '---' starts a second part of the file: a data file has only one"
                    if sign == "---" else "a line '...' ends the file's data: nothing may follow it",
                    "remove that line, and what follows it if that does not belong to the file")
    return (line,) + GENERAL


def _flow(lines: list[str], opening, mark) -> Explained:
    """Explain an error inside [ ] or { }: the bracket not closed, or a text in it holding ': ' or a quote's end."""
    opener = lines[opening.line][opening.column] if opening.column < len(lines[opening.line]) else "["
    closer = CLOSERS.get(opener, "]")
    what = "list" if opener == "[" else "group"
    if mark.line != opening.line and closer not in lines[opening.line][opening.column:]:
        return (opening.line, f"the {what} opened with '{opener}' here is not closed",
                f"a '{closer}' at its end, on the same line")
    unpaired = _unpaired(lines[opening.line])
    if unpaired:
        return (opening.line,) + unpaired
    line = lines[mark.line]
    sign = line[mark.column] if mark.column < len(line) else ""
    if sign == ":":
        return (mark.line, f"a text in the {what} holds ': ', which YAML reads as the start of a field",
                "put that text in double quotes")
    if line[:mark.column].rstrip().endswith(("'", '"')):
        return _early_quote(mark.line, line[:mark.column].rstrip()[-1])
    return (mark.line,) + GENERAL


def _unpaired(line: str) -> Explained | None:
    """Return why the brackets of a line do not pair up ([ { … } ]) outside quotes (None when they do): a bracket
    without its pair, or a ' #' that makes the rest of the line a comment, its closing brackets too."""
    stack: list[str] = []
    quote = ""
    for index, sign in enumerate(line):
        if quote:
            quote = "" if sign == quote else quote
        elif sign in "'\"" and (index == 0 or line[index - 1] in " [{,:"):
            quote = sign
        elif sign == "#" and (index == 0 or line[index - 1] == " "):
            if stack and any(closer in line[index:] for closer in stack):
                return COMMENT
            break
        elif sign in CLOSERS:
            stack.append(CLOSERS[sign])
        elif sign in "]}" and (not stack or stack.pop() != sign):
            return UNPAIRED
    if stack and not line.rstrip().endswith((",", "[", "{")):
        return UNPAIRED
    return None


def _early_quote(line: int, quote: str) -> Explained:
    if quote == "'":
        return (line, "the quotes around the text end before the text does",
                "write a ' inside single quotes twice (''), or put the whole text in double quotes")
    return (line, "the quotes around the text end before the text does",
            "write a \" inside double quotes as \\\", or put the whole text in single quotes")


def _colon(lines: list[str], line: int, column: int, first: int) -> Explained:
    """Explain a ': ' where YAML allows no field: a field indented too far, or a text holding ': '."""
    text = lines[line]
    match = KEY.match(text)
    if match and match.end() - 1 == column:  # a field name on a line that continues the one above
        above = _previous(lines, line)
        if above is not None and DASH_TIGHT.match(lines[above]):
            return (above, "the '-' of a list item needs a space after it", "- " + lines[above].strip()[1:])
        indent = _indent(lines[above]) if above is not None else 0
        return (line, "the field is indented further than the line before it",
                f"indent it by {indent} {_spaces(indent)}, like line {(above or 0) + first}; "
                "if it goes on with the text above, put that whole text in double quotes")
    value = _value(text)
    if value[:1] in ("'", '"'):
        return _early_quote(line, value[0])
    return (line, "the text holds ': ', which YAML reads as the start of a field",
            f"put the text in double quotes: {_clip(_quoted(value))}")


def _misplaced(lines: list[str], line: int, column: int, first: int) -> Explained:
    """Explain a line YAML did not expect where it stands: text after a closing quote, or a field or list item
    indented other than the lines it belongs with."""
    text = lines[line]
    if column > _indent(text):  # something goes on after a complete value
        before = text[:column].rstrip()
        if before.endswith(("'", '"')):
            return _early_quote(line, before[-1])
        return (line,) + GENERAL
    indents = _open_indents(lines, line)
    here, item = _indent(text), text.lstrip().startswith("- ")
    level = next((dash for column, _, dash in indents if column == here), None)
    if level is None and (item or KEY.match(text)):
        return (line, f"the {'list item' if item else 'field'} is indented by {here} {_spaces(here)}, which matches "
                "no line above it", _indent_hint(indents, first))
    if level and not item:
        return (line, "a field stands among the items of a list",
                "'- ' before a list item, or the field indented as far as the name of the list")
    if level is False and item:
        return (line, "a list item stands among fields",
                "the list under a name of its own ('name:', then the items below it, indented further)")
    return (line,) + GENERAL


def _indent_hint(indents: list[tuple[int, int, bool]], first: int) -> str:
    shown = [f"{column} {_spaces(column)} like line {number + first}" for column, number, _ in indents[:2]]
    return "indent it as far as the field it belongs with: " + ", or ".join(shown) if shown else GENERAL[1]


def _spaces(number: int) -> str:
    return "space" if number == 1 else "spaces"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Return where the field name or list item of a line starts (after the dashes of list items)."""
    match = re.match(r" *(?:- +)*", line)
    return match.end() if match else 0


def _previous(lines: list[str], line: int) -> int | None:
    """Return the nearest line above with content (no blank or comment line), None when there is none."""
    for number in range(line - 1, -1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return number
    return None


def _open_indents(lines: list[str], line: int) -> list[tuple[int, int, bool]]:
    """Return the indentations a line may have, nearest first: (column, line giving it, whether it is a list dash's).

    Walking up, each line less indented than all below it opens a level: its field name's column (and its list
    dash's, when it is an item)."""
    found: list[tuple[int, int, bool]] = []
    limit = None
    number = _previous(lines, line)
    while number is not None:
        text = lines[number]
        column, key = _indent(text), _key_column(text)
        if limit is None or column < limit:
            if key != column and (limit is None or key < limit):
                found.append((key, number, False))
            found.append((column, number, text.lstrip().startswith("- ")))
            limit = column
        if column == 0:
            break
        number = _previous(lines, number)
    seen, unique = set(), []
    for item in found:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique
