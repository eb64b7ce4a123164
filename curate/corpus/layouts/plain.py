"""Plain-line questions: a paragraph whose first line ends in "?" followed by answer
paragraphs (notes copied from a chat or a slide deck), or a question hard-wrapped over a
few lines above its indented answer. Only trusted when a stretch of the file has two or
more of them, so a rhetorical question inside prose stays prose."""

from __future__ import annotations

import re

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import (
    clean_question,
    is_answer_label,
    is_question,
    label_number,
    starts_like_question,
    strip_decoration,
)

MAX_QUESTION_CHARS = 300
_INTERVIEW_PROMPT = re.compile(
    r"^(?:tell (?:me|us) about (?:a|an|the) (?:time|occasion|situation|moment|project|mistake|challenge|conflict)\b"
    r"|(?:describe|share|recall|talk about) (?:a|an) (?:time|occasion|situation|moment)\b"
    r"|give (?:me |us )?an example of a time\b)", re.I)
"""A behavioural interview prompt ("Tell me about a time you missed a deadline."): it asks
without a "?"."""
LONG_QUESTION_WORDS = 15
_BARE_NUMBER = re.compile(r"^(\d{1,4})[ \t]+(?=[^\W\d])")
_BREAK_LINE = re.compile(r"^[ \t]*(?:\\|<br\s*/?>)[ \t]*$", re.I)
"""A line that is only a hard break: nothing of the question is on it."""
_LAST_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!])\s*(?=[A-Z][a-z])")


FRAGMENT_WORDS = 3
"""A question line this short that starts in lower case and not with a question word is
the tail of a sentence broken over paragraphs."""


def candidate(state: State, block: Block) -> Start | None:
    """A Start when the paragraph's first line is a question ending in "?"."""
    inline = state.block_inline(block)
    if inline is None:
        return None
    content = state.inline(inline)
    first = content.text(joiner="\n").split("\n", 1)[0]
    if len(first) > MAX_QUESTION_CHARS:
        return None
    if not any(m in first for m in "?？؟"):  # cleaning only removes characters: no "?", none at the end
        number, question = clean_question(first)
        if not _INTERVIEW_PROMPT.match(question):
            return wrapped(state, block, content.text(joiner="\n").split("\n"))
        return Start(line=block.start, question=question, number=number, question_md=state.lines[block.start],
                     layout="plain", answer_line=block.start + 1)
    number, question = clean_question(first)
    if not question.endswith(("?", "？", "؟")):
        return wrapped(state, block, content.text(joiner="\n").split("\n"))
    if not is_question(question):
        return None
    if question[:1].islower() and len(question.split()) <= FRAGMENT_WORDS and not starts_like_question(question):
        return None  # "tabela inteira?" after "linhas?" / "colunas?": options of a sentence above, not a question
    linked = sum(len(l.text) for l in content.links if l.line - 1 == block.start)
    if linked and linked >= len(question.rstrip("?？؟")) - 1:
        return None  # "[How to communicate with fragments?](other.md)": a pointer to a question answered elsewhere
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


_INDENTED = re.compile(r"^(?: {4}|\t)")
WRAPPED_MAX_LINES = 4
WRAPPED_TAIL_WORDS = 12
"""Longest instruction after a hard-wrapped question's last "?" ("Be sure to support
your assertions.")."""


def wrapped(state: State, block: Block, texts: list[str]) -> Start | None:
    """A question hard-wrapped over two to four lines, its answer indented by four spaces
    under it in the same paragraph (an indented line cannot start a code block inside a
    paragraph, so CommonMark joins them): the unindented lines ask, up to a last "?"
    that at most a short instruction follows; the indented lines answer. ``texts`` are
    the paragraph's lines as text."""
    raw = state.lines[block.start : block.end]
    lead = next((k for k, line in enumerate(raw) if _INDENTED.match(line)), len(raw))
    if not 2 <= lead <= WRAPPED_MAX_LINES or lead == len(raw) or len(texts) != len(raw):
        return None
    if any(not _INDENTED.match(line) or not line.strip() for line in raw[lead:]):
        return None
    number, question = clean_question(" ".join(t.strip() for t in texts[:lead]))
    cut = max(question.rfind("?"), question.rfind("？"))
    if cut < 0 or len(question) > 2 * MAX_QUESTION_CHARS or len(question[cut + 1 :].split()) > WRAPPED_TAIL_WORDS:
        return None
    if not is_question(question[: cut + 1]) or question[:1].islower():
        return None
    return Start(line=block.start, question=question, number=number, question_md=state.source(block.start, block.start + lead),
                 layout="plain", answer_line=block.start + lead)


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


_LINE_MARK = re.compile(r"^(?:(?P<q>q|question|ques)\s*#?\s*(?P<qn>\d{1,4})?|(?P<n>\d{1,3}))\s*[.:)]\s*(?=\S)", re.I)
"""A question's own mark at the start of a line: "Q1)", "Q2.", "Question 3:", "Q:", "4)"."""
LABEL_WORDS = 6
LABEL_CHARS = 60


def stacked(state: State, block: Block) -> list[Start]:
    """One question per line of a paragraph whose lines (soft breaks, no blank line
    between) are all questions, optionally under a short label line ("Questions:",
    "🟢 Beginner Level"): two or more lines each with its own mark in sequence ("Q1) ...",
    "Q2) ...", most asking), or two or more unmarked lines ending in "?" (one after a label). A
    marked line is labelled; an unmarked one is a plain candidate (a run decides). The
    label line stays out of the question: it is the topic of those below it."""
    if block.end - block.start < 2:
        return []
    inline = state.block_inline(block)
    if inline is None:
        return []
    content = state.inline(inline)
    texts = [content.text(min_line=k, max_line=k + 1, joiner=" ") for k in range(block.start, block.end)]
    first = 1 if _label(texts[0]) else 0
    found = [_line_question(t) for t in texts[first:]]
    lines = [f for f in found if f is not None]
    if len(lines) < len(found) or not lines or len({mark for mark, _, _ in lines}) != 1:
        return []  # a line that does not ask, or marked and unmarked lines mixed
    if len(lines) < (2 if lines[0][0] else 2 - first) or not _in_sequence([number for _, number, _ in lines]):
        return []  # one marked line is the paragraph's own ("Q: see the syllabus"); marks out of order
    if 2 * sum("?" in q or is_question(q) for _, _, q in lines) < len(lines):
        return []  # most marked lines ask by their wording too
    return [Start(line=k, question=question, number=number, question_md=state.lines[k],
                  layout="bold" if mark == "q" else "plain", answer_line=k + 1, labelled=mark == "q")
            for k, (mark, number, question) in zip(range(block.start + first, block.end), lines)]


def _label(text: str) -> bool:
    """A short title-like line over the questions: a few words, no question mark, no
    sentence end (a colon may close it)."""
    text = strip_decoration(text)
    words = text.split()
    return (bool(words) and len(words) <= LABEL_WORDS and len(text) <= LABEL_CHARS and not any(m in text for m in "?？")
            and text[-1] not in ".,;!" and any(c.isalpha() for c in text) and _LINE_MARK.match(text) is None
            and not label_number(text)[0] and not is_answer_label(text))  # "Question 2:" over its question


def _line_question(text: str) -> tuple[str, str | None, str] | None:
    """(mark kind: "q" for a question label, "n" for a bare number, "" for none; number;
    question) when the line is one question."""
    m = _LINE_MARK.match(text)
    if m is not None:
        _, question = clean_question(text[m.end():])
        if len(question.split()) < 2 or not (m.group("q") or "?" in question or is_question(question)):
            return None  # a bare number marks a step as well as a question
        return ("q", m.group("qn"), question) if m.group("q") else ("n", m.group("n"), question)
    _, question = clean_question(text)
    if len(question) > MAX_QUESTION_CHARS or not question.endswith(("?", "？", "؟")) or not is_question(question):
        return None
    if len(question.split()) > LONG_QUESTION_WORDS and not starts_like_question(question):
        return None
    return ("", None, question)


def _in_sequence(numbers: list[str | None]) -> bool:
    """Marks numbered one up each line ("Q1", "Q2", "Q3"), or none numbered ("Q:")."""
    if all(n is None for n in numbers):
        return True
    if any(n is None for n in numbers):
        return False
    values = [int(n) for n in numbers if n is not None]
    return all(b == a + 1 for a, b in zip(values, values[1:]))


def only_asks(state: State, block: Block) -> list[Start]:
    """The questions of a paragraph that is nothing but questions: its stacked lines
    (above), or its one line ending in "?" or worded as a task ("Explain the architecture
    of Kubernetes."). Empty when the paragraph says anything else."""
    stack = stacked(state, block)
    if stack or block.type != "paragraph" or block.end - block.start != 1:
        return stack
    found = candidate(state, block)
    if found is not None:
        return [] if found.weak else [found]
    inline = state.block_inline(block)
    if inline is None:
        return []
    number, question = clean_question(state.inline(inline).text(joiner=" "))
    if len(question) > MAX_QUESTION_CHARS or not starts_like_question(question) or not is_question(question):
        return []
    return [Start(line=block.start, question=question, number=number, question_md=state.lines[block.start],
                  layout="plain", answer_line=block.end)]
