"""Answers cut into comparable units: blocks (paragraphs, list items) and sentences.

Each unit keeps its character range in the Markdown source, so a repeated sentence can be
reported at its exact place and deleted by a fix. Code blocks, tables, HTML and headings
are left out: repeated lines there are normal (a table of results, a code loop).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_SKIP_LINE = re.compile(r"^\s*(?:\||<|#{1,6}\s|>?\s*!\[|-{3,}\s*$|\*{3,}\s*$|={3,}\s*$)")
_HTML_BLOCK = re.compile(r"^ {0,3}</?[A-Za-z][\w-]*(?:\s|/?>|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[*_`]*[A-Z0-9])")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "`": "'"})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Unit:
    """A block or a sentence of an answer, with its range in the Markdown source."""

    kind: str
    """``block`` (paragraph or list item) or ``sentence``."""
    start: int
    """Offset of the first character in the answer Markdown."""
    end: int
    """Offset just after the last character."""
    key: str
    """Comparison key: whitespace collapsed, quotes straightened, case folded."""
    block: int
    """Index of the block the unit belongs to."""


def unit_key(text: str) -> str:
    """The comparison key of a piece of text (whitespace and quotes normalised)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _LIST_ITEM.sub("", text, count=1)
    return _SPACES.sub(" ", text).strip().casefold()


def word_count(key: str) -> int:
    return len(_WORD.findall(key))


def blocks(markdown: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, parent)`` of each prose block (paragraph or list item) of
    ``markdown``; ``end`` excludes the final line ending, ``parent`` is the text of the
    enclosing list item of a nested item ("" otherwise), so the same sub-item under two
    different parents ("RNN: vanishing gradients", "LSTM: vanishing gradients") differs.
    Code blocks, tables, headings and HTML comments are skipped."""
    pos = 0
    fence: str | None = None
    in_comment = False
    start: int | None = None
    end = 0
    parent = ""
    in_html = False
    items: list[tuple[int, str]] = []  # (indent, text) of the open list items
    for line in markdown.splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        bare = line.rstrip("\r\n")
        if in_html:  # an HTML block runs to the next blank line
            in_html = bool(bare.strip())
            continue
        if fence is None and not in_comment and _HTML_BLOCK.match(bare) and not bare.lstrip().startswith("<!--"):
            if start is not None:
                yield start, end, parent
                start = None
            in_html = True
            continue
        if in_comment:
            if "-->" in bare:
                in_comment = False
            continue
        if bare.lstrip().startswith("<!--") and "-->" not in bare:
            in_comment = True
        m = _FENCE.match(bare)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m or in_comment:
            if start is not None:
                yield start, end, parent
                start = None
            if m:
                fence = m.group(1)
            continue
        if not bare.strip() or _SKIP_LINE.match(bare):
            if start is not None:
                yield start, end, parent
                start = None
            continue
        item = _LIST_ITEM.match(bare)
        if item and start is not None:
            yield start, end, parent  # a list item starts a new block
            start = None
        if start is None:
            start = line_start + (len(bare) - len(bare.lstrip()))
            parent = ""
            if item:
                indent = len(item.group(1).expandtabs(4))
                while items and items[-1][0] >= indent:
                    items.pop()
                parent = items[-1][1] if items else ""
                items.append((indent, unit_key(bare)))
            elif not bare.startswith((" ", "\t")):
                items.clear()
        end = line_start + len(bare.rstrip())
    if start is not None:
        yield start, end, parent


def units(markdown: str) -> list[Unit]:
    """Blocks and their sentences, in source order."""
    out: list[Unit] = []
    for index, (start, end, parent) in enumerate(blocks(markdown)):
        text = markdown[start:end]
        key = unit_key(text)
        out.append(Unit("block", start, end, f"{parent} › {key}" if parent else key, index))
        body = _LIST_ITEM.match(text)
        offset = body.end() if body else 0
        pieces = _split_sentences(text[offset:])
        if len(pieces) < 2:
            continue
        for s, e in pieces:
            out.append(Unit("sentence", start + offset + s, start + offset + e, unit_key(text[offset + s : offset + e]), index))
    return out


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start() + len(m.group(0).rstrip())))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]
