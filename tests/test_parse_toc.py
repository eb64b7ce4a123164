"""Tables of contents and indexes are never question records; headings inside list
items and emoji shortcodes in headings are read as people read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from curate.corpus.loader import load_corpus
from curate.corpus.markdown import parse_document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def parse(text: str):
    return parse_document(text, "notes.md", "notes.md")


def questions(doc) -> list[str]:
    return [r.question for r in doc.records if r.is_question]


@pytest.mark.parametrize(
    "index",
    [
        # anchors at the bottom of the file, under a heading that says nothing about it
        "## More\n\n- [What is X?](#what-is-x)\n- [What is Y?](#what-is-y)\n",
        # links to other notes of the corpus, nested
        "## Index\n\n- Basics\n  - [What is X?](basics.md#what-is-x)\n  - [What is Y?](./basics.md)\n"
        "- [Why Z?](advanced/README.md)\n",
        # an index written as a table, numbered, with a section label row
        "## Questions\n\n| No. | Question |\n| --- | --- |\n| 1 | [What is X?](#what-is-x) |\n"
        "|   | **Hooks** |\n| 2 | [What is Y?](#what-is-y) |\n| 3 | [Why Z?](#why-z) |\n",
        # wrapped in a <details> with a "show the contents" summary
        "### Contents\n\n<details open>\n<summary>Show table of contents</summary>\n\n"
        "| No. | Questions |\n| --- | --- |\n| 1 | [What is X?](#what-is-x) |\n| 2 | [What is Y?](#what-is-y) |\n\n</details>\n",
    ],
)
def test_index_blocks_give_no_records(index: str) -> None:
    body = "# Notes\n\n## What is X?\n\nX is x.\n\n## What is Y?\n\nY is y.\n\n"
    for text in (index + "\n" + body, body + index):
        doc = parse(text)
        assert questions(doc) == ["What is X?", "What is Y?"], text
        assert "toc" in [s.kind for s in doc.extras] or not any(r.question in ("More", "Index", "Questions", "Contents")
                                                                  for r in doc.records)


def test_question_list_with_external_links_is_not_an_index() -> None:
    doc = parse("## Interview questions\n\n- What is X?\n- [Why do you want this job?](https://example.org/v)\n"
                "- What is Y?\n")
    assert "What is X?" in questions(doc) and "What is Y?" in questions(doc)


def test_heading_inside_numbered_item_is_a_question() -> None:
    text = ("## Core\n\n1.  ### What is React?\n\n    A library.\n\n    **[Back to Top](#core)**\n\n"
            "2.  ### What is JSX?\n\n    Syntax.\n")
    doc = parse(text)
    assert questions(doc) == ["What is React?", "What is JSX?"]
    first = doc.records[[r.question for r in doc.records].index("What is React?")]
    assert "A library." in first.answer_md and "Syntax" not in first.answer_md


def test_emoji_shortcodes_are_not_left_half_stripped() -> None:
    doc = parse("# :star: :bookmark: Sysadmin questions\n\n## :diamond_shape_with_a_dot_inside: General\n\n"
                "Some text.\n\n## What is std::move?\n\nIt casts.\n")
    topics = [r.question for r in doc.records if not r.is_question]
    assert "General" in topics and not any(":" in t for t in topics)
    assert questions(doc) == ["What is std::move?"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared corpora not present")
def test_sudheerj_questions_in_list_item_headings_and_two_index_tables() -> None:
    corpus = load_corpus([SHARED / "sudheerj__reactjs-interview-questions"])
    doc = next(d for d in corpus.documents if d.rel_path == "README.md")
    listed = [r for r in doc.records if r.is_question and r.layout == "list"]
    assert len(listed) >= 400  # 415 questions, each "N.  ### Question?" with the answer indented below
    assert all(r.answer_text for r in listed[:50])
    assert [s.kind for s in doc.extras].count("toc") == 2
    assert not any(r.question == "Table of Contents" for r in doc.records)


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared corpora not present")
def test_trimstray_headings_lose_their_shortcodes() -> None:
    corpus = load_corpus([SHARED / "trimstray__test-your-sysadmin-skills"])
    names = {p for d in corpus.documents for r in d.records for p in (r.question, *r.topic_path)}
    assert not any(n.startswith(tuple("abcdefghijklmnopqrstuvwxyz")) and ": :" in n for n in names)
    assert not any(n.split(" ", 1)[0].endswith(":") and n.split(" ", 1)[0][:-1].isidentifier() for n in names if n)


def test_a_reading_list_after_a_bank_is_not_the_last_questions_answer() -> None:
    doc = parse("## Sample questions\n\n- What is A?\n- What is B?\n- What is C?\n"
                "* [45 interview questions](https://example.org/45)\n\nMore prose here.\n")
    assert [(r.question, r.answer_md) for r in doc.records if r.is_question] == [
        ("What is A?", ""), ("What is B?", ""), ("What is C?", "")]


def test_cjk_question_without_spaces_and_siblings_are_no_answers() -> None:
    doc = parse("## 面试题\n\n面试官可能会问你以下问题。\n\n-   Dubbo 的 SPI 思想是什么？\n-   分布式服务接口请求的顺序性如何保证？\n"
                "-   如何自己设计一个类似 Dubbo 的 RPC 框架？\n")
    assert len([r for r in doc.records if r.is_question]) == 3
    doc = parse("## Example prompts for the interview questions\n\n- \"Implement a cache. What breaks?\"\n"
                "- Some note that is not a question\n- \"Why is B slow?\"\n")
    assert [(r.question, r.answer_md) for r in doc.records if r.is_question][0][1] == ""


def test_a_heading_inside_the_answers_details_block_belongs_to_the_answer() -> None:
    text = ("###### 1. What is the output?\n\n- A: 1\n- B: 2\n\n<details><summary><b>Odgovor</b></summary>\n<p>\n\n"
            "#### Odgovor: B\n\nBecause of hoisting.\n\n</p>\n</details>\n\n---\n\n###### 2. Why?\n\nBecause.\n")
    doc = parse(text)
    assert [r.question for r in doc.records] == ["What is the output?", "Why?"]
    assert "Because of hoisting." in doc.records[0].answer_md
