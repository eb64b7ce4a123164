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
    # a lone link written as "[[Answer]](url)", and links under a "Useful resources:" label
    ("QA102", "## What is A?\n\n[[Answer]](https://example.org/a)\n", [3]),
    ("QA102", "## What is A?\n\nUseful resources:\n\n- [One](https://a.org/1)\n- [Two](https://b.org/2)\n", [3]),
    ("QA102", "## Which books teach A?\n\nUseful resources:\n\n- [One](https://a.org/1)\n- [Two](https://b.org/2)\n", []),
    # template slots, whole answer or one line of a longer one
    ("QA102", "## What is attention?\n\n[Topic: attention mechanisms, transformers]\n", [3]),
    ("QA102", "## What is A?\n\nA is the first letter.\n\n- [Insert example here]\n", [5]),
    ("QA102", "## What is A?\n\nA is a [note: see below] letter.\n\n[1]: https://example.org\n", []),
    ("QA102", "## What is A?\n\nTo be completed.\n", [3]),
    # code is not a stand-in, even in a fence indented inside a list item
    ("QA102", "1. What is a todo app?\n\n    It lists tasks.\n\n        ```jsx\n        todo={todo}\n        ```\n\n"
              "    And this:\n\n    xxx(arr)\n", []),
    # a bold "Back to Top" link is navigation, not a lone-link answer: the answer is empty
    ("QA101", "## What is A?\n\n**[⬆ Back to Top](#table-of-contents)**\n\n## What is B?\n\nB.\n", [1]),
    ("QA102", "## What is A?\n\n**[⬆ Back to Top](#table-of-contents)**\n\n## What is B?\n\nB.\n", []),
    # a figure under its list question is the question's; a heading that is a link over a banner is a promo
    ("QA103", "## Exercises\n\n1. How well would SVM work on this data?\n![image](svm2.png)\n1. Why?\n![image](s.png)\n", []),
    ("QA103", "# Title\n\nIntro.\n\n## [View online](https://example.org/)\n\n[![Banner](b.png)](https://example.org/)\n\n## More\n\nText.\n", []),
    ("QA103", "## What is a GAN?\n![gan](gan.png)\n\n## What is a VAE?\n\nA VAE encodes.\n", [1]),
    # offers and openers in other wordings; a course's own "Below is a short summary" is prose
    ("QA104", "## What is RAG?\n\nSure — here's a quick version.\nRetrieval then generation.\nI can also expand this into a table.\n", [3, 5]),
    ("QA104", "## What is RAG?\n\nRetrieval then generation. Let me know if you'd like me to add code.\n", [3]),
    ("QA104", "## What is RAG?\n\nRetrieval then generation.\n\nWould you like a diagram of the pipeline?\n", [5]),
    ("QA104", "## Paper\n\nBelow is a short summary of how the authors frame the problem:\n\nWould you like to know more? Read on.\n", []),
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


def test_question_banks_are_one_info_finding_and_can_be_left_out() -> None:
    """Three or more list-item questions under one heading with nothing after them form a
    bank: one info finding with the count. A list item among answered ones, an empty
    answer slot, and heading stubs stay errors."""
    from curate.corpus.model import Document, Record, Span
    from curate.rules.base import RuleContext, Severity
    from curate.rules.content import EmptyAnswer

    def rec(line: int, layout: str, answer: str = "", end: int | None = None, topic: str = "A") -> Record:
        return Record(id=str(line), kind="question", question=f"Q{line}?", number=None, question_md=f"Q{line}?",
                      answer_md=answer, answer_text=answer, answer_offset=0, topic_path=(topic,), images=(), links=(),
                      span=Span("n.md", line, end or line), layout=layout, level=2 if layout == "heading" else None)

    records = (rec(3, "list"), rec(4, "list"), rec(5, "list"), rec(6, "list"),   # a bank
               rec(7, "heading", end=8, topic="B"), rec(9, "heading", "E.", end=11, topic="B"),  # a stub, an answer
               rec(13, "list", "M.", end=14, topic="C"), rec(15, "list", topic="C"),
               rec(16, "list", "N.", topic="C"),                                 # a stub among answers
               rec(20, "bold", "<details>\n</details>", topic="D"), rec(21, "bold", "<details>\n</details>", topic="D"),
               rec(22, "bold", "<details>\n</details>", topic="D"))            # slots left empty
    doc = Document("n.md", "n.md", "x\n" * 30, records=records)
    rule = EmptyAnswer()
    found = list(rule.check_document(doc, RuleContext(as_of=AS_OF, options=EmptyAnswer.Options())))
    assert sorted((f.line, f.severity) for f in found) == [
        (3, Severity.INFO), (7, Severity.ERROR), (15, Severity.ERROR),
        (20, Severity.ERROR), (21, Severity.ERROR), (22, Severity.ERROR)]
    bank = next(f for f in found if f.line == 3)
    assert "4 of 4 questions" in bank.message and bank.end_line == 6
    quiet = rule.check_document(doc, RuleContext(as_of=AS_OF, options=EmptyAnswer.Options(question_banks=False)))
    assert sorted(f.line for f in quiet) == [7, 15, 20, 21, 22]
    strict = rule.check_document(doc, RuleContext(as_of=AS_OF, options=EmptyAnswer.Options(bank_min_questions=5)))
    assert sorted(f.line for f in strict) == [3, 4, 5, 6, 7, 15, 20, 21, 22]


@pytest.mark.parametrize("marker", ["<!-- curate: question-bank -->\n", "---\ntitle: Drills\ncurate: question-bank\n---\n"])
def test_a_file_marked_as_question_bank_gets_no_empty_answer_findings(tmp_path: Path, marker: str) -> None:
    text = "# Drills\n\n## What is A?\n\n## Interview questions\n\n- Why is B?\n- Why is C?\n"
    assert [f.line for f in lint_text(tmp_path, text, "QA101")] == [3, 7]  # the two bare list questions: one bank finding
    lines = [f.line for f in lint_text(tmp_path, marker + text, "QA101")]
    assert lines == []


def test_bank_files_option_and_severity_through_the_engine(tmp_path: Path) -> None:
    from curate.rules.base import Severity

    (tmp_path / "drills.md").write_text("# Interview questions\n\n- Why is A?\n- Why is B?\n- Why is C?\n", encoding="utf-8")
    corpus = load_corpus([str(tmp_path / "drills.md")], root=tmp_path)
    found = run_engine(corpus, RULES, as_of=AS_OF, config=Config(root=corpus.root, select=("QA101",))).findings
    assert [(f.line, f.severity) for f in found] == [(3, Severity.INFO)]
    config = Config(root=corpus.root, select=("QA101",), rules={"QA101": {"bank_files": ["drill*.md"]}})
    assert run_engine(corpus, RULES, as_of=AS_OF, config=config).findings == []


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared corpora not present")
def test_question_banks_in_real_corpora() -> None:
    """trimstray's 14 bullet-only questions and the practice lists of alirezadir and
    aishwaryanr are banks (one info each); ajitsingh98's empty <details> answers stay
    errors."""
    from curate.rules.base import Severity

    trim = lint_paths([CORPORA / "trimstray__test-your-sysadmin-skills"], "QA101")
    assert [f for f in trim if f.severity == Severity.ERROR] == []
    assert 1 <= len(trim) <= 3 and all("question bank" in f.message for f in trim)
    ml = lint_paths([CORPORA / "alirezadir__Machine-Learning-Interviews" / "src" / "ml-fundamental.md"], "QA101")
    assert [(f.line, f.severity) for f in ml] == [(245, Severity.INFO)]  # the whole file is one bank
    ajit = lint_paths([CORPORA / "ajitsingh98__Data-Science-Interview-Questions-Answers" / "computer_science_questions.md"],
                      "QA101")
    assert len([f for f in ajit if f.severity == Severity.ERROR]) >= 10


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


def test_seeds_have_no_placeholder_and_one_chat_opener() -> None:
    assert lint_paths([SEEDS], "QA102") == []
    # "Sure! Let's explore the differences ..." opens an answer to "Can you explain ...?"
    found = lint_paths([SEEDS], "QA104")
    assert [(Path(f.path).name[:3], f.line) for f in found] == [("002", 115)]
    assert found[0].fix is not None and not found[0].fix.safe


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
    assert lint_paths([root / f for f in files], "QA104", root=root) == []  # chatbot links are opt-in
    corpus_ = load_corpus([str(root / f) for f in files], root=root)
    config = Config(root=corpus_.root, select=("QA104",), rules={"QA104": {"chatbot_links": True}})
    found = run_engine(corpus_, RULES, as_of=AS_OF, config=config).findings
    assert len(found) == 7
    assert all("utm_source=chatgpt.com" in f.message and f.path.endswith("our_favourite_ai_tools.md") for f in found)


def test_empty_files_are_reported_once(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.md").write_text("\n  \n", encoding="utf-8")
    (tmp_path / "note.md").write_text("## What is A?\n\nA is a.\n", encoding="utf-8")
    corpus = load_corpus([str(tmp_path)], root=tmp_path)
    found = run_engine(corpus, RULES, as_of=AS_OF, config=Config(root=corpus.root, select=("QA101",))).findings
    assert sorted((Path(f.path).name, f.line) for f in found) == [("blank.md", 1), ("empty.md", 1)]
    assert any("0 bytes" in f.message for f in found)
    config = Config(root=corpus.root, select=("QA101",), rules={"QA101": {"empty_files": False}})
    assert run_engine(corpus, RULES, as_of=AS_OF, config=config).findings == []


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared corpora not present")
def test_zero_byte_files_in_real_corpora() -> None:
    found = lint_paths([CORPORA / "alirezadir__Machine-Learning-Interviews"], "QA101")
    assert [f.path.rsplit("/", 1)[-1] for f in found if "0 bytes" in f.message] == ["mlsd-typeahead.md"]


def test_questions_carrying_the_files_own_no_answer_marker(tmp_path: Path) -> None:
    text = ("# Drills\n\n:warning: Questions marked **`***`** don't have answer yet - make a pull request!\n\n"
            "<details>\n<summary><b>What is A? ***</b></summary><br>\n\nA half answer.\n\n</details>\n\n"
            "<details>\n<summary><b>What is B?</b></summary><br>\n\nB is b.\n\n</details>\n\n"
            "<details>\n<summary><b>What is C? ***</b></summary><br>\n\nTo be completed.\n\n</details>\n")
    found = lint_text(tmp_path, text, "QA102")
    assert [(f.line, "marked '***'" in f.message) for f in found] == [(6, True), (20, False)]
    assert lint_text(tmp_path, text.replace("Questions marked", "Stars are"), "QA102")[0].line == 20


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared corpora not present")
def test_trimstray_to_be_completed_and_marked_questions() -> None:
    found = lint_paths([CORPORA / "trimstray__test-your-sysadmin-skills"], "QA102")
    completed = [f for f in found if "To be completed" in f.message]
    marked = [f for f in found if "marked '***'" in f.message]
    assert len(completed) >= 45 and 5 <= len(marked) <= 8
    assert len({f.record_id for f in found}) == len(found)  # one finding per question


def test_residue_opener_needs_a_whole_word_in_real_corpora() -> None:
    """trimstray's 'Of course, it is recommended ...' is prose (labelled false: 'I' matched
    the start of 'it'); ajitsingh98's pasted 'Certainly! Here are ...' is still found."""
    from curate.run.execute import lint

    sysadmin = CORPORA / "trimstray__test-your-sysadmin-skills"
    notes = CORPORA / "ajitsingh98__Data-Science-Interview-Questions-Answers" / "unsupervised_learning.md"
    if not sysadmin.is_dir() or not notes.is_file():
        pytest.skip("shared corpora absent")
    assert lint([str(sysadmin)], select=("QA104",)).findings == []
    assert [f.line for f in lint([str(notes)], select=("QA104",)).findings] == [603]
