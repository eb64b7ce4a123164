"""What a lint run found: sorted, fingerprinted findings and the corpus they are about."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

from curate.corpus.model import Corpus
from curate.rules.base import Finding, Rule, Severity


@dataclass
class LintResult:
    """What a lint run found, for reporters and the exit code."""

    findings: list[Finding]
    """Sorted by (path, line, column, code, message), each with a fingerprint."""
    corpus: Corpus
    as_of: dt.date
    rules: list[Rule] = field(default_factory=list)
    """Active rule instances (``severity`` is the effective one after overrides)."""
    problems: list[str] = field(default_factory=list)
    """Config, plugin and rule-crash warnings, for people."""

    def counts(self) -> dict[str, int]:
        c = collections.Counter(str(f.severity) for f in self.findings)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    def summary(self) -> dict[str, Any]:
        """Counts for the summary line and the JSON ``summary`` object."""
        by_rule = collections.Counter(f.code for f in self.findings)
        return {
            "files": len(self.corpus.documents),
            "unreadable_files": len(self.corpus.problems),
            "records": sum(len(d.records) for d in self.corpus.documents),
            "findings": len(self.findings),
            **self.counts(),
            "by_rule": dict(sorted(by_rule.items())),
            "files_with_findings": len({f.path for f in self.findings}),
        }

    @property
    def active(self) -> frozenset[str]:
        """Codes of the rules that ran."""
        return frozenset(r.code for r in self.rules)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def fails(self, fail_on: Severity | str = Severity.ERROR) -> bool:
        """True when a finding is at or above ``fail_on`` (exit code 1)."""
        threshold = Severity.parse(fail_on)
        return any(f.severity >= threshold for f in self.findings)


def sort_key(f: Finding) -> tuple[Any, ...]:
    return (*f.sort_key(), f.end_line or 0, f.end_column or 0, f.record_id or "", f.snippet)


def fingerprint(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted findings with content fingerprints; equal (code, path, content) findings
    are told apart by their order of occurrence."""
    ordered = sorted(findings, key=sort_key)
    seen: collections.Counter[tuple[str, str, str]] = collections.Counter()
    out = []
    for f in ordered:
        key = (f.code, f.path, f.snippet or f.message)
        out.append(_fingerprinted(f, seen[key]))
        seen[key] += 1
    return out


def _fingerprinted(f: Finding, occurrence: int) -> Finding:
    """``f.with_fingerprint(occurrence)`` without ``dataclasses.replace``, which cost
    more than the rest of a warm re-lint (hundreds of thousands of findings)."""
    digest = f.with_fingerprint(occurrence).fingerprint if _FAST_COPY is None else _fingerprint_of(f, occurrence)
    new = object.__new__(Finding)
    for name in _FAST_COPY or ():
        object.__setattr__(new, name, getattr(f, name))
    object.__setattr__(new, "fingerprint", digest)
    return new


def _fingerprint_of(f: Finding, occurrence: int) -> str:
    basis = "\x1f".join((f.code, f.path, f.snippet or f.message, str(occurrence)))
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]


_FAST_COPY = tuple(n for n in getattr(Finding, "__slots__", ()) if n != "fingerprint") or None
