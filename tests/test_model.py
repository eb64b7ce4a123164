from curate.corpus.model import Document, compute_line_starts


def test_line_starts_handle_crlf_lf_and_lone_cr():
    text = "a\r\nb\nc\rd"
    assert compute_line_starts(text) == (0, 3, 5, 7)
    doc = Document(path="x.md", rel_path="x.md", text=text)
    assert [line for _, line in doc.lines()] == ["a", "b", "c", "d"]
    assert doc.locate(5) == (3, 1)
    assert doc.offset(4, 1) == 7


def test_final_newline_does_not_add_a_line():
    assert compute_line_starts("a\n") == (0,)
    assert compute_line_starts("a\n\n") == (0, 2)
    assert compute_line_starts("") == (0,)
