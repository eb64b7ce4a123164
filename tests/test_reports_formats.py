"""The SARIF, GitHub, Markdown and JUnit reporters on known findings over the seed notes,
and SARIF of a real lint of the seeds against the official 2.1.0 schema."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from reports_helpers import SEEDS, FakeResult, many_findings, seed_result

from curate.reports import github, junit, markdown, sarif
from curate.rules.base import Finding, Severity
from curate.run.baseline import compare, entry_of

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"  # the OASIS schema, kept with the tests


def render(module, result, options=None) -> str:
    buf = io.StringIO()
    module.render(result, buf, options or {})
    return buf.getvalue()


def validate_sarif(log: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("shared SARIF schema not available")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


# -- SARIF -------------------------------------------------------------------------------


def test_sarif_validates_and_carries_rules_fingerprints_related_and_fixes() -> None:
    result = seed_result()
    log = json.loads(render(sarif, result))
    validate_sarif(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"QA101", "QA201", "QA503", "QA604"}
    assert "Bad:" in rules["QA101"]["help"]["text"] and rules["QA101"]["shortDescription"]["text"]
    assert len(run["results"]) == len(result.findings)
    for res, f in zip(run["results"], result.findings):
        assert res["partialFingerprints"][sarif.FINGERPRINT_KEY] == f.fingerprint
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    dup = [r for r in run["results"] if r["ruleId"] == "QA201"]
    assert dup and all(r["relatedLocations"] for r in dup)
    fixes = [r for r in run["results"] if "fixes" in r]
    assert len(fixes) == 1
    replacement = fixes[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "’"
    assert replacement["deletedRegion"]["startLine"] == 6
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("plugin")


def test_sarif_uri_is_relative_and_encoded() -> None:
    assert sarif.artifact_uri("notes/my file#1.md") == "notes/my%20file%231.md"
    assert sarif.artifact_uri("a\\b.md") == "a/b.md"


def test_sarif_of_no_findings_is_valid() -> None:
    result = FakeResult(findings=[], corpus=seed_result().corpus)
    log = json.loads(render(sarif, result))
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


def test_sarif_of_the_real_lint_of_the_seed_notes_validates() -> None:
    api = pytest.importorskip("curate.run.execute")
    result = api.lint([str(SEEDS)])
    log = json.loads(render(sarif, result))
    validate_sarif(log)
    assert len(log["runs"][0]["results"]) == len(result.findings)


# -- GitHub ------------------------------------------------------------------------------


def test_github_commands_are_escaped_and_errors_come_first() -> None:
    out = render(github, seed_result()).splitlines()
    commands = [line for line in out if line.startswith("::")]
    assert commands[0].startswith("::error file=examples/genai-notes/")
    kinds = [c.split(" ", 1)[0] for c in commands]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    mojibake = next(c for c in commands if "QA503" in c)
    assert ",endColumn=" in mojibake and "title=QA503 mojibake::" in mojibake
    assert not any("more findings than" in c for c in commands)
    assert out[-1].startswith("curate: 7 findings")


def test_github_escaping() -> None:
    assert github.escape_data("50% done\nnext\r") == "50%25 done%0Anext%0D"
    assert github.escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_says_when_findings_exceed_what_github_shows() -> None:
    out = render(github, many_findings(12, 3))
    first = out.splitlines()[0]
    assert first.startswith("::notice title=curate%3A more findings than annotations::")
    assert "2 are not annotated" in first
    assert github.hidden_count(many_findings(5, 5).findings) == 0
    assert github.hidden_count(many_findings(40, 40).findings) == 60


# -- Markdown ----------------------------------------------------------------------------


def test_markdown_summary_counts_per_rule_and_top_findings() -> None:
    out = render(markdown, seed_result(), {"top": 3})
    assert out.startswith("## ❌ curate: 7 findings (3 errors, 3 warnings, 1 info) in 3 files")
    assert "| `QA101` | empty-answer | 3 | 0 | 0 | 3 |" in out
    assert "| **all** | | **3** | **3** | **1** | **7** |" in out
    assert "### Top findings (the 3 most important of 7)" in out
    table = out.split("### Top findings")[1]
    assert table.count("🔴 error") == 3 and "🟡 warning" not in table.split("###")[0]
    full = render(markdown, seed_result())
    assert "\\| pipes" in full and "&lt;should be&gt;" in full


def test_markdown_shows_new_known_and_fixed_against_a_baseline() -> None:
    result = seed_result()
    old = [entry_of(f) for f in result.findings[:4]]
    gone = entry_of(Finding("QA999", "gone-rule", Severity.WARNING, "was here", "old.md", 3).with_fingerprint())
    comparison = compare(result.findings, old + [gone], "curate-baseline.json")
    new_result = FakeResult(findings=list(comparison.new), corpus=result.corpus, rules=result.rules)
    out = render(markdown, new_result, {"baseline": comparison})
    assert "**3 new**, 4 known (not shown), 1 fixed" in out
    assert "### New findings" in out
    assert "Fixed since the baseline (1)" in out and "`old.md:3`" in out


def test_markdown_of_a_clean_run() -> None:
    out = render(markdown, FakeResult(findings=[], corpus=seed_result().corpus))
    assert out.startswith("## ✅ curate: 0 findings")
    assert "Top findings" not in out


# -- JUnit -------------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_failures_for_errors_and_warnings() -> None:
    result = seed_result()
    root = ET.fromstring(render(junit, result).split("\n", 1)[1])
    suites = root.findall("testsuite")
    assert len(suites) == 5  # every file of the corpus, clean ones too
    assert root.get("failures") == "6" and root.get("tests") == str(7 + 2)
    clean = [s for s in suites if s.get("failures") == "0"]
    assert any(s.find("testcase").get("name") == "no findings" for s in clean)
    info = [c for c in root.iter("testcase") if "QA604" in c.get("name")]
    assert info and info[0].find("failure") is None and info[0].find("system-out") is not None


def test_junit_survives_control_characters() -> None:
    assert junit.clean("a\x00b\x1bc") == "a\ufffdb\ufffdc"
