"""--diff-base: changed lines from a real git repository, and which findings they keep."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from curate.corpus.loader import load_corpus
from curate.rules.base import Finding, Related, Severity
from curate.run.diffbase import (
    ALL_LINES,
    ChangedLines,
    DiffBaseError,
    changed_lines,
    filter_findings,
    git_toplevel,
    parse_diff,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "T")
    (repo / "a.md").write_text("## What is A?\nA is a letter.\n\n## What is B?\nB is a letter.\n", encoding="utf-8")
    (repo / "b.md").write_text("## What is C?\nC is a letter.\n", encoding="utf-8")
    (repo / "gone.md").write_text("## Old?\nold\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def test_parse_diff_hunks() -> None:
    diff = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n"
        "@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +22,0 @@\n-e\n-f\n"
        "diff --git a/y.md b/y.md\n--- a/y.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n"
    )
    files = parse_diff(diff, Path("/top"))
    assert files == {Path("/top/x.md"): {3, 11, 12, 22, 23}}


def test_changed_lines_since_a_commit_with_edits_new_and_untracked_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    git(repo, "checkout", "-q", "-b", "feature")
    text = (repo / "a.md").read_text(encoding="utf-8").replace("B is a letter.", "B is a letter too.")
    (repo / "a.md").write_text(text, encoding="utf-8")
    (repo / "new.md").write_text("## New?\nyes\n", encoding="utf-8")
    git(repo, "add", "new.md")
    git(repo, "commit", "-q", "-m", "edit")
    (repo / "untracked.md").write_text("## U?\nu\n", encoding="utf-8")
    (repo / "gone.md").unlink()
    changed = changed_lines("main")
    assert changed.files[(repo / "a.md").resolve()] == frozenset({5})
    assert changed.files[(repo / "new.md").resolve()] is ALL_LINES
    assert changed.files[(repo / "untracked.md").resolve()] is ALL_LINES
    assert (repo / "b.md").resolve() not in changed.files
    assert changed.touches("a.md", 4, 5) and not changed.touches("a.md", 1, 3)
    assert changed.touches("new.md", 999) and not changed.touches("b.md", 1, 2)


def test_commits_on_the_base_branch_do_not_count(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    git(repo, "checkout", "-q", "-b", "feature")
    git(repo, "checkout", "-q", "main")
    (repo / "b.md").write_text("## What is C?\nC changed on main.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "feature")
    assert changed_lines("main").files == {}


def test_unknown_ref_and_no_repository(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    with pytest.raises(DiffBaseError, match=r"--diff-base no-such-branch: no such commit.*git fetch origin no-such-branch"):
        changed_lines("no-such-branch")
    (repo / ".git" / "shallow").write_text("", encoding="utf-8")  # as a CI checkout with fetch-depth 1
    with pytest.raises(DiffBaseError, match="shallow.*fetch-depth: 0"):
        changed_lines("origin/main")
    (repo / ".git" / "shallow").unlink()
    outside = tmp_path / "plain"
    outside.mkdir()
    assert git_toplevel(outside) is None or git_toplevel(outside) != repo
    assert git_toplevel(repo / "a.md") == repo.resolve() or git_toplevel(repo / "a.md") == repo


def _f(code: str, path: str, line: int, related=(), record_id=None) -> Finding:
    return Finding(code, code.lower(), Severity.WARNING, "m", path, line, related=tuple(related), record_id=record_id)


def test_filter_keeps_changed_lines_and_duplicates_a_changed_record_creates(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    corpus = load_corpus(["."])
    rec_b = next(r for r in corpus.document("a.md").records if r.question == "What is B?")
    rec_c = corpus.document("b.md").records[0]
    changed = ChangedLines({(repo / "a.md").resolve(): frozenset({5})})  # B's answer line
    findings = [
        _f("QA604", "a.md", 5),  # on the changed line: kept
        _f("QA604", "a.md", 2),  # unchanged line: dropped
        _f("QA604", "b.md", 1),  # other file: dropped
        # duplicate on B's question line (line 4, not changed) but B's answer changed: kept
        _f("QA203", "a.md", 4, [Related("b.md", 1)], record_id=rec_b.id),
        # the same duplicate reported on the other, unchanged side: kept
        _f("QA203", "b.md", 1, [Related("a.md", 4)], record_id=rec_c.id),
        # a duplicate between two unchanged records: dropped
        _f("QA201", "b.md", 1, [Related("a.md", 1)], record_id=rec_c.id),
    ]
    kept = filter_findings(findings, changed, corpus)
    assert [(f.code, f.path, f.line) for f in kept] == [("QA604", "a.md", 5), ("QA203", "a.md", 4), ("QA203", "b.md", 1)]
