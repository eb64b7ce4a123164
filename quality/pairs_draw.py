#!/usr/bin/env python3
"""Draw candidate question pairs to label (see ``quality/PAIRS.md``, "How the pairs were drawn").

Three generators that fail in different ways propose pairs, so that recall is not
measured only among the pairs one of them ranks high:

* ``lexical``: the verifier's IDF-weighted word-overlap score (pairs sharing at least one
  content stem), score >= 0.30;
* ``static``: wordllama's static token embeddings, each question's 3 nearest neighbours
  with cosine >= 0.60;
* ``minilm``: all-MiniLM-L6-v2, each question's 3 nearest neighbours with cosine >= 0.55.

Pairs already in ``labels/pairs.jsonl``, pairs with the same normalised wording and
repeats of two wordings already drawn are left out. Every pair in a generator's top band
is drawn (a census: where most true pairs are); the lower bands are sampled, round-robin
across collections, with a fixed seed; a pair found by several generators is kept once and says
which. Prints JSON lines (unlabelled) to stdout.

Usage: ``.venv/bin/python quality/pairs_draw.py --per-band 12 > /tmp/candidates.jsonl``
(needs wordllama: ``pip install wordllama``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from curate.corpus.loader import load_corpus  # noqa: E402
from curate.corpus.text import normalize_question  # noqa: E402
from curate.dedup.embed import load_encoder  # noqa: E402
from curate.dedup.verify import Verifier, make_print  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
SKIP = {"doocs__advanced-java", "lydiahallie__javascript-questions"}
BANDS = {
    "lexical": [(0.30, 0.45), (0.45, 0.62), (0.62, 1.01)],
    "static": [(0.60, 0.70), (0.70, 0.80), (0.80, 1.01)],
    "minilm": [(0.55, 0.70), (0.70, 0.80), (0.80, 1.01)],
}


def questions(root: Path) -> list[tuple[str, int, str, str]]:
    corpus = load_corpus([root], root=root)
    out = []
    for doc in corpus.documents:
        rel = Path(doc.path).resolve().relative_to(root.resolve()).as_posix()
        for r in doc.records:
            if r.is_question and normalize_question(r.question):
                out.append((rel, r.span.line_start, r.question, r.answer_text))
    return out


def knn(vectors: np.ndarray, k: int, floor: float) -> dict[tuple[int, int], float]:
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1.0)
    out = {}
    for i in range(len(vectors)):
        for j in np.argsort(-sims[i])[:k].tolist():
            if sims[i, j] >= floor:
                out[(min(i, j), max(i, j))] = float(sims[i, j])
    return out


def lexical(prints: list, floor: float) -> dict[tuple[int, int], float]:
    verifier = Verifier(prints)
    by_term: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(prints):
        for t in set(p.content):
            by_term[t].append(i)
    seen: set[tuple[int, int]] = set()
    out = {}
    for members in by_term.values():
        if len(members) > 60:  # a theme word: pairs that share only it are not candidates
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                key = (members[x], members[y])
                if key in seen:
                    continue
                seen.add(key)
                score = verifier.question_score(prints[key[0]], prints[key[1]])[0]
                if score >= floor:
                    out[key] = score
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-band", type=int, default=12, help="pairs drawn per generator, band and collection round")
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    import wordllama as wl_pkg
    from wordllama import WordLlama
    static = WordLlama.load(cache_dir=Path(wl_pkg.__file__).parent, disable_download=True)
    encoder = load_encoder("minilm")
    labelled = set()
    for line in (HERE / "labels" / "pairs.jsonl").open(encoding="utf-8"):
        p = json.loads(line)
        labelled.add((p["collection"], p["a"]["file"], p["a"]["line"], p["b"]["file"], p["b"]["line"]))
        labelled.add((p["collection"], p["b"]["file"], p["b"]["line"], p["a"]["file"], p["a"]["line"]))
    rng = random.Random(args.seed)
    worded: set[tuple[str, str, str]] = set()
    pools: dict[tuple[str, int], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for root in sorted(CORPORA.iterdir()):
        if not root.is_dir() or root.name in SKIP:
            continue
        qs = questions(root)
        prints = [make_print("", q, a) for _f, _l, q, a in qs]
        found: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
        for key, s in lexical(prints, 0.30).items():
            found[key]["lexical"] = s
        texts = [q for _f, _l, q, _a in qs]
        for key, s in knn(np.asarray(static.embed(texts, norm=True), dtype=np.float32), 3, 0.60).items():
            found[key]["static"] = s
        if encoder is not None:
            for key, s in knn(encoder.encode(texts), 3, 0.55).items():
                found[key]["minilm"] = s
        for (i, j), scores in sorted(found.items()):
            if prints[i].norm == prints[j].norm or qs[i][:2] == qs[j][:2]:
                continue
            if (root.name, qs[i][0], qs[i][1], qs[j][0], qs[j][1]) in labelled:
                continue
            wording = (root.name, *sorted((prints[i].norm, prints[j].norm)))
            if wording in worded:  # the same two wordings elsewhere (a generated copy of a file)
                continue
            worded.add(wording)
            item = {"collection": root.name,
                    "a": {"file": qs[i][0], "line": qs[i][1], "question": qs[i][2]},
                    "b": {"file": qs[j][0], "line": qs[j][1], "question": qs[j][2]},
                    "found_by": {k: round(v, 3) for k, v in sorted(scores.items())}}
            for gen, score in scores.items():
                for band, (lo, hi) in enumerate(BANDS[gen]):
                    if lo <= score < hi:
                        pools[(gen, band)][root.name].append(item)
    drawn: dict[tuple, dict] = {}
    for (gen, band), by_col in sorted(pools.items()):
        cols = sorted(by_col)
        for col in cols:
            rng.shuffle(by_col[col])
        taken = 0
        quota = args.per_band * len(cols) if band < len(BANDS[gen]) - 1 else sum(len(v) for v in by_col.values())
        while taken < quota and any(by_col[c] for c in cols):
            for col in cols:
                if by_col[col] and taken < quota:
                    item = by_col[col].pop()
                    key = (item["collection"], item["a"]["file"], item["a"]["line"], item["b"]["file"], item["b"]["line"])
                    if key not in drawn:
                        drawn[key] = item
                        taken += 1
    for key in sorted(drawn):
        print(json.dumps(drawn[key], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
