"""List-item questions: "1. What is X?" followed by its answer (nested, or the blocks
after it), "1. **Q?**" with a nested answer, and bullet lists of questions. A table of
contents (items that only link to in-page anchors) is never a question list."""

from __future__ import annotations

from markdown_it.token import Token

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import answer_label_end, clean_question, is_answer_label, is_question
from curate.corpus.layouts.inline import InlineContent

MAX_QUESTION_CHARS = 400


def is_toc(state: State, block: Block) -> bool:
    """Every item of the list only links to anchors in the page ("[Intro](#intro)")."""
    links = 0
    for tok in state.tokens[block.i : block.j]:
        if tok.type != "inline":
            continue
        content = state.inline(tok)
        targets = [l.target for l in content.links]
        if not targets or any(not t.startswith("#") for t in targets):
            return False
        linked = sum(len(l.text) for l in content.links)
        if len(content.text(joiner=" ")) > linked + 12:
            return False
        links += len(targets)
    return links > 0


def _items(state: State, block: Block) -> list[tuple[Token, Token | None]]:
    """(list_item_open, first inline of the item or None) for the list's own items."""
    depth = state.tokens[block.i].level + 1
    items: list[tuple[Token, Token | None]] = []
    for k in range(block.i + 1, block.j):
        tok = state.tokens[k]
        if tok.type == "list_item_open" and tok.level == depth:
            nxt = state.tokens[k + 1] if k + 1 < block.j else None
            inline = None
            if nxt is not None and nxt.type == "paragraph_open" and k + 2 < block.j:
                inline = state.tokens[k + 2]
            items.append((tok, inline))
    return items


def _question(state: State, item: Token, inline: Token | None, ordered: bool) -> Start | None:
    if inline is None or not inline.map or not item.map:
        return None
    content: InlineContent = state.inline(inline)
    if content.links and all(l.target.startswith("#") for l in content.links):
        return None  # a table-of-contents entry
    first = content.text(joiner="\n").split("\n", 1)[0]
    if len(first) > MAX_QUESTION_CHARS:
        return None
    number, text = clean_question(first)
    children = inline.children or []
    bold = bool(children) and children[0].type == "strong_open"
    if not text or is_answer_label(text):
        return None
    if not (text.endswith(("?", "？")) and is_question(text)) and not ((ordered or bold) and is_question(text)):
        return None
    line = inline.map[0]
    answer_line = line + 1
    answer_offset = None
    if answer_line < inline.map[1]:
        cut = answer_label_end(state.lines[answer_line])
        if cut:
            answer_offset = state.offset(answer_line) + cut
    if number is None and ordered and item.info:
        number = item.info
    return Start(
        line=item.map[0],
        question=text,
        number=number,
        question_md=state.lines[item.map[0]],
        layout="list",
        answer_line=answer_line,
        answer_offset=answer_offset,
    )


def detect(state: State, block: Block) -> list[Start]:
    """Question items of one top-level list. Numbered items are judged one by one; a bullet
    list counts only when at least half of its items are questions."""
    if is_toc(state, block):
        return []
    ordered = block.type == "ordered_list"
    items = _items(state, block)
    starts = [s for s in (_question(state, item, inline, ordered) for item, inline in items) if s is not None]
    if not ordered and len(starts) * 2 < len(items):
        return []
    return starts
