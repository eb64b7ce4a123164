"""Data-driven rule cases: small Markdown inputs with the findings they must produce.

Each ``tests/cases/<family>.toml`` holds ``[[case]]`` tables:

``rule``      rule code (``QA604``)
``name``      what the case shows
``text``      the Markdown file (written as ``path``, default ``note.md``)
``path``      where the file sits under the temporary corpus root
``files``     other (empty) files to create under the root, for link targets
``extra``     other files with content: a table of path = text
``expect``    1-based lines that must be reported, in order (``[]``: must stay clean)
``messages``  substrings the messages must contain, one per expected finding (optional)
``fixed``     the text after applying every fix (optional)
``options``   rule options (optional)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from pathlib import Path
from typing import Any

import tomllib

from curate.corpus.markdown import parse_document
from curate.rules.base import Finding, Rule, RuleContext

CASES_DIR = Path(__file__).resolve().parent
FAMILIES = {"links": "curate.rules.links", "text": "curate.rules.text", "structure": "curate.rules.structure"}


def load_cases(family: str) -> list[dict[str, Any]]:
    """The cases of one family file, each tagged with an id for pytest."""
    data = tomllib.loads((CASES_DIR / f"{family}.toml").read_text(encoding="utf-8"))
    cases = data.get("case", [])
    for index, case in enumerate(cases):
        case.setdefault("id", f"{case['rule']}-{index}-{case['name'][:40].replace(' ', '-')}")
    return cases


def rule_class(family: str, code: str) -> type[Rule]:
    module = importlib.import_module(FAMILIES[family])
    for cls in module.RULES:
        if cls.code == code:
            return cls
    raise KeyError(code)


def run_rule(cls: type[Rule], root: Path, rel_path: str, text: str, options: dict | None = None,
             settings: dict | None = None) -> tuple[list[Finding], Any]:
    """Write ``text`` under ``root``, parse it and run one rule on it."""
    path = root / rel_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    doc = parse_document(text, str(path), rel_path)
    opts = cls.Options(**(options or {}))
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, root=root, settings=settings or {})
    rule = cls()
    if cls.scope == "record":
        findings = [f for record in doc.records for f in rule.check_record(doc, record, ctx)]
    elif cls.scope == "document":
        findings = list(rule.check_document(doc, ctx))
    else:
        raise AssertionError("corpus rules are not run by this helper")
    return sorted(findings, key=Finding.sort_key), doc


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """``text`` with every (non-overlapping) fix applied, last first."""
    fixes = sorted((f.fix for f in findings if f.fix is not None), key=lambda fx: (fx.start, fx.end))
    for a, b in zip(fixes, fixes[1:]):
        assert a.end <= b.start or a.start == a.end == b.start, f"overlapping fixes {a} {b}"
    for fix in reversed(fixes):
        text = text[:fix.start] + fix.replacement + text[fix.end:]
    return text


def check_case(family: str, case: dict[str, Any], root: Path) -> None:
    """Run one case and assert its expectations."""
    for name in case.get("files", []):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.touch()
    for name, body in case.get("extra", {}).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    cls = rule_class(family, case["rule"])
    findings, doc = run_rule(cls, root, case.get("path", "note.md"), case["text"], case.get("options"))
    got = [f.line for f in findings]
    shown = "\n".join(f"{f.line}:{f.column} {f.message}" for f in findings)
    assert got == case["expect"], f"{case['name']}: expected lines {case['expect']}, got\n{shown}"
    for finding, part in zip(findings, case.get("messages", [])):
        assert part in finding.message, f"{case['name']}: {part!r} not in {finding.message!r}"
    for finding in findings:
        assert finding.code == cls.code and finding.name == cls.name
        assert finding.line >= 1 and finding.column >= 1
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(doc.text)
    if "fixed" in case:
        assert apply_fixes(doc.text, findings) == case["fixed"], case["name"]


def replace_options(cls: type[Rule], **values: Any) -> Any:
    return dataclasses.replace(cls.Options(), **values)
