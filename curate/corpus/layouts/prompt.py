"""A labelled prompt that goes on after its colon: "**Q3:** Compare these strategies:",
a list or a program, then "Which would you choose and why?".

The list or program completes the prompt, as the program of "### What does this print?"
over its answer label is the question's (``heading.answer_after_program``): here the
prompt's own closing question, or an exercise list whose prompts all go unanswered, says
so. A prompt that ends with "?" or is followed by text of its own keeps that text as its
answer ("**Q3:** Write a function:" over the function, then an explanation).
"""

from __future__ import annotations

from typing import Sequence

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import code_marks_dropped

MATERIAL = ("fence", "code_block", "bullet_list", "ordered_list")
"""Blocks a prompt shows: a program or a list of items to compare or to handle."""
MAX_MATERIAL = 3
CLOSING_CHARS = 200
"""Longest paragraph read as the prompt's closing question."""


def _asks(state: State, block: Block) -> bool:
    """A short paragraph that only asks: every sentence of it ends with "?" ("Is this
    stateful or stateless? What could go wrong?")."""
    inline = state.block_inline(block)
    if block.type != "paragraph" or inline is None or len(inline.content) > CLOSING_CHARS:
        return False
    text = code_marks_dropped(inline.content, state.inline(inline).text(joiner=" ")).strip()
    return text.endswith(("?", "？")) and not any(ch in text for ch in ".!")


def material_end(state: State, after: Sequence[Block]) -> tuple[int, bool] | None:
    """(end line of the prompt's part, closed) for the blocks ``after`` a prompt that ends
    with a colon, up to the next question: one to three lists or programs, then either a
    closing question paragraph (closed: the answer, if any, follows it) or nothing else
    (open: the material is the prompt's only if its siblings go unanswered too). None
    when anything else follows the material: it is the answer's."""
    k = 0
    while k < len(after) and k < MAX_MATERIAL and after[k].type in MATERIAL:
        k += 1
    if k == 0:
        return None
    rest = [b for b in after[k:] if b.type != "hr"]
    if rest and _asks(state, rest[0]):
        return rest[0].end, True
    if not rest:
        return after[k - 1].end, False
    return None


def unanswered(start: Start, after: Sequence[Block]) -> bool:
    """Does the prompt ``start`` run straight into the next question (nothing but a
    rule after it)?"""
    return start.answer_offset is None and all(b.type == "hr" for b in after)


def take_material(state: State, start: Start, end: int) -> None:
    """The prompt ``start`` goes on to line ``end``: its body, its answer after it."""
    start.question_md = state.source(start.line, end)
    start.answer_line = end
