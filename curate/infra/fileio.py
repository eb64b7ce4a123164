"""Atomic file writes: write to a temporary file beside the target, then rename.

The new file keeps the old one's permission bits and, when we may (as root), its owner and
group. A hard link is not followed: the renamed file is a new inode, so the path written gets
the new text and every other name of the old file keeps the old text (as with most editors'
safe save). Only regular files are replaced that way: a device, pipe or socket (``-o /dev/null``,
``-o /dev/stdout``, a named pipe) is written in place, since renaming a file over it
would destroy it (and as root, replace ``/dev/null`` for everyone).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import IO, Any, Iterator, TextIO, cast


def _special(target: Path) -> bool:
    """True when ``target`` exists and is not a regular file (a device, pipe, socket)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, newline: str = "\n", encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open ``path`` for writing so readers see the old file or the whole new one, never
    a half-written one (also on Ctrl-C)."""
    with _atomic(path, "w", encoding=encoding, newline=newline) as handle:
        yield cast(TextIO, handle)  # text mode: open() returns a TextIOWrapper


@contextlib.contextmanager
def atomic_binary_writer(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """:func:`atomic_writer` for bytes."""
    with _atomic(path, "wb") as handle:
        yield handle


@contextlib.contextmanager
def _atomic(path: str | os.PathLike[str], mode: str, *, encoding: str | None = None,
            newline: str | None = None) -> Iterator[IO[Any]]:
    target = Path(path)
    if _special(target):
        with open(target, mode, encoding=encoding, newline=newline) as handle:
            yield handle
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent, f".{target.name}.", ".tmp")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            info = target.stat()
            _keep_owner(tmp, info)
            os.chmod(tmp, info.st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


STALE_SECONDS = 3600.0
"""A temporary file or folder of ours this old was left by a killed run (a live write
takes seconds), so the next write beside it removes it."""


def remove_stale_temporaries(folder: Path, prefix: str, suffix: str) -> None:
    """Remove what a killed run left in ``folder``: entries named ``prefix`` + the 8
    random characters ``tempfile`` uses + ``suffix``, older than ``STALE_SECONDS``."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix) and len(name) == len(prefix) + 8 + len(suffix)):
            continue
        try:
            if entry.is_symlink() or now - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            continue


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give ``tmp`` the owner and group of the file it replaces (best effort: only root, or
    an owner changing the group to one of theirs, may), so ``fix`` run as root does not
    hand a user's notes to root."""
    if (info.st_uid, info.st_gid) == (os.getuid(), os.getgid()) or not hasattr(os, "chown"):
        return
    with contextlib.suppress(OSError):
        os.chown(tmp, info.st_uid, info.st_gid)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, newline: str = "") -> None:
    """Write ``text`` atomically; ``newline=""`` keeps line endings exactly as given."""
    with atomic_writer(path, newline=newline) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_binary_writer(path) as handle:
        handle.write(data)


def file_output_problem(path: str | os.PathLike[str]) -> str | None:
    """Why a report file cannot be written at ``path``, or None; checked before a long
    run so a typo in ``-o`` fails at once, with one line, instead of after the work.
    Missing parent folders are fine (``atomic_writer`` creates them)."""
    if Path(path).is_dir():
        return f"cannot write {path}: it is a folder"
    problem = folder_output_problem(Path(path).parent)
    return problem.replace(f"cannot write {Path(path).parent}:", f"cannot write {path}:", 1) if problem else None


def folder_output_problem(path: str | os.PathLike[str]) -> str | None:
    """Why an output folder cannot be created or written at ``path``, or None (missing
    parents are fine: they are created, as long as the nearest existing one is a writable folder)."""
    existing = Path(path)
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        return f"cannot write {path}: {existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot write {path}: folder {existing} is not writable"
    return None


def os_error_line(exc: OSError) -> str:
    """One readable line for an OSError (no errno prefix)."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"
