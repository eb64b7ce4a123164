"""Valid words a spelling dictionary lacks: prefix forms, derivations and compounds of
words it knows ("misclassifying", "autoscaling", "clickthrough", "retrainable",
"spammy", "sourcer").

Dictionaries list stems and their inflections; technical prose builds new words from
them all the time. A word is accepted when it is a known word with a common prefix in
front, a common derivational suffix behind, or two known words of three letters or
more run together (unless one is a function word: "containersare" lacks a space). Inflectional endings (-ed, -ing, -s) are left to the dictionary,
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
AGENT_STEM = 5
"""Stems an agent noun in "-er" needs: "ther" is a slip of "the" or "there", not the+r."""


def candidate_stems(word: str) -> set[str]:
    """Known-word candidates whose derivation ``word`` could be (lower case)."""
    w = word.lower().replace("’", "'")
    out: set[str] = set()
    for prefix in PREFIXES:
        rest = w[len(prefix):].lstrip("-")
        # "untill" is not un-till; a prefix of three letters or more leaves less doubt (mis-pay)
        if w.startswith(prefix) and len(rest) >= MIN_STEM + (0 if len(prefix) >= 3 else 2):
            out.add(rest)
    if w.endswith("bly") and len(w) > MIN_STEM + 3:
        out.add(w[:-3] + "ble")  # uninterruptible → uninterruptibly
    if w.endswith("y") and len(w) >= MIN_STEM + 2 and w[-2] == w[-3] and w[-2] not in "aeiouy":
        out.add(w[:-2])  # spam → spammy, lag → laggy: the doubled consonant of an adjective
    if w.endswith(("er", "ers")):
        stem = w[: -2 if w.endswith("er") else -3]
        if len(stem) >= AGENT_STEM:
            out.update((stem, stem + "e"))  # chunk → chunker, source → sourcer: who or what does it
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


def derivable(word: str, known: Callable[[Iterable[str]], set[str]], suggestions: tuple[str, ...] = ()) -> bool:
    """True when ``word`` is a prefix or suffix form of a known word, or a compound of
    two. ``known(words)`` returns the subset the dictionary knows (asked once per call).

    A compound reading loses to a ``suggestion`` one edit away that starts with the
    compound's first part: "powerfull" is "powerful" misspelt, not power + full, and so
    are "allowes" (allows, not all + owes) and "somethins" (something, not some + thins)."""
    if not word.isalpha() or len(word) < 2 * MIN_STEM:
        return False
    stems = candidate_stems(word)
    parts = compound_parts(word)
    ask = stems | {p for pair in parts for p in pair}
    found = known(sorted(ask))
    if stems & found:
        return True
    bases = [s.lower() for s in suggestions[:3] if _extends(word, s)]  # "burst" for "bursty"
    near = [s.lower() for s in suggestions[:3]
            if edits(word, s) <= 1 and not any(s.lower().startswith(b) for b in bases)]
    readings = [(a, b) for a, b in parts if a in found and b in found and a not in GLUED and b not in GLUED]
    if not readings or not near:
        return bool(readings)
    # a suggestion that is itself a compound at the same cut ("fire|house" for "firehose",
    # "man|age" for "manpage") leaves the word a compound too
    rests = {s[len(a):] for a, _ in readings for s in near if s.startswith(a)}
    words = known(sorted(r for r in rests if len(r) >= MIN_STEM and not _suffix(r))) if rests else set()
    return any(not any(s.startswith(a) and s[len(a):] not in words for s in near) for a, _ in readings)


ENDINGS = ("s", "es", "ed", "d", "ing", "r", "er", "rs", "ers", "y", "ly")
"""Endings that make a word of another ("approve" → "approver", "burst" → "bursty")."""


def _extends(word: str, suggestion: str) -> bool:
    """``word`` is ``suggestion`` with an English ending: a derivation, not a slip of it."""
    w, s = word.lower(), suggestion.lower()
    return any(w == s + e for e in ENDINGS)


def _suffix(rest: str) -> bool:
    """A derivational suffix, also with "-ly" ("ful", "fully", "lessly"), is no word of a compound."""
    return rest in SUFFIXES or rest.endswith("ly") and rest[:-2] in SUFFIXES


def glued(word: str, known: Callable[[Iterable[str]], set[str]]) -> str | None:
    """``"services using"`` when ``word`` is a known word of four letters or more run
    together with a function word ("servicesusing", "thecache"): a missing space."""
    w = word.lower()
    if not w.isalpha() or len(w) < 7:
        return None
    cuts = [(w[:i], w[i:]) for i in range(3, len(w) - 2)
            if (w[:i] in GLUED and len(w) - i >= 4) or (w[i:] in GLUED and i >= 4)]
    if not cuts:
        return None
    found = known(sorted({p for pair in cuts for p in pair}))
    for a, b in cuts:
        if a in found and b in found:
            return f"{a} {b}"
    return None


GLUED = frozenset("are the and using with from that this than were was your their which where when what".split())
"""Function words that make no compound: "servicesusing", "containersare" lack a space."""


INFLECTIONS = ("s", "es", "ed", "d", "er", "ers", "ing")


def edits(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one), case-folded."""
    a, b = a.lower(), b.lower()
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def _dropped_two(word: str, suggestion: str) -> bool:
    """``suggestion`` is ``word`` with two letters put back ("adversial" → "adversarial")."""
    if len(suggestion) != len(word) + 2:
        return False
    rest = iter(suggestion.lower())
    return all(ch in rest for ch in word.lower())


def transposed(word: str, suggestions: tuple[str, ...]) -> bool:
    """One of the first suggestions is ``word`` with two neighbouring letters swapped back
    ("complie" / "compile"): the surest sign of a slip, stronger than a compound reading
    ("comp" + "lie") or an inflection ("complied")."""
    return len(word) >= 5 and any(_swapped_pair(word, s) for s in suggestions[:3])


def _swapped_pair(word: str, suggestion: str) -> bool:
    """``suggestion`` is ``word`` with two neighbouring letters put back in order."""
    w, s = word.lower(), suggestion.lower()
    if len(w) != len(s) or w == s:
        return False
    diff = [i for i in range(len(w)) if w[i] != s[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and w[diff[0]] == s[diff[1]] and w[diff[1]] == s[diff[0]]


def _moved_letter(word: str, suggestion: str) -> bool:
    """``suggestion`` is ``word`` with one letter moved back where it belongs, two or three
    places away ("convienent" → "convenient"): a slip, though it counts as two edits."""
    w, s = word.lower(), suggestion.lower()
    if len(w) != len(s) or len(w) < 6 or sorted(w) != sorted(s):
        return False
    for i in range(len(w)):
        rest = w[:i] + w[i + 1:]
        for j in range(max(0, i - 3), min(len(w), i + 4)):
            if abs(i - j) >= 2 and rest[:j] + w[i] + rest[j:] == s:
                return True
    return False


def _swapped_apart(word: str, suggestion: str) -> bool:
    """``suggestion`` is ``word`` with two letters one apart put back in place
    ("permenantly" → "permanently"): vowels swapped across a consonant, a slip that
    counts as two edits."""
    w, s = word.lower(), suggestion.lower()
    if len(w) != len(s) or len(w) < 6:
        return False
    diff = [i for i in range(len(w)) if w[i] != s[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 2 and w[diff[0]] == s[diff[1]] and w[diff[1]] == s[diff[0]]


def inflection_of_suggestion(word: str, suggestions: tuple[str, ...]) -> bool:
    """The dictionary knows the stem and only lacks this ending (dedups/dedup, lidar/lidars),
    or suggests the same word split (warmup/warm-up): not a typo."""
    w = word.lower()
    for s in suggestions:
        s = s.lower()
        if any(w == s + e or s == w + e for e in INFLECTIONS):
            return True
        if s != w and s.replace(" ", "").replace("-", "") == w:
            return True
    return False


def likely_typo(word: str, suggestions: tuple[str, ...]) -> bool:
    """The shape of a slip of the finger: two neighbouring letters swapped (checked first:
    "complie" is "compile" even though "complied" makes it look like an inflection), or
    the best suggestion is one edit away (a letter
    dropped, added, swapped or changed), puts back two dropped letters, swaps back two
    letters one apart ("permenantly") or moves one letter back two or three places ("convienent"). A valid word
    the dictionary lacks (enablement, hippocampal) is rarely that close to another."""
    if not suggestions:
        return False
    if transposed(word, suggestions):
        return True
    if inflection_of_suggestion(word, suggestions):
        return False
    best = suggestions[0]
    return edits(word, best) <= 1 or _dropped_two(word, best) or _swapped_apart(word, best) \
        or any(_moved_letter(word, s) for s in suggestions[:3])
