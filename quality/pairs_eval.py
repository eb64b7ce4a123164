#!/usr/bin/env python3
"""Precision and recall of QA202's pair verdicts on the labelled pairs.

Reads ``quality/labels/pairs.jsonl`` (see ``quality/PAIRS.md``), loads each collection
from ``../shared/corpora`` (or ``examples/genai-notes``), and judges every labelled
pair the way QA202 does: the lexical verifier alone, and the lexical verifier plus the
semantic stage (each installed model: ``static``, ``minilm``) at a few cosine floors, on
the tune half, the held-out half (``pairs_fit.half``) and all pairs. ``debatable`` pairs
are left out of the scores.

``--pairs`` also prints, for every true pair the lexical verifier misses and every false
pair a stage lets through, both models' cosines, the pair's rank among each question's
nearest neighbours in its collection (a candidate when within QA202's ``neighbours``)
and the check that decided (:func:`curate.dedup.semantic.judge`).

Usage (from the repository root): ``.venv/bin/python quality/pairs_eval.py [--pairs]``
"""

from __future__ import annotations

import argparse
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
import numpy as np  # noqa: E402

from curate.dedup.semantic import SemanticOptions, judge  # noqa: E402
from curate.dedup.verify import Verifier  # noqa: E402


FLOORS = (0.70, 0.80, 0.90)
"""The curve: MiniLM scores paraphrases from about 0.6, wordllama's static vectors lower."""


def ranks(vectors: np.ndarray) -> np.ndarray:
    """``r[i, j]``: the place of ``j`` among ``i``'s nearest neighbours (1 = nearest)."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -2.0)
    order = np.argsort(-sims, axis=1, kind="stable")
    out = np.empty_like(order)
    rows = np.arange(len(vectors))[:, None]
    out[rows, order] = np.arange(1, len(vectors) + 1)[None, :]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", action="store_true", help="print the missed true and the accepted false pairs")
    args = ap.parse_args()
    k = SemanticOptions().neighbours
    shown: list[str] = []
    pairs = [json.loads(line) for line in (HERE / "labels" / "pairs.jsonl").open(encoding="utf-8")]
    encoders = {name: load_encoder(name) for name in ("static", "minilm")}
    by_col: dict[str, list[dict]] = defaultdict(list)
    for p in pairs:
        by_col[p["collection"]].append(p)
    floors = FLOORS
    results: dict[str, list[tuple[int, bool, bool]]] = defaultdict(list)
    for col, items in sorted(by_col.items()):
        root = root_of(col)
        if not root.is_dir():
            print(f"skip {col}: not found", file=sys.stderr)
            continue
        prints = question_prints(root)
        verifier = Verifier([p for _q, p in prints.values()])
        if args.pairs:  # every question: neighbour ranks need the whole collection
            keys = sorted(prints)
        else:
            keys = sorted({q for it in items for q in ((it["a"]["file"], it["a"]["line"]), (it["b"]["file"], it["b"]["line"])) if q in prints})
        place = {q: n for n, q in enumerate(keys)}
        matrices = {name: enc.encode([prints[q][0] for q in keys]) for name, enc in encoders.items() if enc is not None}
        vectors = {name: dict(zip(keys, m)) for name, m in matrices.items()}
        rank = {name: ranks(m) for name, m in matrices.items()} if args.pairs else {}
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
            notes = []
            flagged = False
            for name, vecs in vectors.items():
                cosine = float(vecs[ka] @ vecs[kb])
                why = ""
                for floor in floors:
                    kind, why_here = judge(a, b, cosine, verifier, SemanticOptions(floor=floor, doubt=floor))
                    sem = kind is not None
                    results[f"lexical + {name}, floor {floor:.2f}"].append((part, truth, lexical or sem))
                    if sem and not truth and not lexical:
                        flagged, why = True, why_here
                    why = why or why_here
                if rank:
                    r = int(min(rank[name][place[ka], place[kb]], rank[name][place[kb], place[ka]]))
                    notes.append(f"{name} {cosine:.2f} rank {r}{'' if r <= k else ' (not a candidate)'}")
                else:
                    notes.append(f"{name} {cosine:.2f}")
            if args.pairs and ((truth and not lexical) or flagged):
                shown.append(f"{'missed' if truth else 'FALSE '} {'tune' if part == 0 else 'held':4} {col[:24]:24} "
                             f"{', '.join(notes)}; {why}\n    {prints[ka][0][:100]!r}\n    {prints[kb][0][:100]!r}")
    for text in shown:
        print(text)
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
