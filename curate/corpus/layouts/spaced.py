"""Flashcards of Obsidian's Spaced Repetition plugin, written in the note's own prose:

    What does UDP add to IP?::Port numbers.
    <!--SR:!2025-06-20,3,250-->

    What is a leap year
    ?
    A year of 366 days.

A one-line card is ``front::back`` (``front:::back`` is reviewed both ways); a multi-line
card is its question, a line that is only ``?`` (``??`` both ways), then its answer. The
plugin keeps each card's schedule in an ``<!--SR:...-->`` comment after it.

``::`` means other things far more often: paths (``std::vector``, ``Foo::bar()``), type
signatures (``map :: (a -> b) -> [a] -> [b]``), CSS (``a::before``), IPv6 (``fe80::1``),
Dataview fields (``Status:: done``, ``[due:: 2024-01-01]``), reStructuredText
(``.. note::``). So a line is a card only outside code, with one separator, a back, a
front of two or more words (one word only with a schedule comment) that does not run
into the back as a path does, in a paragraph made only of such lines; and only in a note
that says it holds cards (a ``#flashcards`` tag, ``flashcards`` among its front matter
tags, a schedule comment) or, in another note, where two or more of a section's cards
are there and most of them ask.
"""

from __future__ import annotations

import re

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import CODE_SPAN, clean_question, is_question
from curate.corpus.layouts.inline import html_text, read_children, simple_children

_SEPARATOR = re.compile(r"(?<!:):{2,3}(?!:)")
_SCHEDULE = re.compile(r"[ \t]*<!--SR:[^\n]*?-->[ \t]*$")
"""The plugin's schedule comment, at the end of a card's line or on the next line."""
_FIELD = re.compile(r"(?<=\S)::[ \t]")
"""A Dataview field's separator: glued to its key, a space before its value."""
_TAG = re.compile(r"(?:^|\s)#flashcards?(?:/[\w/-]*)?(?![\w-])", re.I)
_FRONT_TAG = re.compile(r"(?:^|[\s\[,'\"#-])flashcards?(?:/[\w/-]*)?(?=$|[\s\],'\"])", re.I)
_TAGS_KEY = re.compile(r"^tags?\s*:(.*)$", re.I)
_CARD_MARK = ("?", "??")
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_PATH_WORD = re.compile(r"[()<>\[\];=_.\\/]|::")
MIN_UNTAGGED = 2
"""Cards a section of a note not tagged for flashcards needs: one ``a::b`` line is as
likely anything else."""
MAX_FRONT_CHARS = 300
MAX_QUESTION_LINES = 5


def tagged(state: State) -> bool:
    """Does the note say it holds flashcards: a ``#flashcards`` tag (or a subdeck,
    ``#flashcards/net``) in its text, ``flashcards`` among its front matter tags, or a
    schedule comment? Judged once per file."""
    if state.flashcard_note is None:
        state.flashcard_note = _front_tagged(state.lines) or any(
            (tok.type == "inline" and _TAG.search(tok.content) is not None)
            or (tok.type == "html_block" and "<!--SR:" in tok.content)
            or (tok.type == "inline" and "<!--SR:" in tok.content)
            for tok in state.content
        )
    return state.flashcard_note


def _front_tagged(lines: list[str]) -> bool:
    """``tags: [flashcards]``, ``tags: flashcards, history`` or ``tags:`` over ``- flashcards``."""
    if not lines or lines[0].rstrip() != "---":
        return False
    in_tags = False
    for line in lines[1:200]:
        if line.rstrip() in ("---", "..."):
            return False
        m = _TAGS_KEY.match(line)
        if m is not None:
            if _FRONT_TAG.search(m.group(1)):
                return True
            in_tags = True
        elif in_tags and line.lstrip().startswith("-"):
            if _FRONT_TAG.search(line.lstrip()[1:]):
                return True
        elif line.strip() and not line[0].isspace():
            in_tags = False
    return False


def _plain(markdown: str) -> str:
    """The visible text of a piece of one line (emphasis and code marks dropped)."""
    children = simple_children(markdown, False)
    text = html_text(markdown) if children is None else read_children(children, 0).text(joiner=" ")
    return " ".join(text.split())


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _BRACKETS)


def _path_like(front: str, back: str) -> bool:
    """Does the separator join two words as a path or an address does (``std::vector``,
    ``Color::Red``, ``fe80::1``, ``Foo::bar()``), not a front to its back
    (``Berlin Wall fell::1989``, ``protocol::The sender ...``)?"""
    if not (front[-1:].isalnum() and back[:1].isalnum()):
        return False
    left, right = front.split()[-1], back.split()[0]
    return not left.isalpha() or _PATH_WORD.search(right) is not None or (left[0].islower() and right[0].islower())


class _Line:
    """One ``front::back`` line: the offsets of its back, the front's text."""

    __slots__ = ("row", "front", "back_start", "back_stop", "scheduled")

    def __init__(self, row: int, front: str, back_start: int, back_stop: int, scheduled: bool) -> None:
        self.row, self.front, self.back_start, self.back_stop, self.scheduled = row, front, back_start, back_stop, scheduled


def _card_line(state: State, row: int, block_end: int) -> _Line | None:
    """The card of line ``row``, when it is one (see the module's notes)."""
    text = state.lines[row]
    if "::" not in text:
        return None
    masked = CODE_SPAN.sub(lambda m: "\0" * len(m.group(0)), text)
    seps = list(_SEPARATOR.finditer(masked))
    if len(seps) != 1:
        return None
    sep = seps[0]
    schedule = _SCHEDULE.search(text, sep.end())
    stop = schedule.start() if schedule is not None else len(text.rstrip())
    front_md, back_md = text[: sep.start()].strip(), text[sep.end() : stop].strip()
    if not front_md or not back_md or len(front_md) > MAX_FRONT_CHARS or not _balanced(front_md):
        return None
    if _path_like(text[: sep.start()], text[sep.end() : stop]):
        return None
    front = _plain(front_md)
    if not any(ch.isalpha() for ch in front):
        return None
    scheduled = schedule is not None or (block_end < len(state.lines) and _SCHEDULE.match(state.lines[block_end]) is not None
                                         and row == block_end - 1)
    if len(front.split()) < 2 and not (scheduled and front.replace("-", "").isalpha()):
        return None  # "Status:: done", "map :: [a] -> [b]": one word is a field or a name
    if not scheduled and _FIELD.match(text, sep.start()) and not is_question(front):
        return None  # "Due date:: 2024-01-01": a Dataview field is written "key:: value", a card "front::back"
    start = text.index(back_md, sep.end())
    return _Line(row, front, start, start + len(back_md), scheduled)


def _one_line_cards(state: State, block: Block) -> list[_Line]:
    """The cards of a paragraph made only of ``front::back`` lines, else none."""
    found = []
    for row in range(block.start, block.end):
        line = _card_line(state, row, block.end)
        if line is None:
            return []
        found.append(line)
    return found


def _after(state: State, body: list[Block], idx: int) -> int:
    """The end line of ``body[idx]`` with a schedule comment right below it."""
    end = body[idx].end
    nxt = body[idx + 1] if idx + 1 < len(body) else None
    if nxt is not None and nxt.type == "html_block" and nxt.start == end and _SCHEDULE.match(state.lines[nxt.start]):
        return nxt.end
    return end


def is_mark(line: str) -> bool:
    """Is the line only a multi-line card's ``?`` (or ``??``) between question and answer?"""
    return line.strip() in _CARD_MARK


def opens_answer(state: State, block: Block) -> bool:
    """Does ``block`` open with a card's ``?`` line with its answer right under it (a
    heading above it is the question)?"""
    return block.type == "paragraph" and block.end - block.start >= 2 and is_mark(state.lines[block.start])


def _multi_line_card(state: State, body: list[Block], idx: int) -> Start | None:
    """A paragraph of question lines, a ``?`` line, then answer lines (and what follows
    with no blank line between, a list of points): a card when the note holds cards or
    its question asks."""
    block = body[idx]
    marks = [row for row in range(block.start, block.end) if is_mark(state.lines[row])]
    if len(marks) != 1 or not block.start < marks[0] < block.end - 1 or marks[0] - block.start > MAX_QUESTION_LINES:
        return None
    mark = marks[0]
    number, question = clean_question(" ".join(_plain(state.lines[row]) for row in range(block.start, mark)))
    if not question or len(question) > MAX_FRONT_CHARS or not (is_question(question) or tagged(state)):
        return None
    end, k = block.end, idx + 1
    while k < len(body) and body[k].start == end and body[k].type not in ("heading", "html_block"):
        end, k = body[k].end, k + 1
    record_end = _after(state, body, k - 1)
    return Start(line=block.start, question=question, number=number, question_md=state.source(block.start, mark),
                 layout="spaced", answer_line=mark + 1, answer_end=end, record_end=record_end)


def cards(state: State, body: list[Block]) -> dict[int, list[Start]]:
    """The cards of each paragraph of ``body`` that holds some, by block index."""
    one_line: dict[int, list[Start]] = {}
    multi: dict[int, list[Start]] = {}
    fronts: list[str] = []
    for idx, block in enumerate(body):
        if block.type != "paragraph":
            continue
        lines = _one_line_cards(state, block)
        if lines:
            end = _after(state, body, idx)
            one_line[idx] = [_start(state, line, end if line.row == block.end - 1 else line.row + 1) for line in lines]
            fronts.extend(line.front for line in lines)
        elif (card := _multi_line_card(state, body, idx)) is not None:
            multi[idx] = [card]
    if fronts and not tagged(state) and (len(fronts) < MIN_UNTAGGED or 2 * sum(map(is_question, fronts)) < len(fronts)):
        return multi
    return one_line | multi


def _start(state: State, line: _Line, record_end: int) -> Start:
    number, question = clean_question(line.front)
    base = state.offset(line.row)
    return Start(line=line.row, question=question or line.front, number=number, question_md=state.lines[line.row],
                 layout="spaced", answer_line=line.row, answer_offset=base + line.back_start,
                 answer_stop=base + line.back_stop, answer_end=line.row + 1, record_end=record_end)
