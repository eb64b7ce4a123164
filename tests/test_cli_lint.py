"""``curate lint``, ``curate rules`` and ``curate explain`` end to end: exit codes,
formats, output files, selection, config errors as one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from curate.cli.main import main


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    (tmp_path / "n.md").write_text("## What is A?\n\n## What is B?\n\nB is b.\n\n## What is C?\n\nTBD\n", encoding="utf-8")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_text_report_and_exit_1(notes: Path) -> None:
    r = invoke("lint", str(notes), "--no-cache", "--select", "QA1")
    assert r.exit_code == 1
    assert "n.md" in r.output and "QA101 empty-answer" in r.output and "QA102" in r.output
    assert "2 findings (2 errors) in 1 of 1 file" in r.output
    assert "\x1b[" not in r.output  # no colour when not a terminal


def test_fail_on_and_clean_exit(notes: Path) -> None:
    assert invoke("lint", str(notes), "--no-cache", "--select", "QA104").exit_code == 0
    assert invoke("lint", str(notes), "--no-cache", "--ignore", "QA101,QA102", "--ignore", "QA2").exit_code == 0
    r = invoke("lint", str(notes), "--no-cache", "--select", "QA101", "--config", str(write_config(notes, '[severity]\nQA101 = "warning"\n')))
    assert r.exit_code == 0
    r = invoke("lint", str(notes), "--no-cache", "--select", "QA101", "--fail-on", "warning",
               "--config", str(notes / "curate.toml"))
    assert r.exit_code == 1


def write_config(folder: Path, text: str) -> Path:
    path = folder / "curate.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_schema_and_output_file(notes: Path) -> None:
    out = notes / "report.json"
    r = invoke("lint", str(notes / "n.md"), "--no-cache", "--format", "json", "-o", str(out), "--as-of", "2026-01-31")
    assert r.exit_code == 1 and r.output == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"]["name"] == "curate" and data["as_of"] == "2026-01-31"
    assert data["summary"]["findings"] == len(data["findings"]) >= 2
    keys = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column",
            "record_id", "related", "fingerprint", "fix"}
    assert all(keys <= set(f) for f in data["findings"])


@pytest.mark.parametrize("args,words", [
    (["--format", "nope"], "unknown format 'nope'"),
    (["--as-of", "yesterday"], "is not a date"),
    (["--fail-on", "fatal"], "fatal"),
])
def test_usage_errors_exit_2(notes: Path, args: list[str], words: str) -> None:
    r = invoke("lint", str(notes), "--no-cache", *args)
    assert r.exit_code == 2 and words in r.output


def test_config_errors_exit_2_with_one_line(notes: Path) -> None:
    write_config(notes, "[rules.QA102]\nmax-extra-words = \"four\"\n")
    r = invoke("lint", str(notes), "--no-cache")
    assert r.exit_code == 2
    assert "rules.QA102.max-extra-words" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1
    write_config(notes, "[rules.QA102]\nmax-extra-wrds = 4\n")
    r = invoke("lint", str(notes), "--no-cache")
    assert r.exit_code == 2 and "max-extra-wrds" in r.output


def test_bad_regex_option_exit_2(notes: Path) -> None:
    write_config(notes, '[rules.QA102]\npatterns = ["(unclosed"]\n')
    r = invoke("lint", str(notes), "--no-cache")
    assert r.exit_code == 2 and "rules.QA102" in r.output and "regular expression" in r.output


def test_missing_path_exit_2(tmp_path: Path) -> None:
    r = invoke("lint", str(tmp_path / "nope"), "--no-cache")
    assert r.exit_code == 2 and "nope" in r.output


def test_options_from_config_take_effect(notes: Path) -> None:
    write_config(notes, '[rules.placeholder-answer]\nphrases = ["nothing"]\n')
    r = invoke("lint", str(notes), "--no-cache", "--select", "QA102")
    assert r.exit_code == 0


def test_rules_and_explain() -> None:
    r = invoke("rules")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].split()[:3] == ["CODE", "NAME", "SEVERITY"]
    assert any(line.startswith("QA101") and "empty-answer" in line and "error" in line for line in lines)
    for token in ("QA102", "placeholder-answer"):
        r = invoke("explain", token)
        assert r.exit_code == 0 and "Bad:" in r.output and "Good:" in r.output
        assert "max-extra-words (int) = 4" in r.output
    r = invoke("explain", "QA999")
    assert r.exit_code == 2 and "QA999" in r.output


def test_every_rule_documents_bad_and_good() -> None:
    from curate.rules.registry import discover_rules

    for rule in discover_rules():
        doc = rule.doc()
        assert "Bad" in doc and "Good" in doc, rule.code


def test_seed_notes_lint(tmp_path: Path) -> None:
    copy = tmp_path / "genai-notes"
    shutil.copytree(SEEDS, copy)
    r = invoke("lint", str(copy), "--no-cache", "--format", "json", "--select", "QA1")
    assert r.exit_code == 1
    by_rule = json.loads(r.output)["summary"]["by_rule"]
    assert by_rule["QA101"] == 24 and by_rule["QA103"] == 1


def test_text_reporter_colour_related_and_summary() -> None:
    import io

    from reports_helpers import seed_result

    from curate.reports import get_reporter, reporter_names

    assert {"text", "json"} <= set(reporter_names())
    render = get_reporter("text")
    plain, coloured = io.StringIO(), io.StringIO()
    render(seed_result(), plain, {})
    render(seed_result(), coloured, {"color": True})
    assert "\x1b[" not in plain.getvalue() and "\x1b[" in coloured.getvalue()
    text = plain.getvalue()
    assert "also " in text and "[fixable]" in text
    assert text.rstrip().splitlines()[-2].startswith("7 findings (3 errors, 3 warnings, 1 info)")
    assert text.rstrip().splitlines()[-1].startswith("Run 'curate explain QA")


def test_json_reporter_is_byte_stable() -> None:
    import io

    from reports_helpers import seed_result

    from curate.reports.json import render

    a, b = io.StringIO(), io.StringIO()
    render(seed_result(), a, {})
    render(seed_result(), b, {})
    assert a.getvalue() == b.getvalue()
    assert json.loads(a.getvalue())["summary"]["findings"] == 7


def _findings(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["lint", *args, "--format", "json", "--no-cache", "--as-of", "2026-01-15",
                                       "--ignore", "QA501,QA502", "-j", "1"])
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_whole_corpus_reports_what_a_plain_run_reports_for_files_folders_and_a_mix(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus / "notes")
    (corpus / "curate.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(corpus)
    code, plain = _findings("notes")
    assert code == 1 and plain
    assert _findings("notes", "--whole-corpus") == (code, plain)
    files = sorted(str(p.relative_to(corpus)) for p in (corpus / "notes").glob("*.md"))
    assert _findings(*files, "--whole-corpus") == (code, plain)
    # one file: its findings and the duplicates it takes part in, as the plain run gives them
    one = files[1]
    _, some = _findings(one, "--whole-corpus")
    expected = [f for f in plain if f["path"] == one or any(r["path"] == one for r in f.get("related", []))]
    assert some == expected and 0 < len(some) < len(plain)
    # a folder and a file together
    (corpus / "more").mkdir()
    shutil.copy(corpus / files[0], corpus / "more" / "copy.md")
    _, everything = _findings("notes", "more")
    assert _findings("notes", "more/copy.md", "--whole-corpus")[1] == everything


def test_lint_reads_one_note_from_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editors and pipes: `curate lint - --stdin-filename PATH`; the config beside PATH applies."""
    (tmp_path / "curate.toml").write_text('ignore = ["QA604"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = "## What is X?\n\nTBD   \n"
    result = CliRunner().invoke(main, ["lint", "-", "--stdin-filename", "notes/x.md", "-j", "1", "--format", "json"],
                                input=text)
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["code"], f["line"]) for f in found] == [("notes/x.md", "QA102", 3)]
    clean = CliRunner().invoke(main, ["lint", "-", "-j", "1"], input="## What is X?\n\nX is a thing.\n")
    assert clean.exit_code == 0 and "No findings" in clean.stdout
    mixed = CliRunner().invoke(main, ["lint", "-", "other.md"], input="x")
    assert mixed.exit_code == 2 and "must be the only path" in mixed.output


def test_languagetool_url_off_means_no_server_and_no_warning(notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curate.grammar import backends
    from curate.rules.language import forget_notices

    monkeypatch.setenv(backends.ENV_URL, "http://127.0.0.1:9")  # nothing answers there: read, it would warn
    for value, warned in (("http://127.0.0.1:9", True), ("off", False), ("None", False)):
        forget_notices()
        backends.reset()
        r = invoke("lint", str(notes), "--no-cache", "-j", "1", "--select", "QA501,QA502", "--languagetool-url", value,
                   "--require-grammar")
        assert ("LanguageTool at" in r.output) is warned, (value, r.output)
        assert r.exit_code == (2 if warned else 0), (value, r.output)
