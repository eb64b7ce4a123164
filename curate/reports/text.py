"""The ``text`` report: findings for people, grouped by file, with a summary line.

Colour is used only when ``options["color"]`` is true (the CLI sets it when the output is
a terminal), so piped and saved reports stay plain text.

Styled with click (already the CLI's library), not rich: rich would add about 12.5 MB
installed (rich 3.0 MB and pygments 9.5 MB; it comes only with the test extra today) for
what click.style and click.progressbar already do here, and this report is one finding per
line on purpose (grep, editors' problem matchers, the byte-identical replay cache), so
rich's wrapping to the terminal's width is not wanted.
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
    # unreadable files count too: each has its QA000 finding ("in 4 of 1 file" otherwise)
    files = len(getattr(corpus, "documents", ()) or ()) + len(getattr(corpus, "problems", ()) or ()) if corpus is not None else 0
    records = sum(len(d.records) for d in getattr(corpus, "documents", ()) or ()) if corpus is not None else 0
    where = len({f.path for f in findings})
    if not findings:
        return f"No findings in {_plural(files, 'file')} ({_plural(records, 'record')})."
    parts = ", ".join(_plural(counts[s], str(s)) for s in counts if counts[s])
    return (f"{_plural(len(findings), 'finding')} ({parts}) in {where} of {_plural(files, 'file')} "
            f"({_plural(records, 'record')}).")


GROUP_FROM = 3
"""Info findings of one rule in one file are shown as one line from this many on (every
location stays in the JSON, SARIF and other machine formats)."""


def _groups(findings: list[Finding], group: bool) -> list[list[Finding]]:
    """Each finding alone, except runs of ``GROUP_FROM`` or more info findings of one rule
    in one file (whitespace on many lines), kept together at the place of the first."""
    if not group:
        return [[f] for f in findings]
    counts: dict[str, int] = {}
    for f in findings:
        if f.severity == Severity.INFO:
            counts[f.code] = counts.get(f.code, 0) + 1
    out: list[list[Finding]] = []
    placed: dict[str, list[Finding]] = {}
    for f in findings:
        if f.severity == Severity.INFO and counts[f.code] >= GROUP_FROM:
            if f.code not in placed:
                placed[f.code] = []
                out.append(placed[f.code])
            placed[f.code].append(f)
        else:
            out.append([f])
    return out


def statistics(findings: list[Finding]) -> list[str]:
    """One line per rule, most findings first: count, code, name, and whether every one
    of them can be fixed (as ``ruff --statistics`` prints)."""
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    width = max((len(str(len(v))) for v in by_code.values()), default=1)
    lines = []
    for code, found in sorted(by_code.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        fixable = sum(1 for f in found if f.fix is not None)
        mark = " [fixable]" if fixable == len(found) else f" [{fixable} fixable]" if fixable else ""
        lines.append(f"{len(found):>{width}}  {code}  {found[0].name}{mark}")
    return lines


def render(result: Any, out: TextIO, options: Mapping[str, Any]) -> None:
    """Findings grouped by file, then the summary line. Options: ``color``, ``group``
    (default true: see :data:`GROUP_FROM`), ``statistics`` (counts per rule instead of
    findings), ``quiet`` (findings only: no summary line and no hint)."""
    options = options or {}
    color = bool(options.get("color"))
    quiet = bool(options.get("quiet"))

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    findings = findings_of(result)
    if options.get("statistics"):
        for line in statistics(findings):
            out.write(line + "\n")
    else:
        _write_findings(findings, out, style, group=bool(options.get("group", True)))
    if quiet:
        return
    line = summary_line(result, findings)
    worst = max((f.severity for f in findings), default=None)
    out.write(style(line, fg=COLORS.get(worst) if worst else "green", bold=True) + "\n")
    if findings and not options.get("quiet_hint"):
        code = findings[0].code
        out.write(style(f"Run 'curate explain {code}' (or any code) for what a rule checks and how to configure it.",
                        dim=True) + "\n")


def _write_findings(findings: list[Finding], out: TextIO, style: Any, group: bool) -> None:
    for path, in_file in groupby(findings, key=lambda f: f.path):
        out.write(style(path, bold=True, underline=True) + "\n")
        for members in _groups(list(in_file), group):
            f = members[0]
            where = f"{f.line}:{f.column}"
            sev = style(f"{str(f.severity):<7}", fg=COLORS.get(f.severity), bold=f.severity == Severity.ERROR)
            code = style(f"{f.code} {f.name}", dim=True)
            fixable = style(" [fixable]", fg="green") if all(m.fix is not None for m in members) else ""
            message = f.message
            if len(members) > 1:
                lines = ", ".join(str(m.line) for m in members[:8]) + (", …" if len(members) > 8 else "")
                message = f"{len(members)} findings on lines {lines} (first: {f.message})"
            out.write(f"  {where:>8}  {sev}  {message}  {code}{fixable}\n")
            for rel in f.related[:MAX_RELATED]:
                note = f" ({rel.message})" if rel.message else ""
                out.write(style(f"{'':>12}also {rel.path}:{rel.line}{note}", dim=True) + "\n")
            if len(f.related) > MAX_RELATED:
                out.write(style(f"{'':>12}and {len(f.related) - MAX_RELATED} more places", dim=True) + "\n")
        out.write("\n")
