"""Is a single word spelt right? Asked of the backend once per distinct word per process.

Used where a word must be judged on its own (the stems of derived words, the word list
``curate words`` writes), so a corpus of thousands of files asks about each distinct
word once, not once per occurrence."""

from __future__ import annotations

import threading
from typing import Iterable

from curate.grammar.backends import Backend

_KNOWN: dict[tuple[str, str], bool] = {}
_LOCK = threading.Lock()


def known_words(words: Iterable[str], backend: Backend) -> set[str]:
    """The words of ``words`` the backend's spelling check accepts on their own."""
    words = sorted(set(words))
    with _LOCK:
        todo = [w for w in words if (backend.key, w) not in _KNOWN]
    if todo:
        results = backend.check(todo)
        with _LOCK:
            for word, matches in zip(todo, results):
                _KNOWN[(backend.key, word)] = not any(m.kind == "spelling" for m in matches)
    with _LOCK:
        return {w for w in words if _KNOWN.get((backend.key, w))}


def forget() -> None:
    """Drop the memo (tests)."""
    with _LOCK:
        _KNOWN.clear()
