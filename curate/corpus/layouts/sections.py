"""``## Question`` / ``## Answer`` section pairs (one question per file, often with
metadata lines such as "Difficulty: Easy" in the question section)."""

from __future__ import annotations

import re
from typing import Sequence

from curate.corpus.layouts.base import Block, State
from curate.corpus.layouts.classify import clean_question

_Q_LABEL = re.compile(r"^(?:the\s+)?(?:question|problem|prompt|q)\s*#?\s*\d{0,4}\s*:?$", re.I)
_A_LABEL = re.compile(
    r"^(?:the\s+|our\s+)?(?:(?:short|model|sample|suggested|expected|example|detailed|reference)\s+)?"
    r"(?:answer(?:\s+(?:guide|key|outline|sketch))?|solution|response|a|ans|explanation)\s*#?\s*\d{0,4}\s*:?$", re.I)
"""An answer heading: "Answer", "Solution", "Short answer", "Answer guide", "Model answer"."""
_META = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?[\w][\w .&/-]{0,30}(?:\*\*|__)?\s*:(?:\*\*|__)?\s+\S")


def is_question_label(text: str) -> bool:
    return bool(_Q_LABEL.match(text.strip()))


def is_answer_label(text: str) -> bool:
    return bool(_A_LABEL.match(text.strip()))


def pick_question(state: State, body: Sequence[Block]) -> tuple[Block, str] | None:
    """The question paragraph of a "## Question" section: the first paragraph that is not
    metadata ("Difficulty: Easy"); its plain text."""
    fallback = None
    for block in body:
        if block.type not in ("paragraph", "blockquote"):
            continue
        lines = [state.lines[k] for k in range(block.start, block.end) if state.lines[k].strip()]
        inline = next((t for t in state.tokens[block.i : block.j] if t.type == "inline"), None)
        if inline is None:
            continue
        text = state.inline(inline).text(joiner=" ")
        if lines and all(_META.match(l) for l in lines) and not text.rstrip().endswith("?"):
            fallback = fallback or (block, text)
            continue
        return block, clean_question(text)[1]
    if fallback is not None:
        return fallback[0], clean_question(fallback[1])[1]
    return None
