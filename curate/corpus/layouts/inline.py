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
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_HTML_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_HTML_A = re.compile(r"<a\b[^>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))[^>]*>(.*?)</a\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
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


def html_refs(html: str, line0: int, images: list[Image], links: list[Link]) -> None:
    """``<img src>`` and ``<a href>`` inside raw HTML starting on 0-based line ``line0``."""
    if "<" not in html:
        return
    for m in _HTML_IMG.finditer(html):
        tag_end = html.find(">", m.start())
        tag = html[m.start() : tag_end if tag_end >= 0 else len(html)]
        alt_m = _HTML_ALT.search(tag)
        images.append(Image(_first(m), _first(alt_m) if alt_m else "", line0 + html.count("\n", 0, m.start()) + 1))
    for m in _HTML_A.finditer(html):
        links.append(Link(_first(m), _TAG.sub("", m.group(4)).strip(), line0 + html.count("\n", 0, m.start()) + 1))


def html_text(html: str) -> str:
    """Visible text of a raw HTML chunk (tags and comments removed)."""
    return _TAG.sub(" ", re.sub(r"<!--.*?(-->|$)", " ", html, flags=re.S)).strip()


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
