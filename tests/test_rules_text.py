"""QA503 mojibake and QA504 lookalike-text: data cases, the seed notes, a real corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cases.rule_cases import apply_fixes, check_case, load_cases
from conftest import SHARED

from curate.corpus.model import Document
from curate.rules import text as text_rules
from curate.rules.base import RuleContext

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "examples" / "genai-notes"


@pytest.mark.parametrize("case", load_cases("text"), ids=lambda c: c["id"])
def test_case(case, tmp_path):
    check_case("text", case, tmp_path)


def _run(doc: Document) -> list:
    found = []
    for cls in text_rules.RULES:
        ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=cls.Options())
        found.extend(cls().check_document(doc, ctx))
    return found


def test_seed_mojibake_and_nothing_else():
    if not SEEDS.is_dir():
        pytest.skip("seed notes absent")
    found = []
    for path in sorted(SEEDS.glob("*.md")):
        doc = Document(str(path), path.name, path.read_text(encoding="utf-8"))
        found.extend((path.name[:3], f, doc) for f in _run(doc))
    assert [(name, f.code, f.line) for name, f, _doc in found] == [("002", "QA503", 6)]
    _name, finding, doc = found[0]
    fixed = apply_fixes(doc.text, [finding])
    assert "Here’s" in fixed and "â€" not in fixed


def test_real_corpus_lookalikes():
    corpus = SHARED / "corpora" / "aishwaryanr__awesome-generative-ai-guide" / "research_updates"
    if not corpus.is_dir():
        pytest.skip("corpus absent")
    found = []
    for path in sorted(corpus.rglob("*.md")):
        doc = Document(str(path), path.name, path.read_text(encoding="utf-8", errors="replace"))
        found.extend(_run(doc))
    assert any(f.code == "QA504" and f.fix and f.fix.replacement == "Llama2-7B" for f in found)
    assert any(f.code == "QA504" and "zero-width" in f.message for f in found)
    assert not any(f.code == "QA503" for f in found)


def test_control_corpus_is_clean():
    corpus = SHARED / "corpora" / "rohanmistry231__ML-Interview-Preparation-Hub"
    if not corpus.is_dir():
        pytest.skip("corpus absent")
    for path in sorted(corpus.rglob("*.md")):
        doc = Document(str(path), path.name, path.read_text(encoding="utf-8", errors="replace"))
        assert _run(doc) == [], path.name


def test_explain_pages_have_examples():
    for cls in text_rules.RULES:
        page = cls.doc()
        assert "Bad:" in page and "Good:" in page and "Options" in page
