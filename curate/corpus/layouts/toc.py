"""Tables of contents and indexes: lists (or tables) whose entries are links, most of
them to anchors of the same file or to other notes of the corpus.

Such a block lists questions or sections that are written somewhere else, so its
entries are never question records (and never "empty answers"), wherever it sits: at
the top, at the bottom, under any heading, nested, or written as a table.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from curate.corpus.layouts.base import Block, State

TOC_SHARE = 0.8
"""Share of a block's entries that must be internal links for the block to be an index."""
SLACK = 12
"""Characters of text an entry may have besides its links ("(5 questions)", "- new")."""

LABEL = 40
"""Longest link-less entry still read as a group label of an index."""

_ASKS = re.compile(r"[?？؟]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//|^www\.", re.I)
_NOTE_PATH = re.compile(r"(?:\.(?:md|markdown|mdx|mdown|txt|html?)|/)$", re.I)
_NUMBER_CELL = re.compile(r"^[\s\d.#)*_-]*$")
_TOC_TITLE = re.compile(
    r"^(?:(?:table of )?contents?|toc|index|outline|目录|目錄|索引|目次|índice|indice|inhalt|inhaltsverzeichnis|"
    r"sommaire|содержание|оглавление|spis treści|sadržaj|içindekiler|mục lục|สารบัญ)$",
    re.I,
)


def is_internal(target: str) -> bool:
    """An in-page anchor ("#intro") or a relative link to a note or folder of the corpus
    ("questions.md#rag", "./docs/", "../README.md")."""
    if target.startswith("#"):
        return True
    if not target or _SCHEME.match(target):
        return False
    path = target.split("#", 1)[0].split("?", 1)[0]
    return bool(_NOTE_PATH.search(path))


def entry(state: State, tok: Token) -> bool | None:
    """True when the inline token is an index entry (internal links and little else),
    False when it is text, None when it holds nothing."""
    content = state.inline(tok)
    text = content.text(joiner=" ").strip()
    if not text and not content.links:
        return None
    if not content.links:
        # a short group label above nested entries ("- Basics"), not a question
        return None if len(text) <= LABEL and not _ASKS.search(text) else False
    linked = sum(len(l.text) for l in content.links)
    if len(text) > linked + SLACK:
        return False
    internal = sum(1 for l in content.links if is_internal(l.target))
    return internal * 2 > len(content.links)


def _may_link(state: State, block: Block) -> bool:
    """Can an entry of ``block`` hold an internal link? Only a "[...]" link, an autolink
    or an "<a href>" can (a bare URL has a scheme): without "[" or "<" no entry is one,
    and the block is no index, without reading its text."""
    return any("[" in tok.content or "<" in tok.content
               for tok in state.tokens[block.i : block.j] if tok.type == "inline")


def is_toc_list(state: State, block: Block) -> bool:
    """Most entries of the list (nested items included) are internal links."""
    if not _may_link(state, block):
        return False
    entries = [e for tok in state.tokens[block.i : block.j] if tok.type == "inline"
               if (e := entry(state, tok)) is not None]
    hits = sum(entries)
    return hits >= max(1, min(2, len(entries))) and hits >= TOC_SHARE * len(entries)


def is_link_list(state: State, block: Block) -> bool:
    """Every entry of the list is a link and little else, wherever it points: a reading
    list ("Links", "Further reading"), no content of the notes."""
    if not _may_link(state, block):
        return False
    count = 0
    for tok in state.tokens[block.i : block.j]:
        if tok.type != "inline":
            continue
        content = state.inline(tok)
        text = content.text(joiner=" ").strip()
        if not text and not content.links:
            continue
        if not content.links or len(text) > sum(len(l.text) for l in content.links) + SLACK:
            return False
        count += 1
    return count >= 1


def is_toc_table(state: State, block: Block) -> bool:
    """Most body rows of the table hold an internal link and otherwise only numbers or a
    short label ("| 12 | [What is JSX?](#what-is-jsx) |")."""
    if not _may_link(state, block):
        return False
    rows: list[list[Token]] = []
    in_body = False
    for tok in state.tokens[block.i : block.j]:
        if tok.type == "tbody_open":
            in_body = True
        elif tok.type == "tr_open" and in_body:
            rows.append([])
        elif tok.type == "inline" and in_body and rows:
            rows[-1].append(tok)
    if len(rows) < 2:
        return False
    good = counted = 0
    for cells in rows:
        kinds = [entry(state, c) for c in cells]
        if all(k is None for k in kinds):
            continue  # a section label row ("|   | **Hooks** |")
        counted += 1
        others = [c for c, k in zip(cells, kinds) if k is False]
        if any(kinds) and all(_NUMBER_CELL.match(state.inline(c).text(joiner=" ")) for c in others):
            good += 1
    return good >= 2 and good >= TOC_SHARE * counted


def is_toc_title(text: str) -> bool:
    """"Contents", "Table of Contents", "目录": the title of an index."""
    return bool(_TOC_TITLE.match(text.strip(" :：")))


def lists_entries(state: State, block: Block) -> bool:
    """Half or more of the entries (list items, table rows) of ``block`` hold a link, or
    every entry is a short label that asks nothing ("- RNNs and LSTMs"): what a
    contents list under a "Contents" title holds."""
    entries = linked = labels = inlines = 0
    for tok in state.tokens[block.i : block.j]:
        if tok.type in ("list_item_open", "tr_open"):
            entries += 1
        elif tok.type == "inline":
            inlines += 1
            content = state.inline(tok)
            linked += bool(content.links)
            text = content.text(joiner=" ")
            labels += len(text) <= LABEL and not _ASKS.search(text)
    return entries > 0 and (min(linked, entries) * 2 >= entries or labels == inlines)


def is_index(state: State, block: Block) -> bool:
    """A list of pointers to other notes: most entries hold an internal link, whatever
    they say besides it ("Theoretical questions: [theory.md](theory.md) (linear models,
    trees ...)"), and none asks a question."""
    if block.type not in ("bullet_list", "ordered_list"):
        return False
    items = [t for t in state.tokens[block.i : block.j] if t.type == "inline"]
    pointing = 0
    for tok in items:
        content = state.inline(tok)
        text = content.text(joiner=" ")
        if _ASKS.search(text):
            return False
        if any(is_internal(l.target) for l in content.links):
            pointing += 1
        elif content.links or len(text) > LABEL:
            return False
    return pointing >= 1 and pointing * 2 >= len(items)


def is_toc(state: State, block: Block) -> bool:
    """A table of contents: under a "Contents" title, or a list or table of index entries
    (judged once per block: a section's shape and the list layout both ask)."""
    if block.start in state.toc_lines:
        return True
    if block.type not in ("bullet_list", "ordered_list", "table"):
        return False
    key = (block.i, block.j)
    got = state.toc_blocks.get(key)
    if got is None:
        got = is_toc_table(state, block) if block.type == "table" else is_toc_list(state, block)
        state.toc_blocks[key] = got
    return got
