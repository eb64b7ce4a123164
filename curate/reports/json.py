"""The ``json`` report: one document with every finding, for programs.

Schema (version 1, documented in the README)::

    {"version": 1,
     "tool": {"name": "curate", "version": "0.1.0"},
     "as_of": "2026-01-31",
     "summary": {"files": 5, "records": 120, "findings": 40, "error": 24, "warning": 10, "info": 6, ...},
     "problems": ["plugin 'x' failed to load: ..."],
     "findings": [Finding.to_dict(), ...]}

Keys are sorted and findings come in report order, so equal runs give equal bytes.
"""

from __future__ import annotations

import json
from typing import Any, Mapping, TextIO

from curate.reports._shared import findings_of, problem_texts, severity_counts, tool_version

SCHEMA_VERSION = 1


def document(result: Any) -> dict[str, Any]:
    """The JSON report as a dict."""
    return {**_head(result), "findings": [f.to_dict() for f in findings_of(result)]}


def _head(result: Any) -> dict[str, Any]:
    """Everything but the findings."""
    findings = findings_of(result)
    summary_fn = getattr(result, "summary", None)
    if callable(summary_fn):
        summary = summary_fn()
    else:
        summary = {"findings": len(findings), **{str(k): v for k, v in severity_counts(findings).items()}}
    as_of = getattr(result, "as_of", None)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "curate", "version": tool_version()},
        "as_of": as_of.isoformat() if as_of is not None else None,
        "summary": summary,
        "problems": problem_texts(result),
    }


def render(result: Any, out: TextIO, options: Mapping[str, Any]) -> None:
    """Write the report: the head indented for people, one finding per line.

    One compact line per finding keeps the report readable and diffable, and lets the
    C encoder do the work (``indent`` forces Python's pure-Python encoder, which took
    seconds on reports with tens of thousands of findings)."""
    indent = options.get("indent", 2) if options else 2
    if indent is None:
        json.dump(document(result), out, ensure_ascii=False, sort_keys=True)
        out.write("\n")
        return
    pad = " " * int(indent)
    items = sorted([*_head(result).items(), ("findings", None)])
    out.write("{\n")
    for n, (key, value) in enumerate(items):
        out.write(f"{pad}{json.dumps(key)}: ")
        if key == "findings":  # one row at a time: a report can be hundreds of megabytes
            findings = findings_of(result)
            for k, f in enumerate(findings):
                out.write(("[\n" if k == 0 else ",\n") + pad * 2 + json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True))
            out.write(f"\n{pad}]" if findings else "[]")
        else:
            text = json.dumps(value, indent=indent, ensure_ascii=False, sort_keys=True)
            out.write(text.replace("\n", "\n" + pad))
        out.write(",\n" if n < len(items) - 1 else "\n")
    out.write("}\n")
