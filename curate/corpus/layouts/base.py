"""What layout detectors share: top-level blocks, question starts and the parse state."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore, text_join
from markdown_it.token import Token

from curate.corpus.layouts.inline import (
    Child,
    InlineContent,
    has_markup,
    needs_inline_parser,
    read_children,
    read_inline,
    read_plain,
    simple_children,
)


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
    answer_text: str | None = None
    """The answer's plain text when it is not the text of its source: a table's key letter
    ("B") read as the option it names ("B) she")."""
    body: str = ""
    """What the question shows that is not written under its line: a table row's option
    cells, one per line ("A) happy")."""
    level: int | None = None
    block_line: int | None = None
    """0-based first line of the block the question sits in, when that is before ``line``
    (``<details>`` above its ``<summary>``): what comes before it is not this record's."""
    labelled: bool = False
    """Found by a "Question:" / "Q1:" label (not by its wording)."""
    topic: str | None = None
    """The title of the list item the question is nested under ("1. Dot product" over
    "1. What is ...?"): one more step of its topic path."""
    weak: bool = False
    """A plain line that asks only in its last sentence (a scenario): it joins a run of plain
    questions but never makes one, so an article's rhetorical endings stay prose."""


def claim(start: Start) -> int:
    """First line that belongs to ``start`` (its block's first line)."""
    return start.line if start.block_line is None else min(start.block_line, start.line)


@dataclass
class State:
    """One file being parsed: block tokens once; the inline content of a token is read on
    first use and cached (most inline tokens are plain text and never need markdown-it's
    inline parser, see ``children``)."""

    text: str
    line_starts: Sequence[int]
    tokens: list[Token]
    lines: list[str]
    """The file's lines without endings."""
    rel_path: str = ""
    md: MarkdownIt | None = None
    """The parser that made ``tokens`` when it left inline tokens unparsed (their
    children are parsed on demand with it and ``env``); None: tokens are fully parsed."""
    env: dict[str, Any] = field(default_factory=dict)
    """The block parse's environment (link reference definitions)."""
    content: list[Token] = field(default_factory=list)
    """Leaf content tokens (inline, fence, code_block, html_block) in file order."""
    content_lines: list[int] = field(default_factory=list)
    toc_lines: set[int] = field(default_factory=set)
    """First lines of blocks known to be a table of contents (under a "Contents" title)."""
    toc_blocks: dict[tuple[int, int], bool] = field(default_factory=dict)
    """Whether a block (by its token slice) is a list or table of index entries, once judged."""
    details_questions: bool | None = None
    """Does this file write its questions as ``<summary>`` lines (see ``layouts.details``)?
    None until asked."""
    heading_questions: frozenset[str] | None = None
    """The normalised questions of this file's headings (see ``markdown._indexed``). None
    until asked."""
    flashcard_note: bool | None = None
    """Does this file say it holds spaced-repetition cards (see ``layouts.spaced``)? None
    until asked."""
    _inline: dict[int, tuple[Token, InlineContent]] = field(default_factory=dict)
    _simple: dict[int, tuple[Token, list[Child]]] = field(default_factory=dict)
    """Light children of inline tokens that needed no inline parser."""

    def __post_init__(self) -> None:
        for tok in self.tokens:
            if tok.type in ("inline", "fence", "code_block", "html_block") and tok.map:
                self.content.append(tok)
                self.content_lines.append(tok.map[0])

    def inline(self, token: Token) -> InlineContent:
        """Text pieces, images and links of an inline token, read once."""
        key = id(token)
        got = self._inline.get(key)
        if got is None or got[0] is not token:  # ids of freed tokens can come back
            got = self._inline[key] = (token, self._read(token))
        return got[1]

    def _read(self, token: Token) -> InlineContent:
        """Plain text, and most text with markup (see ``children``), is read without
        markdown-it's inline parser: same result, a fraction of the time."""
        if token.children or self.md is None:
            return read_inline(token)
        line0 = token.map[0] if token.map else 0
        if not has_markup(token.content):
            return read_plain(token.content, line0)
        # layouts look at children only where a strong span or an image can be
        content = token.content
        keep = "**" in content or "__" in content or "![" in content
        return read_children(self.children(token, keep=keep), line0)

    def children(self, token: Token, keep: bool = True) -> Sequence[Token | Child]:
        """The children of an inline token: markdown-it's own, parsed on first use, or
        for text whose only markup is emphasis, code spans and plain links and images the
        same children as light ``Child`` objects (see ``simple_children``), kept for
        later calls unless ``keep`` is False (fewer live objects, less garbage
        collection: most are read once)."""
        if token.children or self.md is None:
            return token.children or []
        got = self._simple.get(id(token))
        if got is not None and got[0] is token:  # ids of freed tokens can come back
            return got[1]
        light = None if needs_inline_parser(token.content) else simple_children(token.content, "references" in self.env)
        if light is None:
            return self._parse_children(token).children or []
        if keep:
            self._simple[id(token)] = (token, light)
        return light

    def _parse_children(self, token: Token) -> Token:
        """Run markdown-it's inline parser (and its text-joining core rule) on one token,
        exactly as a full parse would have."""
        if self.md is not None and not token.children:
            token.children = []
            self.md.inline.parse(token.content, self.md, self.env, token.children)
            text_join(StateCore("", self.md, self.env, [token]))
        return token

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

    def fence_body(self, block: Block) -> tuple[int, int]:
        """0-based lines [first, last) inside a fenced ``block``, without its fence lines (an
        unclosed fence runs to the block's end)."""
        first = block.start + 1
        closed = block.end - 1 >= first and self.lines[block.end - 1].lstrip().startswith(("```", "~~~"))
        return first, block.end - 1 if closed else block.end

    def source(self, start: int, end: int) -> str:
        """Source of 0-based lines [start, end) without the final line ending."""
        if start >= end:
            return ""
        return self.text[self.offset(start) : self.line_end(end - 1)]
