"""Near-duplicate detection at scale: time, peak memory and recall against brute force.

Generates ``--n`` questions: real question lines from ../shared/corpora (and the bundled
examples), templated questions over terms taken from the same notes ("What is the
difference between X and Y?"), and edited copies of both (case, punctuation, numbering,
emphasis, a filler word, a typo, two words swapped). Then it runs the same pipeline as
QA202 and the build (fingerprints → exact groups → MinHash LSH → verification →
union-find) and measures:

* wall time of each stage and in total, and peak memory (``ru_maxrss``);
* recall against brute force on a sample: every pair of a sample of questions is
  verified with the same verifier (same weights, same thresholds); recall is the
  fraction of those pairs that the LSH run put in one cluster.

Run: ``python bench/neardup.py --n 1000000`` (``--summary`` ends with one line for
``bench/run.py``). Same seed, same questions.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import resource
import sys
import time
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from curate.dedup import ClusterOptions, find_clusters, make_prints  # noqa: E402
from curate.dedup.tokens import STOPWORDS, WEAK_WORDS  # noqa: E402
from curate.dedup.verify import Verifier  # noqa: E402

_QUESTION_LINE = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|\*\*)*(.{12,160}?\?)\**\s*$")
_TERM = re.compile(r"\b[A-Za-z][A-Za-z0-9+#.-]{2,24}(?: [A-Za-z][A-Za-z0-9+#-]{2,24})?\b")

TEMPLATES = [
    "What is the difference between {a} and {b}?",
    "How does {a} compare to {b}?",
    "When would you use {a} instead of {b}?",
    "What is the time complexity of {a}?",
    "How does {a} work?",
    "What is {a}?",
    "Explain {a} to a beginner.",
    "What are the advantages of {a} over {b}?",
    "How do you evaluate {a} in production?",
    "Why is {a} important for {b}?",
    "How can {a} be used to improve {b}?",
    "What are common pitfalls of {a}?",
]
FILLERS = ["main", "typical", "key", "basic", "common", "important"]
_COMMON = STOPWORDS | WEAK_WORDS | {"here", "start", "doing", "would", "same", "end", "use", "using", "part", "step", "week", "day"}


def source_questions_and_terms() -> tuple[list[str], list[str]]:
    """Question lines and candidate terms from the real notes."""
    roots = [SHARED / "corpora", REPO / "examples"]
    questions: set[str] = set()
    terms: set[str] = set()
    for root in roots:
        for path in sorted(root.rglob("*.md")):
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (UnicodeDecodeError, OSError):
                continue
            for line in text.splitlines():
                m = _QUESTION_LINE.match(line)
                if m and "](" not in line:
                    questions.add(m.group(1).strip(" *"))
                if line.startswith("#"):
                    for t in _TERM.findall(line):
                        t = t.strip(".-")
                        words = t.lower().split()
                        if (t[0].isupper() or any(c.isdigit() for c in t)) and not any(w in _COMMON for w in words):
                            terms.add(t)
    if not questions:
        raise SystemExit("no source notes found (is ../shared/corpora beside the repository?)")
    return sorted(questions), sorted(t for t in terms if len(t) > 2)


def edit(q: str, rng: random.Random) -> str:
    """A light edit that keeps the meaning."""
    roll = rng.random()
    words = q.rstrip("?").split()
    if roll < 0.15:
        return q.lower()
    if roll < 0.25:
        return f"{rng.randrange(1, 200)}. {q}"
    if roll < 0.35:
        return f"**{q}**"
    if roll < 0.5 and len(words) > 2:
        words.insert(rng.randrange(1, len(words)), rng.choice(FILLERS))
    elif roll < 0.7:
        long = [i for i, w in enumerate(words) if len(w) > 6]
        if long:
            i = rng.choice(long)
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1 :]  # a typo
    elif roll < 0.8 and len(words) > 3:
        i = rng.randrange(1, len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    elif roll < 0.9:
        return q.rstrip("?") + rng.choice([" ?", "", "??"])
    return " ".join(words) + "?"


def generate(n: int, seed: int = 7, dup_rate: float = 0.3) -> tuple[list[str], list[int]]:
    """``n`` questions and the family (original) each comes from."""
    rng = random.Random(seed)
    real, terms = source_questions_and_terms()
    n_base = max(1, int(n * (1 - dup_rate)))
    base: list[str] = list(real[:n_base])
    seen = set(base)
    while len(base) < n_base:
        t = rng.choice(TEMPLATES)
        q = t.format(a=rng.choice(terms), b=rng.choice(terms))
        if q not in seen:
            seen.add(q)
            base.append(q)
    questions = list(base)
    family = list(range(len(base)))
    while len(questions) < n:
        k = rng.randrange(len(base))
        questions.append(edit(base[k], rng))
        family.append(k)
    order = list(range(n))
    rng.shuffle(order)
    return [questions[i] for i in order], [family[i] for i in order]


def peak_mb() -> float:
    """Peak resident memory of this process or of its largest worker, in MB."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def _cpu() -> float:
    """CPU seconds of this process and its finished workers (wall time suffers when
    other jobs share the cores; CPU time shows the work itself)."""
    self_, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return self_.ru_utime + self_.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=1500, help="questions in the brute-force sample")
    parser.add_argument("--jobs", type=int, default=2, help="processes for fingerprints and verification")
    parser.add_argument("--summary", action="store_true", help="end with a one-line summary")
    args = parser.parse_args()

    t0 = time.perf_counter()
    questions, family = generate(args.n, args.seed)
    t_gen = time.perf_counter() - t0
    base_mb = peak_mb()
    print(f"generated {len(questions):,} questions ({len(set(family)):,} originals) in {t_gen:.1f} s; rss {base_mb:.0f} MB")

    gc.collect()
    gc.freeze()  # millions of small tuples: skip pointless GC passes
    t1 = time.perf_counter()
    c1 = _cpu()
    prints = make_prints([(str(i), q, "") for i, q in enumerate(questions)], jobs=args.jobs)
    t_prints = time.perf_counter() - t1
    stages: dict[str, float] = {}
    result = find_clusters(prints, ClusterOptions(brute_force_limit=0, jobs=args.jobs), timings=stages)
    t_total = time.perf_counter() - t1
    cpu_total = _cpu() - c1
    mem = peak_mb()
    in_cluster = {}
    for c_i, cluster in enumerate(result.clusters):
        for key in cluster.keys:
            in_cluster[int(key)] = c_i
    dup_items = sum(len(c.keys) for c in result.clusters)
    print(f"fingerprints {t_prints:.1f} s; " + "; ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    print(f"near-duplicates: {t_total:.1f} s total ({cpu_total:.1f} s CPU), {result.candidates:,} candidate pairs ({result.verified:,} past the score bound), {len(result.clusters):,} clusters holding {dup_items:,} questions; peak rss {mem:.0f} MB")

    # recall against brute force on a sample, same verifier
    rng = random.Random(args.seed + 1)
    by_family: dict[int, list[int]] = {}
    for i, f in enumerate(family):
        by_family.setdefault(f, []).append(i)
    sample: set[int] = set()
    families = [f for f, members in by_family.items() if len(members) > 1]
    rng.shuffle(families)
    for f in families:  # half the sample: whole families, so it holds duplicates
        if len(sample) >= args.sample // 2:
            break
        sample.update(by_family[f])
    while len(sample) < args.sample and len(sample) < len(questions):
        sample.add(rng.randrange(len(questions)))
    verifier: Verifier = result.verifier
    t2 = time.perf_counter()
    truth = []
    items = sorted(sample)
    for i, j in combinations(items, 2):
        if verifier.verify(prints[i], prints[j]).kind in ("exact", "near"):
            truth.append((i, j))
    t_bf = time.perf_counter() - t2
    hit = sum(1 for i, j in truth if i in in_cluster and in_cluster.get(i) == in_cluster.get(j))
    recall = hit / len(truth) if truth else 1.0
    same_family = sum(1 for i, j in truth if family[i] == family[j])
    print(
        f"brute force on {len(items):,} sampled questions ({len(items) * (len(items) - 1) // 2:,} pairs, {t_bf:.1f} s): "
        f"{len(truth):,} duplicate pairs, LSH recall {recall:.4f}; {same_family / max(len(truth), 1):.3f} of them are edits of one original"
    )
    if args.summary:
        print(f"{t_total:.1f} s ({cpu_total:.1f} s CPU), peak {mem:.0f} MB, recall {recall:.3f} vs brute force ({len(truth):,} pairs in a {len(items):,}-question sample)")


if __name__ == "__main__":
    main()
