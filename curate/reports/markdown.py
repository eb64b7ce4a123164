"""A Markdown summary for a pull request (``$GITHUB_STEP_SUMMARY`` or a PR comment).

Counts per rule and severity, a table of the most important findings, and, when a
baseline is in use (``options["baseline"]``, a ``BaselineComparison``), how many findings
are new, how many were already known and which ones were fixed.
"""

from __future__ import annotations

from typing import Any, Mapping, TextIO

from curate.reports._shared import (
    SEVERITIES,
    by_importance,
    counts_by_file,
    counts_by_rule,
    findings_of,
    option,
    problem_texts,
    rule_infos,
    summary_line,
)
from curate.rules.base import Severity

_ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


def cell(text: str, limit: int = 160) -> str:
    """Text safe inside a Markdown table cell (one line, pipes escaped, shortened)."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render(result: Any, out: TextIO, options: Mapping[str, Any] | None = None) -> None:
    findings = findings_of(result)
    infos = rule_infos(result, findings)
    top = int(option(options, "top", 25))
    baseline = option(options, "baseline", None)
    title = option(options, "title", "curate")
    w = out.write

    status = "✅" if not findings else ("❌" if any(f.severity == Severity.ERROR for f in findings) else "⚠️")
    w(f"## {status} {title}: {summary_line(findings)}\n\n")
    if getattr(result, "as_of", None) is not None:
        w(f"Claims judged as of {result.as_of}.\n\n")
    if baseline is not None:
        w(
            f"**Baseline** `{cell(baseline.path or 'baseline')}`: **{len(baseline.new)} new**, "
            f"{len(baseline.known)} known (not shown), {len(baseline.fixed)} fixed.\n\n"
        )

    if findings:
        w("### Findings per rule\n\n")
        w("| Rule | Name | Errors | Warnings | Info | Total |\n|---|---|--:|--:|--:|--:|\n")
        table = counts_by_rule(findings)
        for code, counts in table.items():
            name = infos[code].name if code in infos else ""
            total = sum(counts.values())
            w(f"| `{code}` | {cell(name)} | {counts[Severity.ERROR]} | {counts[Severity.WARNING]} | {counts[Severity.INFO]} | {total} |\n")
        totals = {s: sum(c[s] for c in table.values()) for s in SEVERITIES}
        w(f"| **all** | | **{totals[Severity.ERROR]}** | **{totals[Severity.WARNING]}** | **{totals[Severity.INFO]}** | **{len(findings)}** |\n\n")

        files = counts_by_file(findings)
        if len(files) > 1:
            w("<details><summary>Findings per file</summary>\n\n| File | Findings |\n|---|--:|\n")
            for path, n in files.items():
                w(f"| `{cell(path)}` | {n} |\n")
            w("\n</details>\n\n")

        shown = by_importance(findings)[:top]
        heading = "New findings" if baseline is not None else "Top findings"
        more = f" (the {len(shown)} most important of {len(findings)})" if len(findings) > len(shown) else ""
        w(f"### {heading}{more}\n\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n")
        for f in shown:
            w(f"| {_ICON[f.severity]} | `{f.code}` {cell(f.name)} | `{cell(f.path)}:{f.line}` | {cell(f.message, 200)} |\n")
        w("\n")

    if baseline is not None and baseline.fixed:
        w(f"<details><summary>Fixed since the baseline ({len(baseline.fixed)})</summary>\n\n")
        w("| Rule | Was at | Message |\n|---|---|---|\n")
        for e in baseline.fixed[:top * 4]:
            w(f"| `{e.code}` {cell(e.name)} | `{cell(e.path)}:{e.line}` | {cell(e.message, 200)} |\n")
        w("\n</details>\n\n")

    problems = problem_texts(result)
    if problems:
        w("### Warnings\n\n")
        for text in problems:
            w(f"- {cell(text, 300)}\n")
        w("\n")
