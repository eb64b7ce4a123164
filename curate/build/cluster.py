"""Stage 3, cluster: which kept records ask the same question.

The evidence comes from the engine behind the duplicate rules: the QA201
duplicate-question / QA202 near-duplicate-question findings of the lint pass (so a
configured threshold or a suppression counts), or, when QA202 is not active,
``curate.dedup``'s clustering run directly over the repaired questions and answers. The build
merges what ``curate lint`` reports as duplicates. On top of that, question records whose
normalised questions are equal are always grouped (topic notes only when their text is
equal too), so, with the merge stage's naming of topics, the dataset never holds two
records with the same normalised question, even with the duplicate rules ignored.
Low-confidence notes (severity info, "related") never merge records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from curate.build.items import Item
from curate.corpus.text import normalize_question
from curate.dedup.identity import bodies_differ, identity
from curate.rules.base import Finding, Severity

MERGE_RULES = ("QA201", "QA202")
"""Duplicate rules whose findings (warning or worse) merge records."""


@dataclass(frozen=True)
class Cluster:
    """Records that ask the same question, in corpus order."""

    members: tuple[Item, ...]
    evidence: tuple[str, ...]
    """Why they were grouped: rule codes and/or ``"same-normalised-question"``; empty for
    a record on its own."""


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _locator(items: Sequence[Item]) -> Callable[[str, int], int | None]:
    """(display path, line) → item index, for findings' related locations."""
    by_path: dict[str, list[tuple[int, int, int]]] = {}
    for i, item in enumerate(items):
        s = item.record.span
        for path in {item.doc.path, item.doc.rel_path}:
            by_path.setdefault(path, []).append((s.line_start, s.line_end, i))

    def locate(path: str, line: int) -> int | None:
        for lo, hi, i in by_path.get(path, ()):
            if lo <= line <= hi:
                return i
        return None

    return locate


def finding_pairs(items: Sequence[Item], findings: Iterable[Finding], codes: Sequence[str] = MERGE_RULES) -> list[tuple[int, int, str]]:
    """(i, j, code) for every duplicate finding between two kept items."""
    by_id = {item.record.id: i for i, item in enumerate(items)}
    locate = _locator(items)
    pairs: list[tuple[int, int, str]] = []
    for f in findings:
        if f.code not in codes:
            continue
        if f.severity < Severity.WARNING and f.message.lower().startswith("related"):
            continue  # "one question asks part of the other": a note, not a duplicate
        i = by_id.get(f.record_id) if f.record_id else locate(f.path, f.line)
        if i is None:
            continue
        for rel in f.related:
            j = locate(rel.path, rel.line)
            if j is not None and j != i:
                pairs.append((min(i, j), max(i, j), f.code))
    return sorted(set(pairs))


def exact_pairs(items: Sequence[Item]) -> list[tuple[int, int, str]]:
    """Pairs of question records whose (repaired) normalised questions are equal, and of
    topic records whose headings *and* notes are equal. Topics that share a generic
    heading ("Resources", "Summary") but say different things stay apart; the merge stage
    names them by their topic path instead."""
    first: dict[tuple[str, ...], int] = {}
    pairs = []
    for i, item in enumerate(items):
        q = normalize_question(item.repaired.question)
        if not q:
            continue
        if item.repaired.is_question:  # with the program or formula it shows, if any
            key: tuple[str, ...] = ("question", identity(q, item.repaired.question, item.repaired.answer_md, item.repaired.question_md))
        else:
            key = ("topic", q, normalize_question(item.repaired.answer_text))
        if key in first:
            pairs.append((first[key], i, "same-normalised-question"))
        else:
            first[key] = i
    return pairs


def engine_pairs(items: Sequence[Item]) -> list[tuple[int, int, str]]:
    """Pairs the dedup engine links (question records only), ``dedup:<kind>`` as evidence."""
    try:
        from curate.dedup import cluster_questions  # lazy: the dedup engine loads numpy
    except ImportError:  # engine not installed: findings and exact groups still apply
        return []
    questions = [(str(i), item.repaired.question, item.repaired.answer_text) for i, item in enumerate(items) if item.repaired.is_question]
    if len(questions) < 2:
        return []
    pairs = []
    bodies: dict[int, str] = {}

    def body(k: int) -> str:
        if k not in bodies:
            r = items[k].repaired
            bodies[k] = identity("", r.question, r.answer_md, r.question_md)
        return bodies[k]

    for cluster in cluster_questions(questions):
        for link in cluster.links:
            i, j = sorted((int(link.a), int(link.b)))
            if bodies_differ(body(i), body(j)):
                continue  # "What is the output of this program?" over two programs
            pairs.append((i, j, f"dedup:{link.kind}"))
    return sorted(set(pairs))


def cluster_stage(items: Sequence[Item], findings: Iterable[Finding], active: frozenset[str] = frozenset()) -> list[Cluster]:
    """Connected components of the duplicate evidence, in corpus order.

    When QA202 ran, its findings are the evidence (they honour its configured options and
    suppressions); when it did not, the dedup engine is asked directly with its defaults."""
    pairs = finding_pairs(items, findings) + exact_pairs(items)
    if "QA202" not in active:
        pairs += engine_pairs(items)
    uf = _UnionFind(len(items))
    for i, j, _ in pairs:
        uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    evidence: dict[int, set[str]] = {}
    for i, _j, code in pairs:
        evidence.setdefault(uf.find(i), set()).add(code)
    clusters = [
        Cluster(tuple(items[i] for i in sorted(members, key=lambda k: items[k].order)), tuple(sorted(evidence.get(root, ()))))
        for root, members in groups.items()
    ]
    clusters.sort(key=lambda c: c.members[0].order)
    return clusters
