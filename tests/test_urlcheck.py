"""QA304 and the URL checker against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from collections import Counter

import pytest

from curate.cache.store import Cache
from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus
from curate.infra import urlcheck
from curate.infra.urlcheck import CheckOptions, UrlChecker, address_is_public
from curate.rules.base import RuleContext, Severity
from curate.rules.online import UnreachableUrl


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: Counter = Counter()
    headers_seen: list = []
    rate_limited_once: set = set()

    def log_message(self, *args):  # keep test output quiet
        pass

    def _respond(self, send_body: bool) -> None:
        type(self).hits[self.path] += 1
        type(self).headers_seen.append(dict(self.headers))
        path = self.path
        if path == "/ok":
            self._send(200, send_body)
        elif path == "/missing":
            self._send(404, send_body)
        elif path == "/ratelimited":
            if path not in self.rate_limited_once:
                self.rate_limited_once.add(path)
                self._send(429, send_body, {"Retry-After": "1"})
            else:
                self._send(200, send_body)
        elif path in ("/unavailable-once", "/error-once"):
            if path not in self.rate_limited_once:
                self.rate_limited_once.add(path)
                self._send(503 if path == "/unavailable-once" else 500, send_body,
                           {"Retry-After": "1"} if path == "/unavailable-once" else {})
            else:
                self._send(200, send_body)
        elif path == "/ratelimited-long":
            self._send(429, send_body, {"Retry-After": "3600"})
        elif path == "/ratelimited-date":
            self._send(429, send_body, {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
        elif path == "/always429":
            self._send(429, send_body)
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, send_body)
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, send_body, {"Location": "/ok" if n == 0 else f"/hop/{n - 1}"})
        elif path == "/loop":
            self._send(301, send_body, {"Location": "/loop"})
        elif path == "/to-other-loopback":
            port = self.server.server_address[1]
            self._send(302, send_body, {"Location": f"http://127.0.0.2:{port}/ok"})
        elif path == "/nohead":
            self._send(405 if not send_body else 200, send_body)
        else:
            self._send(404, send_body)

    def _send(self, status, send_body, headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if send_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._respond(False)

    def do_GET(self):
        self._respond(True)


@pytest.fixture()
def server():
    _Handler.hits = Counter()
    _Handler.headers_seen = []
    _Handler.rate_limited_once = set()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _checker(**kw) -> UrlChecker:
    opts = dict(allow_private=True, timeout=0.5, retries=1, backoff=0.05, per_host_interval=0.0, max_redirects=3)
    opts.update(kw)
    return UrlChecker(CheckOptions(**opts))


def test_ok_missing_and_head_fallback(server):
    results = _checker().check_many([f"{server}/ok", f"{server}/missing", f"{server}/nohead"])
    assert results[f"{server}/ok"].ok and results[f"{server}/ok"].status == 200
    assert not results[f"{server}/missing"].ok and results[f"{server}/missing"].status == 404
    assert results[f"{server}/nohead"].ok  # HEAD 405, then GET 200


def test_429_waits_for_retry_after_then_succeeds(server):
    start = time.monotonic()
    result = _checker(retries=2).check(f"{server}/ratelimited")
    assert result.ok
    assert _Handler.hits["/ratelimited"] == 2
    assert time.monotonic() - start >= 0.9  # Retry-After: 1 was respected


def test_503_retry_after_is_respected_too(server):
    start = time.monotonic()
    result = _checker(retries=2).check(f"{server}/unavailable-once")
    assert result.ok and _Handler.hits["/unavailable-once"] == 2
    assert time.monotonic() - start >= 0.9


def test_5xx_is_retried_with_backoff(server):
    result = _checker(retries=1).check(f"{server}/error-once")
    assert result.ok and _Handler.hits["/error-once"] == 2
    assert not _checker(retries=0).check(f"{server}/missing").ok  # a 404 is an answer: no retry
    assert _Handler.hits["/missing"] == 1


@pytest.mark.parametrize("path", ["/ratelimited-long", "/ratelimited-date"])
def test_retry_after_beyond_the_cap_is_not_waited_for_and_not_called_dead(server, path):
    start = time.monotonic()
    result = _checker(retries=3, max_retry_after=5).check(f"{server}{path}")
    assert time.monotonic() - start < 2  # neither an hour nor the cap
    assert _Handler.hits[path] == 1
    assert result.refused and not result.ok and result.status == 429
    assert result.reason.startswith("rate limited (HTTP 429; it asks to wait")


def test_still_429_after_the_retries_is_not_checked_rather_than_dead(server, tmp_path):
    result = _checker(retries=2).check(f"{server}/always429")
    assert _Handler.hits["/always429"] == 3
    assert result.refused and result.reason == "rate limited (HTTP 429)"
    cache = Cache(tmp_path / "cache.sqlite")
    UrlChecker(CheckOptions(allow_private=True, retries=0, per_host_interval=0.0), cache=cache).check_many(
        [f"{server}/always429"])
    assert cache.get(urlcheck.CACHE_NAMESPACE, f"{server}/always429") is None  # asked again next run


def test_slow_response_times_out_after_retries(server):
    result = _checker(timeout=0.3, retries=1).check(f"{server}/slow")
    assert not result.ok and result.reason == "timed out"
    assert _Handler.hits["/slow"] == 2  # first try and one retry


def test_redirect_chain_is_followed_and_limited(server):
    assert _checker(max_redirects=3).check(f"{server}/hop/2").ok
    too_long = _checker(max_redirects=3).check(f"{server}/hop/5")
    assert not too_long.ok and "redirects" in too_long.reason
    assert not _checker(max_redirects=3).check(f"{server}/loop").ok


def test_no_credentials_or_cookies_are_sent(server):
    _checker().check(f"{server}/ok")
    sent = {k.lower() for k in _Handler.headers_seen[0]}
    assert "cookie" not in sent and "authorization" not in sent
    refused = _checker().check(server.replace("http://", "http://user:secret@") + "/ok")
    assert refused.refused and "credentials" in refused.reason


def test_private_addresses_are_refused_without_a_request(server):
    checker = _checker(allow_private=False)
    results = checker.check_many([f"{server}/ok", f"{server}/missing", "http://localhost:9/x", "http://[::1]:9/x"])
    assert all(r.refused for r in results.values())
    assert sum(_Handler.hits.values()) == 0
    assert checker.requests_sent == 0


def test_redirect_to_a_private_address_is_checked_again(server, monkeypatch):
    # Pretend 127.0.0.1 is public so the first hop is allowed; 127.0.0.2 stays private.
    monkeypatch.setattr(urlcheck, "address_is_public", lambda a: a == "127.0.0.1")
    result = _checker(allow_private=False).check(f"{server}/to-other-loopback")
    assert result.refused and "127.0.0.2" in result.reason
    assert _Handler.hits["/to-other-loopback"] == 1 and _Handler.hits["/ok"] == 0


@pytest.mark.parametrize(
    "address,public",
    [("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("169.254.169.254", False),
     ("100.64.0.1", False), ("::1", False), ("fe80::1", False), ("::ffff:127.0.0.1", False),
     ("fd00:ec2::254", False), ("8.8.8.8", True), ("2606:4700:4700::1111", True)],
)
def test_address_policy(address, public):
    assert address_is_public(address) is public


def test_results_are_cached_with_a_ttl(server, tmp_path):
    cache = Cache(tmp_path / "cache.sqlite")
    opts = dict(allow_private=True, timeout=0.5, retries=0, per_host_interval=0.0)
    UrlChecker(CheckOptions(**opts), cache=cache).check_many([f"{server}/missing"])
    UrlChecker(CheckOptions(**opts), cache=cache).check_many([f"{server}/missing"])
    assert _Handler.hits["/missing"] == 1
    UrlChecker(CheckOptions(**opts, cache_ttl=0.0), cache=cache).check_many([f"{server}/missing"])
    assert _Handler.hits["/missing"] == 2


def _corpus(tmp_path, text: str) -> Corpus:
    doc = parse_document(text, "notes.md", "notes.md")
    return Corpus(root=tmp_path, documents=(doc,))


def test_rule_reports_dead_links_only_when_online(server, tmp_path):
    text = f"# What is X?\n\nSee [good]({server}/ok) and [dead]({server}/missing).\n"
    corpus = _corpus(tmp_path, text)
    rule = UnreachableUrl()
    opts = UnreachableUrl.Options(timeout=0.5, retries=0, per_host_interval=0.0)
    as_of = dt.date(2026, 1, 1)
    assert list(rule.check_corpus(corpus, RuleContext(as_of=as_of, options=opts))) == []
    assert sum(_Handler.hits.values()) == 0
    online = RuleContext(as_of=as_of, options=opts, settings={"online": True, "allow_private": True})
    findings = list(rule.check_corpus(corpus, online))
    assert [(f.code, f.line) for f in findings] == [("QA304", 3)]
    assert "/missing" in findings[0].message
    assert text.splitlines()[2][findings[0].column - 1 :].startswith(f"{server}/missing")


def test_rule_without_allow_private_sends_nothing(server, tmp_path):
    corpus = _corpus(tmp_path, f"# What is X?\n\nSee [dead]({server}/missing).\n")
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=UnreachableUrl.Options(), settings={"online": True})
    findings = list(UnreachableUrl().check_corpus(corpus, ctx))
    assert len(findings) == 1 and findings[0].message.startswith("not checked")
    assert str(findings[0].severity) == "info"
    assert sum(_Handler.hits.values()) == 0


def test_rule_reports_a_rate_limited_link_as_not_checked_at_info(server, tmp_path):
    corpus = _corpus(tmp_path, f"# What is X?\n\nSee [busy]({server}/ratelimited-long).\n")
    opts = UnreachableUrl.Options(timeout=0.5, retries=2, per_host_interval=0.0, max_retry_after=5)
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, settings={"online": True, "allow_private": True})
    [finding] = list(UnreachableUrl().check_corpus(corpus, ctx))
    assert finding.message.startswith("not checked: rate limited (HTTP 429; it asks to wait 3600 s)")
    assert finding.severity == Severity.INFO
    assert _Handler.hits["/ratelimited-long"] == 1
