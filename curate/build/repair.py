"""Applying the fixes rules offer to a document's text, and checking the result.

Shared by ``curate fix`` (writes files in place) and the build's repair stage (repairs
text in memory). The rules: fixes are character ranges of ``Document.text``; the ones
that do not overlap are applied together in one pass, in a fixed order; the result is
only kept when it re-parses to the same records, apart from the text the fixes meant to
change (the mdformat idea: a fix must not change what the document *is*).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from curate.corpus.model import Document, Record
from curate.rules.base import Fix

Parser = Callable[[str, str, str], Document]


@dataclass(frozen=True, slots=True)
class Edit:
    """A fix together with the rule that offered it."""

    code: str
    """Rule code that offered the fix (``QA503``)."""
    fix: Fix
    """The replacement."""

    def key(self) -> tuple[int, int, str, str, str]:
        return (self.fix.start, self.fix.end, self.fix.replacement, self.code, self.fix.description)


def choose(edits: Iterable[Edit]) -> list[Edit]:
    """The edits to apply together: sorted by position, identical fixes once, and each
    edit that overlaps an earlier chosen one left for the next pass (deterministic)."""
    chosen: list[Edit] = []
    seen: set[tuple[int, int, str]] = set()
    last_end = -1
    last_insert_at = -1
    for edit in sorted(edits, key=Edit.key):
        f = edit.fix
        ident = (f.start, f.end, f.replacement)
        if ident in seen or f.start < 0 or f.end < f.start:
            continue
        if f.start < last_end:
            continue  # overlaps a chosen edit
        if f.start == f.end and f.start == last_insert_at:
            continue  # two insertions at one point: order would be arbitrary
        seen.add(ident)
        chosen.append(edit)
        last_end = max(last_end, f.end)
        if f.start == f.end:
            last_insert_at = f.start
    return chosen


def apply(text: str, edits: Sequence[Edit], *, base: int = 0) -> str:
    """``text`` with non-overlapping ``edits`` applied; offsets are ``base``-relative
    (so an edit of a whole document can be applied to one record's slice)."""
    pieces: list[str] = []
    pos = 0
    for edit in sorted(edits, key=Edit.key):
        start, end = edit.fix.start - base, edit.fix.end - base
        pieces.append(text[pos:start])
        pieces.append(edit.fix.replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _canon(text: str) -> str:
    """Text with whitespace runs collapsed: whitespace repairs are intended changes."""
    return " ".join(text.split())


def _is_blank(text: str) -> bool:
    return not text.strip()


def _through_whitespace(text: str, end: int) -> int:
    """``end`` moved past the whitespace that follows it: a fix there (closing a fence
    at the end of the file, trimming blank lines) belongs to the block before it."""
    while end < len(text) and text[end] in " \t\r\n":
        end += 1
    return end


def _question_range(doc: Document, record: Record) -> tuple[int, int] | None:
    if not record.question_md:
        return None
    start = doc.text.find(record.question_md, doc.offset(record.span.line_start))
    return None if start < 0 else (start, start + len(record.question_md))


def _expected(text: str, lo: int, hi: int, edits: Sequence[Edit]) -> str | None:
    """``text`` (= ``doc.text[lo:hi]``) after the edits that fall inside it; None when an
    edit that changes words crosses its boundary."""
    inside: list[Edit] = []
    for edit in edits:
        f = edit.fix
        if f.end <= lo and f.start < lo or f.start >= hi and f.end > hi:
            continue
        if f.start == f.end and (f.start == lo or f.start == hi):
            if _is_blank(f.replacement):
                continue
        if lo <= f.start and f.end <= hi:
            inside.append(edit)
        elif _is_blank(f.replacement):
            continue  # whitespace-only change across a boundary: invisible to _canon
        else:
            return None
    return apply(text, inside, base=lo)


def verify(before: Document, after: Document, edits: Sequence[Edit]) -> str | None:
    """None when ``after`` parses to the same records as ``before`` apart from the
    edits' intended changes; otherwise the reason, for people."""
    if len(before.records) != len(after.records):
        return f"the record count changes ({len(before.records)} → {len(after.records)})"
    if [s.kind for s in before.extras] != [s.kind for s in after.extras]:
        return "the sections outside records change"
    for old, new in zip(before.records, after.records):
        where = f"line {old.span.line_start}"
        if (old.kind, old.level, old.number, old.layout, len(old.topic_path)) != (
            new.kind,
            new.level,
            new.number,
            new.layout,
            len(new.topic_path),
        ):
            return f"the record at {where} changes kind, level, number or topic"
        lo = old.answer_offset
        hi = _through_whitespace(before.text, lo + len(old.answer_md))
        expected = _expected(before.text[lo:hi], lo, hi, edits)
        if expected is None:
            return f"a fix crosses the answer boundary of the record at {where}"
        if _canon(expected) != _canon(new.answer_md):
            return f"the answer of the record at {where} changes beyond the fixes"
        qrange = _question_range(before, old)
        if qrange is not None:
            qhi = _through_whitespace(before.text, qrange[1]) if not old.answer_md else qrange[1]
            expected_q = _expected(before.text[qrange[0]:qhi], qrange[0], qhi, edits)
            if expected_q is None:
                return f"a fix crosses the question of the record at {where}"
            if _canon(expected_q) != _canon(new.question_md):
                return f"the question of the record at {where} changes beyond the fixes"
        elif old.question != new.question:
            return f"the question of the record at {where} changes"
    return None


@dataclass(frozen=True)
class Outcome:
    """What applying edits to one document did."""

    document: Document
    """The document after the accepted edits (the input when none were accepted)."""
    applied: tuple[Edit, ...]
    """Edits written into the text, in position order."""
    rejected: tuple[tuple[Edit, str], ...]
    """Edits left out, each with the reason."""


def apply_checked(doc: Document, edits: Iterable[Edit], parse: Parser, *, max_single: int = 200) -> Outcome:
    """Apply the non-overlapping ``edits`` in one pass and keep the result only when it
    verifies. When the batch fails, each edit is tried alone (up to ``max_single``), so
    one bad fix does not block the good ones."""
    chosen = choose(edits)
    if not chosen:
        return Outcome(doc, (), ())
    new_doc = parse(apply(doc.text, chosen), doc.path, doc.rel_path)
    reason = verify(doc, new_doc, chosen)
    if reason is None:
        return Outcome(new_doc, tuple(chosen), ())
    if len(chosen) == 1:
        return Outcome(doc, (), ((chosen[0], reason),))
    good: list[Edit] = []
    rejected: list[tuple[Edit, str]] = []
    for i, edit in enumerate(chosen):
        if i >= max_single:
            rejected.append((edit, "too many fixes failed the re-parse check together"))
            continue
        trial = parse(apply(doc.text, [edit]), doc.path, doc.rel_path)
        why = verify(doc, trial, [edit])
        if why is None:
            good.append(edit)
        else:
            rejected.append((edit, why))
    if good:
        new_doc = parse(apply(doc.text, good), doc.path, doc.rel_path)
        reason = verify(doc, new_doc, good)
        if reason is not None:  # individually fine, together not: keep none of them this pass
            rejected.extend((e, reason) for e in good)
            return Outcome(doc, (), tuple(rejected))
        return Outcome(new_doc, tuple(good), tuple(rejected))
    return Outcome(doc, (), tuple(rejected))
