"""GitHub Actions workflow commands: one annotation per finding.

GitHub turns ``::error file=…,line=…::message`` lines into annotations on the pull
request, but shows only 10 error, 10 warning and 10 notice annotations per step and 50
per job; the rest are silently dropped. So errors are printed first (they are what a
reviewer must see), and when there are more findings than GitHub shows, a notice says so
first and points to the full report, instead of letting findings vanish.
"""

from __future__ import annotations

from typing import Any, Mapping, TextIO

from curate.reports._shared import by_importance, findings_of, option, summary_line
from curate.rules.base import Finding, Severity

PER_STEP_LIMIT = 10
"""Annotations of one kind (error, warning, notice) GitHub shows per step."""
PER_JOB_LIMIT = 50
"""Annotations GitHub shows per job, all steps together."""
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a ``key=value`` property of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    """The workflow command line for one finding."""
    props = [f"file={escape_property(f.path)}", f"line={f.line}"]
    end_line = f.end_line if f.end_line is not None else f.line
    if end_line != f.line:
        props.append(f"endLine={end_line}")
    props.append(f"col={f.column}")
    if f.end_column is not None and end_line == f.line:
        props.append(f"endColumn={f.end_column}")
    props.append(f"title={escape_property(f'{f.code} {f.name}')}")
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(f.message)}"


def hidden_count(findings: list[Finding], per_step: int = PER_STEP_LIMIT, per_job: int = PER_JOB_LIMIT) -> int:
    """How many of ``findings`` GitHub will not show as annotations (one step)."""
    shown = 0
    for severity in _COMMAND:
        shown += min(per_step, sum(1 for f in findings if f.severity == severity))
    shown = min(shown, per_job)
    return len(findings) - shown


def render(result: Any, out: TextIO, options: Mapping[str, Any] | None = None) -> None:
    """Print workflow commands, most severe first, with a note on what GitHub hides."""
    findings = by_importance(findings_of(result))
    hidden = hidden_count(findings)
    if hidden > 0:
        where = option(options, "full_report_hint", "the job log and the uploaded SARIF report (Security > Code scanning)")
        note = (
            f"curate found {len(findings)} findings; GitHub shows at most {PER_STEP_LIMIT} errors, "
            f"{PER_STEP_LIMIT} warnings and {PER_STEP_LIMIT} notices per step, so {hidden} are not annotated. "
            f"See all of them in {where}."
        )
        out.write(f"::notice title={escape_property('curate: more findings than annotations')}::{escape_data(note)}\n")
    for f in findings:
        out.write(command(f) + "\n")
    out.write(f"curate: {summary_line(findings)}\n")
