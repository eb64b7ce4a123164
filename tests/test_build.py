"""End-to-end: `curate build` on the seed notes and on a real corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, SEEDS, SHARED

from curate.build import OutputError, build
from curate.cli.main import main
from curate.corpus.text import normalize_question

FAST = ("QA501", "QA502")
"""Grammar and spelling are most of a lint's time and change nothing a test here checks
but flags; the seed fixture and the determinism test run every rule."""

# From the seed acceptance list: duplicate questions across files that must end up in one
# record. (file prefix, line) pairs; a source matches when its span covers the line.
SEED_CLUSTERS = {
    "What is Generative AI?": [("000", 3), ("001", 1), ("003", 13), ("004", 2)],
    "challenges in training GANs": [("000", 37), ("001", 28)],
    "latent space": [("000", 25), ("001", 26)],
    "preventing overfitting": [("001", 47), ("001", 54)],
    "generative vs traditional AI": [("001", 79), ("002", 4)],
    "applications of Generative AI": [("001", 5), ("002", 56)],
}


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "dataset"
    build([SEEDS], out, as_of=AS_OF)
    return out


def _covers(source: dict, prefix: str, line: int) -> bool:
    return source["path"].startswith(prefix) and source["line_start"] - 1 <= line <= source["line_end"]


def test_build_writes_every_file(seed_build: Path) -> None:
    names = set(_tree(seed_build))
    assert {"README.md", "merged.md", "provenance.jsonl", "removed.jsonl", "data/train.jsonl"} <= names
    assert "data/train.parquet" in names  # pyarrow is installed in the test environment


def test_build_twice_gives_identical_bytes(seed_build: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build([SEEDS], again, as_of=AS_OF)
    assert _tree(again) == _tree(seed_build)


def test_no_empty_answers_and_unique_questions(seed_build: Path) -> None:
    records = _read_jsonl(seed_build / "data" / "train.jsonl")
    assert records
    keys = [normalize_question(r["question"]) for r in records]
    assert len(keys) == len(set(keys))
    for r in records:
        assert r["answer"].strip() and r["answer_text"].strip(), r["question"]
        assert set(r) == {"id", "question", "question_body", "answer", "answer_text", "topic_path", "kind", "sources", "flags"}
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))


def test_empty_stubs_are_removed_with_reason(seed_build: Path) -> None:
    removed = _read_jsonl(seed_build / "removed.jsonl")
    reasons = {r["reason"] for r in removed}
    assert "empty-answer" in reasons
    stubs = [r for r in removed if r["source"]["path"].startswith("002") and r["source"]["line_start"] >= 330]
    assert len(stubs) >= 20  # questions 27 to 50 of 002 have no answer
    for r in removed:
        assert r["source"]["record_id"] == r["id"] and r["message"]


def test_mojibake_repaired_and_repeated_sentence_once(seed_build: Path) -> None:
    text = (seed_build / "data" / "train.jsonl").read_text(encoding="utf-8")
    assert "Hereâ€™s" not in text and "â€" not in text
    assert "Here’s" in text or "Here's" in text
    assert "Hereâ€™s" not in (seed_build / "merged.md").read_text(encoding="utf-8")
    records = _read_jsonl(seed_build / "data" / "train.jsonl")
    vae = [r for r in records if "Variational Autoencoder (VAE)?" in r["question"]]
    assert len(vae) == 1
    assert vae[0]["answer"].count("based on a neural network architecture") == 1


def test_seed_duplicate_clusters_merged_with_full_provenance(seed_build: Path) -> None:
    pytest.importorskip("curate.dedup", reason="duplicate engine not installed")
    provenance = _read_jsonl(seed_build / "provenance.jsonl")
    for name, members in SEED_CLUSTERS.items():
        rows = [p for p in provenance if any(_covers(s, f, ln) for s in p["sources"] for f, ln in members)]
        assert len(rows) == 1, f"{name}: spread over {len(rows)} records"
        for prefix, line in members:
            assert any(_covers(s, prefix, line) for s in rows[0]["sources"]), f"{name}: {prefix}:{line} missing"
        assert rows[0]["cluster"]["size"] == len(rows[0]["sources"]) >= len(members)


def test_related_but_different_questions_not_merged(seed_build: Path) -> None:
    provenance = _read_jsonl(seed_build / "provenance.jsonl")
    # 001:1 "What is Generative AI?" and 002:4 "How is Generative AI different from traditional AI?"
    row = [p for p in provenance if any(_covers(s, "001", 1) for s in p["sources"])]
    assert len(row) == 1
    assert not any(_covers(s, "002", 4) for s in row[0]["sources"])


def test_dataset_card_front_matter(seed_build: Path) -> None:
    card = (seed_build / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    front = card.split("---\n")[1]
    assert "task_categories:\n- question-answering" in front
    assert "size_categories:\n- n<1K" in front
    assert "license: unknown" in front
    assert "path: data/train.jsonl" in front
    assert "Records dropped:" in card and "Duplicate clusters merged:" in card
    yaml = pytest.importorskip("yaml")
    meta = yaml.safe_load(front)
    assert meta["task_categories"] == ["question-answering"]
    assert meta["configs"] == [{"config_name": "default", "data_files": [{"split": "train", "path": "data/train.jsonl"}]}]
    assert meta["license"] == "unknown" and meta["size_categories"] == ["n<1K"]


def test_jsonl_loads_with_datasets(seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    data = datasets.load_dataset(
        "json", data_files=str(seed_build / "data" / "train.jsonl"), split="train", cache_dir=str(tmp_path / "cache")
    )
    records = _read_jsonl(seed_build / "data" / "train.jsonl")
    assert data.num_rows == len(records)
    assert data[0]["question"] == records[0]["question"]
    assert data[0]["sources"][0]["path"] == records[0]["sources"][0]["path"]


def test_parquet_loads_with_pyarrow(seed_build: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(seed_build / "data" / "train.parquet")
    records = _read_jsonl(seed_build / "data" / "train.jsonl")
    assert table.num_rows == len(records)
    assert table.column_names == ["id", "question", "question_body", "answer", "answer_text", "topic_path", "kind", "sources", "flags"]
    assert table.to_pylist()[0]["answer"] == records[0]["answer"]


def test_merged_markdown_is_readable(seed_build: Path) -> None:
    md = (seed_build / "merged.md").read_text(encoding="utf-8")
    records = _read_jsonl(seed_build / "data" / "train.jsonl")
    assert md.count("\n### ") == len(records)
    assert "<sub>Sources:" in md


def test_refuses_non_empty_output_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(SEEDS), "-o", str(out), "--as-of", "2026-01-15", "--ignore", "QA501,QA502"])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    result = runner.invoke(main, ["build", str(SEEDS), "-o", str(out), "--force", "--as-of", "2026-01-15", "--ignore", "QA501,QA502"])
    assert result.exit_code == 0, result.output
    assert not (out / "keep.txt").exists()
    assert (out / "data" / "train.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp folders left


def test_empty_existing_output_is_fine(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    build([SEEDS], out, as_of=AS_OF, ignore=FAST)
    assert (out / "README.md").exists()


def test_refuses_output_that_holds_the_input(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(SEEDS, notes, ignore=shutil.ignore_patterns(".curate"))
    with pytest.raises(OutputError):
        build([notes], tmp_path, force=True, as_of=AS_OF, ignore=FAST)
    with pytest.raises(OutputError):
        build([notes], notes, force=True, as_of=AS_OF, ignore=FAST)
    with pytest.raises(OutputError, match="inside the input"):
        build([notes], notes / "dataset", as_of=AS_OF, ignore=FAST)
    assert len(list(notes.glob("*.md"))) == 5


def test_interrupted_build_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curate.build import writers

    def boom(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers, "dataset_card", boom)
    with pytest.raises(KeyboardInterrupt):
        build([SEEDS], tmp_path / "out", as_of=AS_OF, ignore=FAST)
    assert list(tmp_path.iterdir()) == []


def test_interrupted_forced_build_keeps_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curate.build import outdir

    out = tmp_path / "out"
    build([SEEDS], out, as_of=AS_OF, ignore=FAST)
    before = _tree(out)
    real_replace = outdir.os.replace
    calls = []

    def flaky(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # moving the new build into place
            raise OSError("disk went away")
        return real_replace(src, dst)

    monkeypatch.setattr(outdir.os, "replace", flaky)
    with pytest.raises(OSError):
        build([SEEDS], out, force=True, as_of=AS_OF, ignore=FAST)
    monkeypatch.undo()
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_merge_union_keeps_every_unique_item(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(
        "# What is dropout?\n\nDropout zeroes random units during training. It reduces overfitting.\n\n"
        "- cheap\n- easy to add\n",
        encoding="utf-8",
    )
    (notes / "b.md").write_text(
        "# What is dropout?\n\nDropout zeroes random units during training. It works like an ensemble.\n\n"
        "- cheap\n- needs a rate\n",
        encoding="utf-8",
    )
    best, union = tmp_path / "best", tmp_path / "union"
    build([notes], best, as_of=AS_OF, ignore=FAST)
    build([notes], union, as_of=AS_OF, ignore=FAST, merge="union")
    [b] = _read_jsonl(best / "data" / "train.jsonl")
    [u] = _read_jsonl(union / "data" / "train.jsonl")
    assert len(b["sources"]) == len(u["sources"]) == 2
    assert "ensemble" not in b["answer"] or "reduces overfitting" not in b["answer"]
    for phrase in ("reduces overfitting", "ensemble", "easy to add", "needs a rate"):
        assert phrase in u["answer"], phrase
    assert u["answer"].count("Dropout zeroes random units") == 1
    assert u["answer"].count("cheap") == 1
    [p] = _read_jsonl(union / "provenance.jsonl")
    assert p["merge"]["strategy"] == "union" and len(p["merge"]["added_from"]) == 1


def test_best_merge_prefers_complete_answer_then_earliest(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# What is a GAN?\n\nTwo networks.\n", encoding="utf-8")
    (notes / "b.md").write_text("# What is a GAN?\n\nTwo networks. A generator and a discriminator compete.\n", encoding="utf-8")
    (notes / "c.md").write_text("# What is a GAN?\n\nTwo networks. A generator and a discriminator compete.\n", encoding="utf-8")
    out = tmp_path / "out"
    build([notes], out, as_of=AS_OF, ignore=FAST)
    [r] = _read_jsonl(out / "data" / "train.jsonl")
    assert "compete" in r["answer"]
    assert [s["path"] for s in r["sources"]] == ["a.md", "b.md", "c.md"]
    [p] = _read_jsonl(out / "provenance.jsonl")
    assert p["merge"]["representative"] == r["sources"][1]["record_id"]


def test_real_corpus_builds_clean_and_stable(tmp_path: Path) -> None:
    corpus = SHARED / "corpora" / "alexeygrigorev__data-science-interviews"
    if not corpus.is_dir():
        pytest.skip("shared corpora not available")
    notes = tmp_path / "notes"
    shutil.copytree(corpus, notes)
    one, two = tmp_path / "one", tmp_path / "two"
    result = build([notes], one, as_of=AS_OF, ignore=FAST)
    build([notes], two, as_of=AS_OF, ignore=FAST)
    assert _tree(one) == _tree(two)
    records = _read_jsonl(one / "data" / "train.jsonl")
    assert result.records == len(records) > 10
    keys = [normalize_question(r["question"]) for r in records]
    assert len(keys) == len(set(keys))
    assert all(r["answer_text"].strip() for r in records)
    provenance = _read_jsonl(one / "provenance.jsonl")
    removed = _read_jsonl(one / "removed.jsonl")
    left_out = sum(result.stats["left_out"].values())
    assert sum(len(p["sources"]) for p in provenance) + len(removed) + left_out == result.stats["parsed"]
    assert {r["kind"] for r in records} == {"question"}  # a Q&A dataset by default


def test_kind_option_keeps_topics_on_request_and_the_card_says_what_was_kept(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "n.md").write_text("# Guide\n\n## Background\n\nA short history.\n\n## What is A?\n\nA is a letter.\n",
                                encoding="utf-8")
    only_q = build([notes], tmp_path / "q", as_of=AS_OF, ignore=FAST)
    both = build([notes], tmp_path / "all", as_of=AS_OF, ignore=FAST, kind="all")
    assert [r["kind"] for r in _read_jsonl(tmp_path / "q" / "data" / "train.jsonl")] == ["question"]
    assert sorted(r["kind"] for r in _read_jsonl(tmp_path / "all" / "data" / "train.jsonl")) == ["question", "topic"]
    assert only_q.stats["left_out"] == {"topic": 1} and both.stats["left_out"] == {}
    card = (tmp_path / "q" / "README.md").read_text(encoding="utf-8")
    assert "question records only" in card and "left out: topic: 1" in card
    with pytest.raises(ValueError):
        build([notes], tmp_path / "bad", as_of=AS_OF, ignore=FAST, kind="everything")


def test_seed_clusters_merge_even_with_duplicate_rules_ignored(tmp_path: Path) -> None:
    pytest.importorskip("curate.dedup", reason="duplicate engine not installed")
    out = tmp_path / "out"
    build([SEEDS], out, as_of=AS_OF, ignore=("QA201", "QA202", "QA203") + FAST)
    provenance = _read_jsonl(out / "provenance.jsonl")
    for name, members in SEED_CLUSTERS.items():
        rows = [p for p in provenance if any(_covers(s, f, ln) for s in p["sources"] for f, ln in members)]
        assert len(rows) == 1, name


def test_progress_reports_every_stage_in_order(tmp_path: Path) -> None:
    from curate.build import STAGES

    seen: list[tuple[str, int, int]] = []
    build([SEEDS], tmp_path / "out", as_of=AS_OF, ignore=FAST, progress=lambda *a: seen.append(a))
    stages = [s for i, (s, _, _) in enumerate(seen) if i == 0 or seen[i - 1][0] != s]
    assert tuple(stages) == STAGES
    assert ("lint", 5, 5) in seen  # once per file while linting


def test_progress_bar_only_on_a_terminal_for_long_builds() -> None:
    import io

    from curate.build.progress import BuildProgress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = BuildProgress(io.StringIO(), min_files=1)
    quiet("lint", 1, 30)
    assert quiet.bar is None
    short = BuildProgress(Tty(), min_files=20)
    short("lint", 1, 5)
    assert short.bar is None
    stream = Tty()
    long = BuildProgress(stream, min_files=20)
    for done in range(1, 31):
        long("lint", done, 30)
    for stage in ("repair", "drop", "cluster", "merge", "write"):
        long(stage, 1, 1)
    assert long.done == long.bar.length == 35
    long.close()
    assert "building" in stream.getvalue()


def test_cached_build_gives_the_same_bytes(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(SEEDS, notes, ignore=shutil.ignore_patterns(".curate"))
    plain = tmp_path / "plain"
    build([notes], plain, as_of=AS_OF, ignore=FAST)
    for name in ("cold", "warm"):
        build([notes], tmp_path / name, as_of=AS_OF, ignore=FAST, use_cache=True)
        assert _tree(tmp_path / name) == _tree(plain)
    assert (notes / ".curate" / "cache.sqlite").exists()


def test_build_survives_hostile_files(tmp_path: Path) -> None:
    secret = "TOP-SECRET-OUTSIDE-THE-ROOT"
    root = tmp_path / "corpus"
    root.mkdir()
    (tmp_path / "outside.md").write_text(f"# What is the secret?\n\n{secret}\n", encoding="utf-8")
    (root / "good.md").write_text("# What is a GAN?\n\nTwo networks compete.\n\n# What is X?\n", encoding="utf-8")
    (root / "binary.md").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.md").write_bytes(b"# What is caf\xe9?\n\nLatin-1 bytes.\n")
    (root / "empty.md").write_bytes(b"")
    (root / "emphasis.md").write_text("# What is bold?\n\n" + "_*" * 500 + "\n", encoding="utf-8")
    (root / "fence.md").write_text("# What is code?\n\n```\n" + "x\n" * 50, encoding="utf-8")
    (root / "link-outside.md").symlink_to(tmp_path / "outside.md")
    out = tmp_path / "out"
    result = build([root], out, as_of=AS_OF, ignore=FAST)
    assert result.problems  # unreadable files are reported, not fatal
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file() and p.suffix != ".parquet")
    assert secret not in text  # nothing outside the corpus root is read
    records = _read_jsonl(out / "data" / "train.jsonl")
    assert [r["question"] for r in records] == ["What is code?", "What is a GAN?"]  # fence.md, good.md
    removed = {r["question"]: r["reason"] for r in _read_jsonl(out / "removed.jsonl")}
    assert removed == {"What is X?": "empty-answer", "What is bold?": "empty-answer"}


def _flagged_notes(folder: Path) -> Path:
    """One note whose only question keeps a broken relative link (QA301, an error) after
    the build: nothing repairs or drops it."""
    folder.mkdir()
    (folder / "n.md").write_text("# Notes\n\n## What is A?\n\nA is a letter; see [the guide](missing.md).\n",
                                 encoding="utf-8")
    return folder


def test_build_fail_on_counts_findings_left_on_the_records(tmp_path: Path) -> None:
    notes = _flagged_notes(tmp_path / "notes")
    runner = CliRunner()
    args = ["build", str(notes), "--as-of", AS_OF.isoformat(), "--ignore", ",".join(FAST), "--force"]
    failed = runner.invoke(main, [*args, "-o", str(tmp_path / "a"), "--fail-on", "error"])
    assert failed.exit_code == 1, failed.output
    assert "1 finding at or above error remains in the dataset" in failed.stderr
    assert _read_jsonl(tmp_path / "a" / "data" / "train.jsonl")  # written all the same
    # the default never fails; a rule ignored leaves nothing to fail on
    assert runner.invoke(main, [*args, "-o", str(tmp_path / "b")]).exit_code == 0
    clean = runner.invoke(main, [*args, "-o", str(tmp_path / "c"), "--fail-on", "info", "--ignore", "QA301"])
    assert clean.exit_code == 0, clean.output


def test_build_result_counts_flags_by_severity(tmp_path: Path) -> None:
    result = build([SEEDS], tmp_path / "out", as_of=AS_OF, ignore=FAST)
    records = _read_jsonl(tmp_path / "out" / "data" / "train.jsonl")
    severities = [f["severity"] for r in records for f in r["flags"]]
    assert result.flags_at_or_above("info") == len(severities) > 0
    assert result.flags_at_or_above("error") == severities.count("error")
    assert result.flags_at_or_above("warning") == len(severities) - severities.count("info")


def test_real_corpus_build_fail_on(tmp_path: Path) -> None:
    corpus = SHARED / "corpora" / "alexeygrigorev__data-science-interviews"
    if not corpus.is_dir():
        pytest.skip("shared corpora not available")
    notes = tmp_path / "notes"
    shutil.copytree(corpus, notes)
    result = build([notes], tmp_path / "out", as_of=AS_OF, ignore=FAST)
    records = _read_jsonl(tmp_path / "out" / "data" / "train.jsonl")
    warnings = sum(f["severity"] in ("warning", "error") for r in records for f in r["flags"])
    assert result.flags_at_or_above("warning") == warnings
    runner = CliRunner()
    args = ["build", str(notes), "-o", str(tmp_path / "cli"), "--as-of", AS_OF.isoformat(),
            "--ignore", ",".join(FAST), "--fail-on", "warning"]
    outcome = runner.invoke(main, args)
    assert outcome.exit_code == (1 if warnings else 0), outcome.output


def _front(out: Path) -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((out / "README.md").read_text(encoding="utf-8").split("---\n")[1])


def test_card_features_are_the_parquet_schema_and_datasets_loads_the_card(
        seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datasets = pytest.importorskip("datasets")
    pq = pytest.importorskip("pyarrow.parquet")
    meta = _front(seed_build)
    declared = datasets.Features._from_yaml_list(meta["dataset_info"]["features"])
    assert declared == datasets.Features.from_arrow_schema(pq.read_schema(seed_build / "data" / "train.parquet"))
    assert meta["dataset_info"]["splits"] == [{"name": "train", "num_examples": len(_read_jsonl(seed_build / "data" / "train.jsonl"))}]
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    data = datasets.load_dataset(str(seed_build), split="train", cache_dir=str(tmp_path / "cache"))  # reads the card
    assert data.features == declared


def test_card_columns_table_lists_every_column_with_its_type(seed_build: Path) -> None:
    from curate.build.writers import COLUMNS

    card = (seed_build / "README.md").read_text(encoding="utf-8")
    rows = [line for line in card.splitlines() if line.startswith("| `") and "` | `" in line]
    assert [row.split("`")[1] for row in rows][: len(COLUMNS)] == list(COLUMNS)
    assert "| `topic_path` | `list<string>` |" in card and "| `id` | `string` |" in card


def test_card_language_is_detected_from_the_records(seed_build: Path, tmp_path: Path) -> None:
    assert _front(seed_build)["language"] == ["en"]
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "zh.md").write_text(
        "# 笔记\n\n## 什么是生成式人工智能？\n\n生成式人工智能是一类可以根据训练数据生成新的文本、图像和音频内容的模型。\n\n"
        "## 什么是过拟合？\n\n过拟合是指模型在训练数据上表现很好，但在新的数据上表现很差的现象。\n", encoding="utf-8")
    (notes / "de.md").write_text(
        "# Notizen\n\n## Was ist ein neuronales Netz?\n\nEin neuronales Netz ist ein Modell, das aus vielen "
        "verbundenen Schichten besteht und mit den Daten trainiert wird.\n", encoding="utf-8")
    build([notes], tmp_path / "out", as_of=AS_OF, ignore=FAST)
    assert _front(tmp_path / "out")["language"] == ["zh", "de"]  # most records first
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "Languages (by record): zh: 2, de: 1." in card
    # too little prose to tell: no language is claimed
    (tmp_path / "short").mkdir()
    (tmp_path / "short" / "n.md").write_text("# N\n\n## Why?\n\nBecause.\n", encoding="utf-8")
    assert build([tmp_path / "short"], tmp_path / "out2", as_of=AS_OF, ignore=FAST).records == 1
    assert "language" not in _front(tmp_path / "out2")
    assert "not determined" in (tmp_path / "out2" / "README.md").read_text(encoding="utf-8")


def test_card_says_what_was_kept(seed_build: Path) -> None:
    card = (seed_build / "README.md").read_text(encoding="utf-8")
    records = _read_jsonl(seed_build / "data" / "train.jsonl")
    provenance = _read_jsonl(seed_build / "provenance.jsonl")
    merged_away = sum(p["cluster"]["size"] - 1 for p in provenance)
    assert f"- Records in the dataset: {len(records)} (question: {len(records)}); duplicates merged away: {merged_away};" in card


def test_real_chinese_collection_card_says_zh(tmp_path: Path) -> None:
    corpus = SHARED / "corpora" / "doocs__advanced-java"
    if not corpus.is_dir():
        pytest.skip("shared corpora not available")
    notes = tmp_path / "notes"
    shutil.copytree(corpus, notes)
    build([notes], tmp_path / "out", as_of=AS_OF, ignore=FAST, jobs=1)
    assert _front(tmp_path / "out")["language"][0] == "zh"


def test_repairs_in_a_pool_build_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Repairs are mapped over the run's pool: two workers (forced past the small-input
    shortcut) build byte for byte what one process builds, on a real collection."""
    import curate.infra.executors as executors

    corpus = SHARED / "corpora" / "alexeygrigorev__data-science-interviews"
    if not corpus.is_dir():
        pytest.skip("shared corpora not available")
    monkeypatch.setattr(executors, "SMALL_WORK", 0)
    one, pool = tmp_path / "one", tmp_path / "pool"
    build([corpus], one, as_of=AS_OF, ignore=FAST, jobs=1)
    result = build([corpus], pool, as_of=AS_OF, ignore=FAST, jobs=2)
    assert _tree(one) == _tree(pool)
    assert result.stats["repaired_records"] > 0  # the pool did repair something
