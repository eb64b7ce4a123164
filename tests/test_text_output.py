"""The text report on big corpora: grouped whitespace lines, --statistics, --quiet, --color,
and a file count that includes unreadable files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from curate.cli.main import main

NOTE = "## What is X?\n\nX is a thing. \nIt is used. \nMore text here. \nAnd more. \n\nEnd.\n"


def lint(folder: Path, *args: str):
    return CliRunner().invoke(main, ["lint", str(folder), "--no-cache", "-j", "1", "--select", "QA604,QA000",
                                     "--as-of", "2026-01-15", *args])


def test_many_whitespace_findings_in_one_file_are_one_line_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(NOTE, encoding="utf-8")
    grouped = lint(tmp_path)
    lines = [line for line in grouped.stdout.splitlines() if "QA604 whitespace" in line]
    assert len(lines) == 1 and "findings on lines" in lines[0], grouped.stdout
    every = lint(tmp_path, "--no-group")
    assert len([line for line in every.stdout.splitlines() if "QA604 whitespace" in line]) >= 3
    json_out = CliRunner().invoke(main, ["lint", str(tmp_path), "--no-cache", "-j", "1", "--select", "QA604",
                                         "--format", "json"])
    assert json_out.stdout.count('"QA604"') >= 4  # every location stays in machine formats


def test_a_lone_whitespace_finding_is_shown_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("## What is X?\n\nX is a thing.   \n", encoding="utf-8")
    out = lint(tmp_path).stdout
    assert "findings on lines" not in out and "QA604" in out


def test_statistics_count_per_rule_and_quiet_prints_findings_only(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(NOTE, encoding="utf-8")
    stats = lint(tmp_path, "--statistics")
    first = stats.stdout.splitlines()[0].split()
    assert first[1:3] == ["QA604", "whitespace"] and int(first[0]) >= 4 and "[fixable]" in stats.stdout
    quiet = lint(tmp_path, "--quiet")
    assert "finding" not in quiet.stdout.splitlines()[-1] and "QA604" in quiet.stdout
    assert quiet.exit_code == lint(tmp_path).exit_code


def test_color_is_forced_on_and_off(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(NOTE, encoding="utf-8")
    assert "\x1b[" in lint(tmp_path, "--color").stdout
    assert "\x1b[" not in lint(tmp_path, "--no-color").stdout


def test_file_count_includes_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("## What is X?\n\nX.\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes("## Q?\n".encode("utf-16"))
    out = lint(tmp_path).stdout
    assert "in 1 of 2 files" in out, out
