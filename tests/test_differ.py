"""What differs between two look-alike questions (curate.dedup.differ) and how QA202 uses it."""

from __future__ import annotations

from curate.corpus.loader import load_corpus
from curate.corpus.text import normalize_question
from curate.dedup.differ import Difference, DifferLimits, blocks, difference
from curate.dedup.verify import QuestionPrint, Verifier, make_print
from tests.conftest import shared_corpus

THEME = [
    "What is a time series?", "What is a decision tree?", "What is a random forest?", "What is a neural network?",
    "What is gradient descent?", "What is overfitting?", "What is a confusion matrix?", "What is cross-validation?",
]


def _pair(a: str, b: str) -> tuple[QuestionPrint, QuestionPrint, Verifier]:
    prints = [make_print(str(i), q) for i, q in enumerate([a, b, *THEME])]
    return prints[0], prints[1], Verifier(prints)


def verdict(a: str, b: str) -> str | None:
    prints = [make_print(str(i), q) for i, q in enumerate([a, b, *THEME])]
    verifier = Verifier(prints)
    return blocks(difference(prints[0], prints[1], verifier))


def test_a_substituted_term_a_narrower_subject_and_a_number_make_two_questions() -> None:
    assert verdict("How can we check for trend in time series data using ACF plots?",
                   "How can we check for seasonality in time series data using ACF plots?") == "a substituted term"
    assert verdict("How does naive method works in forecasting?",
                   "How does seasonal naive method works in forecasting?") in ("a narrower subject", "one asks more")
    assert verdict("How do you update objects inside state?", "How do you update nested objects inside state?") is not None
    assert verdict("What are the key features introduced in React 18?",
                   "What are the key features introduced in React 19?") == "different numbers"
    assert verdict("What is a decision tree?", "How do you calculate a decision tree's depth?") == "different asks"


def test_light_edits_and_clipped_or_joined_words_are_not_differences() -> None:
    assert verdict("What is the bias-variance tradeoff?", "What is the bias-variance trade-off?") is None
    assert verdict("How do you evalute a decision tree?", "How do you evaluate a decision tree?") is None
    assert verdict("What are the challenges in training GANs?", "What are the main challenges in training GANs?") is None
    # a word added at the end is weighed as an extra, not as a narrower subject
    prints = [make_print(str(i), q) for i, q in enumerate(["How do you evaluate a decision tree?",
                                                            "How do you evaluate a decision tree in practice?", *THEME])]
    d = difference(prints[0], prints[1], Verifier(prints))
    assert d.narrowed == 0 and d.substituted == 0 and d.extra > 0


def test_limits_are_options() -> None:
    prints = [make_print(str(i), q) for i, q in enumerate([
        "How does naive method works in forecasting?", "How does seasonal naive method works in forecasting?", *THEME])]
    d = difference(prints[0], prints[1], Verifier(prints))
    assert d.narrowed > 0 and blocks(d) is not None
    assert blocks(d, DifferLimits(max_narrowed=100.0, max_extra=100.0)) is None


def test_the_lexical_verifier_no_longer_merges_sibling_questions_of_a_real_collection() -> None:
    """ajitsingh98's time-series notes ask about the additive and the multiplicative
    model, trend and seasonality, naive and seasonal naive methods: siblings, not
    duplicates. Two light edits of one question still match."""
    root = shared_corpus("ajitsingh98__Data-Science-Interview-Questions-Answers")
    corpus = load_corpus([root], root=root)
    prints = [make_print(str(i), r.question, r.answer_text) for d in corpus.documents for i, r in enumerate(d.records)
              if r.is_question and normalize_question(r.question)]
    verifier = Verifier(prints)
    by_text = {p.norm: p for p in prints}

    def kind(a: str, b: str) -> str:
        return verifier.verify(by_text[normalize_question(a)], by_text[normalize_question(b)]).kind

    assert kind("How does naive method works in forecasting?", "How does seasonal naive method works in forecasting?") != "near"
    assert kind("How can we check for trend in time series data using ACF plots?",
                "How can we check for seasonality in time series data using ACF plots?") != "near"
    assert kind("What are the assumptions of logistic regression?", "What is the main assumption of logistic regression?") == "near"
    # each side adds its own: "how does it work" on one, the *test* statistic on the other
    assert kind("Define statistical hypothesis testing. Explain in detail how does it work?",
                "What do you mean by test statistic in hypothesis testing?") != "near"


def test_each_side_adding_its_own_term_makes_two_questions_one_side_does_not() -> None:
    """A light edit adds on one side only; when both sides add something (one asks more,
    the other names a second thing with a repeated word) they are two questions."""
    d = difference(*_pair("Define statistical hypothesis testing. How does it work?",
                          "What do you mean by test statistic in hypothesis testing?"))
    assert d.crossed > 0 and blocks(d) is not None
    assert blocks(Difference(extra=0.5, substituted=0.0, narrowed=0.5, asks=False, numbers=False, crossed=0.7)) \
        == "each asks something the other does not"
    assert blocks(Difference(extra=0.5, substituted=0.0, narrowed=0.5, asks=False, numbers=False, crossed=0.0)) is None
    assert verdict("What is statistical hypothesis testing?", "Define statistical hypothesis testing.") is None
    assert verdict("What is the role of latent space in generative models?", "What is the latent space in generative models?") is None


def test_one_frame_tells_a_swapped_slot_from_a_rewording() -> None:
    from curate.dedup.differ import one_frame

    a, b, _v = _pair("What does right skewed histogram indicate about the dataset?",
                     "What does left skewed histogram indicate about the dataset?")
    assert one_frame(a, b)
    a, b, _v = _pair("Design a game recommendation engine", "Design a video recommendation system")
    assert one_frame(a, b)
    a, b, _v = _pair("How do I undo the last commit in git?", "What is the way to revert my most recent git commit?")
    assert not one_frame(a, b)
