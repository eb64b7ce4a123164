"""Parallel and incremental lint: parse and check each file in one worker visit, and
never redo work whose inputs have not changed.

A file is read and hashed here; everything else about it happens in a worker (process
pool or Ray): parse (unless the parsed document is cached) and run the per-file rules
(unless their findings are cached). The worker sends back the parsed document as JSON
(not the text, which this process has) and the findings, so a document crosses the
process boundary once.

Cache entries (namespaces of ``curate.cache.Cache``), each keyed so that nothing stale is
ever trusted:

- ``parsed`` (``cache_layer``): content hash + rel path + parser version.
- ``findings``: the parsed key + display path + :func:`rules_key` (rule classes, typed
  options, severities, ``as_of``, the settings rules read, the source of the installed
  rules and their data, and the contents of files named in options).
- ``prepared``: the corpus rules' per-file summaries (``Rule.prepare_document``), under
  the same key as ``findings``: a run that changed one file recomputes one summary, and
  only the corpus-wide reduce runs over all files.
- ``report`` (``curate.cache.replay``): the rendered report of a whole run, under
  :meth:`Inputs.state_key` (the rules key + every file's parsed key and display path +
  unreadable files + files to report) and the rendering options.
- ``manifest`` (``curate.cache.manifest``): each file's ``stat`` and content hash, so unchanged
  files need not be read.

Per-file results of a run where a rule crashed, and everything with ``online`` (URL
checks age), are not stored.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from curate.rules.base import Finding, Fix, Related, Severity

FINDINGS = "findings"
PREPARED = "prepared"
FORMAT = 2
_SETTINGS_READ_BY_RULES = ("online", "allow_private", "languagetool_url", "require_grammar", "config_root")


# -- keys ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _tree_digest(folder: str) -> str:
    """Hash of every source and data file under ``folder`` (rule code and its data)."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(folder)):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(dirpath, name)
            digest.update(os.path.relpath(path, folder).encode())
            try:
                with open(path, "rb") as fh:
                    digest.update(hashlib.sha256(fh.read()).digest())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()


def _code_digest(specs: Sequence[Any]) -> str:
    """The installed curate package and the folders of plugin rules outside it."""
    import curate

    folders = {os.path.dirname(os.path.abspath(curate.__file__))}
    for spec in specs:
        module = __import__(spec.rule.__module__, fromlist=["_"])
        path = getattr(module, "__file__", None)
        if path and not any(os.path.abspath(path).startswith(f + os.sep) for f in folders):
            folders.add(os.path.abspath(path))
    digest = hashlib.sha256()
    for folder in sorted(folders):
        if os.path.isdir(folder):
            digest.update(_tree_digest(folder).encode())
        else:
            try:
                digest.update(Path(folder).read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()


def _option_files(options: Any, base: str | None) -> list[str]:
    """Hashes of files an option names (a user glossary or knowledge base): editing
    one must invalidate findings even though the config did not change."""
    out: list[str] = []
    values = list(vars(options).values()) if hasattr(options, "__dict__") else []
    if hasattr(options, "__dataclass_fields__"):
        values = [getattr(options, name) for name in options.__dataclass_fields__]
    flat: list[Any] = []
    for value in values:
        flat.extend(value if isinstance(value, (list, tuple)) else [value])
    for value in flat:
        if not isinstance(value, (str, os.PathLike)) or not str(value).strip() or "\n" in str(value):
            continue
        path = Path(os.fspath(value))
        if not path.is_absolute() and base:
            path = Path(base) / path
        try:
            if path.is_file():
                out.append(f"{path}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
        except (OSError, ValueError):
            continue
    return out


def rules_key(specs: Sequence[Any], as_of: dt.date, settings: Mapping[str, Any]) -> str:
    """Everything besides the file that decides a file's findings."""
    parts = [f"format {FORMAT}", as_of.isoformat(), _code_digest(specs)]
    for key in _SETTINGS_READ_BY_RULES:
        parts.append(f"{key}={settings.get(key)!r}")
    # The grammar rules also read the server from the environment.
    parts.append(f"env CURATE_LANGUAGETOOL_URL={os.environ.get('CURATE_LANGUAGETOOL_URL', '')!r}")
    base = settings.get("config_root")
    for spec in specs:
        parts.append(f"{spec.rule.__module__}.{spec.rule.__qualname__}|{spec.rule.code}|{spec.options!r}|{spec.severity}")
        parts.extend(_option_files(spec.options, base))
    return hashlib.sha256("\x1e".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def findings_key(parsed_key: str, path: str, rules: str) -> str:
    return hashlib.sha256(f"{parsed_key}\x1f{path}\x1f{rules}".encode("utf-8", "surrogatepass")).hexdigest()


def corpus_key(rules: str, files: Sequence[tuple[str, str]], unreadable: Sequence[str]) -> str:
    """Key of the corpus-wide results: the rules and every (path, parsed key)."""
    digest = hashlib.sha256(f"corpus {FORMAT}\x1f{rules}".encode())
    for path, key in sorted(files):
        digest.update(f"\x1e{path}\x1f{key}".encode("utf-8", "surrogatepass"))
    for message in sorted(unreadable):
        digest.update(f"\x1d{message}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# -- findings as JSON -----------------------------------------------------------------------


def finding_to_json(f: Finding) -> list[Any]:
    fix = None if f.fix is None else [f.fix.start, f.fix.end, f.fix.replacement, f.fix.description, f.fix.safe]
    return [f.code, f.name, str(f.severity), f.message, f.path, f.line, f.column, f.end_line, f.end_column,
            f.record_id, [[r.path, r.line, r.message] for r in f.related], fix, f.snippet]


_SEVERITIES = {str(s): s for s in Severity}


def finding_from_json(data: list[Any]) -> Finding:
    code, name, severity, message, path, line, column, end_line, end_column, record_id, related, fix, snippet = data
    return Finding(code=code, name=name, severity=_SEVERITIES.get(severity) or Severity.parse(severity), message=message, path=path, line=line,
                   column=column, end_line=end_line, end_column=end_column, record_id=record_id,
                   related=tuple(Related(*r) for r in related), fix=None if fix is None else Fix(*fix),
                   snippet=snippet)


def _usable(cache: Any) -> bool:
    return cache is not None and getattr(cache, "enabled", False)


# -- the worker -------------------------------------------------------------------------------


def parse_and_check(item: tuple) -> tuple[str | None, str | None, list[str], str | None]:
    """One file in a worker: parse it (unless ``parsed`` JSON is given), run the
    per-file rules (when ``specs``) and the per-file step of the corpus rules (when
    ``corpus_specs``). Returns JSON texts (new parsed document or None, findings or None),
    crash reports, and the corpus-rule summaries by code as JSON text or None: encoded
    here, in parallel, and stored by the main process as they are."""
    from curate.corpus import markdown
    from curate.cache.documents import document_from_json, document_to_json
    from curate.lint.engine import check_document, prepare_corpus_rules

    text, path, rel, parsed, specs, corpus_specs, as_of, settings, root = item
    fresh = None
    if parsed is None:
        doc = markdown.parse_document(text, path, rel)
        fresh = _dumps(document_to_json(doc))
    else:
        doc = document_from_json(parsed, text, path)
    found, crashed = check_document(doc, specs, as_of, settings, root) if specs else (None, [])
    summaries = None
    if corpus_specs:
        prepared, failed = prepare_corpus_rules(doc, corpus_specs, as_of, settings, root)
        summaries = _dumps(prepared)
        crashed = crashed + failed
    return fresh, None if found is None else _dumps([finding_to_json(f) for f in found]), crashed, summaries


def _dumps(value: Any) -> str:
    """Compact JSON, as ``Cache`` stores it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- the run ----------------------------------------------------------------------------------


@dataclass
class Inputs:
    """What a lint run reads before any parsing: the files and the keys that decide
    every result (see the module docstring)."""

    root: Path
    texts: Sequence[tuple[str, str, str]]
    """``(text, display path, rel path)`` of every readable file (read lazily when the
    manifest vouched for it)."""
    unreadable: list[Any]
    specs: list[Any]
    rules_key: str
    """:func:`rules_key`; "" without a cache."""
    parsed_keys: list[str]
    """The parsed-document key of each file in ``texts``; empty without a cache."""

    def state_key(self, settings: Mapping[str, Any]) -> str | None:
        """Key of the whole outcome: the rules, every file, the unreadable files and the
        files to report (pre-commit). Equal keys give equal findings. None when read
        without a cache (no keys were computed)."""
        if not self.rules_key:
            return None
        key = corpus_key(self.rules_key, [(shown, k) for (shown, _), k in zip(self.labels(), self.parsed_keys)],
                         [p.message for p in self.unreadable])
        report_paths = settings.get("report_paths")
        shown = "*" if report_paths is None else "\x1f".join(sorted(report_paths))
        return hashlib.sha256(f"{key}\x1e{shown}".encode("utf-8", "surrogatepass")).hexdigest()

    def labels(self) -> list[tuple[str, str]]:
        """``(display path, rel path)`` of each file in ``texts``, reading none."""
        labels = getattr(self.texts, "labels", None)
        return labels() if labels is not None else [(t[1], t[2]) for t in self.texts]


def read_inputs(paths: Sequence[str], *, config: Any, rules: Sequence[Any], as_of: dt.date,
                settings: Mapping[str, Any]) -> Inputs:
    """Find every file and compute the cache keys (no parsing). With a cache, files the
    manifest (``curate.cache.manifest``) vouches for are not even read until needed."""
    from curate.cache import manifest
    from curate.cache.documents import content_hash, key_for
    from curate.corpus.loader import read_texts
    from curate.lint.engine import make_specs

    specs, _ = make_specs(rules, config)
    cache = settings.get("cache")
    if not _usable(cache):
        root, texts, unreadable = read_texts(paths, options=config.load_options())
        return Inputs(root=root, texts=texts, unreadable=list(unreadable), specs=specs, rules_key="", parsed_keys=[])
    root, lazy, unreadable, hashes = manifest.read(list(paths), config.load_options(), cache, content_hash)
    parsed_keys = [key_for(h, rel) for h, (_shown, rel) in zip(hashes, lazy.labels())]
    return Inputs(root=root, texts=lazy, unreadable=list(unreadable), specs=specs,
                  rules_key=rules_key(specs, as_of, settings), parsed_keys=parsed_keys)


def lint_corpus(
    paths: Sequence[str],
    *,
    config: Any,
    rules: Sequence[Any],
    as_of: dt.date,
    settings: Mapping[str, Any],
    executor: Any = None,
    progress: Any = None,
    inputs: Inputs | None = None,
) -> Any:
    """Read, parse, check and report ``paths`` with as little work as the cache allows;
    the findings are exactly those of ``load_corpus`` + ``run_engine``. ``inputs`` are
    the files as :func:`read_inputs` read them (read here when not given)."""
    from curate.cache.documents import NAMESPACE, document_from_json
    from curate.corpus.model import Corpus
    from curate.lint.engine import _picklable, run_engine

    cache = settings.get("cache")
    use_cache = _usable(cache)
    if inputs is None:
        inputs = read_inputs(paths, config=config, rules=rules, as_of=as_of, settings=settings)
    root, texts, unreadable, specs = inputs.root, inputs.texts, inputs.unreadable, inputs.specs
    doc_specs = [s for s in specs if s.rule.scope != "corpus"]
    prep_specs = [s for s in specs if s.rule.scope == "corpus" and s.rule.prepares()]
    report_paths = settings.get("report_paths")
    rkey = inputs.rules_key
    store_findings = use_cache and not settings.get("online")

    parsed_keys = inputs.parsed_keys
    parsed = cache.get_many(NAMESPACE, parsed_keys) if use_cache else {}
    labels = inputs.labels()
    fkeys = [findings_key(k, path, rkey) for k, (path, _) in zip(parsed_keys, labels)] if store_findings else []

    def wanted(rel: str) -> bool:
        if report_paths is None:
            return True
        return os.path.realpath(os.path.join(root, rel)) in report_paths

    # Per-file findings only of the files to report (pre-commit reports a few of many).
    known = cache.get_many(FINDINGS, [k for k, (_, rel) in zip(fkeys, labels) if wanted(rel)]) if store_findings else {}
    known_prep = cache.get_many(PREPARED, fkeys) if store_findings and prep_specs else {}

    worker_settings = _picklable(settings) if executor is not None else dict(settings)
    documents: list[Any] = [None] * len(texts)
    precomputed: dict[str, tuple[list[Finding], list[str]]] = {}
    prepared: dict[str, dict[str, Any]] = {}
    jobs: list[int] = []
    items: list[tuple] = []
    for i, (text, path, rel) in enumerate(texts):
        data = parsed.get(parsed_keys[i]) if use_cache else None
        if not (isinstance(data, dict) and data.get("rel") == rel):
            data = None
        found = None
        if data is not None and fkeys and isinstance(known.get(fkeys[i]), list):
            try:
                found = [finding_from_json(f) for f in known[fkeys[i]]]
            except (TypeError, ValueError):
                found = None
        summaries = known_prep.get(fkeys[i]) if data is not None and fkeys else None
        if isinstance(summaries, dict):
            prepared[path] = summaries
        check = bool(doc_specs) and wanted(rel) and found is None
        prepare = bool(prep_specs) and not isinstance(summaries, dict)
        if data is not None and not check and not prepare:
            try:
                documents[i] = document_from_json(data, text, path)
                if found is not None:
                    precomputed[path] = (found, [])
                continue
            except (KeyError, TypeError, ValueError, IndexError):
                data = None  # a damaged entry: parse again
        jobs.append(i)
        items.append((text, path, rel, data, doc_specs if check else [], prep_specs if prepare else [],
                      as_of, worker_settings, root))

    if executor is not None:
        results = executor.map(parse_and_check, items, [len(item[0]) for item in items])
    else:
        results = []
        for done, item in enumerate(items, 1):
            results.append(parse_and_check(item))
            if progress is not None:
                progress(item[1], done, len(items))

    new_parsed: list[tuple[str, str]] = []
    new_findings: list[tuple[str, str]] = []
    new_prepared: list[tuple[str, str]] = []
    for i, item, (fresh, found_json, crashed, summaries_json) in zip(jobs, items, results):
        text, path, rel = texts[i]
        data = json.loads(fresh) if fresh is not None else item[3]
        documents[i] = document_from_json(data, text, path)
        if fresh is not None and use_cache:
            new_parsed.append((parsed_keys[i], fresh))
        if found_json is not None:
            precomputed[path] = ([finding_from_json(f) for f in json.loads(found_json)], crashed)
            if store_findings and not crashed:
                new_findings.append((fkeys[i], found_json))
        if summaries_json is not None:
            prepared[path] = json.loads(summaries_json)
            if store_findings and not crashed:
                new_prepared.append((fkeys[i], summaries_json))
    if new_parsed:
        cache.put_many_json(NAMESPACE, new_parsed)
    if new_findings:
        cache.put_many_json(FINDINGS, new_findings)
    if new_prepared:
        cache.put_many_json(PREPARED, new_prepared)

    corpus = Corpus(root=root, documents=tuple(documents), problems=tuple(unreadable))
    return run_engine(corpus, rules, as_of=as_of, config=config, settings=settings, executor=None,
                      progress=None, precomputed=precomputed, prepared=prepared)
