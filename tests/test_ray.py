"""The Ray executor gives exactly what the local executor gives: the same findings from
``lint`` and the same bytes from ``build`` on the seed notes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is optional: pip install 'qa-curate[ray]'")

from conftest import SEEDS  # noqa: E402  (after the optional-dependency skip)

from curate.run.execute import lint  # noqa: E402

AS_OF = dt.date(2026, 11, 1)
IGNORE = ("QA501", "QA502")  # grammar/spelling: slow; the executor is what is tested here


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    return folder


def findings(folder: Path, **settings) -> str:
    result = lint([folder], as_of=AS_OF, ignore=IGNORE, **settings)
    assert not [p for p in result.problems if "failed" in p]
    return json.dumps([f.to_dict() for f in result.findings], sort_keys=True, ensure_ascii=False)


def test_lint_ray_equals_local(local_ray, notes: Path):
    local = findings(notes, executor="local", jobs=2)
    on_ray = findings(notes, executor="ray", jobs=2)
    assert local == on_ray
    assert json.loads(local)


def test_ray_executor_map_keeps_order(local_ray):
    from curate.infra.executors import RayExecutor

    ex = RayExecutor(jobs=2)
    assert ex.map(abs, list(range(-50, 0)), [1] * 50) == list(range(50, 0, -1))
    ex.close()
    assert ray.is_initialized()  # it did not start Ray, so it does not stop it


def test_build_ray_equals_local(local_ray, notes: Path, tmp_path: Path):
    try:
        from curate.build.pipeline import build
    except ImportError:
        pytest.skip("curate.build not available")

    def files(out: Path) -> dict[str, bytes]:
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    build([notes], tmp_path / "local", as_of=AS_OF, ignore=IGNORE, executor="local", jobs=2)
    build([notes], tmp_path / "ray", as_of=AS_OF, ignore=IGNORE, executor="ray", jobs=2)
    local, on_ray = files(tmp_path / "local"), files(tmp_path / "ray")
    assert local and local == on_ray
