"""Dump what the parser makes of every collection, to diff before and after a change.

A parser speed-up must not change its output by a byte. For each collection this writes
two files into OUT: ``NAME.jsonl`` (``curate parse --format jsonl``, the documented
records) and ``NAME.full`` (every field of every record and loose section, as ``repr``:
what the rules read, including ``question_md``, offsets and spans). Then ``--compare``
diffs two such directories.

    python bench/parse_identity.py OUT [--corpus DIR ...]
    python bench/parse_identity.py --compare BEFORE AFTER
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def collections(extra: list[str]) -> dict[str, Path]:
    """The shared corpora, the seed notes and any extra directories, by name."""
    found = {p.name: p for p in sorted((SHARED / "corpora").iterdir()) if p.is_dir()}
    found["genai-notes"] = REPO / "examples" / "genai-notes"
    for d in extra:
        found[Path(d).name] = Path(d)
    return found


def dump_full(root: Path, out: Path) -> None:
    """Every field of every parsed document, records and extras, in file order."""
    from curate.corpus.loader import load_corpus

    corpus = load_corpus([str(root)])
    with open(out, "w", encoding="utf-8") as fh:
        for doc in corpus.documents:
            fh.write(f"# {doc.rel_path} {len(doc.text)}\n")
            for record in doc.records:
                fh.write(repr(record) + "\n")
            for section in doc.extras:
                fh.write(repr(section) + "\n")


def dump(out: Path, extra: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, root in collections(extra).items():
        subprocess.run(
            [sys.executable, "-c", "from curate.cli.main import main; main()", "parse", "--format", "jsonl", "-o", str(out / f"{name}.jsonl"), str(root)],
            check=True,
            cwd=REPO,
        )
        dump_full(root, out / f"{name}.full")
        print(f"{name}: {sum(1 for _ in open(out / f'{name}.jsonl', encoding='utf-8'))} records")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    bad = [n for n in names if not (before / n).exists() or not (after / n).exists()
           or not filecmp.cmp(before / n, after / n, shallow=False)]
    for n in bad:
        print(f"DIFFERS: {n}")
    print(f"{len(names) - len(bad)}/{len(names)} files identical")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--corpus", action="append", default=[], help="another directory to dump")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("OUT or --compare is required")
    dump(args.out, args.corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
