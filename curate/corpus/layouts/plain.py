"""Plain-line questions: a paragraph whose first line ends in "?" followed by answer
paragraphs (notes copied from a chat or a slide deck). Only trusted when a stretch of
the file has two or more of them, so a rhetorical question inside prose stays prose."""

from __future__ import annotations

import re

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question, is_question, starts_like_question

MAX_QUESTION_CHARS = 300
LONG_QUESTION_WORDS = 15
_BARE_NUMBER = re.compile(r"^(\d{1,4})[ \t]+(?=[^\W\d])")
_BREAK_LINE = re.compile(r"^[ \t]*(?:\\|<br\s*/?>)[ \t]*$", re.I)
"""A line that is only a hard break: nothing of the question is on it."""
_LAST_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!])\s*(?=[A-Z][a-z])")


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
    weak = len(question.split()) > LONG_QUESTION_WORDS and not starts_like_question(question)
    if weak and not _asks_last(question):
        return None  # a long sentence of prose that happens to end in "?"
    line = block.start
    while line + 1 < block.end and _BREAK_LINE.match(state.lines[line]):
        line += 1  # a GitBook export's "\\" line (a hard break) before the question
    return Start(
        line=block.start,
        question=question,
        number=number,
        question_md=state.lines[line],
        layout="plain",
        answer_line=line + 1,
        weak=weak,
    )


def _asks_last(question: str) -> bool:
    """"A developer is working on a payment app ... requirements.What would you consider?": a
    scenario of one or more sentences, then a question that opens like one."""
    sentences = _LAST_SENTENCE.split(question)
    return len(sentences) > 1 and starts_like_question(sentences[-1]) and is_question(sentences[-1])


def numbered_after(state: State, block: Block, expected: int) -> Start | None:
    """"13 What is the distinction ...?" right after list item "12.": the item's delimiter
    was forgotten, so Markdown shows a paragraph, but it is the next question of the list."""
    inline = state.block_inline(block)
    if inline is None:
        return None
    first = state.inline(inline).text(joiner="\n").split("\n", 1)[0]
    m = _BARE_NUMBER.match(first)
    if m is None or int(m.group(1)) != expected:
        return None
    _, question = clean_question(first[m.end() :])
    if not is_question(question):
        return None
    return Start(
        line=block.start,
        question=question,
        number=m.group(1),
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
