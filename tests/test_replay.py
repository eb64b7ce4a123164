"""Replaying the report of an identical earlier run (``curate.cache.replay``): the same bytes,
warnings and exit code as computing it, and never a stale report."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from curate.cache import replay
from curate.cli import lint as cli_lint
from curate.cli.main import main


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".curate"))
    return folder


def lint(folder: Path, *args: str):
    return CliRunner().invoke(main, ["lint", str(folder), "--as-of", "2026-11-01", "--ignore", "QA501,QA502", *args],
                                              catch_exceptions=False)


class NoRun:
    """Makes any real lint run fail the test: only a replay may answer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0

        def counted(plan, inputs=None, progress=None):
            self.calls += 1
            return real(plan, inputs, progress)

        real = cli_lint.run
        monkeypatch.setattr(cli_lint, "run", counted)


def test_unchanged_corpus_replays_the_same_report(notes: Path, monkeypatch: pytest.MonkeyPatch):
    first = lint(notes, "--format", "json")
    runs = NoRun(monkeypatch)
    second = lint(notes, "--format", "json")
    assert runs.calls == 0
    assert (second.exit_code, second.stdout, second.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert first.exit_code == 1 and '"QA201"' in first.stdout


def test_any_change_recomputes(notes: Path, monkeypatch: pytest.MonkeyPatch):
    lint(notes, "--format", "json")
    runs = NoRun(monkeypatch)
    other_format = lint(notes, "--format", "sarif")
    other_date = lint(notes, "--format", "json", "--as-of", "2020-01-01")
    edited = sorted(notes.glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n## What is new here?\n\nTBD\n", encoding="utf-8")
    after_edit = lint(notes, "--format", "json")
    assert runs.calls == 3
    assert '"$schema"' in other_format.stdout
    assert after_edit.stdout == lint(notes, "--format", "json", "--no-cache").stdout
    assert "What is new here" in after_edit.stdout
    assert other_date.stdout != after_edit.stdout


def test_fail_on_is_part_of_the_key(notes: Path):
    assert lint(notes, "--select", "QA103").exit_code == 0
    assert lint(notes, "--select", "QA103", "--fail-on", "warning").exit_code == 1


def test_damaged_entry_is_recomputed(notes: Path, monkeypatch: pytest.MonkeyPatch):
    first = lint(notes, "--format", "json")
    with sqlite3.connect(notes / ".curate" / "cache.sqlite") as conn:
        conn.execute("UPDATE entries SET value = ? WHERE namespace = ?", (b"not zlib", replay.NAMESPACE))
    runs = NoRun(monkeypatch)
    again = lint(notes, "--format", "json")
    assert runs.calls == 1 and again.stdout == first.stdout


def test_only_the_newest_reports_are_kept(notes: Path):
    for day in range(1, 8):
        lint(notes, "--select", "QA1", "--as-of", f"2026-01-0{day}")
    with sqlite3.connect(notes / ".curate" / "cache.sqlite") as conn:
        kept = conn.execute("SELECT count(*) FROM entries WHERE namespace = ?", (replay.NAMESPACE,)).fetchone()[0]
    assert kept == 4


def test_no_cache_never_replays(notes: Path, monkeypatch: pytest.MonkeyPatch):
    lint(notes)
    runs = NoRun(monkeypatch)
    lint(notes, "--no-cache")
    assert runs.calls == 1
