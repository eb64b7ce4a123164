"""The shortcuts in curate.rules.content against the definitions they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.rules import content as C

FRAGMENTS = ["Answer:", "**Answer:**", "A:", "a :", "click to show the answer", "click  to\nexpand", "show answers",
             "the", "Next", "next", "Previous", "back to top", "[Back to top](#top)", "Next: [a](b.md)", "<!-- x -->",
             "<br>", "<IMG src=x>", "![a](b)", "&nbsp;", "```", "~~~", "\n", " ", "\t", "\u00a0", "\x1c", "...", "…",
             "?", "- ", "1. ", "İ", "ı", "ſ", "previouſ", "nExt", "x", "_", "é", "N/A", "TBD"]
text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=25).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text)
def test_label_on_raw_text_is_label_on_collapsed_text(t: str) -> None:
    assert bool(C._LABEL_SPACED.match(t)) == bool(C._LABEL.match(" ".join(t.split())))


@settings(max_examples=1500, deadline=None)
@given(text)
def test_navigation_guard_never_skips_a_match(t: str) -> None:
    assert C.strip_navigation(t) == C._NAV_LINE.sub(" ", t)


@settings(max_examples=1500, deadline=None)
@given(text)
def test_markup_guards_and_normalisation(t: str) -> None:
    full = C._ENTITY.sub(" ", C._TAG.sub(" ", C._IMAGE.sub(" ", C._LINKED_IMAGE.sub(" ", C._COMMENT.sub(" ", t)))))
    assert C.strip_markup(t) == full
    assert C.image_count(t) == len(C._IMAGE.findall(C._COMMENT.sub(" ", t)))
    assert C.without_fences(t) == C._FENCE_BLOCK.sub(" ", t)
    norm = C._MARKER_AT_LINE_START.sub("", C.strip_markup(t).replace("\u00a0", " ").strip().lower())
    words = re.sub(r"[\W_]+", " ", norm).strip()
    assert C.normalize_placeholder(t) == (words if words else re.sub(r"\s+", "", norm))


def test_shortest_phrases_find_the_same_texts() -> None:
    phrases = C._line_phrases(C._normalized(C.DEFAULT_PLACEHOLDERS))
    shortest = C._shortest_phrases(phrases)
    assert set(shortest) <= phrases and len(shortest) < len(phrases)
    for p in phrases:
        assert any(q in p for q in shortest)


PHRASE_TEXT = ["as an AI language model", "AS AN ıI LANGUAGE\nMODEL", "as  an\tai  language model", "xas an AI language model",
               "as an AI developed by", "ChatGPT can make miſtakes. Check important info.", "Sure thing", "ſure thing",
               "\u212aappa", "İzzy", "ızzy", "..x", "ſtop", "a", " ", "\n", "é", "1", "_"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PHRASE_TEXT), st.text(max_size=3)), max_size=12).map("".join))
def test_literal_residue_patterns_match_like_their_bodies(t: str) -> None:
    phrases = C.load_phrases(("Sure thing", "kappa", "izzy", "..x", "stop"))
    for phrase, pattern in phrases.anywhere:
        plain = re.compile(phrase.body, re.IGNORECASE)
        assert [m.span() for m in plain.finditer(t)] == [m.span() for m in pattern.finditer(t)]
