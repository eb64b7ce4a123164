"""Markdown → prose: only prose is kept, and every prose character maps back to the
source character it came from (the seed notes and a real corpus as fixtures)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curate.grammar.prose import CODE_PLACEHOLDER, LINK_PLACEHOLDER, extract_paragraphs

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[1] / "examples" / "genai-notes"
SHARED = HERE.parents[2] / "shared"


def _texts(md: str) -> list[str]:
    return [p.text for p in extract_paragraphs(md)]


def _assert_exact(md: str) -> int:
    """Every non-placeholder, non-space prose character is the source character at its
    offset; every word's source span spells the word. Returns the words checked."""
    words = 0
    for para in extract_paragraphs(md):
        assert len(para.offsets) == len(para.text)
        for i, ch in enumerate(para.text):
            if ch.isspace() or para.is_masked(i, i + 1):
                continue
            assert md[para.offsets[i]] == ch, (para.line, para.text[max(0, i - 20): i + 20])
        for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]", para.text):
            if para.is_masked(m.start(), m.end()):
                continue
            start, end = para.source_span(m.start(), m.end())
            source = md[start:end]
            # a word split by a soft line break is the one case where source != prose;
            # emphasis inside a word ("precision*-*recall", "<b>M</b>ean") is covered by the span
            if "\n" not in source and "\r" not in source:
                source = re.sub(r"</?(?:strong|b|em|i|u|mark|span|ins|abbr)\b[^>]*>", "", source, flags=re.I)
                assert re.sub(r"[*_~\\]", "", source) == m.group(0)
                words += 1
    return words


def test_drops_code_urls_html_targets_and_front_matter() -> None:
    md = (
        "---\ntitle: teh front\n---\n\n"
        "# A *heading* with `code`\n\n"
        "Text with [a link](https://x.org/path \"title\") and ![alt](img.png) and <b>bold</b>.\n"
        "See https://example.com/a_b, or <https://auto.link>.\n\n"
        "```\nfenced code\n```\n\n"
        "    indented code\n\n"
        "<div>\nhtml block\n</div>\n\n"
        "<!-- a comment -->\n"
        "| col one | col two |\n|---|---|\n| cell text | `x` |\n"
    )
    texts = _texts(md)
    assert texts == [
        f"A heading with {CODE_PLACEHOLDER}",
        f"Text with a link and  and bold. See {LINK_PLACEHOLDER}, or {LINK_PLACEHOLDER}.",
        "col one", "col two", "cell text", CODE_PLACEHOLDER,
    ]
    _assert_exact(md)


def test_each_block_is_its_own_paragraph_and_soft_breaks_become_spaces() -> None:
    md = "- first item\n- second\n  item continued\n\n> quoted\n> text\n\n### Heading\n"
    assert _texts(md) == ["first item", "second item continued", "quoted text", "Heading"]
    _assert_exact(md)


def test_crlf_and_nested_lists_map_exactly() -> None:
    md = "1. **Bold** start\r\n   - nested *emph* word\r\n\t- tab nested [link text](u)\r\n"
    assert _texts(md) == ["Bold start", "nested emph word", "tab nested link text"]
    assert _assert_exact(md) == 9


def test_escapes_and_entities_do_not_shift_offsets() -> None:
    md = "A \\*literal\\* star &amp; an entity &copy; then words.\n"
    (para,) = extract_paragraphs(md)
    assert para.text == "A *literal* star & an entity © then words."
    start, end = para.source_span(para.text.index("words"), para.text.index("words") + 5)
    assert md[start:end] == "words"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.md")), ids=lambda p: p.name[:3])
def test_every_seed_file_maps_back_exactly(path: Path) -> None:
    md = path.read_text(encoding="utf-8")
    assert _assert_exact(md) > 50


def test_real_corpus_maps_back_exactly() -> None:
    folder = SHARED / "corpora" / "alexeygrigorev__data-science-interviews"
    if not folder.is_dir():
        pytest.skip("shared corpora not available")
    checked = 0
    for path in sorted(folder.glob("*.md")):
        checked += _assert_exact(path.read_text(encoding="utf-8"))
    assert checked > 1000


def test_a_quiz_tables_option_columns_are_left_out() -> None:
    text = ("| question | option_a | option_b | correct_answer |\n|---|---|---|---|\n"
            "| What is the plural of mouse? | mouses | mice | B |\n\n"
            "| Term | Meaning |\n|---|---|\n| ACID | Atomicity, consistency |\n")
    texts = [p.text for p in extract_paragraphs(text)]
    assert "What is the plural of mouse?" in texts and "B" in texts
    assert "mouses" not in texts and "mice" not in texts
    assert "Atomicity, consistency" in texts  # a table that is no quiz keeps every cell


def test_prose_after_a_quiz_table_is_checked() -> None:
    text = ("| Question | A | B | Answer |\n|---|---|---|---|\n| Plural of mouse? | mouses | mice | B |\n\n"
            "mouses and mice after the table\n")
    texts = [p.text for p in extract_paragraphs(text)]
    assert "mouses" not in texts and "mouses and mice after the table" in texts
