"""Outlines: what a run keeps of a parsed file once its worker is done with it.

A lint run must not hold every parsed document of a large corpus (the text, each
answer's Markdown and plain text, links, images: dozens of bytes per byte of notes).
The worker that parses a file sends back an *outline*: the file's paths, its line
starts (4 bytes a line) and, per record, its id, kind, question, number, line span and
answer offsets and topic path; everything a corpus rule, a suppression, a scope or a report placing a
finding needs. An outline *is a* :class:`Document` and its records are :class:`Record`
values: the fields it does not keep (the text, ``answer_md`` ...) are read on first use
from a loader (the parsed-document cache, else the file parsed again), a few documents at
a time. The built-in corpus rules never ask for them; a report showing source lines or a
plugin reading answers still gets the right text, just not for free.
"""

from __future__ import annotations

import array
import base64
import collections
import sys
import threading
from typing import Any, Callable, Iterator

from curate.corpus.model import Document, Record, Section, Span

Loader = Callable[[], Document]

_KEEP = 8
"""Whole documents kept loaded at once (a report reads one file's lines after another)."""


class _Loaded:
    """The last few documents loaded by outlines: bounded, shared, thread-safe."""

    def __init__(self) -> None:
        self._docs: collections.OrderedDict[int, tuple[DocumentOutline, Document]] = collections.OrderedDict()
        self._lock = threading.Lock()
        self.loads = 0
        """Documents loaded so far (tests check the corpus step loads none)."""

    def get(self, outline: DocumentOutline) -> Document:
        key = id(outline)  # unique while the entry holds the outline itself
        with self._lock:
            entry = self._docs.get(key)
            if entry is not None and entry[0] is outline:
                self._docs.move_to_end(key)
                return entry[1]
        doc: Document = outline._loader()
        with self._lock:
            self.loads += 1
            self._docs[key] = (outline, doc)
            while len(self._docs) > _KEEP:
                self._docs.popitem(last=False)
        return doc


LOADED = _Loaded()


_SET = object.__setattr__


class RecordOutline(Record):
    """A record without its Markdown and plain text (read on first use)."""

    __slots__ = ("_doc", "_index", "answer_end")
    _doc: DocumentOutline
    _index: int
    answer_end: int

    def __init__(self, doc: DocumentOutline, index: int, data: list[Any]) -> None:
        rid, kind, question, number, start, end, answer_offset, answer_end, layout, level, topics = data
        put = _SET  # one call per field, no loop: a warm run outlines every record of the corpus
        put(self, "id", rid)
        put(self, "kind", kind)
        put(self, "question", question)
        put(self, "number", number)
        put(self, "topic_path", tuple(topics))
        put(self, "answer_offset", answer_offset)
        put(self, "span", Span(doc.path, start, end))
        put(self, "layout", layout)
        put(self, "level", level)
        put(self, "_doc", doc)
        put(self, "_index", index)
        put(self, "answer_end", answer_end)

    def _full(self) -> Record:
        return self._doc.load().records[self._index]

    @property
    def question_md(self) -> str:
        return self._full().question_md

    @property
    def answer_md(self) -> str:
        return self._full().answer_md

    @property
    def answer_text(self) -> str:
        return self._full().answer_text

    @property
    def body(self) -> str:
        return self._full().body

    @property
    def images(self) -> Any:
        return self._full().images

    @property
    def links(self) -> Any:
        return self._full().links

    def __reduce__(self) -> Any:  # pickled as the full record (an outline's loader stays home)
        return _same, (self._full(),)

    def __repr__(self) -> str:
        return f"RecordOutline(id={self.id!r}, question={self.question!r}, span={self.span!r})"


class DocumentOutline(Document):
    """A document without its text: paths, line starts, record outlines and the
    suppression comments found by the worker (``directives``, plain JSON)."""

    __slots__ = ("_loader", "directives")
    _loader: Loader
    directives: tuple[Any, ...]

    def __init__(self, path: str, rel_path: str, data: dict[str, Any], loader: Loader) -> None:
        starts = array.array("I")
        starts.frombytes(base64.b64decode(data["lines"]))
        if sys.byteorder != "little":
            starts.byteswap()
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "rel_path", rel_path)
        object.__setattr__(self, "line_starts", starts)
        object.__setattr__(self, "_loader", loader)
        object.__setattr__(self, "directives", tuple(data.get("directives") or ()))
        object.__setattr__(self, "records", tuple(RecordOutline(self, i, r) for i, r in enumerate(data["records"])))

    def load(self) -> Document:
        """The whole document (a few are kept; others are loaded again)."""
        return LOADED.get(self)

    @property
    def text(self) -> str:
        return self.load().text

    @property
    def extras(self) -> tuple[Section, ...]:
        return self.load().extras

    def line(self, number: int) -> str:
        return self.load().line(number)

    def lines(self) -> Iterator[tuple[int, str]]:
        return self.load().lines()

    def __reduce__(self) -> Any:  # pickled as the whole document
        return _same, (self.load(),)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"DocumentOutline(path={self.path!r}, records={len(self.records)})"


def _same(value: Any) -> Any:
    """Unpickles an outline as the whole value it stood for."""
    return value


def outline_json(doc: Document, directives: list[Any] | None = None) -> dict[str, Any]:
    """The outline of a parsed document as JSON (computed in the worker that parsed it)."""
    starts = array.array("I", doc.line_starts)
    if sys.byteorder != "little":
        starts.byteswap()
    return {
        "lines": base64.b64encode(starts.tobytes()).decode("ascii"),
        "records": [[r.id, r.kind, r.question, r.number, r.span.line_start, r.span.line_end, r.answer_offset,
                     answer_end(r), r.layout, r.level, list(r.topic_path)] for r in doc.records],
        "directives": directives or [],
    }


def answer_end(record: Record) -> int:
    """Offset just after the answer's last non-blank character."""
    stored = getattr(record, "answer_end", None)
    if isinstance(stored, int):
        return stored
    return record.answer_offset + len(record.answer_md.rstrip())


def has_answer(record: Record) -> bool:
    """True when the record's answer is not blank (read from the outline when it is one)."""
    return answer_end(record) > record.answer_offset
