"""Inline code spans found on one line, as CommonMark closes them: what the rules mask
before they read a line as prose, and what the parser masks before it reads a line
as a heading missing its space."""

from __future__ import annotations

import re

_TICKS = re.compile(r"`+")


def mask_code_spans(line: str, fill: str = " ") -> str:
    """``line`` with inline code spans replaced by ``fill`` (same length), so offsets
    still match."""
    if "`" not in line:
        return line
    spans = code_spans(line)
    if not spans:
        return line
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(line[last:start])
        parts.append(fill * (end - start))
        last = end
    parts.append(line[last:])
    return "".join(parts)


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of inline code spans: a backtick run closed by the next run of the same
    length (CommonMark). Linear in the line, whatever its backticks."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursor = {length: 0 for length in by_length}
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        length = end - start
        candidates = by_length[length]
        position = cursor[length]
        while position < len(candidates) and candidates[position] <= index:
            position += 1
        cursor[length] = position
        if position < len(candidates):
            closing = candidates[position]
            spans.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans
