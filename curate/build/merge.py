"""Stage 4, merge: each cluster becomes one dataset record.

``best`` keeps the most complete answer (most distinct sentences and list items, then
the longest; ties go to the earliest path and line). ``union`` starts from that answer
and appends every sentence, list item or block of the other answers it does not already
say, in corpus order. Either way the record lists every member as a source, and the
findings nobody repaired travel with it as ``flags``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from markdown_it import MarkdownIt

from curate.build.cluster import Cluster
from curate.build.items import Item
from curate.build.plaintext import plain_text
from curate.corpus.export import question_body
from curate.corpus.text import normalize_question

STRATEGIES = ("best", "union")
DUPLICATE_RULES = frozenset({"QA201", "QA202", "QA203"})
"""Findings of these rules are resolved when all the places they name are merged."""

_MD = MarkdownIt("commonmark").disable(["inline", "text_join"])
"""Block structure only: ``units`` reads block tokens (type, nesting, source lines), never
their inline children, and the inline parse was half of a build's merge stage."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Unit:
    """A piece of an answer that can be said once: a sentence, a list item or a block."""

    markdown: str
    kind: str
    """``sentence``, ``item`` or ``block``."""
    key: str
    """Comparison key: case-folded words only, list markers dropped."""


def _key(text: str) -> str:
    text = _LIST_MARK.sub("", text)
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def units(markdown: str) -> list[Unit]:
    """The answer's units in order, from the top-level Markdown blocks."""
    lines = markdown.splitlines()
    out: list[Unit] = []
    tokens = _MD.parse(markdown)
    depth = 0
    for token in tokens:
        if token.nesting == -1:
            depth -= 1
            continue
        top = depth == 0 or (depth == 1 and token.type == "list_item_open")
        if token.nesting == 1:
            depth += 1
        if not top or token.map is None:
            continue
        source = "\n".join(lines[token.map[0] : token.map[1]]).strip("\n")
        if token.type == "paragraph_open":
            text = " ".join(source.split())
            for sentence in _SENTENCE.split(text):
                if _key(sentence):
                    out.append(Unit(sentence, "sentence", _key(sentence)))
        elif token.type == "list_item_open":
            if _key(source):
                out.append(Unit(source, "item", _key(source)))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            continue  # its items are units
        elif _key(source) or token.type in ("fence", "code_block"):
            out.append(Unit(source, "block", _key(source) or source))
    return out


_BREAK = r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})"
_EDGE = re.compile(rf"^(?:(?:{_BREAK})?[ \t]*(?:\r?\n|$))+")


def tidy(markdown: str) -> str:
    """The answer without blank lines or thematic breaks (``---``) at its edges: a rule
    that closed a section in the notes means nothing at the end of a dataset answer."""
    text = _EDGE.sub("", markdown)
    lines = text.split("\n")
    while lines and (not lines[-1].strip() or re.fullmatch(_BREAK, lines[-1])):
        lines.pop()
    return "\n".join(lines)


def completeness(item: Item) -> tuple[int, int]:
    """(distinct units, length of the plain answer): bigger is more complete."""
    return _distinct_units(item.repaired.answer_md), len(" ".join(item.repaired.answer_text.split()))


@functools.lru_cache(maxsize=4096)
def _distinct_units(answer: str) -> int:
    """How many distinct units ``answer`` has, memoised: a cluster's members often share
    their answer word for word, and ``representative`` scores every member."""
    return len({u.key for u in units(answer)})


def representative(members: Sequence[Item]) -> Item:
    """The member with the most complete answer; ties go to the earliest path and line."""
    if len(members) == 1:
        return members[0]
    return min(members, key=lambda m: (tuple(-x for x in completeness(m)), m.order))


def union_answer(base: Item, others: Sequence[Item]) -> tuple[str, list[str]]:
    """``base``'s answer plus what the others add, and the ids of records that added."""
    answer = tidy(base.repaired.answer_md)
    known = {u.key for u in units(answer)}
    whole = _key(answer)
    added: list[str] = []
    contributors: list[str] = []
    for other in others:
        pieces: list[str] = []
        sentences: list[str] = []
        found = units(other.repaired.answer_md)
        for n, unit in enumerate(found):
            if unit.key in known or (unit.key and unit.key in whole):
                continue
            known.add(unit.key)
            following = found[n + 1] if n + 1 < len(found) else None
            if unit.markdown.rstrip().endswith(":") and (
                following is None or following.key in known or following.key in whole
            ):
                continue  # "...through several techniques:" introducing only known items
            if unit.kind == "sentence":
                sentences.append(unit.markdown)
                continue
            if sentences:
                pieces.append(" ".join(sentences))
                sentences = []
            pieces.append(unit.markdown)
        if sentences:
            pieces.append(" ".join(sentences))
        if pieces:
            contributors.append(other.record.id)
            # consecutive list items stay one list; other blocks are separated by a blank line
            added.append(_join(pieces))
    if not added:
        return answer, []
    return "\n\n".join([answer, *added]), contributors


def _join(pieces: list[str]) -> str:
    out = pieces[0]
    for prev, piece in zip(pieces, pieces[1:]):
        same_list = _LIST_MARK.match(prev) and _LIST_MARK.match(piece)
        out += ("\n" if same_list else "\n\n") + piece
    return out


def _resolved(finding: Any, members: Sequence[Item]) -> bool:
    """A duplicate finding whose every named place is a member of this cluster."""
    if finding.code not in DUPLICATE_RULES or not finding.related:
        return False
    spans = [(m.doc.path, m.doc.rel_path, m.record.span.line_start, m.record.span.line_end) for m in members]
    return all(any(r.path in (p, rp) and lo <= r.line <= hi for p, rp, lo, hi in spans) for r in finding.related)


def flags(members: Sequence[Item]) -> list[dict[str, Any]]:
    """Findings left on the merged record: not repaired, not resolved by the merge."""
    out: dict[tuple[str, int, str, str], dict[str, Any]] = {}
    for m in members:
        repaired = {(e.fix.start, e.fix.end, e.fix.replacement) for e in m.repairs}
        for f in m.findings:
            if f.fix is not None and (f.fix.start, f.fix.end, f.fix.replacement) in repaired:
                continue
            if _resolved(f, members):
                continue
            row: dict[str, Any] = {
                "code": f.code,
                "name": f.name,
                "severity": str(f.severity),
                "message": f.message,
                "path": m.doc.rel_path,
                "line": f.line,
            }
            out[(row["path"], row["line"], row["code"], row["message"])] = row
    return [out[k] for k in sorted(out)]


@dataclass(frozen=True)
class Merged:
    """One dataset record and its provenance row."""

    record: dict[str, Any]
    provenance: dict[str, Any]
    size: int
    order: tuple[str, int, int] | tuple[()] = field(default=())


def merge_cluster(cluster: Cluster, strategy: str = "best") -> Merged:
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown merge strategy {strategy!r} (use {' or '.join(STRATEGIES)})")
    members = cluster.members
    best = representative(members)
    others = [m for m in members if m is not best]
    contributors: list[str] = []
    answer = tidy(best.repaired.answer_md)
    answer_text = best.repaired.answer_text.strip()
    if strategy == "union" and others:
        answer, contributors = union_answer(best, others)
        if contributors:
            answer_text = plain_text(answer)
    sources = [m.source() for m in members]
    record = {
        "id": best.record.id,
        "question": best.repaired.question,
        "question_body": question_body(best.repaired),
        "answer": answer,
        "answer_text": answer_text,
        "topic_path": list(best.repaired.topic_path),
        "kind": best.repaired.kind,
        "sources": sources,
        "flags": flags(members),
    }
    provenance = {
        "id": best.record.id,
        "sources": sources,
        "cluster": {
            "size": len(members),
            "evidence": list(cluster.evidence),
            "members": [m.record.id for m in members],
            "questions": [m.record.question for m in members],
        },
        "merge": {
            "strategy": strategy if len(members) > 1 else "single",
            "representative": best.record.id,
            "added_from": contributors,
        },
        "repairs": [
            {"record_id": m.record.id, "code": e.code, "description": e.fix.description}
            for m in members
            for e in m.repairs
        ],
    }
    return Merged(record, provenance, len(members), members[0].order)


def _rename(merged: Merged, question: str, how: str) -> None:
    merged.provenance["merge"].setdefault("question_as_written", merged.record["question"])
    merged.provenance["merge"]["named_by"] = how
    merged.record["question"] = question


def name_uniquely(merged: Sequence[Merged]) -> None:
    """Give records that would share a normalised question distinct names, in place.

    Only topic notes can collide after clustering ("Resources" in ten files, each with
    different links): they are named by their topic path ("Week 1 › Resources"), then by
    their file, and as a last resort by their position, so no two records of the dataset
    ever have the same normalised question."""

    def collisions() -> tuple[Counter[str], Counter[str]]:
        keys = Counter(normalize_question(m.record["question"]) for m in merged)
        questions = Counter(normalize_question(m.record["question"]) for m in merged if m.record["kind"] == "question")
        return keys, questions

    keys, questions = collisions()
    for m in merged:  # 1. topic path
        key = normalize_question(m.record["question"])
        if keys[key] > 1 and m.record["kind"] != "question" and m.record["topic_path"]:
            path = " › ".join(" ".join(t.split()) for t in m.record["topic_path"])
            _rename(m, f"{path} › {m.record['question']}", "topic-path")
    keys, questions = collisions()
    for m in merged:  # 2. file
        key = normalize_question(m.record["question"])
        if keys[key] > 1 and m.record["kind"] != "question":
            _rename(m, f"{m.record['question']} ({m.record['sources'][0]['path']})", "source-path")
    keys, _ = collisions()
    seen: Counter[str] = Counter()
    for m in merged:  # 3. position, for anything still equal
        key = normalize_question(m.record["question"])
        seen[key] += 1
        if keys[key] > 1 and seen[key] > 1:
            _rename(m, f"{m.record['question']} ({seen[key]})", "position")


def merge_stage(clusters: Sequence[Cluster], strategy: str = "best") -> list[Merged]:
    """One merged record per cluster, in corpus order of each cluster's first member,
    with unique normalised questions."""
    merged = [merge_cluster(c, strategy) for c in clusters]
    name_uniquely(merged)
    return merged
