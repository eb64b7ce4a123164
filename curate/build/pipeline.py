"""``curate build``: notes → clean, merged, deduplicated Q&A dataset.

The stages, each its own module with one job, run in this order and pass plain values:

    load + lint ─▶ repair (items.py) ─▶ drop (drop.py) ─▶ cluster (cluster.py)
                ─▶ merge (merge.py) ─▶ write (writers.py) ─▶ publish (outdir.py)
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from curate.build import writers
from curate.build.cluster import cluster_stage
from curate.build.drop import drop_stage
from curate.build.items import make_items
from curate.build.merge import STRATEGIES, merge_stage
from curate.build.outdir import OutputError, check_output, publish
from curate.corpus.markdown import parse_document
from curate.run.execute import run
from curate.run.plan import RunPlan, RunRequest, plan

Progress = Callable[[str, int, int], None]
"""Called as ``(stage, done, total)``: per file while linting, once for each other stage
(``curate.build.progress.BuildProgress`` draws it as a bar)."""

STAGES = ("lint", "repair", "drop", "cluster", "merge", "write")


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, for the command's summary line and for tests."""

    out: Path
    records: int
    dropped: int
    clusters_merged: int
    files: tuple[str, ...]
    stats: Mapping[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    flags: Mapping[str, int] = field(default_factory=dict)
    """Findings left on the dataset's records, by severity (``error``, ``warning``, ``info``)."""

    def flags_at_or_above(self, severity: str) -> int:
        """How many findings at or above ``severity`` remain in what was built
        (``curate build --fail-on``)."""
        order = ("info", "warning", "error")
        threshold = order.index(severity)
        return sum(n for name, n in self.flags.items() if name in order and order.index(name) >= threshold)


def build(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    merge: str = "best",
    force: bool = False,
    license_id: str = "unknown",
    title: str | None = None,
    fallbacks: bool = True,
    progress: Progress | None = None,
    kind: str = "question",
    **request: Any,
) -> BuildResult:
    """Build the dataset from the notes under ``paths`` into the folder ``out``;
    ``request`` takes the fields of ``curate.run.plan.RunRequest`` (``as_of``, ``ignore``,
    ``jobs``, ``use_cache`` ...). See :func:`build_dataset`."""
    for name in ("select", "ignore"):
        if name in request:
            request[name] = tuple(request[name])
    the_plan = plan(RunRequest(paths=tuple(os.fspath(p) for p in paths), **request))
    return build_dataset(the_plan, out, merge=merge, force=force, license_id=license_id, title=title,
                         fallbacks=fallbacks, progress=progress, kind=kind)


def build_dataset(
    run_plan: RunPlan,
    out: str | os.PathLike[str],
    *,
    merge: str = "best",
    force: bool = False,
    license_id: str = "unknown",
    title: str | None = None,
    fallbacks: bool = True,
    progress: Progress | None = None,
    kind: str = "question",
) -> BuildResult:
    """Build the dataset from the plan's notes into the folder ``out``.

    Raises ``OutputError`` (before any work) when ``out`` may not be written, and
    ``ValueError`` for an unknown merge strategy."""
    if merge not in STRATEGIES:
        raise ValueError(f"unknown merge strategy {merge!r} (use {' or '.join(STRATEGIES)})")
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r} (use {', '.join(KINDS)})")
    out_path = Path(out)
    check_output(out_path, run_plan.request.paths, force)
    as_of = run_plan.as_of
    report = progress or (lambda _stage, _done, _total: None)

    def step(stage: str) -> None:
        report(stage, 1, 1)

    report("lint", 0, 0)
    # Every path in the dataset is relative to the notes root, findings' messages too
    # ("the same as the answer of b.md:3" ends up in flags[].message).
    run_plan = dataclasses.replace(run_plan, request=dataclasses.replace(run_plan.request, paths_from_root=True))
    lint = run(run_plan, progress=lambda _path, done, total: report("lint", done, total))
    corpus = lint.corpus

    step("repair")
    with run_plan.executor() as executor:  # the lint's pool is closed: repairs get one of their own
        items, _reports = make_items(corpus, lint, parse_document, fallbacks=fallbacks, executor=executor)

    step("drop")
    kept, dropped = drop_stage(items)
    wanted = KINDS[kind]
    left_out = Counter(i.record.kind for i in kept if i.record.kind not in wanted)
    kept = [i for i in kept if i.record.kind in wanted]

    step("cluster")
    clusters = cluster_stage(kept, lint.findings, lint.active)

    step("merge")
    merged = merge_stage(clusters, merge)

    step("write")
    records = [m.record for m in merged]
    provenance = [m.provenance for m in merged]
    removed = [d.to_dict() for d in dropped]
    repairs = Counter(e.code for item in items for e in item.repairs)
    stats: dict[str, Any] = {
        "files": len(corpus.documents),
        "unreadable": len(corpus.problems),
        "parsed": len(items),
        "questions": sum(1 for i in items if i.record.is_question),
        "topics": sum(1 for i in items if not i.record.is_question),
        "repaired_records": sum(1 for i in items if i.repairs),
        "repairs": dict(repairs),
        "dropped": dict(Counter(d.reason for d in dropped)),
        "clusters": sum(1 for m in merged if m.size > 1),
        "clustered_records": sum(m.size for m in merged if m.size > 1),
        "kind": kind,
        "left_out": dict(left_out),
    }
    title = title or f"Q&A dataset: {corpus.root.name or 'notes'}"
    files: dict[str, bytes] = {
        "data/train.jsonl": writers.jsonl(records),
        "provenance.jsonl": writers.jsonl(provenance),
        "removed.jsonl": writers.jsonl(removed),
        "merged.md": writers.merged_markdown(records, title),
    }
    has_parquet = writers.parquet_available()
    if has_parquet:
        files["data/train.parquet"] = writers.parquet(records)
    files["README.md"] = writers.dataset_card(
        title=title,
        records=records,
        provenance=provenance,
        removed=removed,
        stats=stats,
        license_id=license_id,
        as_of=as_of.isoformat(),
        strategy=merge,
        has_parquet=has_parquet,
    )
    publish(out_path, files, force=force)
    problems = tuple(lint.problems) + tuple(p.message for p in corpus.problems)
    return BuildResult(
        out=out_path,
        records=len(records),
        dropped=len(dropped),
        clusters_merged=stats["clusters"],
        files=tuple(sorted(files)),
        stats=stats,
        problems=problems,
        flags=dict(sorted(Counter(f["severity"] for r in records for f in r["flags"]).items())),
    )


KINDS: dict[str, frozenset[str]] = {
    "question": frozenset({"question"}),
    "topic": frozenset({"topic"}),
    "all": frozenset({"question", "topic"}),
}
"""Record kinds a dataset keeps: questions by default (a Q&A dataset); topic notes
("License", "Contributors", concept sections) only on request."""

__all__ = ["BuildResult", "KINDS", "OutputError", "STAGES", "build", "build_dataset"]
