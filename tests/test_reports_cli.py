"""`curate lint` with the integration options, end to end on a copy of the seed notes:
extra reports from one run, baselines, --diff-base in a git repository, --whole-corpus."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from curate.cli.main import main


@pytest.fixture()
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root / "notes")
    monkeypatch.chdir(root)
    return root


def lint(*args: str) -> tuple[int, str, str]:
    # grammar and spelling (QA501/QA502) are slow to start and have their own tests
    result = CliRunner().invoke(main, ["lint", "--ignore", "QA501,QA502", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_one_run_writes_every_report(notes: Path) -> None:
    code, out, _ = lint("notes", "--format", "github", "--as-of", "2026-01-01",
                        "--report", "sarif:out/curate.sarif", "--report", "html:out/r.html",
                        "--report", "markdown:out/summary.md", "--report", "junit:out/j.xml")
    assert code == 1
    assert out.startswith("::notice title=curate%3A more findings than annotations::")
    sarif = json.loads((notes / "out/curate.sarif").read_text(encoding="utf-8"))
    n = len(sarif["runs"][0]["results"])
    assert n > 20 and out.count("\n::") + 1 == n + 1  # the notice plus one command per finding
    assert "<!DOCTYPE html>" in (notes / "out/r.html").read_text(encoding="utf-8")
    assert f"{n} findings" in (notes / "out/summary.md").read_text(encoding="utf-8")
    assert (notes / "out/j.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_bad_report_spec_is_a_usage_error(notes: Path) -> None:
    assert lint("notes", "--report", "sarif")[0] == 2
    assert lint("notes", "--report", "nosuchformat:x.txt")[0] == 2
    assert not (notes / "x.txt").exists()


def test_write_baseline_then_only_new_findings_fail(notes: Path) -> None:
    code, _, err = lint("notes", "--as-of", "2026-01-01", "--write-baseline", "base.json")
    assert code == 0 and "wrote" in err
    code, out, err = lint("notes", "--as-of", "2026-01-01", "--baseline", "base.json", "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    # move every line down (fingerprints are content based) and add a new empty question
    path = notes / "notes" / "001_3fe1f52107ce9dc0.md"
    path.write_text("\n\n\n" + path.read_text(encoding="utf-8") + "\n## What is new here?\n", encoding="utf-8")
    code, out, err = lint("notes", "--as-of", "2026-01-01", "--baseline", "base.json", "--format", "markdown")
    assert code == 1
    assert "new" in err and "What is new here?" in out
    assert "**Baseline**" in out


def test_missing_baseline_is_a_usage_error(notes: Path) -> None:
    assert lint("notes", "--baseline", "nope.json")[0] == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_base_reports_only_changed_lines(notes: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=notes, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "T")
    git("add", ".")
    git("commit", "-q", "-m", "seeds")
    code, out, _ = lint("notes", "--diff-base", "main", "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    path = notes / "notes" / "004_852303aaeaa962d0.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Why is the sky blue?\n", encoding="utf-8")
    code, out, _ = lint("notes", "--diff-base", "main", "--format", "json")
    found = json.loads(out)["findings"]
    assert found and all(f["path"].endswith("004_852303aaeaa962d0.md") for f in found)
    assert any(f["code"] == "QA101" for f in found)
    assert lint("notes", "--diff-base", "no-such-ref")[0] == 2


def test_whole_corpus_finds_duplicates_in_files_not_given(notes: Path) -> None:
    (notes / "curate.toml").write_text("", encoding="utf-8")
    code, out, _ = lint("--whole-corpus", "notes/004_852303aaeaa962d0.md", "--format", "json")
    data = json.loads(out)
    paths = {f["path"] for f in data["findings"]}
    assert paths
    dup = [f for f in data["findings"] if f["code"] in ("QA201", "QA202")]
    assert dup, "the question 'What is Generative AI?' is asked in other files too"
    assert all(p.endswith("004_852303aaeaa962d0.md") or any(r["path"].endswith("004_852303aaeaa962d0.md")
               for f in data["findings"] if f["path"] == p for r in f["related"]) for p in paths)
    assert (notes / ".curate" / "cache.sqlite").is_file()
    # the second run reads the other files from the cache and reports the same
    code2, out2, _ = lint("--whole-corpus", "notes/004_852303aaeaa962d0.md", "--format", "json")
    assert json.loads(out2)["findings"] == data["findings"]
