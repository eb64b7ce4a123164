"""What layout detectors share: top-level blocks, question starts and the parse state."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence

from markdown_it.token import Token

from curate.corpus.layouts.inline import InlineContent, read_inline


@dataclass(slots=True)
class Block:
    """One top-level block: its token slice and 0-based line range [start, end)."""

    type: str
    """Token type without ``_open`` ("paragraph", "heading", "bullet_list", "fence", ...)."""
    start: int
    end: int
    i: int
    """Index of the first token."""
    j: int
    """One past the last token."""
    level: int = 0
    """Heading level, else 0."""


@dataclass(slots=True)
class Start:
    """Where a record (or a loose section) begins, as a layout detector found it."""

    line: int
    """0-based line of the question."""
    question: str
    number: str | None
    question_md: str
    layout: str
    answer_line: int
    """0-based line where the answer begins."""
    answer_offset: int | None = None
    """Character offset where the answer begins when it shares a line with its label."""
    answer_end: int | None = None
    """0-based exclusive end line of the answer; None: up to the next start."""
    record_end: int | None = None
    """0-based exclusive end line of the record; None: same as the answer's end."""
    kind: str = "question"
    """"question", "topic" or "section" (content that is no record)."""
    answer_tokens: Sequence[Token] | None = None
    """Explicit answer tokens (a table cell) instead of the line range."""
    answer_stop: int | None = None
    """Character offset where the answer ends (a table cell), else the last answer line's end."""
    level: int | None = None
    block_line: int | None = None
    """0-based first line of the block the question sits in, when that is before ``line``
    (``<details>`` above its ``<summary>``): what comes before it is not this record's."""
    labelled: bool = False
    """Found by a "Question:" / "Q1:" label (not by its wording)."""


def claim(start: Start) -> int:
    """First line that belongs to ``start`` (its block's first line)."""
    return start.line if start.block_line is None else min(start.block_line, start.line)


@dataclass
class State:
    """One file being parsed: tokens once, inline content cached per token."""

    text: str
    line_starts: Sequence[int]
    tokens: list[Token]
    lines: list[str]
    """The file's lines without endings."""
    rel_path: str = ""
    content: list[Token] = field(default_factory=list)
    """Leaf content tokens (inline, fence, code_block, html_block) in file order."""
    content_lines: list[int] = field(default_factory=list)
    _inline: dict[int, tuple[Token, InlineContent]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for tok in self.tokens:
            if tok.type in ("inline", "fence", "code_block", "html_block") and tok.map:
                self.content.append(tok)
                self.content_lines.append(tok.map[0])

    def inline(self, token: Token) -> InlineContent:
        key = id(token)
        got = self._inline.get(key)
        if got is None or got[0] is not token:  # ids of freed tokens can come back
            got = self._inline[key] = (token, read_inline(token))
        return got[1]

    def offset(self, line0: int) -> int:
        """Offset of 0-based line ``line0`` (the text's end past the last line)."""
        return self.line_starts[line0] if line0 < len(self.line_starts) else len(self.text)

    def line_end(self, line0: int) -> int:
        """Offset just past the content of 0-based line ``line0`` (before its line ending)."""
        return self.offset(line0) + len(self.lines[line0])

    def is_blank(self, line0: int) -> bool:
        return not self.lines[line0].strip()

    def content_between(self, start: int, end: int) -> tuple[list[Token], Token | None]:
        """Content tokens starting on lines [start, end), and the token that started
        before ``start`` but runs into it (an answer sharing a paragraph with its question)."""
        lo = bisect.bisect_left(self.content_lines, start)
        hi = bisect.bisect_left(self.content_lines, end)
        partial = None
        if lo > 0:
            prev = self.content[lo - 1]
            if prev.map and prev.map[1] > start and prev.type == "inline":
                partial = prev
        return self.content[lo:hi], partial

    def block_inline(self, block: Block) -> Token | None:
        """The inline token of a paragraph or heading block."""
        if block.j - block.i >= 2 and self.tokens[block.i + 1].type == "inline":
            return self.tokens[block.i + 1]
        return None

    def source(self, start: int, end: int) -> str:
        """Source of 0-based lines [start, end) without the final line ending."""
        if start >= end:
            return ""
        return self.text[self.offset(start) : self.line_end(end - 1)]
