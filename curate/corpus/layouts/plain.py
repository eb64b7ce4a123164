"""Plain-line questions: a paragraph whose first line ends in "?" followed by answer
paragraphs (notes copied from a chat or a slide deck). Only trusted when a stretch of
the file has two or more of them, so a rhetorical question inside prose stays prose."""

from __future__ import annotations

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question, is_question, starts_like_question

MAX_QUESTION_CHARS = 300


def candidate(state: State, block: Block) -> Start | None:
    """A Start when the paragraph's first line is a question ending in "?"."""
    inline = state.block_inline(block)
    if inline is None:
        return None
    content = state.inline(inline)
    first = content.text(joiner="\n").split("\n", 1)[0]
    if len(first) > MAX_QUESTION_CHARS or not any(m in first for m in "?？؟"):
        return None  # cleaning only removes characters: no "?", no question ending in one
    number, question = clean_question(first)
    if not question.endswith(("?", "？", "؟")) or not is_question(question):
        return None
    if len(question.split()) > 15 and not starts_like_question(question):
        return None  # a long sentence of prose that happens to end in "?"
    return Start(
        line=block.start,
        question=question,
        number=number,
        question_md=state.lines[block.start],
        layout="plain",
        answer_line=block.start + 1,
    )


def caption(state: State, block: Block) -> str | None:
    """A short title-like line ("Advanced Topics"): no closing punctuation, at most six
    words. Used to end an answer where an image-only section begins."""
    if block.type != "paragraph" or block.end - block.start != 1:
        return None
    inline = state.block_inline(block)
    if inline is None:
        return None
    text = state.inline(inline).text(joiner=" ")
    words = text.split()
    if not words or len(words) > 6 or text[-1] in ".,;:!?)" or not text[0].isupper():
        return None
    return text
