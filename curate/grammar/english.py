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
import json
from importlib import resources

_GLUE = ("in", "on", "at", "to", "of", "up", "as", "by", "no")
"""Two-letter function words that a writer runs into the next word ("incase")."""
_GLUED_REST = 4


@functools.lru_cache(maxsize=1)
def general_words() -> frozenset[str]:
    """The list, lower case (empty when the package is missing)."""
    try:
        data = resources.files("spellchecker").joinpath("resources").joinpath("en.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    text = gzip.decompress(data).decode("utf-8")
    if text.startswith("{") and "\\" not in text:
        # a flat {"word": count, ...} without escapes: the keys are every other quoted
        # string, read in half the time of a JSON parse (the counts are not needed)
        return frozenset(text.split('"')[1::2])
    words = json.loads(text)
    return frozenset(words) if isinstance(words, dict) else frozenset()


def vouches(word: str) -> bool:
    """True when the general list holds ``word`` (any case, a possessive dropped), unless
    it reads as a short function word run into a listed word ("incase" for "in case":
    the list keeps some such archaic forms, and a writer who runs them together means
    two words)."""
    words = general_words()
    w = word.lower().replace("’", "'").removesuffix("'s")
    if w not in words:
        return False
    return not (w[:2] in _GLUE and len(w) - 2 >= _GLUED_REST and w[2:] in words)
