"""Reporters: one ``render(result, out, options)`` function per format.

Reporters are found through the entry-point group ``curate.reports`` (name → function), so
a third-party format installs like a rule plugin. ``get_reporter`` validates a name at run
time, so ``--format`` accepts whatever is installed.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any, Callable, Mapping, TextIO

GROUP = "curate.reports"

Reporter = Callable[[Any, TextIO, Mapping[str, Any]], None]


class UnknownReporter(ValueError):
    """No reporter of that name is installed (or it failed to load)."""


def reporter_names() -> list[str]:
    """Names of every installed reporter, sorted."""
    return sorted({ep.name for ep in metadata.entry_points(group=GROUP)})


def get_reporter(name: str) -> Reporter:
    """The ``render`` function of reporter ``name``."""
    eps = sorted((ep for ep in metadata.entry_points(group=GROUP) if ep.name == name), key=lambda ep: ep.value)
    if not eps:
        raise UnknownReporter(f"unknown format {name!r} (installed: {', '.join(reporter_names()) or 'none'})")
    try:
        render = eps[0].load()
    except Exception as exc:
        raise UnknownReporter(f"format {name!r} failed to load: {type(exc).__name__}: {exc}") from None
    if not callable(render):
        raise UnknownReporter(f"format {name!r} is not a render function")
    found: Callable[[Any, TextIO, Mapping[str, Any]], None] = render
    return found
