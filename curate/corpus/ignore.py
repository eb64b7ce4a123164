"""``.gitignore`` files, read as git reads them, from the corpus root down (never above it:
nothing outside the root is read). A note in an ignored folder is not part of the corpus.

Matching is pathspec's ``GitIgnoreSpec`` (git's wildmatch rules, negation, directory
patterns), not ours: it is well kept and exact where a hand-written glob would drift."""

from __future__ import annotations

import os

import pathspec


class GitIgnore:
    """The ``.gitignore`` rules that apply under one root, read lazily, once per folder."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._specs: dict[str, pathspec.GitIgnoreSpec | None] = {}

    def _spec(self, folder: str) -> pathspec.GitIgnoreSpec | None:
        """The rules of ``folder``'s own ``.gitignore`` (``folder`` relative to the root)."""
        if folder not in self._specs:
            path = os.path.join(self.root, folder, ".gitignore")
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())
            except OSError:
                self._specs[folder] = None
        return self._specs[folder]

    def ignored(self, rel_path: str, is_dir: bool = False) -> bool:
        """True when ``rel_path`` (relative to the root, ``/``-separated) is ignored: the
        deepest ``.gitignore`` with a matching rule decides, as in git."""
        parts = rel_path.split("/")
        decision = False
        for depth in range(len(parts)):
            spec = self._spec("/".join(parts[:depth]))
            if spec is None:
                continue
            sub = "/".join(parts[depth:]) + ("/" if is_dir else "")
            result = spec.check_file(sub)
            if result.include is not None:
                decision = bool(result.include)
        return decision
