"""Words of a question, reduced to what tells two questions apart.

Duplicate detection compares *content* words: function words and question words are
dropped, common suffixes are stripped (so "prevent", "prevented" and "prevention" agree),
and a short list of generic facet words ("main", "typical", "some ways", "explain") is
kept but weighted low, because "What are the main challenges in training GANs?" asks the
same as "What are the challenges in training GANs?". Numbers and version strings are kept
apart: "GPT-3" and "GPT-4" never match.
"""

from __future__ import annotations

import re

import snowballstemmer
from rapidfuzz.distance import Levenshtein

from curate.corpus.text import normalize_question

STOPWORDS: frozenset[str] = frozenset(
    """
    a an the and or but nor so yet of in on at to for from by with without into onto over
    under about as than then is are was were be been being am do does did done doing have
    has had having can could should would will shall may might must what which who whom
    whose when where why how whether if this that these those there here it its it's
    i me my we our you your he she they them their his her us one ones any all each
    every both either neither not no yes also just only very more most much many such
    some other another same own too via per etc e g ie eg s t
    tell give let lets let's please something anything
    between among within across through during against upon toward towards while whereas
    though although because since until after before above below again further once
    """.split()
)
"""Function and question words: present in almost every question, they say nothing."""

WEAK_WORDS: frozenset[str] = frozenset(
    """
    main typical typically common commonly key major important importance basic basics
    primary general generally various way ways explain explanation describe description
    discuss discussion define definition mean meaning meant means overview brief briefly exactly really
    actually detail detailed details role purpose understand understanding best good
    usual usually possible potential specific certain need needs needed
    """.split()
)
"""Generic facet words: they refine a question without changing what it asks."""

WEAK_WEIGHT = 0.3
"""Weight factor of a weak word relative to a content word of the same rarity."""

_WORD = re.compile(r"[^\W_]+(?:\.\d+)*", re.UNICODE)
_NUMBER = re.compile(r"^\d+(?:\.\d+)*$")
_HAS_DIGIT = re.compile(r"\d")


_STEMMER = snowballstemmer.stemmer("english")
"""PyStemmer's C build when installed (a dependency: 16x faster, the same stems on every
word of the shared collections), else snowballstemmer's pure-Python one."""
_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Snowball (Porter 2) stem, memoised: makes "prevent", "prevented" and "prevention"
    agree while short technical terms (``gan``, ``vae``, ``tcp``) stay as they are."""
    out = _STEMS.get(word)
    if out is None:
        out = word if len(word) <= 3 or _NUMBER.match(word) else _STEMMER.stemWord(word)
        if len(_STEMS) < 1_000_000:
            _STEMS[word] = out
    return out


def words(normalized: str) -> list[str]:
    """Word tokens of an already normalised question (version strings such as ``3.5``
    stay one token)."""
    return _WORD.findall(normalized)


SCOPE_WORDS: frozenset[str] = frozenset("various several diverse multiple numerous".split())
"""A noun right after one of these is a loose scope ("in various industries"), weighted
as a weak word."""


SYNONYMS: dict[str, str] = {
    "vs": "differ", "versus": "differ", "compare": "differ", "compared": "differ",
    "comparison": "differ", "contrast": "differ", "distinguish": "differ",
    "difference": "differ", "differences": "differ", "different": "differ", "differs": "differ",
}
"""Words that ask the same thing: "TCP vs UDP" is "the difference between TCP and UDP"."""


_NUM_KIND, _KEEP_KIND, _STOP_KIND, _WEAK_KIND, _CONTENT_KIND = range(5)
_KINDS: dict[str, tuple[int, str, str, bool]] = {}


def _classify(word: str) -> tuple[int, str, str, bool]:
    """``(kind, weak form, content form, starts a scope)`` of a word, memoised: the
    per-word decisions of :func:`content_terms` are made once per distinct word."""
    if _HAS_DIGIT.search(word):
        kind, weak, content = _NUM_KIND, word, word  # 3, 1.1, l2, gpt4: must agree exactly
    elif word == "why":
        kind, weak, content = _KEEP_KIND, word, word  # a why-question asks for a reason, not a definition
    elif word in STOPWORDS:
        kind, weak, content = _STOP_KIND, word, word
    elif word in WEAK_WORDS:
        kind, weak, content = _WEAK_KIND, stem(word), stem(word)
    else:
        kind, weak, content = _CONTENT_KIND, stem(word), SYNONYMS.get(word) or stem(word)
    info = (kind, weak, content, word in SCOPE_WORDS)
    if len(_KINDS) < 1_000_000:
        _KINDS[word] = info
    return info


HEAD_NOUNS: frozenset[str] = frozenset("role roles purpose definition description overview detail details".split())
"""Weak words that name a thing when a content word qualifies them ("an IAM role"),
though they frame the question elsewhere ("the role of attention")."""

HOW_FRAMES: frozenset[str] = frozenset("handle handles handled handling".split())
"""Verbs that frame a how-question ("How does Go handle garbage collection?" asks what
"Explain Go's garbage collection" asks): weak there, a thing elsewhere ("a file handle")."""


def content_terms(question: str, *, normalized: bool = False) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(content stems, weak stems, numbers)`` of a question, each sorted and unique.

    A content word right after a scope word ("in various industries") counts as weak, and
    so does a framing verb of a how-question (``HOW_FRAMES``)."""
    text = question if normalized else normalize_question(question)
    how = text.startswith("how ")
    content: set[str] = set()
    weak: set[str] = set()
    numbers: set[str] = set()
    after_scope = False
    previous = _STOP_KIND
    kinds = _KINDS
    for word in _WORD.findall(text):
        kind, weak_form, content_form, scope = kinds.get(word) or _classify(word)
        if kind == _CONTENT_KIND:
            if after_scope or (how and word in HOW_FRAMES):
                weak.add(weak_form)
            else:
                content.add(content_form)
        elif kind == _STOP_KIND:
            pass
        elif kind == _WEAK_KIND:
            if word in HEAD_NOUNS and previous == _CONTENT_KIND:
                content.add(content_form)  # "an IAM role", "a user role": a thing, not the frame "the role of"
            else:
                weak.add(weak_form)
        elif kind == _NUM_KIND:
            numbers.add(word)
        else:
            content.add(content_form)
        after_scope = scope
        previous = kind
    weak -= content
    return tuple(sorted(content)), tuple(sorted(weak)), tuple(sorted(numbers))


def is_number(token: str) -> bool:
    return bool(_NUMBER.match(token))


def typo(a: str, b: str) -> bool:
    """Two stems that differ by a slip of the keyboard ("adversial", "adversarial")."""
    if a[0] != b[0] or min(len(a), len(b)) < 5:
        return False
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    if abs(len(a) - len(b)) > limit:
        return False
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit
