"""QA202's semantic stage under the Ray executor: the same paraphrase findings and the
same built dataset as the local process pool. Vectors are computed per file in the
workers (``prepare_document``) and the neighbour search runs once over all of them, so
where a file was embedded must not change a cluster."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is optional: pip install 'qa-curate[ray]'")

from conftest import SEEDS  # noqa: E402  (after the optional-dependency skip)

from curate.dedup.embed import load_encoder  # noqa: E402
from curate.run.execute import lint  # noqa: E402

AS_OF = dt.date(2026, 11, 1)
IGNORE = ("QA501", "QA502")
ANSWER = "Use `git reset --soft HEAD~1` to keep the changes staged, or `git revert HEAD` once the commit is pushed."
PARAPHRASES = {
    "git-a.md": f"# Git\n\n## How do I undo the last commit in git?\n\n{ANSWER}\n\n## What is a git branch?\n\nA movable pointer to a commit.\n",
    "git-b.md": f"# Git notes\n\n## What is the way to revert my most recent git commit?\n\n{ANSWER}\n\n## What does git stash do?\n\nIt shelves uncommitted changes.\n",
    "ml-a.md": "# ML\n\n## What is the vanishing gradient problem?\n\nGradients shrink as they flow back through many layers, so early layers learn slowly.\n",
    "ml-b.md": "# ML again\n\n## What is the problem of vanishing gradients?\n\nGradients shrink as they flow back through many layers, so early layers learn slowly.\n",
}
CONFIG = "[rules.QA202]\nmodel = \"static\"\nsemantic_floor = 0.75\nsemantic_doubt = 0.75\n"


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    if load_encoder("static") is None:
        pytest.skip("wordllama (the static tier) not installed")
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    for name, text in PARAPHRASES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "curate.toml").write_text(CONFIG, encoding="utf-8")
    return folder


def findings(folder: Path, **settings) -> str:
    result = lint([folder], as_of=AS_OF, ignore=IGNORE, use_cache=False, **settings)
    assert not [p for p in result.problems if "failed" in p]
    return json.dumps([f.to_dict() for f in result.findings if f.code == "QA202"], sort_keys=True, ensure_ascii=False)


def test_semantic_findings_ray_equal_local(local_ray, notes: Path):
    local = findings(notes, executor="local", jobs=2)
    on_ray = findings(notes, executor="ray", jobs=2)
    assert local == on_ray
    assert "paraphrase, cosine" in local  # the stage ran and found something
    one = findings(notes, jobs=1)
    assert one == local  # and one process agrees with both


def test_semantic_build_ray_equals_local(local_ray, notes: Path, tmp_path: Path):
    from curate.build.pipeline import build

    def files(out: Path) -> dict[str, bytes]:
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    build([notes], tmp_path / "local", as_of=AS_OF, ignore=IGNORE, executor="local", jobs=2, use_cache=False)
    build([notes], tmp_path / "ray", as_of=AS_OF, ignore=IGNORE, executor="ray", jobs=2, use_cache=False)
    local, on_ray = files(tmp_path / "local"), files(tmp_path / "ray")
    assert local and local == on_ray
    train = local["data/train.jsonl"]  # the paraphrase pair became one record
    assert b"undo the last commit in git?" in train and b"revert my most recent" not in train
