"""Baselines: adopt curate on an old corpus without fixing everything first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only
findings that are not in it. Findings are matched by their content fingerprint (code,
file and the text the finding is about, not line numbers), so known findings survive
moved lines and reordered files. Baseline entries that no longer occur are listed as
fixed, so a curator sees progress and can refresh the file.
"""

from __future__ import annotations

import collections
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from curate.infra.fileio import atomic_write_text
from curate.rules.base import Finding

BASELINE_VERSION = 1


class BaselineError(ValueError):
    """The baseline file cannot be read (missing, not JSON, not a curate baseline)."""


@dataclass(frozen=True)
class BaselineEntry:
    """One known finding: enough to match it (fingerprint) and to show it when fixed."""

    fingerprint: str
    code: str
    name: str
    path: str
    line: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "code": self.code,
            "name": self.name,
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class BaselineComparison:
    """Findings of this run split against a baseline."""

    new: tuple[Finding, ...]
    """Findings not in the baseline: the ones reported."""
    known: tuple[Finding, ...]
    """Findings the baseline already lists (not reported)."""
    fixed: tuple[BaselineEntry, ...] = field(default=())
    """Baseline entries that no longer occur."""
    path: str = ""
    """The baseline file, as given."""

    def summary(self) -> str:
        return f"{len(self.new)} new, {len(self.known)} known (in baseline), {len(self.fixed)} fixed"


def entry_of(finding: Finding) -> BaselineEntry:
    return BaselineEntry(
        fingerprint=finding.fingerprint or finding.with_fingerprint().fingerprint,
        code=finding.code,
        name=finding.name,
        path=Path(finding.path).as_posix(),
        line=finding.line,
        message=finding.message,
    )


def dumps(findings: Iterable[Finding]) -> str:
    """The baseline file text for ``findings`` (sorted, so it diffs well in git)."""
    entries = sorted((entry_of(f) for f in findings), key=lambda e: (e.path, e.line, e.code, e.fingerprint))
    payload = {
        "tool": "curate",
        "version": BASELINE_VERSION,
        "findings": [e.to_dict() for e in entries],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_baseline(path: str | os.PathLike[str], findings: Iterable[Finding]) -> int:
    """Write the baseline atomically; returns how many findings it holds."""
    findings = list(findings)
    atomic_write_text(path, dumps(findings))
    return len(findings)


def read_baseline(path: str | os.PathLike[str]) -> list[BaselineEntry]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    except ValueError as exc:
        raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("tool") != "curate" or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path} is not a curate baseline (write one with --write-baseline)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"baseline {path} has version {data.get('version')!r}; this curate reads version {BASELINE_VERSION}")
    entries = []
    for i, item in enumerate(data["findings"]):
        try:
            entries.append(
                BaselineEntry(
                    fingerprint=str(item["fingerprint"]),
                    code=str(item.get("code", "")),
                    name=str(item.get("name", "")),
                    path=str(item.get("path", "")),
                    line=int(item.get("line", 0)),
                    message=str(item.get("message", "")),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"baseline {path}: entry {i} has no fingerprint") from None
    return entries


def compare(findings: Sequence[Finding], entries: Sequence[BaselineEntry], path: str = "") -> BaselineComparison:
    """Split findings into new and known; a fingerprint listed n times in the baseline
    absorbs at most n findings (so a third copy of a known problem is new)."""
    budget = collections.Counter(e.fingerprint for e in entries)
    new, known = [], []
    for f in findings:
        fp = f.fingerprint or f.with_fingerprint().fingerprint
        if budget[fp] > 0:
            budget[fp] -= 1
            known.append(f)
        else:
            new.append(f)
    fixed = []
    for e in entries:  # whatever budget is left was not seen this run
        if budget[e.fingerprint] > 0:
            budget[e.fingerprint] -= 1
            fixed.append(e)
    return BaselineComparison(new=tuple(new), known=tuple(known), fixed=tuple(fixed), path=str(path))


def apply_baseline(findings: Sequence[Finding], path: str | os.PathLike[str]) -> BaselineComparison:
    """Read the baseline at ``path`` and compare ``findings`` with it."""
    return compare(findings, read_baseline(path), str(path))
