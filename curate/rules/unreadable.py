"""QA000: files the loader could not read are findings, never silently skipped."""

from __future__ import annotations

from typing import Iterable

from curate.corpus.model import Corpus
from curate.rules.base import Finding, Rule, RuleContext, Severity


class UnreadableFile(Rule):
    """A file curate could not read as Markdown text.

    Reported for a file that is not UTF-8 (with or without a byte order mark), looks
    binary, is larger than ``max-file-size``, or cannot be opened. The rest of the corpus
    is still linted; fix the encoding (or exclude the file) to lint this one too.

    Bad: ``notes.md`` saved as UTF-16 or Latin-1, or a 50 MB export.

    Good: ``notes.md`` saved as UTF-8.

    Options: none (the size limit is the top-level ``max-file-size`` key).
    """

    code = "QA000"
    name = "unreadable-file"
    summary = "A file that could not be read as UTF-8 Markdown"
    severity = Severity.ERROR
    scope = "corpus"

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        for problem in corpus.problems:
            yield self.finding(problem.path, 1, problem.message, snippet=problem.message)
