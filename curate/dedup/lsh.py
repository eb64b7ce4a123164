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
from itertools import chain
from typing import Iterable, Sequence

import numpy as np

from curate.dedup.intents import COMPATIBLE, INTENT_BITS, NEGATED_BIT, intent_mask
from curate.dedup.tokens import typo as _typo
from curate.dedup.verify import MIN_ANSWER_TERMS, WEAK_TERM_WEIGHT, QuestionPrint, Verifier

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


@dataclass(frozen=True)
class Terms:
    """One field of many fingerprints as flat arrays: row ``r`` holds
    ``ids[indptr[r]:indptr[r + 1]]``, ids into the sorted ``vocab`` (so each row's ids
    are ascending, as the field's stems are sorted)."""

    vocab: tuple[str, ...]
    indptr: np.ndarray
    ids: np.ndarray

    @classmethod
    def of(cls, fields: Sequence[tuple[str, ...]]) -> Terms:
        vocab = tuple(sorted(set(chain.from_iterable(fields))))
        index = dict(zip(vocab, range(len(vocab))))
        lengths = np.fromiter(map(len, fields), dtype=np.int64, count=len(fields))
        indptr = np.zeros(len(fields) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        ids = np.fromiter(map(index.__getitem__, chain.from_iterable(fields)), dtype=np.int32, count=int(indptr[-1]))
        return cls(vocab, indptr, ids)

    def lengths(self, rows: np.ndarray | None = None) -> np.ndarray:
        if rows is None:
            return np.diff(self.indptr)
        result: np.ndarray = self.indptr[rows + 1] - self.indptr[rows]
        return result

    def expand(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(k, id)`` for every id of ``rows[k]``, in row order."""
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        total = int(lengths.sum())
        which = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        ends = np.cumsum(lengths)
        pos = np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - lengths), lengths)
        return which, self.ids[pos]


@dataclass(frozen=True)
class PrintTable:
    """The fingerprints of a set of questions as numpy arrays, for the vectorised stages
    (MinHash, the score bound): a few int32 per stem instead of Python tuples."""

    content: Terms
    weak: Terms
    numbers: Terms
    number_key: np.ndarray
    """Id of each question's numbers: same id, same numbers."""
    squashed_key: np.ndarray
    """CRC of each question without spaces: different keys, not "quick sort" / "quicksort"."""
    norm_key: np.ndarray
    """CRC of each normalised question (the shingle of a question without stems)."""
    answer_len: np.ndarray
    """Distinct answer stems of each question."""
    intent: np.ndarray
    """What each question asks for, as bits, and whether it is negated (``verify.intent_mask``)."""

    @classmethod
    def of(cls, prints: Sequence[QuestionPrint]) -> PrintTable:
        def crc(texts: Iterable[str]) -> np.ndarray:
            return np.fromiter((zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in texts), dtype=np.uint32, count=len(prints))

        return cls(
            Terms.of([p.content for p in prints]),
            Terms.of([p.weak for p in prints]),
            Terms.of([p.numbers for p in prints]),
            _tuple_ids([p.numbers for p in prints]),
            crc(p.norm.replace(" ", "") for p in prints),
            crc(p.norm for p in prints),
            np.fromiter((len(p.answer) for p in prints), dtype=np.int32, count=len(prints)),
            np.fromiter((intent_mask(p.norm) for p in prints), dtype=np.int64, count=len(prints)),
        )

    def __len__(self) -> int:
        return len(self.number_key)


def _tuple_ids(values: Sequence[tuple[str, ...]]) -> np.ndarray:
    """One id per distinct value, in order of first appearance."""
    ids: dict[tuple[str, ...], int] = {}
    return np.fromiter((ids.setdefault(v, len(ids)) for v in values), dtype=np.int64, count=len(values))


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


def signatures(prints: Sequence[QuestionPrint], options: LSHOptions = LSHOptions(), table: PrintTable | None = None) -> np.ndarray:
    """MinHash signatures, shape ``(len(prints), bands * rows + bands)``, dtype uint32.

    The first ``bands * rows`` columns hash the shingles without template words (the
    bands); the last ``bands`` columns hash all shingles and only order the members of
    a big bucket, so questions on one term from different templates ("What is X?", "How
    does X work?") do not crowd out its true duplicates.

    A question's shingles are the union of its stems' shingles, so its MinHash value is
    the least of its stems' values: each distinct stem is hashed once, and a question
    costs a gather and a minimum. ``table`` is ``PrintTable.of(prints)`` when the caller
    has it."""
    table = table or PrintTable.of(prints)
    content, numbers = table.content, table.numbers
    df = np.bincount(content.ids, minlength=len(content.vocab))
    stop = df > max(options.stop_fraction * len(table), options.stop_min)
    shingler = Shingler()
    stem_shingles = [shingler.stem_ids(t) for t in content.vocab + numbers.vocab]
    n_main = options.bands * options.rows
    main = _question_minhash(table, stem_shingles, stop, _hash_params(n_main, options.seed), options.chunk)
    if not stop.any():
        return np.concatenate((main, main[:, :: options.rows][:, : options.bands]), axis=1)
    no_stop = np.zeros(len(stop), dtype=bool)
    order = _question_minhash(table, stem_shingles, no_stop, _hash_params(options.bands, options.seed + 1), options.chunk)
    return np.concatenate((main, order), axis=1)


def _minhash_sets(sets: Sequence[Sequence[int]], params: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """MinHash of each non-empty set of shingle ids, shape ``(len(sets), hashes)``."""
    a, b = params
    lengths = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    flat = np.fromiter(chain.from_iterable(sets), dtype=np.uint64, count=int(lengths.sum()))
    base = _mix(flat)
    offsets = np.zeros(len(sets), dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    out = np.empty((len(sets), len(a)), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for k in range(len(a)):
            h = (base * a[k] + b[k]) >> np.uint64(32)
            out[:, k] = np.minimum.reduceat(h, offsets).astype(np.uint32)
    return out


def _question_minhash(table: PrintTable, stem_shingles: list[tuple[int, ...]], stop: np.ndarray, params: tuple[np.ndarray, np.ndarray], chunk: int) -> np.ndarray:
    """MinHash of each question's shingles: its stems but the ``stop`` ones (all of them
    when every stem is a stop stem) and its numbers; a question with neither hashes its
    whole normalised text."""
    content, numbers = table.content, table.numbers
    n = len(table)
    stem_sigs = _minhash_sets(stem_shingles, params) if stem_shingles else np.empty((0, len(params[0])), dtype=np.uint32)
    out = np.empty((n, len(params[0])), dtype=np.uint32)
    for start in range(0, n, chunk):
        rows = np.arange(start, min(start + chunk, n), dtype=np.int64)
        which, ids = content.expand(rows)
        keep = ~stop[ids]
        kept = np.bincount(which, weights=keep, minlength=len(rows))
        keep |= kept[which] == 0  # only template words: keep them all
        which, ids = which[keep], ids[keep]
        n_which, n_ids = numbers.expand(rows)
        which = np.concatenate((which, n_which))
        ids = np.concatenate((ids, n_ids.astype(np.int64) + len(content.vocab)))
        order = np.argsort(which, kind="stable")
        which, ids = which[order], ids[order]
        counts = np.bincount(which, minlength=len(rows))
        has = counts > 0
        starts = np.zeros(len(rows), dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        block = out[start : start + len(rows)]
        if len(ids):
            block[has] = np.minimum.reduceat(stem_sigs[ids], starts[has], axis=0)
        if not has.all():
            empty = rows[~has]
            block[~has] = _minhash_sets([(int(k),) for k in table.norm_key[empty]], params)
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
    full = np.ascontiguousarray(sigs[:, options.bands * rows :])  # whole rows gather fast
    padding = -full.shape[1] % 8
    low_bytes = np.zeros((n, full.shape[1] + padding), dtype=np.uint8)
    low_bytes[:, : full.shape[1]] = full & 0xFF
    low_bytes = low_bytes.view(np.uint64)
    need = int(np.ceil(options.min_agreement * full.shape[1])) if options.min_agreement > 0 else 0
    kept: list[np.ndarray] = []
    found: list[np.ndarray] = []

    def flush() -> None:
        if not found:
            return
        codes = unique_sorted(np.concatenate(found))
        found.clear()
        if need:
            codes = np.concatenate([agreeing(part) for part in np.array_split(codes, 1 + len(codes) // AGREEMENT_BATCH)])
        kept.append(codes)

    def agreeing(codes: np.ndarray) -> np.ndarray:
        left, right = codes // n, codes % n
        maybe = _byte_agreement(low_bytes, left, right) >= need + padding
        left, right, codes = left[maybe], right[maybe], codes[maybe]
        return codes[_agreement(full, left, right) >= need]

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


AGREEMENT_BATCH = 1 << 20
"""Pairs whose signature rows are gathered at once by the agreement filter."""


def _agreement(full: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """How many whole-question MinHash values each pair shares."""
    result: np.ndarray = np.count_nonzero(full[left] == full[right], axis=1)
    return result


_LOW7 = np.uint64(0x7F7F7F7F7F7F7F7F)


def _byte_agreement(low_bytes: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """How many low bytes of the whole-question MinHash values each pair shares (eight
    per uint64 word): at least :func:`_agreement`, at an eighth of the memory traffic,
    so most hopeless pairs are dropped before the full values are gathered."""
    x = low_bytes[left] ^ low_bytes[right]
    zero_bytes = ~(((x & _LOW7) + _LOW7) | x | _LOW7)  # the high bit of each zero byte
    result: np.ndarray = np.bitwise_count(zero_bytes).sum(axis=1, dtype=np.int64)
    return result


BOUND_BATCH = 1 << 18
"""Candidate pairs per batch of the score bound (bounds its memory)."""

_LENGTH_CAP = 61
"""Stem lengths are capped here in the typo test (a longer stem only looks closer)."""


def possible_matches(verifier: Verifier, table: PrintTable, pairs: np.ndarray) -> np.ndarray:
    """Which candidate pairs (rows of ``pairs``, indices into the table) the verifier
    could call anything but ``none``: a mask, so the exact (Python) verifier only sees
    those.

    A pair is dropped only when it surely gets ``none``: its numbers differ (and the
    questions differ beyond spaces); or an upper bound of its question score is below
    both thresholds (the weighted Jaccard over exactly shared stems, loosened for stems
    that are typos of each other and for a "why" that a "purpose of" answers;
    pairs where a stem could be two of the other's joined, "tradeoff" / "trade off",
    are kept); or, when no such loosening applies and an answer is too short to
    confirm anything, the verifier's own rules (heavy extra stems, swapped key terms)
    say ``none`` with a margin that float rounding cannot cross."""
    return ScoreBound(verifier, table).mask(pairs)


_MARGIN = 1e-9
"""Relative margin of every vectorised comparison (the verifier sums in another order)."""


class ScoreBound:
    """Per-stem arrays of one verifier and table for :func:`possible_matches` (made
    once, then applied to any number of batches, in forked workers too)."""

    def __init__(self, verifier: Verifier, table: PrintTable) -> None:
        self.options = opt = verifier.options
        self.table = table
        vocab = table.content.vocab
        self.cutoff = min(opt.threshold, opt.doubt_threshold) * (1 - _MARGIN)
        self.weights = np.fromiter(map(verifier.weight, vocab), dtype=np.float64, count=len(vocab))
        lengths = np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab))
        self.lengths = np.minimum(lengths, _LENGTH_CAP)
        self.initials = np.fromiter((ord(t[0]) & 1023 if t else 0 for t in vocab), dtype=np.int64, count=len(vocab))
        self.specific = np.fromiter((not verifier._generic.__contains__(t) for t in vocab), dtype=bool, count=len(vocab))
        index = dict(zip(vocab, range(len(vocab))))
        why = index.get("why")
        self.why = -1 if why is None else why
        # moving "why" out of the extra stems takes its weight off and WEAK_TERM_WEIGHT on
        self.why_relief = 0.0 if why is None else max(0.0, float(self.weights[why]) - WEAK_TERM_WEIGHT)
        self.splits = _splits(vocab, index)
        self.typo_memo: dict[int, bool] = {}

    def mask(self, pairs: np.ndarray) -> np.ndarray:
        """:func:`possible_matches` of ``pairs``."""
        verify, related, _ = self.classify(pairs)
        result: np.ndarray = verify | related
        return result

    def classify(self, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(verify, related, score)``: which pairs the exact verifier must see, which
        it would surely call ``related`` (and with what score: the verifier's to the
        4 digits a link keeps); all other pairs are ``none``."""
        verify = np.zeros(len(pairs), dtype=bool)
        related = np.zeros(len(pairs), dtype=bool)
        score = np.zeros(len(pairs))
        for start in range(0, len(pairs), BOUND_BATCH):
            batch = pairs[start : start + BOUND_BATCH]
            end = start + len(batch)
            verify[start:end], related[start:end], score[start:end] = self._classify(batch[:, 0], batch[:, 1])
        return verify, related, score

    def _classify(self, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        table = self.table
        m = len(left)
        content = table.content
        width = np.int64(len(content.vocab))
        ra, ta = content.expand(left)
        rb, tb = content.expand(right)
        ka = ra * width + ta  # ascending: rows ascending, ids ascending within a row
        kb = rb * width + tb
        only_a = ~_member(kb, ka)
        only_b = ~_member(ka, kb)
        wa, wb = self.weights[ta], self.weights[tb]
        shared: np.ndarray = np.bincount(ra, weights=np.where(only_a, 0.0, wa), minlength=m)
        n_shared = np.bincount(ra, weights=~only_a, minlength=m)
        extra_a = np.bincount(ra, weights=np.where(only_a, wa, 0.0), minlength=m)
        extra_b = np.bincount(rb, weights=np.where(only_b, wb, 0.0), minlength=m)
        weak = table.weak
        wra, wta = weak.expand(left)
        wrb, wtb = weak.expand(right)
        wwidth = np.int64(len(weak.vocab))
        both_weak = np.bincount(wra, weights=_member(wrb * wwidth + wtb, wra * wwidth + wta), minlength=m)
        odd_weak = weak.lengths(left) + weak.lengths(right) - 2 * both_weak
        shared += WEAK_TERM_WEIGHT * both_weak
        total = shared + extra_a + extra_b + WEAK_TERM_WEIGHT * odd_weak
        typo_a, typo_b = self._typo_weights(ra, ta, only_a, rb, tb, only_b, m)
        why = np.bincount(ra, weights=(ta == self.why) & only_a, minlength=m)
        why += np.bincount(rb, weights=(tb == self.why) & only_b, minlength=m)
        joins = self._may_join(ra, ta, only_a, kb, width, m) | self._may_join(rb, tb, only_b, ka, width, m)
        # typos move at most min(typo_a, typo_b) into the shared weight and take at most
        # typo_a + typo_b off the extra weight (see the verifier's question_score)
        num = shared + np.minimum(typo_a, typo_b)
        den = total - np.maximum(typo_a, typo_b) - self.why_relief * why
        passes = joins | (den <= 1e-12) | (num >= self.cutoff * den)
        same_numbers = table.number_key[left] == table.number_key[right]
        squashed = table.squashed_key[left] == table.squashed_key[right]
        # where nothing loosens the score it is exact and no answer can confirm: apply
        # the verifier's rules
        settled = ~joins & (typo_a == 0) & (why == 0) & ~squashed & same_numbers
        settled &= (table.answer_len[left] < MIN_ANSWER_TERMS) | (table.answer_len[right] < MIN_ANSWER_TERMS)
        related = np.zeros(m, dtype=bool)
        score = np.zeros(m)
        if settled.any():
            has_a = np.bincount(ra, weights=only_a, minlength=m) > 0
            has_b = np.bincount(rb, weights=only_b, minlength=m) > 0
            spec_a = np.bincount(ra, weights=only_a & self.specific[ta], minlength=m) > 0
            spec_b = np.bincount(rb, weights=only_b & self.specific[tb], minlength=m) > 0
            none, related, score = self._rules(shared, total, n_shared, extra_a, extra_b, has_a, has_b, has_a & has_b & spec_a & spec_b)
            passes &= ~(settled & none)
            related &= settled & passes
        # two questions that ask for different things are never a pair (verify.different_asks)
        ia, ib = table.intent[left], table.intent[right]
        flipped = ((ia ^ ib) & NEGATED_BIT) != 0  # a question and its negation
        ia, ib = ia & ~NEGATED_BIT, ib & ~NEGATED_BIT
        compatible = np.zeros(m, dtype=bool)
        for x, y in (sorted(pair) for pair in COMPATIBLE):
            bx, by = INTENT_BITS[x], INTENT_BITS[y]
            compatible |= (((ia & bx) != 0) & ((ib & by) != 0)) | (((ia & by) != 0) & ((ib & bx) != 0))
        differ = (((ia != 0) & (ib != 0) & ((ia & ib) == 0) & ~compatible) | flipped) & ~squashed & same_numbers
        related &= ~differ
        verify = ((squashed | (same_numbers & passes)) & ~related) & ~differ
        return verify, related, score

    def _rules(self, shared: np.ndarray, total: np.ndarray, n_shared: np.ndarray, extra_a: np.ndarray, extra_b: np.ndarray,
               has_a: np.ndarray, has_b: np.ndarray, swap: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The verifier's verdict rules for an exact score and no usable answer:
        ``(none, related, score)``, each verdict only where it holds however the last
        bits of the sums fall (and the score rounds to the same 4 digits)."""
        opt = self.options
        lo, hi = 1 - _MARGIN, 1 + _MARGIN
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(total > 0, shared / np.where(total > 0, total, 1.0), 0.0)
            mean = np.where(n_shared > 0, shared / np.maximum(n_shared, 1), 0.0)
            heavy_a = np.where(mean > 0, extra_a / np.where(mean > 0, mean, 1.0), has_a.astype(float))
            heavy_b = np.where(mean > 0, extra_b / np.where(mean > 0, mean, 1.0), has_b.astype(float))
        weak_overlap = (shared <= 2 * WEAK_TERM_WEIGHT * lo) & (score < lo)
        both_heavy = (heavy_a >= opt.heavy_ratio * hi) & (heavy_b >= opt.heavy_ratio * hi)
        light = (heavy_a < opt.heavy_ratio * lo) & (heavy_b < opt.heavy_ratio * lo)
        not_near = swap | (score < opt.threshold * lo)
        none = weak_overlap | both_heavy | (light & not_near)
        one_heavy = ((heavy_a >= opt.heavy_ratio * hi) & (heavy_b < opt.heavy_ratio * lo)) | ((heavy_b >= opt.heavy_ratio * hi) & (heavy_a < opt.heavy_ratio * lo))
        digits = score * 1e4
        rounds_alike = np.abs(digits - np.floor(digits) - 0.5) > 1e-6
        related = one_heavy & (shared > 2 * WEAK_TERM_WEIGHT * hi) & (score >= opt.doubt_threshold * hi) & rounds_alike
        return none, related, score

    def _typo_weights(self, ra: np.ndarray, ta: np.ndarray, only_a: np.ndarray, rb: np.ndarray, tb: np.ndarray,
                      only_b: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
        """Per pair, the weight of a's extra stems that are a typo of one of b's extra
        stems, and of b's (the verifier's ``_typo``, memoised per pair of stems)."""
        la, lb = self.lengths[ta], self.lengths[tb]
        ia = np.nonzero(only_a & (la >= 5))[0]
        ib = np.nonzero(only_b & (lb >= 5))[0]
        if not len(ia) or not len(ib):
            return np.zeros(m), np.zeros(m)
        # partners: same pair, same initial, lengths at most 2 apart
        code = np.int64(64)
        keys_b = (rb[ib] * 1024 + self.initials[tb[ib]]) * code + lb[ib]
        order = np.argsort(keys_b, kind="stable")
        keys_b, ib = keys_b[order], ib[order]
        base = (ra[ia] * 1024 + self.initials[ta[ia]]) * code + la[ia]
        lo = np.searchsorted(keys_b, base - 2, side="left")
        hi = np.searchsorted(keys_b, base + 2, side="right")
        counts = hi - lo
        pa = np.repeat(ia, counts)
        pb = ib[np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))]
        real = self._typos(ta[pa], tb[pb])
        typo_a = np.zeros(len(ta), dtype=bool)
        typo_a[pa[real]] = True
        typo_b = np.zeros(len(tb), dtype=bool)
        typo_b[pb[real]] = True
        return (
            np.bincount(ra, weights=np.where(typo_a, self.weights[ta], 0.0), minlength=m),
            np.bincount(rb, weights=np.where(typo_b, self.weights[tb], 0.0), minlength=m),
        )

    def _typos(self, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """``_typo`` of each pair of stem ids."""
        width = np.int64(len(self.table.content.vocab))
        codes = np.minimum(s, t).astype(np.int64) * width + np.maximum(s, t)
        unique = unique_sorted(codes)
        memo, vocab = self.typo_memo, self.table.content.vocab
        found = np.fromiter((memo[c] if c in memo else self._typo(c, vocab, width) for c in unique.tolist()), dtype=bool, count=len(unique))
        result: np.ndarray = found[np.searchsorted(unique, codes)]
        return result

    def _typo(self, code: int, vocab: Sequence[str], width: int) -> bool:
        out = self.typo_memo[code] = _typo(vocab[code // width], vocab[code % width])
        return out

    def _may_join(self, rx: np.ndarray, tx: np.ndarray, only_x: np.ndarray, keys_y: np.ndarray, width: np.int64,
                  m: int) -> np.ndarray:
        """Per pair, whether one of x's extra stems is two stems of y joined."""
        indptr, parts = self.splits
        joinable = only_x & (indptr[tx + 1] > indptr[tx])
        out = np.zeros(m, dtype=bool)
        if not joinable.any():
            return out
        rows, stems = rx[joinable], tx[joinable]
        counts = indptr[stems + 1] - indptr[stems]
        pos = np.repeat(indptr[stems] - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        rows = np.repeat(rows, counts)
        hit = _member(keys_y, rows * width + parts[pos, 0]) & _member(keys_y, rows * width + parts[pos, 1])
        out[rows[hit]] = True
        return out


def _splits(vocab: Sequence[str], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """For each stem, the ways it is two other stems joined ("tradeoff" = "trade" +
    "off"): CSR ``(indptr, parts)`` with ``parts`` of shape ``(k, 2)``."""
    counts = np.zeros(len(vocab), dtype=np.int64)
    parts: list[tuple[int, int]] = []
    for t, stem in enumerate(vocab):
        for cut in range(1, len(stem)):
            u = index.get(stem[:cut])
            if u is None:
                continue
            v = index.get(stem[cut:])
            if v is not None and u != v:
                parts.append((u, v))
                counts[t] += 1
    indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, np.array(parts, dtype=np.int64).reshape(-1, 2)


def _member(sorted_keys: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """``queries`` found in ``sorted_keys``."""
    if len(sorted_keys) == 0:
        return np.zeros(len(queries), dtype=bool)
    at = np.searchsorted(sorted_keys, queries)
    np.minimum(at, len(sorted_keys) - 1, out=at)
    result: np.ndarray = sorted_keys[at] == queries
    return result
