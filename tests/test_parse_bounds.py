"""Where an answer ends: plain section labels between questions, what follows the last
answer after a thematic break (navigation, a closing note, an outro in a file that ends
every record with a break) and unmarked question lines after a break. Each with cases
that must stay one answer."""

from __future__ import annotations

from curate.corpus.markdown import parse_document


def parse(text: str, rel: str = "notes.md"):
    return parse_document(text, rel, rel)


def questions(doc) -> list[str]:
    return [r.question for r in doc.records if r.is_question]


def last_answer(doc) -> str:
    return [r for r in doc.records if r.is_question][-1].answer_md


# ---------------------------------------------------------------- plain section labels

LABELLED = (
    "Docker Interview Questions\n"
    "Question: What is Docker Compose?\n"
    "Answer: A tool to run multi-container apps from one YAML file.\n\n"
    "Kubernetes Interview Questions\n"
    "Question: What is a namespace?\n"
    "Answer: A scope that partitions cluster resources.\n\n"
    "Question: What is a pod?\n"
    "Answer: The smallest deployable unit.\n"
)


def test_a_plain_label_ends_the_answer_and_names_the_next_questions():
    doc = parse(LABELLED)
    qs = [r for r in doc.records if r.is_question]
    assert [r.question for r in qs] == ["What is Docker Compose?", "What is a namespace?", "What is a pod?"]
    assert "Kubernetes" not in qs[0].answer_md
    assert qs[0].span.line_end == 3
    assert [r.topic_path for r in qs] == [
        ("Docker Interview Questions",),
        ("Kubernetes Interview Questions",),
        ("Kubernetes Interview Questions",),
    ]


RESTARTED = (
    "🔹 docker\n\n"
    "Q1. what is an image?\n- answer: a read-only template.\n\n"
    "Q2. what is a volume?\n- answer: persistent storage managed by docker.\n\n"
    "🔹 kubernetes\n\n"
    "Q1. what is a pod?\n- answer: the smallest deployable unit.\n\n"
    "Q2. what is a service?\n- answer: a stable endpoint for a set of pods.\n"
)


def test_an_emoji_label_splits_two_numbered_runs():
    doc = parse(RESTARTED)
    qs = [r for r in doc.records if r.is_question]
    assert "kubernetes" not in qs[1].answer_md
    assert [r.topic_path for r in qs] == [("🔹 docker",)] * 2 + [("🔹 kubernetes",)] * 2


def test_a_numbering_restart_after_a_label_is_no_numbering_finding():
    from curate.rules.structure import Numbering

    doc = parse(RESTARTED)
    groups = {r.topic_path for r in doc.records if r.is_question}
    assert len(groups) == 2  # QA602 follows each topic's numbering on its own
    assert Numbering.code == "QA602"


def test_the_last_sentence_of_an_answer_is_no_label():
    text = (
        "Question: What is Docker Compose?\nAnswer: A tool.\n\nIt reads one YAML file.\n\n"
        "Question: What is a pod?\nAnswer: The smallest unit.\n\n"
        "Question: What is a node?\nAnswer: A machine.\n"
    )
    doc = parse(text)
    assert "It reads one YAML file." in doc.records[0].answer_md
    assert all(r.topic_path == () for r in doc.records if r.is_question)


def test_a_short_answer_of_one_titled_line_stays_the_answer():
    text = (
        "**Q: Which tool runs several containers?**\n\nDocker Compose\n\n"
        "**Q: Which tool schedules pods?**\n\nThe Kubernetes scheduler\n\n"
        "**Q: Which file lists services?**\n\nCompose file\n"
    )
    doc = parse(text)
    qs = [r for r in doc.records if r.is_question]
    assert [r.answer_text for r in qs] == ["Docker Compose", "The Kubernetes scheduler", "Compose file"]
    assert all(r.topic_path == () for r in qs)


def test_a_lowercase_continuation_line_is_no_label():
    text = (
        "Question: What is Docker?\nAnswer: A container runtime, with images,\n\nvolumes and networks\n\n"
        "Question: What is a pod?\nAnswer: The smallest unit.\n"
    )
    doc = parse(text)
    assert "volumes and networks" in doc.records[0].answer_md


# ---------------------------------------------------------------- after the last answer


def test_navigation_after_a_break_leaves_the_last_answer():
    text = (
        "# Web Security\n\n### 1. What is XSS?\n\nScript injection.\n\n### 2. What is CSRF?\n\nA forged request.\n\n"
        "---\n\n📖 **[Return to Wiki Home](Home)**\n\n🎯 **[Back to top](#web-security)**\n"
    )
    doc = parse(text)
    assert last_answer(doc) == "A forged request."
    outro = [s for s in doc.extras if s.kind == "outro"]
    assert len(outro) == 1 and "Return to Wiki Home" in outro[0].markdown
    assert [l.target for l in outro[0].links] == ["Home", "#web-security"]


def test_a_closing_note_before_navigation_leaves_the_last_answer():
    text = (
        "# Web Security Guide\n\n### 1. What is XSS?\n\nScript injection.\n\n### 2. What is CSRF?\n\nA forged request.\n\n"
        "---\n\nThese questions cover the basics expected in interviews.\n\n[Return to Wiki Home](Home)\n"
    )
    doc = parse(text)
    assert last_answer(doc) == "A forged request."


def test_a_chatbot_outro_after_the_records_separator_leaves_the_last_answer():
    qa = "".join(f"**Q: What is concept {n}?**\n\n**A:** Concept {n} is a thing.\n\n---\n\n" for n in range(1, 5))
    text = qa + "These additional questions delve into various aspects of system design and more.\n"
    doc = parse(text)
    assert len(questions(doc)) == 4
    assert "delve" not in last_answer(doc)
    assert any(s.kind == "outro" and "delve" in s.markdown for s in doc.extras)


def test_a_file_that_ends_records_with_a_break_cuts_a_pitfalls_section():
    qa = "".join(f"**Q: What is concept {n}?**\n\n**A:** Concept {n} is a thing.\n\n---\n\n" for n in range(1, 5))
    text = qa[: -len("---\n\n")] + "---\n\nPitfalls\n\n- bloated images\n- no healthcheck\n"
    doc = parse(text)
    assert "bloated" not in last_answer(doc)


def test_text_after_a_break_in_the_last_answer_stays_without_a_signal():
    text = (
        "## 1. What is a trie?\n\nA prefix tree.\n\n---\n\nFor 320G of data the trie no longer fits on one machine, "
        "so split the keys by hash first.\n\n## 2. Can a trie be compressed?\n\nYes, a radix tree merges chains.\n\n"
        "---\n\nIn practice a radix tree halves the nodes for URL keys.\n"
    )
    doc = parse(text)
    assert "halves the nodes" in last_answer(doc)


def test_a_file_with_breaks_inside_answers_keeps_its_last_answer_whole():
    qa = "".join(
        f"**Q: What is concept {n}?**\n\n**A:** Part one.\n\n---\n\nPart two of {n}.\n\n---\n\n" for n in range(1, 5)
    )
    text = qa + "**Q: What is concept 5?**\n\n**A:** Part one.\n\n---\n\nPart two of 5.\n"
    doc = parse(text)
    assert "Part two of 5." in last_answer(doc)


def test_an_image_after_a_break_stays_in_the_last_answer():
    text = "## What problems do they solve?\n\nThey route work.\n\n---\n\n![diagram](d.png)\n"
    doc = parse(text)
    assert "d.png" in last_answer(doc)


# ---------------------------------------------------------------- unmarked question lines

BANK = (
    "# Backend\n\n### 1. What is CORS?\n\nA browser mechanism for cross-origin calls.\n\n---\n\n"
    "What is the purpose of rate limiting?\nHow does caching improve performance?\n"
    "What are worker threads in NodeJS?\nExplain clustering in NodeJS.\n"
)


def test_unmarked_question_lines_after_a_break_are_a_question_bank():
    doc = parse(BANK)
    qs = [r for r in doc.records if r.is_question]
    assert [r.question for r in qs] == [
        "What is CORS?",
        "What is the purpose of rate limiting?",
        "How does caching improve performance?",
        "What are worker threads in NodeJS?",
        "Explain clustering in NodeJS.",
    ]
    assert qs[0].answer_md == "A browser mechanism for cross-origin calls."
    assert all(r.answer_md == "" and r.topic_path == ("Backend",) for r in qs[1:])
    assert [r.span.line_start for r in qs[1:]] == [9, 10, 11, 12]


def test_two_question_lines_are_no_bank():
    doc = parse(BANK.rsplit("What are worker", 1)[0])
    assert len(questions(doc)) == 1


def test_prose_that_asks_several_questions_is_no_bank():
    text = (
        "### 1. What is CORS?\n\nA browser mechanism.\n\n---\n\n"
        "Why does it matter? Browsers block calls otherwise.\nHow is it set? The server sends headers.\n"
        "What if it fails? The call is rejected.\n"
    )
    doc = parse(text)
    assert len(questions(doc)) == 1
    assert "Browsers block calls" in last_answer(doc)


def test_question_lines_mixed_with_prose_are_no_bank():
    text = (
        "### 1. What is CORS?\n\nA browser mechanism.\n\n---\n\n"
        "What is the purpose of rate limiting?\nIt protects the service from abuse.\n"
        "How does caching improve performance?\nWhat are worker threads?\n"
    )
    doc = parse(text)
    assert len(questions(doc)) == 1


# ---------------------------------------------------------------- headings written as list items

LEVELS = (
    "* ### Beginner Level\n"
    "1. What is SQL?\n   * Can you define SQL?\n"
    "2. What is a Primary Key?\n   * How is it different from a Unique Key?\n\n"
    "* ### Experienced Level\n"
    "1. What are window functions?\n   * Explain ROW_NUMBER() versus RANK().\n"
)


def test_a_bulleted_heading_is_a_section():
    doc = parse(LEVELS)
    qs = [r for r in doc.records if r.is_question]
    assert [r.topic_path for r in qs] == [("Beginner Level",)] * 2 + [("Experienced Level",)]
    assert "Experienced" not in qs[1].answer_md


def test_a_bulleted_heading_after_stray_items_ends_their_list():
    text = (
        "* ### Intermediate Level\n"
        "10. How can you find duplicate records in a table?\n   * Write an SQL query to find duplicates.\n\n"
        "* ### Experienced Level\n"
        "1. What are window functions?\n   * Explain ROW_NUMBER() versus RANK().\n"
    )
    doc = parse(text)
    assert all("Experienced" not in r.answer_md for r in doc.records)
    assert [r.topic_path for r in doc.records if r.is_question][-1] == ("Experienced Level",)


def test_a_list_with_a_heading_item_among_others_stays_a_list():
    text = "## What is SQL?\n\n* ### Note\n* A query language.\n* Declarative.\n"
    doc = parse(text)
    assert [r.question for r in doc.records] == ["What is SQL?"]
    assert "Declarative." in doc.records[0].answer_md


# ---------------------------------------------------------------- a fence left open in a card

OPEN_FENCE = (
    "<details>\n<summary>How do you change the flex axis?</summary>\n\nUse flex-direction.\n\n"
    "```css\n.container {\n  flex-direction: column;\n}\n</details>\n\n"
    "<details>\n<summary>Where does the gap between inline-blocks come from?</summary>\n\n"
    "From whitespace between the elements in the HTML.\n</details>\n"
)


def test_a_fence_left_open_in_a_card_ends_with_the_card():
    doc = parse(OPEN_FENCE)
    assert questions(doc) == [
        "How do you change the flex axis?",
        "Where does the gap between inline-blocks come from?",
    ]
    assert "flex-direction: column;" in doc.records[0].answer_md
    assert doc.records[1].answer_text == "From whitespace between the elements in the HTML."


def test_a_fence_left_open_outside_cards_runs_to_the_end():
    text = "## What is a card?\n\nMarkup:\n\n```html\n<details>\n<summary>Title</summary>\n</details>\n\n## What is X?\n\nY.\n"
    doc = parse(text)
    assert questions(doc) == ["What is a card?"]


def test_the_unclosed_fence_is_still_reported():
    from curate.rules.structure import UnclosedFence

    doc = parse(OPEN_FENCE)
    assert 6 in [f.line for f in UnclosedFence().check_document(doc, _Ctx())]


class _Ctx:
    options = None


def test_a_bulleted_heading_that_titles_nothing_stays_text():
    text = "## Preprocessing Text:\n\n* ### Normalization -> Tokenization -> Token to ids\n## Preprocessing Images:\n"
    doc = parse(text)
    assert [(r.kind, r.question) for r in doc.records] == [("topic", "Preprocessing Text:")]


def test_a_fence_left_open_that_closes_in_a_later_card_ends_with_its_own_card():
    text = OPEN_FENCE + (
        "\n<details>\n<summary>How do you center a block?</summary>\n\n```css\n.a { margin: auto; }\n```\n</details>\n"
    )
    doc = parse(text)
    assert len(questions(doc)) == 3
    assert "margin: auto" in doc.records[2].answer_md


def test_a_fence_that_shows_a_whole_card_as_code_stays_code():
    text = (
        "<details>\n<summary>How do I write a card?</summary>\n\n```html\n<details>\n<summary>Title</summary>\n"
        "Body\n</details>\n```\n\nThat is all.\n</details>\n"
    )
    doc = parse(text)
    assert questions(doc) == ["How do I write a card?"]
    assert "That is all." in doc.records[0].answer_text


def test_a_card_never_closed_keeps_its_headings_to_the_end_of_the_file():
    text = (
        "<details>\n<summary>What is a pod?</summary>\n\nThe smallest unit.\n</details>\n\n"
        "<details>\n<summary>What issues can inline-blocks cause?</summary>\n\n**Answer:**\n\n### Issues\n\nA gap.\n\n"
        "### Why does the gap appear?\n\nWhitespace between the elements.\n"
    )
    doc = parse(text)
    assert questions(doc) == ["What is a pod?", "What issues can inline-blocks cause?"]
    assert "Whitespace between the elements." in doc.records[1].answer_md


def test_a_chapter_details_never_closed_keeps_its_headings():
    text = "<details>\n<summary>Chapter one</summary>\n\n## What is a pod?\n\nThe smallest unit.\n\n## What is a node?\n\nA machine.\n"
    doc = parse(text)
    assert questions(doc) == ["What is a pod?", "What is a node?"]
