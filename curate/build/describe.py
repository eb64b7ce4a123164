"""What the dataset card says about the data itself: its columns with their types and the
languages its records are written in.

One description of the columns serves the Parquet schema and the card's
``dataset_info.features`` (the YAML the Hugging Face Hub and ``datasets`` read), so the two
cannot disagree; the languages come from the records, not from a default.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from curate.grammar import langid

Struct = tuple[tuple[str, str], ...]
Type = str | list[str] | list[Struct]
"""``"string"``/``"int64"``, a list of one (``["string"]``) or a list of structs."""

SOURCE: Struct = (("path", "string"), ("line_start", "int64"), ("line_end", "int64"), ("record_id", "string"))
FLAG: Struct = (("code", "string"), ("name", "string"), ("severity", "string"), ("message", "string"),
                ("path", "string"), ("line", "int64"))
FEATURES: tuple[tuple[str, Type, str], ...] = (
    ("id", "string", "stable record id (the first source's record id)"),
    ("question", "string", "the question, repaired"),
    ("question_body", "string", "what the question shows below its line (the program it asks about), as Markdown; empty for most"),
    ("answer", "string", "the answer as Markdown"),
    ("answer_text", "string", "the answer as plain text"),
    ("topic_path", ["string"], "the headings above the question"),
    ("kind", "string", "`question` or `topic`"),
    ("sources", [SOURCE], "where the record came from (paths relative to the notes folder)"),
    ("flags", [FLAG], "lint findings left on the record"),
)
"""(column, type, what it holds), in the order of the Parquet file."""

COLUMNS = tuple(name for name, _t, _w in FEATURES)


def type_name(tp: Type) -> str:
    """A column type as the card's table shows it: ``list<string>``, ``list<struct<path: string, ...>>``."""
    if isinstance(tp, str):
        return tp
    inner = tp[0]
    if isinstance(inner, str):
        return f"list<{inner}>"
    return "list<struct<" + ", ".join(f"{n}: {t}" for n, t in inner) + ">>"


def yaml_features(indent: str = "  ") -> list[str]:
    """``dataset_info.features`` as YAML lines, in the form ``datasets`` writes it
    (``Features._to_yaml_list``): ``dtype`` for a value, ``list`` for a list."""
    out: list[str] = []
    for name, tp, _what in FEATURES:
        out.append(f"{indent}- name: {name}")
        if isinstance(tp, str):
            out.append(f"{indent}  dtype: {tp}")
        elif isinstance(tp[0], str):
            out.append(f"{indent}  list: {tp[0]}")
        else:
            out.append(f"{indent}  list:")
            for field, field_type in tp[0]:
                out += [f"{indent}  - name: {field}", f"{indent}    dtype: {field_type}"]
    return out


def arrow_schema() -> Any:
    """The Parquet schema (needs pyarrow, the parquet extra)."""
    import pyarrow as pa  # optional dependency (the parquet extra)

    scalar = {"string": pa.string(), "int64": pa.int64()}

    def arrow(tp: Type) -> Any:
        if isinstance(tp, str):
            return scalar[tp]
        inner = tp[0]
        if isinstance(inner, str):
            return pa.list_(scalar[inner])
        return pa.list_(pa.struct([(n, scalar[t]) for n, t in inner]))

    return pa.schema([(name, arrow(tp)) for name, tp, _what in FEATURES])


MIN_LANGUAGE_SHARE = 0.05
"""A language is listed when at least this share of the records that could be told are in
it: one short record misread (a list of terms) does not make a dataset bilingual."""


def languages(records: Sequence[dict[str, Any]]) -> list[tuple[str, int]]:
    """(ISO 639-1 code, records) of the languages the records are written in, most first
    (ties by code). A record too short to tell, or in a Latin-script language the
    identifier does not know, counts for none."""
    counts: Counter[str] = Counter()
    for record in records:
        language = langid.guess(f"{record['question']}\n{record['answer_text']}").language
        if language and language != langid.OTHER:
            counts[language] += 1
    told = sum(counts.values())
    return sorted(((code, n) for code, n in counts.items() if n >= MIN_LANGUAGE_SHARE * told),
                  key=lambda kv: (-kv[1], kv[0]))
