"""Text normalisation shared by ids, duplicate detection and the build."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NUMBERING = re.compile(r"^\s*(?:(?:q(?:uestion)?\s*)?\d+(?:\.\d+)*\s*[.):\-–]?|q\s*\d*\s*[:.)])\s*", re.I)
_EMPHASIS = re.compile(r"[*_`~]+")
_PUNCT = re.compile(r"[^\w\s.]|(?<!\d)\.|\.(?!\d)")
_SPACE = re.compile(r"\s+")


def normalize_question(text: str) -> str:
    """The comparison key of a question: NFKC, case-folded, leading numbering, emphasis
    and punctuation removed, whitespace collapsed. Digits and version strings (GPT-3.5,
    HTTP/2) keep their digits."""
    text = unicodedata.normalize("NFKC", text)
    text = _EMPHASIS.sub("", text)
    text = _NUMBERING.sub("", text, count=1)
    text = text.casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def record_id(rel_path: str, question: str, occurrence: int = 0) -> str:
    """Stable record id: depends only on the file's corpus path, the normalised question
    and which occurrence of that question in the file it is."""
    return record_id_for_key(rel_path, normalize_question(question), occurrence)


def record_id_for_key(rel_path: str, key: str, occurrence: int = 0) -> str:
    """``record_id`` when the normalised question is already at hand (the parser has it)."""
    basis = f"{rel_path}\x1f{key}\x1f{occurrence}"
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
