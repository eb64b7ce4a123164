"""quality/score.py: label matching, precision/recall and record scoring on a tiny
hand-made corpus (no shared collections needed), plus the shape of the stored labels."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def _load_score():
    spec = importlib.util.spec_from_file_location("quality_score", ROOT / "quality" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["quality_score"] = mod
    spec.loader.exec_module(mod)
    return mod


score = _load_score()

NOTES = """# Interview notes

## 1. What is overfitting?

A model that fits noise.

## 2. What is a GAN?

TBD

## 3. What is a VAE?

"""


@pytest.fixture()
def corpus(tmp_path: Path):
    (tmp_path / "a.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "b.md").write_text("## 1. What is overfitting?\n\nSame question again.\n", encoding="utf-8")
    return score.Sources({"demo": tmp_path})


def report(*findings: dict) -> dict:
    base = {"column": 1, "end_column": None, "message": "", "related": []}
    return {"findings": [{**base, **f} for f in findings]}


def test_question_hash_ignores_markup_numbering_and_case():
    h = score.question_hash
    assert h("## 12. What is **Overfitting**?") == h("what is overfitting")
    assert h("Q. What is overfitting?") == h("<b>What is overfitting?</b> 🚀")
    assert h("What is overfitting?") != h("What is underfitting?")
    assert h("什么是缓存？") == h("什么是缓存")


def test_matched_false_label_unmatched_finding_and_missed_expected(corpus):
    fs = score.findings_from_report("demo", report(
        {"path": "a.md", "code": "QA102", "line": 9},     # TBD: judged true
        {"path": "a.md", "code": "QA604", "line": 1},     # judged false
        {"path": "a.md", "code": "QA101", "line": 3},     # no label at all
    ), corpus)
    by_code = {f.code: f for f in fs}
    labels = [score.label_stub(by_code["QA604"], corpus) | {"verdict": "false", "reason": "wrong"},
              score.label_stub(by_code["QA102"], corpus) | {"verdict": "true", "reason": "TBD"},
              # a defect no rule reported: the empty answer of question 3
              {"collection": "demo", "file": "a.md", "code": "QA101", "line": 11,
               "key": score.finding_key("QA101", "## 3. What is a VAE?"), "verdict": "expected"}]
    assert by_code["QA102"].line == 9
    s = score.score_rules(fs, labels)
    assert (s["QA102"].labelled, s["QA102"].true, s["QA102"].found, s["QA102"].positives) == (1, 1, 1, 1)
    assert (s["QA604"].labelled, s["QA604"].false, s["QA604"].positives) == (1, 1, 0)
    # the QA101 finding at line 3 is unlabelled, and the expected one at line 11 is missed
    assert (s["QA101"].reported, s["QA101"].labelled, s["QA101"].found, s["QA101"].positives) == (1, 0, 0, 1)


def test_label_survives_an_edit_that_moves_its_line(corpus, tmp_path):
    before = score.findings_from_report("demo", report({"path": "a.md", "code": "QA102", "line": 9}), corpus)
    label = score.label_stub(before[0], corpus) | {"verdict": "true", "reason": "TBD"}
    (tmp_path / "a.md").write_text("<!-- intro -->\n\n" + NOTES, encoding="utf-8")
    moved = score.findings_from_report("demo", report({"path": "a.md", "code": "QA102", "line": 11}),
                                       score.Sources({"demo": tmp_path}))
    matched, _ = score.match_findings(moved, [label])
    assert matched == {0: label}
    # same line number, different content: no match
    other = score.findings_from_report("demo", report({"path": "a.md", "code": "QA102", "line": 9}),
                                       score.Sources({"demo": tmp_path}))
    assert score.match_findings(other, [label])[0] == {}


def test_duplicate_key_covers_both_places_in_either_order(corpus):
    one = score.findings_from_report("demo", report(
        {"path": "a.md", "code": "QA201", "line": 3, "related": [{"path": "b.md", "line": 1}]}), corpus)
    two = score.findings_from_report("demo", report(
        {"path": "b.md", "code": "QA201", "line": 1, "related": [{"path": "a.md", "line": 3}]}), corpus)
    assert one[0].key == two[0].key
    lone = score.findings_from_report("demo", report({"path": "a.md", "code": "QA201", "line": 3}), corpus)
    assert lone[0].key != one[0].key


def test_span_keeps_two_findings_on_one_line_apart(corpus):
    fs = score.findings_from_report("demo", report(
        {"path": "a.md", "code": "QA502", "line": 7, "column": 15, "end_column": 16},
        {"path": "a.md", "code": "QA502", "line": 7, "column": 17, "end_column": 20}), corpus)
    assert [f.span for f in fs] == ["a", "GAN"]
    label = score.label_stub(fs[1], corpus) | {"verdict": "false", "reason": "acronym"}
    matched, _ = score.match_findings(fs, [label])
    assert list(matched) == [1]


def test_records_invented_missed_and_status():
    recs = [score.Record("demo", "a.md", "question", 3, score.question_hash("What is overfitting?"), "", False, 5),
            score.Record("demo", "a.md", "question", 7, score.question_hash("What is a GAN?"), "", False, 9),
            score.Record("demo", "a.md", "topic", 1, score.question_hash("Interview notes"), "", False),
            # the parser invents a record from the table of contents of another file
            score.Record("demo", "toc.md", "question", 2, score.question_hash("Overfitting"), "", True)]
    labels = [{"collection": "demo", "file": "a.md", "kind": "question", "line": 3,
               "qhash": score.question_hash("1. What is overfitting?"), "status": "answered"},
              {"collection": "demo", "file": "a.md", "kind": "question", "line": 7,
               "qhash": score.question_hash("What is a GAN?"), "status": "placeholder"},
              {"collection": "demo", "file": "a.md", "kind": "question", "line": 11,
               "qhash": score.question_hash("What is a VAE?"), "status": "empty"},
              {"collection": "demo", "file": "a.md", "kind": "topic", "line": 1,
               "qhash": score.question_hash("Interview notes")}]
    ps = score.score_parse("demo", recs, labels, {"a.md", "toc.md"}, findings=[])
    assert (ps.labels, ps.records, ps.matched) == (4, 4, 3)
    assert [r.file for r in ps.invented] == ["toc.md"]
    assert [m["line"] for m in ps.missed] == [11]
    # GAN is labelled a placeholder, but no QA102 finding says so: one of two statuses right
    assert (ps.status_right, ps.status_checked) == (1, 2)
    tbd = score.Finding("demo", "a.md", "QA102", 9, None, None, "")   # on the 'TBD' line
    ps = score.score_parse("demo", recs, labels, {"a.md", "toc.md"}, findings=[tbd])
    assert (ps.status_right, ps.status_checked) == (2, 2)


def test_kind_must_match():
    recs = [score.Record("demo", "a.md", "topic", 3, score.question_hash("What is overfitting?"), "", False)]
    labels = [{"collection": "demo", "file": "a.md", "kind": "question", "line": 3,
               "qhash": score.question_hash("What is overfitting?"), "status": "answered"}]
    assert score.match_records(recs, labels)[0] == {}


def test_materialise_creates_listed_paths_and_excludes_left_out_notes(tmp_path):
    src = tmp_path / "coll"
    src.mkdir()
    (src / "a.md").write_text("![x](img/x.png)\n", encoding="utf-8")
    (src / "TREE.txt").write_text("a.md\nimg/x.png\nAGENTS.md\n../escape.txt\n", encoding="utf-8")
    out = score.materialise(src, tmp_path / "copy")
    assert (out / "img" / "x.png").is_file() and (out / "AGENTS.md").is_file()
    assert not (tmp_path / "escape.txt").exists()
    assert '"AGENTS.md"' in (out / "curate.toml").read_text(encoding="utf-8")
    assert not (src / "img").exists()


LABELS = ROOT / "quality" / "labels"


def _jsonl(name: str) -> list[dict]:
    return [json.loads(x) for x in (LABELS / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def test_stored_labels_are_well_formed():
    files = {(x["collection"], x["file"]) for x in _jsonl("files.jsonl")}
    for r in _jsonl("records.jsonl"):
        assert (r["collection"], r["file"]) in files, r
        assert r["kind"] in ("question", "topic") and len(r["qhash"]) == 12, r
        assert r["kind"] == "topic" or r["status"] in ("answered", "empty", "placeholder"), r
    for f in _jsonl("findings.jsonl"):
        assert f["verdict"] in ("true", "false", "debatable", "expected"), f
        assert f["code"].startswith("QA") and f["reason"].strip(), f


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared corpora not present")
def test_stored_finding_labels_still_point_at_their_lines():
    """A label's key is recomputed from the line it names (the collections do not change)."""
    roots = score.collections(SHARED)
    src = score.Sources(roots)
    for f in _jsonl("findings.jsonl"):
        if f["code"] in score.DUPLICATE_CODES and f["verdict"] != "expected":
            continue   # their key also covers the other places
        text = src.line(f["collection"], f["file"], f["line"])
        assert score.finding_key(f["code"], text) == f["key"], f
