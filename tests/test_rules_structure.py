"""QA601-QA604: data cases, the seed notes (must and must-not rows), real corpora."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cases.rule_cases import apply_fixes
from conftest import SHARED

from curate.corpus.markdown import parse_document
from curate.corpus.model import Document
from curate.rules import structure
from curate.rules.base import RuleContext
from curate.rules.docs import explain

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "examples" / "genai-notes"




def _run(doc: Document, rules=structure.RULES) -> list:
    found = []
    for cls in rules:
        ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=cls.Options())
        found.extend(cls().check_document(doc, ctx))
    return found


@pytest.fixture(scope="module")
def seed_findings():
    if not SEEDS.is_dir():
        pytest.skip("seed notes absent")
    out = {}
    for path in sorted(SEEDS.glob("*.md")):
        doc = parse_document(path.read_text(encoding="utf-8"), str(path), path.name)
        out[path.name[:3]] = (doc, _run(doc))
    return out


def _lines(found, code):
    return sorted({f.line for f in found if f.code == code})


def test_seed_must_rows(seed_findings):
    doc0, f0 = seed_findings["000"]
    eof = [f for f in f0 if f.code == "QA604" and "end of the file" in f.message]
    assert len(eof) == 1 and (eof[0].line, eof[0].end_line) == (97, 106)
    _doc1, f1 = seed_findings["001"]
    assert _lines(f1, "QA603") == [69, 71, 73, 75, 79, 81, 88, 90, 92]
    ws = _lines(f1, "QA604")
    assert set(ws) == {6, 48, 62, 83, 87, 93, 94}
    _doc2, f2 = seed_findings["002"]
    gaps = [f.message for f in f2 if f.code == "QA602"]
    assert len(gaps) == 2 and "from 4 to 21" in gaps[0] and "from 24 to 27" in gaps[1]
    _doc3, f3 = seed_findings["003"]
    assert _lines(f3, "QA601") == [103]


def test_seed_must_not_rows(seed_findings):
    _doc1, f1 = seed_findings["001"]
    assert not [f for f in f1 if f.line in (17, 18)]  # hard break; bare URL line
    _doc2, f2 = seed_findings["002"]
    assert not [f for f in f2 if f.line == 2]  # '-----' after a heading is a thematic break


def test_seed_fixes_apply_and_settle(seed_findings):
    for doc, found in seed_findings.values():
        fixed = apply_fixes(doc.text, [f for f in found if f.fix is not None])
        again = Document(doc.path, doc.rel_path, fixed)
        left = [f for f in _run(again, [structure.Whitespace, structure.UnclosedFence]) if f.fix is not None]
        assert left == [], [f.message for f in left]


def test_control_corpus_structure_is_clean():
    corpus = SHARED / "corpora" / "rohanmistry231__ML-Interview-Preparation-Hub"
    if not corpus.is_dir():
        pytest.skip("corpus absent")
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = Document(str(path), path.name, text)
        found = _run(doc, [structure.UnclosedFence, structure.Numbering, structure.QuestionFormat])
        assert found == [], (path.name, [f.message for f in found])


def test_real_corpus_repeat_and_fixes_keep_crlf():
    path = SHARED / "corpora" / "aishwaryanr__awesome-generative-ai-guide" / "free_courses" / \
        "Applied_LLMs_Mastery_2024" / "week4_RAG.md"
    if not path.is_file():
        pytest.skip("corpus absent")
    text = path.read_bytes().decode("utf-8")
    doc = Document(str(path), path.name, text)
    found = _run(doc)
    assert any(f.code == "QA602" and "used twice" in f.message for f in found)
    fixed = apply_fixes(text, [f for f in found if f.fix is not None])
    assert fixed.count("\r\n") == text.count("\r\n")


def test_explain_pages_have_examples():
    for cls in structure.RULES:
        page = explain(cls.code)  # the docstring plus the generated options
        assert "Bad:" in page and "Good:" in page and "Options (" in page


def test_registered_and_run_by_the_engine(tmp_path):
    """Through curate.api.lint: the nine rules are discovered from the entry points and
    report the seed rows (severity and order come from the engine)."""
    if not SEEDS.is_dir():
        pytest.skip("seed notes absent")
    import shutil

    from curate.run.execute import lint

    root = tmp_path / "notes"
    shutil.copytree(SEEDS, root)
    codes = ("QA301", "QA302", "QA303", "QA503", "QA504", "QA601", "QA602", "QA603", "QA604")
    result = lint([root], select=codes, as_of=dt.date(2026, 1, 1), )
    got = {(Path(f.path).name[:3], f.code, f.line) for f in result.findings}
    for row in [("000", "QA604", 97), ("001", "QA301", 35), ("001", "QA603", 69), ("001", "QA604", 83),
                ("002", "QA503", 6), ("002", "QA602", 173), ("002", "QA602", 330), ("003", "QA601", 103),
                ("003", "QA302", 104), ("003", "QA303", 9)]:
        assert row in got, row
    assert {f.code for f in result.findings} <= set(codes)


def test_list_marker_spaces_are_no_runs_in_real_corpora():
    """doocs writes every item as "-   text" and sudheerj nests "*   " items: 644 and 150
    "runs of spaces" before, none of them a typo."""
    for name in ("doocs__advanced-java", "sudheerj__reactjs-interview-questions"):
        corpus = SHARED / "corpora" / name
        if not corpus.is_dir():
            pytest.skip("corpus absent")
        for path in sorted(corpus.rglob("*.md")):
            doc = Document(str(path), path.name, path.read_text(encoding="utf-8", errors="replace"))
            runs = [f for f in _run(doc, [structure.Whitespace]) if "run of" in f.message]
            assert runs == [], (path.name, [(f.line, f.snippet) for f in runs])


def test_anchored_question_numbers_in_lydiahallie_are_no_gaps():
    """'###### <a name=20190707></a>64. ...' headings: before, each one opened a false
    'number 64 is missing' (27 findings over the translations)."""
    corpus = SHARED / "corpora" / "lydiahallie__javascript-questions"
    if not corpus.is_dir():
        pytest.skip("corpus absent")
    for path in sorted(corpus.rglob("*.md")):
        doc = parse_document(path.read_text(encoding="utf-8", errors="replace"), str(path), path.name)
        gaps = [f for f in _run(doc, [structure.Numbering]) if "missing" in f.message]
        assert gaps == [], (path.name, [f.message for f in gaps])


def test_empty_heading_in_alirezadir():
    path = SHARED / "corpora" / "alirezadir__Machine-Learning-Interviews" / "src" / "MLSD" / "mlsd-pymk.md"
    if not path.is_file():
        pytest.skip("corpus absent")
    doc = parse_document(path.read_text(encoding="utf-8"), str(path), path.name)
    found = [f for f in _run(doc, [structure.QuestionFormat]) if "empty heading" in f.message]
    assert [f.line for f in found] == [17]


def test_numbered_title_of_a_series_is_no_restart_in_a_real_corpus():
    """alirezadir's chapters are titled "# 3. ML Fundamentals" and number their sections
    from "# 1." (labelled false as restarts); sudheerj's real gaps stay."""
    folder = SHARED / "corpora" / "alirezadir__Machine-Learning-Interviews" / "src"
    if not folder.is_dir():
        pytest.skip("corpus absent")
    for name in ("ml-fundamental.md", "MLSD/ml-system-design.md"):
        path = folder / name
        doc = parse_document(path.read_text(encoding="utf-8"), str(path), name)
        assert _run(doc, [structure.Numbering]) == [], name
    readme = SHARED / "corpora" / "sudheerj__reactjs-interview-questions" / "README.md"
    doc = parse_document(readme.read_text(encoding="utf-8"), str(readme), "README.md")
    assert any("from 52 to 54" in f.message for f in _run(doc, [structure.Numbering]))


def test_glued_sentence_finding_spans_the_glued_words():
    """The finding covers "requirements.What" (so an editor or SARIF viewer highlights it and
    two on one line stay apart); the fix only inserts the space after the stop."""
    text = "Gather the requirements.What comes next is the design.\n"
    doc = Document("n.md", "n.md", text)
    (f,) = [f for f in _run(doc, [structure.Whitespace]) if "no space" in f.message]
    assert text[f.column - 1:f.end_column - 1] == "requirements.What"
    assert (f.fix.start, f.fix.end, f.fix.replacement) == (text.index(".What") + 1,) * 2 + (" ",)
