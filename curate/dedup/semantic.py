"""The semantic stage: paraphrased questions found by sentence embeddings.

Word-overlap signatures (the MinHash stage) cannot see "What is the vanishing gradient
problem?" and "Why do gradients shrink in a deep RNN?" as one question. This stage
finds each question's nearest neighbours by cosine similarity of its embedding
(:mod:`curate.dedup.embed`), keeps those above a floor, and then *verifies* each pair by
what differs (:mod:`curate.dedup.differ`), because embeddings also score merely related
questions high ("What is L1 regularisation?" vs "… L2 …" scores 0.88): a differing
number or ask never matches; a substituted term, a narrower subject or a heavy extra
needs a pasted answer; a middling similarity needs the answers to agree.

Neighbour search is exact (blocked matrix products) up to ``exact_limit`` vectors and
approximate (a usearch HNSW index) above it, when usearch is installed.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from curate.dedup.differ import NEVER, DifferLimits, blocks, difference
from curate.dedup.verify import QuestionPrint, Verifier, reversed_comparison


@dataclass(frozen=True)
class SemanticOptions:
    """Thresholds of the semantic stage (QA202's ``model``, ``semantic_*`` options)."""

    floor: float = 0.80
    """Cosine similarity from which two questions are the same question (verified)."""
    doubt: float = 0.70
    """From here up to ``floor``, similar answers confirm the pair."""
    neighbours: int = 8
    """Nearest neighbours examined per question."""
    exact_limit: int = 50_000
    """Up to this many questions the neighbour search is exact."""
    limits: DifferLimits = DifferLimits(max_extra=0.65)
    """How much may differ between two paraphrases. Extras weigh less than for a light
    edit (0.9): a paraphrase shares few words, so what only one side asks ("What are
    embeddings?" / "What is an embedding, and how is it used?") weighs more against them
    (chosen on the tune half of the pair labels, ``quality/pairs_fit.py``)."""


def pack(vector: np.ndarray) -> str:
    """A unit vector as base64 float16 (768 bytes for 384 dimensions): compact in the
    per-file cache, and ample precision for cosines."""
    return base64.b64encode(np.asarray(vector, dtype=np.float16).tobytes()).decode("ascii")


def unpack(data: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(data), dtype=np.float16).astype(np.float32)


EXPANSION_SEARCH = 256
"""HNSW search breadth. With connectivity 16 and breadth 64 or 160 the index found 96-97%
of the exact 8 nearest neighbours of 2,000 questions among 20,000 (``bench/semantic.py``,
ties counted); connectivity 32 and breadth 256 find 98.9%, at about twice the build time."""


def neighbours(vectors: np.ndarray, k: int, floor: float, exact_limit: int = 50_000) -> list[tuple[int, int, float]]:
    """``(i, j, cosine)`` with ``i < j`` for each of the ``k`` nearest neighbours of every
    vector whose cosine is at least ``floor``; sorted, no duplicates."""
    n = len(vectors)
    if n < 2:
        return []
    k = min(k, n - 1)
    if n > exact_limit:
        found = _ann(vectors, k)
        if found is not None:
            return _pairs(found, vectors, floor)
    pairs: set[tuple[int, int]] = set()
    out: list[tuple[int, int, float]] = []
    block = 1024
    for s in range(0, n, block):
        sims = vectors[s:s + block] @ vectors.T
        for r in range(sims.shape[0]):
            sims[r, s + r] = -1.0
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.argsort(-sims, axis=1)
        for r in range(sims.shape[0]):
            i = s + r
            for j in top[r].tolist():
                c = float(sims[r, j])
                if c >= floor:
                    key = (min(i, j), max(i, j))
                    if key not in pairs:
                        pairs.add(key)
                        out.append((key[0], key[1], c))
    return sorted(out)


def _ann(vectors: np.ndarray, k: int) -> np.ndarray | None:
    """``k`` approximate neighbours of each vector from a usearch HNSW index (cosine
    metric, fixed seed-free build on one thread for determinism), or None without
    usearch."""
    try:
        from usearch.index import Index  # optional dependency
    except ImportError:
        return None
    index = Index(ndim=vectors.shape[1], metric="ip", dtype="f32", connectivity=32, expansion_add=200, expansion_search=EXPANSION_SEARCH)
    keys = np.arange(len(vectors), dtype=np.uint64)
    index.add(keys, vectors, threads=1)
    result = index.search(vectors, k + 1, threads=1)
    return np.asarray(result.keys, dtype=np.int64)


def _pairs(found: np.ndarray, vectors: np.ndarray, floor: float) -> list[tuple[int, int, float]]:
    seen: set[tuple[int, int]] = set()
    out = []
    for i, row in enumerate(found.tolist()):
        for j in row:
            if j < 0 or j == i:
                continue
            key = (min(i, j), max(i, j))
            if key in seen:
                continue
            seen.add(key)
            c = float(vectors[i] @ vectors[j])
            if c >= floor:
                out.append((key[0], key[1], c))
    return sorted(out)


def judge(a: QuestionPrint, b: QuestionPrint, cosine: float, verifier: Verifier, options: SemanticOptions,
          use_answers: bool = True) -> tuple[str | None, str]:
    """``(kind, why)``: the kind of duplicate (``paraphrase``) or None, and the check
    that decided (for reports and ``quality/pairs_eval.py``).

    First what differs (:mod:`curate.dedup.differ`): different numbers or asks, or a
    comparison the other way round ("A over B" / "B over A"), never match, nor does a
    key term substituted in one frame ("left" / "right skewed"); another substituted term,
    a narrower subject or a heavier extra needs a pasted answer (``copy_threshold``)
    whatever the cosine. Then the cosine: at or above ``floor`` the
    pair is a paraphrase; from ``doubt`` up to ``floor``, similar answers must confirm it."""
    if reversed_comparison(a.norm, b.norm):
        return None, "reversed comparison"
    diff = difference(a, b, verifier)
    reason = blocks(diff, options.limits)
    answers = verifier.answer_score(a, b) if use_answers else None
    if reason is not None:
        if reason in NEVER:
            return None, reason
        if reason == "a substituted term" and diff.same_frame:
            # answers to "left skewed" and "right skewed" share their words as the
            # questions do: a bag of answer words cannot see the swapped key term
            return None, "a substituted key term in one frame"
        if answers is not None and answers >= verifier.options.copy_threshold:
            return "paraphrase", f"{reason}, overruled by a pasted answer"
        return None, reason
    if cosine >= options.floor:
        return "paraphrase", "cosine at or above the floor"
    if cosine >= options.doubt and answers is not None and answers >= verifier.options.answer_threshold:
        return "paraphrase", "cosine in the doubt band, answers agree"
    return None, "cosine below the floor"


def verify(a: QuestionPrint, b: QuestionPrint, cosine: float, verifier: Verifier, options: SemanticOptions,
           use_answers: bool = True) -> str | None:
    """The kind of duplicate (``paraphrase``) or None when the pair is only related
    (:func:`judge`'s verdict)."""
    return judge(a, b, cosine, verifier, options, use_answers)[0]


def semantic_links(prints: Sequence[QuestionPrint], vectors: np.ndarray, verifier: Verifier, options: SemanticOptions,
                   use_answers: bool = True) -> Iterator[tuple[int, int, float]]:
    """``(i, j, cosine)`` of every verified paraphrase pair among ``prints``."""
    for i, j, c in neighbours(vectors, options.neighbours, options.doubt, options.exact_limit):
        if prints[i].norm == prints[j].norm:
            continue
        if verify(prints[i], prints[j], c, verifier, options, use_answers):
            yield i, j, c
