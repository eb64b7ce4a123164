"""Baselines: written sorted, matched by content fingerprint (so moved lines and
reordered files keep known findings known), fixed findings listed, bad files refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from curate.lint.baseline import BaselineError, apply_baseline, compare, read_baseline, write_baseline
from curate.lint.scope import IntegrationOptions, run_lint
from curate.rules.base import Finding, Related, Severity


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
    from curate.lint.baseline import entry_of

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


@dataclasses.dataclass
class Result:
    findings: list
    corpus: object = None


def fake_lint(findings):
    calls = []

    def lint(paths, **kwargs):
        calls.append((list(paths), kwargs))
        return Result(list(findings))

    lint.calls = calls
    return lint


def test_run_lint_writes_then_applies_a_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("## What?\n", encoding="utf-8")
    first = [f("QA101", "a.md", 1, "What?")]
    out = run_lint(["a.md"], IntegrationOptions(write_baseline="base.json"), lint=fake_lint(first))
    assert out.result.findings == [] and "wrote 1 findings" in out.notes[0]
    later = first + [f("QA502", "a.md", 2, "teh")]
    out = run_lint(["a.md"], IntegrationOptions(baseline="base.json"), lint=fake_lint(later))
    assert [x.code for x in out.result.findings] == ["QA502"]
    assert out.comparison is not None and len(out.comparison.known) == 1


def test_whole_corpus_loads_the_root_and_reports_only_given_files_and_their_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "curate.toml").write_text("", encoding="utf-8")
    for name in ("sub/a.md", "b.md", "c.md"):
        (root / name).write_text("## Q?\nA.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    findings = [
        Finding("QA101", "x", Severity.ERROR, "m", "sub/a.md", 1),
        Finding("QA101", "x", Severity.ERROR, "m", "c.md", 1),
        Finding("QA201", "d", Severity.WARNING, "dup", "b.md", 1, related=(Related("sub/a.md", 1),)),
        Finding("QA201", "d", Severity.WARNING, "dup", "c.md", 1, related=(Related("b.md", 1),)),
    ]
    lint = fake_lint(findings)
    out = run_lint(["sub/a.md"], IntegrationOptions(whole_corpus=True), lint=lint)
    paths, kwargs = lint.calls[0]
    assert Path(paths[0]).resolve() == root.resolve()
    assert kwargs["settings"]["report_paths"] == frozenset({str((root / "sub/a.md").resolve())})
    assert kwargs["settings"]["cache"].enabled
    assert (root / ".curate" / "cache.sqlite").is_file() and (root / ".curate" / ".gitignore").is_file()
    assert [(x.path, x.code) for x in out.result.findings] == [("sub/a.md", "QA101"), ("b.md", "QA201")]


def test_no_cache_never_creates_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("## Q?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    lint = fake_lint([])
    run_lint(["a.md"], IntegrationOptions(no_cache=True), lint=lint)
    assert not lint.calls[0][1]["settings"]["cache"].enabled
    assert not (tmp_path / ".curate").exists()
