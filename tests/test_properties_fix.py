"""Property: `curate fix` is idempotent and loses no record text beyond the intended repair.

Hypothesis writes notes with the defects the fixes repair: trailing spaces, mojibake,
a missing space after a number, repeated sentences, runs of spaces. The installed rules
fix them (safe fixes, and with ``unsafe`` the deletion of repeated sentences); a second
run must change nothing, and every record must keep its words: apart from whitespace
and mojibake repair, only a sentence the answer still says may go, and only with ``unsafe``.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from pathlib import Path

import ftfy
from conftest import AS_OF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.corpus.loader import load_corpus
from curate.fix.apply import plan_fixes, write_fixes

SETTINGS = {"use_cache": False, "jobs": 1}

WORDS = ["model", "token", "attention", "layer", "café", "naïve", "résumé", "vector", "prompt", "weights",
         "training", "loss", "über", "batch", "gradient", "decoder", "señor", "data"]


def _mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252: what a mis-decoded note looks like."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=9))
    text = " ".join(words).capitalize() + "."
    if draw(st.booleans()) and any(not w.isascii() for w in words):
        text = _mojibake(text)
    return text


@st.composite
def answer_lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["prose", "repeat", "numbered", "spaces"]))
    first = draw(sentences())
    if kind == "repeat":
        line = f"{first} {first}"  # the same sentence twice
    elif kind == "numbered":
        line = f"{draw(st.integers(1, 9))}.{first}"  # no space after the number
    elif kind == "spaces":
        line = first.replace(" ", "     ", 1)
    else:
        line = f"{first} {draw(sentences())}"
    return line + draw(st.sampled_from(["", " ", "   ", "\t"]))  # trailing whitespace


@st.composite
def notes(draw: st.DrawFn) -> str:
    parts = ["# Study notes\n"]
    for n in range(1, draw(st.integers(1, 4)) + 1):
        question = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5)))
        parts.append(f"## {n}. What is {question}?{draw(st.sampled_from(['', '  ']))}\n")
        parts.append("\n".join(draw(st.lists(answer_lines(), min_size=1, max_size=3))) + "\n")
    return "\n".join(parts)


def _records(root: Path) -> list[tuple[str, str, str]]:
    corpus = load_corpus([root])
    return [(d.rel_path, r.question_md, r.answer_md) for d in corpus.documents for r in d.records]


def _squash(text: str) -> str:
    return "".join(ftfy.fix_encoding(text).split())


def _assert_lossless(before: list[tuple[str, str, str]], after: list[tuple[str, str, str]], unsafe: bool) -> None:
    assert [r[0] for r in before] == [r[0] for r in after], "records added or lost"
    for (path, q0, a0), (_p, q1, a1) in zip(before, after):
        assert _squash(q0) == _squash(q1), (path, q0, q1)
        old, new = ftfy.fix_encoding(a0).split(), ftfy.fix_encoding(a1).split()
        kept = _squash(a1)
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            gone, added = " ".join(old[i1:i2]), " ".join(new[j1:j2])
            if op == "equal" or _squash(gone) == _squash(added):
                continue  # whitespace moved ("3.Model" -> "3. Model")
            assert unsafe and op == "delete", (path, op, gone, added)
            for sentence in re.split(r"(?<=[.!?])\s+", gone):
                assert _squash(sentence) in kept, ("a sentence the answer no longer says", path, sentence)


def _check(texts: list[str], unsafe: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "notes"
        root.mkdir()
        for i, text in enumerate(texts):
            (root / f"note{i}.md").write_text(text, encoding="utf-8")
        before = _records(root)
        first = plan_fixes([root], unsafe=unsafe, as_of=AS_OF, **SETTINGS)
        assert not write_fixes(first)
        fixed = {p.name: p.read_text(encoding="utf-8") for p in root.glob("*.md")}
        second = plan_fixes([root], unsafe=unsafe, as_of=AS_OF, **SETTINGS)
        assert not second.changed and second.fix_count == 0, [f.diff() for f in second.changed]
        assert not write_fixes(second)
        assert {p.name: p.read_text(encoding="utf-8") for p in root.glob("*.md")} == fixed
        _assert_lossless(before, _records(root), unsafe)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(notes(), min_size=1, max_size=2))
def test_safe_fix_is_idempotent_and_lossless(texts: list[str]) -> None:
    _check(texts, unsafe=False)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(notes(), min_size=1, max_size=2))
def test_unsafe_fix_is_idempotent_and_deletes_only_repeats(texts: list[str]) -> None:
    _check(texts, unsafe=True)
