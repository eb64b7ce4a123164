"""Markdown → plain text for answers the build composes itself (``--merge union``) and
for deciding whether an answer has any words at all."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark")
_WORD = re.compile(r"[^\W_]")  # a letter or digit: \w would count the underscores of _*_*_
_WORDS = re.compile(r"[^\W_]+")


def plain_text(markdown: str) -> str:
    """Paragraphs, list items and headings as text lines; code blocks kept as their own
    paragraphs; images contribute nothing (their alt text is not an answer)."""
    blocks: list[str] = []
    for token in _MD.parse(markdown):
        if token.type == "inline":
            parts: list[str] = []
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" " if child.type == "softbreak" else "\n")
            text = "".join(parts).strip()
            if text:
                blocks.append(text)
        elif token.type in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            if code.strip():
                blocks.append(code)
    return "\n\n".join(blocks)


_NOT_WORDS = re.compile(
    r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>|<!--.*?(?:-->|$)|\]\([^)]*\)|<[^>]*>|^\s*\[[^\]]*\]:.*$", re.S | re.I | re.M
)


def has_words(markdown: str) -> bool:
    """True when the answer says something besides images, rules, comments and markup.

    A cheap scan decides nearly every answer; only one with no letters left after
    removing images, comments, tags and link targets is parsed properly."""
    rest = _NOT_WORDS.sub(" ", markdown)
    if not _WORD.search(rest):
        return False
    if len(_WORDS.findall(rest)) >= 3:
        return True
    return bool(_WORD.search(plain_text(markdown)))


def has_images(markdown: str) -> bool:
    return bool(re.search(r"!\[[^\]]*\]\([^)]*\)|<img\b", markdown, re.I))
