"""Rule family: remote links that do not answer (QA304, only with ``--online``)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from curate.corpus.model import Corpus, Document, Image, Link
from curate.infra.urlcheck import CheckOptions, UrlChecker
from curate.rules.base import Finding, Rule, RuleContext, Severity

_REMOTE = re.compile(r"^https?://", re.I)


def _remote_targets(doc: Document) -> Iterator[tuple[str, int]]:
    """(url, line) of every remote link and image in a document, records and extras."""
    items: list[Image | Link] = []
    for record in doc.records:
        items.extend(record.links)
        items.extend(record.images)
    for section in doc.extras:
        items.extend(section.links)
        items.extend(section.images)
    for item in items:
        target = item.target.strip()
        if _REMOTE.match(target):
            yield target.split("#", 1)[0], item.line


class UnreachableUrl(Rule):
    """A remote link or image that does not answer.

    Runs only with ``curate lint --online``. Every distinct ``http(s)`` URL is requested
    once (HEAD, then GET when HEAD is not allowed), with bounded concurrency, a per-host
    rate limit, a timeout, retries with backoff, and ``Retry-After`` on 429 and 503
    respected up to a cap; a server that asks to wait longer, or still answers 429, leaves
    the link "not checked" (it is not dead).
    Redirects are followed up to a limit, each one checked again. Results are cached in
    ``.curate/cache.sqlite`` for ``cache_ttl_hours``.

    Safety: a URL whose host resolves to a loopback, private, link-local, shared or
    metadata address is never requested unless ``--allow-private`` is given; requests
    carry no cookies or credentials. Such URLs are reported at info level as not checked.

    Bad:

        See the [paper](https://arxiv.org/abs/0000.00000-removed).   (answers 404)

    Good:

        See the [paper](https://arxiv.org/abs/1706.03762).
    """

    code = "QA304"
    name = "unreachable-url"
    summary = "A remote link or image that does not answer (only with --online)"
    severity = Severity.WARNING
    scope = "corpus"

    @dataclass(frozen=True)
    class Options:
        timeout: float = 10.0
        """Seconds for a whole request, however slowly a server drips its answer."""
        retries: int = 2
        """Retries (with backoff) after a timeout, a server error or a 429."""
        max_retry_after: float = 30.0
        """Longest ``Retry-After`` (seconds) waited for; a server asking for more leaves the link not checked."""
        max_redirects: int = 5
        """Redirects followed, each one checked again."""
        concurrency: int = 8
        """Requests under way at once."""
        per_host_interval: float = 0.2
        """Seconds between requests to one host."""
        cache_ttl_hours: float = 24.0
        """How long a result stays in the cache."""
        run_deadline: float = 600.0
        """Seconds for all the checks of a run; URLs left when it runs out are reported as not checked."""
        skip_hosts: tuple[str, ...] = ("example.com", "example.org", "example.net", "localhost")
        """Hosts never checked (the reserved example domains by default)."""

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        if not ctx.settings.get("online"):
            return []
        opts: UnreachableUrl.Options = ctx.options or self.Options()
        occurrences: dict[str, list[tuple[Document, int]]] = {}
        for doc in corpus.documents:
            for url, line in _remote_targets(doc):
                host = (urlsplit(url).hostname or "").lower()
                if any(host == h or host.endswith("." + h) for h in opts.skip_hosts):
                    continue
                occurrences.setdefault(url, []).append((doc, line))
        if not occurrences:
            return []
        checker = UrlChecker(
            CheckOptions(
                allow_private=bool(ctx.settings.get("allow_private")),
                timeout=opts.timeout,
                retries=opts.retries,
                max_retry_after=opts.max_retry_after,
                max_redirects=opts.max_redirects,
                concurrency=opts.concurrency,
                per_host_interval=opts.per_host_interval,
                cache_ttl=opts.cache_ttl_hours * 3600,
                run_deadline=opts.run_deadline,
            ),
            cache=ctx.store,
        )
        results = checker.check_many(occurrences)
        findings = []
        for url in sorted(occurrences):
            result = results[url]
            if result.ok:
                continue
            for doc, line in occurrences[url]:
                index = doc.line(line).find(url)
                column = index + 1 if index >= 0 else 1
                end_column = column + len(url) if index >= 0 else None
                if result.refused:
                    finding = self.finding(doc, line, f"not checked: {result.reason}", column=column,
                                           end_column=end_column, snippet=url)
                    finding = dataclasses.replace(finding, severity=Severity.INFO)
                else:
                    finding = self.finding(doc, line, f"{url} does not answer: {result.reason}", column=column,
                                           end_column=end_column, snippet=url)
                findings.append(finding)
        return findings


RULES = [UnreachableUrl]
