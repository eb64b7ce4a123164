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
    # the zero-width spaces there sit at table-cell edges: they split no word
    assert not any(f.code == "QA504" and "zero-width" in f.message for f in found)
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


def _lookalikes(text: str, **options: object) -> list:
    doc = Document("n.md", "n.md", text)
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=text_rules.LookalikeText.Options(**options))
    return list(text_rules.LookalikeText().check_document(doc, ctx))


def test_invisible_characters_in_headings_are_reported_with_a_fix():
    text = ("# Supervised machine\u00a0learning\n\n## Rank\u200ding and\u200bsearch\n\n## \U0001F5D3\ufe0f\u00a0Day 1\n\n"
            "## \U0001F9D1\u200d\U0001F4BB Use AI\n\n## Pourquoi\u00a0?\n\n## \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n\n"
            "Le prix est 10\u00a0km, pourquoi\u00a0?\n\n```\n## not\u00a0a heading\n```\n")
    found = _lookalikes(text)
    assert [(f.line, f.column) for f in found] == [(1, 21), (3, 8), (3, 16)]
    assert "non-breaking space in a heading" in found[0].message
    fixed = apply_fixes(text, found)
    assert fixed.startswith("# Supervised machine learning\n\n## Ranking andsearch\n")
    assert "\U0001F9D1\u200d\U0001F4BB" in fixed and "10\u00a0km" in fixed and "Pourquoi\u00a0?" in fixed
    assert [f.line for f in _lookalikes(text, check_headings=False)] == [3, 3]  # the Latin-text check


def test_real_corpus_non_breaking_spaces_in_headings():
    path = SHARED / "corpora" / "alexeygrigorev__data-science-interviews" / "theory.md"
    if not path.is_file():
        pytest.skip("corpus absent")
    doc = Document(str(path), path.name, path.read_text(encoding="utf-8"))
    found = [f for f in _run(doc) if "heading" in f.message]
    assert len(found) >= 3
    for f in found:
        assert doc.line(f.line).lstrip().startswith("#")
        assert f.fix is not None and f.fix.replacement == " "
    # the joiners before ⭐ in bold question lines are not headings: not reported
    assert not any("\u2b50" in doc.line(f.line) for f in found)


def test_zero_width_at_edges_cjk_and_math_letters_in_tex_are_quiet():
    text = ("|[LongRAG](https://x.org)|\u200bThe paper| and 「**Doocs**」\u200b，欢迎 and 映像 \u200b。\n\n"
            "$$𝐶𝑜𝑣(𝑋,𝑌) = 𝐸[𝑋𝑌]$$ but a zero\u200bshot 𝐇𝐨𝐰 model.\n")
    found = _lookalikes(text)
    assert [(f.line, f.snippet) for f in found] == [(3, "\u200b"), (3, "𝐇𝐨𝐰")]
