"""Group questions that ask the same thing: exact groups, candidates, verification,
union-find.

Stages (each a pure function of compact fingerprints):

1. exact groups: equal ``normalize_question`` keys;
2. candidates among one representative per group: every pair when there are at most
   ``brute_force_limit`` of them, MinHash LSH otherwise;
3. verification of each candidate (:class:`~curate.dedup.verify.Verifier`);
4. union-find over exact and verified links.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from curate.dedup.unionfind import UnionFind
from curate.dedup.verify import QuestionPrint, Verifier, VerifyOptions, make_print

if TYPE_CHECKING:
    import numpy as np

    from curate.dedup.lsh import LSHOptions

Prefilter = Callable[["np.ndarray"], tuple["np.ndarray", "np.ndarray", "np.ndarray"]]
"""Maps an ``(m, 2)`` array of pairs to ``(verify, related, score)`` masks and scores."""


@dataclass(frozen=True, slots=True)
class Link:
    """Why two questions are in one cluster."""

    a: str
    """Key of one question (the smaller key)."""
    b: str
    """Key of the other."""
    kind: str
    """``exact`` (same normalised question), ``near`` (the questions match) or ``answer``
    (the questions are close and the answers confirm it)."""
    score: float
    """Question similarity, 0..1."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """Questions that ask the same thing."""

    keys: tuple[str, ...]
    """Member keys, sorted."""
    links: tuple[Link, ...]
    """The links that joined them (a spanning set, not every pair), sorted."""

    @property
    def kind(self) -> str:
        """``exact`` when every member has the same normalised question, else ``near``."""
        return "exact" if all(link.kind == "exact" for link in self.links) else "near"


@dataclass(frozen=True)
class ClusterOptions:
    """How candidates are found."""

    brute_force_limit: int = 200
    """Up to this many distinct questions every pair is verified; above it, MinHash LSH
    blocks candidates first."""
    use_answers: bool = True
    """Let answer similarity confirm doubtful pairs."""
    jobs: int = 1
    """Processes verifying candidates (forked, only when there are many candidates)."""
    verify: VerifyOptions = field(default_factory=VerifyOptions)
    """Verifier thresholds."""


@dataclass
class ClusterResult:
    """Clusters plus the ``related`` pairs (one question asks part of the other)."""

    clusters: list[Cluster]
    related: list[Link]
    candidates: int = 0
    """How many candidate pairs there were (for benchmarks)."""
    verified: int = 0
    """How many of them the exact verifier saw (the others could only be ``none``)."""
    verifier: Verifier | None = None
    """The verifier used (its weights), so a benchmark can check against brute force."""


def find_clusters(
    prints: Sequence[QuestionPrint],
    options: ClusterOptions = ClusterOptions(),
    lsh: LSHOptions | None = None,
    timings: dict[str, float] | None = None,
) -> ClusterResult:
    """Cluster fingerprints; ``lsh`` is an :class:`~curate.dedup.lsh.LSHOptions` or None;
    ``timings`` (if given) receives the seconds spent in each stage."""
    clock = _Clock(timings)
    # 1. exact groups
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(prints):
        groups.setdefault(p.norm, []).append(i)
    reps = [members[0] for members in groups.values()]
    uf = UnionFind(len(prints))
    links: list[Link] = []
    for members in groups.values():
        first = members[0]
        for other in members[1:]:
            uf.union(first, other)
            links.append(_link(prints[first], prints[other], "exact", 1.0))
    clock.lap("exact groups")
    # 2. candidates among representatives
    rep_prints = [prints[i] for i in reps]
    if not options.use_answers:
        rep_prints = [_drop_answer(p) for p in rep_prints]
    verifier = Verifier(rep_prints, options.verify)
    pairs: Sequence[tuple[int, int]] | np.ndarray  # or an (m, 2) array
    prefilter: Prefilter | None = None
    if len(rep_prints) <= options.brute_force_limit:
        pairs = list(combinations(range(len(rep_prints)), 2))
        n_candidates = len(pairs)
    else:
        # lazy: numpy only for large corpora
        from curate.dedup.lsh import LSHOptions, PrintTable, ScoreBound, candidate_pairs, signatures

        lsh_options = lsh or LSHOptions()
        table = PrintTable.of(rep_prints)
        sigs = signatures(rep_prints, lsh_options, table)
        clock.lap("minhash")
        cand = candidate_pairs(sigs, lsh_options)
        del sigs
        clock.lap("lsh buckets")
        n_candidates = len(cand)
        pairs = cand
        prefilter = ScoreBound(verifier, table).classify
        del table
    # 3. verification (in forked workers when there is a lot of it), of the candidates
    # that the vectorised score bound cannot rule out
    related: list[Link] = []
    verified, n_verified = _verify_all(rep_prints, verifier, pairs, options.jobs, prefilter)
    for i, j, kind, score in verified:
        pa, pb = rep_prints[i], rep_prints[j]
        if kind == "related":
            related.append(_link(pa, pb, "related", score))
            continue
        uf.union(reps[i], reps[j])
        links.append(_link(pa, pb, kind, score))
    clock.lap("verification")
    # 4. clusters
    root_links: dict[int, list[Link]] = {}
    index = {p.key: i for i, p in enumerate(prints)}
    for link in links:
        root_links.setdefault(uf.find(index[link.a]), []).append(link)
    clusters = []
    for group in uf.groups():
        keys = tuple(sorted(prints[i].key for i in group))
        clusters.append(Cluster(keys, tuple(sorted(root_links.get(uf.find(group[0]), ()), key=_link_key))))
    clusters.sort(key=lambda c: c.keys)
    clock.lap("union-find")
    return ClusterResult(clusters, sorted(related, key=_link_key), n_candidates, n_verified, verifier)


def groups_around(prints: Sequence[QuestionPrint], start: Iterable[int], keep: Callable[[Link], bool],
                  options: ClusterOptions = ClusterOptions(), lsh: LSHOptions | None = None
                  ) -> list[tuple[list[int], list[Link]]]:
    """The groups that :func:`find_clusters`'s links, less those ``keep`` rejects, join
    around the prints ``start``: ``(member indices, sorted; the kept links among them)``
    of each group of two or more that holds one of them, sorted by first member.

    The same links as :func:`find_clusters` (the exact groups' links, the candidates from
    the same representatives, weights and LSH buckets, each pair's own verdict), but only
    the candidates of the members reached are verified: a group is walked from its
    start, link by link, instead of verifying the corpus's every candidate (the
    pre-commit hook reports one file of thousands)."""
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(prints):
        groups.setdefault(p.norm, []).append(i)
    exact = list(groups.values())
    group_of = [0] * len(prints)
    for g, members in enumerate(exact):
        for i in members:
            group_of[i] = g
    reps = [members[0] for members in exact]
    rep_prints = [prints[i] for i in reps]
    if not options.use_answers:
        rep_prints = [_drop_answer(p) for p in rep_prints]
    verifier = Verifier(rep_prints, options.verify)
    prefilter: Prefilter | None = None
    partners: Callable[[int], list[int]]
    as_rows: Callable[[list[tuple[int, int]]], Any] = list
    if len(rep_prints) <= options.brute_force_limit:
        everyone = range(len(rep_prints))

        def partners(g: int) -> list[int]:
            return [h for h in everyone if h != g]
    else:
        # lazy, as in find_clusters: numpy only for large corpora
        import numpy as np

        # the LSH stage (numpy), as in find_clusters
        from curate.dedup.lsh import LSHOptions, PrintTable, ScoreBound, candidate_pairs, signatures

        lsh_options = lsh or LSHOptions()
        table = PrintTable.of(rep_prints)
        cand = candidate_pairs(signatures(rep_prints, lsh_options, table), lsh_options)
        prefilter = ScoreBound(verifier, table).classify
        ends = np.concatenate([cand[:, 0], cand[:, 1]])
        others = np.concatenate([cand[:, 1], cand[:, 0]])
        order = np.argsort(ends, kind="stable")
        ends, others = ends[order], others[order]
        bounds = np.searchsorted(ends, np.arange(len(rep_prints) + 1)).tolist()

        def partners(g: int) -> list[int]:
            return others[bounds[g] : bounds[g + 1]].tolist()  # type: ignore[no-any-return]

        def as_rows(rows: list[tuple[int, int]]) -> Any:
            return np.asarray(rows, dtype=np.int64).reshape(-1, 2)  # what the prefilter takes

    def verified(g: int) -> list[tuple[int, Link]]:
        """``(other representative's print, link)`` of each verified candidate of
        representative ``g``."""
        rows = sorted((min(g, h), max(g, h)) for h in partners(g))
        if not rows:
            return []
        found, _seen = _verify_rows(rep_prints, verifier, as_rows(rows), prefilter)
        return [(reps[j if i == g else i], _link(rep_prints[i], rep_prints[j], kind, score))
                for i, j, kind, score in found if kind != "related"]

    def edges(x: int) -> list[tuple[int, Link]]:
        members = exact[group_of[x]]
        first = members[0]
        if x != first:
            return [(first, _link(prints[first], prints[x], "exact", 1.0))]
        return [(o, _link(prints[first], prints[o], "exact", 1.0)) for o in members[1:]] + verified(group_of[x])

    seen: set[int] = set()
    out: list[tuple[list[int], list[Link]]] = []
    for x in start:
        if x in seen:
            continue
        seen.add(x)
        component = [x]
        links: dict[tuple[str, str], Link] = {}
        for y in component:
            for z, link in edges(y):
                if not keep(link):
                    continue
                links[(link.a, link.b)] = link
                if z not in seen:
                    seen.add(z)
                    component.append(z)
        if len(component) > 1:
            out.append((sorted(component), sorted(links.values(), key=_link_key)))
    out.sort(key=lambda group: group[0][0])
    return out


_SHARED: tuple[Any, ...] | None = None
"""(prints, verifier, pairs, prefilter) inherited by forked verification workers."""

PARALLEL_MIN_PAIRS = 200_000
"""Below this many candidate pairs, forking workers costs more than it saves."""

Verified = list[tuple[int, int, str, float]]


def _verify_range(bounds: tuple[int, int]) -> tuple[Verified, int]:
    """The verified pairs among ``pairs[start:end]`` and how many the verifier saw."""
    prints, verifier, pairs, prefilter = _SHARED  # type: ignore[misc]
    start, end = bounds
    return _verify_rows(prints, verifier, pairs[start:end], prefilter)


def _verify_rows(prints: Sequence[QuestionPrint], verifier: Verifier, rows: Any,
                 prefilter: Prefilter | None) -> tuple[Verified, int]:
    """The verified pairs among ``rows`` (pairs ``(i, j)``, ``i < j``; an ``(m, 2)``
    array with a ``prefilter``) and how many the verifier saw. Each pair's verdict is
    its own: any subset of the candidates gets the verdicts the whole set gets."""
    out: Verified = []
    if prefilter is not None:
        verify_rows, related, score = prefilter(rows)
        out += [(i, j, "related", s) for (i, j), s in zip(rows[related].tolist(), score[related].tolist())]
        rows = rows[verify_rows]
    if hasattr(rows, "tolist"):
        rows = rows.tolist()
    verify = verifier.verify
    for i, j in rows:
        verdict = verify(prints[i], prints[j])
        if verdict.kind != "none":
            kind = "answer" if verdict.kind == "near" and verdict.answer_score is not None else verdict.kind
            out.append((i, j, kind, verdict.score))
    return out, len(rows)


def _verify_all(prints: Sequence[QuestionPrint], verifier: Verifier, pairs: Sequence[tuple[int, int]] | np.ndarray, jobs: int,
                prefilter: Prefilter | None = None) -> tuple[Verified, int]:
    """Verified pairs ``(i, j, kind, score)`` in candidate order, whatever ``jobs`` is,
    and how many pairs the verifier saw. ``prefilter`` maps an ``(m, 2)`` array of pairs
    to ``(verify, related, score)``: masks of those the verifier must see and of those
    it would call ``related`` (with their scores), as ``ScoreBound.classify`` does."""
    global _SHARED
    if not hasattr(pairs, "__len__"):
        pairs = list(pairs)
    n = len(pairs)
    _SHARED = (prints, verifier, pairs, prefilter)
    try:
        if jobs > 1 and n >= PARALLEL_MIN_PAIRS and "fork" in multiprocessing.get_all_start_methods():
            step = -(-n // (jobs * 8))
            bounds = [(s, min(s + step, n)) for s in range(0, n, step)]
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                parts = pool.map(_verify_range, bounds, chunksize=1)
            return [row for part, _ in parts for row in part], sum(seen for _, seen in parts)
        return _verify_range((0, n))
    finally:
        _SHARED = None


class _Clock:
    """Stage timings for benchmarks (a no-op without a dict)."""

    def __init__(self, out: dict[str, float] | None) -> None:
        self.out = out
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        if self.out is not None:
            now = time.perf_counter()
            self.out[name] = self.out.get(name, 0.0) + now - self.last
            self.last = now


def cluster_questions(
    items: Sequence[tuple[str, str, str]],
    *,
    options: ClusterOptions = ClusterOptions(),
) -> list[Cluster]:
    """Clusters of questions that ask the same thing.

    ``items`` are ``(key, question, answer_text)``; keys must be unique. Returns clusters
    of two or more members, each with its keys sorted, sorted by first key."""
    return find_clusters(make_prints(items, options.jobs), options).clusters


def make_prints(items: Sequence[tuple[str, str, str]], jobs: int = 1) -> list[QuestionPrint]:
    """Fingerprints of ``(key, question, answer_text)`` items, in order.

    Always in this process, whatever ``jobs`` is: a forked worker would have to send
    every fingerprint back, and unpickling one costs about as much as making it (400k
    questions: 6 s CPU here, 9 s CPU and more wall time with two workers)."""
    return [make_print(k, q, a) for k, q, a in items]


def _link(a: QuestionPrint, b: QuestionPrint, kind: str, score: float) -> Link:
    x, y = sorted((a.key, b.key))
    return Link(x, y, kind, round(score, 4))


def _link_key(link: Link) -> tuple[str, str]:
    return (link.a, link.b)


def _drop_answer(p: QuestionPrint) -> QuestionPrint:
    return QuestionPrint(p.key, p.norm, p.content, p.weak, p.numbers, frozenset(), p.named)
