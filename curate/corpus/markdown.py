"""Markdown text -> Document of Records (PROVISIONAL: heading layout only).

The full parser (every layout in ``layouts/``) replaces this module; its public entry
point ``parse_document(text, path, rel_path) -> Document`` stays the same.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from curate.corpus.model import Document, Image, Link, Record, Span
from curate.corpus.text import normalize_question, record_id

_MD = MarkdownIt("commonmark")
_QUESTION_START = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|is|are|can|could|do|does|did|should|would|will|"
    r"explain|describe|discuss|compare|list|define|name|give)\b",
    re.I,
)
_NUM = re.compile(r"^\s*(\d+)\s*[.)]\s*")


def _plain(md: str) -> str:
    return re.sub(r"[*_`#]+", "", md).strip()


def parse_document(text: str, path: str, rel_path: str) -> Document:
    doc = Document(path=path, rel_path=rel_path, text=text)
    tokens = _MD.parse(text)
    heads = [
        (tok.map[0], int(tok.tag[1]), tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.map
    ]
    records = []
    seen: dict[str, int] = {}
    for idx, (line0, level, content) in enumerate(heads):
        end0 = heads[idx + 1][0] if idx + 1 < len(heads) else doc.line_count
        number = None
        m = _NUM.match(_plain(content))
        q = _plain(content)
        if m:
            number, q = m.group(1), q[m.end() :]
        is_q = q.endswith("?") or bool(_QUESTION_START.match(q))
        start = doc.offset(line0 + 2) if line0 + 2 <= doc.line_count else len(text)
        stop = doc.offset(end0 + 1) if end0 + 1 <= doc.line_count else len(text)
        answer = text[start:stop] if start < stop else ""
        key = normalize_question(q)
        occ = seen.get(key, 0)
        seen[key] = occ + 1
        records.append(
            Record(
                id=record_id(rel_path, q, occ),
                kind="question" if is_q else "topic",
                question=q,
                number=number,
                question_md=doc.line(line0 + 1),
                answer_md=answer,
                answer_text=_plain(answer),
                answer_offset=start,
                topic_path=(),
                images=tuple(Image(m.group(2), m.group(1), doc.locate(start + m.start())[0]) for m in re.finditer(r"!\[([^\]]*)\]\(([^)]*)\)", answer)),
                links=tuple(Link(m.group(2), m.group(1), doc.locate(start + m.start())[0]) for m in re.finditer(r"(?<!!)\[([^\]]*)\]\(([^)]*)\)", answer)),
                span=Span(path, line0 + 1, max(line0 + 1, end0)),
                layout="heading",
                level=level,
            )
        )
    return Document(path=path, rel_path=rel_path, text=text, records=tuple(records), line_starts=doc.line_starts)
