"""The ``curate`` command: click commands only, no logic beyond argument handling.

Each command hands its arguments to the library (``curate.run.plan`` and friends) and turns
``UsageProblem`` into exit code 2 with one clear line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import sys
from typing import Any

import click

from curate._version import __version__


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


INTERRUPTED_EXIT = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


class _Main(click.Group):
    """The command group: Ctrl-C and unexpected file-system errors end the run with one line.

    Ctrl-C prints "interrupted" and exits 130 (outputs are written atomically, so none is
    left half-written); an ``OSError`` no command handled (disk full, permission changed
    mid-run) exits 2 with its message instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from curate.infra.executors import tune_gc  # lazy: keeps `curate --help` fast

        tune_gc()
        previous = _interrupt_in_main_process_only()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(INTERRUPTED_EXIT)
        except OSError as exc:
            from curate.infra.fileio import os_error_line  # lazy: keeps `curate --help` fast

            raise UsageProblem(os_error_line(exc)) from None
        finally:
            _restore_interrupt_handler(previous)


def _interrupt_in_main_process_only() -> object:
    """Install the Ctrl-C handler for one command; returns the previous one.

    The first Ctrl-C raises KeyboardInterrupt and ignores the next ones (a second, impatient
    Ctrl-C would interrupt the cleanup and print a traceback); a worker forked from this
    process inherits the handler and exits quietly, leaving the one report to the parent."""

    main_pid = os.getpid()

    def on_interrupt(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            os._exit(INTERRUPTED_EXIT)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread (an embedding program): leave its handler
        return None


def _restore_interrupt_handler(previous: object) -> None:

    if previous is not None:
        try:
            signal.signal(signal.SIGINT, previous)  # type: ignore[arg-type]
        except ValueError:
            pass


def _check_file_output(path: str | None) -> None:
    from curate.infra.fileio import file_output_problem  # lazy: keeps `curate --help` fast

    problem = file_output_problem(path) if path else None
    if problem:
        raise UsageProblem(problem)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    from curate.cli.parse import run_parse  # lazy: keeps `curate --help` fast

    _check_file_output(output)
    try:
        run_parse(paths, fmt=fmt, output=output, config_path=config_path)
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise UsageProblem(str(exc)) from None


def _plan(paths: tuple[str, ...], **request: Any) -> Any:
    """The run plan of ``build`` and ``fix`` (``lint`` plans in ``curate.cli.lint``): a bad
    config, a missing path or a rule token that names no rule exits 2 here."""
    from curate.config import ConfigError  # lazy: keeps `curate --help` fast
    from curate.run.plan import RunRequest, plan  # lazy: keeps `curate --help` fast

    try:
        return plan(RunRequest(paths=paths, **request))
    except (ConfigError, FileNotFoundError) as exc:
        raise UsageProblem(str(exc)) from None


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select QA1,QA2 --select QA3`` → ("QA1", "QA2", "QA3")."""
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the dataset to (must be empty or missing, unless --force).")
@click.option("--merge", type=click.Choice(["best", "union"]), default="best", show_default=True,
              help="best: keep the most complete answer of a duplicate cluster; union: add every unique sentence and list item.")
@click.option("--force", is_flag=True, help="Replace a non-empty output folder.")
@click.option("--as-of", callback=_date, help="Judge dated claims as of this day (default today); the only date in the output.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
@click.option("--select", multiple=True, help="Only these rule codes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule codes (comma-separated, repeatable).")
@click.option("--license", "license_id", default="unknown", show_default=True, help="Licence id for the dataset card.")
@click.option("--title", help="Dataset title for the card and merged.md.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default="all cores",
              help="Worker processes for parsing and per-file rules (1 = no pool); the output is the same.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache (.curate/cache.sqlite).")
@click.option("--kind", type=click.Choice(["question", "topic", "all"]), default="question", show_default=True,
              help="Record kinds to keep: question records (a Q&A dataset), topic notes, or both.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="never", show_default=True,
              help="Exit 1 when findings at or above this severity remain on the built records (their `flags`); "
                   "the dataset is written either way.")
def build_command(paths: tuple[str, ...], out: str, merge: str, force: bool, as_of: dt.date | None,
                  config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
                  license_id: str, title: str | None, jobs: int, no_cache: bool, kind: str, fail_on: str) -> None:
    """Build a clean, merged, deduplicated Q&A dataset from notes.

    Exit status: 0 when the dataset was written (and, with --fail-on, no finding at or above
    that severity is left on its records), 1 when such findings remain, 2 for a usage or
    config error.
    """
    from curate.build import OutputError, build_dataset  # lazy: keeps `curate --help` fast
    from curate.build.progress import BuildProgress  # lazy: keeps `curate --help` fast
    from curate.infra.fileio import folder_output_problem, os_error_line  # lazy: keeps `curate --help` fast

    problem = folder_output_problem(out)
    if problem:
        raise UsageProblem(problem)
    run_plan = _plan(paths, config_path=config_path, select=_codes(select), ignore=_codes(ignore), as_of=as_of,
                     jobs=jobs, use_cache=not no_cache)
    progress = BuildProgress()
    try:
        result = build_dataset(run_plan, out, merge=merge, force=force, license_id=license_id, title=title,
                               progress=progress, kind=kind)
    except (OutputError, FileNotFoundError, ValueError) as exc:
        raise UsageProblem(str(exc)) from None
    except OSError as exc:
        raise UsageProblem(f"cannot write {out}: {os_error_line(exc)}") from None
    finally:
        progress.close()
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"wrote {result.records} records to {result.out} ({result.dropped} dropped, "
               f"{result.clusters_merged} duplicate clusters merged)")
    if fail_on != "never":
        left = result.flags_at_or_above(fail_on)
        if left:
            click.echo(f"{left} finding{'s' if left != 1 else ''} at or above {fail_on} {'remain' if left != 1 else 'remains'} in the dataset "
                       f"(the records' flags in {os.path.join(str(result.out), 'data', 'train.jsonl')})", err=True)
            sys.exit(1)


@main.command("fix")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff and write nothing (exit 1 when there is something to fix).")
@click.option("--unsafe", is_flag=True, help="Also apply fixes that delete text (a repeated sentence).")
@click.option("--as-of", callback=_date, help="Judge dated claims as of this day (default today).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
@click.option("--select", multiple=True, help="Only these rule codes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule codes (comma-separated, repeatable).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache (.curate/cache.sqlite).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default="all cores",
              help="Worker processes for the rules (1 = no pool); the fixes are the same.")
def fix_command(paths: tuple[str, ...], show_diff: bool, unsafe: bool, as_of: dt.date | None,
                config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...], no_cache: bool,
                jobs: int) -> None:
    """Apply the safe fixes rules offer, in place (atomically)."""
    from curate.fix.apply import fixes_of, write_fixes  # lazy: keeps `curate --help` fast

    run_plan = _plan(paths, config_path=config_path, select=_codes(select), ignore=_codes(ignore), as_of=as_of,
                     use_cache=not no_cache, jobs=jobs)
    try:
        report = fixes_of(run_plan, unsafe=unsafe)
    except (FileNotFoundError, ValueError) as exc:
        raise UsageProblem(str(exc)) from None
    problems = list(report.problems)
    if show_diff:
        for file in report.changed:
            click.echo(file.diff(), nl=False)
    else:
        problems += write_fixes(report)
    for file in report.files:
        for edit, why in file.rejected:
            problems.append(f"{file.path}: {edit.code} fix not applied at {why}")
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    verb = "would fix" if show_diff else "fixed"
    summary = f"{verb} {report.fix_count} issues in {len(report.changed)} files"
    if report.pending_unsafe:
        summary += f"; {report.pending_unsafe} more need --unsafe"
    click.echo(summary, err=True)
    if show_diff and report.changed:
        sys.exit(1)


# -- lint, rules, explain ------------------------------------------------------------------


@main.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", default="text", show_default=True, metavar="NAME",
              help="Report format: text, json, or any installed reporter (sarif, github, markdown, junit, html).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--statistics", is_flag=True, help="Text report: the number of findings per rule instead of the findings.")
@click.option("--quiet", "-q", is_flag=True, help="Text report: the findings only, no summary line; no warnings on stderr.")
@click.option("--group/--no-group", default=True, show_default=True,
              help="Text report: show three or more info findings of one rule in one file as one line.")
@click.option("--repo-url", metavar="URL",
              help="HTML report: open files on this repository's web page (e.g. https://github.com/team/notes).")
@click.option("--repo-ref", metavar="REF", default="HEAD", show_default=True, help="HTML report: the branch or commit of --repo-url.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal and NO_COLOR is unset).")
@click.option("--select", multiple=True, help="Only these rules: codes, names or prefixes like QA2 (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, names or prefixes (comma-separated, repeatable).")
@click.option("--as-of", callback=_date, help="Judge dated claims as of this day (default today).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache (.curate/cache.sqlite).")
@click.option("--languagetool-url", "languagetool_url", metavar="URL",
              help="LanguageTool server for QA501/QA502, e.g. http://localhost:8081 (else CURATE_LANGUAGETOOL_URL); "
                   "'off' or 'none': no server, the offline checker.")
@click.option("--require-grammar", "require_grammar", is_flag=True,
              help="Exit 2 when the configured grammar backend cannot be used (instead of a warning).")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:FILE",
              help="Also write this report from the same run, e.g. sarif:curate.sarif (repeatable).")
@click.option("--whole-corpus", is_flag=True,
              help="Check PATHS against the whole corpus around them (via the cache); report only their "
                   "findings and the duplicates they take part in (the pre-commit hook).")
@click.option("--diff-base", metavar="REF", help="Report only findings on lines changed since git REF (and the duplicates they create).")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Do not report findings listed in this baseline; list the ones fixed since.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the findings to FILE as a baseline (and accept them: exit 0).")
@click.option("--online", is_flag=True, help="Also check that remote links and images answer (QA304).")
@click.option("--allow-private", "allow_private", is_flag=True,
              help="Let --online request loopback, private and link-local addresses (refused by default).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default="all cores",
              help="Worker processes for parsing and per-file rules (1 = no pool).")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray tasks (pip install 'qa-curate[ray]').")
@click.option("--ray-address", "ray_address", metavar="ADDRESS",
              help="Join this Ray cluster (with --executor ray); default: start a local Ray.")
@click.option("--stdin-filename", metavar="PATH",
              help="With PATHS '-': the name of the note read from standard input (config and report use it).")
def lint_command(paths: tuple[str, ...], fmt: str, output: str | None, fail_on: str, statistics: bool, quiet: bool,
                 group: bool, repo_url: str | None, repo_ref: str, color: bool | None, select: tuple[str, ...],
                 ignore: tuple[str, ...], as_of: dt.date | None, config_path: str | None, no_cache: bool,
                 languagetool_url: str | None, require_grammar: bool, reports: tuple[str, ...], whole_corpus: bool,
                 diff_base: str | None, baseline: str | None, write_baseline: str | None, online: bool,
                 allow_private: bool, jobs: int, executor: str, ray_address: str | None,
                 stdin_filename: str | None) -> None:
    """Report empty, placeholder, duplicated, broken and stale content.

    Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 for a
    usage or config error.
    """
    from curate.cli.lint import run_lint  # lazy: keeps `curate --help` fast
    from curate.run.plan import RunRequest  # lazy: keeps `curate --help` fast
    from curate.run.scope import Review  # lazy: keeps `curate --help` fast

    request = RunRequest(
        paths=paths, config_path=config_path, select=_codes(select), ignore=_codes(ignore), as_of=as_of,
        use_cache=not no_cache, jobs=jobs, executor=executor, ray_address=ray_address, online=online,
        allow_private=allow_private, languagetool_url=languagetool_url, require_grammar=require_grammar,
        whole_corpus=whole_corpus, review=Review(diff_base=diff_base, baseline=baseline, write_baseline=write_baseline))
    shown = {"statistics": statistics, "quiet": quiet, "group": group, "repo_url": repo_url, "repo_ref": repo_ref}
    if paths == ("-",):  # an editor or a pipe: one note on standard input
        from curate.cli.lint import run_lint_stdin  # lazy: keeps `curate --help` fast

        name = stdin_filename or "stdin.md"
        folder = os.path.dirname(os.path.abspath(name))
        while not os.path.isdir(folder):  # a note not saved yet: its nearest existing folder
            folder = os.path.dirname(folder)
        request = dataclasses.replace(request, paths=(folder,), use_cache=False)
        sys.exit(run_lint_stdin(request, name, sys.stdin.read(), fmt=fmt, output=output, fail_on=fail_on,
                                report_options=shown, color=color, error=UsageProblem))
    if "-" in paths:
        raise UsageProblem("'-' (standard input) must be the only path")
    sys.exit(run_lint(request, fmt=fmt, output=output, fail_on=fail_on, reports=reports, error=UsageProblem,
                      report_options=shown, color=color))


@main.command("words")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the word list to FILE instead of standard output.")
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only words that occur at least this many times.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
def words_command(paths: tuple[str, ...], output: str | None, min_count: int, config_path: str | None) -> None:
    """Write the words the spelling check (QA502) does not know, with counts, as a word
    list to review and then use as the rule's words-file."""
    from curate.grammar.wordlist import SPELLING, render, unknown_words  # on use: the CLI starts fast
    from curate.infra.fileio import atomic_write_text  # on use, as above
    from curate.run.execute import lint  # on use, as above

    _check_file_output(output)
    try:
        result = lint(list(paths), config_path=config_path, select=(SPELLING,))
    except (FileNotFoundError, ValueError) as exc:
        raise UsageProblem(str(exc)) from None
    text = render(unknown_words(result.findings), min_count)
    if output:
        atomic_write_text(output, text)
    else:
        click.echo(text, nl=False)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: every rule's metadata, fixability and options")
def rules_command(fmt: str) -> None:
    """List every rule: code, name, default severity, fixability and summary."""
    from curate.rules.docs import rules_json, rules_table  # lazy: keeps `curate --help` fast

    click.echo(rules_json() if fmt == "json" else rules_table(), nl=False)


@main.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Show what a rule checks, with a bad and a good example and its options."""
    from curate.rules.docs import explain  # lazy: keeps `curate --help` fast

    text = explain(rule)
    if text is None:
        raise UsageProblem(f"no rule has the code or name {rule!r} (see: curate rules)")
    click.echo(text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
