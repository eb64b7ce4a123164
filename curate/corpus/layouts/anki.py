"""Anki's plain-text export pasted into a note as a fenced block: one card per row.

The export starts with header lines (``#separator:tab``, ``#html:true``, ``#guid
column:1``, ``#notetype column:2``, ``#deck column:3``, ``#tags column:6``); the columns
the header does not name are the note's fields, front then back. Only a block with a
``#separator:`` line is read: a fence of tab-separated data without it stays code.
"""

from __future__ import annotations

import re

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question
from curate.corpus.layouts.inline import html_text

_HEADER = re.compile(r"^#([a-z ]+):(.*)$", re.IGNORECASE)
_META_COLUMN = re.compile(r"^(?:guid|notetype|deck|tags) column$", re.IGNORECASE)
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "colon": ":", "space": " "}
_CLOZE = re.compile(r"\{\{c\d+::")
MAX_QUESTION_CHARS = 500


def detect(state: State, block: Block) -> list[Start]:
    """A Start per card of an Anki export in the fenced ``block``."""
    if block.type != "fence":
        return []
    first, last = state.fence_body(block)
    separator = None
    meta: set[int] = set()
    line = first
    while line < last and (state.lines[line].startswith("#") or not state.lines[line].strip()):
        m = _HEADER.match(state.lines[line].strip())
        if m is not None:
            key, value = m.group(1).strip().lower(), m.group(2).strip()
            if key == "separator":
                separator = _SEPARATORS.get(value.lower(), value if len(value) == 1 else None)
            elif _META_COLUMN.match(key) and value.isdigit():
                meta.add(int(value) - 1)
        line += 1
    if separator is None:
        return []
    starts: list[Start] = []
    for row in range(line, last):
        card = _card(state, row, separator, meta)
        if card is not None:
            starts.append(card)
    return starts


def _card(state: State, row: int, separator: str, meta: set[int]) -> Start | None:
    """The card of one row: the first field asks, the second answers (a cloze card with
    no back answers with its own text)."""
    text = state.lines[row]
    fields: list[tuple[int, int]] = []
    pos = 0
    for k, cell in enumerate(text.split(separator)):
        if k not in meta:
            fields.append((pos, pos + len(cell)))
        pos += len(cell) + len(separator)
    if len(fields) < 2:
        return None
    (fs, fe), (bs, be) = _unquoted(text, fields[0]), _unquoted(text, fields[1])
    front = " ".join(html_text(text[fs:fe]).split())
    number, question = clean_question(front)
    if not question or len(question) > MAX_QUESTION_CHARS:
        return None
    if not text[bs:be].strip():
        if not _CLOZE.search(text[fs:fe]):
            return None  # a row with no back and no cloze is not a card
        bs, be = fs, fe
    base = state.offset(row)
    return Start(line=row, question=question, number=number, question_md=text, layout="anki", answer_line=row,
                 answer_offset=base + bs, answer_stop=base + be, answer_end=row + 1, record_end=row + 1)


def _unquoted(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A field's span without the quotes Anki puts around a field holding the separator."""
    start, end = span
    if end - start >= 2 and text[start] == '"' and text[end - 1] == '"':
        return start + 1, end - 1
    return start, end
