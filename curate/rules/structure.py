"""Rule family: structure and layout (QA601 unclosed-fence, QA602 numbering, QA603
question-format, QA604 whitespace).

Fences and code lines come from the shared line scan (:mod:`curate.rules.support.mdscan`), so
whitespace inside code is never touched; numbering and question format read the parsed
records.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from curate.corpus.codespans import mask_code_spans
from curate.corpus.hashline import unspaced_headings
from curate.corpus.model import Document, Record
from curate.rules.base import Finding, Fix, Fixability, Related, Rule, RuleContext, Severity
from curate.rules.links import github_slug
from curate.rules.support.mdscan import Scan, record_at, scan

# -- QA601 ------------------------------------------------------------------------------

_DETAILS_TAG = re.compile(r"<(/?)details\b[^<>]*>", re.I)
_REOPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([A-Za-z][\w+#.-]*)[ \t]*$")


_CONTAINER = re.compile(r"^ {0,3}(:{3,})(.*)$")
"""A container fence line: ``::: warning Title`` opens, a bare ``:::`` closes."""


class UnclosedFence(Rule):
    """A fenced code block that is never closed, or one that looks re-opened while open;
    likewise a ``<details>`` block or an HTML comment that is never closed.

    An unclosed fence turns the rest of the file into code: later questions vanish from
    the rendered page and from the parsed dataset. Also reported: a line such as
    ```` ```python ```` inside an open block with the same fence: an opening fence cannot
    close a block, so the previous block was almost certainly left open and code and
    prose are swapped from there on.

    Bad:

        ```bash
        git clone https://github.com/acme/project.git
        (end of file)

    Good:

        ```bash
        git clone https://github.com/acme/project.git
        ```

    The fix (safe: the rendering does not change) appends the closing fence at the end of
    the file.

    A ``<details>`` without its ``</details>`` folds the rest of the page into the
    collapsed block, and an HTML comment (``<!--`` starting a line) without ``-->`` hides
    it; both are reported at the opening line, without a fix (where the block should have
    ended is for the author to say). Tags in code and inline code are not counted.
    So is a custom container (``::: tip``, ``:::warning``, ``::: {.note}``: VitePress,
    Docusaurus, Pandoc) that no ``:::`` line closes: the rest of the page renders inside it.
    """

    code = "QA601"
    name = "unclosed-fence"
    summary = "A code fence, <details> block, ::: container or HTML comment that is never closed"
    severity = Severity.ERROR
    scope = "document"
    fixable = Fixability.SAFE

    @dataclass(frozen=True)
    class Options:
        check_reopen: bool = True
        """Also report an opening fence inside an open block with the same fence."""
        check_html: bool = True
        """Also report a ``<details>`` block or an HTML comment that is never closed."""
        check_containers: bool = True
        """Also report a ``::: tip`` container (VitePress, Docusaurus, Pandoc) that is never closed."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: UnclosedFence.Options = ctx.options or self.Options()
        s = scan(doc)
        findings: list[Finding] = []
        last_line = len(s.lines)
        for fence in s.fences:
            opening = s.lines[fence.line - 1]
            label = f"{fence.marker}{fence.info}" if fence.info else fence.marker
            if fence.end_line is None:
                text = doc.text
                newline = "\r\n" if "\r\n" in text else "\n"
                lead = "" if text.endswith(("\n", "\r")) else newline
                fix = Fix(len(text), len(text), f"{lead}{' ' * fence.indent}{fence.marker}{newline}",
                          description=f"close the {label} fence at the end of the file")
                findings.append(self.finding(
                    doc, fence.line,
                    f"code fence {label} opened here is never closed: everything after it renders as code",
                    column=fence.indent + 1, end_line=last_line, record=record_at(doc, fence.line),
                    fix=fix, snippet=opening.strip()))
            if not opts.check_reopen:
                continue
            stop = fence.end_line if fence.end_line is not None else last_line + 1
            for number in range(fence.line + 1, stop):
                m = _REOPEN.match(s.lines[number - 1])
                if m and m.group(2)[0] == fence.marker[0] and len(m.group(2)) == len(fence.marker):
                    findings.append(self.finding(
                        doc, number,
                        f"{m.group(2)}{m.group(3)} inside the code block opened at line {fence.line}: "
                        f"that block was probably never closed",
                        column=len(m.group(1)) + 1, record=record_at(doc, number),
                        related=(Related(doc.path, fence.line, "block opened here"),),
                        snippet=s.lines[number - 1].strip()))
                    break
        if opts.check_html:
            findings.extend(self._unclosed_html(doc, s))
        if opts.check_containers and ":::" in doc.text:
            findings.extend(self._unclosed_containers(doc, s))
        return findings

    def _unclosed_containers(self, doc: Document, s: Scan) -> list[Finding]:
        """``::: tip`` containers (VitePress, Docusaurus, Pandoc divs) never closed by a
        ``:::`` line at least as long: a closer closes the innermost one open."""
        opened: list[tuple[int, int, str]] = []
        for index, line in enumerate(s.lines):
            if s.code[index] or s.comment[index]:
                continue
            m = _CONTAINER.match(line)
            if m is None:
                continue
            if m.group(2).strip():
                opened.append((index + 1, len(m.group(1)), line.strip()))
            elif opened and len(m.group(1)) >= opened[-1][1]:
                opened.pop()
        return [self.finding(doc, line, f"container '{text[:40]}' opened here is never closed: "
                                        "the rest of the page renders inside it",
                             record=record_at(doc, line), snippet=text[:60]) for line, _, text in opened]

    def _unclosed_html(self, doc: Document, s: Scan) -> list[Finding]:
        """Unclosed ``<details>`` openers and a comment block that runs to the end of the file."""
        findings: list[Finding] = []
        if "<details" in doc.text or "<DETAILS" in doc.text:
            opened: list[int] = []
            for index, line in enumerate(s.lines):
                if s.code[index] or s.comment[index] or "etails" not in line.lower():
                    continue
                for m in _DETAILS_TAG.finditer(mask_code_spans(line)):
                    if m.group(1):
                        if opened:
                            opened.pop()
                    else:
                        opened.append(index + 1)
            for opener in opened:
                findings.append(self.finding(
                    doc, opener, "<details> opened here is never closed: the rest of the page folds into it",
                    record=record_at(doc, opener), snippet=s.lines[opener - 1].strip()[:60]))
        if s.comment and s.comment[-1] and "-->" not in s.lines[-1]:
            start = len(s.comment)
            while start > 1 and s.comment[start - 2]:
                start -= 1
            start -= 1  # the line that opened the comment is not marked
            if start >= 1 and "<!--" in s.lines[start - 1]:
                findings.append(self.finding(
                    doc, start, "HTML comment opened here is never closed (no -->): the rest of the file is hidden",
                    record=record_at(doc, start), snippet=s.lines[start - 1].strip()[:60]))
        return findings


# -- QA602 ------------------------------------------------------------------------------

_NUMBER = re.compile(r"^(?:Q(?:uestion)?|#|No\.?)?\s*(\d{1,5})$", re.I)


def question_number(record: Record) -> int | None:
    """The record's question number as an int ("18", "Q18" → 18), None for "a", "1.2"."""
    if record.number is None:
        return None
    m = _NUMBER.match(record.number.strip().rstrip(".):"))
    return int(m.group(1)) if m else None


_PROMISE = re.compile(
    r"\btop[ \t]+(?P<n>\d{1,4})\b(?!\s*(?:%|percent|years?|days?|hours?))"
    r"|\b(?P<n2>\d{1,4})\+?[ \t]+(?:[\w.+#/-]+[ \t]+){0,4}?(?:interview[ \t]+)?(?:questions|q&as?|qs)\b",
    re.IGNORECASE,
)
"""'Top 50 ...', '100 Python interview questions', '75 Q&As' in a title."""
_SECTION_PROMISE = re.compile(r"\[(?P<t>[^\]]{1,80})\]\(#(?P<a>[^)\s]+)\)[^\n]{0,40}?\b(?P<n>\d{1,4})[ \t]+questions\b", re.I)
"""A contents line giving a section's count: '[Junior](#junior) | 65 questions'."""
_HTML_ANCHOR = re.compile(r"""<a\s[^>]*?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.I)


class Numbering(Rule):
    """Gaps, repeats and restarts in numbered questions.

    Numbered questions are followed in file order, separately for each layout and
    heading level (a file may number its ``##`` questions and, inside answers, its
    ``###`` steps). Reported: a jump ("4 → 21: questions 5–20 are missing"), a repeat
    ("7, 7") and a step back ("12 → 3"). Numbering that restarts at 1 under a new topic
    heading or after a thematic break (``---``) is a legitimate per-section restart and
    stays quiet, and so does a number written at another heading level ("#### 1.",
    "### 2.", "#### 3.": QA603 reports the level; one series spread over two levels,
    "## 22." then "### 23.", "### 25." then "## 27.", has its gap 24 reported once); the first number of a
    file may be anything (part two of a series), and a numbered title ("# 4. Machine
    Learning System Design", the file's first heading) numbers the file in its series, so
    ``# 1.`` sections after it start their own count. A bare title at the questions' own
    level ("## Additional questions" right before "## 1. ...") starts a new count too; a
    new section may also go on counting (16, 17, 18 after 1–15). One number out of step
    between two that follow each other ("2, 30, 4", "5, 5, 7") is reported once, at that
    number, with the number it should have. List-layout questions are skipped:
    Markdown renumbers ordered lists, so ``1. 1. 1.`` renders as 1, 2, 3. A jump names
    only the numbers that start no line in between (a line the parser did not take as a
    question still holds its number), and a series with three or more jumps that leave
    out a fifth of its range is a selection keyed by a source's numbers (an answer page
    for items 6, 15, 16, 20 ... of an exam): its jumps are not reported.

    Bad:

        ## 4. What is fine-tuning?
        ## 21. What is transfer learning?

    Good:

        ## 4. What is fine-tuning?
        ## 5. What is transfer learning?

    Also reported: a title (the first heading, or a front matter ``title:``) that
    promises a number of questions ("Top 50 Generative AI Interview Questions") when
    the file holds fewer (counting question records and the
    highest question number), only for files with questions of their own; likewise a
    contents line that links to a section and gives its count ("| [Senior](#senior) |
    99 questions |") over a section that holds fewer (but some) questions. Question
    numbers after an inline anchor (``<a name=x></a>64. ...``) or an emoji shortcode are
    read too.

    """

    code = "QA602"
    name = "numbering"
    summary = "Gaps, repeats or restarts in numbered questions"
    severity = Severity.WARNING
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        max_gap: int = 500
        """Larger jumps are not sequence numbers (years, ids)."""
        check_promised_count: bool = True
        """Report a title that promises more questions than the file holds ("Top 50")."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: Numbering.Options = ctx.options or self.Options()
        s = scan(doc)
        findings: list[Finding] = []
        # Numbered headings, read from the source so the parser's question/topic choice
        # does not open gaps; the section is the nearest shallower heading.
        by_level: dict[int, list[_Item]] = {}
        enclosing: dict[int, int] = {}
        for line, level, raw in s.headings:
            for deeper in [k for k in enclosing if k >= level]:
                del enclosing[deeper]
            m = _HEADING_NUMBER.match(_LEAD_MARKUP.sub("", raw) if raw[:1] in "<:" else raw)
            if m:
                section = max((ln for lv, ln in enclosing.items() if lv < level), default=0)
                by_level.setdefault(level, []).append(_Item(int(m.group(1)), line, section, "heading"))
            enclosing[level] = line
        breaks = [i + 1 for i, text in enumerate(s.lines) if _THEMATIC_BREAK.match(text) and not s.code[i]]
        numbered = sorted((item.line, item.number) for items in by_level.values() for item in items)
        for level, items in by_level.items():
            if level == 1 and len(items) > 1 and items[0].line == s.headings[0][0] and items[1].number == 1:
                items = items[1:]  # "# 4. ML System Design" numbers the file in a series; its sections count from 1
            # a bare title at this level ("## Additional questions" right before "## 1. ...")
            # starts a new series as a section does; a same-level note with text of its own does not
            headed = [ln for ln, lv, _raw in s.headings if lv == level and _bare_title(s, ln)]
            findings.extend(self._walk(doc, items, opts, breaks=sorted(breaks + headed), numbered=numbered))
        # Bold, plain, list, table and details questions: one sequence per file.
        inline: list[_Item] = []
        for record in doc.records:
            if record.layout == "heading" or not record.is_question:
                continue
            n = question_number(record)
            if n is not None:
                inline.append(_Item(n, record.span.line_start, hash(record.topic_path), record.layout))
        findings.extend(self._walk(doc, inline, opts, s, breaks=breaks))
        if opts.check_promised_count:
            findings.extend(self._promised(doc, s, by_level, inline))
            findings.extend(self._promised_sections(doc, s))
        findings.sort(key=lambda f: f.line)
        return findings

    def _promised(self, doc: Document, s: Scan, by_level: dict[int, list[_Item]],
                  inline: list[_Item]) -> list[Finding]:
        """A title that promises N questions ("Top 50 ... Questions") over a file that
        holds fewer. Only the title (the front matter's ``title:`` or the first
        heading) is read, and only when the file
        has questions of its own (an index that links to other files promises nothing
        about itself)."""
        titles = [t for t in (_front_matter_title(s), s.headings[0][::2] if s.headings else None) if t]
        found = next(((line, m) for line, raw in titles if (m := _PROMISE.search(raw))), None)
        if found is None:
            return []
        line, m = found
        promised = int(m.group("n") or m.group("n2"))
        questions = [r for r in doc.records if r.is_question]
        if not questions:
            return []
        numbers = [item.number for items in by_level.values() for item in items] + [item.number for item in inline]
        held = max(len(questions), max(numbers, default=0))
        if held < promised:  # questions in a layout the parser skipped still count ("**Q11: ...** - ...")
            held = max(held, _labelled_numbers(s))
        if held >= promised:
            return []
        return [self.finding(doc, line, f"the title promises {promised} questions but the file holds {held}",
                             record=record_at(doc, line), snippet=f"promise\x1f{promised}\x1f{held}")]

    def _promised_sections(self, doc: Document, s: Scan) -> list[Finding]:
        """A contents line that links to a section of the file and gives its count
        ("| [Senior Sysadmin](#senior-sysadmin) | 99 questions |") over a section that holds
        fewer questions (but some: a section the parser finds none in says nothing)."""
        if "questions" not in doc.text:
            return []
        sections: dict[str, tuple[int, int]] = {}
        for k, (line, level, raw) in enumerate(s.headings):
            end = next((ln for ln, lv, _ in s.headings[k + 1:] if lv <= level), len(s.lines) + 1)
            for anchor in {github_slug(raw), *(m.group(1).lower() for m in _HTML_ANCHOR.finditer(raw))}:
                sections.setdefault(anchor, (line, end))
        starts = [r.span.line_start for r in doc.records if r.is_question]
        findings = []
        for i, text in enumerate(s.lines):
            if s.code[i] or "#" not in text:
                continue
            m = _SECTION_PROMISE.search(text)
            if m is None or m.group("a").lower() not in sections:
                continue
            first, end = sections[m.group("a").lower()]
            promised = int(m.group("n"))
            held = sum(1 for ln in starts if first < ln < end)
            if 0 < held < promised:
                findings.append(self.finding(
                    doc, i + 1, f"this line promises {promised} questions in '{m.group('t')}' but its section "
                    f"(line {first}) holds {held}", record=record_at(doc, i + 1),
                    snippet=f"promise\x1f{m.group('a')}\x1f{promised}\x1f{held}"))
        return findings
    def _walk(self, doc: Document, items: list[_Item], opts: Numbering.Options, source: Scan | None = None,
              *, breaks: list[int], numbered: list[tuple[int, int]] | None = None) -> list[Finding]:
        """Follow one sequence. ``breaks`` are thematic-break lines (a ``---`` starts a new
        series as a heading does); ``numbered`` are all numbered headings ``(line, number)``,
        so a number written at another heading level (a level slip, QA603's business) is
        not missing."""
        findings: list[Finding] = []
        if not items:
            return findings
        selection = _selection(items, opts.max_gap)
        prev = items[0]
        for k, item in enumerate(items[1:], 2):
            n, prev_n = item.number, prev.number
            line = item.line
            related: tuple[Related, ...] = (Related(doc.path, prev.line, f"number {prev_n}"),)
            message: str | None = None
            renumbered = item.layout == "list" and prev.layout == "list"
            after = items[k] if k < len(items) else None
            if n == prev_n + 1:
                pass
            elif n == 1 and _new_series(source, breaks, prev, item):
                pass  # numbering restarts per section (or under any heading or thematic break in between)
            elif after is not None and after.number == prev_n + 2 and not _new_series(source, breaks, prev, item) \
                    and not _new_series(source, breaks, item, after):
                # one number out of step ("316, 317, 317, 319", "3, 30, 5"): it is the mistake, not its neighbours
                between = f"between {prev_n} (line {prev.line}) and {prev_n + 2} (line {after.line})"
                message = (f"number {n} is used twice: {between} it should be {prev_n + 1}" if n == prev_n
                           else f"number {n} should be {prev_n + 1}: it stands {between}")
                related += (Related(doc.path, after.line, f"number {after.number}"),)
                item = dataclasses.replace(item, number=prev_n + 1)
            elif renumbered and (n == 1 or n == prev_n):
                pass  # Markdown renumbers ordered lists ("1. 1. 1.")
            elif n == prev_n:
                message = f"number {n} is used twice (also at line {prev.line})"
            elif n > prev_n + 1:
                lost = _unheaded(numbered or [], prev.line, line, prev_n + 1, n - 1)
                if source is not None and lost:
                    lost = _unwritten(source, prev.line, line, lost)
                if n - prev_n <= opts.max_gap and lost and not selection:
                    message = (f"numbering jumps from {prev_n} to {n}: number{'s' if len(lost) > 1 else ''} "
                               f"{_spans(lost)} {'are' if len(lost) > 1 else 'is'} missing")
            elif n == 1:
                message = f"numbering restarts at 1 after {prev_n} within the same section"
            else:
                message = f"numbering goes back from {prev_n} to {n}"
            if message:
                findings.append(self.finding(doc, line, message, record=record_at(doc, line), related=related,
                                             snippet=f"{prev_n}->{n}"))
            prev = item
        return findings


_Q_LABEL_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+)?(?:[-*+]\s+)?(?:\*\*|__)?Q(?:uestion)?[ \t]*(\d{1,4})\b", re.I)
_Q_RANGE = re.compile(r"\bQ(?:uestions?)?[ \t]*\d{1,4}[ \t]*[-–][ \t]*Q?[ \t]*(\d{1,4})\b", re.I)


_FRONT_TITLE = re.compile(r"""^title:[ \t]*["']?(.+?)["']?[ \t]*$""")


def _front_matter_title(s: Scan) -> tuple[int, str] | None:
    """``(line, title)`` of the front matter's ``title:`` (a static site's page title,
    often the file's only title), or None."""
    if not s.lines or s.lines[0].strip() != "---":
        return None
    for index, text in enumerate(s.lines[1:60], 2):
        if text.strip() in ("---", "..."):
            return None
        m = _FRONT_TITLE.match(text)
        if m:
            return index, m.group(1)
    return None


def _labelled_numbers(s: Scan) -> int:
    """The highest question number the text itself shows, outside code: a line labelled
    "Q11" (bold, a heading or a list item) or a heading's range "(Q11-20)"."""
    high = 0
    for index, line in enumerate(s.lines):
        if s.code[index] or "q" not in line.lower():
            continue
        m = _Q_LABEL_LINE.match(line)
        if m:
            high = max(high, int(m.group(1)))
    for _line, _level, raw in s.headings:
        for m in _Q_RANGE.finditer(raw):
            high = max(high, int(m.group(1)))
    return high


def _bare_title(s: Scan, line: int) -> bool:
    """Whether the heading on ``line`` is followed by another heading with only blank
    lines between: a title over what follows, with no text of its own."""
    for text in s.lines[line:]:
        if text.strip():
            return text.lstrip().startswith("#")
    return False


def _new_series(s: Scan | None, breaks: list[int], prev: _Item, item: _Item) -> bool:
    """Whether ``item`` may start a new series after ``prev``: another section, or a
    heading (of an inline sequence) or a break line between them."""
    return (item.section != prev.section or _heading_between(s, prev.line, item.line)
            or any(prev.line < b < item.line for b in breaks))


def _heading_between(s: Scan | None, first: int, last: int) -> bool:
    """True when a heading line lies strictly between lines ``first`` and ``last``."""
    return s is not None and any(first < line < last for line, _level, _raw in s.headings)


def _unheaded(numbered: list[tuple[int, int]], first: int, last: int, low: int, high: int) -> list[int]:
    """The numbers low..high still missing once headings of any level between lines first
    and last are counted: "#### 1.", "### 2.", "#### 3." slipped a level and lost no
    question. A number inside the span of those headings is their own series' gap (that
    series reports it), so only numbers outside it are left here."""
    held = {n for line, n in numbered if first < line < last and low <= n <= high}
    if not held:
        return list(range(low, high + 1))
    inside = range(min(held), max(held) + 1)
    return [n for n in range(low, high + 1) if n not in held and n not in inside]


def _spans(numbers: list[int]) -> str:
    """"23–26", "24" or "4, 7–9": ascending numbers as runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def _unwritten(s: Scan, first: int, last: int, lost: list[int]) -> list[int]:
    """The numbers of ``lost`` that start no line between lines first and last: a line
    the parser did not take as a question ("* Q14: floor of Class E airspace") still
    holds its number, and the message must not call it missing."""
    wanted = set(lost)
    for index in range(first, last - 1):
        if s.code[index]:
            continue
        m = _LINE_NUMBER.match(s.lines[index])
        if m:
            wanted.discard(int(m.group(1)))
    return [n for n in lost if n in wanted]


SELECTION_JUMPS = 3
SELECTION_SHARE = 0.2


def _selection(items: list[_Item], max_gap: int) -> bool:
    """Numbers that are a source's item numbers, not a count: ``SELECTION_JUMPS`` or more
    jumps that leave out ``SELECTION_SHARE`` or more of the range (an answer page for
    questions 6, 15, 16, 20, 25 ... of an exam; a mock test quoting its bank's numbers).
    A question lost from a numbered list leaves one gap or two in a long run."""
    jumps = missing = 0
    for prev, item in zip(items, items[1:]):
        gap = item.number - prev.number - 1
        if 0 < gap < max_gap:
            jumps += 1
            missing += gap
    numbers = [item.number for item in items]
    span = max(numbers) - min(numbers) + 1
    return jumps >= SELECTION_JUMPS and missing >= SELECTION_SHARE * span


_LINE_NUMBER = re.compile(r"^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)?(?:Q(?:uestion)?\s*)?(\d{1,4})[.):]", re.I)


@dataclass(frozen=True, slots=True)
class _Item:
    number: int
    line: int
    section: int
    layout: str


_LEAD_MARKUP = re.compile(r"^(?:\s*(?:<[A-Za-z/][^<>]*>|:[a-z0-9_+-]+:))+\s*")
"""Inline HTML anchors and emoji shortcodes before a heading's number
("<a name=20190707></a>64. What ...")."""
_HEADING_NUMBER = re.compile(r"^(?:\*\*|__|\*|_)?(?:Q(?:uestion)?[ \t]*)?(\d{1,4})(?:[.):]|\*\*[.):]?)(?!\d)", re.I)


# -- QA603 ------------------------------------------------------------------------------

_NO_SPACE = re.compile(
    r"^(\s{0,3}(?:#{1,6}[ \t]+|[-*+][ \t]+)?(?:\*\*|__)?(?:Q(?:uestion)?[ \t]*)?\d{1,4}[.)])"
    r"(?=[A-Z\"“'\[`(]|[a-z]{2}|(?:\*\*|__|\*|_)(?![\s*_]|$))"
)


_BARE_NUMBER = re.compile(r"^ {0,3}(\d{1,4})[ \t]+(?=[^\W\d])")
_ATX_LINE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+#*)?[ \t]*$")


class QuestionFormat(Rule):
    """A question line that breaks the file's own format.

    * No space after the number: ``# 18.What is self-attention?`` (the number and the
      first word run together; ``1.5`` or ``3.x`` are left alone). Checked on question
      lines and on every heading. Fix (safe): insert the space.
    * A question heading at a level that breaks the file's dominant pattern: when at
      least ``min_questions`` heading questions exist and ``dominant_share`` of them use
      one level, a question heading shallower than that level (it reads as a new topic
      and breaks the outline) or deeper without an enclosing topic heading is reported.
      A question numbered among the section headings of its own level and parent
      (``## 1. What is OOP?`` before ``## 2. Classes``) follows that outline and is left
      alone.

    Bad:

        # 18.What is self-attention?
        ## 19. What is a transformer?      (every other question is "#")

    Good:

        # 18. What is self-attention?
        # 19. What is a transformer?

    * No delimiter after the number of a list question: ``13 What is an IAM role?``
      right after item ``12.`` is shown as a paragraph, not as item 13. Fix (unsafe: the
      rendering changes): insert the ``.``.

    * An empty heading (``##`` alone), and a line such as ``#Model 2`` or
      ``#####Question`` with no space after the hashes, which GitHub and CommonMark show
      as text with the hashes, not as a heading. Lines that look like code (``#include``,
      ``#x = 1``), rule lines (``#-----``), colours (``#fff``), hashtags and ``#1 ...``
      are left alone, and so are Obsidian and Logseq tags: a nested tag
      (``#flashcards/networks``), a page tag (``#[[open question]]``), the deck tag
      ``#flashcards`` or a lone ``#word`` in a note that uses tags elsewhere. A lone
      ``#Introduction`` in a note without tags is still reported (and parsed as the
      heading it was meant to be). Fix (unsafe: the rendering changes): insert the space.

    """

    code = "QA603"
    name = "question-format"
    summary = "A question heading without a space after its number ('# 18.What') or off the file's level"
    severity = Severity.WARNING
    scope = "document"
    fixable = Fixability.BOTH

    @dataclass(frozen=True)
    class Options:
        check_levels: bool = True
        """Report question headings at a level that breaks the file's dominant pattern."""
        min_questions: int = 5
        """Heading questions a file needs before its levels are judged."""
        dominant_share: float = 0.8
        """Share of the heading questions that must use one level for it to be the pattern."""
        check_headings: bool = True
        """Report empty headings and "#Title" lines with no space after the hashes."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: QuestionFormat.Options = ctx.options or self.Options()
        s = scan(doc)
        findings: list[Finding] = []
        lines: set[int] = {line for line, _level, _raw in s.headings}
        for record in doc.records:
            if record.is_question:
                lines.add(record.span.line_start)
        for number in sorted(lines):
            if number > len(s.lines) or s.code[number - 1]:
                continue
            text = s.lines[number - 1]
            m = _NO_SPACE.match(text)
            if not m:
                continue
            at = doc.offset(number, m.end() + 1)
            sep_start = at - 1
            findings.append(self.finding_at(
                doc, sep_start, at + 1 if at < len(doc.text) else at,
                f"no space after the number '{m.group(1).strip().lstrip('#-*+ ').lstrip('*_')}'",
                record=record_at(doc, number), snippet=text.strip(),
                fix=Fix(at, at, " ", description="insert a space after the number")))
        findings.extend(self._bare_numbers(doc))
        if opts.check_levels:
            findings.extend(self._levels(doc, opts))
        if opts.check_headings:
            findings.extend(self._headings(doc, s))
        findings.sort(key=lambda f: (f.line, f.column))
        return findings

    def _bare_numbers(self, doc: Document) -> list[Finding]:
        """"13 What ...?" after list item "12.": the parser reads it as item 13, Markdown
        as a paragraph."""
        findings: list[Finding] = []
        for record in doc.records:
            if not record.is_question or record.layout != "plain" or not record.number:
                continue
            m = _BARE_NUMBER.match(record.question_md)
            if m is None or m.group(1) != record.number:
                continue
            at = doc.offset(record.span.line_start, m.end(1) + 1)
            findings.append(self.finding_at(
                doc, at - len(m.group(1)), at,
                f"no delimiter after the number '{m.group(1)}': shown as a paragraph, not as list item {m.group(1)}",
                record=record, snippet=record.question_md.strip(),
                fix=Fix(at, at, ".", description="insert a '.' after the number", safe=False)))
        return findings

    def _headings(self, doc: Document, s: Scan) -> list[Finding]:
        """Empty headings ("##" alone) and "#Model 2" (no space after the hashes: GitHub
        shows the hashes as text, not a heading; ``corpus.hashline`` says which lines, so
        the parser reads the same lines as headings)."""
        findings: list[Finding] = []
        for line, level, raw in s.headings:
            if raw.strip(" #\t") or not _ATX_LINE.match(s.lines[line - 1]):
                continue
            findings.append(self.finding(doc, line, f"empty heading ('{'#' * level}' with no text)",
                                         record=record_at(doc, line), snippet=f"empty\x1f{'#' * level}"))
        hidden = [code or comment for code, comment in zip(s.code, s.comment)]
        for index, m in unspaced_headings(s.lines, hidden, s.table):
            at = doc.offset(index + 1, m.end(2) + 1)
            findings.append(self.finding_at(
                doc, at - len(m.group(2)), at, f"no space after '{m.group(2)}': this is shown as text, not a heading",
                record=record_at(doc, index + 1), snippet=s.lines[index].strip(),
                fix=Fix(at, at, " ", description="insert a space after the hashes", safe=False)))
        return findings

    def _levels(self, doc: Document, opts: QuestionFormat.Options) -> list[Finding]:
        questions = [r for r in doc.records if r.is_question and r.layout == "heading" and r.level]
        if len(questions) < opts.min_questions:
            return []
        counts = Counter(r.level for r in questions if r.level is not None)  # all of them: level is truthy
        level, used = counts.most_common(1)[0]
        if used / len(questions) < opts.dominant_share:
            return []
        findings: list[Finding] = []
        prev_dominant: Record | None = None
        s = scan(doc)
        title_line = _title_line(s)
        question_lines = {r.span.line_start for r in questions}
        for record in questions:
            if record.level == level:
                prev_dominant = record
                continue
            assert record.level is not None
            if record.span.line_start == title_line:
                continue  # the file's title may be phrased as a question
            shallower = record.level < level
            nested_alike = (prev_dominant is not None and record.level > level
                            and len(record.topic_path) == len(prev_dominant.topic_path)
                            and not _FOLLOW_UP.match(record.question_md.lstrip("#").strip()))
            if (shallower or nested_alike) and not _numbered_section(s, record.span.line_start, question_lines):
                findings.append(self.finding(
                    doc, record.span.line_start,
                    f"question heading level {record.level} ('{'#' * record.level}') breaks this file's pattern: "
                    f"{used} of {len(questions)} questions use level {level}",
                    record=record, snippet=record.question_md.strip()))
        return findings


_FOLLOW_UP = re.compile(r"^(?:\W{0,4})(?:follow[- ]?ups?|bonus|sub[- ]?questions?|part\s+\(?[a-z0-9]\)?)\b", re.I)
"""A question nested on purpose under the one before it ("### Follow-up Q: ...")."""


def _numbered_section(s: Scan, line: int, questions: set[int]) -> bool:
    """Whether the heading on ``line`` is one of a numbered run of section headings at its
    own level under the same parent ("## 1. What is OOP?" before "## 2. Classes"): it is
    placed by that outline, not by the level questions in other sections use. The heading
    numbered next to it must be a section, not one more question off the pattern."""
    index = next((i for i, h in enumerate(s.headings) if h[0] == line), None)
    if index is None:
        return False
    level = s.headings[index][1]
    number = _heading_number(s.headings[index][2])
    if number is None:
        return False
    start, end = index, index + 1
    while start > 0 and s.headings[start - 1][1] >= level:
        start -= 1
    while end < len(s.headings) and s.headings[end][1] >= level:
        end += 1
    return any(lv == level and ln not in questions and _heading_number(raw) in (number - 1, number + 1)
               for ln, lv, raw in s.headings[start:end])


def _heading_number(raw: str) -> int | None:
    m = _HEADING_NUMBER.match(_LEAD_MARKUP.sub("", raw.strip()))
    return int(m.group(1)) if m else None


def _title_line(s: Scan) -> int | None:
    """The line of the file's title: its first heading, when no other heading has that
    level or a shallower one."""
    if not s.headings:
        return None
    line, level, _raw = s.headings[0]
    if any(lv <= level for _ln, lv, _r in s.headings[1:]):
        return None
    return line


# -- QA604 ------------------------------------------------------------------------------

_BLOCK_START = re.compile(
    r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$)|`{3,}|~{3,}|<(?:/?[A-Za-z]|!--)|\|)"
)
_SETEXT_OR_RULE = re.compile(r"^ {0,3}(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})[ \t]*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_RUN = re.compile(r"(?<=\S)( {3,})(?=\S)")


_CONTAINER_PREFIX = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>[ \t]*)*")
"""Indentation plus list markers and quote markers ("   *   ", "1.   ", "> -   "): the
spaces after a marker only set where the item's text starts."""
_INLINE_MATH = re.compile(r"\$\$?[^$]+\$\$?")
_HTML_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")
_MATH_FENCE = re.compile(r"^\s*(?:\$\$|\\\[|\\\]|\\begin\{|\\end\{)")


def mask_for_runs(line: str) -> str:
    """``line`` with everything where a run of spaces is layout, not a typo, blanked with
    NULs (same length): the list or quote marker prefix, code spans, inline math, HTML tags,
    and a LaTeX row ending in "\\\\" (aligned math)."""
    if line.rstrip().endswith("\\\\") or "&" in line and "\\" in line:
        return "\0" * len(line)
    m = _CONTAINER_PREFIX.match(line)
    if m and m.end():
        line = "\0" * m.end() + line[m.end():]
    line = mask_code_spans(line, "\0")
    for pattern, needle in ((_INLINE_MATH, "$"), (_HTML_TAG, "<")):
        if needle in line:
            line = pattern.sub(lambda x: _LAYOUT * len(x.group(0)), line)
    return line


_LAYOUT = "\x01"
"""Fill for math and HTML: a run of spaces touching it aligns markup, it is no typo."""


def _math_lines(s: Scan) -> list[bool]:
    """True for lines inside a ``$$ ... $$`` (or ``\\[ ... \\]``, ``\\begin{}``) display
    math block, where spaces align columns."""
    out = [False] * len(s.lines)
    inside = False
    for index, line in enumerate(s.lines):
        if s.code[index]:
            continue
        opens = _MATH_FENCE.match(line) is not None or line.count("$$") % 2 == 1
        out[index] = inside or opens
        if line.count("$$") % 2 == 1:
            inside = not inside
        elif line.lstrip().startswith("\\["):
            inside = True
        elif line.lstrip().startswith("\\]"):
            inside = False
    return out


_CODE_COMMENT = re.compile(r"(?:#|//|--|/\*)(?:\s|$)")
"""A comment after spaces: code written outside a fence, its comments aligned
("a is b   # False"); the missing fence is the defect, not the spaces."""


_OPENERS = (
    "The|This|That|These|Those|It|Its|In|On|At|To|For|With|By|From|As|If|When|While|Where|What|Why|"
    "How|Which|Who|We|You|They|He|She|Our|Your|Their|There|Here|So|But|And|Or|Also|However|Then|"
    "Thus|Hence|Therefore|Each|Every|Many|Most|Both|Such|Another|Unlike|Although|Because|Since|"
    "After|Before|During|Finally|First|Second|Next|Now|Note|Instead|Otherwise|Moreover|Furthermore|"
    "Additionally|Similarly|Even|Only|Let|Assume|Consider|Suppose|Compared|A|An|I"
)
_GLUED = re.compile(rf"(?<![\w./:@\\'’-])([A-Za-z][a-z]{{2,}})([.?!])({_OPENERS})(?=\s)")
"""A sentence glued to the next ("requirements.What", "parallelizable.For"): a
word, its full stop, then a word that opens English sentences and is followed by a space.
A capitalised word in general would also be a namespace's class in prose ("stream.Readable",
"multiprocessing.Manager"); the lookbehind keeps out paths, addresses and domains."""
_URLISH = re.compile(r"\]\([^)]*\)|<[^<>]*>|\b(?:https?|ftp)://\S+|\bwww\.\S+|\S+@\S+")
_PACKAGES = frozenset(
    "fmt sync time strings bytes errors context http json io os bufio sort math rand atomic reflect "
    "testing log net url filepath path regexp strconv unicode runtime signal exec template sql heap "
    "list ring utf8 unsafe flag crypto hash sha256 md5 base64 hex binary csv xml html zap gin echo "
    "mux grpc proto ioutil httptest slices maps cmp errgroup".split())
"""Go packages, whose exported names follow a full stop in prose ("use sync.Mutex here")."""


def glued_sentences(line: str) -> list[re.Match[str]]:
    """Sentence ends with no space before the next sentence, outside code spans, links,
    tags and addresses; a Go package's exported name is no sentence."""
    if not any(ch in line for ch in ".?!"):
        return []
    masked = _URLISH.sub(lambda m: "\0" * len(m.group(0)), mask_code_spans(line, "\0"))
    return [m for m in _GLUED.finditer(masked) if m.group(1) not in _PACKAGES]


class Whitespace(Rule):
    """Whitespace that changes nothing in the rendered page, only diffs and datasets, and
    a space missing between two sentences, which a reader does see.

    * Trailing spaces or tabs that make no hard line break: a line of only spaces, a
      single trailing space, spaces after a heading or before the block ends (a blank
      line, a heading, a list item, the end of the file). Two or more spaces before a
      line that continues the paragraph are a Markdown hard break and stay quiet, in a
      blockquote too ("> a line  " over "> the next line of the quote").
    * A run of ``min_run`` or more spaces inside a sentence ("art,            music"),
      unless a run on the line above or below ends at the same column (a hand-made table
      lined up in a list: "- UNIQUE       - one per column");
      indentation and the spaces after list markers (``*   item``), tables,
      column-aligned lines, code, math (inline ``$…$``, display blocks, LaTeX rows ending
      in ``\\\\``), HTML tags and comments aligned after unfenced code (``x = 1   # one``)
      are left alone.
    * Blank lines at the end of the file: one finding for the whole run.
    * A sentence glued to the next, no space after its full stop ("the requirements.What
      is"): a word, ".", "?" or "!", then a word that opens English sentences
      ("The", "What", "For"); any capitalised word would also catch a class named in
      prose ("stream.Readable"). Code spans, links, tags, addresses and a Go package's
      names are left alone.

    Nothing inside fenced or indented code is touched. Every finding has a safe fix.

    Precision: on the labels, every trailing-space finding is *debatable* (invisible once
    rendered; a maintainer removes them with ``curate fix`` or an editor setting, not by
    hand), none false; runs of spaces and end-of-file blank lines are true. The rule
    stays on, at severity info, because rows of the seed spec need all three sub-checks;
    set ``trailing = false`` to keep only the findings that change what a reader sees.

    Bad:

        Mode collapse is common.   ␣␣(end of paragraph)
        such as art,            music, and literature
        Gather the requirements.What comes next?

    Good:

        Mode collapse is common.
        such as art, music, and literature
        Gather the requirements. What comes next?
    """

    code = "QA604"
    name = "whitespace"
    summary = "Trailing spaces (not hard breaks), runs of spaces, blank lines at the end, glued sentences"
    severity = Severity.INFO
    scope = "document"
    fixable = Fixability.SAFE

    @dataclass(frozen=True)
    class Options:
        trailing: bool = True
        """Report trailing spaces and tabs that make no hard line break."""
        runs: bool = True
        """Report runs of spaces inside a sentence."""
        min_run: int = 3
        """Spaces in a row, inside a sentence, that make a run."""
        trailing_blank_lines: bool = True
        """Report blank lines at the end of the file."""
        missing: bool = True
        """Report a space missing after a sentence's full stop ("requirements.What")."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: Whitespace.Options = ctx.options or self.Options()
        s = scan(doc)
        findings: list[Finding] = []
        count = len(s.lines)
        eof_run_start = count + 1
        if opts.trailing_blank_lines:
            eof_run_start, eof = self._eof(doc, s)
            if eof is not None:
                findings.append(eof)
        math = _math_lines(s) if opts.runs or opts.missing else []
        run_re = _RUN if opts.min_run == 3 else re.compile(rf"(?<=\S)( {{{max(opts.min_run, 2)},}})(?=\S)")
        for index in range(min(count, eof_run_start - 1)):
            if s.code[index] or s.comment[index]:
                continue
            line = s.lines[index]
            number = index + 1
            base = s.line_start(number)
            if opts.trailing and (line.endswith(" ") or line.endswith("\t")):
                cut = len(line.rstrip(" \t"))
                message = self._trailing_message(s, index, line[cut:])
                if message:
                    findings.append(self.finding_at(
                        doc, base + cut, base + len(line), message, record=record_at(doc, number),
                        snippet=line.strip()[-40:] + "␠",
                        fix=Fix(base + cut, base + len(line), "", description="remove trailing whitespace")))
            if opts.runs and "   " in line and not s.table[index] and not math[index]:
                masked = mask_for_runs(line.rstrip())
                runs = [m for m in run_re.finditer(masked)
                        if masked[m.start() - 1] != _LAYOUT and (m.end() >= len(masked) or masked[m.end()] != _LAYOUT)
                        and not _CODE_COMMENT.match(masked, m.end()) and not _aligned(s.lines, index, m.end())]
                if 0 < len(runs) < 3:
                    for m in runs:
                        findings.append(self.finding_at(
                            doc, base + m.start(), base + m.end(),
                            f"run of {len(m.group(1))} spaces inside a sentence",
                            record=record_at(doc, number),
                            snippet=line[max(0, m.start() - 20):m.end() + 20].strip(),
                            fix=Fix(base + m.start(), base + m.end(), " ", description="use a single space")))
            if opts.missing and not math[index]:
                for g in glued_sentences(line):
                    at = base + g.end(2)
                    findings.append(self.finding_at(
                        doc, base + g.start(), base + g.end(), f"no space after {g.group(2)!r}: \"{g.group(0)}\" runs two sentences together",
                        record=record_at(doc, number), snippet=g.group(0),
                        fix=Fix(at, at, " ", description="add the missing space")))
        findings.sort(key=lambda f: (f.line, f.column))
        return findings

    @staticmethod
    def _trailing_message(s: Scan, index: int, trailing: str) -> str | None:
        line = s.lines[index]
        what = f"{len(trailing)} trailing space{'s' if len(trailing) > 1 else ''}" if set(trailing) == {" "} \
            else "trailing whitespace"
        if not line.strip():
            return f"blank line contains {what}"
        if "\t" in trailing or len(trailing) < 2:
            return f"{what} (no line break: a hard break needs two or more spaces)"
        if _HEADING.match(line):
            return f"{what} after a heading"
        if s.table[index]:
            return f"{what} after a table row"
        nxt = index + 1
        if nxt >= len(s.lines):
            return f"{what} at the end of the file"
        following = s.lines[nxt]
        quote, inner = _QUOTE_PREFIX.match(line), _QUOTE_PREFIX.match(following)
        if quote and inner and inner.group(0).replace(" ", "") == quote.group(0).replace(" ", ""):
            # "> *"quote"*  " over "> — Sarah": the same quote's paragraph goes on, so the break is made
            following = following[inner.end():]
        if not following.strip():
            return f"{what} before a blank line: the paragraph ends, so no line break is made"
        if s.code[nxt] or _BLOCK_START.match(following) or _SETEXT_OR_RULE.match(following):
            return f"{what} before a new block: no line break is made"
        return None  # a deliberate hard line break

    def _eof(self, doc: Document, s: Scan) -> tuple[int, Finding | None]:
        """First line of the blank run at the end of the file, and its finding."""
        text = doc.text
        stripped = text.rstrip(" \t\r\n")
        tail = text[len(stripped):]
        breaks = tail.count("\n") + tail.count("\r") - tail.count("\r\n")
        if breaks < 2 or (s.fences and s.fences[-1].end_line is None):
            return len(s.lines) + 1, None
        first_break = re.search(r"\r\n|\r|\n", tail)
        assert first_break is not None
        keep = first_break.group(0)
        start = len(stripped) + first_break.end()
        first_line, _ = doc.locate(start)
        last_line = len(s.lines)
        blank = last_line - first_line + 1
        finding = self.finding(
            doc, first_line,
            f"{blank} blank line{'s' if blank > 1 else ''} at the end of the file",
            end_line=last_line, snippet="<eof blank lines>",
            fix=Fix(len(stripped), len(text), keep, description="remove blank lines at the end of the file"))
        return first_line, finding


def _aligned(lines: Sequence[str], index: int, column: int) -> bool:
    """Does a run of spaces on a neighbouring line end at ``column`` too? Then the runs
    line up a hand-made table ("- UNIQUE       - one per column" over "- PRIMARY KEY  -
    one per table"): deliberate layout, not a slip."""
    for k in (index - 1, index + 1):
        if 0 <= k < len(lines) and column < len(lines[k]) and lines[k][column - 2 : column] == "  " \
                and not lines[k][column].isspace():
            return True
    return False


_QUOTE_PREFIX = re.compile(r"^[ ]{0,3}(?:>[ ]?)+")
"""The blockquote markers a line opens with ("> ", ">> ")."""


RULES = [UnclosedFence, Numbering, QuestionFormat, Whitespace]
