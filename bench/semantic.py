"""QA202's semantic stage at scale: embedding, neighbour search and verification, timed.

Rows (each measured in this run, on this machine):

* the default tier cold: ``--n`` questions embedded, their neighbours found and every
  candidate pair verified (:func:`curate.dedup.semantic.semantic_links`);
* warm: the same with all vectors but one file's (``--changed`` questions) already cached;
* the fast tier over ``--big`` questions: static embeddings, an HNSW index (usearch) and
  verification, with peak memory;
* recall of the HNSW neighbours against exact search, on ``--sample`` query questions;
* MiniLM's throughput (questions a second), the strong tier's cost.

Questions come from ``bench/neardup.py``'s generator (real questions from the shared
collections, templated ones, edited copies). ``rows()`` is the entry point for
``bench/run.py``; ``python bench/semantic.py [--quick]`` prints the table.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from neardup import generate  # noqa: E402

from curate.dedup.embed import load_encoder  # noqa: E402
from curate.dedup.semantic import SemanticOptions, _ann, neighbours, semantic_links  # noqa: E402
from curate.dedup.verify import Verifier, make_print  # noqa: E402

K = 8
"""Neighbours per question (QA202's default ``neighbours``)."""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(questions: list[str], vectors: np.ndarray, floor: float = 0.90) -> int:
    """Verified paraphrase pairs among ``questions`` (fingerprints, neighbours, verification)."""
    prints = [make_print(str(i), q) for i, q in enumerate(questions)]
    verifier = Verifier(prints)
    return sum(1 for _ in semantic_links(prints, vectors, verifier, SemanticOptions(floor=floor, doubt=floor, neighbours=K)))


def ann_recall(vectors: np.ndarray, sample: int, k: int = K, seed: int = 7) -> float:
    """Share of the exact ``k`` nearest neighbours of ``sample`` questions that the
    stage's HNSW index (``curate.dedup.semantic._ann``) also returns (ties counted)."""
    rng = np.random.default_rng(seed)
    picked = rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False)
    sims = vectors[picked] @ vectors.T
    sims[np.arange(len(picked)), picked] = -2.0
    exact = np.argpartition(-sims, k, axis=1)[:, :k]
    found = _ann(vectors, k)  # the stage's own index, as built above exact_limit
    if found is None:
        raise ImportError("usearch")
    approx = found[picked]
    # ties count: an approximate neighbour as close as the k-th exact one is a hit (edited
    # copies of one question share a vector, so which of them is "the" k-th is arbitrary)
    kth = np.take_along_axis(sims, exact, axis=1).min(axis=1)
    hits = 0
    for r, p in enumerate(picked.tolist()):
        got = [j for j in approx[r].tolist() if 0 <= j != p][:k]
        hits += min(k, sum(1 for j in got if float(vectors[p] @ vectors[j]) >= kth[r] - 1e-6))
    return hits / (len(picked) * k)


def rows(n: int = 20_000, big: int = 1_000_000, sample: int = 2_000, changed: int = 50) -> list[tuple[str, str]]:
    """``(row, result)`` pairs; the callable ``bench/run.py`` uses."""
    out: list[tuple[str, str]] = []
    static = load_encoder("static")
    if static is None:
        return [("semantic stage", "skipped: wordllama (the static tier) not installed")]
    questions, _family = generate(n)
    t0 = time.perf_counter()
    vectors = static.encode(questions)
    t1 = time.perf_counter()
    found = stage(questions, vectors)
    t2 = time.perf_counter()
    out.append((f"default tier (static), {n:,} questions cold", f"{t2 - t0:.1f} s (embed {t1 - t0:.1f} s, neighbours + verify {t2 - t1:.1f} s), {found} pairs"))
    t0 = time.perf_counter()
    fresh = static.encode(questions[:changed])
    warm = vectors.copy()
    warm[:changed] = fresh
    stage(questions, warm)
    out.append((f"default tier, warm ({changed} questions re-embedded)", f"{time.perf_counter() - t0:.1f} s"))
    try:
        out.append((f"HNSW recall vs exact, {min(sample, n):,} queries over {n:,}", f"{ann_recall(vectors, sample):.3f}"))
    except ImportError:
        out.append(("HNSW recall vs exact", "skipped: usearch not installed"))
    minilm = load_encoder("minilm")
    if minilm is not None:
        t0 = time.perf_counter()
        minilm.encode(questions[:300])
        out.append(("strong tier (MiniLM, numpy) throughput", f"{300 / (time.perf_counter() - t0):.0f} questions/s"))
    try:
        import usearch  # noqa: F401  (optional: without it the big tier would be an exact search)
    except ImportError:
        big = 0
        out.append(("fast tier", "skipped: usearch not installed"))
    if big:
        questions, _family = generate(big)
        t0 = time.perf_counter()
        vectors = static.encode(questions)
        t1 = time.perf_counter()
        pairs = neighbours(vectors, K, 0.90, exact_limit=min(50_000, big - 1))
        t2 = time.perf_counter()
        out.append((f"fast tier (static + HNSW), {big:,} questions", f"{t2 - t0:.0f} s (embed {t1 - t0:.0f} s, index + search {t2 - t1:.0f} s), "
                    f"{len(pairs)} candidate pairs >= 0.90, peak {_peak_mb():,.0f} MB"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="2,000 / 20,000 questions, to check the script")
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=2_000)
    args = ap.parse_args()
    n, big = (2_000, 20_000) if args.quick else (args.n, args.big)
    for name, result in rows(n, big, args.sample):
        print(f"{name:58} {result}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
