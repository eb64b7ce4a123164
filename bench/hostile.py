"""Hostile corpus timing: lint the full-size hostile corpus and check time grows linearly.

1. Writes ``tests/hostile_corpus.py``'s corpus at full size (a 20 MB file, 4,000-deep
   block quotes, 60,000 emphasis markers, thousands of unclosed brackets, binary and
   invalid UTF-8 files, symlinks out of the root, ``../../etc/passwd`` links) into a
   temporary folder and times ``curate lint --format json`` on it (wall seconds, exit
   code, findings), checking the report is complete JSON.
2. Parses each pathological pattern at size n and 2n: a ratio near 2 is linear, near 4
   quadratic (what a backtracking regular expression would show).

    python bench/hostile.py
    python bench/hostile.py --big-mb 20 --jobs 1
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from hostile_corpus import SECRET, make_hostile_corpus  # noqa: E402

PATTERNS = {
    "block quotes": lambda n: "# What is deep?\n\n" + ">" * n + " deep\n",
    "emphasis markers": lambda n: "# What is bold?\n\n" + "*_" * (n // 2) + "\n",
    "unclosed brackets": lambda n: "# What is open?\n\n" + "[![(" * (n // 4) + "\n",
    "backtick runs": lambda n: "# What is code?\n\n" + "`" * (n // 2) + " x " + "``" * (n // 4) + "\n",
    "question lines": lambda n: "What? " * (n // 6),
    "nested lists": lambda n: "".join("  " * (i % 400) + "- q?\n" for i in range(n // 100)),
    "one long line": lambda n: "# What is long?\n\n" + "word " * (n // 5) + "\n",
}


def time_lint(root: Path, jobs: int) -> dict[str, object]:
    """Lint ``root`` in a fresh process; returns seconds, exit code, finding count."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "from curate.cli.main import main; main()", "lint", str(root), "--format", "json",
         "--no-cache", "--jobs", str(jobs)],
        capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    report = json.loads(proc.stdout)  # a complete report, or this raises
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert SECRET not in proc.stdout + proc.stderr, "content from outside the root in the report"
    return {"seconds": seconds, "exit": proc.returncode, "findings": len(report["findings"])}


def scaling(n: int) -> list[tuple[str, float, float]]:
    """(pattern, seconds at n characters, seconds at 2n) for the parser."""
    from curate.corpus.markdown import parse_document

    rows = []
    for name, make in PATTERNS.items():
        times = []
        for size in (n, 2 * n):
            text = make(size)
            best = float("inf")
            for _ in range(5):  # the best of a few runs: fast cases are noise otherwise
                start = time.perf_counter()
                parse_document(text, "p.md", "p.md")
                best = min(best, time.perf_counter() - start)
                if best > 0.5:
                    break
            times.append(best)
        rows.append((name, times[0], times[1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--big-mb", type=int, default=20, help="size of the one huge file (default 20)")
    parser.add_argument("--jobs", type=int, default=0, help="lint --jobs (default 0: every core)")
    parser.add_argument("--scale-chars", type=int, default=120_000, help="n for the n vs 2n parse timings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, _outside = make_hostile_corpus(Path(tmp), big_mb=args.big_mb)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        files = sum(1 for _ in root.rglob("*.md"))
        print(f"hostile corpus: {files} files, {size / 1e6:.1f} MB (huge file {args.big_mb} MB)")
        result = time_lint(root, args.jobs)
        print(f"curate lint --jobs {args.jobs}: {result['seconds']:.1f} s, exit {result['exit']}, "
              f"{result['findings']} findings, JSON report complete, nothing from outside the root")
    print(f"\nparse time at n={args.scale_chars:,} and 2n characters (ratio ~2 linear, ~4 quadratic):")
    for name, t1, t2 in scaling(args.scale_chars):
        print(f"  {name:<18} {t1 * 1000:8.1f} ms {t2 * 1000:8.1f} ms  ratio {t2 / max(t1, 1e-9):4.1f}")


if __name__ == "__main__":
    main()
