"""Markdown → prose paragraphs, with an exact map back to the source.

Grammar checkers do not understand Markdown: fed raw notes they flag ``**``, link
targets and code. We send them prose only and keep, for every prose character, the
offset of the source character it came from, so a match at prose offset ``i`` becomes
an exact line and column in the file.

What is dropped: fenced and indented code, HTML blocks and tags, front matter, link
targets, images, URLs (bare and autolinks) and emphasis markers. Inline code and URLs
are replaced by a short *masked* placeholder word so the sentence still parses
("call `fit()` twice" → "call code twice"); matches inside a placeholder are dropped.
Each paragraph, heading, list-item paragraph and table cell is its own prose unit, so
sentence boundaries stay where the author put them. The cells of a quiz table's option
columns are left out: distractors are wrong on purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from curate.corpus.layouts.table import header_names, option_columns

CODE_PLACEHOLDER = "code"
"""Stands in for inline code in the prose sent to a checker."""
LINK_PLACEHOLDER = "link"
"""Stands in for a bare URL or an autolink."""

_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]]+(?:\([^\s<>()]*\)[^\s<>()\[\]]*)*|www\.[^\s<>()\[\]]+", re.I)
_TRAILING_PUNCT = ".,;:!?'\""
_FORMATTING_TAG = re.compile(r"</?(?:strong|b|em|i|u|mark|span|ins|abbr)\b", re.I)
"""Inline tags that only style letters (<strong>M</strong>ean is the word "Mean")."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One unit of prose and where each of its characters came from."""

    text: str
    """The prose sent to the checker."""
    offsets: tuple[int, ...]
    """``offsets[i]`` is the offset in ``Document.text`` of ``text[i]``."""
    masked: tuple[tuple[int, int], ...] = ()
    """Prose ranges (start, end) that are placeholders for code or URLs."""
    line: int = 1
    """1-based source line where the block starts (for messages and tests)."""

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source (start, end) offsets covering prose ``text[start:end]``."""
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.offsets[start], self.offsets[end - 1] + 1

    def is_masked(self, start: int, end: int) -> bool:
        """True when prose ``[start, end)`` touches a placeholder."""
        return any(start < m_end and m_start < end for m_start, m_end in self.masked)


class _Builder:
    """Accumulates prose characters with their source offsets."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.masked: list[tuple[int, int]] = []

    def add(self, char: str, offset: int) -> None:
        self.chars.append(char)
        self.offsets.append(offset)

    def add_run(self, chars: str, offsets: list[int]) -> None:
        """Several characters at once (``offsets[i]`` is where ``chars[i]`` came from)."""
        self.chars.extend(chars)
        self.offsets.extend(offsets)

    def placeholder(self, word: str, start: int, end: int) -> None:
        """A masked word standing for source ``[start, end)``: the first character maps
        to ``start`` and the last to ``end - 1`` so a match over it spans the original."""
        begin = len(self.chars)
        for i, ch in enumerate(word):
            self.add(ch, start if i < len(word) - 1 else max(start, end - 1))
        self.masked.append((begin, len(self.chars)))

    def build(self, line: int) -> Paragraph | None:
        text = "".join(self.chars)
        if not text.strip():
            return None
        # Trim surrounding whitespace but keep the map aligned.
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        masked = tuple((s - lead, e - lead) for s, e in self.masked if s >= lead and e <= trail)
        return Paragraph(text[lead:trail], tuple(self.offsets[lead:trail]), masked, line)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    md.use(front_matter_plugin)
    return md


_MD = _parser()


def extract_paragraphs(text: str) -> list[Paragraph]:
    """Every prose unit of a Markdown document, in source order."""
    line_starts = _line_starts(text)
    tokens = _MD.parse(text)
    out: list[Paragraph] = []
    row_cursor: dict[int, int] = {}
    header: list[str] = []  # the current table's header cells
    options: dict[int, str] = {}
    column = -1
    for token in tokens:
        if token.type in ("table_open", "table_close"):
            header, options, column = [], {}, -1
        elif token.type == "tr_open":
            column = -1
        elif token.type == "tbody_open":
            options = option_columns(header_names(header))
        elif token.type in ("th_open", "td_open"):
            column += 1
        if token.type != "inline" or token.map is None:
            continue
        if column >= 0 and len(header) <= column and not options:
            header.append(token.content)  # a header cell (th)
        elif column in options:
            continue  # a quiz's answer option: distractors are wrong on purpose
        first = token.map[0]
        content_offsets = _align_content(token.content, text, line_starts, first, row_cursor)
        if content_offsets is None:
            continue
        para = _inline_prose(token, content_offsets, text)
        if para is not None:
            out.append(para)
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
    return starts


def _line_text(text: str, line_starts: list[int], index: int) -> tuple[int, str]:
    """(offset, text without line ending) of 0-based line ``index``."""
    if index >= len(line_starts):
        return len(text), ""
    start = line_starts[index]
    end = line_starts[index + 1] if index + 1 < len(line_starts) else len(text)
    return start, text[start:end].rstrip("\r\n")


def _align_content(content: str, text: str, line_starts: list[int], first: int,
                   row_cursor: dict[int, int]) -> list[int] | None:
    """Source offset of each character of an inline token's ``content`` (plus one
    trailing entry for the end). Content line ``j`` sits on source line ``first + j``
    after the block markers markdown-it stripped (``#``, ``-``, ``>``, indentation).
    Table cells share a line, so a cursor per line keeps equal cells apart."""
    offsets: list[int] = []
    for j, piece in enumerate(content.split("\n")):
        line_offset, line = _line_text(text, line_starts, first + j)
        from_col = row_cursor.get(first + j, 0)
        col = line.find(piece, from_col) if piece else from_col
        if col < 0:
            col = _fuzzy_find(line, piece, from_col)
            if col < 0:
                return None
        row_cursor[first + j] = col + len(piece)
        offsets.extend(range(line_offset + col, line_offset + col + len(piece)))
        # the "\n" joining content lines maps to this line's end
        offsets.append(line_offset + len(line))
    return offsets


def _fuzzy_find(line: str, piece: str, start: int) -> int:
    """Find ``piece`` allowing tabs in the source where markdown-it wrote spaces."""
    probe = piece.lstrip()
    if not probe:
        return start
    col = line.find(probe[: max(1, min(len(probe), 12))], start)
    return col


def _inline_prose(token: Token, offsets: list[int], text: str) -> Paragraph | None:
    """Walk the inline children, keeping prose characters with their offsets."""
    content = token.content
    b = _Builder()
    cursor = 0  # index into content
    children = token.children or []
    skip_depth = 0  # inside an autolink: its text is a URL
    i = 0
    while i < len(children):
        child = children[i]
        kind = child.type
        if kind == "link_open" and child.markup in ("autolink", "linkify"):
            end = content.find(">", cursor) if child.markup == "autolink" else -1
            start = content.find("<", cursor) if child.markup == "autolink" else cursor
            start = cursor if start < 0 else start
            end = len(content) - 1 if end < 0 else end
            b.placeholder(LINK_PLACEHOLDER, offsets[start], offsets[end] + 1)
            cursor = end + 1
            skip_depth += 1
        elif kind == "link_close" and skip_depth:
            skip_depth -= 1
        elif skip_depth:
            pass
        elif kind == "link_close":
            cursor = _skip_link_tail(content, cursor)
        elif kind == "text":
            cursor = _add_text(b, child.content, content, offsets, cursor)
        elif kind in ("softbreak", "hardbreak"):
            nl = content.find("\n", cursor)
            if nl >= 0:
                b.add(" ", offsets[nl])
                cursor = nl + 1
            else:
                b.add(" ", offsets[min(cursor, len(offsets) - 1)])
        elif kind == "code_inline":
            start = content.find(child.markup or "`", cursor)
            if start < 0:
                start = cursor
            close = content.find(child.markup or "`", start + len(child.markup or "`") + len(child.content) - 1)
            end = close + len(child.markup or "`") if close >= 0 else start + len(child.content) + 2
            end = min(end, len(content))
            b.placeholder(CODE_PLACEHOLDER, offsets[start], offsets[max(start, end - 1)] + 1)
            cursor = end
        elif kind == "image":
            start = content.find("![", cursor)
            if start >= 0:
                close = _matching_bracket(content, start + 1)
                cursor = _skip_link_tail(content, close) if close >= 0 else cursor
        elif kind == "html_inline":
            start = content.find("<", cursor)
            if start >= 0:
                end = content.find("-->", start) + 3 if child.content.startswith("<!--") else content.find(">", start) + 1
                if end > 0:
                    # y<sub>i</sub> must not become the word "yi": a masked space keeps them apart
                    if (0 < start and end < len(content) and content[start - 1].isalnum() and content[end].isalnum()
                            and not _FORMATTING_TAG.match(child.content)):
                        b.placeholder(" ", offsets[start], offsets[end - 1] + 1)
                    cursor = end
        elif kind == "text_special":
            start = content.find(child.markup or child.content, cursor)
            if start >= 0:
                b.add(child.content[:1] or " ", offsets[start])
                cursor = start + len(child.markup or child.content)
        # emphasis, strikethrough and link_open markers are skipped by the text alignment
        i += 1
    return b.build(token.map[0] + 1 if token.map else 1)


def _add_text(b: _Builder, value: str, content: str, offsets: list[int], cursor: int) -> int:
    """Align a text token's characters to ``content`` from ``cursor`` (skipping marker
    characters markdown-it removed: backslashes, entity names); cut out bare URLs."""
    pos = 0
    for m in _URL.finditer(value):
        url_end = m.end()
        while url_end > m.start() and value[url_end - 1] in _TRAILING_PUNCT:
            url_end -= 1
        cursor = _align_chars(b, value[pos : m.start()], content, offsets, cursor)
        start = content.find(value[m.start() : url_end], cursor)
        if start < 0:
            start = cursor
        end = min(start + (url_end - m.start()), len(content))
        b.placeholder(LINK_PLACEHOLDER, offsets[start], offsets[max(start, end - 1)] + 1)
        cursor = end
        pos = url_end
    return _align_chars(b, value[pos:], content, offsets, cursor)


def _align_chars(b: _Builder, value: str, content: str, offsets: list[int], cursor: int) -> int:
    """Map each character of ``value`` to the next occurrence in ``content`` at most 12
    characters on (markers are short). Text that stands verbatim at the cursor, nearly
    all of it, is taken a run at a time (what the character loop would find anyway)."""
    i, n = 0, len(value)
    while i < n:
        run = _verbatim_run(value, i, content, cursor)
        if run:
            b.add_run(value[i : i + run], offsets[cursor : cursor + run])
            i += run
            cursor += run
            continue
        ch = value[i]
        i += 1
        found = content.find(ch, cursor, cursor + 12)
        if found < 0:
            # an entity or a character markdown-it rewrote: map to where we are
            b.add(ch, offsets[min(cursor, len(offsets) - 1)])
            continue
        b.add(ch, offsets[found])
        cursor = found + 1
    return cursor


def _verbatim_run(value: str, start: int, content: str, cursor: int) -> int:
    """A length ``k`` such that ``value[start:start + k]`` stands at ``content[cursor:]``
    (the whole rest of ``value`` when it does, else a halving search; 0 if none)."""
    k = len(value) - start
    while k and not content.startswith(value[start : start + k], cursor):
        k //= 2
    return k


def _matching_bracket(content: str, open_index: int) -> int:
    """Index of the ``]`` closing the ``[`` at ``open_index`` (escapes and nesting)."""
    depth = 0
    i = open_index
    while i < len(content):
        ch = content[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _skip_link_tail(content: str, cursor: int) -> int:
    """Past ``](target "title")`` or ``][ref]`` or ``]`` at ``cursor``."""
    close = content.find("]", cursor)
    if close < 0:
        return cursor
    i = close + 1
    if i < len(content) and content[i] == "(":
        depth = 0
        quote = ""
        while i < len(content):
            ch = content[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and depth == 1 and content[i - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(content)
    if i < len(content) and content[i] == "[":
        end = content.find("]", i)
        return end + 1 if end >= 0 else i
    return i
