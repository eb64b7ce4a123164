"""Corpus → findings: run the active rules, apply suppressions and severity overrides,
fingerprint, and sort.

Per-file work is :func:`check_document`, a pure top-level function of picklable inputs
(a document, the rule specs, the date and the settings), so an executor can map it over a
process pool or Ray and get exactly the findings this process would. Corpus-wide rules
(duplicates) run once, here. A rule that raises is reported in ``LintResult.problems`` by
code and file; it never stops the run.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping, Sequence

from curate.corpus.model import Corpus, Document
from curate.rules.base import Finding, Rule, RuleContext, Severity


class UnreadableFile(Rule):
    """A file curate could not read as Markdown text.

    Reported for a file that is not UTF-8 (with or without a byte order mark), looks
    binary, is larger than ``max-file-size``, or cannot be opened. The rest of the corpus
    is still linted; fix the encoding (or exclude the file) to lint this one too.

    Bad: ``notes.md`` saved as UTF-16 or Latin-1, or a 50 MB export.

    Good: ``notes.md`` saved as UTF-8.

    Options: none (the size limit is the top-level ``max-file-size`` key).
    """

    code = "QA000"
    name = "unreadable-file"
    summary = "A file that could not be read as UTF-8 Markdown"
    severity = Severity.ERROR
    scope = "corpus"

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        for problem in corpus.problems:
            yield self.finding(problem.path, 1, problem.message, snippet=problem.message)


@dataclass(frozen=True)
class RuleSpec:
    """A rule ready to run: its class, typed options and effective severity (picklable)."""

    rule: type[Rule]
    options: Any
    severity: Severity


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

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def fails(self, fail_on: Severity | str = Severity.ERROR) -> bool:
        """True when a finding is at or above ``fail_on`` (exit code 1)."""
        threshold = Severity.parse(fail_on)
        return any(f.severity >= threshold for f in self.findings)


# -- per-document work (pure; safe to run in another process) -----------------------------


def check_document(
    doc: Document,
    specs: Sequence[RuleSpec],
    as_of: dt.date,
    settings: Mapping[str, Any],
    root: Any = None,
) -> tuple[list[Finding], list[str]]:
    """Findings of the record and document rules on one file, and crash reports."""
    findings: list[Finding] = []
    problems: list[str] = []
    for spec in specs:
        rule = spec.rule()
        if rule.scope == "corpus":
            continue
        ctx = RuleContext(as_of=as_of, options=spec.options, root=root, settings=settings)
        try:
            if rule.scope == "document":
                found = list(rule.check_document(doc, ctx) or ())
            else:
                found = [f for record in doc.records for f in (rule.check_record(doc, record, ctx) or ())]
        except Exception as exc:  # a rule bug must not stop the run
            problems.append(f"rule {rule.code} failed on {doc.path}: {type(exc).__name__}: {exc}")
            continue
        findings.extend(_with_severity(found, spec.severity, Severity.parse(spec.rule.severity)))
    return findings, problems


def prepare_corpus_rules(
    doc: Document,
    specs: Sequence[RuleSpec],
    as_of: dt.date,
    settings: Mapping[str, Any],
    root: Any = None,
) -> tuple[dict[str, Any], list[str]]:
    """The per-file step of the corpus rules that have one (``Rule.prepare_document``),
    by rule code, and crash reports. Runs in the worker that parsed the file."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    for spec in specs:
        if spec.rule.scope != "corpus" or not spec.rule.prepares():
            continue
        ctx = RuleContext(as_of=as_of, options=spec.options, root=root, settings=settings)
        try:
            out[spec.rule.code] = spec.rule().prepare_document(doc, ctx)
        except Exception as exc:  # the rule's check_corpus will compute it again, or fail
            problems.append(f"rule {spec.rule.code} failed on {doc.path}: {type(exc).__name__}: {exc}")
    return out, problems


def _picklable(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings that can travel to another process (an open cache cannot)."""
    import pickle

    out = {}
    for key, value in settings.items():
        try:
            pickle.dumps(value)
        except Exception:
            continue
        out[key] = value
    return out


def _check_document_item(item: tuple) -> tuple[list[Finding], list[str]]:
    return check_document(*item)


def _with_severity(findings: Iterable[Finding], severity: Severity, default: Severity | None = None) -> list[Finding]:
    """Findings at the rule's effective severity; one the rule itself put below its
    default (QA101's one-per-bank note) stays below: at most the effective severity."""
    return [f if f.severity == severity else
            replace(f, severity=min(f.severity, severity) if default is not None and f.severity < default else severity)
            for f in findings]


# -- the run ---------------------------------------------------------------------------


def make_specs(rules: Sequence[Any], config: Any) -> tuple[list[RuleSpec], list[str]]:
    """RuleSpecs of the selected rules with options and severities from config.

    Raises ``ConfigError`` for a bad option or an options table naming no rule."""
    from curate.config import ConfigError, rule_options
    from curate.rules.registry import find_rule, select_rules

    classes = [r if isinstance(r, type) else type(r) for r in rules]
    select = tuple(getattr(config, "select", ()) or ())
    ignore = tuple(getattr(config, "ignore", ()) or ())
    active, warnings = select_rules(classes, select, ignore)
    from curate.rules.registry import matches

    if UnreadableFile in classes and UnreadableFile not in active and not any(matches(UnreadableFile, t) for t in ignore):
        active.insert(0, UnreadableFile)  # a file that was not read is never silently skipped
    prefix = "tool.curate" if getattr(config, "path", None) is not None and config.path.name == "pyproject.toml" else ""
    dot = f"{prefix}." if prefix else ""
    raw_options: dict[str, Mapping[str, Any]] = {}
    for key, table in (getattr(config, "rules", {}) or {}).items():
        rule = find_rule(classes, key)
        if rule is None:
            raise ConfigError(f"{_where(config)}{dot}rules.{key}: no rule has this code or name")
        raw_options.setdefault(rule.code, {}).update(table)
    severities: dict[str, Severity] = {}
    for key, value in (getattr(config, "severity", {}) or {}).items():
        rule = find_rule(classes, key)
        if rule is None:
            warnings.append(f"{_where(config)}{dot}severity.{key}: no rule has this code or name")
            continue
        severities[rule.code] = Severity.parse(value)
    specs = []
    for rule in classes:  # validate options of every rule, not only active ones
        options = rule_options(rule, raw_options.get(rule.code), where=f"{_where(config)}{dot}rules.{rule.code}")
        if rule in active:
            specs.append(RuleSpec(rule, options, severities.get(rule.code, Severity.parse(rule.severity))))
    return specs, warnings


def _where(config: Any) -> str:
    path = getattr(config, "path", None)
    return f"{path}: " if path else ""


def run_engine(
    corpus: Corpus,
    rules: Sequence[Any],
    *,
    as_of: dt.date | None = None,
    config: Any = None,
    settings: Mapping[str, Any] | None = None,
    executor: Any = None,
    progress: Any = None,
    precomputed: Mapping[str, tuple[list[Finding], list[str]]] | None = None,
    prepared: Mapping[str, Mapping[str, Any]] | None = None,
) -> LintResult:
    """Run ``rules`` (classes or instances; selection and options from ``config``) over
    ``corpus``. ``executor`` (``curate.infra.executors``) maps per-file work; ``progress`` is
    called as ``progress(path, done, total)`` after each document (for a progress bar).
    ``precomputed`` holds per-file results already known (by document path: checked in a
    worker right after parsing, or from the cache; see ``curate.lint.run``);
    ``prepared`` holds the corpus rules' per-file summaries already computed (by document
    path, then rule code; see :func:`prepare_corpus_rules`)."""
    from curate.config import Config

    as_of = as_of or dt.date.today()
    settings = dict(settings or {})
    config = config if config is not None else Config(root=corpus.root)
    problems: list[str] = list(getattr(config, "warnings", ()) or ())
    problems += list(getattr(rules, "problems", ()) or ())
    specs, warnings = make_specs(rules, config)
    problems += warnings

    per_doc: dict[str, list[Finding]] = {d.path: [] for d in corpus.documents}
    doc_specs = [s for s in specs if s.rule.scope != "corpus"]
    if doc_specs and corpus.documents:
        local_settings = _picklable(settings) if executor is not None else settings
        # ``report_paths`` (pre-commit, --whole-corpus): only those files are reported, so
        # per-file rules skip the rest; corpus rules below still see every document.
        report_paths = settings.get("report_paths")
        names = {os.path.basename(p) for p in report_paths} if report_paths is not None else set()
        docs = [d for d in corpus.documents if report_paths is None
                or (os.path.basename(d.rel_path) in names and _real(corpus.root, d) in report_paths)]
        if precomputed:
            for doc in docs:
                if doc.path in precomputed:
                    found, crashed = precomputed[doc.path]
                    per_doc[doc.path].extend(found)
                    problems += crashed
            docs = [d for d in docs if d.path not in precomputed]
        items = [(doc, doc_specs, as_of, local_settings, corpus.root) for doc in docs]
        if executor is not None:
            results = executor.map(_check_document_item, items, [len(d.text) for d in docs])
        else:
            results = []
            for done, item in enumerate(items, 1):
                results.append(_check_document_item(item))
                if progress is not None:
                    progress(item[0].path, done, len(items))
        for doc, (found, crashed) in zip(docs, results):
            per_doc[doc.path].extend(found)
            problems += crashed

    loose: list[Finding] = []
    corpus_found: list[Finding] = []
    corpus_problems: list[str] = []
    for spec in specs:
        if spec.rule.scope != "corpus":
            continue
        rule = spec.rule()
        mine = {path: by_code[rule.code] for path, by_code in (prepared or {}).items() if rule.code in by_code}
        ctx = RuleContext(as_of=as_of, options=spec.options, root=corpus.root, settings=settings, prepared=mine)
        try:
            corpus_found += _with_severity(list(rule.check_corpus(corpus, ctx) or ()), spec.severity)
        except Exception as exc:
            corpus_problems.append(f"rule {rule.code} failed: {type(exc).__name__}: {exc}")
    problems += corpus_problems
    for f in corpus_found:
        (per_doc[f.path] if f.path in per_doc else loose).append(f)
    shown = corpus.documents
    if settings.get("report_paths") is not None:
        shown, per_doc = _reported(corpus, settings["report_paths"], per_doc)

    findings = _suppress(shown, per_doc, specs, rules) + loose
    findings = fingerprint(findings)
    return LintResult(findings=findings, corpus=corpus, as_of=as_of, rules=_instances(specs),
                      problems=sorted(set(problems), key=problems.index))


def _real(root: Any, doc: Document) -> str:
    """The real path of a document's file, as ``report_paths`` holds them."""
    return os.path.realpath(os.path.join(root, doc.rel_path))


def _reported(corpus: Corpus, report_paths: Any, per_doc: dict[str, list[Finding]]
              ) -> tuple[list[Document], dict[str, list[Finding]]]:
    """Only what a ``report_paths`` run (pre-commit) can show: the findings of the
    reported files and those whose related places name them (a copy elsewhere of a
    question in a changed file). Filtering by path keeps fingerprints as they were:
    they count occurrences per path. Saves suppressing and fingerprinting the findings
    of every other file of a large corpus."""
    names = {os.path.basename(p) for p in report_paths}
    reported = {d.path for d in corpus.documents
                if os.path.basename(d.rel_path) in names and _real(corpus.root, d) in report_paths}

    def involved(f: Finding) -> bool:
        return f.path in reported or any(r.path in reported for r in f.related)

    kept = {path: ([f for f in found if involved(f)] if path not in reported else found) for path, found in per_doc.items()}
    shown = [d for d in corpus.documents if d.path in reported or kept[d.path]]
    return shown, kept


def _suppress(documents: Sequence[Document], per_doc: dict[str, list[Finding]], specs: list[RuleSpec], rules: Sequence[Any]) -> list[Finding]:
    from curate.rules.suppressions import UnusedSuppression, apply_suppressions

    known = sorted({(r.code, r.name) for r in rules} | {(s.rule.code, s.rule.name) for s in specs})
    active = {s.rule.code for s in specs}
    qa002 = next((s for s in specs if s.rule is UnusedSuppression), None)
    out: list[Finding] = []
    for doc in documents:
        kept = apply_suppressions(doc, per_doc[doc.path], active_codes=active, known=known,
                                  report_unused=qa002 is not None)
        if qa002 is not None:
            kept = [replace(f, severity=qa002.severity) if f.code == UnusedSuppression.code else f for f in kept]
        out.extend(kept)
    return out


def _instances(specs: Sequence[RuleSpec]) -> list[Rule]:
    out = []
    for spec in specs:
        rule = spec.rule()
        if rule.severity != spec.severity:
            rule.severity = spec.severity  # instance attribute: the effective severity
        out.append(rule)
    return out


def sort_key(f: Finding) -> tuple:
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
    import hashlib

    basis = "\x1f".join((f.code, f.path, f.snippet or f.message, str(occurrence)))
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]


_FAST_COPY = tuple(n for n in getattr(Finding, "__slots__", ()) if n != "fingerprint") or None
