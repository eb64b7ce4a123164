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

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}|\$\$)")
"""A code fence (indented too: fences inside list items are) or a display-math
delimiter; both fence off lines that are not prose (a formula restated in a derivation
is no repeat)."""
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_SKIP_LINE = re.compile(r"^\s*(?:\||<|#{1,6}\s|>?\s*!\[|-{3,}\s*$|\*{3,}\s*$|={3,}\s*$)")
_HTML_BLOCK = re.compile(r"^ {0,3}</?[A-Za-z][\w-]*(?:\s|/?>|$)")
_SENTENCE_END = re.compile(r"[.!?]([\"'”’)\]]*)\s+(?=[\"'“‘(\[*_`]*[A-Z0-9])")
"""A sentence end; group 1 is the closing quotes or brackets kept with the sentence. The
end mark leads the pattern (not a look-behind) so the search can skip to candidates."""
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "`": "'"})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_FENCE_FIRST = frozenset("`~$")
_SKIP_FIRST = frozenset("|<#>!-*=")
_ITEM_FIRST = frozenset("-*+")
"""First non-blank characters a line needs for _FENCE, _SKIP_LINE and _LIST_ITEM to
match (digits aside): a set lookup spares the regex on most prose lines."""


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
    """The comparison key of a piece of text (whitespace and quotes normalised).

    Fast forms of the obvious steps: ASCII text only needs the backtick replaced (the
    other quotes are not ASCII), the list marker can only sit at the very start, and
    ``" ".join(split())`` collapses the same whitespace as ``\\s+`` (both use
    ``str.isspace``)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("`", "'") if text.isascii() else text.translate(_QUOTES)
    marker = _LIST_ITEM.match(text)
    if marker:
        text = text[marker.end():]
    return " ".join(text.split()).casefold()


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
        lead = bare.lstrip()
        first = lead[:1]  # each pattern below needs a given first non-blank character
        if in_html:  # an HTML block runs to the next blank line
            in_html = bool(lead)
            continue
        if (first == "<" and fence is None and not in_comment and _HTML_BLOCK.match(bare)
                and not lead.startswith("<!--")):
            if start is not None:
                yield start, end, parent
                start = None
            in_html = True
            continue
        if in_comment:
            if "-->" in bare:
                in_comment = False
            continue
        if first == "<" and lead.startswith("<!--") and "-->" not in bare:
            in_comment = True
        m = _FENCE.match(bare) if first in _FENCE_FIRST else None
        if m and fence is None and m.group(1) == "$$" and "$$" in lead[2:]:
            if start is not None:  # a one-line formula: $$ ... $$
                yield start, end, parent
                start = None
            continue
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
        if not lead or (first in _SKIP_FIRST and _SKIP_LINE.match(bare)):
            if start is not None:
                yield start, end, parent
                start = None
            continue
        item = _LIST_ITEM.match(bare) if first in _ITEM_FIRST or first.isdigit() else None
        if item and start is not None:
            yield start, end, parent  # a list item starts a new block
            start = None
        if start is None:
            start = line_start + (len(bare) - len(lead))
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
            sentence = text[offset + s : offset + e]
            out.append(Unit("sentence", start + offset + s, start + offset + e, unit_key(_LEAD_LABELS.sub("", sentence)), index))
    return out


_LEAD_LABELS = re.compile(r"^(?:[^\W\d][\w'()&/-]*(?:[ \t]+[\w'()&/-]+){0,3}[ \t]*:[ \t]+(?=\S))+")
"""Lead-in labels of a sentence ("Input Filtering: We filter ...", "input filtering: Input
Filtering: We filter ..."): the same sentence pasted under a label is still the same."""


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: an end mark, closing quotes or brackets, then
    whitespace before a capital or digit. Spans end after the closers, empty ones are
    dropped."""
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end(1)
        if end > pos:
            spans.append((pos, end))
        pos = m.end()
    if pos < len(text):
        end = len(text.rstrip())
        if end > pos:
            spans.append((pos, end))
    return spans
