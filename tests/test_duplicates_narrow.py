"""The duplicate rules' groups around the reported files equal those of the whole corpus.

When a run reports a few files (the pre-commit hook), QA202 and QA203 walk only the
groups a reported record is in, link by link, instead of pairing the whole corpus. For
any set of reported files their findings must be exactly those of pairing everything
(and building the groups the reported files are in).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import AS_OF, SEEDS, generated

from curate.corpus.loader import load_corpus
from curate.corpus.model import Corpus
from curate.rules import duplicates
from curate.rules.base import Finding, RuleContext
from curate.rules.duplicates import DuplicateAnswer, NearDuplicateQuestion


def _generated(tmp_path: Path) -> Corpus:
    folder = generated(tmp_path, 0.6, 120, seed=13)
    return load_corpus([folder], root=folder)


def _check(rule_cls: type, corpus: Corpus, reported: frozenset[str] | None, **options: object) -> list[Finding]:
    rule = rule_cls()
    ctx = RuleContext(as_of=AS_OF, options=rule_cls.Options(**options), root=corpus.root, reported=reported)
    return list(rule.check_corpus(corpus, ctx))


def _scopes(corpus: Corpus, found: list[Finding], rng: random.Random) -> list[frozenset[str]]:
    """Single files with findings (the groups to walk), random files, and a few sets."""
    paths = [d.path for d in corpus.documents]
    flagged = sorted({f.path for f in found})
    picked = rng.sample(flagged, min(8, len(flagged))) + rng.sample(paths, 4)
    scopes = [frozenset([p]) for p in picked]
    scopes.append(frozenset(rng.sample(paths, 5)))
    scopes.append(frozenset(flagged[:6]))
    return scopes


@pytest.mark.parametrize(("rule_cls", "options"), [
    (DuplicateAnswer, {}),
    (DuplicateAnswer, {"min_shared_blocks": 2, "min_shared_chars": 120}),  # more partly pasted pairs
    (NearDuplicateQuestion, {}),
    (NearDuplicateQuestion, {"brute_force_limit": 10_000}),  # every pair a candidate
    (NearDuplicateQuestion, {"use_answers": False}),
])
def test_groups_around_reported_files_equal_the_whole_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             rule_cls: type, options: dict[str, object]) -> None:
    corpus = _generated(tmp_path)
    everything = _check(rule_cls, corpus, None, **options)
    assert everything, "the generated corpus has duplicates to find"
    scopes = _scopes(corpus, everything, random.Random(3))
    narrowed = [_check(rule_cls, corpus, scope, **options) for scope in scopes]
    monkeypatch.setattr(rule_cls, "NARROW_MAX", -1)  # no narrowing: every pair of the corpus
    for scope, got in zip(scopes, narrowed):
        whole = _check(rule_cls, corpus, scope, **options)
        assert got == whole, sorted(scope)
    assert any(got for got in narrowed)


def test_seed_notes_groups_around_each_file() -> None:
    corpus = load_corpus([SEEDS], root=SEEDS)
    for rule_cls in (DuplicateAnswer, NearDuplicateQuestion):
        for doc in corpus.documents:
            scope = frozenset([doc.path])
            got = _check(rule_cls, corpus, scope)
            whole = [f for f in _check(rule_cls, corpus, None)
                     if f.path in scope or any(r.path in scope for r in f.related)]
            assert sorted(got, key=Finding.sort_key) == sorted(whole, key=Finding.sort_key)


def test_narrowing_needs_few_reported_records(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = RuleContext(as_of=AS_OF, reported=frozenset({"a.md"}))
    assert duplicates._reported_indices(ctx, ["a.md", "b.md", "a.md"], 2) == [0, 2]
    assert duplicates._reported_indices(ctx, ["a.md", "b.md", "a.md"], 1) is None
    assert duplicates._reported_indices(RuleContext(as_of=AS_OF), ["a.md"], 10) is None
