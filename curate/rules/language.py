"""Rule family: language — QA501 grammar and QA502 spelling.

Both rules check the prose of each file (code, URLs, link targets and HTML left out)
with one backend: LanguageTool when a server is configured and reachable, else Harper,
an offline checker that needs no Java and no network. See ``curate.grammar``.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
import sys
import threading
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable

from curate.corpus.model import Document
from curate.grammar.backends import Resolution, languagetool_url, resolve
from curate.grammar.checker import DEFAULT_DISABLED, HARPER_GRAMMAR, Issue, document_issues
from curate.grammar.vocabulary import Vocabulary, read_words_file
from curate.rules.base import Finding, Rule, RuleContext, Severity


class GrammarUnavailable(RuntimeError):
    """``--require-grammar`` was given and the configured backend cannot be used."""


_TOLD: set[str] = set()
_TOLD_LOCK = threading.Lock()


def _tell_once(message: str) -> None:
    """Say a backend problem once per process, on stderr, and carry on."""
    with _TOLD_LOCK:
        if message in _TOLD:
            return
        _TOLD.add(message)
    print(f"warning: QA501/QA502: {message}", file=sys.stderr)


def forget_notices() -> None:
    """Let the next run say its backend problems again (tests, long-lived processes)."""
    with _TOLD_LOCK:
        _TOLD.clear()


def backend_for(options: Any, settings: Any) -> Resolution:
    """The backend of a run from the rule options and run settings (``--languagetool-url``
    beats the ``languagetool-url`` option beats ``CURATE_LANGUAGETOOL_URL``)."""
    settings = settings or {}
    url = languagetool_url(getattr(options, "languagetool_url", "") or None, settings.get("languagetool_url"))
    harper_rules = frozenset({"SpellCheck", *HARPER_GRAMMAR, *getattr(options, "enabled_rules", ())})
    return resolve(getattr(options, "backend", "auto"), getattr(options, "language", "en-US"), url, harper_rules)


@dataclass(frozen=True)
class BackendOptions:
    """Options QA501 and QA502 share: which checker runs and which of its rules count."""

    backend: str = "auto"
    """auto, languagetool, harper (offline) or none."""
    language: str = "en-US"
    """Language (LanguageTool code; Harper knows the English variants)."""
    languagetool_url: str = ""
    """A LanguageTool server, e.g. http://localhost:8081 (``--languagetool-url`` wins)."""
    disabled_rules: tuple[str, ...] = ()
    """Backend rule ids to drop."""
    enabled_rules: tuple[str, ...] = ()
    """Backend rule ids curate turns off by default that you want back."""


class _LanguageRule(Rule):
    """Shared run logic: resolve the backend, check the document once, keep my kind."""

    kind: ClassVar[str] = ""
    scope = "document"

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        options = ctx.options if ctx.options is not None else self.Options()
        settings = ctx.settings or {}
        resolution = backend_for(options, settings)
        if resolution.notice:
            if settings.get("require_grammar"):
                raise GrammarUnavailable(resolution.notice)
            _tell_once(resolution.notice)
        if resolution.backend is None:
            return []
        enabled, disabled = set(options.enabled_rules), set(options.disabled_rules)
        if resolution.backend.name == "harper":
            def wanted(rule: str) -> bool:
                return rule not in disabled and (rule == "SpellCheck" or rule in HARPER_GRAMMAR or rule in enabled)
        else:
            def wanted(rule: str) -> bool:
                return rule not in disabled and (rule not in DEFAULT_DISABLED or rule in enabled)
        issues = [i for i in document_issues(doc.text, resolution.backend, ctx.store)
                  if i.match.kind == self.kind and wanted(i.match.rule)]
        keep = self._filter(issues, options, ctx)
        return [self._finding(doc, issue) for issue in keep]

    def _filter(self, issues: list[Issue], options: Any, ctx: RuleContext) -> list[Issue]:
        return issues

    def _finding(self, doc: Document, issue: Issue) -> Finding:
        raise NotImplementedError


def _record_for(doc: Document, offset: int) -> Any:
    line, _ = doc.locate(offset)
    starts = [r.span.line_start for r in doc.records]
    index = bisect.bisect_right(starts, line) - 1
    if index >= 0 and doc.records[index].span.line_start <= line <= doc.records[index].span.line_end:
        return doc.records[index]
    return None


def _rank(word: str, replacements: tuple[str, ...]) -> tuple[str, ...]:
    """Suggestions that only add letters to the word first: a dropped letter is the
    commonest typo ("adversial" → "adversarial" before "adverbial")."""

    def adds_only(candidate: str) -> bool:
        rest = iter(candidate.lower())
        return all(ch in rest for ch in word.lower())

    return tuple(sorted(replacements, key=lambda r: not adds_only(r)))


def _suggest(replacements: tuple[str, ...]) -> str:
    if not replacements:
        return ""
    shown = ", ".join(f"'{r}'" for r in replacements[:3])
    return f" (did you mean {shown}?)"


_ARTICLE_RULES = frozenset({"AnA", "EN_A_VS_AN"})
_ACRONYM_OR_SYMBOL = re.compile(r"^\W*(?:\w+[A-Z]|[A-Z]{2}|[A-Za-z]\W|\w*\d)|[=^*+/<>\\_]")


def _article_misfire(issue: Issue) -> bool:
    """"a"/"an" before an acronym (an MoE, a RL: it depends on how letters are read),
    inline code or a symbol, or a variable named A ("matrices A and B", "a) If")."""
    if issue.match.rule not in _ARTICLE_RULES:
        return False
    nxt = issue.next_word
    if not nxt or nxt == "\x00" or _ACRONYM_OR_SYMBOL.search(nxt):
        return True
    return (issue.word.strip() == "A" and issue.mid_sentence) or issue.token.strip().startswith(("a)", "A)"))


class Grammar(_LanguageRule):
    """Grammar mistakes in the prose of a note, found by LanguageTool (or, offline, by
    Harper's grammar rules), mapped back to the exact line and column.

    Only prose is checked: code blocks, inline code, URLs, link targets, images, HTML and
    front matter are left out, and each paragraph, heading, list item and table cell is
    checked on its own. Results are cached per paragraph in ``.curate/cache.sqlite``, so a
    re-run checks only what changed.

    Backends (option ``backend``): ``auto`` (default) uses LanguageTool when a server is
    given (``--languagetool-url``, option ``languagetool-url`` or the environment variable
    ``CURATE_LANGUAGETOOL_URL``) and reachable, or a local LanguageTool when
    ``LTP_JAR_DIR_PATH`` names one; otherwise the offline Harper checker, which catches
    fewer grammar mistakes. ``languagetool`` insists on LanguageTool, ``harper`` on the
    offline checker, ``none`` turns the check off. When the configured backend cannot be
    used, curate says so once on stderr and carries on; ``--require-grammar`` makes that
    exit 2 instead.

    Bad:

        - Generative AI is subset of Artificial Intelligence.
        - Autoencoders a type of neural network compresses the data.

    Good:

        - Generative AI is a subset of Artificial Intelligence.
        - An autoencoder is a type of neural network that compresses the data.

    Options: ``backend`` (auto, languagetool, harper, none), ``language`` (en-US),
    ``languagetool-url``, ``disabled-rules`` (backend rule ids to drop, e.g.
    ``["COMMA_COMPOUND_SENTENCE"]``), ``enabled-rules`` (turn on backend rules curate
    leaves off by default: LanguageTool's whitespace and repeated-word rules, which
    QA604 and QA204 already cover, and the many Harper style rules; offline, only a short
    list of Harper agreement and confusion rules is on).
    """

    code = "QA501"
    name = "grammar"
    summary = "Grammar mistakes in prose (LanguageTool; offline Harper as fallback)"
    severity = Severity.WARNING
    kind = "grammar"

    @dataclass(frozen=True)
    class Options(BackendOptions):
        """The backend options, shared with QA502."""

    def _filter(self, issues: list[Issue], options: Any, ctx: RuleContext) -> list[Issue]:
        return [i for i in issues if not _article_misfire(i) and "\\" not in i.token]  # \\eg is LaTeX

    def _finding(self, doc: Document, issue: Issue) -> Finding:
        m = issue.match
        message = f"{m.message.rstrip()}{_suggest(m.replacements)} [{m.rule}]"
        return self.finding_at(doc, issue.start, issue.end, message, record=_record_for(doc, issue.start),
                               snippet=f"{m.rule}\x1f{issue.word}")


class Spelling(_LanguageRule):
    """Misspelt words in the prose of a note ("adversial" for "adversarial").

    Works offline out of the box (Harper's dictionary, no Java, no network) or with
    LanguageTool when one is configured (see QA501). The field's vocabulary (VAE, RLHF,
    LoRA, DALL-E, denoising, minibatch, Wasserstein, cGAN, ...) is built in; acronyms,
    CamelCase names, words with digits, names capitalised mid-sentence and words inside
    file names, paths and formulas are skipped; and the project adds its own words.

    Bad:

        ### Generative Adversial Networks

    Good:

        ### Generative Adversarial Networks

    Options: ``words`` (a list of extra accepted words), ``words-file`` (a file of words,
    one a line, relative to the config file's folder; it may not lie outside it), ``ignore-mixed-case`` (default true),
    ``builtin-vocabulary`` (default true), ``ignore-names`` (default true: a word
    capitalised in the middle of a sentence is a name; Title Case headings are still
    checked), plus ``backend``, ``language``,
    ``languagetool-url``, ``disabled-rules`` and ``enabled-rules`` as for QA501. No fix is
    offered: a checker's first suggestion is too often the wrong word ("adverbial").

    Example::

        [tool.curate.rules.spelling]
        words = ["Keras", "backprop"]
        words-file = "wordlist.txt"
    """

    code = "QA502"
    name = "spelling"
    summary = "Misspelt words in prose, with the field's vocabulary and a project word list"
    severity = Severity.WARNING
    kind = "spelling"

    @dataclass(frozen=True)
    class Options(BackendOptions):
        words: tuple[str, ...] = ()
        """Extra accepted words."""
        words_file: str = ""
        """A file of accepted words (one a line, # comments), relative to the config's folder."""
        ignore_mixed_case: bool = True
        """Skip acronyms and CamelCase names (VAEs, ImageNet, GPT-4)."""
        builtin_vocabulary: bool = True
        """Accept the built-in field vocabulary."""
        ignore_names: bool = True
        """Skip words capitalised mid-sentence (Arize, Qwen, Karpathy): names, not typos.
        Title Case headings are still checked."""

    _vocab_memo: ClassVar[dict[tuple, Vocabulary]] = {}

    def _vocabulary(self, options: Any, ctx: RuleContext) -> Vocabulary:
        base = (ctx.settings or {}).get("config_root") or ctx.root  # as other rules' option files
        key = (options.words, options.words_file, options.ignore_mixed_case, options.builtin_vocabulary, str(base))
        vocab = self._vocab_memo.get(key)
        if vocab is None:
            extra, problem = read_words_file(options.words_file, Path(base) if base else None)
            if problem:
                _tell_once(problem)
            vocab = Vocabulary((*options.words, *extra), builtin=options.builtin_vocabulary,
                               ignore_mixed_case=options.ignore_mixed_case)
            self._vocab_memo[key] = vocab
        return vocab

    def _filter(self, issues: list[Issue], options: Any, ctx: RuleContext) -> list[Issue]:
        vocab = self._vocabulary(options, ctx)
        names = options.ignore_names
        return [i for i in issues if not (names and i.name_like) and not vocab.accepts(i.word, i.token)]

    def _finding(self, doc: Document, issue: Issue) -> Finding:
        m = issue.match
        message = f"'{issue.word}' may be misspelt{_suggest(_rank(issue.word, m.replacements))}"
        return self.finding_at(doc, issue.start, issue.end, message, record=_record_for(doc, issue.start),
                               snippet=issue.word)


RULES: list[type] = [Grammar, Spelling]
