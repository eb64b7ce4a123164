"""Loader: finding files, decoding, and per-file problems that never stop the run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curate.corpus.loader import LoadOptions, load_corpus, matches


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    write(root / "a.md", "# What is A?\n\nA.\n")
    write(root / "sub" / "b.markdown", "# What is B?\n\nB.\n")
    write(root / "sub" / "C.MD", "# What is C?\n\nC.\n")
    write(root / "skip.txt", "# What is T?\n")
    write(root / ".git" / "x.md", "# What is G?\n")
    write(root / "node_modules" / "pkg" / "r.md", "# What is N?\n")
    write(root / "drafts" / "d.md", "# What is D?\n")
    return root


def rels(corpus) -> list[str]:
    return [d.rel_path for d in corpus.documents]


def test_default_globs_and_skipped_folders(tree: Path):
    corpus = load_corpus([tree])
    assert rels(corpus) == ["a.md", "drafts/d.md", "sub/C.MD", "sub/b.markdown"]
    assert corpus.problems == ()


def test_include_and_exclude(tree: Path):
    corpus = load_corpus([tree], options=LoadOptions(include=("**/*.md",), exclude=("drafts/**",)))
    assert rels(corpus) == ["a.md", "sub/C.MD"]


def test_glob_matching_rules():
    assert matches("a.md", ["**/*.md"]) and matches("x/y/a.md", ["**/*.md"])
    assert matches("README.MD", ["**/*.md"])
    assert not matches("a.txt", ["**/*.md"])
    assert matches("drafts/x/a.md", ["drafts/**"])


def test_explicit_file_is_read_even_if_not_included(tree: Path):
    corpus = load_corpus([tree / "skip.txt"])
    assert rels(corpus) == ["skip.txt"]


def test_missing_path_is_an_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        load_corpus([tmp_path / "nope"])


def test_bom_is_removed_and_lines_stay_right(tmp_path: Path):
    write(tmp_path / "bom.md", b"\xef\xbb\xbf# What is X?\r\n\r\nanswer\r\n")
    (doc,) = load_corpus([tmp_path]).documents
    assert doc.text.startswith("# What")
    (r,) = doc.records
    assert (r.span.line_start, r.span.line_end, r.answer_md) == (1, 3, "answer")


def test_mixed_line_endings_keep_spans(tmp_path: Path):
    write(tmp_path / "mixed.md", b"# What is A?\r\na\n# What is B?\rb\r\n\n# What is C?\nc")
    (doc,) = load_corpus([tmp_path]).documents
    assert [(r.question, r.span.line_start, r.span.line_end) for r in doc.records] == [
        ("What is A?", 1, 2),
        ("What is B?", 3, 4),
        ("What is C?", 6, 7),
    ]
    for r in doc.records:
        assert doc.text[r.answer_offset : r.answer_offset + len(r.answer_md)] == r.answer_md
        assert doc.line(r.span.line_start).startswith("# What")


def test_unreadable_files_become_problems_and_the_run_goes_on(tmp_path: Path):
    write(tmp_path / "good.md", "# What is A?\n\nA.\n")
    write(tmp_path / "latin1.md", "# Caf\xe9?\n".encode("latin-1"))
    write(tmp_path / "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    write(tmp_path / "utf16.md", "# Hi\n".encode("utf-16"))
    write(tmp_path / "big.md", "x" * 2000)
    corpus = load_corpus([tmp_path], options=LoadOptions(max_bytes=1000))
    assert rels(corpus) == ["good.md"]
    messages = {Path(p.path).name: p.message for p in corpus.problems}
    assert set(messages) == {"latin1.md", "binary.md", "utf16.md", "big.md"}
    assert "not valid UTF-8" in messages["latin1.md"] and "line 1" in messages["latin1.md"]
    assert "binary" in messages["binary.md"]
    assert "UTF-16" in messages["utf16.md"]
    assert "limit" in messages["big.md"]


def test_default_size_limit_is_10_mb():
    assert LoadOptions().max_bytes == 10 * 1024 * 1024


def test_empty_file_is_read(tmp_path: Path):
    write(tmp_path / "empty.md", b"")
    (doc,) = load_corpus([tmp_path]).documents
    assert doc.records == () and doc.text == ""


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_leaving_the_root_is_not_followed(tmp_path: Path):
    outside = write(tmp_path / "secret" / "s.md", "# What is secret?\n")
    root = tmp_path / "notes"
    write(root / "a.md", "# What is A?\n")
    try:
        (root / "link.md").symlink_to(outside)
        (root / "linkdir").symlink_to(outside.parent, target_is_directory=True)
        (root / "inside.md").symlink_to(root / "a.md")
    except OSError:
        pytest.skip("cannot create symlinks")
    corpus = load_corpus([root])
    assert "link.md" not in rels(corpus) and not any("secret" in r for r in rels(corpus))
    assert "inside.md" in rels(corpus)
    assert any("outside the corpus root" in p.message for p in corpus.problems)


def test_display_path_is_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write(tmp_path / "notes" / "a.md", "# What is A?\n")
    monkeypatch.chdir(tmp_path)
    (doc,) = load_corpus(["notes"]).documents
    assert doc.path == "notes/a.md" and doc.records[0].span.path == "notes/a.md"
    monkeypatch.chdir(tmp_path / "notes")
    (doc,) = load_corpus([str(tmp_path / "notes")]).documents
    assert doc.path == "a.md"


def test_nul_byte_anywhere_means_binary(tmp_path: Path):
    write(tmp_path / "late-nul.md", b"# What?\n\n" + b"a" * 20000 + b"\x00")
    corpus = load_corpus([tmp_path])
    assert corpus.documents == () and "binary" in corpus.problems[0].message


def _reference_matches(rel_path: str, patterns: list[str]) -> bool:
    """The plain definition ``matches`` compiles: fnmatch on the whole path, or
    PurePosixPath.match from the right, or ``**/`` matching zero folders."""
    import fnmatch
    from pathlib import PurePosixPath

    rel_path = rel_path.lower()
    for pattern in (p.lower() for p in patterns):
        if fnmatch.fnmatch(rel_path, pattern) or PurePosixPath(rel_path).match(pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(rel_path, pattern[3:]):
            return True
    return False


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_GLOB_PART = st.text(alphabet="ab.*?[]M", min_size=1, max_size=4)
_PATH_PART = st.text(alphabet="abAB.md", min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_GLOB_PART, min_size=1, max_size=3).map("/".join), min_size=1, max_size=3),
       st.lists(_PATH_PART, min_size=1, max_size=4).map("/".join), st.booleans())
def test_compiled_globs_agree_with_fnmatch_and_pathlib(patterns: list[str], path: str, deep: bool) -> None:
    from pathlib import PurePosixPath

    from hypothesis import assume

    from curate.corpus.loader import matches

    assume(all(PurePosixPath(p).parts for p in patterns))  # pathlib rejects an empty pattern ("."); we never match it
    if deep:
        patterns = ["**/" + p for p in patterns] + ["/" + patterns[0]]
    assert matches(path, patterns) == _reference_matches(path, patterns)


@pytest.mark.parametrize("given", ["..", "../../notes", "notes", "."])
def test_display_paths_are_relative_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    """Folder walks build display paths by joining, not per file with relpath: they
    must still equal ``os.path.relpath`` of each file (also when the current folder
    lies inside the walked one)."""
    import os

    from curate.corpus.loader import LoadOptions, find_root, iter_source_files

    (tmp_path / "notes" / "sub").mkdir(parents=True)
    (tmp_path / "notes" / "a.md").write_text("a\n", encoding="utf-8")
    (tmp_path / "notes" / "sub" / "b.md").write_text("b\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "notes" if given.startswith("..") or given == "." else tmp_path)
    if given == "../../notes":
        monkeypatch.chdir(tmp_path / "notes" / "sub")
    files = list(iter_source_files([given], find_root([given]), LoadOptions(), []))
    assert files and [f.display for f in files] == [os.path.relpath(f.abspath).replace(os.sep, "/") for f in files]


def test_a_repositorys_paperwork_is_not_read_as_notes(tmp_path) -> None:
    from curate.corpus.loader import load_corpus

    for name in ("LICENSE.md", "CHANGELOG.md", ".github/CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "notes.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("## What is X?\n\nX.\n", encoding="utf-8")
    assert [d.rel_path for d in load_corpus([tmp_path]).documents] == ["notes.md"]
    assert [d.rel_path for d in load_corpus([tmp_path / "LICENSE.md"]).documents] == ["LICENSE.md"]


def test_gitignored_notes_are_not_read_unless_the_config_says_so(tmp_path) -> None:
    from curate.config import load_config
    from curate.corpus.loader import load_corpus

    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n!keep.tmp.md\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".gitignore").write_text("private.md\n", encoding="utf-8")
    for name in ("a.md", "drafts/b.md", "x.tmp.md", "keep.tmp.md", "sub/private.md", "sub/c.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("## What is X?\n\nX.\n", encoding="utf-8")
    read = sorted(d.rel_path for d in load_corpus([tmp_path]).documents)
    assert read == ["a.md", "keep.tmp.md", "sub/c.md"]
    (tmp_path / "curate.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    options = load_config([tmp_path]).load_options()
    assert len(load_corpus([tmp_path], options=options).documents) == 6
