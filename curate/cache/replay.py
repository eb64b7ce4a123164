"""Replay the report of an identical earlier run instead of linting again.

A warm re-lint of an unchanged corpus still had to rebuild every finding from the cache,
fingerprint and sort them, and render the report: seconds for tens of thousands of
findings, most of it spent on related locations of duplicate clusters. When the state
key (the rules, their options and code, ``--as-of``, every file's content and path, the
unreadable files and the files to report) and the way the report is rendered are the same
as in an earlier run, the result is the same by construction, so the stored report, its
warnings and its exit status are written out again.

Stored in the SQLite cache as one zlib-compressed blob per report; only the newest few are
kept (see ``Cache.put_blob``).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any, Mapping

from curate._version import __version__

NAMESPACE = "report"
FORMAT = 1
_SEP = b"\x00"


@dataclass(frozen=True)
class Replayed:
    """A stored outcome: the rendered report, the warnings and whether it failed."""

    report: bytes
    """The report as UTF-8, as it was written."""
    problems: list[str]
    fails: bool


def report_key(state: str, fmt: str, options: Mapping[str, Any], fail_on: str) -> str:
    """Key of one rendering of one outcome."""
    shown = json.dumps({k: repr(v) for k, v in sorted(options.items())}, sort_keys=True)
    basis = "\x1f".join((f"replay {FORMAT}", __version__, state, fmt, shown, fail_on))
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


def load(cache: Any, key: str) -> Replayed | None:
    """The stored outcome under ``key``, or None (also for a damaged entry)."""
    blob = cache.get_blob(NAMESPACE, key) if cache is not None and getattr(cache, "enabled", False) else None
    if blob is None:
        return None
    try:
        head, report = zlib.decompress(blob).split(_SEP, 1)
        meta = json.loads(head)
        return Replayed(report=report, problems=list(meta["problems"]), fails=bool(meta["fails"]))
    except (zlib.error, ValueError, KeyError, TypeError):
        return None


class Recorder:
    """A report being written, compressed as it goes, to be stored once it is done:
    the report is never held whole (it can be hundreds of megabytes)."""

    def __init__(self, problems: list[str], fails: bool) -> None:
        self._zip = zlib.compressobj(1)
        head = json.dumps({"problems": problems, "fails": fails}, ensure_ascii=True).encode()
        self._parts = [self._zip.compress(head + _SEP)]

    def feed(self, data: bytes) -> None:
        self._parts.append(self._zip.compress(data))

    def blob(self) -> bytes:
        return b"".join(self._parts) + self._zip.flush()


def store_recorded(cache: Any, key: str, recorder: Recorder) -> None:
    """Keep a recorded outcome under ``key``."""
    if cache is None or not getattr(cache, "enabled", False):
        return
    cache.put_blob(NAMESPACE, key, recorder.blob())


def store(cache: Any, key: str, outcome: Replayed) -> None:
    """Keep ``outcome`` under ``key`` (level-1 compression: fast, and reports of
    duplicate clusters shrink about tenfold)."""
    if cache is None or not getattr(cache, "enabled", False):
        return
    head = json.dumps({"problems": outcome.problems, "fails": outcome.fails}, ensure_ascii=True).encode()
    cache.put_blob(NAMESPACE, key, zlib.compress(head + _SEP + outcome.report, 1))
