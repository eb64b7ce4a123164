"""Helpers the report formats share: rule metadata, counts, duplicate clusters.

Reporters only see a lint result (``findings``, ``rules``, ``corpus``, ``problems``,
``as_of``); these helpers read it defensively so a reporter also works on a result built
by hand (tests, other tools) that lacks some of those attributes.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from curate._version import __version__
from curate.rules.base import Finding, Severity

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class RuleInfo:
    """What a report says about a rule."""

    code: str
    name: str
    summary: str
    severity: Severity
    help: str


def findings_of(result: Any) -> list[Finding]:
    """The result's findings in report order (path, line, column, code)."""
    return sorted(getattr(result, "findings", ()) or (), key=lambda f: f.sort_key())


def rule_infos(result: Any, findings: Iterable[Finding] = ()) -> dict[str, RuleInfo]:
    """Rule metadata by code: the active rules, plus any code a finding names."""
    infos: dict[str, RuleInfo] = {}
    for rule in getattr(result, "rules", ()) or ():
        code = getattr(rule, "code", "")
        if not code:
            continue
        try:
            help_text = rule.doc()
        except Exception:  # a broken plugin docstring must not break the report
            help_text = getattr(rule, "summary", "")
        infos[code] = RuleInfo(
            code=code,
            name=getattr(rule, "name", code),
            summary=getattr(rule, "summary", "") or getattr(rule, "name", code),
            severity=Severity.parse(getattr(rule, "severity", Severity.WARNING)),
            help=help_text or "",
        )
    for f in findings:
        if f.code not in infos:
            infos[f.code] = RuleInfo(f.code, f.name, f.name, f.severity, f.name)
    return dict(sorted(infos.items()))


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def counts_by_rule(findings: Iterable[Finding]) -> dict[str, dict[Severity, int]]:
    """{code: {severity: count}} sorted by code."""
    table: dict[str, dict[Severity, int]] = collections.defaultdict(lambda: {s: 0 for s in SEVERITIES})
    for f in findings:
        table[f.code][f.severity] += 1
    return dict(sorted(table.items()))


def counts_by_file(findings: Iterable[Finding]) -> dict[str, int]:
    table: collections.Counter[str] = collections.Counter(f.path for f in findings)
    return dict(sorted(table.items(), key=lambda kv: (-kv[1], kv[0])))


def by_importance(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then in file order."""
    return sorted(findings, key=lambda f: (-int(f.severity), f.sort_key()))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(findings: Sequence[Finding]) -> str:
    """"12 findings (3 errors, 8 warnings, 1 info) in 4 files"."""
    counts = severity_counts(findings)
    files = len({f.path for f in findings})
    return (
        f"{plural(len(findings), 'finding')} ({plural(counts[Severity.ERROR], 'error')}, "
        f"{plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info) in {plural(files, 'file')}"
    )


@dataclass(frozen=True)
class ClusterMember:
    path: str
    line: int
    question: str
    answer: str


def duplicate_clusters(result: Any, findings: Iterable[Finding]) -> list[tuple[str, list[ClusterMember]]]:
    """Groups of places that findings with related locations tie together (duplicates),
    as (rule code, members sorted by path and line); members carry the record's text
    when the corpus is available."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    codes: dict[tuple[str, int], set[str]] = collections.defaultdict(set)
    for f in findings:
        if not f.related:
            continue
        a = (f.path, f.line)
        for r in f.related:
            b = (r.path, r.line)
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        codes[a].add(f.code)
    groups: dict[tuple[str, int], list[tuple[str, int]]] = collections.defaultdict(list)
    for node in list(parent):
        groups[find(node)].append(node)
    corpus = getattr(result, "corpus", None)
    out = []
    for _root, nodes in sorted(groups.items()):
        nodes.sort()
        rule_codes = sorted(set().union(*(codes.get(n, set()) for n in nodes)))
        members = [_member(corpus, path, line) for path, line in nodes]
        out.append(("/".join(rule_codes), members))
    return out


def _member(corpus: Any, path: str, line: int) -> ClusterMember:
    doc = corpus.document(path) if corpus is not None and hasattr(corpus, "document") else None
    if doc is not None:
        for record in doc.records:
            if record.span.line_start <= line <= record.span.line_end:
                return ClusterMember(path, line, record.question, record.answer_md.strip())
        if 1 <= line <= doc.line_count:
            return ClusterMember(path, line, doc.line(line).strip(), "")
    return ClusterMember(path, line, "", "")


def option(options: Mapping[str, Any] | None, key: str, default: Any) -> Any:
    """An option value, accepting ``-`` or ``_`` in the key."""
    if not options:
        return default
    for k in (key, key.replace("_", "-"), key.replace("-", "_")):
        if k in options and options[k] is not None:
            return options[k]
    return default


def problem_texts(result: Any) -> list[str]:
    """The run's warnings (unreadable files, broken plugins, config) as sentences."""
    out = []
    for p in getattr(result, "problems", ()) or ():
        message = getattr(p, "message", None)
        out.append(str(message) if message is not None else str(p))
    return sorted(out)


def tool_version() -> str:

    return __version__
