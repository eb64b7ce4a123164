"""Where a text says when it was written (curate.rules.docdate)."""

from __future__ import annotations

import datetime as dt

import pytest

from curate.rules.support.docdate import TextDates, parse_date, path_date


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("28th August 2024", dt.date(2024, 8, 28), dt.date(2024, 8, 28)),
        ("June 3, 2024", dt.date(2024, 6, 3), dt.date(2024, 6, 3)),
        ("2023-05", dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
        ("Sept 2023", dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
        ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("2024-02-30", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # no such day: the month
    ],
)
def test_parse_date(text: str, first: dt.date, last: dt.date) -> None:
    found = parse_date(text)
    assert found is not None and (found.first, found.last) == (first, last)


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("research_updates/2024_papers/august_list.md", "2024-08"),
        ("2023-05-notes.md", "2023-05"),
        ("notes/2022/03/log.md", "2022-03"),
        ("course_2024/week3.md", "2024"),
        ("daily/2021-11-02.md", "2021-11-02"),
    ],
)
def test_path_dates(path: str, label: str) -> None:
    found = path_date(path)
    assert found is not None and found.label == label and found.source == "the file's path"


@pytest.mark.parametrize(
    "path", ["002_119ce3aea157fae2.md", "notes/top_10_questions.md", "v3/answers.md", "may_faq.md", "guide/12345.md"]
)
def test_paths_without_dates(path: str) -> None:
    assert path_date(path) is None


def test_most_specific_date_wins() -> None:
    text = (
        "> Archived (2024 edition).\n"  # 1
        "\n"
        "| Date | Title |\n"  # 3
        "|---|---|\n"
        "| 28th August 2024 | a paper |\n"  # 5
        "## August 2023\n"  # 6
        "hello\n"
        "### Details\n"  # 8: no date, inside the August 2023 section
        "more\n"
        "## Other\n"  # 10
        "```\n## 1999\n```\n"  # 11-13: a heading inside code is not one
        "end\n"  # 14
    )
    dates = TextDates(text, "notes/a.md")
    assert dates.at(5).label == "28th August 2024" and "table row" in dates.at(5).source
    assert dates.at(7).label == "August 2023" and dates.at(9).label == "August 2023"
    assert dates.at(1).source == "the banner at line 1" and dates.at(3).label == "2024"
    assert dates.at(14).label == "2024"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("---\ntitle: x\ndate: 2023-04-02\n---\n# T\n", "2023-04-02"),
        ("# Notes\n\nUpdated: 2023-05\n", "2023-05"),
        ("# Notes\n\n**Last updated:** June 3, 2024\n", "June 3, 2024"),
        ("# Notes\n\n_Last updated on 12 May 2022._\n", "12 May 2022"),
    ],
)
def test_document_dates(text: str, label: str) -> None:
    assert TextDates(text, "a.md").document.label == label


@pytest.mark.parametrize(
    "text",
    [
        "Published in 2017, the Transformer changed NLP.\n",  # a sentence, not a label
        "# Notes\n\n## Top 10 questions\n",
        "| Model | Year |\n|---|---|\n| GPT-3 | 2020 |\n",  # a year in a later column is data
        "The 2020 edition of the survey found ...\n",  # not a banner
        "# Notes\n" + "x\n" * 20 + "> Archived 2019\n",  # a banner only near the top
    ],
)
def test_undated_texts(text: str) -> None:
    dates = TextDates(text, "a.md")
    assert all(dates.at(n) is None for n in range(1, text.count("\n") + 2))
