"""Content rules QA101-QA104: failing and passing snippets as data, the seed notes, and
findings checked by reading the real corpora."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curate.config import Config
from curate.corpus.loader import load_corpus
from curate.rules.content import RULES, normalize_placeholder
from curate.run.engine import run_engine

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[1] / "examples" / "genai-notes"
CORPORA = HERE.parents[2] / "shared" / "corpora"
AS_OF = dt.date(2026, 1, 1)


def lint_text(tmp_path: Path, text: str, code: str) -> list:
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    return lint_paths([tmp_path / "notes.md"], code, root=tmp_path)


def lint_paths(paths: list[Path], code: str, root: Path | None = None) -> list:
    corpus = load_corpus([str(p) for p in paths], root=root)
    config = Config(root=corpus.root, select=(code,))
    return run_engine(corpus, RULES, as_of=AS_OF, config=config).findings


# (rule, markdown, expected finding lines). Each case is one small note.
CASES = [
    ("QA101", "## What is A?\n\n## What is B?\n\nB is b.\n", [1]),
    ("QA101", "## What is A?\n\n<!-- later -->\n\n<br/>\n\n## What is B?\n\nB.\n", [1]),
    ("QA101", "## What is A?\n\nA is a.\n", []),
    ("QA101", "## What is A?\n\n**Answer:**\n\n## What is B?\n\n**Answer:** B is b.\n", [1]),
    ("QA101", "<details><summary>What is A?</summary>\n\n</details>\n\n## What is B?\n\nB.\n", [1]),
    ("QA101", "## What is A?\n\nA: \n\n## What is B?\n\nA: it is b.\n", [1]),
    ("QA101", "## What is A?\n\nNext: **[questions.md](questions.md)**.\n", [1]),
    ("QA101", "## What is A?\n\n[Back to top](#top)\n", [1]),
    ("QA101", "## What is A?\n\nTBD\n", []),  # a placeholder is QA102, not QA101
    ("QA101", "## What is A?\n\n![chart](https://x.org/a.png)\n", []),  # image-only is QA103
    ("QA101", "## Overview\n\n## What is A?\n\nA.\n", []),  # topics are not questions
    ("QA101", "## 3. Questions on A?\n\n### a) What is A?\n\nA.\n\n### b) Why A?\n\nB.\n", []),  # a container
    ("QA102", "## What is A?\n\nTBD\n", [3]),
    ("QA102", "## What is A?\n\n**[TBD]**\n", [3]),
    ("QA102", "**What is A? 🚀**\n\nAnswer here\n\n<br/>\n\n**What is B?**\n\nB is b.\n", [3]),
    ("QA102", "## What is A?\n\nComing soon!\n", [3]),
    ("QA102", "## What is A?\n\n**Answer:** TBD\n", [3]),
    ("QA102", "## What is A?\n\nWrite your answer here.\n", [3]),
    ("QA102", "## What is A?\n\n(not answered yet)\n", [3]),
    ("QA102", "## What is A?\n\nExplanation coming soon\n", [3]),
    ("QA102", "## What is A?\n\nThe answer is here: A is a letter.\n", []),
    ("QA102", "## What is A?\n\n...\n", [3]),
    ("QA102", "## What is A?\n\nTODO: add an example\n", [3]),
    ("QA102", "## What is A?\n\n```python\n```\n", [3]),
    ("QA102", "## What is A?\n\n[Attention](https://arxiv.org/abs/1706.03762)\n", [3]),
    ("QA102", "## What is A?\n\nSee: https://example.org/a\n", [3]),
    ("QA102", "## What is A?\n\nGood explanation in this video: [A explained](https://youtu.be/x)\n", [3]),
    ("QA102", "## What is A?\n\n- [one](https://x.org/1)\n- [two](https://x.org/2)\n", [3]),
    ("QA102", "## What are good books on A?\n\n- [one](https://x.org/1)\n- [two](https://x.org/2)\n", []),
    ("QA102", "## What is A?\n\n- [one](https://x.org/1): A is the first letter.\n- [two](https://x.org/2)\n", []),
    ("QA102", "## What is A?\n\n[Attention](https://arxiv.org/abs/1706.03762) introduced it: attention only.\n", []),
    ("QA102", "## What is A?\n\nA to do list keeps tasks.\n", []),
    ("QA102", "## What is A?\n\nPending requests wait in a queue.\n", []),
    ("QA102", "## What is A?\n\n```python\nprint(1)\n```\n", []),
    ("QA102", "## Resources\n\n[Course](https://x.org/course)\n", []),  # a link under a topic is fine
    ("QA102", "## What is A?\n\nA has parts:\n\n- one\n- [TBD]\n", [6]),
    ("QA102", "## What is A?\n\nA is measured with metrics [TBD] and more text.\n", [3]),
    ("QA102", "## What is A?\n\nA is this.\n\n```\nTODO\n```\n", []),  # code is not checked
    ("QA103", "## What is A?\n\n![chart](https://x.org/a.png)\n", [1]),
    ("QA103", "# Notes\n\nIntro.\n\n## Gallery\n\n![a](https://x.org/a.png)\n\n![b](https://x.org/b.png)\n", [5]),
    ("QA103", "## What is A?\n\n![chart](https://x.org/a.png)\n\nThe chart shows A.\n", []),
    ("QA103", "## What is A?\n\n![chart](https://x.org/a.png)\n\nImage source: [x.org](https://x.org)\n", [1]),
    ("QA103", "## What is A?\n\n<p align=\"center\"><img src=\"a.png\" width=\"300\"></p>\n", [1]),
    ("QA103", "# Title\n\n![banner](https://x.org/banner.png)\n\n# About\n\nText.\n", []),
    ("QA103", "# Title\n\nIntro.\n\n## Part\n\n![p](https://x.org/p.png)\n\n### Sub\n\nText.\n", []),
    ("QA104", "## What is A?\n\nSure! Here's a short answer: A is a.\n", [3]),
    ("QA104", "## What is A?\n\nA is a.\n\nWould you like me to add an example?\n", [5]),
    ("QA104", "## What is A?\n\nAs an AI language model, I cannot say.\n", [3]),
    ("QA104", "## What is A?\n\nA is a.:contentReference[oaicite:0]{index=0}\n", [3]),
    ("QA104", "## What is A?\n\nA is a.\n\npython\nCopy code\n", [6]),
    ("QA104", "## What is A?\n\nA is a.【4:0†source】\n", [3]),
    ("QA104", "## What is A?\n\nA is a. [cite: 12]\n", [3]),
    ("QA104", "## What is A?\n\nA is a.\n\nIf you'd like, I can draw a diagram.\n", [5]),
    ("QA104", "## What is A?\n\nThought for 12 seconds\n\nA is a.\n", [3]),
    ("QA104", "## What is A?\n\nMake sure, here in the loop, to check A.\n", []),
    ("QA104", "## What is A?\n\nThe cite: tag and a dagger † are fine. Regenerate the index nightly.\n", []),
    ("QA104", "## What is A?\n\nNever say \"I hope this helps\" in a reply.\n", []),
    ("QA104", "## What is A?\n\nThinker works as a large language model for text.\n", []),
    ("QA104", "## What is A?\n\n```\nSure! Here's code\n```\n", []),
]


@pytest.mark.parametrize("code,text,lines", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_cases(tmp_path: Path, code: str, text: str, lines: list[int]) -> None:
    found = [f for f in lint_text(tmp_path, text, code) if f.code == code]
    assert [f.line for f in found] == lines, [f.message for f in found]


def test_question_banks_are_marked_and_can_be_left_out() -> None:
    """Adjacent list-item questions none of which is answered form a bank; a list item
    among answered ones, and heading stubs, are plain stubs."""
    from curate.corpus.model import Document, Record, Span
    from curate.rules.base import RuleContext
    from curate.rules.content import EmptyAnswer

    def rec(line: int, layout: str, answer: str = "", end: int | None = None) -> Record:
        return Record(id=str(line), kind="question", question=f"Q{line}?", number=None, question_md=f"Q{line}?",
                      answer_md=answer, answer_text=answer, answer_offset=0, topic_path=(), images=(), links=(),
                      span=Span("n.md", line, end or line), layout=layout, level=2 if layout == "heading" else None)

    records = (rec(3, "list"), rec(4, "list"), rec(5, "list"),             # a bank
               rec(7, "heading", end=8), rec(9, "heading", "E.", end=11),  # a stub, an answer
               rec(13, "list", "M.", end=14), rec(15, "list"))            # a stub among answers
    doc = Document("n.md", "n.md", "\n" * 20, records=records)
    rule = EmptyAnswer()
    found = list(rule.check_document(doc, RuleContext(as_of=AS_OF, options=EmptyAnswer.Options())))
    assert [(f.line, "list of unanswered" in f.message) for f in found] == [
        (3, True), (4, True), (5, True), (7, False), (15, False)]
    quiet = rule.check_document(doc, RuleContext(as_of=AS_OF, options=EmptyAnswer.Options(question_banks=False)))
    assert [f.line for f in quiet] == [7, 15]


def test_normalize_placeholder() -> None:
    assert normalize_placeholder("**[TBD]**") == "tbd"
    assert normalize_placeholder("Answer here.") == "answer here"
    assert normalize_placeholder("- ...") == "..."


def test_options_change_behaviour(tmp_path: Path) -> None:
    from curate.corpus.markdown import parse_document
    from curate.rules.base import RuleContext
    from curate.rules.content import PlaceholderAnswer

    doc = parse_document("## What is A?\n\n[x](https://x.org)\n\n## What is B?\n\nNot yet\n", "n.md", "n.md")
    rule = PlaceholderAnswer()
    ctx = RuleContext(as_of=AS_OF, options=PlaceholderAnswer.Options(lone_link=False, phrases=("not yet",)))
    assert [f.line for f in rule.check_document(doc, ctx)] == [7]


# -- the seed notes (spec/seed-defects.md) -------------------------------------------------


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.md"))


def test_seed_002_has_24_empty_stubs() -> None:
    found = lint_paths([SEEDS], "QA101")
    lines = [f.line for f in found if f.path.endswith(seed("002").name)]
    assert len(lines) == 24
    assert min(lines) >= 330 and max(lines) <= 396
    assert all(f.path.endswith(seed("002").name) for f in found)


def test_seed_000_image_only_section() -> None:
    found = lint_paths([SEEDS], "QA103")
    assert [(Path(f.path).name[:3], f.line, f.end_line) for f in found] == [("000", 78, 96)]


def test_seeds_have_no_placeholder_or_residue() -> None:
    assert lint_paths([SEEDS], "QA102") == []
    assert lint_paths([SEEDS], "QA104") == []


# -- real corpora, findings checked by reading -----------------------------------------------


def corpus(name: str) -> Path:
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip("shared corpora not available")
    return path


def test_alexeygrigorev_answer_here_placeholders() -> None:
    root = corpus("alexeygrigorev__data-science-interviews")
    found = lint_paths([root], "QA102")
    assert len(found) == 14
    assert all("Answer here" in f.message for f in found)
    text = (root / "theory.md").read_text(encoding="utf-8").splitlines()
    assert all(text[f.line - 1].strip() == "Answer here" for f in found)


def test_alirezadir_tbd_markers() -> None:
    root = corpus("alirezadir__Machine-Learning-Interviews")
    found = lint_paths([root], "QA102")
    tbd = sorted((Path(f.path).name, f.line) for f in found if "TBD" in f.message)
    assert tbd == [("ml-depth.md", 10), ("ml-fundamental.md", 51), ("ml-fundamental.md", 77), ("ml-fundamental.md", 113)]


def test_rohanmistry_control_corpus_is_clean() -> None:
    root = corpus("rohanmistry231__ML-Interview-Preparation-Hub")
    assert lint_paths([root], "QA1") == []


def test_aishwaryanr_residue_only_in_copied_links() -> None:
    """Quoted stock phrases ("Say 'I hope this helps' zero times") and "functions as a
    large language model" are prose; only the chatbot-copied links are residue."""
    root = corpus("aishwaryanr__awesome-generative-ai-guide")
    files = [
        "resources/our_favourite_ai_tools.md",
        "interview_prep/roles/ai-product-manager/questions.md",
        "free_courses/openclaw_mastery_for_everyone/days/day-02-give-it-a-soul/learn.md",
        "free_courses/openclaw_mastery_for_everyone/days/day-08-let-it-write/learn.md",
        "research_updates/2025_papers/march_list.md",
    ]
    found = lint_paths([root / f for f in files], "QA104", root=root)
    assert len(found) == 7
    assert all("utm_source=chatgpt.com" in f.message and f.path.endswith("our_favourite_ai_tools.md") for f in found)
