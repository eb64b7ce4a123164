"""Words the spelling check accepts: the built-in field vocabulary, the project's word
list (``words``) and word file (``words-file``, inside the corpus root)."""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Iterable

_BUILTIN = "vocabulary.txt"
_NAMEISH = re.compile(r"^.+[A-Z]|\d")  # an upper-case letter after the first, or a digit
_EDGE = "'’\".,;:!?()[]{}*_`"
_NOT_A_WORD = re.compile(r"[./\\_@{}$=<>|#~^+*%]")  # file names, paths, domains, formulas, code


def parse_words(text: str) -> set[str]:
    """Words of a word-list file: one a line, ``#`` comments, blank lines ignored."""
    out = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line)
    return out


@functools.lru_cache(maxsize=1)
def builtin_words() -> frozenset[str]:
    """The shipped field vocabulary (``curate/rules/data/vocabulary.txt``)."""
    text = resources.files("curate.rules").joinpath("data").joinpath(_BUILTIN).read_text(encoding="utf-8")
    return frozenset(parse_words(text))


def read_words_file(path: str, root: Path | None) -> tuple[set[str], str | None]:
    """Words of ``path`` (relative to ``root``: the config's folder, else the corpus
    root), and a problem if it cannot be read. Never reads outside ``root``."""
    if not path:
        return set(), None
    base = Path(root) if root is not None else Path.cwd()
    target = (base / path).resolve()
    try:
        target.relative_to(base.resolve())
    except ValueError:
        return set(), f"words-file {path!r} is outside {base}; ignored"
    try:
        return parse_words(target.read_text(encoding="utf-8")), None
    except (OSError, UnicodeDecodeError) as exc:
        return set(), f"words-file {path!r} cannot be read: {exc}"


class Vocabulary:
    """Case-insensitive word set with plural and possessive forms accepted."""

    def __init__(self, words: Iterable[str] = (), *, builtin: bool = True, ignore_mixed_case: bool = True):
        base = set(builtin_words()) if builtin else set()
        base.update(words)
        self.words = frozenset(w.lower() for w in base)
        self.ignore_mixed_case = ignore_mixed_case

    def accepts(self, word: str, token: str = "") -> bool:
        """True when ``word`` is known here and must not be reported as misspelt.
        ``token`` is the whitespace-delimited text around it: a word inside a file name,
        path, domain or formula ("README.md", "x_i", "$\\textbf{x}$") is not prose."""
        if token and _NOT_A_WORD.search(token.strip(_EDGE)):
            return True
        word = word.strip(_EDGE)
        if len(word) < 2:
            return True  # a stray letter is a tokenisation artefact, not a typo
        if not word.isascii():
            return True  # mojibake and non-English words are other rules' business
        if self.ignore_mixed_case and _NAMEISH.search(word):
            return True  # acronyms, CamelCase product names, model names with numbers
        lower = word.lower()
        for form in (lower, lower.removesuffix("'s"), lower.removesuffix("’s"), lower.removesuffix("s"),
                     lower.removesuffix("es")):
            if form in self.words:
                return True
        return False
