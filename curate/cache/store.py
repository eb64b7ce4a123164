"""The on-disk cache: one SQLite file (``.curate/cache.sqlite`` at the corpus root).

Several features keep results here, each in its own namespace: parsed files keyed by
content hash (pre-commit and incremental runs), grammar results keyed by paragraph hash
and backend, URL check results with a time to live. Values are JSON. SQLite gives us
atomic writes and safe concurrent use (WAL, busy timeout); a corrupt or foreign file is
moved aside and rebuilt with a warning, never trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable

SCHEMA_VERSION = 1
_APPLICATION_ID = 0x51414355  # "QACU": marks the file as ours


class CacheWarning(UserWarning):
    """The cache could not be used as it was and was rebuilt or bypassed."""


_plain_format = warnings.formatwarning


def _format_warning(message, category, filename, lineno, line=None) -> str:  # type: ignore[no-untyped-def]
    """A cache warning is one line for people ("warning: cache disabled: ..."), not
    Python's ``file:line: CacheWarning:`` form with a source line; others are unchanged."""
    if isinstance(category, type) and issubclass(category, CacheWarning):
        return f"warning: {message}\n"
    return _plain_format(message, category, filename, lineno, line)


warnings.formatwarning = _format_warning


def _busy(exc: sqlite3.DatabaseError) -> bool:
    """True when SQLite only says another connection holds the file."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class Cache:
    """A namespaced key/value store in SQLite. Use ``Cache.disabled()`` for ``--no-cache``."""

    def __init__(self, path: Path | None):
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if path is not None:
            self._conn = self._open(path)

    @classmethod
    def disabled(cls) -> Cache:
        return cls(None)

    @classmethod
    def for_root(cls, root: Path) -> Cache:
        """The corpus's ``.curate/cache.sqlite``, opened (disabled when it cannot be), with a
        ``.curate/.gitignore`` so, like ``.pytest_cache``, it never shows in ``git status``."""
        cache = cls(Path(root) / ".curate" / "cache.sqlite")
        ignore = Path(root) / ".curate" / ".gitignore"
        if cache.enabled and not ignore.exists():
            try:
                ignore.write_text("# created by curate: the cache is not for version control\n*\n", encoding="utf-8")
            except OSError:
                pass
        return cache

    @property
    def enabled(self) -> bool:
        return self._conn is not None

    # -- opening ------------------------------------------------------------------------

    def _open(self, path: Path) -> sqlite3.Connection | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            warnings.warn(f"cache disabled: cannot create {path.parent}: {exc}", CacheWarning, stacklevel=3)
            return None
        for attempt in range(2):
            try:
                conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
                self._init_schema(conn)
                return conn
            except sqlite3.DatabaseError as exc:
                if attempt or _busy(exc):  # busy: another process holds it; never "corrupt"
                    warnings.warn(f"cache disabled: {path}: {exc}", CacheWarning, stacklevel=3)
                    return None
                warnings.warn(f"cache file {path} is corrupt or not ours ({exc}); rebuilding it", CacheWarning, stacklevel=3)
                self._move_aside(path)
        return None

    @staticmethod
    def _move_aside(path: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                try:
                    os.replace(p, Path(str(p) + ".corrupt"))
                except OSError:
                    p.unlink(missing_ok=True)

    @staticmethod
    def _init_schema(conn: sqlite3.Connection) -> None:
        """Check, or create, the schema and the application id in one write transaction:
        a process that opens the file while another creates it waits for that
        transaction, so it never sees tables without our id (it used to call a cache
        being created "not ours" and move the other's open database aside)."""
        conn.execute("PRAGMA busy_timeout = 30000")
        for attempt in range(100):  # not allowed in a transaction, and SQLite may answer
            try:  # "locked" at once, without its busy wait, while another process creates the file
                conn.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or attempt == 99:
                    raise
                time.sleep(0.05)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and app_id != _APPLICATION_ID:
                raise sqlite3.DatabaseError("not a curate cache")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if tables and version != SCHEMA_VERSION:
                conn.execute("DROP TABLE IF EXISTS entries")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS entries ("
                " namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
                " created REAL NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID"
            )
            conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        # No PRAGMA quick_check here: it reads the whole file (a second per GB, on every
        # run). A page found damaged later disables the cache for that run and moves the
        # file aside (see _fail), so the next run starts a new one.

    # -- use ----------------------------------------------------------------------------

    def get(self, namespace: str, key: str, max_age: float | None = None) -> Any | None:
        """The value stored under (namespace, key), or None (also when older than max_age seconds)."""
        if self._conn is None:
            return None
        try:
            with self._lock:
                row = self._conn.execute(
                    "SELECT value, created FROM entries WHERE namespace=? AND key=?", (namespace, key)
                ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
            return None
        if row is None or (max_age is not None and time.time() - row[1] > max_age):
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            return None

    def get_many(self, namespace: str, keys: Iterable[str]) -> dict[str, Any]:
        """Values for every key that is present (one query per 500 keys)."""
        out: dict[str, Any] = {}
        if self._conn is None:
            return out
        keys = list(keys)
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                with self._lock:
                    rows = self._conn.execute(
                        f"SELECT key, value FROM entries WHERE namespace=? AND key IN ({marks})",
                        (namespace, *chunk),
                    ).fetchall()
                for key, value in rows:
                    try:
                        out[key] = json.loads(value)
                    except ValueError:
                        pass
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
        return out

    def put(self, namespace: str, key: str, value: Any) -> None:
        self.put_many(namespace, [(key, value)])

    def put_many(self, namespace: str, items: Iterable[tuple[str, Any]]) -> None:
        """Store many values in one transaction."""
        self.put_many_json(namespace, ((k, json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for k, v in items))

    def put_many_json(self, namespace: str, items: Iterable[tuple[str, str]]) -> None:
        """Store values already encoded as JSON text (by a worker), in one transaction."""
        if self._conn is None:
            return
        now = time.time()
        rows = [(namespace, k, text, now) for k, text in items]
        if not rows:
            return
        self._write(lambda conn: conn.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows))

    def write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run ``work`` in one write transaction (reads in it see what it wrote); a
        database error disables the cache, any other error rolls back and is raised."""
        if self._conn is not None:
            self._write(work)

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run ``work`` in one write transaction; a database error disables the cache."""
        try:
            with self._lock:
                assert self._conn is not None
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    work(self._conn)
                    self._conn.execute("COMMIT")
                except BaseException:
                    # a Ctrl-C that lands after COMMIT leaves no transaction: keep the
                    # KeyboardInterrupt, not the ROLLBACK's error
                    with contextlib.suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                    raise
        except sqlite3.DatabaseError as exc:
            self._fail(exc)

    def get_blob(self, namespace: str, key: str) -> bytes | None:
        """Bytes stored with :meth:`put_blob`, or None."""
        if self._conn is None:
            return None
        try:
            with self._lock:
                row = self._conn.execute("SELECT value FROM entries WHERE namespace=? AND key=?", (namespace, key)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
            return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def put_blob(self, namespace: str, key: str, data: bytes, keep: int = 4) -> None:
        """Store ``data`` as is (no JSON), keeping only the ``keep`` newest entries of
        the namespace: blobs are large (whole reports), and only recent ones are useful."""
        if self._conn is None:
            return

        def replace_and_trim(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", (namespace, key, data, time.time()))
            conn.execute("DELETE FROM entries WHERE namespace=? AND key NOT IN"
                         " (SELECT key FROM entries WHERE namespace=? ORDER BY created DESC LIMIT ?)",
                         (namespace, namespace, keep))

        self._write(replace_and_trim)

    def keys(self, namespace: str) -> list[str]:
        if self._conn is None:
            return []
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT key FROM entries WHERE namespace=? ORDER BY key", (namespace,))]

    def delete(self, namespace: str, keys: Iterable[str]) -> None:
        if self._conn is None:
            return
        with self._lock:
            self._conn.executemany("DELETE FROM entries WHERE namespace=? AND key=?", [(namespace, k) for k in keys])

    def _fail(self, exc: Exception) -> None:
        damaged = isinstance(exc, sqlite3.DatabaseError) and any(
            word in str(exc).lower() for word in ("malformed", "not a database", "corrupt", "could not decode"))
        warnings.warn(f"cache disabled for this run{'; it will be rebuilt' if damaged else ''}: {exc}", CacheWarning, stacklevel=3)
        self.close()
        if damaged and self.path is not None:
            self._move_aside(self.path)

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
