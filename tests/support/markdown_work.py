"""Count the work of converting a Markdown text, deterministically (never by the clock).

Three counts, each a stand-in for time that does not depend on the machine or its load:
- `lines`: Python lines run (sys.settrace), in Python-Markdown, in our converter and in what they call (the standard
  library's HTML parser, ElementTree's serialiser);
- `scanned`: characters offered to regular expressions (Python-Markdown's, ours, and those of the copy of the standard
  library's HTML parser Python-Markdown makes, `htmlparser`): a search or an iteration over matches from its start to
  where it matched (or to the end of the text when it found nothing), a substitution or split the whole text;
- `copied`: characters of the text an inline pattern copies when it puts a placeholder in place of what it matched
  (the library makes the text anew for each match).

A regular expression's backtracking within one call is not seen (the bench times hostile texts for that): a `match`
counts the characters it matched.
"""
from __future__ import annotations

import re
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator


@dataclass
class Work:
    """The work of one conversion."""

    lines: int = 0
    """Python lines run."""
    scanned: int = 0
    """Characters offered to regular expressions."""
    copied: int = 0
    """Characters copied by inline patterns' replacements."""

    @property
    def total(self) -> int:
        """Return the three counts together (each a step of a similar cost, within a small factor)."""
        return self.lines + self.scanned // 8 + self.copied // 64


class _CountingPattern:
    """A compiled regular expression that adds what it is offered to a Work."""

    def __init__(self, pattern: re.Pattern, work: Work) -> None:
        self._pattern, self._work = pattern, work

    def __getattr__(self, name):
        return getattr(self._pattern, name)

    def _searched(self, string, pos, found):
        self._work.scanned += (found.end() if found else len(string)) - pos

    def search(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.search(string, pos, endpos)
        self._searched(string, pos, found)
        return found

    def match(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.match(string, pos, endpos)
        self._work.scanned += (found.end() - pos) if found else 1
        return found

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        self._work.scanned += len(string) - pos
        return self._pattern.fullmatch(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        last = pos
        for found in self._pattern.finditer(string, pos, endpos):
            self._work.scanned += found.end() - last
            last = found.end()
            yield found
        self._work.scanned += len(string) - last

    def findall(self, string, pos=0, endpos=sys.maxsize):
        self._work.scanned += len(string) - pos
        return self._pattern.findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._work.scanned += len(string)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl, string, count=0):
        self._work.scanned += len(string)
        return self._pattern.subn(repl, string, count)

    def split(self, string, maxsplit=0):
        self._work.scanned += len(string)
        return self._pattern.split(string, maxsplit)


_RE_FUNCTIONS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
"""The `re` module's functions taking a pattern as text (compiled in its cache), counted as the compiled ones are."""
_COMPILE = re.compile


def _counting_function(name: str, work: Work):
    """Return `re.<name>` that counts as a compiled pattern's method does."""
    def counting(pattern, *args, **kwargs):
        flags = kwargs.pop("flags", 0)
        compiled = pattern if isinstance(pattern, (re.Pattern, _CountingPattern)) else _COMPILE(pattern, flags)
        if isinstance(compiled, re.Pattern):
            compiled = _CountingPattern(compiled, work)
        return getattr(compiled, name)(*args, **kwargs)
    return counting


def _holders(converter) -> Iterator[object]:
    """Yield the modules, classes and objects whose attributes may hold the regular expressions a conversion uses."""
    import html.parser
    import markdown

    seen: set[int] = set()
    modules = [module for name, module in sorted(sys.modules.items())
               if module is not None and (name in ("markdown", "htmlparser") or name.startswith("markdown."))]
    modules += [html.parser] + [sys.modules[name] for name in ("sitegen.markup", "sitegen.limits")
                                if name in sys.modules]
    for module in modules:
        yield module
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == module.__name__:
                yield value
    stack = [converter]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, markdown.util.Registry):
            stack.extend(item)
            continue
        values = vars(item).values() if _ours(item) else ()
        for value in values:
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, (list, tuple)):
                stack.extend(value)
            else:
                stack.append(value)


def _ours(item: object) -> bool:
    """Whether `item` is an object of Python-Markdown or of ours, whose attributes are looked through."""
    import markdown

    return (hasattr(item, "__dict__") and not isinstance(item, (type, types.ModuleType, types.FunctionType))
            and (type(item).__module__.startswith(("markdown", "sitegen")) or isinstance(item, markdown.Markdown)))


@contextmanager
def counted(converter, work: Work) -> Iterator[Work]:
    """Count the work done meanwhile into `work`: the regular expressions reachable from `converter` (and the
    modules it uses) count what they are offered, Python lines are counted, inline replacements' copies too."""
    replaced: list[tuple[object, str, object]] = []
    for holder in _holders(converter):
        try:
            attributes = vars(holder)
        except TypeError:
            continue
        for name, value in list(attributes.items()):
            if isinstance(value, re.Pattern):
                replaced.append((holder, name, value))
    for holder, name, value in replaced:
        setattr(holder, name, _CountingPattern(value, work))
    functions = {name: getattr(re, name) for name in _RE_FUNCTIONS}
    for name in _RE_FUNCTIONS:
        setattr(re, name, _counting_function(name, work))
    inline = converter.treeprocessors["inline"]
    apply = inline._InlineProcessor__applyPattern

    def counting_apply(pattern, data, index, start=0):
        result = apply(pattern, data, index, start)
        if result[1] and result[0] is not data:
            work.copied += len(result[0])
        return result

    inline._InlineProcessor__applyPattern = counting_apply

    def trace(frame, event, arg):
        work.lines += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        yield work
    finally:
        sys.settrace(previous)
        del inline._InlineProcessor__applyPattern
        for name, function in functions.items():
            setattr(re, name, function)
        for holder, name, value in replaced:
            setattr(holder, name, value)
