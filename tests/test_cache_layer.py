"""The parsed-document cache: exact round trip, hits, misses on change, and safety
(corrupt or foreign cache files, --no-cache, two processes at once)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from conftest import SEEDS, SHARED

from curate.cache import documents as cache_layer
from curate.cache.documents import load_corpus as cached_load
from curate.cache.store import Cache, CacheWarning
from curate.corpus.loader import load_corpus
from curate.corpus.markdown import parse_document


class CountingParser:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str, path: str, rel: str):
        self.calls.append(rel)
        return parse_document(text, path, rel)


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    return folder


def test_round_trip_is_exact_for_the_seed_notes() -> None:
    corpus = load_corpus([SEEDS])
    for doc in corpus.documents:
        back = cache_layer.document_from_json(cache_layer.document_to_json(doc), doc.text, doc.path)
        assert back == doc
        assert back.line_starts == doc.line_starts


def test_round_trip_real_corpus_files() -> None:
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        pytest.skip("shared corpora not available")
    files = sorted(corpora.rglob("*.md"))[:40]
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        doc = parse_document(text, file.name, file.name)
        assert cache_layer.document_from_json(cache_layer.document_to_json(doc), text, doc.path) == doc


def test_second_load_uses_the_cache_and_an_edit_misses_it(notes: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite")
    first = CountingParser()
    cold = cached_load([notes], parse=first, cache=cache)
    assert len(first.calls) == 5
    second = CountingParser()
    warm = cached_load([notes], parse=second, cache=cache)
    assert second.calls == []
    assert warm == cold
    edited = sorted(notes.glob("*.md"))[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n## What changed?\nThis.\n", encoding="utf-8")
    third = CountingParser()
    again = cached_load([notes], parse=third, cache=cache)
    assert third.calls == [edited.name]
    assert any(r.question == "What changed?" for r in again.document(edited.name).records) or again != warm


def test_moved_file_is_parsed_again_because_ids_depend_on_the_path(notes: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite")
    cached_load([notes], cache=cache)
    src = sorted(notes.glob("*.md"))[0]
    src.rename(notes / "renamed.md")
    parser = CountingParser()
    cached_load([notes], parse=parser, cache=cache)
    assert parser.calls == ["renamed.md"]


def test_disabled_cache_parses_everything(notes: Path) -> None:
    parser = CountingParser()
    cached_load([notes], parse=parser, cache=Cache.disabled())
    cached_load([notes], parse=parser, cache=Cache.disabled())
    assert len(parser.calls) == 10


def test_damaged_entry_is_parsed_again(notes: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite")
    cached_load([notes], cache=cache)
    key = cache.keys(cache_layer.NAMESPACE)[0]
    cache.put(cache_layer.NAMESPACE, key, {"f": cache_layer.FORMAT, "rel": "x", "records": "nonsense"})
    for k in cache.keys(cache_layer.NAMESPACE):
        cache.put(cache_layer.NAMESPACE, k, {"f": cache_layer.FORMAT, "rel": cache.get(cache_layer.NAMESPACE, k).get("rel"), "records": [{"id": 1}]})
    parser = CountingParser()
    corpus = cached_load([notes], parse=parser, cache=cache)
    assert len(parser.calls) == 5
    assert corpus == load_corpus([notes])


@pytest.mark.parametrize("content", [b"this is not a database at all" * 50, b""])
def test_corrupt_cache_file_is_rebuilt_with_a_warning(notes: Path, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(content)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache = Cache(path)
        corpus = cached_load([notes], cache=cache)
    assert len(corpus.documents) == 5
    if content:
        assert any(issubclass(w.category, CacheWarning) for w in caught)
    parser = CountingParser()
    cached_load([notes], parse=parser, cache=Cache(path))
    assert parser.calls == []


def test_foreign_sqlite_file_is_not_trusted(notes: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE entries (namespace TEXT, key TEXT, value TEXT, created REAL)")
    conn.execute("INSERT INTO entries VALUES ('parsed', 'k', '{}', 0)")
    conn.commit()
    conn.close()
    with pytest.warns(CacheWarning):
        cache = Cache(path)
    assert cache.enabled
    assert cache.keys(cache_layer.NAMESPACE) == []
    assert len(cached_load([notes], cache=cache).documents) == 5


def test_two_processes_fill_one_cache_at_once(notes: Path, tmp_path: Path) -> None:
    for i in range(40):  # enough files that the two writers overlap
        (notes / f"extra_{i:02d}.md").write_text(f"## What is item {i}?\nAnswer {i}.\n", encoding="utf-8")
    cache_path = tmp_path / "shared.sqlite"
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from curate.cache.store import Cache
        from curate.cache.documents import load_corpus as cached_load
        for _ in range(3):
            corpus = cached_load([{str(notes)!r}], cache=Cache(Path({str(cache_path)!r})))
        print(len(corpus.documents))
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert out.strip() == "45"
    parser = CountingParser()
    corpus = cached_load([notes], parse=parser, cache=Cache(cache_path))
    assert parser.calls == []
    assert len(corpus.documents) == 45
    conn = sqlite3.connect(cache_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_parser_version_changes_with_the_parser_source(monkeypatch: pytest.MonkeyPatch) -> None:
    v = cache_layer.parser_version()
    assert len(v) == 16
    assert cache_layer.cache_key("a", "x.md") != cache_layer.cache_key("a", "y.md")
    assert cache_layer.cache_key("a", "x.md") != cache_layer.cache_key("b", "x.md")


def test_a_cache_damaged_inside_is_moved_aside_and_rebuilt(notes: Path, tmp_path: Path) -> None:
    """Opening does not scan the whole file (too slow for large caches): a damaged page
    found while reading disables the cache for that run, and the next run starts anew."""
    path = tmp_path / "c.sqlite"
    cache = Cache(path)
    cached_load([notes], cache=cache)
    cache.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - 16, page):  # leave the header page intact
        data[offset + 8 : offset + 16] = b"\xff" * 8
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        damaged = Cache(path)
        corpus = cached_load([notes], cache=damaged)
    assert len(corpus.documents) == 5
    assert any("rebuilt" in str(w.message) for w in caught)
    parser = CountingParser()
    cached_load([notes], parse=parser, cache=Cache(path))  # a new cache: everything parsed
    assert len(parser.calls) == 5
    cached_load([notes], parse=parser, cache=Cache(path))
    assert len(parser.calls) == 5  # and then reused
