"""Layout classes the parser reads by their shape, each with a case that must stay as it
was: quiz questions, summaries worded as tasks, quoted prompts, dialogue transcripts,
question-label headings with their part headings, contents titles, indexes, licence and
template sections, an item answered by an answer block, a question split by a blank line."""

from __future__ import annotations

from curate.corpus.markdown import parse_document


def parse(text: str, rel: str = "notes.md"):
    return parse_document(text, rel, rel)


def questions(doc) -> list[str]:
    return [r.question for r in doc.records if r.is_question]


def kinds(doc) -> list[tuple[str, str]]:
    return [(r.kind, r.question) for r in doc.records]


# ---------------------------------------------------------------- quiz questions

QUIZ = (
    "###### 1. All objects have prototypes.\n\n- A: true\n- B: false\n\n"
    "<details><summary><b>Answer</b></summary>\n<p>\n\n#### Answer: B\n\nNot the base object.\n\n</p>\n</details>\n\n"
    "###### 2. Everything in JavaScript is either a...\n\n- A: primitive or object\n- B: function or object\n"
    "- C: trick question! only objects\n\n<details><summary><b>Answer</b></summary>\n\n#### Answer: A\n\nx\n\n</details>\n"
)


def test_a_heading_over_lettered_options_is_a_quiz_question():
    doc = parse(QUIZ)
    assert kinds(doc) == [
        ("question", "All objects have prototypes."),
        ("question", "Everything in JavaScript is either a..."),
    ]
    assert "Not the base object." in doc.records[0].answer_text


def test_a_heading_over_a_plain_list_stays_a_topic():
    doc = parse("### Installation steps\n\n- Download it\n- Build it\n- A: note\n")
    assert kinds(doc) == [("topic", "Installation steps")]


# ---------------------------------------------------------------- details summaries

def _summary(text: str) -> str:
    return f"<details>\n<summary><b>{text}</b></summary><br>\n\nSome answer.\n\n</details>\n\n"


def test_a_task_summary_among_question_summaries_is_a_question():
    text = "## Questions\n\n" + "".join(_summary(q) for q in (
        "What is a zombie process?", "How do you list open files?", "Create a file with 100 lines with random values.",
        "Why is DNS slow?", "grub> vs grub-rescue>. Explain.",
    ))
    assert questions(parse(text)) == [
        "What is a zombie process?", "How do you list open files?", "Create a file with 100 lines with random values.",
        "Why is DNS slow?", "grub> vs grub-rescue>. Explain.",
    ]


def test_disclosure_summaries_stay_out_and_lone_tasks_need_siblings():
    text = "## Notes\n\n" + "".join(_summary(q) for q in (
        "What is a zombie process?", "How do you list open files?", "Why is DNS slow?", "Click to expand the output",
    ))
    assert "Click to expand the output" not in questions(parse(text))
    # a file whose summaries are not questions keeps its task-worded summary as text
    text = "## Notes\n\n" + _summary("Create a file with random values.") + _summary("Build logs of the last run")
    assert questions(parse(text)) == []


def test_a_clarifying_parenthesis_stays_a_reference_goes():
    doc = parse("## Q\n\n- <b>What news sources do you check daily? (sysadmin, security-related or other)</b>\n"
                "- <b>What did you learn this week?</b>\n- <b>How are LLMs trained? (July 9th, 2024)</b>\n"
                "- <b>What is X? [src]</b>\n- <b>What is Y? (Easy)</b>\n", "interview.md")
    assert questions(doc) == [
        "What news sources do you check daily? (sysadmin, security-related or other)",
        "What did you learn this week?", "How are LLMs trained?", "What is X?", "What is Y?",
    ]


# ---------------------------------------------------------------- quoted prompts

PROMPTS = (
    "## Case round\n\n**Example prompts.**\n"
    '- "A bank asks where to deploy AI next year. Build the strategy."\n'
    '- "A retailer ran 15 pilots and scaled zero. Diagnose why."\n'
    '- "Should they build a platform or buy point solutions?"\n\n'
    '**Example prompt.** "Here is a one-page description of a company. Produce a six-slide strategy."\n'
)


def test_quoted_prompts_in_an_interview_file_are_questions():
    doc = parse(PROMPTS, "interview_prep/rounds.md")
    assert questions(doc) == [
        "A bank asks where to deploy AI next year. Build the strategy.",
        "A retailer ran 15 pilots and scaled zero. Diagnose why.",
        "Should they build a platform or buy point solutions?",
        "Here is a one-page description of a company. Produce a six-slide strategy.",
    ]


def test_quotations_outside_a_question_context_stay_text():
    text = ("## Sayings\n\n"
            '- "Premature optimization is the root of all evil in programming."\n'
            '- "Make it work, make it right, make it fast, in that order."\n\n'
            '**Example prompt.** "Write a haiku about the sea and the sky."\n')
    assert questions(parse(text, "notes/llm-tips.md")) == []


# ---------------------------------------------------------------- dialogue transcripts

DIALOGUE = (
    "# 消息队列面试场景\n\n**面试官**：你好。\n\n**候选人**：你好。\n\n"
    "**面试官**：那你说一下你们在项目里是怎么用消息队列的？\n\n**候选人**：巴拉巴拉。\n\n"
    "**面试官**：如何保证消息的顺序性？\n\n**候选人**：顺序性？什么意思？\n"
)


def test_speaker_lines_of_a_dialogue_are_no_records():
    doc = parse(DIALOGUE)
    assert kinds(doc) == [("topic", "消息队列面试场景")]


def test_a_single_labelled_question_is_not_a_dialogue():
    doc = parse("## Basics\n\n**Q:** What is a message queue?\n\n**A:** A buffer between services.\n\n"
                "**Q:** Why use one?\n\n**A:** To decouple.\n")
    assert questions(doc) == ["What is a message queue?", "Why use one?"]


# ---------------------------------------------------------------- question-label headings

LABELLED = (
    "# 缓存的使用方式\n\n## 面试题\n\n项目中缓存是如何使用的？为什么要用缓存？\n\n"
    "## 面试官心理分析\n\n这个问题，互联网公司必问。\n\n## 面试题剖析\n\n"
    "### 项目中缓存是如何使用的？\n\n结合业务。\n\n#### 高性能\n\n快。\n"
)


def test_a_question_label_heading_and_its_part_headings_are_one_record():
    doc = parse(LABELLED)
    assert kinds(doc) == [
        ("question", "项目中缓存是如何使用的？为什么要用缓存？"),
        ("question", "项目中缓存是如何使用的？"),
    ]
    assert "互联网公司必问" in doc.records[0].answer_text
    assert "快" in doc.records[1].answer_text  # a deeper topic heading is part of the answer


def test_a_part_heading_after_a_topic_stays_a_topic_and_a_lead_in_is_no_question():
    doc = parse("## Setup\n\nInstall it.\n\n## Explanation\n\nWhy it works.\n")
    assert kinds(doc) == [("topic", "Setup"), ("topic", "Explanation")]
    doc = parse("## 面试题\n\n面试官可能会问你以下问题。\n\n-   Dubbo 的 SPI 思想是什么？\n-   如何设计 RPC 框架？\n")
    assert questions(doc) == ["Dubbo 的 SPI 思想是什么？", "如何设计 RPC 框架？"]


# ---------------------------------------------------------------- contents, indexes, boilerplate

def test_a_contents_title_over_a_list_is_an_index_and_text_after_it_stays_with_its_section():
    text = ("# Interview\n\n## SQL Questions\n\nContents\n---\n- [SQL operations](#)\n- [Joins](#)\n\n---\n\n"
            "Consider a `worker` table with these fields.\n\nQ. Write a query to fetch all workers.\n\n"
            "<details><summary><b>Answer</b></summary>\nSELECT * FROM worker;\n</details>\n")
    doc = parse(text)
    assert kinds(doc) == [("topic", "SQL Questions"), ("question", "Write a query to fetch all workers.")]
    text = "# Notes\n\n## Contents\n\n- Basics\n- Advanced topics\n\n## Basics\n\nText.\n"
    doc = parse(text)
    assert kinds(doc) == [("topic", "Basics")]
    assert [(s.kind, s.heading) for s in doc.extras] == [("toc", "Contents")]


def test_index_sections_licence_and_contributors_are_no_topics():
    text = ("# Interviews\n\nQuestions with answers.\n\n## Questions by category\n\n"
            "* Theory: [theory.md](theory.md) (linear models, trees, neural networks)\n"
            "* Coding: [technical.md](technical.md) (SQL, Python)\n* More to come\n\n"
            "## Contributed questions\n\nThe `contrib` folder holds contributed questions:\n\n"
            "* Probability: [contrib/probability.md](contrib/probability.md)\n\n"
            "## License\n\nThis work is licensed under CC BY 4.0.\n\n## Contributors\n\nThanks to all.\n\n"
            "## You can support me, if you want)\n\n"
            '<a href="https://www.buymeacoffee.com/me"><img src="https://cdn.buymeacoffee.com/buttons/default.png" alt="Buy Me A Coffee"></a>\n')
    assert kinds(parse(text)) == [("topic", "Interviews")]


def test_a_section_with_prose_and_a_link_stays_a_topic():
    text = ("## Autoencoders\n\nAn autoencoder compresses its input into a code and rebuilds it; "
            "the bottleneck forces it to learn the structure of the data.\n\n"
            "- Encoder: maps input to code\n- Decoder: maps code back, see [vae.md](vae.md)\n")
    assert kinds(parse(text)) == [("topic", "Autoencoders")]


def test_template_files_with_slot_comments_have_no_records():
    text = ("### Your question goes here.\n\n<!-- Keep it short. -->\n\n```js\n```\n\n#### Answer\n\n"
            "<!-- Your answer goes here. -->\n\n##### Additional links\n\n* [Short title](https://example.org/)\n")
    assert parse(text, "question-template.md").records == ()
    assert parse("## What does your feature belong to?\n<!-- pick -->\n- [ ] Website\n",
                 ".github/ISSUE_TEMPLATE/feature.md").records == ()
    # an outline named a template, without slots, keeps its records
    outline = "# The 9 step design template\n\n1. Problem formulation\n2. Metrics\n"
    assert kinds(parse(outline, "design-template.md")) == [("topic", "The 9 step design template")]


# ---------------------------------------------------------------- answer blocks and split questions

def test_an_item_followed_by_an_answer_block_is_a_question():
    text = ("## NLP\n\n1. RNNs\n    1. What is the motivation for RNN?\n    1. How do you do dropout in an RNN?\n\n"
            "<details><summary><b>Answer</b></summary>\n\n\n</details>\n\n---\n"
            "2. What is density estimation?\n\n<details><summary><b>Answer</b></summary>\n\n</details>\n")
    doc = parse(text)
    assert questions(doc)[:1] == ["RNNs"]
    assert doc.records[0].number == "1"
    # several items over one answer block: none is taken for the question
    text = "## NLP\n\n- RNNs\n- LSTMs\n\n<details><summary><b>Answer</b></summary>\n\nx\n</details>\n"
    assert questions(parse(text)) == []


def test_a_labelled_question_cut_inside_a_quotation_continues_in_the_next_paragraph():
    text = ('## SQL\n\nQ. Fetch workers with the first names "\n\nManish" and "Arhan" from the table.\n\n'
            "<details><summary><b>Answer</b></summary>\nSELECT 1;\n</details>\n")
    doc = parse(text)
    assert questions(doc) == ['Fetch workers with the first names "Manish" and "Arhan" from the table.']
    assert "SELECT 1" in doc.records[0].answer_text
    assert "Manish" not in doc.records[0].answer_text


def test_a_numbered_heading_titles_its_labelled_question():
    text = ("## 3. Code gradient descent from scratch\n\n**Question**: [Startup] Implement gradient descent.\n\n"
            "**Answer**:\n\n```python\npass\n```\n")
    assert questions(parse(text)) == ["Code gradient descent from scratch"]


BOLD_QUIZ = (
    "# Go Quiz\n\n### Q1 🟢 — What does the `go` keyword do?\n\n"
    "**A)** Marks a function as asynchronous  \n**B)** Launches a new goroutine  \n**C)** Creates a promise  \n\n"
    "<details><summary>💡 Answer</summary>\n\n**B) Launches a goroutine**\n\n</details>\n\n---\n\n"
    "### Q2 🔴 — Which copy is safe?\n\n```go\nvar mu sync.RWMutex\n```\n\n"
    "**A)**\n```go\nfiltered := allData\n```\n**B)**\n```go\nmu.RLock()\nmu.RUnlock()\n```\n**C)**\n```go\nmu.Lock()\n```\n\n"
    "<details><summary>💡 Answer</summary>\n\n**B) Hold the lock for the whole loop**\n\n</details>\n"
)


def test_bold_lettered_options_over_a_hidden_answer_are_the_questions_body():
    """Options shown between a question and its ``<details>`` answer are what the question
    asks about: its body, letters kept ("**A)**" is an option, not an answer label "A:");
    the answer is the hidden block."""
    from curate.corpus.export import question_body

    doc = parse(BOLD_QUIZ)
    q1, q2 = (r for r in doc.records if r.is_question)
    assert question_body(q1) == ("**A)** Marks a function as asynchronous  \n**B)** Launches a new goroutine  \n"
                                 "**C)** Creates a promise")
    assert q1.answer_text == "B) Launches a goroutine"
    # an option's letter alone over its program: the letters and programs are the body
    assert question_body(q2).startswith("```go\nvar mu sync.RWMutex\n```\n\n**A)**\n\n```go\nfiltered")
    assert "**C)**" in question_body(q2) and q2.answer_text == "B) Hold the lock for the whole loop"
    # a bold question over its options and a hidden answer reads the same way
    doc = parse("# Quiz\n\n**Q1: What does `go` do?**\n\nA) Blocks\nB) Starts a goroutine\n\n"
                "<details><summary>Answer</summary>\n\nB\n\n</details>\n\n**Q2: What is a channel?**\n\n"
                "<details><summary>Answer</summary>\n\nA pipe.\n\n</details>\n")
    assert [(question_body(r), r.answer_text) for r in doc.records if r.is_question] == [
        ("A) Blocks\nB) Starts a goroutine", "B"), ("", "A pipe.")]


def test_points_before_a_hidden_answer_and_answer_labels_stay_as_they_were():
    """Near misses: a list of points (no lettered options) before the answer block is the
    answer's; "A:", "**A:**" and "Answer:" still label an answer; "A)" never does."""
    from curate.corpus.export import question_body
    from curate.corpus.layouts.classify import answer_label_end, is_answer_label

    doc = parse("### What is a goroutine?\n\n- light\n- cheap\n\n<details><summary>Answer</summary>\n\nA thread.\n\n</details>\n")
    assert (question_body(doc.records[0]), doc.records[0].answer_text) == ("", "light\n\ncheap\n\nA thread.")
    doc = parse("### What is X?\n\n**A:** It is Y.\n\n### What is Z?\n\nA: It is W.\n\n### What is V?\n\nAnswer: U.\n")
    assert answers(doc) == ["It is Y.", "It is W.", "U."]
    assert answers(parse("### Where is the Louvre?\n\nA) Paris\n")) == ["A) Paris"]
    assert [answer_label_end(t) > 0 for t in ("**A:** x", "A: x", "Answer: x", "**A)** x", "A) x")] == [
        True, True, True, False, False]
    assert [is_answer_label(t) for t in ("A:", "**A:**", "Answer", "A)")] == [True, True, True, False]


def test_arabic_question_marks_and_options_lettered_in_another_script():
    text = ('<div dir="rtl">\n\n# قائمة اسئلة\n\nمقدمة.\n\n###### 1. ايه اللي هيتطبع؟\n\n```js\nx\n```\n\n'
            "- أ: `1`\n- ب: `2`\n\n<details><summary><b>الاجابة</b></summary>\n<p>\n\n#### الاجابة الصحيحة: أ\n\nشرح.\n\n"
            "</p>\n</details>\n\n###### 2. اختر الاجابة الصحيحة\n\n- أ: نعم\n- ب: لا\n- ج: ربما\n\n"
            "<details><summary><b>الاجابة</b></summary>\n\n#### الاجابة: ب\n\nشرح.\n\n</details>\n")
    doc = parse(text)
    assert kinds(doc) == [("topic", "قائمة اسئلة"), ("question", "ايه اللي هيتطبع؟"), ("question", "اختر الاجابة الصحيحة")]
    # one lettered line in a list of plain items is no option list
    assert kinds(parse("### خطوات التثبيت\n\n- نزّل البرنامج\n- ثبّته\n- شغّله\n- أ: ملاحظة\n")) == [
        ("topic", "خطوات التثبيت")]


# ---------------------------------------------------------------- labelled, multi-sentence and CJK exam questions

def test_a_numbered_question_label_makes_a_heading_a_question_whatever_its_wording():
    doc = parse(
        "# Backfills\n\n## 🟡 Question 3: Use the Clear Command to Re-run Failed Tasks\n\n"
        "### Use airflow tasks clear\n\nRun it with filters.\n\n"
        "## Question Bank Overview\n\nWhat this file holds.\n"
    )
    assert kinds(doc) == [
        ("question", "Use the Clear Command to Re-run Failed Tasks"),
        ("topic", "Question Bank Overview"),
    ]


def test_a_question_followed_by_an_instruction_is_a_question():
    doc = parse("### Given a sorted array, can you find a value in log time? Explain your approach.\n\nBisect.\n\n"
                "### How it works. Notes on layout\n\nText.\n")
    assert kinds(doc) == [
        ("question", "Given a sorted array, can you find a value in log time? Explain your approach."),
        ("topic", "How it works. Notes on layout"),
    ]


def test_exam_wording_in_korean_japanese_and_chinese():
    doc = parse(
        "### `cookie`와 `localStorage` 사이의 차이점을 설명하세요.\n\n답.\n\n"
        "### キャッシュとは何かを説明してください\n\n答え。\n\n"
        "### 简述 Redis 的持久化机制\n\n答案。\n\n"
        "### 比较复杂的数据不一致问题分析\n\n内容。\n\n"
        "### 说明\n\n内容。\n"
    )
    assert [k for k, _q in kinds(doc)] == ["question", "question", "question", "topic", "topic"]


def test_checklist_items_are_to_dos_unless_they_ask() -> None:
    """A task list ("- [ ] Discuss the sizing:") is a checklist, not a question bank; an
    item that asks is a question without its box."""
    doc = parse(
        "## Phase 4\n\n- [ ] Discuss production examples and their sizing:\n  - [ ] batch vs streaming\n"
        "- [x] Explain the rollout plan:\n  - canary first\n\n## Study\n\n"
        "- [ ] What is a canary release?\n  - A small share of traffic goes to the new version first.\n")
    assert questions(doc) == ["What is a canary release?"]


def test_a_title_whose_first_paragraph_asks_over_an_answer_heading_is_one_question() -> None:
    """One question per file: a task title, the question as its first paragraph, then
    "## Answer guide" (or "Short answer", "Model answer"). Later sections stay apart."""
    doc = parse(
        "# Attach and verify build provenance\n\n"
        "How would you attach build provenance to an image in CI, and verify it before rollout?\n\n"
        "## Answer guide\n\n- Generate a provenance statement in the build job.\n\n"
        "## Follow-ups\n\n- What if the builder is compromised?\n")
    assert questions(doc) == ["How would you attach build provenance to an image in CI, and verify it before rollout?"]
    record = next(r for r in doc.records if r.kind == "question")
    assert record.answer_md.startswith("- Generate") and "Follow-ups" not in record.answer_md
    # a title over a paragraph that does not ask, or a next heading that is no answer, stays a topic
    assert questions(parse("# Provenance\n\nWe attach provenance in CI.\n\n## Answer guide\n\n- x\n")) == []
    assert questions(parse("# Provenance\n\nWhy does it matter?\n\n## Tools\n\n- x\n")) == []


def test_an_html_heading_is_a_heading() -> None:
    """``<h3>What is X?</h3>`` is a heading as GitHub renders it, in the lazy and the
    reference parse alike; an ``<h1>`` title gives the questions their topic."""
    from curate.corpus.markdown import parse_with

    text = ('<h1 align="center">Python Questions</h1>\n\n<h3 id="q1">1. What is <code>yield</code>?</h3>\n\n'
            "<p>It pauses a generator.</p>\n\n<h3>What is a decorator?</h3>\n\nA wrapper.\n")
    for lazy in (True, False):
        doc = parse_with(text, "a.md", "a.md", lazy_inline=lazy)
        assert [(r.question, r.topic_path, r.number) for r in doc.records if r.kind == "question"] == [
            ("What is yield?", ("Python Questions",), "1"), ("What is a decorator?", ("Python Questions",), None)]
    # an HTML block of several elements stays HTML
    assert questions(parse("<div>\n<h3>What is X?</h3>\n<p>x</p>\n</div>\n")) == []


def test_an_html_heading_over_several_lines_is_a_heading() -> None:
    """``<h1 align="center">``, the title, ``</h1>``: the same heading as on one line,
    in the lazy and the reference parse; HTML after it in its block stays the answer."""
    from curate.corpus.markdown import parse_with

    text = ('<h1 align="center">\n  Python Questions\n</h1>\n<p align="center">Common questions.</p>\n\n'
            "<h3>\n  What is <code>yield</code>?\n</h3>\n<p>It pauses a generator.</p>\n\n<h2>\nDecorators\n</h2>\n\nWrappers.\n")
    for lazy in (True, False):
        doc = parse_with(text, "a.md", "a.md", lazy_inline=lazy)
        assert [(r.kind, r.question, r.topic_path, r.span.line_start, r.span.line_end) for r in doc.records] == [
            ("topic", "Python Questions", (), 1, 4), ("question", "What is yield?", ("Python Questions",), 6, 9),
            ("topic", "Decorators", ("Python Questions",), 11, 15)]
        assert doc.records[1].question_md == "<h3>\n  What is <code>yield</code>?\n</h3>"
        assert doc.records[1].answer_md == "<p>It pauses a generator.</p>"
    # a block element inside, or a wrapper around, keeps it HTML
    assert questions(parse("<h3>\n<p>What is X?</p>\n</h3>\n\nx\n")) == []
    assert questions(parse("<div>\n<h3>\nWhat is X?\n</h3>\n</div>\n\nx\n")) == []


def test_answer_parts_above_the_question_level_stay_in_its_answer() -> None:
    """"## Question 1. What is X?" followed at once by "# Direct answer" and more level-1
    parts (some of which ask): the answer runs to the next question of its level."""
    doc = parse(
        "# Set 1\n\n## Question 1. What is system design?\n\n# Direct answer\n\nIt plans a system.\n\n"
        "# Why is system design important?\n\n### 1. Helps systems scale\n\nMore load.\n\n"
        "# Interview-ready summary\n\nPlan first.\n\n## Question 2. What is sharding?\n\n"
        "## Question 3. What is replication?\n\nCopies of data.\n")
    assert [(r.question, bool(r.answer_md)) for r in doc.records if r.kind == "question"] == [
        ("What is system design?", True), ("What is sharding?", False), ("What is replication?", True)]
    first = next(r for r in doc.records if r.kind == "question")
    assert "Interview-ready summary" in first.answer_md and "sharding" not in first.answer_md
    # a stub followed by a new top-level section is still a stub
    stub = parse("## What is X?\n\n# Databases\n\n## What is Y?\n\ny\n")
    assert [(r.question, bool(r.answer_md)) for r in stub.records if r.kind == "question"] == [
        ("What is X?", False), ("What is Y?", True)]


def test_a_numbered_heading_among_numbered_questions_is_a_question() -> None:
    """When nine in ten numbered headings of a level ask, an imperative one at that level
    ("### 10. Show a `ServiceMonitor`") is a question too; numbered tutorial steps are not."""
    asks = "".join(f"### {n}. What is thing {n}?\n\nIt is {n}.\n\n" for n in range(1, 10))
    doc = parse(asks + "### 10. Show a `ServiceMonitor` for the app\n\nkind: ServiceMonitor\n")
    assert questions(doc)[-1] == "Show a ServiceMonitor for the app"
    steps = "".join(f"## {n}. Install part {n}\n\nrun it\n\n" for n in range(1, 7))
    assert questions(parse(steps + "## 7. What is next?\n\nMore.\n")) == ["What is next?"]


def test_a_section_of_only_links_is_a_reading_list_not_a_topic() -> None:
    """"## Additional resources" holding only links, wherever they point, is no topic of
    the notes; a list of links with prose of its own still is."""
    doc = parse("## What is STAR?\n\nSituation, task, action, result.\n\n## Additional resources\n\n"
                "* [Behavioral interviews](https://example.org/course)\n* [STAR method](https://example.org/star)\n\n"
                "## Tools\n\n* [grep](https://example.org/grep): searches text for a pattern, line by line, in many files\n")
    assert kinds(doc) == [("question", "What is STAR?"), ("topic", "Tools")]


def test_the_lines_of_an_interview_script_are_not_questions() -> None:
    """"- Ask: Is this a single-server system?" is what the candidate says in a walkthrough."""
    script = ("## Phase 1: Clarify requirements\n\n- {}What are we limiting by, IP or user?\n"
              "- {}Is this a single-server or distributed system?\n- {}Do we return rate limit headers?\n")
    name = "rate-limiter/INTERVIEW_WALKTHROUGH.md"  # "interview" in the path: a list of questions is records
    assert questions(parse(script.format("Ask: ", "Ask: ", "Clarify: "), name)) == []
    assert len(questions(parse(script.format("", "", ""), name))) == 3


def test_the_entries_of_an_faq_are_questions_however_they_are_worded() -> None:
    """In a file that says it is an FAQ, a heading at the entries' level is a question
    even when worded as a problem; category headings that group entries are not, and
    the same headings in another file stay topics."""
    text = ("# Frequently Asked Questions\n\n## Installing\n\n### How do I install it?\n\nWith pip.\n\n"
            "### I'm experiencing deadlocks with `lazy_static`\n\nRelease the GIL first.\n\n"
            "### My Mac apps don't find the tools!\n\nSet the PATH for launchd.\n")
    assert questions(parse(text, "docs/FAQ.md")) == [
        "How do I install it?", "I'm experiencing deadlocks with lazy_static", "My Mac apps don't find the tools!"]
    worded = text.replace("Frequently Asked Questions", "Troubleshooting")
    assert questions(parse(worded, "docs/troubleshooting.md")) == ["How do I install it?"]
    # entries all worded as problems: the most common level below the title
    problems = "# FAQ\n\n" + "".join(f"## Problem number {n} happens\n\nFix {n}.\n\n" for n in range(3))
    assert len(questions(parse(problems, "faq.md"))) == 3
    chinese = "# 常见问题\n\n## 安装失败怎么办\n\n重新安装。\n\n## 为什么启动很慢\n\n缓存。\n\n## 启动报错\n\n查看日志。\n"
    assert questions(parse(chinese, "README.md")) == ["安装失败怎么办", "为什么启动很慢", "启动报错"]
    # a Title Case name over a table ("### Tested Methods") names a section, it states no problem
    tested = text + "### Tested Methods\n\n| OS | Works |\n|---|---|\n| Debian | yes |\n"
    assert "Tested Methods" not in questions(parse(tested, "docs/FAQ.md"))


def test_a_question_label_over_a_quoted_prompt_asks_the_whole_quote() -> None:
    """"## Question 1" then "> `1`. Create a notebook ... (two lines)": the quote is the question."""
    doc = parse("# Solutions\n\n## Question 1\n\n> `1`. Create a new notebook. Navigate to it\n> using your browser.\n\n"
                "Click the toggle to see a demo.\n\n## Question 2\n\n> Save your notebook as HTML.\n\nUse the menu.\n")
    got = [(r.question, r.number, r.answer_md) for r in doc.records if r.kind == "question"]
    assert got == [("Create a new notebook. Navigate to it using your browser.", "1", "Click the toggle to see a demo."),
                   ("Save your notebook as HTML.", "2", "Use the menu.")]


def test_a_heading_labelled_q_is_a_question_whatever_its_wording() -> None:
    """"#### Q. Explain Azure App Service." is labelled a question; Title Case alone would
    read as a heading. "Quantization" and "Q&A" are no label."""
    doc = parse("#### Q. Explain Azure App Service.\n\nHosting for web apps.\n\n#### Q&A Sessions\n\nWeekly.\n\n"
                "#### Quantization Basics\n\nFewer bits.\n")
    assert kinds(doc) == [("question", "Explain Azure App Service."), ("topic", "Q&A Sessions"),
                          ("topic", "Quantization Basics")]


# ---------------------------------------------------------------- tables without a "Question" header

def test_a_table_with_an_answer_column_asks_in_the_column_beside_it():
    text = (
        "## IAM Flashcards\n\n| Concept | Answer |\n|---|---|\n| What is IAM? | Identity and Access Management |\n"
        "| Main use of IAM | Control access to resources |\n| Default user permissions? | None |\n"
    )
    doc = parse(text)
    assert questions(doc) == ["What is IAM?", "Main use of IAM", "Default user permissions?"]
    assert [r.answer_md for r in doc.records if r.is_question][1] == "Control access to resources"


def test_an_answer_table_with_a_number_column_and_any_header_asks_when_its_cells_ask():
    text = "| # | Prompt text | Answer |\n|---|---|---|\n| 1 | What is a pod? | A group of containers |\n| 2 | Why use a job? | To run to completion |\n"
    doc = parse(text)
    assert [(r.question, r.number) for r in doc.records if r.is_question] == [("What is a pod?", "1"), ("Why use a job?", "2")]


def test_a_front_back_flashcard_table_asks_on_the_front():
    text = ("| Front | Back |\n|---|---|\n| What does `kubectl apply` do? | Creates or updates resources |\n"
            "| Default Service type | ClusterIP |\n| Why use a ReadinessProbe? | To gate traffic |\n")
    doc = parse(text)
    assert questions(doc) == ["What does kubectl apply do?", "Default Service type", "Why use a ReadinessProbe?"]
    assert [r.answer_md for r in doc.records if r.is_question][1] == "ClusterIP"


def test_a_back_column_without_a_front_is_no_flashcard():
    nav = "| Page | Back |\n|---|---|\n| What is new? | [index](index.md) |\n| Why Rust? | [index](index.md) |\n"
    photo = "| Front | Back |\n|---|---|\n| 2019-04-01 photo of a cheque, left side of the envelope. | blank. |\n| 12 | 13 |\n"
    for text in (nav, photo):
        assert questions(parse(text)) == []


def test_a_data_table_with_an_answer_column_stays_data():
    poll = "| Respondent | Answer |\n|---|---|\n| Alice | Yes |\n| Bob | No |\n| Carol | Yes |\n"
    key = "| Item | Answer |\n|---|---|\n| 1 | B |\n| 2 | C |\n"
    status = "| Status | Response |\n|---|---|\n| What is returned? | 200 |\n| Why? | ok |\n"
    for text in (poll, key, status):
        assert questions(parse(text)) == []


def test_a_quiz_table_with_option_columns_and_a_key_column_asks_per_row():
    """"| question | option_a ... | correct_answer |": the options are what the question shows,
    the key letter is read as the option it names."""
    from curate.corpus.export import question_body
    text = ("# Grammar Quiz\n\n| question | option_a | option_b | option_c | correct_answer |\n|:---|:---|:---|:---|:---|\n"
            "| Which word is a pronoun? | happy | she | run | B |\n| What is the plural of \"mouse\"? | mouses | mice | mices | B |\n")
    got = [(r.question, question_body(r), r.answer_md, r.answer_text) for r in parse(text).records if r.is_question]
    assert got == [("Which word is a pronoun?", "A) happy\nB) she\nC) run", "B", "B) she"),
                   ('What is the plural of "mouse"?', "A) mouses\nB) mice\nC) mices", "B", "B) mice")]
    letters = ("| Question | A | B | Answer | Explanation |\n|---|---|---|---|---|\n"
               "| Which gas do plants take in? | Oxygen | Carbon dioxide | b | For photosynthesis. |\n"
               "| Which is a noble gas? | Neon | Nitrogen | A | Full outer shell. |\n")
    assert [r.answer_text for r in parse(letters).records if r.is_question] == [
        "B) Carbon dioxide\n\nFor photosynthesis.", "A) Neon\n\nFull outer shell."]


def test_a_quiz_table_whose_answer_is_no_key_keeps_its_text_and_options_alone_ask_nothing():
    from curate.corpus.export import question_body
    spelled = ("| Question | Options | Correct answer |\n|---|---|---|\n| Plural of mouse? | mouses, mice | mice |\n"
               "| Plural of goose? | gooses, geese | geese |\n")
    got = [(question_body(r), r.answer_text) for r in parse(spelled).records if r.is_question]
    assert got == [("mouses, mice", "mice"), ("gooses, geese", "geese")]
    no_key = "| Question | Option A | Option B |\n|---|---|---|\n| Which word is a pronoun? | happy | she |\n| Which is a verb? | run | red |\n"
    settings = "| Option | Default | Correct answer |\n|---|---|---|\n| --fast | off | B |\n| --slow | on | A |\n"
    for text in (no_key, settings):
        assert questions(parse(text)) == []



# ---------------------------------------------------------------- an answer in bold after the question mark

def test_a_bold_rest_of_line_after_the_question_mark_is_the_answer():
    text = ("## Aircraft systems\n\n* Which factor would increase density altitude?\n\n  **A decrease in relative humidity.**\n\n"
            "* What is parasite drag? **The drag caused by the fuselage.**\n\n* Q12: Must you notify the NTSB? **No.**\n\n"
            "* Is a **token** a secret? **Yes.**\n\n* What is a salt? **Random bytes**\n  mixed into the hash.\n\n"
            "* What does carb heat do? **Richer mixture.** Warm air is less dense.\n")
    got = [(r.question, r.number, r.answer_text) for r in parse(text).records if r.is_question]
    assert got == [("Which factor would increase density altitude?", None, "A decrease in relative humidity."),
                   ("What is parasite drag?", None, "The drag caused by the fuselage."),
                   ("Must you notify the NTSB?", "12", "No."), ("Is a token a secret?", None, "Yes."),
                   ("What is a salt?", None, "Random bytes\nmixed into the hash."),
                   ("What does carb heat do?", None, "Richer mixture. Warm air is less dense.")]


def test_bold_that_stresses_a_word_after_the_question_mark_is_no_answer():
    text = ("## Keys\n\n* What is a key?\n\n  A secret.\n\n* Is it safe? **Yes**, unless the key leaks.\n\n"
            "* Why hash it? See **the note** below.\n\n* Why? **Because** it is slow.\n")
    got = [(r.question, r.answer_text) for r in parse(text).records if r.is_question]
    assert got == [("What is a key?", "A secret."), ("Is it safe? Yes, unless the key leaks.", ""),
                   ("Why hash it? See the note below.", ""), ("Why? Because it is slow.", "")]



# ---------------------------------------------------------------- metadata fields under a question label heading

def test_bold_fields_under_a_question_label_heading_are_no_stem():
    text = ("### Question 220\n**Question Type:** Single Choice\n**Topic:** Mobile Device Management\n\n"
            "Which of the following is MOST effective across platforms?\n\n**Correct Answer:** D\n")
    got = [(r.question, r.number, r.answer_text) for r in parse(text).records if r.is_question]
    assert got == [("Which of the following is MOST effective across platforms?", "220", "D")]


def test_a_question_label_among_the_fields_is_the_stem():
    text = ("### Question 221\n**Question:** Which port does HTTPS use?\n**Topic:** Networking\n\n"
            "**Correct Answer:** 443\n")
    assert questions(parse(text)) == ["Which port does HTTPS use?"]


# ---------------------------------------------------------------- cloze cards

def _cloze(summary: str, answer: str) -> str:
    return f"<details>\n\t<summary>\n\t\t{summary}\n\t</summary>\n\t\t{answer}\n</details>\n\n"


def test_a_details_summary_with_a_blank_is_a_cloze_prompt():
    text = _cloze("A _____ runs a Pod periodically at specified times.", "CronJob") + _cloze(
        "Every owned object has a metadata._____ field.", "ownerReferences"
    )
    doc = parse(text)
    assert questions(doc) == ["A _____ runs a Pod periodically at specified times.", "Every owned object has a metadata._____ field."]
    assert doc.records[0].answer_text == "CronJob"


def test_a_blank_at_either_end_of_a_summary_is_kept():
    """The blank is the prompt's content, not trailing emphasis: the card keeps it and is
    not dropped for lack of a "?" (its only other cue)."""
    doc = parse(_cloze("Jobs on a repeating schedule are called _____", "CronJobs")
                + _cloze("_____ is the default namespace.", "default"))
    assert questions(doc) == ["Jobs on a repeating schedule are called _____", "_____ is the default namespace."]
    assert doc.records[0].answer_text == "CronJobs"


def test_emphasis_underscores_at_the_ends_are_still_stripped():
    doc = parse("## ___What is a Pod?___\n\nA group of containers.\n\n## __Why use a Service?__\n\nStable address.\n")
    assert questions(doc) == ["What is a Pod?", "Why use a Service?"]
    assert questions(parse(_cloze("Name: ______", "x") + _cloze("Jobs are __", "x"))) == []


def test_a_form_blank_or_an_identifier_in_a_summary_is_no_prompt():
    text = _cloze("Name: ______", "x") + _cloze("The __init__ method of my_class", "x") + _cloze("Output of snake_case_____x", "x")
    assert questions(parse(text)) == []


# ---------------------------------------------------------------- bold lines with a question label

def test_a_bold_line_with_a_question_label_asks_without_a_question_mark():
    text = (
        "**Q1- What is the capital of France?**\nParis.\n\n**Q2- What is a Regression Algorithm.**\nA model.\n\n"
        "**Q3- What is your understanding of probabilistic models**\n\nBayes.\n\n**Q4. What is Bayes Theorem**\n\nP(A|B).\n"
    )
    doc = parse(text)
    assert [(r.number, r.question) for r in doc.records] == [
        ("1", "What is the capital of France?"), ("2", "What is a Regression Algorithm."),
        ("3", "What is your understanding of probabilistic models"), ("4", "What is Bayes Theorem"),
    ]
    assert doc.records[3].answer_text == "P(A|B)."


def test_a_labelled_bold_noun_phrase_asks_only_among_questions():
    report = "# Annual report\n\n**Q3: Revenue Summary**\n\nRevenue grew.\n\n**Q4: Outlook**\n\nFlat.\n"
    assert questions(parse(report)) == []
    bank = "# Interview questions\n\n**Q3: Bias Variance Tradeoff**\n\nSimple models underfit.\n"
    assert questions(parse(bank)) == ["Bias Variance Tradeoff"]


# ---------------------------------------------------------------- plain-paragraph questions

def test_a_long_plain_question_opened_by_any_auxiliary_is_kept():
    text = (
        "## Secure Development\n\nWhat is static analysis?\n\n"
        "Have you used the SAST tool with cloud native applications? Tell me more about that experience?\n\n"
        "Do you run the scanners on every pull request, or only on the main branch before a release?\n\n"
        "What is threat modeling?\n"
    )
    assert questions(parse(text)) == [
        "What is static analysis?",
        "Have you used the SAST tool with cloud native applications? Tell me more about that experience?",
        "Do you run the scanners on every pull request, or only on the main branch before a release?",
        "What is threat modeling?",
    ]


def test_a_long_prose_sentence_ending_in_a_question_mark_stays_prose():
    text = (
        "What is A?\n\nA is a.\n\nWhat is B?\n\n"
        "The team reviewed all of the findings from the last scan and the open tickets, so which one goes first?\n"
    )
    doc = parse(text)
    assert questions(doc) == ["What is A?", "What is B?"]
    assert "which one goes first" in doc.records[1].answer_text


# ---------------------------------------------------------------- one question per line of a paragraph

def test_marked_question_lines_in_one_paragraph_are_one_question_each():
    text = ("Questions:\nQ1) What is a Pod?\nQ2) Explain the roles of Deployment and Service.\n"
            "Q3) How do you debug CrashLoopBackOff?\n")
    doc = parse(text)
    assert questions(doc) == ["What is a Pod?", "Explain the roles of Deployment and Service.", "How do you debug CrashLoopBackOff?"]
    assert [r.number for r in doc.records] == ["1", "2", "3"]
    assert all(r.answer_text == "" for r in doc.records)
    dotted = parse("Q1. What is a Pod?\nQ2. What is a Node?\n")
    assert questions(dotted) == ["What is a Pod?", "What is a Node?"]


def test_marked_lines_out_of_order_or_with_an_answer_line_are_no_stack():
    pair = parse("Q1) What is a Pod?\nA1) The smallest unit.\n")
    assert questions(pair) == ["What is a Pod?"]
    assert "smallest unit" in pair.records[0].answer_text
    assert len(questions(parse("Q1) What is a Pod?\nQ3) What is a Node?\n"))) == 1


def test_a_label_line_glued_to_a_question_is_no_part_of_it():
    text = "# Interview\n\nBeginner Level\nWhat is Kubernetes?\n\nWhat is a Pod?\n\nWhat is a Service?\n"
    assert questions(parse(text)) == ["What is Kubernetes?", "What is a Pod?", "What is a Service?"]
    # between answers the label ends the answer above and titles the questions below
    text = ("What is A?\n\nA is a letter.\n\n\U0001f7e1 Intermediate Level\nWhat is B?\n\nB is a letter.\n\n"
            "What is C?\n\nC is a letter.\n")
    doc = parse(text)
    assert questions(doc) == ["What is A?", "What is B?", "What is C?"]
    assert doc.records[0].answer_text == "A is a letter."
    assert doc.records[1].topic_path[-1:] == ("\U0001f7e1 Intermediate Level",)


def test_two_question_lines_over_an_answer_are_one_prompt():
    text = ("What is a closure?\nCan you give an example?\n\nA function with its scope.\n\n"
            "What is hoisting?\n\nMoving declarations up.\n")
    doc = parse(text)
    assert questions(doc) == ["What is a closure?", "What is hoisting?"]
    assert "A function with its scope." in doc.records[0].answer_text
    bank = "What is a closure?\nWhat is a promise?\n\nWhat is hoisting?\nWhat is a callback?\n"
    assert questions(parse(bank)) == ["What is a closure?", "What is a promise?", "What is hoisting?", "What is a callback?"]


def test_question_lines_of_one_paragraph_in_prose_stay_prose():
    """The lines of one paragraph make no run of plain questions: an article's "But what
    if ...?" / "What if ...?" and bold-labelled criteria stay its text."""
    article = ("# RAG\n\nIn the previous part we looked at tools.\n\n"
               "But what if the model does not need to act?\nWhat if it just needs the right information?\n\n"
               "That is the case in many enterprise settings.\n")
    criteria = ("## Judges\n\nThis works for subjective checks:\n\n**Tone assessment**: Is the response polite?\n"
                "**Safety evaluation**: Does the response avoid harmful content?\n\nMore text.\n")
    for text in (article, criteria):
        assert questions(parse(text)) == []


def test_an_answer_ends_where_the_next_question_starts_inside_its_paragraph():
    text = ("## Docker\n\nQuestion: Write a Dockerfile.\nAnswer:\n\n    FROM nginx\n\nCMD [\"nginx\"]\n"
            "Question: What is Docker Compose?\nAnswer: A tool for multi-container apps.\n")
    doc = parse(text)
    assert questions(doc) == ["Write a Dockerfile.", "What is Docker Compose?"]
    assert "Compose" not in doc.records[0].answer_text and 'CMD ["nginx"]' in doc.records[0].answer_text


# ---------------------------------------------------------------- the program a question asks about

PROGRAM = (
    "# Quiz\n\n### What does this print?\n\n```js\nconsole.log(typeof null)\n```\n\n**Answer:**: `object`, a historic bug.\n\n"
    "### What does this log?\n\nGiven:\n\n```js\nconsole.log(0.1 + 0.2)\n```\n\n> **Answer:** 0.30000000000000004\n> (binary floats)\n"
)


def test_the_code_a_question_asks_about_is_its_question_not_its_answer() -> None:
    """A heading question, its program, then an answer label: the label says where the
    answer starts, so the program (and a short lead-in) is the question's, kept in
    ``question_md``; the answer's source starts at the label line, its text after it."""
    doc = parse(PROGRAM)
    first, second = doc.records
    assert first.question_md == "### What does this print?\n\n```js\nconsole.log(typeof null)\n```"
    assert (first.answer_md, first.answer_text) == ("**Answer:**: `object`, a historic bug.", "object, a historic bug.")
    assert second.question_md.endswith("Given:\n\n```js\nconsole.log(0.1 + 0.2)\n```")
    assert second.answer_md.startswith("> **Answer:** 0.3")
    assert second.answer_text == "0.30000000000000004\n(binary floats)"
    assert (first.span.line_start, first.span.line_end, second.span.line_start) == (3, 9, 11)
    for r in doc.records:
        assert doc.text[r.answer_offset : r.answer_offset + len(r.answer_md)] == r.answer_md


def test_code_without_an_answer_label_or_after_working_stays_in_the_answer() -> None:
    """Code with no label after it is the answer; steps (a list) before the label are
    the answer's working; a label right under the heading only loses its stray colon."""
    doc = parse("### How do you reverse a list?\n\n```py\nxs[::-1]\n```\n\nSlicing copies.\n")
    assert doc.records[0].answer_md.startswith("```py")
    doc = parse("### What permissions will it run as?\n\n1. Query the logs\n\n```\nindex=*\n```\n\n**Answer:**: SYSTEM\n")
    assert doc.records[0].question_md == "### What permissions will it run as?"
    assert doc.records[0].answer_md.startswith("1. Query")
    doc = parse("### 22. How do you fetch data in React?\n**Answer:**: Use useEffect with fetch.\n")
    assert (doc.records[0].answer_md, doc.records[0].answer_text) == (
        "**Answer:**: Use useEffect with fetch.", "Use useEffect with fetch.")


# ---------------------------------------------------------------- blockquoted pairs

QUOTED = (
    "# Notes\n\nFrom the forum.\n\n> **Q:** What is a closure?\n> **A:** A function with its environment.\n\n"
    "> **Q:** What is hoisting?\n\n> **A:** Moving declarations\n> to the top.\n\n"
    "> Q: What is a promise?\n> A: A placeholder for a future value.\n\n"
    "> **Question:** Are the skills typed or selected\n> from a list?\n>\n> **Answer:** Selected.\n"
)


def test_a_question_and_answer_label_in_blockquotes_are_a_record() -> None:
    """"> **Q:**" then "> **A:**", in one blockquote or in two, bold or plain: a record
    whose answer starts after its label; a question line the label does not end goes on."""
    doc = parse(QUOTED)
    assert [(r.kind, r.question, r.layout, r.answer_text) for r in doc.records] == [
        ("topic", "Notes", "heading", "From the forum."),
        ("question", "What is a closure?", "bold", "A function with its environment."),
        ("question", "What is hoisting?", "bold", "Moving declarations\nto the top."),
        ("question", "What is a promise?", "bold", "A placeholder for a future value."),
        ("question", "Are the skills typed or selected from a list?", "bold", "Selected."),
    ]
    assert [(r.span.line_start, r.span.line_end) for r in doc.records[1:]] == [(5, 6), (8, 11), (13, 14), (16, 19)]
    assert doc.records[2].question_md == "> **Q:** What is hoisting?"
    assert doc.records[2].answer_md == "Moving declarations\n> to the top."
    for r in doc.records:
        assert doc.text[r.answer_offset : r.answer_offset + len(r.answer_md)] == r.answer_md


def test_a_labelled_bold_question_in_an_alert_and_the_quote_ends_its_answer() -> None:
    """"> [!TIP]" over "> **Q1: ...?**" and "> **Answer**: ...": the alert line is the
    record's, the question is the bold line; the answer ends with its blockquote (the
    heading over two labelled pairs is their section, not the first one's)."""
    doc = parse("## Cheat sheet\n\n> [!TIP]\n> **Q1: What problem does SBERT solve?**  \n> **Answer**: Exact matching.\n\n"
                "**More questions:**\n\n> **Q2: Why use eBPF at scale?**\n> A: Hash lookups.\n")
    assert [(r.question, r.number, r.answer_text, r.span.line_start, r.span.line_end) for r in doc.records] == [
        ("What problem does SBERT solve?", "1", "Exact matching.", 3, 5), ("Why use eBPF at scale?", "2", "Hash lookups.", 9, 10)]


def test_a_quoted_question_label_without_an_answer_label_stays_text() -> None:
    """A quoted prompt ("> **Q:** ..." and the reply outside the quote), a quoted answer
    label under no question label, and a quoted bold line are not records."""
    for text in (
        "## Log\n\n> **Q:** Should the system also generate them?\n\nYes, it should.\n",
        "## Log\n\n> **Q:** What is the main topic of this page?\n>\n> The page discusses energy.\n",
        "## Log\n\n> **Note:** What is X?\n> **A:** x\n",
        "## Log\n\n> **What is X?**\n> y\n",
        "## Open questions\n\n> [!IMPORTANT]\n> **Q1: State management** — Riverpod or BLoC?\n> **Recommendation:** Riverpod.\n",
        "## Asked\n\n> **Q1: Why exclude Thailand from training?**\n> To assess generalisation.\n",
    ):
        assert questions(parse(text)) == [], text


def test_the_code_a_bold_question_asks_about_is_its_question() -> None:
    """The same for a bold question ("**Q1: What does this print?**", code, "**A:**"): its
    answer starts after the label, as a bold pair's does. Only code may stand between:
    a bold question's code followed by the next question stays its answer."""
    doc = parse("## JS quiz\n\n**Q1: What does this print?**\n\n```js\nconsole.log(typeof null)\n```\n\n**A:** `object`\n\n"
                "**Q2: What does this log?**\n\n```js\nconsole.log(1)\n```\n\n**Q3: What is NaN?**\n\n**A:** Not a number.\n")
    q1, q2, q3 = doc.records
    assert (q1.question_md, q1.answer_md, q1.answer_text) == (
        "**Q1: What does this print?**\n\n```js\nconsole.log(typeof null)\n```", "`object`", "object")
    assert (q2.question_md, q2.answer_md) == ("**Q2: What does this log?**", "```js\nconsole.log(1)\n```")
    assert (q3.question, q3.answer_text) == ("What is NaN?", "Not a number.")


# ---------------------------------------------------------------- headings inside answers

CARDS = (
    "<details>\n<summary>What can a form consist of?</summary>\n\nA form has inputs.\n\n"
    "## Why bind a label to an input?\n\nAccessibility.\n</details>\n\n"
    "<details>\n<summary>What is the difference between PNG and JPG?</summary>\n\nPNG is lossless.\n\n"
    "### JPG\n\n- Lossy.\n</details>\n\n"
    "<details>\n<summary>What is SVG?</summary>\n\nVector graphics.\n</details>\n"
)


def test_headings_inside_a_question_card_are_its_answer():
    doc = parse(CARDS)
    assert kinds(doc) == [("question", "What can a form consist of?"),
                          ("question", "What is the difference between PNG and JPG?"),
                          ("question", "What is SVG?")]
    assert "Why bind a label to an input?" in doc.records[0].answer_text
    assert "Lossy." in doc.records[1].answer_text
    assert all(r.topic_path == () for r in doc.records)


def test_a_chapter_in_details_keeps_its_question_headings():
    text = ("<details>\n<summary>Networking basics</summary>\n\n## What is TCP?\n\nA stream protocol.\n\n"
            "## What is UDP?\n\nA datagram protocol.\n</details>\n")
    assert questions(parse(text)) == ["What is TCP?", "What is UDP?"]


BOLD_SUBHEADINGS = (
    "## 1. Algorithms and Theory\n\n**Q1- What is the trade-off between bias and variance?**\n\nBias is error from assumptions.\n\n"
    "**Q2 How is KNN different from k-means clustering?**\n\n##### KNN\n\nSupervised, for classification.\n\n"
    "##### K Means\n\nUnsupervised, for clustering.\n\n**Q3- Explain how a ROC curve works.**\n\nIt plots TPR against FPR.\n"
)


def test_sub_headings_of_a_bold_questions_answer_stay_in_it():
    doc = parse(BOLD_SUBHEADINGS)
    qs = [r for r in doc.records if r.is_question]
    assert [r.question for r in qs] == ["What is the trade-off between bias and variance?",
                                        "How is KNN different from k-means clustering?", "Explain how a ROC curve works."]
    assert "Unsupervised, for clustering." in qs[1].answer_text
    assert qs[2].topic_path == ("Algorithms and Theory",)


def test_a_grouping_heading_between_bold_questions_stays_a_topic():
    text = ("## Machine learning\n\n**Q1. What is bias?**\n\nError from assumptions.\n\n#### Supervised learning\n\n"
            "**Q2. What is a label?**\n\nThe target.\n")
    doc = parse(text)
    label = next(r for r in doc.records if r.question == "What is a label?")
    assert label.topic_path == ("Machine learning", "Supervised learning")


# ---------------------------------------------------------------- late list items and scenarios

def test_a_number_without_delimiter_after_the_previous_item_is_the_next_question():
    items = "## IAM\n\n1. What is IAM?\n\n2. How do you trace a user?\n\n"
    doc = parse(items + "3 What is an IAM policy?\n\nA document.\n")
    assert [(r.number, r.question) for r in doc.records if r.is_question] == [
        ("1", "What is IAM?"), ("2", "How do you trace a user?"), ("3", "What is an IAM policy?"),
    ]
    assert doc.records[-1].answer_text == "A document."
    doc = parse(items + "13 What is an IAM role?\n\nA document.\n")  # 13 is not the next number
    assert questions(doc) == ["What is IAM?", "How do you trace a user?"]


def test_a_number_without_delimiter_after_prose_or_a_statement_stays_prose():
    text = "## IAM\n\n1. What is IAM?\n\n2. How do you trace a user?\n\n3 users were added last week.\n"
    assert questions(parse(text)) == ["What is IAM?", "How do you trace a user?"]
    assert questions(parse("Intro.\n\n13 What is an IAM role?\n\nA role is assumed.\n")) == []


def test_a_scenario_whose_last_sentence_asks_is_a_plain_question():
    text = (
        "## Secure Development\n\n"
        "A developer is working on a payment app, and the team needs your help in gathering security requirements.What would you consider?\n\n"
        "What is threat modeling?\n\nDesign review.\n\nWhat is a code review?\n"
    )
    assert questions(parse(text))[0].startswith("A developer is working on a payment app")
    article = (
        "## Emerging issues\n\n"
        "Despite doing all of this systematically, it's possible that we have not anticipated some issues at all. What do we do about that?\n\n"
        "Even the most thorough offline evaluation process can't predict every problem.\n\n"
        "This means you need strategies for discovering issues that your evaluation framework doesn't catch. How do you identify them?\n\n"
        "These challenges form the foundation of monitoring.\n"
    )
    assert questions(parse(article)) == []  # scenarios join a run of questions, never make one
    prose = (
        "What is A?\n\nA is a.\n\nWhat is B?\n\n"
        "We reviewed all of the findings from the last scan and the open tickets. So which one of them goes first?\n"
    )
    assert questions(parse(prose)) == ["What is A?", "What is B?"]


def test_a_rule_over_notes_is_not_front_matter():
    text = ("---\n\n### 1. What is Normalization?\n\n- 1NF: Atomic values\n- 2NF: no partial dependency\n\n---\n\n"
            "### 2. What is a primary key?\n\nA unique row id.\n")
    assert questions(parse(text))[:2] == ["What is Normalization?", "What is a primary key?"]


def test_yaml_front_matter_is_still_hidden():
    text = "---\ntitle: Notes\ntags:\n- sql\n---\n\n## What is a primary key?\n\nA unique row id.\n"
    assert kinds(parse(text)) == [("question", "What is a primary key?")]


# ---------------------------------------------------------------- numbered flashcards

CARD_LIST = (
    "## Hard (Internals and Tuning - 5 Questions)\n\n"
    "1. **Explain the Catalyst Optimizer.**\n    *   Logical plan to physical plan.\n"
    "2. **What is Tungsten?**\n    *   The memory and code generation backend.\n"
    "3. **Whole-Stage Code Generation (WSCG)?**\n    *   Operators collapsed into one loop.\n"
    "4. **Speculative Execution.**\n    *   Relaunching slow tasks.\n"
    "5. **Partition Pruning.**\n    *   Skipping files by partition key.\n"
)


def test_numbered_bold_cards_in_a_question_list_are_all_prompts():
    assert questions(parse(CARD_LIST)) == ["Explain the Catalyst Optimizer.", "What is Tungsten?",
                                           "Whole-Stage Code Generation (WSCG)?", "Speculative Execution.",
                                           "Partition Pruning."]


def test_bold_steps_of_a_method_stay_text():
    text = ("## Active prompting for interview questions\n\nHow it works:\n\n"
            "1. **Dynamic Querying:**\n    - Query the model for answers.\n"
            "2. **Uncertainty Metric:**\n    - Measure disagreement.\n"
            "3. **Selective Annotation:**\n    - Humans annotate the hardest.\n")
    assert questions(parse(text)) == []


def test_a_labelled_pair_right_after_code_lines_starts_a_record():
    text = ("Docker Interview Questions\nQuestion: What is a Dockerfile?\nAnswer: A text file of build steps.\n\n"
            "Question: Write a Dockerfile for Java.\nAnswer:\n\nFROM openjdk:11\nCMD [\"java\"]\n"
            "Question: What is Docker Compose?\nAnswer: A tool for multi-container applications.\n\n"
            "Notes on the exam\nQ: see the syllabus for the rest\n")
    doc = parse(text)
    assert questions(doc) == ["What is a Dockerfile?", "Write a Dockerfile for Java.", "What is Docker Compose?"]
    compose = doc.records[-1] if doc.records[-1].is_question else doc.records[-2]
    assert compose.answer_text.startswith("A tool for multi-container")


def test_points_indented_one_space_stay_in_the_answer_above():
    text = ("# Jenkins\n* What Is Jenkins?\nA CI server.\n\n* What Is Continuous Integration?\nMerging often.\n\n"
            "* What Are The Advantages Of Jenkins?\nAdvantages include:\n * Bugs are found early.\n"
            " * Many plugins.\n * Reports on each commit.\n")
    doc = parse(text)
    assert questions(doc) == ["What Is Jenkins?", "What Is Continuous Integration?", "What Are The Advantages Of Jenkins?"]
    assert "Reports on each commit." in doc.records[-1].answer_text


def test_an_indented_question_item_is_still_a_question():
    text = ("## Core\n\n1.  ### What is React?\n\n    A library.\n\n   2.  ### What is JSX?\n       A syntax.\n")
    assert questions(parse(text)) == ["What is React?", "What is JSX?"]


# ---------------------------------------------------------------- structure read from the items themselves

def test_a_numbered_list_that_asks_and_answers_needs_no_heading():
    text = ("A few notes on JavaScript.\n\n1. Explain closures.\n   A closure captures its scope.\n"
            "2. Explain hoisting.\n   Declarations move up.\n3. What is the event loop\n   It runs callbacks.\n")
    doc = parse(text)
    assert [(r.question, r.answer_text) for r in doc.records] == [
        ("Explain closures.", "A closure captures its scope."),
        ("Explain hoisting.", "Declarations move up."),
        ("What is the event loop", "It runs callbacks."),
    ]


def test_a_numbered_question_split_from_its_list_by_an_answer_goes_on_with_it():
    text = ("My notes.\n\n1. What is a closure?\n\nIt captures its scope.\n\n2. What is hoisting?\n\nDeclarations move up.\n\n"
            "3. Explain the event loop.\n\nIt runs callbacks.\n")
    assert questions(parse(text)) == ["What is a closure?", "What is hoisting?", "Explain the event loop."]
    steps = text.replace("3. Explain the event loop.", "3. Install the package.")
    assert questions(parse(steps)) == ["What is a closure?", "What is hoisting?"]
    skipped = text.replace("3. Explain", "5. Explain")
    assert questions(parse(skipped)) == ["What is a closure?", "What is hoisting?"]


def test_a_numbered_list_of_instructions_that_never_asks_stays_text():
    text = ("## Reporting a bug\n\n1. Describe the bug.\n   What happened, in a sentence.\n"
            "2. List the steps.\n   One per line.\n3. Explain what you expected.\n   And what you saw.\n")
    assert [r.kind for r in parse(text).records] == ["topic"]


def test_bold_questions_answered_on_their_line_ask_under_any_heading():
    text = ("# Python\n\n## Basics\n\n**What is a list?** A mutable sequence.\n\n**What is a tuple?** An immutable one.\n\n"
            "**How do you copy a dict?** Use `dict.copy()`.\n")
    assert [(r.question, r.answer_text) for r in parse(text).records if r.is_question] == [
        ("What is a list?", "A mutable sequence."), ("What is a tuple?", "An immutable one."),
        ("How do you copy a dict?", "Use dict.copy()."),
    ]
    bullets = "# Python\n\n## Basics\n\n- **What is a list?** A mutable sequence.\n- **What is a tuple?** An immutable one.\n"
    assert [(r.question, r.answer_text) for r in parse(bullets).records if r.is_question] == [
        ("What is a list?", "A mutable sequence."), ("What is a tuple?", "An immutable one."),
    ]


def test_bold_invitations_answered_on_their_line_stay_text():
    text = ("## Courses\n\n**Want to go deeper?** Choose a course:\n- **New to AI?** Take the intro course.\n"
            "- **Already building AI?** Take the advanced course.\n")
    assert [r.kind for r in parse(text).records] == ["topic"]


def test_bold_cards_ask_when_half_of_them_ask():
    text = ("## Data structures\n\n1. **What is a list?**\n\n   A mutable sequence.\n\n"
            "2. **Difference between list and tuple**\n\n   Tuples are immutable.\n")
    assert questions(parse(text)) == ["What is a list?", "Difference between list and tuple"]
    terms = "## Glossary\n\n1. **List**\n\n   A mutable sequence.\n\n2. **Tuple**\n\n   An immutable one.\n"
    assert questions(parse(terms)) == []


def test_a_numbered_term_with_a_question_mark_is_a_question_heading():
    text = "# Networking\n\n## Q1. Router?\n\nForwards packets.\n\n## 2. Switch?\n\nForwards frames.\n\n## Hub\n\nRepeats.\n"
    assert kinds(parse(text)) == [("question", "Router?"), ("question", "Switch?"), ("topic", "Hub")]
    assert kinds(parse("## Q. Router?\n\nForwards packets.\n")) == [("question", "Router?")]
    assert kinds(parse("## Router?\n\nForwards packets.\n")) == [("topic", "Router?")]


def test_a_question_mark_in_inline_code_does_not_ask():
    doc = parse("# JS\n\n- Q: How do you read a property that may be missing?\n- A: use `x?.y` to read it.\n"
                "- Q: How do you default a null value?\n- A: use `a ?? b` instead.\n")
    assert [(r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("How do you read a property that may be missing?", "use x?.y to read it."),
        ("How do you default a null value?", "use a ?? b instead."),
    ]
    assert kinds(parse("## The `?.` operator\n\nReads a property.\n")) == [("topic", "The ?. operator")]
    assert kinds(parse("## What does `a ?? b` return?\n\nb when a is null.\n")) == [("question", "What does a ?? b return?")]


def test_a_bold_label_bullet_is_a_definition():
    text = ("# Interview questions\n\n- [Scope](#scope)\n- [Cost](#cost)\n\n## Glossary\n\n"
            "* **Scope:** the part of the system we change, what is in and what is out?\n"
            "* **Cost:** what does the change take in hours?\n* **Risk**: what could go wrong?\n")
    assert questions(parse(text)) == []
    labelled = "## Questions\n\n- **Q1:** What is a pod?\n  The smallest unit.\n- **Q2:** What is a node?\n  A machine.\n"
    assert questions(parse(labelled)) == ["What is a pod?", "What is a node?"]
    topics = ("## Questions\n\n- **Headings:** How would you create headings?\n  With #.\n"
              "- **Links:** What is the syntax of a link?\n  Brackets.\n")
    assert questions(parse(topics)) == ["Headings: How would you create headings?", "Links: What is the syntax of a link?"]


REDIS = ("# Redis\n\n## What is Redis?\n\nAn in-memory store.\n\n### Why is it fast?\n\nMemory and one thread.\n\n"
         "### Where is it used?\n\nCaches.\n\n## What is Memcached?\n\nAnother cache.\n")


def test_question_sub_headings_inside_an_answer_stay_in_it():
    doc = parse(REDIS)
    assert questions(doc) == ["What is Redis?", "What is Memcached?"]
    assert "Why is it fast?" in doc.records[0].answer_md and "Caches." in doc.records[0].answer_text


def test_an_answer_keeps_its_sub_heading_though_the_file_asks_more_at_that_level():
    text = ("# Guide\n\n## What is Redis?\n\nAn in-memory store.\n\n### Why is it fast?\n\nMemory.\n\n"
            "### The analogy\n\nA shelf at your desk.\n\n## Common questions\n\n"
            + "".join(f"### What if {w} fails?\n\nRetry.\n\n" for w in ("Redis", "the network", "the disk")))
    doc = parse(text)
    assert questions(doc) == ["What is Redis?", "What if Redis fails?", "What if the network fails?", "What if the disk fails?"]
    assert "A shelf at your desk." in doc.records[0].answer_text


def test_a_labelled_sub_heading_under_a_question_is_its_own_record():
    """"### Follow-up Q: ..." (or "### Q: ...") under "## Q: ...": the author marked it a
    question, so it ends the answer above, though it speaks of the same subject."""
    text = ("## Q: What are the benefits of Markdown?\n**A:** Easy to read.\n\n"
            "### Follow-up Q: Can I use it for documentation?\n**A:** Yes, many platforms support it.\n")
    doc = parse(text)
    assert questions(doc) == ["What are the benefits of Markdown?", "Can I use it for documentation?"]
    assert "documentation" not in doc.records[0].answer_md
    labelled = parse(REDIS.replace("### Where is it used?", "### Q: Where is it used?"))
    assert questions(labelled) == ["What is Redis?", "Where is it used?", "What is Memcached?"]
    assert "Why is it fast?" in labelled.records[0].answer_md and "Caches." not in labelled.records[0].answer_md
    # without a label the sub-heading stays part of the answer
    assert questions(parse(text.replace("Follow-up Q: ", ""))) == ["What are the benefits of Markdown?"]


def test_questions_under_a_question_heading_are_a_bank_not_its_answer():
    """A question heading (a setext one: a question line over "---") whose whole "answer"
    is paragraphs of questions: they are records of their own, and it is unanswered."""
    text = "# Notes\n\n## What is kubelet?\n\nWhat is a ReplicaSet?\n\nWhat is etcd?\n\nHow do you secure a cluster?\n"
    doc = parse(text)
    assert questions(doc) == ["What is kubelet?", "What is a ReplicaSet?", "What is etcd?", "How do you secure a cluster?"]
    assert doc.records[1].answer_md == "" and doc.records[0].layout == "heading"
    setext = ("# Bank\n\nWhat is kubelet?\n---\nIntermediate Level\nWhat is a StatefulSet?\n\n"
              "Explain the architecture of Kubernetes.\n\nHow do rollbacks work?\n")
    assert questions(parse(setext)) == ["What is kubelet?", "What is a StatefulSet?",
                                        "Explain the architecture of Kubernetes.", "How do rollbacks work?"]


def test_an_answer_that_asks_then_answers_stays_an_answer():
    for body in ("Ever had it fail on your machine?\n\nWant builds you can repeat?\n\nDocker packs it all.\n",
                 "What is a container, then?\n",
                 "Explain the image first.\n\nDescribe the layers.\n\nWhat is a tag?\n"):
        doc = parse(f"## Why use Docker?\n\n{body}")
        assert questions(doc) == ["Why use Docker?"], body
        assert doc.records[0].answer_text


def test_sub_questions_of_a_bank_stay_questions():
    # the parent has no answer of its own
    bare = REDIS.replace("An in-memory store.\n\n", "")
    assert questions(parse(bare)) == ["What is Redis?", "Why is it fast?", "Where is it used?", "What is Memcached?"]
    # a deeper question about another subject
    other = REDIS.replace("### Why is it fast?", "### What is Memcached used for?")
    assert "What is Memcached used for?" in questions(parse(other))
    # numbered sub-questions
    numbered = REDIS.replace("### Why", "### 1.1 Why").replace("### Where", "### 1.2 Where")
    assert questions(parse(numbered))[1:3] == ["Why is it fast?", "Where is it used?"]
    # group headings that ask, over many more questions at the deeper level
    bank = "".join(f"## What is {g}?\n\nAn intro.\n\n" + "".join(f"### What is {g} {k}?\n\nAnswer.\n\n" for k in range(3))
                   for g in ("Kubernetes", "Docker"))
    assert len(questions(parse(bank))) == 8


def test_headings_that_name_a_group_of_questions_are_topics_in_an_faq():
    text = ("# Foo FAQ\n\n## General questions\n\n**What is Foo?**\n\nA tool.\n\n**Is Foo free?**\n\nYes.\n\n"
            "## Installation questions\n\n**How do I install Foo?**\n\nRun the installer.\n\n"
            "## Usage questions\n\n**How do I run Foo?**\n\nType foo.\n")
    doc = parse(text, "faq.md")
    assert questions(doc) == ["What is Foo?", "Is Foo free?", "How do I install Foo?", "How do I run Foo?"]
    assert doc.records[-1].topic_path == ("Foo FAQ", "Usage questions")
    labelled = ("# Pipelines FAQ\n\n## Usage Questions\n\n**Q: How do I stop it?**  \nA: Kill it.\n\n"
                "**Q: Can I run two?**  \nA: Yes.\n\n## Installation Questions\n\n**Q: Do I need a GPU?**  \nA: No.\n\n"
                "## Troubleshooting Questions\n\n**Q: Why is it slow?**  \nA: Use a GPU.\n")
    assert questions(parse(labelled, "FAQ.md")) == ["How do I stop it?", "Can I run two?", "Do I need a GPU?", "Why is it slow?"]
    problems = ("# FAQ\n\n## I can't install it\n\nRun it as root.\n\n## It crashes on start\n\nUpdate.\n\n"
                "## Nothing happens\n\nCheck the log.\n")
    assert questions(parse(problems, "faq.md")) == ["I can't install it", "It crashes on start", "Nothing happens"]


def test_a_summary_table_restating_the_questions_is_a_recap():
    text = ("## What is a closure?\n\nA function with its scope.\n\n## What is hoisting?\n\nDeclarations move up.\n\n"
            "## Summary\n\n| Question | Short answer |\n|---|---|\n| What is a closure? | captured scope |\n"
            "| What is hoisting? | declarations move up |\n")
    doc = parse(text)
    assert kinds(doc) == [("question", "What is a closure?"), ("question", "What is hoisting?"), ("topic", "Summary")]
    new = text.replace("| What is a closure? |", "| What is a promise? |").replace("| What is hoisting? |", "| What is a generator? |")
    assert questions(parse(new))[2:] == ["What is a promise?", "What is a generator?"]


# ---------------------------------------------------------------- prompts by their place in a question list

def test_a_numbered_question_list_keeps_its_prompts_however_worded():
    """Under a heading that names questions, with one item that asks, the other items are
    prompts too ("Wait groups example.", "Microservices vs monoliths"): before, the list
    kept only the items with "?", or none when fewer than half had one."""
    doc = parse("# Sync Package Questions\n\n1. How does a Mutex work?\n2. Wait groups example.\n"
                "3. RW Mutex example and use case.\n4. Semaphore\n")
    assert questions(doc) == ["How does a Mutex work?", "Wait groups example.", "RW Mutex example and use case.",
                              "Semaphore"]
    doc = parse("# Concurrency Questions\n\n1. How to stop a goroutine?\n2. What is a channel?\n"
                "3. Read and write the Fibonacci series to a channel.\n4. Microservices vs monoliths\n")
    assert questions(doc)[2:] == ["Read and write the Fibonacci series to a channel.", "Microservices vs monoliths"]


def test_a_numbered_list_of_answered_items_keeps_its_unasking_prompts():
    """Every item carries its own answer and most ask: an item worded as a noun phrase
    ("After joining, project types") is a prompt of the same bank, with no heading that
    names questions. Before, it fell into the section's text."""
    text = ("# Interview\n\n## Reverse round\n\n1. After joining, project types\n\n   Mobile and web apps.\n\n"
            "2. How many people are in the team?\n\n   Fewer than 20.\n")
    doc = parse(text)
    assert questions(doc) == ["After joining, project types", "How many people are in the team?"]
    assert answers(doc)[0] == "Mobile and web apps."
    # an item without its own answer is no prompt: a list of steps with one question
    steps = parse(text.replace("\n\n   Mobile and web apps.", ""))
    assert "After joining, project types" not in questions(steps)


def test_a_hard_break_line_before_a_plain_question_is_not_its_question_line():
    """A GitBook export writes "\\" alone on the line before a bold question (a hard
    break): the question's paragraph starts there, and its answer repeated the question."""
    doc = parse("# FAQ\n\n### General\n\n\\\n**How many agents can I have?**\n\nAs many as you like.\n\n"
                "#### How are agents priced?\n\nPer agent.\n")
    assert questions(doc) == ["How many agents can I have?", "How are agents priced?"]
    assert doc.records[0].answer_md == "As many as you like."
    assert doc.records[0].span.line_start == 5


def test_steps_of_a_method_in_an_interview_guide_are_not_prompts():
    """The questions word is far up (the file's title), the nearest heading and lead-in
    speak of a round and what good looks like: the numbered steps stay the topic's text,
    though one of them asks a question."""
    doc = parse("# Interview rounds\n\n## 5. Decomposition round\n\nA customer hands you a fuzzy problem.\n\n"
                "**What good looks like:**\n\n1. **Clarify the goal.** What does the customer really want?\n"
                "2. **Identify stakeholders** for each.\n3. **Map available inputs**, and name what is missing.\n")
    assert questions(doc) == []
    doc = parse("# Questions\n\n- How does a Mutex work?\n- Wait groups\n- Semaphore\n")  # bullets: no numbering
    assert "Semaphore" not in questions(doc)


def test_points_of_a_two_digit_item_indented_one_space_short_stay_its_answer():
    """"10. " needs four spaces to nest; "   * ..." under it has three, so Markdown starts a
    new list. It is still the item's follow-up, as the items above it have theirs."""
    text = ("# SQL Questions\n\n9. What are aggregate functions?\n   * Give examples like `COUNT()`.\n"
            "10. How can you find duplicate records in a table?\n   * Write an SQL query to find duplicates.\n")
    doc = parse(text)
    assert questions(doc) == ["What are aggregate functions?", "How can you find duplicate records in a table?"]
    assert "Write an SQL query" in doc.records[-1].answer_text
    # after a blank line, or at the numbers' own indent, a bullet list is a list of its own
    apart = parse(text.replace("\n   * Write", "\n\n* Write").replace("to find duplicates.", "to find duplicates?"))
    assert "Write an SQL query to find duplicates?" in questions(apart)


def test_a_numbered_heading_over_several_labelled_pairs_is_their_section():
    """"## 3. Threats & Attacks" over "**Q:** ... / **A:** ..." cards: the heading titled
    the first card, whose own question was lost, and left it out of the section."""
    doc = parse("# Cards\n\n## **3. Threats & Attacks**\n\n**Q:** What is phishing?  \n**A:** A social attack.\n\n"
                "**Q:** What is ransomware?  \n**A:** Malware that encrypts data.\n")
    assert [(r.question, r.topic_path) for r in doc.records] == [
        ("What is phishing?", ("Cards", "Threats & Attacks")), ("What is ransomware?", ("Cards", "Threats & Attacks"))]
    one = parse("## 3. Code gradient descent\n\n**Question**: Write it in numpy.\n\n**Answer**: See below.\n")
    assert [r.question for r in one.records] == ["Code gradient descent"]  # one pair: the heading titles it


# ---------------------------------------------------------------- question and answer labels

def answers(doc) -> list[str]:
    return [r.answer_text for r in doc.records if r.is_question]


def test_numbered_items_over_solution_labels_are_questions_whatever_their_wording():
    text = ("## Exercises\n\n1. Two Sum\n\nSolution: Use a hash map of seen values.\n\n"
            "2. Reverse a linked list in place.\n\n**Explanation:** Flip each next pointer.\n")
    doc = parse(text)
    assert questions(doc) == ["Two Sum", "Reverse a linked list in place."]
    assert answers(doc) == ["Use a hash map of seen values.", "Flip each next pointer."]


def test_one_asking_item_over_a_solution_label_is_a_question():
    doc = parse("## Troubleshooting\n\n1. Why does the server stall?\n\nAns - It runs out of file handles.\n")
    assert questions(doc) == ["Why does the server stall?"]
    assert answers(doc) == ["It runs out of file handles."]


def test_one_step_over_a_solution_label_and_solution_prose_stay_text():
    text = ("## Troubleshooting\n\nCommon steps:\n\n1. Restart the server.\n\n"
            "Solution: if it still fails, check the logs.\n\nWe tried caching first.\n\nSolution: put a CDN in front.\n")
    assert kinds(parse(text)) == [("topic", "Troubleshooting")]


QUIZ_EXPORT = (
    "# Kubernetes quiz\n\nQuestion: What is a Service?\nAnswer: A stable virtual IP.\n\n"
    "#### Question 3 of 26\nWhat does a ReplicaSet do?\n\nIt keeps a given number of pods running.\n\n"
    "#### QUESTION 4 OF 26\n**Location blocks can be nested.**\n\n- **TRUE** ✓\n- FALSE\n\n"
    "**Explanation**: A location block may hold another.\n"
)


def test_question_n_of_m_headings_start_a_record_with_the_next_paragraph():
    doc = parse(QUIZ_EXPORT)
    assert questions(doc) == ["What is a Service?", "What does a ReplicaSet do?", "Location blocks can be nested."]
    assert answers(doc)[0] == "A stable virtual IP."
    assert answers(doc)[1] == "It keeps a given number of pods running."
    assert doc.records[2].number == "4"


def test_a_question_label_heading_over_a_list_of_questions_stays_a_title():
    text = "## Question 1 of 2\n\nYou may be asked:\n\n- What is a Pod?\n- What is a node?\n"
    assert questions(parse(text)) == ["What is a Pod?", "What is a node?"]


def test_a_leading_answer_label_line_leaves_the_answer_text():
    text = ("## Notes\n\n<details><summary>What is a vcluster?</summary>\n\nAnswer\n\nA virtual cluster.\n</details>\n\n"
            "1. **Which object keeps pods running?**\n   <details>\n   <summary>Answer</summary>\n"
            "   A ReplicaSet.\n   </details>\n\n"
            "<details><summary>What is a kubelet?</summary>\n\n**Answer:**\n\nThe node agent.\n</details>\n")
    doc = parse(text)
    assert answers(doc) == ["A virtual cluster.", "A ReplicaSet.", "The node agent."]
    assert doc.records[0].answer_md.startswith("Answer")  # the Markdown stays as written


def test_an_answer_that_opens_with_options_or_a_sentence_keeps_them():
    text = ("###### 1. What does this print?\n\n- A: 1\n- B: 2\n\n"
            "###### 2. Why is typeof null \"object\"?\n\nAnswers vary, but it is a legacy bug.\n")
    assert answers(parse(text)) == ["A: 1\n\nB: 2", "Answers vary, but it is a legacy bug."]
    # options over the answer's label are the question's: the answer starts at the label
    doc = parse("###### 1. What does this print?\n\n- A: 1\n- B: 2\n\nAnswer: B\n")
    assert (doc.records[0].question_md.rstrip().endswith("- A: 1\n- B: 2"), answers(doc)) == (True, ["B"])


def test_a_question_label_after_the_number_is_not_the_question():
    text = ("## Workloads\n\n**4. Q: What is a DaemonSet?**\n\nRuns a pod on every node.\n\n"
            "### 6. Question: What is a CronJob?\n\nRuns jobs on a schedule.\n\n"
            "### 7. Q-learning vs SARSA?\n\nOff-policy against on-policy.\n")
    doc = parse(text)
    assert questions(doc) == ["What is a DaemonSet?", "What is a CronJob?", "Q-learning vs SARSA?"]
    assert [r.number for r in doc.records if r.is_question] == ["4", "6", "7"]


def test_the_program_between_a_numbered_question_and_its_answer_label_is_the_questions():
    text = ("# JS\n\n1. What does this print?\n\n```js\nconsole.log(1 + 2)\n```\n\nAnswer: 3\n\n"
            "- Q: What does this print?\n\n  ```js\n  console.log('a' + 1)\n  ```\n\n  A: a1\n")
    doc = parse(text)
    assert answers(doc) == ["3", "a1"]
    assert all("console.log" in r.question_md for r in doc.records)


def test_a_numbered_question_with_code_in_its_answer_keeps_it_there():
    text = "# JS\n\n1. How do you sum a list?\n\n```python\nsum(xs)\n```\n\nIt is built in.\n"
    doc = parse(text)
    assert doc.records[-1].answer_text.startswith("sum(xs)")


def test_plain_label_variants_each_give_a_record():
    text = ("# Notes\n\nQuestion 2:\nWhat is a Pod?\n\nAnswer 2:\nThe smallest unit.\n\n"
            "Q: What is a node?\nA: A worker machine.\nQ: What is etcd?\nA: The store.\n\n"
            "- Question: What is kube-proxy?\n  Answer: The network proxy.\n")
    doc = parse(text)
    assert questions(doc) == ["What is a Pod?", "What is a node?", "What is etcd?", "What is kube-proxy?"]
    assert answers(doc) == ["The smallest unit.", "A worker machine.", "The store.", "The network proxy."]


def test_a_list_inside_a_labelled_answer_stays_in_it():
    text = ("**Question:** What are the probes?\n\n**Answer:**\n\n- liveness: is it alive?\n- readiness: can it serve?\n\n"
            "**Question:** What is a Pod?\n\n**Answer:** The smallest unit.\n")
    doc = parse(text)
    assert questions(doc) == ["What are the probes?", "What is a Pod?"]


def test_a_lone_question_label_line_in_prose_is_no_record():
    assert questions(parse("# Notes\n\nQuestion:\nnone\n\nSee the FAQ.\n")) == []


def test_a_line_break_tag_keeps_words_apart():
    text = "# Notes\n\nWhat is X?<br>What is Y?<br>\n\nX is one thing.\n\nWhat is Z?\n\nZ is last.\n"
    assert questions(parse(text))[0] == "What is X? What is Y?"


def test_lettered_options_keep_their_letters_and_a_lone_a_item_is_a_label():
    assert answers(parse("###### 1. What does this print?\n\n- A: 1\n- B: 2\n\nIt prints 1.\n")) == ["A: 1\n\nB: 2\n\nIt prints 1."]
    text = "# K8s\n\n- Q: What is a Pod?\n- A: The smallest unit.\n- Q: What is a node?\n- A: A worker machine.\n"
    assert answers(parse(text)) == ["The smallest unit.", "A worker machine."]


# ---------------------------------------------------------------- lists that are question banks by their shape

BANK = ("# Notes\n\n1. What is the geometric interpretation of the dot product?\n"
        "2. What does it mean for two vectors to be linearly independent?\n"
        "3. How do you check that two sets of vectors share the same basis?\n")


def test_a_numbered_list_that_only_asks_and_fills_its_section_is_a_bank_whatever_the_file_is_called():
    """Three or more numbered items that all ask, alone in their section (a one-line
    lead-in at most): a question bank, in ``vectors.md`` as in ``questions.md``."""
    for name in ("vectors.md", "questions.md"):
        assert len(questions(parse(BANK, name))) == 3
    lead = BANK.replace("# Notes\n\n", "# Notes\n\nTry these first:\n\n")
    assert len(questions(parse(lead, "vectors.md"))) == 3


def test_a_list_of_questions_between_paragraphs_of_prose_stays_text():
    """A checklist inside a tutorial: the list does not fill its section."""
    prose = BANK.replace("# Notes\n\n", "# Notes\n\nBefore we start, think about these\nthree points for a while.\n\n")
    assert questions(parse(prose, "vectors.md")) == []
    after = BANK + "\nWe answer them in the next chapter.\n"
    assert questions(parse(after, "vectors.md")) == []
    two = "# Notes\n\n1. What is a vector?\n2. What is a matrix?\n"
    assert questions(parse(two, "vectors.md")) == []
    told = BANK.replace("3. How do you check that two sets of vectors share the same basis?", "3. Check the basis.")
    assert questions(parse(told, "vectors.md")) == []
    bullets = BANK.replace("1. ", "- ").replace("2. ", "- ").replace("3. ", "- ")
    assert questions(parse(bullets, "vectors.md")) == []


VECTORS = ("#### 5.1.1 Vectors\n\n1. Dot product\n    1. [E] What is the geometric interpretation of the dot product?\n"
           "    2. [E] Given a vector u, find a unit vector v maximising u.v.\n\n"
           "2. [E] What does it mean for two vectors to be linearly independent?\n"
           "3. [M] How do you check that two sets of vectors share the same basis?\n")


def test_a_topic_item_over_nested_questions_gives_them_under_its_topic():
    """"1. Dot product" over numbered sub-questions: each sub-item is a question, the item
    a step of their topic path; difficulty tags ("[E]", "(Hard)") are no part of the text.
    Before, the sub-questions were lost in the section's text."""
    doc = parse(VECTORS, "contents/vectors.md")
    assert [(r.question, r.topic_path) for r in doc.records] == [
        ("What is the geometric interpretation of the dot product?", ("Vectors", "Dot product")),
        ("Given a vector u, find a unit vector v maximising u.v.", ("Vectors", "Dot product")),
        ("What does it mean for two vectors to be linearly independent?", ("Vectors",)),
        ("How do you check that two sets of vectors share the same basis?", ("Vectors",)),
    ]
    assert [r.number for r in doc.records] == ["1.1", "1.2", "2", "3"]  # no gap from 1 to 3 in one series
    tags = "## Questions\n\n1. (Easy) What is a list?\n2. [Medium] Reverse a linked list.\n3. (hard) Design a cache.\n"
    assert questions(parse(tags)) == ["What is a list?", "Reverse a linked list.", "Design a cache."]
    assert questions(parse("## [H] What is a monad?\n\nA monoid in the category of endofunctors.\n")) == ["What is a monad?"]


def test_a_topic_item_over_points_that_do_not_ask_stays_text():
    outline = ("#### Vectors\n\n1. Dot product\n    1. Geometric meaning\n    2. Algebraic form\n\n"
               "2. What does it mean for two vectors to be linearly independent?\n"
               "3. How do you check that two sets of vectors share the same basis?\n")
    assert questions(parse(outline, "vectors.md")) == []
    prose = "#### Vectors\n\nWe cover two things here, in order.\nRead them slowly.\n\n" + VECTORS.split("\n\n", 1)[1]
    assert questions(parse(prose, "vectors.md")) == []
    untagged = "## Notes\n\n- [Note] What is a list?\n- [x] Reverse a linked list.\n"
    assert questions(parse(untagged)) == []


def test_a_topic_item_answered_as_a_whole_stays_one_question():
    """"1. RNNs" over its sub-questions, then one answer block: the answer is the topic's."""
    text = ("# Interview Questions\n\n1. RNNs\n    1. What is the motivation for RNN?\n"
            "    1. How would you do dropouts in an RNN?\n\n<details><summary><b>Answer</b></summary>\n\n"
            "Vanishing gradients.\n\n</details>\n")
    doc = parse(text)
    assert questions(doc) == ["RNNs"]
    assert "Vanishing gradients." in doc.records[-1].answer_text


# ---------------------------------------------------------------- Anki exports

def test_an_anki_export_in_a_fence_gives_a_card_per_row():
    """Anki's plain-text export (a "#separator:tab" header, meta columns named by
    "#... column:N") pasted as a fenced block: each row is a card, front then back."""
    text = ("# Chain 1\n\n## Anki Deck\n\n```\n#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n\n"
            "R1a\tBasic\tWhat does <code>genpmk</code> precompute?\tPMKs for one SSID\twifi\n"
            "S2b\tBasic\tWhich tool looks up a genpmk table?\t<code>cowpatty</code>\twifi\n"
            "C3c\tCloze\tThe {{c1::PMK}} is derived from the passphrase and SSID.\t\twifi\n```\n")
    doc = parse(text)
    cards = [r for r in doc.records if r.layout == "anki"]
    assert [r.question for r in cards] == ["What does genpmk precompute?", "Which tool looks up a genpmk table?",
                                           "The {{c1::PMK}} is derived from the passphrase and SSID."]
    assert [r.answer_md for r in cards[:2]] == ["PMKs for one SSID", "<code>cowpatty</code>"]
    assert cards[1].answer_text == "cowpatty" and cards[0].topic_path == ("Chain 1", "Anki Deck")
    assert cards[0].span.line_start == cards[0].span.line_end == 11
    assert "{{c1::PMK}}" in cards[2].answer_md  # a cloze card answers with its own text


def test_tab_separated_data_without_an_anki_header_stays_code():
    doc = parse("# Data\n\n```tsv\nname\tvalue\nWhat is x?\t1\nWhat is y?\t2\n```\n")
    assert questions(doc) == []


def test_a_linked_question_index_keeps_its_tasks():
    """A numbered list of links to the answers under a heading about questions, half of
    them asking: the items worded as tasks ("Find records ...") are questions too, with
    their text as the asking items give it. A lead-in that names PostgreSQL is no
    reading list ("post")."""
    text = ("# SQL questions\n\nAll solutions use PostgreSQL.\n\n"
            '1. <a href="QA.md#q1">How do you find duplicates in a table</a>?\n'
            '2. <a href="QA.md#q2">Find records in a table which are not present in another table</a>.\n'
            '3. <a href="QA.md#q3">Update a table and swap gender values</a>.\n'
            '4. <a href="QA.md#q4">What is the difference between union and union all</a>?\n')
    assert questions(parse(text)) == ["How do you find duplicates in a table?",
                                      "Find records in a table which are not present in another table.",
                                      "Update a table and swap gender values.",
                                      "What is the difference between union and union all?"]
    markdown = ("# SQL questions\n\n1. [How do you find duplicates](https://git.example/QA.md#q1)?\n"
                "2. [Find the second salary](https://git.example/QA.md#q2).\n")
    assert questions(parse(markdown)) == ["How do you find duplicates?", "Find the second salary."]


def test_a_linked_list_that_mostly_does_not_ask_keeps_only_its_questions():
    url = "https://git.example/QA.md"
    text = (f"# SQL questions\n\n1. [How do you find duplicates?]({url}#q1)\n2. [Joins explained]({url}#q2)\n"
            f"3. [Window functions]({url}#q3)\n4. [Indexes in depth]({url}#q4)\n5. [What is a view?]({url}#q5)\n")
    assert questions(parse(text)) == []  # two of five ask: no bank
    notes = text.replace("SQL questions", "SQL notes").replace("[Window functions]", "[Why use window functions?]")
    assert questions(parse(notes)) == []  # three of five ask, but under no heading about questions
    reading = ("# Interview questions\n\n## Further reading\n\n1. [How do you prepare for interviews?](https://a.example/p)\n"
               "2. [Ten tips for the day](https://b.example/t)\n")
    assert questions(parse(reading)) == []
    prose = "# SQL questions\n\n1. How do you find duplicates? See [the answer](QA.md#q1).\n2. Read [joins](joins.md) first.\n"
    assert "Read joins first." not in questions(parse(prose))


# ---------------------------------------------------------------- FAQ entries that do not ask

HELP = ("Help\n----\n\n1. **The FAQ statistics are not updating!**\n\n    Statistics are updated once a day via a cron.\n\n"
        "1. **The Slide Open option is not working.**\n\n    Upload the included JavaScript file into your forum root.\n")


def test_bold_problem_statements_over_their_answers_are_entries_of_an_faq():
    """In an FAQ or help page, a list whose every item is a bold sentence over its own
    answer is a list of entries, however each is worded."""
    doc = parse(HELP, "HELP.md")
    assert [(r.question, r.answer_text) for r in doc.records] == [
        ("The FAQ statistics are not updating!", "Statistics are updated once a day via a cron."),
        ("The Slide Open option is not working.", "Upload the included JavaScript file into your forum root."),
    ]
    bullets = HELP.replace("1. **", "- **").replace("Help\n----", "# Troubleshooting")
    assert len(questions(parse(bullets, "docs/setup.md"))) == 2


def test_bold_statements_outside_an_faq_or_as_short_labels_stay_text():
    assert questions(parse(HELP.replace("Help\n----", "## Known limits"), "README.md")) == []
    assert questions(parse(HELP.replace("Help\n----", "## Getting help"), "README.md")) == []
    labels = HELP.replace("The FAQ statistics are not updating!", "Statistics").replace(
        "The Slide Open option is not working.", "Slide Open")
    assert questions(parse(labels, "HELP.md")) == []
    one = HELP.split("\n\n1. **The Slide")[0] + "\n\nThat is all.\n"
    assert questions(parse(one, "HELP.md")) == []


QUOTED_FAQ = ("# Frequently Asked Questions\n\nAsk me on Discord if yours is missing.\n\n"
          "- `Error: Cannot find module ./config.json`\n> This means you did not set up the config.json for the bot.\n\n"
          "- My game is not showing after using lbsetgame!\n> This is how Discord works. It cannot be fixed.\n")


def test_list_items_over_quoted_answers_are_entries_of_an_faq():
    doc = parse(QUOTED_FAQ, "FAQ.md")
    assert [(r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("Error: Cannot find module ./config.json", "This means you did not set up the config.json for the bot."),
        ("My game is not showing after using lbsetgame!", "This is how Discord works. It cannot be fixed."),
    ]


def test_list_items_over_quotes_elsewhere_stay_text():
    notes = QUOTED_FAQ.replace("Frequently Asked Questions", "Release notes")
    assert questions(parse(notes, "CHANGES.md")) == []
    single = QUOTED_FAQ.split("\n\n- My game")[0] + "\n"
    assert questions(parse(single, "FAQ.md")) == []


# ---------------------------------------------------------------- an empty answer label over sections

def test_an_empty_answer_label_is_answered_by_the_sections_after_it():
    """"### Answer", a rule, then "## Step 1: ..." above the question's level, or
    "### 1. What is the folder?" at the label's: the answer is written as sections after
    an empty label. Before, the question read as unanswered and its sections as topics."""
    heading = parse("### Q: Explain the branching strategy you used.\n\n### **Answer**\n\n---\n\n"
                    "## Step 1: What is a branching strategy?\n\nRules for branches.\n\n## Step 2: Benefits\n\nSafe releases.\n")
    assert [(r.kind, r.question) for r in heading.records] == [("question", "Explain the branching strategy you used.")]
    assert "Safe releases." in heading.records[0].answer_md
    labelled = parse("### Question\nWhat is the purpose of the `.git` folder?\n\n---\n\n### Answer\n\n---\n\n"
                     "### 1. What is the `.git` folder?\n\nThe core of a repository.\n\n### 2. Key contents\n\n- HEAD\n")
    assert [(r.kind, r.question) for r in labelled.records] == [("question", "What is the purpose of the .git folder?")]
    assert "- HEAD" in labelled.records[0].answer_md


def test_sections_after_an_answer_with_text_stay_topics_and_a_next_label_ends_it():
    doc = parse("### Question\nWhat is Git?\n\n### Answer\n\nA version control system.\n\n### History\n\nLinus wrote it.\n\n"
                "### Question\nWhat is a commit?\n\n### Answer\n\n---\n\n### 1. Snapshot\n\nA saved state.\n\n"
                "### Question\nWhat is a branch?\n\n### Answer\n\nA movable pointer.\n")
    assert [(r.kind, r.question) for r in doc.records] == [
        ("question", "What is Git?"), ("topic", "History"), ("question", "What is a commit?"), ("question", "What is a branch?")]
    assert "A saved state." in doc.records[2].answer_md and "pointer" not in doc.records[2].answer_md


def test_a_step_heading_titles_a_step_even_when_it_asks():
    doc = parse("# Contributing\n\n### Step 1: What do you want to change?\n\nOpen an issue first.\n\n"
                "### Step 2: Fork\n\nFork the repository.\n")
    assert questions(doc) == []


def test_a_question_item_wrapped_over_two_lines_is_one_question():
    """The "?" on the wrapped line, or a parenthesis closed there: the question is both
    lines, not its first line with the rest as its answer."""
    doc = parse("# Interview questions\n\n- What is the difference between a clustered and a non-clustered\n"
                "  index - with examples?\n- How do you move from ingest to consumption? (In\n  serverless)\n"
                "- What is edge computing?\n")
    assert questions(doc) == ["What is the difference between a clustered and a non-clustered index - with examples?",
                              "How do you move from ingest to consumption?", "What is edge computing?"]
    assert all(r.answer_md == "" for r in doc.records if r.is_question)
    answered = parse("# Interview questions\n\n1. What is a pod?\n   The smallest unit.\n2. What is a node?\n   A machine.\n")
    assert answers(answered) == ["The smallest unit.", "A machine."]


def test_a_details_tag_written_in_code_opens_no_card():
    """An answer that writes about "`<details>`" in a code span opened no block: the
    card after it was swallowed into its answer."""
    doc = parse("## FAQ\n\n<details>\n  <summary>What is this for?</summary>\n\n"
                "The `<details>`/`<summary>` pair makes collapsible content.\n\n</details>\n\n"
                "<details>\n  <summary>Does it work in all renderers?</summary>\n\nNo.\n\n</details>\n")
    assert questions(doc) == ["What is this for?", "Does it work in all renderers?"]
    assert answers(doc)[1] == "No."


def test_a_numbered_heading_between_two_numbered_questions_is_one_too():
    """"#### 2. ROC curve" with its answer between "#### 1. What is bias?" and "#### 3.
    Define recall.": a prompt of the same run. An article's numbered sections ("## 2. How
    the discipline arrived" between "## 1. What is a harness" and "## 3. How much harness
    do you need", no "?") and a course's "## Part 2: ..." stay topics."""
    doc = parse("#### 1. What is bias?\nAnswer one.\n\n#### 2. ROC curve\nAnswer two.\n\n#### 3. Define recall.\nAnswer three.\n")
    assert questions(doc) == ["What is bias?", "ROC curve", "Define recall."]
    article = parse("## 1. What is a harness\nText.\n\n## 2. How the discipline arrived\nText.\n\n"
                    "## 3. How much harness do you need\nText.\n")
    assert "How the discipline arrived" not in questions(article)


def test_qualified_answer_labels_and_the_fields_above_them_leave_the_answer_text():
    text = ("# Questions\n\n**Q1: What is data governance?**\n"
            "- **Expected Answer**: The management of data availability and security.\n\n"
            "### 2. What is the CSS box model?\n\n**Difficulty**: Easy  \n**Sample Answer**:\n"
            "Every element is a box of content, padding, border and margin.\n")
    doc = parse(text)
    assert questions(doc) == ["What is data governance?", "What is the CSS box model?"]
    assert answers(doc) == ["The management of data availability and security.",
                            "Every element is a box of content, padding, border and margin."]
    assert "**Difficulty**: Easy" in doc.records[1].answer_md  # the source is kept whole


def test_fields_without_an_answer_label_stay_in_the_answer():
    doc = parse("## What is a race condition?\n\n**Level**: Hard\n\nTwo threads touch shared state at once.\n")
    assert answers(doc) == ["Level: Hard\n\nTwo threads touch shared state at once."]


def test_definition_list_faq_terms_are_questions_whatever_their_wording():
    text = ("# General questions\n\nWhy was it called the injector?\n\n: The name came from Dependency Injection.\n\n"
            "But what about kernel bugs? Zero Install is still vulnerable then!\n\n: Well, yes.\n\n"
            "How secure is this?\n\n: About as secure as any system.\n\n: A second paragraph of the answer.\n")
    doc = parse(text, "docs/faq.md")
    assert questions(doc) == ["Why was it called the injector?",
                              "But what about kernel bugs? Zero Install is still vulnerable then!", "How secure is this?"]
    assert answers(doc) == ["The name came from Dependency Injection.", "Well, yes.",
                            "About as secure as any system.\n\nA second paragraph of the answer."]
    assert doc.records[1].answer_md == "Well, yes."


def test_a_glossary_written_as_a_definition_list_asks_nothing():
    text = "# Glossary\n\nFeed\n\n: An XML file that lists versions of a program.\n\nStore\n\n: The cache of unpacked versions.\n"
    assert questions(parse(text, "docs/glossary.md")) == []


def test_labelled_pairs_pasted_under_a_question_heading_are_their_own_records():
    text = ("### 1. What is Helm?\n**Answer:**  \nA package manager for Kubernetes.\n\n---\n\n"
            "**Q: How do you run a container?**\n\n**A:** With `docker run`.\n\n"
            "**Q: What is an image?**\n\n**A:** A read-only template.\n")
    doc = parse(text)
    assert questions(doc) == ["What is Helm?", "How do you run a container?", "What is an image?"]
    assert answers(doc) == ["A package manager for Kubernetes.", "With docker run.", "A read-only template."]


def test_one_example_exchange_in_an_answer_stays_in_it():
    text = ("## How do you answer a vague question?\n\nAsk back before answering, for example:\n\n"
            "**Q: Can you make it faster?**\n\n**A:** Faster for which users?\n\n## What is a spike?\n\nA short experiment.\n")
    doc = parse(text)
    assert questions(doc) == ["How do you answer a vague question?", "What is a spike?"]


def test_flashcards_in_plain_fences_are_cards():
    card = "```\n🗂️  Question:\n{q}\n\n📦  Answer:\n{a}\n```\n"
    text = ("# SQL Flashcards\n\n" + card.format(q="What is SQL?", a="A language to query databases.") + "\n---\n\n"
            + card.format(q="What does UNIQUE do?", a="Keeps the values of a column\ndistinct."))
    doc = parse(text)
    assert questions(doc) == ["What is SQL?", "What does UNIQUE do?"]
    assert answers(doc) == ["A language to query databases.", "Keeps the values of a column\ndistinct."]
    assert [r.layout for r in doc.records] == ["fenced", "fenced"]


def test_one_fenced_exchange_or_a_prompt_template_stays_code():
    one = "# Prompting\n\nA few-shot prompt:\n\n```\nQuestion: What is the capital of France?\nAnswer: Paris\n```\n"
    assert questions(parse(one)) == []
    templates = ("# Templates\n\n```text\nQuestion: {question}\nAnswer: {answer}\n```\n\n"
                 "```text\nQuestion: {question}\nAnswer:\n```\n")
    assert questions(parse(templates)) == []
    code = ("# Code\n\n```python\nq = 'Question: what?'\na = 'Answer: this'\n```\n\n"
            "```python\nprint('Question: why?')\nprint('Answer: because')\n```\n")
    assert questions(parse(code)) == []


def test_an_exams_choose_n_stays_in_the_question_and_a_tag_goes():
    text = ("## Chapter 1\n\n1. Which of the following are required for CLI access? (Choose two.)\n"
            "   - A secret access key\n   - An access key ID\n\n2. What is IAM? (Easy)\n\n   Identity and access management.\n")
    assert questions(parse(text)) == ["Which of the following are required for CLI access? (Choose two.)", "What is IAM?"]


def test_a_design_notes_open_questions_are_no_question_bank():
    text = "# Design: cache layer\n\n## Open questions\n\n- Should we shard by tenant?\n- Do we need write-through?\n- What TTL do we pick?\n"
    assert questions(parse(text, "docs/cache-design.md")) == []
    bank = "# Cache\n\n## Interview questions\n\n- What is write-through?\n- What is a TTL?\n- Why shard a cache?\n"
    assert questions(parse(bank, "docs/cache.md")) == ["What is write-through?", "What is a TTL?", "Why shard a cache?"]


def test_a_numbered_exam_scenario_ending_in_a_question_is_one_question_however_long():
    scenario = ("Your firm runs a popular photo sharing site that depends on S3 to store all of its user content. "
                "Paid advertising on the HTML pages is the primary source of revenue for the whole business today. "
                "Other websites link straight to the images in your buckets so visitors never see the adverts. "
                "The finance team has noticed the data transfer bill doubling each month since the spring release. "
                "How might you resolve this issue?")
    assert len(scenario) > 400
    text = (f"# S3 Quiz\n\n1. What does S3 stand for?\n    - Simple Storage Service\n2. {scenario}\n"
            "    - Serve the objects through signed URLs.\n")
    doc = parse(text)
    assert questions(doc) == ["What does S3 stand for?", scenario]
    assert answers(doc) == ["Simple Storage Service", "Serve the objects through signed URLs."]


def test_obsidian_question_callouts_are_questions_and_other_callouts_are_not():
    text = ("# Callouts\n\n> [!question]- What is the capital city of Australia?\n> Canberra!\n\n"
            "> [!faq]\n> Which sentence is a proposition?\n> A declarative sentence, true or false.\n\n"
            "> [!tip] Why keep notes short?\n> Short notes are reread.\n\n> [!NOTE]\n> Is this an alert?\n")
    doc = parse(text)
    assert questions(doc) == ["What is the capital city of Australia?", "Which sentence is a proposition?"]
    assert answers(doc) == ["Canberra!", "A declarative sentence, true or false."]
    assert [r.layout for r in doc.records if r.is_question] == ["callout", "callout"]


def test_a_reveal_label_of_a_details_block_leaves_the_answer_text():
    card = "{n}. {q}\n\n<details><summary> <b>Show Answer</b> </summary>\n\n{a}\n\n</details>\n\n"
    text = "# SQL questions\n\n" + card.format(n=1, q="What is the use of COMMIT in SQL?", a="It makes the changes last.") \
        + card.format(n=2, q="What does ROLLBACK do?", a="It undoes the transaction.")
    assert answers(parse(text)) == ["It makes the changes last.", "It undoes the transaction."]


def test_a_behavioural_prompt_under_a_label_heading_is_a_question_without_a_question_mark():
    text = ("# STAR\n\n## Pressure\nTell me about a time you had to finish a task under a tight deadline.\n"
            "* Situation: the release was due on Friday.\n* Result: we shipped.\n\n"
            "## Setup\nCreate a file named notes.md.\n\nThen open it.\n")
    assert questions(parse(text)) == ["Tell me about a time you had to finish a task under a tight deadline."]


def test_lettered_options_written_as_lines_keep_their_first_letter():
    doc = parse("## Question 1\n\nWhich storage class is cheapest for archives?\n\n"
                "A) S3 Standard\nB) S3 Glacier Deep Archive\nC) EBS\n\n**Answer:** B\n")
    assert doc.records[0].answer_text.startswith("A) S3 Standard\nB) S3 Glacier")
    # a lone "A:" label is still the answer's label
    doc = parse("## What is a VPC?\n\nA: A private network in the cloud.\n")
    assert doc.records[0].answer_text == "A private network in the cloud."


def test_a_quiz_item_id_and_kind_label_a_heading_over_its_prompt():
    doc = parse("# Quiz\n\n## [q6] Short answer question\n\nExplain why a B-tree speeds up range queries.\n\n"
                "The leaves are sorted and linked.\n\n## Practice question 2\n\nName two isolation levels.\n\n"
                "Read committed and serializable.\n")
    assert [(r.number, r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("6", "Explain why a B-tree speeds up range queries.", "The leaves are sorted and linked."),
        ("2", "Name two isolation levels.", "Read committed and serializable."),
    ]
    # a kind alone, without an item id, is a topic heading over its own questions
    doc = parse("## Multiple choice\n\nSome words about this part.\n\n### What is ACID?\n\nFour properties.\n")
    assert kinds(doc)[0] == ("topic", "Multiple choice")


def test_a_question_card_nested_in_another_is_a_record_of_its_own():
    doc = parse("<details>\n<summary>What is Docker?</summary>\n\nDocker runs containers.\n\n"
                "<details>\n<summary>What is an image?</summary>\n\nA read-only template.\n\n</details>\n\n</details>\n\n"
                "<details>\n<summary>Answer</summary>\n\nnot a question\n\n</details>\n")
    assert [(r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("What is Docker?", "Docker runs containers."), ("What is an image?", "A read-only template."),
    ]


def test_one_line_question_cards_with_no_blank_line_between_are_each_a_record():
    doc = parse("## QnA\n"
                "<details><summary><b>What is a cipher?</b></summary>A secret way of writing.<br></details>\n"
                "<details><summary><b>What is a key?</b></summary>The shared secret.<br></details>\n"
                "<details><summary><b>What is plaintext?</b></summary>A message before encryption.</details>\n")
    assert [(r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("What is a cipher?", "A secret way of writing."), ("What is a key?", "The shared secret."),
        ("What is plaintext?", "A message before encryption."),
    ]


def test_items_over_a_show_answer_block_are_questions_whatever_their_wording():
    text = "".join(f"{n}. {q}\n\n<details><summary>Show Answer</summary>\n\n> {a}\n\n</details>\n\n" for n, q, a in (
        (1, "What is a primary key?", "A unique, non-null column."),
        (2, "Suppose you have a student table. Write the query that lists students from Texas.", "select it"),
        (3, "In SQL, what are the kinds of joins.", "Inner, left, right, full."),
    ))
    doc = parse(text)
    assert [(r.number, r.answer_text) for r in doc.records if r.is_question] == [
        ("1", "A unique, non-null column."), ("2", "select it"), ("3", "Inner, left, right, full.")]


def test_a_numbered_task_heading_over_a_show_block_is_a_question_and_the_buttons_leave_its_answer():
    block = "<details><summary>show</summary>\n<p>\n\n```bash\n{}\n```\n\n</p>\n</details>\n\n"
    doc = parse("#### 01-01. List the namespaced resources.\n\n" + block.format("kubectl api-resources --namespaced=true")
                + block.format("kubectl api-resources --namespaced=false")
                + "#### 01-02. Create a namespace called `tiger`.\n\n" + block.format("kubectl create namespace tiger"))
    assert [(r.number, r.question, r.answer_text) for r in doc.records] == [
        ("01-01", "List the namespaced resources.",
         "kubectl api-resources --namespaced=true\n\nkubectl api-resources --namespaced=false"),
        ("01-02", "Create a namespace called tiger.", "kubectl create namespace tiger"),
    ]
    # a README's "Click to expand" under an unnumbered title stays a topic
    doc = parse("## Full changelog\n\n<details><summary>Click to expand</summary>\n\n- fixed a bug\n\n</details>\n")
    assert kinds(doc) == [("topic", "Full changelog")]


def test_an_emoji_before_the_answer_label_and_kramdown_attributes_leave_the_answer_text():
    doc = parse("## 3. What is a Pod?\n\n📌 **Answer:**  \nThe smallest deployable unit.\n\n"
                "## Where is the setup script?\n\nRun [setup.cql](https://example.org/s.cql){:target=\"_blank\"} once.\n\n"
                "## What does this Ruby build?\n\n`h = {:a => 1}` builds a hash.\n")
    assert [r.answer_text for r in doc.records] == [
        "The smallest deployable unit.", "Run setup.cql once.", "h = {:a => 1} builds a hash."]


def test_a_level_heading_over_labelled_quiz_questions_is_their_topic():
    doc = parse("## Level 1: Introduction to Law\nLearn the basics.\n\n"
                "**Question 1:** What is a statute?\n- A) A legal contract\n- B) A written law\n**Correct Answer:** B\n\n"
                "**Question 2:** What is a deed?\n- A) A lease\n- B) A transfer of ownership\n**Correct Answer:** B\n")
    assert kinds(doc) == [("topic", "Level 1: Introduction to Law"), ("question", "What is a statute?"),
                          ("question", "What is a deed?")]
    # a heading directly over its options is still the quiz question
    assert kinds(parse(QUIZ))[0] == ("question", "All objects have prototypes.")


def test_tight_definition_list_terms_are_questions_like_loose_ones():
    doc = parse("# FAQ\n\nWhat is it?\n\n: A package manager.\n\nWhat was the inspiration?\n: Several things.\n\n"
                "How do I install it?\n: Run the installer.\n\n: Then restart.\n")
    assert [(r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("What is it?", "A package manager."), ("What was the inspiration?", "Several things."),
        ("How do I install it?", "Run the installer.\n\nThen restart."),
    ]
    # one colon line in prose is no definition list
    doc = parse("# Notes\n\nThe ratio is written\n: like this in some books.\n\nMore text here.\n")
    assert questions(doc) == []


# ---------------------------------------------------------------- spaced-repetition cards

def test_spaced_repetition_one_line_cards_are_cards_without_their_schedule():
    text = ("#flashcards/net\n\n## UDP\n\nWhat does UDP add to IP?::Port numbers.\n<!--SR:!2025-06-20,3,250-->\n\n"
            "Is UDP connection-oriented?::No, it is connectionless. <!--SR:!2025-06-19,3,250-->\n\n"
            "## Terms\n\nBerlin Wall fell::1989\nFirst human in **space**:::Yuri Gagarin\n")
    doc = parse(text)
    assert questions(doc) == ["What does UDP add to IP?", "Is UDP connection-oriented?", "Berlin Wall fell", "First human in space"]
    assert answers(doc) == ["Port numbers.", "No, it is connectionless.", "1989", "Yuri Gagarin"]
    assert [r.topic_path for r in doc.records] == [("UDP",), ("UDP",), ("Terms",), ("Terms",)]
    assert {r.layout for r in doc.records} == {"spaced"}
    assert doc.records[0].span.line_end == 6  # the schedule comment is the card's, not loose text


def test_spaced_repetition_cards_in_an_untagged_note_must_ask():
    asking = "# Net\n\nWhat does UDP add to IP?::Port numbers.\nWhy is UDP unreliable?::It never retransmits.\n"
    assert questions(parse(asking)) == ["What does UDP add to IP?", "Why is UDP unreliable?"]
    one = "# Net\n\nWhat does UDP add to IP?::Port numbers.\n"
    assert questions(parse(one)) == []
    terms = "# Net\n\nBerlin Wall fell::1989\nFirst human in space::Yuri Gagarin\n"
    assert questions(parse(terms)) == []


def test_double_colons_in_code_paths_fields_and_signatures_stay_text():
    text = ("# Notes\n\nUse std::vector for arrays and Foo::bar() for calls.\nPrefer Vec::new over Vec::with_capacity.\n\n"
            "Status:: done\nDue date:: 2024-01-01\nRelated notes:: [[Networking]]\n\n"
            "The address fe80::1 is link-local.\n\nmap :: (a -> b) -> [a] -> [b]\nfoldr :: (a -> b -> b) -> b -> [a] -> b\n\n"
            "a::before and p::first-line style text.\n\n.. note::\n\nExample::\n\nTask [due:: 2024-05-01] and (priority:: high).\n\n"
            "What does `Foo::bar()` return?\nWhy call `a::b` twice?\n\n"
            "```\nWhat is this?::std::vector<int> v;\nWhy?::nothing\n```\n\nCloze {{c1::Paris}} and {{c2::Berlin}} are capitals.\n")
    assert [r.kind for r in parse(text).records] == ["topic"]
    # the same lines in a note tagged for flashcards stay text too
    assert [r.kind for r in parse("---\ntags: [flashcards]\n---\n" + text).records] == ["topic"]


def test_a_dataview_field_in_a_flashcard_note_is_no_card():
    text = "---\ntags:\n  - flashcards\n---\n# Deck\n\nDue date:: 2024-01-01\n\nCapital of France::Paris\n"
    doc = parse(text)
    assert questions(doc) == ["Capital of France"]
    assert doc.records[0].answer_md == "Due date:: 2024-01-01"  # the deck's own text
    mixed = "---\ntags: [flashcards]\n---\n# Deck\n\nDue date:: 2024-01-01\nCapital of France::Paris\n"
    assert questions(parse(mixed)) == []  # a paragraph is cards only when all its lines are


def test_a_multi_line_card_drops_its_question_mark_line():
    heading = "---\ntags: [flashcards]\n---\n# History\n\n## When did Rome fall?\n??\nIn 476 CE.\n\nThe East lasted to 1453.\n"
    doc = parse(heading)
    assert questions(doc) == ["When did Rome fall?"]
    assert answers(doc) == ["In 476 CE.\n\nThe East lasted to 1453."]
    term = "#flashcards\n\n## Mitochondria\n?\nThe powerhouse of the cell.\n"
    assert answers(parse(term)) == ["The powerhouse of the cell."]
    plain_card = "# Calendar\n\nWhat is a leap year\n?\nA year of 366 days.\n- one more day in February\n"
    doc = parse(plain_card)
    assert questions(doc) == ["What is a leap year"]
    assert answers(doc) == ["A year of 366 days.\n\none more day in February"]


def test_a_question_mark_line_in_prose_or_an_untagged_title_stays_text():
    untagged = "# Notes\n\n## Mitochondria\n?\nThe powerhouse of the cell.\n"
    assert [r.kind for r in parse(untagged).records] == ["topic"]
    prose = "# Notes\n\nThe value\n?\nmeans unknown in this table.\n"
    assert questions(parse(prose)) == []
    stub = "# Quiz\n\n## What is X?\n??\n"
    assert answers(parse(stub)) == ["??"]


def test_the_program_a_question_shows_before_its_answer_label_is_its_body():
    from curate.corpus.export import question_body

    doc = parse("#### 1. What is the output of the following program?\n\n```go\nfmt.Println(\"hello\")\n```\n\n"
                "> **Answer:** hello\n\n## 2. DNS\n\n**Question:** What does DNS resolve?\n\n**Answer:** Names.\n\n"
                "## What is a goroutine?\n\nA light thread.\n")
    assert [question_body(r) for r in doc.records if r.is_question] == [
        "```go\nfmt.Println(\"hello\")\n```", "", ""]


def test_a_detailed_answer_column_goes_on_with_the_short_one():
    doc = parse("| Category | Question | Short Answer | Detailed Answer | Tags |\n| --- | --- | --- | --- | --- |\n"
                "| Account | How do I create an account? | Click Sign Up | 1) Open the site, 2) click Sign Up | a |\n"
                "| Account | How do I log out? | Menu | Open the menu, then log out | b |\n")
    assert [r.answer_text for r in doc.records] == [
        "Click Sign Up\n\n1) Open the site, 2) click Sign Up", "Menu\n\nOpen the menu, then log out"]
    # a column that is not the answer's ("Tags", "Source") stays out
    doc = parse("| Question | Answer | Source |\n| --- | --- | --- |\n| What is DNS? | Name lookup. | RFC 1034 |\n"
                "| What is TCP? | A transport. | RFC 793 |\n")
    assert [r.answer_text for r in doc.records] == ["Name lookup.", "A transport."]


def test_an_item_labelled_question_n_is_a_question_whatever_its_stem():
    doc = parse("1. Question 1\n   Which component stores the logs?\n\n- Kibana\n- **Elasticsearch**\n\n"
                "2. Question 2\n   The ____ policy defines what traffic to monitor.\n\n- Monitoring\n- **IDPS**\n\n"
                "3. Question 3\n   Select all that apply.\n\n- **Logstash**\n- Beats\n")
    assert [(r.number, r.question) for r in doc.records] == [
        ("1", "Which component stores the logs?"), ("2", "The ____ policy defines what traffic to monitor."),
        ("3", "Select all that apply.")]
    # an item that only names a section ("1. Questions") over its text is no question
    assert questions(parse("1. Setup\n   Install the tools first.\n2. Usage\n   Run the command.\n")) == []


def test_rhetorical_questions_spread_through_an_article_are_no_question_list():
    prose = "".join(f"Paragraph {k} of the article goes on about the build graph.\n\n" for k in range(10))
    doc = parse("I went to a talk about dynamic derivations.\n\nWhat are dynamic derivations? 🫠\n\n" + prose
                + "```nix\nderivation {}\n```\n\n" + prose + "What can you come up with? 💪\n\nMany thanks to my friends.\n")
    assert questions(doc) == []
    # question lines over short answers are a list, however few
    doc = parse("What is DNS?\n\nName lookup.\n\nIt maps names to addresses.\n\nWhat is TCP?\n\nA reliable transport.\n")
    assert questions(doc) == ["What is DNS?", "What is TCP?"]


def test_an_index_of_the_files_own_questions_and_pointers_elsewhere_are_no_questions():
    doc = parse("# Junior interview\n\n#### Questions:\n- What is a primary key?\n- What is an index?\n\n"
                "### What is a primary key?\nA unique row identifier.\n\n### What is an index?\nA lookup structure.\n\n"
                "# Next questions\n\n[How do fragments talk?](https://github.com/o/r/blob/main/a.md)\n\n"
                "[What is Compose?](https://github.com/o/r/blob/main/b.md)\n")
    assert [(r.layout, r.question) for r in doc.records if r.is_question] == [
        ("heading", "What is a primary key?"), ("heading", "What is an index?")]
    # an item with its own answer below it stays a question, asked again or not
    doc = parse("- What is a primary key?\n  A unique row identifier.\n- What is a key?\n  A column.\n\n"
                "### What is a primary key?\nSee above.\n")
    assert questions(doc) == ["What is a primary key?", "What is a key?", "What is a primary key?"]


def test_a_design_notes_open_questions_and_a_collection_title_are_no_questions():
    doc = parse("# Logging notes\n\n## Levels\n\nDEBUG < INFO.\n\n## Open Questions\n\n"
                "1. Is OTel mature enough?\n2. Do traces replace logs?\n3. Default level for tool args?\n")
    assert questions(doc) == []
    doc = parse("# is vs as — Interview Q&A\n\n---\n\n### Q1. What is `is`?\n\nA type check.\n")
    assert [(r.kind, r.question) for r in doc.records] == [("question", "What is is?")]
    doc = parse("# Question 1 - Abstract Classes\n\n## What is an abstract class?\n\nOne you cannot instantiate.\n\n"
                "### Table of Contents\n+ [Q1. What is it?](https://github.com/o/r/blob/main/Q1.md)\n"
                "+ [Q2. How is it used?](https://github.com/o/r/blob/main/Q2.md)\n")
    assert [(r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("What is an abstract class?", "One you cannot instantiate.")]


def test_label_headings_in_other_languages_or_with_a_note_head_their_question():
    doc = parse("## Frage 2\nWelche Aussage trifft **nicht** auf den Scrum-Master zu?\n- [ ] Vermittelt\n- [ ] Befiehlt\n\n"
                "### Question 1 (Units 1-2)\nThe development of which of the following enabled trade?\n\n"
                "A) The camel\nB) The ship\n\n**Answer: A**\n")
    assert [(r.number, r.question) for r in doc.records] == [
        ("2", "Welche Aussage trifft nicht auf den Scrum-Master zu?"),
        ("1", "The development of which of the following enabled trade?")]


def test_a_chapter_summary_over_quiz_components_is_no_question():
    doc = parse("<details>\n<summary><strong>📖 Chapter 1: First Principles</strong></summary>\n\n"
                "<Quiz question=\"Is there an opportunity cost?\" answerIndex={0} />\n\n</details>\n")
    assert questions(doc) == []
    # a numbered question in a summary stays a question
    doc = parse("<details>\n<summary>1. Explain the CAP theorem</summary>\n\nPick two of three.\n\n</details>\n")
    assert questions(doc) == ["Explain the CAP theorem"]


def test_questions_a_readme_says_it_is_exploring_are_no_question_bank():
    doc = parse("# rust-gym\n\n## Questions\n\nQuestions I'm exploring for further reading:\n"
                " - Why does the borrow checker check immutable data?\n - What are the apostrophes for?\n")
    assert questions(doc) == []


def test_full_width_question_marks_and_other_languages_answer_labels():
    doc = parse("# go-puzzle\n\n**例子中 defer 语句的执行顺序是什么?**\n\n[代码](./a/main.go)\n\n"
                "**例子中的方法会输出什么？**\n\n[代码](./b/main.go)\n")
    assert [(r.question, r.answer_text) for r in doc.records if r.is_question] == [
        ("例子中 defer 语句的执行顺序是什么?", "代码"), ("例子中的方法会输出什么？", "代码")]
    doc = parse("## O que é uma PK?\n\nR: Uma chave única.\n\n## Was ist ein FK?\n\nAntwort: Ein Verweis.\n\n"
                "## What is R?\n\nR. A language for statistics.\n")
    assert [r.answer_text for r in doc.records] == ["Uma chave única.", "Ein Verweis.", "R. A language for statistics."]


def test_check_box_options_over_a_solution_block_leave_the_question_to_the_paragraph_above():
    doc = parse("## Review\n\nHow do you sign in?\n\n* [ ] Using the sign-in button.\n\n"
                "<details><summary><b>solution</b></summary>\n\n* [X] Using the sign-in button.\n\n</details>\n")
    assert questions(doc) == ["How do you sign in?"]
    # a numbered item over its answer block is still the question
    doc = parse("1. Name two joins.\n\n<details><summary>Answer</summary>\n\nInner and outer.\n\n</details>\n")
    assert questions(doc) == ["Name two joins."]


def test_short_lower_case_tails_of_a_sentence_are_no_questions():
    doc = parse("DISTINCT works on:\n\nrows?\n\ncolumns?\n\nthe whole table?\n\nExplain with an example.\n")
    assert questions(doc) == []
    doc = parse("what is a pod?\n\nA unit.\n\nwhat is DNS?\n\nName lookup.\n")
    assert questions(doc) == ["what is a pod?", "what is DNS?"]


def test_an_index_linking_each_question_to_its_answer_and_emoji_buttons():
    doc = parse("# Mock\n\n1. What is **DNS**? [📖 Answer](answers.md#1-what-is-dns)\n"
                "2. What is **NAT**? [📖 Answer](answers.md#2-what-is-nat)\n3. What is **ARP**? [📖 Answer](answers.md#3)\n")
    assert questions(doc) == []
    doc = parse("### 1. What is XSS?\n\n<details>\n<summary>🤔 Click to reveal answer</summary>\n\n"
                "A script injection attack.\n\n</details>\n")
    assert [r.answer_text for r in doc.records] == ["A script injection attack."]


def test_indented_lettered_options_under_a_numbered_question_keep_their_first_letter():
    doc = parse("## Section A\n\n1.  In what year did World War II end?\n    a) 1944\n    b) 1945\n\n"
                "2.  Who was the first president?\n    a) Jefferson\n    b) Washington\n")
    assert [r.answer_text for r in doc.records if r.is_question] == ["a) 1944\nb) 1945", "a) Jefferson\nb) Washington"]
    # an item's own "A:" label is still cut
    doc = parse("- Q: What is a VPC?\n  A: A private network.\n- Q: What is a subnet?\n  A: A range of addresses.\n")
    assert [r.answer_text for r in doc.records if r.is_question] == ["A private network.", "A range of addresses."]


def test_a_label_heading_written_without_its_space_ends_the_answer_above():
    doc = parse("##Pergunta 7\n\nSe eu quisesse buscar pedidos pendentes, o WHERE entra antes ou depois do FROM?\n\n"
                "R:\nDepois do FROM.\n\n##Pergunta 8\n\nExplique por que essa query faz sentido:\n\n"
                "R:\nUma query com DISTINCT.\n")
    assert [(r.number, r.question, r.answer_text) for r in doc.records] == [
        ("7", "Se eu quisesse buscar pedidos pendentes, o WHERE entra antes ou depois do FROM?", "Depois do FROM."),
        ("8", "Explique por que essa query faz sentido:", "Uma query com DISTINCT.")]
    # right under an answer line, with no blank line between
    doc = parse("# Kubernetes\n\n###Question 3\nWhat is a pod?\n\nThe smallest unit.\n###Question 4\nWhat is a node?\n\n"
                "A machine.\n")
    assert [(r.question, r.answer_text) for r in doc.records] == [
        ("What is a pod?", "The smallest unit."), ("What is a node?", "A machine.")]


def test_hash_lines_that_are_code_tags_or_numbers_stay_answer_text():
    answer = ("It expands lines such as:\n#include <stdio.h>\n#define MAX 10\n#!/bin/sh\n"
              "#1 priority is to keep it simple.\n#networking #linux\n#flashcards/networks")
    doc = parse(f"## What does the preprocessor do?\n\n{answer}\n\n```\n##Not a heading\n```\n")
    assert [(r.question, r.answer_text) for r in doc.records] == [
        ("What does the preprocessor do?", answer + "\n\n##Not a heading")]
    # a lone "#word" in a note that tags its text is one more tag
    doc = parse("Tags: #linux\n\n## What is init?\n\nThe first process.\n#todo\n\n## What is a shell?\n\nA program.\n")
    assert [r.answer_text for r in doc.records] == ["The first process.\n#todo", "A program."]


def test_a_question_line_over_a_break_after_bare_questions_is_one_more_of_them():
    doc = parse("## Kubernetes\n\nWhat is a Pod?\n\nWhat is a Deployment?\n\nWhat is kubelet and what does it do?\n---\n"
                "Intermediate Level\nWhat is a StatefulSet?\n\nWhat is a DaemonSet?\n\nWhat tools monitor a cluster?\n---\n")
    assert [(r.question, r.layout, r.level, r.topic_path, r.answer_text) for r in doc.records] == [
        (q, "plain", None, ("Kubernetes",), "") for q in (
            "What is a Pod?", "What is a Deployment?", "What is kubelet and what does it do?",
            "What is a StatefulSet?", "What is a DaemonSet?", "What tools monitor a cluster?")]


def test_a_setext_question_heading_with_an_answer_or_text_above_stays_a_heading():
    # answered under its underline
    doc = parse("What is a Pod?\n\nWhat is a Deployment?\n\nWhat is kubelet?\n---\n\nThe agent on each node.\n")
    assert [(r.question, r.layout) for r in doc.records][-1] == ("What is kubelet?", "heading")
    # under prose, over a bank of questions: the bank's title
    doc = parse("Some notes on the cluster.\n\nWhat is kubelet?\n---\n\nWhat is X?\n\nWhat is Y?\n")
    assert [(r.question, r.layout) for r in doc.records][0] == ("What is kubelet?", "heading")
    # a "===" underline is no break
    doc = parse("What is a Pod?\n\nWhat is a Deployment?\n\nWhat is kubelet?\n===\n")
    assert [(r.question, r.layout) for r in doc.records][-1] == ("What is kubelet?", "heading")


def test_hard_wrapped_questions_over_indented_answers():
    doc = parse('What were the origins of the Cold War? The policy of "containment" emerged in\n'
                "the late 1940s - what was this policy?\n    The Cold War grew out of ideological tensions.\n\n"
                "Which events of the Cold War were most formative? Be sure to support your\nassertions.\n"
                "    1. Bay of Pigs\n    2. Cuban Missile Crisis\n")
    assert [(r.question, r.answer_text) for r in doc.records] == [
        ('What were the origins of the Cold War? The policy of "containment" emerged in the late 1940s - what was '
         "this policy?", "The Cold War grew out of ideological tensions."),
        ("Which events of the Cold War were most formative? Be sure to support your assertions.",
         "1. Bay of Pigs\n2. Cuban Missile Crisis")]


def test_wrapped_sentences_over_indented_lines_that_do_not_ask_stay_text():
    # a "?" followed by a whole sentence more: prose that asks on its way
    doc = parse("Why do we index? It is worth asking, because the answer shapes every query that we\n"
                "write against the table later on.\n    Indexes speed up reads.\n\n"
                "How are rows stored? Each page holds many rows, and the engine reads whole pages at\n"
                "a time from the disk when it scans.\n    In pages.\n")
    assert questions(doc) == []
    # steps over indented commands: nothing asks
    doc = parse("Run the tool with the flags below and\nread what it prints:\n    --help   show help\n\n"
                "Then open the file it wrote and\ncheck the totals:\n    totals.csv\n")
    assert questions(doc) == []


RUST_QUIZ = (
    "# Rust Quiz\n\n**Q1:** What is the primary difference between `String` and `&str`?  \n**A:**\n"
    "a) `String` is mutable, `&str` is immutable  \nb) `String` is heap-allocated, `&str` is a slice  \n\n"
    "**✅ Correct Answer:** (b)\n\n**Q2:** What does `'a` mean?  \n**A:** A lifetime annotation.\n"
)


def test_an_answer_label_over_lettered_options_is_cut_and_the_key_line_is_the_records():
    """"**A:**" over "a) ...", "b) ...": the label, not option A; a "**✅ Correct Answer:**
    (b)" paragraph after the options is the record's key, not a section label."""
    doc = parse(RUST_QUIZ)
    q1, q2 = (r for r in doc.records if r.is_question)
    assert q1.answer_text == ("a) String is mutable, &str is immutable\nb) String is heap-allocated, &str is a slice\n\n"
                              "✅ Correct Answer: (b)")
    assert (q1.span.line_end, q2.topic_path) == (8, ("Rust Quiz",))
    # the same label and options on one line
    doc = parse("**Q1:** Which is prime?\n**A:** a) 4\nb) 7\n\n**Q2:** What is 2+2?\n**A:** 4\n")
    assert answers(doc) == ["a) 4\nb) 7", "4"]


def test_options_lettered_a_and_b_and_a_plain_label_between_answers_stay_as_they_were():
    """Near misses: "A: 4" over "B: 7" are options (their letters kept); a short title
    line between two answers still ends the first and names the next question's topic."""
    assert answers(parse("**Q1:** Which is prime?\n\nA: 4\nB: 7\n\n**Q2:** What is 2+2?\n\nA: 4\n")) == ["A: 4\nB: 7", "4"]
    doc = parse("**Q1:** What is a pod?\n**A:** The smallest unit.\n\n✅ Networking basics\n\n"
                "**Q2:** What is a service?\n**A:** A stable endpoint.\n")
    q1, q2 = (r for r in doc.records if r.is_question)
    assert (q1.answer_text, q2.topic_path) == ("The smallest unit.", ("✅ Networking basics",))


PRACTICE = (
    "# Lesson 9\n\n## Practice Questions\n\n**Q1:** A web app keeps carts in memory. Explain why users lose them.\n\n"
    "**Q3:** Compare these session strategies for a chat application:\n- Sticky sessions\n- JWT tokens\n\n"
    "Which would you choose and why?\n\n**Q4:** An application has this code:\n```javascript\nconst cache = new Map()\n```\n"
    "Is this stateful or stateless?\n\n**Q5:** Design a stateless file upload system that:\n- Accepts files up to 100MB\n"
    "- Works across 10 API servers\n\n---\n\n## Next Up\n\nConsistent hashing.\n"
)


def test_a_prompt_that_goes_on_after_its_colon_keeps_its_list_program_and_closing_question():
    """"**Q3:** Compare these ...:", a list, then "Which would you choose and why?": the
    list and the closing question are the prompt's body, not its answer; so is the list
    of a colon prompt among prompts that all go unanswered (an exercise list)."""
    from curate.corpus.export import question_body

    doc = parse(PRACTICE)
    got = [(r.number, question_body(r), r.answer_text) for r in doc.records if r.is_question]
    assert got == [
        ("1", "", ""),
        ("3", "- Sticky sessions\n- JWT tokens\n\nWhich would you choose and why?", ""),
        ("4", "```javascript\nconst cache = new Map()\n```\n\nIs this stateful or stateless?", ""),
        ("5", "- Accepts files up to 100MB\n- Works across 10 API servers", ""),
    ]
    # an answer after the closing question is the answer
    doc = parse("**Q4:** An application has this code:\n```js\nconst cache = new Map()\n```\nIs this stateful?\n\n"
                "Yes: the map lives in one process.\n")
    assert answers(doc) == ["Yes: the map lives in one process."]


def test_a_colon_prompt_answered_by_its_list_or_program_keeps_them_as_its_answer():
    """Near misses: a question with "?" over an answer list; "Write a function:" over the
    function among answered prompts; a colon prompt whose program is followed by prose."""
    doc = parse("**Q1:** What are the types of joins?\n- Inner\n- Outer\n\n**Q2:** Write a function:\n"
                "```python\ndef add(a, b):\n    return a + b\n```\n\n**Q3:** List the benefits of caching:\n"
                "- Lower latency\n- Less load\n\n**Q4:** Sort a list in place:\n```python\nxs.sort()\n```\n"
                "It runs in O(n log n).\n")
    assert answers(doc) == ["Inner\n\nOuter", "def add(a, b):\n    return a + b", "Lower latency\n\nLess load",
                            "xs.sort()\n\nIt runs in O(n log n)."]
