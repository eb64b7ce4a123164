"""The fast paths of the claim rules (QA401-QA403) give what the plain code gives.

Each shortcut (keyword trie, anchored QA402 patterns, local block lookup, the
marker-driven block splitter, the two-step emphasis view, the acronym trigger regex,
the indexed glossary lookup) is compared with the straightforward computation on
many generated texts. Seeded, so a failure reproduces.
"""

from __future__ import annotations

import random
import re

import pytest

from curate.rules import claims
from curate.rules.support import prose
from curate.rules.support.knowledge import KeywordFinder, load_glossary, load_knowledge_base, normalize_expansion

SEED = 20261101

_TIME_VOCABULARY = (
    "will", "WILL", "Will", "soon", "be", "released", "launched", "release", "is", "are", "going", "to", "set",
    "expected", "scheduled", "slated", "upcoming", "Upcoming", "forthcoming", "model", "models", "GPT-5",
    "Gemini", "recently", "just", "newly", "has", "have", "was", "the", "The", "a", "recent", "of", "currently",
    "presently", "latest", "newest", "best", "most", "capable", "largest", "state-of-the-art", "state", "art",
    "as", "now", "today", "this", "This", "next", "year", "years", "in", "coming", "months", "Not", "not",
    "yet", "yet-to-be-released", "been", "Coming", "Rumored", "rumoured", "anticipated", "at", "present",
    "right", "date", "time", "writing", "version", "is", "Claude", "K", ".", ",", "(", ")", "-",
    "the latest", "The newest", "most recent", "the most recent", "version is", "models are", "of GPT-4",
    "of Llama", "will be", "is set to", "in the coming", "has just been", "as of now", "at the time of writing",
    "a recent release of", "currently the best", "next year", "not yet been released", "coming soon",
    "is the new standard", "has become the new", "became", "new", "standard", "SOTA", "as the new default",
)
_SPACES = (" ", " ", " ", "  ", "\n", "\n\n", "\t", "      \n   ", " \u00a0")


def _time_texts(count: int) -> list[str]:
    rnd = random.Random(SEED)
    texts = []
    for _ in range(count):
        words = [rnd.choice(_TIME_VOCABULARY) for _ in range(rnd.randint(1, 40))]
        texts.append("".join(w + rnd.choice(_SPACES) for w in words))
    return texts


@pytest.mark.parametrize("tp", [tp for tp in claims._TIME_PATTERNS if tp.anchors], ids=lambda tp: tp.id)
def test_anchored_patterns_find_what_finditer_finds(tp: claims._TimePattern) -> None:
    found = 0
    for text in _time_texts(3000):
        lowered = text.lower()
        assert claims._offsets_agree(text, lowered)
        words = claims._TIME_WORDS.hits(lowered)
        fast = [m.span() for m in claims._anchored(tp, text, words)]
        assert fast == [m.span() for m in tp.regex.finditer(text)], text
        found += len(fast)
    assert found > 20  # the texts do exercise the pattern


def test_offsets_disagree_for_letters_lower_keeps() -> None:
    for text in ("ıs going to be released", "ſoon", "İ will be released"):
        assert not claims._offsets_agree(text, text.lower())


def test_year_regex_matches_the_plain_form() -> None:
    plain = re.compile(r"(?<![\w.-])(?P<year>20\d\d)(?![\w-])")
    fast = next(tp for tp in claims._TIME_PATTERNS if tp.id == "past-prediction").regex
    rnd = random.Random(SEED)
    for _ in range(3000):
        text = "".join(rnd.choice(("20", "2025", "1", "a", ".", "-", " ", "\n", "_", "x2021")) for _ in range(12))
        assert [(m.span(), m.group("year")) for m in fast.finditer(text)] == [
            (m.span(), m.group("year")) for m in plain.finditer(text)
        ], text


def test_keyword_finder_finds_every_occurrence() -> None:
    kb = load_knowledge_base()
    words = sorted(kb.by_keyword)
    finder = KeywordFinder(words)
    rnd = random.Random(SEED)
    pieces = words + ["x", " ", "-", "4", "o", "gpt", "claude-3", "\n"]
    for _ in range(500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        expected: dict[str, list[int]] = {}
        for word in words:
            i = text.find(word)
            while i >= 0:
                expected.setdefault(word, []).append(i)
                i = text.find(word, i + 1)
        assert finder.hits(text) == expected, text


def test_candidates_are_entries_whose_keywords_occur() -> None:
    kb = load_knowledge_base()
    text = "gpt-4 (expected) and the text-davinci-003 model; bard"
    lowered = text.lower()
    for in_code in (None, True, False):
        naive = [
            e
            for e in kb.entries
            if (in_code is None or e.in_code == in_code) and (not e.keywords or any(k in lowered for k in e.keywords))
        ]
        assert kb.candidates(text, in_code=in_code) == naive


_PROSE_ATOMS = (
    "\n", "\r\n", "\r", "\n\n", " ", "   ", "\t", "- ", "* ", "1. ", "12) ", "# ", "## h\n", "####### ", ">", "|",
    "<details>", "```", "~~~", "````", "`", "``", "word", "Word", "_", "__x__", "*a*", "\x0b", "\u2028",
    "http://x.y/z", "www.a.b", "[a](b)", "![i](j)", "<!-- c -->", "---\n", "a: b\n", "[r]: u\n", "  ```py\n",
)


def _prose_texts(count: int) -> list[str]:
    rnd = random.Random(SEED)
    return ["".join(rnd.choice(_PROSE_ATOMS) for _ in range(rnd.randint(0, 50))) for _ in range(count)]


def _blocks_from_index(view: str, offset: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    for start, end in spans if spans is not None else prose._blocks_by_line(view):
        if start <= offset < end:
            return start, end
    return prose._line_bounds(view, offset)


def test_block_splitting_and_lookup_agree_with_the_line_by_line_code() -> None:
    for text in _prose_texts(3000):
        assert list(prose._blocks_by_marker(text)) == list(prose._blocks_by_line(text)) or prose._lone_cr(text), text
        assert list(prose.blocks(text)) == list(prose._blocks_by_line(text)), text
        spans = list(prose._blocks_by_line(text))
        for offset in range(len(text) + 1):
            assert prose.block_at(text, offset) == _blocks_from_index(text, offset, spans), (text, offset)


def test_long_paragraph_falls_back_to_the_index() -> None:
    text = "# h\n" + "words\n" * 200 + "- item\n"
    for offset in range(0, len(text), 7):
        assert prose.block_at(text, offset) == _blocks_from_index(text, offset)


def test_fence_lines_and_emphasis_view_agree_with_the_plain_code() -> None:
    for text in _prose_texts(3000):
        by_line = [
            (m.start(), m.end(), m.group(0)) for m in prose._LINE.finditer(text) if m.start() < m.end()
        ]
        fence_lines = [line for line in by_line if prose._FENCE.match(line[2])]
        if not prose._lone_cr(text):
            assert list(prose._fence_lines(text)) == fence_lines, text
        for keep_code in (False, True):
            view = prose._view(text, keep_code)
            assert len(view) == len(text)
            assert prose._emphasis_view(text, keep_code) == prose._EMPHASIS.sub(" ", view), text


def test_acronym_trigger_regex_is_the_plain_alternation() -> None:
    plain = re.compile(r"[(:=–—-]|\bstands\b|\bshort\b")
    rnd = random.Random(SEED)
    for _ in range(3000):
        text = "".join(rnd.choice(("s", "stands", "short", "shorts", "xstands", "(", ":", "-", "—", " ", "a", "_")) for _ in range(10))
        assert [m.span() for m in claims._TRIGGER.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_glossary_lookup_matches_a_scan_of_every_expansion() -> None:
    from rapidfuzz import fuzz

    glossary = load_glossary()

    def brute(phrase: str) -> tuple[str, ...]:
        norm = normalize_expansion(phrase)
        if not norm:
            return ()
        if glossary.owners.get(norm):
            return glossary.owners[norm]
        if len(norm) < 12:
            return ()
        first = norm.split()[0][:3]
        best = set()
        for expansion, owners in glossary.owners.items():
            if abs(len(expansion) - len(norm)) <= 3 and expansion[:3] == first and fuzz.ratio(expansion, norm) >= 92:
                best.update(owners)
        return tuple(sorted(best))

    phrases = ["Generative Adversial Networks", "Reinforcement Learning from Human Feedbak", "a", "", "Large Language Modle"]
    phrases += [e[:-1] for e in list(glossary.owners)[:80]] + [e + "s" for e in list(glossary.owners)[80:160]]
    for phrase in phrases:
        assert glossary.lookup(phrase) == brute(phrase), phrase
        assert glossary.lookup(phrase) == brute(phrase), phrase  # from the memo


def test_inline_code_spans_with_single_backticks_only() -> None:
    rnd = random.Random(SEED)
    for _ in range(3000):
        text = "".join(rnd.choice(("`", "a", " ", "\n", "\r\n", "b`c")) for _ in range(rnd.randint(0, 20)))
        assert list(prose._inline_code(text)) == list(_inline_code_by_runs(text)), text


def _inline_code_by_runs(text: str):
    opener = None
    line_end = -1
    for run in prose._BACKTICKS.finditer(text):
        start, length = run.start(), run.end() - run.start()
        if opener is not None and start > line_end:
            opener = None
        if opener is None:
            opener = (start, length)
            nl = text.find("\n", start)
            line_end = nl if nl >= 0 else len(text)
        elif length == opener[1]:
            yield opener[0], run.end()
            opener = None


def test_every_match_holds_one_of_its_required_literals() -> None:
    from curate.rules.support.knowledge import required_literals

    kb = load_knowledge_base()
    texts = [s for e in kb.entries for s in e.positive + e.negative]
    rnd = random.Random(SEED)
    vocabulary = [w for s in texts for w in re.findall(r"\S+", s)] + list(_TIME_VOCABULARY)
    texts += [" ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(1, 25))) for _ in range(1500)]
    patterns = [p for e in kb.entries for p in e.patterns] + [tp.regex for tp in claims._TIME_PATTERNS]
    matched = 0
    for pattern in patterns:
        needed = required_literals(pattern)
        for text in texts:
            for m in pattern.finditer(text):
                matched += 1
                assert not needed or any(lit in m.group(0).lower() for lit in needed), (pattern.pattern, m.group(0))
    assert matched > 500


def test_required_literals_of_simple_shapes() -> None:
    from curate.rules.support.knowledge import required_literals

    assert required_literals(re.compile(r"\bGPT[- ]?4\s*\((?:expected|rumou?red)\)", re.I)) == ("expected", "rumo")
    assert required_literals(re.compile(r"(?:ab)*c?")) == ()
    assert required_literals(re.compile(r"x(?=yyyy)")) == ("x",)
    assert required_literals(re.compile(r"(?:foo|[ab])bar")) == ("bar",)
    assert required_literals(re.compile(r"(?:abc){2,}|z+")) == ("abc", "z")
