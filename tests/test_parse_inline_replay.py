"""The parser reads most inline text without markdown-it's inline parser (``read_plain``,
``simple_children``). These tests hold that shortcut to markdown-it's own result: the
same children (type, content, link and image targets) and the same text, images and
links, on hand-picked cases and on generated Markdown-ish text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.rules_core import StateCore, text_join
from markdown_it.token import Token

from curate.corpus.layouts.inline import (
    has_markup,
    needs_inline_parser,
    read_children,
    read_inline,
    read_plain,
    simple_children,
)
from curate.corpus.markdown import _MD, _MD_BLOCKS, _block_parser, parse_with

LINE0 = 3


def _parsed(content: str) -> Token:
    """An inline token with markdown-it's own children, as a full parse makes it."""
    token = Token("inline", "", 0)
    token.content = content
    token.map = [LINE0, LINE0 + content.count("\n") + 1]
    token.children = []
    _MD.inline.parse(content, _MD, {}, token.children)
    text_join(StateCore("", _MD, {}, [token]))
    return token


def _shape(children) -> list:
    return [
        (
            c.type,
            c.content,
            c.attrs if c.type in ("image", "link_open") else None,
            [(d.type, d.content) for d in c.children or ()],
        )
        for c in children
    ]


def _read(content):
    return (lambda c: (c.pieces, c.images, c.links))(content)


def check(content: str) -> bool:
    """True when the shortcut applied (and agreed with markdown-it)."""
    token = _parsed(content)
    expected = _read(read_inline(token))
    if not has_markup(content):
        assert _read(read_plain(content, LINE0)) == expected
    if needs_inline_parser(content):
        return False
    light = simple_children(content, references=False)  # _parsed has no references
    if light is None:
        return False
    assert _shape(light) == _shape(token.children)
    assert _read(read_children(light, LINE0)) == expected
    return True


CASES = [
    "plain text",
    "two  \nlines with a hard break",
    "one \n   soft break\tand\ttabs \t\nend",
    "snake_case and a_b_c",
    "**bold** and *em* and ***both***",
    "**Q1: What is X?** answer",
    "*a **b** c*",
    "**unclosed and *mixed",
    "a * b ** c",
    "__init__ and _private_ and __dunder__",
    "`code` and ``co`de`` and ` spaced `",
    "`unclosed code",
    "`` ` `` and ```x``",
    "see https://example.com/a_b*c.",
    "**https://example.com/x**",
    "[link](https://example.com) and [**bold link**](#anchor)",
    "![alt *text*](img.png) and ![](empty.png)",
    "[a](javascript:alert(1))",
    "[ref] and [ref][x] stay literal",
    "[nested [brackets]](x)",
    "[a](<angle>) [b](c \"title\")",
    "*[a](b)* and **[c](d)**",
    "[*a*](b)*",
    "!not an image and ! [spaced](x)",
    "é*é*é and “*quoted*”",
    "multi\nline *emphasis\nacross* lines",
    "Q&amp;A, &#35;1, &#x2A;not em&#x2A;, &bogus; and a lone &",
    "a < b, a<b, 1 <= 2 and x > y",
    "[Week 8] and [[1hr Talk] are plain text",
    "[a](https://x.io/?a=1&b=2) and [c](https://x.io/?a=1&amp;b=2)",
]


def test_cases_agree_with_markdown_it() -> None:
    applied = sum(check(c) for c in CASES)
    assert applied >= 20  # the shortcut covers most of them


FRAGMENTS = [
    "*", "**", "***", "_", "__", "`", "``", " ", "  ", "\n", "\t", "a", "word", "é", ".", ",", "!", "?",
    "(", ")", "[", "]", "](", "![", "](http://a.b/c_d*e)", "](#x)", "](javascript:x)", "~", ":", "-",
    "https://x.io/a_b", "\u00a0", "'", '"', "1", "“", "🤔", "&amp;", "&#35;", "&x;", "&", "<", "< ", "<b>",
    ">", "<http://a.b>", "](a&b)", "](a&amp;b)",
]


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=30).map("".join))
def test_generated_inline_text_agrees_with_markdown_it(text: str) -> None:
    content = text.strip(" \t\n\r")
    if content and "\r" not in content and "\x00" not in content:
        check(content)


NOTE = (
    "# Notes\n\n## 1. What is *attention*?\n\nIt **weighs** tokens; see [the paper](https://arxiv.org/abs/1706.03762)\n"
    "and ![fig](fig.png). Code: `softmax(QK^T)`.  \nNext line &amp; more <b>html</b>.\n\n"
    "## Bold questions\n\n**Q1: Is it _fast_?** Yes.\n\n- **What is X?** X is `x`.\n- **Why?** Because_of [y](#y).\n\n"
    "| Question | Answer |\n|---|---|\n| What is *Y*? | [Y](y.md) is **y** |\n\n"
    "Why plain?\nBecause.\n\nHow plain?\n![only](image.png)\n"
)


def _same_documents(text: str) -> None:
    lazy = parse_with(text, "n.md", "n.md", lazy_inline=True)
    full = parse_with(text, "n.md", "n.md", lazy_inline=False)
    assert lazy.records == full.records
    assert lazy.extras == full.extras


def test_lazy_parse_matches_full_parse_on_a_mixed_note() -> None:
    """The whole pipeline reads the same records whichever way the inline text was read."""
    _same_documents(NOTE)
    assert len(parse_with(NOTE, "n.md", "n.md", lazy_inline=True).records) >= 4


DOC_FRAGMENTS = FRAGMENTS + [
    "# ", "## ", "1. ", "- ", "> ", "What is X?", "**Question:**", "**A:**", "| Q | A |\n|---|---|\n| a? | b |\n",
    "\n\n", "&amp;", "\\", "<b>", "[r]: http://ref\n", "[r]",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(DOC_FRAGMENTS), st.text(max_size=4)), max_size=50).map("".join))
def test_generated_documents_parse_the_same_either_way(text: str) -> None:
    _same_documents(text)


BLOCK_FRAGMENTS = [
    "# h", "\n", "\n\n", "- a", "1. b", "> q", "```", "~~~", "    code", "| a | b |", "|---|---|", "a | b",
    "---", "===", "<div>", "</div>", "<!-- c -->", "text", "  ", "\t", "[r]: /u", "* * *", "<", ">", "|", "`",
    "-", "=", "\r\n", "\r", "> ", "  - ", "_ _ _", "- -", "***", "___", "\t-", "]:", "[a]:", "\x00", "> ===", "   --",
]


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(BLOCK_FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join))
def test_block_parser_without_unneeded_rules_gives_the_same_tokens(text: str) -> None:
    """Leaving out block rules whose strings a text lacks changes no token."""
    def shape(tokens):
        return [(t.type, t.map, t.content, t.info, t.markup, t.attrs, t.level, t.nesting) for t in tokens]

    assert shape(_block_parser(text).parse(text, {})) == shape(_MD_BLOCKS.parse(text, {}))
