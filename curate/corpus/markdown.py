"""Markdown text -> Document of Records, on markdown-it-py tokens parsed once per file.

How a file becomes records:

1. Tokens are split into top-level blocks (each with its 0-based line range). A line
   such as "##Question 8" (no space after the hashes: text to CommonMark) is parsed as
   the heading its author meant, by the test QA603 reports it with (``hashline``).
2. Headings structure the file. A question heading (``layouts.heading``) starts a record
   at any level; non-question headings deeper than it belong to its answer. Other
   headings open sections whose enclosing headings form the ``topic_path``.
3. Inside a non-question section (and the preface) the other layouts look for questions:
   details blocks, question/answer tables, bold or labelled lines, list items, and plain
   lines ending in "?". The section's own text before the first of them is a ``topic``
   record when it has a body; a section of only images or a table of contents is kept as a
   ``Section`` on ``Document.extras``, as is the preface.
4. Every start runs to the next start (or its section's end), so records never overlap.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from itertools import accumulate
from typing import AbstractSet, Any, Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from curate.corpus import hashline
from curate.corpus.bounds import settle
from curate.corpus.layouts import (
    anki,
    bold,
    callout,
    deflist,
    details,
    entries,
    fenced,
    listitem,
    plain,
    prompt,
    sections,
    spaced,
    table,
    toc,
)
from curate.corpus.layouts.base import Block, Start, State, claim
from curate.corpus.layouts.classify import (
    clean_question,
    has_cjk,
    has_question_label,
    is_answer_label,
    is_part_label,
    is_question,
    label_number,
    opens_answer,
    starts_like_question,
    strip_answer_label,
    without_attribute_lists,
)
from curate.corpus.layouts.heading import HeadingInfo, answer_after_program, heading_info
from curate.corpus.layouts.inline import html_refs, html_text, tokens_text
from curate.corpus.model import Document, Image, Link, Record, Section, Span
from curate.corpus.text import normalize_question, record_id_for_key


def _make_parser(lazy_inline: bool = False) -> MarkdownIt:
    """CommonMark with HTML, tables and strikethrough, link targets kept as written. With
    ``lazy_inline`` only the block structure is parsed: ``State`` runs the inline parser
    on the few tokens that need it (most answer text is plain and is read without it)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]  # keep targets as written
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]  # keep link text as written
    if lazy_inline:
        md.disable(["inline", "text_join"])
    return md


_MD = _make_parser()
_MD_BLOCKS = _make_parser(lazy_inline=True)
_HR_RUN = re.compile(r"\*[ \t]*\*[ \t]*\*|-[ \t]*-[ \t]*-|_[ \t]*_[ \t]*_")
"""Three of one thematic-break marker with only spaces or tabs between: in every "***",
"- - -" or "___" line (and in many other places, which only keeps the rule)."""
_UNDERLINE = re.compile(r"[\r\n][ \t>]*(?:=+|-+)[ \t]*(?=[\r\n]|$)")
"""A line of only "=" or only "-" (after indentation and blockquote markers): every
setext underline is one (never on the first line, which has no paragraph above it)."""
_UNNEEDED_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("table", lambda s: "|" in s),  # a table's header row holds a "|"
    ("html_block", lambda s: "<" in s),  # every HTML block starts with "<"
    ("blockquote", lambda s: ">" in s),
    ("fence", lambda s: "```" in s or "~~~" in s),
    ("reference", lambda s: "]:" in s),  # "[label]: target"
    ("hr", lambda s: _HR_RUN.search(s) is not None),
    ("lheading", lambda s: _UNDERLINE.search(s) is not None),
    ("normalize", lambda s: "\r" in s or "\0" in s),  # the core rule that rewrites "\r\n", "\r" and NUL
)
"""Rules that cannot match a text failing their test. Such a block rule fails on every
line (changing nothing) and, as a terminator of paragraphs and lists, never ends one:
leaving it out gives the same tokens, and saves trying it on every line. The core rule
"normalize" changes nothing in a text without "\r" or NUL."""
_BLOCK_PARSERS: dict[tuple[str, ...], MarkdownIt] = {(): _MD_BLOCKS}


def _block_parser(source: str) -> MarkdownIt:
    """The lazy-inline parser without the rules ``source`` cannot need."""
    unneeded = tuple(rule for rule, needed in _UNNEEDED_RULES if not needed(source))
    md = _BLOCK_PARSERS.get(unneeded)
    if md is None:
        md = _BLOCK_PARSERS[unneeded] = _make_parser(lazy_inline=True).disable(list(unneeded))
    return md


_LINE_SPLIT = re.compile(r"(\r\n|\r|\n)")
"""Line endings as ``compute_line_starts`` (and markdown-it) count them, kept by split."""
_PLUS_ONE = (1).__add__
_FRONT_END = re.compile(r"^(?:---|\.\.\.)\s*$")
_COMMENT_ONLY = re.compile(r"^\s*(?:<!--(?:(?!-->).)*-->\s*)+$", re.S)  # linear: no comment spans another
_SUMMARY = re.compile(r"<summary\b[^>]*>.*?</summary\s*>", re.S | re.I)
_BOILERPLATE = re.compile(
    r"^(?:licen[cs]e|licensing|copyright|contributors?|contributing|how to contribute|contributions?|sponsors?|"
    r"backers|supporters|donate|donations|acknowledg(?:e)?ments?|credits|star history|"
    r"(?:you can |please |how to )?support (?:me|us|the author|the project|this (?:project|repo(?:sitory)?|work))|"
    r"buy me a coffee|许可证?|协议|版权|贡献者?|赞助|"
    r"公众号|微信公众号|关注我们)\b[\w ,!)(]{0,20}$",
    re.I,
)
"""Section titles of repository boilerplate (licence, contributors, sponsors, promotion):
such a section is not a topic of the notes."""
_SECTION_NAME = re.compile(
    r"^(?:further|additional|more|other|useful|recommended)?\s*(?:reading|resources|references|links|sources|"
    r"introduction|intro|overview|summary|conclusions?|appendix|next steps|wrap[- ]up|table of contents|"
    r"see also|acknowledg(?:e)?ments?|credits|changelog)\b", re.I)
"""Section names of a document around its questions ("Further reading", "Summary"):
never a question by position alone."""
_FAQ_NAME = re.compile(r"(?:^|[-_.])faqs?(?:[-_.]|$)", re.I)
_FAQ_TITLE = re.compile(r"\bFAQs?\b|\bfrequently[ -]asked[ -]questions\b|\bpreguntas frecuentes\b|\bfoire aux questions\b"
                        r"|\bhäufig gestellte fragen\b|\bperguntas frequentes\b|常见问题|常見問題|よくある質問|자주 묻는 질문", re.I)
"""A file that says it is an FAQ: by its name (``FAQ.md``, ``docs/faq.md``) or title."""
_PRONOUN = frozenset("it its it's they them their this these".split())
_FUNCTION_WORDS = frozenset(
    "what why how when where which who whom whose is are was were do does did can could should would will has have "
    "had may might must shall the a an of in on for to and or with by from at as be vs versus between difference "
    "use used using work works explain describe".split())
_WORDS = re.compile(r"[\w'’+#.-]+")


def _refers_to(sub: str, head: str) -> bool:
    """Does the heading ``sub`` speak of the subject of ``head``: a pronoun ("Why is it
    fast?") or a content word of its own ("Why is Redis fast?" under "What is Redis?")?"""
    words = {w.lower().strip(".-") for w in _WORDS.findall(sub)}
    if words & _PRONOUN:
        return True
    subject = {w.lower().strip(".-") for w in _WORDS.findall(head)} - _FUNCTION_WORDS
    return bool({w for w in subject if len(w) >= 3} & words)


_GROUP_NAME = re.compile(r"\b(?:questions|faqs?|q\s?&\s?as?|queries)\W*$|^\W*(?:questions|faqs?|q\s?&\s?as?)\b"
                         r"|\bfrequently[ -]asked\b", re.I)
"""A heading that names a group of questions ("General questions", "Questions about
billing", "Frequently asked questions", "FAQ"): a topic over entries, never one entry."""
_TEMPLATE_FILE = re.compile(r"(?:^|/)\.github/|(?:^|/|[-_.])template(?:s)?(?:[-_.][^/]*)?\.[^/.]+$", re.I)
"""Issue and pull-request forms (``.github/``) and files named as templates
("question-template.md"): when they hold HTML-comment instructions ("<!-- Your answer
goes here -->") they are slots to fill in, not notes. A template named so but written
as an outline ("mlsd-template.md") is kept."""
_IMAGE_ONLY_CHILDREN = frozenset({"image", "softbreak", "hardbreak", "link_open", "link_close"})


def parse_document(text: str, path: str, rel_path: str) -> Document:
    """Parse one file's text into records (and loose sections), with exact line spans."""
    return parse_with(text, path, rel_path, lazy_inline=True)


def parse_with(text: str, path: str, rel_path: str, lazy_inline: bool) -> Document:
    """``parse_document``, optionally with every inline token parsed by markdown-it up
    front (``lazy_inline=False``: slower, the reference the shortcuts are tested against)."""
    lines, line_starts = _split_lines(text)
    source = _hide_front_matter(text, lines, line_starts)
    md = _block_parser(source) if lazy_inline else _MD
    env: dict[str, Any] = {}
    blocks_parsed = _parse_fences_closed(md, source, env)
    respaced = hashline.spaced(source, lines, blocks_parsed)
    if respaced is not None:  # "##Question 8" lines were read as text: parse them as the headings they are
        env.clear()
        blocks_parsed = _parse_fences_closed(md, respaced, env)
    tokens = _list_headings(_html_headings(blocks_parsed, None if lazy_inline else md))
    state = State(
        text=text,
        line_starts=line_starts,
        tokens=tokens,
        lines=lines,
        rel_path=rel_path,
        md=md if lazy_inline else None,
        env=env,
    )
    blocks = top_blocks(tokens)
    entries = settle(state, _Walker(state).walk(blocks), blocks)
    if _TEMPLATE_FILE.search(rel_path.replace("\\", "/")) and "<!--" in text:
        for start, _ in entries:
            if start.kind in ("question", "topic"):
                start.kind = "section"
    records, extras = _build(state, entries, path, rel_path)
    return Document(
        path=path, rel_path=rel_path, text=text, records=tuple(records), extras=tuple(extras), line_starts=line_starts
    )


_HTML_HEADING = re.compile(r"^[ \t]*<h([1-6])(?:\s[^>]*)?>(?P<text>(?:(?!</?h[1-6]\b|</?(?:p|div|table|ul|ol|details)\b).)*?)</h\1>[ \t]*(?:\n|$)",
                           re.I | re.S)
"""An ``<hN>`` element at the start of an HTML block, closed at the end of a line, with
no block element inside; on one line or over several (``<h1 align="center">``, the
title, ``</h1>``)."""


def _html_headings(tokens: list[Token], md: MarkdownIt | None) -> list[Token]:
    """An HTML block that opens with one ``<h3>What is X?</h3>`` element is a heading of
    that level, as GitHub renders it: the tokens of a Markdown heading replace the
    element, so question and topic detection treat both spellings alike. The element
    may span lines; HTML after it in the same block (``</h1>`` then ``<p align=...>``)
    stays an HTML block of its own. ``md`` parses the inline children up front (the
    reference parse); else they are parsed on first use, as any heading's."""
    if not any(t.type == "html_block" and "<h" in t.content[:20].lower() for t in tokens):
        return tokens
    out: list[Token] = []
    for tok in tokens:
        m = _HTML_HEADING.match(tok.content) if tok.type == "html_block" else None
        if m is None or tok.map is None:
            out.append(tok)
            continue
        tag = f"h{m.group(1)}"
        inner = m.group("text")
        inner = " ".join(inner.split()) if "\n" in inner else inner.strip()
        head_end = tok.map[0] + tok.content.count("\n", 0, m.end() - 1) + 1
        rest = tok.content[m.end():]
        if not rest.strip() or head_end >= tok.map[1]:
            head_end, rest = tok.map[1], ""
        head_map = [tok.map[0], head_end]
        out.append(Token("heading_open", tag, 1, map=head_map, level=tok.level, markup="<" + tag + ">", block=True))
        children = md.parseInline(inner)[0].children if md is not None else []
        out.append(Token("inline", "", 0, map=list(head_map), level=tok.level + 1, content=inner, block=True,
                         children=children))
        out.append(Token("heading_close", tag, -1, level=tok.level, markup="<" + tag + ">", block=True))
        if rest:
            out.append(Token("html_block", "", 0, map=[head_end, tok.map[1]], level=tok.level, content=rest, block=True))
    return out


_FENCE_CLOSE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[ \t]*$")
_CARD_END = re.compile(r"^[ ]{0,3}</details\s*>", re.I)
_CARD_START = re.compile(r"^[ ]{0,3}<(?:details|summary)\b", re.I)


def _parse_fences_closed(md: MarkdownIt, source: str, env: dict[str, Any]) -> list[Token]:
    """Block tokens, with a fence left open inside a ``<details>`` card ended at the card's
    ``</details>``: when the fence runs to the end of the file, or past the card into the
    next one (it closes at a later card's fence). The cards after it are records, not code.
    (QA601 still reports the fence: it reads the text.) Line numbers stay those of
    ``source``: each part is parsed with the other part's lines blanked."""
    tokens = md.parse(source, env)
    if "</details" not in source.lower() or ("```" not in source and "~~~" not in source):
        return tokens
    lines = source.split("\n")
    total = len(lines) - (lines[-1] == "")
    edge = None
    for tok in tokens:
        if tok.type != "fence" or tok.level != 0 or tok.map is None:
            continue
        first, stop = tok.map
        if not any("<summary" in line.lower() for line in lines[:first]):
            continue  # not inside a card: a fenced HTML example is code
        ends = [k for k in range(first + 1, stop) if _CARD_END.match(lines[k])]
        if not ends:
            continue
        closing = _FENCE_CLOSE.match(lines[stop - 1]) if stop - 1 > first else None
        unclosed = stop >= total and not (closing and closing.group(1)[0] == tok.markup[0]
                                          and len(closing.group(1)) >= len(tok.markup))
        if unclosed or any(_CARD_START.match(lines[k]) for k in range(ends[0] + 1, stop)):
            edge = ends[0]
            break
    if edge is None:
        return tokens
    head = "\n".join(lines[:edge] + [""] * (len(lines) - edge))
    tail = "\n".join([""] * edge + lines[edge:])
    before = [t for t in md.parse(head, env) if t.map is None or t.map[0] < edge]
    for tok in before:
        if tok.map is not None and tok.map[1] > edge:
            tok.map = [tok.map[0], edge]
            if tok.type == "fence":
                tok.content = tok.content.rstrip("\n") + "\n"
    return before + _parse_fences_closed(md, tail, env)


def _list_headings(tokens: list[Token]) -> list[Token]:
    """Items at the end of a top-level bullet list that are only a heading ("* ### Beginner
    Level" over a numbered list of questions) are those headings: a section title written
    with a stray bullet, not an item of the answer above it. Items before them stay a list.
    Not when a heading or the file's end follows: then the item is the section's text."""
    if not any(t.type == "heading_open" and t.level == 2 for t in tokens):
        return tokens
    out: list[Token] = []
    k, n = 0, len(tokens)
    while k < n:
        tok = tokens[k]
        if tok.type != "bullet_list_open" or tok.level != 0:
            out.append(tok)
            k += 1
            continue
        items, j = [], k + 1
        while j < n and tokens[j].type == "list_item_open":
            m = j + 1
            while m < n and not (tokens[m].type == "list_item_close" and tokens[m].level == tokens[j].level):
                m += 1
            items.append((j, m + 1))
            j = m + 1
        heads = 0
        while heads < len(items) and _heading_item(tokens, *items[len(items) - 1 - heads]):
            heads += 1
        titles = j + 1 < n and tokens[j + 1].type != "heading_open"  # a title over nothing is text
        if not heads or j >= n or tokens[j].type != "bullet_list_close" or not titles:
            out.append(tok)
            k += 1
            continue
        kept = items[: len(items) - heads]
        if kept:
            first_head = tokens[items[len(kept)][0]]
            opened = Token(tok.type, tok.tag, tok.nesting, map=[tok.map[0], first_head.map[0]] if tok.map and first_head.map
                           else tok.map, level=tok.level, markup=tok.markup, block=True)
            out.append(opened)
            out.extend(tokens[kept[0][0] : kept[-1][1]])
            out.append(tokens[j])
        for start, _ in items[len(kept):]:
            item, open_, inline, close = tokens[start], tokens[start + 1], tokens[start + 2], tokens[start + 3]
            line_map = list(item.map) if item.map else open_.map
            out.append(Token("heading_open", open_.tag, 1, map=line_map, level=0, markup=open_.markup, block=True))
            out.append(Token("inline", "", 0, map=line_map, level=1, content=inline.content, block=True,
                             children=inline.children))
            out.append(Token("heading_close", close.tag, -1, level=0, markup=close.markup, block=True))
        k = j + 1
    return out


def _heading_item(tokens: list[Token], start: int, stop: int) -> bool:
    """A list item (tokens[start:stop]) that holds one heading and nothing else."""
    return stop - start == 5 and tokens[start + 1].type == "heading_open"


def _split_lines(text: str) -> tuple[list[str], tuple[int, ...]]:
    """The lines of ``text`` without endings, and where each starts (as
    ``compute_line_starts``: a final line ending starts no line), in one split."""
    if "\r" in text:
        parts = _LINE_SPLIT.split(text)  # line, ending, line, ending, ..., line
        ends = list(accumulate(map(len, parts)))
        starts: tuple[int, ...] = (0, *ends[1::2])
        lines = parts[0::2]
    else:  # only "\n": a plain split, each line starting one past the previous line's end
        lines = text.split("\n")
        starts = tuple(accumulate(map(_PLUS_ONE, map(len, lines[:-1])), initial=0))
    if len(lines) > 1 and starts[-1] == len(text):
        lines.pop()
        starts = starts[:-1]
    return lines, starts


def _hide_front_matter(text: str, lines: list[str], line_starts: Sequence[int]) -> str:
    """Blank a YAML front matter block (its first line a ``key:``; keeping its line count) so it is not read as a
    thematic break plus a setext heading, or a JBake header (``key=value`` lines closed
    by a ``~~~~~~`` line) so its closing line does not open a code fence that swallows
    the file. A title that asks a question, over a body with no title of its own, stands
    in for the title: one question per file, its sections ("Short answer", "Details")
    parts of the answer."""
    if not lines:
        return text
    if lines[0].rstrip() == "---":
        for k in range(1, min(len(lines), 200)):
            if _FRONT_END.match(lines[k]):
                first = next((l for l in lines[1:k] if l.strip() and not l.startswith("#")), "")  # past YAML comments
                if k == 1 or not _YAML_KEY.match(first):
                    return text  # "---", then "### 1. What is ...?": a rule over notes, not YAML
                return _blank_header(text, lines, line_starts, k, _front_matter_question(lines[1:k]))
        return text
    k = _jbake_header_end(lines)
    if k:
        return _blank_header(text, lines, line_starts, k, _jbake_question(lines[:k]))
    return text


def _blank_header(text: str, lines: list[str], line_starts: Sequence[int], k: int, title: str | None) -> str:
    """``text`` with lines [0, k] blank; a question ``title`` on the closing line when
    the body has no title of its own (the answer starts after it)."""
    rest = line_starts[k + 1] if k + 1 < len(line_starts) else len(text)
    head = ["" for _ in range(k + 1)]
    if title is not None and not _TITLE_LINE.search(text, rest):
        head[k] = "# " + title
    return "\n".join(head) + "\n" + text[rest:]


_YAML_KEY = re.compile(r"^[A-Za-z_][\w .-]*:(?:[ \t]|$)")
"""The first line of YAML front matter after any comments: a mapping key ("title: ...", "tags:")."""
_JBAKE_FIELD = re.compile(r"^(?P<key>[A-Za-z][\w.-]*)[ \t]*=(?P<value>.*)$")
_JBAKE_END = re.compile(r"^~{3,}[ \t]*$")
_JBAKE_KEYS = frozenset({"title", "date", "type", "status", "tags"})


def _jbake_header_end(lines: Sequence[str]) -> int:
    """The line of a JBake header's closing ``~~~~~~`` (0: none): two or more
    ``key=value`` lines from the first line on, one of them a JBake field (title, date,
    type, status, tags), then a bare run of tildes. A fence opened by ``~~~`` carries no
    assignments above it on the file's first lines."""
    for k in range(min(len(lines), 60)):
        if _JBAKE_FIELD.match(lines[k]):
            continue
        if k >= 2 and _JBAKE_END.match(lines[k]) and any(
                _JBAKE_FIELD.match(l).group("key").lower() in _JBAKE_KEYS for l in lines[:k]):  # type: ignore[union-attr]
            return k
        return 0
    return 0


def _jbake_question(lines: Sequence[str]) -> str | None:
    """The header's ``title=`` when it asks a question."""
    for line in lines:
        m = _JBAKE_FIELD.match(line)
        if m and m.group("key").lower() == "title" and is_question(m.group("value").strip()):
            return m.group("value").strip()
    return None


_FRONT_TITLE = re.compile(r"""^(?:title|question)[ \t]*:[ \t]*(?P<q>["']?)(?P<text>.+?)(?P=q)[ \t]*$""", re.I)
_TITLE_LINE = re.compile(r"^(?:#[ \t]+\S|=+[ \t]*$)", re.M)
"""A title of the body itself: an ATX ``#`` heading or a setext ``===`` underline."""


def _front_matter_question(lines: Sequence[str]) -> str | None:
    """The front matter's ``title:`` (or ``question:``) when it asks a question."""
    for line in lines:
        m = _FRONT_TITLE.match(line)
        if m and is_question(m.group("text").strip()):
            return m.group("text").strip()
    return None


_DETAILS_TAG = re.compile(r"<(/?)details\b", re.I)


_DIGIT_FIRST = re.compile(r"^ {0,3}#{1,6}[ \t]+(?:\*\*|__)?\d")
"""A heading whose text opens with its number ("#### 2. ROC curve", not "## Part 2: ...")."""


def _details_balance(html: str) -> int:
    """``<details>`` opened minus closed in an HTML block."""
    if "details" not in html.lower():
        return 0
    return sum(-1 if m.group(1) else 1 for m in _DETAILS_TAG.finditer(html))


def top_blocks(tokens: Sequence[Token]) -> list[Block]:
    """Top-level blocks with their token slices and line ranges."""
    blocks: list[Block] = []
    k, n = 0, len(tokens)
    while k < n:
        tok = tokens[k]
        if tok.nesting == 1:
            depth, j = 1, k + 1
            while j < n and depth:
                depth += tokens[j].nesting
                j += 1
        else:
            j = k + 1
        if tok.map:
            kind = tok.type[:-5] if tok.type.endswith("_open") else tok.type
            level = int(tok.tag[1]) if kind == "heading" else 0
            blocks.append(Block(kind, tok.map[0], tok.map[1], k, j, level))
        k = j
    return blocks


_FIELD_LINE = re.compile(r"^ {0,3}(\*\*|__)([^*_:\n]{1,30}?)(?::[ \t]*\1|\1[ \t]*:)[ \t]*\S")
"""A line that is a bold field and its value ("**Topic:** Mobile Device Management")."""
_Q_LABEL = re.compile(r"^ {0,3}(?:\*\*|__)?[ \t]*(?:q|question|ques)[ \t]*\d{0,4}[ \t]*(?:\*\*|__)?[ \t]*[:.)]", re.I)
"""A paragraph that opens with a question label ("**Q:**", "Question 3.", "**Q1: ...**")."""


class _Walker:
    """Turns blocks into an ordered list of (Start, topic_path)."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.entries: list[tuple[Start, tuple[str, ...]]] = []
        self._info: dict[int, HeadingInfo] = {}
        self._quiz: dict[int, bool] = {}
        self._numbered_questions: frozenset[int] = frozenset()
        self._faq_level = 0
        self._asked: set[str] = set()
        self._asked_upto = 0

    def asked(self) -> AbstractSet[str]:
        """The questions of the records found so far, normalised (kept up to date as the
        walk goes on, not rebuilt per section)."""
        if self._asked_upto < len(self.entries):
            self._asked |= {normalize_question(s.question) for s, _ in self.entries[self._asked_upto :]
                            if s.kind == "question"}
            self._asked_upto = len(self.entries)
        return self._asked

    def info(self, block: Block) -> HeadingInfo:
        got = self._info.get(block.i)
        if got is None:
            got = self._info[block.i] = heading_info(self.state, block)
        return got

    def walk(self, blocks: list[Block]) -> list[tuple[Start, tuple[str, ...]]]:
        state, n = self.state, len(blocks)
        total = len(state.lines)
        blocks = self.answer_headings_as_text(self.card_headings_as_text(self.drop_toc_titles(blocks)))
        n = len(blocks)
        heads = [k for k, b in enumerate(blocks) if b.type == "heading"]
        self._numbered_questions = self.numbered_question_levels([blocks[k] for k in heads])
        self._faq_level = self.faq_level([blocks[k] for k in heads])
        first = heads[0] if heads else n
        self.segment(blocks[:first], 0, blocks[first].start if first < n else total, None, ())
        stack: list[tuple[int, str]] = []
        k = first
        while k < n:
            head = blocks[k]
            info = self.info(head)
            j = k + 1
            if self.asks(blocks, k):
                j = self.extent(blocks, k)
            else:
                while j < n and blocks[j].type != "heading":
                    j += 1
            end = blocks[j].start if j < n else total
            line_over_break = self.asks(blocks, k) and self.line_over_break(blocks, k, j)
            while stack and stack[-1][0] >= head.level and not line_over_break:
                stack.pop()
            path = tuple(t for _, t in stack)
            if self.asks(blocks, k):
                start = Start(
                    line=head.start,
                    question=info.text,
                    number=info.number,
                    question_md=state.source(head.start, head.end),
                    layout="heading",
                    answer_line=head.end,
                    answer_end=end,
                    level=head.level,
                )
                if line_over_break:  # one more plain line of the run above, in its section
                    start.question_md, start.layout, start.level = state.lines[head.start], "plain", None
                program = answer_after_program(state, blocks[k + 1 : j])
                if program is not None:  # the code it asks about is the question's
                    start.question_md = state.source(head.start, program[0])
                    start.answer_line = program[1]
                bank = self.question_bank(blocks[k + 1 : j])
                if bank:  # its "answer" is only more questions: they are records, it is unanswered
                    start.answer_end = blocks[k + 1].start
                else:  # "**Q: ...?**" over "**A:** ..." twice or more under it: records of their own
                    bank = self.labelled_pairs(blocks[k + 1 : j], path)
                    if bank:
                        start.answer_end = claim(bank[0])
                self.entries.append((start, path))
                for idx, s in enumerate(bank):
                    s.answer_end = claim(bank[idx + 1]) if idx + 1 < len(bank) else end
                    self.entries.append((s, path))
                k = j
                continue
            if j < n and (sections.is_question_label(info.text) or blocks[j].level > head.level):
                # "## Question" then "## Answer"; or a title whose first paragraph asks,
                # then "## Answer guide" under it (one question per file)
                pair_end = self.section_pair(blocks, k, j, path, must_ask=not sections.is_question_label(info.text))
                if pair_end is not None:
                    k = pair_end
                    continue
            if j > k + 1 and label_number(info.text)[0]:
                whole = self.extent(blocks, k)
                whole_end = blocks[whole].start if whole < n else total
                stem = blocks[k + 1]
                if k + 2 < j and blocks[k + 2].type == "paragraph" and self.metadata(stem):
                    stem = blocks[k + 2]  # "**Question Type:** Single Choice" / "**Topic:** ..." over the stem
                if self.label_heading(head, info, stem, whole_end, path):
                    k = whole
                    continue
            if info.text:
                stack.append((head.level, info.text))
            self.segment(blocks[k + 1 : j], head.end, end, head, path, info)
            k = j
        return self.entries

    def line_over_break(self, blocks: list[Block], k: int, j: int) -> bool:
        """Is question heading ``blocks[k]`` (its section ending at ``blocks[j]``) a setext
        heading by accident: one line asking over a "---" meant as a thematic break, right
        after a paragraph of bare questions and with nothing but more questions (or
        nothing) under it? Then it is the last line of that run of questions, a plain line
        like the others, and neither answers nor ends the section it sits in."""
        state, head = self.state, blocks[k]
        if (k == 0 or head.level != 2 or head.end - head.start != 2 or state.tokens[head.i].markup != "-"
                or blocks[k - 1].type != "paragraph" or not plain.only_asks(state, blocks[k - 1])):
            return False
        body = [b for b in blocks[k + 1 : j] if b.type != "hr"]
        return not body or bool(self.question_bank(blocks[k + 1 : j]))

    def question_bank(self, body: list[Block]) -> list[Start]:
        """The questions under a question heading whose whole "answer" is two or more
        paragraphs of questions (a bank written under a heading that asks, often a
        setext one: a question line over "---"); most end in "?", a few may be worded as
        tasks. Empty when any paragraph answers."""
        found: list[Start] = []
        paragraphs = 0
        for block in body:
            if block.type == "hr":
                continue
            asked = plain.only_asks(self.state, block) if block.type == "paragraph" else []
            if not asked:
                return []
            paragraphs += 1
            found.extend(asked)
        marked = sum(1 for s in found if s.question.endswith(("?", "？", "؟")))
        return found if paragraphs >= 2 and marked >= 2 and 2 * marked >= len(found) else []

    def labelled_pairs(self, body: list[Block], path: tuple[str, ...]) -> list[Start]:
        """Labelled questions ("**Q: How do you run a container?**", "Question: ...") in a
        question heading's section, each over an answer label ("**A:** ...") in its own
        paragraph or the next: two or more of them are questions of their own, not the
        heading's answer (notes pasted under one heading). One alone may be an example
        exchange the answer quotes."""
        state = self.state
        found: list[Start] = []
        for idx, block in enumerate(body):
            if block.type != "paragraph":
                continue
            if not _Q_LABEL.match(state.lines[block.start]):
                continue
            start = bold.detect(state, block, " / ".join(path))
            if start is None:
                continue
            answered = start.answer_offset is not None or (
                idx + 1 < len(body) and body[idx + 1].type == "paragraph" and opens_answer(state.lines[body[idx + 1].start]))
            if answered:
                found.append(start)
        return found if len(found) >= 2 else []

    def asks(self, blocks: list[Block], k: int) -> bool:
        """Is heading ``blocks[k]`` a question: by its wording, or by its shape (a quiz
        question: a heading followed by a list of lettered options "- A: ...", whatever
        its wording, "###### 14. All objects have prototypes.")."""
        head = blocks[k]
        info = self.info(head)
        if info.is_question:
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            # "# Question 1 - Abstract Classes" over "## What is an abstract class?": the item's title
            return not (info.labelled and not info.text.endswith(("?", "？")) and nxt is not None
                        and nxt.type == "heading" and nxt.level > head.level and self.info(nxt).is_question)
        if k + 1 < len(blocks) and spaced.opens_answer(self.state, blocks[k + 1]) and spaced.tagged(self.state):
            return True  # "## Mitochondria" over "?" and its answer in a note of flashcards: a card
        if label_number(info.text)[0] and k + 1 < len(blocks) and blocks[k + 1].type in ("paragraph", "blockquote"):
            return False  # "#### Question 3 of 26" over its question's paragraph: see ``label_heading``
        if (head.level in self._numbered_questions and info.number is not None and len(info.text.split()) >= 2
                and not is_part_label(info.text) and not is_answer_label(info.text)
                and not _SECTION_NAME.match(info.text) and not _BOILERPLATE.match(info.text)):
            return True  # "### 32. Show a `ServiceMonitor`" among "### N. What is ...?" siblings
        if head.level == self._faq_level and self.faq_entry(blocks, k, info):
            return True  # "## My Mac apps don't find Homebrew utilities!" in an FAQ
        if (info.number is not None and info.number.isdigit() and k + 1 < len(blocks) and blocks[k + 1].type != "heading"
                and _DIGIT_FIRST.match(self.state.lines[head.start])  # "Part 2: ..." titles a course part
                and not is_part_label(info.text) and not is_answer_label(info.text)
                and not _SECTION_NAME.match(info.text) and not _BOILERPLATE.match(info.text)
                and self._between_numbered_questions(blocks, k)):
            return True  # "#### 2. ROC curve" with its answer, between "#### 1. What is bias?" and "#### 3. ...?"
        after = next((b for b in blocks[k + 1 : k + 3] if b.type != "hr"), None)
        if (after is not None and details.answers(self.state, after)
                and (info.number is not None or details.names_answer(self.state, after))):
            return True  # "#### 01-02. Create a namespace." over "<details><summary>show</summary>"
        got = self._quiz.get(head.i)
        if got is None:
            got = False
            for block in blocks[k + 1 : k + 5]:
                if block.type == "heading" or (block.type == "paragraph" and self._asks_itself(block)):
                    break  # "## Level 1" over "**Question 1:** What is a statute?" and its options
                if block.type in ("bullet_list", "ordered_list"):
                    got = listitem.is_options(self.state, block)
                    break
            self._quiz[head.i] = got
        return got

    def _asks_itself(self, block: Block) -> bool:
        """Does paragraph ``block`` hold its own question: a question label ("**Question 1:**
        ...") or a first line ending in "?"?"""
        first = self.state.lines[block.start].strip()
        return has_question_label(first) or first.rstrip("*_ ").endswith(("?", "？"))

    def _between_numbered_questions(self, blocks: list[Block], k: int) -> bool:
        """Are the nearest headings before and after ``blocks[k]`` at its level numbered one
        less and one more, both questions by their wording, one at least with a "?"? (An
        article's numbered sections ask without "?", if at all.)"""
        head, number = blocks[k], int(self.info(blocks[k]).number or 0)
        marked = False
        for step in (-1, 1):
            m = k + step
            while 0 <= m < len(blocks) and not (blocks[m].type == "heading" and blocks[m].level <= head.level):
                m += step
            if not 0 <= m < len(blocks) or blocks[m].level != head.level:
                return False
            info = self.info(blocks[m])
            if not (info.is_question and info.number is not None and info.number.isdigit()
                    and int(info.number) == number + step):
                return False
            marked = marked or info.text.endswith(("?", "？"))
        return marked

    def faq_level(self, heads: list[Block]) -> int:
        """In an FAQ (its file name or title says so), the level of its entries: the most
        common level of the headings below the title that ask, or, when none asks, of all
        of them (three at least). 0 elsewhere."""
        if not heads:
            return 0
        title = self.info(heads[0]).text
        name = self.state.rel_path.replace("\\", "/").rsplit("/", 1)[-1]
        if not (_FAQ_NAME.search(name) or _FAQ_TITLE.search(title)):
            return 0
        levels = Counter(h.level for h in heads[1:] if self.info(h).is_question)
        if levels:
            return levels.most_common(1)[0][0]
        # entries all worded as problems ("I'm experiencing deadlocks"): the most common level
        levels = Counter(h.level for h in heads[1:])
        level, count = levels.most_common(1)[0] if levels else (0, 0)
        return level if count >= 3 else 0

    def faq_entry(self, blocks: list[Block], k: int, info: HeadingInfo) -> bool:
        """A heading of an FAQ's entry level is an entry, however it is worded ("I can't
        run cargo test"), unless it groups deeper headings or bold questions, names a group
        of questions ("General questions"), a part, or is boilerplate."""
        short = len(info.text.split()) < 2 and not (len(info.text) >= 4 and has_cjk(info.text))
        if short or is_part_label(info.text) or is_answer_label(info.text):
            return False
        if _BOILERPLATE.match(info.text) or toc.is_toc_title(info.text) or _SECTION_NAME.match(info.text):
            return False
        if _GROUP_NAME.search(info.text) and not info.text.endswith(("?", "？")):
            return False  # "## Installation questions": a group of entries, not one
        words = info.text.split()
        if len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words) \
                and not info.text.endswith(("?", "？", "!", ".")):
            return False  # "### Tested Methods" over a table: a section's name, not an entry
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if nxt is None or nxt.type == "heading":
            return False
        body = blocks[k + 1 : next((m for m in range(k + 1, len(blocks)) if blocks[m].type == "heading"), len(blocks))]
        return not any(b.type == "paragraph" and _bold_asks(self.state, b) for b in body)  # entries in bold under it

    def numbered_question_levels(self, heads: list[Block]) -> frozenset[int]:
        """Heading levels whose numbered headings are questions: at least five numbered
        headings, nine in ten of them asking by their wording. There a numbered heading
        is a question whatever its wording ("32. Show a ServiceMonitor", "Fix this")."""
        numbered: dict[int, list[bool]] = {}
        for head in heads:
            info = self.info(head)
            if info.number is not None:
                numbered.setdefault(head.level, []).append(info.is_question)
        return frozenset(level for level, asks in numbered.items() if len(asks) >= 5 and sum(asks) >= 0.9 * len(asks))

    def extent(self, blocks: list[Block], k: int) -> int:
        """Index of the block after the record a question (or question label) heading
        starts: deeper headings that do not ask and same-level headings that name a part
        of the record ("#### Answer", "## 面试官心理分析") are its own."""
        state, n, head = self.state, len(blocks), blocks[k]
        j = k + 1
        open_details = 0  # headings inside the answer's <details> ("#### Answer: D") are its own
        # "## Question 1. ...?" then at once "# Direct answer": the answer's parts sit above
        # the question's level, so only the next question at its level ends the answer
        inverted = (j < n and blocks[j].type == "heading" and blocks[j].level < head.level
                    and is_part_label(self.info(blocks[j]).text))
        # "### Answer", a rule, then "## Step 1" / "### 1. Approach": an answer label with
        # nothing under it is answered by the sections after it, at whatever level they
        # start, up to the next question or a heading above them
        sections_from: int | None = None
        after_label = False
        while j < n:
            block = blocks[j]
            if inverted:
                if block.type == "heading" and block.level == head.level and self.asks(blocks, j):
                    break
            elif open_details <= 0 and block.type == "heading":
                if self.asks(blocks, j) and not self.answer_part(blocks, k, j):
                    break
                if toc.is_toc_title(self.info(block).text):
                    break  # "### Table of Contents" under an answer opens the file's index
                if block.level > head.level and label_number(self.info(block).text)[0] and j + 1 < n \
                        and blocks[j + 1].type in ("paragraph", "blockquote") and label_number(self.info(head).text)[0]:
                    break  # "## Frage 2", then "### Question 1 (Units 1-2)" over its question: the next question
                if after_label and not label_number(self.info(block).text)[0]:
                    sections_from = block.level
                absorbed = sections_from is not None and block.level >= sections_from \
                    and not label_number(self.info(block).text)[0]
                if block.level < head.level and not absorbed:
                    break
                if block.level == head.level and not is_part_label(self.info(block).text) and not absorbed:
                    break
            if block.type == "heading" and sections_from is None:
                after_label = is_answer_label(self.info(block).text)
            elif block.type not in ("hr", "html_block"):
                after_label = False
            if block.type == "html_block":
                open_details += _details_balance(state.tokens[block.i].content)
            j += 1
        return j

    def answer_part(self, blocks: list[Block], k: int, j: int) -> bool:
        """Is the deeper heading ``blocks[j]`` that asks ("### Why is it fast?") a part of
        the answer of question heading ``blocks[k]`` ("## What is Redis?")? Yes when the
        question answers in its own words before its first sub-heading, the deeper heading
        carries no number nor question label of its own ("### Follow-up Q: ..." is a record)
        and speaks of the question's subject ("it", "Redis"),
        and few of the question's sub-headings ask (two at most, or under half of them).
        "### What is CSS?" under "## What is HTML?" asks anew; a question bank whose
        group headings ask ("## What is Kubernetes?", a line, then many "### What is a
        Kubernetes Pod?") and a bare question over sub-questions keep their sub-questions."""
        head, sub = blocks[k], blocks[j]
        if sub.level <= head.level or head.level < 2 or not self.info(head).is_question:
            return False
        if self.info(sub).number is not None or self.info(sub).labelled or k + 1 >= len(blocks) or blocks[k + 1].type in ("heading", "hr"):
            return False
        if not _refers_to(self.info(sub).text, self.info(head).text):
            return False
        below = []  # the question's headings one level down: "### Why is it fast?", "### The analogy"
        for m in range(k + 1, len(blocks)):
            if blocks[m].type == "heading":
                if blocks[m].level <= head.level:
                    break
                if blocks[m].level == sub.level:
                    below.append(self.asks(blocks, m))
        return sum(below) <= 2 or sum(below) * 2 <= len(below)

    def card_headings_as_text(self, blocks: list[Block]) -> list[Block]:
        """Headings inside a ``<details>`` card whose summary asks are part of its answer
        ("<summary>What can a form hold?</summary> ... ## Why bind a label?"): they neither
        end the card nor start a question or a topic. Only for a card that closes; a
        ``<details>`` around a whole chapter (a summary that does not ask) keeps its headings.
        A card never closed runs to the end of the file."""
        state, n = self.state, len(blocks)
        out = blocks
        k = 0
        while k < n:
            block = blocks[k]
            if not details.opens(state, block):
                k += 1
                continue
            balance, j, inner = _details_balance(state.tokens[block.i].content), k + 1, []
            while j < n and balance > 0:
                if blocks[j].type == "html_block":
                    balance += _details_balance(state.tokens[blocks[j].i].content)
                elif blocks[j].type == "heading":
                    inner.append(j)
                j += 1
            # a card never closed holds the rest of the file, as a browser shows it
            card = details.detect(state, block, blocks[j - 1].end) if inner and (balance <= 0 or j == n) else None
            if card is not None and ("?" in card.question or is_question(card.question)):
                if out is blocks:
                    out = list(blocks)
                for i in inner:
                    b = blocks[i]
                    out[i] = Block("paragraph", b.start, b.end, b.i, b.j)
            k = j
        return out

    def answer_headings_as_text(self, blocks: list[Block]) -> list[Block]:
        """Sub-headings that split a bold question's answer ("**Q2 How is KNN different
        from k-means?**", then "##### KNN" text, "##### K Means" text, then "**Q3 ...**"):
        a heading two levels or more below its section, after a bold or labelled question
        of that section, that does not ask and is followed by text rather than by a
        question, is part of that answer. Else it would end the answer (the question
        would read as empty) and name the topic of every later question in the section."""
        state, n = self.state, len(blocks)
        out = blocks
        section_level = 0
        asked = False  # a bold question opened since the section heading
        for k, block in enumerate(blocks):
            if block.type == "paragraph":
                asked = asked or _bold_asks(state, block)
                continue
            if block.type != "heading":
                continue
            nxt = blocks[k + 1] if k + 1 < n else None
            if (asked and section_level and block.level >= section_level + 2 and not self.asks(blocks, k)
                    and not label_number(self.info(block).text)[0]
                    and nxt is not None and nxt.type != "heading" and not (nxt.type == "paragraph" and _bold_asks(state, nxt))):
                if out is blocks:
                    out = list(blocks)
                out[k] = Block("paragraph", block.start, block.end, block.i, block.j)
                continue
            section_level, asked = block.level, False
        return out

    def drop_toc_titles(self, blocks: list[Block]) -> list[Block]:
        """A heading titled "Contents" / "Table of Contents" over a list or table is the
        title of an index: the list is marked as a table of contents, and when text
        follows the index under the same title ("Contents", the index, "---", then the
        notes), the title is left out so that text stays with the section around it."""
        out: list[Block] = []
        for k, block in enumerate(blocks):
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            if (
                block.type == "heading"
                and nxt is not None
                and nxt.type in ("bullet_list", "ordered_list", "table")
                and toc.is_toc_title(self.info(block).text)
                and toc.lists_entries(self.state, nxt)
            ):
                self.state.toc_lines.add(nxt.start)
                rest = []
                for later in blocks[k + 2 :]:
                    if later.type == "heading":
                        break
                    rest.append(later)
                if _shape(self.state, rest) != "empty":
                    continue  # text after the index is the enclosing section's, not the index's
            out.append(block)
        return out

    def metadata(self, block: Block) -> bool:
        """A paragraph of bold "Name:" fields ("**Question Type:** Single Choice", "**Topic:**
        ..."), none of them a question or answer label: facts about the item, not its stem."""
        if block.type != "paragraph":
            return False
        for line in self.state.lines[block.start : block.end]:
            m = _FIELD_LINE.match(line)
            if m is None or sections.is_question_label(m.group(2)) or is_answer_label(m.group(2)):
                return False
        return True

    def label_heading(self, head: Block, info: HeadingInfo, first: Block, end: int, path: tuple[str, ...]) -> bool:
        """"### Q1" (or "## Question") whose first paragraph (or quoted block) is the
        question: one record from the heading, the answer after that paragraph."""
        is_label, label_no = label_number(info.text)
        if not is_label or first.type not in ("paragraph", "blockquote"):
            return False
        quoted = first.type == "blockquote"  # "## Question 1" over "> Create a notebook ...": all of it
        inline = self.state.block_inline(first) if not quoted else next(
            (t for t in self.state.tokens[first.i : first.j] if t.type == "inline"), None)
        if inline is None:
            return False
        text = self.state.inline(inline).text(joiner="\n")
        number, question = clean_question(" ".join(text.split()) if quoted else text.split("\n", 1)[0])
        if not question:
            return False
        following = next((k for k in range(first.end, min(end, first.end + 3)) if self.state.lines[k].strip()), None)
        if (following is not None and _LIST_LINE.match(self.state.lines[following]) and not question.endswith(("?", "？"))
                and (question.endswith((":", "：")) or any(m in self.state.lines[following] for m in "?？"))):
            return False  # "## 面试题", "You may be asked:", then a list: the list holds the questions
        self.entries.append(
            (
                Start(
                    line=head.start,
                    question=question,
                    number=label_no or number or info.number,
                    question_md=self.state.source(head.start, first.end if quoted else first.start + 1),
                    layout="heading",
                    answer_line=first.end if quoted else first.start + 1,
                    answer_end=end,
                    level=head.level,
                ),
                path,
            )
        )
        return True

    def section_pair(self, blocks: list[Block], k: int, j: int, path: tuple[str, ...], must_ask: bool = False) -> int | None:
        """A "## Question" section followed by a "## Answer" heading: one record. With
        ``must_ask``, a titled section whose question paragraph asks ("How would you ...?")
        followed by an answer heading under the title. Returns the index of the block
        after the pair, or None when this is no such pair."""
        answer_head = blocks[j]
        if not must_ask and answer_head.level > blocks[k].level:
            return None
        if not sections.is_answer_label(self.info(answer_head).text):
            return None
        picked = sections.pick_question(self.state, blocks[k + 1 : j])
        if picked is None or not picked[1] or (must_ask and not (picked[1].endswith("?") and is_question(picked[1]))):
            return None
        qblock, question = picked
        m = j + 1
        while m < len(blocks) and blocks[m].type == "hr":
            m += 1
        if m < len(blocks) and blocks[m].type == "heading" and self._walkthrough(blocks, m):
            # "### Answer", a rule, then "### 1. What is the folder?", "### 2. Practices": an
            # empty answer label is answered by the sections after it, numbered or not asking,
            # up to a question label or a heading above them
            level = blocks[m].level
            m += 1
            while m < len(blocks) and not (blocks[m].type == "heading" and (
                    blocks[m].level < level or not self._walkthrough(blocks, m))):
                m += 1
        while m < len(blocks) and not (blocks[m].type == "heading" and blocks[m].level <= answer_head.level):
            m += 1
        end = blocks[m].start if m < len(blocks) else len(self.state.lines)
        self.entries.append(
            (
                Start(
                    line=qblock.start,
                    question=question,
                    number=None,
                    question_md=self.state.source(qblock.start, qblock.end),
                    layout="section",
                    answer_line=answer_head.end,
                    answer_end=end,
                ),
                path,
            )
        )
        return m

    def _walkthrough(self, blocks: list[Block], m: int) -> bool:
        """May heading ``blocks[m]`` be a section of an answer written under an empty answer
        label? Not a question label, and either not asking or numbered as a step."""
        info = self.info(blocks[m])
        return not label_number(info.text)[0] and (info.number is not None or not self.asks(blocks, m))

    def segment(
        self,
        body: list[Block],
        start: int,
        end: int,
        head: Block | None,
        path: tuple[str, ...],
        info: HeadingInfo | None = None,
    ) -> None:
        """A non-question section (or the preface): its own topic text, then the questions
        other layouts find in it."""
        inner_path = path + (info.text,) if head is not None and info is not None and info.text else path
        starts = find_inner(self.state, body, end, " / ".join(inner_path), self.state.rel_path, self.asked())
        merged = None
        if head is not None and info is not None and starts and starts[0].labelled and body and starts[0].line == body[0].start \
                and sum(s.labelled for s in starts) == 1:
            # "## 3. Code gradient descent" then "**Question**: ...": one record from the heading;
            # a heading over several "**Q:**" pairs ("## 2. Network Security") is their section
            merged = starts[0]
            if info.number is not None and len(info.text.split()) >= 3:
                merged.question = info.text  # "## 3. Code gradient descent": the heading titles it
            merged.line = head.start
            merged.question_md = self.state.source(head.start, merged.answer_line)
            merged.number = merged.number or info.number
            merged.level = head.level
        own_end = claim(starts[0]) if starts else end
        own = [b for b in body if b.start < own_end]
        shape = _shape(self.state, own)
        if head is not None and info is not None:
            if shape != "empty" and merged is None:
                kind = "topic" if shape == "text" and info.text and not _BOILERPLATE.match(info.text) else (
                    "toc" if shape == "toc" else "section")
                self.entries.append(
                    (
                        Start(
                            line=head.start,
                            question=info.text,
                            number=info.number,
                            question_md=self.state.source(head.start, head.end),
                            layout="heading",
                            answer_line=head.end,
                            answer_end=own_end,
                            kind=kind,
                            level=head.level,
                        ),
                        path,
                    )
                )
        elif shape != "empty" and own:
            first = own[0].start
            self.entries.append(
                (
                    Start(
                        line=first,
                        question="",
                        number=None,
                        question_md="",
                        layout="preface",
                        answer_line=first,
                        answer_end=own_end,
                        kind="toc" if shape == "toc" else "preface",
                    ),
                    path,
                )
            )
        for idx, s in enumerate(starts):
            limit = claim(starts[idx + 1]) if idx + 1 < len(starts) else end
            s.answer_end = limit if s.answer_end is None else min(s.answer_end, limit)
            if s.record_end is not None:
                s.record_end = min(s.record_end, limit)
            self.entries.append((s, path if s is merged else inner_path + ((s.topic,) if s.topic else ())))


def _tucked(state: State, before: Block | None, block: Block) -> bool:
    """A bullet list right after a numbered list (no blank line), its marker further in
    than the numbers but short of their text: written as the last item's points."""
    if before is None or before.type != "ordered_list" or block.type != "bullet_list" or before.end != block.start:
        return False

    def indent(line: int) -> int:
        text = state.lines[line]
        return len(text) - len(text.lstrip(" "))

    return indent(block.start) > indent(before.start)


def _alone(state: State, body: list[Block], idx: int) -> bool:
    """Is ``body[idx]`` the whole content of its section, besides rules and a one-line
    lead-in paragraph right before it? A list between paragraphs of prose is part of them."""
    for k, block in enumerate(body):
        if k == idx or block.type == "hr":
            continue
        if k == idx - 1 and block.type == "paragraph" and block.end - block.start == 1:
            continue
        return False
    return True


def _defined_terms(state: State, body: list[Block], faq: bool) -> dict[int, Start]:
    """The terms of a definition list (``Term`` over ``: definition``) by block index, when
    the section is an FAQ or most terms ask: a glossary's terms name things, they do not
    ask about them."""
    found = {}
    for idx in sorted(deflist.terms(state, body)):
        start = deflist.detect(state, body[idx], body[idx + 1] if idx + 1 < len(body) else None)
        if start is not None:
            found[idx] = start
    asking = sum(is_question(s.question) or s.question.rstrip().endswith("?") for s in found.values())
    return found if found and (faq or 2 * asking >= len(found)) else {}


def find_inner(
    state: State, body: list[Block], end: int, context: str = "", rel_path: str = "", asked: AbstractSet[str] = frozenset()
) -> list[Start]:
    """Questions inside a non-question section, in line order. ``context`` (the enclosing
    headings) and ``rel_path`` help decide whether a list of questions is a question bank;
    ``asked`` holds the questions met above (normalised), which a recap table repeats."""
    starts: list[Start] = []
    tocs: list[Start] = []
    plain_candidates: list[tuple[int, Start]] = []
    skip_until = -1
    spoken = _dialogue(state, body)
    faq = entries.faq_context(rel_path, context)
    quoted = entries.quoted_entries(state, body) if faq else set()
    if _bold_run(state, body):
        context = f"{context} / questions"  # the items themselves ask: "**Is it free?** Yes, ..." twice or more
    solved = _solved_items(state, body)
    defined = _defined_terms(state, body, faq)
    carded = fenced.cards(state, body)
    noted = spaced.cards(state, body)
    for idx, block in enumerate(body):
        if block.start < skip_until or idx in spoken:
            continue
        if idx in defined:
            starts.append(defined[idx])
        elif idx in noted:
            starts.extend(noted[idx])  # "Question::Answer" lines, or a question over a "?" line (spaced repetition)
        elif block.type == "html_block" and details.opens(state, block):
            cards = _details_cards(state, body, idx, end)
            if cards:
                starts.extend(cards)
                skip_until = max(c.record_end or block.end for c in cards)
        elif block.type == "blockquote" and (boxed := callout.detect(state, block)) is not None:
            starts.append(boxed)  # "> [!question] Title" over its answer (an Obsidian callout)
        elif block.type == "blockquote":
            starts.extend(bold.detect_quoted(state, block, body[idx + 1] if idx + 1 < len(body) else None))
        elif block.type == "fence" and idx in carded:
            starts.append(carded[idx])  # "Question:" / "Answer:" in a fence, card after card
        elif block.type == "fence":
            starts.extend(anki.detect(state, block))  # cards of an Anki export pasted as a block
        elif block.type == "table" and toc.is_toc(state, block):
            tocs.append(
                Start(line=block.start, question="", number=None, question_md="", layout="table",
                      answer_line=block.start, answer_end=block.end, record_end=block.end, kind="toc")
            )
        elif block.type == "table":
            rows = table.detect(state, block)
            if not _recap(rows, asked, starts):
                starts.extend(rows)
        elif block.type == "paragraph" and (stack := plain.stacked(state, block)) and not _compound(state, stack, body, idx):
            # "Q1) ...", "Q2) ..." (or "Beginner Level" over "What is X?") in one paragraph
            if stack[0].labelled:
                starts.extend(stack)
            else:
                plain_candidates.extend((idx, s) for s in stack)
        elif block.type == "paragraph":
            found = bold.detect(state, block, context, rel_path)
            program = None
            if found is not None and found.answer_offset is None and found.answer_line == block.end:
                program = answer_after_program(state, body[idx + 1 :], lead_ins=False)
            if found is not None and program is not None:
                # "**Q1: What does this print?**", its program, then "**A:** ...": as a heading's
                found.question_md = state.source(found.line, program[0])
                found.answer_line, found.answer_offset = program[1], program[2]
                starts.append(found)
            elif found is not None:
                nxt = body[idx + 1] if idx + 1 < len(body) else None
                if found.labelled and nxt is not None and nxt.type == "paragraph" and _open_quote(found.question):
                    _continue_question(state, found, nxt)
                starts.append(found)
            else:
                late = _late_item(state, body, idx, starts)
                cand = plain.candidate(state, block) if late is None else None
                if late is not None:
                    starts.append(late)
                elif cand is not None:
                    plain_candidates.append((idx, cand))
            if block.end - block.start > 2:
                starts.extend(bold.pairs_inside(state, block))  # code, then "Question: ..." with no blank line
        elif block.type in ("bullet_list", "ordered_list") and listitem.is_toc(state, block):
            tocs.append(
                Start(line=block.start, question="", number=None, question_md="", layout="list",
                      answer_line=block.start, answer_end=block.end, record_end=block.end, kind="toc")
            )
        elif block.type in ("bullet_list", "ordered_list") and _tucked(state, body[idx - 1] if idx else None, block):
            # "10. Explain sharding." then "   * How does it scale?" indented one space too few
            # to nest: the points of the numbered item above, not a list of its own
            last = starts[-1] if starts else None
            if last is not None and last.line >= body[idx - 1].start and last.answer_end is not None:
                last.answer_end = max(last.answer_end, block.end)
        elif block.type in ("bullet_list", "ordered_list"):
            before = body[idx - 1] if idx > 0 else None
            lead = ""
            if before is not None and before.type == "paragraph" and before.end >= block.start - 1:
                inline = state.block_inline(before)
                lead = state.inline(inline).text(joiner=" ") if inline is not None else ""
            after = body[idx + 1] if idx + 1 < len(body) else None
            follows = after is not None and after.type in ("paragraph", "fence", "code_block", "bullet_list", "table", "blockquote")
            found_items = listitem.detect(state, block, rel_path, f"{context} / {lead}", follows,
                                          listitem.continues(state, block, starts[-1] if starts else None),
                                          alone=_alone(state, body, idx), faq=faq)
            if found_items and all(s.topic for s in found_items) and after is not None and details.answers(state, after):
                found_items = []  # "1. RNNs" over its sub-questions, then one answer block for them all
            if not found_items and idx in quoted:
                # "- `Error: Cannot find module`" then "> You did not set up ...": an FAQ's entry
                found_items = listitem.only_item(state, block)
            asked_above = plain.candidate(state, before) if (
                before is not None and before.type == "paragraph" and _TASK_ITEM.match(state.lines[block.start])) else None
            if not found_items and after is not None and details.answers(state, after) and asked_above is not None:
                # "How do you sign in?", its options "* [ ] ...", then the solution block: the
                # paragraph asks, the boxes are its options
                plain_candidates = [(i, c) for i, c in plain_candidates if i != idx - 1]
                found_items = [asked_above]
            elif not found_items and after is not None and details.answers(state, after):
                # "4. Word embeddings." + sub-questions, then "<details><summary>Answer": the
                # item the answer block follows is the question, whatever its wording
                found_items = listitem.only_item(state, block)
            elif not found_items and idx in solved:
                # "1. Two Sum", then "Solution: ...", "2. Valid Parentheses", then "Solution:
                # ...": a numbered item over a labelled answer, twice or more, or one that asks
                found_items = [s for s in listitem.only_item(state, block)
                               if len(solved) >= 2 or is_question(s.question, allow_title=True)]
            for item in found_items:
                program = listitem.program_then_label(state, item.answer_line) if item.answer_offset is None else None
                if program is not None:  # the code it asks about is the question's
                    item.question_md = state.source(item.line, program[0])
                    item.answer_line, item.answer_offset = program[1], program[2]
            starts.extend(s for s in found_items if not _indexed(state, s))
    if any(s.labelled for s in starts):  # "**Question**: ..." files: lists are inside answers
        # unless the item is labelled as the others are ("- Question: What is X?")
        starts = [s for s in starts if s.layout != "list" or _LABELLED_ITEM.match(state.lines[s.line])]
    lone_first = (
        len(plain_candidates) == 1
        and plain_candidates[0][0] == 0
        and starts_like_question(plain_candidates[0][1].question)
        and len(body) > 1
    )
    # a scenario joins a run, never makes one; nor do the lines of one paragraph ("But what if ...?" /
    # "What if ...?" in an article): the run spans paragraphs
    run = len({idx for idx, c in plain_candidates if not c.weak})
    sparse = run < SPARSE_RUN and len(body) - len(plain_candidates) > SPARSE_BLOCKS * max(run, 1)
    if not starts and (run >= 2 or lone_first) and not (sparse and not lone_first):
        starts = [c for _, c in plain_candidates]
        starts.extend(_captions(state, body, {idx for idx, _ in plain_candidates}))
    if starts:  # a table of contents between questions ends the answer before it
        first = min(s.line for s in starts)
        starts.extend(t for t in tocs if t.line > first)
    starts.sort(key=lambda s: s.line)
    _prompts_go_on(state, body, starts, end)
    return starts


def _prompts_go_on(state: State, body: list[Block], starts: list[Start], end: int) -> None:
    """"**Q3:** Compare these ...:" over a list (or a program) and "Which would you choose
    and why?": the list and the closing question are the prompt's (see ``layouts.prompt``);
    so is a list under a colon among labelled prompts that all go unanswered."""
    prompts = [s for s in starts if s.layout == "bold" and s.labelled and s.kind == "question"]
    if not prompts:
        return
    stops = {id(s): claim(starts[k + 1]) if k + 1 < len(starts) else end for k, s in enumerate(starts)}

    def after(s: Start) -> list[Block]:
        return [b for b in body if s.answer_line <= b.start < stops[id(s)]]

    opened: list[tuple[Start, int]] = []
    for s in prompts:
        own = next((b for b in body if b.start <= s.line < b.end), None)
        if s.answer_offset is not None or own is None or own.end != s.answer_line or not s.question.endswith((":", "：")):
            continue
        got = prompt.material_end(state, after(s))
        if got is not None and got[1]:
            prompt.take_material(state, s, got[0])
        elif got is not None:
            opened.append((s, got[0]))
    rest = [s for s in prompts if all(s is not o for o, _ in opened)]
    if opened and len(rest) >= 2 and all(prompt.unanswered(s, after(s)) for s in rest):
        for s, line in opened:
            prompt.take_material(state, s, line)


def _details_cards(state: State, body: list[Block], idx: int, end: int) -> list[Start]:
    """The question cards of the ``<details>`` block ``body[idx]``: one, or several when
    one-line cards follow each other with no blank line (one HTML block for markdown-it).
    A question card nested in a card's answer ("What is an image?" inside "What is
    Docker?") is a record of its own: the outer answer ends before it."""
    block = body[idx]
    cards: list[Start] = []
    found = details.detect(state, block, end)
    while found is not None:
        cards.append(found)
        after = found.record_end or block.end
        if not (after < block.end and details.opens_line(state, after)):
            break
        found = details.detect(state, dataclasses.replace(block, start=after), end)
    if len(cards) == 1:
        found = cards[0]
        until = found.record_end or block.end
        inner = next((b for b in body[idx + 1 :] if b.start >= until or (
            details.opens(state, b) and details.detect(state, b, until) is not None)), None)
        if inner is not None and inner.start < until:
            found.answer_end = found.record_end = inner.start
    return cards


_BOLD_ASKING = re.compile(r"^[ \t]{0,3}(\*\*|__)((?:(?!\1)[^`])*?[?？])\1[ \t]*[:\-–—]?[ \t]*\S")
"""A paragraph that opens with a bold question ending in "?" and answers on the same line."""


def _indexed(state: State, item: Start) -> bool:
    """Is list item ``item`` an entry of the file's own index: a one-line item whose
    question a heading of the file asks ("#### Questions:", "- What is a primary key?",
    then "### What is a primary key?" and its answer)?"""
    if item.layout != "list" or item.answer_offset is not None:
        return False
    nxt = item.line + 1
    if nxt < len(state.lines) and state.lines[nxt].strip() and not _LIST_LINE.match(state.lines[nxt]):
        return False  # the item goes on below its line: an answer of its own
    if state.heading_questions is None:
        found = set()
        for tok in state.tokens:
            if tok.type == "inline" and tok.map is not None and state.lines[tok.map[0]].lstrip().startswith("#"):
                found.add(normalize_question(clean_question(" ".join(tok.content.split()))[1]))
        state.heading_questions = frozenset(found)
    return normalize_question(item.question) in state.heading_questions


_TASK_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+\[[ xX]\]\s")
"""A list item that is a check box ("* [ ] Using the sign-in button")."""


SPARSE_RUN = 6
SPARSE_BLOCKS = 8
"""A few question lines spread through many paragraphs ("What are dynamic derivations?"
then pages of prose and code, "What can you come up with?" at the end) are an article's
rhetorical questions, not a list: fewer than ``SPARSE_RUN`` of them, with more than
``SPARSE_BLOCKS`` other blocks each."""


BOLD_RUN = 3
"""Paragraphs that open with a bold question and its answer that make a list of questions
(two on a page about something else read as a pitch: "**Is it free?** Yes, ...")."""


def _bold_run(state: State, body: list[Block]) -> bool:
    """Three or more paragraphs of ``body`` open with a bold question worded as one and its
    answer on the same line ("**What is a list?** A mutable sequence."): the section is a
    list of questions, whatever its heading says ("**New to AI?** Try ..." invites)."""
    count = 0
    for block in body:
        m = _BOLD_ASKING.match(state.lines[block.start]) if block.type == "paragraph" else None
        if m is not None and starts_like_question(m.group(2)):
            count += 1
            if count >= BOLD_RUN:
                return True
    return False


def _recap(rows: list[Start], asked: AbstractSet[str], starts: list[Start]) -> bool:
    """A table whose question cells restate questions the file has already asked ("##
    Summary", "| Question | Short answer |"): a recap of the notes, not more records.
    Half of its rows (two at least) repeat an earlier question, above or in this section."""
    if len(rows) < 2:
        return False
    here = {normalize_question(s.question) for s in starts if s.kind == "question"}
    repeated = sum(1 for r in rows if normalize_question(r.question) in asked or normalize_question(r.question) in here)
    return repeated >= 2 and repeated * 2 >= len(rows)


def _solved_items(state: State, body: list[Block]) -> set[int]:
    """Indexes of numbered lists right above a paragraph that opens with an answer label
    ("1. Two Sum" / "Solution: ..."; "Answer:", "Ans -", "Explanation:", "**A:**")."""
    return {idx for idx, block in enumerate(body[:-1]) if block.type == "ordered_list"
            and body[idx + 1].type == "paragraph" and opens_answer(state.lines[body[idx + 1].start])}


def _bold_asks(state: State, block: Block) -> bool:
    """A paragraph that opens with a bold or labelled question ("**Q2 How ...?**")."""
    found = bold.detect(state, block)
    return found is not None and found.kind == "question"


def _late_item(state: State, body: list[Block], idx: int, starts: list[Start]) -> Start | None:
    """The paragraph "13 What ...?" right after a list whose last question is item 12."""
    prev = starts[-1] if starts else None
    if idx == 0 or body[idx - 1].type != "ordered_list" or prev is None or prev.layout != "list":
        return None
    if not (prev.number or "").isdigit() or prev.line < body[idx - 1].start:
        return None
    return plain.numbered_after(state, body[idx], int(prev.number or 0) + 1)


def _compound(state: State, stack: list[Start], body: list[Block], idx: int) -> bool:
    """Unmarked question lines with no label over an answer ("What is X?" / "Why is it
    used?", then a paragraph that answers): one question asked in two lines, read as
    any paragraph that opens with a question, not one question per line."""
    if stack[0].labelled or stack[0].number is not None or stack[0].line != body[idx].start:
        return False
    nxt = body[idx + 1] if idx + 1 < len(body) else None
    return nxt is not None and nxt.type != "hr" and not (nxt.type == "paragraph" and plain.only_asks(state, nxt))


def _open_quote(question: str) -> bool:
    """The question stops inside a quotation (an odd number of '"', or '“' without '”')."""
    return question.count('"') % 2 == 1 or question.count("“") > question.count("”")


def _continue_question(state: State, start: Start, nxt: Block) -> None:
    """'Q. ... first names "' then a blank line and 'Manish" and "Arhan" ...': the next
    paragraph closes the quotation, so it is the rest of the question."""
    inline = state.block_inline(nxt)
    if inline is None:
        return
    rest = state.inline(inline).text(joiner=" ")
    start.question = f"{start.question}{rest}" if start.question.endswith(('"', "“")) else f"{start.question} {rest}"
    start.question_md = state.source(start.line, nxt.end)
    start.answer_line = nxt.end
    start.answer_offset = None


_LABELLED_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\*\*|__)?(?:q|question|ques)\s*#?\s*\d{0,4}[a-z]?\s*(?:\*\*|__)?\s*[.:：)]",
                            re.I)
"""A list item that opens with a question label ("- Question: ...", "1. **Q:** ...")."""
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_SPEAKER = re.compile(r"^\s*(?:\*\*|__)?([^\s*_:：]{1,12}(?: [^\s*_:：]{1,12})?)(?:\*\*|__)?\s*[:：]")


def _dialogue(state: State, body: list[Block]) -> set[int]:
    """Paragraphs of a dialogue transcript ("**面试官**：..." / "**候选人**：...", "Interviewer:
    ..." / "Me: ..."): two or more speaker labels that each open two or more paragraphs.
    What a speaker says is a line of the scene, not a question record."""
    speakers: dict[str, list[int]] = {}
    for idx, block in enumerate(body):
        if block.type == "paragraph":
            m = _SPEAKER.match(state.lines[block.start])
            if m and not label_number(m.group(1))[0] and not is_answer_label(m.group(1)):
                speakers.setdefault(m.group(1).casefold(), []).append(idx)
    talking = [idx for who in speakers.values() if len(who) >= 2 for idx in who]
    if sum(1 for who in speakers.values() if len(who) >= 2) < 2:
        return set()
    return set(talking)


def _captions(state: State, body: list[Block], question_idx: set[int]) -> list[Start]:
    """In plain-line notes, a short title line followed only by images ("Advanced Topics"
    then six screenshots) ends the previous answer and becomes a loose section."""
    out: list[Start] = []
    for idx, block in enumerate(body):
        if idx in question_idx or idx == 0 or idx + 1 >= len(body):
            continue
        title = plain.caption(state, block)
        if title is None:
            continue
        rest: list[Block] = []
        for later in range(idx + 1, len(body)):
            if later in question_idx:
                break
            rest.append(body[later])
        if rest and _shape(state, rest) == "images":
            out.append(
                Start(
                    line=block.start,
                    question=title,
                    number=None,
                    question_md=state.lines[block.start],
                    layout="plain",
                    answer_line=block.end,
                    kind="topic",
                )
            )
    return out


def _shape(state: State, blocks: Sequence[Block]) -> str:
    """What a section's own content is: "empty", "images" (only images), "toc" (only a
    table of contents), "links" (only lists of links: a reading list) or "text"."""
    seen: set[str] = set()
    index = [k for k, b in enumerate(blocks) if toc.is_index(state, b)]
    for k, block in enumerate(blocks):
        if block.type == "hr":
            continue
        if index and (k in index or _points(state, block)):
            seen.add("toc")
            continue
        if block.type == "html_block":
            content = state.tokens[block.i].content
            if _COMMENT_ONLY.match(content) or not content.strip():
                continue
            if "<img" in content.lower() and not html_text(content):
                seen.add("images")
                continue
            if not html_text(content):
                continue
            # "<details open><summary>Show table of contents</summary>" around an index
            seen.add("wrapper" if not html_text(_SUMMARY.sub(" ", content)) else "text")
        elif block.type == "paragraph":
            inline = state.block_inline(block)
            # without "![" there is no image child: the paragraph is text
            children = state.children(inline) if inline is not None and "![" in inline.content else None
            if children and all(
                c.type in _IMAGE_ONLY_CHILDREN or (c.type == "text" and not c.content.strip()) for c in children
            ) and any(c.type == "image" for c in children):
                seen.add("images")
            else:
                seen.add("text")
        elif block.type in ("bullet_list", "ordered_list", "table") and toc.is_toc(state, block):
            seen.add("toc")
        elif block.type in ("bullet_list", "ordered_list") and toc.is_link_list(state, block):
            seen.add("links")
        else:
            seen.add("text")
    if not seen:
        return "empty"
    if "text" in seen:
        return "text"
    if "links" in seen and seen <= {"links", "toc", "wrapper"}:
        return "links"  # a reading list: no topic of the notes
    if seen <= {"toc", "wrapper"} and "toc" in seen:
        return "toc"
    return "images" if seen == {"images"} else "text"


POINTER_CHARS = 240
"""Longest paragraph read as a pointer to other notes in an index section."""


def _points(state: State, block: Block) -> bool:
    """A paragraph that introduces or points at other notes, in a section with an index:
    a lead-in ending in ":" ("The `contrib` folder contains ...:"), or a short paragraph
    with a link to another note ("... the list of contributors here: [contributors.md]")."""
    if block.type != "paragraph":
        return False
    inline = state.block_inline(block)
    if inline is None:
        return False
    content = state.inline(inline)
    text = content.text(joiner=" ")
    if text.endswith((":", "：")):
        return True
    return len(text) <= POINTER_CHARS and any(toc.is_internal(l.target) and not l.target.startswith("#")
                                               for l in content.links)


def _build(
    state: State, entries: list[tuple[Start, tuple[str, ...]]], path: str, rel_path: str
) -> tuple[list[Record], list[Section]]:
    records: list[Record] = []
    extras: list[Section] = []
    seen: dict[str, int] = {}
    total = len(state.lines)
    for s, topic_path in entries:
        end = min(s.answer_end if s.answer_end is not None else total, total)
        a, b = s.answer_line, end
        if s.answer_offset is None:
            while a < b and state.is_blank(a):
                a += 1
            if s.kind == "question" and a + 1 < b and spaced.is_mark(state.lines[a]) and not state.is_blank(a + 1):
                a += 1  # a card's "?" / "??" line between its question and its answer
        while b > a and state.is_blank(b - 1) and not (s.answer_offset is not None and b - 1 == s.answer_line):
            b -= 1
        answer_md, offset = _answer_source(state, s, a, b)
        if s.answer_offset is not None and s.answer_line == s.line and s.answer_tokens is None:
            # the answer shares the question's line: read it on its own
            tokens, partial = _same_line_tokens(answer_md, a), None
            answer_text = tokens_text(tokens)
        else:
            tokens, partial = state.content_between(a, b) if s.answer_tokens is None else (list(s.answer_tokens), None)
            pieces = []
            if partial is not None:  # "Q: ..." / "A: ..." / "Q: ..." in one paragraph: up to the next start
                pieces.append(state.inline(partial).text(min_line=a, max_line=b if partial.map and partial.map[1] > b else None))
            body_text = tokens_text(tokens, state.inline, max_line=b)
            if body_text:
                pieces.append(body_text)
            answer_text = "\n\n".join(p for p in pieces if p)
        if not answer_text and answer_md.strip() and not any(t.type == "html_block" for t in tokens):
            text = html_text(answer_md)  # (an answer block holding only its button is empty; so is a rule)
            answer_text = text if any(ch.isalnum() for ch in text) else ""
        answer_text = without_attribute_lists(strip_answer_label(answer_text, answer_md))
        if s.answer_text is not None:
            answer_text = s.answer_text
        if s.layout == "deflist":
            answer_text = deflist.definition_text(answer_text)
        images, links = _refs(state, s, a, b, tokens, partial)
        last = max(s.line + 1, b, s.answer_line if s.answer_offset is None else s.answer_line + 1, s.record_end or 0)
        last = min(max(last, s.line + 1), max(total, 1))
        span = Span(path, s.line + 1, last)
        if s.kind in ("question", "topic"):
            key = normalize_question(s.question)
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            q_images, q_links = _question_refs(state, s)
            records.append(
                Record(
                    id=record_id_for_key(rel_path, key, occurrence),
                    kind=s.kind,
                    question=s.question,
                    number=s.number,
                    question_md=s.question_md,
                    answer_md=answer_md,
                    answer_text=answer_text,
                    answer_offset=offset,
                    topic_path=topic_path,
                    images=tuple(images),
                    links=tuple(q_links + links),
                    span=span,
                    layout=s.layout,
                    level=s.level,
                    body=s.body,
                )
            )
        else:
            extras.append(
                Section(
                    kind=s.kind,
                    heading=s.question,
                    markdown=answer_md,
                    offset=offset,
                    span=span,
                    images=tuple(images),
                    links=tuple(links),
                    topic_path=topic_path,
                )
            )
    return records, extras


def _same_line_tokens(answer_md: str, line0: int) -> list[Token]:
    """Tokens of an answer that starts mid-line, with maps shifted to file lines."""
    tokens = _MD.parse(answer_md)
    for tok in tokens:
        if tok.map:
            tok.map = [tok.map[0] + line0, tok.map[1] + line0]
    return [t for t in tokens if t.type in ("inline", "fence", "code_block", "html_block")]


def _answer_source(state: State, s: Start, a: int, b: int) -> tuple[str, int]:
    """The answer's Markdown and its offset, so ``text[offset:offset+len(md)] == md``."""
    text = state.text
    if s.answer_offset is not None:
        start = s.answer_offset
        stop = s.answer_stop if s.answer_stop is not None else (state.line_end(b - 1) if b > a else start)
        stop = max(stop, start)
        return text[start:stop], start
    if a < b:
        start = state.offset(a)
        return text[start : state.line_end(b - 1)], start
    start = min(state.offset(s.answer_line), len(text))
    return "", start


def _refs(
    state: State, s: Start, a: int, b: int, tokens: Sequence[Token], partial: Token | None
) -> tuple[list[Image], list[Link]]:
    """Images and links of the answer, in file order."""
    images: list[Image] = []
    links: list[Link] = []
    if partial is not None:
        content = state.inline(partial)
        images.extend(i for i in content.images if a <= i.line - 1 < b)
        links.extend(l for l in content.links if a <= l.line - 1 < b)
    for tok in tokens:
        if tok.type == "inline" and tok.map and tok.map[1] > b:  # the next question starts inside it
            content = state.inline(tok)
            images.extend(i for i in content.images if i.line - 1 < b)
            links.extend(l for l in content.links if l.line - 1 < b)
        elif tok.type == "inline":
            content = state.inline(tok)
            images.extend(content.images)
            links.extend(content.links)
        elif tok.type == "html_block" and tok.map:
            html_refs(tok.content, tok.map[0], images, links)
    return images, links


def _question_refs(state: State, s: Start) -> tuple[list[Image], list[Link]]:
    """Links written in the question itself ("#### 1) ...? [[src](url)]")."""
    if s.answer_tokens is not None or s.answer_line <= s.line:
        return [], []
    tokens, _ = state.content_between(s.line, s.line + 1)
    links: list[Link] = []
    for tok in tokens:
        if tok.type == "inline" and tok.map and tok.map[0] == s.line:
            content = state.inline(tok)
            limit = s.answer_line
            links.extend(l for l in content.links if l.line - 1 < limit)
    return [], links
