"""MinHash signatures and LSH banding: candidate pairs in about linear time.

Shingles of a question are its content stems (word shingles) and the character 3-grams
of each stem (so a typo still shares most shingles). Each distinct stem's shingle ids are
computed once and memoised, so a million questions cost a few dictionary look-ups each;
the MinHash itself is vectorised with numpy over chunks of questions.

Banding is tuned for short questions: ``bands * rows`` hash functions, a pair becomes a
candidate when all ``rows`` values of any band agree, which happens with probability
``1 - (1 - J**rows)**bands`` for shingle Jaccard ``J`` (about 0.99 at J = 0.5 with the
defaults). Candidates are only candidates: the verifier decides.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from curate.dedup.verify import QuestionPrint

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class LSHOptions:
    """Blocking parameters."""

    bands: int = 32
    """Number of bands."""
    rows: int = 3
    """Hash values per band."""
    window: int = 24
    """In a bucket larger than this, a question is paired only with its ``window``
    neighbours in signature order (bounds the work on templated questions)."""
    chunk: int = 20_000
    """Questions per numpy chunk (bounds memory)."""
    seed: int = 0x5EED
    """Seed of the hash functions: same seed, same candidates."""


class Shingler:
    """Memoised shingle ids per stem (word id and its character 3-gram ids)."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[int, ...]] = {}

    def stem_ids(self, stem: str) -> tuple[int, ...]:
        ids = self._cache.get(stem)
        if ids is None:
            grams = {f"w:{stem}"}
            padded = f"<{stem}>"
            grams.update(f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2))
            ids = tuple(sorted(zlib.crc32(g.encode("utf-8", "surrogatepass")) for g in grams))
            self._cache[stem] = ids
        return ids

    def ids(self, p: QuestionPrint) -> list[int]:
        out: set[int] = set()
        for term in p.content + p.weak + p.numbers:
            out.update(self.stem_ids(term))
        if not out:
            out.add(zlib.crc32(p.norm.encode("utf-8", "surrogatepass")))
        return sorted(out)


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
    """MinHash signatures, shape ``(len(prints), bands * rows)``, dtype uint32."""
    n_hash = options.bands * options.rows
    a, b = _hash_params(n_hash, options.seed)
    shingler = Shingler()
    out = np.empty((len(prints), n_hash), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for start in range(0, len(prints), options.chunk):
            chunk = prints[start : start + options.chunk]
            lists = [shingler.ids(p) for p in chunk]
            lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
            flat = np.fromiter((i for x in lists for i in x), dtype=np.uint64, count=int(lengths.sum()))
            base = _mix(flat)
            offsets = np.zeros(len(lists), dtype=np.int64)
            np.cumsum(lengths[:-1], out=offsets[1:])
            for k in range(n_hash):
                h = (base * a[k] + b[k]) >> np.uint64(32)
                out[start : start + len(chunk), k] = np.minimum.reduceat(h, offsets).astype(np.uint32)
    return out


def candidate_pairs(sigs: np.ndarray, options: LSHOptions = LSHOptions()) -> np.ndarray:
    """Unique candidate pairs ``(i, j)`` with ``i < j``, shape ``(m, 2)``, sorted."""
    n = sigs.shape[0]
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    rows = options.rows
    found: list[np.ndarray] = []
    with np.errstate(over="ignore"):
        for band in range(options.bands):
            cols = sigs[:, band * rows : (band + 1) * rows].astype(np.uint64)
            key = np.zeros(n, dtype=np.uint64)
            for c in range(rows):
                key = (key ^ cols[:, c]) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(c + 1)
            nxt = sigs[:, ((band + 1) % options.bands) * rows]  # orders big buckets
            order = np.lexsort((nxt, key))
            skey = key[order]
            for d in range(1, options.window + 1):
                same = skey[d:] == skey[:-d]
                if not same.any():
                    break
                idx = np.nonzero(same)[0]
                i, j = order[idx], order[idx + d]
                found.append(np.minimum(i, j) * n + np.maximum(i, j))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // n, codes % n), axis=1)
