"""Running the rule engine over an in-memory corpus, for the build and for ``curate fix``.

Both need findings for text that may not be on disk yet (a repaired document), so they
call the engine on a ``Corpus`` rather than on paths. This module is the one place that
knows how config, rule discovery and the engine fit together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from curate.corpus.model import Corpus
from curate.rules.base import Finding


@dataclass(frozen=True)
class LintSetup:
    """Everything needed to lint a corpus again and again (fix iterates to a fixed point)."""

    config: Any = None
    """The loaded ``curate.config.Config`` (None when the config module is missing)."""
    rules: tuple[Any, ...] = ()
    """Rule classes or instances to run."""
    as_of: dt.date = field(default_factory=dt.date.today)
    settings: Mapping[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    """Config or plugin warnings, for people."""


@dataclass(frozen=True)
class LintPass:
    """Findings of one run and which rule codes were active."""

    findings: tuple[Finding, ...]
    active: frozenset[str]
    problems: tuple[str, ...] = ()


def prepare(
    paths: Sequence[str],
    *,
    config_path: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: dt.date | None = None,
    settings: Mapping[str, Any] | None = None,
) -> LintSetup:
    """Load config and discover rules once, exactly as ``curate lint`` does. Missing
    engine modules give an empty rule set (the build then relies on its own repairs)
    rather than a crash. Raises ``ConfigError`` (a ``ValueError``) for a bad config."""
    as_of = as_of or dt.date.today()
    try:
        from curate.lint.plan import DEFAULT_SETTINGS, with_selection
        from curate.config import load_config
        from curate.rules.registry import discover_rules
    except ImportError:
        return LintSetup(None, (), as_of, {"online": False, "cache": None}, ("rule engine not available: no rule findings",))
    merged = {**DEFAULT_SETTINGS, "cache": None, "jobs": 1, **(settings or {})}
    config = with_selection(load_config(list(paths), config_path=config_path), select, ignore)
    rules = discover_rules()
    problems = tuple(str(p) for p in getattr(config, "warnings", ()) or ()) + tuple(
        str(p) for p in getattr(rules, "problems", ()) or ()
    )
    return LintSetup(config, tuple(rules), as_of, merged, problems)


def load_options(setup: LintSetup) -> Any:
    """The loader options the config asks for (include, exclude, size limit)."""
    from curate.corpus.loader import LoadOptions

    if setup.config is None or not hasattr(setup.config, "load_options"):
        return LoadOptions()
    return setup.config.load_options()


def run(corpus: Corpus, setup: LintSetup, progress: Any = None) -> LintPass:
    """Findings of every active rule on ``corpus`` (sorted by the engine)."""
    if setup.config is None:
        return LintPass((), frozenset(), setup.problems)
    from curate.lint.engine import run_engine

    executor = _executor(setup.settings)
    try:
        result = run_engine(corpus, list(setup.rules), as_of=setup.as_of, config=setup.config,
                            settings=dict(setup.settings), executor=executor, progress=progress)
    finally:
        if executor is not None:
            executor.close()
    active = frozenset(getattr(r, "code", "") for r in getattr(result, "rules", ()) or ())
    problems = tuple(dict.fromkeys(setup.problems + tuple(str(p) for p in getattr(result, "problems", ()) or ())))
    return LintPass(tuple(result.findings), active, problems)


def _executor(settings: Mapping[str, Any]) -> Any:
    """A process pool (or Ray) for per-file rules when ``jobs`` > 1 (0: every core);
    executors return results in input order, so the output does not change."""
    kind = settings.get("executor") or "local"
    jobs = settings.get("jobs")
    if kind == "local" and jobs is not None and int(jobs) == 1:
        return None
    from curate.infra.executors import default_jobs, make_executor

    count = default_jobs() if not jobs else int(jobs)
    if kind == "local" and count <= 1:
        return None
    return make_executor(kind, count, settings.get("ray_address"))


def open_cache(paths: Sequence[str]) -> Any:
    """The corpus's ``.curate/cache.sqlite`` as ``curate lint`` uses it, or None when the
    folder cannot be written. Cached results only save time: the output is the same."""
    from curate.cache.store import Cache
    from curate.corpus.loader import find_root

    try:
        return Cache.for_root(find_root(list(paths)))
    except Exception:  # noqa: BLE001 - an unwritable corpus: run without a cache
        return None


def corpus_root(paths: Sequence[str]) -> Path:
    from curate.corpus.loader import find_root

    return find_root(paths)
