"""Ctrl-C: `curate lint -o`, `curate build -o` and cache writes leave nothing half-written.

Each test starts the real command in its own process group on a generated corpus,
sends SIGINT to the whole group once the run is under way (as a terminal's Ctrl-C
does, so pool workers get it too), and checks: exit 130, one "interrupted" line and
no traceback, no partial output, and a cache that still opens and passes SQLite's
integrity check.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

SHARED = REPO.parent / "shared"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and SIGINT are POSIX")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few MB of notes made from the real corpora (bench/generate.py): a run long enough to interrupt."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip("shared corpora absent")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    target = tmp_path_factory.mktemp("interrupt") / "notes"
    generate(target, 3, 150, seed=11)
    return target


def _interrupt(args: list[str], cwd: Path, ready: Path, settle: float = 1.0) -> subprocess.CompletedProcess[str]:
    """Run ``curate ARGS``; once ``ready`` exists (the run has started its work) wait
    ``settle`` seconds and Ctrl-C the process group."""
    proc = subprocess.Popen([sys.executable, "-c", "from curate.cli.main import main; main()", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "NO_COLOR": "1"})
    deadline = time.monotonic() + 120
    while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(settle)
    if proc.poll() is not None:
        out, err = proc.communicate()
        pytest.fail(f"finished (exit {proc.returncode}) before the interrupt; stderr: {err[-500:]}")
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def _assert_clean_interrupt(run: subprocess.CompletedProcess[str]) -> None:
    assert run.returncode == 130, run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.stderr.strip().splitlines()[-1] == "interrupted"


def _assert_cache_ok(path: Path) -> None:
    """The cache is absent (interrupted before it was made) or opens and is intact."""
    if not path.exists():
        return
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("SELECT count(*) FROM entries").fetchone()
    finally:
        conn.close()


def _fresh_cache(corpus: Path) -> Path:
    """Remove the corpus's cache, so its creation marks the moment the run has started."""
    shutil.rmtree(corpus / ".curate", ignore_errors=True)
    return corpus / ".curate" / "cache.sqlite"


def test_interrupted_lint_writes_no_report(corpus: Path, tmp_path: Path) -> None:
    cache = _fresh_cache(corpus)
    report = tmp_path / "reports" / "lint.json"
    run = _interrupt(["lint", str(corpus), "--format", "json", "-o", str(report), "--jobs", "2"], tmp_path, cache)
    _assert_clean_interrupt(run)
    assert not report.exists()
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*")), sorted(tmp_path.rglob("*"))
    _assert_cache_ok(cache)


def test_interrupted_build_writes_no_output_folder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    cache = _fresh_cache(corpus)
    run = _interrupt(["build", str(corpus), "-o", str(out)], tmp_path, cache)
    _assert_clean_interrupt(run)
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no output folder and no temporary folder left"
    _assert_cache_ok(cache)


CACHE_WRITER = """
import signal
import sys
from pathlib import Path
# a child of a background job starts with Ctrl-C ignored; a terminal's foreground process does not
signal.signal(signal.SIGINT, signal.default_int_handler)
from curate.cache.store import Cache
cache = Cache(Path(sys.argv[1]))
Path(sys.argv[2]).write_text("ready")
batch = 0
while True:
    cache.put_many("interrupt-test", [(f"{batch}:{i}", {"text": "x" * 200, "i": i}) for i in range(2000)])
    batch += 1
"""


def test_interrupted_cache_write_keeps_whole_batches(tmp_path: Path) -> None:
    """Ctrl-C in the middle of cache writes: the file is intact and every batch (one
    transaction) is there completely or not at all."""
    db = tmp_path / "cache.sqlite"
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", CACHE_WRITER, str(db), str(ready)], stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    assert proc.returncode != 0
    _assert_cache_ok(db)
    from curate.cache.store import Cache

    with Cache(db) as cache:
        keys = cache.keys("interrupt-test")
    assert keys, "some batches were written before the interrupt"
    per_batch: dict[str, int] = {}
    for key in keys:
        per_batch[key.split(":")[0]] = per_batch.get(key.split(":")[0], 0) + 1
    assert set(per_batch.values()) == {2000}
