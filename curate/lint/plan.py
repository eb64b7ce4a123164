"""The library entry point of a lint run: paths in, ``LintResult`` out.

``curate lint`` is a thin shell around :func:`lint`; other tools (editors, notebooks,
CI scripts) call it directly and hand the result to any reporter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from typing import Any, Callable, Mapping, Sequence

from curate.config import Config, ConfigError, load_config
from curate.lint.engine import LintResult

__all__ = ["lint", "plan", "LintPlan", "ConfigError", "LintResult", "DEFAULT_SETTINGS"]

DEFAULT_SETTINGS: Mapping[str, Any] = {
    "cache": None,
    "online": False,
    "allow_private": False,
    "languagetool_url": None,
    "require_grammar": False,
    "jobs": 1,
    "executor": "local",
}
"""What rules see in ``RuleContext.settings`` when the caller says nothing."""


@dataclasses.dataclass
class LintPlan:
    """A lint run with its inputs read (config, rules, every file and its keys) but
    nothing parsed yet: ``state_key`` names the outcome before any work is done."""

    config: Config
    rules: Any
    settings: dict[str, Any]
    as_of: dt.date
    inputs: Any
    """``curate.incremental.Inputs``."""

    def state_key(self) -> str | None:
        """Equal keys give equal results; None without a cache, or when the outcome
        depends on more than the files (``online`` URL checks age)."""
        if self.settings.get("online"):
            return None
        return self.inputs.state_key(self.settings)

    def run(self, progress: Callable[[str, int, int], None] | None = None) -> LintResult:
        """Parse and check, in one worker visit per file, skipping cached work."""
        from curate.lint.run import lint_corpus

        executor = _executor(self.settings)
        try:
            return lint_corpus([], config=self.config, rules=self.rules, as_of=self.as_of, settings=self.settings,
                               executor=executor, progress=progress, inputs=self.inputs)
        finally:
            if executor is not None:
                executor.close()


def plan(
    paths: Sequence[str | os.PathLike[str]],
    *,
    config_path: str | os.PathLike[str] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: dt.date | None = None,
    settings: Mapping[str, Any] | None = None,
) -> LintPlan:
    """Load the config and rules and read the files under ``paths`` (see :func:`lint`)."""
    from curate.lint.run import read_inputs
    from curate.rules.registry import discover_rules

    str_paths = [os.fspath(p) for p in paths]
    for p in str_paths:
        if not os.path.exists(p):
            raise FileNotFoundError(f"{p}: no such file or folder")
    config = load_config(str_paths, config_path=config_path)
    config = with_selection(config, select, ignore)
    merged = {**DEFAULT_SETTINGS, **(settings or {})}
    merged.setdefault("config_root", str(config.root))  # where rule options' files are found
    rules = discover_rules()
    day = as_of or dt.date.today()
    inputs = read_inputs(str_paths, config=config, rules=rules, as_of=day, settings=merged)
    return LintPlan(config=config, rules=rules, settings=merged, as_of=day, inputs=inputs)


def lint(
    paths: Sequence[str | os.PathLike[str]],
    *,
    config_path: str | os.PathLike[str] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: dt.date | None = None,
    settings: Mapping[str, Any] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> LintResult:
    """Lint the Markdown notes under ``paths``.

    ``select`` replaces the config's ``select``; ``ignore`` adds to its ``ignore``.
    ``settings`` are passed to every rule (see ``DEFAULT_SETTINGS``); ``cache`` there is
    also used for parsed files. Raises ``ConfigError`` for a bad config or option and
    ``FileNotFoundError`` for a missing path."""
    return plan(paths, config_path=config_path, select=select, ignore=ignore, as_of=as_of,
                settings=settings).run(progress)


def with_selection(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Config:
    """``config`` with command-line ``--select`` (replaces) and ``--ignore`` (adds)."""
    select = tuple(s for s in select if s.strip())
    ignore = tuple(s for s in ignore if s.strip())
    changes: dict[str, Any] = {}
    if select:
        changes["select"] = select
    if ignore:
        changes["ignore"] = tuple(config.ignore) + ignore
    return dataclasses.replace(config, **changes) if changes else config


def _executor(settings: Mapping[str, Any]) -> Any:
    """A process pool or Ray when asked for (``jobs`` > 1 or ``executor`` = ray)."""
    from curate.infra.executors import default_jobs, make_executor

    kind = settings.get("executor") or "local"
    jobs = settings.get("jobs")
    jobs = default_jobs() if jobs == 0 else int(jobs or 1)  # 0 means every core
    if kind == "local" and jobs <= 1:
        return None
    try:
        return make_executor(kind, jobs, settings.get("ray_address"))
    except (ValueError, RuntimeError) as exc:
        raise ConfigError(str(exc)) from None
