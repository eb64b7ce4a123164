"""What ``curate lint`` does, apart from click (``curate rules`` and ``curate explain`` are
``curate.rules.docs``).

Kept out of ``cli.py`` so the command stays argument handling only, and so tests can call
these functions directly.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, Sequence

import click

from curate.cache import replay
from curate.config import ConfigError
from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus
from curate.infra.fileio import atomic_binary_writer, atomic_writer, file_output_problem, os_error_line
from curate.reports import UnknownReporter, get_reporter
from curate.rules.base import Severity
from curate.run.execute import check, read_inputs, run
from curate.run.plan import RunRequest, plan
from curate.run.result import LintResult
from curate.run.scope import ScopeError, review

LONG_RUN_FILES = 50
"""Show a progress bar (on a terminal) from this many files on."""


def run_lint(
    request: RunRequest,
    *,
    fmt: str = "text",
    output: str | None = None,
    fail_on: str = "error",
    reports: Sequence[str] = (),
    report_options: Mapping[str, Any] | None = None,
    error: Callable[[str], Exception] = ValueError,
    color: bool | None = None,
) -> int:
    """Plan, lint, write the report, print warnings on stderr; returns the exit code (0 or
    1). Usage and config problems raise ``error(message)`` before any file is parsed."""
    try:
        render = get_reporter(fmt)
        extra_reports = parse_reports(reports)
    except (UnknownReporter, ValueError) as exc:
        raise error(str(exc)) from None
    for target in [output, request.review.write_baseline, *(path for _n, _r, path in extra_reports)]:
        problem = file_output_problem(target) if target else None
        if problem:
            raise error(problem)
    try:
        run_plan = plan(request)
    except (ConfigError, FileNotFoundError, ScopeError) as exc:
        raise error(str(exc)) from None
    problem = run_plan.grammar_problem()  # --require-grammar, or backend = "languagetool"
    if problem:
        raise error(f"grammar backend required: {problem}")
    if color is None:  # no-color.org
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options: dict[str, Any] = {"color": color, **(report_options or {})}
    if output:  # links in the report (HTML) are relative to where it is written
        options["report_dir"] = os.path.dirname(os.path.abspath(output))
    quiet = bool(options.get("quiet"))
    bar = _Progress()
    replay_key = None
    try:
        inputs = read_inputs(run_plan)
        replayable = not extra_reports and not request.review.active and not run_plan.settings.online
        state = inputs.state_key(run_plan.scope) if replayable else None
        replay_key = replay.report_key(state, fmt, options, fail_on) if state else None
        stored = replay.load(run_plan.cache, replay_key) if replay_key else None
        if stored is not None:
            return _write_replayed(stored, output, error)
        result = run(run_plan, inputs, progress=bar.update)
        reviewed = review(result, request.review, run_plan.changed)
    except (ConfigError, FileNotFoundError, ScopeError) as exc:
        raise error(str(exc)) from None
    finally:
        bar.close()
    result = reviewed.result
    for line in [] if quiet else reviewed.notes + [f"warning: {p}" for p in result.problems]:
        click.echo(line, err=True)
    if reviewed.comparison is not None:
        options["baseline"] = reviewed.comparison
    fails = result.fails(Severity.parse(fail_on))
    try:
        write_reports(result, extra_reports, {**options, "color": False})
        recorder = replay.Recorder(list(result.problems), fails) if replay_key is not None else None
        with _report_sink(output, recorder) as sink:
            render(result, sink, options)
        if recorder is not None and replay_key is not None:
            replay.store_recorded(run_plan.cache, replay_key, recorder)
    except OSError as exc:  # disk full, permissions changed during the run
        raise error(f"cannot write the report: {os_error_line(exc)}") from None
    return 1 if fails else 0


def run_lint_stdin(request: RunRequest, name: str, text: str, *, fmt: str, output: str | None, fail_on: str,
                   report_options: Mapping[str, Any], color: bool | None,
                   error: Callable[[str], Exception]) -> int:
    """Lint one note read from standard input, named ``name`` (its folder's config applies;
    cross-file rules see this note alone). Writes the report; returns the exit code."""
    try:
        render = get_reporter(fmt)
        run_plan = plan(request)
    except (UnknownReporter, ConfigError, FileNotFoundError, ScopeError) as exc:
        raise error(str(exc)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = parse_document(text, name, os.path.basename(name))
    result = check(run_plan, Corpus(root=run_plan.root, documents=(doc,), problems=()))
    options: dict[str, Any] = {"color": bool(color), **report_options}
    out = io.StringIO()
    render(result, out, options)
    _write_report(out.getvalue().encode("utf-8"), output)
    return 1 if result.fails(Severity.parse(fail_on)) else 0


def parse_reports(specs: Sequence[str]) -> list[tuple[str, Any, str]]:
    """``--report FORMAT:FILE`` values as (format, render function, file); unknown
    formats fail before the (possibly long) lint run."""
    out = []
    for spec in specs:
        name, sep, path = spec.partition(":")
        if not sep or not name or not path:
            raise ValueError(f"--report {spec!r}: use FORMAT:FILE, e.g. sarif:curate.sarif")
        try:
            out.append((name, get_reporter(name), path))
        except UnknownReporter as exc:
            raise ValueError(f"--report {spec!r}: {exc}") from None
    return out


def write_reports(result: LintResult, reports: Sequence[tuple[str, Any, str]], options: Mapping[str, Any]) -> None:
    """Write each extra report atomically (a reader never sees half a SARIF file)."""
    for _name, render, path in reports:
        with atomic_writer(path) as out:
            render(result, out, {**options, "report_dir": os.path.dirname(os.path.abspath(path))})


class _Sink:
    """Where a report streams as the reporter writes it: the ``-o`` file (as UTF-8
    bytes) or standard output (in its encoding), and the replay recorder (UTF-8)."""

    def __init__(self, binary: IO[bytes] | None, recorder: replay.Recorder | None) -> None:
        self._binary = binary
        self._recorder = recorder

    def write(self, text: str) -> int:
        data = text.encode("utf-8") if self._binary is not None or self._recorder is not None else b""
        if self._binary is not None:
            self._binary.write(data)
        else:
            sys.stdout.write(text)
        if self._recorder is not None:
            self._recorder.feed(data)
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        (self._binary or sys.stdout).flush()


@contextlib.contextmanager
def _report_sink(output: str | None, recorder: replay.Recorder | None) -> Iterator[Any]:
    """The report's stream: the ``-o`` file is written atomically (a reader never sees
    half a report), standard output as it comes."""
    if output:
        with atomic_binary_writer(output) as out:
            yield _Sink(out, recorder)
    else:
        yield _Sink(None, recorder)
        sys.stdout.flush()


def _write_report(report: bytes, output: str | None) -> None:
    """The UTF-8 ``report`` to the ``-o`` file (atomically, as bytes: a report can be
    hundreds of megabytes) or to standard output (in its encoding)."""
    if output:
        with atomic_binary_writer(output) as out:
            out.write(report)
    else:
        sys.stdout.write(report.decode("utf-8"))
        sys.stdout.flush()


def _write_replayed(stored: Any, output: str | None, error: Callable[[str], Exception]) -> int:
    """Write a stored outcome (``curate.cache.replay``) as if it had just been computed."""
    for problem in stored.problems:
        click.echo(f"warning: {problem}", err=True)
    try:
        _write_report(stored.report, output)
    except OSError as exc:
        raise error(f"cannot write the report: {os_error_line(exc)}") from None
    return 1 if stored.fails else 0


class _Progress:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.done = 0

    def update(self, path: str, done: int, total: int) -> None:
        if self.bar is None:
            if total < LONG_RUN_FILES or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(length=total, label="linting", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
