from __future__ import annotations

import gc
import weakref

import pytest

from curate.infra.executors import Executor, LocalExecutor, _batches, lasting, make_executor


def square(x: int) -> int:
    return x * x


def test_batches_keep_order_and_cover_everything():
    batches = _batches(list(range(10)), [5, 1, 1, 1, 9, 1, 1, 1, 1, 1], 4)
    assert [i for b in batches for i in b] == list(range(10))
    assert all(batches)


def test_local_pool_returns_results_in_input_order():
    items = list(range(200))
    with LocalExecutor(jobs=2) as ex:
        assert ex.map(square, items, weights=[10_000] * 200) == [x * x for x in items]


def test_small_work_stays_in_process():
    ex = LocalExecutor(jobs=2)
    assert ex.map(square, [1, 2, 3]) == [1, 4, 9]
    assert ex._pool is None  # no workers started for tiny inputs


def test_unknown_executor_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor("spark")
    assert isinstance(make_executor("inline"), Executor)


def test_a_pool_reports_progress_as_batches_finish():
    """The progress bar of a parallel run moves (it used to appear only with -j 1)."""
    calls = []
    with LocalExecutor(2) as pool:
        out = pool.map(square, list(range(40)), [100_000] * 40, progress=lambda label, done, total: calls.append(
            (label, done, total)), labels=[f"f{i}" for i in range(40)])
    assert out == [i * i for i in range(40)]
    assert calls and calls[-1][1:] == (40, 40)
    assert [done for _l, done, _t in calls] == sorted(done for _l, done, _t in calls)
    assert all(label.startswith("f") for label, _d, _t in calls)


def test_lasting_leaves_the_collector_on_and_cycles_collectable():
    """Objects made in a ``lasting`` block skip the young generations but are not frozen:
    a cycle made there and dropped is still collected, and the collector is on again."""
    class Node:
        pass

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with lasting():
        assert not gc.isenabled()
        node = Node()
        node.self = node  # type: ignore[attr-defined]
        ref = weakref.ref(node)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    del node
    gc.collect()
    assert ref() is None


def test_lasting_leaves_a_disabled_collector_alone():
    gc.disable()
    try:
        with lasting():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
