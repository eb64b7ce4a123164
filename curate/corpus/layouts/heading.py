"""Heading layout: which headings are questions (any level), and their number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from curate.corpus.layouts import details, listitem
from curate.corpus.layouts.base import Block, State
from curate.corpus.layouts.classify import (
    answer_label_end,
    clean_question,
    code_marks_dropped,
    has_question_label,
    is_option_letter,
    is_question,
    label_number,
    opens_options,
)
from curate.corpus.layouts.inline import plain_text

_COLLECTION_TITLE = re.compile(
    r"\s[—–:|-]\s*(?:(?:interview|practice|review|quiz|study|exam)\s+)?"
    r"(?:questions(?:\s+(?:and|&)\s+answers)?|q\s?&\s?as?|faqs?)\W*$", re.I)
"""The end of a title that names a set of questions ("... — Interview Q&A", "...: FAQ")."""


@dataclass(frozen=True, slots=True)
class HeadingInfo:
    text: str
    """Plain heading text, numbering and decoration stripped."""
    number: str | None
    is_question: bool
    labelled: bool = False
    """Opens with a question label ("Q:", "Question 3.", "Follow-up Q:"): its author marked it."""


def heading_info(state: State, block: Block) -> HeadingInfo:
    """Classify one heading block: "# 18.What ...", "## **Q?**", "### Q1: ...? ###",
    "#### 1) ...? [[src](url)]", "## Q8. Router?", imperative "Explain ..." and anything
    after a numbered question label ("## Question 3: Use the clear command ...") are
    questions; a "?" inside inline code ("## The `?.` operator") does not ask."""
    inline = state.block_inline(block)
    raw = plain_text(state.inline(inline)) if inline is not None else ""
    number, text = clean_question(raw)
    whole = " ".join(raw.split())
    if number is not None and label_number(whole)[0]:
        number, text = label_number(whole)[1], whole  # "Question 1 (Units 1-2)" is a label, its question below
    judged = code_marks_dropped(inline.content, text) if inline is not None else text
    labelled = has_question_label(raw)
    asks = is_question(judged) or (labelled and len(text.split()) >= 2) or _numbered_term(number or labelled, judged)
    if asks and _STEP.match(raw):
        asks = False  # "## Step 1: What is a branching strategy?" titles a step of an answer or a guide
    if asks and not text.endswith(("?", "？")) and _COLLECTION_TITLE.search(text):
        asks = False  # "# is vs as — Interview Q&A" titles a set of questions
    return HeadingInfo(text=text, number=number, is_question=asks, labelled=labelled)


_STEP = re.compile(r"^\W*(?:step|stage|phase)\s*\d{1,3}\s*[:.)\-–—]", re.IGNORECASE)


def _numbered_term(numbered: str | bool | None, text: str) -> bool:
    """"## Q8. Router?", "## 8. Router?", "## Q. Router?": a numbered or labelled heading
    that is a short term with a "?" asks about the term (a docsify question bank),
    though one word is no sentence."""
    return bool(numbered) and text.endswith(("?", "？")) and any(ch.isalnum() for ch in text)


_QUOTE_MARK = re.compile(r"^[ \t]{0,3}>[ \t]?")
LEAD_IN_CHARS = 200
"""Longest paragraph read as a lead-in to the program a question asks about ("Given:")."""
PROMPT_BLOCKS = 8


def answer_after_program(state: State, body: Sequence[Block], lead_ins: bool = True) -> tuple[int, int, int] | None:
    """"### What does this print?", a code block, then "**Answer:** ..." (or "> **Answer:**"):
    the program is what the question asks about, so the answer starts at its label. The
    same for a quiz's lettered options ("**A)** ...", "- B: ...") and for an answer hidden
    in ``<details><summary>Answer</summary>`` after them: what the question shows before
    its answer is the question's.
    Returns (end line of the question's part, line of the label, offset just past the
    label), or None unless the blocks before the label are code blocks or options (one at
    least) and, with ``lead_ins``, short lead-in paragraphs ("Given:"): a list of steps or
    longer text before the label is the answer's working."""
    shown = False
    counted = 0
    for k, block in enumerate(body):
        lettered = _is_letter(state, block)
        if not lettered and not (block.type in ("fence", "code_block") and k and _is_letter(state, body[k - 1])):
            counted += 1  # an option's letter over its program ("**A)**", a fence) counts as none
            if counted > PROMPT_BLOCKS:
                return None
        if block.type in ("fence", "code_block") or lettered or _options(state, block):
            shown = True
            continue
        if block.type == "html_block" and details.answers(state, block):
            return (body[k - 1].end, block.start, state.offset(block.start)) if shown and k else None
        if block.type not in ("paragraph", "blockquote"):
            return None
        line = state.lines[block.start]
        mark = _QUOTE_MARK.match(line) if block.type == "blockquote" else None
        skip = mark.end() if mark is not None else 0
        cut = answer_label_end(line[skip:])
        if cut:
            return (body[k - 1].end, block.start, state.offset(block.start) + skip + cut) if shown and k else None
        inline = state.block_inline(block)
        if not lead_ins or inline is None or len(inline.content) > LEAD_IN_CHARS:
            return None
    return None


def _is_letter(state: State, block: Block) -> bool:
    return block.type == "paragraph" and is_option_letter(state.source(block.start, block.end))


def _options(state: State, block: Block) -> bool:
    """A quiz's lettered options: a list ("- A: 1", "- B: 2") or a paragraph of lines
    ("**A)** 1", "**B)** 2")."""
    if block.type in ("bullet_list", "ordered_list"):
        return listitem.is_options(state, block)
    return block.type == "paragraph" and opens_options(state.source(block.start, block.end))
