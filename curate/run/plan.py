"""One lint run, decided once: what the caller asked (:class:`RunRequest`) becomes a frozen
:class:`RunPlan` (config, rules and their options, inputs, scope, cache, executor, network
switches, ``--as-of``) that ``lint``, ``fix`` and ``build`` all pass down unchanged.

The config is read once, the rules discovered once, their specs built once, the corpus
root found once and the cache opened once, here; nothing below reads a dict of settings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from curate.cache.store import Cache
from curate.config import Config, ConfigError, load_config
from curate.corpus.loader import LoadOptions, find_root
from curate.infra.executors import Executor, default_jobs, make_executor
from curate.rules.base import RunSettings
from curate.rules.language import Grammar, Spelling, backend_for
from curate.rules.registry import RuleList, discover_rules, matches
from curate.run.diffbase import ChangedLines
from curate.run.engine import RuleSpec, known_rules, make_specs
from curate.run.scope import Review, Scope, corpus_root

__all__ = ["ConfigError", "RunPlan", "RunRequest", "plan"]


@dataclass(frozen=True)
class RunRequest:
    """What the caller asks for: the command line's options, typed."""

    paths: tuple[str, ...]
    config_path: str | None = None
    select: tuple[str, ...] = ()
    """Replaces the config's ``select`` (codes, names or prefixes)."""
    ignore: tuple[str, ...] = ()
    """Added to the config's ``ignore``."""
    as_of: dt.date | None = None
    """The day dated claims are judged against (default today)."""
    use_cache: bool = False
    """Read and write ``.curate/cache.sqlite`` at the corpus root."""
    cache: Cache | None = None
    """An already open cache to use (wins over ``use_cache``)."""
    jobs: int = 1
    """Worker processes for per-file work (0: every core)."""
    executor: str = "local"
    """``local`` (a process pool) or ``ray``."""
    ray_address: str | None = None
    online: bool = False
    allow_private: bool = False
    languagetool_url: str | None = None
    require_grammar: bool = False
    whole_corpus: bool = False
    """Check the whole corpus around ``paths``, report only ``paths`` (pre-commit)."""
    report_only: tuple[str, ...] = ()
    """Report only these files or folders (of the corpus under ``paths``)."""
    review: Review = Review()
    paths_from_root: bool = False
    """Show files by their path under the corpus root (the build's outputs)."""


@dataclass(frozen=True)
class RunPlan:
    """Everything one run needs, read before any file is parsed."""

    request: RunRequest
    config: Config
    rules: RuleList
    """Every discovered rule (suppression comments may name any of them)."""
    specs: tuple[RuleSpec, ...]
    """The active rules with their typed options and effective severities."""
    problems: tuple[str, ...]
    """Config and plugin warnings, for people."""
    as_of: dt.date
    root: Path
    """The corpus root: record ids and ``include``/``exclude`` patterns are relative to it
    (the config file's folder when it holds every path, else the folder that does)."""
    load_paths: tuple[str, ...]
    """What is read: the paths given, or the corpus root with ``whole_corpus``."""
    scope: Scope
    settings: RunSettings
    cache: Cache | None
    changed: ChangedLines | None
    """Lines changed since ``--diff-base`` (asked before the run)."""

    @property
    def known(self) -> list[tuple[str, str]]:
        return known_rules(self.rules, self.specs)

    def load_options(self) -> LoadOptions:
        return dataclasses.replace(self.config.load_options(), paths_from_root=self.request.paths_from_root)

    def grammar_problem(self) -> str | None:
        """Why the grammar backend configured for the active QA501/QA502 cannot be used
        (``--require-grammar`` exits 2 with it before linting), or None. Without
        ``--require-grammar`` only an explicit ``backend = "languagetool"`` is checked
        (``auto`` may fall back to Harper; ``languagetool`` never does)."""
        for spec in self.specs:
            if spec.rule.code not in (Grammar.code, Spelling.code):
                continue
            backend = str(getattr(spec.options, "backend", "auto")).lower()
            if backend == "none" or (backend != "languagetool" and not self.settings.require_grammar):
                continue
            resolution = backend_for(spec.options, self.settings)
            if resolution.notice or resolution.backend is None:
                return resolution.reason or resolution.notice or "no grammar backend is available"
        return None

    @contextmanager
    def executor(self) -> Iterator[Executor | None]:
        """The pool (or Ray) the request asks for, closed afterwards; None for one process."""
        jobs = default_jobs() if self.request.jobs == 0 else max(1, self.request.jobs)
        if self.request.executor == "local" and jobs <= 1:
            yield None
            return
        try:
            pool = make_executor(self.request.executor, jobs, self.request.ray_address)
        except (ValueError, RuntimeError) as exc:
            raise ConfigError(str(exc)) from None
        try:
            yield pool
        finally:
            pool.close()


def plan(request: RunRequest) -> RunPlan:
    """Read the config, discover and select the rules, decide the scope, open the cache.

    Raises ``FileNotFoundError`` for a missing path, ``ConfigError`` for a bad config or
    a ``select``/``ignore`` token that names no rule, ``ScopeError`` for an unknown
    ``--diff-base`` REF."""
    for p in request.paths:
        if not os.path.exists(p):
            raise FileNotFoundError(f"{p}: no such file or folder")
    config = load_config(list(request.paths), config_path=request.config_path)
    rules = discover_rules()
    _check_selection(config, request, rules)
    config = with_selection(config, request.select, request.ignore)
    specs, warnings = make_specs(rules, config)
    if request.whole_corpus:
        root = corpus_root(request.paths, request.config_path)
        load_paths: tuple[str, ...] = (str(root),)
        scope = Scope.of(request.paths)
    else:
        root = _root(config, request.paths)
        load_paths = tuple(request.paths)
        scope = Scope.of(request.report_only) if request.report_only else Scope()
    changed = request.review.changed()
    settings = RunSettings(online=request.online, allow_private=request.allow_private,
                           languagetool_url=request.languagetool_url, require_grammar=request.require_grammar,
                           config_root=str(config.root),
                           jobs=default_jobs() if request.jobs == 0 else max(1, request.jobs))
    cache = request.cache
    if cache is None and request.use_cache:
        cache = _open_cache(root)
    problems = tuple(config.warnings) + tuple(rules.problems) + tuple(warnings)
    return RunPlan(request=request, config=config, rules=rules, specs=tuple(specs),
                   problems=tuple(dict.fromkeys(problems)), as_of=request.as_of or dt.date.today(),
                   root=root, load_paths=load_paths, scope=scope, settings=settings, cache=cache, changed=changed)


def with_selection(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Config:
    """``config`` with command-line ``--select`` (replaces) and ``--ignore`` (adds)."""
    select = tuple(s for s in select if s.strip())
    ignore = tuple(s for s in ignore if s.strip())
    if select:
        config = dataclasses.replace(config, select=select)
    if ignore:
        config = dataclasses.replace(config, ignore=tuple(config.ignore) + ignore)
    return config


def _check_selection(config: Config, request: RunRequest, rules: RuleList) -> None:
    """A ``--select``/``--ignore`` token, or a config ``select``/``ignore`` entry, that names
    no rule is an error: a typo would otherwise select nothing, or ignore nothing, silently."""
    path = config.path
    where = "" if path is None else f"{path}: tool.curate." if path.name == "pyproject.toml" else f"{path}: "
    sources = ([("--select", t) for t in request.select] + [("--ignore", t) for t in request.ignore]
               + [(f"{where}select", t) for t in config.select] + [(f"{where}ignore", t) for t in config.ignore])
    for option, token in sources:
        if token.strip() and not any(matches(r, token) for r in rules):
            raise ConfigError(f"{option}: {token!r} names no rule (see: curate rules)")


def _root(config: Config, paths: Sequence[str]) -> Path:
    """The config's folder when it holds every path (so ``curate lint notes`` and the
    pre-commit hook on ``notes/a.md`` give the same record ids), else the paths' folder."""
    common = find_root(list(paths))
    if config.path is not None:
        folder = config.root.absolute()
        if common == folder or folder in common.parents:
            return folder
    return common


def _open_cache(root: Path) -> Cache | None:
    try:
        return Cache.for_root(root)
    except Exception:
        return None
