"""Heading layout: which headings are questions (any level), and their number."""

from __future__ import annotations

from dataclasses import dataclass

from curate.corpus.layouts.base import Block, State
from curate.corpus.layouts.classify import clean_question, has_question_label, is_question
from curate.corpus.layouts.inline import plain_text


@dataclass(frozen=True, slots=True)
class HeadingInfo:
    text: str
    """Plain heading text, numbering and decoration stripped."""
    number: str | None
    is_question: bool


def heading_info(state: State, block: Block) -> HeadingInfo:
    """Classify one heading block: "# 18.What ...", "## **Q?**", "### Q1: ...? ###",
    "#### 1) ...? [[src](url)]", imperative "Explain ..." and anything after a numbered
    question label ("## Question 3: Use the clear command ...") are questions."""
    inline = state.block_inline(block)
    raw = plain_text(state.inline(inline)) if inline is not None else ""
    number, text = clean_question(raw)
    asks = is_question(text) or (has_question_label(raw) and len(text.split()) >= 2)
    return HeadingInfo(text=text, number=number, is_question=asks)
