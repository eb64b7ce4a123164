"""``--diff-base REF``: report only what a change introduced.

On a pull request a reviewer wants the findings on the lines the author touched, not the
whole backlog of an old corpus. The changed lines come from ``git diff -U0`` between the
merge base of REF and HEAD and the working tree (so on a feature branch, commits that
landed on main meanwhile do not count as changed), plus untracked files as wholly new.
A finding is kept when it overlaps a changed line, or when it is a duplicate (it has
related places) that a changed record takes part in, wherever the other copy is.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from curate.rules.base import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class DiffBaseError(ValueError):
    """git is missing, this is not a repository, or REF is unknown."""


ALL_LINES = None
"""Marker for a file whose every line counts as changed (new or untracked)."""


@dataclass(frozen=True)
class ChangedLines:
    """Changed line numbers per absolute file path; ``ALL_LINES`` (None) for whole new files."""

    files: Mapping[Path, frozenset[int] | None]

    def touches(self, path: str | os.PathLike[str], first: int, last: int | None = None) -> bool:
        key = _abs(path)
        if key not in self.files:
            return False
        lines = self.files[key]
        if lines is ALL_LINES:
            return True
        last = first if last is None else max(last, first)
        if last - first > 1000:
            return any(first <= n <= last for n in lines)
        return any(n in lines for n in range(first, last + 1))

    def __contains__(self, path: object) -> bool:
        return isinstance(path, (str, os.PathLike)) and _abs(path) in self.files


def _abs(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(path))


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise DiffBaseError("git is not installed; --diff-base needs it") from None
    if proc.returncode != 0:
        raise DiffBaseError(f"git {' '.join(args[:2])} failed: {proc.stderr.strip() or proc.returncode}")
    return proc.stdout


def git_toplevel(start: str | os.PathLike[str] = ".") -> Path | None:
    """The top folder of the git work tree containing ``start``, or None."""
    folder = Path(start).absolute()
    if not folder.is_dir():
        folder = folder.parent
    try:
        out = _git(["rev-parse", "--show-toplevel"], folder).strip()
    except DiffBaseError:
        return None
    return Path(out) if out else None


def _unquote(path: str) -> str:
    """Undo git's C-style quoting of unusual path names ("a\\tb.md")."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1", "ignore").decode("utf-8", "replace")


def parse_diff(diff: str, top: Path) -> dict[Path, set[int]]:
    """Changed line numbers (new side) per file from ``git diff -U0`` output. A pure
    deletion marks the line it happened before, so findings it causes still count."""
    files: dict[Path, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            if target == "/dev/null":
                current = None
                continue
            target = _unquote(target)
            if target.startswith("b/"):
                target = target[2:]
            current = files.setdefault(_abs(top / target), set())
        elif line.startswith("@@") and current is not None:
            m = _HUNK.match(line)
            if not m:
                continue
            start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
            if count == 0:
                current.add(max(start, 1))
                current.add(start + 1)
            else:
                current.update(range(start, start + count))
    return files


def unknown_ref(base: str, top: Path) -> str:
    """Why ``base`` cannot be found, with the usual cause of it in CI."""
    shallow = (top / ".git" / "shallow").exists()
    hint = ("this clone is shallow: fetch the history first (actions/checkout with fetch-depth: 0, "
            "or git fetch --unshallow)") if shallow else (
            f"check the name, or fetch it first (git fetch origin {base.split('/', 1)[-1]})")
    return f"--diff-base {base}: no such commit, branch or tag in {top}; {hint}"


def changed_lines(base: str, cwd: str | os.PathLike[str] = ".") -> ChangedLines:
    """Lines changed since ``base`` (merge base with HEAD), in the working tree."""
    top = git_toplevel(cwd)
    if top is None:
        raise DiffBaseError("--diff-base needs a git repository")
    try:
        merge_base = _git(["merge-base", base, "HEAD"], top).strip()
    except DiffBaseError:
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], top)
        except DiffBaseError:
            raise DiffBaseError(unknown_ref(base, top)) from None
        merge_base = base
    diff = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "-M", merge_base, "--"], top)
    files: dict[Path, frozenset[int] | None] = {p: frozenset(lines) for p, lines in parse_diff(diff, top).items()}
    added = _git(["diff", "--name-only", "--diff-filter=A", "-M", merge_base, "--"], top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for name in [*added.splitlines(), *untracked.split("\0")]:
        if name:
            files[_abs(top / _unquote(name))] = ALL_LINES
    return ChangedLines(files)


def changed_records(corpus: Any, changed: ChangedLines) -> set[str]:
    """Ids of the records whose lines (question or answer) were changed."""
    ids: set[str] = set()
    for doc in getattr(corpus, "documents", ()) or ():
        if doc.path not in changed:
            continue
        for record in doc.records:
            if changed.touches(doc.path, record.span.line_start, record.span.line_end):
                ids.add(record.id)
    return ids


def filter_findings(findings: Iterable[Finding], changed: ChangedLines, corpus: Any = None) -> list[Finding]:
    """The findings a change is responsible for: on a changed line, or a duplicate that a
    changed record takes part in (reported on either side)."""
    touched = changed_records(corpus, changed) if corpus is not None else set()
    kept = []
    for f in findings:
        end = f.end_line if f.end_line is not None else f.line
        if changed.touches(f.path, f.line, end):
            kept.append(f)
        elif f.related and (
            (f.record_id is not None and f.record_id in touched)
            or any(changed.touches(r.path, r.line) for r in f.related)
            or _related_record_touched(f, corpus, changed)
        ):
            kept.append(f)
    return kept


def _related_record_touched(f: Finding, corpus: Any, changed: ChangedLines) -> bool:
    """Whether the record at a related place (the other copy) was changed anywhere in
    its span, not only on the line the finding points to."""
    if corpus is None:
        return False
    for r in f.related:
        if r.path not in changed:
            continue
        doc = corpus.document(r.path)
        if doc is None:
            continue
        for record in doc.records:
            if record.span.line_start <= r.line <= record.span.line_end:
                if changed.touches(r.path, record.span.line_start, record.span.line_end):
                    return True
    return False
