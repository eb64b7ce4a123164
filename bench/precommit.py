"""Benchmark: the pre-commit hook on one changed file in a 10,000-file corpus.

Generates the corpus from the real notes (``bench/generate.py``), then times
``curate lint --whole-corpus CHANGED`` as pre-commit runs it, three ways:

* no cache (``--no-cache``): every file parsed;
* cold cache: the first run, which parses everything and fills ``.curate/cache.sqlite``;
* warm cache: after editing one file, the run pre-commit makes on the next commit.

Not a unit test: it prints numbers. ``python bench/precommit.py [--files N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

CPU: list[float] = []
"""CPU seconds (user + system) of each run's process tree, in order: on a loaded
machine wall times vary, CPU time holds."""


def run(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed, proc.returncode, proc.stdout + proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=20.0, help="total corpus size")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs to time (the median is shown)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="curate-bench-"))
    corpus = work / "notes"
    t0 = time.perf_counter()
    if args.keep is not None and (corpus / "curate.toml").is_file():
        n, size = len(list(corpus.rglob("*.md"))), sum(p.stat().st_size for p in corpus.rglob("*.md"))
    else:
        n, size = generate(corpus, args.mb, args.files)
    (corpus / "curate.toml").write_text("# corpus root for the benchmark\n", encoding="utf-8")
    print(f"corpus: {n} files, {size / 1e6:.1f} MB (generated in {time.perf_counter() - t0:.1f} s)")

    # Time a frozen copy of the code: the parser version (part of every cache key) is a
    # hash of the parser's source, so an edit to it mid-benchmark would empty the cache.
    snapshot = work / "code"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(HERE.parent / "curate", snapshot / "curate", ignore=shutil.ignore_patterns("__pycache__"))
    # Byte-compiled once, as an installed package is: with PYTHONDONTWRITEBYTECODE set
    # (or a read-only folder) every run would compile the sources again (about 0.1 s).
    compileall.compile_dir(snapshot / "curate", quiet=1)
    launcher = (
        "import sys; "
        "sys.meta_path[:] = [f for f in sys.meta_path if '__editable__' not in getattr(f, '__module__', '')]; "
        f"sys.path.insert(0, {str(snapshot)!r}); "
        "from curate.cli.main import main; sys.argv[0] = 'curate'; main()"
    )
    curate = [sys.executable, "-c", launcher]
    changed = sorted(corpus.rglob("*.md"))[n // 2]
    rel = str(changed.relative_to(corpus))
    lint = [*curate, "lint", "--whole-corpus", "--format", "text", rel]

    def edit(i: int) -> None:
        with changed.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## What changed in edit {i}?\nA new answer, number {i}.\n")

    secs, code, out = run([*lint, "--no-cache"], corpus)
    print(f"no cache        : {secs:6.2f} s  (exit {code})")
    shutil.rmtree(corpus / ".curate", ignore_errors=True)
    edit(0)
    secs, code, out = run(lint, corpus)
    print(f"cold cache      : {secs:6.2f} s  (exit {code}; parses all files, fills the cache)")
    warm = []
    for i in range(1, args.repeat + 1):
        edit(i)
        secs, code, out = run(lint, corpus)
        warm.append(secs)
    cpu = sorted(CPU[-len(warm):])
    warm.sort()
    print(f"warm cache      : {warm[len(warm) // 2]:6.2f} s  median of {len(warm)} (one changed file; min {warm[0]:.2f} s);"
          f" {cpu[len(cpu) // 2]:.2f} CPU-s")
    print("last output (tail):")
    print("\n".join(out.strip().splitlines()[-3:]))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
