"""Plain text, images and links from markdown-it inline tokens, with 1-based lines.

Every layout reads question text and answer content through these helpers, so text,
image and link extraction behave the same whatever layout found the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from markdown_it.common.entities import entities
from markdown_it.common.normalize_url import validateLink
from markdown_it.common.utils import fromCodePoint, isMdAsciiPunct, isPunctChar, isValidEntityCode, isWhiteSpace
from markdown_it.rules_inline.balance_pairs import link_pairs
from markdown_it.rules_inline.emphasis import postProcess as emphasis_post
from markdown_it.rules_inline.entity import DIGITAL_RE, NAMED_RE
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token

from curate.corpus.model import Image, Link

_BARE_URL = re.compile(r"https?://[^\s<>\"'`\[\]]+")
_IMG_OPEN = re.compile(r"<img\b", re.I)
_HTML_SRC = re.compile(r"\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
MAX_TAG = 4000
_HTML_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_A_OPEN = re.compile(r"<a\b", re.I)
_HTML_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_TAG = re.compile(r"<[^<>]*>")  # [^<>]: linear on "<<<<" junk
_COMMENT = re.compile(r"<!--(?:(?!-->).)*(?:-->|$)", re.S)
_TRAIL_PUNCT = ".,;:!?'\""


@dataclass
class InlineContent:
    """What one inline token holds: text pieces by line, images and links."""

    pieces: list[tuple[int, str]] = field(default_factory=list)
    """(0-based line, text); a line break is the piece "\\n"."""
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    _whole: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """``text(0, joiner)`` by joiner: layouts ask for the same text several times (the
    pieces are complete before the first call)."""

    def text(self, min_line: int = 0, joiner: str = "\n", max_line: int | None = None) -> str:
        """Plain text of the pieces on lines >= ``min_line`` (and < ``max_line``)."""
        if max_line is not None:
            out = [(joiner if p == "\n" else p) for line, p in self.pieces if min_line <= line < max_line]
            return "".join(out).strip()
        if min_line == 0:
            got = self._whole.get(joiner)
            if got is None:
                got = self._whole[joiner] = "".join([(joiner if p == "\n" else p) for _, p in self.pieces]).strip()
            return got
        out = [(joiner if p == "\n" else p) for line, p in self.pieces if line >= min_line]
        return "".join(out).strip()


def bare_url_end(url: str) -> str:
    """Trim trailing punctuation and unbalanced parentheses off a bare URL."""
    while url and (url[-1] in _TRAIL_PUNCT or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _first(m: re.Match[str]) -> str:
    return next((g for g in m.groups()[:3] if g is not None), "")


def _tag_end(html: str, start: int) -> int:
    """End (exclusive) of the tag opening at ``start``: just past its ">", or the next "<",
    or a bounded window, whichever comes first, so junk like "<img <img <img" stays linear."""
    limit = min(len(html), start + MAX_TAG)
    close = html.find(">", start, limit)
    nxt = html.find("<", start + 1, limit)
    if close >= 0 and (nxt < 0 or close < nxt):
        return close + 1
    return nxt if nxt >= 0 else limit


class _LineCounter:
    """1-based file line of offsets visited in increasing order (no re-counting)."""

    def __init__(self, text: str, line0: int) -> None:
        self.text, self.pos, self.line = text, 0, line0 + 1

    def at(self, offset: int) -> int:
        if offset >= self.pos:
            self.line += self.text.count("\n", self.pos, offset)
        else:  # a second pass: count afresh
            self.line = self.line - self.text.count("\n", offset, self.pos)
        self.pos = offset
        return self.line


def html_refs(html: str, line0: int, images: list[Image], links: list[Link]) -> None:
    """``<img src>`` and ``<a href>`` inside raw HTML starting on 0-based line ``line0``.
    Tags are cut at the next ">" or "<" in a bounded window, so junk stays linear."""
    if "<" not in html:
        return
    lines = _LineCounter(html, line0)
    for m in _IMG_OPEN.finditer(html):
        start = m.start()
        tag = html[start : _tag_end(html, start)]
        src_m = _HTML_SRC.search(tag)
        if src_m is None:
            continue
        alt_m = _HTML_ALT.search(tag)
        images.append(Image(_first(src_m), _first(alt_m) if alt_m else "", lines.at(start)))
    lines = _LineCounter(html, line0)
    for m in _A_OPEN.finditer(html):
        start = m.start()
        tag_end = _tag_end(html, start)
        if html[tag_end - 1] != ">":
            continue
        href_m = _HTML_HREF.search(html, start, tag_end)
        if href_m is None:
            continue
        close = html.find("</a", tag_end, tag_end + MAX_TAG)
        text = html[tag_end:close] if close >= 0 else ""
        links.append(Link(_first(href_m), _TAG.sub("", text).strip(), lines.at(start)))


REVEAL_LABEL = re.compile(
    r"^(?:[^\w\s]{1,4}\s*)?(?:(?:(?:show|hide|reveal|view|see|expand|toggle|open|click(?:\s+here)?(?:\s+to\s+(?:show|see|view|reveal|expand|open))?)"
    r"(?:\s+(?:the\s+)?(?:short\s+|full\s+|sample\s+|model\s+)?(?:answers?|solutions?|explanations?|code|output|result))?)"
    r"|(?:the\s+)?(?:short\s+|full\s+|sample\s+|model\s+)?(?:answers?|ans|solutions?|explanations?))\s*[:.!]?$",
    re.I,
)
"""A disclosure button's label ("Show Answer", "show", "🤔 Click to reveal answer",
"Solution"): it names the hidden text, it is not part of it."""
_SUMMARY_BLOCK = re.compile(r"<summary\b[^<>]*>((?:(?!</?summary\b).){0,200}?)</summary\s*>", re.I | re.S)


def _without_reveal_labels(html: str) -> str:
    if "summary" not in html.lower():
        return html
    return _SUMMARY_BLOCK.sub(lambda m: " " if REVEAL_LABEL.match(" ".join(_TAG.sub(" ", m.group(1)).split())) else m.group(0), html)


def html_text(html: str) -> str:
    """Visible text of a raw HTML chunk (tags, comments and the labels of disclosure
    buttons removed)."""
    return _TAG.sub(" ", _COMMENT.sub(" ", _without_reveal_labels(html))).strip()


def read_inline(token: Token) -> InlineContent:
    """Walk an inline token's children once."""
    return read_children(token.children or (), token.map[0] if token.map else 0)


def read_children(children: Sequence[Token | Child], line0: int) -> InlineContent:
    """Text pieces, images and links of inline children starting on 0-based ``line0``."""
    out = InlineContent()
    line = line0
    link_stack: list[tuple[str, int, list[str]]] = []
    for k, child in enumerate(children):
        kind = child.type
        if kind == "text" or kind == "code_inline":
            content = child.content
            out.pieces.append((line, content))
            for stack in link_stack:
                stack[2].append(content)
            if kind == "text" and not link_stack and "://" in content:
                for m in _BARE_URL.finditer(content):
                    url = bare_url_end(m.group(0))
                    out.links.append(Link(url, url, line + 1))
        elif kind in ("softbreak", "hardbreak"):
            out.pieces.append((line, "\n"))
            for stack in link_stack:
                stack[2].append(" ")
            line += 1
        elif kind == "image":
            alt = "".join(c.content for c in child.children or () if c.type in ("text", "code_inline"))
            out.images.append(Image(str((child.attrs or {}).get("src", "")), alt.strip(), line + 1))
        elif kind == "link_open":
            link_stack.append((str((child.attrs or {}).get("href", "")), line, []))
        elif kind == "link_close":
            if link_stack:
                href, start, parts = link_stack.pop()
                out.links.append(Link(href, "".join(parts).strip(), start + 1))
        elif kind == "html_inline":
            html_refs(child.content, line, out.images, out.links)
            if _BR.match(child.content) and _spaced(out.pieces, children[k + 1] if k + 1 < len(children) else None):
                out.pieces.append((line, " "))  # "What is X?<br>What is Y?": a break between words
            line += child.content.count("\n")
    return out


_BR = re.compile(r"<br\s*/?>$", re.I)
def _spaced(pieces: list[tuple[int, str]], nxt: Token | Child | None) -> bool:
    """Do the words on either side of a ``<br>`` need a space to stay apart? Not at a line's
    end, next to a space, or after Chinese or Japanese text (written without spaces)."""
    if nxt is None or nxt.type != "text" or not nxt.content[:1].strip() or not pieces:
        return False
    last = pieces[-1][1][-1:]
    return bool(last.strip()) and ord(last) < 0x2E80


_MARKUP = re.compile(r"[\\`*_\[<&]|~~")
"""What could start an inline token other than text and line breaks in markdown-it's
CommonMark rules plus strikethrough: escapes, code spans, emphasis, links and images
("!" matters only before "["), autolinks and raw HTML, entities, "~~"."""
_HARD = re.compile(r"\\|~~")
"""Markup ``simple_children`` always leaves to markdown-it: escapes and strikethrough."""


def has_markup(content: str) -> bool:
    """Whether markdown-it's inline parse of ``content`` may yield more than text and
    line breaks."""
    return _MARKUP.search(content) is not None


def needs_inline_parser(content: str) -> bool:
    """Whether ``simple_children`` surely cannot read ``content`` (escapes or
    strikethrough: markdown-it's inline parser must)."""
    return _HARD.search(content) is not None


@dataclass(slots=True)
class Child:
    """A light stand-in for a markdown-it child token, with the fields this package and
    markdown-it's emphasis post-processing read or set."""

    type: str
    content: str = ""
    tag: str = ""
    nesting: int = 0
    markup: str = ""
    attrs: dict[str, str] | None = None
    children: list[Child] | None = None


@dataclass
class _Replay:
    """The parts of markdown-it's inline state its pairing and emphasis post-processing
    read: tokens, the current delimiters, and one delimiter list per link."""

    tokens: list[Child] = field(default_factory=list)
    delimiters: list[Delimiter] = field(default_factory=list)
    tokens_meta: list[dict[str, list[Delimiter]]] = field(default_factory=list)
    pending: str = ""
    references: bool = True
    """The document defines link references (so "[x]" may be a link)."""

    def push(self, child: Child) -> None:
        if self.pending:
            self.tokens.append(Child("text", self.pending))
            self.pending = ""
        self.tokens.append(child)


_SIMPLE_STOP = re.compile(r"[\n*_`\[!&<]")
_LINK = re.compile(r"\[([^\[\]`<\\&\n]*)\]\(([^\s()<>\\\x00-\x1f\x7f]+)\)")
"""A link or image label without brackets, code, HTML, escapes, entities or line breaks,
and a destination without spaces, parentheses or escapes (see ``_plain_target``), and
no title."""


def _plain_target(link: re.Match[str]) -> bool:
    """markdown-it keeps the destination as written (no entity to decode: an "&" but
    no ";") and accepts it (no "javascript:" and the like)."""
    target = link.group(2)
    return ("&" not in target or ";" not in target) and validateLink(target)


# The replay below follows markdown-it-py's inline rules (text, newline, backticks,
# emphasis, link, image, autolink, html_inline, entity) and reuses its pairing and
# emphasis post-processing; tests/test_parse_inline_replay.py holds it to the installed
# markdown-it-py on cases and generated text, so an upgrade that changes a rule shows.


def simple_children(content: str, references: bool = True) -> list[Child] | None:
    """The children markdown-it's inline parser gives ``content``, as light ``Child``
    objects, when its only markup is emphasis, code spans, plain inline links and
    images (see ``_LINK``) and entities; None for anything else (escapes, raw HTML,
    autolinks, strikethrough, link titles, reference links: ``references`` says whether
    the document defines any).

    It replays what markdown-it does on such text, rule for rule: the newline rule (one
    trailing space dropped before a soft break, all of them before a hard break "  ", the
    next line's leading spaces and tabs skipped), code spans (a backtick run closed by
    the next run of the same length, else literal), emphasis delimiter runs (markdown-it's
    own flanking test, pairing and post-processing, one delimiter scope per link), links
    and images, entities, a "[" or "<" that cannot start anything, then adjacent text
    joined."""
    state = _Replay(references=references)
    if not _tokenize(state, content, 0, len(content)):
        return None
    link_pairs(state)  # type: ignore[arg-type]  # reads delimiters and tokens_meta only
    emphasis_post(state)  # type: ignore[arg-type]  # reads tokens, delimiters, tokens_meta
    return _join_text(state.tokens)


def _tokenize(state: _Replay, src: str, pos: int, end: int) -> bool:
    """Tokens of ``src[pos:end]`` (markdown-it's ``posMax`` is ``end``); False when it
    meets markup this replay does not know."""
    while pos < end:
        m = _SIMPLE_STOP.search(src, pos, end)
        if m is None:
            state.pending += src[pos:end]
            break
        at = m.start()
        state.pending += src[pos:at]
        ch = src[at]
        if ch == "\n":
            pos = _newline(state, src, at, end)
        elif ch == "`":
            pos = _code_span(state, src, at, end)
        elif ch == "&":
            pos = _entity(state, src, at, end)
        elif ch == "<":
            if not _inert_angle(src, at, end):
                return False
            state.pending += ch
            pos = at + 1
        elif ch == "[" or (ch == "!" and src.startswith("[", at + 1)):
            link = _LINK.match(src, at + (ch == "!"), end)
            if link is None or not _plain_target(link):
                if state.references or src.find("](", at, end) >= 0:
                    return False
                # no "](" ahead and no references: markdown-it's link and image rules fail
                state.pending += ch
                pos = at + 1
                continue
            if ch == "!":
                alt = simple_children(link.group(1), state.references)
                if alt is None:
                    return False
                state.push(Child("image", link.group(1), attrs={"src": link.group(2), "alt": ""}, children=alt or None))
            else:
                state.push(Child("link_open", nesting=1, attrs={"href": link.group(2)}))
                outer, state.delimiters = state.delimiters, []
                state.tokens_meta.append({"delimiters": state.delimiters})
                if not _tokenize(state, src, link.start(1), link.end(1)):
                    return False
                state.push(Child("link_close", nesting=-1))
                state.delimiters = outer
            pos = link.end()
        elif ch == "!":
            state.pending += ch
            pos = at + 1
        else:
            pos = _delimiter_run(state, src, at, end)
    if state.pending:
        state.tokens.append(Child("text", state.pending))
        state.pending = ""
    return True


def _entity(state: _Replay, src: str, at: int, end: int) -> int:
    """markdown-it's entity rule: a known named or a numeric entity becomes its
    character, any other "&" stays; returns the position after it."""
    if at + 1 < end:
        if src[at + 1] == "#":
            m = DIGITAL_RE.match(src, at)
            if m is not None:
                digits = m.group(1)
                code = int(digits[1:], 16) if digits[0].lower() == "x" else int(digits, 10)
                state.push(Child("text", fromCodePoint(code) if isValidEntityCode(code) else fromCodePoint(0xFFFD)))
                return at + len(m.group(0))
        else:
            m = NAMED_RE.match(src, at)
            if m is not None and m.group(1) in entities:
                state.push(Child("text", entities[m.group(1)]))
                return at + len(m.group(0))
    state.pending += "&"
    return at + 1


def _inert_angle(src: str, at: int, end: int) -> bool:
    """A "<" neither an autolink nor raw HTML can start at: no ">" after it, or a space
    right after it."""
    return src.find(">", at, end) < 0 or (at + 1 < end and src[at + 1] in " \t\n")


def _newline(state: _Replay, src: str, at: int, end: int) -> int:
    """markdown-it's newline rule; returns the position after the line break."""
    kind = "softbreak"
    if state.pending.endswith("  "):
        state.pending, kind = state.pending.rstrip(" "), "hardbreak"
    elif state.pending.endswith(" "):
        state.pending = state.pending[:-1]
    state.push(Child(kind))
    pos = at + 1
    while pos < end and src[pos] in " \t":
        pos += 1
    return pos


def _code_span(state: _Replay, src: str, at: int, end: int) -> int:
    """markdown-it's backtick rule; returns the position after the span (or the run)."""
    stop = at + 1
    while stop < end and src[stop] == "`":
        stop += 1
    closer = _code_closer(src, stop, stop - at, end)
    if closer is None:
        state.pending += src[at:stop]
        return stop
    code = src[stop:closer].replace("\n", " ")
    if code.startswith(" ") and code.endswith(" ") and any(c != " " for c in code):
        code = code[1:-1]
    state.push(Child("code_inline", code))
    return closer + stop - at


def _code_closer(content: str, start: int, length: int, end: int) -> int | None:
    """Start of the first backtick run of exactly ``length`` after ``start``."""
    at = content.find("`", start, end)
    while at >= 0:
        stop = at + 1
        while stop < end and content[stop] == "`":
            stop += 1
        if stop - at == length:
            return at
        at = content.find("`", stop, end)
    return None


def _delimiter_run(state: _Replay, content: str, at: int, end: int) -> int:
    """Push one "*" or "_" run as markdown-it's emphasis rule does (a text token and a
    delimiter per character, flanking judged by ``StateInline.scanDelims``'s test);
    returns the position after the run."""
    marker = content[at]
    stop = at + 1
    while stop < end and content[stop] == marker:
        stop += 1
    count = stop - at
    last_space, last_punct = _char_class(content[at - 1] if at > 0 else " ")
    next_space, next_punct = _char_class(content[stop] if stop < end else " ")
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    split = marker == "*"
    can_open = left and (split or not right or last_punct)
    can_close = right and (split or not left or next_punct)
    state.push(Child("text", marker))
    tokens, delimiters, code = state.tokens, state.delimiters, ord(marker)
    delimiters.append(Delimiter(code, count, len(tokens) - 1, -1, can_open, can_close))
    for _ in range(count - 1):
        tokens.append(Child("text", marker))
        delimiters.append(Delimiter(code, count, len(tokens) - 1, -1, can_open, can_close))
    return stop


_CLASSES: dict[str, tuple[bool, bool]] = {}


def _char_class(ch: str) -> tuple[bool, bool]:
    """(whitespace, punctuation) as markdown-it's ``scanDelims`` judges a character."""
    got = _CLASSES.get(ch)
    if got is None:
        got = (isWhiteSpace(ord(ch)), isMdAsciiPunct(ord(ch)) or isPunctChar(ch))
        if len(_CLASSES) < 10_000:
            _CLASSES[ch] = got
    return got


def _join_text(tokens: list[Child]) -> list[Child]:
    """Adjacent text children as one (markdown-it's fragments_join and text_join)."""
    out: list[Child] = []
    for tok in tokens:
        if tok.type == "text" and out and out[-1].type == "text":
            out[-1].content += tok.content
        else:
            out.append(tok)
    return out


def _add_text(out: InlineContent, text: str, line: int) -> None:
    out.pieces.append((line, text))
    if "://" in text:
        for m in _BARE_URL.finditer(text):
            url = bare_url_end(m.group(0))
            out.links.append(Link(url, url, line + 1))


def read_plain(content: str, line0: int) -> InlineContent:
    """``read_inline`` of an inline token whose content has no markup (see ``has_markup``),
    without running the inline parser: markdown-it's newline rule drops one trailing space
    before a soft break, every trailing space before a hard break ("  "), and the spaces
    and tabs that start the next line."""
    out = InlineContent()
    rows = content.split("\n")
    last = len(rows) - 1
    line = line0
    for k, row in enumerate(rows):
        if k:
            row = row.lstrip(" \t")
        if k < last and row.endswith(" "):
            row = row.rstrip(" ") if row.endswith("  ") else row[:-1]
        if row:
            _add_text(out, row, line)
        if k < last:
            out.pieces.append((line, "\n"))
            line += 1
    return out


def plain_text(content: InlineContent) -> str:
    """One-line plain text of inline content (line breaks become spaces)."""
    return " ".join(content.text(joiner=" ").split())


def tokens_text(tokens: Sequence[Token], inline: Callable[[Token], InlineContent] | None = None, min_line: int = 0,
                max_line: int | None = None) -> str:
    """Plain text of block tokens: paragraphs apart, code blocks kept as their own
    paragraphs, raw HTML reduced to its text. A paragraph running past ``max_line`` (the
    next question starts inside it) gives its lines before it."""
    parts: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            content = inline(tok) if inline is not None else read_inline(tok)
            past = max_line is not None and tok.map is not None and tok.map[1] > max_line
            text = content.text(min_line=min_line, max_line=max_line if past else None)
        elif tok.type in ("fence", "code_block"):
            text = tok.content.rstrip("\n")
        elif tok.type == "html_block":
            text = html_text(tok.content)
        else:
            continue
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def collect_refs(contents: Iterable[InlineContent], min_line: int = 0) -> tuple[list[Image], list[Link]]:
    images: list[Image] = []
    links: list[Link] = []
    for c in contents:
        images.extend(i for i in c.images if i.line - 1 >= min_line)
        links.extend(l for l in c.links if l.line - 1 >= min_line)
    return images, links
