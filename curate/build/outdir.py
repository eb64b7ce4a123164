"""Writing the build's folder so an interrupted build leaves nothing half-written.

Every file goes into a hidden temporary folder beside ``OUT``; only when all are
written is that folder renamed to ``OUT`` (the old one, with ``--force``, is moved aside
first and removed after). A non-empty ``OUT`` is refused without ``force``, and so is an
``OUT`` that is, or contains, an input (``--force`` must never delete the notes) or lies
inside an input folder (the next build would read ``merged.md`` as notes).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping, Sequence

from curate.infra.fileio import remove_stale_temporaries


class OutputError(Exception):
    """The output folder cannot be used (exists and is not empty, or holds inputs)."""


def check_output(out: Path, inputs: Sequence[str | os.PathLike[str]], force: bool) -> None:
    """Raise OutputError when writing ``out`` is not allowed; call before any work."""
    target = out.absolute().resolve()
    for given in inputs:
        source = Path(given).absolute().resolve()
        if source == target or target in source.parents:
            raise OutputError(f"output folder {out} is or contains the input {given}; choose another folder")
        if source.is_dir() and source in target.parents:
            raise OutputError(
                f"output folder {out} is inside the input {given}: the next build would read the dataset as notes;"
                " choose a folder outside it"
            )
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise OutputError(f"{out} exists and is not a folder")
        if any(out.iterdir()) and not force:
            raise OutputError(f"{out} is not empty; use --force to replace it")


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def publish(out: Path, files: Mapping[str, bytes], *, force: bool = False) -> None:
    """Write ``files`` (relative POSIX path → bytes) as the folder ``out``, atomically."""
    out = Path(out)
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for suffix in (".tmp", ".old"):  # left by a build that was killed
        remove_stale_temporaries(parent, f".{out.name}.", suffix)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    try:
        for rel in sorted(files):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(files[rel])
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(path, 0o644)
        for folder in sorted({(tmp / rel).parent for rel in files}, key=lambda p: -len(p.parts)):
            _fsync_dir(folder)
        os.chmod(tmp, 0o755)
        old: Path | None = None
        if out.exists():
            if any(out.iterdir()) and not force:
                raise OutputError(f"{out} is not empty; use --force to replace it")
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=parent))
            os.rmdir(old)
            os.replace(out, old)
        try:
            os.replace(tmp, out)
        except BaseException:
            if old is not None:
                os.replace(old, out)  # put the previous build back
            raise
        _fsync_dir(parent)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
