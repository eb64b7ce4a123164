"""Spelling at dictionary speed: each distinct word of a run is judged once.

A paragraph checker spends its time on every occurrence of every word; but spelling is
a property of a word, not of its sentence. So QA502 (offline) cuts the prose into
words, judges each distinct word once per process against a word set (the memo of
words already judged; the field's vocabulary and the corpus's words are applied by the
rule) and asks the heavy engine (Harper) only about words not yet judged, all in one
batch, for a verdict and suggestions. Occurrences of a misspelt word then become
issues at their exact source offsets, like the paragraph checker's.

Given a store (the run's cache), verdicts also outlive the process: they are kept per
word under the engine's key (its version, dialect and rules), so the corpus step of a
warm run (the pre-commit hook) asks the engine only about words no run has judged.
A verdict depends on the word and the engine alone, so a stored one is never stale."""

from __future__ import annotations

import json
import re
import threading
from typing import Any, Iterable, Sequence

from curate.grammar.backends import Backend, Match
from curate.grammar.checker import Issue, _mid_sentence, _name_like, _next_word, _token
from curate.grammar.prose import Paragraph

_VERDICTS: dict[tuple[str, str], tuple[str, ...] | None] = {}
"""(backend key, word) → None when spelt right, else the suggestions."""
_LOCK = threading.Lock()
_UNSTORED: list[tuple[str, str]] = []
"""Verdicts the engine gave in this process without a store at hand, as (stored key,
JSON): a worker of a cold run has no cache, so it hands them to the main process with
its results (:func:`take_unstored`), and the pre-commit hook's edited file then rarely
holds a word no run has stored (a new word builds Harper's dictionary: 0.3 s)."""
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word as a spelling checker sees it: letters, with inner apostrophes (don't)."""
_MESSAGE = "Did you mean to spell this word differently?"


VERDICTS = "word-verdicts"
"""Cache namespace of stored verdicts: key ``engine key + US + word``, value null or the
suggestions."""


def judge(words: Iterable[str], backend: Backend, store: Any = None) -> dict[str, tuple[str, ...] | None]:
    """Each word's verdict (None: right; else suggestions), asking ``backend`` only
    about words this process has not judged yet and ``store`` (a cache, optional) does
    not hold."""
    words = sorted(set(words))
    with _LOCK:
        todo = [w for w in words if (backend.key, w) not in _VERDICTS]
    if todo and store is not None and getattr(store, "enabled", False):
        stored = store.get_many(VERDICTS, [_stored_key(backend, w) for w in todo])
        with _LOCK:
            for word in todo:
                value = stored.get(_stored_key(backend, word), False)
                if value is None or isinstance(value, list) and all(isinstance(r, str) for r in value):
                    _VERDICTS[(backend.key, word)] = None if value is None else tuple(value)
            todo = [w for w in todo if (backend.key, w) not in _VERDICTS]
    if todo:
        results = backend.check(todo)
        new = []
        with _LOCK:
            for word, matches in zip(todo, results):
                bad = [m for m in matches if m.kind == "spelling"]
                verdict = tuple(bad[0].replacements) if bad else None
                _VERDICTS[(backend.key, word)] = verdict
                new.append((_stored_key(backend, word), "null" if verdict is None else json.dumps(
                    list(verdict), ensure_ascii=False, separators=(",", ":"))))
        if store is not None and getattr(store, "enabled", False):
            store.put_many_json(VERDICTS, new)
        else:
            with _LOCK:
                _UNSTORED.extend(new)
    with _LOCK:
        return {w: _VERDICTS[(backend.key, w)] for w in words}


def _stored_key(backend: Backend, word: str) -> str:
    return f"{backend.key}\x1f{word}"


def known_words(words: Iterable[str], backend: Backend, store: Any = None) -> set[str]:
    """The words of ``words`` the backend's spelling check accepts on their own."""
    return {w for w, verdict in judge(words, backend, store).items() if verdict is None}


def spelling_issues(paragraphs: Sequence[Paragraph], backend: Backend, store: Any = None) -> list[Issue]:
    """Misspelt words of ``paragraphs`` at source offsets, sorted (placeholders skipped);
    ``store``: where verdicts are kept between runs (see :func:`judge`)."""
    found: list[tuple[Paragraph, int, int, str]] = []
    for para in paragraphs:
        for m in _TOKEN.finditer(para.text):
            if not para.is_masked(m.start(), m.end()):
                found.append((para, m.start(), m.end(), m.group(0)))
    verdicts = judge((w for *_, w in found), backend, store)
    issues = []
    for para, start, end, word in found:
        suggestions = verdicts[word]
        if suggestions is None:
            continue
        src_start, src_end = para.source_span(start, end)
        match = Match(start, end - start, "SpellCheck", "spelling", _MESSAGE, suggestions, "Spelling")
        issues.append(Issue(src_start, src_end, word, match, _token(para.text, start, end), _next_word(para, end),
                            _mid_sentence(para.text, start), _name_like(para.text, start)))
    issues.sort(key=lambda i: (i.start, i.end))
    return issues


def take_unstored() -> list[tuple[str, str]]:
    """The verdicts judged without a store since the last call, as ``(key, JSON)`` rows
    of the ``VERDICTS`` namespace (``Cache.put_many_json``); the list is emptied."""
    with _LOCK:
        rows = _UNSTORED[:]
        _UNSTORED.clear()
    return rows


def forget() -> None:
    """Drop the memo (tests)."""
    with _LOCK:
        _VERDICTS.clear()
        _UNSTORED.clear()
