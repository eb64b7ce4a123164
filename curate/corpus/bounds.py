"""Where an answer ends: content a layout's "up to the next question" reach took in.

Every layout lets an answer run to the next question. Three kinds of content between
(or after) questions are not answers, and are moved out after the layouts have run:

- a plain section label ("Kubernetes Interview Questions", "🔹 kubernetes"), a short
  unpunctuated line of its own right before the next question of the same layout: it
  ends the answer above and is the topic of the questions after it;
- after the last question, what follows a thematic break when it is navigation only
  ("[Return to Wiki Home](Home)"), when the file ends each record with a break (then the
  last break ends the last answer too: a chatbot outro, a "pitfalls" section), or when
  it is a question bank (below);
- a run of three or more unmarked lines that each ask one short question, after a
  break: one unanswered question per line, not the end of the answer above.

Measured on the shared collections: 4,234 of 6,171 answers hold a thematic break, all
but 19 as their last block (a separator), so a break alone never ends an answer.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Sequence

from curate.corpus.layouts.base import Block, Start, State, claim
from curate.corpus.layouts.classify import (
    clean_question,
    is_answer_label,
    is_question,
    label_number,
    opens_labelled_answer,
    starts_like_question,
)

Entry = tuple[Start, tuple[str, ...]]

LABEL_MAX_WORDS = 6
LABEL_MAX_CHARS = 60
BANK_MIN_LINES = 3
BANK_MAX_CHARS = 200
CLOSING_MAX_PARAGRAPHS = 2
CLOSING_MAX_CHARS = 600
SEPARATED_MIN = 3
"""Records that end with a break before a file counts as separating its records by breaks."""

_DASH_LINE = re.compile(r"^[ \t]*[\u2014\u2015\u2E3A\u2E3B\u2500\u2501\u2550~]+[ \t]*$")
"""A line of only long dashes or box rules ("⸻", "———"): a thematic break written as text."""
_LABEL_BAD = re.compile(r"[\[\]<>|`]|^\s*(?:[-*+>#]|\d{1,3}[.)])\s|^\s*\d+\s*$")
_LABEL_END = ".,;:!?…。？！：；、"
_LINK = re.compile(r"(?<!!)\[[^\]!]*\]\([^)]*\)")
"""A link (not an image) written inline."""
_BANK_SPLIT = re.compile(r"[.?!][\"')\]]?\s+\S")
_CLOSING = re.compile(
    r"^(?:(?:these|those|the above|all (?:of )?these|this (?:list|guide|set|document|page|cheat ?sheet|collection))\b"
    r"[\w ,-]{0,40}\b(?:questions|topics|answers|concepts|guide|list|notes)\b|good luck\b|happy (?:coding|learning|studying)\b)",
    re.I)
"""A sentence that closes the notes by speaking of them as a whole."""
_SIMPLE_SECTIONS = frozenset({"plain", "bold", "list"})
"""Layouts whose answers run to the next question with no closing mark of their own."""


def settle(state: State, entries: list[Entry], blocks: Sequence[Block]) -> list[Entry]:
    """``entries`` with answers ended at section labels, outros and question banks."""
    if not any(s.kind == "question" for s, _ in entries):
        return entries
    total = len(state.lines)
    entries = _labels(state, entries, blocks, total)
    return _tail(state, entries, blocks, total)


def _end(start: Start, total: int) -> int:
    return min(start.answer_end if start.answer_end is not None else total, total)


def _block_at(blocks: Sequence[Block], line: int) -> Block | None:
    k = bisect_right(blocks, line, key=lambda b: b.start) - 1
    return blocks[k] if k >= 0 and blocks[k].start <= line < blocks[k].end else None


def _within(blocks: Sequence[Block], start: int, end: int) -> list[Block]:
    """The top-level blocks inside lines [start, end)."""
    lo = bisect_left(blocks, start, key=lambda b: b.start)
    out = []
    for block in blocks[lo:]:
        if block.end > end:
            break
        out.append(block)
    return out


def label_text(state: State, line: int) -> str | None:
    """The line as a section label: a few words, no closing punctuation, no markup, not a
    question nor a question or answer label; starting with a capital or a symbol ("🔹")."""
    raw = state.lines[line].strip()
    if not raw or _LABEL_BAD.search(raw) or _DASH_LINE.match(raw):
        return None
    text = raw.strip("*_ ").strip()
    words = text.split()
    if not words or len(words) > LABEL_MAX_WORDS or len(text) > LABEL_MAX_CHARS or text[-1] in _LABEL_END:
        return None
    if not any(c.isalpha() for c in text) or (text[0].isalnum() and not text[0].isupper()):
        return None
    if is_question(text) or is_answer_label(text) or label_number(text)[0] or starts_like_question(text):
        return None
    if opens_labelled_answer(raw):
        return None  # "**✅ Correct Answer:** (b)": the key of the answer above
    return text


def _is_break(state: State, block: Block) -> bool:
    return block.type == "hr" or (block.type == "paragraph" and block.end - block.start == 1
                                  and _DASH_LINE.match(state.lines[block.start]) is not None)


def _labels(state: State, entries: list[Entry], blocks: Sequence[Block], total: int) -> list[Entry]:
    """End an answer at a section label standing right before the next question of its
    layout; the label becomes the topic of the questions after it, up to the next label
    or the next change of section."""
    order = sorted(range(len(entries)), key=lambda k: claim(entries[k][0]))
    topic: dict[int, str] = {}
    for pos, k in enumerate(order[:-1]):
        s, path = entries[k]
        nxt, nxt_path = entries[order[pos + 1]]
        if (s.kind != "question" or nxt.kind != "question" or s.layout not in _SIMPLE_SECTIONS
                or nxt.layout != s.layout or nxt_path != path):
            continue
        line = _label_line(state, s, claim(nxt), blocks, total)
        if line is None:
            continue
        s.answer_end = line
        if s.record_end is not None:
            s.record_end = min(s.record_end, line)
        topic[order[pos + 1]] = label_text(state, line) or ""
    if not topic:
        return entries
    first = _opening_label(state, entries, order, topic)
    if first is not None:
        topic[first[0]] = first[1]
    out = list(entries)
    current: tuple[tuple[str, ...], str] | None = None
    for k in order:
        s, path = entries[k]
        if k in topic:
            current = (path, topic[k])
        elif current is not None and (path != current[0] or s.kind not in ("question", "topic")):
            current = None
        if current is not None and s.kind in ("question", "topic"):
            out[k] = (s, path + (current[1],))
    return out


def _label_line(state: State, s: Start, nxt_line: int, blocks: Sequence[Block], total: int) -> int | None:
    """The label line between answer ``s`` and a question at ``nxt_line``, if any."""
    end = min(_end(s, total), nxt_line)
    k = end - 1
    while k > s.answer_line and (state.is_blank(k) or _DASH_LINE.match(state.lines[k])):
        k -= 1
    if k <= s.answer_line or not state.is_blank(k - 1) or label_text(state, k) is None:
        return None
    block = _block_at(blocks, k)
    if block is None or block.type != "paragraph" or block.start != k:
        return None
    if not any(not state.is_blank(m) for m in range(s.answer_line, k)) and s.answer_offset is None:
        return None  # the line is the whole answer
    return k


def _opening_label(state: State, entries: list[Entry], order: list[int], topic: dict[int, str]) -> tuple[int, str] | None:
    """A preface of one label line right above the first question of a labelled file:
    the topic of the first run ("Docker Interview Questions", then its questions)."""
    firsts = [k for k in order if entries[k][0].kind == "question"]
    if not firsts or firsts[0] in topic:
        return None
    pos = order.index(firsts[0])
    if pos == 0:
        return None
    pre = entries[order[pos - 1]][0]
    if pre.kind != "preface":
        return None
    lines = [m for m in range(pre.line, claim(entries[firsts[0]][0])) if not state.is_blank(m)]
    if len(lines) != 1:
        return None
    text = label_text(state, lines[0])
    return (firsts[0], text) if text else None


def _tail(state: State, entries: list[Entry], blocks: Sequence[Block], total: int) -> list[Entry]:
    """After the last question: a break, then navigation, an outro (in a file whose records
    each end with a break) or a question bank, is no part of the last answer."""
    last_k = max(range(len(entries)), key=lambda k: claim(entries[k][0]))
    s, path = entries[last_k]
    if s.kind != "question" or s.layout in ("table", "anki", "details"):
        return entries
    end = _end(s, total)
    if s.record_end is not None and s.record_end < end:
        return entries
    inside = _within(blocks, s.answer_line, end)
    breaks = [i for i, b in enumerate(inside) if _is_break(state, b)]
    if not breaks:
        return entries
    cut: int | None = None
    new: list[Entry] = []
    after_last = inside[breaks[-1] + 1 :]
    bank = _bank(state, after_last) if after_last else None
    if bank:
        cut = inside[breaks[-1]].start
        new = [(b, path) for b in bank]
    elif after_last and (all(_navigation(state, b) for b in after_last) or _closing(state, after_last)):
        cut = inside[breaks[-1]].start
    elif _separated(state, entries, last_k, blocks, total) and breaks[0] + 1 < len(inside):
        cut = inside[breaks[0]].start
    if cut is None or not any(not state.is_blank(m) and not _DASH_LINE.match(state.lines[m])
                              for m in range(s.answer_line, cut)):
        return entries
    s.answer_end = cut
    if not new:
        rest = inside[breaks[-1] + 1 :] if cut == inside[breaks[-1]].start else inside[breaks[0] + 1 :]
        new = [(_outro(rest, end), path)]
    return entries[: last_k + 1] + new + entries[last_k + 1 :]


def _outro(rest: Sequence[Block], end: int) -> Start:
    first = rest[0].start
    return Start(line=first, question="", number=None, question_md="", layout="preface",
                 answer_line=first, answer_end=end, kind="outro")


def _navigation(state: State, block: Block) -> bool:
    """A paragraph of links and nothing else ("📖 **[Return to Wiki Home](Home)**")."""
    if block.type != "paragraph":
        return False
    src = state.source(block.start, block.end)
    rest, links = _LINK.subn("", src)
    return links > 0 and not any(c.isalnum() for c in rest)


def _closing(state: State, rest: Sequence[Block]) -> bool:
    """A short closing note: one or two short paragraphs that speak of the questions as a
    whole ("These additional questions delve into ...", "Good luck!"), or that stand
    before navigation at the end of the file."""
    texts = [b for b in rest if not _navigation(state, b)]
    if not texts or len(texts) > CLOSING_MAX_PARAGRAPHS or any(b.type != "paragraph" for b in texts):
        return False
    if sum(len(state.source(b.start, b.end)) for b in texts) > CLOSING_MAX_CHARS:
        return False
    return _navigation(state, rest[-1]) or _CLOSING.match(state.lines[texts[0].start].strip("*_ \t")) is not None


def _separated(state: State, entries: list[Entry], last_k: int, blocks: Sequence[Block], total: int) -> bool:
    """Does the file end its records with a break, and have none inside an answer? Then
    the last record ends at its first break too."""
    ending = inner = count = 0
    for k, (s, _) in enumerate(entries):
        if k == last_k or s.kind != "question":
            continue
        count += 1
        inside = _within(blocks, s.answer_line, _end(s, total))
        marks = [i for i, b in enumerate(inside) if _is_break(state, b)]
        if marks and marks[-1] == len(inside) - 1:
            ending += 1
            marks = marks[:-1]
        inner += bool(marks)
    return ending >= SEPARATED_MIN and ending * 3 >= count * 2 and inner == 0


def _bank(state: State, rest: Sequence[Block]) -> list[Start]:
    """Three or more unmarked lines (paragraph lines, no bullet or number), each one short
    question, and nothing else: one unanswered question per line."""
    out: list[Start] = []
    for block in rest:
        if block.type != "paragraph":
            return []
        for line in range(block.start, block.end):
            raw = state.lines[line].strip()
            if not raw or len(raw) > BANK_MAX_CHARS or _LABEL_BAD.search(raw) or _BANK_SPLIT.search(raw):
                return []
            number, question = clean_question(raw)
            if number is not None or not (question.endswith("?") or starts_like_question(question)):
                return []
            if not is_question(question):
                return []
            out.append(Start(line=line, question=question, number=None, question_md=state.lines[line],
                             layout="plain", answer_line=line + 1, answer_end=line + 1))
    return out if len(out) >= BANK_MIN_LINES else []

