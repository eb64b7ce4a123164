"""The GitHub Action's lint step (``python -m curate.cli.action``): the inputs come as
environment variables, are split as a shell would split them (a quoted path may hold a
space), and one ``curate lint`` run writes the annotations, the SARIF file, the Markdown
summary and a JSON report whose counts become the step's outputs."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path


def words(value: str) -> list[str]:
    """An input as a list: one item per line, each line split as a shell would."""
    return [word for line in value.splitlines() for word in shlex.split(line)]


def command(env: dict[str, str], temp: Path) -> list[str]:
    """The ``curate lint`` command line for these inputs."""
    args = [sys.executable, "-m", "curate.cli.main", "lint", *(words(env.get("CURATE_PATHS", "")) or ["."])]
    if env.get("CURATE_DIFF_BASE"):
        args += ["--diff-base", env["CURATE_DIFF_BASE"]]
    if env.get("CURATE_BASELINE"):
        args += ["--baseline", env["CURATE_BASELINE"]]
    args += words(env.get("CURATE_ARGS", ""))
    args += ["--fail-on", env.get("CURATE_FAIL_ON") or "error", "--format", "github",
             "--report", f"sarif:{env.get('CURATE_SARIF') or 'curate.sarif'}",
             "--report", f"markdown:{temp / 'curate-summary.md'}", "--report", f"json:{temp / 'curate.json'}"]
    return args


def outputs(report: Path) -> dict[str, int]:
    """The counts of the JSON report (zeros when the run stopped before writing it)."""
    try:
        summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    except (OSError, ValueError, KeyError):
        return {"findings": 0, "errors": 0, "warnings": 0, "info": 0}
    return {"findings": summary["findings"], "errors": summary["error"], "warnings": summary["warning"],
            "info": summary["info"]}


def main(env: dict[str, str] | None = None) -> int:
    env = dict(os.environ if env is None else env)
    temp = Path(env.get("RUNNER_TEMP") or ".")
    status = subprocess.call(command(env, temp))
    summary = temp / "curate-summary.md"
    if env.get("GITHUB_STEP_SUMMARY") and summary.exists():
        with open(env["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
            out.write(summary.read_text(encoding="utf-8"))
    if env.get("GITHUB_OUTPUT"):
        with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
            for name, value in outputs(temp / "curate.json").items():
                out.write(f"{name}={value}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
