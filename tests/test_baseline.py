"""Baselines: written sorted, matched by content fingerprint (so moved lines and
reordered files keep known findings known), fixed findings listed, bad files refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from curate.corpus.loader import load_corpus
from curate.corpus.model import Corpus
from curate.rules.base import Finding, Related, Severity
from curate.run.baseline import BaselineError, apply_baseline, compare, read_baseline, write_baseline
from curate.run.plan import RunRequest, plan
from curate.run.result import LintResult
from curate.run.scope import Review, Scope, ScopeError, review


def f(code: str, path: str, line: int, snippet: str, occurrence: int = 0) -> Finding:
    return Finding(code, code.lower(), Severity.WARNING, f"{code} at {snippet}", path, line, snippet=snippet).with_fingerprint(occurrence)


def test_write_then_read_round_trip_and_sorted(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    findings = [f("QA604", "z.md", 9, "  "), f("QA101", "a.md", 3, "What?")]
    assert write_baseline(path, findings) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["tool"] == "curate" and data["version"] == 1
    assert [e["path"] for e in data["findings"]] == ["a.md", "z.md"]
    entries = read_baseline(path)
    assert {e.fingerprint for e in entries} == {x.fingerprint for x in findings}


def test_moved_lines_stay_known_new_and_fixed_are_told_apart(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    old = [f("QA101", "a.md", 3, "What?"), f("QA604", "a.md", 9, "  "), f("QA201", "b.md", 1, "Why?")]
    write_baseline(path, old)
    # the same problems 20 lines further down, one fixed, one new
    now = [f("QA101", "a.md", 23, "What?"), f("QA201", "b.md", 21, "Why?"), f("QA502", "a.md", 5, "teh")]
    result = apply_baseline(now, path)
    assert [x.code for x in result.new] == ["QA502"]
    assert sorted(x.code for x in result.known) == ["QA101", "QA201"]
    assert [e.code for e in result.fixed] == ["QA604"]
    assert result.summary() == "1 new, 2 known (in baseline), 1 fixed"


def test_a_third_copy_of_a_known_problem_is_new() -> None:
    a, b = f("QA204", "a.md", 1, "x", 0), f("QA204", "a.md", 2, "x", 1)
    entries = compare([a], []).new
    assert entries
    base = compare([a, b], [])
    from curate.run.baseline import entry_of

    result = compare([a, b, f("QA204", "a.md", 3, "x", 2)], [entry_of(a), entry_of(b)])
    assert len(result.known) == 2 and len(result.new) == 1 and not base.known


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "not found"),
        ("{nope", "not valid JSON"),
        ('{"tool": "other", "findings": []}', "not a curate baseline"),
        ('{"tool": "curate", "version": 99, "findings": []}', "version"),
        ('{"tool": "curate", "version": 1, "findings": [{"code": "QA1"}]}', "no fingerprint"),
    ],
)
def test_bad_baseline_files_are_refused_with_a_reason(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        read_baseline(path)


def result_of(findings: list[Finding], root: Path) -> LintResult:
    return LintResult(findings=list(findings), corpus=Corpus(root=root, documents=(), problems=()),
                      as_of=dt.date(2026, 1, 1))


def test_review_writes_then_applies_a_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = [f("QA101", "a.md", 1, "What?")]
    out = review(result_of(first, tmp_path), Review(write_baseline="base.json"), None)
    assert out.result.findings == [] and "wrote 1 findings" in out.notes[0]
    later = first + [f("QA502", "a.md", 2, "teh")]
    out = review(result_of(later, tmp_path), Review(baseline="base.json"), None)
    assert [x.code for x in out.result.findings] == ["QA502"]
    assert out.comparison is not None and len(out.comparison.known) == 1


def test_an_unreadable_baseline_is_a_scope_error(tmp_path: Path) -> None:
    (tmp_path / "base.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ScopeError):
        review(result_of([], tmp_path), Review(baseline=str(tmp_path / "base.json")), None)


def test_whole_corpus_loads_the_root_and_reports_only_given_files_and_their_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "curate.toml").write_text("", encoding="utf-8")
    for name in ("sub/a.md", "b.md", "c.md"):
        (root / name).write_text("## Q?\nA.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    run_plan = plan(RunRequest(paths=("sub/a.md",), whole_corpus=True, use_cache=True))
    assert [Path(p).resolve() for p in run_plan.load_paths] == [root.resolve()]
    assert run_plan.scope.files == frozenset({str((root / "sub/a.md").resolve())})
    assert run_plan.cache is not None and run_plan.cache.enabled
    assert (root / ".curate" / "cache.sqlite").is_file() and (root / ".curate" / ".gitignore").is_file()
    corpus = load_corpus(list(run_plan.load_paths))
    by_path = {d.rel_path: d.path for d in corpus.documents}
    per_doc = {d.path: [] for d in corpus.documents}
    per_doc[by_path["sub/a.md"]].append(Finding("QA101", "x", Severity.ERROR, "m", by_path["sub/a.md"], 1))
    per_doc[by_path["c.md"]].append(Finding("QA101", "x", Severity.ERROR, "m", by_path["c.md"], 1))
    per_doc[by_path["b.md"]].append(Finding("QA201", "d", Severity.WARNING, "dup", by_path["b.md"], 1,
                                            related=(Related(by_path["sub/a.md"], 1),)))
    per_doc[by_path["c.md"]].append(Finding("QA201", "d", Severity.WARNING, "dup", by_path["c.md"], 1,
                                            related=(Related(by_path["b.md"], 1),)))
    shown, kept = run_plan.scope.narrow(corpus, per_doc)
    assert sorted(d.rel_path for d in shown) == ["b.md", "sub/a.md"]
    assert sorted((x.path, x.code) for found in kept.values() for x in found) == sorted(
        [(by_path["b.md"], "QA201"), (by_path["sub/a.md"], "QA101")])


def test_a_folder_in_scope_reports_every_file_under_it(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    scope = Scope.of([tmp_path / "sub"])
    assert scope.reports(tmp_path, "sub/a.md") and scope.reports(tmp_path, "sub/deep/b.md")
    assert not scope.reports(tmp_path, "subway.md") and not scope.reports(tmp_path, "c.md")
    assert Scope().reports(tmp_path, "anything.md")


def test_no_cache_never_creates_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("## Q?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert plan(RunRequest(paths=("a.md",), use_cache=False)).cache is None
    assert not (tmp_path / ".curate").exists()
