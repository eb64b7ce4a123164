"""What a rule is and what it returns.

A rule is one small class with its metadata (code, name, summary, default severity,
options) and a docstring that is its ``curate explain`` page (with a bad and a good
example). It implements one of three checks, by scope:

* ``check_record(doc, record, ctx)`` — one record at a time (runs in parallel);
* ``check_document(doc, ctx)`` — one file at a time (whitespace, fences, numbering);
* ``check_corpus(corpus, ctx)`` — the whole corpus (duplicates).

A corpus rule may also implement ``prepare_document(doc, ctx)``: a compact, JSON-able
summary of one file (fingerprints of its questions, hashes of its paragraphs) computed
where the file is parsed, in a worker, and cached with the file. ``check_corpus`` then
reads those summaries (``self.prepared(doc, ctx)``) instead of re-reading every record in
one process: the map step is parallel and incremental, only the reduce is serial.
In a run, the documents ``check_corpus`` gets are *outlines* (``curate.corpus.outline``):
paths, line starts and each record's id, question, span and answer offsets. Their text,
answers and links are read again from the cache on first use, which is correct but
slow: whatever a corpus rule needs of a file's text belongs in its summary.

Rules return findings and never print. Options are a frozen dataclass per rule: its fields,
types and defaults are the rule's config schema, and the string literal under each field
(an attribute docstring, as in ``Fix`` below) is that option's one-line help. Everything
``curate explain``, ``curate rules`` and the README say about a rule is generated from
these (``curate.rules.docs``).
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import inspect
import textwrap
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Iterable, Mapping, Protocol

from curate.corpus.model import Corpus, Document, Record


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so ``--fail-on`` can compare."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


class Fixability(str, enum.Enum):
    """Which fixes a rule offers: none, only safe ones, only unsafe ones (applied with
    ``curate fix --unsafe``), or both kinds."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    BOTH = "both"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of ``text[start:end]`` of one file by ``replacement``.

    Offsets index ``Document.text``. ``safe`` fixes never delete words (mojibake,
    whitespace, a missing space); unsafe ones may (a repeated sentence) and are applied
    only with ``curate fix --unsafe``."""

    start: int
    """Start offset in ``Document.text``."""
    end: int
    """End offset (exclusive)."""
    replacement: str
    """The new text."""
    description: str = ""
    """What the fix does, for people ("replace 'â€™' with '’'")."""
    safe: bool = True
    """False when the fix deletes text."""


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding points to (the other member of a duplicate)."""

    path: str
    line: int
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place."""

    code: str
    """Rule code, e.g. ``QA201``."""
    name: str
    """Rule name, e.g. ``duplicate-question``."""
    severity: Severity
    """Effective severity (after config overrides)."""
    message: str
    """What is wrong, for people."""
    path: str
    """Display path of the file."""
    line: int
    """1-based line where the problem starts."""
    column: int = 1
    """1-based column where the problem starts."""
    end_line: int | None = None
    """Last line (inclusive); defaults to ``line``."""
    end_column: int | None = None
    """1-based column just after the problem on ``end_line``; None for the whole line."""
    record_id: str | None = None
    """The record the finding is about, if any."""
    related: tuple[Related, ...] = ()
    """Other places involved (every other member of a duplicate cluster)."""
    fix: Fix | None = None
    """A mechanical repair, if one is offered."""
    snippet: str = ""
    """The content the finding is about (the matched text, the question); the basis of
    the fingerprint, so a baseline survives moved lines."""
    fingerprint: str = ""
    """Stable id from code, file and content (filled in by the engine)."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def with_fingerprint(self, occurrence: int = 0) -> Finding:
        basis = "\x1f".join((self.code, self.path, self.snippet or self.message, str(occurrence)))
        digest = hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return dataclasses.replace(self, fingerprint=digest)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the README (``findings[]``)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column,
            "record_id": self.record_id,
            "related": [{"path": r.path, "line": r.line, "message": r.message} for r in self.related],
            "fingerprint": self.fingerprint,
            "fix": None
            if self.fix is None
            else {
                "start": self.fix.start,
                "end": self.fix.end,
                "replacement": self.fix.replacement,
                "description": self.fix.description,
                "safe": self.fix.safe,
            },
        }


class Store(Protocol):
    """The part of the on-disk cache a rule may use (grammar results per paragraph, URL
    checks): named JSON values. ``curate.cache.store.Cache`` is one; rules never open it."""

    @property
    def enabled(self) -> bool: ...

    def get_many(self, namespace: str, keys: Iterable[str]) -> dict[str, Any]: ...

    def put_many_json(self, namespace: str, items: Iterable[tuple[str, str]]) -> None: ...

    def get(self, namespace: str, key: str, max_age: float | None = None) -> Any | None: ...

    def put_many(self, namespace: str, items: Iterable[tuple[str, Any]]) -> None: ...


@dataclass(frozen=True)
class RunSettings:
    """Run-wide switches some rules read, typed and picklable (they travel to workers).

    Every field decides findings, so every field is part of the findings cache key
    (``curate.cache.keys``), except those marked ``affects_findings=False``: adding a
    setting cannot silently leave stale results in the cache."""

    online: bool = False
    """``--online``: QA304 may request remote URLs."""
    allow_private: bool = False
    """``--allow-private``: requests to loopback and private addresses are allowed."""
    languagetool_url: str | None = None
    """``--languagetool-url``: the LanguageTool server for QA501/QA502."""
    require_grammar: bool = False
    """``--require-grammar``: a grammar backend that cannot be used is an error."""
    config_root: str | None = None
    """Folder of the config file: option files (word lists, knowledge bases) are found there."""
    jobs: int = field(default=1, metadata={"affects_findings": False})
    """Processes a corpus rule may use for its own heavy step."""

    def get(self, key: str, default: Any = None) -> Any:
        """Dict-style read, for plugins written when settings were a dict."""
        return getattr(self, key, default)

    def key_parts(self) -> list[str]:
        """``name=value`` of every field that decides findings, for cache keys."""
        return [f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self)
                if f.metadata.get("affects_findings", True)]

    @classmethod
    def of(cls, value: RunSettings | Mapping[str, Any] | None) -> RunSettings:
        """``value`` as RunSettings: a mapping keeps the fields it names, ignores the rest."""
        if isinstance(value, RunSettings):
            return value
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in (value or {}).items() if k in names})


@dataclass(frozen=True)
class RuleContext:
    """What the engine hands every rule besides the records."""

    as_of: dt.date
    """The date claims are judged against (``--as-of``; default today)."""
    options: Any = None
    """This rule's options (an instance of its ``Options`` dataclass)."""
    root: Path | None = None
    """Absolute corpus root: rules never read outside it."""
    settings: RunSettings = field(default_factory=RunSettings)
    """Run-wide switches (``online``, ``allow_private``, ``languagetool_url`` ...); a mapping
    given here is turned into :class:`RunSettings`."""
    prepared: Mapping[str, Any] | None = None
    """Corpus rules: this rule's ``prepare_document`` results by document path, computed
    in the workers or read from the cache (missing paths are computed on demand)."""
    store: Store | None = None
    """The run's cache, when it has one (never in a worker process)."""
    index: Any = None
    """A corpus rule with an index (``curate.cache.corpusindex``): the corpus-wide counts
    it asks for; ``prepared`` then holds only the files to report."""
    reported: frozenset[str] | None = None
    """Corpus rules: paths of the documents whose findings are shown (None: all). A rule
    may leave out a finding that neither sits in nor names one of them (the run would
    drop it): the pre-commit hook reports one file of thousands."""

    def __post_init__(self) -> None:
        if not isinstance(self.settings, RunSettings):
            object.__setattr__(self, "settings", RunSettings.of(self.settings))


class Rule:
    """Base class of every rule. Subclasses set the class attributes and override one
    ``check_*`` method; ``Options`` is a frozen dataclass of typed options."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[str] = "record"  # "record" | "document" | "corpus"
    enabled_by_default: ClassVar[bool] = True
    fixable: ClassVar[Fixability] = Fixability.NONE

    @dataclass(frozen=True)
    class Options:
        """This rule has no options."""

    def check_record(self, doc: Document, record: Record, ctx: RuleContext) -> Iterable[Finding]:
        return ()

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        return ()

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        return ()

    def prepare_document(self, doc: Document, ctx: RuleContext) -> Any:
        """Corpus rules: a JSON-able summary of one file for ``check_corpus`` (None: the
        rule has no per-file step). Must depend only on the document and the options."""
        return None

    def prepared(self, doc: Document, ctx: RuleContext) -> Any:
        """``prepare_document(doc)`` as computed in a worker, else computed now."""
        if ctx.prepared is not None and doc.path in ctx.prepared:
            return ctx.prepared[doc.path]
        return self.prepare_document(doc, ctx)

    @classmethod
    def cache_parts(cls, options: Any, settings: RunSettings) -> tuple[str, ...]:
        """What decides this rule's findings besides the files, its options and the code of
        curate and the rule (a checker server's version and rules): part of the findings
        cache key. Called once per run with a cache, before any file is checked."""
        return ()

    @classmethod
    def prepares(cls) -> bool:
        """True when the rule has a per-file step (overrides ``prepare_document``)."""
        return cls.prepare_document is not Rule.prepare_document

    # -- helpers for subclasses -------------------------------------------------------

    def finding(
        self,
        doc: Document | str,
        line: int,
        message: str,
        *,
        column: int = 1,
        end_line: int | None = None,
        end_column: int | None = None,
        record: Record | None = None,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        snippet: str = "",
    ) -> Finding:
        """A finding of this rule at a line and column (severity is the default; the
        engine applies overrides)."""
        path = doc if isinstance(doc, str) else doc.path
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            path=path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            record_id=record.id if record is not None else None,
            related=tuple(related),
            fix=fix,
            snippet=snippet,
        )

    def finding_at(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        record: Record | None = None,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        snippet: str | None = None,
    ) -> Finding:
        """A finding covering ``doc.text[start:end]`` (offsets), with exact columns."""
        line, column = doc.locate(start)
        end_line, end_column = doc.locate(max(end, start))
        return self.finding(
            doc,
            line,
            message,
            column=column,
            end_line=end_line,
            end_column=end_column,
            record=record,
            related=related,
            fix=fix,
            snippet=doc.text[start:end] if snippet is None else snippet,
        )

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation (its docstring), for ``curate explain``."""

        return inspect.cleandoc(cls.__doc__ or cls.summary)


# -- options as documentation ---------------------------------------------------------------


@dataclass(frozen=True)
class OptionSpec:
    """One option of a rule, as ``curate explain`` and ``curate rules --format json`` show it."""

    key: str
    """The config key (``min-run``: the field name with dashes)."""
    type_name: str
    """A readable type (``int``, ``list of str``)."""
    default: Any
    """The default value (None when the field has no default)."""
    help: str
    """One line on what the option does."""

    @property
    def default_json(self) -> Any:
        value = self.default
        if isinstance(value, (tuple, list, set, frozenset)):
            items = list(value)
            return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
        if isinstance(value, enum.Enum):
            return value.value
        if value is None or isinstance(value, (bool, int, float, str, dict)):
            return value
        return str(value)

    @property
    def default_toml(self) -> str:
        return _toml(self.default_json)


def option_specs(rule: type[Rule]) -> list[OptionSpec]:
    """The rule's options from its ``Options`` dataclass: key, type, default, help. The
    help is the field's ``metadata["help"]`` or else its attribute docstring."""
    options_cls = getattr(rule, "Options", None)
    if not isinstance(options_cls, type) or not dataclasses.is_dataclass(options_cls):
        return []
    hints = option_hints(options_cls)
    helps = attribute_docs(options_cls)
    specs = []
    for f in dataclasses.fields(options_cls):
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = None
        text = str(f.metadata.get("help") or helps.get(f.name, ""))
        specs.append(OptionSpec(f.name.replace("_", "-"), type_name(hints.get(f.name)), default, " ".join(text.split())))
    return specs

def option_hints(options_cls: Any) -> dict[str, Any]:
    """The resolved annotations of an ``Options`` dataclass (``Any`` where one cannot be resolved)."""
    try:
        return typing.get_type_hints(options_cls)
    except Exception:  # an annotation we cannot resolve: accept any value
        return {f.name: Any for f in dataclasses.fields(options_cls)}


def type_name(tp: Any) -> str:
    """A readable name for an option's type (``list of str``), for ``curate explain``."""
    if tp is Any:
        return "any"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in args if a is not type(None)) + (
            " (optional)" if type(None) in args else "")
    if origin in (tuple, list, frozenset, set):
        inner = [a for a in args if a is not Ellipsis]
        return f"list of {type_name(inner[0])}" if inner else "list"
    if origin is dict:
        return "table"
    return getattr(tp, "__name__", str(tp))


def attribute_docs(cls: type) -> dict[str, str]:
    """``{field: docstring}`` for the string literals right under annotated fields in
    ``cls`` and its bases (the base's text is used unless the subclass has its own)."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass is object:
            continue
        found.update(_own_attribute_docs(klass))
    return found


@functools.cache
def _own_attribute_docs(cls: type) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):  # no source (a compiled plugin): no help
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, after in zip(body, body[1:]):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _toml(value: Any) -> str:
    """A value as it would be written in a TOML config (long lists shortened)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        shown = ", ".join(_toml(v) for v in value[:8])
        return f"[{shown}{', …' if len(value) > 8 else ''}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "(none)"
    return str(value)
