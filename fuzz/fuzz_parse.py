"""Coverage-guided fuzzing of the parser with atheris (``make fuzz``; not part of ``make test``).

Each input is decoded as UTF-8 (invalid bytes replaced) and parsed; the parser must not
raise, and the schema's invariants must hold: spans inside the file, records in order and
not overlapping, and each answer the exact slice of the text it claims to be. The same
bytes are also read as a file would be (the loader's strict ``decode`` may only refuse with
``DecodeError``) and as a file name (what reports print of it must be one line of
encodable text: hostile names once forged CI commands and broke the JSON report).
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports():
    from curate.corpus.loader import DecodeError, decode, printable_path
    from curate.corpus.markdown import parse_document


def check_bytes_as_file_and_name(data: bytes) -> None:
    try:
        decode(data)
    except DecodeError:
        pass
    name = os.fsdecode(data[:255])
    shown = printable_path(name)
    shown.encode("utf-8")
    assert not any(ch in shown for ch in "\n\r\x1b\x00\u2028\u2029"), repr(shown)


def check(data: bytes) -> None:
    check_bytes_as_file_and_name(data)
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
