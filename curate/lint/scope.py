"""The everyday-integration options of ``curate lint``: pre-commit, pull requests, baselines.

``curate lint`` hands its paths here when any of these is used:

* ``--whole-corpus`` (the pre-commit hook): pre-commit passes only the changed files, but
  a duplicate is a relation with the rest of the corpus. So the whole corpus (found from
  the config file, else the git top level, else the common folder) is loaded, unchanged
  files through the parsed-document cache, and only findings in the given files, or
  duplicates they take part in, are reported.
* ``--diff-base REF``: only findings on lines changed since REF (see ``diffbase``).
* ``--write-baseline FILE`` / ``--baseline FILE``: see ``baseline``.
* ``--no-cache``: never read or write ``.curate/cache.sqlite``.

Kept out of the engine and the CLI so each stays small: the engine lints a corpus, this
decides which corpus and which findings a person sees.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from curate.lint.baseline import BaselineComparison, BaselineError, apply_baseline, write_baseline
from curate.cache.store import Cache
from curate.lint.diffbase import DiffBaseError, changed_lines, filter_findings, git_toplevel
from curate.rules.base import Finding

class IntegrationError(ValueError):
    """A usage problem of these options (unknown REF, unreadable baseline, bad --report)."""


@dataclass(frozen=True)
class IntegrationOptions:
    """The CI and pre-commit options of ``curate lint``."""

    whole_corpus: bool = False
    diff_base: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    no_cache: bool = False

    @property
    def active(self) -> bool:
        return bool(self.whole_corpus or self.diff_base or self.baseline or self.write_baseline or self.no_cache)


@dataclass
class Outcome:
    """A lint result narrowed to what should be reported, plus what the narrowing found."""

    result: Any
    comparison: BaselineComparison | None = None
    notes: list[str] = field(default_factory=list)
    """Lines for people on stderr ("wrote baseline …", "12 findings known in baseline")."""


def common_folder(paths: Sequence[str | os.PathLike[str]]) -> Path:
    folders = []
    for p in paths:
        path = Path(p).absolute()
        folders.append(path if path.is_dir() else path.parent)
    if not folders:
        return Path.cwd()
    return Path(os.path.commonpath([str(f) for f in folders]))


def corpus_root(paths: Sequence[str | os.PathLike[str]], config_path: str | os.PathLike[str] | None = None) -> Path:
    """Where the whole corpus lives: the folder of the config file (given, or found by
    walking up from the files as ``curate.config`` does), else the git top level, else
    the files' common folder."""
    from curate.config import find_config

    if config_path:
        return Path(config_path).absolute().parent
    found = find_config(list(paths))
    if found is not None:
        return found.absolute().parent
    start = common_folder(paths)
    top = git_toplevel(start)
    return top if top is not None else start


def open_cache(root: Path, no_cache: bool) -> Cache:
    """The corpus's cache, or a disabled one (``--no-cache``)."""
    if no_cache:
        return Cache.disabled()
    cache = Cache.for_root(root)
    ignore = Path(root) / ".curate" / ".gitignore"
    if cache.enabled and not ignore.exists():
        try:  # like .pytest_cache: the cache folder never shows up in `git status`
            ignore.write_text("# created by curate: the cache is not for version control\n*\n", encoding="utf-8")
        except OSError:
            pass
    return cache


def only_for(findings: Iterable[Finding], paths: Iterable[str | os.PathLike[str]]) -> list[Finding]:
    """Findings in ``paths`` and duplicates (related places) that involve them."""
    wanted = {os.path.realpath(p) for p in paths}
    names = {os.path.basename(p) for p in wanted}
    known: dict[str, bool] = {}

    def inside(path: str) -> bool:
        # a corpus-wide run has tens of thousands of related places: resolve each path once,
        # and only when its file name could match at all
        if path not in known:
            known[path] = os.path.basename(path) in names and os.path.realpath(path) in wanted
        return known[path]

    return [f for f in findings if inside(f.path) or any(inside(r.path) for r in f.related)]


def replace_findings(result: Any, findings: Sequence[Finding]) -> Any:
    """The same result with other findings (the engine's result is a dataclass)."""
    if dataclasses.is_dataclass(result):
        return dataclasses.replace(result, findings=list(findings))
    result.findings = list(findings)
    return result


def run_lint(
    paths: Sequence[str],
    options: IntegrationOptions,
    *,
    config_path: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: dt.date | None = None,
    settings: Mapping[str, Any] | None = None,
    lint: Any = None,
) -> Outcome:
    """Lint ``paths`` the way the options ask; ``lint`` defaults to ``curate.api.lint``.
    Raises ``IntegrationError`` for an unknown REF or an unreadable baseline."""
    try:
        return _run_lint(paths, options, config_path=config_path, select=select, ignore=ignore, as_of=as_of,
                         settings=settings, lint=lint)
    except (DiffBaseError, BaselineError) as exc:
        raise IntegrationError(str(exc)) from None


def _run_lint(
    paths: Sequence[str],
    options: IntegrationOptions,
    *,
    config_path: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    as_of: dt.date | None,
    settings: Mapping[str, Any] | None,
    lint: Any,
) -> Outcome:
    if lint is None:
        from curate.lint.plan import lint as api_lint

        lint = api_lint
    settings = dict(settings or {})
    root = corpus_root(paths, config_path) if options.whole_corpus else common_folder(paths)
    if "cache" not in settings or options.no_cache:
        settings["cache"] = open_cache(root, options.no_cache)
    load = list(paths)
    if options.whole_corpus:
        settings["report_paths"] = frozenset(os.path.realpath(p) for p in paths)
        load = [str(root)]
    # Checked before linting: a wrong REF is a usage error, not a finding-free run.
    changed = changed_lines(options.diff_base) if options.diff_base else None
    result = lint(load, config_path=config_path, select=tuple(select), ignore=tuple(ignore), as_of=as_of, settings=settings)
    findings = list(result.findings)
    notes: list[str] = []
    if options.whole_corpus:
        findings = only_for(findings, paths)
    if changed is not None:
        findings = filter_findings(findings, changed, getattr(result, "corpus", None))
    if options.write_baseline:
        n = write_baseline(options.write_baseline, findings)
        notes.append(f"wrote {n} findings to baseline {options.write_baseline}")
    comparison = None
    accept = options.baseline or options.write_baseline  # a baseline just written accepts every finding
    if accept:
        comparison = apply_baseline(findings, accept)
        findings = list(comparison.new)
        notes.append(f"baseline {accept}: {comparison.summary()}")
    return Outcome(replace_findings(result, findings), comparison, notes)


# -- more reports from one run ---------------------------------------------------------------


def parse_reports(specs: Sequence[str]) -> list[tuple[str, Any, str]]:
    """``--report FORMAT:FILE`` values as (format, render function, file); unknown
    formats fail before the (possibly long) lint run."""
    from curate.reports import UnknownReporter, get_reporter

    out = []
    for spec in specs:
        name, sep, path = spec.partition(":")
        if not sep or not name or not path:
            raise IntegrationError(f"--report {spec!r}: use FORMAT:FILE, e.g. sarif:curate.sarif")
        try:
            out.append((name, get_reporter(name), path))
        except UnknownReporter as exc:
            raise IntegrationError(f"--report {spec!r}: {exc}") from None
    return out


def write_reports(result: Any, reports: Sequence[tuple[str, Any, str]], options: Mapping[str, Any]) -> None:
    """Write each extra report atomically (a reader never sees half a SARIF file)."""
    from curate.infra.fileio import atomic_writer

    for _name, render, path in reports:
        with atomic_writer(path) as out:
            render(result, out, options)
