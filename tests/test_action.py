"""The GitHub Action's lint step, run as the Action runs it: inputs in the environment,
outputs and the job summary written to the files GitHub names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SEEDS

from curate.cli.action import words


def test_inputs_are_split_per_line_and_as_a_shell_would() -> None:
    assert words("notes\nmore notes/'a b.md'") == ["notes", "more", "notes/a b.md"]
    assert words('--config "my notes/curate.toml" --as-of 2026-01-01') == [
        "--config", "my notes/curate.toml", "--as-of", "2026-01-01"]
    assert words("") == []


def test_the_step_writes_annotations_sarif_summary_and_counts(tmp_path: Path) -> None:
    notes = tmp_path / "my notes"
    shutil.copytree(SEEDS, notes)
    temp = tmp_path / "runner"
    temp.mkdir()
    env = {"PATH": str(Path(sys.executable).parent), "RUNNER_TEMP": str(temp),
           "GITHUB_OUTPUT": str(tmp_path / "out.txt"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
           "CURATE_PATHS": "'my notes'", "CURATE_ARGS": "--ignore QA501,QA502 --no-cache -j 1 --as-of 2026-01-15",
           "CURATE_FAIL_ON": "error", "CURATE_SARIF": "curate.sarif"}
    proc = subprocess.run([sys.executable, "-m", "curate.cli.action"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "::error file=my notes/" in proc.stdout
    assert (tmp_path / "curate.sarif").is_file()
    assert "curate" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    counts = dict(line.split("=") for line in (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines())
    assert int(counts["errors"]) > 0 and int(counts["findings"]) >= int(counts["errors"]) + int(counts["warnings"])


def test_action_yml_keeps_fork_pull_requests_green() -> None:
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    upload = text.split("- name: Upload SARIF", 1)[1].split("- name:", 1)[0]
    assert "continue-on-error: true" in upload
    assert "head.repo.full_name == github.repository" in text  # no comment attempt from a fork
    for output in ("findings", "errors", "warnings", "info"):
        assert f"steps.lint.outputs.{output}" in text
    assert "python -m curate.cli.action" in text and "actions/cache@v4" in text
