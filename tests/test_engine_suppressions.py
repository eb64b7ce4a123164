"""Inline suppressions: regions, next line, whole file, by code/name/prefix or all, and
QA002 for suppressions that silence nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from curate.config import Config
from curate.corpus.loader import load_corpus
from curate.rules.registry import discover_rules
from curate.run.engine import run_engine

STUBS = "## What is A?\n\n## What is B?\n\n## What is C?\n\nC is c.\n"


def lint(tmp_path: Path, text: str, select=("QA101", "QA002")) -> list[tuple[str, int]]:
    (tmp_path / "n.md").write_text(text, encoding="utf-8")
    corpus = load_corpus([str(tmp_path / "n.md")], root=tmp_path)
    result = run_engine(corpus, discover_rules(), as_of=dt.date(2026, 1, 1),
                        config=Config(root=tmp_path, select=select))
    return [(f.code, f.line) for f in result.findings]


def test_without_suppression(tmp_path: Path) -> None:
    assert lint(tmp_path, STUBS) == [("QA101", 1), ("QA101", 3)]


def test_next_line(tmp_path: Path) -> None:
    text = "<!-- curate-disable-next-line QA101 -->\n" + STUBS
    assert lint(tmp_path, text) == [("QA101", 4)]


def test_next_line_skips_blank_lines_and_accepts_names(tmp_path: Path) -> None:
    text = "<!-- curate-disable-next-line empty-answer -->\n\n" + STUBS
    assert lint(tmp_path, text) == [("QA101", 5)]


def test_region_and_enable(tmp_path: Path) -> None:
    text = "<!-- curate-disable QA1 -->\n## What is A?\n\n<!-- curate-enable -->\n## What is B?\n\n## C?\n\nC.\n"
    assert lint(tmp_path, text) == [("QA101", 5)]


def test_file_and_all_codes(tmp_path: Path) -> None:
    assert lint(tmp_path, STUBS + "<!-- curate-disable-file -->\n") == []


def test_unused_and_unknown_suppressions_are_reported(tmp_path: Path) -> None:
    text = "<!-- curate-disable-next-line QA101 -->\n## What is C?\n\nC is c.\n\n<!-- curate-disable-file QA999 -->\n"
    assert lint(tmp_path, text) == [("QA002", 1), ("QA002", 6)]


def test_suppression_of_a_rule_that_did_not_run_is_not_unused(tmp_path: Path) -> None:
    text = "<!-- curate-disable-next-line QA604 -->\n## What is C?\n\nC is c.\n"
    assert lint(tmp_path, text) == []


def test_directives_in_code_are_examples(tmp_path: Path) -> None:
    text = "```\n<!-- curate-disable-file -->\n```\n\n" + STUBS
    assert lint(tmp_path, text) == [("QA101", 5), ("QA101", 7)]


def test_unused_is_quiet_when_qa002_is_ignored(tmp_path: Path) -> None:
    text = "<!-- curate-disable-next-line QA101 -->\n## What is C?\n\nC is c.\n"
    assert lint(tmp_path, text, select=("QA101",)) == []


def test_disable_next_line_above_a_placeholder_answer_silences_it(tmp_path) -> None:
    """The answer block starts at the comment, so QA102 reports there: still covered."""
    from curate.run.execute import lint

    (tmp_path / "a.md").write_text("# Notes\n\n## What is X?\n\n<!-- curate-disable-next-line QA102 -->\nTBD\n\n"
                                   "## What is Y?\n\nTBD\n", encoding="utf-8")
    found = lint([tmp_path], select=("QA102", "QA002")).findings
    assert [(f.code, f.line) for f in found] == [("QA102", 10)]
