"""``make bench``: throughput, incremental speed, near-duplicates and executors, in one run.

Everything is measured in this one run on this machine, so ratios (lint vs the plain
markdown-it-py parse floor, warm vs cold, Ray vs local) are fair even on a noisy,
shared machine. Prints a table and writes it to BENCHMARKS.md.

    python bench/run.py            # full: 20 MB / 2,000 files, 200 MB, 100k and 1M questions
    python bench/run.py --quick    # small sizes, to check the script itself
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "_work"


def own_project(root: Path) -> Path:
    """Give a generated corpus its own (default) config, so it is a project of its own:
    ``--whole-corpus`` would otherwise take the enclosing git repository as the corpus."""
    config = root / "curate.toml"
    if not config.exists():
        config.write_text("# defaults: a generated benchmark corpus\n", encoding="utf-8")
    return root


def corpus_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*.md"))


ENV = dict(os.environ)
"""Environment of the measured commands: PYTHONPATH points at a snapshot of the code (see
:func:`freeze_code`)."""


def freeze_code() -> None:
    """Run the measured commands on a copy of ``curate/`` taken now: the cache keys
    include a hash of the code, so an edit in the checkout during a run (a working
    copy being worked on) would otherwise turn a warm run into a cold one."""
    snapshot = WORK / "code"
    if snapshot.exists():
        shutil.rmtree(snapshot)
    shutil.copytree(REPO / "curate", snapshot / "curate", ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = os.pathsep.join(p for p in (str(snapshot), os.environ.get("PYTHONPATH", "")) if p)


LAST_CPU = [0.0]
"""CPU seconds (user + system, the command and its worker processes) of the last run_timed."""


def run_timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS in MB) of one command, measured for that child only;
    its CPU time (workers included) is left in ``LAST_CPU``: on a loaded machine wall
    time mostly measures the queue for a core."""
    before = os.times()
    start = time.perf_counter()
    # cwd: ``python -m`` puts the current folder first on sys.path; run from the snapshot.
    proc = subprocess.Popen(cmd, cwd=cwd or WORK / "code", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    after = os.times()
    LAST_CPU[0] = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{err[-2000:]}")
    return seconds, code, usage.ru_maxrss // 1024


def plain_parse_mbps(root: Path) -> float:
    """The floor: markdown-it-py parsing every file once, in this process."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.md"))]
    md = MarkdownIt("commonmark")
    start = time.perf_counter()
    for text in texts:
        md.parse(text)
    seconds = time.perf_counter() - start
    return sum(len(t.encode()) for t in texts) / 1e6 / seconds


def _parse_all(texts: list[str]) -> int:
    md = MarkdownIt("commonmark")
    for text in texts:
        md.parse(text)
    return len(texts)


def plain_parse_mbps_parallel(root: Path, jobs: int = 2) -> float:
    """The floor on ``jobs`` cores: the same plain parse split over a process pool
    (start-up of the pool included, as a lint run pays it too)."""
    import multiprocessing

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.md"))]
    chunks = [texts[i::jobs * 4] for i in range(jobs * 4)]
    start = time.perf_counter()
    with multiprocessing.get_context("forkserver").Pool(jobs) as pool:
        pool.map(_parse_all, chunks)
    seconds = time.perf_counter() - start
    return sum(len(t.encode()) for t in texts) / 1e6 / seconds


NO_GRAMMAR = ("--ignore", "QA501,QA502")
"""Grammar and spelling (QA501/QA502) are measured on their own: they are far slower."""


def lint_cmd(root: Path, *extra: str, grammar: bool = False) -> list[str]:
    return [sys.executable, "-m", "curate.cli.main", "lint", str(root), "--format", "json", "-o", os.devnull,
            "--as-of", "2026-11-01", *(() if grammar else NO_GRAMMAR), *extra]


def cpu() -> str:
    return f"main-process CPU {LAST_CPU[0]:.1f} s"


def clear_cache(root: Path) -> None:
    for name in ("cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"):
        (root / ".curate" / name).unlink(missing_ok=True)


def bench_lint(rows: list[tuple[str, str]], root: Path, label: str, cold_jobs_1: bool = True) -> None:
    size = corpus_bytes(root) / 1e6
    floor = plain_parse_mbps(root)
    floor2 = plain_parse_mbps_parallel(root)
    rows.append((f"{label}: plain markdown-it-py parse, 1 process (floor)", f"{floor:.2f} MB/s"))
    rows.append((f"{label}: plain markdown-it-py parse, 2 processes", f"{floor2:.2f} MB/s"))
    clear_cache(root)
    secs, _, rss = run_timed(lint_cmd(root))
    rows.append((f"{label}: cold lint, all cores (filling the cache), all but QA501/QA502",
                 f"{size / secs:.2f} MB/s ({secs:.1f} s, {cpu()}, peak {rss} MB, {size / secs / floor:.2f}x the 1-process floor, "
                 f"{size / secs / floor2:.2f}x the 2-process one)"))
    secs_warm, _, rss = run_timed(lint_cmd(root))
    rows.append((f"{label}: warm re-lint, nothing changed", f"{secs_warm:.2f} s ({cpu()}, {size / secs_warm:.0f} MB/s, peak {rss} MB)"))
    bench_one_edit(rows, root, label)
    if cold_jobs_1:
        bench_jobs_1(rows, root, label, floor)


EDIT = b"\n## Q: What changed in this benchmark edit?\n\nOne new answer line.\n"


def bench_one_edit(rows: list[tuple[str, str]], root: Path, label: str) -> None:
    """Edit one file of a warm corpus: re-lint all of it, then lint as the pre-commit hook
    does (``--whole-corpus FILE``: the whole corpus checked, that file reported)."""
    edited = sorted(root.rglob("*.md"))[0]
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + EDIT)
        secs_one, _, _ = run_timed(lint_cmd(root))
        rows.append((f"{label}: re-lint after editing one file", f"{secs_one:.2f} s ({cpu()})"))
        edited.write_bytes(original + EDIT + EDIT)
        hook = [sys.executable, "-m", "curate.cli.main", "lint", "--whole-corpus", str(edited), "--as-of", "2026-11-01", *NO_GRAMMAR]
        secs_hook, _, _ = run_timed(hook)
        rows.append((f"{label}: pre-commit hook after editing one file (`--whole-corpus FILE`)", f"{secs_hook:.2f} s ({cpu()})"))
    finally:
        edited.write_bytes(original)


def bench_jobs_1(rows: list[tuple[str, str]], root: Path, label: str, floor: float | None = None) -> None:
    size = corpus_bytes(root) / 1e6
    floor = floor or plain_parse_mbps(root)
    secs, _, rss = run_timed(lint_cmd(root, "--no-cache", "--jobs", "1"))
    rows.append((f"{label}: cold lint `--jobs 1 --no-cache`, all but QA501/QA502 ({size:.0f} MB)",
                 f"{size / secs:.2f} MB/s ({secs:.1f} s, {cpu()}, peak {rss} MB, {size / secs / floor:.2f}x floor measured just before)"))


def bench_grammar(rows: list[tuple[str, str]], root: Path, label: str) -> None:
    """All offline rules (with the grammar and spelling backends) vs all but those two."""
    size = corpus_bytes(root) / 1e6
    without, _, _ = run_timed(lint_cmd(root, "--no-cache"))
    cpu_without = LAST_CPU[0]
    full, _, _ = run_timed(lint_cmd(root, "--no-cache", grammar=True))
    rows.append((f"{label}: cold lint, all but QA501/QA502 vs all offline rules",
                 f"{size / without:.2f} MB/s (CPU {cpu_without:.1f} s) vs {size / full:.2f} MB/s ({cpu()})"))


def bench_executors(rows: list[tuple[str, str]], root: Path) -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        rows.append(("Ray executor", "skipped (pip install 'qa-curate[ray]')"))
        return
    size = corpus_bytes(root) / 1e6
    local, _, _ = run_timed(lint_cmd(root, "--no-cache", "--executor", "local", "--jobs", "2"))
    ray_secs, _, _ = run_timed(lint_cmd(root, "--no-cache", "--executor", "ray", "--jobs", "2"))
    rows.append((f"local process pool vs local Ray, 2 workers (cold, {size:.0f} MB)",
                 f"local {size / local:.2f} MB/s ({local:.1f} s), ray {size / ray_secs:.2f} MB/s ({ray_secs:.1f} s, includes starting Ray)"))


def bench_neardup(rows: list[tuple[str, str]], sizes: list[int]) -> None:
    script = REPO / "bench" / "neardup.py"
    if not script.exists():
        rows.append(("near-duplicates", "skipped (bench/neardup.py missing)"))
        return
    for n in sizes:
        proc = subprocess.run([sys.executable, str(script), "--n", str(n), "--summary"], capture_output=True, text=True, env=ENV)
        line = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        rows.append((f"near-duplicates, {n:,} questions", line if proc.returncode == 0 else f"failed: {proc.stderr[-300:]}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the script")
    parser.add_argument("--skip-200", action="store_true", help="skip the 200 MB corpus")
    parser.add_argument("--neardup", type=int, nargs="*", default=None,
                        help="question counts for the near-duplicate benchmark (default 100000 1000000; none to skip)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    freeze_code()
    rows: list[tuple[str, str]] = Rows(lambda r: None if args.quick else write_results(REPO / "BENCHMARKS.md", table(r, load)))
    small = (2, 200) if args.quick else (20, 2000)
    c20 = WORK / f"c{small[0]}"
    if not c20.exists():
        generate(c20, small[0], small[1])
    c2 = WORK / "c2"
    if not c2.exists():
        generate(c2, 2, 200)
    own_project(c20)
    own_project(c2)
    time.sleep(2.5)  # files younger than 2 s are always read again (curate.cache.manifest)
    bench_lint(rows, c20, f"{small[0]} MB / {small[1]:,} files", cold_jobs_1=False)
    bench_grammar(rows, c20, f"{small[0]} MB / {small[1]:,} files")
    bench_executors(rows, c2)
    bench_jobs_1(rows, c20, f"{small[0]} MB / {small[1]:,} files")
    if not args.quick and not args.skip_200:
        c200 = WORK / "c200"
        if not c200.exists():
            generate(c200, 200, 20000)
        own_project(c200)
        size = corpus_bytes(c200) / 1e6
        clear_cache(c200)
        fill, _, fill_rss = run_timed(lint_cmd(c200))
        rows.append((f"200 MB / 20,000 files: cold lint filling the cache ({size:.0f} MB)",
                     f"{size / fill:.2f} MB/s ({fill:.0f} s, peak {fill_rss} MB)"))
        time.sleep(2.5)  # files younger than 2 s are always read (curate.cache.manifest)
        warm, _, rss = run_timed(lint_cmd(c200))
        rows.append(("200 MB: warm re-lint, nothing changed (target < 5 s)", f"{warm:.2f} s ({cpu()}, peak {rss} MB)"))
        bench_one_edit(rows, c200, "200 MB")
    sizes = args.neardup if args.neardup is not None else ([10_000] if args.quick else [100_000, 1_000_000])
    if sizes:
        bench_neardup(rows, sizes)

    width = max(len(r[0]) for r in rows)
    print()
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if not args.quick:
        print("\nwrote BENCHMARKS.md")


class Rows(list):
    """The result rows; each new row is written out at once, so a long run that is
    stopped still leaves what it measured."""

    def __init__(self, on_change):
        super().__init__()
        self._on_change = on_change

    def append(self, row: tuple[str, str]) -> None:
        super().append(row)
        print(f"{row[0]}  {row[1]}", flush=True)
        self._on_change(self)


def table(rows: list[tuple[str, str]], load: float) -> str:
    header = (
        "# Benchmarks\n\nWritten by `make bench` (`bench/run.py`); every number below comes from one run on one "
        f"machine ({os.cpu_count()} cores, Python {platform.python_version()}, load average {load:.1f} at the "
        f"start), on {dt.date.today().isoformat()}. Compare ratios within a run: the machine is shared and noisy; "
        "main-process CPU is user + system time of the `curate` process (pool workers are not counted).\n\n"
        "Corpora are generated from the real notes in `../shared/corpora` with seeded random edits (`bench/generate.py`).\n\n"
        "| measurement | result |\n|---|---|\n"
    )
    return header + "".join(f"| {n} | {v} |\n" for n, v in rows)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_results(path: Path, table: str) -> None:
    """Replace the generated part of BENCHMARKS.md, keeping the written analysis around it."""
    from curate.infra.fileio import atomic_write_text

    old = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{START}\n{table}{END}\n"
    if START in old and END in old:
        new = old[: old.index(START)] + block + old[old.index(END) + len(END) + 1 :]
    else:
        new = block + old
    atomic_write_text(path, new)


if __name__ == "__main__":
    main()
