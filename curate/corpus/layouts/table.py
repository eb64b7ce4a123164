"""Tables with a question column and an answer column: one record per row. Option columns
("| option_a | option_b |") are what the question shows; a key letter in the answer column
names the option it keys ("B" -> "B) she")."""

from __future__ import annotations

import re
from typing import Iterable

from markdown_it.token import Token

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question, is_cloze, is_question
from curate.corpus.layouts.inline import plain_text

_Q_HEAD = re.compile(r"^(?:q|questions?|query|prompt|problem|interview questions?)$", re.I)
_A_HEAD = re.compile(r"^(?:a|answers?|ans|solutions?|response|explanation|short answer|"
                     r"(?:correct|right) (?:answers?|options?|choices?)|answer key)$", re.I)
_N_HEAD = re.compile(r"^(?:#|no\.?|n|num|number|sr\.? ?no\.?|s\.? ?no\.?|id)$", re.I)
_ANSWER_ONLY = re.compile(r"^(?:a|answers?|ans|short answer|(?:correct|right) (?:answers?|options?|choices?)|answer key)$", re.I)
"""A header that can only mean "the answer" (not "Response" or "Solution", which also head
data and troubleshooting tables): the column beside it asks, whatever its header says."""
_CARD_HEAD = re.compile(r"^(?:concepts?|terms?|key terms?|front|front side|topics?|flashcards?|cards?|keywords?|cues?|clues?)$", re.I)
"""Flashcard headers ("| Concept | Answer |", "| Term | Answer |"): the cells may be bare
terms ("Main use of IAM") as well as questions."""
_BACK_HEAD = re.compile(r"^(?:back|back side|reverse)$", re.I)
"""The answer side of a flashcard table, only beside a "Front" column ("| Front | Back |"):
alone, "Back" heads navigation and layout tables."""
_FRONT_HEAD = re.compile(r"^(?:front|front side)$", re.I)
_MORE_ANSWER = re.compile(r"^(?:(?:detailed|long|full|extended|longer)\s+(?:answers?|explanations?)|explanations?|details)$", re.I)
"""A column right of the answer that goes on with it ("| Short Answer | Detailed Answer |",
"| Answer | Explanation |"): part of the answer, not a column to drop."""
_OPTION_HEAD = re.compile(r"^(?:options?|choices?|alternatives?)(?: ?\(?([a-h]|[1-9])\)?)?$", re.I)
"""An options column: one for all ("| Options |") or one per option ("| option_a |",
"| Choice 2 |"), its letter or number naming it."""
_LETTER_HEAD = re.compile(r"^\(?([a-h])\)?$", re.I)
"""A column headed by a bare letter: an option's ("| Question | A | B | C | Answer |") when a
"B" column stands beside it, else "A" may head the answer."""
_KEY = re.compile(r"^(?:options? )?\(?([a-h]|[1-9])\)?[.):]?$", re.I)
"""An answer cell that only names an option ("B", "(b)", "Option 2")."""
ASKING_SHARE = 0.6
MAX_TERM_WORDS = 8


def _rows(state: State, block: Block) -> list[tuple[Token, list[Token]]]:
    """(tr_open, cell inline tokens) for every row."""
    rows: list[tuple[Token, list[Token]]] = []
    current: list[Token] | None = None
    for tok in state.tokens[block.i : block.j]:
        if tok.type == "tr_open":
            current = []
            rows.append((tok, current))
        elif tok.type == "inline" and current is not None:
            current.append(tok)
    return rows


def _cell_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) column ranges of the cells of a pipe-table row, content trimmed."""
    bounds = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    stripped = line.strip()
    edges = ([-1] if not stripped.startswith("|") else []) + bounds + ([len(line)] if not stripped.endswith("|") else [])
    spans = []
    for a, b in zip(edges, edges[1:]):
        seg = line[a + 1 : b]
        lead = len(seg) - len(seg.lstrip())
        spans.append((a + 1 + lead, a + 1 + len(seg.rstrip())))
    return spans


def _asking_column(state: State, rows: list[tuple[Token, list[Token]]], header: list[str], ai: int, ni: int | None,
                   skip: dict[int, str]) -> int | None:
    """The column that asks in a table with an answer column but no "Question" header
    ("| Concept | Answer |"): the nearest text column left of the answer (else the only one
    right of it) when most of its cells are questions, or, under a flashcard header, bare
    terms. A data table with an "Answer" column ("| Respondent | Answer |", names or
    numbers beside it) keeps no rows."""
    others = [k for k in range(len(header)) if k not in (ai, ni) and k not in skip]
    left = [k for k in others if k < ai]
    if left:
        qi = left[-1]
    elif len(others) == 1:
        qi = others[0]
    else:
        return None
    cells = [clean_question(plain_text(state.inline(c[qi])))[1] for _, c in rows[1:] if len(c) > qi]
    cells = [c for c in cells if c]
    if len(cells) < 2:
        return None
    asking = sum(1 for c in cells if c.endswith(("?", "？")) or is_question(c) or is_cloze(c))
    terms = sum(1 for c in cells if _term(c))
    if asking >= ASKING_SHARE * len(cells):
        return qi
    if _CARD_HEAD.match(header[qi]) and asking + terms >= ASKING_SHARE * len(cells):
        return qi
    return None


def _term(cell: str) -> bool:
    """A short term or phrase ("Main use of IAM", "S3 stands for"): a few words starting
    with a letter, not a sentence."""
    words = cell.split()
    return 0 < len(words) <= MAX_TERM_WORDS and cell[0].isalpha() and not cell.endswith((".", "!"))


def header_names(cells: Iterable[str]) -> list[str]:
    """A table header's cells as names to match: "_" read as a space ("option_a"),
    emphasis and a trailing colon dropped, spaces collapsed."""
    return [" ".join(c.replace("_", " ").strip("*_: ").split()) for c in cells]


def option_columns(header: list[str]) -> dict[int, str]:
    """Option columns by index, each with the label its header gives it ("option_a" -> "A",
    "Choice 2" -> "2", "Options" -> ""); bare letters count only as a run from "A" and "B".
    ``header``: the header cells' plain text, "_" read as a space (``header_names``)."""
    found: dict[int, str] = {}
    for k, h in enumerate(header):
        m = _OPTION_HEAD.match(h)
        if m:
            found[k] = (m.group(1) or "").upper()
    letters = {k: m.group(1).upper() for k, h in enumerate(header) if (m := _LETTER_HEAD.match(h))}
    if {"A", "B"} <= set(letters.values()):
        found.update(letters)
    return found


def _keyed(key: str, options: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The (label, text) of the option an answer cell names ("B" -> ("B", "she")): by its
    label, else by its place ("2" or "B" -> the second option)."""
    m = _KEY.match(key.strip())
    if m is None or not options:
        return None
    name = m.group(1).upper()
    for label, text in options:
        if label == name:
            return label, text
    place = int(name) - 1 if name.isdigit() else ord(name) - ord("A")
    if 0 <= place < len(options) and all(label for label, _ in options):
        return options[place]
    return None


def detect(state: State, block: Block) -> list[Start]:
    rows = _rows(state, block)
    if len(rows) < 2:
        return []
    header = header_names(plain_text(state.inline(c)) for c in rows[0][1])
    opts = option_columns(header)
    qi = next((k for k, h in enumerate(header) if _Q_HEAD.match(h)), None)
    ai = next((k for k, h in enumerate(header) if _A_HEAD.match(h) and k not in opts), None)
    ni = next((k for k, h in enumerate(header) if _N_HEAD.match(h)), None)
    if ai is None and any(_FRONT_HEAD.match(h) for h in header):
        ai = next((k for k, h in enumerate(header) if _BACK_HEAD.match(h)), None)
    if qi is None and ai is not None and (_ANSWER_ONLY.match(header[ai]) or _BACK_HEAD.match(header[ai])):
        qi = _asking_column(state, rows, header, ai, ni, opts)
    if qi is None or ai is None:
        return []
    last = ai
    while last + 1 < len(header) and last + 1 != qi and _MORE_ANSWER.match(header[last + 1]):
        last += 1
    starts: list[Start] = []
    for tr, cells in rows[1:]:
        if not tr.map or len(cells) <= max(qi, ai):
            continue
        number, question = clean_question(plain_text(state.inline(cells[qi])))
        if not question:
            continue
        if ni is not None and ni < len(cells):
            number = plain_text(state.inline(cells[ni])) or number
        line = tr.map[0]
        spans = _cell_spans(state.lines[line])
        base = state.offset(line)
        end_col = min(last, len(cells) - 1, len(spans) - 1)
        if ai < len(spans):
            a_start, a_end = base + spans[ai][0], base + spans[end_col][1]
        else:
            a_start = a_end = state.line_end(line)
        shown = [(label, plain_text(state.inline(cells[k]))) for k, label in opts.items() if k < len(cells) and k != qi]
        body = "\n".join(f"{label}) {cells[k].content.strip()}" if label else cells[k].content.strip()
                         for k, label in opts.items() if k < len(cells) and k != qi and cells[k].content.strip())
        keyed = _keyed(plain_text(state.inline(cells[ai])), shown)
        answer_text = None
        if keyed is not None:
            more = [plain_text(state.inline(c)) for c in cells[ai + 1 : end_col + 1]]
            answer_text = "\n\n".join([f"{keyed[0]}) {keyed[1]}", *(m for m in more if m)])
        starts.append(
            Start(
                line=line,
                question=question,
                number=number,
                question_md=state.lines[line],
                layout="table",
                answer_line=line,
                answer_offset=a_start,
                answer_end=line + 1,
                record_end=line + 1,
                answer_tokens=cells[ai : max(ai, end_col) + 1],
                answer_stop=a_end,
                answer_text=answer_text,
                body=body,
            )
        )
    return starts
