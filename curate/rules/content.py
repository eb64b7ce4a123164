"""Rule family: content — answers that are missing, stand-ins, only pictures, or chatbot
leftovers (QA101–QA104); the slots a template leaves anywhere in a note (QA105) are
``curate.rules.templates``.

What counts as "content" is decided once, in :func:`strip_markup`: HTML comments, tags,
line breaks, thematic breaks and Markdown punctuation are not content; words, numbers,
code and images are. QA104's phrase list is data (``data/residue.toml``) run by one
reusable strategy, as proselint does, so adding a phrase needs no code.
"""

from __future__ import annotations

import fnmatch
import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, Iterable, Iterator

from curate.corpus.codespans import mask_code_spans
from curate.corpus.layouts.bold import is_example_prompt
from curate.corpus.layouts.classify import FIELD_KEYS
from curate.corpus.model import Document, Record
from curate.rules.base import Finding, Fix, Fixability, Rule, RuleContext, Severity
from curate.rules.support.mdscan import BADGE
from curate.rules.templates import TEMPLATE_SLOT_LINE as _TEMPLATE_SLOT
from curate.rules.templates import TemplatePlaceholder

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# -- what counts as content ----------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_LINKED_IMAGE = re.compile(r"\[\s*!\[[^\]]*\]\([^)]*\)\s*\]\([^)]*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()]|\([^)]*\))*\)|!\[[^\]]*\]\[[^\]]*\]|<img\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0|zwj|zwnj|#8203);", re.IGNORECASE)
_FENCE_BLOCK = re.compile(r"^ {0,3}(?P<f>`{3,}(?!`)|~{3,}(?!~))(?P<info>[^\n]*)\n(?P<body>.*?)(?:^ {0,3}(?P=f)[`~]*[ \t]*$|\Z)",
                          re.DOTALL | re.MULTILINE)
_ALNUM = re.compile(r"\w", re.UNICODE)


# Each pattern above needs a literal that a plain ``in`` finds far faster than the regex
# scans the text: "<!--" for _COMMENT, "![" for _LINKED_IMAGE, "![" or "<" for _IMAGE, "<"
# for _TAG, "&" for _ENTITY, three backticks or tildes for _FENCE_BLOCK. The guards below
# only skip work that cannot change the text.


def strip_comments(md: str) -> str:
    return _COMMENT.sub(" ", md) if "<!--" in md else md


def image_count(md: str) -> int:
    if "![" not in md and "<" not in md:
        return 0
    md = strip_comments(md)
    return len(_IMAGE.findall(md))


def strip_markup(md: str) -> str:
    """``md`` without comments, images, tags and entities: what is left is prose/code."""
    md = strip_comments(md)
    if "![" in md:
        md = _LINKED_IMAGE.sub(" ", md)
    if "![" in md or "<" in md:
        md = _IMAGE.sub(" ", md)
    if "<" in md:
        md = _TAG.sub(" ", md)
    if "&" in md:
        md = _ENTITY.sub(" ", md)
    return md


def _has_fence(md: str) -> bool:
    return ("```" in md or "~~~" in md) and _FENCE_BLOCK.search(md) is not None


def fenced_blocks(md: str) -> list[tuple[str, str]]:
    """(info string, body) of every fenced code block."""
    if "```" not in md and "~~~" not in md:
        return []
    return [(m.group("info").strip(), m.group("body")) for m in _FENCE_BLOCK.finditer(md)]


def without_fences(md: str) -> str:
    return _FENCE_BLOCK.sub(" ", md) if "```" in md or "~~~" in md else md


def _answer_span(doc: Document, record: Record) -> tuple[int, int]:
    """Offsets of the record's answer, or of the end of its question when it has none."""
    if record.answer_md.strip():
        lead = len(record.answer_md) - len(record.answer_md.lstrip())
        tail = len(record.answer_md.rstrip())
        return record.answer_offset + lead, record.answer_offset + tail
    line = record.span.line_start
    return doc.offset(line), doc.offset(line) + len(doc.line(line))


def _question_label(record: Record) -> str:
    q = record.question.strip()
    return q if len(q) <= 80 else q[:77].rstrip() + "…"


# -- QA101 ---------------------------------------------------------------------------------

_TAG_NAME = re.compile(r"<([A-Za-z][\w.:-]*)(?:\s[^<>]*)?/?>")
_HTML_ELEMENTS = frozenset("""
    a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col
    colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2
    h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map mark meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section select
    small source span strong style sub summary sup table tbody td template textarea tfoot th thead time title tr
    track u ul var video wbr center font big tt strike nobr
    """.split())


def _hidden_tags(answer_md: str) -> list[str]:
    """Tag-like words of an answer that are no HTML element (``<repositories>``): a
    renderer drops them as unknown HTML, so a list of them shows as empty bullets."""
    names: list[str] = []
    for m in _TAG_NAME.finditer(mask_code_spans(answer_md)):
        tag = m.group(0)
        if m.group(1).lower() not in _HTML_ELEMENTS and tag not in names:
            names.append(tag)
    return names[:3]


class EmptyAnswer(Rule):
    """A question with no answer at all.

    Interview notes and study guides often list questions first and answer them later;
    the unanswered ones are stubs that should be written or removed before the notes are
    shared or turned into a dataset. An answer that holds only HTML comments, ``<br>``
    tags or a thematic break (``---``) is still empty. Answers that are only a stand-in
    ("TBD", "Answer here") are QA102, and answers that are only images are QA103.

    Question banks: a run of ``bank_min_questions`` or more list, bold or plain-line
    questions under one heading of which at least ``bank_min_share`` have nothing
    written after them but the rule that separates them ("---"; practice questions,
    "questions you may be asked", follow-ups)
    is unanswered by design; a question followed only by a few keyword bullets (an
    interviewer's hint: "- Symmetric", "- Asymmetric") counts towards the share, when
    at least half of the run is bare. It gets one ``info`` finding with the count instead of one
    error per question; so does every such question of a file whose list questions are
    at least ``bank_min_share`` unanswered (a short run under its own heading, "Coding
    questions", belongs to the bank the rest of the file is), and every such question of
    a file that answers none of them, two or more. A prompt whose only
    "answer" is the code it points at ("Make this work:", "What will each of these
    return?") counts as unanswered there. A file whose name or title says what it is
    ("List of questions", ``practice_questions.md``, "Questions you may be asked") gets
    no bank finding. A question introduced as an example ("**Example prompt.** "…"") shows
    what may be asked and gets no finding when nothing follows it. A stub among answered questions stays an error, and so does a
    question whose answer slot was made and left empty (an empty ``<details>`` block or
    a lone "Answer:" label): heading questions are part of a bank only when nearly all of a
    file's heading questions are unanswered (``heading_bank_share`` of at least
    ``heading_bank_min``: a list of questions written as headings), since a heading
    promises a section that answers it. An answer that is only a way back ("↥ back to
    top") is no answer, nor is one that is only the question's metadata table ("| Level |
    Easy |"), a divider naming the next section ("--- Intermediate Level ---") or two or
    more labels with nothing after them ("Situation:", "Task:", "Result:"). A
    question that is itself a link (an index entry such as
    ``1. [How do you find duplicates?](answers.md#q1)``) is answered where it points, and
    a labelled question ("Q2: ...") is answered by a later answer label naming its number
    ("A2:", "A1-A3:"): neither is reported, nor counted in its bank's count.

    An answer that is only tag-like words no HTML element has (``<repositories>``) renders
    as nothing, since renderers drop unknown HTML: its finding says so and suggests
    backticks.

    A Markdown file of zero bytes (or only whitespace) is reported once: a note that was
    created and never written (``empty_files``).

    A file that says it is a question bank, with ``<!-- curate: question-bank -->``
    anywhere or ``curate: question-bank`` in its front matter, or that matches a
    ``bank_files`` pattern, gets no QA101 finding for questions with nothing after them.

    Bad:

        ## 27. How are generative models applied in drug discovery?

        ## 28. Discuss the role of Generative AI in creative fields.

    Good:

        ## 27. How are generative models applied in drug discovery?

        They propose candidate molecules with the wanted properties, which are then
        screened in silico before any lab work.

    """

    code = "QA101"
    name = "empty-answer"
    summary = "A question with no answer"
    severity = Severity.ERROR
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        include_topics: bool = False
        """Also report topic notes (non-question headings) whose body is empty."""
        question_banks: bool = True
        """Report each bank of unanswered practice questions once, at info; false: not at all."""
        bank_min_questions: int = 3
        """Questions a run under one heading needs before it can be a bank."""
        heading_bank_min: int = 10
        """Heading questions a file needs before it can be a bank of headings."""
        heading_bank_share: float = 0.95
        """Share of a file's heading questions with no answer that makes the file a bank of
        headings ("#### Q. What is Azure?" a thousand times, nothing under any)."""
        bank_min_share: float = 0.8
        """Share of a run's questions with nothing after them that makes it a bank."""
        bank_files: tuple[str, ...] = ()
        """Glob patterns (corpus-relative paths) of files that are question banks."""
        empty_files: bool = True
        """Report Markdown files of zero bytes (or only whitespace)."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts = ctx.options or self.Options()
        if opts.empty_files and not doc.text.strip():
            size = len(doc.text.encode("utf-8", "surrogatepass"))
            what = "is empty (0 bytes)" if not size else f"holds only whitespace ({size} bytes)"
            yield self.finding(doc, 1, f"file {what}: write the note or remove the file", snippet="<empty file>")
            return
        records = doc.records
        scaffold = [_scaffolding_only(r.answer_md) for r in records]
        empty = [s or is_empty_answer(r.answer_md) for s, r in zip(scaffold, records)]
        # answered elsewhere: an index entry whose question is a link ("1. [How do you find
        # duplicates?](QA.md#q1)", QA301 checks the target), or "Q1: ..." answered further down
        # by "A1-A3: ..."; never reported, though it still belongs to the bank around it
        later = _numbered_answers(doc.text) if any(empty) and _ANSWER_BY_NUMBER.search(doc.text) else frozenset()
        linked = [e and (_links_to_answer(r) or (r.layout == "bold" and r.number in later))
                  for e, r in zip(empty, records)]
        bare = [e and (s or _nothing_written(r.answer_md)) for e, s, r in zip(empty, scaffold, records)]
        marked = is_bank_file(doc, opts.bank_files)
        unanswered = [b or _prompt_only(r) for b, r in zip(bare, records)]
        hinted = [u or _hint_only(r) for u, r in zip(unanswered, records)]
        banks = [] if marked else [
            bank for bank in question_banks(records, hinted, opts.bank_min_questions, opts.bank_min_share)
            if sum(unanswered[i] for i in bank) * 2 >= len(bank)]
        headed = [] if marked else heading_bank(records, empty, opts.heading_bank_min, opts.heading_bank_share)
        if headed:
            banks.append(headed)
        in_bank = {i for bank in banks for i in bank}
        for i, record in enumerate(records):
            if not empty[i] or linked[i] or (not record.is_question and not opts.include_topics):
                continue
            if (i in in_bank or marked) and (bare[i] or i in headed) and record.is_question:
                continue
            if record.is_question and is_example_prompt(record.question_md):
                continue
            nxt = records[i + 1] if i + 1 < len(records) else None
            if _is_container(record, nxt):
                continue
            what = "question" if record.is_question else "topic"
            hidden = _hidden_tags(record.answer_md)
            why = (f": its answer is only raw tags ({', '.join(hidden)}), which Markdown hides as unknown HTML; "
                   "wrap them in backticks") if hidden else ""
            yield self.finding(doc, record.span.line_start, f"{what} {_question_label(record)!r} has no answer{why}",
                               record=record, snippet=record.question, end_line=record.span.line_end)
        if not opts.question_banks or _declared_bank(doc):
            return
        for bank in banks:
            first, last = records[bank[0]], records[bank[-1]]
            count = sum(1 for i in bank if (unanswered[i] or (bank is headed and empty[i])) and not linked[i])
            if not count:
                continue  # an index of linked questions
            where = " / ".join(first.topic_path) or "the top of the file"
            if first.topic_path != last.topic_path:
                where = " / ".join(first.topic_path[:1]) or "this file"
            finding = self.finding(
                doc, first.span.line_start,
                f"{count} of {len(bank)} questions under {where!r} have no answer: a question bank? "
                f"(mark the file with <!-- curate: question-bank --> to silence this)",
                end_line=last.span.line_end, snippet=f"bank\x1f{where}\x1f{count}")
            yield replace(finding, severity=Severity.INFO)


_META_ROW = re.compile(rf"^\s*\|?\s*(?:\*\*|__)?{FIELD_KEYS}(?:\*\*|__)?\s*:?\s*\|", re.IGNORECASE)
"""A table row that labels the question ("| Level | Easy |", "| Company | Google |")."""
_TABLE_DELIM_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DIVIDER_LABEL = re.compile(r"^\s*[-=*_~]{3,}[^-=*_~\n]{0,40}?[-=*_~]{3,}\s*$")
"""A divider with a section label in it ("--- Intermediate Level: -----")."""


_EMPTY_LABEL = re.compile(r"^\s*(?:[-*+]\s+|\d{1,2}[.)]\s+)?(?:\*\*|__)?[A-Z][\w /&'-]{0,30}:(?:\*\*|__)?\s*$")
"""A label with nothing after it ("* Situation:", "**Result:**")."""


def _scaffolding_only(md: str) -> bool:
    """An answer that is only the question's metadata table ("| Level | Easy |"), a
    divider that labels the next section, or a template's labels left empty: nothing
    answers the question."""
    lines = [ln for ln in md.splitlines() if ln.strip()]
    if not lines or len(lines) > 6:
        return False
    if len(lines) == 1 and _DIVIDER_LABEL.match(lines[0]):
        return True
    if len(lines) >= 2 and all(_EMPTY_LABEL.match(ln) for ln in lines):
        return True  # "Situation:", "Task:", "Result:": a template's labels, none filled in
    return all(_META_ROW.match(ln) or _TABLE_DELIM_ROW.match(ln) for ln in lines) and any(_META_ROW.match(ln) for ln in lines)


_ANSWER_BY_NUMBER = re.compile(
    r"^[ \t]*(?:<br\s*/?>\s*)?(?:\*\*|__)?(?:A|Ans|Answer)\s?(\d{1,3}(?:\s*[-–,&]\s*(?:A|Ans|Answer)?\s?\d{1,3})*)"
    r"(?:\*\*|__)?\s*[:.)]", re.IGNORECASE | re.MULTILINE)
"""An answer label that names the numbers it answers: "A4:", "<br>A1-A3:", "A1, A3:", "**Ans 2.**"."""
_NUMBER_RANGE = re.compile(r"(\d{1,3})(?:\s*[-–]\s*(?:A|Ans|Answer)?\s?(\d{1,3}))?", re.IGNORECASE)


def _numbered_answers(text: str) -> frozenset[str]:
    """The question numbers that labelled answers of the file name ("A1-A3:" names 1, 2, 3)."""
    out: set[str] = set()
    for m in _ANSWER_BY_NUMBER.finditer(text):
        for r in _NUMBER_RANGE.finditer(m.group(1)):
            first, last = int(r.group(1)), int(r.group(2) or r.group(1))
            out.update(str(n) for n in range(first, min(last, first + 50) + 1))
    return frozenset(out)


_LINKED_QUESTION = re.compile(
    r"^[\s#>*+-]*(?:\d{1,4}[.)]\s*)?(?:[^\w\s\[<(*_#]{1,4}\s*)?(?:\*\*|__)?"
    r"(?:\[[^\]\n]{3,}\]\([^)\s]+(?:\s+\"[^\"]*\")?\)|<a\s[^>]*href=[^>]*>[^<\n]{3,}</a>)"
    r"(?:\*\*|__)?\s*[?.:]?\s*$", re.IGNORECASE)
"""A question line that is only a link (plus its number, marker and a final "?")."""


def _links_to_answer(record: Record) -> bool:
    """The question is a link: an index entry whose answer is at the target."""
    return record.is_question and bool(record.links) and _LINKED_QUESTION.match(record.question_md) is not None


_FENCE_ONLY = re.compile(r"\A\s*(?:(?:```|~~~)[^\n]*\n.*?\n\s*(?:```|~~~)[ \t]*(?:\n\s*|\Z))+\Z", re.S)
_POINTS_AT_CODE = re.compile(r"[:：]\s*$|\b(?:this|these|following|below|snippet|code)\b", re.I)


_FOLLOW_UPS = re.compile(r"\A(?:[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+[^\n]*\?[ \t]*(?:\n|\Z)\s*)+\Z")
"""An answer that is only a list of questions: follow-ups, not an answer."""


_THEMATIC_BREAK = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)


def _nothing_written(md: str) -> bool:
    """Nothing after the question but blank lines or the thematic break that separates
    it from the next ("---"): a bare question, as one with nothing at all after it."""
    return not _THEMATIC_BREAK.sub("", md).strip()


def _prompt_only(record: Record) -> bool:
    """A question whose "answer" is only a code block it points at ("Make this work:",
    "What will be returned by each of these?") or only follow-up questions ("* Can you
    give an example?"): part of the prompt, so in a bank the question counts as
    unanswered."""
    if not record.is_question:
        return False
    if _FOLLOW_UPS.match(record.answer_md) is not None:
        return True
    return bool(_POINTS_AT_CODE.search(record.question)) and _FENCE_ONLY.match(record.answer_md) is not None


_HINT_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?P<text>[^\n]*)$")
HINT_MAX_ITEMS = 5
HINT_MAX_WORDS = 6


def _hint_only(record: Record) -> bool:
    """A question followed only by a few keyword bullets ("- Symmetric", "- Asymmetric",
    "- JWT's"): an interviewer's hint in a question bank, not an answer. In a bank whose
    other questions are bare, it counts towards the bank, so its bare neighbours are not
    reported one by one."""
    if not record.is_question or record.layout not in _BANK_LAYOUTS:
        return False
    lines = [ln for ln in record.answer_md.splitlines() if ln.strip()]
    if not lines or len(lines) > HINT_MAX_ITEMS:
        return False
    for line in lines:
        m = _HINT_ITEM.match(line)
        if m is None or len(strip_markup(m.group("text")).split()) > HINT_MAX_WORDS:
            return False
    return True


_DECLARED = re.compile(r"(?<![a-z])(?:list[ _-]of[ _-](?:\w+[ _-])?questions|practice[ _-]questions|question[ _-]bank|"
                       r"questions[ _-](?:to|you[ _-](?:may|might|could|should)[ _-]be)[ _-]"
                       r"(?:ask(?:ed)?|practi[cs]e)|unanswered[ _-]questions)(?![a-z])", re.I)
"""A title or file name that says the file is a list of questions to practise."""


def _declared_bank(doc: Document) -> bool:
    """The file's name or title says it lists questions to practise ("Deep Learning -
    List of questions", ``practice_questions.md``): its banks need no finding."""
    title = next((line for line in doc.text[:2000].splitlines() if line.startswith("#")), "")
    return bool(_DECLARED.search(doc.rel_path.rsplit("/", 1)[-1]) or _DECLARED.search(title))


_BANK_MARKER = re.compile(r"<!--\s*curate:\s*question[- ]bank\s*-->|\A---\s*\n(?:[^\n]*\n){0,50}?curate:\s*question[- ]bank\s*\n",
                          re.IGNORECASE)
_BANK_LAYOUTS = frozenset({"list", "bold", "plain"})


def is_bank_file(doc: Document, patterns: tuple[str, ...] = ()) -> bool:
    """The file says it is a question bank (marker comment or front matter), or its path
    matches one of ``patterns``."""
    if patterns and any(fnmatch.fnmatchcase(doc.rel_path, p) for p in patterns):
        return True
    return "question" in doc.text[:200_000].lower() and _BANK_MARKER.search(doc.text.replace("\r\n", "\n")) is not None


def heading_bank(records: tuple[Record, ...], empty: list[bool], min_questions: int = 10,
                 min_share: float = 0.95) -> list[int]:
    """The file's heading questions when nearly all of them are unanswered (a list of
    questions written as headings: a practice bank, not stubs among answers), else []."""
    heads = [i for i, r in enumerate(records) if r.is_question and r.layout == "heading"]
    if len(heads) < max(1, min_questions) or sum(empty[i] for i in heads) < min_share * len(heads):
        return []
    return heads


def question_banks(records: tuple[Record, ...], bare: list[bool], min_questions: int = 3,
                   min_share: float = 0.8) -> list[list[int]]:
    """Runs of list, bold or plain-line questions under one heading (consecutive records
    with the same topic path) that are banks: at least ``min_questions`` long with at
    least ``min_share`` of them followed by nothing at all. When every such question of
    the file is bare (two are enough: nothing in the file is answered), or ``min_share`` of them are and no run of answered ones stands apart
    (there are ``min_questions`` of them), the whole file is one bank: a short run under
    its own heading ("Coding questions") belongs to the bank the rest of the file is."""
    runs: list[list[int]] = []
    for i, record in enumerate(records):
        if not (record.is_question and record.layout in _BANK_LAYOUTS):
            if runs and runs[-1]:
                runs.append([])
            continue
        if runs and runs[-1] and records[runs[-1][-1]].topic_path == record.topic_path:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [r for r in runs if r]
    members = [i for r in runs for i in r]
    if len(members) >= min(2, min_questions) and all(bare[i] for i in members):
        return [members]  # the whole file is a bank, even of two: one finding
    if len(members) >= min_questions and sum(bare[i] for i in members) >= min_share * len(members):
        # most of the file is unanswered: every run that is mostly unanswered is part of it
        kept = [i for r in runs if sum(bare[i] for i in r) * 2 > len(r) for i in r]
        if kept:
            return [kept]
    return [r for r in runs
            if any(bare[i] for i in r)
            and len(r) >= max(1, min_questions) and sum(bare[i] for i in r) >= min_share * len(r)]


def _is_container(record: Record, nxt: Record | None) -> bool:
    """True when the heading is followed at once by deeper-level headings (sub-questions
    "### a) …" under "## 3. …"): it groups them rather than waiting for an answer."""
    return (nxt is not None and record.level is not None and nxt.level is not None
            and nxt.level > record.level and nxt.span.line_start <= record.span.line_end + 2)


# -- QA102 ---------------------------------------------------------------------------------

DEFAULT_PLACEHOLDERS = (
    "tbd", "tba", "todo", "to do", "tbc", "wip", "work in progress", "fixme", "xxx",
    "answer here", "answer", "your answer here", "write answer here", "add answer here", "answer goes here",
    "add answer", "insert answer", "insert answer here", "fill in", "fill me in", "fill this in", "to fill",
    "coming soon", "to be added", "to be written", "to be completed", "to be updated", "to be done",
    "to be continued", "will be added", "will be added soon", "will update", "will update soon",
    "under construction", "placeholder", "pending", "not yet answered", "no answer yet",
    "lorem ipsum", "...", "…", "?", "??", "???", "-", "--", "n a",
    "tba soon", "will add later", "add later", "to be updated soon", "empty", "none yet", "nothing yet",
    "answer coming soon", "answer below", "todo answer", "answer todo", "answer tbd", "tbd answer",
    "not answered yet", "unanswered", "no answer", "to be answered", "answer later", "answer to be added",
    "yet to be answered", "yet to answer", "will answer later", "will be updated", "update soon",
)

DEFAULT_PLACEHOLDER_PATTERNS = (
    r"(?:add|write|insert|put|type|enter|fill in)? ?(?:your |the |an? )?"
    r"(?:answer|solution|explanation|content|text|description|details|notes?|response)s?(?: goes| will go)? here",
    r"(?:answer|solution|explanation|content|details)s? (?:coming soon|to be added|to come|tbd|tba|todo|pending|soon)",
    r"(?:coming|updating|update|more) soon",
    r"(?:the |this |your |my )?answers? (?:varies|vary|will vary|may vary|can vary|differs|depends)(?: \S+){0,25}",
)
"""Regular expressions over the normalised answer (lower case, words only), matched whole."""

_LABEL = re.compile(
    r"^\W*(?:(?:show|hide|click to (?:show|see|expand)|view|see)\s+)?(?:the\s+)?"
    r"(?:answers?|ans|solutions?|explanations?|responses?|a(?=\s*:))\W*$",
    re.IGNORECASE,
)
"""A label with nothing after it ("**Answer:**", "A:", a <summary>Answer</summary> of an
empty <details>): no content."""


_NAV_LINE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:next|previous|prev|back(?: to [\w ]{1,30})?|up|home|return to [\w ]{1,30}|"
    r"go to [\w ]{1,30}|continue(?: to| with| reading)?)\b[^\n\[]{0,20}\[[^\]\n]*\]\([^)\n]*\)[^\n]{0,40}$"
    r"|^[ \t]*(?:\*\*|__)?\[[^\]\n]*\]\(#[^)\n]*\)(?:\*\*|__)?[ \t]*$"
    r"|^[ \t]*(?:\*\*|__)?(?:next|previous|back to top)\b[^\n]{0,3}$",
    re.IGNORECASE | re.MULTILINE,
)
"""Navigation lines ("Next: [questions.md](questions.md)", "[Back to top](#top)"): no content."""


_NAV_TEXT = re.compile(r"\W*(?:(?:back|go|return|jump|scroll)\s+(?:to\s+)?(?:the\s+)?(?:top|contents|index)|top)\W*",
                       re.IGNORECASE)
"""An answer whose text, markup and HTML removed, is only a way back ("↥ back to top")."""
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f")
"""İ, ı and ſ: re's IGNORECASE equates them with i and s, ``str.lower`` does not, so a
lower-cased ``in`` test cannot rule out a case-insensitive match in text holding them."""


def might_match_words(md: str, words: tuple[str, ...]) -> bool:
    """False only when no lower-case ASCII word of ``words`` can occur in ``md`` under
    ``re.IGNORECASE``: a cheap test before a slow case-insensitive regex."""
    lowered = md.lower()
    return any(w in lowered for w in words) or any(t in md for t in _CASE_TRAPS)


def strip_navigation(md: str) -> str:
    # Every _NAV_LINE branch holds "](" or one of these words.
    if "](" in md or might_match_words(md, ("next", "previous", "back to top")):
        return _NAV_LINE.sub(" ", md)
    return md


_LABEL_SPACED = re.compile(_LABEL.pattern.replace(" ", r"\s+"), re.IGNORECASE)
"""_LABEL with any whitespace run where it has a space: matching it on a text is matching
_LABEL on the text with its whitespace collapsed (``" ".join(text.split())``), without
building that copy; _LABEL has no other literal spaces and \\W* takes the ends."""


def _has_words(text: str) -> bool:
    return _ALNUM.search(text) is not None and not _LABEL_SPACED.match(text)


def has_content_words(md: str) -> bool:
    """True when ``md`` has words besides a lone "Answer:" label and navigation links."""
    return _has_words(strip_markup(strip_navigation(md)))


_DOTS_ONLY = re.compile(r"\s*[.…?][\s.…?]*")
_QUOTED_LABEL = re.compile(r"^[\s>]*(?:(?:\*\*|__)?(?:answers?|ans|a)\s*:(?:\*\*|__)?)?", re.IGNORECASE)
"""Quote markers and an answer label before a stand-in: "> A: ...", "**A:** ..."."""


def _dots_only(text: str) -> bool:
    """Only dots or question marks, after quote markers and an answer label: a stand-in."""
    return _DOTS_ONLY.fullmatch(text[_QUOTED_LABEL.match(text).end():]) is not None  # type: ignore[union-attr]


@functools.lru_cache(maxsize=1024)
def is_empty_answer(md: str) -> bool:
    """True when ``md`` holds no words, images or code, or only an "Answer:" label.
    (Memoised: QA101 and QA102 both ask it of every answer of a file.)"""
    if image_count(md) or _has_fence(md):
        return False
    text = strip_markup(md)
    if _dots_only(text):
        return False  # "...", "> A: ..." or "???": a stand-in (QA102), not nothing
    navless = strip_navigation(md)
    plain = text if navless == md else strip_markup(navless)
    if _NAV_TEXT.fullmatch(plain):
        return True  # '<a href="#">↥ back to top</a>' under an unanswered question
    if _has_words(plain):
        return False
    # a one-symbol quiz answer ("$", "=>", "%") is an answer; punctuation alone is not
    return not any(unicodedata.category(ch)[0] == "S" for ch in plain)


def normalize_placeholder(text: str) -> str:
    """Lower case, markup, brackets and punctuation removed ("**[TBD]**" → "tbd",
    "N/A" → "n a"); text that is only punctuation is kept ("...")."""
    text = strip_markup(text).replace("\u00a0", " ").strip().lower()
    text = _MARKER_AT_LINE_START.sub("", text)
    if text.isascii():  # the same words, by a table lookup instead of a regex
        words = " ".join(text.translate(_ASCII_NON_WORD_TO_SPACE).split())
    else:
        words = _NON_WORD.sub(" ", text).strip()
    return words if words else "".join(text.split())


_MARKER_AT_LINE_START = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+", re.MULTILINE)
_ASCII_NON_WORD_TO_SPACE = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum())})
"""ASCII characters that [\\W_] matches (all but letters and digits) → space."""


_LINK_ITEM = r"""(?:\*\*|__|\*|_)?
        (?:\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\([^)\s]*(?:\s+"[^"]*")?\)  # [text](url), [[Answer]](url)
          |\[[^\]\n]*\]\[[^\]\n]*\]                   # [text][ref]
          |<(?:https?|ftp)://[^>\s]+>                # <url>
          |(?:https?|ftp)://\S+                      # bare url
          |<a\s[^>]*>[^<]*</a>)                      # <a href>
        (?:\*\*|__|\*|_)?"""
_LINK_LEAD = r"""(?:(?:see|read|refer\ to|check(?:\ out)?|watch|link|source|ref|reference|answer|more|details|here)
              \s*(?:[:\-–—]\s*|\s+)
            |(?:[\w'’()-]+\s+){0,5}[\w'’()-]+\s*[:\-–—]\s*)?           # "Good explanation here:"
        """
_LONE_LINK = re.compile(
    rf"""^\s*(?:[-*+]\s+|\d+[.)]\s+)?{_LINK_LEAD}{_LINK_ITEM}\s*[.,;:]?\s*(?:\((?:video|pdf|paper|article|blog)\))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_LINK_LINE = re.compile(
    rf"""^\s*(?:[-*+]\s+|\d+[.)]\s+)?{_LINK_LEAD}{_LINK_ITEM}\s*[.,;:]?\s*(?:\([^)\n]{{0,30}}\))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_ASKS_FOR_ADDRESS = re.compile(r"\b(?:urls?|uris?|endpoints?|web ?address(?:es)?|hostnames?|domain names?)\b", re.I)
"""A question about an address ("the path-style URL convention for a bucket"): a URL
alone answers it."""
_ASKS_FOR_LINKS = re.compile(
    r"\b(?:resources?|books?|courses?|papers?|links?|references?|tutorials?|readings?|videos?|blogs?|"
    r"websites?|sites?|tools?|libraries|repos?|repositories|datasets?|materials?|mirrors?|downloads?|"
    r"where (?:can|do|should) (?:i|you|we))\b",
    re.IGNORECASE,
)


_LINK_LABEL = re.compile(r"^\s*(?:\*\*|__|\*|_)?[^\W\d][\w'’ -]{0,40}:(?:\*\*|__|\*|_)?\s*$")
"""One short label line ending in ":" ("Useful resources:") above a list of links."""


def links_only(md: str) -> int:
    """How many links ``md`` holds when every line of it is a link, one short label line
    ("Useful resources:") aside (0 otherwise)."""
    count = labels = 0
    for ln in strip_comments(md).splitlines():  # stops at the first line that is no link
        if not ln.strip() or not _ALNUM.search(_TAG.sub("", ln) if "<" in ln else ln):
            continue
        if not _LINK_LINE.match(ln):
            if labels < 1 and _LINK_LABEL.match(ln):
                labels += 1  # "Useful resources:" above the links
                continue
            return 0
        count += 1
    return count


class PlaceholderAnswer(Rule):
    """An answer that is only a stand-in for one: "TBD", "TODO", "Answer here", "Coming
    soon", "...", an empty code block, or a lone link. A short answer that opens by
    deferring ("Answer varies by individual experience. Could be weekly or monthly.") is
    one too: it tells the reader there is no answer (``patterns``).

    A lone link (``[see this](https://…)`` or a bare URL, optionally after "See:") as the
    whole answer points elsewhere instead of answering; a link followed by real prose is
    an answer and is not reported. Lines that are only a stand-in (``- [TBD]``) inside a
    longer answer or section are reported too, when ``report_lines`` is on.

    Bad:

        **What is mean average precision at k?**

        Answer here

        ## What is a transformer?
        [Attention is all you need](https://arxiv.org/abs/1706.03762)

    Good:

        ## What is a transformer?
        [Attention is all you need](https://arxiv.org/abs/1706.03762) introduced it: a
        network built only from attention layers, which replaced recurrence.
    """

    code = "QA102"
    name = "placeholder-answer"
    summary = "An answer that is only a placeholder (TBD, Answer here, a lone link)"
    severity = Severity.ERROR
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        phrases: tuple[str, ...] = DEFAULT_PLACEHOLDERS
        """Whole-answer stand-ins, compared after removing markup, brackets, case and punctuation."""
        patterns: tuple[str, ...] = DEFAULT_PLACEHOLDER_PATTERNS
        """Regular expressions matched against the whole normalised answer ("your answer here")."""
        max_extra_words: int = 4
        """Words allowed after a leading stand-in ("TODO: add an example")."""
        lone_link: bool = True
        """Report an answer that is a single link and nothing else."""
        links_only: bool = True
        """Report an answer that is a list of links and nothing else, unless the question
        asks for resources, books, papers or links."""
        empty_code: bool = True
        """Report an answer that is only empty code blocks."""
        report_lines: bool = True
        """Report lines that are only a stand-in, and ``[TBD]`` markers, inside longer answers and sections."""
        include_topics: bool = True
        """Also check topic notes (non-question headings with a body)."""
        legend_markers: bool = True
        """Report questions carrying a marker the file's legend defines as "no answer yet"."""
        stub_words: int = 2
        """An answer of at most this many words (no code block, link or picture) to a question that
        asks to explain, describe, discuss or compare is a stub ("Explain the confusion
        matrix." / "TP"); 0: off."""

        def __post_init__(self) -> None:
            for pattern in self.patterns:  # a bad pattern is a config error (exit 2), found early
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"patterns: {pattern!r} is not a valid regular expression ({exc})") from None

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: PlaceholderAnswer.Options = ctx.options or self.Options()
        phrases = _normalized(tuple(opts.phrases))
        try:
            patterns = tuple(re.compile(p, re.IGNORECASE) for p in opts.patterns)
        except re.error as exc:
            raise ValueError(f"{self.code} option patterns: invalid regular expression: {exc}") from None
        line_phrases = _line_phrases(phrases)
        whole_lines: set[int] = set()
        reported: set[str] = set()
        for record in doc.records:
            if not record.is_question and not opts.include_topics:
                continue
            why = self.placeholder_reason(record.answer_md, phrases, opts, record.is_question, patterns,
                                          record.question)
            if why is None:
                continue
            reported.add(record.id)
            start, end = _answer_span(doc, record)
            whole_lines.update(range(doc.locate(start)[0], doc.locate(end)[0] + 1))
            what = "question" if record.is_question else "topic"
            yield self.finding_at(doc, start, end, f"{what} {_question_label(record)!r} has a placeholder answer: {why}",
                                  record=record, snippet=f"{record.question}\x1f{doc.text[start:end]}")
        if opts.report_lines:
            for start, end, text, line_record in _stand_in_lines(doc, line_phrases):
                line = doc.locate(start)[0]
                if line in whole_lines:
                    continue
                if line_record is not None:
                    reported.add(line_record.id)
                what = "template placeholder" if _TEMPLATE_SLOT.fullmatch(text.strip()) else "placeholder line" \
                    if doc.text[start:end] == doc.line(line).strip().lstrip("-*+> ").strip() \
                    or not _BRACKET_MARKER.fullmatch(text.strip()) else "unfinished marker"
                yield self.finding_at(doc, start, end, f"{what} {text.strip()!r}", record=line_record)
        if opts.legend_markers:
            yield from self._marked_unanswered(doc, reported)

    def _marked_unanswered(self, doc: Document, reported: set[str]) -> Iterator[Finding]:
        """Questions carrying the file's own "no answer yet" marker, as its legend defines
        it ("Questions marked *** don't have answer yet"), unless already reported."""
        if "marked" not in doc.text:
            return
        legend = _LEGEND.search(doc.text)
        if legend is None:
            return
        marker = legend.group("m")
        legend_line = doc.locate(legend.start())[0]
        for record in doc.records:
            if not record.is_question or record.id in reported:
                continue
            plain = _TAG.sub(" ", record.question_md).strip()
            if not plain.endswith((" " + marker, "\t" + marker)):
                continue
            yield self.finding(doc, record.span.line_start,
                               f"question {_question_label(record)!r} is marked {marker!r}: "
                               f"no answer yet or an incomplete one (legend at line {legend_line})",
                               record=record, end_line=record.span.line_end,
                               snippet=f"{record.question}\x1fmarked {marker}")

    @staticmethod
    def placeholder_reason(md: str, phrases: frozenset[str], opts: PlaceholderAnswer.Options,
                           is_question: bool = True, patterns: tuple[re.Pattern[str], ...] = (),
                           question: str = "") -> str | None:
        """Why ``md`` (a whole answer) is a stand-in, or None when it is an answer."""
        if len(md) > LONG_ANSWER:
            return None  # far longer than any stand-in or list of links
        if is_empty_answer(md):
            return None  # empty: QA101
        md = strip_navigation(md)
        prose = strip_markup(without_fences(md))
        blocks = fenced_blocks(md)
        if blocks:
            if opts.empty_code and not _ALNUM.search(prose) and all(not b.strip() for _, b in blocks):
                return "an empty code block"
            return None
        if image_count(md):
            return None  # images are content (or QA103)
        if "[" in md and _TEMPLATE_SLOT.fullmatch(strip_comments(md).strip()):
            return "a template slot left unfilled"
        if _dots_only(prose):  # "> A: ...": the label and the quote hide nothing
            return repr(next(ln.strip() for ln in prose.splitlines() if ln.strip())[:40])
        norm = normalize_placeholder(md)
        if not norm:
            return None
        unlabelled = re.sub(r"^(?:answers?|ans|solution|a)\s+(?=\S)", "", norm)
        if any(_is_stand_in(n, phrases, opts.max_extra_words) or any(p.fullmatch(n) for p in patterns)
               for n in {norm, unlabelled}):
            first = next((ln.strip() for ln in strip_markup(md).splitlines() if ln.strip()), norm)
            return repr(first[:40])
        if opts.lone_link and is_question and not _ASKS_FOR_ADDRESS.search(question):
            if _LONE_LINK.match(strip_comments(md).strip().replace("\n", " ")):
                return "a lone link (link to an answer, or write one)"
            if opts.links_only and links_only(md) > 1 and not _ASKS_FOR_LINKS.search(question):
                return "only links (summarise the answer, keep the links as sources)"
        if opts.stub_words and is_question and _ASKS_TO_EXPLAIN.match(question) and "](" not in md and "://" not in md:
            words = [w for w in prose.split() if _ALNUM.search(w)]
            if len(words) <= opts.stub_words:
                return f"{' '.join(words)!r}, a stub for a question that asks to explain"
        return None


_LEGEND = re.compile(
    r"(?:questions?|answers?|items?|entries)\s+marked\s+(?:with\s+|as\s+)?(?:\*\*|__)?`?(?P<m>\*{2,4}|[^\s`*\w]{1,4})`?"
    r"(?:\*\*|__)?[^.\n]{0,50}?\b(?:no\s+answers?|answers?\s+yet|not\s+(?:yet\s+)?answered|incomplete|unfinished|"
    r"missing|to\s+be\s+(?:completed|answered|done|written))",
    re.IGNORECASE,
)
"""A legend that defines a "no answer yet" marker: "Questions marked `***` don't have
answer yet or answer is incomplete"."""

_ASKS_TO_EXPLAIN = re.compile(
    r"^\W*(?:explain|describe|discuss|elaborate(?:\s+on)?|compare|contrast|walk\s+(?:me\s+|us\s+)?through)\b", re.I)
"""A question that asks for an explanation: one or two words never answer it."""

LONG_ANSWER = 3000
"""Characters beyond which an answer is never a stand-in (keeps the rule fast)."""

_LEADING_MARKERS = frozenset({
    "tbd", "tba", "tbc", "todo", "wip", "fixme", "xxx", "coming soon", "to be added", "to be written",
    "to be completed", "answer here", "under construction", "work in progress", "lorem ipsum",
})
"""Stand-ins that still mean "not written yet" when a few words follow ("TODO: add example")."""
_TOO_COMMON_FOR_LINES = frozenset({"answer", "pending", "to do", "n a", "?", "??", "-", "--"})


_BRACKET_MARKER = re.compile(r"[\[(](?:TBD|TBA|TODO|WIP|FIXME)\b[^\])\n]{0,60}[\])]")


@functools.lru_cache(maxsize=16)
def _normalized(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_placeholder(p) or p for p in phrases)


@functools.lru_cache(maxsize=16)
def _line_phrases(phrases: frozenset[str]) -> frozenset[str]:
    """The stand-ins looked for on single lines: with a word, and not too common."""
    return frozenset(p for p in phrases if re.search(r"\w", p) and p not in _TOO_COMMON_FOR_LINES)


@functools.lru_cache(maxsize=16)
def _shortest_phrases(phrases: frozenset[str]) -> tuple[str, ...]:
    """``phrases`` without those that contain another one ("answer tbd" holds "tbd"): some
    phrase occurs in a text exactly when one of these does, with fewer ``in`` tests."""
    return tuple(sorted(p for p in phrases if not any(q != p and q in p for q in phrases)))


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line of ``text``, line ending excluded (fast: no regex)."""
    pos, n = 0, len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        yield pos, end - 1 if end > pos and text[end - 1] == "\r" else end
        pos = end + 1


_STAND_IN_BODY = re.compile(r"[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+|>[ \t]*)?(?P<text>\S.*?)[ \t]*$")
_NON_WORD = re.compile(r"[\W_]+")


def _stand_in_lines(doc: Document, phrases: frozenset[str]) -> Iterator[tuple[int, int, str, Record | None]]:
    """(start, end, text, record) of lines that are only a stand-in ("- [TBD]", "TODO:
    add example"), and bracketed markers inside a line ("metrics [TBD]"), in answers and
    sections; code and comments are skipped."""
    first_words = {p.split()[0] for p in phrases if p.split()}
    shortest = _shortest_phrases(phrases)
    parts: list[tuple[int, str, Record | None]] = [(r.answer_offset, r.answer_md, r) for r in doc.records]
    parts += [(s.offset, s.markdown, None) for s in doc.extras]
    for offset, md, record in parts:
        if not md or not any(ch.isalpha() for ch in md):
            continue
        lowered = md.lower()
        markers = any(m in md for m in ("TBD", "TODO", "TBA", "WIP", "FIXME"))
        slots = "[" in md and ":" in md or "[" in md and _SLOT_WORDS.search(lowered) is not None
        if not markers and not slots and not any(p in lowered for p in shortest):
            continue  # cheap: no phrase occurs anywhere in this part
        masked = _mask(md)
        whole: list[tuple[int, int]] = []
        if slots:
            for m in _TEMPLATE_SLOT.finditer(masked):
                start, end = m.start("text"), m.end("text")
                whole.append((start, end))
                yield offset + start, offset + end, md[start:end], record
        for line_start, line_end in _lines(masked):
            if line_end - line_start > 70 or line_end == line_start:
                continue
            line = masked[line_start:line_end]
            words = [w for w in _NON_WORD.sub(" ", line).lower().split() if not w.isdigit()]
            if not words or words[0] not in first_words or len(words) > 12:
                continue
            body = _STAND_IN_BODY.match(line)
            if body and not _CODE_LINE.search(line) and _is_stand_in(normalize_placeholder(body.group("text")), phrases):
                start, end = line_start + body.start("text"), line_start + body.end("text")
                whole.append((start, end))
                yield offset + start, offset + end, md[start:end], record
        if markers:
            for b in _BRACKET_MARKER.finditer(masked):
                if not any(s <= b.start() < e for s, e in whole):
                    yield offset + b.start(), offset + b.end(), b.group(0), record


def _is_stand_in(norm: str, phrases: frozenset[str], max_extra: int = 4) -> bool:
    if not norm:
        return False
    if norm in phrases:
        return True
    words = norm.split()
    return any(" ".join(words[:n]) in phrases and " ".join(words[:n]) in _LEADING_MARKERS
               and 0 < len(words) - n <= max_extra for n in (1, 2, 3))


def _mask(md: str) -> str:
    """``md`` with code blocks, comments and callout types blanked (same length, so
    offsets hold)."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    masked = _COMMENT.sub(blank, _ANY_FENCE.sub(blank, md))
    return _CALLOUT_TYPE.sub(blank, masked) if "[!" in masked else masked


_CALLOUT_TYPE = re.compile(r"\[![A-Za-z][\w-]*\][+-]?")
"""The type of a GitHub alert or Obsidian callout ("> [!todo] Yes, they can."): a box's
kind, not a marker that the text is unfinished."""


_ANY_FENCE = re.compile(r"^[ \t]*(?P<f>`{3,}(?!`)|~{3,}(?!~))[^\n]*\n.*?(?:^[ \t]*(?P=f)[`~]*[ \t]*$|\Z)",
                        re.DOTALL | re.MULTILINE)
"""A fenced block at any indentation (inside list items too), for masking only."""
_CODE_LINE = re.compile(r"[=;{}]|\w\(")
"""A line that reads as code ("todo={todo}", "xxx(arr)"): never a stand-in."""
_SLOT_WORDS = re.compile(r"\[(?:insert|add|your|enter|fill|describe|write|put|replace)\b")
# -- QA103 ---------------------------------------------------------------------------------


class ImageOnlyContent(Rule):
    """A question, topic or section whose only content is images.

    Text inside a screenshot cannot be searched, quoted, checked for duplicates or read
    by a screen reader, and a dataset built from the notes gets an empty answer. Alt
    texts and captions that are only the file name do not count as text. Status badges
    (build, coverage, licence) are not content and are not counted, nor is a picture that
    links to a page or video (a thumbnail button: the content is what it opens).

    Bad:

        ## Advanced Topics

        ![image](https://github.com/user-attachments/assets/3ed64ac1.png)

        ![image](https://github.com/user-attachments/assets/e0bd96e2.png)

    Good:

        ## Advanced Topics

        Diffusion models learn to reverse a gradual noising process.

        ![Forward and reverse diffusion](diffusion.png)

    """

    code = "QA103"
    name = "image-only-content"
    summary = "A question or section whose only content is images"
    severity = Severity.WARNING
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        min_images: int = 1
        """Images needed before a text-less block is reported."""
        include_sections: bool = True
        """Also check headed sections that are no question or topic."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: ImageOnlyContent.Options = ctx.options or self.Options()
        for record in doc.records:
            n = self._image_only(record.answer_md, opts)
            if n and record.is_question and _is_question_figure(doc, record):
                continue  # the question's own figure; a missing answer is QA101's
            if n and _LINKED_HEADING.match(doc.line(record.span.line_start)):
                continue
            if n and not _has_subsections(doc, record.span.line_start, record.span.line_end):
                what = "question" if record.is_question else "topic"
                yield self.finding(doc, record.span.line_start,
                                   f"{what} {_question_label(record)!r} has only {_images(n)} and no text",
                                   end_line=record.span.line_end, record=record, snippet=record.question)
        if not opts.include_sections:
            return
        for section in doc.extras:
            if section.kind != "section":
                continue
            n = self._image_only(section.markdown, opts)
            if n == 1 and _is_title(doc, section.span.line_start):
                continue  # a banner under the document's title
            if n and _LINKED_HEADING.match(doc.line(section.span.line_start)):
                continue  # "## [View online](https://…)" over a banner: a promo, not a section
            if n and not _has_subsections(doc, section.span.line_start, section.span.line_end):
                label = section.heading or "(untitled)"
                yield self.finding(doc, section.span.line_start,
                                   f"section {label!r} has only {_images(n)} and no text",
                                   end_line=section.span.line_end, snippet=f"{section.heading}\x1f{n}")

    @staticmethod
    def _image_only(md: str, opts: ImageOnlyContent.Options) -> int:
        n = image_count(md)
        if n and BADGE.search(md):
            n -= sum(1 for m in _IMAGE.finditer(strip_comments(md)) if BADGE.search(m.group(0)))
        if n and "](" in md:
            n -= sum(1 for m in _LINKED_THUMBNAIL.finditer(strip_comments(md)) if not _IMAGE_FILE.search(m.group("to")))
        if n < max(1, opts.min_images) or fenced_blocks(md):
            return 0
        return 0 if has_content_words(_CAPTION_LINE.sub(" ", md)) else n


_LINKED_THUMBNAIL = re.compile(r"\[!\[[^\]\n]*\]\([^)\n]*\)\]\((?P<to>[^)\s]+)")
"""A picture that links to a page ("[![YouTube logo](yt.svg)](https://youtube.com/watch?v=…)"):
the content is the video or page it opens, the picture its button."""
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|avif)(?:[?#]|$)", re.I)
_CAPTION_LINE = re.compile(
    r"^[ \t]*(?:[*_]{1,2})?(?:image |figure |fig\.? ?|photo |picture )?(?:\d+[ :.]*)?"
    r"(?:source|credits?|courtesy|via)\b[ \t]*[:\-–—][^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
"""Credit lines under a picture ("Image source: [colah.github.io](…)"): not text about it."""


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_LINKED_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?:\*\*|__)?\[[^\]\n]*\]\([^)\n]*\)(?:\*\*|__)?[ \t#]*$")
"""A heading that is only a link ("## [View online](https://…)"): navigation or a promo."""


def _is_question_figure(doc: Document, record: Record) -> bool:
    """The image-only "answer" starts on the line right after the question line, in the
    same paragraph or list item ("1. How well would SVM work here?" then
    "![image](svm2.png)"): it is the question's figure, not an answer."""
    if record.layout in ("heading", "details", "table", "anki", "section"):
        return False  # a heading's or a block's own body is its answer
    md = record.answer_md
    lead = len(md) - len(md.lstrip(" \t"))
    if md[:lead].count("\n") or md.lstrip(" \t").startswith(("\n", "\r")):
        return False
    first_line = doc.locate(record.answer_offset + lead)[0]
    return first_line == record.span.line_start + 1 and bool(doc.line(record.span.line_start).strip())


def _has_subsections(doc: Document, first: int, last: int) -> bool:
    """True when the heading at ``first`` is followed, right after ``last``, by a deeper
    heading: its image illustrates a section whose text is in the subsections."""
    head = _ATX.match(doc.line(first))
    if head is None:
        return False
    line = last + 1
    while line <= doc.line_count and not doc.line(line).strip():
        line += 1
    if line > doc.line_count:
        return False
    sub = _ATX.match(doc.line(line))
    return sub is not None and len(sub.group(1)) > len(head.group(1))


def _is_title(doc: Document, line: int) -> bool:
    """True when ``line`` is the document's first heading."""
    for number, text in doc.lines():
        if _ATX.match(text):
            return number == line
        if number >= line:
            return False
    return False


def _images(n: int) -> str:
    return "1 image" if n == 1 else f"{n} images"


# -- QA104 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """One entry of the residue list: its pattern body, where it may match, why, and
    lower-case hints (one must occur in the text for the pattern to be tried)."""

    body: str
    where: str
    message: str
    hints: tuple[str, ...] = ()
    literal: bool = False
    """True when ``body`` is ``(?<!\\w)`` + a literal phrase + ``(?!\\w)``."""
    removable: bool = False
    """The sentence the phrase starts is all residue: the finding offers to delete it."""


def _literal(text: str) -> str:
    """A literal phrase as a pattern: any whitespace run for a space, ’ for '."""
    parts = [r"\s+" if ch.isspace() else "['’]" if ch in "'’" else re.escape(ch) for ch in text.strip()]
    return re.sub(r"(?:\\s\+)+", lambda m: r"\s+", "".join(parts))


WHERE = ("anywhere", "line-start", "answer-edge", "whole-line")
"""Where a residue phrase may match (see ``data/residue.toml``)."""


def compile_phrase(entry: dict[str, Any]) -> Phrase:
    """A ``[[phrase]]`` table of the residue data file as a Phrase."""
    where = entry.get("where", "anywhere")
    if where not in WHERE:
        raise ValueError(f"residue phrase: unknown where={where!r}")
    if "regex" in entry:
        body = entry["regex"].replace("'", "['’]")
        hints = entry.get("hint", ())
        hints = (hints,) if isinstance(hints, str) else tuple(hints)
    else:
        body = rf"(?<!\w){_literal(entry['text'])}(?!\w)"
        hints = (max(entry["text"].lower().split(), key=len),)
    re.compile(body)  # fail early on a bad pattern
    fix = entry.get("fix")
    if fix not in (None, "sentence"):
        raise ValueError(f"residue phrase: unknown fix={fix!r}")
    return Phrase(body, where, entry.get("message", "chatbot residue"), tuple(h.lower() for h in hints),
                  literal="regex" not in entry, removable=fix == "sentence")


_WORD_START = r"(?<!\w)"
_IGNORECASE_TWINS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
"""Non-ASCII characters re.IGNORECASE matches with an ASCII letter (İ ı, Kelvin sign, ſ)."""


def _search_pattern(phrase: Phrase) -> re.Pattern[str]:
    """``phrase.body`` compiled case-insensitively for a search through a whole file.

    A literal phrase that starts with a letter gets that letter as a case-sensitive class
    of every character IGNORECASE equates with it, and its word-start test right after
    it: the same matches, but the search jumps between candidate letters instead of trying
    the pattern at every position (an IGNORECASE letter gives re no prefix to skip to)."""
    first = phrase.body[len(_WORD_START):len(_WORD_START) + 1]
    if not (phrase.literal and phrase.body.startswith(_WORD_START) and first.isascii() and first.isalpha()):
        return re.compile(phrase.body, re.IGNORECASE)
    low = first.lower()
    letters = f"[{low}{low.upper()}{_IGNORECASE_TWINS.get(low, '')}]"
    rest = phrase.body[len(_WORD_START) + 1:]
    return re.compile(f"{letters}(?<!\\w{letters})(?i:{rest})")


@dataclass(frozen=True)
class PhraseSet:
    """The residue list compiled for one pass over a text: one alternation for all
    line-start phrases and one for whole-line phrases (tried once per line), and the
    anywhere phrases each behind a cheap substring check."""

    phrases: tuple[Phrase, ...]
    line_start: re.Pattern[str] | None
    """Line-start and answer-edge phrases (where an answer edge is checked afterwards)."""
    whole_line: re.Pattern[str] | None
    anywhere: tuple[tuple[Phrase, re.Pattern[str]], ...]

    @classmethod
    def build(cls, phrases: Iterable[Phrase]) -> PhraseSet:
        phrases = tuple(phrases)

        def alternation(where: tuple[str, ...], wrap: str) -> re.Pattern[str] | None:
            alts = [f"(?P<p{i}>{p.body})" for i, p in enumerate(phrases) if p.where in where]
            return re.compile(wrap.format("|".join(alts)), re.IGNORECASE) if alts else None

        return cls(
            phrases,
            alternation(("line-start", "answer-edge"), r"(?m)^[ \t]{{0,3}}(?:(?:[-*+]|\d+[.)])[ \t]+|>[ \t]?)*(?:\*\*|__|\*|_)?(?:{})"),
            alternation(("whole-line",), r"(?m)^[ \t]*(?:{})[ \t]*\r?$"),
            tuple((p, _search_pattern(p)) for p in phrases if p.where == "anywhere"),
        )

    def find(self, text: str) -> Iterator[tuple[int, int, Phrase]]:
        """(start, end, phrase) of every match, in no particular order."""
        lowered = text.lower()
        for phrase, pattern in self.anywhere:
            if phrase.hints and not any(h in lowered for h in phrase.hints):
                continue
            for m in pattern.finditer(text):
                yield m.start(), m.end(), phrase
        for line_pattern in (self.whole_line, self.line_start):
            if line_pattern is None:
                continue
            for m in line_pattern.finditer(text):
                name = m.lastgroup or ""
                yield m.start(name), m.end(name), self.phrases[int(name[1:])]


@functools.lru_cache(maxsize=8)
def load_phrases(extra: tuple[str, ...] = (), groups: tuple[str, ...] = ()) -> PhraseSet:
    """The bundled residue list plus extra literal phrases (matched anywhere). Entries
    with a ``group`` are left out unless that group is in ``groups``."""
    data = tomllib.loads(resources.files("curate.rules").joinpath("data/residue.toml").read_text(encoding="utf-8"))
    phrases = [compile_phrase(e) for e in data.get("phrase", []) if e.get("group") is None or e["group"] in groups]
    phrases += [compile_phrase({"text": t, "where": "anywhere", "message": "configured residue phrase"}) for t in extra]
    return PhraseSet.build(phrases)


class AssistantResidue(Rule):
    """Leftover chatbot text pasted with an answer: "Sure, here's…", "Certainly!",
    "Would you like me to…", "As an AI language model", "I hope this helps", citation
    markers such as ``:contentReference[oaicite:0]``, "Copy code" buttons.

    Notes written with a chatbot's help often keep its openers and offers, which read
    oddly to a person and teach a model trained on the notes to produce them. Phrases
    that are normal inside a sentence ("make sure, here…") are only matched at the start
    of a line or list item, and a phrase right after a quotation mark (a quote of what
    not to say) is skipped. Code blocks are not checked. The phrase list is data
    (``curate/rules/data/residue.toml``); add your own with ``extra_phrases``.

    Bad:

        ## What is overfitting?
        Sure! Here's a concise explanation: the model memorises its training data.
        Would you like me to add an example?

    Good:

        ## What is overfitting?
        The model memorises its training data and does worse on new data.

    Offers to do more are residue in any wording: "Would you like me to…", "I can also
    expand on…", "Happy to elaborate…", "Let me know if you'd like…", "If you want, I
    can…", and openers such as "Sure — here's…", "Here's a concise explanation…".
    So is a chatbot handing back the user's text reworked: "Here's the reformatted
    content…", "Here is the updated notes list:", "… based on your specifications",
    "As per your request, here are…" ("the updated list of supported platforms" and
    "pick a plan based on your requirements" are a person's words).

    Openers and closers that a note may also quote as an example ("Sure, let's…",
    "Certainly!", "Great question!", "I hope this helps!", "Feel free to ask…", "Let me
    know if you'd like…") are reported only on the first line or in the last paragraph
    of an answer, where a chatbot puts them. Openers, closers and offers carry an unsafe
    fix (``curate fix --unsafe``) that deletes the sentence, or the line when nothing
    else is on it.

    """

    code = "QA104"
    name = "assistant-residue"
    summary = "Leftover chatbot text (Sure, here's…; Would you like me to…)"
    severity = Severity.WARNING
    scope = "document"
    fixable = Fixability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        extra_phrases: tuple[str, ...] = ()
        """More phrases to report, matched anywhere outside code."""
        chatbot_links: bool = False
        """Also report links carrying ``utm_source=chatgpt.com`` (off: the parameter is
        harmless and only hints that a chatbot found the link)."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: AssistantResidue.Options = ctx.options or self.Options()
        text = _mask_doc(doc.text)
        seen: list[tuple[int, int]] = []
        for start, end, phrase in sorted(load_phrases(tuple(opts.extra_phrases), ("chatbot-links",) if opts.chatbot_links else ()).find(text), key=lambda t: (t[0], -t[1])):
            if end <= start or any(start < e and s < end for s, e in seen):
                continue
            if start > 0 and text[start - 1] in "\"'“‘`«":
                continue
            record = _record_at(doc, doc.locate(start)[0])
            if phrase.where == "answer-edge" and not _at_answer_edge(text, start, record):
                continue
            seen.append((start, end))
            context = record.question if record is not None else ""
            fix = _sentence_fix(doc.text, start, end) if phrase.removable else None
            yield self.finding_at(doc, start, end, f"{phrase.message}: {doc.text[start:end].strip()[:60]!r}",
                                  record=record, fix=fix, snippet=f"{context}\x1f{doc.text[start:end]}")


def _mask_doc(text: str) -> str:
    """Document text with fenced code and indented code blanked (offsets kept)."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    return _FENCE_BLOCK.sub(blank, text)


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _at_answer_edge(masked: str, start: int, record: Record | None) -> bool:
    """Whether ``start`` is on the first line of the first paragraph, or in the last
    paragraph, of its record's answer (of the file outside records). Code is blank in
    ``masked``, so a block of code separates paragraphs and ends nothing; a trailing
    link line or thematic break ends nothing either."""
    lo, hi = (record.answer_offset, record.answer_offset + len(record.answer_md)) if record is not None else (0, len(masked))
    if not lo <= start < hi:
        return False  # in the question itself
    body = masked[lo:hi]
    first = len(body) - len(body.lstrip())
    last = len(body.rstrip())
    first_line_end = body.find("\n", first)
    if lo + first <= start and (first_line_end < 0 or start < lo + first_line_end):
        return True
    breaks = [first] + [m.end() for m in _BLANK_LINE.finditer(body, 0, last)]
    while len(breaks) > 1 and _FURNITURE.fullmatch(body[breaks[-1]:last].strip()):
        last = len(body[:breaks.pop()].rstrip())  # "[⬆ Back to Top](#contents)", "---", "<br>"
    return lo + breaks[-1] <= start < lo + last


_FURNITURE = re.compile(r"(?:[*_]{0,2}\[[^\]\n]*\]\([^)\n]*\)[*_]{0,2}|<[^<>\n]*>|(?:[-*_][ \t]*){3,})")
"""A last paragraph that is only a link, a tag or a thematic break: page furniture
after the answer, so the paragraph before it ends the answer."""


_SENTENCE_END = re.compile(r"[.!?:…]+(?=\s|$)")
_MARKUP_ONLY = re.compile(r"[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+|>[ \t]?)*(?:\*\*|__|\*|_)?")


def _sentence_fix(text: str, start: int, end: int) -> Fix:
    """Delete the sentence a residue phrase starts (through its full stop, or the colon
    of "Sure, let's break it down:"); the whole line when nothing else is on it, and
    then one of the blank lines around it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    m = _SENTENCE_END.search(text, max(start, end - 1), line_end)
    stop = m.end() if m else line_end
    while stop < line_end and text[stop] in " \t":
        stop += 1
    if _MARKUP_ONLY.fullmatch(text, line_start, start) and not re.search(r"\w", text[stop:line_end]):
        cut_end = min(line_end + 1, len(text))
        before_blank = line_start == 0 or not text[text.rfind("\n", 0, line_start - 1) + 1:line_start].strip()
        next_end = text.find("\n", cut_end)
        next_line = text[cut_end:len(text) if next_end < 0 else next_end + 1]
        if before_blank and next_line and not next_line.strip():
            cut_end += len(next_line)
        return Fix(line_start, cut_end, "", "delete the chatbot line", safe=False)
    what = f"delete {text[start:stop].strip()!r}"
    if stop < line_end and text[stop].islower() and _MARKUP_ONLY.fullmatch(text, line_start, start):
        return Fix(start, stop + 1, text[stop].upper(), what, safe=False)  # the answer now starts the line
    return Fix(start, stop, "", what, safe=False)


def _record_at(doc: Document, line: int) -> Record | None:
    for record in doc.records:
        if record.span.line_start <= line <= record.span.line_end:
            return record
    return None


RULES: list[type] = [EmptyAnswer, PlaceholderAnswer, ImageOnlyContent, AssistantResidue, TemplatePlaceholder]
