"""Checker backends: LanguageTool (through language-tool-python) and Harper (offline).

A backend checks a batch of prose paragraphs and returns, per paragraph, the matches at
paragraph offsets. Paragraphs are sent joined by blank lines (both checkers treat a blank
line as a paragraph break), so one request covers many short list items; matches are
split back by offset. Backends return every match their default rules produce: filtering
(disabled rules, word lists) happens later, so the paragraph cache does not depend on it.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, Protocol, Sequence

SEPARATOR = "\n\n"
"""Between paragraphs of one request."""
MAX_REQUEST_CHARS = 15_000
"""Characters per request (the public LanguageTool API accepts 20 kB)."""
ENV_URL = "CURATE_LANGUAGETOOL_URL"
"""Environment variable naming a LanguageTool server (``off``: none, and no URL file)."""
URL_FILE = Path(".curate") / "languagetool.url"
"""Where ``make languagetool`` writes its server's URL (relative to the folder curate runs
in); used when no URL is given."""
TIMEOUT = 60.0
"""Seconds one request may take before the server is given up for the run."""
HOW_TO_START = ("start one with `make languagetool` (it prints the URL and writes it to .curate/languagetool.url) "
                "or give a running server with --languagetool-url, the rule option languagetool-url "
                "or CURATE_LANGUAGETOOL_URL")


@dataclass(frozen=True, slots=True)
class Match:
    """One backend match, at offsets of the paragraph it was found in."""

    offset: int
    length: int
    rule: str
    """Backend rule id (``MORFOLOGIK_RULE_EN_US``, ``SpellCheck``)."""
    kind: str
    """``spelling`` or ``grammar``."""
    message: str
    replacements: tuple[str, ...] = ()
    category: str = ""

    def to_json(self) -> list[Any]:
        return [self.offset, self.length, self.rule, self.kind, self.message, list(self.replacements), self.category]

    @classmethod
    def from_json(cls, value: Sequence[Any]) -> Match:
        offset, length, rule, kind, message, replacements, category = value
        return cls(int(offset), int(length), str(rule), str(kind), str(message), tuple(replacements), str(category))


class Backend(Protocol):
    """What the checker needs from a backend."""

    name: str
    """``languagetool`` or ``harper``."""
    key: str
    """Identity for the cache: same key and same paragraph → same matches."""

    def check(self, paragraphs: Sequence[str]) -> list[list[Match]]:
        """Matches for each paragraph, in order."""
        ...


class BackendUnavailable(RuntimeError):
    """The backend cannot be used here (no server, no Java, package missing)."""


class ClientMissing(BackendUnavailable):
    """The Python package a backend talks through is not installed (its message says how
    to install it; starting a server would not help)."""


def batches(paragraphs: Sequence[str], limit: int = MAX_REQUEST_CHARS) -> list[list[int]]:
    """Indices of paragraphs grouped into requests of at most ``limit`` characters."""
    out: list[list[int]] = []
    size = 0
    for i, text in enumerate(paragraphs):
        if out and size + len(SEPARATOR) + len(text) <= limit:
            out[-1].append(i)
            size += len(SEPARATOR) + len(text)
        else:
            out.append([i])
            size = len(text)
    return out


def split_matches(texts: Sequence[str], matches: Sequence[Match]) -> list[list[Match]]:
    """Matches of a joined request → matches per paragraph (paragraph offsets). A match
    that runs past its paragraph's end is cut at it."""
    starts = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + len(SEPARATOR)
    out: list[list[Match]] = [[] for _ in texts]
    for m in matches:
        index = max(bisect.bisect_right(starts, m.offset) - 1, 0)
        local = m.offset - starts[index]
        if local >= len(texts[index]):
            continue  # on a separator
        length = min(m.length, len(texts[index]) - local)
        out[index].append(Match(local, max(length, 1), m.rule, m.kind, m.message, m.replacements, m.category))
    return out


# -- LanguageTool -------------------------------------------------------------------------


def probe_languagetool(url: str, timeout: float = 3.0) -> str | None:
    """None when a LanguageTool server answers ``GET {url}/v2/languages``, else why not."""
    base = url.rstrip("/") + "/"
    target = urllib.parse.urljoin(base, "v2/languages")
    try:
        with urllib.request.urlopen(target, timeout=timeout) as response:
            if response.status != 200:
                return f"HTTP {response.status}"
            response.read(1)
            return None
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return str(reason)


INSTALL_HINT = "pip install 'qa-curate[languagetool]'"
"""How to get language-tool-python, the client of the LanguageTool backend (an extra:
offline runs use Harper and never import it)."""
MAX_PARALLEL = 4
"""Requests one backend has in flight at once. A LanguageTool server checks requests on
a pool of threads (10 by default); each worker process of a run has its own backend."""
CUSTOM_RULES_LINE = "custom-rules "
"""A line of ``.curate/languagetool.url`` after the URL: ``custom-rules <sha256>`` of the
rule files (grammar_custom.xml) the server ``make languagetool`` started was given."""


@dataclass(frozen=True)
class ServerIdentity:
    """What a LanguageTool server's matches depend on besides the text: part of every
    cache key of its results, so a new version or edited custom rules are never served
    stale matches."""

    key: str
    """Version, build, a hash of its rule list and of the launcher's custom rule files."""
    max_text_length: int | None = None
    """Characters the server accepts per request (None: it did not say)."""


_IDENTITIES: dict[tuple[str, str], ServerIdentity] = {}
_IDENTITY_LOCK = threading.Lock()


def server_identity(url: str, language: str = "en-US", timeout: float = 10.0) -> ServerIdentity:
    """The identity of the server at ``url``, asked once per process (``GET
    /v2/configinfo``: its version, build date and every rule it runs for ``language``,
    custom rules included), plus the custom-rules hash the launcher recorded for this URL.
    A server that does not answer gets an identity of its own ("unreachable"), so results
    of a run that fell back to Harper are not taken for the server's."""
    memo = (url, language)
    with _IDENTITY_LOCK:
        if memo in _IDENTITIES:
            return _IDENTITIES[memo]
    target = urllib.parse.urljoin(url.rstrip("/") + "/", "v2/configinfo?" + urllib.parse.urlencode({"language": language}))
    parts: list[str] = []
    max_length: int | None = None
    try:
        with urllib.request.urlopen(target, timeout=timeout) as response:
            info = json.loads(response.read())
        software = info.get("software") or {}
        parts += [f"version={software.get('version', '')}", f"build={software.get('buildDate', '')}"]
        rules = json.dumps(info.get("rules") or [], sort_keys=True, ensure_ascii=False)
        parts.append(f"rules={hashlib.sha256(rules.encode('utf-8')).hexdigest()[:16]}")
        limit = (info.get("parameter") or {}).get("maxTextLength")
        max_length = int(limit) if isinstance(limit, int) and limit > 0 else None
    except urllib.error.HTTPError as exc:  # answers, but not this question (an older server)
        parts.append(f"configinfo=HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError, AttributeError, TypeError) as exc:
        parts.append(f"unreachable={type(exc).__name__}")
    custom = launcher_custom_rules(url)
    if custom:
        parts.append(f"custom={custom}")
    identity = ServerIdentity("|".join(parts), max_length)
    with _IDENTITY_LOCK:
        return _IDENTITIES.setdefault(memo, identity)


def launcher_custom_rules(url: str) -> str | None:
    """The custom-rules hash ``make languagetool`` wrote beside ``url`` in
    ``.curate/languagetool.url`` (None when that file names another server or none)."""
    try:
        lines = URL_FILE.read_text(encoding="utf-8").splitlines()[:8]
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0].strip().rstrip("/") != url.strip().rstrip("/"):
        return None
    for line in lines[1:]:
        if line.startswith(CUSTOM_RULES_LINE):
            return line[len(CUSTOM_RULES_LINE):].strip()[:64] or None
    return None


class LanguageToolBackend:
    """LanguageTool through language-tool-python (the ``languagetool`` extra): a server at
    ``url``, or a local LanguageTool (``LTP_JAR_DIR_PATH``) when ``url`` is None.

    Requests of one ``check`` go out in parallel (at most ``MAX_PARALLEL`` in flight, each
    within the server's ``maxTextLength``); the key names the server's identity."""

    name = "languagetool"

    def __init__(self, language: str = "en-US", url: str | None = None, timeout: float | None = None) -> None:
        try:
            import language_tool_python  # start-up time: only when this backend is chosen
        except ImportError:
            raise ClientMissing(f"the LanguageTool backend needs language-tool-python ({INSTALL_HINT})") from None
        self.url = url
        try:
            self.tool = language_tool_python.LanguageTool(language, remote_server=url) if url else \
                language_tool_python.LanguageTool(language)
        except Exception as exc:  # the library raises many kinds
            where = url or "a local LanguageTool"
            raise BackendUnavailable(f"cannot start {where}: {type(exc).__name__}: {exc}") from None
        # the library waits 300 s by default; it annotates this as Literal[300], though it only
        # passes it on as a request timeout, so any number of seconds works
        self.tool._TIMEOUT = TIMEOUT if timeout is None else timeout  # type: ignore[assignment]
        identity = server_identity(url, language) if url else ServerIdentity(f"local={os.environ.get('LTP_JAR_DIR_PATH', '')}")
        self.key = f"languagetool|{language}|{url or 'local'}|{identity.key}"
        self.limit = min(MAX_REQUEST_CHARS, identity.max_text_length or MAX_REQUEST_CHARS)
        self._lock = threading.Lock()
        self._broken: str | None = None

    def check(self, paragraphs: Sequence[str]) -> list[list[Match]]:
        """Matches per paragraph. Raises ``BackendUnavailable`` when the server fails (down,
        too slow, an error status, an answer that is not LanguageTool's); after one failure
        every later call fails at once, so a run does not wait on a dead server per file."""
        out: list[list[Match]] = [[] for _ in paragraphs]
        groups = batches(paragraphs, self.limit)
        texts = [[paragraphs[i] for i in group] for group in groups]
        if len(groups) <= 1:
            found = [self._request(t) for t in texts]
        else:
            with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(groups))) as pool:
                found = list(pool.map(self._request, texts))
        for group, group_texts, matches in zip(groups, texts, found):
            for i, per_paragraph in zip(group, split_matches(group_texts, matches)):
                out[i] = per_paragraph
        return out

    def _request(self, texts: list[str]) -> list[Match]:
        """One request (any thread): the matches of ``texts`` joined, at joined offsets."""
        with self._lock:
            if self._broken:
                raise BackendUnavailable(self._broken)
        try:
            return [_lt_match(m) for m in self.tool.check(SEPARATOR.join(texts))]
        except Exception as exc:  # requests, JSON and library errors alike
            detail = " ".join(str(exc).split())[:200]
            with self._lock:
                self._broken = self._broken or f"LanguageTool at {self.url or 'local'} failed: {type(exc).__name__}: {detail}"
                raise BackendUnavailable(self._broken) from None

    def close(self) -> None:
        try:
            self.tool.close()
        except Exception:
            pass


def _lt_match(m: Any) -> Match:
    issue = str(getattr(m, "rule_issue_type", "") or "")
    rule = str(getattr(m, "rule_id", "") or "")
    kind = "spelling" if issue == "misspelling" or "SPELL" in rule or rule.startswith("MORFOLOGIK") else "grammar"
    return Match(
        offset=int(m.offset),
        length=int(m.error_length),
        rule=rule,
        kind=kind,
        message=str(m.message),
        replacements=tuple(str(r) for r in (m.replacements or [])[:5]),
        category=str(getattr(m, "category", "") or ""),
    )


# -- Harper -------------------------------------------------------------------------------


_HARPER: dict[str, Any] = {}
_HARPER_LOCK = threading.Lock()


class HarperBackend:
    """Harper (harper-py): an offline English checker in Rust, no Java, no network. Its
    ``SpellCheck`` rule gives QA502; its grammar rules give QA501.

    Harper turns on ~900 rules by default; running only the ones we report (``rules``)
    is ~20 times faster, so the linter is configured with exactly those."""

    name = "harper"

    def __init__(self, language: str = "en-US", rules: frozenset[str] | None = None) -> None:
        try:
            import harper  # start-up time: only when this backend is chosen
        except ImportError as exc:
            raise BackendUnavailable(f"harper-py is not installed ({exc}); pip install harper-py") from None
        self._harper = harper
        self._dialect = _DIALECTS.get(language.lower(), 0)
        self._rules = rules
        self._memo_key = f"{self._dialect}|{','.join(sorted(rules)) if rules is not None else '*'}"
        rules_id = hashlib.sha256(self._memo_key.encode()).hexdigest()[:12]
        self.key = f"harper|{package_version('harper-py')}|{rules_id}"

    @property
    def linter(self) -> Any:
        """The Harper linter, built on first use (its dictionary takes a quarter of a
        second): a run whose word verdicts are all cached never builds it."""
        with _HARPER_LOCK:  # construction builds the dictionary: once per process
            linter = _HARPER.get(self._memo_key)
            if linter is None:
                linter = self._harper.Linter(self._harper.Dialect(self._dialect))
                if self._rules is not None:
                    config = linter.get_lint_config()
                    linter.set_lint_config({k: (k in self._rules) for k in config})
                _HARPER[self._memo_key] = linter
        return linter

    def check(self, paragraphs: Sequence[str]) -> list[list[Match]]:
        out: list[list[Match]] = [[] for _ in paragraphs]
        if not paragraphs:
            return out
        linter = self.linter
        for group in batches(paragraphs):
            texts = [paragraphs[i] for i in group]
            joined = SEPARATOR.join(texts)
            with _HARPER_LOCK:  # a Linter is not thread-safe
                organized = linter.organized_lints(joined, language="plaintext", dedup=False)
            matches = []
            for rule, lints in sorted(organized.items()):
                for lint in lints:
                    span = lint.span
                    suggestions = tuple(s.replacement_text for s in lint.suggestions[:5] if s.replacement_text)
                    matches.append(Match(
                        offset=span.start,
                        length=max(span.end - span.start, 1),
                        rule=rule,
                        kind="spelling" if rule == "SpellCheck" else "grammar",
                        message=lint.message,
                        replacements=suggestions,
                        category=lint.lint_kind,
                    ))
            for i, found in zip(group, split_matches(texts, matches)):
                out[i] = found
        return out


_DIALECTS = {"en-us": 0, "en": 0, "en-gb": 1, "en-au": 2, "en-ca": 3, "en-in": 4}


def package_version(dist: str) -> str:
    """The installed version of ``dist`` (\"unknown\" when it is not installed)."""
    try:
        return version(dist)
    except Exception:
        return "unknown"


# -- choosing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """Which backend a run uses, and what the user must be told about it."""

    backend: Backend | None
    notice: str | None = None
    """Set when the configured backend could not be used (said once per run)."""
    reason: str | None = None
    """Why the configured backend could not be used (for ``--require-grammar``)."""
    fatal: bool = False
    """The user asked for this backend explicitly (``backend = "languagetool"``): stop
    the run with ``notice`` rather than fall back."""


_RESOLVED: dict[tuple[Any, ...], Resolution] = {}
_RESOLVE_LOCK = threading.Lock()


NO_SERVER = ("off", "none")
"""What a user writes for "no LanguageTool server" wherever a URL is asked for."""


def languagetool_url(option: str | None, settings_url: str | None) -> str | None:
    """The LanguageTool server to use: ``--languagetool-url`` wins, then the rule
    option, then ``CURATE_LANGUAGETOOL_URL``, then the URL ``make languagetool`` wrote.
    ``off`` or ``none`` at any of them means no server, and the ones after it are not read."""
    for given in (settings_url, option):
        value = (given or "").strip()
        if value:
            return None if value.lower() in NO_SERVER else value
    return environment_url()


def environment_url() -> str | None:
    """The server named outside the command line and config: ``CURATE_LANGUAGETOOL_URL``
    (``off`` for none), else the first line of ``.curate/languagetool.url``."""
    value = os.environ.get(ENV_URL, "").strip()
    if value.lower() in NO_SERVER:
        return None
    if value:
        return value
    try:
        with URL_FILE.open(encoding="utf-8") as handle:
            line = handle.readline(2048).strip()
    except (OSError, UnicodeDecodeError):
        return None
    return line if line.startswith(("http://", "https://")) else None


def resolve(choice: str, language: str = "en-US", url: str | None = None,
            harper_rules: frozenset[str] | None = None) -> Resolution:
    """The backend for ``choice`` (``auto``, ``languagetool``, ``harper``/``offline``,
    ``none``), memoised per process so a run probes a server once. ``harper_rules`` are
    the Harper rules to run if Harper is used (None: Harper's defaults)."""
    choice = (choice or "auto").lower()
    memo_key = (choice, language, url, harper_rules)
    with _RESOLVE_LOCK:
        if memo_key in _RESOLVED:
            return _RESOLVED[memo_key]
        result = _resolve(choice, language, url, harper_rules)
        _RESOLVED[memo_key] = result
        return result


def _resolve(choice: str, language: str, url: str | None, harper_rules: frozenset[str] | None) -> Resolution:
    if choice == "none":
        return Resolution(None)
    if choice in ("harper", "offline"):
        try:
            return Resolution(HarperBackend(language, harper_rules))
        except BackendUnavailable as exc:
            return Resolution(None, f"the offline grammar backend is unavailable: {exc}", str(exc))
    local_jar = bool(os.environ.get("LTP_JAR_DIR_PATH"))
    want_lt = choice == "languagetool" or url is not None or local_jar
    why = ""
    how = HOW_TO_START
    if want_lt:
        try:
            if url:
                problem = probe_languagetool(url)
                if problem:
                    raise BackendUnavailable(f"LanguageTool at {url} is not reachable ({problem})")
            elif not local_jar:  # never let the library download LanguageTool behind the user's back
                raise BackendUnavailable("no LanguageTool server is configured")
            return Resolution(LanguageToolBackend(language, url))
        except BackendUnavailable as exc:
            why = str(exc)
            how = "" if isinstance(exc, ClientMissing) else HOW_TO_START  # the message says what to install
        if choice == "languagetool":
            message = f"backend is \"languagetool\" but {why}" + (f"; {how}" if how else "")
            return Resolution(None, message, message, fatal=True)
        why = f"{why} ({how})" if how else why
    try:
        fallback = HarperBackend(language, harper_rules)
    except BackendUnavailable as exc:
        reason = f"{why}; " if why else ""
        return Resolution(None, f"{reason}no grammar backend is available: {exc}", f"{reason}{exc}")
    if why:
        return Resolution(fallback, f"{why}; using the offline Harper checker instead", why)
    return Resolution(fallback)


def reset() -> None:
    """Forget resolved backends and server identities (tests)."""
    with _IDENTITY_LOCK:
        _IDENTITIES.clear()
    with _RESOLVE_LOCK:
        for res in _RESOLVED.values():
            close = getattr(res.backend, "close", None)
            if close is not None:
                close()
        _RESOLVED.clear()
