"""Checking remote URLs without becoming a door into the network we run in.

A link checker that follows any URL in a pull request can be pointed at a cloud metadata
service or an intranet host. So, unless the user passes ``--allow-private``:

* every host name is resolved once and each address must be globally routable
  (no loopback, private, link-local, shared, reserved or metadata address);
* the connection goes to that checked address (no second lookup a DNS rebinding
  attacker could answer differently);
* each redirect is checked again the same way, and there are at most ``max_redirects``.

Requests carry no cookies and no credentials (user:password in a URL is refused). Work is
bounded: a thread pool of ``concurrency`` workers, at most one request per host every
``per_host_interval`` seconds, a timeout per request, retries with exponential backoff on
connection errors, 429 and 5xx, and ``Retry-After`` on 429 and 503 respected up to
``max_retry_after`` (a server asking for longer, or still 429 after the retries, leaves the
URL "not checked", never "dead"). Results are cached with a time to live.

The retries are ours rather than urllib3's ``Retry`` or an httpx transport's: the
connection must go to the address we checked (``_Pinned*Connection``), which neither
offers without reaching into its internals, urllib3 would be a new dependency for about
twenty lines, its ``Retry`` sleeps whatever ``Retry-After`` says (no cap), and httpx's
transport retries only failed connections, not 429/503.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable, Protocol
from urllib.parse import urljoin, urlsplit

from curate._version import __version__

USER_AGENT = f"qa-curate/{__version__} (link check)"
CACHE_NAMESPACE = "urlcheck-v1"
_METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})


@dataclass(frozen=True)
class UrlResult:
    """The outcome of checking one URL."""

    url: str
    ok: bool
    """True when the URL answered with a success (2xx, or a redirect chain ending in one)."""
    status: int | None = None
    """The final HTTP status, if any response came back."""
    reason: str = ""
    """Why it failed, or was not checked, in words."""
    refused: bool = False
    """True when the URL was not checked: not requested at all (private address, bad
    scheme...), or rate limited beyond what the run waits for (not evidence it is dead)."""
    final_url: str = ""


@dataclass(frozen=True)
class CheckOptions:
    """Limits of a URL check run."""

    allow_private: bool = False
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    max_redirects: int = 5
    concurrency: int = 8
    per_host_interval: float = 0.2
    max_retry_after: float = 30.0
    cache_ttl: float = 24 * 3600.0
    run_deadline: float = 600.0
    """Seconds the whole ``check_many`` may take; URLs not finished by then are reported
    as not checked. ``timeout`` is also a total per request, not per socket read, so a
    server dripping one byte at a time cannot hold a worker."""


class Refused(Exception):
    """The URL must not be requested."""


RETRY_AFTER_STATUSES = (429, 503)
"""Statuses whose ``Retry-After`` header is honoured (RFC 9110: rate limited, unavailable)."""


class _RateLimited(Exception):
    """The server asked us to come back later than this run may wait (or still said 429
    after the retries): the link was not checked, it is not dead."""

    def __init__(self, status: int, seconds: float) -> None:
        super().__init__(status, seconds)
        self.status = status
        self.seconds = seconds


class _OutOfTime(Exception):
    """The run's time budget is spent; no further request is started."""


Resolver = Callable[[str, int], list[str]]


def default_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # The address of an AF_INET or AF_INET6 sockaddr is a str (typeshed says str | int).
    return sorted({str(info[4][0]) for info in infos})


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_6TO4 = ipaddress.ip_network("2002::/16")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries, which is where a connection ends up: mapped
    ``::ffff:a.b.c.d``, IPv4-compatible ``::a.b.c.d``, NAT64 (``64:ff9b::/96`` and the
    local-use ``64:ff9b:1::/48``, last 32 bits), 6to4 ``2002:AABB:CCDD::`` and Teredo
    (the client address, inverted)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip.sixtofour is not None or ip in _6TO4:
        return ip.sixtofour
    if any(ip in net for net in _NAT64) or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_is_public(address: str) -> bool:
    """True only for globally routable unicast addresses; an IPv6 form that embeds an
    IPv4 address is judged by that address (and must itself be global too)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            return bool(inner.is_global) and not inner.is_multicast
    return bool(ip.is_global) and not ip.is_multicast


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an already checked address, whatever DNS says now."""

    def __init__(self, host: str, address: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _HostPacer:
    """At most one request per host every ``interval`` seconds, across threads."""

    def __init__(self, interval: float):
        self.interval = interval
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, extra_delay: float = 0.0) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0)) + extra_delay
            self._next[host] = slot + self.interval
        delay = slot - time.monotonic()
        if delay > 0:
            time.sleep(delay)


class ResultCache(Protocol):
    """What the checker needs of a cache (curate.cache.Cache provides it)."""

    def get(self, namespace: str, key: str, max_age: float | None = None) -> Any | None: ...

    def put_many(self, namespace: str, items: Iterable[tuple[str, Any]]) -> None: ...


class UrlChecker:
    """Checks URLs under the safety rules above. Thread-safe; one instance per run."""

    def __init__(self, options: CheckOptions | None = None, cache: ResultCache | None = None,
                 resolver: Resolver | None = None) -> None:
        self.options = options or CheckOptions()
        self.cache = cache
        self.resolver = resolver or default_resolver
        self._pacer = _HostPacer(self.options.per_host_interval)
        self.requests_sent = 0
        self._count_lock = threading.Lock()
        self._run_ends = float("inf")

    # -- public ------------------------------------------------------------------------

    def check_many(self, urls: Iterable[str]) -> dict[str, UrlResult]:
        """Check each distinct URL once; cached results younger than the TTL are reused."""
        unique = sorted(set(urls))
        results: dict[str, UrlResult] = {}
        todo = []
        for url in unique:
            cached = self.cache.get(CACHE_NAMESPACE, url, max_age=self.options.cache_ttl) if self.cache else None
            if cached is not None:
                results[url] = UrlResult(**cached)
            else:
                todo.append(url)
        if todo:
            self._run_ends = time.monotonic() + self.options.run_deadline
            with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency)) as pool:
                for url, result in zip(todo, pool.map(self.check, todo)):
                    results[url] = result
            if self.cache:
                # Refusals depend on --allow-private, so only real answers are cached.
                self.cache.put_many(CACHE_NAMESPACE, [(u, asdict(results[u])) for u in todo if not results[u].refused])
        return results

    def check(self, url: str) -> UrlResult:
        """Check one URL, following redirects (each one checked again)."""
        current = url
        for _hop in range(self.options.max_redirects + 1):
            try:
                status, location = self._request_with_retries(current)
            except _OutOfTime:
                return UrlResult(url, False, None, f"the link check ran out of its {self.options.run_deadline:g} s budget",
                                 refused=True, final_url=current)
            except Refused as exc:
                return UrlResult(url, False, None, str(exc), refused=True, final_url=current)
            except _RateLimited as exc:
                later = f"; it asks to wait {exc.seconds:g} s" if exc.seconds else ""
                return UrlResult(url, False, exc.status, f"rate limited (HTTP {exc.status}{later})", refused=True,
                                 final_url=current)
            except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as exc:
                return UrlResult(url, False, None, _describe(exc), final_url=current)
            if status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            ok = 200 <= status < 300
            return UrlResult(url, ok, status, "" if ok else f"HTTP {status}", final_url=current)
        return UrlResult(url, False, None, f"more than {self.options.max_redirects} redirects", final_url=current)

    # -- internals ---------------------------------------------------------------------

    def _target(self, url: str) -> tuple[str, str, int, str, str]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise Refused(f"scheme {parts.scheme or '(none)'!r} is not checked")
        if parts.username or parts.password:
            raise Refused("URL carries credentials; not sent")
        host = parts.hostname or ""
        if not host:
            raise Refused("URL has no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if not self.options.allow_private and (host.lower() in _METADATA_HOSTS or host.lower().endswith(".internal")):
            raise Refused(f"{host} is an internal host name (use --allow-private to check it)")
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise OSError(f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise OSError(f"cannot resolve {host}")
        if not self.options.allow_private:
            private = [a for a in addresses if not address_is_public(a)]
            if private:
                raise Refused(f"{host} resolves to non-public address {private[0]} (use --allow-private to check it)")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return parts.scheme, host, port, addresses[0], path

    def _request_with_retries(self, url: str) -> tuple[int, str | None]:
        scheme, host, port, address, path = self._target(url)
        attempt = 0
        extra_delay = 0.0
        while True:
            if time.monotonic() >= self._run_ends:
                raise _OutOfTime()
            self._pacer.wait(host, extra_delay)
            extra_delay = 0.0
            try:
                status, headers = self._request(scheme, host, port, address, path, "HEAD")
                if status in (405, 501):
                    status, headers = self._request(scheme, host, port, address, path, "GET")
            except (OSError, http.client.HTTPException):
                if attempt >= self.options.retries:
                    raise
                attempt += 1
                time.sleep(self.options.backoff * (2 ** (attempt - 1)))
                continue
            asked = _retry_after(headers.get("retry-after")) if status in RETRY_AFTER_STATUSES else 0.0
            if asked > self.options.max_retry_after:
                raise _RateLimited(status, asked)  # waiting that long is not this run's to do
            if (status == 429 or status >= 500) and attempt < self.options.retries:
                attempt += 1
                extra_delay = max(self.options.backoff * (2 ** (attempt - 1)), asked)
                continue
            if status == 429:
                raise _RateLimited(status, asked)
            return status, headers.get("location")

    def _request(self, scheme: str, host: str, port: int, address: str, path: str, method: str) -> tuple[int, dict[str, str]]:
        cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        budget = min(self.options.timeout, self._run_ends - time.monotonic())
        if budget <= 0:
            raise _OutOfTime()
        conn = cls(host, address, port, budget)
        expired = threading.Event()

        def expire() -> None:  # unblocks a read that a dripping server keeps alive
            expired.set()
            sock = conn.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(budget, expire)
        timer.daemon = True
        timer.start()
        try:
            host_header = host if port in (80, 443) else f"{host}:{port}"
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host_header)
            conn.putheader("User-Agent", USER_AGENT)
            conn.putheader("Accept", "*/*")
            conn.endheaders()
            with self._count_lock:
                self.requests_sent += 1
            response = conn.getresponse()
            if method == "GET":
                response.read(1024)
            headers = {k.lower(): v for k, v in response.getheaders()}
        except (OSError, http.client.HTTPException):
            if expired.is_set():
                raise TimeoutError(f"timed out (no full answer within {budget:g} s)") from None
            raise
        finally:
            timer.cancel()
            conn.close()
        if expired.is_set():
            raise TimeoutError(f"timed out (no full answer within {budget:g} s)")
        return response.status, headers


def _retry_after(value: str | None) -> float:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return 0.0


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout) or "timed out" in str(exc):
        return "timed out"
    text = str(exc) or exc.__class__.__name__
    return text.splitlines()[0][:200]
