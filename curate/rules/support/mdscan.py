"""One linear pass over a document's lines that the link, text and structure rules share.

The parser answers "which records are there"; these rules need something else: exact
offsets of every link, image and fence, and which lines are code (where whitespace and
links mean something different). Re-running a full Markdown parser per rule would be slow
on big corpora, so this module classifies lines once with CommonMark's block rules that
matter here (fenced and indented code, front matter, HTML comments, tables) and finds
inline links and images with linear-time regular expressions. The result is memoised per
document object, so nine rules share one scan.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterator

from curate.corpus.codespans import mask_code_spans
from curate.corpus.model import Document, Record

# -- block level ------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_FENCE_ANY = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
_ITEM_FENCE = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(`{3,}|~{3,})(.*)$")
"""A list item whose content opens with a fence ("   - ```bash"): the fence starts there."""
_BLANK = re.compile(r"^[ \t]*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BLOCKQUOTE = re.compile(r"^ {0,3}>")
_HTML_BLOCK = re.compile(r"^ {0,3}<(?:/?[A-Za-z][A-Za-z0-9-]*[\s/>]|!--|\?|![A-Z])")
_TABLE_ROW = re.compile(r"^\s*\|.*\||^[^`]*\S\s*\|\s*\S")
_TABLE_DELIM = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_INDENT = re.compile(r"^(?: {4}|\t)")
_INDENT_PREFIXES = ("    ", "\t")
"""What _INDENT matches, for ``str.startswith``."""
_FENCE_CHARS = frozenset("`~")
_ITEM_CHARS = frozenset("-*+")
"""First non-blank characters _FENCE_OPEN/_FENCE_ANY and _LIST_ITEM need (or a digit)."""

# -- inline level -----------------------------------------------------------------------

_BRACKET_TEXT = r"((?:[^\[\]\n\\]|\\.|\[(?:[^\[\]\n\\]|\\.)*\])*)"
_DEST = r"(<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
_TITLE = r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
_IMAGE = re.compile(r"!\[" + _BRACKET_TEXT + r"\]\([ \t]*" + _DEST + _TITLE + r"[ \t]*\)")
_LINK = re.compile(r"\[(?<![!\\]\[)" + _BRACKET_TEXT + r"\]\([ \t]*" + _DEST + _TITLE + r"[ \t]*\)")
"""A link not after ! or \\. The "[" comes first and the look-behind after it (the same
test, one character further back), so the search can jump from one "[" to the next."""
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)((?:[^\[\]\n\\]|\\.)+)\]:[ \t]*(<[^<>\n]*>|\S+)")
"""A link reference definition; ``[^1]: text`` defines a footnote, whose text is no target."""
_ATTR = re.compile(r"""\b([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_IMG_OPEN = re.compile(r"<img\b", re.I)
_A_OPEN = re.compile(r"<a\b", re.I)
_TAG = re.compile(r"<[^>]{0,200}>")
"""Any HTML tag (dropped from the text of an ``<a>`` link)."""
_ANY_OPEN = re.compile(r"<[A-Za-z]")
_MAX_TAG = 4000
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]*|mailto:[^<>\s]*)>", re.I)
_BARE_URL = re.compile(r"[hHwW](?<![\w(<\"'=/][hHwW])(?i:(?<=[hH])ttps?://|(?<=[wW])ww\.)"
                       r"[^\s<>\"'`\]\[]*[^\s<>\"'`\]\[.,;:!?*_)]")
"""http(s):// or www., case-insensitive, not inside a word, quote or attribute. The first
letter is a case-sensitive class (h, H, w, W) so the search can skip to candidates;
re.IGNORECASE on the whole pattern would make it try every position."""
BADGE = re.compile(r"shields\.io|badgen|badge|travis-ci|codecov|circleci|buymeacoffee|ko-fi\.com|liberapay|"
                   r"opencollective|patreon", re.IGNORECASE)
"""A status badge's address (build, coverage, licence) or a donation button: metadata or
promotion in a picture, not content."""


@dataclass(frozen=True, slots=True)
class Ref:
    """A link or image found in the source, with exact offsets."""

    kind: str
    """``"link"``, ``"image"``, ``"url"`` (bare URL or autolink) or ``"def"`` (reference
    definition)."""
    start: int
    """Offset in ``Document.text`` of the whole construct."""
    end: int
    text: str
    """Link text or alt text as written ("" for a bare URL); None-like "" when missing."""
    target: str
    """The destination as written, angle brackets removed."""
    target_start: int
    """Offset of the destination (for fixes and columns)."""
    line: int
    html: bool = False
    """True for ``<img>`` / ``<a href>``."""
    has_alt: bool = True
    """False for an ``<img>`` without an ``alt`` attribute."""


@dataclass(frozen=True, slots=True)
class Fence:
    """A fenced code block."""

    line: int
    """Line of the opening fence."""
    end_line: int | None
    """Line of the closing fence, None when never closed."""
    marker: str
    indent: int
    info: str
    start: int
    """Offset of the opening fence line."""


@dataclass
class Scan:
    """What one pass over a document found."""

    doc: Document
    lines: list[str]
    """Line texts without endings (index 0 is line 1)."""
    code: list[bool]
    """True for lines in fenced or indented code (fence lines included) or front matter."""
    comment: list[bool]
    """True for lines inside a multi-line HTML comment."""
    table: list[bool]
    """True for lines that look like table rows."""
    fences: list[Fence] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    code_urls: list[Ref] = field(default_factory=list)
    """Bare URLs found inside code (for placeholder checks only)."""
    headings: list[tuple[int, int, str]] = field(default_factory=list)
    """(line, level, raw text) of ATX and setext headings outside code."""
    anchors: set[str] = field(default_factory=set)
    """Explicit HTML ``id``/``name`` anchors."""
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, body) of every HTML comment outside code."""
    record_starts: list[int] | None = None
    """First line of each record (for :func:`record_at`)."""

    def line_start(self, number: int) -> int:
        return self.doc.line_starts[number - 1]


_MEMO: dict[int, Scan] = {}
_MEMO_ORDER: list[int] = []
_MEMO_SIZE = 8


def scan(doc: Document) -> Scan:
    """The shared scan of ``doc`` (memoised for the last few documents)."""
    key = id(doc)
    cached = _MEMO.get(key)
    if cached is not None and cached.doc is doc:
        return cached
    result = _scan(doc)
    _MEMO[key] = result
    _MEMO_ORDER.append(key)
    while len(_MEMO_ORDER) > _MEMO_SIZE:
        old = _MEMO_ORDER.pop(0)
        if old != key:
            _MEMO.pop(old, None)
    return result


def _scan(doc: Document) -> Scan:
    text = doc.text
    starts = doc.line_starts
    ends = (*starts[1:], len(text))
    lines = [text[a:b].rstrip("\r\n") for a, b in zip(starts, ends)] if text else []  # = doc.line(n)
    count = len(lines)
    code = [False] * count
    comment = [False] * count
    table = [False] * count
    result = Scan(doc=doc, lines=lines, code=code, comment=comment, table=table)

    i = 0
    # Front matter: "---" on line 1 up to the next "---" or "...".
    if count and lines[0].rstrip() == "---":
        for j in range(1, min(count, 200)):
            if lines[j].rstrip() in ("---", "..."):
                for k in range(j + 1):
                    code[k] = True
                i = j + 1
                break

    open_fence: tuple[int, str, int, str] | None = None  # (index, marker, indent, info)
    prev_blank = True
    in_list = False
    in_indented = False
    in_comment = False
    para_open = False  # a paragraph line precedes (for setext headings)
    while i < count:
        line = lines[i]
        if open_fence is not None:
            code[i] = True
            fi, marker, indent, info = open_fence
            m = _FENCE_ANY.match(line) if line.lstrip(" \t")[:1] == marker[0] else None
            if (m and m.group(2)[0] == marker[0] and len(m.group(2)) >= len(marker) and not m.group(3).strip()
                    and len(m.group(1)) <= max(indent, 0) + 3):
                result.fences.append(Fence(fi + 1, i + 1, marker, indent, info, starts[fi]))
                open_fence = None
                prev_blank = False
                para_open = False
            i += 1
            continue
        if in_comment:
            comment[i] = True
            if "-->" in line:
                in_comment = False
            i += 1
            prev_blank = False
            continue
        blank = not line.strip(" \t")  # = _BLANK.match(line)
        if in_indented:
            if blank or line.startswith(_INDENT_PREFIXES):
                code[i] = not blank
                prev_blank = blank
                i += 1
                continue
            in_indented = False
        if blank:
            prev_blank = True
            para_open = False
            i += 1
            continue
        # Inside a list item a fence may sit deeper than three spaces (item content).
        first = line.lstrip(" \t")[:1]  # the block patterns below each need a given one
        m = (_FENCE_OPEN.match(line) or (_FENCE_ANY.match(line) if in_list else None)) if first in _FENCE_CHARS else None
        if m is None and (first in _ITEM_CHARS or first.isdigit()) and ("```" in line or "~~~" in line):
            m = _ITEM_FENCE.match(line)
            in_list = in_list or m is not None
        if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
            open_fence = (i, m.group(2), len(m.group(1)), m.group(3).strip())
            code[i] = True
            prev_blank = False
            para_open = False
            i += 1
            continue
        if prev_blank and not in_list and not para_open and line.startswith(_INDENT_PREFIXES):
            in_indented = True
            code[i] = True
            i += 1
            continue
        stripped_start = line.lstrip()
        item = (first in _ITEM_CHARS or first.isdigit()) and _LIST_ITEM.match(line) is not None
        if item:
            in_list = True
        elif prev_blank and line[:1] not in (" ", "\t"):
            in_list = False
        if stripped_start.startswith("<!--") and "-->" not in line[line.find("<!--") + 4:]:
            in_comment = True
        if "|" in line and (_TABLE_ROW.match(line) or _TABLE_DELIM.match(line)):
            table[i] = True
        h = _ATX.match(line) if stripped_start.startswith("#") else None
        if h:
            result.headings.append((i + 1, len(h.group(1)), _heading_text(h.group(2) or "")))
            para_open = False
        elif para_open and first in "=-" and _SETEXT.match(line) and not _LIST_ITEM.match(lines[i - 1]):
            level = 1 if line.strip()[0] == "=" else 2
            result.headings.append((i, level, lines[i - 1].strip()))
            para_open = False
        elif (first in "*-_" and _THEMATIC.match(line)) or (first == "<" and _HTML_BLOCK.match(line)) or table[i]:
            para_open = False
        else:
            para_open = not item and not (first == ">" and _BLOCKQUOTE.match(line))
        prev_blank = False
        i += 1
    if open_fence is not None:
        fi, marker, indent, info = open_fence
        result.fences.append(Fence(fi + 1, None, marker, indent, info, starts[fi]))

    _inline(result)
    return result


def _inline(result: Scan) -> None:
    """Find links, images, bare URLs, comments and anchors on non-code lines."""
    doc = result.doc
    starts = doc.line_starts
    refs = result.refs
    for index, line in enumerate(result.lines):
        number = index + 1
        base = starts[index]
        if result.code[index]:
            if "://" in line:
                for m in _BARE_URL.finditer(line):
                    result.code_urls.append(Ref("url", base + m.start(), base + m.end(), "", m.group(0),
                                                base + m.start(), number))
            continue
        if result.comment[index]:
            continue
        if "[" not in line and "<" not in line and ":" not in line:
            continue
        masked = mask_code_spans(line)
        taken: list[tuple[int, int]] = []
        if "](" in masked:
            for m in _IMAGE.finditer(masked):
                target, tstart = _dest(m, 2)
                refs.append(Ref("image", base + m.start(), base + m.end(), m.group(1), target,
                                base + tstart, number))
                taken.append((m.start(), m.end()))
            for m in _LINK.finditer(masked):
                target, tstart = _dest(m, 2)
                refs.append(Ref("link", base + m.start(), base + m.end(), m.group(1), target,
                                base + tstart, number))
                taken.append((m.start(), m.end()))
        if "]:" in masked:
            ref_def = _REF_DEF.match(masked)
            if ref_def:
                target, tstart = _dest(ref_def, 2)
                refs.append(Ref("def", base + ref_def.start(), base + ref_def.end(), ref_def.group(1), target, base + tstart,
                                number))
                taken.append((ref_def.start(), ref_def.end()))
        if "<" in masked:
            for tag in _html_tags(masked, _IMG_OPEN):
                attrs = _attrs(tag.group(0))
                src = attrs.get("src")
                if src is None:
                    continue
                value, offset = src
                refs.append(Ref("image", base + tag.start(), base + tag.end(), attrs.get("alt", ("", 0))[0], value,
                                base + tag.start() + offset, number, html=True, has_alt="alt" in attrs))
                taken.append((tag.start(), tag.end()))
            for tag in _html_tags(masked, _A_OPEN):
                href = _attrs(tag.group(0)).get("href")
                if href is None:
                    continue
                value, offset = href
                close = masked.find("</a", tag.end(), tag.end() + 300)
                label = _TAG.sub("", masked[tag.end():close]).strip() if close >= 0 else ""
                refs.append(Ref("link", base + tag.start(), base + tag.end(), label, value, base + tag.start() + offset,
                                number, html=True))
                taken.append((tag.start(), tag.end()))
            for m in _AUTOLINK.finditer(masked):
                refs.append(Ref("url", base + m.start(), base + m.end(), "", m.group(1), base + m.start(1),
                                number))
                taken.append((m.start(), m.end()))
            if "id" in masked or "name" in masked:
                for tag in _html_tags(masked, _ANY_OPEN):
                    attrs = _attrs(tag.group(0))
                    for key in ("id", "name"):
                        if key in attrs and attrs[key][0]:
                            result.anchors.add(attrs[key][0])
        if "://" in masked or "www." in masked:
            for m in _BARE_URL.finditer(masked):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                refs.append(Ref("url", base + m.start(), base + m.end(), "", m.group(0), base + m.start(), number))
    text = doc.text
    position = text.find("<!--")
    while position >= 0:
        close = text.find("-->", position + 4)
        if close < 0:
            break
        comment_line = bisect.bisect_right(starts, position)
        if not result.code[comment_line - 1]:
            result.comments.append((position, close + 3, text[position + 4:close]))
        position = text.find("<!--", close + 3)
    refs.sort(key=lambda r: (r.start, r.kind))


def _heading_text(raw: str) -> str:
    """An ATX heading's text without its optional closing ``#`` sequence (no regex, so a
    heading full of spaces stays linear)."""
    text = raw.rstrip(" \t")
    if text.endswith("#"):
        bare = text.rstrip("#")
        if not bare or bare.endswith((" ", "\t")):
            text = bare.rstrip(" \t")
    return text


class _Tag:
    """A found HTML start tag (the slice of a line from ``<`` to ``>``)."""

    __slots__ = ("_line", "_start", "_end")

    def __init__(self, line: str, start: int, end: int) -> None:
        self._line, self._start, self._end = line, start, end

    def group(self, _index: int = 0) -> str:
        return self._line[self._start:self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _html_tags(line: str, opening: re.Pattern[str]) -> Iterator[_Tag]:
    """Start tags beginning with ``opening``, each up to the next ``>`` (at most _MAX_TAG
    characters). The next ``>`` is found once per stretch, so the scan stays linear even
    for a line of a million ``<a``."""
    next_gt = -1
    for m in opening.finditer(line):
        if next_gt < m.start():
            next_gt = line.find(">", m.start())
            if next_gt < 0:
                return
        if next_gt - m.start() <= _MAX_TAG:
            yield _Tag(line, m.start(), next_gt + 1)


def _dest(m: re.Match[str], group: int) -> tuple[str, int]:
    raw = m.group(group) or ""
    start = m.start(group) if m.group(group) is not None else m.end()
    if raw.startswith("<") and raw.endswith(">"):
        return raw[1:-1], start + 1
    return raw, start


def _attrs(tag: str) -> dict[str, tuple[str, int]]:
    """Attributes of an HTML tag: name → (value, offset of the value in the tag)."""
    found: dict[str, tuple[str, int]] = {}
    for m in _ATTR.finditer(tag):
        raw = m.group(2)
        quoted = raw[:1] in "\"'"
        found.setdefault(m.group(1).lower(), (raw[1:-1] if quoted else raw, m.start(2) + (1 if quoted else 0)))
    return found


# -- records ----------------------------------------------------------------------------


def record_at(doc: Document, line: int) -> Record | None:
    """The record whose span holds ``line`` (the latest starting one), if any."""
    if not doc.records:
        return None
    s = scan(doc)
    if s.record_starts is None:
        s.record_starts = [r.span.line_start for r in doc.records]
    index = bisect.bisect_right(s.record_starts, line) - 1
    # Records come in file order and do not overlap; look one back in case one does.
    for candidate in (index, index - 1):
        if candidate >= 0:
            record = doc.records[candidate]
            if record.span.line_start <= line <= record.span.line_end:
                return record
    return None


def iter_lines(s: Scan) -> Iterator[tuple[int, str]]:
    """(1-based number, text) of every line."""
    return ((i + 1, line) for i, line in enumerate(s.lines))
