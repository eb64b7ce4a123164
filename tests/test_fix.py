"""`curate fix`: choosing, applying and checking fixes; in place, idempotent, lossless."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import ftfy
import pytest
from click.testing import CliRunner
from conftest import SEEDS

from curate.build.fallback import mojibake_edits, repeated_sentence_edits
from curate.build.repair import Edit, apply, apply_checked, choose, verify
from curate.cli.main import main
from curate.corpus.loader import load_corpus
from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus, Document
from curate.fix.apply import plan_fixes, write_fixes
from curate.rules.base import Finding, Fix, Severity
from curate.rules.content import load_phrases


def E(start: int, end: int, text: str, code: str = "QA604", safe: bool = True) -> Edit:
    return Edit(code, Fix(start, end, text, "", safe))


# -- choosing and applying ------------------------------------------------------------------


def test_choose_skips_overlaps_and_duplicates_deterministically() -> None:
    edits = [E(3, 8, "B"), E(0, 5, "A"), E(0, 5, "A", code="QA503"), E(10, 10, "x"), E(10, 10, "y"), E(8, 9, "C")]
    chosen = choose(edits)
    assert [(e.fix.start, e.fix.end, e.fix.replacement) for e in chosen] == [(0, 5, "A"), (8, 9, "C"), (10, 10, "x")]
    assert choose(list(reversed(edits))) == chosen


def test_apply_all_at_once_and_on_a_slice() -> None:
    text = "abcdefghij"
    assert apply(text, [E(7, 9, ""), E(0, 1, "A"), E(4, 4, "-")]) == "Abcd-efgj"
    assert apply(text[4:], [E(5, 6, "F")], base=4) == "eFghij"


def _doc(text: str) -> Document:
    return parse_document(text, "n.md", "n.md")


def test_verify_accepts_intended_change_and_rejects_structure_change() -> None:
    text = "# 1. What is X?\n\nX is a thing.   \n\n# 2. What is Y?\n\nY is another.\n"
    before = _doc(text)
    ws = [E(text.index("   \n"), text.index("   \n") + 3, "")]
    assert verify(before, _doc(apply(text, ws)), ws) is None
    # turning a line into a heading adds a record: never accepted
    bad = [E(text.index("X is"), text.index("X is"), "# ")]
    assert verify(before, _doc(apply(text, bad)), bad) is not None
    # a fix that deletes the next question's heading merges two records
    start = text.index("\n# 2.")
    cross = [E(start, text.index("Y is"), "\n")]
    assert verify(before, _doc(apply(text, cross)), cross) is not None


def test_verify_accepts_a_fix_in_the_whitespace_after_an_answer() -> None:
    text = "# What is X?\n\nRun:\n```bash\nmake x\n"
    close = [E(len(text), len(text), "```\n", code="QA601")]
    assert verify(_doc(text), _doc(apply(text, close)), close) is None


def test_apply_checked_keeps_good_fixes_when_one_is_bad() -> None:
    text = "# What is X?\n\nX is a thing.  \n\nMore about X.\n"
    doc = _doc(text)
    good = E(text.index("  \n"), text.index("  \n") + 2, "")
    bad = E(text.index("More"), text.index("More"), "# ")
    outcome = apply_checked(doc, [good, bad], parse_document)
    assert outcome.applied == (good,)
    assert [e for e, _ in outcome.rejected] == [bad]
    assert outcome.document.text == "# What is X?\n\nX is a thing.\n\nMore about X.\n"


# -- a stand-in for the text rules, so these tests do not depend on their details -------------

_NO_SPACE = re.compile(r"^(#{1,6} *\d+\.)(?=[A-Za-z])", re.M)
_TRAILING = re.compile(r"[ \t]+$", re.M)


def fake_lint(corpus: Corpus) -> SimpleNamespace:
    """Findings with fixes like the real rules offer: mojibake, '# 18.What', trailing
    whitespace on blank lines and runs of spaces (safe), repeated sentences (unsafe)."""
    findings = []

    def add(doc: Document, code: str, fix: Fix) -> None:
        line, col = doc.locate(fix.start)
        findings.append(Finding(code, code.lower(), Severity.WARNING, fix.description or code, doc.path, line, col, fix=fix))

    for doc in corpus.documents:
        for edit in mojibake_edits(doc):
            add(doc, "QA503", edit.fix)
        for edit in repeated_sentence_edits(doc):
            add(doc, "QA204", edit.fix)
        for m in _NO_SPACE.finditer(doc.text):
            add(doc, "QA603", Fix(m.end(), m.end(), " ", "add a space after the number"))
        for m in _TRAILING.finditer(doc.text):
            line_start = doc.text.rfind("\n", 0, m.start()) + 1
            blank_line = not doc.text[line_start : m.start()].strip()
            if blank_line or len(m.group()) == 1:
                add(doc, "QA604", Fix(m.start(), m.end(), "", "remove trailing whitespace"))
        for m in re.finditer(r"(?<=\S)  {3,}(?=\S)", doc.text):
            add(doc, "QA604", Fix(m.start(), m.end(), " ", "collapse spaces"))
    findings.sort(key=Finding.sort_key)
    return SimpleNamespace(findings=tuple(findings))


def _squash(text: str) -> str:
    return "".join(text.split())


def _records(folder: Path) -> list[tuple[str, str, str]]:
    corpus = load_corpus([folder])
    return [(doc.rel_path, r.question_md, r.answer_md) for doc in corpus.documents for r in doc.records]


_FENCE_MARK = re.compile(r"^(`{3,}|~{3,})[\w-]*$")


def _assert_lossless(before: list, after: list, *, unsafe: bool) -> None:
    """Record by record: nothing of the question or answer is lost apart from the
    intended repairs: whitespace, mojibake, a missing space, a closing code fence, and
    with --unsafe a repeated sentence or a chatbot opener or closer."""
    assert len(before) == len(after)
    for (path, q0, a0), (path1, q1, a1) in zip(before, after):
        assert path == path1
        assert _squash(ftfy.fix_encoding(q0)) == _squash(ftfy.fix_encoding(q1)), (path, q0, q1)
        old_words, new_words = ftfy.fix_encoding(a0).split(), ftfy.fix_encoding(a1).split()
        new = _squash(" ".join(new_words))
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            gone, added = old_words[i1:i2], new_words[j1:j2]
            if op == "equal" or _squash(" ".join(gone)) == _squash(" ".join(added)):
                continue  # whitespace moved: "18.What" -> "18. What"
            if op == "insert" and all(_FENCE_MARK.match(w) for w in added):
                continue  # a fence closed
            assert op == "delete" and unsafe, (path, q0, op, gone, added)
            if any(start == 0 and phrase.removable for start, _end, phrase in load_phrases().find(" ".join(gone))):
                continue  # a chatbot opener or closer (QA104): the whole sentence is residue
            # only repeated sentences may go: each says again (perhaps with a pronoun for
            # its subject) something the new answer still says
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(gone)):
                words = sentence.split()
                assert len(words) >= 4 and _squash(" ".join(words[1:])) in new, (path, sentence)


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".curate"))
    return folder


def test_fix_seeds_twice_second_run_changes_nothing(notes: Path) -> None:
    before = _records(notes)
    first = plan_fixes([notes], lint=fake_lint)
    assert first.changed and not write_fixes(first)
    text = (notes / "002_119ce3aea157fae2.md").read_text(encoding="utf-8")
    assert "Hereâ€™s" not in text and "Here’s" in text
    assert "# 18. What is an autoencoder?" in (notes / "001_3fe1f52107ce9dc0.md").read_text(encoding="utf-8")
    second = plan_fixes([notes], lint=fake_lint)
    assert not second.changed and second.fix_count == 0
    _assert_lossless(before, _records(notes), unsafe=False)
    # the safe pass left the repeated VAE sentences alone, and says so
    assert second.pending_unsafe >= 1
    assert (notes / "001_3fe1f52107ce9dc0.md").read_text(encoding="utf-8").count("It is a type of Generative AI") == 2


def test_fix_unsafe_deletes_repeats_only(notes: Path) -> None:
    before = _records(notes)
    report = plan_fixes([notes], lint=fake_lint, unsafe=True)
    write_fixes(report)
    assert plan_fixes([notes], lint=fake_lint, unsafe=True).fix_count == 0
    text = (notes / "001_3fe1f52107ce9dc0.md").read_text(encoding="utf-8")
    assert text.count("based on a neural network architecture") == 1
    _assert_lossless(before, _records(notes), unsafe=True)


def test_fix_diff_writes_nothing(notes: Path) -> None:
    original = {p.name: p.read_bytes() for p in notes.iterdir()}
    report = plan_fixes([notes], lint=fake_lint)
    diff = "".join(f.diff() for f in report.changed)
    assert "-Hereâ€™s" in diff or "Hereâ€™s" in diff
    assert diff.startswith(f"--- {notes}")  # absolute paths: no a/ b/ prefixes
    assert {p.name: p.read_bytes() for p in notes.iterdir()} == original


def test_fix_keeps_crlf_bom_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"\xef\xbb\xbf# 1.What is X?\r\n\r\nX is Here\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s a thing.\r\n")
    path.chmod(0o600)
    report = plan_fixes([path], lint=fake_lint)
    write_fixes(report)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# 1. What is X?\r\n\r\n")
    assert "Here’s".encode() in data and data.endswith(b"\r\n")
    assert path.stat().st_mode & 0o777 == 0o600


def test_fix_refuses_to_overwrite_a_file_changed_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("# 1.What is X?\n\nX.\n", encoding="utf-8")
    report = plan_fixes([path], lint=fake_lint)
    path.write_text("# 1.What is X?\n\nX, edited.\n", encoding="utf-8")
    problems = write_fixes(report)
    assert problems and "changed" in problems[0]
    assert path.read_text(encoding="utf-8") == "# 1.What is X?\n\nX, edited.\n"


def test_overlapping_fixes_reach_a_fixed_point(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("# What is X?\n\nX is a thing.\n", encoding="utf-8")

    def overlapping(corpus: Corpus) -> SimpleNamespace:
        doc = corpus.documents[0]
        out = []
        i = doc.text.find("a thing")
        if i >= 0:
            out.append(Finding("T1", "t1", Severity.WARNING, "m", doc.path, 3, fix=Fix(i, i + 7, "one thing")))
        j = doc.text.find("thing.")
        if j >= 0:
            out.append(Finding("T2", "t2", Severity.WARNING, "m", doc.path, 3, fix=Fix(j, j + 6, "thing!")))
        return SimpleNamespace(findings=tuple(out))

    report = plan_fixes([path], lint=overlapping)
    assert report.passes >= 2
    assert report.files[0].after == "# What is X?\n\nX is one thing!\n"


def test_cli_fix_and_diff(notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import curate.fix.apply as fixmod

    real = fixmod.plan_fixes
    monkeypatch.setattr(fixmod, "plan_fixes", lambda *a, **k: real(*a, **{**k, "lint": fake_lint}))
    runner = CliRunner()
    result = runner.invoke(main, ["fix", str(notes), "--diff"])
    assert result.exit_code == 1 and "+++ " in result.output
    assert "Hereâ€™s" in (notes / "002_119ce3aea157fae2.md").read_text(encoding="utf-8")
    result = runner.invoke(main, ["fix", str(notes)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["fix", str(notes), "--diff"])
    assert result.exit_code == 0 and "+++" not in result.output


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_with_the_real_rules_is_idempotent_and_lossless(notes: Path, unsafe: bool) -> None:
    """The same checks with the installed rules (no stand-ins): fix a copy of the seeds,
    fix again, and compare every record with what it was."""
    import datetime as dt

    as_of = dt.date(2026, 1, 15)
    before = _records(notes)
    first = plan_fixes([notes], as_of=as_of, unsafe=unsafe)
    assert not write_fixes(first)
    second = plan_fixes([notes], as_of=as_of, unsafe=unsafe)
    assert not second.changed and second.fix_count == 0
    _assert_lossless(before, _records(notes), unsafe=unsafe)
    if first.fix_count:  # the rules offer fixes: the seeds' known defects are gone
        text = (notes / "002_119ce3aea157fae2.md").read_text(encoding="utf-8")
        assert "Hereâ€™s" not in text


def test_fix_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "notes" / "real.md"
    real.parent.mkdir()
    real.write_text("# 1.What is X?\n\nX.\n", encoding="utf-8")
    link = tmp_path / "notes" / "link.md"
    link.symlink_to(real)
    write_fixes(plan_fixes([link], lint=fake_lint))
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "# 1. What is X?\n\nX.\n"


def test_fix_on_a_real_corpus_is_idempotent_and_lossless(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "alirezadir__Machine-Learning-Interviews"
    if not corpus.is_dir():
        pytest.skip("shared corpora not available")
    notes = tmp_path / "notes"
    shutil.copytree(corpus, notes)
    for path in notes.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    before = _records(notes)
    quick = {"ignore": ("QA501", "QA502")}  # slow, and they offer no fixes today
    first = plan_fixes([notes], **quick)
    assert first.fix_count > 0 and not write_fixes(first)
    assert plan_fixes([notes], **quick).fix_count == 0
    _assert_lossless(before, _records(notes), unsafe=False)
