"""Valid words a spelling dictionary lacks: prefix forms, derivations and compounds of
words it knows ("misclassifying", "autoscaling", "clickthrough", "retrainable").

Dictionaries list stems and their inflections; technical prose builds new words from
them all the time. A word is accepted when it is a known word with a common prefix in
front, a common derivational suffix behind, or two known words of three letters or
more run together. Inflectional endings (-ed, -ing, -s) are left to the dictionary,
which knows the doubling rules ("occured" stays a typo).
"""

from __future__ import annotations

from typing import Callable, Iterable

PREFIXES = ("anti", "auto", "bi", "co", "counter", "cross", "de", "down", "hyper", "inter", "macro",
            "meta", "micro", "mini", "mis", "multi", "non", "out", "over", "post", "pre", "pseudo", "re",
            "self", "semi", "sub", "super", "tri", "un", "under", "up")
SUFFIXES = ("ability", "able", "ably", "ful", "ify", "ified", "ism", "ist", "ists", "ization", "izations",
            "ize", "ized", "izes", "izing", "isation", "ise", "ised", "ising", "less", "like", "ness", "wise")
MIN_STEM = 3
"""Stems shorter than this never count ("re" + "ad")."""


def candidate_stems(word: str) -> set[str]:
    """Known-word candidates whose derivation ``word`` could be (lower case)."""
    w = word.lower().replace("’", "'")
    out: set[str] = set()
    for prefix in PREFIXES:
        rest = w[len(prefix):].lstrip("-")
        if w.startswith(prefix) and len(rest) >= MIN_STEM + 2:  # "untill" is not un-till
            out.add(rest)
    for suffix in SUFFIXES:
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and len(stem) >= MIN_STEM:
            out.add(stem)
            if suffix[0] in "aei":
                out.add(stem + "e")  # scale → scalable, normalise → normalising
    return out


def compound_parts(word: str) -> list[tuple[str, str]]:
    """Ways to cut ``word`` into two parts of at least ``MIN_STEM`` letters."""
    w = word.lower()
    return [(w[:i], w[i:]) for i in range(MIN_STEM, len(w) - MIN_STEM + 1)]


def derivable(word: str, known: Callable[[Iterable[str]], set[str]]) -> bool:
    """True when ``word`` is a prefix or suffix form of a known word, or a compound of
    two. ``known(words)`` returns the subset the dictionary knows (asked once per call)."""
    if not word.isalpha() or len(word) < 2 * MIN_STEM:
        return False
    stems = candidate_stems(word)
    parts = compound_parts(word)
    ask = stems | {p for pair in parts for p in pair}
    found = known(sorted(ask))
    if stems & found:
        return True
    return any(a in found and b in found for a, b in parts)
