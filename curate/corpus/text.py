"""Text normalisation shared by ids, duplicate detection and the build."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NUMBERING = re.compile(r"^\s*(?:(?:q(?:uestion)?\s*)?\d+(?:\.\d+)*\s*[.):\-–]?|q\s*\d*\s*[:.)])\s*", re.I)
_EMPHASIS = re.compile(r"[*_`~]+")
_PUNCT = re.compile(r"[^\w\s.]|(?<!\d)\.|\.(?!\d)")
_SPACE = re.compile(r"\s+")
_LANGUAGE_SYMBOL = re.compile(r"(?<![\w+#])([a-z])(\+\+|#)(?![\w+#])", re.I)
_OPERATOR = re.compile(r"(?<![^\s(\"'`])[=!<>&|+\-/%^:?.@$]{1,5}(?=$|[\s)\"'`,;])")
_WHOLE_OPERATORS = frozenset({"::", "?.", "??", ":=", "//"})
_PROSE = frozenset({"--", "---", "..", "...", "?!", "!!", "!?", "??!"})
_SYMBOL_NAMES = {"++": "plusplus", "#": "sharp"}


def _symbol_word(match: re.Match[str]) -> str:
    """An operator of two characters or more as a word of its own, named by its code points: ``==`` and ``===``
    never read alike, and the digits make duplicate detection want them equal. Sentence
    punctuation after it ("What does == do?", "... and ==?") stays punctuation."""
    token = match.group(0)
    while len(token) > 1 and token[-1] in "?.!:" and token not in _WHOLE_OPERATORS:
        token = token[:-1]
    if len(token) < 2 or token in _PROSE:
        return match.group(0)  # "Q & A", "a = b", a dash, an ellipsis: punctuation as before
    return " op" + "".join(f"{ord(c):x}" for c in token) + " "


def _symbols_as_words(text: str) -> str:
    """Keep what punctuation stripping would lose from questions about code: "C#" is
    not "C", and "What does && do?" is not "What does || do?"."""
    text = _LANGUAGE_SYMBOL.sub(lambda m: m.group(1) + _SYMBOL_NAMES[m.group(2)], text)
    return _OPERATOR.sub(_symbol_word, text)


def normalize_question(text: str) -> str:
    """The comparison key of a question: NFKC, case-folded, leading numbering, emphasis
    and punctuation removed, whitespace collapsed. Digits and version strings (GPT-3.5,
    HTTP/2) keep their digits."""
    text = unicodedata.normalize("NFKC", text)
    text = _symbols_as_words(text)
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
