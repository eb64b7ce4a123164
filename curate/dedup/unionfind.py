"""Union-find (disjoint sets) over integer ids: clusters from pairwise links."""

from __future__ import annotations

from typing import Iterable


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving and union by size."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; False when they were already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True

    def union_all(self, pairs: Iterable[tuple[int, int]]) -> None:
        for a, b in pairs:
            self.union(a, b)

    def groups(self, min_size: int = 2) -> list[list[int]]:
        """Sets with at least ``min_size`` members, each sorted, sorted by first member."""
        by_root: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            by_root.setdefault(self.find(x), []).append(x)
        return sorted((g for g in by_root.values() if len(g) >= min_size), key=lambda g: g[0])
