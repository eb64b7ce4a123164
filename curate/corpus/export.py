"""``curate parse``: records as JSON Lines or a per-file summary table."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from markdown_it import MarkdownIt

from curate.corpus.layouts.classify import is_option_letter
from curate.corpus.model import Corpus, Document, Record
from curate.corpus.text import normalize_question

_BLOCKS = MarkdownIt("commonmark", {"html": True}).enable(["table"]).disable(["inline", "text_join"])


def question_body(record: Record) -> str:
    """What the question shows below its own line, as Markdown (a table row's options are
    kept on the record): the program, table or
    options it asks about when its answer comes after them ("What does this print?", a
    fence, then "**Answer:** ..."), or the list and closing question of a prompt that goes
    on after its colon. Empty when the question is its line alone. Without it
    a dataset row asks about "the following program" and holds none."""
    if record.body:
        return record.body
    md = record.question_md
    if "\n" not in md.strip():
        return ""
    lines = md.split("\n")
    asked = set(normalize_question(record.question).split())
    kept: list[str] = []
    first = True
    for tok in _BLOCKS.parse(md):
        if tok.level != 0 or tok.nesting == -1 or tok.map is None:
            continue
        if first or tok.type == "heading_open":
            first = False
            continue
        chunk = "\n".join(lines[tok.map[0] : tok.map[1]]).strip()
        words = set(normalize_question(chunk).split())
        if tok.type == "paragraph_open" and (words <= asked or asked <= words) and not is_option_letter(chunk):
            continue  # the paragraph the question is written in ("## 3. DNS" over "**Question:** ..."); "**A)**" is an option
        if chunk:
            kept.append(chunk)
    return "\n\n".join(kept)


def record_to_dict(record: Record) -> dict[str, Any]:
    """The documented ``curate parse --format jsonl`` shape of one record."""
    return {
        "id": record.id,
        "kind": record.kind,
        "question": record.question,
        "question_body": question_body(record),
        "number": record.number,
        "answer_md": record.answer_md,
        "answer_text": record.answer_text,
        "topic_path": list(record.topic_path),
        "images": [{"target": i.target, "alt": i.alt, "line": i.line} for i in record.images],
        "links": [{"target": l.target, "text": l.text, "line": l.line} for l in record.links],
        "layout": record.layout,
        "level": record.level,
        "source": {"path": record.span.path, "line_start": record.span.line_start, "line_end": record.span.line_end},
    }


def write_jsonl(corpus: Corpus, out: TextIO) -> None:
    for _doc, record in corpus.records():
        out.write(json.dumps(record_to_dict(record), ensure_ascii=False, sort_keys=False) + "\n")


def summary_rows(doc: Document) -> dict[str, Any]:
    questions = [r for r in doc.records if r.is_question]
    return {
        "path": doc.path,
        "questions": len(questions),
        "topics": len(doc.records) - len(questions),
        "empty": sum(1 for r in questions if not r.answer_text.strip() and not r.images),
        "layouts": dict(sorted(Counter(r.layout for r in doc.records).items())),
    }


def write_table(corpus: Corpus, out: TextIO) -> None:
    rows = [summary_rows(doc) for doc in corpus.documents]
    width = max([len(r["path"]) for r in rows] + [4])
    out.write(f"{'file':<{width}}  questions  topics  empty  layouts\n")
    for r in rows:
        layouts = ", ".join(f"{k} {v}" for k, v in r["layouts"].items()) or "-"
        out.write(f"{r['path']:<{width}}  {r['questions']:>9}  {r['topics']:>6}  {r['empty']:>5}  {layouts}\n")
    total_q = sum(r["questions"] for r in rows)
    total_t = sum(r["topics"] for r in rows)
    out.write(f"{len(rows)} files, {total_q} questions, {total_t} topics")
    if corpus.problems:
        out.write(f", {len(corpus.problems)} unreadable")
    out.write("\n")
    for problem in corpus.problems:
        out.write(f"  unreadable: {problem.message}\n")
