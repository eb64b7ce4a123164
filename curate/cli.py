"""The ``curate`` command: click commands only, no logic beyond argument handling.

Each command hands its arguments to the library (``curate.api`` and friends) and turns
``UsageProblem`` into exit code 2 with one clear line.
"""

from __future__ import annotations

import datetime as dt
import sys

import click

from curate import __version__


class UsageProblem(click.ClickException):
    """A usage or config error: one line on stderr and exit 2."""

    exit_code = 2


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-31") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="curate")
def main() -> None:
    """Lint and curate Markdown question-and-answer notes.

    \b
    curate parse NOTES/            see the questions and answers curate finds
    curate lint NOTES/             report empty, duplicated, broken and stale content
    curate explain QA201           what a rule checks, with examples and options
    curate build NOTES/ -o OUT     write a clean, deduplicated Q&A dataset
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True,
              help="jsonl: one record per line; table: a summary per file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
def parse(paths: tuple[str, ...], fmt: str, output: str | None, config_path: str | None) -> None:
    """Parse notes into question and topic records."""
    from curate.corpus.export import run_parse

    try:
        run_parse(paths, fmt=fmt, output=output, config_path=config_path)
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise UsageProblem(str(exc)) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
