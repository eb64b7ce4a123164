#!/usr/bin/env python3
"""Precision and recall of QA202's pair verdicts on the labelled pairs.

Reads ``quality/labels/pairs.jsonl`` (see ``quality/PAIRS.md``), loads each collection
from ``../shared/corpora`` (or ``examples/genai-notes``), and judges every labelled
pair the way QA202 does: the lexical verifier alone, and the lexical verifier plus the
semantic stage at a few cosine floors. ``debatable`` pairs are left out of the scores.

Usage (from the repository root): ``.venv/bin/python quality/pairs_eval.py``
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from curate.corpus.loader import load_corpus  # noqa: E402
from curate.corpus.text import normalize_question  # noqa: E402
from curate.dedup.embed import load_encoder  # noqa: E402
from curate.dedup.semantic import SemanticOptions, verify  # noqa: E402
from curate.dedup.verify import Verifier, make_print  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"


def root_of(collection: str) -> Path:
    return REPO / "examples" / "genai-notes" if collection == "genai-notes" else CORPORA / collection


def main() -> int:
    pairs = [json.loads(line) for line in (HERE / "labels" / "pairs.jsonl").open(encoding="utf-8")]
    encoder = load_encoder()
    by_col: dict[str, list[dict]] = defaultdict(list)
    for p in pairs:
        by_col[p["collection"]].append(p)
    floors = [0.80, 0.85, 0.90, 0.95]
    results: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for col, items in sorted(by_col.items()):
        root = root_of(col)
        if not root.is_dir():
            print(f"skip {col}: not found", file=sys.stderr)
            continue
        corpus = load_corpus([root], root=root)
        prints = {}
        for doc in corpus.documents:
            rel = Path(doc.path).resolve().relative_to(root.resolve()).as_posix()
            for r in doc.records:
                if r.is_question and normalize_question(r.question):
                    prints[(rel, r.span.line_start)] = (r.question, make_print("", r.question, r.answer_text))
        verifier = Verifier([p for _q, p in prints.values()])
        for item in items:
            if item["verdict"] not in ("true", "false"):
                continue
            a = prints.get((item["a"]["file"], item["a"]["line"]))
            b = prints.get((item["b"]["file"], item["b"]["line"]))
            if a is None or b is None:
                print(f"record not found: {col} {item['a']['file']}:{item['a']['line']} / {item['b']['file']}:{item['b']['line']}", file=sys.stderr)
                continue
            truth = item["verdict"] == "true"
            lexical = verifier.verify(a[1], b[1]).kind in ("exact", "near")
            results["lexical"].append((truth, lexical))
            if encoder is not None:
                va, vb = encoder.encode([a[0], b[0]])
                cosine = float(va @ vb)
                for floor in floors:
                    sem = verify(a[1], b[1], cosine, verifier, SemanticOptions(floor=floor, doubt=floor)) is not None
                    results[f"lexical + semantic, floor {floor:.2f}"].append((truth, lexical or sem))
    print(f"{'verdict':38} {'pairs':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>6}")
    for name, rows in results.items():
        tp = sum(1 for t, p in rows if t and p)
        fp = sum(1 for t, p in rows if not t and p)
        fn = sum(1 for t, p in rows if t and not p)
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{name:38} {len(rows):5} {tp:4} {fp:4} {fn:4} {prec:9.2f} {rec:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
