"""Corpus → findings: the rule specs of a run, the per-file step, the corpus step,
suppressions, severities and fingerprints.

Per-file work is :func:`check_document`, a pure top-level function of picklable inputs
(a document, the rule specs, the date and the settings), so an executor can map it over a
process pool or Ray and get exactly the findings this process would; :func:`dispatch` is
the one loop that maps per-file work, used for files read from disk and for documents in
memory (fix, build). Each file is summarised where it is checked (:func:`summarise`:
findings, corpus-rule summaries, outline); corpus-wide rules (duplicates) run once, in
:func:`finish`, on those outlines and summaries, for files from disk and documents in
memory alike. A rule
that raises is reported in ``LintResult.problems`` by code and file; it never stops the run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

from curate.config import Config, ConfigError, rule_options
from curate.corpus.model import Corpus, Document
from curate.corpus.outline import DocumentOutline, outline_json
from curate.infra.executors import Executor, lasting
from curate.rules.base import Finding, Rule, RuleContext, RunSettings, Severity, Store
from curate.rules.registry import find_rule, matches, select_rules
from curate.rules.suppressions import UnusedSuppression, apply_suppressions, parse_directives
from curate.rules.unreadable import UnreadableFile
from curate.run.result import LintResult, fingerprint
from curate.run.scope import Scope

Progress = Callable[[str, int, int], None]
"""``progress(path, done, total)`` after each file."""

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class RuleSpec:
    """A rule ready to run: its class, typed options and effective severity (picklable)."""

    rule: type[Rule]
    options: Any
    severity: Severity


# -- choosing the rules ----------------------------------------------------------------------


def make_specs(rules: Sequence[type[Rule] | Rule], config: Config) -> tuple[list[RuleSpec], list[str]]:
    """RuleSpecs of the selected rules with options and severities from config.

    Raises ``ConfigError`` for a bad option or an options table naming no rule."""
    classes = [r if isinstance(r, type) else type(r) for r in rules]
    select = tuple(getattr(config, "select", ()) or ())
    ignore = tuple(getattr(config, "ignore", ()) or ())
    active, warnings = select_rules(classes, select, ignore)
    if UnreadableFile in classes and UnreadableFile not in active and not any(matches(UnreadableFile, t) for t in ignore):
        active.insert(0, UnreadableFile)  # a file that was not read is never silently skipped
    prefix = "tool.curate" if config.path is not None and config.path.name == "pyproject.toml" else ""
    dot = f"{prefix}." if prefix else ""
    raw_options: dict[str, dict[str, Any]] = {}
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
        check = getattr(rule, "check_options", None)  # option files read once, up front
        if check is not None and options is not None and getattr(config, "root", None) is not None:
            try:
                check(options, config.root)
            except ValueError as exc:
                raise ConfigError(f"{_where(config)}{dot}rules.{rule.code}: {exc}") from None
        if rule in active:
            specs.append(RuleSpec(rule, options, severities.get(rule.code, Severity.parse(rule.severity))))
    return specs, warnings


def _where(config: Any) -> str:
    path = getattr(config, "path", None)
    return f"{path}: " if path else ""




# -- per-file work (pure; safe to run in another process) -----------------------------------


def check_document(
    doc: Document,
    specs: Sequence[RuleSpec],
    as_of: dt.date,
    settings: RunSettings,
    root: Any = None,
    store: Store | None = None,
) -> tuple[list[Finding], list[str]]:
    """Findings of the record and document rules on one file, and crash reports.
    ``store`` (the cache) only where the file is checked in this process."""
    findings: list[Finding] = []
    problems: list[str] = []
    for spec in specs:
        rule = spec.rule()
        if rule.scope == "corpus":
            continue
        ctx = RuleContext(as_of=as_of, options=spec.options, root=root, settings=settings, store=store)
        try:
            if rule.scope == "document":
                found = list(rule.check_document(doc, ctx) or ())
            else:
                found = [f for record in doc.records for f in (rule.check_record(doc, record, ctx) or ())]
        except Exception as exc:  # a rule bug must not stop the run
            problems.append(f"rule {rule.code} failed on {doc.path}: {type(exc).__name__}: {exc}")
            continue
        findings.extend(_with_severity(found, spec))
    return findings, problems


def prepare_corpus_rules(
    doc: Document,
    specs: Sequence[RuleSpec],
    as_of: dt.date,
    settings: RunSettings,
    root: Any = None,
    store: Store | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The per-file step of the corpus rules that have one (``Rule.prepare_document``),
    by rule code, and crash reports. Runs in the worker that parsed the file; ``store``
    (the cache) only where that is this process."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    for spec in specs:
        if spec.rule.scope != "corpus" or not spec.rule.prepares():
            continue
        ctx = RuleContext(as_of=as_of, options=spec.options, root=root, settings=settings, store=store)
        try:
            out[spec.rule.code] = spec.rule().prepare_document(doc, ctx)
        except Exception as exc:  # the rule's check_corpus will compute it again, or fail
            problems.append(f"rule {spec.rule.code} failed on {doc.path}: {type(exc).__name__}: {exc}")
    return out, problems


def summarise(
    doc: Document,
    specs: Sequence[RuleSpec],
    corpus_specs: Sequence[RuleSpec],
    as_of: dt.date,
    settings: RunSettings,
    root: Any = None,
    store: Store | None = None,
) -> tuple[list[Finding] | None, list[str], dict[str, Any] | None, dict[str, Any]]:
    """All a run keeps of one file, computed where it was parsed: the per-file findings
    (None without ``specs``), crash reports, the corpus rules' summaries (None without
    ``corpus_specs``) and the file's outline (``curate.corpus.outline``, with its
    suppression comments). The main process never needs the document again."""
    found, crashed = check_document(doc, specs, as_of, settings, root, store) if specs else (None, [])
    prepared = None
    if corpus_specs:
        prepared, failed = prepare_corpus_rules(doc, corpus_specs, as_of, settings, root, store)
        crashed = crashed + failed
    return found, crashed, prepared, outline_json(doc, [d.to_json() for d in parse_directives(doc)])


def _summarise_item(item: tuple[Any, ...]) -> tuple[Any, ...]:
    return summarise(*item)


def _with_severity(findings: Iterable[Finding], spec: RuleSpec) -> list[Finding]:
    """The configured severity on the rule's findings. One the rule gave a severity of its
    own keeps it: below the rule's default (QA101's one-per-bank note, QA304's "not
    checked") it stays below, at most the configured severity."""
    default = Severity.parse(spec.rule.severity)
    out = []
    for f in findings:
        if f.severity == default or f.severity == spec.severity:
            new = spec.severity
        elif f.severity < default:
            new = min(f.severity, spec.severity)
        else:
            new = f.severity
        out.append(f if f.severity == new else replace(f, severity=new))
    return out


def dispatch(work: Callable[[T], R], items: Sequence[T], *, executor: Executor | None,
             weights: Sequence[int], labels: Sequence[str], progress: Progress | None) -> list[R]:
    """``work`` over ``items``, in a pool when there is one, in order; ``progress`` after
    each item (the executor reports it as results arrive)."""
    if executor is not None:
        return list(executor.map(work, items, list(weights), progress=progress, labels=list(labels)))
    out = []
    for done, item in enumerate(items, 1):
        out.append(work(item))
        if progress is not None:
            progress(labels[done - 1], done, len(items))
    return out


# -- the corpus step and the end of a run ----------------------------------------------------


def finish(
    corpus: Corpus,
    per_doc: dict[str, list[Finding]],
    specs: Sequence[RuleSpec],
    *,
    known: Sequence[tuple[str, str]],
    as_of: dt.date,
    settings: RunSettings,
    store: Store | None = None,
    prepared: Mapping[str, Mapping[str, Any]] | None = None,
    scope: Scope | None = None,
    problems: Sequence[str] = (),
    indexes: Mapping[str, tuple[Any, Mapping[str, Any]]] | None = None,
    reported: frozenset[str] | None = None,
) -> LintResult:
    """Run the corpus rules, keep what ``scope`` reports, apply suppressions, fingerprint
    and sort. ``per_doc`` holds the per-file findings by document path. ``indexes``: by
    rule code, the corpus index a rule decides with and the summaries of the files it
    reports (the only files it then checks). ``reported``: the paths ``scope`` reports,
    when the caller knows them already."""
    with lasting():  # the corpus rules' state and the findings live to the end of the run
        return _finish(corpus, per_doc, specs, known=known, as_of=as_of, settings=settings, store=store,
                       prepared=prepared, scope=scope, problems=problems, indexes=indexes, reported=reported)


def _finish(
    corpus: Corpus,
    per_doc: dict[str, list[Finding]],
    specs: Sequence[RuleSpec],
    *,
    known: Sequence[tuple[str, str]],
    as_of: dt.date,
    settings: RunSettings,
    store: Store | None,
    prepared: Mapping[str, Mapping[str, Any]] | None,
    scope: Scope | None,
    problems: Sequence[str],
    indexes: Mapping[str, tuple[Any, Mapping[str, Any]]] | None,
    reported: frozenset[str] | None,
) -> LintResult:
    problems = list(problems)
    loose: list[Finding] = []
    if reported is None and scope is not None and not scope.everything:
        reported = scope.reported(corpus)
    for spec in specs:
        if spec.rule.scope != "corpus":
            continue
        rule = spec.rule()
        index, mine = (indexes or {}).get(rule.code) or (None, {
            path: by_code[rule.code] for path, by_code in (prepared or {}).items() if rule.code in by_code})
        ctx = RuleContext(as_of=as_of, options=spec.options, root=corpus.root, settings=settings,
                          prepared=mine, store=store, index=index, reported=reported)
        try:
            found = _with_severity(list(rule.check_corpus(corpus, ctx) or ()), spec)
        except Exception as exc:  # a rule bug must not stop the run
            problems.append(f"rule {rule.code} failed: {type(exc).__name__}: {exc}")
            continue
        for f in found:
            (per_doc[f.path] if f.path in per_doc else loose).append(f)
    shown: Sequence[Document] = corpus.documents
    if scope is not None and not scope.everything:
        shown, per_doc = scope.narrow(corpus, per_doc, reported)
    findings = _suppress(shown, per_doc, specs, known) + loose
    return LintResult(findings=fingerprint(findings), corpus=corpus, as_of=as_of, rules=_instances(specs),
                      problems=sorted(set(problems), key=problems.index))


def known_rules(rules: Sequence[Any], specs: Sequence[RuleSpec]) -> list[tuple[str, str]]:
    """(code, name) of every rule a suppression comment may name."""
    return sorted({(r.code, r.name) for r in rules} | {(s.rule.code, s.rule.name) for s in specs})


def run_engine(
    corpus: Corpus,
    rules: Sequence[Any],
    *,
    as_of: dt.date | None = None,
    config: Config | None = None,
    settings: RunSettings | Mapping[str, Any] | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    scope: Scope | None = None,
    store: Store | None = None,
) -> LintResult:
    """Run ``rules`` (classes; selection and options from ``config``) over a corpus already
    in memory (fix and build re-check repaired documents this way; tests too)."""
    as_of = as_of or dt.date.today()
    run_settings = RunSettings.of(settings)
    config = config if config is not None else Config(root=corpus.root)
    specs, warnings = make_specs(rules, config)
    problems = list(config.warnings) + list(getattr(rules, "problems", ()) or ()) + warnings
    return check_corpus_in_memory(corpus, specs, known=known_rules(rules, specs), as_of=as_of, settings=run_settings,
                                  executor=executor, progress=progress, scope=scope, store=store, problems=problems)


def check_corpus_in_memory(
    corpus: Corpus,
    specs: Sequence[RuleSpec],
    *,
    known: Sequence[tuple[str, str]],
    as_of: dt.date,
    settings: RunSettings,
    executor: Executor | None = None,
    progress: Progress | None = None,
    scope: Scope | None = None,
    store: Store | None = None,
    problems: Sequence[str] = (),
) -> LintResult:
    """Documents in memory (repaired text not yet on disk) through the same path as files
    read from disk: each file summarised (:func:`summarise`, in a pool when there is one),
    then :func:`finish` over the outlines. The result's corpus is ``corpus`` itself."""
    doc_specs = [s for s in specs if s.rule.scope != "corpus"]
    prep_specs = [s for s in specs if s.rule.scope == "corpus" and s.rule.prepares()]
    local_store = store if executor is None else None
    docs = corpus.documents
    items = [(doc, doc_specs if scope is None or scope.reports(corpus.root, doc.rel_path) else [], prep_specs,
              as_of, settings, corpus.root, local_store) for doc in docs]
    results = dispatch(_summarise_item, items, executor=executor, weights=[len(d.text) for d in docs],
                       labels=[d.path for d in docs], progress=progress)
    per_doc: dict[str, list[Finding]] = {d.path: [] for d in docs}
    crashes: list[str] = []
    prepared: dict[str, dict[str, Any]] = {}
    outlines = []
    for doc, (found, crashed, summaries, outline) in zip(docs, results):
        per_doc[doc.path].extend(found or ())
        crashes += crashed
        if summaries is not None:
            prepared[doc.path] = summaries
        outlines.append(DocumentOutline(doc.path, doc.rel_path, outline, _holding(doc)))
    summary = Corpus(root=corpus.root, documents=tuple(outlines), problems=corpus.problems)
    result = finish(summary, per_doc, specs, known=known, as_of=as_of, settings=settings, store=store,
                    prepared=prepared, scope=scope, problems=list(problems) + crashes)
    return replace(result, corpus=corpus)


def _holding(doc: Document) -> Callable[[], Document]:
    """The loader of a document that is in memory anyway."""
    return lambda: doc


def _suppress(documents: Sequence[Document], per_doc: dict[str, list[Finding]], specs: Sequence[RuleSpec],
              known: Sequence[tuple[str, str]]) -> list[Finding]:
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
            rule.severity = spec.severity  # type: ignore[misc]  # instance attribute: the effective severity
        out.append(rule)
    return out


