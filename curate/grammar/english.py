"""A general English word list beside Harper's dictionary, for the words of every field.

Harper's dictionary is made for everyday and software prose: notes of medicine, law or
typesetting use real words it lacks (pleural, sclera, grantor, latex), and QA502 took
them for typos. pyspellchecker (MIT, pure Python) ships a list of some 160,000 English
words drawn from a large body of subtitles and cleaned by its maintainers: it holds
such words and few slips, since a slip is rarely written often enough to be counted
(of 7,727 one-letter slips of common words that Harper rejects, it holds 18). The list
is read once per process, and only when a word is to be judged."""

from __future__ import annotations

import functools
import gzip
from importlib import resources

_GLUE = ("in", "on", "at", "to", "of", "up", "as", "by", "no")
"""Two-letter function words that a writer runs into the next word ("incase")."""
_GLUED_REST = 4


SET_AFTER = 200
"""Lookups answered by searching the list's text before its word set is built: a run that
asks about a few words (the pre-commit hook, one edited file) does not pay the 0.7 s the
set of 160,000 words takes to build; a run that asks about many builds it once."""


@functools.lru_cache(maxsize=1)
def _list_text() -> str:
    """The list as its JSON text ``{"word": count, ...}``, lower case ('' when the package
    is missing or the text holds escapes)."""
    try:
        data = resources.files("spellchecker").joinpath("resources").joinpath("en.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return ""
    text = gzip.decompress(data).decode("utf-8")
    return text if text.startswith("{") and "\\" not in text else ""


@functools.lru_cache(maxsize=1)
def general_words() -> frozenset[str]:
    """The list as a set, lower case (empty when the package is missing)."""
    text = _list_text()
    # a flat {"word": count, ...} without escapes: the keys are every other quoted string
    return frozenset(text.split('"')[1::2]) if text else frozenset()


class _Lookup:
    """Membership in the list: a search of its text for the first ``SET_AFTER`` words,
    the set after that."""

    asked = 0

    @classmethod
    def holds(cls, word: str) -> bool:
        if general_words.cache_info().currsize or cls.asked >= SET_AFTER:
            return word in general_words()
        cls.asked += 1
        return '"' not in word and f'"{word}":' in _list_text()


def vouches(word: str) -> bool:
    """True when the general list holds ``word`` (any case, a possessive dropped), unless
    it reads as a short function word run into a listed word ("incase" for "in case":
    the list keeps some such archaic forms, and a writer who runs them together means
    two words)."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    if not _Lookup.holds(w):
        return False
    return not (w[:2] in _GLUE and len(w) - 2 >= _GLUED_REST and _Lookup.holds(w[2:]))
