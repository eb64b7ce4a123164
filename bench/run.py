"""``make bench``: every row of the speed goals, measured in one run on one machine.

Each row is a function (``ROWS``, in the order they run); rows share the generated corpora
and what earlier rows measured (the parse floor, the cold lint), each computed once. Ratios
within one run are fair even on a noisy shared machine; CPU seconds count the whole process
tree (workers included, ``bench/measure.py``), so "per CPU-second" figures do not depend on
how many cores were free. Prints the table and writes it to BENCHMARKS.md (between the
``bench:start``/``bench:end`` markers; the analysis under it is kept).

    python bench/run.py                      # every row, full sizes
    python bench/run.py --quick              # small corpora: checks the script (BENCHMARKS.md untouched)
    python bench/run.py --rows floor,cold    # only these rows (BENCHMARKS.md untouched unless --write)
    python bench/run.py --list               # the row names
    python bench/run.py --big-mb 100         # the large corpus at 100 MB (default 200)

Peak memory and the pre-commit hook come from ``bench/memory.py`` (``memory_rows``,
``precommit_rows``) when it offers them, else from the rows here (``--own-memory`` forces these).

Outside tools: codespell and typos (the ``bench`` extra) and markdownlint-cli2 (installed
with npm into ``.bench-tools/`` on first use); a row whose tool is missing says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure
from generate import generate

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "_work"
TOOLS = REPO / ".bench-tools"
MARKDOWNLINT = "markdownlint-cli2@0.24.1"
"""The pinned markdownlint-cli2 the comparison row installs (npm, into ``.bench-tools/``)."""
AS_OF = "2026-11-01"
NO_GRAMMAR = ("--ignore", "QA501,QA502")
"""Grammar and spelling (QA501/QA502) are measured in rows of their own."""
EDIT = "\n## Q: What changed in this benchmark edit?\n\nOne new answer line.\n"


@dataclass(frozen=True)
class Sizes:
    """(MB, files) of each generated corpus."""

    main: tuple[float, int]
    """Throughput, cold and warm lint, build, markdownlint-cli2."""
    small: tuple[float, int]
    """Grammar and spelling (QA501/QA502 are the slow rules), Ray vs local."""
    hook: tuple[float, int]
    """The pre-commit hook at 10,000 files."""
    big: tuple[float, int]
    """Peak memory, one edit and the hook at 20,000 files."""
    neardup: tuple[int, ...]
    """Question counts of the near-duplicate benchmark."""


FULL = Sizes(main=(20, 2000), small=(2, 200), hook=(20, 10_000), big=(200, 20_000), neardup=(100_000, 1_000_000))
QUICK = Sizes(main=(2, 200), small=(0.5, 50), hook=(2, 1000), big=(4, 2000), neardup=(10_000,))


@dataclass
class Bench:
    """What the rows share: sizes, the measured-code environment, results of earlier rows."""

    sizes: Sizes
    env: dict[str, str]
    rows: Callable[[str, str], None]
    use_theirs: bool = True
    """Memory and pre-commit rows from ``bench/memory.py`` when it has them."""
    memo: dict[str, object] = field(default_factory=dict)

    def corpus(self, which: str) -> Path:
        """The generated corpus ``which`` (made on first use, kept in bench/_work)."""
        mb, files = getattr(self.sizes, which)
        root = WORK / f"{which}-{mb:g}mb-{files}"
        if not (root / "curate.toml").is_file():
            generate(root, mb, files)
            # Its own (default) config makes it a project of its own: --whole-corpus would
            # otherwise take the enclosing git repository as the corpus.
            (root / "curate.toml").write_text("# defaults: a generated benchmark corpus\n", encoding="utf-8")
            time.sleep(2.5)  # files younger than 2 s are always read again (curate.cache.manifest)
        return root

    def once(self, key: str, compute: Callable[[], object]) -> object:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def curate(self, *args: str, cwd: Path | None = None, **kw: object) -> measure.Measured:
        cmd = [sys.executable, "-m", "curate.cli.main", *args]
        # cwd: ``python -m`` puts the current folder first on sys.path; run from the snapshot.
        return measure.run(cmd, cwd=cwd or WORK / "code", env=self.env, **kw)  # type: ignore[arg-type]

    def lint(self, root: Path, *extra: str, grammar: bool = False) -> measure.Measured:
        return self.curate("lint", str(root), "--format", "json", "-o", os.devnull, "--as-of", AS_OF,
                           *(() if grammar else NO_GRAMMAR), *extra)

    def floor(self, which: str = "main") -> Floor:
        return self.once(f"floor:{which}", lambda: plain_parse(self.corpus(which)))  # type: ignore[return-value]

    def cold(self, which: str = "main") -> measure.Measured:
        """Cold lint on all cores, all rules but QA501/QA502, no cache."""
        return self.once(f"cold:{which}", lambda: self.lint(self.corpus(which), "--no-cache"))  # type: ignore[return-value]


def mb_of(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6


def label(root: Path) -> str:
    files = sum(1 for _ in root.rglob("*.md"))
    return f"{mb_of(root):.1f} MB / {files:,} files"


def fmt(m: measure.Measured, size: float) -> str:
    return (f"{m.seconds:.1f} s wall ({size / m.seconds:.2f} MB/s), {m.cpu:.1f} CPU-s ({size / m.cpu:.2f} MB per CPU-s), "
            f"peak RSS {m.peak_mb:,.0f} MB (all processes)")


@dataclass(frozen=True)
class Floor:
    seconds: float
    cpu: float
    mb: float

    @property
    def mbps(self) -> float:
        return self.mb / self.seconds

    @property
    def per_cpu(self) -> float:
        return self.mb / self.cpu


def plain_parse(root: Path) -> Floor:
    """The floor: markdown-it-py parsing every file once, in this process."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.md"))]
    md = MarkdownIt("commonmark")
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        md.parse(text)
    return Floor(time.perf_counter() - start, time.process_time() - cpu, sum(len(t.encode()) for t in texts) / 1e6)


# --- the rows ------------------------------------------------------------------------------


def row_floor(b: Bench) -> None:
    """The plain markdown-it-py parse, one process: the floor every lint figure is read against."""
    root = b.corpus("main")
    f = b.floor()
    b.rows(f"{label(root)}: plain markdown-it-py parse, 1 process (the floor)",
           f"{f.mbps:.2f} MB/s, {f.per_cpu:.2f} MB per CPU-s")


def row_cold(b: Bench) -> None:
    """Cold lint, all rules but QA501/QA502: one process, and all cores (goal: >= 0.6x the floor per CPU-second)."""
    root = b.corpus("main")
    size, f = mb_of(root), b.floor()
    one = b.lint(root, "--no-cache", "--jobs", "1")
    b.memo["cold-1:main"] = one
    b.rows(f"{label(root)}: cold lint `--jobs 1 --no-cache`, all but QA501/QA502",
           f"{fmt(one, size)}; {size / one.seconds / f.mbps:.2f}x the floor, {size / one.cpu / f.per_cpu:.2f}x per CPU-s")
    allc = b.cold()
    b.rows(f"{label(root)}: cold lint, all cores, no cache, all but QA501/QA502",
           f"{fmt(allc, size)}; {size / allc.seconds / f.mbps:.2f}x the 1-process floor, "
           f"{size / allc.cpu / f.per_cpu:.2f}x per CPU-s")


def row_default(b: Bench) -> None:
    """Cold lint with the default rule set (QA501/QA502 on, offline Harper), and each of the two alone
    (goal: the default set >= 0.5x the floor per CPU-second)."""
    root = b.corpus("main")
    size, f = mb_of(root), b.floor()
    m = b.lint(root, "--no-cache", grammar=True)
    b.rows(f"{label(root)}: cold lint, default rules (QA501/QA502 on), all cores, no cache",
           f"{fmt(m, size)}; {size / m.cpu / f.per_cpu:.2f}x the floor per CPU-s")
    small = b.corpus("small")
    ssize = mb_of(small)
    base = b.lint(small, "--no-cache", "--jobs", "1", "--select", "QA101")
    for code in ("QA501", "QA502"):
        one = b.lint(small, "--no-cache", "--jobs", "1", "--select", code, grammar=True)
        b.rows(f"{label(small)}: {code} alone, `--jobs 1 --no-cache`",
               f"{one.cpu:.1f} CPU-s ({one.cpu - base.cpu:.1f} CPU-s more than QA101 alone, the parse and start-up: "
               f"{(one.cpu - base.cpu) / ssize:.1f} CPU-s per MB)")


def row_spelling(b: Bench) -> None:
    """Spelling: QA502 alone vs codespell and typos on the same files, per CPU-second (goal: within 3x of codespell)."""
    small = b.corpus("small")
    size = mb_of(small)
    q = b.lint(small, "--no-cache", "--jobs", "1", "--select", "QA502", grammar=True)
    b.memo["qa502"] = q
    parts = [f"QA502 {q.cpu:.1f} CPU-s ({size / q.cpu:.2f} MB per CPU-s)"]
    files = [str(p.relative_to(small)) for p in sorted(small.rglob("*.md"))]
    for tool, cmd in (("codespell", [sys.executable, "-m", "codespell_lib", *files]),
                      ("typos", [shutil.which("typos") or str(Path(sys.executable).parent / "typos"), *files])):
        if tool == "codespell" and importlib.util.find_spec("codespell_lib") is None or \
                tool == "typos" and not Path(cmd[0]).exists():
            parts.append(f"{tool}: not installed (pip install -e '.[bench]')")
            continue
        t = measure.run(cmd, cwd=small, ok_codes=(0, 1, 2, 65))
        parts.append(f"{tool} {t.cpu:.2f} CPU-s ({size / t.cpu:.2f} MB per CPU-s; QA502 takes {q.cpu / t.cpu:.1f}x its CPU)")
    b.rows(f"{label(small)}: spelling, one process, no cache", "; ".join(parts))


def theirs(name: str) -> Callable[..., list[tuple[str, str]]] | None:
    """``bench/memory.py``'s row function ``name`` (the bounded-memory work measures itself
    there), or None when that module or function is not there."""
    if not (REPO / "bench" / "memory.py").is_file():
        return None
    import memory

    return getattr(memory, name, None)


def row_memory(b: Bench) -> None:
    """Peak RSS of a cold lint, main process and workers together (goal: < 1 GB at 200 MB)."""
    rows = theirs("memory_rows") if b.use_theirs else None
    if rows is not None:
        (_mb, files), (big_mb, big_files) = b.sizes.main, b.sizes.big
        for name, value in rows(sizes=(files, big_files), work=WORK / "memory", mb_per_file=big_mb / big_files):
            b.rows(name, value)
        return
    for which in ("main", "big"):
        root = b.corpus(which)
        clear_cache(root)
        m = b.lint(root)  # fills the cache the one-edit and hook rows use
        b.memo[f"filled:{which}"] = True
        b.rows(f"{label(root)}: cold lint filling the cache, all cores, all but QA501/QA502",
               f"peak RSS {m.peak_mb:,.0f} MB all processes ({m.peak_main_mb:,.0f} MB the main one); "
               f"{m.seconds:.1f} s wall, {m.cpu:.1f} CPU-s")


def row_warm(b: Bench) -> None:
    """Re-lint with nothing changed (the report is replayed)."""
    root = b.corpus("main")
    fill(b, "main")
    m = b.lint(root)
    b.rows(f"{label(root)}: warm re-lint, nothing changed", f"{m.seconds:.2f} s wall, {m.cpu:.1f} CPU-s, peak RSS {m.peak_mb:,.0f} MB")


def row_precommit(b: Bench) -> None:
    """The pre-commit hook (``--whole-corpus FILE``) after one edit, warm cache (goal: < 1 s at 10,000 files, < 2 s at 20,000)."""
    rows = theirs("precommit_rows") if b.use_theirs else None
    if rows is not None:
        for files in (b.sizes.hook[1], b.sizes.big[1]):
            which = b.sizes.hook if files == b.sizes.hook[1] else b.sizes.big
            for name, value in rows(files=files, work=WORK / "memory", mb_per_file=which[0] / which[1]):
                b.rows(name, value)
        return
    for which in ("hook", "big"):
        root = b.corpus(which)
        fill(b, which)
        edited = sorted(root.rglob("*.md"))[len(list(root.rglob("*.md"))) // 2]
        original = edited.read_bytes()
        try:
            edited.write_bytes(original + EDIT.encode())
            hook = b.curate("lint", "--whole-corpus", "--as-of", AS_OF, *NO_GRAMMAR, str(edited.relative_to(root)), cwd=root)
            b.rows(f"{label(root)}: pre-commit hook after editing one file, warm cache",
                   f"{hook.seconds:.2f} s wall, {hook.cpu:.1f} CPU-s, peak RSS {hook.peak_mb:,.0f} MB")
        finally:
            edited.write_bytes(original)


def row_one_edit(b: Bench) -> None:
    """Re-lint the whole large corpus after editing one file, warm cache (goal: < 3 s at 200 MB)."""
    root = b.corpus("big")
    fill(b, "big")
    edited = sorted(root.rglob("*.md"))[0]
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + EDIT.encode())
        m = b.lint(root)
        b.rows(f"{label(root)}: re-lint after editing one file, warm cache",
               f"{m.seconds:.2f} s wall, {m.cpu:.1f} CPU-s, peak RSS {m.peak_mb:,.0f} MB")
    finally:
        edited.write_bytes(original)


def row_build(b: Bench) -> None:
    """``curate build`` cold on all cores vs cold lint (goal: build at least lint's cold speed)."""
    root = b.corpus("main")
    size = mb_of(root)
    lint = b.cold()
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        m = b.curate("build", str(root), "-o", str(Path(tmp) / "out"), "--as-of", AS_OF, "--no-cache", *NO_GRAMMAR)
    b.rows(f"{label(root)}: `curate build`, all cores (the default), no cache, all but QA501/QA502",
           f"{fmt(m, size)}; {lint.seconds / m.seconds:.2f}x cold lint's speed ({size / lint.seconds:.2f} MB/s)")


def row_markdownlint(b: Bench) -> None:
    """markdownlint-cli2 (its default rules) on the same corpus vs cold lint (goal: curate >= 3x faster)."""
    root = b.corpus("main")
    size = mb_of(root)
    tool = markdownlint()
    if tool is None:
        b.rows(f"{label(root)}: markdownlint-cli2", "skipped (npm missing or the install failed)")
        return
    m = measure.run([str(tool), "**/*.md"], cwd=root, ok_codes=(0, 1))
    lint = b.cold()
    b.rows(f"{label(root)}: markdownlint-cli2 vs cold lint (all cores, no cache, all but QA501/QA502)",
           f"markdownlint-cli2 {m.seconds:.1f} s wall, {m.cpu:.1f} CPU-s, peak {m.peak_mb:,.0f} MB; "
           f"curate {lint.seconds:.1f} s wall, {lint.cpu:.1f} CPU-s: curate {m.seconds / lint.seconds:.2f}x its speed "
           f"({m.cpu / lint.cpu:.2f}x per CPU-s)")
    _ = size


def row_executors(b: Bench) -> None:
    """Local process pool vs a local Ray, 2 workers, cold."""
    if importlib.util.find_spec("ray") is None:
        b.rows("Ray executor", "skipped (pip install 'qa-curate[ray]')")
        return
    root = b.corpus("small")
    size = mb_of(root)
    local = b.lint(root, "--no-cache", "--executor", "local", "--jobs", "2")
    ray = b.lint(root, "--no-cache", "--executor", "ray", "--jobs", "2")
    b.rows(f"{label(root)}: local process pool vs local Ray, 2 workers, cold",
           f"local {local.seconds:.1f} s ({size / local.seconds:.2f} MB/s), Ray {ray.seconds:.1f} s "
           f"({size / ray.seconds:.2f} MB/s, includes starting Ray)")


def row_neardup(b: Bench) -> None:
    """Near-duplicate questions at 100,000 and 1,000,000 (bench/neardup.py)."""
    script = REPO / "bench" / "neardup.py"
    for n in b.sizes.neardup:
        proc = subprocess.run([sys.executable, str(script), "--n", str(n), "--summary"], capture_output=True, text=True,
                              env=b.env)
        line = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        b.rows(f"near-duplicates, {n:,} questions", line if proc.returncode == 0 else f"failed: {proc.stderr[-300:]}")


ROWS: dict[str, Callable[[Bench], None]] = {
    "floor": row_floor,
    "cold": row_cold,
    "default": row_default,
    "spelling": row_spelling,
    "memory": row_memory,
    "warm": row_warm,
    "precommit": row_precommit,
    "one-edit": row_one_edit,
    "build": row_build,
    "markdownlint": row_markdownlint,
    "executors": row_executors,
    "neardup": row_neardup,
}


# --- helpers ---------------------------------------------------------------------------------


def clear_cache(root: Path) -> None:
    shutil.rmtree(root / ".curate", ignore_errors=True)


def fill(b: Bench, which: str) -> None:
    """A warm cache for corpus ``which``: one cold lint (unless the memory row just ran it)."""
    if not b.memo.get(f"filled:{which}"):
        root = b.corpus(which)
        clear_cache(root)
        b.lint(root)
        b.memo[f"filled:{which}"] = True
        time.sleep(2.5)


def markdownlint() -> Path | None:
    """markdownlint-cli2, installed with npm into .bench-tools/ on first use."""
    exe = TOOLS / "node_modules" / ".bin" / "markdownlint-cli2"
    if exe.exists():
        return exe
    npm = shutil.which("npm")
    if npm is None:
        return None
    TOOLS.mkdir(exist_ok=True)
    done = subprocess.run([npm, "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", MARKDOWNLINT],
                          capture_output=True, text=True)
    return exe if done.returncode == 0 and exe.exists() else None


def freeze_code(env: dict[str, str]) -> None:
    """Run the measured commands on a copy of ``curate/`` taken now: the cache keys include
    a hash of the code, so an edit in the checkout during a run would otherwise turn a warm
    run into a cold one."""
    snapshot = WORK / "code"
    if snapshot.exists():
        shutil.rmtree(snapshot)
    shutil.copytree(REPO / "curate", snapshot / "curate", ignore=shutil.ignore_patterns("__pycache__"))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(snapshot), os.environ.get("PYTHONPATH", "")) if p)


def table(rows: list[tuple[str, str]], load: float, sizes: Sizes) -> str:
    header = (
        "# Benchmarks\n\nWritten by `make bench` (`bench/run.py`); every number below comes from one run on one "
        f"machine ({os.cpu_count()} cores, Python {platform.python_version()}, load average {load:.1f} at the "
        f"start), on {dt.date.today().isoformat()}, large corpus {sizes.big[0]:g} MB. Compare ratios within a run: "
        "the machine is shared and noisy. CPU-s are user + system seconds of the whole process tree (the "
        "`curate` process and its workers); peak RSS is the largest sum over that tree at one sample.\n\n"
        "Corpora are generated from the real notes in `../shared/corpora` with seeded random edits "
        "(`bench/generate.py`).\n\n| measurement | result |\n|---|---|\n"
    )
    return header + "".join(f"| {n} | {v} |\n" for n, v in rows)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_results(path: Path, text: str) -> None:
    """Replace the generated part of BENCHMARKS.md, keeping the written analysis around it."""
    from curate.infra.fileio import atomic_write_text

    old = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{START}\n{text}{END}\n"
    if START in old and END in old:
        new = old[: old.index(START)] + block + old[old.index(END) + len(END) + 1 :]
    else:
        new = block + old
    atomic_write_text(path, new)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small corpora, to check the script")
    parser.add_argument("--rows", help=f"comma-separated rows to run (default all: {', '.join(ROWS)})")
    parser.add_argument("--list", action="store_true", help="list the rows and exit")
    parser.add_argument("--big-mb", type=float, help="size of the large corpus in MB (default 200; files scale with it)")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md even for --quick or --rows")
    parser.add_argument("--own-memory", action="store_true",
                        help="measure memory and the pre-commit hook here even when bench/memory.py offers its rows")
    args = parser.parse_args()
    if args.list:
        for name, fn in ROWS.items():
            print(f"{name:14s} {(fn.__doc__ or '').splitlines()[0]}")
        return
    names = [n.strip() for n in args.rows.split(",")] if args.rows else list(ROWS)
    unknown = [n for n in names if n not in ROWS]
    if unknown:
        parser.error(f"unknown rows {', '.join(unknown)} (see --list)")
    sizes = QUICK if args.quick else FULL
    if args.big_mb:
        sizes = Sizes(sizes.main, sizes.small, sizes.hook, (args.big_mb, max(1, int(args.big_mb * 100))), sizes.neardup)
    write = args.write or (not args.quick and not args.rows)
    load = os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    freeze_code(env)
    results: list[tuple[str, str]] = []

    def add(name: str, value: str) -> None:
        results.append((name, value))
        print(f"{name}  {value}", flush=True)
        if write:  # written at once: a long run that is stopped still leaves what it measured
            write_results(REPO / "BENCHMARKS.md", table(results, load, sizes))

    bench = Bench(sizes=sizes, env=env, rows=add, use_theirs=not args.own_memory)
    for name in names:
        start = time.perf_counter()
        ROWS[name](bench)
        print(f"  ({name}: {time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
