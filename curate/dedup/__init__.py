"""Duplicate and near-duplicate detection over compact fingerprints.

The lint rules (QA201-QA204) and the dataset build share this package:
:func:`cluster_questions` is the entry point; the stages (tokens, verification, MinHash
LSH, union-find) are separate modules so each can be tested and benchmarked alone.
"""

from curate.dedup.cluster import (
    Cluster,
    ClusterOptions,
    ClusterResult,
    Link,
    cluster_questions,
    find_clusters,
    make_prints,
)
from curate.dedup.verify import QuestionPrint, Verdict, Verifier, VerifyOptions, make_print

__all__ = [
    "Cluster",
    "ClusterOptions",
    "ClusterResult",
    "Link",
    "QuestionPrint",
    "Verdict",
    "Verifier",
    "VerifyOptions",
    "cluster_questions",
    "find_clusters",
    "make_print",
    "make_prints",
]
