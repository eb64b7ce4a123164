"""Definition lists (``Term``, a blank line, then ``: definition``), as MkDocs, Pandoc and
PHP Markdown Extra write an FAQ: the term is the question whatever its wording ("But what
about kernel bugs? Zero Install is still vulnerable then!"), the definition its answer.
CommonMark has no such list, so the parser sees two paragraphs; the ``: `` that opens the
second is what marks the pair."""

from __future__ import annotations

import re

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question

_DEFINITION = re.compile(r"^ {0,3}:[ \t]+(?=\S)")
MIN_PAIRS = 2
"""A section is a definition list when at least this many terms are followed by a
definition: one ``: `` paragraph is as likely a stray colon."""
MAX_TERM_LINES = 3
MAX_TERM_CHARS = 300


def _definition(state: State, block: Block | None) -> bool:
    return block is not None and block.type == "paragraph" and bool(_DEFINITION.match(state.lines[block.start]))


def _tight_line(state: State, block: Block) -> int | None:
    """The line of the first ``: `` definition inside paragraph ``block``, below a term of
    at most ``MAX_TERM_LINES`` lines (the tight form: ``Term`` then ``: definition`` with no
    blank line between, as Python-Markdown, Pandoc and PHP Markdown Extra write it)."""
    if block.type != "paragraph" or _DEFINITION.match(state.lines[block.start]):
        return None
    for line in range(block.start + 1, min(block.end, block.start + MAX_TERM_LINES + 1)):
        if _DEFINITION.match(state.lines[line]):
            return line
    return None


def terms(state: State, body: list[Block]) -> set[int]:
    """Indices of the paragraphs of ``body`` that are terms (a short paragraph right above
    a ``: `` definition, or holding one below its first lines), when there are at least
    ``MIN_PAIRS`` of them; else none."""
    found = {
        idx for idx, block in enumerate(body)
        if _tight_line(state, block) is not None or (
            idx + 1 < len(body) and block.type == "paragraph" and not _definition(state, block)
            and block.end - block.start <= MAX_TERM_LINES and _definition(state, body[idx + 1]))
    }
    return found if len(found) >= MIN_PAIRS else set()


def detect(state: State, term: Block, after: Block | None) -> Start | None:
    """The Start of one term over its definition (in the term's paragraph, or the paragraph
    ``after`` it); the answer begins after the ``: ``."""
    inline = state.block_inline(term)
    if inline is None:
        return None
    tight = _tight_line(state, term)
    if tight is None and after is None:
        return None
    answer_line = tight if tight is not None else after.start  # type: ignore[union-attr]
    content = state.inline(inline)
    words = content.text(joiner=" ", max_line=tight) if tight is not None else content.text(joiner=" ")
    number, question = clean_question(" ".join(words.split()))
    if not question or len(question) > MAX_TERM_CHARS:
        return None
    mark = _DEFINITION.match(state.lines[answer_line])
    assert mark is not None
    return Start(
        line=term.start,
        question=question,
        number=number,
        question_md=state.source(term.start, answer_line),
        layout="deflist",
        answer_line=answer_line,
        answer_offset=state.offset(answer_line) + mark.end(),
    )


_MARK_LINE = re.compile(r"^:[ \t]+", re.M)


def definition_text(text: str) -> str:
    """The plain text of a term's definitions without their ``: `` marks."""
    return _MARK_LINE.sub("", text)
