"""Change YAML as an editor does in a text editor: find a record's lines, change or add one line, append a block.

Every function takes and returns the file's text, so comments, blank lines, quoting and the order of keys stay as
the editor left them. Records are the list items of the data files, each beginning with a `- id: …` line at the
left margin; the keys of a record are indented below it.
"""
from __future__ import annotations

import re

KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")


class NotEditable(ValueError):
    """The text is not laid out as these edits expect (the message says where)."""


def _id_line(record_id: str) -> re.Pattern:
    return re.compile(rf"^- +id: *['\"]?{re.escape(record_id)}['\"]? *(#.*)?$")


def record_span(lines: list[str], record_id: str) -> tuple[int, int]:
    """Return (first, end) line indexes of the record `- id: record_id` (end: the next line at the left margin)."""
    pattern = _id_line(record_id)
    starts = [number for number, line in enumerate(lines) if pattern.match(line)]
    if len(starts) != 1:
        raise NotEditable(f"{len(starts)} records with id {record_id!r}")
    end = starts[0] + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" ")):
        end += 1
    while end > starts[0] + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines before the next record belong to no one
    return starts[0], end


def _record_indent(lines: list[str], first: int, end: int) -> int:
    """Return the indentation of a record's keys (that of `id` after '- ')."""
    return len(lines[first]) - len(lines[first][1:].lstrip()) if end > first else 2


def _field_line(lines: list[str], first: int, end: int, field: str) -> int | None:
    """Return the index of a record's `field:` line, or None."""
    indent = _record_indent(lines, first, end)
    for number in range(first + 1, end):
        match = KEY.match(lines[number])
        if match and len(match["indent"]) == indent and match["key"] == field:
            return number
    return None


def field_value(text: str, record_id: str, field: str) -> str | None:
    """Return the value written on a record's `field:` line (comment and quotes removed), or None."""
    lines = text.splitlines()
    first, end = record_span(lines, record_id)
    number = first if field == "id" else _field_line(lines, first, end, field)
    if number is None:
        return None
    value = lines[number].split(":", 1)[1].split(" #")[0].strip()
    return value.strip("'\"")


def set_field(text: str, record_id: str, field: str, value: str) -> str:
    """Return the text with a record's one-line `field:` set to `value` (added as the record's last line if absent)."""
    lines = text.splitlines()
    first, end = record_span(lines, record_id)
    indent = _record_indent(lines, first, end)
    number = _field_line(lines, first, end, field)
    line = f"{' ' * indent}{field}: {value}"
    if number is None:
        lines.insert(end, line)
    else:
        following = lines[number + 1] if number + 1 < end else ""
        if following.strip() and len(following) - len(following.lstrip()) > indent:
            raise NotEditable(f"{record_id}: {field} spans several lines")
        lines[number] = line
    return "\n".join(lines) + "\n"


def remove_record(text: str, record_id: str) -> str:
    """Return the text without a record's lines (and the blank line that separated it)."""
    lines = text.splitlines()
    first, end = record_span(lines, record_id)
    while end < len(lines) and not lines[end].strip():
        end += 1
    del lines[first:end]
    if not any(line.startswith("- ") for line in lines):
        lines.append("[]")  # the last one gone: an empty list, not an empty file
    return "\n".join(lines) + "\n"


def append_block(text: str, block: str) -> str:
    """Return the text with a block appended after one blank line (in place of `[]`, the empty list)."""
    text = re.sub(r"^\[\] *(#.*)?\n?\Z", "", text.rstrip("\n") + "\n", flags=re.M)
    return text.rstrip("\n") + ("\n\n" if text.strip() else "") + block.rstrip("\n") + "\n"


def append_to_list(text: str, record_id: str, field: str, value: str) -> str:
    """Return the text with `value` added to a record's list `field` (written [a, b] or as '- a' lines)."""
    lines = text.splitlines()
    first, end = record_span(lines, record_id)
    number = _field_line(lines, first, end, field)
    if number is None:
        return set_field(text, record_id, field, f"[{value}]")
    head, _, rest = lines[number].partition(":")
    flow = re.fullmatch(r" *\[(?P<items>[^\]]*)\] *(?P<comment>#.*)?", rest)
    if flow:
        items = [item.strip() for item in flow["items"].split(",") if item.strip()] + [value]
        lines[number] = f"{head}: [{', '.join(items)}]" + (f"  {flow['comment']}" if flow["comment"] else "")
    elif not rest.split("#")[0].strip():
        last = number
        while last + 1 < end and re.match(r"^ *- ", lines[last + 1]):
            last += 1
        if last == number:
            raise NotEditable(f"{record_id}: {field} is neither [a, b] nor a list of '- ' lines")
        lines.insert(last + 1, lines[last][:lines[last].index("-")] + f"- {value}")
    else:
        raise NotEditable(f"{record_id}: {field} is neither [a, b] nor a list of '- ' lines")
    return "\n".join(lines) + "\n"


def remove_from_lists(text: str, fields: tuple[str, ...], value: str) -> str:
    """Return the text with `value` taken out of every list named by one of `fields` ([a, value] or '- value')."""
    lines = text.splitlines()
    kept: list[str] = []
    in_list: tuple[int, int] | None = None  # (index in kept of the field's line, its indentation)
    for line in lines:
        match = KEY.match(line)
        if match and match["key"] in fields:
            flow = re.fullmatch(r" *\[(?P<items>[^\]]*)\] *(?P<comment>#.*)?", match["rest"])
            if flow:
                items = [item.strip() for item in flow["items"].split(",") if item.strip().strip("'\"") != value]
                line = f"{match['indent']}{match['key']}: [{', '.join(i for i in items if i)}]"
                line += f"  {flow['comment']}" if flow["comment"] else ""
                in_list = None
            else:
                in_list = (len(kept), len(match["indent"]))
            kept.append(line)
            continue
        item = re.fullmatch(r"(?P<indent> *)- +['\"]?(?P<value>[^'\"#]+?)['\"]? *(#.*)?", line)
        if in_list and item and len(item["indent"]) >= in_list[1]:
            if item["value"] == value:
                continue
        elif line.strip():
            in_list = None
        kept.append(line)
    for number, line in enumerate(kept):  # a block list left without items becomes []
        match = KEY.match(line)
        following = kept[number + 1] if number + 1 < len(kept) else ""
        if match and match["key"] in fields and not match["rest"].strip() and not re.match(r"^ *- ", following):
            kept[number] = f"{line.rstrip()} []"
    return "\n".join(kept) + "\n"


def remove_field(text: str, fields: tuple[str, ...], value: str) -> str:
    """Return the text without the one-line `field: value` lines of the given fields (e.g. a release's issuer)."""
    pattern = re.compile(rf"^ *(?:{'|'.join(map(re.escape, fields))}): *['\"]?{re.escape(value)}['\"]? *(#.*)?$")
    return "".join(line for line in text.splitlines(keepends=True) if not pattern.match(line))
