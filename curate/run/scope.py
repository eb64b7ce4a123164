"""What a run reports: which files, which changed lines, which findings are already known.

Decided here, once, for every way of running:

* the **files** whose findings are shown (:class:`Scope`): everything (a plain run), or
  only the given files and folders inside a larger corpus (``--whole-corpus``, the
  pre-commit hook: a duplicate is a relation with the rest of the corpus, so the whole
  corpus is checked but only these files are reported, with the duplicates they take part in);
* the **review** of the findings after the run (:class:`Review`): only lines changed since a
  git ref (``--diff-base``), and findings not in a baseline (``--baseline``), or a new
  baseline written (``--write-baseline``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from curate.config import find_config
from curate.corpus.loader import find_root
from curate.corpus.model import Corpus, Document
from curate.rules.base import Finding
from curate.run.baseline import BaselineComparison, BaselineError, apply_baseline, write_baseline
from curate.run.diffbase import ChangedLines, DiffBaseError, changed_lines, filter_findings, git_toplevel
from curate.run.result import LintResult


class ScopeError(ValueError):
    """A usage problem of the scope options (unknown REF, unreadable baseline)."""


@dataclass(frozen=True)
class Scope:
    """The files whose findings a run reports (real paths): all of them, or only ``files``
    and the files under ``folders``. Findings elsewhere that name a reported file in their
    related places (the other copy of a duplicate) are reported too."""

    files: frozenset[str] | None = None
    """Real paths of files to report; None with no ``folders``: every file."""
    folders: tuple[str, ...] = ()
    """Real paths of folders whose files are reported."""

    @classmethod
    def of(cls, paths: Sequence[str | os.PathLike[str]]) -> Scope:
        """Report exactly ``paths`` (files, folders, or a mix)."""
        real = [os.path.realpath(p) for p in paths]
        folders = tuple(sorted(p for p in real if os.path.isdir(p)))
        return cls(files=frozenset(p for p in real if not os.path.isdir(p)), folders=folders)

    @property
    def everything(self) -> bool:
        return self.files is None and not self.folders

    def reports(self, root: Path | str, rel_path: str) -> bool:
        """True when the file at ``rel_path`` under ``root`` is reported."""
        if self.everything:
            return True
        if not self.folders and os.path.basename(rel_path) not in self._names:
            return False  # most files of a large corpus: no path resolution needed
        real = os.path.realpath(os.path.join(root, rel_path))
        if self.files and real in self.files:
            return True
        return any(real.startswith(folder + os.sep) for folder in self.folders)

    @property
    def _names(self) -> frozenset[str]:
        return frozenset(os.path.basename(p) for p in self.files or ())

    def reported(self, corpus: Corpus) -> frozenset[str]:
        """Paths of the corpus's documents this scope reports."""
        return frozenset(d.path for d in corpus.documents if self.reports(corpus.root, d.rel_path))

    def narrow(self, corpus: Corpus, per_doc: dict[str, list[Finding]], reported: frozenset[str] | None = None
               ) -> tuple[list[Document], dict[str, list[Finding]]]:
        """The documents and findings this scope shows: the findings of reported files,
        and those elsewhere whose related places name a reported file. Filtering by path
        keeps fingerprints as they were (they count occurrences per path). ``reported``:
        :meth:`reported`, when already known."""
        if reported is None:
            reported = self.reported(corpus)

        def involved(f: Finding) -> bool:
            return f.path in reported or any(r.path in reported for r in f.related)

        kept = {path: (found if path in reported else [f for f in found if involved(f)])
                for path, found in per_doc.items()}
        shown = [d for d in corpus.documents if d.path in reported or kept[d.path]]
        return shown, kept

    def key(self) -> str:
        """Part of a run's state key: equal scopes report equal findings."""
        if self.everything:
            return "*"
        parts = sorted(self.files or ()) + [f"{folder}{os.sep}" for folder in self.folders]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def corpus_root(paths: Sequence[str | os.PathLike[str]], config_path: str | os.PathLike[str] | None = None) -> Path:
    """Where the whole corpus lives (``--whole-corpus``): the folder of the config file
    (given, or found by walking up from the files), else the git top level, else the
    files' common folder."""
    if config_path:
        return Path(config_path).absolute().parent
    found = find_config(list(paths))
    if found is not None:
        return found.absolute().parent
    start = find_root(paths)
    top = git_toplevel(start)
    return top if top is not None else start


@dataclass(frozen=True)
class Review:
    """What happens to the findings after the run: ``--diff-base``, ``--baseline``,
    ``--write-baseline``."""

    diff_base: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.diff_base or self.baseline or self.write_baseline)

    def changed(self) -> ChangedLines | None:
        """The lines changed since ``diff_base`` (asked before the run: a wrong REF is a
        usage error, not a finding-free run)."""
        if not self.diff_base:
            return None
        try:
            return changed_lines(self.diff_base)
        except DiffBaseError as exc:
            raise ScopeError(str(exc)) from None


@dataclass
class Reviewed:
    """A lint result narrowed by a :class:`Review`, and what the narrowing found."""

    result: LintResult
    comparison: BaselineComparison | None = None
    notes: list[str] = field(default_factory=list)
    """Lines for people on stderr ("wrote baseline …", "12 findings known in baseline")."""


def review(result: LintResult, what: Review, changed: ChangedLines | None) -> Reviewed:
    """Apply ``what`` to ``result`` (``changed`` from :meth:`Review.changed`)."""
    findings = list(result.findings)
    notes: list[str] = []
    if changed is not None:
        findings = filter_findings(findings, changed, result.corpus)
    try:
        if what.write_baseline:
            n = write_baseline(what.write_baseline, findings)
            notes.append(f"wrote {n} findings to baseline {what.write_baseline}")
        comparison = None
        accept = what.baseline or what.write_baseline  # a baseline just written accepts every finding
        if accept:
            comparison = apply_baseline(findings, accept)
            findings = list(comparison.new)
            notes.append(f"baseline {accept}: {comparison.summary()}")
    except BaselineError as exc:
        raise ScopeError(str(exc)) from None
    return Reviewed(replace(result, findings=findings), comparison, notes)
