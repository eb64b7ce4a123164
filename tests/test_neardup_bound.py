"""curate.dedup.lsh's vectorised stages against the Python reference: the per-stem
MinHash equals the per-question MinHash, and the score bound never drops a pair the
verifier would call anything but ``none``."""

from __future__ import annotations

import random
from itertools import combinations

import numpy as np
import pytest

from curate.dedup import Verifier, VerifyOptions, make_print
from curate.dedup.lsh import (
    LSHOptions,
    PrintTable,
    ScoreBound,
    Shingler,
    _hash_params,
    _mix,
    possible_matches,
    signatures,
    stop_stems,
)

# Pairs that exercise every loosening of the score: typos, joined words, "why" /
# "purpose", numbers, spaces, heavy extra stems, swapped key terms, scope words.
TRICKY = [
    "What is the bias-variance tradeoff?",
    "What is the bias variance trade off?",
    "Explain the trade-off between bias and variance.",
    "Why do we need batch normalization?",
    "What is the purpose of batch normalization?",
    "Why is batch normalization used?",
    "What is the importance of dropout?",
    "Why dropout?",
    "What is adversarial training?",
    "What is adversial training?",
    "What is adverserial trainng in deep learning?",
    "What is backpropagation through time?",
    "What is backpropgation through time?",
    "What is contrastive learning?",
    "What is constrastive learning?",
    "Explain the transformer architecture.",
    "Explain the transfomer architecture.",
    "What is hyperparameter tuning?",
    "What is hyperparamter tuning?",
    "What is quick sort?",
    "What is quicksort?",
    "What is the time complexity of quicksort?",
    "What is the time complexity of mergesort?",
    "How does GPT-3 differ from GPT-4?",
    "How does GPT-3 differ from GPT-4.5?",
    "What is the difference between TCP and UDP?",
    "TCP vs UDP?",
    "How can data leakage be prevented?",
    "How can data leakage be mitigated?",
    "What is data leakage?",
    "What are the main challenges in training GANs?",
    "What are the challenges in training GANs?",
    "How are transformers used in various industries?",
    "How are transformers used in healthcare?",
    "What is a loadbalancer?",
    "What is a load balancer?",
    "What is the role of a load balancer in a web application?",
    "Describe the architecture of a recommender system.",
    "Describe recommendation system architecture.",
    "?",
    "3.5",
    "What is it?",
]

FILLER = [
    f"{t} {s}?"
    for t in ("What is", "How does one tune", "Why use", "When should you avoid")
    for s in ("gradient boosting", "a hash table", "k-means clustering", "the softmax function", "a Bloom filter", "beam search", "LoRA adapters", "vector databases")
]


def _answers(rng: random.Random, n: int) -> list[str]:
    words = [f"term{k}" for k in range(40)]
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.3:
            out.append("")
        else:
            start = rng.randrange(5)  # overlapping vocabularies: some answers agree
            out.append(" ".join(words[start : start + rng.randrange(4, 30)]))
    return out


@pytest.mark.parametrize(
    "options",
    [VerifyOptions(), VerifyOptions(threshold=0.5, doubt_threshold=0.3, heavy_ratio=0.6), VerifyOptions(threshold=0.35, doubt_threshold=0.5, heavy_ratio=2.0)],
)
@pytest.mark.parametrize("with_answers", [False, True])
def test_score_bound_keeps_every_pair_the_verifier_matches(options: VerifyOptions, with_answers: bool) -> None:
    questions = TRICKY + FILLER
    answers = _answers(random.Random(3), len(questions)) if with_answers else [""] * len(questions)
    prints = [make_print(str(i), q, a) for i, (q, a) in enumerate(zip(questions, answers))]
    verifier = Verifier(prints, options)
    pairs = np.array(list(combinations(range(len(prints)), 2)), dtype=np.int64)
    keep = possible_matches(verifier, PrintTable.of(prints), pairs)
    kinds = [verifier.verify(prints[i], prints[j]).kind for i, j in pairs.tolist()]
    missed = [(questions[i], questions[j], k) for (i, j), k, kept in zip(pairs.tolist(), kinds, keep.tolist()) if k != "none" and not kept]
    assert not missed
    assert any(k != "none" for k in kinds)
    assert not keep.all(), "the bound must drop some hopeless pairs"
    verify, related, score = ScoreBound(verifier, PrintTable.of(prints)).classify(pairs)
    assert not (verify & related).any()
    assert ((verify | related) == keep).all()
    for (i, j), s in zip(pairs[related].tolist(), score[related].tolist()):
        verdict = verifier.verify(prints[i], prints[j])
        assert (verdict.kind, round(verdict.score, 4)) == ("related", round(s, 4))


def _reference_signatures(prints, options: LSHOptions) -> np.ndarray:
    """The per-question MinHash (every shingle of every question hashed)."""
    shingler = Shingler(stop_stems(prints, options))

    def minhash(shingles, n_hash: int, seed: int) -> np.ndarray:
        a, b = _hash_params(n_hash, seed)
        out = np.empty((len(prints), n_hash), dtype=np.uint32)
        with np.errstate(over="ignore"):
            for row, p in enumerate(prints):
                base = _mix(np.array(shingles(p), dtype=np.uint64))
                out[row] = [int(((base * a[k] + b[k]) >> np.uint64(32)).min()) for k in range(n_hash)]
        return out

    main = minhash(shingler.ids, options.bands * options.rows, options.seed)
    if not shingler.stop:
        return np.concatenate((main, main[:, :: options.rows][:, : options.bands]), axis=1)
    order = minhash(lambda p: shingler.ids(p, full=True), options.bands, options.seed + 1)
    return np.concatenate((main, order), axis=1)


@pytest.mark.parametrize("stop_min", [100, 2])
def test_per_stem_minhash_equals_per_question_minhash(stop_min: int) -> None:
    prints = [make_print(str(i), q) for i, q in enumerate(TRICKY + FILLER)]
    options = LSHOptions(stop_min=stop_min, chunk=7)
    assert (bool(stop_stems(prints, options))) == (stop_min == 2)
    assert (signatures(prints, options) == _reference_signatures(prints, options)).all()
