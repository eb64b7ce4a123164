"""The build's progress bar: on stderr, only on a terminal, only for long builds.

The pipeline reports ``(stage, done, total)``: the lint stage once per file (that is
where the time goes), every other stage once.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

import click

from curate.build.pipeline import STAGES

LONG_BUILD_FILES = 20
"""From this many files a build is long enough for a bar."""


class BuildProgress:
    """Callable progress sink for ``build(progress=...)``; call ``close()`` at the end."""

    def __init__(self, stream: TextIO | None = None, min_files: int = LONG_BUILD_FILES) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.min_files = min_files
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.bar is None:
            if stage != "lint" or total < self.min_files or not self.stream.isatty():
                return

            self.bar = click.progressbar(length=total + len(STAGES) - 1, label="building", file=self.stream,
                                         item_show_func=lambda s: s or "")
            self.bar.__enter__()
        position = done if stage == "lint" else self.bar.length - len(STAGES) + STAGES.index(stage) + 1
        self.bar.update(max(0, position - self.done), stage)
        self.done = max(self.done, position)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
