"""The reordered link and URL patterns of curate.rules.support.mdscan against their plain forms."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.rules.support import mdscan as M

PLAIN_LINK = re.compile(r"(?<![!\\])\[" + M._BRACKET_TEXT + r"\]\([ \t]*" + M._DEST + M._TITLE + r"[ \t]*\)")
PLAIN_BARE_URL = re.compile(r"(?<![\w(<\"'=/])(?:https?://|www\.)[^\s<>\"'`\]\[]*[^\s<>\"'`\]\[.,;:!?*_)]", re.I)

FRAGMENTS = ["[", "]", "(", ")", "![", "\\[", "](", "http://", "HTTPS://", "hTtPſ://", "www.", "WWW.", "wWw.", "x", "a_b",
             "/", "=", "'", '"', "<", ">", " ", "\n", "ı", "é", "h", "w", "ttp", "s://", ".", ",", "*", "_", "\"t\""]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=30).map("".join))
def test_patterns_find_the_same_matches(line: str) -> None:
    for plain, fast in ((PLAIN_LINK, M._LINK), (PLAIN_BARE_URL, M._BARE_URL)):
        assert [m.span() + m.groups() for m in plain.finditer(line)] == [m.span() + m.groups() for m in fast.finditer(line)]
