"""Config and CLI errors: exit 2 and one clear line on stderr, never a traceback.

Each case runs the real command (click's runner, in this process) on a copy of two seed
notes. Errors must be found before the work starts, so every case is fast.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from curate.cli.main import INTERRUPTED_EXIT, main

CONFIGS = {
    "invalid-toml": "select = [\n",
    "select-not-a-list": "select = 5\n",
    "option-wrong-type": "[rules.QA202]\nthreshold = \"high\"\n",
    "unknown-rule-table": "[rules.QA999]\nx = 1\n",
    "unknown-rule-in-select": "select = [\"QA999\"]\n",
    "unknown-rule-in-ignore": "ignore = [\"no-such-rule\"]\n",
    "knowledge-file-outside": "[rules.QA401]\nknowledge_files = [\"../kb.toml\"]\n",
    "glossary-file-outside": "[rules.acronym-mismatch]\nglossary_files = [\"../glossary.toml\"]\n",
    "glossary-file-malformed": "[rules.QA403]\nglossary_files = [\"afile\"]\n",
}


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with ``notes/`` (two seed notes) and a regular file ``afile``."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for seed in sorted(SEEDS.glob("*.md"))[:2]:
        shutil.copy(seed, notes / seed.name)
    (tmp_path / "afile").write_text("not a folder\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    # an exception other than SystemExit is a crash, whatever the exit code says
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def assert_usage_error(code: int, err: str, *words: str) -> None:
    """Exit 2, exactly one "Error:" line that names the problem, and no traceback."""
    assert code == 2, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, err
    for word in words:
        assert word in errors[0], (word, errors[0])


COMMANDS = {
    "lint": ["lint", "notes", "--no-cache"],
    "parse": ["parse", "notes"],
    "build": ["build", "notes", "-o", "out", "--no-cache"],
    "fix": ["fix", "notes", "--no-cache"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", ["invalid-toml", "select-not-a-list"])
def test_bad_config_file(ws: Path, command: str, case: str) -> None:
    (ws / "bad.toml").write_text(CONFIGS[case])
    code, _out, err = run(*COMMANDS[command], "--config", "bad.toml")
    assert_usage_error(code, err, "bad.toml")
    assert not (ws / "out").exists()


@pytest.mark.parametrize("command", ["lint", "build", "fix"])
@pytest.mark.parametrize("case", ["option-wrong-type", "unknown-rule-table", "unknown-rule-in-select",
                                  "unknown-rule-in-ignore", "knowledge-file-outside", "glossary-file-outside",
                                  "glossary-file-malformed"])
def test_bad_rule_config(ws: Path, command: str, case: str) -> None:
    (ws / "curate.toml").write_text(CONFIGS[case])
    code, _out, err = run(*COMMANDS[command])
    assert_usage_error(code, err, "curate.toml")


def test_config_in_pyproject_names_the_table(ws: Path) -> None:
    (ws / "pyproject.toml").write_text("[tool.curate]\nselect = [\"QA9\"]\n")
    code, _out, err = run("lint", "notes", "--no-cache")
    assert_usage_error(code, err, "tool.curate.select", "'QA9'")


@pytest.mark.parametrize("command", ["lint", "build", "fix"])
@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_on_the_command_line(ws: Path, command: str, option: str) -> None:
    code, _out, err = run(*COMMANDS[command], option, "QA101,QA999")
    assert_usage_error(code, err, option, "'QA999'")


def test_known_codes_names_and_prefixes_are_accepted(ws: Path) -> None:
    code, _out, err = run("lint", "notes", "--no-cache", "--select", "QA1,near-duplicate-question",
                          "--ignore", "QA102")
    assert code in (0, 1), err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_missing_path(ws: Path, command: str) -> None:
    args = [a if a != "notes" else "no-such-notes" for a in COMMANDS[command]]
    code, _out, err = run(*args)
    assert_usage_error(code, err, "no-such-notes")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_missing_config_file(ws: Path, command: str) -> None:
    code, _out, err = run(*COMMANDS[command], "--config", "nope.toml")
    assert_usage_error(code, err, "nope.toml")


@pytest.mark.parametrize("args", [
    ["lint", "notes", "--no-cache", "-o", "afile/x.json"],
    ["lint", "notes", "--no-cache", "-o", "afile/deeper/x.json"],
    ["lint", "notes", "--no-cache", "--report", "sarif:afile/x.sarif"],
    ["lint", "notes", "--no-cache", "--write-baseline", "afile/base.json"],
    ["parse", "notes", "-o", "afile/x.jsonl"],
    ["build", "notes", "--no-cache", "-o", "afile/out"],
], ids=["lint-o", "lint-o-deeper", "lint-report", "lint-baseline", "parse-o", "build-o"])
def test_output_under_a_file_is_refused_before_the_run(ws: Path, args: list[str]) -> None:
    code, _out, err = run(*args)
    assert_usage_error(code, err, "cannot write", "afile")
    assert (ws / "afile").read_text() == "not a folder\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only folders")
@pytest.mark.parametrize("args", [
    ["lint", "notes", "--no-cache", "-o", "ro/x.json"],
    ["parse", "notes", "-o", "ro/x.jsonl"],
    ["build", "notes", "--no-cache", "-o", "ro/out"],
], ids=["lint", "parse", "build"])
def test_output_in_a_read_only_folder(ws: Path, args: list[str]) -> None:
    (ws / "ro").mkdir()
    os.chmod(ws / "ro", 0o555)
    try:
        code, _out, err = run(*args)
    finally:
        os.chmod(ws / "ro", 0o755)
    assert_usage_error(code, err, "not writable")


def test_missing_output_folders_are_created(ws: Path) -> None:
    """A report path in a folder that does not exist yet is fine (CI writes reports/…)."""
    code, _out, err = run("lint", "notes", "--no-cache", "--format", "json", "-o", "reports/ci/lint.json")
    assert code in (0, 1), err
    assert (ws / "reports" / "ci" / "lint.json").read_text().startswith("{")


@pytest.mark.parametrize("command", ["lint", "build", "fix"])
def test_bad_as_of(ws: Path, command: str) -> None:
    code, _out, err = run(*COMMANDS[command], "--as-of", "2026-13-01")
    assert_usage_error(code, err, "--as-of", "2026-13-01")


@pytest.mark.parametrize("args", [
    ["lint", "notes", "--no-cache", "--format", "yaml"],
    ["lint", "notes", "--no-cache", "--report", "yaml:x.yaml"],
    ["parse", "notes", "--format", "yaml"],
], ids=["lint", "lint-report", "parse"])
def test_bad_format(ws: Path, args: list[str]) -> None:
    code, _out, err = run(*args)
    assert_usage_error(code, err, "yaml")
    assert not (ws / "x.yaml").exists()


def test_a_failed_report_write_is_one_line(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Disk full while writing the report: one line, exit 2, and no partial file."""
    import contextlib

    import curate.infra.fileio

    @contextlib.contextmanager
    def full(path: object, *args: object, **kw: object):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
        yield  # pragma: no cover

    monkeypatch.setattr(curate.infra.fileio, "_atomic", full)  # under every atomic writer
    code, _out, err = run("lint", "notes", "--no-cache", "--format", "json", "-o", "lint.json")
    assert_usage_error(code, err, "No space left on device", "lint.json")
    assert not (ws / "lint.json").exists()


def test_keyboard_interrupt_is_one_line_and_exit_130(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    import curate.cli.lint

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(curate.cli.lint, "run_lint", interrupted)
    before = signal.getsignal(signal.SIGINT)
    code, _out, err = run("lint", "notes", "--no-cache")
    assert code == INTERRUPTED_EXIT
    assert err.strip() == "interrupted"
    assert signal.getsignal(signal.SIGINT) is before, "the command restores the caller's Ctrl-C handler"


def test_unexpected_os_error_is_one_line(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import curate.cli.lint

    def broken(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", "notes/x.md")

    monkeypatch.setattr(curate.cli.lint, "run_lint", broken)
    code, _out, err = run("lint", "notes", "--no-cache")
    assert_usage_error(code, err, "notes/x.md: Permission denied")


@pytest.mark.parametrize("command", [["lint"], ["build", "-o", "OUT"], ["fix"]])
def test_an_input_with_no_markdown_files_is_an_error(tmp_path: Path, command: list[str]) -> None:
    """A mistyped path in CI must not turn the check green with 'No findings in 0 files'."""
    from click.testing import CliRunner

    from curate.cli.main import main

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not markdown\n", encoding="utf-8")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    result = CliRunner().invoke(main, [args[0], str(empty), *args[1:], "--no-cache"])
    assert result.exit_code == 2 and "no Markdown files under" in result.output
    assert not (tmp_path / "out").exists()
