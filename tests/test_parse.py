"""Parser: the five seed notes (spec/seed-defects.md) and one case per layout, with
negative cases for what must stay text."""

from __future__ import annotations

from pathlib import Path

import pytest

from curate.corpus.loader import load_corpus
from curate.corpus.markdown import parse_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "genai-notes"


def parse(text: str, name: str = "notes.md"):
    return parse_document(text, name, name)


def questions(doc):
    return [r for r in doc.records if r.kind == "question"]


def check_offsets(doc) -> None:
    for r in doc.records:
        assert doc.text[r.answer_offset : r.answer_offset + len(r.answer_md)] == r.answer_md
    for s in doc.extras:
        assert doc.text[s.offset : s.offset + len(s.markdown)] == s.markdown


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus([EXAMPLES])
    return {doc.rel_path[:3]: doc for doc in corpus.documents}


SEED_LINES = {
    "000": [3, 7, 19, 25, 29, 37, 45, 49, 55, 62, 66, 74],
    "001": [1, 5, 13, 16, 20, 23, 26, 28, 33, 36, 43, 45, 47, 54, 63, 65, 67, 69, 71, 73, 75, 77, 79, 81, 88, 90, 92],
    "002": [4, 56, 113, 173, 219, 269, 323] + [330, 333, 336, 340, 342, 344, 346, 350, 352, 354, 358, 360, 362, 366, 368, 372, 374, 378, 380, 384, 386, 390, 392, 396],
    "003": [13],
    "004": [2],
}


@pytest.mark.parametrize("seed", sorted(SEED_LINES))
def test_seed_question_lines(seeds, seed):
    doc = seeds[seed]
    assert [r.span.line_start for r in questions(doc)] == SEED_LINES[seed]
    check_offsets(doc)


def test_seed_000_plain_lines_and_image_only_section(seeds):
    doc = seeds["000"]
    first = questions(doc)[0]
    assert first.question == "What is Generative AI?" and first.layout == "plain"
    assert first.topic_path == ("Gen-AI",)
    transformer = questions(doc)[8]
    assert [i.line for i in transformer.images] == [60] and transformer.images[0].alt == "image"
    last = questions(doc)[-1]
    assert last.span.line_end == 76  # "Advanced Topics" is not part of the answer
    # a titled run of images is a topic (images are content of its own); QA103 flags it
    (section,) = [r for r in doc.records if r.question == "Advanced Topics"]
    assert section.kind == "topic" and section.span.line_start == 78
    assert [i.line for i in section.images] == [81, 84, 87, 90, 93, 96]


def test_seed_001_numbers_and_links(seeds):
    doc = seeds["001"]
    qs = questions(doc)
    assert qs[17].number == "18" and qs[17].question == "What is an autoencoder?"
    assert qs[3].question == "Explain the structure of a GAN."
    assert any(l.line == 18 and l.target.startswith("https://aws.amazon.com/") for l in qs[3].links)
    assert [(i.target, i.alt, i.line) for i in qs[8].images] == [("image.png", "alt text", 35)]


def test_seed_002_topic_paths_stubs_and_subsections(seeds):
    doc = seeds["002"]
    qs = questions(doc)
    assert len(qs) == 31
    assert sum(1 for r in qs if not r.answer_text.strip()) == 24
    assert qs[0].topic_path == ("Basic Concepts of Generative AI",)
    assert qs[0].span.line_end == 53  # "### ..." subsections stay in the answer
    assert qs[3].topic_path == ("Transfer Learning",)
    assert qs[7].topic_path == ("Practical Applications",)
    assert qs[2].number == "4"
    assert qs[0].question == "What is Generative AI, and how does it differ from traditional AI models?"


def test_seed_003_tutorial_is_topics(seeds):
    doc = seeds["003"]
    topics = [r for r in doc.records if r.kind == "topic"]
    assert len(topics) >= 10
    gans = next(r for r in topics if r.question.startswith("Generative Adversarial Networks"))
    assert gans.number == "a" and gans.topic_path[-1] == "Types of Generative Models"
    assert [i.line for i in gans.images] == [28, 31, 34]


def test_seed_004_question_then_topics(seeds):
    doc = seeds["004"]
    (q,) = questions(doc)
    assert q.level == 4 and q.span.line_end == 16  # "##### Types ..." belongs to the answer
    assert [(r.question, r.span.line_start) for r in doc.records if r.kind == "topic"] == [
        ("Autoencoders", 18),
        ("Recurrent Neural Networks", 28),
        ("Generative Adversial Networks", 33),
        ("Transformers", 41),
        ("Variational Models", 46),
    ]


# --- one case per layout -------------------------------------------------------------

HEADING_FORMS = [
    ("# 1. What is X?", "What is X?", "1"),
    ("# 18.What is X?", "What is X?", "18"),
    ("## **What is X?**", "What is X?", None),
    ("### Q1: What is X? ###", "What is X?", "1"),
    ("#### 1) What is X? [[src](https://example.org/x)]", "What is X?", "1"),
    ("## What is `dict.get`? 🤔", "What is dict.get?", None),
    ("## Explain the attention mechanism", "Explain the attention mechanism", None),
    ("## Describe overfitting", "Describe overfitting", None),
    ("## List the types of joins", "List the types of joins", None),
    ("### 4. Give examples of breaking changes", "Give examples of breaking changes", "4"),
    ("## `/doctor` shows a warning: is that OK?", "/doctor shows a warning: is that OK?", None),
    ("## What does `@Input` do?", "What does @Input do?", None),
    ("## What is a harness", "What is a harness", None),
]


@pytest.mark.parametrize("heading,question,number", HEADING_FORMS)
def test_heading_questions(heading, question, number):
    doc = parse(f"{heading}\n\nThe answer.\n")
    (r,) = doc.records
    assert (r.kind, r.question, r.number, r.layout) == ("question", question, number, "heading")
    assert r.answer_md == "The answer." and r.span.line_start == 1


@pytest.mark.parametrize(
    "heading",
    ["## How to install", "## How it works", "## List comprehensions", "## What Should Be True After Day 1",
     "## Define Security Requirements Early", "## Overview", "## 2. **Types of Models**", "## What's new",
     "## Examples of closures", "## Use cases", "## 🤔 Still have questions?", "## Got more questions?"],
)
def test_tutorial_headings_are_topics(heading):
    doc = parse(f"{heading}\n\nSome text.\n")
    assert [r.kind for r in doc.records] == ["topic"]


def test_heading_link_kept_on_record():
    doc = parse("#### 1) What is X? [[src](https://example.org/x)]\nAnswer.\n")
    assert [l.target for l in doc.records[0].links] == ["https://example.org/x"]


def test_deeper_heading_belongs_to_question_but_question_heading_splits():
    doc = parse("## What is A?\ntext\n### Details\nmore\n### What is B?\nb\n## Topic\nbody\n")
    assert [(r.kind, r.question, r.span.line_start, r.span.line_end) for r in doc.records] == [
        ("question", "What is A?", 1, 4),
        ("question", "What is B?", 5, 6),
        ("topic", "Topic", 7, 8),
    ]


def test_thematic_break_after_heading_is_not_setext():
    doc = parse("# Basics\n-----\n\n## What is X?\n\nx\n")
    (q,) = questions(doc)
    assert q.topic_path == ("Basics",) and q.span.line_start == 4


def test_bold_layouts_share_paragraph_or_not():
    text = (
        "# N\n\n**Q1: What is a list?**\nA list is mutable.\n\n"
        "**Question:** What is a tuple?\n**Answer:** An immutable sequence.\n\n"
        "Q: What is a dict?\nAns: A mapping.\n\n"
        "**What is regression? 👶**\n\nA model.\n"
    )
    doc = parse(text)
    got = [(r.question, r.number, r.span.line_start, r.answer_text) for r in doc.records]
    assert got == [
        ("What is a list?", "1", 3, "A list is mutable."),
        ("What is a tuple?", None, 6, "An immutable sequence."),
        ("What is a dict?", None, 9, "A mapping."),
        ("What is regression?", None, 12, "A model."),
    ]
    assert doc.records[1].answer_md == "An immutable sequence."
    check_offsets(doc)


def test_bold_lead_in_sentence_is_not_a_question():
    doc = parse("# About\n\n**Want to learn live with us?** We also teach cohorts on many topics.\n\n**Definition**: text\n")
    assert not questions(doc)


def test_plain_lines_need_a_run():
    doc = parse("# Notes\n\nSome intro text here.\n\nWhy does this matter? Because it does.\n\nMore prose.\n")
    assert not questions(doc)
    doc = parse("What is A?\n\nA is a.\n\nWhat is B?\n\nB is b.\n")
    assert [(r.question, r.layout, r.answer_text) for r in doc.records] == [
        ("What is A?", "plain", "A is a."),
        ("What is B?", "plain", "B is b."),
    ]


def test_list_questions_with_nested_and_following_answers():
    text = (
        "# Interview questions\n\n1. What is a generator?\n   It yields values.\n"
        "2. **What is a decorator?**\n\n   A function wrapping a function.\n\n"
        "3. **Describe the architecture of a transformer model.**\n- Answer:\n    Encoder and decoder.\n"
    )
    doc = parse(text)
    got = [(r.question, r.number, r.span.line_start, r.answer_text) for r in questions(doc)]
    assert got == [
        ("What is a generator?", "1", 3, "It yields values."),
        ("What is a decorator?", "2", 5, "A function wrapping a function."),
        ("Describe the architecture of a transformer model.", "3", 9, "Encoder and decoder."),
    ]
    check_offsets(doc)


def test_question_checklist_in_a_tutorial_stays_text():
    text = "# Securing agents\n\nAsk yourself:\n\n- Is it repetitive?\n- Does it need language?\n"
    assert not questions(parse(text, "guide.md"))
    text2 = "# Running the service\n\nBefore a change, check:\n\n- Is it repetitive?\n- Does it need language?\n"
    assert not questions(parse(text2, "guide.md"))
    assert len(questions(parse(text2, "interview-questions.md"))) == 2


def test_table_of_contents_is_never_a_record():
    text = (
        "# Questions\n\n## Table of Contents\n\n1. [What is X?](#1-what-is-x)\n2. [What is Y?](#2-what-is-y)\n\n"
        "## 1. What is X?\n\nx\n\n## 2. What is Y?\n\ny\n"
    )
    doc = parse(text)
    assert [r.question for r in doc.records] == ["What is X?", "What is Y?"]
    assert [(s.kind, s.heading) for s in doc.extras] == [("toc", "Table of Contents")]


def test_details_blocks():
    text = (
        "# Bank\n\n<details>\n<summary><b>1. What is a set?</b></summary>\n\nA set is unordered.\n\n</details>\n\n"
        "<details>\n<summary>Show more</summary>\n\nhidden\n\n</details>\n"
    )
    doc = parse(text)
    (q,) = questions(doc)
    assert (q.question, q.number, q.layout, q.span.line_start, q.span.line_end) == ("What is a set?", "1", "details", 4, 8)
    assert q.answer_text == "A set is unordered."


def test_question_answer_table():
    text = "| # | Question | Answer |\n|---|---|---|\n| 1 | What is GIL? | A lock ![](y.png) |\n| 2 | What is PEP8? | A style guide |\n"
    doc = parse(text)
    assert [(r.question, r.number, r.span.line_start, r.answer_md) for r in doc.records] == [
        ("What is GIL?", "1", 3, "A lock ![](y.png)"),
        ("What is PEP8?", "2", 4, "A style guide"),
    ]
    assert [(i.target, i.alt, i.line) for i in doc.records[0].images] == [("y.png", "", 3)]


def test_empty_image_and_link_targets_are_recorded():
    doc = parse("## What is X?\n\nSee ![]() and [here]() and <img src=\"\">.\n")
    (r,) = doc.records
    assert [(i.target, i.line) for i in r.images] == [("", 3), ("", 3)]
    assert [(l.target, l.text, l.line) for l in r.links] == [("", "here", 3)]
    check_offsets(doc)


def test_question_answer_sections():
    doc = parse("## Question\n\nDifficulty: easy\n\nWhat is recursion?\n\n## Answer\n\nA function calling itself.\n")
    (r,) = doc.records
    assert (r.question, r.layout, r.span.line_start, r.span.line_end) == ("What is recursion?", "section", 5, 9)
    assert r.answer_text == "A function calling itself."


def test_preface_and_image_only_sections_are_extras():
    doc = parse("Intro text.\n\n## Gallery\n\n![a](a.png)\n\n## What is X?\n\nx\n")
    assert [(s.kind, s.heading) for s in doc.extras] == [("preface", ""), ("section", "Gallery")]
    assert doc.extras[1].images[0].line == 5


def test_front_matter_is_not_a_heading():
    doc = parse("---\ntitle: Notes\ntags: [a]\n---\n\n## What is X?\n\nx\n")
    assert [(r.question, r.span.line_start) for r in doc.records] == [("What is X?", 6)]


def test_a_front_matter_title_that_asks_is_the_question_of_a_one_question_file():
    """One question per file, held in the front matter: its sections are the answer."""
    text = ('---\ntitle: "What is the difference between unique_ptr and shared_ptr?"\ntags: [cpp]\n---\n\n'
            "## Short answer\n\nOne owner vs shared ownership.\n\n## Red flags\n\n- Saying one is always safer.\n")
    doc = parse(text)
    assert [(r.kind, r.question) for r in doc.records] == [
        ("question", "What is the difference between unique_ptr and shared_ptr?")]
    record = doc.records[0]
    assert record.answer_md.startswith("## Short answer") and "Red flags" in record.answer_md
    check_offsets(doc)
    # a title that does not ask, or a body with its own title, keeps the body's records
    assert [r.question for r in parse("---\ntitle: Smart pointers\n---\n\n## Short answer\n\nx\n").records] == ["Short answer"]
    own = parse("---\ntitle: What is X?\n---\n\n# What is Y?\n\ny\n")
    assert [r.question for r in own.records] == ["What is Y?"]


def test_a_jbake_header_closed_by_tildes_is_front_matter_not_a_code_fence():
    """``key=value`` lines then ``~~~~~~`` at the top of a file: a JBake header. Read as
    a paragraph and a fence opening, the fence ran to the end and hid every record."""
    text = ("title=Closures in practice\ndate=2020-01-01\ntype=post\nstatus=published\n~~~~~~\n\n"
            "## What is a closure?\n\nA function with its environment.\n\n## What is hoisting?\n\nDeclarations move up.\n")
    doc = parse(text)
    assert [(r.question, r.span.line_start, r.answer_text) for r in doc.records] == [
        ("What is a closure?", 7, "A function with its environment."), ("What is hoisting?", 11, "Declarations move up.")]
    assert not doc.extras
    check_offsets(doc)
    # a title that asks, over a body with no title of its own, is the file's one question
    asks = parse("title=Are you still mocking me?\ntype=post\nstatus=published\n~~~~~~\nJMock 2 came out.\n")
    assert [(r.question, r.answer_text) for r in asks.records] == [("Are you still mocking me?", "JMock 2 came out.")]
    check_offsets(asks)


def test_assignments_above_a_tilde_fence_are_no_header():
    """Lines of assignments without a JBake field, or a fence with an info string, keep
    the fence a fence."""
    for text in ("a=1\nb=2\n~~~~~~\n## What is X?\n~~~~~~\n", "title=X\ntype=post\n~~~ python\n## What is X?\n~~~\n",
                 "title=X\n~~~~~~\n## What is X?\n~~~~~~\n"):
        assert [r.question for r in parse(text).records] == [], text


def test_crlf_and_lone_cr_lines():
    doc = parse("# What is A?\r\nanswer a\r\n\r\n# What is B?\rb\r")
    assert [(r.span.line_start, r.span.line_end) for r in doc.records] == [(1, 2), (4, 5)]
    assert doc.records[0].answer_md == "answer a"
    check_offsets(doc)


def test_ids_stable_when_reordered_and_distinct_for_repeats():
    a = parse("## What is X?\nx\n## What is Y?\ny\n")
    b = parse("## What is Y?\ny\n## What is X?\nx\n")
    assert {r.question: r.id for r in a.records} == {r.question: r.id for r in b.records}
    c = parse("## What is X?\nx\n## What is X?\nx\n")
    assert len({r.id for r in c.records}) == 2


def test_empty_and_blank_files():
    assert parse("").records == ()
    assert parse("\n\n   \n").records == ()


def test_label_headings_take_the_question_from_the_next_paragraph():
    doc = parse("# Bank\n\n### Q1\nWhat is a closure?\nA function with its scope.\n\n### Q2\n\nWhat is a thunk?\n\nA delayed call.\n")
    assert [(r.question, r.number, r.span.line_start, r.answer_text) for r in questions(doc)] == [
        ("What is a closure?", "1", 3, "A function with its scope."),
        ("What is a thunk?", "2", 7, "A delayed call."),
    ]
    check_offsets(doc)


def test_numbered_question_answer_sections():
    doc = parse("## Question 1\n\nWhat is X?\n\n## Answer 1\n\nx\n\n## Question 2\n\nWhat is Y?\n\n## Answer 2\n\ny\n")
    assert [(r.question, r.layout, r.answer_text) for r in doc.records] == [
        ("What is X?", "section", "x"),
        ("What is Y?", "section", "y"),
    ]


def test_numbered_questions_with_answers_outside_the_list():
    doc = parse("# Python\n\n1. What is a list?\n\nA mutable sequence.\n\n2. What is a tuple?\n\nAn immutable one.\n")
    assert [(r.question, r.number, r.span.line_start, r.answer_text) for r in questions(doc)] == [
        ("What is a list?", "1", 3, "A mutable sequence."),
        ("What is a tuple?", "2", 7, "An immutable one."),
    ]


def test_lone_rhetorical_line_in_a_section_is_text():
    doc = parse("## Overview\n\nEver wondered why models hallucinate?\n\nThey predict tokens.\n")
    assert [r.kind for r in doc.records] == ["topic"]


def test_bold_question_with_answer_on_the_same_line_in_a_faq():
    text = "# FAQ\n\n**Is it free?** Yes, see [pricing](p.md).\n\n**Can I cancel?** Any time.\n"
    doc = parse(text, "faq.md")
    got = [(r.question, r.span.line_start, r.answer_md, r.answer_text) for r in doc.records]
    assert got == [
        ("Is it free?", 3, "Yes, see [pricing](p.md).", "Yes, see pricing."),
        ("Can I cancel?", 5, "Any time.", "Any time."),
    ]
    assert [(l.target, l.line) for l in doc.records[0].links] == [("p.md", 3)]
    check_offsets(doc)
    assert not questions(parse(text.replace("# FAQ", "# About"), "about.md"))


def test_list_item_bold_question_with_same_line_answer():
    doc = parse("# Interview questions\n\n- **What is X?** X is a thing.\n- **What is Y?** Y too.\n")
    assert [(r.question, r.answer_text) for r in questions(doc)] == [("What is X?", "X is a thing."), ("What is Y?", "Y too.")]
    check_offsets(doc)


@pytest.mark.parametrize("heading", ["## Ready to Build?", "## Want to learn more?", "## Questions?"])
def test_calls_to_action_are_not_questions(heading):
    assert [r.kind for r in parse(f"{heading}\n\nJoin us.\n").records] == ["topic"]


def test_enumeration_labels_are_numbering():
    doc = parse('## Follow-up 2: "A user sends a crafted prompt. How do you stop it?"\n\nFilter.\n\n## Part 1: Setup\n\nInstall.\n')
    q, topic = doc.records
    assert (q.kind, q.number, q.question) == ("question", "2", "A user sends a crafted prompt. How do you stop it?")
    assert (topic.kind, topic.number, topic.question) == ("topic", "1", "Setup")


@pytest.mark.parametrize(
    "junk",
    ["<!-- a -->" * 2000 + " x", "<p>" + "<img " * 5000, "<p>" + '<a href="x" ' * 5000, "<details" * 5000,
     "<details>\n" + "<summary" * 5000, "<p>" + "<" * 20000, "**" * 5000 + "?"],
)
def test_html_junk_parses(junk):
    """Inputs that once made a regex backtrack: they must parse (quickly) all the same."""
    doc = parse(f"# What is this?\n\n{junk}\n")
    assert doc.records[0].question == "What is this?"


def test_html_images_and_links_with_lines():
    doc = parse('## What?\n\n<img alt="A" src="a.png"> <a href="u">t</a>\n\n<p>\n<img src="b.png">\n<a href="v">w</a></p>\n')
    (r,) = doc.records
    assert [(i.target, i.alt, i.line) for i in r.images] == [("a.png", "A", 3), ("b.png", "", 6)]
    assert [(l.target, l.text, l.line) for l in r.links] == [("u", "", 3), ("v", "w", 7)]
