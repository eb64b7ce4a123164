"""``curate fix``: apply the fixes rules offer, in place, safely.

Each pass lints the corpus (in memory; after the first pass only the files the last
pass changed), applies every non-overlapping fix of each file at once, and keeps a file's new text only when it re-parses to the same records apart
from the fixes' intended changes (see ``curate.build.repair``). Passes repeat until no
fix applies, so fixes that overlapped another one get their turn and a second
``curate fix`` finds nothing to do. Files are written atomically, only when they changed
and only when they still hold what was read.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from curate.build.repair import Edit, apply_checked
from curate.cache.documents import load_corpus
from curate.corpus.loader import decode
from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus, Document
from curate.infra.fileio import atomic_writer
from curate.run.execute import NoInput, check
from curate.run.plan import RunPlan, RunRequest, plan
from curate.run.result import LintResult

MAX_PASSES = 10
"""Passes before giving up on reaching a fixed point (each pass applies at least one fix)."""

LintFn = Callable[[Corpus], LintResult]


@dataclass(frozen=True)
class FileFix:
    """The fixes of one file."""

    path: str
    """Display path."""
    abspath: Path
    before: str
    after: str
    applied: tuple[Edit, ...]
    """Every fix applied, over all passes."""
    rejected: tuple[tuple[Edit, str], ...]
    """Fixes left out with the reason, which starts with the line ("line 12: ...")."""

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """Unified diff of the file, ``a/`` and ``b/`` prefixed like git."""
        before = self.before.splitlines(keepends=True)
        after = self.after.splitlines(keepends=True)
        lines = []
        absolute = Path(self.path).is_absolute()
        old, new = (self.path, self.path) if absolute else (f"a/{self.path}", f"b/{self.path}")
        for line in difflib.unified_diff(before, after, old, new):
            if not line.endswith(("\n", "\r")):
                line += "\n\\ No newline at end of file\n"
            lines.append(line)
        return "".join(lines)


@dataclass(frozen=True)
class FixReport:
    files: tuple[FileFix, ...]
    passes: int
    problems: tuple[str, ...] = ()
    pending_unsafe: int = 0
    """Unsafe fixes offered but not applied (they need ``--unsafe``)."""

    @property
    def changed(self) -> tuple[FileFix, ...]:
        return tuple(f for f in self.files if f.changed)

    @property
    def fix_count(self) -> int:
        return sum(len(f.applied) for f in self.files)


# (document hash, fix start, fix end, replacement): a fix already rejected in this run.
_Signature = tuple[str, int, int, str]


def _edits(doc: Document, findings: Sequence[Any], unsafe: bool, skip: set[_Signature]) -> tuple[list[Edit], int]:
    edits = []
    pending = 0
    for f in findings:
        if f.fix is None or f.path != doc.path:
            continue
        if not f.fix.safe and not unsafe:
            pending += 1
            continue
        sig = (doc.sha256, f.fix.start, f.fix.end, f.fix.replacement)
        if sig in skip:
            continue
        edits.append(Edit(f.code, f.fix))
    return edits, pending


def plan_fixes(
    paths: Sequence[str | os.PathLike[str]],
    *,
    unsafe: bool = False,
    lint: LintFn | None = None,
    max_passes: int = MAX_PASSES,
    **request: Any,
) -> FixReport:
    """Work out every file's fixed text without writing anything; ``request`` takes the
    fields of ``curate.run.plan.RunRequest`` (``select``, ``ignore``, ``as_of`` ...)."""
    for name in ("select", "ignore"):
        if name in request:
            request[name] = tuple(request[name])
    the_plan = plan(RunRequest(paths=tuple(os.fspath(p) for p in paths), **request))
    return fixes_of(the_plan, unsafe=unsafe, lint=lint, max_passes=max_passes)


def fixes_of(run_plan: RunPlan, *, unsafe: bool = False, lint: LintFn | None = None,
             max_passes: int = MAX_PASSES) -> FixReport:
    """The fixed text of every file of the plan: each pass checks the documents in memory
    with the plan's rules (``lint`` replaces that, for tests)."""
    if lint is None:
        lint = lambda corpus: check(run_plan, corpus)  # noqa: E731
    corpus = load_corpus(list(run_plan.load_paths), cache=run_plan.cache, root=run_plan.root,
                         options=run_plan.load_options())
    if not corpus.documents and not corpus.problems:
        raise NoInput(run_plan)
    originals = {doc.path: doc for doc in corpus.documents}
    applied: dict[str, list[Edit]] = {doc.path: [] for doc in corpus.documents}
    rejected: dict[str, list[tuple[Edit, str]]] = {doc.path: [] for doc in corpus.documents}
    skip: set[_Signature] = set()
    problems: list[str] = list(run_plan.problems) + [p.message for p in corpus.problems]
    passes = 0
    changed = {doc.path for doc in corpus.documents}
    pending_by: dict[str, int] = {}
    for passes in range(1, max_passes + 1):
        # the first pass sees the whole corpus; later ones only the files the last changed
        target = corpus if passes == 1 else replace(
            corpus, documents=tuple(d for d in corpus.documents if d.path in changed)
        )
        result = lint(target)
        by_path: dict[str, list[Any]] = {}
        for f in result.findings:
            by_path.setdefault(f.path, []).append(f)
        documents = []
        now_changed: set[str] = set()
        for doc in corpus.documents:
            if doc.path not in changed:
                documents.append(doc)
                continue
            edits, pending_by[doc.path] = _edits(doc, by_path.get(doc.path, ()), unsafe, skip)
            outcome = apply_checked(doc, edits, parse_document)
            for edit, why in outcome.rejected:
                skip.add((doc.sha256, edit.fix.start, edit.fix.end, edit.fix.replacement))
                line, _col = doc.locate(edit.fix.start)
                rejected[doc.path].append((edit, f"line {line}: {why}"))
            if outcome.applied:
                now_changed.add(doc.path)
                applied[doc.path].extend(outcome.applied)
            documents.append(outcome.document)
        corpus = replace(corpus, documents=tuple(documents))
        changed = now_changed
        if not changed:
            break
    else:
        problems.append(f"fixes did not settle after {max_passes} passes; run curate fix again")
    pending = sum(pending_by.values())
    files = []
    for doc in corpus.documents:
        original = originals[doc.path]
        files.append(
            FileFix(
                path=doc.path,
                abspath=corpus.root / doc.rel_path,
                before=original.text,
                after=doc.text,
                applied=tuple(applied[doc.path]),
                rejected=tuple(rejected[doc.path]),
            )
        )
    return FixReport(tuple(files), passes, tuple(problems), pending)


def write_fixes(report: FixReport) -> list[str]:
    """Write every changed file atomically; returns problems (a file changed meanwhile)."""

    problems = []
    written: dict[Path, str] = {}  # real file -> text written: a file and a link to it are one file
    for file in report.changed:
        target = file.abspath.resolve()
        if target in written:
            if written[target] != file.after:
                problems.append(f"{file.path} names a file already fixed under another name; not written again")
            continue
        try:
            data = file.abspath.read_bytes()
        except OSError as exc:
            problems.append(f"{file.path}: cannot read it again: {exc.strerror or exc}")
            continue
        bom = data.startswith(b"\xef\xbb\xbf")
        try:
            current = decode(data)
        except Exception as exc:
            problems.append(f"{file.path}: {exc}; not written")
            continue
        if current != file.before:
            problems.append(f"{file.path} changed while it was being fixed; not written")
            continue
        # write through a symlink (inside the root, or the loader skipped it) to its target,
        # so the link stays a link
        with atomic_writer(target, newline="") as handle:
            handle.write(("\ufeff" if bom else "") + file.after)
        written[target] = file.after
    return problems
