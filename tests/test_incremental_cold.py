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
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS, generated

from curate.corpus import outline
from curate.reports import get_reporter
from curate.run.execute import lint

AS_OF = dt.date(2026, 11, 1)


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
    walk(generated(tmp_path, 0.4, 80, seed=3), steps=8, seed=5, ignore=("QA501", "QA502"))


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


def _misspelt_pair(tmp_path: Path) -> tuple[Path, str]:
    """A corpus of three notes, two sharing a sentence with one misspelt word: the word
    is one file short of the corpus threshold, so an edit can push it either way."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "curate.toml").write_text("# corpus root\n", encoding="utf-8")
    body = "Each worker will recieve the batch it trains on, then the optimizer steps."
    for name in ("a", "b"):
        (folder / f"{name}.md").write_text(_note(f"Topic {name}", body), encoding="utf-8")
    (folder / "other.md").write_text(_note("Other", "Gradient descent lowers the loss."), encoding="utf-8")
    return folder, body


def _note(title: str, body: str) -> str:
    return f"# {title}\n\n## What is {title.lower()}?\n\n{body}\n"


def test_spelling_corpus_vocabulary_incremental_equals_cold(tmp_path: Path) -> None:
    """QA502's corpus step on a warm run (stored summaries, stored word verdicts, a
    fresh process's empty memo) equals a cold run while a misspelt word crosses the
    corpus threshold (``corpus-min-files`` = 3) both ways and loses its last occurrence."""
    from curate.grammar import wordcheck

    folder, body = _misspelt_pair(tmp_path)
    ignore = ("QA501",)

    def same(step: str, touched: Path | None = None) -> str:
        wordcheck.forget()  # as a new process: verdicts come from the store or the engine
        warm = report(folder, cache=True, ignore=ignore)
        wordcheck.forget()
        assert warm == report(folder, cache=False, ignore=ignore), f"{step}: whole corpus differs"
        if touched is not None and touched.is_file():
            wordcheck.forget()
            hook = report(folder, cache=True, scope=[touched], ignore=ignore)
            assert hook == report(folder, cache=False, scope=[touched], ignore=ignore), f"{step}: hook differs"
        return warm

    assert same("start").count("recieve") >= 2  # two files: not yet the corpus's vocabulary
    third = folder / "c.md"
    third.write_text(_note("Topic c", body), encoding="utf-8")
    assert "recieve" not in same("third file", third)  # three files: the corpus's own word
    third.unlink()
    assert same("third deleted").count("recieve") >= 2  # below the threshold again
    (folder / "b.md").write_text(_note("Topic b", "Each worker gets the batch it trains on."), encoding="utf-8")
    same("word edited out of b", folder / "b.md")
    (folder / "a.md").unlink()
    assert "recieve" not in same("last occurrence deleted")


def test_word_verdicts_outlive_the_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm run's corpus step takes the spelling engine's verdicts from the cache: a
    new process (an empty memo) asks the engine about no word a run has judged."""
    from curate.grammar import backends, wordcheck

    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    cold = report(folder, cache=True, ignore=("QA501",))
    wordcheck.forget()
    asked: list[str] = []
    real = backends.HarperBackend.check

    def counting(self: Any, paragraphs: Any) -> Any:
        asked.extend(paragraphs)
        return real(self, paragraphs)

    monkeypatch.setattr(backends.HarperBackend, "check", counting)
    assert report(folder, cache=True, ignore=("QA501",)) == cold
    assert asked == []


def test_partly_pasted_answers_read_no_document(tmp_path: Path) -> None:
    """QA203's partly pasted answers take their finding's end and snippet from the
    summaries and the cache: a warm run loads no document, and equals a cold run as the
    paste is edited."""
    folder = tmp_path / "notes"
    folder.mkdir()
    shared = [f"- Step {n}: the pipeline {w} every record it is given before the next stage starts."
              for n, w in enumerate(("validates", "normalises", "deduplicates", "indexes"), 1)]
    a = "\n".join(["Alpha answers differ here in their own words entirely.", "", *shared,
                   "", "A closing paragraph only this answer has, long enough to count as its own block."])
    b = "\n".join(["Beta has an opening that no other answer shares at all.", "", *shared,
                   "", "Another closing paragraph, different from the first file's, with its own words."])
    (folder / "a.md").write_text(_note("Pipelines", a), encoding="utf-8")
    (folder / "b.md").write_text(_note("Stages", b), encoding="utf-8")
    (folder / "c.md").write_text(_note("Other", "Nothing shared here."), encoding="utf-8")
    ignore = ("QA501", "QA502")
    first = report(folder, cache=True, ignore=ignore)
    assert "paragraphs or list items of this answer also appear" in first
    assert first == report(folder, cache=False, ignore=ignore)
    before = outline.LOADED.loads
    assert report(folder, cache=True, ignore=ignore) == first
    assert outline.LOADED.loads == before  # end and snippet came from the summaries and the cache
    edited = folder / "b.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("- Step 1:", "- Stage 1:"), encoding="utf-8")
    assert report(folder, cache=True, ignore=ignore) == report(folder, cache=False, ignore=ignore)
    assert report(folder, cache=True, scope=[edited], ignore=ignore) == report(folder, cache=False, scope=[edited],
                                                                                ignore=ignore)


@pytest.fixture
def indexed_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the corpus steps QA502 took from its index (``_check_indexed``)."""
    from curate.rules.language import Spelling

    calls: list[int] = []
    real = Spelling._check_indexed

    def counting(self: Any, *args: Any) -> Any:
        calls.append(1)
        return real(self, *args)

    monkeypatch.setattr(Spelling, "_check_indexed", counting)
    return calls


def test_spelling_index_hook_equals_cold(tmp_path: Path, indexed_runs: list[int]) -> None:
    """The hook alone (no whole-corpus run between) on QA502's index: a word crossing
    ``corpus-min-files`` both ways, a deletion, a rename and an edit are added to and
    subtracted from the index, and each report equals a cold run's."""
    from curate.grammar import wordcheck

    folder, body = _misspelt_pair(tmp_path)
    ignore = ("QA501",)

    def hook(step: str, touched: Path) -> str:
        wordcheck.forget()
        warm = report(folder, cache=True, scope=[touched], ignore=ignore)
        wordcheck.forget()
        assert warm == report(folder, cache=False, scope=[touched], ignore=ignore), f"{step}: hook differs"
        return warm

    assert "recieve" in hook("start", folder / "a.md")  # fills the cache and sums the index
    assert not indexed_runs
    third = folder / "c.md"
    third.write_text(_note("Topic c", body), encoding="utf-8")
    assert "recieve" not in hook("third file", third)  # three files: the corpus's own word
    assert "recieve" not in hook("a, unchanged", folder / "a.md")
    third.unlink()
    assert "recieve" in hook("third deleted", folder / "a.md")  # below the threshold again
    renamed = folder / "renamed-b.md"
    (folder / "b.md").rename(renamed)
    assert "recieve" in hook("b renamed", renamed)
    renamed.write_text(_note("Topic b", "Each worker gets the batch it trains on."), encoding="utf-8")
    assert "recieve" not in hook("word edited out of b", renamed)
    assert "recieve" in hook("a after b's edit", folder / "a.md")
    (folder / "d.md").write_text(_note("Topic d", "The recieve step, written as `recieve()` in code."), encoding="utf-8")
    assert "recieve" not in hook("the word written as code", folder / "a.md")  # markup: accepted
    assert len(indexed_runs) == 7


def test_spelling_index_random_hook_equals_cold(tmp_path: Path, indexed_runs: list[int],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Seeded random adds, changes, deletes and renames, each followed by the hook only
    (QA502 on its index), equal cold runs; many changes at once sum the index again."""
    from curate.run import execute

    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    rng = random.Random(23)
    ignore = ("QA501",)
    first = _files(folder)[0]
    assert report(folder, cache=True, scope=[first], ignore=ignore) == report(folder, cache=False, scope=[first], ignore=ignore)
    for step in range(8):
        touched = random_edit(folder, rng, step)
        if touched.is_file():
            warm = report(folder, cache=True, scope=[touched], ignore=ignore)
            assert warm == report(folder, cache=False, scope=[touched], ignore=ignore), f"step {step}: hook differs"
    assert indexed_runs
    used = len(indexed_runs)
    monkeypatch.setattr(execute, "INDEX_CHANGES", 3)
    for step in range(3):  # more changes than the index takes one by one: summed again
        for n in range(4):
            (folder / f"bulk-{step}-{n}.md").write_text(_note(f"Bulk {n}", f"Word number {step} recieved."), encoding="utf-8")
        touched = _files(folder)[step]
        warm = report(folder, cache=True, scope=[touched], ignore=ignore)
        assert warm == report(folder, cache=False, scope=[touched], ignore=ignore), f"bulk {step}: hook differs"
    assert len(indexed_runs) == used  # each bulk step is too big for the index
    touched = random_edit(folder, rng, 99)
    touched = touched if touched.is_file() else first
    warm = report(folder, cache=True, scope=[touched], ignore=ignore)
    assert warm == report(folder, cache=False, scope=[touched], ignore=ignore), "after the bulk steps: hook differs"
    assert len(indexed_runs) == used + 1  # the summed index is taken up again


def test_spelling_index_survives_damaged_summaries(tmp_path: Path, indexed_runs: list[int]) -> None:
    """A damaged stored QA502 summary is never trusted: the hook then does
    the whole corpus step, and its report still equals a cold run's."""
    from curate.cache import corpusindex
    from curate.cache.store import Cache

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "curate.toml").write_text("# corpus root\n", encoding="utf-8")
    for name in ("a", "b", "c"):
        (folder / f"{name}.md").write_text(_note(f"Topic {name}", f"The {name} worker will recieve a batch."),
                                           encoding="utf-8")
    ignore = ("QA501",)
    target = folder / "a.md"
    assert report(folder, cache=True, scope=[target], ignore=ignore) == report(folder, cache=False, scope=[target], ignore=ignore)
    with Cache.for_root(folder) as cache:
        keys = cache.keys(corpusindex.SUMMARIES)
        assert keys
        cache.put_many(corpusindex.SUMMARIES, [(k, ["not", "a", "summary"]) for k in keys])
    target.write_text(_note("Topic a", "The a worker will recieve two batches."), encoding="utf-8")
    assert report(folder, cache=True, scope=[target], ignore=ignore) == report(folder, cache=False, scope=[target], ignore=ignore)
    assert not indexed_runs


def test_duplicate_rules_build_only_shown_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The duplicate rules build the findings of a group only when a member is in a
    reported file (``RuleContext.reported``); the hook's report is the one of building
    every group and letting the scope drop the rest."""
    from curate.rules import duplicates

    folder = generated(tmp_path, 0.3, 60, seed=7)
    ignore = ("QA501", "QA502")
    files = _files(folder)
    scopes = [[f] for f in random.Random(1).sample(files, 6)] + [files[:3]]
    narrowed = [report(folder, cache=False, scope=s, ignore=ignore) for s in scopes]
    assert any('"QA20' in r for r in narrowed)  # the duplicate rules do report here
    monkeypatch.setattr(duplicates, "_shown", lambda _ctx, _paths: True)
    for scope, got in zip(scopes, narrowed):
        assert got == report(folder, cache=False, scope=scope, ignore=ignore), scope


def test_pool_workers_hand_their_word_verdicts_to_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold run's workers have no cache: the spelling verdicts they judged come back
    with their results and are stored, so the pre-commit hook's edited file finds the
    corpus's words judged (and never builds Harper's dictionary for them)."""
    from curate.cache.store import Cache
    from curate.grammar import wordcheck
    from curate.infra import executors

    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    monkeypatch.setattr(executors, "SMALL_WORK", 0)  # a real pool, even for a few files
    wordcheck.forget()
    cold = report(folder, cache=False, ignore=("QA501",))
    lint([folder], as_of=AS_OF, ignore=("QA501",), use_cache=True, jobs=2)
    found = sorted(folder.rglob("cache.sqlite"))
    assert found
    with Cache(found[0]) as cache:
        words = {key.rsplit("\x1f", 1)[-1] for key in cache.keys(wordcheck.VERDICTS)}
    # everyday words, judged in a worker only (the corpus step stores a few candidates)
    assert {"the", "model"} <= words and len(words) > 500
    wordcheck.forget()
    assert report(folder, cache=True, ignore=("QA501",)) == cold
