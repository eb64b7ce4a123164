"""Tables with a question column and an answer column: one record per row."""

from __future__ import annotations

import re

from markdown_it.token import Token

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import clean_question
from curate.corpus.layouts.inline import plain_text

_Q_HEAD = re.compile(r"^(?:q|questions?|query|prompt|problem|interview questions?)$", re.I)
_A_HEAD = re.compile(r"^(?:a|answers?|ans|solutions?|response|explanation|short answer)$", re.I)
_N_HEAD = re.compile(r"^(?:#|no\.?|n|num|number|sr\.? ?no\.?|s\.? ?no\.?|id)$", re.I)


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


def detect(state: State, block: Block) -> list[Start]:
    rows = _rows(state, block)
    if len(rows) < 2:
        return []
    header = [" ".join(plain_text(state.inline(c)).strip("*_: ").split()) for c in rows[0][1]]
    qi = next((k for k, h in enumerate(header) if _Q_HEAD.match(h)), None)
    ai = next((k for k, h in enumerate(header) if _A_HEAD.match(h)), None)
    ni = next((k for k, h in enumerate(header) if _N_HEAD.match(h)), None)
    if qi is None or ai is None:
        return []
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
        if ai < len(spans):
            a_start, a_end = base + spans[ai][0], base + spans[ai][1]
        else:
            a_start = a_end = state.line_end(line)
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
                answer_tokens=[cells[ai]],
                answer_stop=a_end,
            )
        )
    return starts
