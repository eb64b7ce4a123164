"""A lint result built by hand over the seed notes, so the reporters are tested on known
findings (duplicates with related places, a fix, every severity) independently of which
rules exist."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curate.corpus.loader import load_corpus
from curate.corpus.model import Corpus
from curate.rules.base import Finding, Fix, Related, Rule, Severity

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "genai-notes"
SHARED = Path(__file__).resolve().parents[2] / "shared"


class EmptyAnswer(Rule):
    """A question with no answer.

    Bad:

        ## What is RLHF?

    Good:

        ## What is RLHF?
        Reinforcement learning from human feedback.
    """

    code, name, summary, severity = "QA101", "empty-answer", "A question with no answer", Severity.ERROR


class DuplicateQuestion(Rule):
    """The same question in two places.

    Bad: ``What is GenAI?`` twice. Good: ask it once.
    """

    code, name, summary, severity = "QA201", "duplicate-question", "The same question asked twice", Severity.WARNING
    scope = "corpus"


class Mojibake(Rule):
    """UTF-8 read as cp1252. Bad: ``Hereâ€™s``. Good: ``Here’s``."""

    code, name, summary, severity = "QA503", "mojibake", "Text decoded with the wrong encoding", Severity.WARNING


class Whitespace(Rule):
    """Trailing spaces. Bad: ``text   ``. Good: ``text``. Option: none."""

    code, name, summary, severity = "QA604", "whitespace", "Trailing or repeated spaces", Severity.INFO


@dataclass
class FakeResult:
    findings: list[Finding]
    corpus: Corpus
    as_of: dt.date = dt.date(2026, 1, 1)
    rules: list[Any] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def seed_result(tmp_copy: Path | None = None) -> FakeResult:
    """Findings over the seed notes (read from ``tmp_copy`` when given)."""
    root = tmp_copy or SEEDS
    corpus = load_corpus([root])
    docs = {d.rel_path: d for d in corpus.documents}
    d0, d1, d2 = (docs[k] for k in sorted(docs)[:3])
    r0, r1 = d0.records[0], d1.records[0]
    findings = [
        Finding("QA201", "duplicate-question", Severity.WARNING, f"duplicate of {d1.path}:{r1.span.line_start}",
                d0.path, r0.span.line_start, record_id=r0.id,
                related=(Related(d1.path, r1.span.line_start, "the same question"),), snippet=r0.question),
        Finding("QA201", "duplicate-question", Severity.WARNING, f"duplicate of {d0.path}:{r0.span.line_start}",
                d1.path, r1.span.line_start, record_id=r1.id,
                related=(Related(d0.path, r0.span.line_start, "the same question"),), snippet=r1.question),
    ]
    start = d2.text.find("â€™")
    if start >= 0:
        line, col = d2.locate(start)
        findings.append(Finding("QA503", "mojibake", Severity.WARNING, "mojibake 'â€™' <should be> ’ | pipes",
                                d2.path, line, col, line, col + 3, snippet="â€™",
                                fix=Fix(start, start + 3, "’", "replace 'â€™' with '’'")))
    for doc, rec in ((d0, d0.records[-1]), (d2, d2.records[-2]), (d2, d2.records[-1])):
        findings.append(Finding("QA101", "empty-answer", Severity.ERROR, f"question {rec.question!r} has no answer",
                                doc.path, rec.span.line_start, record_id=rec.id, snippet=rec.question))
    findings.append(Finding("QA604", "whitespace", Severity.INFO, "trailing blank lines", d0.path, d0.line_count,
                            snippet="\n"))
    findings = sorted((f.with_fingerprint(0) for f in findings), key=lambda f: f.sort_key())
    rules = [EmptyAnswer(), DuplicateQuestion(), Mojibake(), Whitespace()]
    return FakeResult(findings=findings, corpus=corpus, rules=rules, problems=["plugin 'broken' failed to load"])


def many_findings(n_errors: int, n_warnings: int) -> FakeResult:
    base = seed_result()
    path = base.corpus.documents[0].path
    fs = [Finding("QA101", "empty-answer", Severity.ERROR, f"e{i}", path, i + 1, snippet=f"e{i}") for i in range(n_errors)]
    fs += [Finding("QA604", "whitespace", Severity.WARNING, f"w{i}", path, i + 1, snippet=f"w{i}") for i in range(n_warnings)]
    return dataclasses.replace(base, findings=[f.with_fingerprint() for f in fs])
