"""A corpus rule's corpus-wide state as an index in the cache, kept up to date file by file.

QA502 decides a file's candidate words against counts over the whole corpus (in how
many files a word is used, written as code, as a name, in lower case ...). Summing every
file's word lists on each run made the pre-commit hook's cost follow the corpus. Here the
sums are rows (one per word, one count per part the rule names in ``INDEX_PARTS``) with
the list of files (their findings keys) they sum, so a run subtracts the shares of the
files that went away or changed, adds those of the new ones, and reads only the rows of
the words it asks about.

The shares come from the rule (``index_parts``); the rule's per-file summaries are kept
apart from the other rules' (namespace ``SUMMARIES``) so a run that uses the index never
decodes them. Every change is one write transaction that first checks the file list is
still the one it started from: two runs at once never mix their sums (the loser checks
the whole corpus as before and leaves the index alone).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from curate.cache.store import Cache

NAMESPACE = "corpus-index"
SUMMARIES = "prepared-indexed"
"""The indexed rule's per-file summaries, under the findings key (``curate.cache.keys``)."""
MARK = "@indexed"
"""What the ``prepared`` entry holds in place of the indexed rule's summary."""
_MEMBERS = "\x00members"
_SKIPPED = "\x00skipped"


@dataclass
class Index:
    """What a rule reads of its index: counts of the words it asked for, and the sums of
    the "skipped" shares."""

    counts: dict[str, list[int]]
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass
class Delta:
    """Counts to add (negative: to subtract) per word, and per "skipped" key."""

    width: int
    words: dict[str, list[int]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, parts: Sequence[Iterable[str]], skipped: tuple[str, int], sign: int) -> None:
        for k, words in enumerate(parts):
            for w in words:
                row = self.words.get(w)
                if row is None:
                    row = self.words[w] = [0] * self.width
                row[k] += sign
        if skipped[0]:
            self.skipped[skipped[0]] += sign * skipped[1]

    @classmethod
    def summed(cls, width: int, shares: Iterable[tuple[Sequence[Iterable[str]], tuple[str, int]]]) -> Delta:
        """Every share added: the index of a whole corpus (C-speed counting per part)."""
        counters = [Counter[str]() for _ in range(width)]
        skipped: Counter[str] = Counter()
        for parts, skip in shares:
            for counter, share in zip(counters, parts):
                counter.update(share)
            if skip[0]:
                skipped[skip[0]] += skip[1]
        words: dict[str, list[int]] = {}
        for k, counter in enumerate(counters):
            for w, n in counter.items():
                row = words.get(w)
                if row is None:
                    row = words[w] = [0] * width
                row[k] = n
        return cls(width, words, skipped)


def namespace(code: str, rules_key: str) -> str:
    """One index per rule and per rules key (options, code, backend): another config
    has its own sums."""
    return f"{NAMESPACE}:{code}:{rules_key[:24]}"


def members(cache: Cache, ns: str) -> list[str] | None:
    """The findings keys of the files the index sums (sorted), or None (no index)."""
    value = cache.get(ns, _MEMBERS)
    return value if isinstance(value, list) else None


def update(cache: Cache, ns: str, base: list[str] | None, new_members: list[str], delta: Delta, rebuild: bool,
           lookup: Iterable[str] = ()) -> Index | None:
    """Apply ``delta`` to the index that sums ``base`` (``rebuild``: replace the whole
    index, and drop other indexes of the rule) so that it sums ``new_members``; then read
    the rows of ``lookup``. None when another run changed the index meanwhile, or the
    cache failed: the caller then does without."""
    words = sorted(set(lookup))
    out: list[Index] = []

    def work(conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM entries WHERE namespace=? AND key=?", (ns, _MEMBERS)).fetchone()
        current = _decode(row[0]) if row is not None else None
        if not rebuild and current != base:
            return
        now = time.time()
        if rebuild:
            prefix = ns.rsplit(":", 1)[0] + ":"
            conn.execute("DELETE FROM entries WHERE namespace >= ? AND namespace < ?", (prefix, prefix + "\uffff"))
            rows = [(ns, w, _encode(c), now) for w, c in delta.words.items() if any(c)]
            skipped = {k: n for k, n in delta.skipped.items() if n}
        else:
            changed = sorted(delta.words)
            old = _rows(conn, ns, changed)
            rows = []
            gone = []
            for w in changed:
                counts = [a + b for a, b in zip(old.get(w) or [0] * delta.width, delta.words[w])]
                if any(counts):
                    rows.append((ns, w, _encode(counts), now))
                else:
                    gone.append((ns, w))
            conn.executemany("DELETE FROM entries WHERE namespace=? AND key=?", gone)
            found = conn.execute("SELECT value FROM entries WHERE namespace=? AND key=?", (ns, _SKIPPED)).fetchone()
            skipped = Counter(_decode(found[0]) if found is not None else {})
            skipped.update(delta.skipped)
            skipped = {k: n for k, n in skipped.items() if n}
        rows.append((ns, _SKIPPED, _encode(dict(sorted(skipped.items()))), now))
        rows.append((ns, _MEMBERS, _encode(new_members), now))
        conn.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
        out.append(Index(_rows(conn, ns, words), dict(skipped)))

    try:
        cache.write(work)
    except (ValueError, TypeError, KeyError):  # a damaged row: the caller does without
        return None
    return out[0] if out else None


def _rows(conn: sqlite3.Connection, ns: str, words: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for i in range(0, len(words), 500):
        chunk = words[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for key, value in conn.execute(f"SELECT key, value FROM entries WHERE namespace=? AND key IN ({marks})",
                                       (ns, *chunk)):
            found[key] = _decode(value)
    return found


def _encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _decode(text: Any) -> Any:
    return json.loads(text)
