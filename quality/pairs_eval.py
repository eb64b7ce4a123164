#!/usr/bin/env python3
"""Precision and recall of QA202's pair verdicts on the labelled pairs.

Reads ``quality/labels/pairs.jsonl`` (see ``quality/PAIRS.md``), loads each collection
from ``../shared/corpora`` (or ``examples/genai-notes``), and judges every labelled
pair the way QA202 does: the lexical verifier alone, and the lexical verifier plus the
semantic stage (each installed model: ``static``, ``minilm``) at a few cosine floors, on
the tune half, the held-out half (``pairs_fit.half``) and all pairs. ``debatable`` pairs
are left out of the scores.

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
sys.path.insert(0, str(HERE))

from pairs_fit import half, question_prints, root_of  # noqa: E402

from curate.dedup.embed import load_encoder  # noqa: E402
from curate.dedup.semantic import SemanticOptions, verify  # noqa: E402
from curate.dedup.verify import Verifier  # noqa: E402


def main() -> int:
    pairs = [json.loads(line) for line in (HERE / "labels" / "pairs.jsonl").open(encoding="utf-8")]
    encoders = {name: load_encoder(name) for name in ("static", "minilm")}
    by_col: dict[str, list[dict]] = defaultdict(list)
    for p in pairs:
        by_col[p["collection"]].append(p)
    floors = [0.80, 0.85, 0.90]
    results: dict[str, list[tuple[int, bool, bool]]] = defaultdict(list)
    for col, items in sorted(by_col.items()):
        root = root_of(col)
        if not root.is_dir():
            print(f"skip {col}: not found", file=sys.stderr)
            continue
        prints = question_prints(root)
        verifier = Verifier([p for _q, p in prints.values()])
        keys = sorted({k for it in items for k in ((it["a"]["file"], it["a"]["line"]), (it["b"]["file"], it["b"]["line"])) if k in prints})
        vectors = {name: dict(zip(keys, enc.encode([prints[k][0] for k in keys]))) for name, enc in encoders.items() if enc is not None}
        for item in items:
            if item["verdict"] not in ("true", "false"):
                continue
            ka, kb = (item["a"]["file"], item["a"]["line"]), (item["b"]["file"], item["b"]["line"])
            if ka not in prints or kb not in prints:
                print(f"record not found: {col} {ka[0]}:{ka[1]} / {kb[0]}:{kb[1]}", file=sys.stderr)
                continue
            a, b = prints[ka][1], prints[kb][1]
            truth = item["verdict"] == "true"
            part = half(item)
            lexical = verifier.verify(a, b).kind in ("exact", "near")
            results["lexical"].append((part, truth, lexical))
            for name, vecs in vectors.items():
                cosine = float(vecs[ka] @ vecs[kb])
                for floor in floors:
                    sem = verify(a, b, cosine, verifier, SemanticOptions(floor=floor, doubt=floor)) is not None
                    results[f"lexical + {name}, floor {floor:.2f}"].append((part, truth, lexical or sem))
    print(f"{'verdict':32} {'half':8} {'pairs':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>6}")
    for name, rows in results.items():
        for label, keep in (("tune", 0), ("held-out", 1), ("all", None)):
            part = [(t, p) for h, t, p in rows if keep is None or h == keep]
            tp = sum(1 for t, p in part if t and p)
            fp = sum(1 for t, p in part if not t and p)
            fn = sum(1 for t, p in part if t and not p)
            prec = tp / (tp + fp) if tp + fp else float("nan")
            rec = tp / (tp + fn) if tp + fn else float("nan")
            print(f"{name:32} {label:8} {len(part):5} {tp:4} {fp:4} {fn:4} {prec:9.2f} {rec:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
