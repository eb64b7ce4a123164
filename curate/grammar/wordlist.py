"""``curate words``: the words QA502 would report, counted, as a word list to review.

A new corpus has its own names and terms. Rather than silencing them one by one, the
user drafts a word list from the corpus, deletes the lines that are real typos, and
points QA502's ``words-file`` option at the rest. The list is in the format
``words-file`` reads: one word a line, ``#`` comments. It lists what QA502 reports
under the config's options: set ``likely-typos-only = false`` (and a lower
``min-length``) to see every word the dictionary does not know."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

SPELLING = "QA502"


@dataclass(frozen=True)
class UnknownWord:
    word: str
    """The form written most often (ties: the first in sort order)."""
    count: int
    """Occurrences in the corpus."""
    files: int
    """Files it occurs in."""
    first: str
    """``path:line`` of its first occurrence."""


def unknown_words(findings: Iterable[Any]) -> list[UnknownWord]:
    """QA502's words (from findings with ``code``, ``snippet``, ``path`` and ``line``), grouped without regard to case, most frequent first."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for f in findings:
        if f.code != SPELLING or not f.snippet:
            continue
        key = f.snippet.lower()
        forms[key][f.snippet] += 1
        places[key].append((f.path, f.line))
    out = []
    for key, counter in forms.items():
        word = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        where = sorted(places[key])
        out.append(UnknownWord(word, sum(counter.values()), len({p for p, _ in where}), f"{where[0][0]}:{where[0][1]}"))
    return sorted(out, key=lambda w: (-w.count, w.word.lower(), w.word))


def render(words: list[UnknownWord], min_count: int = 1) -> str:
    """The word list file: a header saying what to do, then ``word  # count, place``."""
    lines = [
        "# Words curate's spelling check (QA502) does not know, most frequent first.",
        "# Delete the lines that are real typos (and fix them), keep the names and terms,",
        "# then point the rule at this file:  [tool.curate.rules.spelling] words-file = \"...\"",
    ]
    for w in words:
        if w.count < min_count:
            continue
        files = f", {w.files} files" if w.files > 1 else ""
        lines.append(f"{w.word}  # {w.count}x{files}, first at {w.first}")
    return "\n".join(lines) + "\n"
