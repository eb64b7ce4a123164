"""The ``text`` report: findings for people, grouped by file, with a summary line.

Colour is used only when ``options["color"]`` is true (the CLI sets it when the output is
a terminal), so piped and saved reports stay plain text.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, Mapping, TextIO

import click

from curate.reports._shared import findings_of
from curate.rules.base import Finding, Severity

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
MAX_RELATED = 3
"""Other members of a duplicate cluster listed under a finding; the rest are counted."""


def _plural(n: int, word: str) -> str:
    if word == "info":
        return f"{n} info"
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: Any, findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    corpus = getattr(result, "corpus", None)
    files = len(getattr(corpus, "documents", ()) or ()) if corpus is not None else 0
    records = sum(len(d.records) for d in getattr(corpus, "documents", ()) or ()) if corpus is not None else 0
    where = len({f.path for f in findings})
    if not findings:
        return f"No findings in {_plural(files, 'file')} ({_plural(records, 'record')})."
    parts = ", ".join(_plural(counts[s], str(s)) for s in counts if counts[s])
    return (f"{_plural(len(findings), 'finding')} ({parts}) in {where} of {_plural(files, 'file')} "
            f"({_plural(records, 'record')}).")


def render(result: Any, out: TextIO, options: Mapping[str, Any]) -> None:
    color = bool(options.get("color")) if options else False

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    findings = findings_of(result)
    for path, group in groupby(findings, key=lambda f: f.path):
        out.write(style(path, bold=True, underline=True) + "\n")
        for f in group:
            where = f"{f.line}:{f.column}"
            sev = style(f"{str(f.severity):<7}", fg=COLORS.get(f.severity), bold=f.severity == Severity.ERROR)
            code = style(f"{f.code} {f.name}", dim=True)
            fixable = style(" [fixable]", fg="green") if f.fix is not None else ""
            out.write(f"  {where:>8}  {sev}  {f.message}  {code}{fixable}\n")
            for rel in f.related[:MAX_RELATED]:
                note = f" ({rel.message})" if rel.message else ""
                out.write(style(f"{'':>12}also {rel.path}:{rel.line}{note}", dim=True) + "\n")
            if len(f.related) > MAX_RELATED:
                out.write(style(f"{'':>12}and {len(f.related) - MAX_RELATED} more places", dim=True) + "\n")
        out.write("\n")
    line = summary_line(result, findings)
    worst = max((f.severity for f in findings), default=None)
    out.write(style(line, fg=COLORS.get(worst) if worst else "green", bold=True) + "\n")
    if findings and not (options or {}).get("quiet_hint"):
        code = findings[0].code
        out.write(style(f"Run 'curate explain {code}' (or any code) for what a rule checks and how to configure it.",
                        dim=True) + "\n")
