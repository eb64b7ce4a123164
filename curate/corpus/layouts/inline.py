"""Plain text, images and links from markdown-it inline tokens, with 1-based lines.

Every layout reads question text and answer content through these helpers, so text,
image and link extraction behave the same whatever layout found the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

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

    def text(self, min_line: int = 0, joiner: str = "\n") -> str:
        """Plain text of the pieces on lines >= ``min_line``."""
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


def html_text(html: str) -> str:
    """Visible text of a raw HTML chunk (tags and comments removed)."""
    return _TAG.sub(" ", _COMMENT.sub(" ", html)).strip()


def read_inline(token: Token) -> InlineContent:
    """Walk an inline token's children once."""
    out = InlineContent()
    line = token.map[0] if token.map else 0
    link_stack: list[tuple[str, int, list[str]]] = []
    for child in token.children or ():
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
            out.images.append(Image(str(child.attrs.get("src", "")), alt.strip(), line + 1))
        elif kind == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), line, []))
        elif kind == "link_close":
            if link_stack:
                href, start, parts = link_stack.pop()
                out.links.append(Link(href, "".join(parts).strip(), start + 1))
        elif kind == "html_inline":
            html_refs(child.content, line, out.images, out.links)
            line += child.content.count("\n")
    return out


def plain_inline(token: Token) -> str:
    """One-line plain text of an inline token (line breaks become spaces)."""
    return " ".join(read_inline(token).text(joiner=" ").split())


def tokens_text(tokens: Sequence[Token], inline: Callable[[Token], InlineContent] | None = None, min_line: int = 0) -> str:
    """Plain text of block tokens: paragraphs apart, code blocks kept as their own
    paragraphs, raw HTML reduced to its text."""
    parts: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            content = inline(tok) if inline is not None else read_inline(tok)
            text = content.text(min_line=min_line)
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
