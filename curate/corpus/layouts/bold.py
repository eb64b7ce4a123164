"""Bold-line and labelled questions: "**Q1: What ...?**", "**What is X?** 👶",
"**Question:** ..." or "Q: ..." followed by "**A:**", "**Answer:**", "Ans:" (also when the
question and the answer share one paragraph, and in blockquotes: "> **Q:** ..." then
"> **A:** ...")."""

from __future__ import annotations

import re
from typing import Sequence

from markdown_it.token import Token

from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import (
    LABEL_CHARS,
    answer_label_end,
    clean_question,
    has_question_label,
    is_answer_label,
    is_question,
    label_number,
    starts_like_question,
    strip_decoration,
)
from curate.corpus.layouts.classify import is_interrogative as _interrogative
from curate.corpus.layouts.inline import Child

_TAG = re.compile(r"[(\[][^()\[\]]{0,30}[)\]]\W*")
_PLAIN_LABEL = re.compile(r"^\s*(?:q|question|ques)\s*#?\s*(\d{1,4}[a-z]?)?\s*[.:)\-–—]\s*(?=\S)", re.I)


def _strong_head(children: Sequence[Token | Child]) -> tuple[str, str] | None:
    """(strong text, rest of the first line) when the paragraph starts with bold text."""
    k = 0
    while k < len(children) and children[k].type == "text" and not children[k].content.strip():
        k += 1
    if k >= len(children) or children[k].type != "strong_open":
        return None
    depth = 0
    strong: list[str] = []
    rest: list[str] = []
    target = strong
    for child in children[k:]:
        if child.type in ("softbreak", "hardbreak"):
            if target is rest or depth == 0:
                break
            target.append(" ")
            continue
        if child.type == "strong_open":
            depth += 1
            continue
        if child.type == "strong_close":
            depth -= 1
            if depth == 0:
                target = rest
            continue
        if child.type in ("text", "code_inline"):
            target.append(child.content)
    return "".join(strong).strip(), "".join(rest).strip()


def _may_be_strong(content: str) -> bool:
    """Can markdown-it find a strong span in ``content``? Only in a "**" or "__" run."""
    return "**" in content or "__" in content


_PROMPT_LABEL = re.compile(r"^(?:example|sample|interview|practice|case)\s+(?:prompt|question)s?\s*[.:]?$", re.I)
_QUOTE = re.compile(r'^["“].{8,}["”][.?!]?$', re.S)
_PROMPT_LINE = re.compile(r"^\s*(\*\*|__)\s*(?:example|sample|interview|practice|case)\s+(?:prompt|question)s?\s*[.:]?\s*\1", re.I)


def is_example_prompt(question_md: str) -> bool:
    """True for a question introduced as an example ("**Example prompt.** "…""): it shows
    what an interviewer may ask and is unanswered by design, like a question bank."""
    return _PROMPT_LINE.match(question_md) is not None
_NUMBER_ONLY = re.compile(r"^\d{1,4}\s*[.)]")
_CONTEXT = re.compile(r"question|interview|exercise|task|problem|quiz|faq", re.I)
_BOLD_PREFIX = re.compile(r"^\s*(\*\*|__)(?:(?!\1).)+?\1")



def _marked(text: str) -> bool:
    """Does ``text`` hold a question mark, ASCII or full-width ("会输出什么？")?"""
    return "?" in text or "？" in text

def detect(state: State, block: Block, context: str = "", rel_path: str = "") -> Start | None:
    """A Start when ``block`` (a paragraph) opens with a bold or labelled question. A bold
    number ("**1)** The number of active ads.") counts only where the context (path,
    headings) speaks of questions, exercises or interviews."""
    inline = state.block_inline(block)
    if inline is None:
        return None
    first_line = state.lines[block.start]
    # no strong token without a literal "**" or "__" (entities and escapes give text)
    head = _strong_head(state.children(inline)) if _may_be_strong(inline.content) else None
    question: str | None = None
    number: str | None = None
    same_line: re.Match[str] | None = None
    if head is not None:
        strong, rest = head
        only_label, label_no = label_number(strong)
        if only_label:
            number, question = clean_question(rest)
            number = label_no or number
            if not question and block.end - block.start > 1:
                number2, question = clean_question(state.lines[block.start + 1])
                number = number or number2
                return _start(state, block, question, number, q_lines=2) if question else None
        elif _PROMPT_LABEL.match(strong) and _QUOTE.match(rest) and (_CONTEXT.search(context) or _CONTEXT.search(rel_path)):
            # "**Example prompt.** "Here is a one-page description ..."": the quoted prompt
            number, question = clean_question(rest)
        elif _NUMBER_ONLY.match(strong) and _CONTEXT.search(context):
            joined = f"{strong}{'' if rest[:1] in '.,:;' else ' '}{rest}"
            number, question = clean_question(joined)
            if len(question.split()) < 2:
                question = None
        elif not is_answer_label(strong):
            number, text = clean_question(strong)
            _, whole = clean_question(f"{strong} {rest}")
            # nothing after the bold text but an emoji, a colon or a "(easy)" tag
            short_rest = len(strip_decoration(rest)) < 4 or bool(_TAG.fullmatch(rest))
            if text and short_rest and is_question(text) and (_marked(text) or starts_like_question(text) and not _interrogative(text)):
                question = text
            elif (
                text
                and short_rest
                and has_question_label(strong)
                and len(text.split()) >= 2
                and (starts_like_question(text) or _CONTEXT.search(context) or _CONTEXT.search(rel_path))
            ):
                # "**Q6. What is Bayes Theorem**": the label asks, as a labelled heading's does
                # ("**Q3: Revenue Summary**" in a report is a quarter, not a question)
                question = text
            elif short_rest and whole.endswith(("?", "？")) and _marked(text):
                question = whole
            elif (
                text.endswith("?")
                and starts_like_question(text)
                and (_CONTEXT.search(context) or _CONTEXT.search(rel_path))
            ):
                # "**Is it free?** Yes, ..." in a FAQ or question file: the answer shares the line
                same_line = _BOLD_PREFIX.match(first_line)
                if same_line is not None:
                    question = text
    else:
        m = _PLAIN_LABEL.match(first_line)
        short = m is None and block.end - block.start > 1 and len(first_line) <= LABEL_CHARS
        only_label, label_no = label_number(" ".join(first_line.split())) if short else (False, None)
        if m:
            number, question = clean_question(first_line[m.end() :])
            number = m.group(1) or number
            if question and len(question.split()) < 2:
                question = None
        elif only_label and _LABEL_LINE.match(first_line) and not answer_label_end(state.lines[block.start + 1]):
            # "Question 2:" on its own line, the question on the next
            number, question = clean_question(state.lines[block.start + 1])
            if len(question.split()) < 2:
                return None
            start = _start(state, block, question, label_no or number, q_lines=2)
            start.labelled = True
            return start
    if not question:
        return None
    start = _start(state, block, question, number, q_lines=1)
    if same_line is not None:
        skip = len(first_line) - len(first_line[same_line.end() :].lstrip(" \t:-–—"))
        start.answer_line = block.start
        start.answer_offset = state.offset(block.start) + skip
        start.question_md = first_line[: same_line.end()]
    start.labelled = head is not None and label_number(head[0])[0] or head is None
    return start


def pairs_inside(state: State, block: Block) -> list[Start]:
    """Labelled pairs that start inside a paragraph, after its first line: "Question: X"
    on a line of its own and "Answer: ..." on the next, written straight after the code or
    title before them with no blank line ("CMD [...]" / "Question: What is Compose?").
    Both labels must be there: a line that merely starts with "Q:" stays text."""
    out: list[Start] = []
    for k in range(block.start + 1, block.end - 1):
        line = state.lines[k]
        m = _PLAIN_LABEL.match(line) or _BOLD_LABEL.match(line)
        if m is None or not answer_label_end(state.lines[k + 1]):
            continue
        number, question = clean_question(line[m.end():].strip(" *_"))
        if not question or len(question.split()) < 2:
            continue
        start = _start(state, Block(block.type, k, block.end, block.i, block.j), question, m.group(1) or number, q_lines=1)
        start.labelled = True
        out.append(start)
    return out


_LABEL_LINE = re.compile(r"^\s*(?:q|question|ques)\b", re.I)
"""A label line ("Question 2:", "Q3.") that names a question: no "Problem" or "问题"
heading word, whose next line may be anything."""
_BOLD_LABEL = re.compile(r"^\s*(?:\*\*|__)(?:q|question|ques)\s*#?\s*(\d{1,4}[a-z]?)?\s*[.:)\-–—]?\s*(?:\*\*|__)\s*[.:)\-–—]?\s*(?=\S)", re.I)


def _start(state: State, block: Block, question: str, number: str | None, q_lines: int) -> Start:
    """The question is the first ``q_lines`` lines, or runs up to a line of the same
    paragraph that starts with an answer label; the answer starts after the label."""
    line = block.start
    answer_line = min(line + q_lines, block.end)
    answer_offset = None
    for k in range(line + q_lines, min(block.end, line + q_lines + 4)):
        cut = answer_label_end(state.lines[k])
        if cut:
            extra = " ".join(" ".join(state.lines[line + q_lines : k]).split())
            if extra:
                question = f"{question} {extra}"
            answer_line, answer_offset = k, state.offset(k) + cut
            break
    return Start(
        line=line,
        question=question,
        number=number,
        question_md=state.source(line, max(answer_line, line + 1)),
        layout="bold",
        answer_line=answer_line,
        answer_offset=answer_offset,
    )


_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+[ \t]*")


def detect_quoted(state: State, block: Block, nxt: Block | None) -> list[Start]:
    """Labelled pairs in a blockquote: "> **Q:** What is X?" (or "> Q: ...", "> Question:",
    "> **Q1: What is X?**", under a "> [!TIP]" alert line) followed by an answer label in
    the same paragraph, the next paragraph of the quote, or the first paragraph of the
    blockquote right after it ("> **A:** ..."). A quoted question label with no answer
    label after it (a quoted prompt, an open question, a transcript) is no record. The
    answer starts after its label and ends with its blockquote, as a details block or a
    list item bounds its answer."""
    paragraphs = _quoted_paragraphs(state, block)
    if nxt is not None and nxt.type == "blockquote":
        paragraphs.extend(_quoted_paragraphs(state, nxt)[:1])
    out: list[Start] = []
    for k, (start, end, inline) in enumerate(paragraphs):
        if start >= block.end:
            break
        lines = inline.content.split("\n")
        found = _quoted_question(lines)
        if found is None:
            continue
        number, question, q_end = found
        candidates = list(range(start + q_end, min(end, start + q_end + 4)))
        if k + 1 < len(paragraphs):
            candidates.append(paragraphs[k + 1][0])
        for line in candidates:
            mark = _QUOTE_MARKS.match(state.lines[line])
            skip = mark.end() if mark is not None else 0
            cut = answer_label_end(state.lines[line][skip:])
            if not cut:
                continue
            # the question's other lines before the label continue it
            extra = " ".join(" ".join(lines[q_end : min(line, end) - start]).split())
            question = f"{question} {extra}" if extra else question
            quote_end = block.end if line < block.end or nxt is None else nxt.end
            out.append(Start(line=start, question=question, number=number,
                             question_md=state.source(start, min(line, end)), layout="bold",
                             answer_line=line, answer_offset=state.offset(line) + skip + cut,
                             answer_end=quote_end, labelled=True))
            break
    return out


def _quoted_paragraphs(state: State, block: Block) -> list[tuple[int, int, Token]]:
    """(first line, end line, inline token) of the paragraphs directly inside a blockquote."""
    level = state.tokens[block.i].level + 1
    out = []
    for k in range(block.i + 1, block.j - 2):
        tok = state.tokens[k]
        if tok.type == "paragraph_open" and tok.level == level and tok.map and state.tokens[k + 1].type == "inline":
            out.append((tok.map[0], tok.map[1], state.tokens[k + 1]))
    return out


_ALERT = re.compile(r"^\[![A-Za-z]+\]\s*$")
"""A GitHub alert's first line ("[!TIP]", "[!NOTE]") inside a blockquote."""
_STRONG_LINE = re.compile(r"^(\*\*|__)(?P<strong>(?:(?!\1).)+?)\1(?P<rest>.*)$")


def _quoted_question(lines: Sequence[str]) -> tuple[str | None, str, int] | None:
    """(number, question, index of the first line after it) when a quoted paragraph's
    ``lines`` open with a question label: "**Q:** What ...", "**Q1: What ...?**",
    "**Question 3:**" over the question's line, "Q: What ..."; after an alert line."""
    first = 1 if len(lines) > 1 and _ALERT.match(lines[0]) else 0
    line = lines[first]
    m = _STRONG_LINE.match(line)
    if m is not None:
        strong, rest = m.group("strong").strip(), m.group("rest").strip()
        only_label, label_no = label_number(strong)
        if only_label:
            number, question = clean_question(rest)
            if question:
                return label_no or number, question, first + 1
            if first + 1 >= len(lines) or answer_label_end(lines[first + 1]):
                return None
            number, question = clean_question(lines[first + 1])
            return (label_no or number, question, first + 2) if question else None
        if not has_question_label(strong):
            return None
        number, question = clean_question(f"{strong} {rest}")
        return (number, question, first + 1) if question else None
    plain = _PLAIN_LABEL.match(line)
    if plain is None:
        return None
    number, question = clean_question(line[plain.end() :])
    return (plain.group(1) or number, question, first + 1) if len(question.split()) >= 2 else None
