"""The incremental path equals the cold path, byte for byte.

A run with a warm cache reuses per-file outlines, findings and corpus-rule summaries and
summarises only what changed; whatever the cache holds, its JSON report must be exactly
that of a ``--no-cache`` run. Seeded random edits (add, change, delete, rename files,
copy a question into another file) are applied to a corpus one step at a time, and after
every step both runs are compared, for the whole corpus and as the pre-commit hook runs
(``--whole-corpus`` with the changed file).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import sys
from pathlib import Path

import pytest
from conftest import CORPORA, SEEDS

from curate.corpus import outline
from curate.reports import get_reporter
from curate.run.execute import lint

AS_OF = dt.date(2026, 11, 1)
BENCH = Path(__file__).resolve().parents[1] / "bench"


def report(folder: Path, *, cache: bool, scope: list[Path] | None = None, ignore: tuple[str, ...]) -> str:
    """The JSON report of a lint of ``folder`` (or, with ``scope``, of those files in the
    whole corpus, as the pre-commit hook runs)."""
    request = {"as_of": AS_OF, "ignore": ignore, "use_cache": cache, "jobs": 1}
    if scope is not None:
        request["report_only"] = tuple(str(p) for p in scope)
    result = lint([folder], **request)
    out = io.StringIO()
    get_reporter("json")(result, out, {})
    return out.getvalue()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if ".curate" not in p.parts)


def random_edit(folder: Path, rng: random.Random, step: int) -> Path:
    """One seeded edit of the corpus; returns a file it touched (or the folder)."""
    files = _files(folder)
    kind = rng.choice(["add", "change", "change", "delete", "rename", "copy-question"])
    if kind == "delete" and len(files) > 3:
        rng.choice(files).unlink()
        return folder
    if kind == "rename":
        src = rng.choice(files)
        dst = src.with_name(f"renamed-{step}-{src.name}")
        src.rename(dst)
        return dst
    if kind == "add":
        src = rng.choice(files)
        dst = folder / f"added-{step}.md"
        lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
        cut = rng.randrange(len(lines) + 1)
        dst.write_text("".join(lines[cut:] + lines[:cut]), encoding="utf-8")
        return dst
    target = rng.choice(files)
    text = target.read_text(encoding="utf-8")
    if kind == "copy-question":  # a duplicate across files: the corpus rules must see it
        donor = rng.choice(files).read_text(encoding="utf-8")
        heads = [line for line in donor.splitlines() if line.startswith("#") and "?" in line]
        head = rng.choice(heads) if heads else "## What is a copied question?"
        text += f"\n\n{head}\n\nAn answer written again for step {step}, long enough to compare.\n"
    else:
        lines = text.splitlines(keepends=True)
        if lines and rng.random() < 0.5:
            del lines[rng.randrange(len(lines))]
        lines.insert(rng.randrange(len(lines) + 1), f"\n## What changed in step {step}?\n\nTODO\n")
        text = "".join(lines)
    target.write_text(text, encoding="utf-8")
    return target


def walk(folder: Path, steps: int, seed: int, ignore: tuple[str, ...]) -> None:
    rng = random.Random(seed)
    assert report(folder, cache=True, ignore=ignore) == report(folder, cache=False, ignore=ignore)
    for step in range(steps):
        touched = random_edit(folder, rng, step)
        warm = report(folder, cache=True, ignore=ignore)
        assert warm == report(folder, cache=False, ignore=ignore), f"step {step}: whole corpus differs"
        if touched.is_file():
            hook = report(folder, cache=True, scope=[touched], ignore=ignore)
            assert hook == report(folder, cache=False, scope=[touched], ignore=ignore), f"step {step}: hook differs"


def test_seed_notes_incremental_equals_cold(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    walk(folder, steps=6, seed=11, ignore=("QA501",))


def test_generated_corpus_incremental_equals_cold(tmp_path: Path) -> None:
    if not CORPORA.is_dir():
        pytest.skip("the shared collections are not beside the checkout")
    sys.path.insert(0, str(BENCH))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCH))
    folder = tmp_path / "generated"
    generate(folder, 0.4, 80, seed=3)
    (folder / "curate.toml").write_text("# corpus root\n", encoding="utf-8")
    walk(folder, steps=8, seed=5, ignore=("QA501", "QA502"))


def test_corpus_step_reads_no_document(tmp_path: Path) -> None:
    """With every file's summary cached, the corpus rules run from outlines and summaries
    alone: no parsed document is loaded (a report may load the few it shows)."""
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    lint([folder], as_of=AS_OF, ignore=("QA501", "QA502"), use_cache=True, jobs=1)
    before = outline.LOADED.loads
    result = lint([folder], as_of=AS_OF, ignore=("QA501", "QA502"), use_cache=True, jobs=1)
    assert outline.LOADED.loads == before
    assert any(f.code == "QA201" for f in result.findings)  # the corpus rules did run
    assert all(isinstance(d, outline.DocumentOutline) for d in result.corpus.documents)


def test_rounds_do_not_change_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work sent to the workers in many small rounds (as a large corpus is) gives the
    report of one round, with and without a cache, and progress counts every file once."""
    from curate.run import execute

    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    ignore = ("QA501", "QA502")
    one = report(folder, cache=False, ignore=ignore)
    monkeypatch.setattr(execute, "ROUND_CHARS", 2_000)
    assert len(execute._rounds(list(range(5)), [1_500] * 5)) == 3
    seen: list[tuple[int, int]] = []
    result = lint([folder], as_of=AS_OF, ignore=ignore, use_cache=False, jobs=1,
                  progress=lambda _label, done, total: seen.append((done, total)))
    out = io.StringIO()
    get_reporter("json")(result, out, {})
    assert out.getvalue() == one
    assert [d for d, _ in seen] == list(range(1, len(seen) + 1)) and {t for _, t in seen} == {len(seen)}
    assert report(folder, cache=True, ignore=ignore) == one
