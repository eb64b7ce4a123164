"""The pre-commit hook, run by the real ``pre-commit`` tool: ``pre-commit try-repo`` this
repository into a temporary git repository holding the seed notes. The hook gets one
changed file, fails, prints its findings, and still finds that file's duplicates in the
files it was not given (the whole corpus is loaded, through the cache).

Slow (pre-commit clones this repository at HEAD and installs it into a fresh virtualenv),
so it is marked ``slow``; the installed environment is kept in pytest's cache folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

NETWORK_TROUBLE = ("NewConnectionError", "Temporary failure in name resolution", "No matching distribution found",
                   "Could not find a version that satisfies")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_try_repo_fails_on_the_seed_notes_and_prints_findings(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("needs this repository's git history (pre-commit clones it)")
    notes = tmp_path / "notes-repo"
    shutil.copytree(SEEDS, notes / "notes")
    # grammar and spelling are slow to start and have their own tests
    (notes / "curate.toml").write_text('ignore = ["QA501", "QA502"]\n', encoding="utf-8")
    _git(notes, "init", "-q")
    _git(notes, "config", "user.email", "t@example.org")
    _git(notes, "config", "user.name", "T")
    _git(notes, "add", ".")
    _git(notes, "commit", "-q", "-m", "seed notes")

    home = Path(request.config.cache.mkdir("pre-commit-home"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    changed = "notes/001_3fe1f52107ce9dc0.md"
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "curate-lint", "--files", changed, "--verbose"],
        cwd=notes,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 and any(s in out for s in NETWORK_TROUBLE) and "Failed" not in out.split("curate lint")[-1][:200]:
        pytest.skip("pre-commit could not install the hook's dependencies (no package index)")
    assert proc.returncode == 1, out
    assert "curate lint" in out and "Failed" in out
    # findings of the changed file, as "path:line:col: CODE ..." lines
    assert f"{changed}:" in out and "QA" in out
    # the duplicate of a question in the changed file lives in a file pre-commit did not pass
    assert "notes/000_430730c303d9e1ff.md" in out or "notes/002_119ce3aea157fae2.md" in out, out
    # the hook built the cache at the corpus root (the config file's folder)
    assert (notes / ".curate" / "cache.sqlite").is_file()
