"""Dated claims knowledge base and acronym glossary: loading and validation.

Both are data (TOML) so that people who know the field can correct them without reading
rule code. The shipped files live in ``curate/rules/data``; users add their own through
rule options (``knowledge_files``, ``glossary_files``), resolved against the corpus root.

Every regex is checked when it is loaded: it must compile, and it must be free of the
constructs that make backtracking blow up (back-references, a repeat nested inside an
unbounded repeat), so the claims rule stays linear in the size of the notes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Mapping, Sequence

from rapidfuzz import fuzz

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

try:  # Python 3.11+
    import re._constants as _sre_const
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_const
    import sre_parse as _sre_parse

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BUILTIN_CLAIMS = DATA_DIR / "claims.toml"
BUILTIN_GLOSSARY = DATA_DIR / "acronyms.toml"

VOLATILITIES = ("low", "medium", "high")


class KnowledgeError(ValueError):
    """A knowledge-base or glossary file is missing or malformed; the message names the
    file and the entry so the author can fix it."""


# -- regex safety -------------------------------------------------------------------------

_REPEATS = {_sre_const.MAX_REPEAT, _sre_const.MIN_REPEAT}
_POSSESSIVE = getattr(_sre_const, "POSSESSIVE_REPEAT", None)
if _POSSESSIVE is not None:
    _REPEATS.add(_POSSESSIVE)


def _unsafe_reason(parsed: Any, inside_unbounded: bool = False) -> str | None:
    """Why a parsed pattern may backtrack exponentially, or None when it is safe."""
    for op, arg in parsed:
        if op in (_sre_const.GROUPREF, getattr(_sre_const, "GROUPREF_EXISTS", None)):
            return "back-references are not allowed"
        if op in _REPEATS:
            low, high, sub = arg
            unbounded = high == _sre_const.MAXREPEAT or high > 1000
            if inside_unbounded and _has_repeat(sub):
                return "a repeat nested inside an unbounded repeat can backtrack exponentially"
            if inside_unbounded and high > 1:
                return "a repeat nested inside an unbounded repeat can backtrack exponentially"
            reason = _unsafe_reason(sub, inside_unbounded or unbounded)
            if reason:
                return reason
        elif op == _sre_const.SUBPATTERN:
            reason = _unsafe_reason(arg[-1], inside_unbounded)
            if reason:
                return reason
        elif op == _sre_const.BRANCH:
            for alt in arg[1]:
                reason = _unsafe_reason(alt, inside_unbounded)
                if reason:
                    return reason
        elif op in (_sre_const.ASSERT, _sre_const.ASSERT_NOT):
            reason = _unsafe_reason(arg[1], inside_unbounded)
            if reason:
                return reason
    return None


def _has_repeat(parsed: Any) -> bool:
    for op, arg in parsed:
        if op in _REPEATS:
            low, high, _ = arg
            if high > 1:
                return True
        elif op == _sre_const.SUBPATTERN and _has_repeat(arg[-1]):
            return True
        elif op == _sre_const.BRANCH and any(_has_repeat(alt) for alt in arg[1]):
            return True
    return False


def compile_safe(pattern: str, flags: int = 0, *, where: str = "") -> re.Pattern[str]:
    """Compile ``pattern`` after checking it cannot backtrack catastrophically."""
    if not isinstance(pattern, str) or not pattern:
        raise KnowledgeError(f"{where}: a pattern must be a non-empty string")
    try:
        compiled = re.compile(pattern, flags)
        parsed = _sre_parse.parse(pattern, flags)
        reason = _unsafe_reason(parsed)
    except re.error as exc:
        raise KnowledgeError(f"{where}: invalid regex {pattern!r}: {exc}") from None
    if reason:
        raise KnowledgeError(f"{where}: unsafe regex {pattern!r}: {reason}")
    if compiled not in _REQUIRED:  # the tree is at hand: no second parse later
        _REQUIRED[compiled] = _literals_of(parsed)
    return compiled


_REQUIRED: dict[re.Pattern[str], tuple[str, ...]] = {}
"""required_literals per compiled pattern (filled by compile_safe, or on first use)."""


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-case ASCII strings of which every match of ``pattern`` holds one, read
    from its syntax tree (a literal run, or one literal per branch of an alternation);
    empty when none is known. Looked up in the lower-cased text, they let a rule skip
    a region where the pattern cannot match. (A case-insensitive "i" or "s" also
    matches "ı" or "ſ", which lower-case to themselves: check for those apart.)"""
    found = _REQUIRED.get(pattern)
    if found is None:
        found = _REQUIRED[pattern] = _literals_of(_sre_parse.parse(pattern.pattern, pattern.flags))
    return found


def _literals_of(parsed: Any) -> tuple[str, ...]:
    found = _required(parsed)
    return tuple(sorted(found)) if found else ()


def _required(items: Any) -> set[str] | None:
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and all(candidate) and (best is None or _selectivity(candidate) > _selectivity(best)):
            best = candidate

    for op, arg in items:
        if op == _sre_const.LITERAL and chr(arg).isascii():
            run.append(chr(arg).lower())
            continue
        consider({"".join(run)} if run else None)
        run = []
        if op == _sre_const.SUBPATTERN:
            consider(_required(arg[-1]))
        elif op == getattr(_sre_const, "ATOMIC_GROUP", None):
            consider(_required(arg))
        elif op == _sre_const.BRANCH:
            options = [_required(alt) for alt in arg[1]]
            if all(options):
                consider(set().union(*options))  # type: ignore[arg-type]
        elif op in _REPEATS and arg[0] >= 1:
            consider(_required(arg[2]))
        # anything else (classes, anchors, lookarounds, ...) requires no literal
    consider({"".join(run)} if run else None)
    return best


def _selectivity(literals: set[str]) -> tuple[int, int]:
    """Longer shortest literal first, then fewer literals."""
    return min(len(lit) for lit in literals), -len(literals)


# -- claims knowledge base ----------------------------------------------------------------


@dataclass(frozen=True)
class ClaimEntry:
    """One dated claim: text that was true once and is stale since ``stale_since``."""

    id: str
    """Stable id, shown in messages; users disable an entry by id."""
    claim: str
    """The statement the patterns detect, in words."""
    pattern_texts: tuple[str, ...]
    """Any match of one of these inside one sentence is the claim (compiled: ``patterns``)."""
    stale_since: dt.date
    """The claim is reported only when ``as_of`` is after this date."""
    superseded_by: str
    """What replaced it (a model, an API, a name)."""
    volatility: str
    """low | medium | high: how fast this kind of fact changes."""
    source: str
    """URL that documents the change."""
    message: str
    """What to tell the reader."""
    exception_texts: tuple[str, ...] = ()
    """A sentence matching one of these is not the claim (historical framing, ...;
    compiled: ``exceptions``)."""
    keywords: tuple[str, ...] = ()
    """Lower-case literals of which at least one must occur: the cheap prefilter."""
    positive: tuple[str, ...] = ()
    """Sentences that make the claim (the entry's own tests)."""
    negative: tuple[str, ...] = ()
    """Sentences that must not be reported."""
    in_code: bool = False
    """Also look inside code blocks and inline code (API names, imports)."""
    origin: str = ""
    """The file the entry came from."""
    flags: int = re.IGNORECASE
    """The regex flags of the patterns and exceptions."""

    # Compiled on first use: checking one file (the pre-commit hook) needs the patterns
    # of the few entries whose keywords it holds, and compiling all of them took longer
    # than the check. A user's file is compiled when read (a bad pattern is a config
    # error, found early); the shipped one is checked by the tests.
    @functools.cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(compile_safe(p, self.flags, where=self._where) for p in self.pattern_texts)

    @functools.cached_property
    def exceptions(self) -> tuple[re.Pattern[str], ...]:
        return tuple(compile_safe(p, self.flags, where=self._where) for p in self.exception_texts)

    @property
    def _where(self) -> str:
        return f"{self.origin}: claim {self.id!r}"


class KeywordFinder:
    """Every occurrence of a set of lower-case keywords in one pass over a text.

    The keywords become one regex shaped like a trie ("gpt(?:-(?:4(?:o)?|5)|...)"), so
    the scan tries one branch per character instead of one search per keyword; at each
    position it matches the longest keyword, and the keywords that are prefixes of that
    one start there too."""

    def __init__(self, keywords: Iterable[str]) -> None:
        words = sorted({k for k in keywords if k})
        self.prefixes: dict[str, tuple[str, ...]] = {k: tuple(w for w in words if k.startswith(w)) for k in words}
        self.regex = re.compile(_trie_pattern(words)) if words else None

    def hits(self, lowered: str) -> dict[str, list[int]]:
        """Keyword -> ascending start offsets of all its (possibly overlapping) occurrences."""
        found: dict[str, list[int]] = {}
        if self.regex is None:
            return found
        search = self.regex.search
        m = search(lowered)
        while m is not None:
            at = m.start()
            for keyword in self.prefixes[m.group()]:
                found.setdefault(keyword, []).append(at)
            m = search(lowered, at + 1)
        return found


_LETTER_RANK = {ch: i for i, ch in enumerate("etaoinsrhldcumfpgwybvkxjqz")}
"""Letters from the most to the least frequent in English text."""


_Trie = dict[str, "_Trie"]
"""A character trie: each character maps to the rest; ``""`` marks a word's end."""


def _trie_pattern(words: Sequence[str]) -> str:
    """A regex matching exactly ``words``, the longest one at a position first."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        # at most one branch can match (their first characters differ), and the engine
        # tries them in turn: the ones for common letters first make the scan cheaper
        children = sorted((ch for ch in node if ch), key=lambda ch: (_LETTER_RANK.get(ch, len(_LETTER_RANK)), ch))
        branches = [re.escape(ch) + emit(node[ch]) for ch in children]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@dataclass(frozen=True)
class KnowledgeBase:
    """All claim entries plus the keyword index used as a prefilter."""

    entries: tuple[ClaimEntry, ...]
    always: tuple[ClaimEntry, ...] = ()
    """Entries without keywords: checked on every sentence."""
    by_keyword: Mapping[str, tuple[ClaimEntry, ...]] = field(default_factory=dict)
    _finders: dict[bool | None, KeywordFinder] = field(default_factory=dict, compare=False, repr=False)
    """Built on first use, per ``in_code`` value (the knowledge base is cached per process)."""

    def finder(self, in_code: bool | None = None) -> KeywordFinder:
        """The keyword scanner for the entries that do (True), do not (False) look inside
        code, or all of them (None)."""
        found = self._finders.get(in_code)
        if found is None:
            found = KeywordFinder(
                k for k, entries in self.by_keyword.items() if any(in_code is None or e.in_code == in_code for e in entries)
            )
            self._finders[in_code] = found
        return found

    def keyword_hits(self, lowered: str, in_code: bool | None = None) -> dict[str, list[int]]:
        """Keyword -> ascending offsets in ``lowered`` (keywords of the ``in_code`` entries)."""
        return self.finder(in_code).hits(lowered)

    def candidates(
        self,
        text: str,
        *,
        lowered: str | None = None,
        in_code: bool | None = None,
        hits: Mapping[str, Sequence[int]] | None = None,
    ) -> list[ClaimEntry]:
        """Entries whose keywords occur in ``text``, in knowledge base order; ``in_code``
        keeps only entries that do (True) or do not (False) look inside code. ``hits``
        (from :meth:`keyword_hits` with the same ``in_code``) saves the scan."""
        if hits is None:
            hits = self.keyword_hits(text.lower() if lowered is None else lowered, in_code)
        found: dict[str, ClaimEntry] = {e.id: e for e in self.always if in_code is None or e.in_code == in_code}
        for keyword in hits:
            for entry in self.by_keyword.get(keyword, ()):
                if in_code is None or entry.in_code == in_code:
                    found[entry.id] = entry
        order = {e.id: i for i, e in enumerate(self.entries)}
        return sorted(found.values(), key=lambda e: order[e.id])


def _as_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise KnowledgeError(f"{where}: stale_since must be a date (YYYY-MM-DD), got {value!r}")


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise KnowledgeError(f"{where}: {key} must be a list of strings")


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CLAIM_KEYS = {
    "id", "claim", "patterns", "exceptions", "keywords", "stale_since", "superseded_by",
    "volatility", "source", "message", "examples", "in_code", "case_sensitive",
}


def parse_claim(raw: Mapping[str, Any], origin: str, index: int, compile_now: bool = True) -> ClaimEntry:
    """Validate one ``[[claim]]`` table and (``compile_now``) compile its patterns."""
    where = f"{origin}: claim #{index + 1}"
    if not isinstance(raw, Mapping):
        raise KnowledgeError(f"{where}: must be a table")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise KnowledgeError(f"{where}: id must be lower-case letters, digits, '.', '_' or '-'")
    where = f"{origin}: claim {entry_id!r}"
    unknown = sorted(set(raw) - _CLAIM_KEYS)
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {', '.join(unknown)}")
    for key in ("claim", "message", "source", "superseded_by"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise KnowledgeError(f"{where}: {key} is required (a non-empty string)")
    if not _URL.match(raw["source"]):
        raise KnowledgeError(f"{where}: source must be an http(s) URL")
    volatility = raw.get("volatility", "medium")
    if volatility not in VOLATILITIES:
        raise KnowledgeError(f"{where}: volatility must be one of {', '.join(VOLATILITIES)}")
    flags = 0 if raw.get("case_sensitive", False) else re.IGNORECASE
    pattern_texts = _str_list(raw.get("patterns"), where, "patterns")
    if not pattern_texts:
        raise KnowledgeError(f"{where}: at least one pattern is required")
    exception_texts = _str_list(raw.get("exceptions"), where, "exceptions")
    examples = raw.get("examples", {})
    if not isinstance(examples, Mapping):
        raise KnowledgeError(f"{where}: examples must be a table with positive and negative")
    positive = _str_list(examples.get("positive"), where, "examples.positive")
    negative = _str_list(examples.get("negative"), where, "examples.negative")
    keywords = tuple(k.lower() for k in _str_list(raw.get("keywords"), where, "keywords") if k.strip())
    entry = ClaimEntry(
        id=entry_id,
        claim=raw["claim"].strip(),
        pattern_texts=pattern_texts,
        stale_since=_as_date(raw.get("stale_since"), where),
        superseded_by=raw["superseded_by"].strip(),
        volatility=volatility,
        source=raw["source"].strip(),
        message=raw["message"].strip(),
        exception_texts=exception_texts,
        keywords=keywords,
        positive=positive,
        negative=negative,
        in_code=bool(raw.get("in_code", False)),
        origin=origin,
        flags=flags,
    )
    if compile_now:
        _ = entry.patterns, entry.exceptions
    return entry


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file not found") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: cannot read: {exc}") from None


def build_knowledge_base(entries: Iterable[ClaimEntry], disabled: Iterable[str] = ()) -> KnowledgeBase:
    """Index entries (later files override earlier ids) and build the keyword prefilter."""
    by_id: dict[str, ClaimEntry] = {}
    for entry in entries:
        by_id[entry.id] = entry
    skip = set(disabled)
    kept = tuple(e for e in by_id.values() if e.id not in skip)
    by_keyword: dict[str, list[ClaimEntry]] = {}
    always = []
    for entry in kept:
        if not entry.keywords:
            always.append(entry)
        for keyword in entry.keywords:
            by_keyword.setdefault(keyword, []).append(entry)
    return KnowledgeBase(
        entries=kept,
        always=tuple(always),
        by_keyword={k: tuple(v) for k, v in sorted(by_keyword.items())},
    )


def load_claim_file(path: Path, compile_now: bool = True) -> list[ClaimEntry]:
    """Every ``[[claim]]`` of one TOML file, validated (``compile_now``: its patterns too)."""
    data = _read_toml(path)
    claims = data.get("claim", [])
    if not isinstance(claims, list):
        raise KnowledgeError(f"{path.name}: 'claim' must be an array of tables ([[claim]])")
    entries = [parse_claim(raw, path.name, i, compile_now) for i, raw in enumerate(claims)]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise KnowledgeError(f"{path.name}: duplicate claim id {entry.id!r}")
        seen.add(entry.id)
    return entries


def _stamp(paths: Sequence[Path]) -> tuple[tuple[str, float], ...]:
    stamps = []
    for path in paths:
        try:
            stamps.append((str(path), path.stat().st_mtime))
        except OSError:
            stamps.append((str(path), -1.0))
    return tuple(stamps)


@functools.lru_cache(maxsize=32)
def _cached_kb(stamps: tuple[tuple[str, float], ...], disabled: tuple[str, ...]) -> KnowledgeBase:
    entries: list[ClaimEntry] = []
    for path, _ in stamps:
        entries.extend(load_claim_file(Path(path), compile_now=Path(path) != BUILTIN_CLAIMS))
    return build_knowledge_base(entries, disabled)


def load_knowledge_base(
    extra_files: Sequence[Path] = (), *, builtin: bool = True, disabled: Iterable[str] = ()
) -> KnowledgeBase:
    """The shipped knowledge base plus user files (cached per file modification time)."""
    paths = ([BUILTIN_CLAIMS] if builtin else []) + [Path(p) for p in extra_files]
    return _cached_kb(_stamp(paths), tuple(sorted(set(disabled))))


CONFIG_NAMES = ("curate.toml", "pyproject.toml")


def data_roots(root: Path | None, settings: Any = None) -> list[Path]:
    """Folders a user data file named in a rule option may be relative to: the config
    root (``settings["config_root"]`` when the engine passes it, else the nearest folder
    at or above the corpus root holding a config file), then the corpus root."""
    roots: list[Path] = []
    configured = (settings or {}).get("config_root")
    if configured:
        roots.append(Path(configured).resolve())
    if root is not None:
        base = Path(root).resolve()
        for folder in (base, *base.parents):
            if any((folder / name).is_file() for name in CONFIG_NAMES):
                roots.append(folder)
                break
        roots.append(base)
    if not roots:
        roots.append(Path.cwd().resolve())
    unique: list[Path] = []
    for folder in roots:
        if folder not in unique:
            unique.append(folder)
    return unique


def check_user_file_names(names: Iterable[str]) -> None:
    """Raise ValueError (a config error, before any file is checked) for a data file name
    that leaves the corpus root or the config folder by its form: absolute, or climbing
    with ``..``. Found at run time instead, the rule failed once on every file."""
    for name in names:
        path = PurePosixPath(str(name).replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"{name}: data files must be inside the corpus root or the config folder "
                             "(a path relative to it, without '..')")


def resolve_user_files(names: Iterable[str], root: Path | None, settings: Any = None) -> list[Path]:
    """User data files named in options, relative to the config root or the corpus root
    (see :func:`data_roots`); a name that leads outside those folders is refused."""
    names = list(names)
    if not names:
        return []  # the usual case: no user files, so no folders to look up (once per file)
    resolved = []
    bases = data_roots(root, settings)
    for name in names:
        path = Path(name)
        found = None
        for base in bases:
            full = (path if path.is_absolute() else base / path).resolve()
            if not full.is_relative_to(base):
                continue
            if full.is_file():
                found = full
                break
        if found is None:
            inside = any(
                (path if path.is_absolute() else base / path).resolve().is_relative_to(base) for base in bases
            )
            if not inside:
                raise KnowledgeError(f"{name}: data files must be inside the corpus root or the config folder")
            raise KnowledgeError(f"{name}: file not found (looked in {', '.join(b.name or str(b) for b in bases)})")
        resolved.append(found)
    return resolved


def check_user_files(names: Iterable[str], config_root: Path, load: Callable[[Path], Any]) -> None:
    """Check data files named in a rule's options when the config is read, so a bad name
    is one config error (exit 2) rather than the rule failing on every file: a name
    that leads outside the config folder is refused, and a file found there must load.
    (A name not found there may still be relative to the corpus root: checked per run.)"""
    base = Path(config_root).resolve()
    for name in names:
        path = Path(name)
        full = (path if path.is_absolute() else base / path).resolve()
        if not full.is_relative_to(base):
            raise KnowledgeError(f"{name}: data files must be inside the config folder ({base.name or base})")
        if full.is_file():
            load(full)


# -- acronym glossary ---------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalize_expansion(text: str) -> str:
    """Lower case, accents and punctuation removed, hyphens as spaces, plurals folded:
    "Generative Adversarial Networks" and "generative-adversarial network" compare equal."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_singular(w) for w in _WORD.findall(folded))


def normalize_acronym(text: str) -> str:
    """"GANs" -> "GAN", "TF-IDF" -> "TFIDF", "LoRA" -> "LORA": the glossary key."""
    letters = re.sub(r"[^A-Za-z0-9]", "", text)
    if len(letters) > 2 and letters.endswith("s") and letters[-2].isupper():
        letters = letters[:-1]
    return letters.upper()


@dataclass(frozen=True)
class Glossary:
    """Acronym -> accepted expansions (normalised), and the reverse index."""

    expansions: Mapping[str, tuple[str, ...]]
    """Normalised acronym -> normalised accepted expansions."""
    owners: Mapping[str, tuple[str, ...]]
    """Normalised expansion -> acronyms it belongs to."""
    display: Mapping[str, str] = field(default_factory=dict)
    """Normalised acronym -> its first expansion as written in the glossary."""
    _by_head: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict, compare=False, repr=False)
    """First three letters -> (expansion, owners), in ``owners`` order (built on first use)."""
    _memo: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    """Phrase -> :meth:`lookup` result: files repeat the same phrases."""

    def lookup(self, phrase: str) -> tuple[str, ...]:
        """Acronyms whose expansion equals ``phrase`` (plural and hyphen folded, and a
        close misspelling such as "adversial" tolerated)."""
        found = self._memo.get(phrase)
        if found is None:
            found = self._lookup(normalize_expansion(phrase))
            if len(self._memo) < 100_000:
                self._memo[phrase] = found
        return found

    def _lookup(self, norm: str) -> tuple[str, ...]:
        if not norm:
            return ()
        exact = self.owners.get(norm)
        if exact:
            return exact
        if len(norm) < 12:
            return ()
        if not self._by_head:
            for expansion, owners in self.owners.items():
                self._by_head.setdefault(expansion[:3], []).append((expansion, owners))
        best: set[str] = set()
        for expansion, owners in self._by_head.get(norm.split()[0][:3], ()):
            if abs(len(expansion) - len(norm)) <= 3 and fuzz.ratio(expansion, norm) >= 92:
                best.update(owners)
        return tuple(sorted(best))

    def accepted(self, acronym: str) -> tuple[str, ...]:
        return self.expansions.get(normalize_acronym(acronym), ())

    def __contains__(self, acronym: str) -> bool:
        return normalize_acronym(acronym) in self.expansions


def build_glossary(tables: Iterable[Mapping[str, Any]], origin: str = "glossary") -> Glossary:
    expansions: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    for table in tables:
        for acronym, values in table.items():
            where = f"{origin}: acronym {acronym!r}"
            if isinstance(values, str):
                values = [values]
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise KnowledgeError(f"{where}: must map to a non-empty list of expansions")
            key = normalize_acronym(acronym)
            if len(key) < 2:
                raise KnowledgeError(f"{where}: an acronym needs at least two letters")
            bucket = expansions.setdefault(key, [])
            display.setdefault(key, values[0].strip())
            for value in values:
                norm = normalize_expansion(value)
                if norm and norm not in bucket:
                    bucket.append(norm)
    owners: dict[str, list[str]] = {}
    for key, values in expansions.items():
        for value in values:
            owners.setdefault(value, []).append(key)
    return Glossary(
        expansions={k: tuple(v) for k, v in sorted(expansions.items())},
        owners={k: tuple(sorted(v)) for k, v in sorted(owners.items())},
        display=dict(sorted(display.items())),
    )


def _glossary_table(path: Path) -> Mapping[str, Any]:
    data = _read_toml(path)
    table = data.get("acronyms")
    if not isinstance(table, Mapping):
        raise KnowledgeError(f"{path.name}: expected an [acronyms] table")
    return table


@functools.lru_cache(maxsize=32)
def _cached_glossary(stamps: tuple[tuple[str, float], ...]) -> Glossary:
    tables = [_glossary_table(Path(path)) for path, _ in stamps]
    return build_glossary(tables, origin=", ".join(Path(p).name for p, _ in stamps))


def load_glossary(extra_files: Sequence[Path] = (), *, builtin: bool = True) -> Glossary:
    """The shipped glossary plus user files; user expansions add to the shipped ones."""
    paths = ([BUILTIN_GLOSSARY] if builtin else []) + [Path(p) for p in extra_files]
    return _cached_glossary(_stamp(paths))
