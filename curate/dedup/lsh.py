"""MinHash signatures and LSH banding: candidate pairs in about linear time.

Shingles of a question are its content stems (word shingles) and the character 3-grams
of each stem (so a typo still shares most shingles). Each distinct stem's shingle ids are
computed once and memoised, so a million questions cost a few dictionary look-ups each;
the MinHash itself is vectorised with numpy over chunks of questions.

Banding is tuned for short questions: ``bands * rows`` hash functions, a pair becomes a
candidate when all ``rows`` values of any band agree, which happens with probability
``1 - (1 - J**rows)**bands`` for shingle Jaccard ``J`` (0.999 at J = 0.5 and 0.99 at
J = 0.4 with the defaults: a typo in a two-word question still gets through). Template
words are left out of the band shingles, big buckets are walked in a window, and a
cheap whole-question MinHash agreement drops hopeless pairs; the verifier decides.
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from curate.dedup.verify import QuestionPrint

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class LSHOptions:
    """Blocking parameters."""

    bands: int = 24
    """Number of bands."""
    rows: int = 2
    """Hash values per band."""
    window: int = 4
    """In a bucket larger than this, a question is paired only with its ``window``
    neighbours in signature order (bounds the work on templated questions)."""
    chunk: int = 20_000
    """Questions per numpy chunk (bounds memory)."""
    seed: int = 0x5EED
    """Seed of the hash functions: same seed, same candidates."""
    stop_fraction: float = 0.01
    """Stems in more than this fraction of the questions (and in more than
    ``stop_min`` questions) are left out of the shingles: template words ("time
    complexity", "difference between") would otherwise put every templated question in
    one bucket. The verifier still sees them."""
    stop_min: int = 100
    min_agreement: float = 0.4
    """Candidates whose whole-question MinHash values agree on less than this fraction
    (an estimate of their shingle Jaccard, template words included) are dropped before
    verification: cheap in numpy, and it spares the verifier pairs that only share a
    term ("What is X?" / "When would you use Y instead of X?")."""


class Shingler:
    """Memoised shingle ids per stem (word id and its character 3-gram ids)."""

    def __init__(self, stop: frozenset[str] = frozenset()) -> None:
        self._cache: dict[str, tuple[int, ...]] = {}
        self.stop = stop

    def stem_ids(self, stem: str) -> tuple[int, ...]:
        ids = self._cache.get(stem)
        if ids is None:
            grams = {f"w:{stem}"}
            padded = f"<{stem}>"
            grams.update(f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2))
            ids = tuple(sorted(zlib.crc32(g.encode("utf-8", "surrogatepass")) for g in grams))
            self._cache[stem] = ids
        return ids

    def ids(self, p: QuestionPrint, full: bool = False) -> list[int]:
        """Shingle ids of a question, template words left out unless ``full``."""
        out: set[int] = set()
        stop = self.stop
        terms = list(p.content) if full else [t for t in p.content if t not in stop] or list(p.content)
        for term in terms + list(p.numbers):
            out.update(self.stem_ids(term))
        if not out:
            out.add(zlib.crc32(p.norm.encode("utf-8", "surrogatepass")))
        return sorted(out)


def stop_stems(prints: Sequence[QuestionPrint], options: LSHOptions) -> frozenset[str]:
    """The template words of this set of questions (see ``LSHOptions.stop_fraction``)."""
    df: Counter[str] = Counter()
    for p in prints:
        df.update(p.content)
    limit = max(options.stop_fraction * len(prints), options.stop_min)
    return frozenset(t for t, n in df.items() if n > limit)


def _hash_params(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63 - 1, size=n, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63 - 1, size=n, dtype=np.uint64)
    return a, b


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads 32-bit shingle ids over 64 bits."""
    x = x.astype(np.uint64)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def signatures(prints: Sequence[QuestionPrint], options: LSHOptions = LSHOptions()) -> np.ndarray:
    """MinHash signatures, shape ``(len(prints), bands * rows + bands)``, dtype uint32.

    The first ``bands * rows`` columns hash the shingles without template words (the
    bands); the last ``bands`` columns hash all shingles and only order the members of
    a big bucket, so questions on one term from different templates ("What is X?", "How
    does X work?") do not crowd out its true duplicates."""
    shingler = Shingler(stop_stems(prints, options))
    main = _minhash(prints, lambda p: shingler.ids(p), options.bands * options.rows, options)
    if not shingler.stop:
        return np.concatenate((main, main[:, :: options.rows][:, : options.bands]), axis=1)
    order = _minhash(prints, lambda p: shingler.ids(p, full=True), options.bands, options, salt=1)
    return np.concatenate((main, order), axis=1)


def _minhash(prints: Sequence[QuestionPrint], shingles, n_hash: int, options: LSHOptions, salt: int = 0) -> np.ndarray:
    a, b = _hash_params(n_hash, options.seed + salt)
    out = np.empty((len(prints), n_hash), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for start in range(0, len(prints), options.chunk):
            chunk = prints[start : start + options.chunk]
            lists = [shingles(p) for p in chunk]
            lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
            flat = np.fromiter((i for x in lists for i in x), dtype=np.uint64, count=int(lengths.sum()))
            base = _mix(flat)
            offsets = np.zeros(len(lists), dtype=np.int64)
            np.cumsum(lengths[:-1], out=offsets[1:])
            for k in range(n_hash):
                h = (base * a[k] + b[k]) >> np.uint64(32)
                out[start : start + len(chunk), k] = np.minimum.reduceat(h, offsets).astype(np.uint32)
    return out


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array by sorting: numpy 2's hash-based ``unique`` is about
    15x slower on millions of int64 pair codes."""
    if len(values) == 0:
        return values
    values = np.sort(values)
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


BANDS_PER_FLUSH = 4
"""Bands whose raw pairs are pooled before the agreement filter (fewer filter passes,
bounded memory)."""


def candidate_pairs(sigs: np.ndarray, options: LSHOptions = LSHOptions()) -> np.ndarray:
    """Unique candidate pairs ``(i, j)`` with ``i < j``, shape ``(m, 2)``, sorted.

    Band by band: sort by band key (ties by a whole-question MinHash value), pair each
    question with the next ``window`` ones of its bucket, drop pairs whose whole-question
    MinHash values agree on less than ``min_agreement``, and keep the unique codes, so
    memory stays bounded by the surviving pairs."""
    n = sigs.shape[0]
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    rows = options.rows
    full = sigs[:, options.bands * rows :]
    need = int(np.ceil(options.min_agreement * full.shape[1])) if options.min_agreement > 0 else 0
    kept: list[np.ndarray] = []
    found: list[np.ndarray] = []

    def flush() -> None:
        if not found:
            return
        codes = unique_sorted(np.concatenate(found))
        found.clear()
        if need:
            agree = np.zeros(len(codes), dtype=np.int32)
            left, right = codes // n, codes % n
            for c in range(full.shape[1]):
                col = full[:, c]
                agree += col[left] == col[right]
            codes = codes[agree >= need]
        kept.append(codes)

    with np.errstate(over="ignore"):
        for band in range(options.bands):
            if band % BANDS_PER_FLUSH == 0:
                flush()
            cols = sigs[:, band * rows : (band + 1) * rows].astype(np.uint64)
            key = np.zeros(n, dtype=np.uint64)
            for c in range(rows):
                key = (key ^ cols[:, c]) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(c + 1)
            order = np.lexsort((full[:, band % full.shape[1]], key))
            skey = key[order]
            for d in range(1, options.window + 1):
                same = skey[d:] == skey[:-d]
                if not same.any():
                    break
                idx = np.nonzero(same)[0]
                i, j = order[idx], order[idx + d]
                found.append(np.minimum(i, j) * n + np.maximum(i, j))
        flush()
    if not kept:
        return np.empty((0, 2), dtype=np.int64)
    codes = unique_sorted(np.concatenate(kept))
    return np.stack((codes // n, codes % n), axis=1)
