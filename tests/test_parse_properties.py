"""Property tests: any text parses, spans stay inside the file, records never overlap,
and every answer_md is the exact slice of the file at answer_offset."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.corpus.markdown import parse_document

# Markdown-ish fragments so the layouts are exercised, not only random noise.
FRAGMENTS = [
    "# ", "## ", "### ", "#### ", "1. ", "2) ", "- ", "* ", "> ", "**", "__", "`", "```", "```py", "~~~",
    "What is X?", "Explain Y", "Q1: ", "**Question:**", "**A:**", "Answer:", "Ans:", "---", "-----", "===",
    "<details>", "<summary>", "</summary>", "</details>", "<img src='a.png'>", "![", "](", ")", "[", "]",
    "| Question | Answer |", "|---|---|", "| a? | b |", "\t", "    ", " ", "\n", "\r\n", "\r", "\n\n",
    "\ufeff", "\u200b", "é", "🤔", "<!-- x -->", "&amp;", "\\", "#1.What?", "text", "Why?",
    "**Is it free?** Yes.", "- **What is X?** x", "### Q1", "## Question", "## Answer", "FAQ",
    "interview questions", "1.1 ", "(a) ", "[Q?](#q)", "[Q?](http://x)",
]

markdownish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60
).map("".join)


def check(text: str) -> None:
    doc = parse_document(text, "p.md", "p.md")
    lines = max(doc.line_count, 1)
    last = 0
    for r in doc.records:
        assert 1 <= r.span.line_start <= r.span.line_end <= lines
        assert r.span.line_start > last  # no overlap, file order
        last = r.span.line_end
        assert 0 <= r.answer_offset <= len(text)
        assert text[r.answer_offset : r.answer_offset + len(r.answer_md)] == r.answer_md
        assert r.kind in ("question", "topic")
        for item in (*r.images, *r.links):
            assert 1 <= item.line <= lines
    for s in doc.extras:
        assert 1 <= s.span.line_start <= s.span.line_end <= lines
        assert text[s.offset : s.offset + len(s.markdown)] == s.markdown
    assert len({r.id for r in doc.records}) == len(doc.records)


@settings(max_examples=int(__import__("os").environ.get("PARSE_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_markdownish_text_parses_with_sound_spans(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_parses_with_sound_spans(text: str) -> None:
    check(text)


@settings(max_examples=300)
@given(st.text(alphabet="ab \r\n", max_size=40))
def test_split_lines_matches_line_starts(text: str) -> None:
    """The plain "\\n" split and the CR-aware split give the lines and starts that
    ``compute_line_starts`` counts."""
    from curate.corpus.markdown import _split_lines
    from curate.corpus.model import compute_line_starts

    lines, starts = _split_lines(text)
    assert starts == compute_line_starts(text)
    assert len(lines) == len(starts)
    for line, start in zip(lines, starts):
        assert text[start : start + len(line)] == line
        assert "\n" not in line and "\r" not in line
