"""Decide whether two questions ask the same thing.

Pure functions over :class:`QuestionPrint` fingerprints (a few short tuples per question,
never whole records), so the same verifier serves the lint rule, the dataset build and the
million-question benchmark.

The score is a weighted Jaccard over content stems: each stem weighs its rarity in the
corpus (inverse document frequency), generic facet words ("main", "typical", "ways") weigh
a third, and stems that differ only by a typo count as shared. Guards keep templated
questions apart: different numbers or versions never match, and when *each* side has a
heavy stem the other lacks ("time complexity of quicksort" vs "of mergesort") the pair is
treated as doubtful however high the score. In the doubtful band the answers decide.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from curate.corpus.text import normalize_question
from curate.dedup.acronyms import fold_expansions
from curate.dedup.differ import blocks, difference
from curate.dedup.intents import INTENT_BITS, different_asks, intent_mask, intents
from curate.dedup.tokens import STOPWORDS, content_terms, stem, typo, words

MIN_ANSWER_TERMS = 8
"""Answers with fewer distinct stems than this never confirm a pair (placeholders)."""

ANSWER_TERMS_MAX = 400
"""Answer stems kept per fingerprint: enough to compare answers, bounded memory."""


@dataclass(frozen=True, slots=True)
class QuestionPrint:
    """The compact fingerprint of one question (and its answer) used for deduplication."""

    key: str
    """Caller's key (record id, row number)."""
    norm: str
    """``normalize_question`` of the question: equal norms are exact duplicates."""
    content: tuple[str, ...]
    """Sorted content stems."""
    weak: tuple[str, ...]
    """Sorted generic facet stems ("main", "way")."""
    numbers: tuple[str, ...]
    """Sorted numbers and version strings ("3", "1.1")."""
    answer: frozenset[int]
    """Hashed content stems of the answer (empty when there is no answer)."""
    named: tuple[str, ...] = ()
    """Sorted content stems the question writes as names (``named_terms``)."""


_TERM_HASH: dict[str, int] = {}
"""Word -> the hash of its stem, or -1 for a word answers skip (memoised per process: an
answer's words are mostly words seen before)."""


def _term_hash(word: str) -> int:
    if word in STOPWORDS or len(word) < 3:
        return -1
    return zlib.crc32(stem(word).encode("utf-8", "surrogatepass"))


def answer_terms(text: str, limit: int = ANSWER_TERMS_MAX) -> frozenset[int]:
    """Hashed content stems of an answer, the first ``limit`` distinct ones."""
    if limit <= ANSWER_TERMS_MAX:
        return frozenset(_first_terms(text)[:limit])
    return frozenset(_distinct_terms(text, limit))


@functools.lru_cache(maxsize=4096)
def _first_terms(text: str) -> tuple[int, ...]:
    """The first ``ANSWER_TERMS_MAX`` distinct terms of ``text``, in order, memoised: the
    per-file steps of QA201 and QA202 and the fingerprint each read the same answers."""
    return tuple(_distinct_terms(text, ANSWER_TERMS_MAX))


def _distinct_terms(text: str, limit: int) -> dict[int, None]:
    out: dict[int, None] = {}
    known = _TERM_HASH
    for word in words(text.casefold()):
        term = known.get(word)
        if term is None:
            term = _term_hash(word)
            if len(known) < 1_000_000:
                known[word] = term
        if term < 0:
            continue
        out[term] = None
        if len(out) >= limit:
            break
    return out


_REFERENCE = re.compile(
    r"\[\d+(?:\s*[,–-]\s*\d+)*\]"
    r"|\(\s*(?:see\s+)?(?:fig(?:ure)?|table|tab|eq(?:uation)?|section|sec|chapter|ch|page|p)\.?\s*\d+(?:\.\d+)*[a-z]?\s*\)",
    re.IGNORECASE)
"""A citation ("[26]") or a pointer into a book ("(Fig. 8.32)", "(Table 2)"): where the
question was copied from, not what it asks, so its numbers are no part of the question."""


_NAME = re.compile(
    r"`[^`\n]+`"  # code: `useState`
    r"|\b[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*\b"  # camelCase, PascalCase: useEffect, JavaScript
    r"|\b[A-Z][A-Z0-9]+s?\b"  # acronyms: TCP, AI, APIs
    r"|(?<=[^\s.?!:])\s+([A-Z][a-z]+)\b"  # a capital word inside a sentence: Docker
)


def named_terms(question: str) -> tuple[str, ...]:
    """Content stems of the words a question writes as names: code, camelCase, acronyms
    and capitalised words inside a sentence (unless most of its words are capitalised, as
    in a Title Case heading). Two theme words of a corpus swapped in one frame ask about two
    things when both are names ("useState" / "useEffect" in a quiz on hooks), not when
    one is a plain word ("Generative AI" / "generative models")."""
    plain = [w for w in re.findall(r"[A-Za-z]{4,}", question)[1:] if w[1:].islower()]
    title_case = sum(w[0].isupper() for w in plain) * 2 > len(plain)
    found = []
    for m in _NAME.finditer(_REFERENCE.sub(" ", question)):
        if m.group(1) is not None and title_case:
            continue
        found.append(m.group(1) or m.group(0).strip("`"))
    if not found:
        return ()
    return tuple(sorted(set(content_terms(normalize_question(" ".join(found)), normalized=True)[0])))


def make_print(key: str, question: str, answer_text: str = "") -> QuestionPrint:
    """Fingerprint one question."""
    norm = normalize_question(fold_expansions(_REFERENCE.sub(" ", question)))
    content, weak, numbers = content_terms(norm, normalized=True)
    return QuestionPrint(key, norm, content, weak, numbers, answer_terms(answer_text), named_terms(question))


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of comparing two questions."""

    kind: str
    """``exact``, ``near``, ``related`` (one asks part of the other) or ``none``."""
    score: float
    """Weighted similarity of the questions, 0..1."""
    answer_score: float | None = None
    """Similarity of the answers when it was needed, else None."""


@dataclass(frozen=True)
class VerifyOptions:
    """Thresholds of the verifier (the QA202 options)."""

    threshold: float = 0.62
    """Question similarity at or above which two questions are duplicates."""
    doubt_threshold: float = 0.40
    """Question similarity at or above which a near copy of the answer confirms the pair."""
    answer_threshold: float = 0.60
    """Answer similarity (IDF-weighted cosine) that confirms a doubtful pair."""
    copy_threshold: float = 0.95
    """Answer similarity that confirms a pair whose questions each name a term the other
    lacks (a swapped key term): only a pasted answer does."""
    generic_df: float = 0.2
    """A stem found in at least this fraction of the questions is a theme word of the
    corpus ("model", "ai" in machine-learning notes): swapping one for another is no
    swap of key terms."""
    check_difference: bool = True
    """Look at what differs before calling two questions a light edit of each other: a
    substituted specific term ("forward" / "backward"), a word inserted inside the shared
    wording ("nested objects", "adjusted R-squared") or a heavy extra makes them two
    questions unless their answers agree (see ``curate.dedup.differ``)."""
    heavy_ratio: float = 0.9
    """The stems only one side has are *heavy* (that question asks something else:
    "prevented", "mitigated", a swapped key term) when together they weigh at least this
    multiple of the mean weight of the shared stems. Heavy stems block the match unless
    the answers agree."""


WEAK_TERM_WEIGHT = 0.3
"""Flat weight of a generic facet word ("main", "ways", "explain")."""


class Verifier:
    """Scores pairs of fingerprints with weights learnt from the whole set of questions."""

    def __init__(self, prints: Iterable[QuestionPrint], options: VerifyOptions = VerifyOptions()) -> None:
        df: Counter[str] = Counter()
        adf: Counter[int] = Counter()
        n = 0
        for p in prints:
            n += 1
            df.update(p.content)
            adf.update(p.answer)
        self.n = max(n, 1)
        self.df = df
        self.adf = adf
        self.options = options
        self._weights: dict[str, float] = {}
        limit = options.generic_df * self.n if self.n >= 20 else float("inf")
        self._generic = frozenset(t for t, k in df.items() if k >= limit)

    def weight(self, term: str) -> float:
        """Rarity of a content stem among the questions (smoothed IDF)."""
        w = self._weights.get(term)
        if w is None:
            w = math.log(1.0 + self.n / max(self.df.get(term, 1), 1))
            self._weights[term] = w
        return w

    def _weights_of(self, terms: Iterable[str]) -> float:
        ws = self._weights
        total = 0.0
        for t in terms:
            w = ws.get(t)
            total += w if w is not None else self.weight(t)
        return total

    def question_score(self, a: QuestionPrint, b: QuestionPrint) -> tuple[float, float, float, float, bool]:
        """``(score, shared weight, heaviness of a's extra stems, of b's, swap)``, where
        heaviness is relative to the mean weight of the shared stems and ``swap`` says
        each side has a specific stem the other lacks ("quicksort" / "mergesort")."""
        ca = frozenset(a.content)
        cb = frozenset(b.content)
        only_a = [t for t in a.content if t not in cb]
        only_b = [t for t in b.content if t not in ca]
        shared_terms = [t for t in a.content if t in cb]
        typos: list[str] = []
        if only_a and only_b:  # typo-tolerant matching of the leftovers
            for t in list(only_a):
                for u in only_b:
                    if typo(t, u):
                        only_a.remove(t)
                        only_b.remove(u)
                        # a misspelling is rare, so weigh the pair as its commoner form
                        typos.append(t if self.weight(t) <= self.weight(u) else u)
                        break
            for x, y in ((only_a, only_b), (only_b, only_a)):  # "tradeoff" / "trade off"
                if len(y) < 2 or not x:
                    continue
                joined = {u + v: (u, v) for u in y for v in y if u != v}
                for t in list(x):
                    parts = joined.get(t)
                    if parts and parts[0] in y and parts[1] in y:
                        x.remove(t)
                        y.remove(parts[0])
                        y.remove(parts[1])
                        typos.append(t)
        reason_weak = 0.0
        for x, other in ((only_a, b), (only_b, a)):
            if "why" in x and _asks_reason(other):  # "Why do we need X?" / "purpose of X"
                x.remove("why")
                reason_weak += WEAK_TERM_WEIGHT
        weigh = self._weights_of
        shared = weigh(shared_terms) + weigh(typos)
        shared_terms += typos
        extra_a = weigh(only_a)
        extra_b = weigh(only_b)
        if a.weak or b.weak:
            wa, wb = frozenset(a.weak), frozenset(b.weak)
            shared += WEAK_TERM_WEIGHT * len(wa & wb)
            rest_weak = WEAK_TERM_WEIGHT * len(wa ^ wb)
        else:
            rest_weak = 0.0
        total = shared + extra_a + extra_b + rest_weak + reason_weak
        score = shared / total if total else 0.0
        mean = shared / len(shared_terms) if shared_terms else 0.0
        heavy_a = extra_a / mean if mean else float(bool(only_a))
        heavy_b = extra_b / mean if mean else float(bool(only_b))
        if "why" in only_a and not _asks_reason(b):  # a reason is not a definition
            heavy_a = max(heavy_a, 10.0)
        if "why" in only_b and not _asks_reason(a):
            heavy_b = max(heavy_b, 10.0)
        swap = bool(only_a) and bool(only_b) and self._specific(only_a) and self._specific(only_b)
        return score, shared, heavy_a, heavy_b, swap

    def _specific(self, terms: list[str]) -> bool:
        """Whether any of ``terms`` is specific to few questions (not a word of the
        corpus's theme such as "model" in machine-learning notes)."""
        generic = self._generic
        return any(t not in generic for t in terms)

    def answer_score(self, a: QuestionPrint, b: QuestionPrint) -> float | None:
        """IDF-weighted cosine of the answers' stems; None when either answer is too short
        to tell ("Answer here", a lone link)."""
        if len(a.answer) < MIN_ANSWER_TERMS or len(b.answer) < MIN_ANSWER_TERMS:
            return None
        n = self.n
        adf = self.adf

        def w2(t: int) -> float:
            return math.log(1.0 + n / max(adf.get(t, 1), 1)) ** 2

        common = sum(w2(t) for t in a.answer & b.answer)
        if not common:
            return 0.0
        return common / math.sqrt(sum(w2(t) for t in a.answer) * sum(w2(t) for t in b.answer))

    def differs(self, a: QuestionPrint, b: QuestionPrint) -> str | None:
        """Why what differs between ``a`` and ``b`` makes them two questions, or None."""
        return blocks(difference(a, b, self))

    def verify(self, a: QuestionPrint, b: QuestionPrint) -> Verdict:
        """Compare two fingerprints."""
        if a.norm == b.norm:
            return Verdict("exact", 1.0)
        if a.norm.replace(" ", "") == b.norm.replace(" ", ""):
            return Verdict("near", 1.0)  # "quick sort" / "quicksort"
        if a.numbers != b.numbers:
            return Verdict("none", 0.0)
        if not a.numbers and _frame_only(a) and _frame_only(b):
            return Verdict("none", 0.0)  # "the difference between is and not": the operands were stop words
        if different_asks(a.norm, b.norm):
            return Verdict("none", 0.0)
        opt = self.options
        score, shared, heavy_a, heavy_b, swap = self.question_score(a, b)
        if shared <= WEAK_TERM_WEIGHT * 2 and score < 1.0:
            return Verdict("none", score)
        if reversed_comparison(a.norm, b.norm):
            return Verdict("none", score)
        heavy = max(heavy_a, heavy_b) >= opt.heavy_ratio
        differs = opt.check_difference and self.differs(a, b)
        if score >= opt.threshold and not heavy and not swap and not differs:
            return Verdict("near", score)
        if swap:  # each names a key term the other lacks: two questions, whatever the answers
            return Verdict("none", score)
        if score >= opt.doubt_threshold:
            ans = self.answer_score(a, b)
            both_heavy = min(heavy_a, heavy_b) >= opt.heavy_ratio
            needed = opt.copy_threshold if both_heavy or differs else opt.answer_threshold
            if ans is not None and ans >= needed:
                return Verdict("near", score, ans)
            if heavy_a < opt.heavy_ratio <= heavy_b or heavy_b < opt.heavy_ratio <= heavy_a:
                return Verdict("related", score, ans)
            return Verdict("none", score, ans)
        return Verdict("none", score)


_COMPARED = re.compile(r"\b(?:over|than|instead of|rather than|vs|versus)\b")


def reversed_comparison(a: str, b: str) -> bool:
    """Whether two questions compare the same things the other way round ("the benefit
    of A over B" / "of B over A"): the words before the comparing word differ."""
    ma, mb = _COMPARED.search(a), _COMPARED.search(b)
    if ma is None or mb is None or ma.group(0) != mb.group(0):
        return False
    before_a, before_b = set(content_terms(a[:ma.start()], normalized=True)[0]), set(content_terms(b[:mb.start()], normalized=True)[0])
    after_a, after_b = set(content_terms(a[ma.end():], normalized=True)[0]), set(content_terms(b[mb.end():], normalized=True)[0])
    return bool(before_a & after_b) and bool(before_b & after_a) and before_a != before_b


FRAME_TERMS = frozenset({"differ"})
"""Terms that frame a question without naming its subject: two questions made only of
them lost their subjects (operands that are stop words, "`and` vs `or`"), and agree on nothing."""


def _frame_only(p: QuestionPrint) -> bool:
    return all(t in FRAME_TERMS for t in p.content)


_REASON_WORDS = frozenset({"purpos", "purpose", "role", "import", "importance", "important", "reason", "benefit", "advantag", "need"})


def _asks_reason(p: QuestionPrint) -> bool:
    """"What is the purpose of X?" asks what "Why do we need X?" asks."""
    return any(t in _REASON_WORDS for t in p.weak) or any(t in _REASON_WORDS for t in p.content)


__all__ = ["INTENT_BITS", "QuestionPrint", "Verdict", "Verifier", "VerifyOptions", "answer_terms", "different_asks", "intent_mask", "intents", "make_print"]
