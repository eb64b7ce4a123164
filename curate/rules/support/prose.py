"""Prose views of a Markdown file for the phrase rules (claims, time words, acronyms).

A *view* is a copy of ``Document.text`` of exactly the same length in which everything
that is not prose (code, URLs, HTML, comments, front matter) is blanked with spaces, so
a regex match in the view is a match at the same offsets in the file. Sentences are
found in a view with a small splitter that knows Markdown block starts and common
abbreviations; it errs on the side of longer sentences, which is harmless here.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Iterator

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_START = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_BACKTICKS = re.compile(r"`+")
_SINGLE_CODE = re.compile(r"`[^`\n]*`")
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_LINK_TARGET = re.compile(r"\]\(([^)\n]{0,2000})\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]{1,200}\]:[^\n]*", re.M)
_URL_TAIL = re.compile(r"[^\s<>()\]\[]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}$")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]{0,500})?/?>")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


_NOT_NEWLINE = re.compile(r"[^\r\n]+")
_EMPHASIS = re.compile(r"[*`]|(?<![^\W_])_|_(?![^\W_])")
_EMPHASIS_UNDERSCORE = re.compile(r"_(?:(?<![^\W_]_)|(?![^\W_]))")
"""``_EMPHASIS`` in two cheap steps: ``*`` and backticks by ``str.replace``, then an
underscore at a word edge by a regex that starts with a literal (found by a fast scan,
not tried at every character)."""


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _front_matter_end(text: str) -> int:
    """End offset of a YAML front matter block at the start of ``text`` (0 if none)."""
    lines = _LINE.finditer(text)
    first = next(lines, None)
    if first is None or first.group(0).strip() != "---":
        return 0
    has_key = False
    for count, m in enumerate(lines):
        line = m.group(0).strip()
        if count > 200 or m.start() == m.end():
            return 0
        if line in ("---", "..."):
            return m.end() if has_key else 0
        has_key = has_key or ":" in line
    return 0


def _inline_code(text: str) -> Iterator[tuple[int, int]]:
    """Spans of inline code on one line: a run of backticks up to the next run of the
    same length. A scan of the runs, not a backtracking regex (a line of 20,000
    backticks stays linear)."""
    if "``" not in text:  # single backticks only: each pairs with the next one on its line
        yield from (m.span() for m in _SINGLE_CODE.finditer(text))
        return
    opener: tuple[int, int] | None = None  # (start, length)
    line_end = -1
    for run in _BACKTICKS.finditer(text):
        start, length = run.start(), run.end() - run.start()
        if opener is not None and start > line_end:
            opener = None  # code spans here never cross a line
        if opener is None:
            opener = (start, length)
            nl = text.find("\n", start)
            line_end = nl if nl >= 0 else len(text)
        elif length == opener[1]:
            yield opener[0], run.end()
            opener = None


def _urls(text: str) -> Iterator[tuple[int, int]]:
    """Spans of bare URLs ("scheme://..." and "www..."): found with str.find, which is
    much faster than a regex scan over a large file."""
    for marker in ("://", "www."):
        i = text.find(marker)
        while i >= 0:
            start = i
            if marker == "://":
                scheme = _SCHEME.search(text, max(0, i - 16), i)
                start = scheme.start() if scheme else i
            elif i > 0 and (text[i - 1].isalnum() or text[i - 1] in "./"):
                i = text.find(marker, i + 4)
                continue
            tail = _URL_TAIL.match(text, i)
            end = tail.end() if tail else i + len(marker)
            yield start, end
            i = text.find(marker, end if end > i else i + len(marker))


@functools.lru_cache(maxsize=16)
def _lone_cr(text: str) -> bool:
    """True when ``text`` has a carriage return not followed by a newline (an old Mac
    line break): the multi-line regexes (``^`` after "\\n" only) then miss line starts."""
    return "\r" in text and text.count("\r") != text.count("\r\n")


def _fence_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, line) of the lines that start like a fence; every other line leaves
    a fence as it is, so only these need looking at."""
    if _lone_cr(text):
        for m in _LINE.finditer(text):
            if m.start() == m.end():
                break
            yield m.start(), m.end(), m.group(0)
        return
    starts: set[int] = set()
    for marker in ("```", "~~~"):  # a fence line holds one of these after at most three spaces
        i = text.find(marker)
        while i >= 0:
            line_start = text.rfind("\n", 0, i) + 1
            if _FENCE_START.match(text, line_start):
                starts.add(line_start)
            nl = text.find("\n", i)
            i = text.find(marker, nl) if nl >= 0 else -1
    for line_start in sorted(starts):
        nl = text.find("\n", line_start)
        end = nl + 1 if nl >= 0 else len(text)
        yield line_start, end, text[line_start:end]


def _fences(text: str, keep_code: bool) -> Iterator[tuple[int, int]]:
    """Ranges to blank for fenced code: whole blocks, or only the fence lines."""
    fence: str | None = None
    fence_start = fence_line_end = 0
    for line_start, line_end, line in _fence_lines(text):
        opened = _FENCE.match(line)
        if fence is None:
            if opened:
                fence, fence_start, fence_line_end = opened.group(1), line_start, line_end
        elif (
            opened
            and opened.group(1)[0] == fence[0]
            and len(opened.group(1)) >= len(fence)
            and not line.strip()[len(opened.group(1)) :].strip()
        ):
            if keep_code:
                yield fence_start, fence_line_end
                yield line_start, line_end
            else:
                yield fence_start, line_end
            fence = None
    if fence is not None:
        yield (fence_start, fence_line_end) if keep_code else (fence_start, len(text))


def prose_view(text: str, *, keep_code: bool = False, strip_emphasis: bool = False) -> str:
    """``text`` with non-prose blanked (same length, same line breaks).

    ``keep_code`` keeps code blocks and inline code (for claims about API calls);
    ``strip_emphasis`` also blanks ``*``, ``_`` and backticks so that
    ``**Generative Adversarial Networks (GANs)**`` reads as plain words. Cached: the
    phrase rules ask for the same views of the same file one after another."""
    if strip_emphasis:
        return _emphasis_view(text, keep_code)
    return _view(text, keep_code)


@functools.lru_cache(maxsize=8)
def lower_view(view: str) -> str:
    """``view.lower()``, cached: the rules share it. (Lower-casing can change the
    length of a few characters, so use it for membership tests only, never offsets.)"""
    return view.lower()


@functools.lru_cache(maxsize=8)
def _emphasis_view(text: str, keep_code: bool) -> str:
    view = _view(text, keep_code).replace("*", " ").replace("`", " ")
    return _EMPHASIS_UNDERSCORE.sub(" ", view) if "_" in view else view


@functools.lru_cache(maxsize=8)
def _view(text: str, keep_code: bool) -> str:
    if keep_code:
        return _blanked(text, [*_markup_ranges(text), *_fences(text, True)])
    # everything the code view blanks is blanked here too (a fence's lines lie inside its
    # block): blank the code on top of that view rather than all the markup again
    return _blanked(_view(text, True), [*_fences(text, False), *_inline_code(text)])


def _blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``ranges`` (possibly overlapping) blanked."""
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(ranges):
        if end <= cursor:
            continue
        start = max(start, cursor)
        pieces.append(text[cursor:start])
        pieces.append(_blank(text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _markup_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Ranges both views blank: front matter, comments, images, link targets, HTML, URLs."""
    ranges: list[tuple[int, int]] = []
    if text.startswith("---"):
        ranges.append((0, _front_matter_end(text)))
    for pattern, literal in ((_COMMENT, "<!--"), (_IMAGE, "!["), (_REF_DEF, "]:"), (_HTML_TAG, "<")):
        if literal in text:  # each match holds its literal: most files have no match to look for
            ranges.extend(m.span() for m in pattern.finditer(text))
    ranges.extend(_urls(text))
    if "](" in text:
        ranges.extend((m.start(1) - 1, m.end()) for m in _LINK_TARGET.finditer(text))
    return tuple(ranges)


def _blank(piece: str) -> str:
    """Spaces for every character of ``piece`` but its line breaks."""
    if "\n" not in piece and "\r" not in piece:
        return " " * len(piece)
    return _NOT_NEWLINE.sub(_spaces, piece)


_BLOCK_START = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,4}[.)][ \t]|#{1,6}[ \t]|>|\||<details|<summary)")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_ABBREV = {
    "e.g", "i.e", "etc", "vs", "cf", "fig", "al", "dr", "mr", "mrs", "ms", "no", "approx", "eq",
    "sec", "ch", "vol", "p", "pp", "st", "jr", "sr", "inc", "ltd", "co", "u.s", "a.k.a", "resp",
}


def blocks(view: str) -> Iterator[tuple[int, int]]:
    """(start, end) of paragraph-like blocks: split at blank lines, list items, headings,
    quotes and table rows; a heading is always a block of its own."""
    if _lone_cr(view):
        yield from _blocks_by_line(view)
    else:
        yield from _blocks_by_marker(view)


_MARKER_LINE = re.compile(r"^(?:[^\S\n]*$|" + _BLOCK_START.pattern + ")", re.M)
"""A line that is blank or starts a block: the only lines where a block can end."""


def _blocks_by_marker(view: str) -> Iterator[tuple[int, int]]:
    """:func:`_blocks_by_line` visiting only blank and block-start lines (found by one
    regex scan): of the plain lines in between, only the first matters (it starts a
    block, or ends a heading's)."""
    start: int | None = None
    prev_heading = False
    cursor = 0  # where the lines not looked at yet begin
    for m in _MARKER_LINE.finditer(view):
        line_start = m.start()
        if line_start > cursor:  # plain lines from cursor to here
            if start is not None and prev_heading:
                yield start, cursor
                start = None
            if start is None:
                start = cursor
            prev_heading = False
            cursor = line_start
        if line_start == len(view):
            break
        nl = view.find("\n", line_start)
        cursor = nl + 1 if nl >= 0 else len(view)
        line = view[line_start:cursor]
        if not line.strip():
            if start is not None:
                yield start, line_start
                start = None
            prev_heading = False
            continue
        if start is not None:  # a block-start line
            yield start, line_start
        start = line_start
        prev_heading = bool(_HEADING.match(line))
    if cursor < len(view):  # plain lines up to the end
        if start is not None and prev_heading:
            yield start, cursor
            start = None
        if start is None:
            start = cursor
    if start is not None:
        yield start, len(view)


def _blocks_by_line(view: str) -> Iterator[tuple[int, int]]:
    """Line by line (the reference; used when a lone "\\r" breaks lines)."""
    start: int | None = None
    prev_heading = False
    for m in _LINE.finditer(view):
        if m.start() == m.end():
            break
        line = m.group(0)
        stripped = line.strip()
        if not stripped:
            if start is not None:
                yield start, m.start()
                start = None
            prev_heading = False
            continue
        if start is not None and (prev_heading or _BLOCK_START.match(line)):
            yield start, m.start()
            start = None
        if start is None:
            start = m.start()
        prev_heading = bool(_HEADING.match(line))
    if start is not None:
        yield start, len(view)


def sentences(view: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of sentences (whitespace trimmed) inside each block (cached)."""
    return _sentences(view)


@functools.lru_cache(maxsize=16)
def _sentences(view: str) -> tuple[tuple[int, int], ...]:
    return tuple(_iter_sentences(view))


def _iter_sentences(view: str) -> Iterator[tuple[int, int]]:
    for bstart, bend in blocks(view):
        yield from _split_block(view, bstart, bend)


WINDOW = 2000
"""A sentence or block is never looked at further than this from the offset asked
about, so a huge single-line file costs linear time, not quadratic."""


def _line_bounds(view: str, offset: int) -> tuple[int, int]:
    low = max(0, offset - WINDOW)
    high = min(len(view), offset + WINDOW)
    start = max(view.rfind("\n", low, offset), view.rfind("\r", low, offset))
    start = start + 1 if start >= 0 else low
    ends = [i for i in (view.find("\n", offset, high), view.find("\r", offset, high)) if i >= 0]
    return start, min(ends) if ends else high


def block_at(view: str, offset: int) -> tuple[int, int]:
    """The block (as :func:`blocks` cuts them) that contains ``offset``; outside every
    block (a blank line), the line itself. Found from the lines around ``offset``; the
    block list of the whole view is built (once per view) only when that is not enough."""
    local = _local_block(view, offset)
    if local is not None:
        return local
    starts, spans = _block_index(view)
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return _line_bounds(view, offset)


_LOCAL_LINES = 64
"""Lines :func:`_local_block` walks each way before it leaves the work to the index."""


def _local_block(view: str, offset: int) -> tuple[int, int] | None:
    """:func:`block_at` decided from the neighbouring lines: a non-blank line begins a
    block when it is the first line, follows a blank line or a heading, or starts like
    a block itself; the block runs to the next line that begins one or is blank.
    None when a lone "\\r" breaks lines, or the block is very long."""
    if not 0 <= offset < len(view) or _lone_cr(view):
        return None
    line_start = view.rfind("\n", 0, offset) + 1
    line_end = view.find("\n", offset) + 1 or len(view)
    line = view[line_start:line_end]
    if not line.strip():
        return _line_bounds(view, offset)
    start = _block_begin(view, line_start, line)
    end = _block_end(view, line_end, line)
    if start is None or end is None:
        return None
    return start, end


def _block_begin(view: str, line_start: int, line: str) -> int | None:
    """Start of the block holding the non-blank line at ``line_start``."""
    for _ in range(_LOCAL_LINES):
        if line_start == 0 or _BLOCK_START.match(line):
            return line_start
        prev_start = view.rfind("\n", 0, line_start - 1) + 1
        prev = view[prev_start:line_start]
        if not prev.strip() or _HEADING.match(prev):
            return line_start
        line_start, line = prev_start, prev
    return None


def _block_end(view: str, line_end: int, line: str) -> int | None:
    """End of the block holding the non-blank ``line`` that ends at ``line_end``."""
    for _ in range(_LOCAL_LINES):
        if line_end >= len(view) or _HEADING.match(line):
            return min(line_end, len(view))
        next_end = view.find("\n", line_end) + 1 or len(view)
        following = view[line_end:next_end]
        if not following.strip() or _BLOCK_START.match(following):
            return line_end
        line_end, line = next_end, following
    return None


@functools.lru_cache(maxsize=8)
def _block_index(view: str) -> tuple[list[int], list[tuple[int, int]]]:
    spans = list(blocks(view))
    return [s for s, _ in spans], spans


def sentence_at(view: str, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence that contains ``offset`` (or the one before it)."""
    bstart, bend = block_at(view, offset)
    starts, spans = _block_sentences(view, bstart, bend)
    if not spans:
        return bstart, bend
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    return spans[i]


@functools.lru_cache(maxsize=1024)
def _block_sentences(view: str, bstart: int, bend: int) -> tuple[list[int], tuple[tuple[int, int], ...]]:
    spans = tuple(_split_block(view, bstart, bend))
    return [s for s, _ in spans], spans


def _split_block(view: str, bstart: int, bend: int) -> Iterator[tuple[int, int]]:
    cursor = bstart
    for m in _SENT_END.finditer(view, bstart, bend):
        word = re.search(r"([A-Za-z.]+)$", view[max(bstart, m.start() - 12) : m.start()])
        if m.group(0)[0] == "." and word:
            token = word.group(1).lower().strip(".")
            if token in _ABBREV or len(token) == 1:
                continue
        yield from _trimmed(view, cursor, m.end())
        cursor = m.end()
    yield from _trimmed(view, cursor, bend)


def _trimmed(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
