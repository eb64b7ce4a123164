"""The canonical schema every parser produces and every rule reads.

All classes are frozen, slotted dataclasses: records travel between processes and into
caches, so they must be plain, hashable values. Lines are 1-based and inclusive; columns
are 1-based. Character offsets index ``Document.text`` (the decoded file, line endings
exactly as in the file), so a rule can turn any match back into a line and column with
``Document.locate``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True, slots=True)
class Span:
    """A range of whole lines in one file."""

    path: str
    """The file's path as the user gave it (relative to the current folder when possible)."""
    line_start: int
    """First line, 1-based."""
    line_end: int
    """Last line, 1-based, inclusive."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image reference (``![alt](target)`` or ``<img src>``) inside a record or section."""

    target: str
    """The target exactly as written (may be empty, relative or absolute)."""
    alt: str
    """The alt text as plain text ("" when missing)."""
    line: int
    """1-based line of the image in the file."""


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink (``[text](target)``, autolink or bare URL) inside a record or section."""

    target: str
    """The href exactly as written."""
    text: str
    """The link's visible text as plain text."""
    line: int
    """1-based line of the link in the file."""


@dataclass(frozen=True, slots=True)
class Record:
    """One question with its answer, or one topic note."""

    id: str
    """Stable id: hash of the file's corpus-relative path, the normalised question and its
    occurrence among equal questions of that file. Reordering the file or editing other
    files does not change it."""
    kind: str
    """``"question"`` or ``"topic"``."""
    question: str
    """The question (or topic heading) as plain text, numbering and emphasis stripped."""
    number: str | None
    """The question's number as written ("18", "Q1", "a"), or None."""
    question_md: str
    """The Markdown source of the question line(s), untouched."""
    answer_md: str
    """The answer's Markdown source, untouched (line endings as in the file)."""
    answer_text: str
    """The answer as plain text; code blocks kept as their own paragraphs."""
    answer_offset: int
    """Offset in ``Document.text`` where ``answer_md`` starts:
    ``doc.text[answer_offset:answer_offset + len(answer_md)] == answer_md``."""
    topic_path: tuple[str, ...]
    """Enclosing non-question headings, outermost first."""
    images: tuple[Image, ...]
    """Images in the answer."""
    links: tuple[Link, ...]
    """Links in the question and answer."""
    span: Span
    """Lines of the whole record: question line through the last answer line."""
    layout: str
    """Which layout parser found it: heading, bold, plain, list, details, table, anki, spaced, section."""
    level: int | None = None
    """Heading level (1-6) of a heading question or topic, else None."""
    body: str = ""
    """What the question shows that its Markdown source does not hold below its line (a
    table row's option cells, one per line), else ""."""

    @property
    def is_question(self) -> bool:
        return self.kind == "question"


@dataclass(frozen=True, slots=True)
class Section:
    """Content that belongs to no record: a preface, a table of contents, an image-only
    section. Kept so rules (image-only content, links) still see it."""

    kind: str
    """``"preface"``, ``"section"`` (headed section that is no record), ``"toc"`` or
    ``"outro"`` (what follows the last answer after a break: navigation, a closing note)."""
    heading: str
    """The heading as plain text ("" for a preface)."""
    markdown: str
    """The Markdown source of the section body."""
    offset: int
    """Offset of ``markdown`` in ``Document.text``."""
    span: Span
    """Lines of the section, heading included."""
    images: tuple[Image, ...] = ()
    """Images in the section."""
    links: tuple[Link, ...] = ()
    """Links in the section."""
    topic_path: tuple[str, ...] = ()
    """Enclosing headings, outermost first."""


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed Markdown file."""

    path: str
    """Display path (as given on the command line, relative to the current folder)."""
    rel_path: str
    """Path relative to the corpus root, POSIX separators; the basis of record ids."""
    text: str
    """Decoded text, BOM removed, line endings exactly as in the file."""
    records: tuple[Record, ...] = ()
    """Records in file order."""
    extras: tuple[Section, ...] = ()
    """Content that belongs to no record."""
    line_starts: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """Offset of the first character of each line (computed when empty)."""

    def __post_init__(self) -> None:
        if not self.line_starts:
            object.__setattr__(self, "line_starts", compute_line_starts(self.text))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` without its line ending."""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def lines(self) -> Iterator[tuple[int, str]]:
        """(number, text) for every line, without line endings."""
        for number in range(1, len(self.line_starts) + 1):
            yield number, self.line(number)

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into ``text``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        index = max(index, 0)
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be read as Markdown (reported as QA000 unreadable-file)."""

    path: str
    """Display path of the file."""
    message: str
    """What went wrong, in words a user understands."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Every document found under the given paths, plus the files that could not be read."""

    root: Path
    """Absolute corpus root: nothing outside it is ever read."""
    documents: tuple[Document, ...] = ()
    """Parsed documents, sorted by rel_path."""
    problems: tuple[Problem, ...] = ()
    """Unreadable files, sorted by path."""

    def records(self) -> Iterator[tuple[Document, Record]]:
        for doc in self.documents:
            for record in doc.records:
                yield doc, record

    def document(self, path: str) -> Document | None:
        for doc in self.documents:
            if doc.path == path or doc.rel_path == path:
                return doc
        return None


def compute_line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines begin; "\\r\\n", "\\n" and a lone "\\r" all end a line, as in
    markdown-it-py, so token line maps and these offsets agree."""
    starts = [0]
    starts.extend(m.end() for m in _LINE_END.finditer(text))
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()  # a final line ending does not start a new line
    return tuple(starts)


_LINE_END = re.compile(r"\r\n|\r|\n")
