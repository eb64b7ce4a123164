"""Coverage-guided fuzzing of the parser with atheris (``make fuzz``; not part of ``make test``).

Each input is decoded as UTF-8 (invalid bytes replaced) and parsed; the parser must not
raise, and the schema's invariants must hold: spans inside the file, records in order and
not overlapping, and each answer the exact slice of the text it claims to be.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from curate.corpus.markdown import parse_document


def check(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    doc = parse_document(text, "fuzz.md", "fuzz.md")
    last_end = 0
    for record in doc.records:
        span = record.span
        assert 1 <= span.line_start <= span.line_end <= doc.line_count, (span, doc.line_count)
        assert span.line_start > last_end, "records overlap"
        last_end = span.line_end
        sliced = doc.text[record.answer_offset : record.answer_offset + len(record.answer_md)]
        assert sliced == record.answer_md, "answer_md is not the text at answer_offset"


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
