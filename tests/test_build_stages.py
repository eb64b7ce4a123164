"""The build's stages one at a time: fallbacks, drop, cluster naming, merge units."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import AS_OF

from curate.build import build
from curate.build.fallback import mojibake_edits, repeated_sentence_edits
from curate.build.merge import units
from curate.build.plaintext import has_images, has_words
from curate.build.writers import demote_headings, size_category
from curate.corpus.markdown import parse_document
from curate.corpus.text import normalize_question


def _doc(text: str):
    return parse_document(text, "n.md", "n.md")


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "data" / "train.jsonl").read_text(encoding="utf-8").splitlines()]


def test_repeated_sentence_fallback_deletes_only_later_repeats() -> None:
    text = "# What is a VAE?\n\nA VAE is a model that learns a latent distribution. It is a model that learns a latent distribution. Fine.\n"
    doc = _doc(text)
    [edit] = list(repeated_sentence_edits(doc))
    assert not edit.fix.safe
    assert text[edit.fix.start : edit.fix.end] == " It is a model that learns a latent distribution."


def test_repeated_sentence_fallback_leaves_links_code_and_short_sentences() -> None:
    text = (
        "# Links\n\nSee https://example.org/a/b/10. and https://example.org/a/b/10. again.\n\n"
        "Yes it is. Yes it is. Yes it is.\n\n"
        "```\nprint('same line here and there'). print('same line here and there').\n```\n"
        "| a. b. c. d. e. f. | a. b. c. d. e. f. |\n"
    )
    assert list(repeated_sentence_edits(_doc(text))) == []


def test_mojibake_fallback_repairs_and_leaves_clean_text() -> None:
    doc = _doc("# Q?\n\nHereâ€™s the answer – with a real dash and café.\n")
    [edit] = list(mojibake_edits(doc))
    assert edit.fix.replacement == "Here’s the answer – with a real dash and café."
    assert list(mojibake_edits(_doc("# Q?\n\nA café – naïve “quotes”.\n"))) == []


def test_plain_text_helpers() -> None:
    assert not has_words("![image](a.png)\n\n<!-- note -->\n\n---\n")
    assert has_images("![image](a.png)")
    assert has_words("Some *answer*.")


def test_units_split_sentences_items_and_blocks() -> None:
    md = "First point. Second point.\n\n1. item one\n2. item two\n\n```py\nx = 1\n```\n"
    got = [(u.kind, u.markdown) for u in units(md)]
    assert got == [
        ("sentence", "First point."),
        ("sentence", "Second point."),
        ("item", "1. item one"),
        ("item", "2. item two"),
        ("block", "```py\nx = 1\n```"),
    ]


def test_demote_headings_outside_code_only() -> None:
    md = "# Part\n\ntext\n\n```\n# comment\n```\n\n## Sub\n"
    assert demote_headings(md, 4) == "#### Part\n\ntext\n\n```\n# comment\n```\n\n##### Sub\n"
    assert demote_headings("no headings", 4) == "no headings"


def test_size_categories() -> None:
    assert size_category(0) == "n<1K"
    assert size_category(999) == "n<1K"
    assert size_category(1000) == "1K<n<10K"
    assert size_category(250_000) == "100K<n<1M"


def test_generic_topic_headings_are_named_not_merged(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# Week 1\n\n## Resources\n\n- paper A\n- paper B\n", encoding="utf-8")
    (notes / "b.md").write_text("# Week 2\n\n## Resources\n\n- paper C\n", encoding="utf-8")
    (notes / "c.md").write_text("# Week 3\n\n## Resources\n\n- paper C\n", encoding="utf-8")
    out = tmp_path / "out"
    build([notes], out, as_of=AS_OF, ignore=("QA501", "QA502"), kind="all")  # topic notes are kept on request
    records = [r for r in _records(out) if "Resources" in r["question"]]
    keys = [normalize_question(r["question"]) for r in records]
    assert len(keys) == len(set(keys))
    # a.md's list differs: its own record; b.md and c.md say the same thing: one record
    assert sorted(len(r["sources"]) for r in records) == [1, 2]
    assert any("Week 1" in r["question"] for r in records)


def test_drop_reasons(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(
        "# What is A?\n\nA is a letter.\n\n# What is B?\n\n# What is C?\n\n![image](c.png)\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = build([notes], out, as_of=AS_OF, ignore=("QA501", "QA502"))
    removed = [json.loads(x) for x in (out / "removed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(r["question"], r["reason"]) for r in removed} == {
        ("What is B?", "empty-answer"),
        ("What is C?", "image-only-content"),
    }
    assert [r["question"] for r in _records(out)] == ["What is A?"]
    assert result.dropped == 2


def test_tidy_strips_rules_and_blank_lines_at_the_edges_only() -> None:
    from curate.build.merge import tidy

    assert tidy("---\n\n\nGen AI has uses.\n\n- a\n- b\n\n---\n\n") == "Gen AI has uses.\n\n- a\n- b"
    assert tidy("- a\n- b\n") == "- a\n- b"
    assert tidy("    code\n\ntext\n\n***\n\nmore\n") == "    code\n\ntext\n\n***\n\nmore"


def test_union_skips_an_intro_whose_items_are_all_known(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# How to stop overfitting?\n\nWays:\n\n1. dropout\n2. early stopping\n3. more data\n", encoding="utf-8")
    (notes / "b.md").write_text("# How to stop overfitting?\n\nIt can be stopped like this:\n\n1. dropout\n2. early stopping\n", encoding="utf-8")
    out = tmp_path / "out"
    build([notes], out, as_of=AS_OF, merge="union", ignore=("QA501", "QA502"))
    [record] = _records(out)
    assert "stopped like this" not in record["answer"]
    assert record["answer"].count("dropout") == 1


def test_the_same_question_over_two_programs_is_two_records(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    quiz = ("#### 1. What is the output of the following program?\n\n```go\nfmt.Println(\"hello\")\n```\n\n"
            "> **Answer:** hello\n\n#### 2. What is the output of the following program?\n\n```go\n"
            "fmt.Println(len(\"hi\"))\n```\n\n> **Answer:** 2\n")
    (notes / "quiz.md").write_text(quiz, encoding="utf-8")
    (notes / "copy.md").write_text(quiz.split("#### 2.")[0], encoding="utf-8")
    out = tmp_path / "out"
    build([notes], out, as_of=AS_OF, ignore=("QA501", "QA502"))
    records = _records(out)
    assert sorted(len(r["sources"]) for r in records) == [1, 2]  # the copied question merges, the other program stays
