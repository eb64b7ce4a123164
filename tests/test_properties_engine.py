"""Property: the engine's findings do not depend on file order or on ``--jobs``.

Hypothesis writes small corpora of question-and-answer notes (shared questions across
files so duplicate rules fire, empty answers, placeholders, trailing spaces, broken
links) and lints them with the paths in two orders, and with one process and a pool of two
(the pool forced even for tiny corpora). The findings, as JSON, must be identical.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from conftest import AS_OF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import curate.infra.executors
from curate.run.execute import lint

QUESTIONS = [
    "What is a transformer?", "How does attention work?", "What is RAG?", "Why use LoRA?",
    "What is a GAN?", "How do embeddings work?", "What is overfitting?", "What is a token?",
]
ANSWERS = [
    "A model built from attention layers.", "It weighs every token against the others.",
    "Retrieval adds documents to the prompt. Retrieval adds documents to the prompt.",
    "TODO", "", "See [the docs](missing.md) for more.", "1.It has steps  \n2.More steps",
    "GPT-4 is the newest model as of 2023.", "It costs less to train than full fine-tuning.",
]

note = st.lists(st.tuples(st.sampled_from(QUESTIONS), st.sampled_from(ANSWERS)), min_size=1, max_size=5)
corpora = st.lists(note, min_size=2, max_size=4)


def _write(root: Path, notes: list[list[tuple[str, str]]]) -> list[str]:
    paths = []
    for i, items in enumerate(notes):
        body = "".join(f"## {n}. {q}\n\n{a}\n\n" for n, (q, a) in enumerate(items, 1))
        path = root / f"sub{i % 2}" / f"note{i}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"# Notes {i}\n\n{body}", encoding="utf-8")
        paths.append(str(path))
    return paths


def _findings(paths: list[str], jobs: int) -> list[dict]:
    result = lint(paths, as_of=AS_OF, jobs=jobs)
    return [f.to_dict() for f in result.findings]


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora, st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_file_order(notes: list[list[tuple[str, str]]], rng) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write(Path(tmp), notes)
        shuffled = list(paths)
        rng.shuffle(shuffled)
        first = _findings(paths, jobs=1)
        assert _findings(shuffled, jobs=1) == first
        assert _findings(list(reversed(paths)), jobs=1) == first


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora)
def test_findings_do_not_depend_on_jobs(notes: list[list[tuple[str, str]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write(Path(tmp), notes)
        one = _findings(paths, jobs=1)
        with mock.patch.object(curate.infra.executors, "SMALL_WORK", 0):  # use the pool even for tiny corpora
            two = _findings(paths, jobs=2)
        assert two == one
