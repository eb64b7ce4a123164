"""What ``curate lint``, ``curate rules`` and ``curate explain`` do, apart from click.

Kept out of ``cli.py`` so the command stays argument handling only, and so tests can call
these functions directly.
"""

from __future__ import annotations

import dataclasses
import io
import os
import datetime as dt
import sys
from typing import Any, Callable, Mapping, Sequence

import click

from curate.rules.base import Severity

LONG_RUN_FILES = 50
"""Show a progress bar (on a terminal) from this many files on."""


def run_lint(
    paths: Sequence[str],
    *,
    fmt: str = "text",
    output: str | None = None,
    fail_on: str = "error",
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: dt.date | None = None,
    config_path: str | None = None,
    no_cache: bool = False,
    settings: Mapping[str, Any] | None = None,
    report_options: Mapping[str, Any] | None = None,
    error: Callable[[str], Exception] = ValueError,
    integration: Any = None,
    reports: Sequence[str] = (),
) -> int:
    """Lint, write the report, print warnings on stderr; returns the exit code (0 or 1).
    Usage and config problems raise ``error(message)``."""
    from curate.lint.plan import lint
    from curate.config import ConfigError
    from curate.reports import UnknownReporter, get_reporter

    try:
        render = get_reporter(fmt)
    except UnknownReporter as exc:
        raise error(str(exc)) from None
    from curate.lint import scope as integrations

    try:
        extra_reports = integrations.parse_reports(reports)
    except ValueError as exc:
        raise error(str(exc)) from None
    from curate.infra.fileio import file_output_problem

    targets = [output, getattr(integration, "write_baseline", None), *(path for _n, _r, path in extra_reports)]
    for target in targets:
        problem = file_output_problem(target) if target else None
        if problem:
            raise error(problem)
    check_selection(paths, config_path, select, ignore, error)
    settings = dict(settings or {})
    whole = bool(integration is not None and integration.whole_corpus)
    if "cache" not in settings and not whole:  # --whole-corpus opens it at the corpus root
        settings["cache"] = None if no_cache else _open_cache(paths)
    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")  # no-color.org
    options = {"color": color, **(report_options or {})}
    bar = _Progress()
    comparison = None
    replay_key = None
    try:
        if integration is not None and integration.active:
            outcome = integrations.run_lint(
                paths, integration, config_path=config_path, select=select, ignore=ignore, as_of=as_of,
                settings=settings, lint=lambda p, **kw: lint(p, progress=bar.update, **kw))
            result, comparison = outcome.result, outcome.comparison
            for note in outcome.notes:
                click.echo(note, err=True)
        else:
            from curate.cache import replay
            from curate.lint.plan import plan

            job = plan(paths, config_path=config_path, select=select, ignore=ignore, as_of=as_of, settings=settings)
            state = None if extra_reports else job.state_key()
            replay_key = replay.report_key(state, fmt, options, fail_on) if state else None
            stored = replay.load(settings.get("cache"), replay_key) if replay_key else None
            if stored is not None:
                return _write_replayed(stored, output, error)
            result = job.run(progress=bar.update)
    except (ConfigError, FileNotFoundError, integrations.IntegrationError) as exc:
        raise error(str(exc)) from None
    finally:
        bar.close()
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    if comparison is not None:
        options["baseline"] = comparison
    fails = result.fails(Severity.parse(fail_on))
    try:
        integrations.write_reports(result, extra_reports, {**options, "color": False})
        text = io.StringIO()
        render(result, text, options)
        report = text.getvalue().encode("utf-8")
        if replay_key is not None:
            replay.store(settings.get("cache"), replay_key, replay.Replayed(report, list(result.problems), fails))
        _write_report(report, output)
    except OSError as exc:  # disk full, permissions changed during the run
        from curate.infra.fileio import os_error_line

        raise error(f"cannot write the report: {os_error_line(exc)}") from None
    return 1 if fails else 0


def _write_report(report: bytes, output: str | None) -> None:
    """The UTF-8 ``report`` to the ``-o`` file (atomically, as bytes: a report can be
    hundreds of megabytes) or to standard output (in its encoding)."""
    if output:
        from curate.infra.fileio import atomic_binary_writer

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
        from curate.infra.fileio import os_error_line

        raise error(f"cannot write the report: {os_error_line(exc)}") from None
    return 1 if stored.fails else 0


def check_selection(paths: Sequence[str], config_path: str | None, select: Sequence[str],
                    ignore: Sequence[str], error: Callable[[str], Exception] = ValueError) -> None:
    """Raise ``error`` when a ``--select``/``--ignore`` token or the config's ``select``/``ignore``
    names no rule: a typo would otherwise select nothing, or ignore nothing, and pass silently.
    A missing path or a bad config is left for the run itself to report."""
    from curate.config import ConfigError, load_config
    from curate.rules.registry import discover_rules, matches

    sources: list[tuple[str, str]] = [("--select", t) for t in select] + [("--ignore", t) for t in ignore]
    if all(os.path.exists(p) for p in paths):
        try:
            config = load_config(list(paths), config_path=config_path)
        except (ConfigError, OSError):
            config = None
        if config is not None:
            path = getattr(config, "path", None)
            where = "" if path is None else f"{path}: tool.curate." if path.name == "pyproject.toml" else f"{path}: "
            sources += [(f"{where}select", t) for t in config.select] + [(f"{where}ignore", t) for t in config.ignore]
    rules = list(discover_rules())
    for option, token in sources:
        if token.strip() and not any(matches(r, token) for r in rules):
            raise error(f"{option}: {token!r} names no rule (see: curate rules)")


def _open_cache(paths: Sequence[str]) -> Any:
    from curate.cache.store import Cache
    from curate.corpus.loader import find_root

    try:
        return Cache.for_root(find_root(list(paths)))
    except Exception:  # an unwritable corpus: run without a cache
        return None


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


# -- rules and explain -------------------------------------------------------------------


def all_rules() -> list[Any]:
    from curate.rules.registry import discover_rules

    return list(discover_rules())


def rules_table() -> str:
    """One line per rule: code, name, default severity, summary (off-by-default marked)."""
    rules = all_rules()
    width = max((len(r.name) for r in rules), default=4)
    lines = [f"{'CODE':<6}  {'NAME':<{width}}  {'SEVERITY':<8}  SUMMARY"]
    for r in rules:
        off = "" if r.enabled_by_default else " (off by default; --select it)"
        lines.append(f"{r.code:<6}  {r.name:<{width}}  {str(Severity.parse(r.severity)):<8}  {r.summary}{off}")
    return "\n".join(lines) + "\n"


def explain(token: str) -> str | None:
    """The documentation page of the rule named ``token`` (code or name), or None."""
    from curate.rules.registry import find_rule

    rule = find_rule(all_rules(), token)
    if rule is None:
        return None
    header = f"{rule.code} {rule.name} ({Severity.parse(rule.severity)}, {rule.scope} rule"
    header += "" if rule.enabled_by_default else ", off by default"
    header += f")\n{rule.summary}\n"
    doc = rule.doc()
    options = options_text(rule)
    if options == "Options: none." and "Options" in doc:
        return "\n".join([header, doc])
    return "\n".join([header, doc, "", options])


def options_text(rule: Any) -> str:
    """The rule's options with types and defaults, generated from its ``Options``."""
    from curate.config import _hints, type_name

    options_cls = getattr(rule, "Options", None)
    if options_cls is None or not dataclasses.is_dataclass(options_cls) or not dataclasses.fields(options_cls):
        return "Options: none."
    hints = _hints(options_cls)
    lines = [f"Options ([tool.curate.rules.{rule.code}] in pyproject.toml, or [rules.{rule.code}] in curate.toml):"]
    for f in dataclasses.fields(options_cls):
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
            default = f.default_factory()  # type: ignore[misc]
        else:
            default = "(required)"
        lines.append(f"  {f.name.replace('_', '-')} ({type_name(hints.get(f.name))}) = {_toml(default)}")
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (tuple, list, frozenset, set)):
        items = list(value)
        shown = ", ".join(_toml(v) for v in items[:8])
        return f"[{shown}{', …' if len(items) > 8 else ''}]"
    if value is None:
        return "(none)"
    return str(value)
