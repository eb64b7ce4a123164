"""Where per-file work runs: in this process, a local process pool, or Ray.

All executors offer one operation, ``map(fn, items)``, which returns results in the
order of ``items``; so whichever runs the work, the findings and the built dataset are
the same. ``fn`` must be a top-level function and items picklable. Small inputs stay in
this process: starting workers costs more than it saves below a few hundred kilobytes.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[str, int, int], None]
"""``progress(label, done, total)``: called in this process as results arrive."""


def _serial(fn: Callable[[T], R], items: Sequence[T], progress: Progress | None,
            labels: Sequence[str] | None) -> list[R]:
    out = []
    for done, item in enumerate(items, 1):
        out.append(fn(item))
        if progress is not None:
            progress(labels[done - 1] if labels else "", done, len(items))
    return out


def _report(progress: Progress | None, labels: Sequence[str] | None, batch: list[int], done: int, total: int) -> None:
    if progress is not None and batch:
        progress(labels[batch[-1]] if labels else "", done, total)

# Below this much work (sum of item weights, e.g. bytes of Markdown) one process is faster.
SMALL_WORK = 512 * 1024


class Executor:
    """Runs ``fn`` over items and returns results in input order."""

    name = "inline"

    def runs_here(self, weights: Sequence[int]) -> bool:
        """True when ``map`` over items of these weights would run in this process (so
        items may carry what cannot leave it, such as an open cache)."""
        return True

    def map(self, fn: Callable[[T], R], items: Sequence[T], weights: Sequence[int] | None = None,
            progress: Progress | None = None, labels: Sequence[str] | None = None) -> list[R]:
        return _serial(fn, items, progress, labels)

    def close(self) -> None:
        pass

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _batches(items: Sequence[T], weights: Sequence[int] | None, target_batches: int) -> list[list[int]]:
    """Index batches of roughly equal weight, in order (keeps results ordered and cheap to ship)."""
    n = len(items)
    if n == 0:
        return []
    weights = list(weights) if weights is not None else [1] * n
    total = sum(weights) or n
    per_batch = max(1, total // max(1, target_batches))
    batches: list[list[int]] = [[]]
    acc = 0
    for i, w in enumerate(weights):
        if acc >= per_batch and batches[-1]:
            batches.append([])
            acc = 0
        batches[-1].append(i)
        acc += w
    return batches


def tune_gc() -> None:
    """Collect the youngest generation less often. A run allocates millions of objects
    that live to its end (records, tokens, findings); with Python's default threshold
    (700) the collector walks them again and again: a fifth of the main process's CPU on
    a 20 MB corpus."""
    gc.set_threshold(50_000, 50, 100)


@contextlib.contextmanager
def lasting() -> Iterator[None]:
    """A block whose objects live to the end of the run (a corpus's outlines and
    summaries, decoded from the cache): the collector's young-generation passes would
    walk each of them again for nothing (a tenth of the pre-commit hook's CPU at 10,000
    files), so they go straight to the oldest generation, where a full collection still
    sees them. Findings do not depend on it; it only moves work out of the collector.
    Left alone when the collector is off or something else froze objects."""
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # every tracked object to the permanent generation ...
        gc.unfreeze()  # ... and from there to the oldest one
        gc.enable()


def _ignore_interrupts() -> None:
    """Pool workers leave Ctrl-C to the parent, which cancels the work and reports it once
    (else every worker prints its own KeyboardInterrupt traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tune_gc()


def _run_batch(payload: tuple[Callable[[Any], Any], list[Any]]) -> list[Any]:
    fn, chunk = payload
    return [fn(item) for item in chunk]


class LocalExecutor(Executor):
    """A process pool of ``jobs`` workers (the default)."""

    name = "local"

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()
        self._pool: ProcessPoolExecutor | None = None

    def runs_here(self, weights: Sequence[int]) -> bool:
        return self.jobs <= 1 or len(weights) < 2 or sum(weights) < SMALL_WORK

    def map(self, fn: Callable[[T], R], items: Sequence[T], weights: Sequence[int] | None = None,
            progress: Progress | None = None, labels: Sequence[str] | None = None) -> list[R]:
        items = list(items)
        if self.runs_here(list(weights) if weights is not None else [4096] * len(items)):
            return _serial(fn, items, progress, labels)
        if self._pool is None:
            context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context,
                                             initializer=_ignore_interrupts)
        batches = _batches(items, weights, self.jobs * 4)
        results: list[Any] = [None] * len(items)
        payloads = [(fn, [items[i] for i in batch]) for batch in batches]
        done = 0
        # submit, not Executor.map: map's iterator cancels the pending futures when Ctrl-C
        # interrupts it, and the pool's manager thread then crashes on them (Python 3.11)
        futures = [self._pool.submit(_run_batch, payload) for payload in payloads]
        try:
            for batch, future in zip(batches, futures):
                out = future.result()
                for i, value in zip(batch, out):
                    results[i] = value
                done += len(batch)
                _report(progress, labels, batch, done, len(items))
        except KeyboardInterrupt:
            self._terminate()  # else shutdown waits for every running batch to finish
            raise
        return results

    def _terminate(self) -> None:
        """Stop the workers now, dropping their work (after Ctrl-C)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        # the queue's feeder thread may be blocked writing work to the workers just
        # stopped; joining it at exit would hang the interrupted command forever
        queue = getattr(pool, "_call_queue", None)
        if queue is not None:
            queue.cancel_join_thread()
        # not cancel_futures: the pool's manager thread marks every pending future broken
        # itself, and (Python 3.11) crashes with a traceback on one already cancelled
        pool.shutdown(wait=False)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class RayExecutor(Executor):
    """Ray core tasks, one per batch; joins ``address`` or starts a local Ray."""

    name = "ray"

    def __init__(self, address: str | None = None, jobs: int | None = None):
        try:
            import ray  # optional dependency (the ray extra)
        except ImportError:
            raise RuntimeError("the ray executor needs Ray: pip install 'qa-curate[ray]'") from None
        self._ray: Any = ray  # Ray's API is only partly typed: used as an untyped module here
        self._started_here = False
        if not self._ray.is_initialized():
            kwargs: dict[str, Any] = {"ignore_reinit_error": True, "include_dashboard": False, "log_to_driver": False}
            if address:
                kwargs["address"] = address
            elif jobs:
                kwargs["num_cpus"] = jobs
            self._ray.init(**kwargs)
            self._started_here = True
        self.jobs = int(self._ray.available_resources().get("CPU", jobs or 1)) or 1
        self._task = self._ray.remote(_run_ray_batch)

    def runs_here(self, weights: Sequence[int]) -> bool:
        return not weights

    def map(self, fn: Callable[[T], R], items: Sequence[T], weights: Sequence[int] | None = None,
            progress: Progress | None = None, labels: Sequence[str] | None = None) -> list[R]:
        items = list(items)
        if not items:
            return []
        batches = _batches(items, weights, self.jobs * 4)
        fn_ref = self._ray.put(fn)  # shipped once, resolved by Ray as a top-level argument
        refs = [self._task.remote(fn_ref, [items[i] for i in batch]) for batch in batches]
        results: list[Any] = [None] * len(items)
        done = 0
        for batch, ref in zip(batches, refs):
            for i, value in zip(batch, self._ray.get(ref)):
                results[i] = value
            done += len(batch)
            _report(progress, labels, batch, done, len(items))
        return results

    def close(self) -> None:
        if self._started_here:
            self._ray.shutdown()
            self._started_here = False


def _run_ray_batch(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(item) for item in chunk]


def make_executor(kind: str = "local", jobs: int | None = None, ray_address: str | None = None) -> Executor:
    """The executor for ``--executor`` / ``--jobs`` / ``--ray-address``."""
    if kind == "local":
        return LocalExecutor(jobs)
    if kind == "inline":
        return Executor()
    if kind == "ray":
        return RayExecutor(ray_address, jobs)
    raise ValueError(f"unknown executor {kind!r} (use local or ray)")
