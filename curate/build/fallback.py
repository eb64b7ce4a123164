"""The build's own repairs, run after the rules' fixes.

The text rules (QA503 mojibake, QA204 repeated text) offer such fixes themselves; when a
user ignores them, runs without the rule plugins, or a rule only sees exact repeats, the
dataset should still not ship "Hereâ€™s" or one sentence three times ("A VAE is X. It is
X. It is X."). These are deliberately narrow: one line at a time, prose only.
"""

from __future__ import annotations

import re
from typing import Iterator

from curate.build.repair import Edit
from curate.corpus.model import Document
from curate.rules.base import Fix

_MOJIBAKE_HINT = re.compile(r"[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NOT_PROSE = re.compile(r"https?:|www\.|`|\]\(|<[a-z/]|\|")
_MIN_WORDS = 6
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def mojibake_edits(doc: Document) -> Iterator[Edit]:
    """Lines whose text is UTF-8 decoded as cp1252/latin-1, repaired with ftfy."""
    try:
        import ftfy  # guarded: without ftfy the build runs, unrepaired
    except ImportError:  # pragma: no cover - ftfy is a dependency
        return
    for number, line in doc.lines():
        if not _MOJIBAKE_HINT.search(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            start = doc.offset(number)
            yield Edit("QA503", Fix(start, start + len(line), fixed, "repair mojibake", True))


def _norm(sentence: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", sentence.casefold()).split())


_PRONOUNS = frozenset({"it", "this", "they", "that", "these", "he", "she"})


def _repeats(key: str, earlier: list[str]) -> bool:
    """``key`` says again what an earlier sentence said: equal, or equal after swapping
    the subject for a pronoun ("A VAE is X." ... "It is X.")."""
    if key in earlier:
        return True
    words = key.split()
    if words[0] in _PRONOUNS and len(words) >= 6:
        rest = " ".join(words[1:])
        return any(e.endswith(" " + rest) for e in earlier)
    return False


def repeated_sentence_edits(doc: Document) -> Iterator[Edit]:
    """Delete a sentence that repeats an earlier sentence of the same line (prose only,
    not code); the first occurrence stays."""
    in_fence = False
    for number, line in doc.lines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith(("    ", "\t")):
            continue
        if _NOT_PROSE.search(line):
            continue  # links, code and tables: dots there do not end sentences
        seen: list[str] = []
        base = doc.offset(number)
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(line)]
        ends = [m.start() for m in _SENTENCE_END.finditer(line)] + [len(line.rstrip())]
        for start, end in zip(starts, ends):
            sentence = line[start:end]
            key = _norm(sentence)
            if len(key.split()) < _MIN_WORDS or not sentence.rstrip().endswith((".", "!", "?")):
                continue
            if _repeats(key, seen):
                # take the whitespace before the sentence with it
                cut = start
                while cut > 0 and line[cut - 1] in " \t":
                    cut -= 1
                yield Edit("QA204", Fix(base + cut, base + end, "", "delete repeated sentence", False))
            seen.append(key)


FALLBACKS = {
    "QA503": mojibake_edits,
    "QA204": repeated_sentence_edits,
}
"""Rule code whose job the generator does → the generator."""
