"""Parsed documents in the on-disk cache, so an unchanged file is never parsed twice.

The pre-commit hook checks one changed file against a corpus of thousands: every other
file still has to take part (duplicates), but its records come from here. An entry is
keyed by the file's content hash, its corpus path (record ids depend on it) and the
parser version (a hash of the parser's own source), so an edited file, a moved file or a
new parser all miss the cache and are parsed afresh; nothing stale is ever trusted.

Values are plain JSON (namespace ``parsed`` of ``curate.cache.Cache``); the document text
is not stored: it is read from the file anyway to compute the hash.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib import resources
from typing import Any, Callable, Sequence

import markdown_it

from curate._version import __version__
from curate.corpus.loader import LoadOptions, read_texts
from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus, Document, Image, Link, Record, Section, Span

NAMESPACE = "parsed"
FORMAT = 3
"""Bump when the JSON shape below changes."""

Parser = Callable[[str, str, str], Document]


@functools.lru_cache(maxsize=1)
def parser_version() -> str:
    """A hash of every module of ``curate.corpus`` (the parser and its layouts) and of
    markdown-it-py's version (the parser replays some of its rules): any change to the
    parsing code invalidates the cached documents."""

    digest = hashlib.sha256(f"format {FORMAT}\x1fmarkdown-it-py {markdown_it.__version__}".encode())
    try:
        package = resources.files("curate.corpus")
        stack = [package]
        files = []
        while stack:
            folder = stack.pop()
            for item in folder.iterdir():
                if item.is_dir() and item.name != "__pycache__":
                    stack.append(item)
                elif item.name.endswith(".py"):
                    files.append(item)
        for item in sorted(files, key=lambda f: str(f)):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    except (OSError, TypeError, ModuleNotFoundError):  # zipped or unusual install: never reuse

        digest.update(__version__.encode())
    return digest.hexdigest()[:16]


def cache_key(text: str, rel_path: str) -> str:
    return key_for(content_hash(text), rel_path)


def content_hash(text: str) -> str:
    """SHA-256 of a file's text (what a file manifest may remember for an unchanged file)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def key_for(content: str, rel_path: str) -> str:
    """The parsed-document key of a file whose text has ``content_hash`` ``content``."""
    basis = f"{parser_version()}\x1f{rel_path}\x1f{content}"
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


# -- to and from JSON ---------------------------------------------------------------------


def _images(items: Sequence[Image]) -> list[list[Any]]:
    return [[i.target, i.alt, i.line] for i in items]


def _links(items: Sequence[Link]) -> list[list[Any]]:
    return [[k.target, k.text, k.line] for k in items]


def document_to_json(doc: Document) -> dict[str, Any]:
    """Everything but the text and the display path (both are known when reading); line
    starts are kept because rescanning 10,000 texts costs more than reading them."""
    return {
        "f": FORMAT,
        "rel": doc.rel_path,
        "ls": list(doc.line_starts),
        "records": [
            {
                "id": r.id,
                "kind": r.kind,
                "q": r.question,
                "n": r.number,
                "qmd": r.question_md,
                "amd": r.answer_md,
                "atext": r.answer_text,
                "off": r.answer_offset,
                "topic": list(r.topic_path),
                "img": _images(r.images),
                "lnk": _links(r.links),
                "span": [r.span.line_start, r.span.line_end],
                "layout": r.layout,
                "level": r.level,
                "body": r.body,
            }
            for r in doc.records
        ],
        "extras": [
            {
                "kind": s.kind,
                "h": s.heading,
                "md": s.markdown,
                "off": s.offset,
                "span": [s.span.line_start, s.span.line_end],
                "img": _images(s.images),
                "lnk": _links(s.links),
                "topic": list(s.topic_path),
            }
            for s in doc.extras
        ],
    }


def document_from_json(data: dict[str, Any], text: str, path: str) -> Document:
    """Rebuild the Document; raises KeyError/TypeError/ValueError on a bad entry."""
    if data.get("f") != FORMAT:
        raise ValueError("old cache format")
    records = tuple(
        Record(
            id=r["id"],
            kind=r["kind"],
            question=r["q"],
            number=r["n"],
            question_md=r["qmd"],
            answer_md=r["amd"],
            answer_text=r["atext"],
            answer_offset=r["off"],
            topic_path=tuple(r["topic"]),
            images=tuple(Image(*i) for i in r["img"]),
            links=tuple(Link(*k) for k in r["lnk"]),
            span=Span(path, r["span"][0], r["span"][1]),
            layout=r["layout"],
            level=r["level"],
            body=r["body"],
        )
        for r in data["records"]
    )
    extras = tuple(
        Section(
            kind=s["kind"],
            heading=s["h"],
            markdown=s["md"],
            offset=s["off"],
            span=Span(path, s["span"][0], s["span"][1]),
            images=tuple(Image(*i) for i in s["img"]),
            links=tuple(Link(*k) for k in s["lnk"]),
            topic_path=tuple(s["topic"]),
        )
        for s in data["extras"]
    )
    line_starts = tuple(data["ls"])  # decoding ints is far cheaper than rescanning the text
    if len(line_starts) > 1 and line_starts[-1] > len(text):
        raise ValueError("line starts do not fit the text")
    return Document(path=path, rel_path=data["rel"], text=text, records=records, extras=extras, line_starts=line_starts)


# -- loading through the cache ----------------------------------------------------------------


def load_corpus(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache: Any | None,
    root: str | os.PathLike[str] | None = None,
    options: LoadOptions | None = None,
    parse: Parser | None = None,
) -> Corpus:
    """``curate.corpus.loader.load_corpus`` where unchanged files reuse their parsed
    records from ``cache`` (a ``curate.cache.store.Cache``; None or disabled: parse all)."""
    root_path, texts, problems = read_texts(paths, root=root, options=options)
    documents = parse_many(texts, parse or parse_document, cache)
    return Corpus(root=root_path, documents=tuple(documents), problems=tuple(problems))


def parse_many(
    items: Sequence[tuple[str, str, str]],
    parse: Parser,
    cache: Any | None,
) -> list[Document]:
    """Parse ``(text, display path, rel_path)`` items, reusing cached documents and
    storing new ones (one read query per 500 files, one write transaction)."""
    if cache is None or not getattr(cache, "enabled", False):
        return [parse(text, path, rel) for text, path, rel in items]
    keys = [cache_key(text, rel) for text, _, rel in items]
    found = cache.get_many(NAMESPACE, keys)
    docs: list[Document] = []
    fresh: list[tuple[str, Any]] = []
    for key, (text, path, rel) in zip(keys, items):
        data = found.get(key)
        doc = None
        if isinstance(data, dict) and data.get("rel") == rel:
            try:
                doc = document_from_json(data, text, path)
            except (KeyError, TypeError, ValueError, IndexError):
                doc = None  # a damaged entry is parsed again and overwritten
        if doc is None:
            doc = parse(text, path, rel)
            fresh.append((key, document_to_json(doc)))
        docs.append(doc)
    if fresh:
        cache.put_many(NAMESPACE, fresh)
    return docs
