"""Question callouts of Obsidian notes (``> [!question] Title``, ``> [!faq]-`` folded,
``> [!help]+``): the title is the question, or, with no title, the callout's first line;
the rest of the callout is the answer. Other callouts (``[!note]``, ``[!tip]``, GitHub's
``[!NOTE]`` alerts) hold remarks, not questions."""

from __future__ import annotations

import re

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question

_QUESTION_CALLOUT = re.compile(r"^[ \t]*>[ \t]?\[!(?:question|faq|help)\][+-]?(?:[ \t]+(?P<title>\S.*?))?[ \t]*$", re.I)
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?")
MAX_QUESTION_CHARS = 400


def detect(state: State, block: Block) -> Start | None:
    """The Start of a question callout: ``block`` is a blockquote whose first line opens it."""
    if block.type != "blockquote":
        return None
    head = _QUESTION_CALLOUT.match(state.lines[block.start])
    if head is None:
        return None
    q_line = block.start
    title = head.group("title")
    if not title:  # "> [!question]" over "> Which of these is ...?"
        q_line = block.start + 1
        if q_line >= block.end:
            return None
        mark = _QUOTE_MARK.match(state.lines[q_line])
        title = state.lines[q_line][mark.end() if mark else 0 :].strip()
    number, question = clean_question(" ".join(title.split()))
    if not question or len(question) > MAX_QUESTION_CHARS or question.startswith(">"):
        return None
    answer_line = q_line + 1
    return Start(line=block.start, question=question, number=number,
                 question_md=state.source(block.start, answer_line).rstrip("\n"), layout="callout",
                 answer_line=answer_line, answer_end=block.end, record_end=block.end)
