"""Atomic writes never replace what is not a regular file (``-o /dev/null``)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from curate.infra.fileio import atomic_write_bytes, atomic_write_text


def test_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("write", [lambda p: atomic_write_text(p, "hello\n"), lambda p: atomic_write_bytes(p, b"hello\n")])
def test_a_pipe_is_written_in_place_not_replaced(tmp_path: Path, write) -> None:
    """A rename over a device or pipe would destroy it (as root: /dev/null itself)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write(pipe)
    reader.join(timeout=10)
    assert received == [b"hello\n"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_dev_null_stays_a_device() -> None:
    if not os.path.exists(os.devnull) or not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("no character device at os.devnull")
    atomic_write_text(os.devnull, "nothing")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
