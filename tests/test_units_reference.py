"""units() against a plain reference implementation: the fast paths in
curate.dedup.units (first-character guards, ``split``/``join`` for ``\\s+``, a leading
end mark instead of a look-behind) must cut exactly the same units with the same keys."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.corpus.markdown import parse_document
from curate.dedup.units import blocks, unit_key, units

# -- the reference: the straightforward regex version -----------------------------------

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}|\$\$)")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_SKIP_LINE = re.compile(r"^\s*(?:\||<|#{1,6}\s|>?\s*!\[|-{3,}\s*$|\*{3,}\s*$|={3,}\s*$)")
_HTML_BLOCK = re.compile(r"^ {0,3}</?[A-Za-z][\w-]*(?:\s|/?>|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[*_`]*[A-Z0-9])")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "`": "'"})
_SPACES = re.compile(r"\s+")
_LEAD_LABELS = re.compile(r"^(?:[^\W\d][\w'()&/-]*(?:[ \t]+[\w'()&/-]+){0,3}[ \t]*:[ \t]+(?=\S))+")
"""A sentence is compared without its lead-in labels ("Input Filtering: We filter ...")."""


def ref_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _LIST_ITEM.sub("", text, count=1)
    return _SPACES.sub(" ", text).strip().casefold()


def ref_blocks(markdown: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    fence = None
    in_comment = in_html = False
    start = None
    end = 0
    parent = ""
    items: list[tuple[int, str]] = []
    for line in markdown.splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        bare = line.rstrip("\r\n")
        if in_html:
            in_html = bool(bare.strip())
            continue
        if fence is None and not in_comment and _HTML_BLOCK.match(bare) and not bare.lstrip().startswith("<!--"):
            if start is not None:
                out.append((start, end, parent))
                start = None
            in_html = True
            continue
        if in_comment:
            if "-->" in bare:
                in_comment = False
            continue
        if bare.lstrip().startswith("<!--") and "-->" not in bare:
            in_comment = True
        m = _FENCE.match(bare)
        if m and fence is None and m.group(1) == "$$" and "$$" in bare.lstrip()[2:]:
            if start is not None:  # a one-line display formula
                out.append((start, end, parent))
                start = None
            continue
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m or in_comment:
            if start is not None:
                out.append((start, end, parent))
                start = None
            if m:
                fence = m.group(1)
            continue
        if not bare.strip() or _SKIP_LINE.match(bare):
            if start is not None:
                out.append((start, end, parent))
                start = None
            continue
        item = _LIST_ITEM.match(bare)
        if item and start is not None:
            out.append((start, end, parent))
            start = None
        if start is None:
            start = line_start + (len(bare) - len(bare.lstrip()))
            parent = ""
            if item:
                indent = len(item.group(1).expandtabs(4))
                while items and items[-1][0] >= indent:
                    items.pop()
                parent = items[-1][1] if items else ""
                items.append((indent, ref_key(bare)))
            elif not bare.startswith((" ", "\t")):
                items.clear()
        end = line_start + len(bare.rstrip())
    if start is not None:
        out.append((start, end, parent))
    return out


def ref_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start() + len(m.group(0).rstrip())))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def ref_units(markdown: str) -> list[tuple]:
    out = []
    for index, (start, end, parent) in enumerate(ref_blocks(markdown)):
        text = markdown[start:end]
        key = ref_key(text)
        out.append(("block", start, end, f"{parent} › {key}" if parent else key, index))
        body = _LIST_ITEM.match(text)
        offset = body.end() if body else 0
        pieces = ref_sentences(text[offset:])
        if len(pieces) < 2:
            continue
        for s, e in pieces:
            out.append(("sentence", start + offset + s, start + offset + e, ref_key(_LEAD_LABELS.sub("", text[offset + s : offset + e])), index))
    return out


def fast_units(markdown: str) -> list[tuple]:
    return [(u.kind, u.start, u.end, u.key, u.block) for u in units(markdown)]


# -- the comparisons ----------------------------------------------------------------------

FRAGMENTS = [
    "# ", "## ", "1. ", "2) ", "12. ", "- ", "* ", "+ ", "> ", ">![", "**", "`", "```", "````", "~~~", " ",
    "  ", "    ", "\t", "\n", "\r\n", "\r", "\n\n", "\x0b", "\x1c", "\u2028", "\u00a0", "\u3000",
    "$$", "$$x$$", "<div>", "</p>", "<br/>", "<!--", "-->", "<!-- x -->", "|", "---", "***", "===", "![a](b)",
    "It works.", " It fails! ", "Why? ", "A. ", "e.g. the", '." Then', ".) 2 ", "?” “Q", "’s", "‘x’",
    "“y”", "ﬁ", "Ⅻ", "ＡＢ", "İ", "ı", "ſ", "²", "٣. ", "x", "Word", "3", ".", "!", "?", "(", "[", "_",
]
markdownish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=50).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_units_match_reference(text: str) -> None:
    assert list(blocks(text)) == ref_blocks(text)
    assert fast_units(text) == ref_units(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(markdownish, st.text()))
def test_unit_key_matches_reference(text: str) -> None:
    assert unit_key(text) == ref_key(text)


def test_units_match_reference_on_seed_answers() -> None:
    seeds = Path(__file__).resolve().parent.parent / "examples" / "genai-notes"
    answers = [r.answer_md for p in sorted(seeds.rglob("*.md"))
               for r in parse_document(p.read_text(encoding="utf-8"), p.name, p.name).records]
    assert answers
    for md in answers:
        assert fast_units(md) == ref_units(md)
