"""The README's example outputs and counts are real: each is re-run here on the bundled
notes and compared, so a change in the rules or the parser that moves a number fails
until the README says the new one (regenerate by running the command it shows)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import SEEDS

from curate.build.progress import LONG_BUILD_FILES
from curate.cli.main import main
from curate.run.execute import lint

README = Path(__file__).resolve().parents[1] / "README.md"


def _text() -> str:
    return README.read_text(encoding="utf-8")


def test_json_report_example_summary_is_the_seed_notes_summary() -> None:
    text = _text()
    section = text[text.index("### JSON report (version 1)"):]
    block = re.search(r"```json\n(.*?)\n```", section, re.S)
    assert block, "the JSON report example is missing"
    shown = json.loads(block.group(1))
    assert f"--as-of {shown['as_of']}" in section[: block.start()]  # the command it names
    result = lint([str(SEEDS)], as_of=dt.date.fromisoformat(shown["as_of"]), use_cache=False)
    rendered = json.loads(_render_json(result))
    assert shown["summary"] == rendered["summary"]


def _render_json(result: object) -> str:
    import io

    from curate.reports import get_reporter

    out = io.StringIO()
    get_reporter("json")(result, out, {})
    return out.getvalue()


def test_build_example_line_is_what_build_prints(tmp_path: Path) -> None:
    match = re.search(r"\$ curate build examples/genai-notes -o out --as-of (\S+)\n\s+(wrote .*)\n", _text())
    assert match, "the build example is missing"
    as_of, line = match.groups()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "--as-of", as_of])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == line.replace(" to out ", f" to {out} ")


def test_progress_thresholds_in_the_readme() -> None:
    text = " ".join(_text().split())
    assert f"A progress bar shows on a terminal for builds of {LONG_BUILD_FILES} files or more" in text
