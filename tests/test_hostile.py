"""Hostile files never crash a run, never leak what lies outside the root."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_corpus import SECRET, make_hostile_corpus


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile"), big_mb=12)


def _lint(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "curate.cli.main", "lint", str(root), "--format", "json", "--no-cache", *args],
        capture_output=True, text=True, timeout=600,
    )


def test_hostile_corpus_lints_to_completion_with_a_json_report(hostile):
    root, _outside = hostile
    proc = _lint(root)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    by_path: dict[str, set[str]] = {}
    for f in report["findings"]:
        by_path.setdefault(Path(f["path"]).name, set()).add(f["code"])
    # Unreadable files are reported with a reason, the rest still checked.
    for name in ("binary.md", "invalid-utf8.md", "utf16.md", "huge.md", "nul-in-middle.md"):
        assert "QA000" in by_path.get(name, set()), (name, by_path.get(name))
    assert "QA101" in by_path["good.md"]  # the empty question next to them was still found
    assert "QA301" in by_path["traversal.md"]


def test_nothing_outside_the_root_is_read_or_reported(hostile):
    root, outside = hostile
    proc = _lint(root)
    assert SECRET not in proc.stdout and SECRET not in proc.stderr
    report = json.loads(proc.stdout)
    paths = {Path(f["path"]).name for f in report["findings"]}
    assert "outside-secret.md" not in paths
    # the symlink itself is reported as not followed, never parsed
    link = [f for f in report["findings"] if Path(f["path"]).name == "link-outside.md"]
    assert all(f["code"] == "QA000" for f in link)


@pytest.mark.slow
def test_parse_of_pathological_inputs_stays_within_a_generous_time_guard():
    """Quadratic behaviour would take minutes here; linear takes well under a second each."""
    import time

    from curate.corpus.markdown import parse_document

    inputs = {
        "quotes": ">" * 4000 + " deep\n",
        "emphasis": "*_" * 30000,
        "brackets": "[![(" * 3000,
        "backticks": "`" * 20000 + " x " + "``" * 5000,
        "question-lines": "What? " * 50000,
        "list-nesting": "".join("  " * i + "- q?\n" for i in range(2000)),
    }
    for name, text in inputs.items():
        start = time.perf_counter()
        parse_document(text, f"{name}.md", f"{name}.md")
        assert time.perf_counter() - start < 60, name
