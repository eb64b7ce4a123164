"""Stage 5, write: the dataset's files as bytes, identical for identical input.

Every JSON object is written with sorted keys, one per line, UTF-8; rows come in corpus
order; nothing depends on the clock except the ``--as-of`` date the caller passes in.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from typing import Any, Iterable, Sequence

from curate.build import describe

COLUMNS = describe.COLUMNS
"""Dataset columns, in the order of the Parquet file (types in ``describe.FEATURES``)."""


def jsonl(rows: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows).encode("utf-8")


def parquet_available() -> bool:
    try:
        import pyarrow  # optional dependency (the parquet extra)
        import pyarrow.parquet  # noqa: F401  # optional dependency (the parquet extra)
    except ImportError:
        return False
    return True


def parquet(rows: Sequence[dict[str, Any]]) -> bytes:
    """The records as one Parquet file (explicit schema, so an empty or flag-free
    dataset has the same column types as any other)."""
    import pyarrow as pa  # optional dependency (the parquet extra)
    import pyarrow.parquet as pq  # optional dependency (the parquet extra)

    schema = describe.arrow_schema()
    table = pa.Table.from_pylist([{c: row[c] for c in COLUMNS} for row in rows], schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", write_statistics=False)
    return buffer.getvalue()


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^(\s{0,3})(#{1,6})(?=\s|$)")


def demote_headings(markdown: str, floor: int) -> str:
    """Shift the answer's ATX headings so the shallowest is at level ``floor`` (capped at
    6), so an answer's own subsections sit under its question in ``merged.md``."""
    lines = markdown.split("\n")
    levels = []
    fence = None
    for line in lines:
        m = _FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
            continue
        if fence is None:
            h = _ATX.match(line)
            if h:
                levels.append(len(h.group(2)))
    if not levels or min(levels) >= floor:
        return markdown
    shift = floor - min(levels)
    out = []
    fence = None
    for line in lines:
        m = _FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
        elif fence is None:
            h = _ATX.match(line)
            if h:
                level = min(6, len(h.group(2)) + shift)
                line = h.group(1) + "#" * level + line[h.end() :]
        out.append(line)
    return "\n".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def merged_markdown(records: Sequence[dict[str, Any]], title: str) -> bytes:
    """A readable notebook: records grouped by topic (in order of first appearance),
    each question a heading, its answer below, its sources in small print."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(tuple(record["topic_path"]), []).append(record)
    out = [f"# {title}", ""]
    out.append(f"{len(records)} records, grouped by topic. Built by `curate build`; see README.md for what was dropped and merged.")
    out.append("")
    for topic, members in groups.items():
        out.append(f"## {' › '.join(_one_line(t) for t in topic) if topic else 'General'}")
        out.append("")
        for record in members:
            out.append(f"### {_one_line(record['question'])}")
            out.append("")
            out.append(demote_headings(record["answer"].strip("\n"), 4))
            out.append("")
            cites = ", ".join(f"{s['path']}:{s['line_start']}" for s in record["sources"])
            out.append(f"<sub>Sources: {cites}</sub>")
            out.append("")
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def size_category(n: int) -> str:
    """The Hugging Face ``size_categories`` bucket of ``n`` rows."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
              (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M")]
    for bound, label in bounds:
        if n < bound:
            return label
    return "100M<n<1B"


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_KIND_NOTE = {
    "question": "question records only (topic notes are left out; build with `--kind all` to keep them)",
    "topic": "topic records only (`--kind topic`)",
    "all": "question and topic records (`--kind all`)",
}


def dataset_card(
    *,
    title: str,
    records: Sequence[dict[str, Any]],
    provenance: Sequence[dict[str, Any]],
    removed: Sequence[dict[str, Any]],
    stats: dict[str, Any],
    license_id: str,
    as_of: str,
    strategy: str,
    has_parquet: bool,
) -> bytes:
    """README.md with Hugging Face YAML metadata (languages detected from the records,
    the columns' types as ``dataset_info.features``) and a summary of the curation."""
    n = len(records)
    languages = describe.languages(records)
    lines = [
        "---",
        f"# Set the licence of your notes here (an SPDX id such as cc-by-4.0); {license_id!s} until you do.",
        f"license: {license_id if re.fullmatch(r'[A-Za-z0-9][A-Za-z0-9.+-]*', license_id) else _yaml_str(license_id)}",
        f"pretty_name: {_yaml_str(title)}",
        *(["language:", *(f"- {code}" for code, _n in languages)] if languages else []),
        "task_categories:",
        "- question-answering",
        "size_categories:",
        f"- {size_category(n)}",
        "configs:",
        "- config_name: default",
        "  data_files:",
        "  - split: train",
        "    path: data/train.jsonl",
        "dataset_info:",
        "  features:",
        *describe.yaml_features("  "),
        "  splits:",
        "  - name: train",
        f"    num_examples: {n}",
        "---",
        "",
        f"# {title}",
        "",
        "Question-and-answer pairs curated from Markdown notes with `curate build`: text repaired,",
        "empty and placeholder records dropped, duplicate questions merged. Every record lists the",
        "notes it came from (`sources`), and every dropped record is kept with its reason.",
        "",
        "## Files",
        "",
        "| file | what |",
        "|---|---|",
        "| `data/train.jsonl` | one record per line |",
    ]
    if has_parquet:
        lines.append("| `data/train.parquet` | the same records as Parquet |")
    lines += [
        "| `provenance.jsonl` | per record: its sources, its duplicate cluster and how it was merged |",
        "| `removed.jsonl` | every dropped record with its reason and source |",
        "| `merged.md` | the records as one readable notebook, by topic |",
        "",
        "## Columns",
        "",
        "| column | type | what |",
        "|---|---|---|",
        *(f"| `{name}` | `{describe.type_name(tp)}` | {what} |" for name, tp, what in describe.FEATURES),
        "",
        "## Curation summary",
        "",
        f"- Claims judged as of {as_of}; duplicates merged with `--merge {strategy}`.",
        f"- Files read: {stats['files']}; unreadable: {stats['unreadable']}.",
        f"- Records parsed: {stats['parsed']} ({stats['questions']} questions, {stats['topics']} topics).",
        f"- Records repaired: {stats['repaired_records']} (edits by rule: {_counts(stats['repairs'])}).",
        f"- Records dropped: {len(removed)} ({_counts(stats['dropped'])}).",
        f"- Duplicate clusters merged: {stats['clusters']} ({stats['clustered_records']} records became {stats['clusters']}).",
        f"- Kinds kept: {_KIND_NOTE.get(stats.get('kind', 'all'), 'all records')}"
        f"{'; left out: ' + _counts(stats['left_out']) if stats.get('left_out') else ''}.",
        f"- Records in the dataset: {n} ({_counts(dict(Counter(r['kind'] for r in records)))}); "
        f"duplicates merged away: {stats['clustered_records'] - stats['clusters']}; "
        f"with flags left: {sum(1 for r in records if r['flags'])}.",
        f"- Languages (by record): {_languages(languages)}.",
        "",
    ]
    merged = [p for p in provenance if p["cluster"]["size"] > 1]
    if merged:
        lines += ["## Merged clusters", "", "| record | questions merged | sources |", "|---|---|---|"]
        for p in merged:
            questions = " / ".join(_cell(q) for q in p["cluster"]["questions"])
            cites = ", ".join(f"`{s['path']}:{s['line_start']}`" for s in p["sources"])
            lines.append(f"| `{p['id']}` | {questions} | {cites} |")
        lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def _languages(found: list[tuple[str, int]]) -> str:
    return ", ".join(f"{code}: {count}" for code, count in found) or "not determined (too little prose)"


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counter.items())) or "none"


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")
