"""``<details><summary>Question</summary> answer </details>`` blocks."""

from __future__ import annotations

import bisect
import html
import re

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question, is_answer_label, is_cloze, is_question
from curate.corpus.layouts.inline import REVEAL_LABEL, html_text

_OPEN = re.compile(r"^\s*<details\b", re.I)
_SUMMARY = re.compile(r"<summary\b[^<>]*>(.*?)</summary\s*>", re.I | re.S)
_TAG = re.compile(r"<(/?)details\b[^<>]*>", re.I)  # [^<>]: linear on junk
SUMMARY_WINDOW = 4000
MAX_NESTED_TAGS = 500


_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[A-Z])")


def _asks_last(question: str) -> bool:
    """"Server A can't talk to Server B. Describe possible reasons.": a scenario, then the
    question or task as the last sentence."""
    sentences = _SENTENCE_END.split(question)
    return len(sentences) > 1 and is_question(sentences[-1])


_NOT_A_PROMPT = re.compile(
    r"^(?:show|hide|click|tap|expand|collapse|toggle|view|see|open|reveal|read|more|details|output|result|code|"
    r"example|hint|note|table of contents|contents|spoiler)\b",
    re.I,
)
SIBLING_SHARE = 0.6
"""Share of a file's substantive summaries that must ask for the file to be read as
writing its questions in summaries."""


def _substantive(summary: str) -> bool:
    """Three words or more, not an answer label nor a disclosure label ("Show answer",
    "Click to expand", "Output")."""
    return len(summary.split()) >= 3 and not is_answer_label(summary) and not _NOT_A_PROMPT.match(summary)


def _questions_in_summaries(state: State) -> bool:
    """Does the file write its questions as ``<summary>`` lines? Then a summary among them
    that is worded as a task or a scenario ("Create a file with 100 lines with random
    values.", "grub> vs grub-rescue>. Explain.") is a question too: most substantive
    summaries (three or more of them) ask by their wording."""
    if state.details_questions is None:
        asking = total = 0
        for m in _SUMMARY.finditer(state.text):
            _, text = clean_question(" ".join(html.unescape(html_text(m.group(1))).split()))
            if not _substantive(text):
                continue
            total += 1
            asking += is_question(text) or "?" in text or is_cloze(text) or _asks_last(text)
        state.details_questions = asking >= 3 and asking >= SIBLING_SHARE * total
    return state.details_questions


def answers(state: State, block: Block) -> bool:
    """A ``<details>`` block whose summary is only an answer label or its button ("<b>Answer</b>",
    "Show Answer", "show")."""
    if not opens(state, block):
        return False
    m = _SUMMARY.search(state.tokens[block.i].content)
    if m is None:
        return False
    label = " ".join(html.unescape(html_text(m.group(1))).split())
    return is_answer_label(label) or bool(REVEAL_LABEL.match(label))


def names_answer(state: State, block: Block) -> bool:
    """Does the summary of ``block`` (an answer block) say "answer" or "solution", not only
    "show" or "click to expand" (a README's button over a changelog)?"""
    m = _SUMMARY.search(state.tokens[block.i].content)
    return m is not None and bool(_ANSWER_WORDS.search(html_text(m.group(1))))


_ANSWER_WORDS = re.compile(r"\b(?:answers?|ans|solutions?|explanations?)\b", re.I)


def opens_line(state: State, line: int) -> bool:
    """Does 0-based ``line`` open a ``<details>`` block?"""
    return bool(_OPEN.match(state.lines[line]))


def opens(state: State, block: Block) -> bool:
    return block.type == "html_block" and bool(_OPEN.match(state.tokens[block.i].content))


def _in_code_span(text: str, pos: int) -> bool:
    """Is ``pos`` inside an inline code span of its line (an odd number of backticks
    before it on the line, and one after it)?"""
    line_start = text.rfind("\n", 0, pos) + 1
    if text.count("`", line_start, pos) % 2 == 0:
        return False
    line_end = text.find("\n", pos)
    return "`" in text[pos : line_end if line_end >= 0 else len(text)]


_PART_NUMBER = re.compile(r"^\W*(?:part|chapter|section|lesson|module|week|unit|day|round|level|step|stage)\s*#?\s*\d", re.I)


def detect(state: State, block: Block, limit_line: int) -> Start | None:
    """A Start for a details block whose summary is a question; the record starts on the
    summary's line (where the question is written) and ends at the matching
    ``</details>`` (nesting counted), never past ``limit_line``."""
    text = state.text
    start_off = state.offset(block.start)
    limit_off = state.offset(limit_line)
    m = _SUMMARY.search(text, start_off, min(limit_off, start_off + SUMMARY_WINDOW))
    if not m:
        return None
    summary = " ".join(html.unescape(html_text(m.group(1))).split())
    number, question = clean_question(summary)
    if not question or is_answer_label(question):
        return None
    if number is not None and _PART_NUMBER.match(summary):
        number = None  # "📖 Chapter 1: First Principles" numbers a part of a course, not a question
    if not (is_question(question) or "?" in question or is_cloze(question) or number is not None or _asks_last(question)
            or (_substantive(question) and _questions_in_summaries(state))):
        return None
    depth = 0
    close_off = None
    for seen, tag in enumerate(_TAG.finditer(text, start_off, limit_off)):
        if _in_code_span(text, tag.start()):
            continue  # "The `<details>` tag pair ...": written about, not opened
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            close_off = tag.start()
            break
        if seen > MAX_NESTED_TAGS:  # hundreds of unclosed blocks: junk, stop looking
            break
    starts = state.line_starts
    summary_line = bisect.bisect_right(starts, m.end() - 1) - 1
    if close_off is None:
        close_line, record_end = limit_line, limit_line
    else:
        close_line = bisect.bisect_right(starts, close_off) - 1
        record_end = close_line + 1
    after = text[m.end() : state.line_end(summary_line)]
    answer_line, answer_offset = summary_line + 1, None
    if after.strip():
        answer_line, answer_offset = summary_line, m.end() + (len(after) - len(after.lstrip()))
    if close_off is not None and text[state.offset(close_line) : close_off].strip():
        answer_end = close_line + 1  # content shares the line with </details>
    else:
        answer_end = close_line
    summary_start = bisect.bisect_right(starts, m.start()) - 1  # the question's own line
    return Start(
        line=summary_start,
        block_line=block.start,
        question=question,
        number=number,
        question_md=state.source(summary_start, summary_line + 1),
        layout="details",
        answer_line=answer_line,
        answer_offset=answer_offset,
        answer_end=max(answer_end, answer_line),
        record_end=max(record_end, summary_line + 1),
    )
