#!/usr/bin/env python3
"""Tune the semantic stage's limits (``DifferLimits``, the cosine floor) on half the pair labels.

Reads ``labels/pairs.jsonl`` (``true``/``false`` only), measures for each pair what
differs (:func:`curate.dedup.differ.difference`), the chosen model's cosine and the
lexical verifier's verdict, splits the pairs in two by a hash of their places (``tune``:
even, ``held-out``: odd; the same split every run), searches a grid of limits on
``tune`` for the highest recall of QA202 (lexical or semantic) at precision >= 0.85,
and prints the best settings with their numbers on both halves. ``pairs_eval.py`` scores
the settings in the code.

Usage: ``.venv/bin/python quality/pairs_fit.py [--model static|minilm]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from curate.corpus.loader import load_corpus  # noqa: E402
from curate.corpus.text import normalize_question  # noqa: E402
from curate.dedup.differ import Difference, DifferLimits, blocks, difference  # noqa: E402
from curate.dedup.embed import load_encoder  # noqa: E402
from curate.dedup.verify import QuestionPrint, Verifier, make_print  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"


def root_of(collection: str) -> Path:
    return REPO / "examples" / "genai-notes" if collection == "genai-notes" else CORPORA / collection


def question_prints(root: Path) -> dict[tuple[str, int], tuple[str, QuestionPrint]]:
    """Every question of the collection at ``root`` by ``(file, line)``: its text and its
    fingerprint, as the labels point at them."""
    corpus = load_corpus([root], root=root)
    prints = {}
    for doc in corpus.documents:
        rel = Path(doc.path).resolve().relative_to(root.resolve()).as_posix()
        for r in doc.records:
            if r.is_question and normalize_question(r.question):
                prints[(rel, r.span.line_start)] = (r.question, make_print("", r.question, r.answer_text))
    return prints


def half(item: dict) -> int:
    """0 (tune) or 1 (held-out), from the pair's places: stable across runs and files."""
    key = f"{item['collection']}|{item['a']['file']}:{item['a']['line']}|{item['b']['file']}:{item['b']['line']}"
    return zlib.crc32(key.encode("utf-8")) % 2


Row = tuple[int, bool, bool, float, Difference, str, str]
"""``(half, truth, lexical verdict, cosine, difference, question a, question b)``."""


def labelled_rows(model: str) -> list[Row]:
    """One row per true/false pair whose two records are found."""
    encoder = load_encoder(model)
    if encoder is None:
        raise SystemExit(f"model {model!r} is not installed")
    pairs = [json.loads(line) for line in (HERE / "labels" / "pairs.jsonl").open(encoding="utf-8")]
    by_col: dict[str, list[dict]] = defaultdict(list)
    for p in pairs:
        if p["verdict"] in ("true", "false"):
            by_col[p["collection"]].append(p)
    out: list[Row] = []
    for col, items in sorted(by_col.items()):
        root = root_of(col)
        if not root.is_dir():
            print(f"skip {col}: not found", file=sys.stderr)
            continue
        prints = question_prints(root)
        verifier = Verifier([p for _q, p in prints.values()])
        keys = sorted({k for it in items for k in ((it["a"]["file"], it["a"]["line"]), (it["b"]["file"], it["b"]["line"])) if k in prints})
        vectors = dict(zip(keys, encoder.encode([prints[k][0] for k in keys])))
        for it in items:
            ka, kb = (it["a"]["file"], it["a"]["line"]), (it["b"]["file"], it["b"]["line"])
            if ka not in prints or kb not in prints:
                print(f"record not found: {col} {ka} / {kb}", file=sys.stderr)
                continue
            a, b = prints[ka][1], prints[kb][1]
            lexical = verifier.verify(a, b).kind in ("exact", "near")
            out.append((half(it), it["verdict"] == "true", lexical, float(vectors[ka] @ vectors[kb]),
                        difference(a, b, verifier), prints[ka][0], prints[kb][0]))
    return out


def semantic(row: Row, floor: float, limits: DifferLimits) -> bool:
    """The stage's decision without answers (``verify``'s doubt band left out)."""
    return row[3] >= floor and blocks(row[4], limits) is None


def score(rows: list[Row], predict: Callable[[Row], bool]) -> tuple[int, int, int, float, float]:
    tp = sum(1 for r in rows if r[1] and predict(r))
    fp = sum(1 for r in rows if not r[1] and predict(r))
    fn = sum(1 for r in rows if r[1] and not predict(r))
    return tp, fp, fn, tp / (tp + fp) if tp + fp else float("nan"), tp / (tp + fn) if tp + fn else float("nan")


def line(name: str, rows: list[Row], predict: Callable[[Row], bool]) -> str:
    tp, fp, fn, p, r = score(rows, predict)
    return f"{name:44} pairs {len(rows):4}  TP {tp:3}  FP {fp:3}  FN {fn:3}  precision {p:.2f}  recall {r:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="static")
    args = ap.parse_args()
    rows = labelled_rows(args.model)
    tune = [r for r in rows if r[0] == 0]
    held = [r for r in rows if r[0] == 1]
    grid = []
    for floor, extra, narrowed, substituted in itertools.product(
            (0.70, 0.75, 0.80, 0.85, 0.90), (0.3, 0.65, 1.0, 1.7, 3.0), (0.0, 0.7, 1.7, 3.0, 100.0), (0.0, 0.7, 100.0)):
        limits = DifferLimits(max_extra=extra, max_substituted=substituted, max_narrowed=narrowed)

        def predict(r: Row, floor: float = floor, limits: DifferLimits = limits) -> bool:
            return (r[2] and blocks(r[4], limits) is None) or semantic(r, floor, limits)

        _tp, _fp, _fn, p, rec = score(tune, predict)
        if p >= 0.85:
            grid.append((rec, p, floor, limits, predict))
    grid.sort(key=lambda g: (-g[0], -g[1], -g[2]))
    print(line("lexical alone, tune", tune, lambda r: r[2]))
    print(line("lexical alone, held-out", held, lambda r: r[2]))
    plain = DifferLimits()
    print(line("lexical, checked, tune", tune, lambda r: r[2] and blocks(r[4], plain) is None))
    print(line("lexical, checked, held-out", held, lambda r: r[2] and blocks(r[4], plain) is None))
    for _rec, _p, floor, limits, predict in grid[:5]:
        print(f"floor {floor:.2f} {limits}")
        print(line("  tune", tune, predict))
        print(line("  held-out", held, predict))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
