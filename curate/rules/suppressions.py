"""Inline suppressions: HTML comments in the notes that silence findings.

``<!-- curate-disable QA202 -->`` … ``<!-- curate-enable -->`` silences a region,
``<!-- curate-disable-next-line QA101 -->`` the next non-blank line, and
``<!-- curate-disable-file QA604 -->`` the whole file. Codes, names or prefixes may be
listed (comma or space separated); none means every rule. Comments inside code fences are
examples, not directives. A directive that silenced nothing is itself reported (QA002), so
stale suppressions do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from curate.corpus.model import Document
from curate.rules.base import Finding, Rule, Severity

DIRECTIVE = re.compile(
    r"<!--\s*curate-(?P<kind>disable-next-line|disable-file|disable|enable)\b(?P<args>.*?)-->",
    re.DOTALL,
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class UnusedSuppression(Rule):
    """A ``curate-disable`` comment that silences nothing.

    Once the problem under a suppression is fixed, the comment stays behind and would
    silently hide the next real problem there. This rule reports such comments, and
    comments that name a rule that does not exist. It only judges rules that ran: a
    suppression of a rule left out with ``--select``/``--ignore`` is not reported.

    Bad:

        <!-- curate-disable-next-line QA101 -->
        ## What is RLHF?
        Reinforcement learning from human feedback.

    Good (the answer was written, so the comment went too):

        ## What is RLHF?
        Reinforcement learning from human feedback.
    """

    code = "QA002"
    name = "unused-suppression"
    summary = "A curate-disable comment that silences nothing"
    severity = Severity.WARNING
    scope = "document"


@dataclass
class Directive:
    """One suppression comment and the lines it covers."""

    kind: str
    tokens: tuple[str, ...]
    """Codes, names or prefixes (empty: every rule)."""
    line: int
    start: int
    end: int
    first: int = 0
    last: int = 0
    used: set[str] = field(default_factory=set)
    """Tokens (or "*") that silenced at least one finding."""
    text: str = ""
    """The comment itself (the snippet of a QA002 finding)."""

    def to_json(self) -> list[Any]:
        """What a worker sends back with a file's outline (``curate.corpus.outline``), so
        suppressions apply without the file's text."""
        return [self.kind, list(self.tokens), self.line, self.start, self.end, self.first, self.last, self.text]

    @classmethod
    def from_json(cls, data: list[Any]) -> Directive:
        kind, tokens, line, start, end, first, last, text = data
        return cls(kind, tuple(tokens), line, start, end, first, last, text=text)

    def covers(self, finding: Finding) -> str | None:
        """The token that silences ``finding`` here, or None."""
        if not (self.first <= finding.line <= self.last):
            return None
        if not self.tokens:
            return "*"
        for token in self.tokens:
            if _names(finding, token):
                return token
        return None


def _names(finding: Finding, token: str) -> bool:
    return finding.code == token.upper() or finding.name == token.lower() or (
        token[:1].isalpha() and finding.code.startswith(token.upper()))


def _tokens(args: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,]+", args.strip()) if t)


def fenced_lines(doc: Document) -> set[int]:
    """Lines inside fenced code blocks (fence lines included)."""
    inside: set[int] = set()
    fence: str | None = None
    for number, text in doc.lines():
        m = _FENCE.match(text)
        if fence is None:
            if m:
                fence = m.group(1)
                inside.add(number)
        else:
            inside.add(number)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not text.strip()[len(m.group(1)):].strip():
                fence = None
    return inside


def parse_directives(doc: Document) -> list[Directive]:
    """Every suppression comment of ``doc`` with the lines it covers (as its worker
    found them when ``doc`` is an outline)."""
    found = getattr(doc, "directives", None)
    if found is not None:
        return [Directive.from_json(d) for d in found]
    if "curate-" not in doc.text:
        return []
    fenced = fenced_lines(doc)
    last_line = doc.line_count
    directives: list[Directive] = []
    open_regions: list[Directive] = []
    for m in DIRECTIVE.finditer(doc.text):
        line, _ = doc.locate(m.start())
        if line in fenced:
            continue
        kind, tokens = m.group("kind"), _tokens(m.group("args"))
        d = Directive(kind, tokens, line, m.start(), m.end(), text=m.group(0))
        if kind == "disable-file":
            d.first, d.last = 1, last_line
        elif kind == "disable-next-line":
            end_line, _ = doc.locate(m.end())
            target = end_line + 1
            while target <= last_line and not doc.line(target).strip():
                target += 1
            d.first = d.last = min(target, last_line)
            if doc.line(line).strip() == m.group(0).strip():
                # a comment alone on its line introduces the block after it: a finding a rule
                # places at the block's start (the comment line itself) is covered too
                d.first = line
        elif kind == "disable":
            d.first, d.last = line, last_line
            open_regions.append(d)
        else:  # enable: closes the matching open regions
            for region in list(open_regions):
                if not tokens or set(region.tokens) & set(tokens) or not region.tokens:
                    region.last = line
                    open_regions.remove(region)
            continue
        directives.append(d)
    return directives


def apply_suppressions(
    doc: Document,
    findings: Sequence[Finding],
    *,
    active_codes: Iterable[str] = (),
    known: Iterable[tuple[str, str]] = (),
    report_unused: bool = True,
) -> list[Finding]:
    """``findings`` of ``doc`` minus the suppressed ones, plus QA002 findings for
    directives that silenced nothing. ``known`` is (code, name) of every installed rule;
    ``active_codes`` the rules that ran (only those can make a directive "unused")."""
    directives = parse_directives(doc)
    if not directives:
        return list(findings)
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        for d in directives:
            token = d.covers(finding)
            if token is not None:
                d.used.add(token)
                silenced = True
        if not silenced:
            kept.append(finding)
    if report_unused:
        kept.extend(unused_findings(doc, directives, set(active_codes), list(known)))
    return kept


def unused_findings(doc: Document, directives: list[Directive], active: set[str], known: list[tuple[str, str]]) -> list[Finding]:
    rule = UnusedSuppression()
    out: list[Finding] = []
    for d in directives:
        text = d.text
        if not d.tokens:
            if not d.used:
                out.append(rule.finding_at(doc, d.start, d.end, f"'curate-{d.kind}' silences nothing; remove it", snippet=text))
            continue
        for token in d.tokens:
            covered = [(c, n) for c, n in known if c == token.upper() or n == token.lower()
                       or (token[:1].isalpha() and c.startswith(token.upper()))]
            if not covered:
                out.append(rule.finding_at(doc, d.start, d.end, f"'curate-{d.kind}' names no known rule {token!r}", snippet=text))
            elif token not in d.used and all(c in active for c, _ in covered):
                out.append(rule.finding_at(doc, d.start, d.end, f"'curate-{d.kind} {token}' silences nothing; remove it", snippet=text))
    return out
