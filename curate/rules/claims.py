"""Rule family: claims — statements that age.

* QA401 outdated-claim: a claim the dated knowledge base (``data/claims.toml``) says is
  stale as of ``--as-of``.
* QA402 time-sensitive: wording that ages ("(expected)", "upcoming", "as of 2023", a
  "by 2025" prediction now past).
* QA403 acronym-mismatch: an acronym beside an expansion that is not its own.

All three read prose views of the whole file (code, URLs and HTML blanked, offsets kept)
so that claims in prefaces and loose sections are seen too; each finding names the record
it sits in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

from curate.corpus.model import Document, Record
from curate.rules.base import Finding, Rule, RuleContext, Severity
from curate.rules.support.docdate import TextDate, TextDates
from curate.rules.support.knowledge import (
    ClaimEntry,
    Glossary,
    KeywordFinder,
    KnowledgeError,
    check_user_file_names,
    check_user_files,
    compile_safe,
    load_glossary,
    load_knowledge_base,
    normalize_acronym,
    normalize_expansion,
    required_literals,
    resolve_user_files,
)
from curate.rules.support.prose import block_at, lower_view, prose_view, sentence_at


class _RecordIndex:
    """Which record a line belongs to (records are in file order, spans disjoint)."""

    def __init__(self, doc: Document) -> None:
        self.records = sorted(doc.records, key=lambda r: r.span.line_start)
        self.starts = [r.span.line_start for r in self.records]

    def at(self, line: int) -> Record | None:
        i = bisect.bisect_right(self.starts, line) - 1
        if i >= 0 and self.records[i].span.line_start <= line <= self.records[i].span.line_end:
            return self.records[i]
        return None


def _options(rule: Rule, ctx: RuleContext) -> Any:
    return ctx.options if ctx.options is not None else rule.Options()


# -- QA401 ----------------------------------------------------------------------------------


class OutdatedClaim(Rule):
    """A statement the dated knowledge base says is stale as of ``--as-of``.

    Notes age fast: models get released, renamed, retired; platforms remove features
    and reach end of life (dockershim, PodSecurityPolicy, Python 2, Heroku's free tier)
    or stop serving API versions (a manifest or a note on ``autoscaling/v2beta2`` or
    ``extensions/v1beta1``, removed by Kubernetes releases with known dates).
    Each knowledge base entry (``curate/rules/data/claims.toml``) has regex patterns,
    the date the claim went stale, what superseded it and a source URL. A finding fires
    only when the run's ``--as-of`` date is after ``stale_since``, and never when the
    sentence frames the claim historically ("was", "until", "retired"). A name merely
    given as an example ("a model like GPT-4") is not a claim and is not reported.

    Bad:

        GPT-5 (expected): likely to have better multimodal understanding.
        ### Fine-Tuning GPT-3 for Text Generation

    Good:

        GPT-5 was released on 2025-08-07.
        Models like GPT-3 can perform zero-shot learning.

    Dated text is judged as of its own date. A text that says when it was written (a
    table row dated "28th August 2024", a heading "## August 2024", front matter
    ``date:``, "Updated: 2023-05", an archive banner, a path such as
    ``2024_papers/august_list.md``) is reported only when the claim was already stale,
    by more than ``grace_days``, on the last day of that date: a paper abstract from
    August 2024 calling GPT-4 "the most advanced model" was right then. The finding
    names the date it used and where it was read.
    """

    code = "QA401"
    name = "outdated-claim"
    summary = "A claim the dated knowledge base says is stale as of --as-of"
    severity = Severity.WARNING
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        knowledge_files: tuple[str, ...] = ()
        """Extra TOML files of ``[[claim]]`` entries, relative to the config file's folder
        (or the corpus root); an entry with a shipped id replaces it."""
        builtin: bool = True
        """Use the shipped knowledge base."""
        disable: tuple[str, ...] = ()
        """Entry ids to skip."""
        text_dates: bool = True
        """Judge text that dates itself (row, heading, front matter, path) as of that date."""
        grace_days: int = 180
        """A dated text is reported only for claims stale this long before its date."""

        def __post_init__(self) -> None:
            check_user_file_names(self.knowledge_files)

    @classmethod
    def check_options(cls, options: OutdatedClaim.Options, config_root: Path) -> None:
        """Named knowledge files must be inside the config folder and valid (a config error, not a rule failure per file)."""
        check_user_files(options.knowledge_files, config_root, lambda path: load_knowledge_base([path], builtin=False))

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts = _options(self, ctx)
        files = resolve_user_files(opts.knowledge_files, ctx.root, ctx.settings)
        kb = load_knowledge_base(files, builtin=opts.builtin, disabled=opts.disable)
        as_of = ctx.as_of
        prose = prose_view(doc.text)
        lowered = lower_view(prose)
        hits = kb.keyword_hits(lowered, in_code=False)
        entries = [e for e in kb.candidates(prose, in_code=False, hits=hits) if as_of > e.stale_since]
        code_entries: list[ClaimEntry] = []
        code_view = code_lowered = ""
        code_hits: dict[str, list[int]] = {}
        if any(e.in_code for e in kb.entries):
            code_view = prose_view(doc.text, keep_code=True)
            code_lowered = lower_view(code_view)
            code_hits = kb.keyword_hits(code_lowered, in_code=True)
            code_entries = [e for e in kb.candidates(code_view, in_code=True, hits=code_hits) if as_of > e.stale_since]
        if not entries and not code_entries:
            return []
        # built on the first match: most files with a keyword have no claim
        index: _RecordIndex | None = None
        dates: TextDates | None = None
        grace = dt.timedelta(days=max(0, opts.grace_days))
        seen: set[tuple[str, int]] = set()
        findings: list[Finding] = []
        groups = ((prose, lowered, hits, entries), (code_view, code_lowered, code_hits, code_entries))
        for view, lowered, found, group in groups:
            for entry in group:
                done = {line for eid, line in seen if eid == entry.id}
                reported = lambda at, done=done: doc.locate(at)[0] in done  # noqa: E731
                for start, end in _entry_matches(entry, view, lowered, reported, found):
                    line, _ = doc.locate(start)
                    if (entry.id, line) in seen:
                        continue
                    seen.add((entry.id, line))
                    done.add(line)
                    if index is None:
                        index = _RecordIndex(doc)
                        dates = TextDates(doc.text, doc.rel_path) if opts.text_dates else None
                    dated = dates.at(line) if dates is not None else None
                    if dated is not None and entry.stale_since + grace >= dated.last:
                        continue  # true (or only just stale) when the text was written
                    when = f"; this text is dated {dated.describe()}" if dated is not None else ""
                    findings.append(
                        self.finding_at(
                            doc,
                            start,
                            end,
                            f"Outdated claim ({entry.id}): {entry.message} "
                            f"[stale since {entry.stale_since.isoformat()}{when}; source: {entry.source}]",
                            record=index.at(line),
                        )
                    )
        return sorted(findings, key=Finding.sort_key)


def _entry_matches(
    entry: ClaimEntry,
    view: str,
    lowered: str,
    reported: Callable[[int], bool] = lambda at: False,
    hits: Mapping[str, Sequence[int]] | None = None,
) -> Iterator[tuple[int, int]]:
    """Spans where the entry's patterns match, unless the sentence around the match
    matches one of its exceptions. Patterns run only over the blocks (paragraphs, list
    items) that contain one of the entry's keywords: a few small regions per file.
    ``hits`` (keyword -> offsets in ``lowered``, see ``KnowledgeBase.keyword_hits``)
    saves searching for the keywords again."""
    regions: set[tuple[int, int]] = set()
    prefilter = False
    if entry.keywords and len(lowered) == len(view):  # offsets agree (no "İ"-like letters)
        prefilter = not any(ch in view for ch in _FOLDS_TO_ASCII)
        for keyword in entry.keywords:
            offsets = hits.get(keyword, ()) if hits is not None else _occurrences(lowered, keyword)
            next_from = 0
            for i in offsets:
                if i < next_from:
                    continue  # inside the block just added
                region = block_at(view, i)
                regions.add(region)
                next_from = max(region[1], i + 1)
    else:
        regions.add((0, len(view)))
    for start, end in sorted(regions):
        for pattern in entry.patterns:
            needed = required_literals(pattern) if prefilter else ()
            if needed and not any(lowered.find(lit, start, end) >= 0 for lit in needed):
                continue  # no match can be in this region: it lacks every literal a match holds
            for match in pattern.finditer(view, start, end):
                if match.end() == match.start() or reported(match.start()):
                    continue  # one finding per entry and line: skip the sentence work
                s, e = sentence_at(view, match.start())
                sentence = view[min(s, match.start()) : max(e, match.end())]
                if any(exc.search(sentence) for exc in entry.exceptions):
                    continue
                yield match.start(), match.end()


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Start offsets of ``word`` in ``text``, overlapping ones included."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


# -- QA402 ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _TimePattern:
    id: str
    regex: re.Pattern[str]
    message: str
    when: str = "always"
    """always | past-year (group ``year`` before as_of's year) | prediction (past year and
    future wording in the sentence) | deadline (a day before as_of: an expired offer)."""
    needles: tuple[str, ...] = ()
    """Lower-case literals, one of which must be in the file for the regex to run."""
    lead: re.Pattern[str] | None = None
    """Must match right before the regex match (a year found fast, then "as of" before it)."""
    anchors: tuple[str, ...] = ()
    """Lower-case literals of which every match contains one, with at most ``reach``
    non-space characters between the start of the match and it (which must be a
    non-space character): the regex is tried only at those few places instead of at
    every character (see ``_anchored``); tests/test_claims_speed.py checks this."""
    reach: int = 0
    dated: str = "keep"
    """What a date the text gives itself does: "skip" (wording relative to the time of
    writing, which that date now tells: "to date", "upcoming", "recently released"),
    "resolve" ("next year" becomes a year, reported once past) or "keep"."""


_FUTURE_WORDS = re.compile(
    r"\b(?:will|is expected to|are expected to|expects?|predicts?|predicted|forecasts?|projected|"
    r"set to|going to|could reach|anticipated|plans? to|aims? to)\b",
    re.I,
)

_WHEN = ("always", "past-year", "prediction", "deadline")
_DATED = ("skip", "resolve", "keep")


def _load_time_patterns() -> tuple[_TimePattern, ...]:
    """The shipped phrase checks (``data/time_phrases.toml``), compiled and checked once."""
    raw = tomllib.loads(resources.files("curate.rules").joinpath("data/time_phrases.toml").read_text("utf-8"))
    found = []
    for entry in raw["phrase"]:
        where = f"time_phrases.toml: {entry['id']}"
        flags = 0 if entry.get("case_sensitive", False) else re.I
        lead = entry.get("lead")
        if entry.get("when", "always") not in _WHEN or entry.get("dated", "keep") not in _DATED:
            raise KnowledgeError(f"{where}: when must be one of {', '.join(_WHEN)}; dated one of {', '.join(_DATED)}")
        found.append(
            _TimePattern(
                entry["id"],
                compile_safe(entry["regex"], flags, where=where),
                entry["message"],
                when=entry.get("when", "always"),
                needles=tuple(entry.get("needles", ())),
                lead=compile_safe(lead, re.I, where=where) if lead else None,
                anchors=tuple(entry.get("anchors", ())),
                reach=int(entry.get("reach", 0)),
                dated=entry.get("dated", "keep"),
            )
        )
    return tuple(found)


_TIME_PATTERNS = _load_time_patterns()
"""The shipped phrase list: data, so a new phrase is an entry, not code."""

_DEFAULT_TIME_EXCEPTIONS = (
    r"\b(?:install|installing|installed|upgrade|upgrading|update|updating|download|downloading|get|use|using|pull)\s+(?:to\s+)?the\s+(?:latest|newest)\b",
    r"\b(?:latest|newest)\s+(?:stable\s+)?(?:version|release)\s+of\s+(?:pip|python|node|npm|conda|the\s+(?:package|library|driver|sdk|software|browser|app|os|operating system|framework))\b",
    r"\bthe\s+(?:latest|most recent)\s+(?:tokens?|tokens? generated|state|hidden state|checkpoint|weights|commit|data|data points?|observations?|time ?steps?|inputs?|outputs?|messages?|turns?|entries|entry|records?|events?|values?|frames?|news)\b",
    r"\b(?:--upgrade|pip install -U|@latest|:latest)\b",
    r"\b(?:code|data|datasets?|weights|models?|checkpoints?|benchmarks?|source code|materials?|implementation)\s+(?:and\s+\w+\s+)?(?:will|are going to)\s+be\s+(?:made\s+)?(?:publicly\s+)?(?:released|available|open[- ]sourced)\b",
    r"\b(?:we|authors?|they)\s+(?:will|plan to|intend to)\s+(?:publicly\s+)?(?:release|open[- ]source)\b",
    r"\bwill\s+(?:publicly\s+|also\s+)?(?:release|open[- ]source)\s+(?:all\s+|our\s+|the\s+|its\s+)?(?:\w+\s+){0,2}?(?:code|data|datasets?|prompts?|models?|weights|checkpoints?|benchmarks?|resources|artifacts|tools?)\b",
    r"\b(?:all of which|both of which|which|these|all)\s+will\s+be\s+(?:publicly\s+|freely\s+)?(?:released|made available|open[- ]sourced)\b",
    r"\b(?:upcoming|following|next)\s+(?:sections?|chapters?|lessons?|weeks?|modules?|parts?|posts?|articles?|sessions?|videos?|days?)\b",
    # what a program does, not a product's release: "the function will be launched in a new
    # coroutine", "the lock is released", "the activity will be launched"
    r"\b(?:functions?|methods?|coroutines?|goroutines?|threads?|process(?:es)?|jobs?|tasks?|activit(?:y|ies)|fragments?|"
    r"intents?|locks?|mutex(?:es)?|semaphores?|memory|resources?|connections?|sockets?|handles?|objects?|instances?|"
    r"callbacks?|events?|listeners?|requests?|containers?|pods?|workers?|transactions?|promises?|timers?|scripts?|"
    r"programs?|commands?|hooks?|effects?|components?|windows?|dialogs?|emulators?|simulators?|vms?|servers?|"
    r"browsers?|pipelines?|builds?)\s+(?:\w+\s+){0,2}?(?:will|is going to|are going to)\s+(?:be\s+)?"
    r"(?:released|launched|shipped|launch|release)\b",
)


class TimeSensitive(Rule):
    """Wording that ages: "(expected)", "upcoming", "recently released", "currently the
    best", "as of 2023", a "by 2025" prediction whose year is already past, or an offer
    or announcement whose day has passed ("valid until January 15th, 2025", "the course
    starts on July 8th 2024").

    A note that says a model is "expected" or "the latest" is right the day it is
    written and wrong a few months later. Dated phrases ("as of 2023") and predictions
    ("by 2025, 30% of ...") are reported only when their year is due as of ``--as-of``.
    Instructions such as "install the latest version" or "the latest version of pip",
    "keep it up to date", and what a program does ("the function will be launched in a
    new coroutine", "the lock will be released") are not time claims and stay clean,
    and neither is an exercise sentence with a blank to fill in ("By next year, I ___
    my studies.").

    Bad:

        GPT-5 (expected): better reasoning.
        As of 2023, GPT-4 is currently the most capable model.
        By 2025, 30% of outbound marketing messages will be AI-generated.

    Good:

        GPT-5 was released on 2025-08-07.
        Install the latest version of pip before you start.

    Text that dates itself (a table row dated "28th August 2024", a heading "## August
    2024", front matter ``date:``, "Updated: 2023-05", an archive banner, a path such as
    ``2024_papers/august_list.md``) already says when "to date", "upcoming", "recently
    released" or "as of 2024" were true, so those are not reported there; "next year"
    in it is read as a year (a text dated 2022 means 2023) and reported once that year
    is over, naming the date used. The phrase list is data
    (``curate/rules/data/time_phrases.toml``): each phrase has a regex, a message and
    its strategy (report always, a past year, a due prediction; skip, resolve or keep
    in dated text). A prediction "by 2026" is due once 2026 has begun; "in 2026" or
    "by the end of 2026" once it is over.
    """

    code = "QA402"
    name = "time-sensitive"
    summary = "Wording that ages: expected, upcoming, as of 2023, past predictions"
    severity = Severity.INFO
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        patterns: tuple[str, ...] = ()
        """Extra regexes (case-insensitive) for time-sensitive wording."""
        exceptions: tuple[str, ...] = ()
        """Regexes (case-insensitive): a sentence that matches one is not reported."""
        builtin: bool = True
        """Use the shipped phrase list."""
        text_dates: bool = True
        """Judge text that dates itself (row, heading, front matter, path) as of that date."""

        def __post_init__(self) -> None:
            # a bad regex is a config error (exit 2, key named), not a crash per file
            for key in ("patterns", "exceptions"):
                for pattern in getattr(self, key):
                    compile_safe(pattern, re.I, where=key)

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts = _options(self, ctx)
        patterns = list(_TIME_PATTERNS) if opts.builtin else []
        patterns += _custom_patterns(tuple(opts.patterns))
        exceptions = _compiled_exceptions(tuple(opts.exceptions))
        if not patterns:
            return []
        view = prose_view(doc.text)
        as_of = ctx.as_of
        index = _RecordIndex(doc)
        dates: TextDates | None = None  # read on the first match only: most files have none
        findings: list[Finding] = []
        seen: set[int] = set()
        lowered = lower_view(view)
        words = _TIME_WORDS.hits(lowered)
        anchored = _offsets_agree(view, lowered)
        for tp in patterns:
            if tp.needles and not any(n in words for n in tp.needles):
                continue
            matches = _anchored(tp, view, words) if anchored and tp.anchors else tp.regex.finditer(view)
            for match in matches:
                begin = match.start()
                if tp.when != "always" and _year_of(match) > as_of.year:
                    continue  # not past: _time_message says nothing about it
                line = doc.locate(begin)[0]
                if line in seen:
                    continue  # one finding per line is enough to make someone look
                dated = None
                if opts.text_dates and tp.dated != "keep":
                    dates = dates or TextDates(doc.text, doc.rel_path)
                    dated = dates.at(line)
                if dated is not None and tp.dated == "skip" and (tp.when == "always" or _year_of(match) <= dated.last.year):
                    continue  # the text's own date says when "to date" / "upcoming" / "as of 2023" was
                if tp.lead is not None:
                    lead = tp.lead.search(view, max(0, begin - 60), begin)
                    if lead is None:
                        continue
                    begin = lead.start()
                s, e = sentence_at(view, begin)
                sentence = view[min(s, begin) : max(e, match.end())]
                if _EXERCISE_BLANK.search(sentence):
                    continue  # "By next year, I ___ my studies.": an exercise to fill in, no claim
                message = _time_message(tp, match, view[begin : match.end()], sentence, as_of, dated)
                if message and not any(exc.search(sentence) for exc in exceptions):
                    line = doc.locate(begin)[0]
                    seen.add(line)
                    findings.append(self.finding_at(doc, begin, match.end(), message, record=index.at(line)))
        return sorted(findings, key=Finding.sort_key)


_EXERCISE_BLANK = re.compile(r"_{3,}")
"""A blank to fill in ("I ___ my studies"): the sentence is an exercise, not a claim."""

_TIME_WORDS = KeywordFinder(w for tp in _TIME_PATTERNS for w in tp.anchors + tp.needles)
"""Needles and anchors of the shipped patterns, found in one scan of the lower-cased view."""
_FOLDS_TO_ASCII = ("ı", "ſ")
"""Letters that a case-insensitive regex matches as "i" and "s" but that ``str.lower``
keeps as they are ("İ" changes the length of the lower-cased text, checked apart)."""


def _offsets_agree(view: str, lowered: str) -> bool:
    """True when an anchor found in ``lowered`` is at the same offset in ``view`` and
    every case-insensitive match in ``view`` shows in ``lowered``; else the patterns
    scan the whole view."""
    return len(lowered) == len(view) and not any(ch in view for ch in _FOLDS_TO_ASCII)


def _anchored(tp: _TimePattern, view: str, hits: Mapping[str, Sequence[int]]) -> Iterator[re.Match[str]]:
    """The matches ``tp.regex.finditer(view)`` yields, found by trying the regex only
    where a match can start: at an anchor, or at one of the ``tp.reach`` non-space
    characters before it (every match starts with a letter and holds an anchor)."""
    starts: set[int] = set()
    for anchor in tp.anchors:
        for at in hits.get(anchor, ()):
            starts.add(at)
            starts.update(_non_space_before(view, at, tp.reach))
    end = 0
    for at in sorted(starts):
        if at < end:
            continue  # inside the previous match: finditer goes on after it
        match = tp.regex.match(view, at)
        if match is not None:
            end = match.end()
            yield match


def _non_space_before(view: str, at: int, count: int) -> list[int]:
    """Offsets of the ``count`` non-space characters before ``at`` (whitespace runs,
    such as blanked code, skipped a chunk at a time)."""
    found: list[int] = []
    end = at
    while end > 0 and len(found) < count:
        lo = max(0, end - 32)
        kept = len(view[lo:end].rstrip())
        if kept:
            end = lo + kept - 1
            found.append(end)
        else:
            end = lo
    return found


@functools.lru_cache(maxsize=8)
def _custom_patterns(texts: tuple[str, ...]) -> tuple[_TimePattern, ...]:
    """The ``patterns`` option compiled (and checked) once per process, not per file."""
    return tuple(
        _TimePattern(f"custom-{i + 1}", compile_safe(p, re.I, where="QA402.patterns"), "'{m}' is time-sensitive wording; it ages")
        for i, p in enumerate(texts)
    )


@functools.lru_cache(maxsize=8)
def _compiled_exceptions(extra: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in _DEFAULT_TIME_EXCEPTIONS) + tuple(
        compile_safe(p, re.I, where="QA402.exceptions") for p in extra
    )


def _time_message(
    tp: _TimePattern, match: re.Match[str], matched: str, sentence: str, as_of: dt.date, dated: TextDate | None = None
) -> str | None:
    text = " ".join(matched.split())
    if tp.dated == "resolve" and dated is not None:
        return _resolved_message(text, dated, as_of)
    if tp.when == "always":
        return "Time-sensitive wording: " + tp.message.format(m=text)
    if tp.when == "deadline":
        day = _day_of(match)
        if day is None or day >= as_of:
            return None
        return "Time-sensitive wording: " + tp.message.format(m=text, as_of=as_of.isoformat())
    year = int(match.group("year"))
    if tp.when == "past-year":
        if year >= as_of.year:
            return None
        age = as_of.year - year
        return "Time-sensitive wording: " + tp.message.format(
            m=text, age=f"{age} year{'s' if age != 1 else ''}", as_of=as_of.isoformat()
        )
    # prediction: the sentence must speak of the future about a year now due
    if year > as_of.year or (year == as_of.year and not _DUE_AT_START.match(text)):
        return None  # "in 2026" is due once 2026 is over; "by 2026" once it has begun
    if not _FUTURE_WORDS.search(sentence):
        return None
    return "Time-sensitive wording: " + tp.message.format(m=text, year=year, as_of=as_of.isoformat())


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_GROUPS = (("year", "month", "day"), ("year2", "month2", "day2"), ("year3", "month3", "day3"))


def _year_of(match: re.Match[str]) -> int:
    """The year a dated match names (a deadline may write its day three ways)."""
    groups = match.groupdict()
    return int(next(groups[y] for y, _m, _d in _DATE_GROUPS if groups.get(y)))


def _day_of(match: re.Match[str]) -> dt.date | None:
    """The day a deadline match names, or None when it is no real day (30 February)."""
    groups = match.groupdict()
    for y, m, d in _DATE_GROUPS:
        if groups.get(y):
            month = groups[m]
            number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
            try:
                return dt.date(int(groups[y]), number, int(groups[d]))
            except ValueError:
                return None
    return None


_DUE_AT_START = re.compile(r"(?:by|before)\s+\d", re.I)
"""A deadline reached when its year begins ("by 2026", "before 2026"); "in 2026" and
"by the end of 2026" are due only after that year."""
_RELATIVE_YEARS = (("this year", 0), ("next year", 1), ("coming year", 1), ("coming months", 1), ("coming years", 2))


def _resolved_message(text: str, dated: TextDate, as_of: dt.date) -> str | None:
    """"next year" in a text dated 2022 means 2023: reported once that year is over."""
    lowered = text.lower()
    offset = next((n for phrase, n in _RELATIVE_YEARS if phrase in lowered), None)
    if offset is None or dated.first.year != dated.last.year:
        return None
    year = dated.last.year + offset
    if year >= as_of.year:
        return None
    return (
        f"Time-sensitive wording: '{text}' in a text dated {dated.describe()} means {year}, "
        f"which is past as of {as_of.isoformat()}: say what happened"
    )


# -- QA403 ----------------------------------------------------------------------------------

_ACRONYM = r"[A-Za-z][A-Za-z0-9&/-]{0,10}[A-Za-z0-9]"
_PAREN_ACRONYM = re.compile(r"\(\s*(?P<acr>" + _ACRONYM + r")\s*\)")
_ACRONYM_PAREN = re.compile(r"(?<![\w-])(?P<acr>" + _ACRONYM + r")[ \t]*\((?P<exp>[^()\r\n,;/]{3,120})\)")
_ACRONYM_DEF = re.compile(
    r"(?<![\w-])(?P<acr>" + _ACRONYM + r")[ \t]*(?::|=|[ \t][-–—][ \t]|[ \t]+(?:stands[ \t]+for|is[ \t]+short[ \t]+for))[ \t]*(?P<exp>[A-Za-z][^\r\n.,;:()/]{2,120})"
)
_WORDS = re.compile(r"[^\W_][\w'’-]*")
_CONNECTORS = {"of", "and", "for", "from", "with", "in", "on", "to", "the", "a", "an", "by", "over", "via", "&", "or", "as", "at"}
_STARTERS = {
    "the", "a", "an", "what", "how", "why", "when", "which", "who", "is", "are", "was", "were", "do", "does",
    "using", "use", "uses", "used", "in", "on", "with", "our", "this", "these", "that", "those", "its", "their",
    "both", "each", "all", "some", "many", "most", "any", "explain", "describe", "define", "compare", "discuss",
    "list", "name", "give", "about", "also", "and", "or", "but", "so", "then", "like", "unlike", "see", "note",
    "apply", "applying", "train", "training", "example", "examples", "introduction", "overview", "question",
    "answer", "q", "by", "for", "from", "of", "to", "via", "vs", "versus", "between", "where",
}


def _is_acronym(token: str) -> bool:
    """Two or more capitals and mostly capitals ("GAN", "GANs", "LoRA", "TF-IDF")."""
    if token.islower():
        return False  # no capital at all: most words before a "(" or ":"
    letters = [c for c in token if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if upper < 2 or not letters:
        return False
    core = token[:-1] if token.endswith("s") and len(token) > 2 else token
    lower_core = sum(c.islower() for c in core if c.isalpha())
    return lower_core <= max(1, upper // 2) and not token.isdigit()


def _fits(letters: str, words: Sequence[str]) -> bool:
    """Do the acronym's letters fit these words? Every content word gives its first
    letter, small words may be skipped, and a word may give further letters from its
    inside, in order ("Variational Autoencoder" fits VAE, "Long Short-Term Memory" fits
    LSTM, "Generative Adversarial Networks" does not fit GNN)."""
    letters = letters.lower()
    words = [w for w in words if any(c.isalpha() for c in w)]

    @functools.cache
    def go(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j].lower()
        alpha = "".join(c for c in word if c.isalpha())
        if alpha in _CONNECTORS and go(i, j + 1):
            return True
        if i >= len(letters) or not alpha or alpha[0] != letters[i]:
            return False
        # the word gives its first letter, then k more letters from its inside
        pos, k = 1, i + 1
        if go(k, j + 1):
            return True
        while k < len(letters):
            found = alpha.find(letters[k], pos)
            if found < 0:
                return False
            pos, k = found + 1, k + 1
            if go(k, j + 1):
                return True
        return False

    return go(0, 0)


def _title_run(words: Sequence[str]) -> list[str]:
    """The longest run of Capitalised words (small connectors allowed inside) that ends
    the word list: the phrase a writer puts before "(ACR)"."""
    run: list[str] = []
    for word in reversed(words):
        bare = word.strip("'’")
        if bare[:1].isupper() or bare[:1].isdigit():
            if bare.endswith(("'s", "’s")):
                break  # "Google's Bidirectional ..." — the owner is not part of the phrase
            run.append(bare)
        elif bare.lower() in _CONNECTORS and run:
            run.append(bare)
        else:
            break
    run.reverse()
    while run and run[0].lower() in _CONNECTORS:
        run.pop(0)
    return run


class AcronymMismatch(Rule):
    """An acronym next to an expansion that does not belong to it.

    Two checks. (1) The glossary (``curate/rules/data/acronyms.toml``, about 160 ML/AI
    acronyms with their accepted expansions) knows what an acronym stands for: when the
    words beside it are the expansion of a *different* acronym ("GNNs: Generative
    adversarial networks" — that is GAN), or carry an extra word that turns them into
    another term ("Deep Reinforcement Learning from Human Feedback (RLHF)"), it is
    reported. (2) For any acronym, a Capitalised phrase right before "(ACR)" must fit
    its letters (small words may be skipped, plural "s" and hyphen parts are fine); only
    a phrase with about as many words as the acronym has letters, starting with its
    first letter, is judged, so loose prose is not.

    Words that name a category or role are not an expansion: "BERT (Language Model)",
    "LoRA (Parameter Efficient Fine-Tuning)", "KTO (Human Aware Loss)", "DPO (paper)",
    "ORPO (2024)". Another term's expansion is reported only when it reads as one for
    this acronym: its acronym is one letter away (GAN for GNN, CNN for RNN: a mix-up),
    or it starts with this acronym's first letter and has about one word per letter.

    Bad:

        1. GNNs: Generative adversarial networks
        Deep Reinforcement Learning from Human Feedback (RLHF) aligns models.
        Generative Adversarial Networks (GNNs) pit two networks against each other.

    Good:

        1. GANs: Generative adversarial networks
        Reinforcement Learning from Human Feedback (RLHF) aligns models.
    """

    code = "QA403"
    name = "acronym-mismatch"
    summary = "An acronym next to the wrong expansion (GNN: Generative adversarial networks)"
    severity = Severity.WARNING
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        glossary_files: tuple[str, ...] = ()
        """Extra TOML files with an ``[acronyms]`` table (``ACR = ["expansion", ...]``),
        relative to the config file's folder (or the corpus root); they add expansions."""
        builtin: bool = True
        """Use the shipped glossary."""

        def __post_init__(self) -> None:
            check_user_file_names(self.glossary_files)
        generic: bool = True
        """Also check acronyms missing from the glossary by their initials."""
        ignore: tuple[str, ...] = ()
        """Acronyms never reported."""

    @classmethod
    def check_options(cls, options: AcronymMismatch.Options, config_root: Path) -> None:
        """Named glossary files must be inside the config folder and valid (a config error, not a rule failure per file)."""
        check_user_files(options.glossary_files, config_root, lambda path: load_glossary([path], builtin=False))

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts = _options(self, ctx)
        glossary = load_glossary(resolve_user_files(opts.glossary_files, ctx.root, ctx.settings), builtin=opts.builtin)
        ignore = {normalize_acronym(a) for a in opts.ignore}
        view = prose_view(doc.text, strip_emphasis=True)
        index = _RecordIndex(doc)
        findings: list[Finding] = []
        seen: set[tuple[int, str]] = set()
        reported = lambda at, acr: (doc.locate(at)[0], acr) in seen  # noqa: E731
        for start, end, acr, message in _acronym_problems(view, glossary, opts.generic, reported):
            if normalize_acronym(acr) in ignore:
                continue
            line, _ = doc.locate(start)
            if (line, acr) in seen:
                continue
            seen.add((line, acr))
            findings.append(self.finding_at(doc, start, end, message, record=index.at(line)))
        return sorted(findings, key=Finding.sort_key)


def _acronym_problems(
    sentence: str, glossary: Glossary, generic: bool, reported: Callable[[int, str], bool] = lambda at, acr: False
) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, acronym, message) for each mismatch in a view (or one sentence);
    ``reported(offset, acronym)`` skips the work for a line already reported."""
    for m in _PAREN_ACRONYM.finditer(sentence):
        acr = m.group("acr")
        if not _is_acronym(acr) or reported(m.start(), acr):
            continue
        if _CONTINUES.match(sentence, m.end()):
            continue  # "Machine Learning (AI) Engineering": a qualifier inside a name
        floor = max(sentence_at(sentence, m.start())[0], m.start() - 160) - 1
        cut = max([floor] + [sentence.rfind(ch, floor + 1, m.start()) for ch in ",;:()[]|\"“”"])
        before = [w for w in _WORDS.finditer(sentence, max(0, m.start() - 160), m.start()) if w.start() > cut][-12:]
        if not before:
            continue
        problem = _phrase_then_acronym(acr, [w.group(0) for w in before], glossary, generic)
        if problem:
            first, message = problem
            yield before[first].start(), m.end(), acr, message
    for m in _or_acronym_matches(sentence):  # "Generative Adversarial Networks, or GNNs"
        acr = m.group("acr")
        if not _is_acronym(acr) or reported(m.start(), acr):
            continue
        floor = max(sentence_at(sentence, m.start())[0], m.start() - 160) - 1
        cut = max([floor] + [sentence.rfind(ch, floor + 1, m.start()) for ch in ",;:()[]|\"“”"])
        before = [w for w in _WORDS.finditer(sentence, cut + 1, m.start())][-12:]
        if before:
            problem = _phrase_then_acronym(acr, [w.group(0) for w in before], glossary, generic)
            if problem:
                yield before[problem[0]].start(), m.end(), acr, problem[1]
    for pattern, m in _acronym_first_matches(sentence):
        acr = m.group("acr")
        if not _is_acronym(acr) or any(c.isdigit() for c in acr) or reported(m.start(), acr):
            continue
        if pattern is _ACRONYM_DEF and acr not in glossary:
            continue  # "LLM2Vec: Large Language Models Are ..." is a title, not a definition
        spans = list(_WORDS.finditer(sentence, m.start("exp"), m.end("exp")))[:10]
        if not spans or not spans[0].group(0)[:1].isupper():
            continue  # "ASR (speech to text)" describes; an expansion is capitalised
        problem = _acronym_then_phrase(acr, [w.group(0) for w in spans], glossary, generic and pattern is _ACRONYM_PAREN)
        if problem:
            used, message = problem
            yield m.start("acr"), spans[used - 1].end(), acr, message


_CONTINUES = re.compile(r"[ \t]+[A-Z][a-z]")
_OR_ACRONYM = re.compile(
    r",?[ \t]+(?:or|aka|a\.k\.a\.|also known as|abbreviated(?:[ \t]+as)?)[ \t]+(?P<acr>" + _ACRONYM + r")(?![\w-])(?![ \t]*[(\w])"
)
_TRIGGER = re.compile(r"[(:=–—s-](?:(?<=s)(?<!\ws)(?:tands|hort)\b|(?<!s))")
"""``[(:=–—-]|\\bstands\\b|\\bshort\\b``, written to start with a character set so
that the regex engine skips ahead to the next candidate character in C."""
_TAIL_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 \t\n")
"""The characters ``_ACRONYM_TAIL`` can end on (its ``$`` also matches before a final
newline): a trigger after any other character has no acronym before it."""
_ACRONYM_TAIL = re.compile(r"(?<![\w-])" + _ACRONYM + r"[ \t]{0,3}(?:is[ \t]+)?$")


def _or_acronym_matches(view: str) -> Iterator[re.Match[str]]:
    """Matches of ", or ACR" / "aka ACR", found from the literal words (str.find) rather
    than by trying the regex at every space of a large file."""
    found: list[re.Match[str]] = []
    for word in (" or ", " aka ", " a.k.a. ", " also known as ", " abbreviated "):
        i = view.find(word)
        while i >= 0:
            start = i - 1 if i > 0 and view[i - 1] == "," else i
            m = _OR_ACRONYM.match(view, start)
            if m:
                found.append(m)
            i = view.find(word, i + len(word))
    yield from sorted(found, key=lambda m: m.start())


def _acronym_first_matches(view: str) -> Iterator[tuple[re.Pattern[str], re.Match[str]]]:
    """Matches of "ACR (words)" and "ACR: words" found from their punctuation: a scan
    for a few characters, then a look back for the acronym (much cheaper than trying
    the patterns at every letter of a large file)."""
    done = -1
    tail_at, tail_end = _ACRONYM_TAIL.search, _TAIL_END
    for p in [t.start() for t in _TRIGGER.finditer(view)]:
        if p == 0 or view[p - 1] not in tail_end:
            continue  # no tail can end here ("- item", "**Note:**")
        tail = tail_at(view, p - 18 if p > 18 else 0, p)
        if tail is None or tail.start() <= done:
            continue
        start = tail.start()
        for pattern in (_ACRONYM_PAREN, _ACRONYM_DEF):
            m = pattern.match(view, start)
            if m:
                done = start
                yield pattern, m
                break


def _owner_message(acr: str, phrase: str, owners: Sequence[str], glossary: Glossary) -> str:
    own = glossary.display.get(normalize_acronym(acr))
    text = f"'{acr}' does not stand for '{phrase}' (that is {', '.join(owners)})"
    return text + (f"; {normalize_acronym(acr)} is '{own}'" if own else "")


def _lookup(glossary: Glossary, words: Sequence[str]) -> tuple[str, ...]:
    """Acronyms whose expansion equals these words (plural and hyphen folded, and a
    close misspelling such as "adversial" tolerated)."""
    return glossary.lookup(" ".join(words))


def _is_suffix_of_accepted(words: Sequence[str], accepted: Sequence[str]) -> bool:
    """"Language Model (LLM)": an incomplete expansion, not a wrong one."""
    norm = normalize_expansion(" ".join(words))
    return any(a.endswith(" " + norm) or a.startswith(norm + " ") for a in accepted)


def _titled(words: Sequence[str]) -> bool:
    content = [w for w in words if w.lower() not in _CONNECTORS]
    return bool(content) and all(w[:1].isupper() for w in content)


def _sh_fits(letters: str, phrase: str) -> bool:
    """Schwartz & Hearst (2003): the letters appear in order in the phrase, the first one
    at the start of a word. Lenient on purpose: failing it means a real mismatch."""
    phrase = phrase.lower()
    s, l = len(letters) - 1, len(phrase) - 1
    while s >= 0:
        c = letters[s]
        while l >= 0 and (phrase[l] != c or (s == 0 and l > 0 and phrase[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return False
        l -= 1
        s -= 1
    return True


def _generic_mismatch(acr: str, run: Sequence[str]) -> bool:
    """True when a Capitalised phrase cannot be what ``acr`` abbreviates, judged with
    no glossary: only for a phrase that looks exactly like a spelled-out acronym."""
    if any(c.isdigit() for c in acr):
        return False
    core = acr[:-1] if len(acr) > 2 and acr.endswith("s") and acr[-2].isupper() else acr
    alpha = [c for c in core if c.isalpha()]
    letters = "".join(c for c in alpha if c.isupper()).lower() if any(c.islower() for c in alpha) else "".join(alpha).lower()
    content = [w for w in run if w.lower() not in _CONNECTORS]
    if len(letters) < 2 or len(content) < 2 or not _titled(run):
        return False
    if any(sum(c.isupper() for c in w) >= 2 or any(c.isdigit() for c in w) for w in content):
        return False  # "ML Engineer (LLM)", "Comprehensive RAG Benchmark (CRAG)"
    parts = sum(len([p for p in w.split("-") if p]) for w in content)
    if not len(content) <= len(letters) <= parts:
        return False
    if content[0][0].lower() != letters[0]:
        return False  # "KTO (Human Aware Loss)": a description or a category, not an expansion
    if sorted(w[0].lower() for w in content) == sorted(letters):
        return False  # the same initials in another order ("Autonomic Computing Vision")
    if any(_fits(letters, run[k:]) for k in range(len(run))):
        return False
    return not _sh_fits(letters, " ".join(run))


def _reads_as_expansion(key: str, owners: Sequence[str], words: Sequence[str]) -> bool:
    """Does another term's expansion beside ``key`` read as a (wrong) expansion of it,
    rather than a category or role ("BERT (Language Model)", "LoRA (Parameter Efficient
    Fine-Tuning)")? Yes when an owner is one letter away from ``key`` (GNN for GAN, RNN
    for CNN: a confusion), or when the phrase starts with ``key``'s first letter and has
    about one word per letter. For a two-letter acronym one letter is half of it: "ML
    (Deep Learning)" names a subfield as an example, so there the phrase must also start
    with the acronym's letter."""
    content = [w for w in words if w.lower() not in _CONNECTORS]
    same_start = bool(content) and content[0][:1].upper() == key[:1]
    if (len(key) >= 3 or same_start) and any(_one_edit(key, owner) for owner in owners):
        return True
    parts = sum(len([p for p in w.split("-") if p]) for w in content)
    return same_start and len(content) <= len(key) <= parts + 1


def _one_edit(a: str, b: str) -> bool:
    """At most one letter replaced, added or removed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _phrase_then_acronym(acr: str, words: list[str], glossary: Glossary, generic: bool) -> tuple[int, str] | None:
    """Judge "<words> (ACR)". Returns (index of the first offending word, message)."""
    key = normalize_acronym(acr)
    accepted = glossary.expansions.get(key, ())
    n = len(words)
    if accepted:
        for k in range(1, n + 1):  # shortest suffix first
            suffix = words[n - k :]
            if key in _lookup(glossary, suffix):
                return _glued_word(key, words, n - k, glossary)
        # the phrase is another acronym's expansion ("Generative Adversarial Networks (GNN)")
        for k in range(n, 1, -1):
            suffix = words[n - k :]
            if not _titled(suffix) or _is_suffix_of_accepted(suffix, accepted):
                continue
            owners = tuple(o for o in _lookup(glossary, suffix) if o != key)
            owners = owners if _reads_as_expansion(key, owners, suffix) else ()
            before = words[n - k - 1].lower() if n - k - 1 >= 0 else ""
            if owners and before not in ("and", "or", "with", "of", "vs", "versus", "&"):
                return n - k, _owner_message(acr, " ".join(suffix), owners, glossary)
        return None
    if not generic:
        return None
    run = _title_run(words)
    while run and run[0].lower() in _STARTERS:
        run.pop(0)
    if run and _generic_mismatch(acr, run):
        return n - len(run), f"'{acr}' does not match the initials of '{' '.join(run)}'"
    return None


def _glued_word(key: str, words: list[str], start: int, glossary: Glossary) -> tuple[int, str] | None:
    """The accepted expansion starts at ``words[start]``; a capitalised word right before
    it that forms another known term with its first words ("Deep" + "Reinforcement
    Learning" = DRL) makes the whole phrase a wrong expansion."""
    j = start - 1
    if j < 0 or not words[j][:1].isupper() or words[j].lower() in _STARTERS:
        return None
    suffix = words[start:]
    for extra in range(1, min(4, len(suffix)) + 1):
        other = tuple(o for o in _lookup(glossary, [words[j]] + suffix[:extra]) if o != key)
        if other:
            phrase = " ".join(words[j:])
            return j, (
                f"'{phrase}' is not what {key} stands for: '{words[j]}' does not belong "
                f"('{words[j]} {' '.join(suffix[:extra])}' is {', '.join(other)}); "
                f"{key} is '{glossary.display.get(key, '')}'"
            )
    return None


def _acronym_then_phrase(acr: str, words: list[str], glossary: Glossary, generic: bool) -> tuple[int, str] | None:
    """Judge "ACR: <words>", "ACR (<words>)", "ACR stands for <words>". Returns (number of
    words the finding covers, message)."""
    key = normalize_acronym(acr)
    accepted = glossary.expansions.get(key, ())
    for k in range(1, len(words) + 1):  # the expansion is a prefix of the words
        if key in _lookup(glossary, words[:k]):
            return None
    if accepted:
        for k in range(len(words), 1, -1):  # longest other-acronym expansion first
            prefix = words[:k]
            if _is_suffix_of_accepted(prefix, accepted):
                continue
            owners = tuple(o for o in _lookup(glossary, prefix) if o != key)
            owners = owners if _reads_as_expansion(key, owners, prefix) else ()
            if owners:
                return k, _owner_message(acr, " ".join(prefix), owners, glossary)
    if not generic:
        return None
    run: list[str] = []
    for w in words:
        if w[:1].isupper() or (run and w.lower() in _CONNECTORS):
            run.append(w)
        else:
            break
    while run and run[-1].lower() in _CONNECTORS:
        run.pop()
    if len(run) == len(words) and _generic_mismatch(acr, run):
        content = [w for w in run if w.lower() not in _CONNECTORS]
        if accepted and (len(content) < 3 or _is_suffix_of_accepted(run, accepted)):
            return None  # "Cohere AI (Jay Alammar)": a name, not an expansion
        hint = f"; {key} is '{glossary.display[key]}'" if key in glossary.display else ""
        return len(run), f"'{acr}' does not match the initials of '{' '.join(run)}'{hint}"
    return None


RULES: list[type] = [OutdatedClaim, TimeSensitive, AcronymMismatch]
