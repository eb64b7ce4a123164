"""A rule is described once: every registered rule carries its documentation as data,
and ``curate explain``, ``curate rules`` and the README table are generated from it."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from cases.rule_cases import CASES_DIR, load_cases
from click.testing import CliRunner

from curate.cli.main import main
from curate.rules import docs
from curate.rules.base import Fixability, Rule, attribute_docs, option_specs
from curate.rules.registry import discover_rules

README = Path(__file__).resolve().parents[1] / "README.md"
RULES = list(discover_rules())
SUMMARY = re.compile(r"^[A-Z][^\n]{8,100}(?<![.!])$")


def test_every_builtin_rule_is_registered() -> None:
    assert len(RULES) >= 23 and not discover_rules().problems


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule: type[Rule]) -> None:
    assert SUMMARY.match(rule.summary), f"{rule.code}: summary must be one sentence-case line, no final stop"
    assert isinstance(rule.fixable, Fixability), rule.code
    doc = rule.doc()
    assert re.search(r"^Bad\b", doc, re.M) and re.search(r"^Good\b", doc, re.M), f"{rule.code}: Bad and Good examples"
    assert not re.search(r"^\s*Options\s*:", doc, re.M), f"{rule.code}: options are generated, not hand-written"
    assert dataclasses.is_dataclass(rule.Options), rule.code
    for spec in option_specs(rule):
        assert spec.help and "\n" not in spec.help, f"{rule.code}: option {spec.key} has no help"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_a_case_file(rule: type[Rule]) -> None:
    assert (CASES_DIR / f"{rule.code}.toml").is_file(), f"tests/cases/{rule.code}.toml is missing"
    kinds = {case["kind"] for case in load_cases(rule.code)}
    assert "pass" in kinds and kinds & {"fail", "fix"}, f"{rule.code}: needs fail and pass cases ({kinds})"
    if rule.fixable is not Fixability.NONE:
        assert "fix" in kinds, f"{rule.code} is fixable: needs a fix case"


def test_readme_table_is_generated() -> None:
    text = README.read_text(encoding="utf-8")
    assert docs.with_readme_table(text, docs.readme_table()) == text, (
        "README rule table is stale: python -m curate.rules.docs --write-readme")


def test_write_and_check_readme(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{docs.README_BEGIN}\n| old |\n{docs.README_END}\n\nafter\n", encoding="utf-8")
    assert docs.main(["--readme", str(readme), "--check-readme"]) == 1
    assert docs.main(["--readme", str(readme), "--write-readme"]) == 0
    assert docs.main(["--readme", str(readme), "--check-readme"]) == 0
    text = readme.read_text(encoding="utf-8")
    assert "| QA604 | whitespace | info | safe |" in text and "| old |" not in text and text.endswith("after\n")
    with pytest.raises(ValueError, match="markers"):
        docs.with_readme_table("# no markers\n", docs.readme_table())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explain_is_rendered_for_a_terminal(rule: type[Rule]) -> None:
    page = docs.explain(rule.code)
    assert page is not None and not re.search(r"(?<!`)``(?!`)", page), f"{rule.code}: raw ``literal`` markup"
    assert page.count("Options") == 1, f"{rule.code}: options shown once"
    for spec in option_specs(rule):
        assert f"  {spec.key} ({spec.type_name}) = " in page


def test_explain_shows_fixability_and_option_help() -> None:
    page = docs.explain("whitespace")
    assert page.startswith("QA604 whitespace (info, document rule, fixable: safe)\n")
    assert "  min-run (int) = 3\n      Spaces in a row" in page
    assert "'min-run' or more spaces" in page  # a literal naming an option shows its config key
    assert docs.explain("QA999") is None


def test_for_terminal() -> None:
    assert docs.for_terminal("use ``curate fix --unsafe`` or ``min_run``") == "use curate fix --unsafe or 'min_run'"


def test_inherited_option_help() -> None:
    near = next(r for r in RULES if r.code == "QA202")
    keys = [spec.key for spec in option_specs(near)]
    assert keys[0] == "threshold" and "max-related" in keys  # VerifyOptions' fields, then the rule's

    @dataclasses.dataclass(frozen=True)
    class Base:
        a: int = 1
        """Base help."""

    @dataclasses.dataclass(frozen=True)
    class Child(Base):
        b: str = "x"
        field_help: int = dataclasses.field(default=0, metadata={"help": "From metadata."})

    assert attribute_docs(Child) == {"a": "Base help."}
    assert [s.help for s in option_specs(type("R", (Rule,), {"Options": Child}))] == ["Base help.", "", "From metadata."]


def test_rules_command_text_and_json() -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["rules"])
    assert r.exit_code == 0
    assert r.output.splitlines()[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
    r = runner.invoke(main, ["rules", "--format", "json"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert [d["code"] for d in data] == [rule.code for rule in RULES]
    by_code = {d["code"]: d for d in data}
    assert by_code["QA204"]["fixable"] == "unsafe" and by_code["QA101"]["fixable"] == "none"
    assert {"name": "min-run", "type": "int", "default": 3,
            "help": "Spaces in a row, inside a sentence, that make a run."} in by_code["QA604"]["options"]
    assert runner.invoke(main, ["rules", "--format", "yaml"]).exit_code == 2
