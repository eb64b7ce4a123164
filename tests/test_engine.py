"""The rule engine: discovery, selection, severities, options, fingerprints, ordering,
crash isolation, and the per-document function executors map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from curate.config import Config, ConfigError
from curate.corpus.loader import load_corpus
from curate.rules.base import Rule, Severity
from curate.rules.registry import discover_rules, select_rules
from curate.run.engine import RuleSpec, check_document, fingerprint, run_engine

AS_OF = dt.date(2026, 1, 1)


class Short(Rule):
    """Answers shorter than ``min_words``. Bad: ``A.`` Good: a sentence."""

    code, name, summary, severity = "XX101", "short-answer", "Answer too short", Severity.WARNING

    @dataclass(frozen=True)
    class Options:
        min_words: int = 3

    def check_record(self, doc, record, ctx):
        if len(record.answer_text.split()) < ctx.options.min_words:
            yield self.finding(doc, record.span.line_start, "short", record=record, snippet=record.question)


class Crashes(Rule):
    """Always raises. Bad: bugs. Good: none."""

    code, name, summary = "XX102", "crashes", "Raises"

    def check_record(self, doc, record, ctx):
        raise RuntimeError("boom")


class SameEverywhere(Rule):
    """One finding per file with the same content. Bad/Good: n/a."""

    code, name, summary, scope = "XX201", "same-everywhere", "Same", "corpus"

    def check_corpus(self, corpus, ctx):
        for doc in corpus.documents:
            yield self.finding(doc, 1, "same", snippet="same")
            yield self.finding(doc, 1, "same", snippet="same")


class OffByDefault(Rule):
    """Off unless selected. Bad/Good: n/a."""

    code, name, summary, enabled_by_default = "XX301", "off-rule", "Off", False


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    (tmp_path / "b.md").write_text("## What is B?\n\nB.\n\n## What is C?\n\nC is a long enough answer.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("## What is A?\n\nA.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    return tmp_path


def run(root: Path, rule_classes, **config) -> object:
    corpus = load_corpus([str(root)])
    return run_engine(corpus, rule_classes, as_of=AS_OF, config=Config(root=corpus.root, **config))


def test_findings_sorted_fingerprinted_and_qa000(notes: Path) -> None:
    from curate.run.engine import UnreadableFile

    result = run(notes, [Short, UnreadableFile])
    assert [(Path(f.path).name, f.line, f.code) for f in result.findings] == [
        ("a.md", 1, "XX101"), ("b.md", 1, "XX101"), ("bad.md", 1, "QA000")]
    assert all(len(f.fingerprint) == 32 for f in result.findings)
    assert result.summary()["findings"] == 3 and result.summary()["error"] == 1
    assert result.fails("error") and result.fails("warning")


def test_unreadable_files_are_reported_even_when_not_selected(notes: Path) -> None:
    from curate.run.engine import UnreadableFile

    assert [f.code for f in run(notes, [Short, UnreadableFile], select=("XX101",)).findings] == ["XX101", "XX101", "QA000"]
    assert [f.code for f in run(notes, [Short, UnreadableFile], ignore=("QA000",)).findings] == ["XX101", "XX101"]


def test_fingerprints_survive_moved_lines_and_count_occurrences(notes: Path) -> None:
    first = run(notes, [Short, SameEverywhere])
    (notes / "a.md").write_text("# Intro\n\nSome text that is long enough.\n\n## What is A?\n\nA.\n", encoding="utf-8")
    second = run(notes, [Short, SameEverywhere])
    fp = lambda r: sorted(f.fingerprint for f in r.findings)  # noqa: E731
    assert fp(first) == fp(second)
    same = [f for f in second.findings if f.code == "XX201" and f.path.endswith("a.md")]
    assert len(same) == 2 and same[0].fingerprint != same[1].fingerprint


def test_rule_crash_is_reported_not_raised(notes: Path) -> None:
    result = run(notes, [Short, Crashes])
    assert any("XX102" in p and "boom" in p for p in result.problems)
    assert any(f.code == "XX101" for f in result.findings)


def test_select_ignore_by_code_name_prefix() -> None:
    rules = [Short, Crashes, SameEverywhere, OffByDefault]
    codes = lambda sel, ign=(): [r.code for r in select_rules(rules, sel, ign)[0]]  # noqa: E731
    assert codes(()) == ["XX101", "XX102", "XX201"]
    assert codes(("XX1",)) == ["XX101", "XX102"]
    assert codes(("short-answer",)) == ["XX101"]
    assert codes((), ("XX1",)) == ["XX201"]
    assert codes(("XX1",), ("crashes",)) == ["XX101"]
    assert codes(("XX301",)) == ["XX301"]  # off by default: only by exact code
    assert codes(("XX3",)) == []
    assert select_rules(rules, ("QA9",))[1] == ["--select/--ignore: 'QA9' names no rule"]


def test_severity_override_and_options(notes: Path) -> None:
    result = run(notes, [Short], severity={"short-answer": "error"}, rules={"XX101": {"min-words": 10}})
    assert {f.severity for f in result.findings} == {Severity.ERROR}
    assert len(result.findings) == 3  # every answer is under 10 words
    assert result.rules[0].severity == Severity.ERROR


@pytest.mark.parametrize("rules,key", [
    ({"XX101": {"min_wrds": 3}}, "rules.XX101.min_wrds"),
    ({"XX101": {"min-words": "3"}}, "rules.XX101.min-words"),
    ({"XX101": {"min-words": True}}, "rules.XX101.min-words"),
    ({"XX999": {"a": 1}}, "rules.XX999"),
])
def test_bad_options_name_the_key(notes: Path, rules: dict, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        run(notes, [Short], rules=rules)


def test_check_document_is_pure_and_matches_engine(notes: Path) -> None:
    corpus = load_corpus([str(notes)])
    specs = [RuleSpec(Short, Short.Options(), Severity.INFO)]
    by_doc = [check_document(doc, specs, AS_OF, {}, corpus.root)[0] for doc in corpus.documents]
    direct = fingerprint(f for found in by_doc for f in found)
    via = run(notes, [Short], severity={"XX101": "info"}).findings
    assert direct == via


def test_executor_gives_the_same_findings(notes: Path) -> None:
    from curate.infra.executors import Executor

    corpus = load_corpus([str(notes)])
    plain = run_engine(corpus, [Short], as_of=AS_OF, config=Config(root=corpus.root))
    mapped = run_engine(corpus, [Short], as_of=AS_OF, config=Config(root=corpus.root), executor=Executor())
    assert plain.findings == mapped.findings


# -- registry ----------------------------------------------------------------------------


class FakeEntryPoint:
    def __init__(self, name: str, obj=None, error: Exception | None = None):
        self.name, self.value, self._obj, self._error = name, f"fake:{name}", obj, error

    def load(self):
        if self._error:
            raise self._error
        return self._obj


def test_registry_reports_broken_plugins_and_duplicate_codes() -> None:
    class Clash(Rule):
        """Same code as Short."""

        code, name, summary = "XX101", "clash", "Clash"

    found = discover_rules([
        FakeEntryPoint("zeta", [Short, Crashes]),
        FakeEntryPoint("broken", error=ImportError("no module named nope")),
        FakeEntryPoint("alpha", Clash),
        FakeEntryPoint("junk", 42),
        FakeEntryPoint("notarule", [str]),
    ])
    codes = [r.code for r in found]
    assert codes == sorted(codes) and "QA000" in codes and "QA002" in codes
    assert Clash in found and Short not in found  # entry points load in sorted order: alpha first
    text = "\n".join(found.problems)
    assert "plugin 'broken' failed to load: ImportError" in text
    assert "XX101 is already used" in text
    assert "plugin 'junk'" in text and "plugin 'notarule'" in text


def test_builtin_rules_are_registered() -> None:
    codes = {r.code for r in discover_rules()}
    assert {"QA000", "QA002", "QA101", "QA102", "QA103", "QA104"} <= codes
