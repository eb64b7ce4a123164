"""List-item questions: "1. What is X?" followed by its answer (nested, or the blocks
after it), "1. **Q?**" with a nested answer, and bullet lists of questions. A table of
contents (items that only link to in-page anchors) is never a question list."""

from __future__ import annotations

import re
from typing import Sequence

from markdown_it.token import Token

from curate.corpus.layouts import toc
from curate.corpus.layouts.base import Block, Start, State
from curate.corpus.layouts.classify import (
    answer_label_end,
    clean_question,
    code_marks_dropped,
    has_difficulty_tag,
    is_answer_label,
    is_interrogative,
    is_question,
    label_number,
    opens_options,
    starts_like_question,
)
from curate.corpus.layouts.inline import REVEAL_LABEL, Child, InlineContent

MAX_QUESTION_CHARS = 400
MAX_SCENARIO_CHARS = 1500
"""A numbered item may be this long when it ends in "?": an exam's scenario, several
sentences of setting and then the question ("Your firm runs a photo site … How might
you resolve this issue?")."""


def is_toc(state: State, block: Block) -> bool:
    """A table of contents or index (see ``layouts.toc``)."""
    return toc.is_toc(state, block)


_OPTION = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\*\*|__)?\(?([A-H]|[^\W\d_a-zA-Z])(?:\*\*|__)?\s*[:.)]")
"""An option's letter: a capital A-H, or a single letter of another script ("- أ:", "- ב.")."""


def is_options(state: State, block: Block) -> bool:
    """The answer options of a quiz question ("- A: 1 2 3", "- B: undefined", "- أ: ..."):
    a list of two or more items, half of them or more starting with a distinct letter."""
    letters = []
    items = _items(state, block)
    for item, _ in items:
        if item.map:
            m = _OPTION.match(state.lines[item.map[0]])
            if m:
                letters.append(m.group(1))
    return len(items) >= 2 and len(set(letters)) == len(letters) and len(letters) * 2 >= len(items)


def _items(state: State, block: Block) -> list[tuple[Token, Token | None]]:
    """(list_item_open, first inline of the item or None) for the list's own items."""
    depth = state.tokens[block.i].level + 1
    items: list[tuple[Token, Token | None]] = []
    for k in range(block.i + 1, block.j):
        tok = state.tokens[k]
        if tok.type == "list_item_open" and tok.level == depth:
            nxt = state.tokens[k + 1] if k + 1 < block.j else None
            inline = None
            # "1.  ### What is React?": a heading as the item's first line reads as its paragraph
            if nxt is not None and nxt.type in ("paragraph_open", "heading_open") and k + 2 < block.j:
                inline = state.tokens[k + 2]
            items.append((tok, inline))
    return items


_BOLD_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(\*\*|__)((?:(?!\1).)+?)\1")
_CONTEXT = re.compile(
    r"question|interview|faq|quiz|prompts|面试|问题|題|质问|質問|面接|질문|면접|pregunta|entrevista|frage|вопрос|собеседован",
    re.I,
)
"""Words for questions and interviews (English, Chinese, Japanese, Korean, Spanish,
German, Russian) in the path, headings or lead-in: the list is a question list."""
_OPEN_ISSUES = re.compile(r"\b(?:open|unresolved|outstanding)\s+questions?\b"
                          r"|\bquestions?\s+(?:i'?m|i am|we'?re|we are|still|left|yet)?\s*(?:to\s+)?"
                          r"(?:explor|investigat|research|consider|figur|think)\w*", re.I)
"""A design note's "Open questions", a README's "Questions I'm exploring": its writer's
unsettled issues, not a bank of questions to answer."""


def _about_questions(text: str) -> bool:
    """Does ``text`` (path, headings, lead-in) speak of questions or interviews?"""
    return bool(_CONTEXT.search(_OPEN_ISSUES.sub(" ", text) if "question" in text.lower() else text))


def _question(
    state: State, item: Token, inline: Token | None, ordered: bool, allow_linked: bool = False
) -> tuple[Start, bool] | None:
    """The item's question and whether it is certain (has "?", or is a whole bold or
    numbered line of five words or more); uncertain ones ("Compare K-means and KNN.")
    count only in a list the context marks as questions."""
    if inline is None or not inline.map or not item.map:
        return None
    content: InlineContent = state.inline(inline)
    if content.links and all(toc.is_internal(l.target) for l in content.links) and toc.entry(state, inline):
        return None  # an entry of a table of contents or index
    first = content.text(joiner="\n").split("\n", 1)[0]
    first_links = [l for l in content.links if l.line - 1 == inline.map[0]]
    if not allow_linked and first_links and sum(len(l.text) for l in first_links) * 2 >= len(first):
        return None  # a reading list: "[How to prepare for ...?](url) - a post"
    if any(REVEAL_LABEL.match(" ".join(l.text.split())) for l in first_links):
        return None  # "What is DNS? [📖 Answer](answers.md#1-what-is-dns)": an index of questions answered elsewhere
    if len(first) > (MAX_SCENARIO_CHARS if ordered and first.rstrip().endswith("?") else MAX_QUESTION_CHARS):
        return None
    if _SCRIPT_CUE.match(first):
        return None  # "Ask: Is this distributed?": a line of the candidate's script, not a record
    task = _TASK_BOX.match(first)
    if task is not None:
        if "?" not in first:
            return None  # "- [ ] Discuss the sizing:": a to-do of a checklist, not a question
        first = first[task.end():]
    if _ANSWER_ITEM.match(first):
        return None  # "- A: use `x?.y`": the answer of the item above, however it reads
    label = _BOLD_LABEL.match(inline.content)
    if label is not None and not label_number(label.group(2))[0] and not _asks_anew(inline.content[label.end() - 1 :]):
        return None  # "* **Scope:** the part we change": a term and its definition, not a question
    lines = content.text(joiner="\n").split("\n")
    labelled = len(lines) > 1 and label_number(first)[0]  # "2. Question 2" over its stem, whatever it asks
    wrapped = 1 + _wrapped(lines[1:]) if labelled else _wrapped(lines)
    if wrapped > 1:  # "What is the difference between A and B\n   - with examples?": one question
        first = " ".join(part.strip() for part in content.text(joiner="\n").split("\n")[:wrapped])
    number, text = clean_question(first)
    judged = code_marks_dropped(" ".join(inline.content.split("\n")[:wrapped]), text)
    children: list[Token | Child] = []
    if "**" in inline.content or "__" in inline.content:  # else there is no strong token
        children = [c for c in state.children(inline) if not (c.type == "text" and not c.content.strip())]
    bold_first = bool(children) and children[0].type == "strong_open"
    bold_line = bold_first and _bold_whole_line(children)
    if not text or is_answer_label(text):
        return None
    if labelled:
        certain = True
    elif is_question(judged):
        certain = any(mark in judged for mark in _MARKS) or ((bold_line or ordered) and len(text.split()) >= 5)
    elif _quoted(first) and len(text.split()) >= 4:
        # "A client wants ... Walk me through the decision.": a prompt quoted as the
        # interviewer says it is asked, whatever its wording (only in a question list)
        certain = False
    elif is_question(judged, allow_title=True) and len(text.split()) >= 3:
        if is_interrogative(text) and not is_question(judged, allow_title=True, loose=False) and not (ordered or bold_line):
            return None  # "* Where λ sets the amount of regularization." explains, it does not ask
        certain = False
    else:
        return None
    line = inline.map[0]
    answer_line = line + wrapped
    answer_offset = None
    same = _BOLD_ITEM.match(state.lines[line]) if bold_first and wrapped == 1 else None
    if same is not None:
        _, bold_text = clean_question(same.group(2))
        rest = state.lines[line][same.end() :]
        if bold_text.endswith("?") and len(rest.strip(" \t:-–—")) >= 3:
            # "- **What is X?** X is a thing.": the answer shares the line
            text = bold_text
            answer_line = line
            answer_offset = state.offset(line) + len(state.lines[line]) - len(rest.lstrip(" \t:-–—"))
    after = _BOLD_AFTER_MARK.match(state.lines[line]) if answer_offset is None and wrapped == 1 and not bold_first else None
    asked = _up_to_mark(text, sum(after.group("q").count(m) for m in _MARKS)) if after is not None else ""
    if after is not None and asked:
        # "* What is parasite drag? **The drag caused by the fuselage.**": the answer shares the line
        text = asked
        answer_line = line
        answer_offset = state.offset(line) + after.start("a")
    if answer_offset is None and answer_line < inline.map[1]:
        cut = answer_label_end(state.lines[answer_line])
        if cut and not opens_options("\n".join(state.lines[answer_line : inline.map[1]])):
            answer_offset = state.offset(answer_line) + cut
    if number is None and ordered and item.info:
        number = item.info
    start = Start(
        line=item.map[0],
        question=text,
        number=number,
        question_md=state.lines[item.map[0]],
        layout="list",
        answer_line=answer_line,
        answer_offset=answer_offset,
    )
    return start, certain


WRAP_LINES = 3
"""Lines a question item may wrap over."""


def _wrapped(lines: list[str]) -> int:
    """How many lines the item's question takes: more than one when its first line breaks
    off mid-question (no question mark, no sentence end, and a later line of the first
    paragraph ends in "?") or inside parentheses ("... layer? (In" / "Serverless)")."""
    first = lines[0].rstrip()
    if len(lines) < 2 or not first:
        return 1
    for n in range(2, min(WRAP_LINES, len(lines)) + 1):
        joined = " ".join(part.strip() for part in lines[:n])
        if first.count("(") > first.count(")"):
            if joined.count("(") == joined.count(")"):
                return n
        elif not any(m in first for m in _MARKS) and not first.endswith((".", "!", ":", ";", "：")) \
                and joined.endswith(_MARKS):
            return n
    return 1


_MARKS = ("?", "？", "؟")
"""Question marks: Latin, full-width (Chinese, Japanese) and Arabic."""
_BOLD_AFTER_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?P<q>[^\n]*?[?？؟])[ \t]+(?P<a>(\*\*|__)(?:(?!\3).)+?\3(?:[ \t]*$|[ \t]+(?=[^\s,;:a-z]).*))$")
"""An item that asks up to its question mark and answers in bold right after it ("* What is
parasite drag? **The drag caused by the fuselage.**", then maybe a note of its own: "...
**Richer.** 因为 ..."); bold that only stresses a word of a sentence going on ("Is it safe?
**Yes**, unless ...", "Why? **Because** it is") leaves the line as it is."""
def _up_to_mark(text: str, marks: int) -> str:
    """``text`` up to and with its ``marks``-th question mark ("" when it has fewer)."""
    seen = 0
    for i, ch in enumerate(text):
        if ch in _MARKS:
            seen += 1
            if seen == marks:
                return text[: i + 1]
    return ""


_ANSWER_ITEM = re.compile(r"^\W{0,4}(?:a|ans|answer)\s*\d*\W{0,4}[:：]\s*\S", re.I)
"""An item that opens with an answer label and a colon ("A: ...", "**Answer:** ..."); a
lettered option ("A) ...", "a. ...") has no colon."""
_BOLD_LABEL = re.compile(r"^(\*\*|__)([^*_?\n]{1,40}?)(?::[ \t]*\1|\1[ \t]*:)[ \t]*\S")
"""A bold label and text after it on the line ("**Scope:** the part ...", "**Cost**: ...")."""
def _asks_anew(rest: str) -> bool:
    """The text after a bold label is a question of its own: a capitalised sentence that
    opens as one ("**Headings:** How would you create headings?"), not a definition that
    runs on from the label ("**Impact:** does it reveal a problem, or ...?")."""
    return rest[:1].isupper() and starts_like_question(rest)


_SCRIPT_CUE = re.compile(r"^\W{0,4}(?:ask|say|clarify|confirm|mention|tell them)(?:\s+(?:the\s+)?(?:interviewer|them))?\W{0,4}:", re.I)
"""A cue of an interview script ("Ask:", "Say:", "Clarify:"): what the candidate says."""
_TASK_BOX = re.compile(r"^\[[ xX]\][ \t]+")
"""The box of a task-list item ("- [ ] ", "- [x] "), which GitHub renders as a checkbox."""
_QUOTED = re.compile(r'^\s*(?:\*\*|__|[*_])?["“](?:[^"“”]|["“][^"“”]*["”])+["”][.?!]?(?:\*\*|__|[*_])?\s*$')


def _quoted(line: str) -> bool:
    """The whole line is one quotation ("“Tell me about a time ...”")."""
    return bool(_QUOTED.match(line))


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def program_then_label(state: State, line: int) -> tuple[int, int, int] | None:
    """"1. What does this print?", a fenced program, then "Answer: 3" (in the item or after
    the list): the program is the question's, the answer starts after its label. Returns
    (end line of the question's part, line of the label, offset just past the label), or
    None unless only code blocks (one at least) stand between the item and the label."""
    lines, k, code_end = state.lines, line, None
    while k < len(lines):
        text = lines[k]
        if not text.strip():
            k += 1
            continue
        m = _FENCE.match(text)
        if m is not None:
            k += 1
            while k < len(lines) and not lines[k].lstrip().startswith(m.group(1)):
                k += 1
            if k >= len(lines):
                return None  # an unclosed fence runs to the end: no label after it
            k += 1
            code_end = k
            continue
        if code_end is None:
            return None
        body = text.lstrip(" \t")
        cut = answer_label_end(body)
        return (code_end, k, state.offset(k) + len(text) - len(body) + cut) if cut else None
    return None


def only_item(state: State, block: Block) -> list[Start]:
    """The one item of a list as a question, whatever its wording (an answer block
    follows it); its nested items (sub-questions) are part of it."""
    items = _items(state, block)
    if len(items) != 1:
        return []  # several items over one answer block: which one it answers is unclear
    item, inline = items[0]
    if inline is None or not inline.map or not item.map:
        return []
    number, text = clean_question(state.inline(inline).text(joiner="\n").split("\n", 1)[0])
    if not text or is_answer_label(text) or len(text) > MAX_QUESTION_CHARS:
        return []
    if number is None and block.type == "ordered_list" and item.info:
        number = item.info
    line = inline.map[0]
    return [Start(line=item.map[0], question=text, number=number, question_md=state.lines[item.map[0]],
                  layout="list", answer_line=line + 1)]


def _bold_card(state: State, item: Token, inline: Token | None) -> bool:
    """A numbered flashcard: the item's first line is one bold span ("61. **Speculative
    Execution.**") and an answer is nested under it."""
    if inline is None or ("**" not in inline.content and "__" not in inline.content):
        return False
    children = [c for c in state.children(inline) if not (c.type == "text" and not c.content.strip())]
    return bool(children) and children[0].type == "strong_open" and _bold_whole_line(children) \
        and _has_nested_answer(state, item, inline)


def _sub_items(state: State, items: list[tuple[Token, Token | None]]) -> list[bool]:
    """Items whose marker sits further in than the list's first item (" * point" under
    "* What Are The Advantages?"): one space too few to nest them, but written as points
    of the item above, not as siblings of the questions (unless they ask themselves).
    So are items that open with an answer label ("- A: ...")."""
    if not items or not items[0][0].map:
        return [False] * len(items)

    def indent(item: Token) -> int:
        line = state.lines[item.map[0]] if item.map else ""
        return len(line) - len(line.lstrip(" "))

    first = indent(items[0][0])
    return [k > 0 and (indent(item) > first or _answer_item(state, item)) for k, (item, _) in enumerate(items)]


_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")


def _answer_item(state: State, item: Token) -> bool:
    """"- A: use `x?.y`" after "- Q: ...": the answer of the item above, written as a sibling."""
    if not item.map:
        return False
    line = state.lines[item.map[0]]
    m = _MARKER.match(line)
    return m is not None and _ANSWER_ITEM.match(line[m.end():]) is not None


def _some_ask(items: list[tuple[Token, Token | None]]) -> bool:
    """A tenth of the items (two at least) ask on their first line: the list is one of
    questions, and its other items are prompts too."""
    asking = sum(1 for _, inline in items if inline is not None and "?" in inline.content.split("\n", 1)[0])
    return asking >= max(2, len(items) / 10)


def _asks_with_mark(question: str) -> bool:
    """The question text carries a question mark."""
    return any(mark in question for mark in _MARKS)


def _half_ask(items: list[tuple[Token, Token | None]]) -> bool:
    """Half of the items or more end their first line with "?": the list asks by itself."""
    asking = sum(1 for _, inline in items if inline is not None and inline.content.split("\n", 1)[0].rstrip(" *_").endswith("?"))
    return asking * 2 >= len(items)


def _card(state: State, item: Token, inline: Token | None) -> tuple[Start, bool] | None:
    """The prompt of a numbered flashcard in a question list, however it is worded
    ("Speculative Execution.", "Handling Small Files Problem."): some siblings ask, the
    context says these are questions, and each card carries its answer."""
    if inline is None or not inline.map or not item.map:
        return None
    number, text = clean_question(state.inline(inline).text(joiner="\n").split("\n", 1)[0])
    if not text or is_answer_label(text) or len(text) > MAX_QUESTION_CHARS:
        return None
    if number is None and item.info:
        number = item.info
    line = inline.map[0]
    return Start(line=item.map[0], question=text, number=number, question_md=state.lines[item.map[0]],
                 layout="list", answer_line=line + 1), False


def _prompt(state: State, item: Token, inline: Token | None) -> tuple[Start, bool] | None:
    """An item of a numbered question list read as a prompt by its place: one line of
    words, not a link, a "**Label:** text" definition, a to-do or an answer."""
    if inline is None or not inline.map:
        return None
    first = inline.content.split("\n", 1)[0]
    if "](" in first or "<" in first or _BOLD_LABEL.match(first) or _TASK_BOX.match(first) or _ANSWER_ITEM.match(first):
        return None
    return _card(state, item, inline)


_LINK_SPAN = re.compile(r"<a\s[^>]*>.*?</a\s*>|\[[^\[\]]*\]\([^()\s]*(?:\s+\"[^\"]*\")?\)", re.I)
"""A link with its text: an HTML anchor or a Markdown inline link."""


def _linked(inline: Token | None) -> bool:
    """The item's first line is a link and little else ("<a href="QA.md#q5">Find records
    ...</a>.", "[What is X](QA.md#x)?")."""
    if inline is None:
        return False
    first = inline.content.split("\n", 1)[0]
    rest = _LINK_SPAN.sub("", first)
    return len(rest) < len(first) and len(rest.strip(" \t.?!:;*_-–—")) * 2 < len(first) - len(rest)


def _tagged(inline: Token | None) -> bool:
    """The item's first line opens with a difficulty tag ("[E] Given a vector u, find ...")."""
    return inline is not None and has_difficulty_tag(inline.content.split("\n", 1)[0])


def _marked(q: tuple[Start, bool] | None, inline: Token | None) -> bool:
    """The item asks with a question mark, or carries a difficulty tag as practice
    questions do: marked as a question by more than its wording."""
    return (q is not None and q[1] and _asks_with_mark(q[0].question)) or _tagged(inline)


def _group(state: State, k: int, inline: Token | None, allow_linked: bool) -> list[Start]:
    """The questions of a topic item ("1. Dot product" over "1. [E] What is ...?", "2. [E]
    Given u, find ..."): an item whose first line does not ask and whose only other
    content is one nested list, every item of which asks with "?" or carries a difficulty
    tag. Each nested item is a question under the topic, numbered under the topic's number
    ("2.1", as Markdown renders "1." "1." as 1, 2); else []. ``k``: the index of the item's
    ``list_item_open`` token."""
    item = state.tokens[k]
    if inline is None or not inline.map or not item.map or inline.map[1] - inline.map[0] != 1:
        return []
    if state.tokens[k + 1].type != "paragraph_open":
        return []
    number, title = clean_question(state.inline(inline).text(joiner="\n").split("\n", 1)[0])
    number = number or item.info or None
    if not title or any(mark in title for mark in _MARKS) or len(title) > MAX_QUESTION_CHARS:
        return []
    depth = item.level
    blocks: list[Block] = []
    m = k + 4  # past list_item_open, paragraph_open, inline, paragraph_close
    while m < len(state.tokens) and not (state.tokens[m].type == "list_item_close" and state.tokens[m].level == depth):
        tok = state.tokens[m]
        end = m + 1
        while end < len(state.tokens) and state.tokens[end].level > tok.level:
            end += 1
        if tok.type not in ("bullet_list_open", "ordered_list_open") or not tok.map:
            return []
        blocks.append(Block(tok.type[:-5], tok.map[0], tok.map[1], m, end + 1))
        m = end + 1
    if len(blocks) != 1:
        return []
    block = blocks[0]
    starts = []
    sub_items = _items(state, block)
    first = sub_items[0][0].info if sub_items else ""
    for position, (sub_item, sub_inline) in enumerate(sub_items):
        q = _question(state, sub_item, sub_inline, block.type == "ordered_list", allow_linked)
        if not _marked(q, sub_inline):
            return []
        if q is None:
            q = _card(state, sub_item, sub_inline)
        if q is None or not sub_item.map:
            return []
        q[0].topic, q[0].answer_end = title, sub_item.map[1]
        if number and first.isdigit():
            q[0].number = f"{number}.{int(first) + position}"  # "2.1": as rendered, under the topic's number
        starts.append(q[0])
    if starts:
        starts[0].block_line = item.map[0]  # the topic line is no one's answer
    return starts


_SENTENCE_END = re.compile(r"[.!?？！。][\"'”’)]?$")


def _statement(state: State, item: Token, inline: Token | None) -> bool:
    """A bold sentence of three words or more ("**I cannot Like FAQ answers!**") with its
    own answer nested under it: an entry's title, as a "?" would make it a question."""
    if not _bold_card(state, item, inline) or inline is None:
        return False
    _, text = clean_question(state.inline(inline).text(joiner="\n").split("\n", 1)[0])
    return len(text.split()) >= 3 and _SENTENCE_END.search(text) is not None


def _bold_whole_line(children: Sequence[Token | Child]) -> bool:
    """The first line of the item is one bold span (plus decoration)."""
    depth = 0
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            break
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif depth == 0 and child.type == "text" and len(child.content.strip(" :*_.?!")) > 3:
            return False
    return True


def _has_nested_answer(state: State, item: Token, inline: Token) -> bool:
    """The item holds more than its question line (a nested answer)."""
    if not item.map or not inline.map:
        return False
    last = item.map[1]
    while last > inline.map[1] and not state.lines[last - 1].strip():
        last -= 1
    return last > inline.map[0] + 1


_LINK_CONTEXT = re.compile(r"\b(?:links?|resources?|reading|references?|further|articles?|blogs?|posts?)\b", re.I)
"""Words of a reading list ("Further reading", "Blog posts"), as whole words: "PostgreSQL"
or "posterior" name no list of links."""


def continues(state: State, block: Block, prev: Start | None) -> bool:
    """The numbered list goes on from the list question just before it ("1. What is X?",
    its answer paragraph, then "2. Explain Y.", its answer): one question bank split by
    the answers written between its items."""
    if block.type != "ordered_list" or prev is None or prev.layout != "list" or not (prev.number or "").isdigit():
        return False
    first = state.tokens[block.i + 1] if block.i + 1 < block.j else None
    return first is not None and first.type == "list_item_open" and first.info == str(int(prev.number or 0) + 1)


def detect(
    state: State, block: Block, context: str = "", local: str = "", answer_follows: bool = False,
    continued: bool = False, alone: bool = False, faq: bool = False,
) -> list[Start]:
    """Question items of one top-level list. A list counts when at least half of its items
    are questions, and either some question item carries its own nested answer, or a short
    numbered list ("1. What is X?") is followed by its answer paragraphs
    (``answer_follows``), or the context (file path, enclosing headings, the paragraph
    before the list) speaks of questions or interviews: a checklist of questions inside a
    tutorial stays text. In such a context a numbered list of bold cards, each with its
    answer nested under it, is a list of prompts however each is worded. A list that
    ``continued`` the numbering of the list question above it is in such a context, and so
    is a numbered list of three or more items that all ask with "?" and stand ``alone`` in
    their section: a question bank, whatever the file or heading is called. In an ``faq``
    (its file or heading says FAQ or Help) a list whose every item is a bold sentence
    over its own answer is a list of entries, however each is worded ("**The statistics
    are not updating!**")."""
    if is_toc(state, block):
        return []
    ordered = block.type == "ordered_list"
    items = _items(state, block)
    if _OPEN_ISSUES.search(" / ".join(local.rsplit(" / ", 2)[-2:])) and not any(
            inline is not None and _has_nested_answer(state, item, inline) for item, inline in items):
        return []  # a design note's "Open Questions": issues its writer has not settled, none answered
    # questions that are links ("[Why do you want to work here?](video)") only under a
    # heading or lead-in about questions, never in a list of resources
    allow_linked = _about_questions(local) and not _LINK_CONTEXT.search(local)
    found: list[tuple[tuple[Start, bool], Token, Token | None]] = []
    misses = 0
    in_context = continued or _about_questions(context) or _about_questions(local)
    # cards: in a question context with some asking, or where half of them ask themselves
    cards = (((in_context and ordered and len(items) >= 3 and _some_ask(items))
              or (len(items) >= 2 and _half_ask(items)))
             and all(_bold_card(state, item, inline) for item, inline in items))
    # an FAQ's entries: bold problem statements, each over its own answer
    entries = faq and len(items) >= 2 and all(_statement(state, item, inline) for item, inline in items)
    in_context = in_context or entries
    cards = cards or entries
    sub = _sub_items(state, items)
    own = len(items) - sum(sub)
    asked = [_question(state, item, inline, ordered, allow_linked) for item, inline in items]
    # "1. Dot product" over its nested questions: a topic of the bank, not a miss
    groups: dict[int, list[Start]] = {}
    if any(q is None or not q[1] for q in asked):
        index = {id(state.tokens[i]): i for i in range(block.i, block.j) if state.tokens[i].type == "list_item_open"}
        for k, (item, inline) in enumerate(items):
            q = asked[k]
            if not sub[k] and (q is None or not q[1]):
                got = _group(state, index[id(item)], inline, allow_linked)
                if got:
                    groups[k] = got
                    asked[k] = None
    in_context = in_context or (alone and ordered and len(items) >= 3 and not any(sub)
                                and all(k in groups or _marked(q, items[k][1]) for k, q in enumerate(asked)))
    # a numbered index of questions linked to their answers, under a heading about questions,
    # half of them asking ("<a href=QA.md#q1>How do you find duplicates</a>?"): its other
    # linked items are tasks of the same bank ("Find records in a table which ...")
    linked_index = (ordered and allow_linked and len(items) >= 2 and not any(sub)
             and all(_linked(inline) for _, inline in items)
             and 2 * sum(1 for k, q in enumerate(asked) if _marked(q, items[k][1])) >= len(items))
    # a list that rates its items by difficulty ("[E]", "(Hard)"): a tagged item is a prompt
    tagged = sum(1 for _, inline in items if _tagged(inline)) >= 2
    # a numbered list right under a heading or lead-in about questions, with a question among
    # its items: its other items are prompts however worded ("Wait groups example.",
    # "Microservices vs monoliths"), as the position in the list says
    near = " / ".join(local.rsplit(" / ", 2)[-2:])  # the nearest heading and the lead-in
    prompts = ordered and _about_questions(near) and any(q is not None and q[1] for q in asked)
    # a numbered list whose every item carries its own answer, half of them or more asking
    # by their wording: the others are prompts of the same bank ("1. Project types on
    # joining" + answer, "2. How big is the team?" + answer), wherever the list stands
    prompts = prompts or (ordered and own >= 2 and 2 * sum(1 for q in asked if q is not None and q[1]) >= own
                          and all(sub[k] or (inline is not None and _has_nested_answer(state, item, inline))
                                  for k, (item, inline) in enumerate(items)))
    for k, (item, inline) in enumerate(items):
        q = asked[k]
        if k in groups:
            continue
        if q is None and tagged and _tagged(inline):
            card = _card(state, item, inline)
            q = (card[0], True) if card is not None else None
        if q is None and (cards or linked_index):
            q = _card(state, item, inline)
        if q is None and prompts and not sub[k]:
            q = _prompt(state, item, inline)
        if q is not None:
            sub[k] = False  # "   2.  ### What is ...?": a question indented by a slip
            found.append((q, item, inline))
        elif sub[k]:
            pass  # " * Bugs are found early.": a point of the answer above it, not a miss
        else:
            misses += 1
            if misses * 2 > own:  # fewer than half can still be questions
                return []
    certain = [(q, item, inline) for q, item, inline in found if q[1]]
    if not certain and not in_context:
        return []
    if not in_context:
        groups = {}  # a topic's nested questions only in a list known to be a bank
    # "- **What is X?** X is ..." answers on its line ("- **New to AI?** Try our course" invites)
    # and "- Q: ...?" is answered by the "- A: ..." item after it
    answer_next = {id(items[k - 1][0]) for k in range(1, len(items)) if _answer_item(state, items[k][0])}
    nested = any(_has_nested_answer(state, item, inline) or id(item) in answer_next
                 or (q[0].answer_line == q[0].line and starts_like_question(q[0].question))
                 for q, item, inline in certain if inline is not None)
    split_numbered = answer_follows and ordered and len(items) <= 2 and len(certain) == len(items)
    if not nested and not in_context and not split_numbered:
        return []
    # a numbered list whose every item asks by its wording ("Explain closures.") and
    # carries its answer is a question list by itself, with no heading or path to say so
    answered = ordered and len(found) == len(items) and all(
        inline is not None and _has_nested_answer(state, item, inline) for _, item, inline in found)
    chosen = found if in_context or cards or answered else certain
    kept = [q[0] for q, _, _ in chosen]
    last_open = items[-1][0]
    position = {id(item): k for k, (item, _) in enumerate(items)}
    for (start, _), item, _ in chosen:
        k = position[id(item)] + 1
        while k < len(items) and sub[k]:
            k += 1  # its points written one space in stay its answer
        last = items[k - 1][0]
        if last is not last_open and last.map:
            start.answer_end = last.map[1]  # a sibling item is never this item's answer
    if kept and not nested and not split_numbered and len(items) >= 3:
        # a list of bare questions: what follows the list (a reading list, the next
        # paragraph) is not the answer to its last item
        last_item = items[-1][0]
        if last_item.map and kept[-1].line == last_item.map[0]:
            kept[-1].answer_end = last_item.map[1]
    if groups:
        kept = sorted(kept + [s for got in groups.values() for s in got], key=lambda s: s.line)
    return kept
