"""Own reading a link's address as Python-Markdown reads it (nested parentheses, spaces, angle brackets, a title in
quotes), within a limit: the link check takes the address from it, and the bounds keep the library's search for it
linear."""
from __future__ import annotations

import re

_PLAIN = re.compile(r"""\((?!\s*<)([^()"'\\]*)\)""")
"""An address without parentheses or quote marks: the library's loop ends at its ')'."""
_ANGLED = re.compile(r"""\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\))?""", re.DOTALL)
"""What Python-Markdown first tries after a link's text: an address in angle brackets (its `LinkInlineProcessor`)."""


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
