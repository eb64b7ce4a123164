"""The one run of ``lint``, ``fix`` and ``build``: parse and check each file in one worker
visit, and never redo work whose inputs have not changed.

A file is read and hashed here; everything else about it happens in a worker (process
pool or Ray): parse (unless the parsed document is cached), run the per-file rules
(unless their findings are cached), the corpus rules' per-file step, and outline it
(``curate.corpus.outline``). The worker sends back JSON texts: the new parsed document
for the cache, the findings, the summaries and the outline; the document itself never
comes back, so this process holds a per-record outline of the corpus, not the corpus.
Then the corpus rules run once here (``engine.finish``) on outlines and summaries. What
is cached and under which key: ``curate.cache.keys``. Per-file results of a run where a
rule crashed, and everything with ``online`` (URL checks age), are not stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from curate.cache import corpusindex, manifest
from curate.cache.documents import NAMESPACE, content_hash, document_from_json, document_to_json, key_for
from curate.cache.keys import (
    FINDINGS,
    OUTLINES,
    PREPARED,
    corpus_key,
    finding_from_json,
    finding_to_json,
    findings_key,
    rules_key,
)
from curate.cache.store import Cache
from curate.corpus.loader import read_texts
from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus, Document, Problem
from curate.corpus.outline import DocumentOutline, Loader
from curate.grammar import wordcheck
from curate.infra.executors import Executor, lasting
from curate.rules.base import Finding
from curate.run.engine import Progress, check_corpus_in_memory, dispatch, finish, summarise
from curate.run.plan import RunPlan, RunRequest, plan
from curate.run.result import LintResult
from curate.run.scope import Scope

# -- what a run reads -------------------------------------------------------------------------


@dataclass
class Inputs:
    """What a lint run reads before any parsing: the files and the keys that decide
    every result (see ``curate.cache.keys``)."""

    root: Path
    texts: Sequence[tuple[str, str, str]]
    """``(text, display path, rel path)`` of every readable file (read lazily when the
    manifest vouched for it)."""
    unreadable: list[Problem]
    rules_key: str
    """``curate.cache.keys.rules_key``; "" without a cache."""
    parsed_keys: list[str]
    """The parsed-document key of each file in ``texts``; empty without a cache."""

    def state_key(self, scope: Scope) -> str | None:
        """Key of the whole outcome: the rules, every file, the unreadable files and the
        files to report. Equal keys give equal findings. None when read without a cache
        (no keys were computed)."""
        if not self.rules_key:
            return None
        key = corpus_key(self.rules_key, [(shown, k) for (shown, _), k in zip(self.labels(), self.parsed_keys)],
                         [p.message for p in self.unreadable])
        return hashlib.sha256(f"{key}\x1e{scope.key()}".encode("utf-8", "surrogatepass")).hexdigest()

    def labels(self) -> list[tuple[str, str]]:
        """``(display path, rel path)`` of each file in ``texts``, reading none."""
        labels = getattr(self.texts, "labels", None)
        return labels() if labels is not None else [(t[1], t[2]) for t in self.texts]


def read_inputs(plan: RunPlan) -> Inputs:
    """Find every file and compute the cache keys (no parsing). With a cache, files the
    manifest (``curate.cache.manifest``) vouches for are not even read until needed."""
    cache = plan.cache
    if not _usable(cache):
        root, texts, unreadable = read_texts(list(plan.load_paths), root=plan.root, options=plan.load_options())
        inputs = Inputs(root=root, texts=texts, unreadable=list(unreadable), rules_key="", parsed_keys=[])
    else:
        assert cache is not None
        root, lazy, unreadable, hashes = manifest.read(list(plan.load_paths), plan.load_options(), cache,
                                                       content_hash, plan.root)
        parsed_keys = [key_for(h, rel) for h, (_shown, rel) in zip(hashes, lazy.labels())]
        inputs = Inputs(root=root, texts=lazy, unreadable=list(unreadable),
                        rules_key=rules_key(plan.specs, plan.as_of, plan.settings), parsed_keys=parsed_keys)
    if not inputs.texts and not inputs.unreadable:
        raise NoInput(plan)
    return inputs


class NoInput(FileNotFoundError):
    """No Markdown file under the paths given: a mistyped path must not turn a check green."""

    def __init__(self, plan: RunPlan) -> None:
        include = ", ".join(plan.load_options().include)
        super().__init__(f"no Markdown files under {' '.join(plan.request.paths)} (looked for {include}; "
                         "see include/exclude in the config)")


def _usable(cache: Cache | None) -> bool:
    return cache is not None and cache.enabled


# -- the run of a plan ------------------------------------------------------------------------


def run(plan: RunPlan, inputs: Inputs | None = None, progress: Progress | None = None) -> LintResult:
    """Read, parse, check and report the plan's files with as little work as the cache
    allows: the findings are exactly those of parsing everything and running every rule.
    ``inputs`` are the files as :func:`read_inputs` read them (read here when not given)."""
    inputs = inputs if inputs is not None else read_inputs(plan)
    with plan.executor() as executor:
        return _run(plan, inputs, executor, progress)


def _run(plan: RunPlan, inputs: Inputs, executor: Executor | None, progress: Progress | None) -> LintResult:
    cache = plan.cache if _usable(plan.cache) else None
    root, texts, unreadable, specs = inputs.root, inputs.texts, inputs.unreadable, plan.specs
    doc_specs = [s for s in specs if s.rule.scope != "corpus"]
    prep_specs = [s for s in specs if s.rule.scope == "corpus" and s.rule.prepares()]
    rkey = inputs.rules_key
    store_findings = cache is not None and not plan.settings.online

    parsed_keys = inputs.parsed_keys
    labels = inputs.labels()
    fkeys = [findings_key(k, path, rkey) for k, (path, _) in zip(parsed_keys, labels)] if store_findings else []

    shows = [plan.scope.reports(root, rel) for _, rel in labels]  # once per file: four uses below

    # A corpus rule with an index (QA502) keeps its summaries apart: a warm run that
    # reports a few files reads only theirs and those of the files that changed.
    ispec = next((s for s in prep_specs if hasattr(s.rule, "index_parts")), None) if cache and store_findings else None
    icode = ispec.rule.code if ispec is not None else ""
    split: list[int] = []

    # What this process keeps of a file is its outline (``curate.corpus.outline``), the
    # corpus rules' summaries and, for the files to report, its findings: all cached per
    # file, so a warm run reads no parsed document and parses only what changed.
    with lasting():  # what is read here lives to the end of the run
        outlines = cache.get_many(OUTLINES, fkeys) if cache and store_findings else {}
        known = cache.get_many(FINDINGS, [k for k, show in zip(fkeys, shows) if show]) if cache and store_findings else {}
        known_prep = cache.get_many(PREPARED, fkeys) if cache and store_findings and prep_specs else {}

        documents: list[Any] = [None] * len(labels)
        precomputed: dict[str, tuple[list[Finding], list[str]]] = {}
        prepared: dict[str, dict[str, Any]] = {}
        jobs: list[int] = []
        for i, (path, rel) in enumerate(labels):
            outline = outlines.get(fkeys[i]) if fkeys else None
            found = None
            if fkeys and isinstance(known.get(fkeys[i]), list):
                try:
                    found = [finding_from_json(f) for f in known[fkeys[i]]]
                except (TypeError, ValueError):
                    found = None
            summaries = known_prep.get(fkeys[i]) if fkeys else None
            check = bool(doc_specs) and shows[i] and found is None
            prepare = bool(prep_specs) and not isinstance(summaries, dict)
            if isinstance(outline, dict) and not check and not prepare:
                try:
                    documents[i] = DocumentOutline(path, rel, outline, _loader(texts, i, parsed_keys, cache))
                except (KeyError, TypeError, ValueError):
                    jobs.append(i)  # a damaged entry: summarise the file again
                    continue
                if found is not None:
                    precomputed[path] = (found, [])
                if isinstance(summaries, dict):
                    if icode and summaries.get(icode) == corpusindex.MARK:
                        del summaries[icode]
                        split.append(i)
                    prepared[path] = _shared_words(summaries)
                continue
            jobs.append(i)
        del outlines, known, known_prep

    done = 0
    for chunk in _rounds(jobs, [len(texts[i][0]) for i in jobs]):
        # One round of work at a time: the results of a round (parsed documents as JSON
        # for the cache, findings, summaries) are stored and let go before the next, so
        # neither this process nor a worker holds a large corpus's results at once.
        parsed = cache.get_many(NAMESPACE, [parsed_keys[i] for i in chunk]) if cache is not None else {}
        # Work done in this process (one process, or a few changed files) uses the cache
        # too: stored grammar results and word verdicts (the pre-commit hook's edited file).
        here = executor is None or executor.runs_here([len(texts[i][0]) for i in chunk])
        items: list[tuple[Any, ...]] = []
        for i in chunk:
            text, path, rel = texts[i]
            data = parsed.pop(parsed_keys[i], None) if cache is not None else None
            if not (isinstance(data, dict) and data.get("rel") == rel):
                data = None
            items.append((text, path, rel, data, doc_specs if shows[i] else [], prep_specs, plan.as_of,
                          plan.settings, root, cache if here else None))
        del parsed
        results: list[Any] = dispatch(parse_and_check, items, executor=executor,
                                      weights=[len(item[0]) for item in items], labels=[item[1] for item in items],
                                      progress=_offset(progress, done, len(jobs)))
        done += len(chunk)
        del items

        new_parsed: list[tuple[str, str]] = []
        new_findings: list[tuple[str, str]] = []
        new_prepared: list[tuple[str, str]] = []
        new_outlines: list[tuple[str, str]] = []
        new_split: list[tuple[str, str]] = []
        new_verdicts: list[tuple[str, str]] = []
        for k, i in enumerate(chunk):
            fresh, found_json, crashed, summaries_json, outline_text, verdicts = results[k]
            new_verdicts += verdicts
            results[k] = None  # each result is let go once read
            path, rel = labels[i]
            documents[i] = DocumentOutline(path, rel, json.loads(outline_text), _loader(texts, i, parsed_keys, cache))
            if fresh is not None and cache is not None:
                new_parsed.append((parsed_keys[i], fresh))
            if found_json is not None:
                precomputed[path] = ([finding_from_json(f) for f in json.loads(found_json)], crashed)
                if store_findings and not crashed:
                    new_findings.append((fkeys[i], found_json))
            elif crashed:
                precomputed[path] = ([], crashed)
            if summaries_json is not None:
                summaries = prepared[path] = _shared_words(json.loads(summaries_json))
                if store_findings and not crashed and icode in summaries:
                    new_split.append((fkeys[i], _dumps(summaries[icode])))
                    new_prepared.append((fkeys[i], _dumps({**summaries, icode: corpusindex.MARK})))
                elif store_findings and not crashed:
                    new_prepared.append((fkeys[i], summaries_json))
            if store_findings and not crashed:
                new_outlines.append((fkeys[i], outline_text))
        del results
        if cache is not None:
            cache.put_many_json(NAMESPACE, new_parsed)
            cache.put_many_json(FINDINGS, new_findings)
            cache.put_many_json(PREPARED, new_prepared)
            cache.put_many_json(OUTLINES, new_outlines)
            cache.put_many_json(corpusindex.SUMMARIES, new_split)
            cache.put_many_json(wordcheck.VERDICTS, new_verdicts)
        del new_parsed, new_findings, new_prepared, new_outlines, new_split, new_verdicts

    indexes: dict[str, Any] = {}
    if ispec is not None and cache is not None:
        indexes = _corpus_index(ispec, cache, rkey, labels, fkeys, prepared, split,
                                [i for i, show in enumerate(shows) if show], not plan.scope.everything)
    corpus = Corpus(root=root, documents=tuple(documents), problems=tuple(unreadable))
    per_doc: dict[str, list[Finding]] = {d.path: [] for d in corpus.documents}
    problems = list(plan.problems)
    for doc in corpus.documents:
        if doc.path in precomputed:
            found, crashed = precomputed[doc.path]
            per_doc[doc.path].extend(found)
            problems += crashed
    reported = None if plan.scope.everything else frozenset(path for (path, _), show in zip(labels, shows) if show)
    return finish(corpus, per_doc, plan.specs, known=plan.known, as_of=plan.as_of, settings=plan.settings,
                  store=cache, prepared=prepared, scope=plan.scope, problems=problems, indexes=indexes,
                  reported=reported)


INDEX_CHANGES = 100
"""At most this many files added, changed or gone since the index's last update are
added to and subtracted from it; more, and it is summed again."""


def _corpus_index(spec: Any, cache: Cache, rkey: str, labels: list[tuple[str, str]], fkeys: list[str],
                  prepared: dict[str, dict[str, Any]], split: list[int], shown: list[int],
                  narrow: bool) -> dict[str, Any]:
    """Bring the index of ``spec``'s rule (``curate.cache.corpusindex``) up to this run's
    files. When the run reports only some files (``narrow``) and few files changed, return
    ``{code: (index, summaries of the reported files)}`` for ``finish``; otherwise put every
    file's summary back in ``prepared`` (the whole corpus step, as without a cache) and
    return nothing."""
    code = spec.rule.code
    rule = spec.rule()
    width = len(rule.INDEX_PARTS)
    ns = corpusindex.namespace(code, rkey)
    base = corpusindex.members(cache, ns)
    current = sorted(fkeys)
    added: list[str] = []
    removed: list[str] = []
    if base is not None:
        before, now = set(base), set(fkeys)
        removed = [k for k in base if k not in now]
        added = [k for k in current if k not in before]
    small = base is not None and len(removed) + len(added) <= INDEX_CHANGES and len(set(fkeys)) == len(fkeys)
    in_split = set(split)
    complete = all(i in in_split or code in prepared.get(labels[i][0], {}) for i in range(len(labels)))
    path_of = {k: labels[i][0] for i, k in enumerate(fkeys)}

    def summaries(keys: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in keys:
            held = prepared.get(path_of[k], {}) if k in path_of else {}
            if code in held:
                out[k] = held[code]
        stored = cache.get_many(corpusindex.SUMMARIES, [k for k in keys if k not in out])
        out.update((k, v) for k, v in stored.items() if isinstance(v, dict))  # a damaged entry: not there
        return out

    def delta(got: dict[str, Any]) -> corpusindex.Delta:
        change = corpusindex.Delta(width)
        for keys, sign in ((removed, -1), (added, 1)):
            for k in keys:
                parts, skipped = rule.index_parts(got[k])
                change.add(parts, skipped, sign)
        return change

    if narrow and small and complete:
        wanted = removed + added + [fkeys[i] for i in shown]
        got = summaries(wanted)
        index = None
        if all(k in got for k in wanted):
            lookup: set[str] = set()
            change: corpusindex.Delta | None
            try:
                for i in shown:
                    lookup |= rule.lookup_words(got[fkeys[i]])
                change = delta(got)
            except (KeyError, TypeError, ValueError, IndexError):  # a damaged summary: the whole step
                change = None
            if change is not None:
                index = corpusindex.update(cache, ns, base, current, change, rebuild=False, lookup=lookup)
            if index is not None:
                return {code: (index, {labels[i][0]: got[fkeys[i]] for i in shown})}
    stored = cache.get_many(corpusindex.SUMMARIES, [fkeys[i] for i in split])
    for i in split:
        if isinstance(stored.get(fkeys[i]), dict):
            prepared[labels[i][0]][code] = _shared_words({code: stored[fkeys[i]]})[code]
    del stored
    complete = all(code in prepared.get(path, {}) for path, _ in labels)
    if not complete or (base is not None and not removed and not added):
        return {}
    try:
        if small:
            got = summaries(removed + added)
            if all(k in got for k in removed + added):
                corpusindex.update(cache, ns, base, current, delta(got), rebuild=False)
                return {}
        whole = corpusindex.Delta.summed(width, (rule.index_parts(prepared[path][code]) for path, _ in labels))
    except (KeyError, TypeError, ValueError, IndexError):  # a damaged summary: no index this time
        return {}
    corpusindex.update(cache, ns, base, current, whole, rebuild=True)
    return {}


def _shared_words(summaries: dict[str, Any]) -> dict[str, Any]:
    """``summaries`` with the strings of its word lists interned: a file's summary for
    QA502 lists the distinct words it uses, most of which every other file uses too, so
    the corpus's summaries hold each word once instead of once per file (most of the
    main process's memory on a large corpus)."""
    for value in summaries.values():
        if isinstance(value, dict):
            for key, items in value.items():
                if isinstance(items, list) and items and isinstance(items[0], str):
                    try:
                        value[key] = list(map(sys.intern, items))
                    except TypeError:  # not only strings: left as it is
                        pass
    return summaries


ROUND_CHARS = 32 << 20
"""Characters of Markdown sent to the workers per round (a few rounds for 200 MB: each
round's tail leaves a worker idle for a moment, so not many more)."""


def _rounds(jobs: list[int], sizes: list[int]) -> list[list[int]]:
    """``jobs`` cut, in order, into rounds of about ``ROUND_CHARS`` characters."""
    rounds: list[list[int]] = []
    total = ROUND_CHARS
    for i, size in zip(jobs, sizes):
        if total >= ROUND_CHARS:
            rounds.append([])
            total = 0
        rounds[-1].append(i)
        total += size
    return rounds


def _offset(progress: Progress | None, done: int, total: int) -> Progress | None:
    """``progress`` of one round, counted over all rounds."""
    if progress is None:
        return None
    return lambda label, n, _round_total: progress(label, done + n, total)


def _loader(texts: Sequence[tuple[str, str, str]], i: int, parsed_keys: Sequence[str], cache: Cache | None) -> Loader:
    """How an outline gets its whole document back, when a report or a plugin asks:
    from the parsed-document cache, else by parsing the file's text again."""

    def load() -> Document:
        text, path, rel = texts[i]
        data = cache.get(NAMESPACE, parsed_keys[i]) if cache is not None and parsed_keys else None
        if isinstance(data, dict) and data.get("rel") == rel:
            try:
                return document_from_json(data, text, path)
            except (KeyError, TypeError, ValueError, IndexError):
                pass
        return parse_document(text, path, rel)

    return load


# -- the worker -------------------------------------------------------------------------------


def parse_and_check(item: tuple[Any, ...]) -> tuple[str | None, str | None, list[str], str | None, str,
                                                   list[tuple[str, str]]]:
    """One file in a worker: parse it (unless ``parsed`` JSON is given), run the
    per-file rules (when ``specs``) and the per-file step of the corpus rules (when
    ``corpus_specs``), and outline it. Returns JSON texts (new parsed document or None,
    findings or None), crash reports, the corpus-rule summaries by code as JSON text or
    None, the outline as JSON text (encoded here, in parallel, and stored by the main
    process as they are) and, without a store here, the spelling verdicts the worker
    judged (``wordcheck.take_unstored``) for the main process to store. The document
    itself stays here."""
    text, path, rel, parsed, specs, corpus_specs, as_of, settings, root, store = item
    fresh = None
    if parsed is None:
        doc = parse_document(text, path, rel)
        fresh = _dumps(document_to_json(doc))
    else:
        doc = document_from_json(parsed, text, path)
    found, crashed, prepared, outline = summarise(doc, specs, corpus_specs, as_of, settings, root, store)
    return (fresh, None if found is None else _dumps([finding_to_json(f) for f in found]), crashed,
            None if prepared is None else _dumps(prepared), _dumps(outline),
            wordcheck.take_unstored() if store is None else [])


def _dumps(value: Any) -> str:
    """Compact JSON, as ``Cache`` stores it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- documents already in memory (fix, build) ----------------------------------------------------


def check(plan: RunPlan, corpus: Corpus, progress: Progress | None = None) -> LintResult:
    """The plan's rules over documents in memory (repaired text not yet on disk): the same
    per-file step, outlines, corpus step, suppressions and fingerprints as :func:`run`."""
    with plan.executor() as executor:
        return check_corpus_in_memory(corpus, plan.specs, known=plan.known, as_of=plan.as_of, settings=plan.settings,
                                      executor=executor, progress=progress, scope=plan.scope, store=plan.cache,
                                      problems=plan.problems)


def lint(paths: Sequence[str | os.PathLike[str]], *, progress: Progress | None = None, **request: Any) -> LintResult:
    """Lint the Markdown notes under ``paths``; ``request`` takes the fields of
    :class:`~curate.run.plan.RunRequest` (``select``, ``ignore``, ``as_of``, ``use_cache``,
    ``jobs`` ...). Raises ``ConfigError`` for a bad config or option and
    ``FileNotFoundError`` for a missing path."""
    for name in ("select", "ignore", "report_only"):
        if name in request:
            request[name] = tuple(request[name])
    return run(plan(RunRequest(paths=tuple(os.fspath(p) for p in paths), **request)), progress=progress)
