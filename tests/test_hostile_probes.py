"""Probes of issue 17: hostile trees and hostile servers, each reproduced here first.

The trees are built in a temporary folder; the servers listen on 127.0.0.1 only and are
started and stopped by the tests.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from curate.corpus.loader import read_texts
from curate.infra import urlcheck
from curate.infra.urlcheck import CheckOptions, UrlChecker

NOTE = "# Topic\n\n## What is a note?\n\nA short answer.\n"


def _curate(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curate.cli.main", *args], capture_output=True,
                          cwd=cwd, timeout=timeout)


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    root.mkdir()
    (root / "ok.md").write_text(NOTE)
    return root


# -- 1. symlink loops -------------------------------------------------------------------

@pytest.mark.parametrize("command", [["lint", "--format", "json", "--no-cache"], ["parse"], ["fix", "--no-cache"],
                                     ["build", "--no-cache", "-o", "OUT"]])
def test_symlink_loop_is_reported_not_a_traceback(tmp_path, command):
    root = _tree(tmp_path)
    os.symlink("b.md", root / "a.md")
    os.symlink("a.md", root / "b.md")
    command = [str(tmp_path / "out") if c == "OUT" else c for c in command]
    proc = _curate(*command, str(root))
    assert b"Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    if command[0] == "lint":
        report = json.loads(proc.stdout)
        loops = [f for f in report["findings"] if f["code"] == "QA000" and "loop" in f["message"]]
        assert {Path(f["path"]).name for f in loops} == {"a.md", "b.md"}


def test_symlink_loop_in_the_loader(tmp_path):
    root = _tree(tmp_path)
    os.symlink("self.md", root / "self.md")
    _root, texts, problems = read_texts([root])
    assert [t[2] for t in texts] == ["ok.md"]
    assert any("loop" in p.message for p in problems)


# -- 2. files that are not regular files --------------------------------------------------

def test_named_pipe_is_skipped_with_a_reason(tmp_path):
    root = _tree(tmp_path)
    os.mkfifo(root / "pipe.md")
    proc = _curate("lint", str(root), "--no-cache", "--format", "json", timeout=60)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    pipe = [f for f in report["findings"] if Path(f["path"]).name == "pipe.md"]
    assert pipe and pipe[0]["code"] == "QA000" and "not a regular file" in pipe[0]["message"]


def test_named_pipe_given_by_name_is_skipped(tmp_path):
    root = _tree(tmp_path)
    os.mkfifo(root / "pipe.md")
    _root, texts, problems = read_texts([root / "pipe.md", root / "ok.md"], root=root)
    assert [t[2] for t in texts] == ["ok.md"]
    assert any("not a regular file" in p.message for p in problems)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_is_reported(tmp_path):
    root = _tree(tmp_path)
    locked = root / "locked"
    locked.mkdir()
    (locked / "hidden.md").write_text(NOTE)
    locked.chmod(0)
    try:
        _root, _texts, problems = read_texts([root])
    finally:
        locked.chmod(0o755)
    assert any("cannot read folder" in p.message for p in problems)


def test_unreadable_folder_is_reported_when_scandir_fails(tmp_path, monkeypatch):
    """The same as above for root, who reads every folder: the listing fails on purpose."""
    root = _tree(tmp_path)
    (root / "locked").mkdir()
    (root / "locked" / "hidden.md").write_text(NOTE)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    _root, texts, problems = read_texts([root])
    assert [t[2] for t in texts] == ["ok.md"]
    assert [p.message for p in problems] == [f"cannot read folder {problems[0].path}: Permission denied"]
    assert problems[0].path.endswith("locked")


# -- 3 and 4. file names that are not UTF-8 or hold control characters -------------------

def _bytes_name(root: Path, name: bytes) -> None:
    with open(os.path.join(os.fsencode(root), name), "wb") as handle:
        handle.write(NOTE.encode())


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "junit", "markdown", "github"])
def test_non_utf8_file_name_is_skipped_with_a_reason(tmp_path, fmt):
    root = _tree(tmp_path)
    _bytes_name(root, b"bad\xffname.md")
    proc = _curate("lint", str(root), "--no-cache", "--format", fmt)
    assert b"Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (0, 1)
    assert b"\xff" not in proc.stdout
    assert b"xffname.md" in proc.stdout  # escaped (JSON and Markdown double the backslash)


@pytest.mark.parametrize("command", ["build", "fix"])
def test_non_utf8_file_name_does_not_abort_build_or_fix(tmp_path, command):
    root = _tree(tmp_path)
    _bytes_name(root, b"bad\xffname.md")
    args = ["build", str(root), "-o", str(tmp_path / "out"), "--no-cache"] if command == "build" else ["fix", str(root), "--no-cache"]
    proc = _curate(*args)
    assert b"Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (0, 1), proc.stderr[-2000:]


@pytest.mark.parametrize("fmt", ["text", "markdown", "junit", "github", "json", "sarif"])
def test_newline_in_a_file_name_cannot_forge_a_workflow_command(tmp_path, fmt):
    root = _tree(tmp_path)
    (root / "x\n::error file=pwned.md,line=1::INJECTED\n.md").write_text(NOTE)
    proc = _curate("lint", str(root), "--no-cache", "--format", fmt)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    lines = proc.stdout.decode().splitlines()
    assert not any(line.lstrip().startswith("::error file=pwned.md") for line in lines)
    assert "INJECTED" in proc.stdout.decode()  # reported, escaped


def test_printable_path_escapes_controls_and_undecodable_bytes():
    from curate.corpus.loader import printable_path

    assert printable_path("a\nb\x1b[31m.md") == "a\\nb\\x1b[31m.md"
    assert printable_path(os.fsdecode(b"bad\xffname.md")) == "bad\\xffname.md"
    assert printable_path("notes/caf\u00e9.md") == "notes/caf\u00e9.md"


# -- 9. IPv6 forms that embed a private IPv4 address ---------------------------------------

@pytest.mark.parametrize("address", [
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::",
    "2001:0:4136:e378:8000:63bf:80ff:fffe", "::127.0.0.1", "::10.0.0.1", "::ffff:192.168.1.1",
])
def test_ipv6_forms_embedding_a_private_ipv4_are_refused(address):
    assert not urlcheck.address_is_public(address)


@pytest.mark.parametrize("address", ["2606:4700:4700::1111", "2002:808:808::1", "8.8.8.8"])
def test_public_addresses_stay_public(address):
    assert urlcheck.address_is_public(address)


def test_nat64_loopback_is_never_connected_to(monkeypatch):
    connects = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connects.append(a) or (_ for _ in ()).throw(OSError("no")))
    checker = UrlChecker(CheckOptions(retries=0), resolver=lambda host, port: ["64:ff9b::7f00:1"])
    result = checker.check("http://nat64.test/x")
    assert result.refused and "64:ff9b::7f00:1" in result.reason
    assert connects == []


# -- 7. slow-drip servers ------------------------------------------------------------------

class _DripServer:
    """Answers every connection with a status line, then one byte every ``gap`` seconds."""

    def __init__(self, gap: float = 0.2, total: float = 30.0):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.gap, self.total = gap, total
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/drip"

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        ends = time.monotonic() + self.total
        try:
            conn.recv(4096)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
                if self.stop.is_set() or time.monotonic() > ends:
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
        self.thread.join(2)


@pytest.fixture
def drip(monkeypatch):
    monkeypatch.setattr(urlcheck, "address_is_public", lambda a: True)
    server = _DripServer()
    yield server
    server.close()


def test_slow_drip_server_is_cut_at_the_request_timeout(drip):
    checker = UrlChecker(CheckOptions(timeout=1.0, retries=0, per_host_interval=0))
    started = time.monotonic()
    result = checker.check(drip.url)
    elapsed = time.monotonic() - started
    assert not result.ok and "timed out" in result.reason
    assert elapsed < 5, elapsed  # was: the whole drip (30 s here, 84 s in the probe)


def test_run_deadline_stops_starting_requests(drip):
    checker = UrlChecker(CheckOptions(timeout=1.0, retries=0, per_host_interval=0, concurrency=1, run_deadline=1.5))
    urls = [f"{drip.url}?{i}" for i in range(6)]
    started = time.monotonic()
    results = checker.check_many(urls)
    assert time.monotonic() - started < 6
    skipped = [r for r in results.values() if r.refused and "budget" in r.reason]
    assert skipped, results


# -- 5. the dataset does not depend on the folder the build ran from ----------------------

def test_build_output_is_the_same_from_any_folder(tmp_path):
    notes = tmp_path / "deep" / "notes"
    notes.mkdir(parents=True)
    answer = "A network that stacks self-attention and feed-forward layers, trained on large text corpora.\n"
    (notes / "a.md").write_text("# Models\n\n## What is a transformer model?\n\n" + answer)
    (notes / "b.md").write_text("# More\n\n## Why do large language models work so well?\n\n" + answer)
    outs = []
    for i, (cwd, given) in enumerate([(tmp_path, "deep/notes"), (notes, "."), (tmp_path / "deep", str(notes))]):
        out = tmp_path / f"out{i}"
        proc = _curate("build", given, "-o", str(out), "--no-cache", cwd=cwd)
        assert proc.returncode in (0, 1), proc.stderr[-2000:]
        outs.append(out)
    jsonl = [(o / "data" / "train.jsonl").read_bytes() for o in outs]
    assert b"QA203" in jsonl[0]  # "the same as the answer of b.md:3" is kept as a flag
    assert b"deep/notes" not in jsonl[0] and str(tmp_path).encode() not in jsonl[2]
    assert jsonl[0] == jsonl[1] == jsonl[2]
    for name in ("provenance.jsonl", "removed.jsonl", "merged.md", "README.md"):
        assert len({(o / name).read_bytes() for o in outs}) == 1, name


# -- 6. fix keeps the owner of the files it rewrites ----------------------------------------

@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_atomic_write_keeps_owner_and_group(tmp_path):
    from curate.infra.fileio import atomic_write_text

    target = tmp_path / "note.md"
    target.write_text("old\n")
    os.chown(target, 4242, 4343)
    target.chmod(0o640)
    atomic_write_text(target, "new\n")
    info = target.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (4242, 4343, 0o640)
    assert target.read_text() == "new\n"


def test_atomic_write_replaces_a_hard_link_as_documented(tmp_path):
    from curate.infra.fileio import atomic_write_text

    target = tmp_path / "note.md"
    target.write_text("old\n")
    os.link(target, tmp_path / "other-name.md")
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert (tmp_path / "other-name.md").read_text() == "old\n"


# -- 8. cold-start race on the cache ---------------------------------------------------------

def _open_cache(args: tuple[str, object]) -> list[str]:
    import warnings as _warnings

    from curate.cache.store import Cache

    path, barrier = args
    barrier.wait()
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        cache = Cache(Path(path))
        ok = cache.enabled
        if ok:
            cache.put("race", str(os.getpid()), 1)
        cache.close()
    return [str(w.message) for w in caught] + ([] if ok else ["disabled"])


def test_processes_creating_the_cache_at_once_never_move_it_aside(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    complaints: list[str] = []
    with ctx.Manager() as manager, ctx.Pool(4) as pool:
        for round_ in range(40):
            path = tmp_path / f"r{round_}" / ".curate" / "cache.sqlite"
            barrier = manager.Barrier(4)
            for found in pool.map(_open_cache, [(str(path), barrier)] * 4):
                complaints.extend(found)
            assert not list(path.parent.glob("*.corrupt")), (round_, complaints)
    assert complaints == []


def test_cache_warning_is_one_line(tmp_path):
    bad = tmp_path / "notes"
    bad.mkdir()
    (bad / "ok.md").write_text(NOTE)
    (bad / ".curate").mkdir()
    (bad / ".curate" / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    proc = _curate("lint", str(bad), cwd=tmp_path)
    err = proc.stderr.decode()
    assert "CacheWarning" not in err and "store.py" not in err, err
    assert "warning: cache file" in err


# -- 10. very large single files ---------------------------------------------------------------

def test_file_over_the_line_budget_is_qa000_not_minutes(tmp_path):
    """1,000,000 lines took 97 s and 2.5 GB to parse and 7 minutes to lint; now the file is
    refused from its shape, before any parsing."""
    root = _tree(tmp_path)
    (root / "huge.md").write_text("".join(f"{i}\n" for i in range(1_000_000)))  # 6.9 MB, under max-file-size
    (root / "wide.md").write_text("word " * 1_000_000 + "\n")  # 5 MB on one line
    started = time.monotonic()
    proc = _curate("lint", str(root), "--no-cache", "--format", "json", timeout=600)
    elapsed = time.monotonic() - started
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    by_name = {Path(f["path"]).name: f for f in report["findings"] if f["code"] == "QA000"}
    assert "too slow to check" in by_name["huge.md"]["message"] and "1,000,000 lines" in by_name["huge.md"]["message"]
    assert "too slow to check" in by_name["wide.md"]["message"]
    assert elapsed < 120, elapsed  # a guard against hangs only, far above the few seconds it takes


def test_line_budget_is_configurable(tmp_path):
    from curate.corpus.loader import LoadOptions

    root = _tree(tmp_path)
    (root / "long.md").write_text(NOTE * 20)
    _root, texts, problems = read_texts([root], options=LoadOptions(max_lines=50))
    assert [t[2] for t in texts] == ["ok.md"]
    assert "over the 50-line limit" in problems[0].message
    (root / "curate.toml").write_text("max-file-lines = 50\nmax-line-length = 10\n")
    proc = _curate("lint", str(root), "--no-cache", "--format", "json")
    messages = [f["message"] for f in json.loads(proc.stdout)["findings"] if f["code"] == "QA000"]
    assert len(messages) == 2 and all("too slow to check" in m for m in messages), messages
    (root / "curate.toml").write_text("max-file-lines = 0\n")
    assert b"max-file-lines" in _curate("lint", str(root), "--no-cache").stderr


# -- minor: QA304 "not checked" stays info ------------------------------------------------------

def test_not_checked_links_are_info_and_do_not_fail_on_warning(tmp_path):
    root = tmp_path / "notes"
    root.mkdir()
    (root / "a.md").write_text("# T\n\n## What is here?\n\nSee [the service](http://127.0.0.1:9/x) for details.\n")
    proc = _curate("lint", str(root), "--no-cache", "--online", "--select", "QA304", "--format", "json",
                   "--fail-on", "warning")
    report = json.loads(proc.stdout)
    assert [(f["code"], f["severity"]) for f in report["findings"]] == [("QA304", "info")]
    assert proc.returncode == 0


# -- minor: what a killed run left behind is removed by the next one ----------------------------

def test_stale_temporaries_of_killed_runs_are_removed(tmp_path):
    from curate.infra.fileio import atomic_write_text

    root = _tree(tmp_path)
    stale_file = root / ".ok.md.ab12cd34.tmp"
    stale_file.write_text("half")
    fresh_file = root / ".ok.md.zz12cd34.tmp"  # a run writing right now
    fresh_file.write_text("half")
    stale_dir = tmp_path / ".out.ab12cd34.tmp"
    (stale_dir / "data").mkdir(parents=True)
    old = time.time() - 2 * 3600
    for p in (stale_file, stale_dir):
        os.utime(p, (old, old))
    atomic_write_text(root / "ok.md", NOTE)
    assert not stale_file.exists() and fresh_file.exists()
    proc = _curate("build", str(root), "-o", str(tmp_path / "out"), "--no-cache")
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert not stale_dir.exists()


# -- minor: a file and a symlink to it are fixed once -------------------------------------------

def test_fixing_a_file_and_a_link_to_it_gives_no_false_changed_warning(tmp_path):
    root = tmp_path / "notes"
    root.mkdir()
    (root / "a.md").write_text("# T\n\n## What is here?\n\nAn answer with trailing spaces.   \n")
    os.symlink("a.md", root / "link.md")
    proc = _curate("fix", str(root), "--no-cache")
    assert b"changed while" not in proc.stderr, proc.stderr
    assert (root / "link.md").is_symlink()
    assert (root / "a.md").read_text() == "# T\n\n## What is here?\n\nAn answer with trailing spaces.\n"


# -- minor: a knowledge file outside the corpus is a config error, not a failure per file -------

@pytest.mark.parametrize("table, key", [("QA401", "knowledge-files"), ("QA403", "glossary-files")])
def test_data_file_outside_the_root_is_a_config_error(tmp_path, table, key):
    root = _tree(tmp_path)
    (root / "b.md").write_text(NOTE.replace("note", "thing"))
    (tmp_path / "outside.toml").write_text("")
    (root / "curate.toml").write_text(f'[rules.{table}]\n{key} = ["../outside.toml"]\n')
    proc = _curate("lint", str(root), "--no-cache")
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err, proc.stdout[-500:])
    assert "outside.toml" in err and "inside the corpus root" in err
    assert err.count("outside.toml") == 1 and b"crashed" not in proc.stdout
