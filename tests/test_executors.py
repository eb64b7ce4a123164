from __future__ import annotations

import pytest

from curate.infra.executors import Executor, LocalExecutor, _batches, make_executor


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
