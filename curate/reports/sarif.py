"""SARIF 2.1.0 for code scanning (GitHub, VS Code SARIF viewer, Azure DevOps).

Every rule that ran is listed with its summary and its ``curate explain`` page as help;
results carry ``partialFingerprints`` (the content fingerprint, so alerts survive moved
lines), ``relatedLocations`` for the other members of a duplicate, and ``fixes`` where
the rule offers a mechanical repair.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any, Mapping, TextIO
from urllib.parse import quote

from curate.reports._shared import findings_of, problem_texts, rule_infos, tool_version
from curate.rules.base import Finding, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "curateFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a display path (POSIX separators, spaces and other
    unsafe characters percent-encoded)."""
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    return quote(posix, safe="/-._~")


def _region(f: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
    end_line = f.end_line if f.end_line is not None else f.line
    region["endLine"] = max(end_line, region["startLine"])
    if f.end_column is not None:
        end_col = max(f.end_column, 1)
        if region["endLine"] == region["startLine"]:
            end_col = max(end_col, region["startColumn"])
        region["endColumn"] = end_col
    return region


def _fix(f: Finding, corpus: Any) -> dict[str, Any] | None:
    fix = f.fix
    if fix is None:
        return None
    doc = corpus.document(f.path) if corpus is not None and hasattr(corpus, "document") else None
    if doc is not None:
        sl, sc = doc.locate(fix.start)
        el, ec = doc.locate(max(fix.end, fix.start))
        deleted: dict[str, Any] = {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}
    else:
        deleted = {"charOffset": fix.start, "charLength": max(fix.end - fix.start, 0)}
    description = fix.description or ("Apply the suggested fix" if fix.safe else "Apply the suggested fix (unsafe: deletes text)")
    return {
        "description": {"text": description},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": artifact_uri(f.path), "uriBaseId": "%SRCROOT%"},
                "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}],
            }
        ],
    }


def build_sarif(result: Any, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serialises it)."""
    findings = findings_of(result)
    infos = rule_infos(result, findings)
    index = {code: i for i, code in enumerate(infos)}
    corpus = getattr(result, "corpus", None)
    rules = []
    for info in infos.values():
        rules.append(
            {
                "id": info.code,
                "name": info.name,
                "shortDescription": {"text": info.summary},
                "fullDescription": {"text": info.summary},
                "help": {"text": info.help or info.summary, "markdown": info.help or info.summary},
                "defaultConfiguration": {"level": _LEVEL[info.severity]},
                "properties": {"tags": ["qa-curate", info.name]},
            }
        )
    results = []
    for f in findings:
        entry: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message or f.name},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": _region(f),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint or f.with_fingerprint().fingerprint},
        }
        if f.related:
            entry["relatedLocations"] = [
                {
                    "id": i + 1,
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(r.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": max(r.line, 1)},
                    },
                    "message": {"text": r.message or f"also at {r.path}:{r.line}"},
                }
                for i, r in enumerate(f.related)
            ]
        fix = _fix(f, corpus)
        if fix is not None:
            entry["fixes"] = [fix]
        if f.record_id:
            entry["properties"] = {"recordId": f.record_id}
        results.append(entry)
    notifications = [
        {"level": "warning", "message": {"text": text}} for text in problem_texts(result)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "curate",
                "fullName": "qa-curate",
                "semanticVersion": tool_version(),
                "version": tool_version(),
                "rules": rules,
            }
        },
        "invocations": [
            {"executionSuccessful": True, **({"toolExecutionNotifications": notifications} if notifications else {})}
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    as_of = getattr(result, "as_of", None)
    if as_of is not None:
        run["properties"] = {"asOf": str(as_of)}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: Any, out: TextIO, options: Mapping[str, Any] | None = None) -> None:
    """Write the SARIF log as JSON."""
    json.dump(build_sarif(result, options), out, indent=2, ensure_ascii=False)
    out.write("\n")
