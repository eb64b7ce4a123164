"""A document's grammar and spelling issues, at source offsets, through the paragraph cache.

Flow: ``extract_paragraphs`` → cache lookup by paragraph hash and backend → the backend
checks only the paragraphs not cached (batched) → matches mapped back to ``Document.text``
offsets. QA501 and QA502 share one check per document (memoised per process), then each
keeps its kind and applies its own noise control.
"""

from __future__ import annotations

import collections
import hashlib
import re
import threading
from dataclasses import dataclass
from typing import Any, Sequence

from curate.grammar.backends import Backend, Match
from curate.grammar.prose import Paragraph, extract_paragraphs

NAMESPACE = "grammar"
"""Cache namespace: key = hash of backend key and paragraph text; value = matches."""

DEFAULT_DISABLED: frozenset[str] = frozenset({
    # LanguageTool rules other curate rules cover, or that misfire on notes
    "WHITESPACE_RULE",              # QA604 whitespace
    "CONSECUTIVE_SPACES",           # QA604
    "ENGLISH_WORD_REPEAT_RULE",     # repeated words: QA204's territory
    "ENGLISH_WORD_REPEAT_BEGINNING_RULE",  # style: three sentences starting alike
    "UPPERCASE_SENTENCE_START",     # list items and headings start with identifiers
    "PUNCTUATION_PARAGRAPH_END",    # bullet fragments have no full stop
    "EN_QUOTES",                    # typographic quotes are a style choice
    "DASH_RULE",
    "EN_UNPAIRED_BRACKETS",         # brackets split by stripped code and links
    "EN_UNPAIRED_QUOTES",
    "SENTENCE_WHITESPACE",          # "18.What is ...": list numbering written without a space
    "COMMA_PARENTHESIS_WHITESPACE",  # spacing around commas and brackets: QA604's territory
    "SPACE_BEFORE_PARENTHESIS",
    "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA",  # "Hence, ...": punctuation style, not grammar
    # hyphenation advice ("10 min training", "one step prediction"): spelling style
    "HOUR_HYPHEN", "STARS_AND_STEPS", "CROSS_COMPOUNDS", "OVER_COMPOUNDS", "IES_IZE",
    # rules that read technical noun compounds as verbs or possessives ("odds ratio",
    # "graph neural networks", "label smoothing", "learned using", "should innovation
    # residuals have"): wrong in a judged sample of four public collections
    "POSSESSIVE_APOSTROPHE", "BEEN_PART_AGREEMENT", "LEARN_NNNNS_ON_DO", "AFFORD_VBG", "PRP_MD_NN",
    "AUXILIARY_DO_WITH_INCORRECT_VERB_FORM", "ATD_VERBS_TO_COLLOCATION", "INTERESTED_BY",
    "THERE_RE_MANY", "THE_NN_AND_THE_NN",
    # "a determiner may be missing" before a superlative: list fragments drop articles on
    # purpose, and "least squares", "steepest descent" are names of methods
    "THE_SUPERLATIVE",
})
"""LanguageTool rules off unless re-enabled with the ``enabled-rules`` option."""

DEFAULT_DISABLED_CATEGORIES: frozenset[str] = frozenset({
    # LanguageTool rule categories that are not grammar, measured on four public Q&A
    # collections (1,070 findings before, 3 in 4 of them from these): "$" of LaTeX math
    # taken for currency, "->" arrows, "e.g."/"etc." punctuation, commas before "and",
    # product-name casing (Github), "a large number of" wordiness, hyphenation advice.
    "TYPOGRAPHY", "PUNCTUATION", "CASING", "STYLE", "REDUNDANCY", "REPETITIONS_STYLE",
    "AMERICAN_ENGLISH_STYLE", "BRITISH_ENGLISH", "PROPER_NOUNS", "COMPOUNDING", "MISC",
    "PLAIN_ENGLISH", "CREATIVE_WRITING", "WIKIPEDIA", "TEXT_ANALYSIS", "GENDER_NEUTRALITY",
})
"""LanguageTool categories off unless a category id (or a rule id) is in ``enabled-rules``."""

DEFAULT_ENABLED: frozenset[str] = frozenset({
    "EN_A_VS_AN",                   # "a apple": grammar, filed by LanguageTool under MISC
})
"""LanguageTool rules on although their category is off by default."""


def languagetool_wanted(match: Match, enabled: set[str] | frozenset[str], disabled: set[str] | frozenset[str]) -> bool:
    """Whether a LanguageTool match is reported, given ``enabled-rules`` and
    ``disabled-rules`` (rule or category ids; disabling wins)."""
    if match.rule in disabled or match.category in disabled:
        return False
    if match.rule in enabled or match.category in enabled or match.rule in DEFAULT_ENABLED:
        return True
    return match.rule not in DEFAULT_DISABLED and match.category not in DEFAULT_DISABLED_CATEGORIES

HARPER_GRAMMAR: frozenset[str] = frozenset({
    # Harper turns on ~900 rules by default, most of them style advice or phrase
    # suggestions that misfire on technical notes (measured on four public Q&A corpora:
    # OrthographicConsistency, SentenceCapitalization, ExpandMinimum, ... fire on code
    # identifiers and math). Offline QA501 keeps this short list of agreement and
    # confusion rules that were right when they fired; enabled-rules adds others.
    "PronounVerbAgreement",         # "we proposes"
    "AnA",                          # "an unified", "a optimization"
    "MoreBetter",                   # "more simpler"
    "AllowTo",                      # "allows to understand"
    "VeryLess",                     # "too less"
    "DotInitialisms",               # "eg."
    "CallThem",                     # "we call it as a"
    "ThisTypeOfThing",              # "these kind of"
    "ItsContraction",               # "its a"
    "AnAnother",
    "DoubleModal",                  # "might could"
    "IsBeenAuxSequence",
    "SingleBe",                     # "is be"
    "IAmAgreement",
    "PronounAre",
    "WasWere", "SubjunctiveWasToWere",
    "LessWorse",
    "Misspell",                     # Harper's list of common misspellings
})
"""Harper grammar rules on by default (all other Harper grammar rules are off)."""



MAX_PARAGRAPH_CHARS = 10_000
"""Longer paragraphs are not checked: no one writes prose like that, and a checker's time
grows faster than the text (a 2 MB one-line file would stall the run)."""
MIN_LETTER_SHARE = 0.3
"""A paragraph with fewer letters than this share (``*_*_*_``, tables of numbers) is not prose."""


def is_prose(text: str) -> bool:
    """Worth sending to a checker."""
    if not text or len(text) > MAX_PARAGRAPH_CHARS:
        return False
    letters = sum(map(str.isalpha, text))
    return letters >= MIN_LETTER_SHARE * len(text)


@dataclass(frozen=True, slots=True)
class Issue:
    """A backend match at source offsets."""

    start: int
    """Offset in ``Document.text``."""
    end: int
    """End offset (exclusive)."""
    word: str
    """The prose text matched (what the checker saw)."""
    match: Match
    token: str = ""
    """The whitespace-delimited prose token around the match ("README.md" for "md")."""
    next_word: str = ""
    """The prose word right after the match ("" at the end; a placeholder is "\x00")."""
    mid_sentence: bool = False
    """The match follows other words of its sentence (it does not start one)."""
    name_like: bool = False
    """Capitalised in the middle of a sentence of an otherwise lower-case paragraph: most
    likely a name (a person, company or product), not a misspelt word."""


def cache_key(backend_key: str, paragraph: str) -> str:
    return hashlib.sha256(f"{backend_key}\x1f{paragraph}".encode("utf-8", "surrogatepass")).hexdigest()[:40]


def paragraph_matches(paragraphs: Sequence[str], backend: Backend, cache: Any = None) -> tuple[list[list[Match]], int]:
    """Matches per paragraph, from this process's memo or the cache where possible; also
    how many paragraphs the backend had to check (0 on a warm run).

    A paragraph's matches depend only on its text and the backend (the paragraph cache
    rests on that too), so a paragraph repeated across files ("Answer:", a shared
    disclaimer) is checked once per process even with no cache."""
    out: list[list[Match] | None] = [None] * len(paragraphs)
    missing: dict[str, int] = {}  # paragraph text -> first index, not in the memo
    with _PARAGRAPH_LOCK:
        for i, text in enumerate(paragraphs):
            found = _PARAGRAPHS.get((backend.key, text))
            if found is not None:
                _PARAGRAPHS.move_to_end((backend.key, text))
                out[i] = found
            else:
                missing.setdefault(text, i)
    if not missing:
        return [o or [] for o in out], 0
    by_text = _from_cache(list(missing), backend.key, cache)
    todo = [text for text in missing if text not in by_text]
    if todo:
        fresh = dict(zip(todo, backend.check(todo)))
        if cache is not None:
            keyed = sorted((cache_key(backend.key, text), [m.to_json() for m in found]) for text, found in fresh.items())
            cache.put_many(NAMESPACE, keyed)
        by_text.update(fresh)
    _remember(backend.key, by_text)
    for i, text in enumerate(paragraphs):
        if out[i] is None:
            out[i] = by_text[text]
    return [o or [] for o in out], len(todo)


def _from_cache(texts: list[str], backend_key: str, cache: Any) -> dict[str, list[Match]]:
    """The matches of ``texts`` the paragraph cache holds (undamaged entries only)."""
    if cache is None:
        return {}
    keys = {text: cache_key(backend_key, text) for text in texts}
    cached: dict[str, Any] = cache.get_many(NAMESPACE, sorted(set(keys.values())))
    out = {}
    for text, key in keys.items():
        value = cached.get(key)
        if value is not None:
            try:
                out[text] = [Match.from_json(v) for v in value]
            except (TypeError, ValueError):
                pass
    return out


_PARAGRAPHS: collections.OrderedDict[tuple[str, str], list[Match]] = collections.OrderedDict()
_PARAGRAPH_LOCK = threading.Lock()
_PARAGRAPHS_SIZE = 50_000
"""Paragraphs remembered per process (least recently used dropped first)."""


def _remember(backend_key: str, by_text: dict[str, list[Match]]) -> None:
    with _PARAGRAPH_LOCK:
        for text, found in by_text.items():
            _PARAGRAPHS[(backend_key, text)] = found
        while len(_PARAGRAPHS) > _PARAGRAPHS_SIZE:
            _PARAGRAPHS.popitem(last=False)


_MEMO: collections.OrderedDict[tuple[str, str], list[Issue]] = collections.OrderedDict()
_MEMO_LOCK = threading.Lock()
_MEMO_SIZE = 64


def document_issues(text: str, backend: Backend, cache: Any = None) -> list[Issue]:
    """Every issue the backend reports in a Markdown text, at source offsets, sorted.
    Matches inside (or touching) a code or URL placeholder are dropped."""
    memo_key = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), backend.key)
    with _MEMO_LOCK:
        if memo_key in _MEMO:
            _MEMO.move_to_end(memo_key)
            return _MEMO[memo_key]
    paragraphs = [p for p in extract_paragraphs(text) if is_prose(p.text)]
    per_para, _ = paragraph_matches([p.text for p in paragraphs], backend, cache)
    issues = []
    for para, matches in zip(paragraphs, per_para):
        issues.extend(_map(para, matches))
    issues.sort(key=lambda i: (i.start, i.end, i.match.kind, i.match.rule))
    with _MEMO_LOCK:
        _MEMO[memo_key] = issues
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return issues


def _map(para: Paragraph, matches: Sequence[Match]) -> list[Issue]:
    out = []
    for m in matches:
        start, end = m.offset, m.offset + max(m.length, 1)
        if start < 0 or start >= len(para.text) or para.is_masked(start, end):
            continue
        src_start, src_end = para.source_span(start, end)
        out.append(Issue(src_start, src_end, para.text[start:end], m, _token(para.text, start, end),
                         _next_word(para, end), _mid_sentence(para.text, start), _name_like(para.text, start)))
    return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“(*-–—•"


def _name_like(text: str, start: int) -> bool:
    if not text[start : start + 1].isupper():
        return False
    if not _mid_sentence(text, start):
        return False  # starts a sentence, a quote or a list item
    words = _WORD.findall(text)
    capitalised = sum(w[0].isupper() for w in words)
    return bool(capitalised < 0.5 * len(words))  # a Title Case heading is checked word by word


def _next_word(para: Paragraph, end: int) -> str:
    rest = para.text[end:]
    skipped = len(rest) - len(rest.lstrip())
    m = re.match(r"\S+", rest[skipped:])
    if m is None:
        return ""
    begin = end + skipped
    return "\x00" if para.is_masked(begin, begin + 1) else m.group(0)


def _token(text: str, start: int, end: int) -> str:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def clear_memo() -> None:
    """Forget memoised documents and paragraphs (tests, benchmarks of the cache)."""
    with _MEMO_LOCK:
        _MEMO.clear()
    with _PARAGRAPH_LOCK:
        _PARAGRAPHS.clear()
