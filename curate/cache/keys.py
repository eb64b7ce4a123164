"""Cache keys and the JSON form of findings: what makes a cached result trustworthy.

Namespaces of ``curate.cache.store.Cache``, each keyed so that nothing stale is trusted:

- ``parsed`` (``curate.cache.documents``): content hash + rel path + parser version.
- ``findings``: the parsed key + display path + :func:`rules_key` (rule classes, typed
  options, severities, ``as_of``, every ``RunSettings`` field that decides findings, the
  source of the installed rules and their data, the contents of files named in options, and
  what ``Rule.cache_parts`` adds: the LanguageTool server's version and rule list).
- ``prepared``: the corpus rules' per-file summaries (``Rule.prepare_document``), under the
  same key as ``findings``.
- ``outline``: each file's outline (``curate.corpus.outline``: record spans, ids,
  questions, line starts, suppression comments), under the same key as ``findings``.
- ``report`` (``curate.cache.replay``): the rendered report of a whole run, under the run's
  state key (``curate.run.execute.Inputs.state_key``) and the rendering options.
- ``manifest`` (``curate.cache.manifest``): each file's ``stat`` and content hash.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from pathlib import Path
from typing import Any, Sequence

from curate.rules.base import Finding, Fix, Related, RunSettings, Severity

FINDINGS = "findings"
PREPARED = "prepared"
OUTLINES = "outline"
FORMAT = 3
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""The installed ``curate`` package: its source and data decide every finding."""


# -- keys ---------------------------------------------------------------------------------


@functools.cache
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
    folders = {PACKAGE_DIR}
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


def rules_key(specs: Sequence[Any], as_of: dt.date, settings: RunSettings) -> str:
    """Everything besides the file that decides a file's findings."""
    parts = [f"format {FORMAT}", as_of.isoformat(), _code_digest(specs)]
    parts.extend(settings.key_parts())
    # The grammar rules also read the server from the environment.
    from curate.grammar.backends import environment_url  # or the URL `make languagetool` wrote

    parts.append(f"env CURATE_LANGUAGETOOL_URL={environment_url() or ''!r}")
    base = settings.config_root
    for spec in specs:
        parts.append(f"{spec.rule.__module__}.{spec.rule.__qualname__}|{spec.rule.code}|{spec.options!r}|{spec.severity}")
        parts.extend(_option_files(spec.options, base))
        parts.extend(spec.rule.cache_parts(spec.options, settings))  # a grammar server's version and rules
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
