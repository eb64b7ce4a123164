"""Spelling at dictionary speed: each distinct word of a run is judged once.

A paragraph checker spends its time on every occurrence of every word; but spelling is
a property of a word, not of its sentence. So QA502 (offline) cuts the prose into
words, judges each distinct word once per process against a word set (the memo of
words already judged; the field's vocabulary and the corpus's words are applied by the
rule) and asks the heavy engine (Harper) only about words not yet judged, all in one
batch, for a verdict and suggestions. Occurrences of a misspelt word then become
issues at their exact source offsets, like the paragraph checker's."""

from __future__ import annotations

import re
import threading
from typing import Iterable, Sequence

from curate.grammar.backends import Backend, Match
from curate.grammar.checker import Issue, _mid_sentence, _name_like, _next_word, _token
from curate.grammar.prose import Paragraph

_VERDICTS: dict[tuple[str, str], tuple[str, ...] | None] = {}
"""(backend key, word) → None when spelt right, else the suggestions."""
_LOCK = threading.Lock()
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word as a spelling checker sees it: letters, with inner apostrophes (don't)."""
_MESSAGE = "Did you mean to spell this word differently?"


def judge(words: Iterable[str], backend: Backend) -> dict[str, tuple[str, ...] | None]:
    """Each word's verdict (None: right; else suggestions), asking ``backend`` only
    about words this process has not judged yet."""
    words = sorted(set(words))
    with _LOCK:
        todo = [w for w in words if (backend.key, w) not in _VERDICTS]
    if todo:
        results = backend.check(todo)
        with _LOCK:
            for word, matches in zip(todo, results):
                bad = [m for m in matches if m.kind == "spelling"]
                _VERDICTS[(backend.key, word)] = tuple(bad[0].replacements) if bad else None
    with _LOCK:
        return {w: _VERDICTS[(backend.key, w)] for w in words}


def known_words(words: Iterable[str], backend: Backend) -> set[str]:
    """The words of ``words`` the backend's spelling check accepts on their own."""
    return {w for w, verdict in judge(words, backend).items() if verdict is None}


def spelling_issues(paragraphs: Sequence[Paragraph], backend: Backend) -> list[Issue]:
    """Misspelt words of ``paragraphs`` at source offsets, sorted (placeholders skipped)."""
    found: list[tuple[Paragraph, int, int, str]] = []
    for para in paragraphs:
        for m in _TOKEN.finditer(para.text):
            if not para.is_masked(m.start(), m.end()):
                found.append((para, m.start(), m.end(), m.group(0)))
    verdicts = judge((w for *_, w in found), backend)
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


def forget() -> None:
    """Drop the memo (tests)."""
    with _LOCK:
        _VERDICTS.clear()
