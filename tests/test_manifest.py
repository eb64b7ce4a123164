"""The file manifest (``curate.cache.manifest``): unchanged files are not read again, and any
write is seen, even one that keeps the size and puts the old modification time back."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SEEDS

from curate.cache import manifest
from curate.cache.documents import content_hash
from curate.cache.store import Cache
from curate.corpus.loader import LoadOptions


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".curate"))
    old = time.time() - 60  # older than the racy window
    for file in folder.glob("*.md"):
        os.utime(file, (old, old))
    return folder


class Reads:
    """Counts files read by the manifest (first reads and lazy ones)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        real_read, real_again = manifest.read_or_report, manifest._read_again

        def read_or_report(source, options, problems):
            self.paths.append(source.rel_path)
            return real_read(source, options, problems)

        def read_again(source):
            self.paths.append(source.rel_path)
            return real_again(source)

        monkeypatch.setattr(manifest, "read_or_report", read_or_report)
        monkeypatch.setattr(manifest, "_read_again", read_again)


def scan(folder: Path, cache: Cache):
    return manifest.read([str(folder)], LoadOptions(), cache, content_hash)


def test_unchanged_files_are_not_read(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = Cache.for_root(tmp_path / "c")
    _root, first, _problems, hashes = scan(notes, cache)
    reads = Reads(monkeypatch)
    _root, again, _problems, hashes_again = scan(notes, cache)
    assert reads.paths == [] and hashes_again == hashes
    assert [again[i] for i in range(len(again))] == [first[i] for i in range(len(first))]  # read when asked
    assert len(reads.paths) == len(first)


def test_a_write_that_keeps_size_and_mtime_is_seen(notes: Path, tmp_path: Path):
    cache = Cache.for_root(tmp_path / "c")
    _root, _texts, _problems, hashes = scan(notes, cache)
    victim = sorted(notes.glob("*.md"))[0]
    st = victim.stat()
    data = victim.read_bytes()
    victim.write_bytes(data.replace(b"a", b"e", 1))  # same size
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))  # the old mtime back; ctime moves anyway
    _root, texts, _problems, after = scan(notes, cache)
    changed = [i for i, (a, b) in enumerate(zip(hashes, after)) if a != b]
    assert [texts[i][2] for i in changed] == [victim.name]


def test_files_written_just_now_are_not_vouched_for(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = Cache.for_root(tmp_path / "c")
    fresh = notes / "new.md"
    fresh.write_text("## What is new?\n\nSomething.\n", encoding="utf-8")
    scan(notes, cache)
    reads = Reads(monkeypatch)
    scan(notes, cache)
    assert reads.paths == ["new.md"]  # racy: read again until it is older than the window


def test_unreadable_files_are_reported_every_time(notes: Path, tmp_path: Path):
    cache = Cache.for_root(tmp_path / "c")
    (notes / "latin1.md").write_bytes("## Caf\xe9?\n".encode("latin-1"))
    for _ in range(2):
        _root, _texts, problems, _hashes = scan(notes, cache)
        assert [p.path.endswith("latin1.md") for p in problems] == [True]


def test_include_globs_are_matched_once_per_path(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A warm scan matches the include and exclude globs only for paths it has not seen
    under the same options; other options match again, and a gone file leaves the memo."""
    from curate.corpus import loader

    cache = Cache.for_root(tmp_path / "c")
    _root, first, _problems, _hashes = scan(notes, cache)
    calls: list[str] = []
    real = loader.matches
    monkeypatch.setattr(loader, "matches", lambda rel, patterns: calls.append(rel) or real(rel, patterns))
    (notes / "new.md").write_text("# New\n\n## What is new?\n\nThis.\n", encoding="utf-8")
    _root, again, _problems, _hashes = scan(notes, cache)
    assert set(calls) == {"new.md"} and len(again) == len(first) + 1
    calls.clear()
    gone = first[0][2]
    (notes / gone).unlink()
    other = LoadOptions(exclude=(*LoadOptions().exclude, "new.md"))
    _root, narrowed, _problems, _hashes = manifest.read([str(notes)], other, cache, content_hash)
    assert "new.md" in calls and "new.md" not in [rel for _shown, rel in narrowed.labels()]  # another memo
    assert gone in cache.get(manifest.INCLUDED, _key(notes, LoadOptions()))  # not yet rescanned
    scan(notes, cache)
    assert gone not in cache.get(manifest.INCLUDED, _key(notes, LoadOptions()))


def _key(folder: Path, options: LoadOptions) -> str:
    import hashlib

    return hashlib.sha256(f"{folder}\x1f{options!r}".encode("utf-8", "surrogatepass")).hexdigest()
