"""The C stemmer (PyStemmer, a dependency for speed) gives the stems the pure-Python
Snowball stemmer gives: question and answer fingerprints must not depend on which one
snowballstemmer picked."""

from __future__ import annotations

import re
from pathlib import Path

from snowballstemmer.english_stemmer import EnglishStemmer

from curate.dedup import tokens

_WORD = re.compile(r"[^\W_]+(?:\.\d+)*")


def _words(root: Path) -> list[str]:
    found: set[str] = set()
    for path in sorted(root.rglob("*.md")):
        found.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace").casefold()))
    return sorted(found)


def _same_stems(words: list[str]) -> None:
    pure = EnglishStemmer()
    assert type(tokens._STEMMER).__module__ == "Stemmer", "PyStemmer is not installed: stemming runs in pure Python"
    differ = [(w, pure.stemWord(w), tokens._STEMMER.stemWord(w)) for w in words
              if pure.stemWord(w) != tokens._STEMMER.stemWord(w)]
    assert not differ, differ[:10]


def test_c_stemmer_matches_pure_python_on_the_seed_notes(seeds: Path) -> None:
    words = _words(seeds)
    assert len(words) > 1000
    _same_stems(words)


def test_c_stemmer_matches_pure_python_on_the_real_collections(corpora: Path) -> None:
    _same_stems(_words(corpora))


def test_stem_keeps_short_words_and_numbers() -> None:
    assert tokens.stem("prevention") == tokens.stem("prevented") == "prevent"
    assert tokens.stem("gan") == "gan"
    assert tokens.stem("3.5") == "3.5"
