"""Data-driven rule cases: small Markdown inputs with the findings they must produce.

Every rule has a file ``tests/cases/<CODE>.toml`` of ``[[case]]`` tables, all run by
``tests/test_rule_cases.py``. A case is a *fail* case (``expect`` lists lines), a *pass*
case (``expect = []``: the text must stay clean) or a *fix* case (``fixed``: the text
after applying every fix the rule offers). Keys:

``rule``      rule code (``QA604``); must be the file's code
``name``      what the case shows
``text``      the Markdown file (written as ``path``, default ``note.md``)
``path``      where the file sits under the temporary corpus root
``encoding``  how ``text`` is written (default utf-8; ``utf-16`` makes an unreadable file)
``files``     other (empty) files to create under the root, for link targets
``extra``     other files with content: a table of path = text
``expect``    1-based lines that must be reported, in order (``[]``: must stay clean)
``messages``  substrings the messages must contain, one per expected finding (optional)
``fixed``     the text after applying every fix (optional)
``options``   rule options (optional)
``also``      other rules to run with it through the whole engine (QA002 judges them)
``online``    true: run with ``--online`` against a local HTTP server (``{server}`` in the
              text is its address; ``/ok`` answers 200, any other path 404)

Record and document rules are run directly on the parsed file; corpus rules, and cases
with ``also`` or ``encoding``, run through the engine (``curate.run.execute.lint``) on the
temporary root, so they see what ``curate lint`` sees.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import tomllib

from curate.config import rule_options
from curate.corpus.markdown import parse_document
from curate.rules.base import Finding, Fixability, Rule, RuleContext

CASES_DIR = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 1, 1)


def case_files() -> list[Path]:
    """Every rule's case file, sorted by code."""
    return sorted(CASES_DIR.glob("*.toml"))


def load_cases(code: str) -> list[dict[str, Any]]:
    """The cases of one rule's file, each tagged with its kind and an id for pytest."""
    data = tomllib.loads((CASES_DIR / f"{code}.toml").read_text(encoding="utf-8"))
    cases = data.get("case", [])
    for index, case in enumerate(cases):
        assert case["rule"] == code, f"{code}.toml: case {case['name']!r} is for {case['rule']}"
        case["kind"] = "fix" if "fixed" in case else "pass" if case["expect"] == [] else "fail"
        case.setdefault("id", f"{code}-{case['kind']}-{index}-{case['name'][:40].replace(' ', '-')}")
    return cases


def all_cases() -> list[dict[str, Any]]:
    return [case for path in case_files() for case in load_cases(path.stem)]


def rule_class(code: str) -> type[Rule]:
    from curate.rules.registry import discover_rules  # lazy: entry points are read when a case runs, not at collection

    for cls in discover_rules():
        if cls.code == code:
            return cls
    raise KeyError(code)


def run_rule(cls: type[Rule], root: Path, rel_path: str, text: str, options: dict | None = None,
             settings: dict | None = None) -> tuple[list[Finding], Any]:
    """Write ``text`` under ``root``, parse it and run one record or document rule on it."""
    path = root / rel_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    doc = parse_document(text, str(path), rel_path)
    opts = rule_options(cls, options, where=f"rules.{cls.code}")  # lists become tuples, as from a config
    ctx = RuleContext(as_of=AS_OF, options=opts, root=root, settings=settings or {})
    rule = cls()
    if cls.scope == "record":
        findings = [f for record in doc.records for f in rule.check_record(doc, record, ctx)]
    elif cls.scope == "document":
        findings = list(rule.check_document(doc, ctx))
    else:
        raise AssertionError("corpus rules run through the engine (run_engine)")
    return sorted(findings, key=Finding.sort_key), doc


def run_engine(cls: type[Rule], root: Path, case: dict[str, Any], online: bool = False) -> list[Finding]:
    """Lint ``root`` as ``curate lint`` would, with only this rule (and ``also``) selected;
    options go in a ``curate.toml`` at the root. Returns this rule's findings."""
    from curate.run.execute import lint  # lazy: only corpus and multi-rule cases need the engine

    lines = []
    for key, value in (case.get("options") or {}).items():
        lines.append(f"{key.replace('_', '-')} = {_toml(value)}")
    if lines:
        (root / "curate.toml").write_text(f"[rules.{cls.code}]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = lint([root], select=[cls.code, *case.get("also", [])], as_of=AS_OF, online=online, allow_private=online)
    return sorted((f for f in result.findings if f.code == cls.code), key=Finding.sort_key)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """``text`` with every (non-overlapping) fix applied, last first."""
    fixes = sorted((f.fix for f in findings if f.fix is not None), key=lambda fx: (fx.start, fx.end))
    for a, b in zip(fixes, fixes[1:]):
        assert a.end <= b.start or a.start == a.end == b.start, f"overlapping fixes {a} {b}"
    for fix in reversed(fixes):
        text = text[:fix.start] + fix.replacement + text[fix.end:]
    return text


def uses_engine(cls: type[Rule], case: dict[str, Any]) -> bool:
    return cls.scope == "corpus" or bool(case.get("also")) or "encoding" in case or bool(case.get("online"))


def check_case(case: dict[str, Any], root: Path, server: str | None = None) -> None:
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
        target.write_text(body.replace("{server}", server or ""), encoding="utf-8")
    cls = rule_class(case["rule"])
    rel_path = case.get("path", "note.md")
    text = case["text"].replace("{server}", server or "")
    if uses_engine(cls, case):
        path = root / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(case.get("encoding", "utf-8")))
        findings = run_engine(cls, root, case, online=bool(case.get("online")))
        doc_text = text
    else:
        findings, doc = run_rule(cls, root, rel_path, text, case.get("options"))
        doc_text = doc.text
    got = [f.line for f in findings]
    shown = "\n".join(f"{f.path}:{f.line}:{f.column} {f.message}" for f in findings)
    assert got == case["expect"], f"{case['name']}: expected lines {case['expect']}, got\n{shown}"
    for finding, part in zip(findings, case.get("messages", [])):
        assert part in finding.message, f"{case['name']}: {part!r} not in {finding.message!r}"
    for finding in findings:
        assert finding.code == cls.code and finding.name == cls.name
        assert finding.line >= 1 and finding.column >= 1
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(doc_text)
            allowed = {Fixability.SAFE: {True}, Fixability.UNSAFE: {False}, Fixability.BOTH: {True, False}}
            assert finding.fix.safe in allowed.get(Fixability(cls.fixable), set()), (
                f"{cls.code} declares fixable={cls.fixable} but offered a {'safe' if finding.fix.safe else 'unsafe'} fix")
    if "fixed" in case:
        assert any(f.fix is not None for f in findings), f"{case['name']}: a fix case whose findings offer no fix"
        assert apply_fixes(doc_text, findings) == case["fixed"], case["name"]


def replace_options(cls: type[Rule], **values: Any) -> Any:
    return dataclasses.replace(cls.Options(), **values)
