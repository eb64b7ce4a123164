"""What differs between two questions that look alike: the evidence of the paraphrase check.

Sentence embeddings score "What is R-squared?" and "What is adjusted R-squared?" as
close as two real paraphrases, because most of the words agree. What tells them apart is
*what* differs, so the semantic stage looks at the difference, not at the overall
similarity:

* a **substituted term**: the same frame with one specific word in place of another
  ("left" / "right" skewed, "forward" / "backward" selection, "trend" / "seasonality");
* a **narrowed subject**: a specific word inserted before a shared word
  ("nested objects", "seasonal naive method", "Redux Form");
* a **longer ask**: terms only one side has that weigh as much as the shared ones
  ("What is X?" / "What is X, and how is it used?");
* **different asks** (a definition, a reason, a method, whether it can be done, the
  limitations: :func:`curate.dedup.verify.different_asks`), **a negation** on one side
  only ("Why should we *not* hire you?") and **different numbers**.

:func:`difference` measures these for a pair; :func:`blocks` says which one (if any)
makes the pair two questions, with limits tuned by ``quality/pairs_fit.py`` on half of
the labelled pairs (``quality/PAIRS.md``) and checked on the other half.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from curate.dedup.intents import different_asks, negated
from curate.dedup.tokens import _CONTENT_KIND, _KEEP_KIND, _NUM_KIND, _classify, typo, words


class QuestionPrint(Protocol):
    """What this module reads of a :class:`curate.dedup.verify.QuestionPrint`."""

    @property
    def norm(self) -> str: ...
    @property
    def content(self) -> tuple[str, ...]: ...
    @property
    def numbers(self) -> tuple[str, ...]: ...
    @property
    def named(self) -> tuple[str, ...]: ...


class Verifier(Protocol):
    """What this module asks of a :class:`curate.dedup.verify.Verifier` (the verifier
    calls this module, so it is named by its shape, not imported)."""

    _generic: frozenset[str]

    def weight(self, term: str) -> float: ...
    def question_score(self, a: Any, b: Any) -> tuple[float, float, float, float, bool]: ...


def sequence(norm: str) -> list[str]:
    """The content stems of a normalised question, in order (function words dropped)."""
    out = []
    for word in words(norm):
        kind, _weak, content, _scope = _classify(word)
        if kind in (_CONTENT_KIND, _KEEP_KIND, _NUM_KIND):
            out.append(content)
    return out


def _same(t: str, u: str) -> bool:
    """One term written two ways: a typo, or a clipped form ("eval" / "evaluation")."""
    if t == u:
        return True
    if min(len(t), len(u)) >= 4 and (t.startswith(u) or u.startswith(t)):
        return True
    return typo(t, u)


def differences(a: QuestionPrint, b: QuestionPrint, verifier: Verifier) -> tuple[float, float, float]:
    """``(substituted, narrowed in a, narrowed in b)``: the IDF weight of specific terms
    that take another term's place in the shared frame, and of specific terms each side
    inserts before a shared term (a modifier: "*seasonal* naive method"; words added at
    the end are extras). Theme words of the corpus (``Verifier``'s generic stems) weigh
    nothing, unless one named theme word takes another's place (``named_terms``)."""
    sa, sb = sequence(a.norm), sequence(b.norm)
    generic = verifier._generic
    matcher = difflib.SequenceMatcher(a=sa, b=sb, autojunk=False)
    count_a, count_b = Counter(sa), Counter(sb)
    named_a, named_b = set(a.named), set(b.named)
    substituted = narrowed_a = narrowed_b = 0.0

    def weight(terms: Sequence[str]) -> float:
        return sum(verifier.weight(t) for t in terms if t not in generic)

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # a term the other side has as often moved; it is no difference. One side using a
        # term twice ("*test* statistic in hypothesis testing") names a second thing.
        xa = [t for t in sa[i1:i2] if count_a[t] > count_b[t]]
        xb = [t for t in sb[j1:j2] if count_b[t] > count_a[t]]
        if not xa and not xb:
            continue
        if op == "replace" and not (xa and xb):
            op = "delete" if xa else "insert"
        if op == "replace":
            if len(xa) == len(xb) and all(_same(x, y) for x, y in zip(xa, xb)):
                continue
            if "".join(xa) == "".join(xb):
                continue  # "trade off" / "tradeoff"
            if len(xa) <= 2 and len(xb) <= 2:
                if all(t in generic for t in xa + xb) and set(xa) <= named_a and set(xb) <= named_b:
                    # one named theme word for another ("useState" / "useEffect" in a
                    # quiz on hooks): two subjects of the corpus, a real substitution
                    substituted += min(sum(map(verifier.weight, xa)), sum(map(verifier.weight, xb)))
                else:
                    substituted += min(weight(xa), weight(xb))
        elif op == "delete" and i2 < len(sa):  # before a shared term: a modifier
            narrowed_a += weight(xa)
        elif op == "insert" and j2 < len(sb):
            narrowed_b += weight(xb)
    return substituted, narrowed_a, narrowed_b


def one_frame(a: QuestionPrint, b: QuestionPrint) -> bool:
    """Whether the two questions are one frame with a slot filled two ways ("*left* /
    *right* skewed histogram", "design a *game* / *video* recommendation engine"): every
    difference between their content stems is a replacement, and the shared, aligned
    stems are at least half of each side. A rewording ("undo the last commit" / "revert
    my most recent commit") changes the frame as well."""
    sa, sb = sequence(a.norm), sequence(b.norm)
    if not sa or not sb:
        return False
    matcher = difflib.SequenceMatcher(a=sa, b=sb, autojunk=False)
    ops = matcher.get_opcodes()
    if any(op not in ("equal", "replace") for op, *_ in ops):
        return False
    equal = sum(i2 - i1 for op, i1, i2, _j1, _j2 in ops if op == "equal")
    return 2 * equal >= max(len(sa), len(sb))


@dataclass(frozen=True, slots=True)
class Difference:
    """What differs between two questions, in units of the mean weight of a shared term
    (so the limits compare across corpora)."""

    extra: float
    """Weight of the terms only the heavier side has (``Verifier.question_score``'s heaviness)."""
    substituted: float
    """Weight of specific terms that take another term's place in the shared frame."""
    narrowed: float
    """Weight of specific terms inserted inside the shared wording."""
    asks: bool
    """The two ask for different things (:func:`~curate.dedup.verify.different_asks`)."""
    numbers: bool
    """Their numbers or versions differ."""
    crossed: float = 0.0
    """The lesser of the two sides' own additions when at least one of them is a modifier
    inserted in the shared wording, so above zero only when *each* side adds something
    ("statistical hypothesis testing, how does it work" / "the *test* statistic in
    hypothesis testing"). Extras on both sides alone are :meth:`Verifier.question_score`'s
    swap."""
    same_frame: bool = False
    """The two are one frame with a slot filled two ways (:func:`one_frame`): a
    substituted term there is a key term, which no answer overrules."""
    negation: bool = False
    """One of the two is negated and the other is not ("hire you" / "not hire you"):
    they ask opposite things, which no answer overrules."""


def difference(a: QuestionPrint, b: QuestionPrint, verifier: Verifier) -> Difference:
    """Measure what differs between ``a`` and ``b``."""
    _score, shared, heavy_a, heavy_b, _swap = verifier.question_score(a, b)
    substituted, narrowed_a, narrowed_b = differences(a, b, verifier)
    shared_terms = len(set(a.content) & set(b.content)) or 1
    mean = shared / shared_terms if shared else 1.0
    narrow_a, narrow_b = narrowed_a / mean, narrowed_b / mean
    return Difference(
        extra=max(heavy_a, heavy_b),
        substituted=substituted / mean,
        narrowed=(narrowed_a + narrowed_b) / mean,
        asks=different_asks(a.norm, b.norm),
        numbers=a.numbers != b.numbers,
        crossed=max(min(heavy_a, narrow_b), min(narrow_a, heavy_b), min(narrow_a, narrow_b)),
        same_frame=substituted > 0 and one_frame(a, b),
        negation=negated(a.norm) != negated(b.norm),
    )


@dataclass(frozen=True)
class DifferLimits:
    """How much difference a paraphrase may have (QA202's ``semantic_*`` options)."""

    max_extra: float = 0.9
    """Terms only one side has may weigh up to this many shared terms."""
    max_substituted: float = 0.0
    """A substituted specific term ("left" / "right") may weigh this much: none by default."""
    max_narrowed: float = 1.7
    """Terms inserted inside the shared wording may weigh this many shared terms."""
    max_crossed: float = 0.6
    """When *each* side adds terms of its own (extras or modifiers), the lesser addition
    may weigh this many shared terms: one light edit adds on one side, two questions
    differ on both."""


NEVER = frozenset({"different numbers", "a negation", "different asks"})
"""Reasons that no answer can overrule."""


def blocks(d: Difference, limits: DifferLimits = DifferLimits()) -> str | None:
    """Why the difference makes two questions (a short reason), or None."""
    if d.numbers:
        return "different numbers"
    if d.negation:
        return "a negation"
    if d.asks:
        return "different asks"
    if d.substituted > limits.max_substituted:
        return "a substituted term"
    if d.narrowed > limits.max_narrowed:
        return "a narrower subject"
    if d.extra > limits.max_extra:
        return "one asks more"
    if d.crossed > limits.max_crossed:
        return "each asks something the other does not"
    return None
