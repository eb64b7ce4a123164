"""Benchmark: peak memory of a lint run, the main process and its workers together, and
the pre-commit hook's time on one edited file.

``ru_maxrss`` of a child only tells the largest single process; a run's cost is the sum
over the process tree (main + pool workers), so this samples the resident set of every
process in the tree (``/proc/<pid>/status`` VmRSS, Linux) every few milliseconds and
keeps the largest sum.

Functions ``bench/run.py`` can call:

* ``peak_rss(cmd, cwd=None) -> Sample``: run ``cmd``, return seconds, exit code and the
  peak summed RSS in MB;
* ``memory_rows(sizes=(2_000, 20_000), mb_per_file=...) -> list[(label, value)]``: generate
  corpora of those many files (``bench/generate.py``) and measure a cold ``--no-cache``
  lint, a cache-filling lint and a warm one;
* ``precommit_rows(files=10_000) -> list[(label, value)]``: the hook
  (``curate lint --whole-corpus FILE``) after one edit, warm cache.

``python bench/memory.py [--files 2000 20000] [--precommit 10000]`` prints the rows.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

MB_PER_FILE = 0.002
"""Generated corpus size per file: 20 MB for 10,000 files, as ``bench/precommit.py``."""


@dataclass
class Sample:
    seconds: float
    code: int
    peak_mb: float
    """Largest sum of the resident sets of the process and all its descendants."""
    output: str = ""


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """Resident set of ``pid`` and every descendant, in kB."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        todo.extend(_children(p))
    return total


def peak_rss(cmd: list[str], cwd: Path | None = None, interval: float = 0.02) -> Sample:
    """Run ``cmd`` and sample the summed RSS of its process tree until it ends."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read() if proc.stdout else ""), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(interval)
    reader.join()
    return Sample(time.perf_counter() - start, proc.returncode, peak / 1024, "".join(chunks))


def curate_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "curate.cli.main", *args]


def corpus(files: int, work: Path, mb_per_file: float = MB_PER_FILE) -> tuple[Path, int]:
    """A generated corpus of ``files`` files under ``work`` (reused when there), and its size in bytes."""
    root = work / f"c{files}"
    if not (root / "curate.toml").is_file():
        generate(root, files * mb_per_file, files)
        (root / "curate.toml").write_text("# corpus root for the benchmark\n", encoding="utf-8")
    return root, sum(p.stat().st_size for p in root.rglob("*.md"))


def memory_rows(sizes: tuple[int, ...] = (2_000, 20_000), work: Path | None = None,
                mb_per_file: float = MB_PER_FILE) -> list[tuple[str, str]]:
    """Peak summed RSS (main + workers) of a lint without cache, filling the cache and warm."""
    work = work or Path(tempfile.mkdtemp(prefix="curate-mem-"))
    rows = []
    for files in sizes:
        root, size = corpus(files, work, mb_per_file)
        label = f"{files} files, {size / 1e6:.0f} MB"
        out = root / "report.json"
        for name, extra in (("no cache", ["--no-cache"]), ("filling the cache", []), ("warm cache", [])):
            s = peak_rss(curate_cmd("lint", ".", "--format", "json", "--output", str(out), *extra), cwd=root)
            rows.append((f"{label}: peak RSS main + workers, {name}",
                         f"{s.peak_mb:.0f} MB ({s.peak_mb / (size / 1e6):.1f} MB per MB of notes, {s.seconds:.1f} s)"))
    return rows


def precommit_rows(files: int = 10_000, work: Path | None = None, repeat: int = 3,
                   mb_per_file: float = MB_PER_FILE) -> list[tuple[str, str]]:
    """The pre-commit hook after editing one file, warm cache (median of ``repeat``), and
    with nothing changed."""
    work = work or Path(tempfile.mkdtemp(prefix="curate-mem-"))
    root, size = corpus(files, work, mb_per_file)
    target = sorted(root.rglob("*.md"))[files // 2]
    rel = str(target.relative_to(root))
    hook = curate_cmd("lint", "--whole-corpus", rel)
    peak_rss(hook, cwd=root)  # fill the cache
    still = sorted(peak_rss(hook, cwd=root).seconds for _ in range(repeat))[repeat // 2]
    edited, peaks = [], []
    original = target.read_text(encoding="utf-8")
    try:
        for n in range(repeat):
            target.write_text(original + f"\n## What changed in edit {n}?\nA new answer, number {n}.\n", encoding="utf-8")
            s = peak_rss(hook, cwd=root)
            edited.append(s.seconds)
            peaks.append(s.peak_mb)
    finally:
        target.write_text(original, encoding="utf-8")
    label = f"pre-commit, {files} files ({size / 1e6:.0f} MB)"
    return [(f"{label}: one file edited, warm cache", f"{sorted(edited)[repeat // 2]:.2f} s (peak {max(peaks):.0f} MB)"),
            (f"{label}: nothing changed", f"{still:.2f} s")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, nargs="*", default=[2_000])
    parser.add_argument("--precommit", type=int, default=0, help="files of the pre-commit corpus (0: skip)")
    parser.add_argument("--work", type=Path, help="keep generated corpora here")
    args = parser.parse_args()
    rows = memory_rows(tuple(args.files), args.work) if args.files else []
    if args.precommit:
        rows += precommit_rows(args.precommit, args.work)
    for label, value in rows:
        print(f"{label}: {value}")


if __name__ == "__main__":
    main()
