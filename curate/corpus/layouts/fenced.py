"""Flashcards kept in fenced blocks, one card per block, for a terminal look:

    ```
    🗂️  Question:
    What is SQL?

    📦  Answer:
    A language used to query relational databases.
    ```

Only a fence with no language (or ``text``, ``txt``, ``plain``, ``markdown``, ``md``)
whose text is exactly one ``Question:`` label and one ``Answer:`` label counts, and only
when two or more fences of the section are such cards: a single block holding a
question and an answer is as likely a prompt example or a transcript, which stays code.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question

_PLAIN_INFO = frozenset({"", "text", "txt", "plain", "plaintext", "markdown", "md"})
_LABEL = re.compile(r"^\W*(?P<kind>q|question|a|answer|ans)\s*[:：]\s*(?P<rest>.*)$", re.I)
"""A label line, after any emoji or bullet: "🗂️  Question:", "Q: What is X?", "📦 Answer:"."""
MIN_CARDS = 2
MAX_QUESTION_CHARS = 300


def _fence_lines(state: State, block: Block) -> tuple[int, int] | None:
    """The 0-based lines inside the fence (without its fence lines), when it is plain text."""
    token = state.tokens[block.i]
    if token.type != "fence" or token.info.strip().lower() not in _PLAIN_INFO:
        return None
    return state.fence_body(block)


def _card(state: State, block: Block) -> Start | None:
    """The card of one fence: a question label, its text, an answer label, its text."""
    inside = _fence_lines(state, block)
    if inside is None:
        return None
    first, last = inside
    labels = [(k, m) for k in range(first, last) if (m := _LABEL.match(state.lines[k].strip()))]
    if len(labels) != 2:
        return None
    (q_line, q_mark), (a_line, a_mark) = labels
    if q_mark.group("kind").lower()[0] != "q" or a_mark.group("kind").lower()[0] != "a":
        return None
    question_lines = [q_mark.group("rest")] + [state.lines[k].strip() for k in range(q_line + 1, a_line)]
    number, question = clean_question(" ".join(" ".join(question_lines).split()))
    if not question or len(question) > MAX_QUESTION_CHARS or "{" in question:
        return None  # "Question: {question}" is a prompt template's slot
    rest = a_mark.group("rest")
    answer_start = state.offset(a_line) + state.lines[a_line].index(rest) if rest else state.offset(a_line + 1)
    answer_stop = state.line_end(last - 1) if last > a_line else answer_start
    answer = state.text[answer_start:answer_stop]
    if not answer.strip():
        return None
    token = Token("inline", "", 0)
    token.content = "\n".join(line.strip() for line in answer.strip().splitlines())
    token.map = [a_line if rest else a_line + 1, last]
    return Start(line=q_line, block_line=block.start, question=question, number=number,
                 question_md=state.source(q_line, a_line).rstrip("\n"), layout="fenced",
                 answer_line=a_line, answer_offset=answer_start, answer_stop=answer_stop,
                 answer_end=last, record_end=block.end, answer_tokens=[token])


def cards(state: State, body: list[Block]) -> dict[int, Start]:
    """The card of each fence of ``body`` by block index, when two or more are cards."""
    found = {}
    for idx, block in enumerate(body):
        if block.type == "fence":
            card = _card(state, block)
            if card is not None:
                found[idx] = card
    return found if len(found) >= MIN_CARDS else {}
