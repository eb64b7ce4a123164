"""Which files are unchanged since the last run, told from ``stat`` alone.

A warm re-lint must know every file's content hash to name its cached results; reading
and hashing 20,000 files takes seconds. Like git's index, the manifest remembers, per
file, its size, modification and change times and inode with the content hash read at
that state; a file whose ``stat`` still says the same is not read until its text is
needed (a replayed report never needs it).

A file written in the same instant as it was read could change without its times
changing ("racy" entries in git's terms), so entries younger than ``RACY_SECONDS`` when
the manifest is written are left out and read again next time. Anyone can still forge
all four values on purpose; ``--no-cache`` reads everything.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from curate.corpus.loader import (
    DecodeError,
    LoadOptions,
    SourceFile,
    decode,
    find_root,
    iter_source_files,
    read_or_report,
)
from curate.corpus.model import Problem

NAMESPACE = "manifest"
INCLUDED = "manifest-included"
"""Under the manifest's key (root and load options): the root-relative paths found to
pass the include and exclude globs, a pure function of the path and the options, so
the next run matches only paths it has not seen (20,000 glob matches cost more than
the 10,000 ``stat`` calls of a warm run)."""
RACY_SECONDS = 2.0


def _signature(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class Texts(Sequence[tuple[str, str, str]]):
    """``(text, display path, rel path)`` of each readable file, the text read on first
    use when the manifest vouched for the file."""

    def __init__(self, entries: list[list[Any]]):
        self._entries = entries  # [text | None, display, rel, SourceFile]

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, i: int) -> tuple[str, str, str]:  # type: ignore[override]
        entry = self._entries[i]
        if entry[0] is None:
            entry[0] = _read_again(entry[3])
        return entry[0], entry[1], entry[2]

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        return (self[i] for i in range(len(self)))

    def labels(self) -> list[tuple[str, str]]:
        """``(display path, rel path)`` of each file, without reading any."""
        return [(e[1], e[2]) for e in self._entries]


def _read_again(source: SourceFile) -> str:
    try:
        with open(source.abspath, "rb") as handle:
            return decode(handle.read())
    except (OSError, DecodeError) as exc:
        raise RuntimeError(f"{source.display} changed while curate was running ({exc}); run it again") from None


def read(paths: Sequence[str], options: LoadOptions, cache: Any,
         hash_text: Callable[[str], str], root: Path | None = None) -> tuple[Any, Texts, list[Problem], list[str]]:
    """The root (``root``, else the folder holding every path), the files' texts (lazy
    where the manifest vouches for them), the unreadable files, and each readable file's
    content hash (``hash_text``)."""
    root = root if root is not None else find_root(paths)
    key = hashlib.sha256(f"{root}\x1f{options!r}".encode("utf-8", "surrogatepass")).hexdigest()
    known = cache.get(NAMESPACE, key) or {}
    if not isinstance(known, dict):
        known = {}
    stored = cache.get(INCLUDED, key)
    before = frozenset(stored) if isinstance(stored, list) and all(isinstance(r, str) for r in stored) else frozenset()
    included = set(before)
    problems: list[Problem] = []
    entries: list[list[Any]] = []
    hashes: list[str] = []
    fresh: dict[str, list[Any]] = {}
    sources = list(iter_source_files(paths, root, options, problems, included))
    included &= {source.rel_path for source in sources}  # gone files leave the memo
    for source in sources:
        try:
            st = os.stat(source.abspath)
        except OSError as exc:
            problems.append(Problem(source.display, f"cannot read {source.display}: {exc.strerror or exc}"))
            continue
        signature = _signature(st)
        remembered = known.get(source.rel_path)
        if isinstance(remembered, list) and remembered[:-1] == signature and st.st_size <= options.max_bytes:
            entries.append([None, source.display, source.rel_path, source])
            hashes.append(remembered[-1])
            fresh[source.rel_path] = remembered
            continue
        text = read_or_report(source, options, problems)
        if text is None:
            continue
        digest = hash_text(text)
        entries.append([text, source.display, source.rel_path, source])
        hashes.append(digest)
        if time.time_ns() - st.st_mtime_ns > RACY_SECONDS * 1e9:
            fresh[source.rel_path] = [*signature, digest]
    if fresh != known:
        cache.put(NAMESPACE, key, fresh)
    if included != before:
        cache.put(INCLUDED, key, sorted(included))
    problems.sort(key=lambda p: p.path)
    return root, Texts(entries), problems, hashes
