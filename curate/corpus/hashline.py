""""#Title" lines: hashes with no space before the text. CommonMark (and GitHub) shows
them as text, though their authors meant headings. QA603 reports them and the parser
reads them as the headings they were meant to be, so both use this one test."""

from __future__ import annotations

import re
from typing import Sequence

from markdown_it.token import Token

from curate.corpus.codespans import mask_code_spans

HASH_NO_SPACE = re.compile(r"^( {0,3})(#{1,6})(?![#\s])(\S.{0,98})$")
"""Hashes, then text at once: group 1 the indentation, 2 the hashes, 3 the text."""
_CODE_LIKE = re.compile(
    r"^(?:!|include\b|define\b|undef\b|ifn?def\b|if\b|elif\b|else\b|endif\b|pragma\b|import\b|region\b|endregion\b)"
    r"|[=;{}<>]|\(\)|^[-=_*~.]{2,}|^[0-9a-f]{3}(?:[0-9a-f]{3})?\b|\s#\w",
    re.IGNORECASE,
)
"""After "#": a preprocessor directive, shebang, code (=, ;, braces), a rule line
("#------"), a hex colour or a hashtag list: no heading was meant."""

_TAG = r"#(?:\[\[[^\[\]\n]+\]\]|(?=[\w/-]*[^\W\d_])[\w/-]+)"
"""An Obsidian or Logseq tag: letters, digits, "_", "-" and "/" with one letter at
least ("#flashcards/networks", "#todo"), or a Logseq page tag ("#[[open question]]")."""
_TAG_ONLY = re.compile(rf"^ {{0,3}}{_TAG}[ \t]*$")
_TAG_IN_TEXT = re.compile(rf"(?<!\S){_TAG}(?![^\s.,;:!?)])")
_DECK_TAG = re.compile(r"^ {0,3}#flashcards?[ \t]*$", re.I)
"""The spaced-repetition plugin's deck tag: a tag even in a note with no other tag."""
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")


def unspaced_headings(lines: Sequence[str], hidden: Sequence[bool],
                      table: Sequence[bool]) -> list[tuple[int, re.Match[str]]]:
    """(0-based line, ``HASH_NO_SPACE`` match) of each line that is a heading missing the
    space after its hashes. ``hidden`` lines (code, comments) and ``table`` rows are
    never headings. Code (``#include``, ``#x = 1``), rule lines (``#-----``), colours
    (``#fff``), hashtags and ``#1 ...`` are not; nor is a tag (``#flashcards/networks``,
    ``#[[open question]]``, the deck tag ``#flashcards``, or a lone ``#word`` in a note
    that uses tags elsewhere)."""
    found: list[tuple[int, re.Match[str]]] = []
    tagged: bool | None = None
    for index, text in enumerate(lines):
        if not text.startswith(("#", " #")) or hidden[index] or table[index]:
            continue
        m = HASH_NO_SPACE.match(text)
        if m is None or _CODE_LIKE.search(m.group(3)) or (len(m.group(2)) == 1 and m.group(3)[:1].isdigit()):
            continue
        if _TAG_ONLY.match(text):
            if tagged is None:
                tagged = uses_tags(lines, hidden)
            if tagged or "/" in text or "[[" in text or _DECK_TAG.match(text):
                continue
        found.append((index, m))
    return found


def uses_tags(lines: Sequence[str], hidden: Sequence[bool]) -> bool:
    """Whether the note tags its text: a tag among other words ("Tags: #networks"), a line
    of several tags or a nested tag ("#flashcards/networks"). A lone "#Word" line in such
    a note is one more tag; in a note without tags it may be a heading missing its space."""
    for index, text in enumerate(lines):
        if hidden[index] or "#" not in text or _HEADING.match(text):
            continue
        masked = mask_code_spans(text)
        if _TAG_ONLY.match(masked):
            if "/" in masked or "[[" in masked:
                return True
            continue
        lead = len(masked) - len(masked.lstrip())
        if any(m.start() > lead for m in _TAG_IN_TEXT.finditer(masked)):
            return True  # a tag after other words, not a "#Title" line's own first word
    return False


_HIDDEN = frozenset({"fence", "code_block", "html_block"})
_LINE_SPLIT = re.compile(r"(\r\n|\r|\n)")


def spaced(source: str, lines: Sequence[str], tokens: Sequence[Token]) -> str | None:
    """``source`` with a space after the hashes of each "#Title" line (above) that
    CommonMark read as paragraph text, so the next parse reads it as the heading its
    author meant and the answer above it ends there; None when there is no such line.
    Lines in code, HTML and tables stay as they are. ``lines`` are the file's lines
    (``source`` has the same lines, front matter blanked)."""
    if not any(text.startswith(("#", " #")) and HASH_NO_SPACE.match(text) for text in lines):
        return None
    hidden = [False] * len(lines)
    table = [False] * len(lines)
    prose = [False] * len(lines)
    for tok in tokens:
        if tok.map is None or tok.nesting == -1:
            continue
        mark = hidden if tok.type in _HIDDEN else table if tok.type == "table_open" else (
            prose if tok.type == "paragraph_open" else None)
        if mark is not None:
            for k in range(tok.map[0], min(tok.map[1], len(lines))):
                mark[k] = True
    found = [(k, m) for k, m in unspaced_headings(lines, hidden, table) if prose[k]]
    if not found:
        return None
    parts = _LINE_SPLIT.split(source)  # line, ending, line, ending, ..., line
    for k, m in found:
        parts[2 * k] = m.group(1) + m.group(2) + " " + m.group(3)
    return "".join(parts)
