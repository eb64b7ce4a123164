"""Claim rules speed: QA401, QA402 and QA403 over the real corpora, in this process.

Reads every note of ../shared/corpora (or the folders given), builds the documents
directly (no parser: the claim rules read the text), and runs each rule on every file,
reporting CPU seconds per rule, MB per second and the finding counts.

    python bench/claims.py
    python bench/claims.py path/to/notes --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from curate.corpus.model import Document
from curate.rules.base import RuleContext
from curate.rules.claims import RULES

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def documents(roots: list[Path]) -> list[Document]:
    docs = []
    for root in roots:
        for path in sorted(root.rglob("*.md")):
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
            rel = path.relative_to(root).as_posix()
            docs.append(Document(path=rel, rel_path=rel, text=text))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="folders of notes (default: ../shared/corpora)")
    parser.add_argument("--repeat", type=int, default=1, help="runs; the best is reported")
    parser.add_argument("--as-of", default="2026-01-01", help="date the claims are judged against")
    args = parser.parse_args()
    roots = args.paths or [SHARED / "corpora"]
    docs = documents(roots)
    megabytes = sum(len(d.text.encode("utf-8", "surrogatepass")) for d in docs) / 1e6
    ctx = RuleContext(as_of=dt.date.fromisoformat(args.as_of))
    start = time.process_time()
    for rule in RULES:  # the knowledge base and glossary load once per process: apart
        list(rule().check_document(Document(path="warm-up.md", rel_path="warm-up.md", text="GPT-4 (GAN)"), ctx))
    load = time.process_time() - start
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    for run in range(max(1, args.repeat)):
        spent = {rule.code: 0.0 for rule in RULES}
        for doc in docs:  # rule after rule on one file, as the engine does (views are shared)
            for rule in RULES:
                start = time.process_time()
                found = len(list(rule().check_document(doc, ctx)))
                spent[rule.code] += time.process_time() - start
                if run == 0:
                    counts[rule.code] = counts.get(rule.code, 0) + found
        for code, seconds in spent.items():
            best[code] = min(best.get(code, seconds), seconds)
    total = sum(best.values())
    print(f"{len(docs)} files, {megabytes:.1f} MB (one-time load of the data files: {load:.2f} s CPU)")
    for code in sorted(best):
        print(f"{code}: {best[code]:.2f} s CPU, {counts.get(code, 0)} findings")
    print(f"all three: {total:.2f} s CPU, {megabytes / total if total else 0:.1f} MB/s")


if __name__ == "__main__":
    main()
