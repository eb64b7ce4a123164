"""Stage 1, normalise/repair: parsed records become build items with repaired text.

Each document gets the fixes its findings offer (safe ones, plus the unsafe ones the
build trusts: QA204's repeated-sentence deletion), then the build's own narrow repairs
(``fallback.py``: mojibake, a sentence restated with a pronoun); the repaired text is re-parsed and checked like ``curate fix``
does. An item keeps the original record too, so provenance points at the lines as they
are on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from curate.build.fallback import FALLBACKS
from curate.build.repair import Edit, Outcome, apply_checked
from curate.corpus.model import Corpus, Document, Record
from curate.infra.executors import Executor
from curate.rules.base import Finding
from curate.run.result import LintResult

Parser = Callable[[str, str, str], Document]

TRUSTED_UNSAFE = ("QA204",)
"""Unsafe fixes the build applies: a sentence repeated in one answer is noise in a dataset."""


@dataclass(frozen=True)
class Item:
    """One record on its way through the build."""

    doc: Document
    """The document as read from disk."""
    record: Record
    """The record as parsed from disk (its span is what provenance cites)."""
    repaired: Record
    """The same record after the repair stage (its text is what the dataset gets)."""
    repairs: tuple[Edit, ...]
    """Edits applied inside this record."""
    findings: tuple[Finding, ...]
    """Findings about this record (before repair)."""

    @property
    def order(self) -> tuple[str, int, int]:
        """Position in the corpus: path, then line (ties broken by record id)."""
        return (self.doc.rel_path, self.record.span.line_start, 0)

    def source(self) -> dict[str, object]:
        return {
            "path": self.doc.rel_path,
            "line_start": self.record.span.line_start,
            "line_end": self.record.span.line_end,
            "record_id": self.record.id,
        }


@dataclass(frozen=True)
class RepairReport:
    """What the repair stage did to one document."""

    path: str
    applied: tuple[Edit, ...]
    """Every edit applied (offsets index the text of the pass that applied it)."""
    rejected: tuple[tuple[Edit, str], ...]
    """Edits left out, with the reason."""
    by_record: tuple[tuple[Edit, ...], ...] = ()
    """Edits applied inside each record, in record order."""


def document_edits(doc: Document, findings: Iterable[Finding], trusted_unsafe: Sequence[str]) -> list[Edit]:
    """Fixes the findings offer for ``doc`` that the build applies."""
    edits = []
    for f in findings:
        if f.fix is None or f.path != doc.path:
            continue
        if f.fix.safe or f.code in trusted_unsafe:
            edits.append(Edit(f.code, f.fix))
    return edits


def _record_range(doc: Document, record: Record) -> tuple[int, int]:
    start = doc.offset(record.span.line_start)
    end = doc.offset(record.span.line_end + 1) if record.span.line_end < doc.line_count else len(doc.text)
    return start, end


def repair_document(
    doc: Document,
    findings: Sequence[Finding],
    active: frozenset[str],
    parse: Parser,
    *,
    trusted_unsafe: Sequence[str] = TRUSTED_UNSAFE,
    fallbacks: bool = True,
) -> tuple[Document, RepairReport]:
    """The repaired document (same records, repaired text) and what was done: first the
    rules' own fixes, then a pass per built-in repair (they find nothing the rules already
    fixed, and catch what a rule does not: "A VAE is X. It is X." or an ignored rule)."""
    passes: list[list[Edit]] = [document_edits(doc, findings, trusted_unsafe)]
    generators = [FALLBACKS[c] for c in sorted(FALLBACKS) if fallbacks]
    applied: list[Edit] = []
    rejected: list[tuple[Edit, str]] = []
    by_record: list[list[Edit]] = [[] for _ in doc.records]
    current = doc
    for index in range(1 + len(generators)):
        edits = passes[0] if index == 0 else list(generators[index - 1](current))
        outcome: Outcome = apply_checked(current, edits, parse)
        rejected.extend(outcome.rejected)
        for edit in outcome.applied:
            applied.append(edit)
            for i, record in enumerate(current.records):
                lo, hi = _record_range(current, record)
                if lo <= edit.fix.start and edit.fix.end <= hi:
                    by_record[i].append(edit)
                    break
        current = outcome.document
    report = RepairReport(doc.path, tuple(applied), tuple(rejected), tuple(tuple(e) for e in by_record))
    return current, report


def findings_by_record(doc: Document, findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Findings of ``doc`` keyed by record id: by ``record_id``, else by the line."""
    out: dict[str, list[Finding]] = {r.id: [] for r in doc.records}
    spans = [(r.span.line_start, r.span.line_end, r.id) for r in doc.records]
    for f in findings:
        if f.path != doc.path:
            continue
        if f.record_id is not None and f.record_id in out:
            out[f.record_id].append(f)
            continue
        for lo, hi, rid in spans:
            if lo <= f.line <= hi:
                out[rid].append(f)
                break
    return out


def _repair_one(item: tuple[Document, Sequence[Finding], frozenset[str], Parser, tuple[str, ...], bool]
                ) -> tuple[Document, RepairReport]:
    """``repair_document`` on one packed item: a top-level function, so a pool can run it."""
    doc, findings, active, parse, trusted_unsafe, fallbacks = item
    return repair_document(doc, findings, active, parse, trusted_unsafe=trusted_unsafe, fallbacks=fallbacks)


def make_items(
    corpus: Corpus,
    lint: LintResult,
    parse: Parser,
    *,
    trusted_unsafe: Sequence[str] = TRUSTED_UNSAFE,
    fallbacks: bool = True,
    progress: Callable[[int], None] | None = None,
    executor: Executor | None = None,
) -> tuple[list[Item], list[RepairReport]]:
    """Repair every document and pair each record with its repaired self. Documents are
    repaired independently (each re-parsed after every pass), so ``executor`` (a pool)
    spreads them over the cores; the items are the same, in the same order, either way."""
    by_path: dict[str, list[Finding]] = {}
    for f in lint.findings:
        by_path.setdefault(f.path, []).append(f)
    work = [(doc, by_path.get(doc.path, []), lint.active, parse, tuple(trusted_unsafe), fallbacks)
            for doc in corpus.documents]
    if executor is None:
        repaired = []
        for item in work:
            repaired.append(_repair_one(item))
            if progress is not None:
                progress(1)
    else:
        reported = [0]

        def advance(_label: str, done: int, _total: int) -> None:
            if progress is not None:
                progress(done - reported[0])
            reported[0] = done

        repaired = executor.map(_repair_one, work, weights=[len(doc.text) for doc in corpus.documents],
                                progress=advance)
    items: list[Item] = []
    reports: list[RepairReport] = []
    for doc, (repaired_doc, report) in zip(corpus.documents, repaired):
        findings = by_path.get(doc.path, [])
        reports.append(report)
        per_record = findings_by_record(doc, findings)
        for index, record in enumerate(doc.records):
            items.append(
                Item(
                    doc=doc,
                    record=record,
                    repaired=repaired_doc.records[index],
                    repairs=report.by_record[index],
                    findings=tuple(per_record.get(record.id, ())),
                )
            )
    return items, reports
