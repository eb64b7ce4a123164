"""Speed-ups of the grammar check that must not change what it finds: the per-process
paragraph memo and the run-at-a-time alignment of prose characters."""

from __future__ import annotations

from typing import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.grammar import checker
from curate.grammar.backends import Match
from curate.grammar.prose import _align_chars, _Builder


class _Counting:
    """A backend that flags every paragraph once and records what it was asked."""

    name = "counting"
    key = "counting|1"

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def check(self, paragraphs: Sequence[str]) -> list[list[Match]]:
        self.asked.append(list(paragraphs))
        return [[Match(0, 1, "R", "grammar", f"seen {p}")] for p in paragraphs]


def test_a_paragraph_repeated_across_documents_is_checked_once_without_a_cache() -> None:
    checker.clear_memo()
    backend = _Counting()
    first, checked = checker.paragraph_matches(["Answer:", "One.", "Answer:"], backend)
    assert checked == 2 and backend.asked == [["Answer:", "One."]]
    second, checked_again = checker.paragraph_matches(["Two.", "Answer:"], backend)
    assert checked_again == 1 and backend.asked[-1] == ["Two."]
    assert second[1] == first[0] == first[2]
    checker.clear_memo()
    checker.paragraph_matches(["Answer:"], backend)
    assert backend.asked[-1] == ["Answer:"]  # forgotten by clear_memo
    checker.clear_memo()


def test_the_memo_is_per_backend() -> None:
    checker.clear_memo()
    one, other = _Counting(), _Counting()
    other.key = "counting|2"
    checker.paragraph_matches(["Same text."], one)
    _, checked = checker.paragraph_matches(["Same text."], other)
    assert checked == 1 and other.asked == [["Same text."]]
    checker.clear_memo()


def _align_one_by_one(value: str, content: str, offsets: list[int], cursor: int) -> tuple[list[str], list[int], int]:
    """The plain definition: each character found at most 12 characters on, else kept
    at the cursor."""
    chars, out = [], []
    for ch in value:
        found = content.find(ch, cursor, cursor + 12)
        if found < 0:
            chars.append(ch)
            out.append(offsets[min(cursor, len(offsets) - 1)])
            continue
        chars.append(ch)
        out.append(offsets[found])
        cursor = found + 1
    return chars, out, cursor


_TEXT = st.text(alphabet="ab*_\\&;é ", max_size=40)


@settings(max_examples=400, deadline=None)
@given(content=_TEXT.filter(bool), value=_TEXT, cursor=st.integers(min_value=0, max_value=40))
def test_run_alignment_equals_the_character_loop(content: str, value: str, cursor: int) -> None:
    cursor = min(cursor, len(content))
    offsets = [10 * i for i in range(len(content) + 1)]
    b = _Builder()
    end = _align_chars(b, value, content, offsets, cursor)
    assert (b.chars, b.offsets, end) == _align_one_by_one(value, content, offsets, cursor)
