"""Is this line a question? Numbering, labels and decoration stripped first.

Shared by every layout so that a heading, a bold line and a list item are judged the
same way. Precision matters as much as recall: tutorial headings such as "How to
install" or "How it works" stay topics (see ``is_question``).
"""

from __future__ import annotations

import re
import unicodedata

# "1." "18." "1)" "1.2." "01-02." "1 -" ; "Q1:" "Q:" "Question 3." "Follow-up Q:" ; "a." "(b)"
_NUMBER = re.compile(
    r"^(?:(?P<n>\d{1,4}(?:\.\d{1,3})*(?:-\d{1,3}(?=[.)]))?)(?:\s*[.)]|\s*:|\s+[-–—])(?!\d)"
    r"|(?P<n3>\d{1,3}(?:\.\d{1,3})+)\s+(?=[^\W\d])"
    r"|(?:part|day|step|section|chapter|follow[- ]?up|lesson|module|week|round|exercise|task|case|problem)"
    r"\s*#?\s*(?P<n4>\d{1,4}[a-z]?)\s*[.:)\-–—]"
    r"|(?P<q>(?:follow[- ]?up\s+)?(?:q|question|ques)\s*#?\s*(?P<qn>\d{1,4}[a-z]?)?)(?:\s?(?:of|/)\s?\d{1,4}(?!\d))?\s*(?:[.:)\-–—]|(?<=\d)\s|$)"
    r"|\(?(?P<a>[a-zA-Z])\)|(?P<a2>[a-z])\.(?=\s))\s*",
    re.I,
)
_LABEL_ONLY = re.compile(
    r"^(?:q|question|ques|problem|interview question|面试题|面試題|题目|題目|问题|問題|考题"
    r"|frage|pergunta|pregunta|domanda|vraag|fråga|spørgsmål|spørsmål|pytanie|otázka|soru|вопрос|mcq|saq|leq|dbq|frq)"
    r"\s*#?\s*(?P<n>\d{1,4}[a-z]?)?"
    r"(?:\s?(?:of|/)\s?\d{1,4})?\s*[.:：)\-–—]?(?:\s*\([^()]{1,40}\))?$",
    re.I,
)
_NUMBERED_LABEL = re.compile(r"^(?:follow[- ]?up\s+)?(?:q|question|ques)\s*(?:#?\s*\d{1,4}[a-z]?(?:\s?(?:of|/)\s?\d{1,4})?\s*[.:)\-–—]|[.:])\s*\S", re.I)
"""A question label with the question after it ("Question 3: Use the clear command to
...", "Q4. Design ...", "Q. Explain Azure App Service.", "Follow-up Q: ..."): a question
whatever its wording."""
_CJK_IMPERATIVE = re.compile(
    r"(?:하세요|하시오|하십시오|해\s?주세요|해\s?보세요|말해\s?보세요|하라|してください|しなさい|せよ|なさい)\s*[.。!！]?$"
    r"|^(?:请|請)\S|^(?:解释|解釋|简述|簡述|列举|列舉|谈谈|談談)"
)
"""Exam wording in Korean, Japanese and Chinese ("…의 차이점을 설명하세요.", "…を説明してください",
"简述…"): the "Explain …" of those languages."""
_PART_LABEL = re.compile(
    r"^(?:(?:the\s+)?(?:(?:direct|short|quick|brief|simple|detailed|full|model|sample|suggested|expected)\s+)?"
    r"(?:answers?|solutions?|explanations?|hints?|good to hear|"
    r"additional (?:links|resources|reading))"
    r"|[^\x00-\x7f]{0,6}(?:分析|剖析|解析|思路|解答|答案|回答|解法|讲解))\s*[:：]?$",
    re.I,
)
"""Headings that name a part of one Q&A ("Answer", "Short answer", "Good to hear", "面试官心理分析",
"面试题剖析", "解答思路"), not a topic of their own."""
_ANSWER_LABEL = re.compile(r"^\s*(?:[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+\s*)?(?:\*\*|__)?\s*(?:a(?!\s*\d*\s*(?:\*\*|__)?\s*\))|ans|answer|solution|response|resposta|respuesta|r[ée]ponse|risposta|antwort|antwoord|r(?=\s*(?:\*\*|__)?\s*:))\s*\d*\s*(?:\*\*|__)?\s*[:.)\-–—]\s*(?:\*\*|__)?"
                           r"(?:\s*[:：](?=\s|$))?\s*", re.I)
"""An answer label ("Answer:", "Resposta:", "R:"; an emoji before it is its decoration:
"📌 **Answer:**") and the spaces
after it. A lone letter with ")" ("**A)** ...") is an option's letter, never the label; a second colon after the bold ("**Answer:**:",
"Answer:  :") is the label's too, else it opens the answer text."""
_ANSWER_WORD = re.compile(r"^(?:a(?!\s*\d*\s*\))|ans|answer|answers|solution|response)\s*\d*\s*[:.)\-–—]?$", re.I)
"""A line that is only an answer label ("Answer", "A:", "Ans."); "A)" is an option's letter."""
_SHORTCODE = re.compile(r"(?<!\S):[a-z0-9_+\-]{1,40}:(?!\S)")
"""A GitHub emoji shortcode standing alone (":star:", ":+1:"): rendered as a picture,
decoration like any emoji. "std::vector" or "a:b:c" touch other text and stay."""
_TRAIL_REF = re.compile(
    r"\s*(?:\[[^\[\]()]{0,80}\]"
    r"|\((?!\s*(?:choose|select|pick|mark|check)\b)(?:[^\s\[\]()]+(?:\s+[^\s\[\]()]+)?"
    r"|(?:see|cf|source|ref|via|from|asked (?:at|by|in))\b[^\[\]()]{0,80}"
    r"|[^\[\]()]{0,40}\b(?:1[89]|20)\d\d)\.?\))\s*$",
    re.I,
)
"""A trailing reference: "[src]", a tag of one or two words ("(source)", "(Easy)"), a
pointer ("(See the RAG questions)") or a date ("(July 9th, 2024)"). Any other
parenthesis ("(sysadmin, security-related or other)") clarifies the question and stays,
and so does an exam's "(Choose two.)": it says how many answers are right."""
_INTERROGATIVE = frozenset("what why how when where which who whom whose".split())
_AUX = frozenset(
    "is are was were do does did can could should would will has have had may might must shall am 's".split()
)
_AUX_START = frozenset("is are can could does did should would".split())
_AUX_OPENER = _AUX_START | frozenset("am do have has had will was were may might must shall".split())
"""Every auxiliary that opens a yes/no question ("Have you used ...?", "Do you ...?"); only
the ``_AUX_START`` ones make a line without "?" a question ("Do this first", "Have a look")."""
_STRONG_IMPERATIVE = frozenset(
    "explain describe discuss compare contrast define differentiate distinguish elaborate enumerate "
    "summarize summarise justify illustrate".split()
)
_WEAK_IMPERATIVE = frozenset(
    "list name give state outline tell mention identify calculate suggest write design implement "
    "evaluate analyze analyse interpret derive prove demonstrate".split()
)
_DETERMINER = frozenset(
    "the a an some any all few two three four five six seven eight nine ten different various how what why "
    "when which where who me us your each its their this these those one several key main common important "
    "major basic advantages disadvantages pros benefits types ways steps examples reasons differences "
    "cases scenarios".split()
)
_WORD = re.compile(r"[\w'’]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def has_cjk(text: str) -> bool:
    """Chinese, Japanese or Korean letters in ``text``: words without spaces between them."""
    return _CJK.search(text) is not None
# "Ready to build?", "Want to learn more?", "Questions?": invitations, not questions
_CALL_TO_ACTION = re.compile(
    r"^(?:ready|want|need|interested|curious|got|looking|stuck|new here|still here|questions|feedback|"
    r"any questions|(?:still )?(?:have|got) (?:any |more |other |further )?questions|have a question)\b[^?]{0,60}\?$",
    re.I,
)


def strip_decoration(text: str) -> str:
    """Drop leading and trailing emoji, symbols, emphasis marks and spaces. A cloze blank
    at either end ("... are called _____", "_____ runs a Pod") is content, not emphasis."""
    start, end = 0, len(text)
    # letters and digits are never decoration: most lines are settled at once
    while start < end and not text[start].isalnum() and _is_decoration(text[start], leading=True):
        if text[start] == "_" and _BLANK_AT.match(text, start):
            break
        start += 1
    while end > start and not text[end - 1].isalnum() and _is_decoration(text[end - 1], leading=False):
        if text[end - 1] == "_" and _blank_ends(text, start, end):
            break
        end -= 1
    return text[start:end]


_BLANK_AT = re.compile(r"_{3,}\s")
"""A blank of three or more underscores that opens a sentence ("_____ runs a Pod")."""


def _blank_ends(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end with a blank: three or more underscores after a space
    ("are called _____"), not the closing marks of "___bold___" or "__init__"."""
    run = end
    while run > start and text[run - 1] == "_":
        run -= 1
    return end - run >= 3 and run > start and text[run - 1].isspace()


def _is_decoration(ch: str, leading: bool) -> bool:
    if ch.isspace() or ch in "*_#~`|>":
        return True
    if leading and ch in ":.-–—)]":
        return True
    if ch in "?？!.)]:":
        return False
    cat = unicodedata.category(ch)
    if cat in ("So", "Sk", "Cf", "Mn", "Co", "Cn") or ch in "\ufe0f\u200d":
        return True
    return leading and cat.startswith("P") and ch not in "([\"'“‘¿¡/@\\"  # "/doctor", "@Input" name things


_INNER_LABEL = re.compile(r"^(?:q|question|ques)(?:\s?#)?(?:\s?\d{1,4}[a-z]?)?\s?[.:：)]\s?(?=\S)", re.I)
"""A question label after the item's number ("4. Q: ...", "2) Q2. ..."); written with "."
":" or ")" only, so "1. Q-learning vs SARSA?" keeps its word."""


def split_number(text: str) -> tuple[str | None, str]:
    """(number as written or None, text without it). "18.What" -> ("18", "What")."""
    m = _NUMBER.match(text)
    if not m or m.end() >= len(text):
        return None, text
    number = m.group("n") or m.group("n3") or m.group("n4") or m.group("qn") or m.group("a") or m.group("a2")
    if m.group("q") and not m.group("qn"):
        number = None
    return number, text[m.end() :]


_LABEL_TAG = re.compile(r"^\[\s*(?:q|question|ques|#)?\s*(?P<n>\d{1,4}[a-z]?)\s*\]\s*", re.I)
"""A quiz's bracketed item id before its label ("[q6] Short answer question")."""
_LABEL_KIND = re.compile(
    r"^(?:(?:short|long|free|written)[- ]?(?:answer|response)|multiple[- ]?choice|true[- ]?(?:or[- ]|/)?false"
    r"|fill[- ]in[- ]the[- ]blanks?|essay|practice|review|sample|quiz|exam|bonus|mcq|open[- ]ended|discussion)"
    r"(?:\s+(?=(?:q|question|ques)\b)|\s*$)", re.I)
"""The kind of quiz item a label names ("Short answer question", "Practice question 3");
alone ("Multiple choice") only after an item id."""


def label_number(text: str) -> tuple[bool, str | None]:
    """Is ``text`` only a question label ("Question:", "Q1.", "Practice question 3",
    "[q6] Short answer question")? And its number."""
    rest = text.strip()
    tag = _LABEL_TAG.match(rest)
    if tag:
        rest = rest[tag.end() :]
    kind = _LABEL_KIND.match(rest)
    if kind:
        rest = rest[kind.end() :]
    if not rest:
        return (True, tag.group("n")) if tag else (False, None)
    m = _LABEL_ONLY.match(rest)
    if m is None:
        return False, None
    return True, m.group("n") or (tag.group("n") if tag else None)


def has_question_label(text: str) -> bool:
    """Does the raw line open with a numbered question label and go on ("Question 3: …")?"""
    return bool(_NUMBERED_LABEL.match(strip_decoration(" ".join(text.split()))))


def is_part_label(text: str) -> bool:
    """A heading that labels a part of a question's record ("Answer", "面试官心理分析")."""
    return bool(_PART_LABEL.match(text.strip().strip("*_ ")))


def is_answer_label(text: str) -> bool:
    """"Answer", "A:", "Ans." and the like, alone."""
    return bool(_ANSWER_WORD.match(text.strip().strip("*_ ")))


CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
"""An inline code span, its backtick run in group 1 and its content in group 2."""


def code_marks_dropped(raw: str, text: str) -> str:
    """``text`` (the plain text of the Markdown ``raw``) with the "?" of its inline code
    removed: "use `x?.y`" or "`a ?? b`" is code, and code does not ask."""
    if "`" not in raw or "?" not in text:
        return text
    for m in CODE_SPAN.finditer(raw):
        code = m.group(2).strip()
        if "?" in code and code in text:
            text = text.replace(code, code.replace("?", ""))
    return text


def answer_label_end(line: str) -> int:
    """Length of a leading answer label ("**A:**", "Answer:", "Ans -") in ``line``, else 0."""
    m = _ANSWER_LABEL.match(line)
    return m.end() if m else 0


_LEAD_LABEL = re.compile(r"^(?:(?:(?:show|view|reveal|see|hide|toggle|click\sto\s(?:see|show|view|reveal))\s)?"
                         r"(?:the\s)?(?:short\s|full\s|model\s|sample\s)?(?:answer|ans|solution|explanation)s?"
                         r"(?:\s?\d+)?(?:\s?[:：.)\-–—])?|a(?:\s?\d+)?\s?[:：])$", re.I)
"""A line that is only an answer label ("Answer", "Answer:", "Solution -", "A:", "Show
Answer"): the label of the text under it, as a summary's "<summary>Answer</summary>" left
in the answer."""
LABEL_CHARS = 40
"""Longest line read as a lone label ("Answer:", "Question 3 of 26")."""
_OPTION_START = re.compile(r"^\s*(?:(?:[-*+]|\d{1,3}[.)])\s+)?(?:\*\*|__)?\(?[Aa](?:\*\*|__)?\s*[:.)]")
_OPTION_B = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\*\*|__)?\(?[Bb](?:\*\*|__)?[ \t]*[:.)](?:\*\*|__)?[ \t]*\S", re.M)
"""An answer that opens with lettered options ("- A: 1", "- B: 2", or lines "A) 1",
"B) 2", bold or not: "**A)** 1"): its "A:" is an option's letter. A lone "A: ..." (or "- A: ..." item under
"- Q: ...") is the answer's label."""


_OPTION_LETTER = re.compile(r"^[ \t]*(?:\*\*|__)?\(?[A-H](?:\*\*|__)?[ \t]*\)(?:\*\*|__)?[ \t]*$")


def is_option_letter(text: str) -> bool:
    """Is ``text`` only an option's letter ("**A)**", "(B)"), its program in the block
    below? ("A." or "A:" alone may label an answer.)"""
    return _OPTION_LETTER.match(text) is not None


def opens_options(text: str) -> bool:
    """Does ``text`` open with lettered options ("A) 1944" over "B) 1945")? Its "A)" is an
    option's letter, not an answer label."""
    return bool(_OPTION_START.match(text)) and bool(_OPTION_B.search(text))


def strip_answer_label(answer_text: str, answer_md: str) -> str:
    """The answer's plain text without the label it opens with: "Answer: X", "**Solution:**
    X", "Explanation: X", or a line that is only a label ("Answer", from a summary)
    above the text. A quiz answer that opens with its options ("- A: 1") keeps them,
    unless an answer label stands before them ("**A:**", then "a) ...")."""
    if opens_options(answer_md) and not _label_over_options(answer_text):
        return answer_text
    answer_text = _without_fields(answer_text)
    cut = answer_label_end(answer_text) or _explanation_end(answer_text) or _qualified_label_end(answer_text)
    if cut:
        return answer_text[cut:].lstrip()
    first, sep, rest = answer_text.partition("\n")
    if sep and rest.strip() and len(first) <= LABEL_CHARS and _LEAD_LABEL.match(" ".join(first.strip("*_ \t").split())):
        return rest.lstrip()
    return answer_text


def _label_over_options(text: str) -> bool:
    """Does ``text`` open with an answer label and then the options ("A:" over "a) 1",
    "b) 2")? Then its "A:" is the label; in "A: 1", "B: 2" it is option A's letter."""
    cut = answer_label_end(text)
    return cut > 0 and opens_options(text[cut:])


_ATTRIBUTE_LIST = re.compile(
    r"(?<=\S)\{:\s*(?:[.#][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}]+))(?:\s+(?:[.#][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}]+)))*\s*\}")
"""A kramdown attribute list after a link or word ("[docs](url){:target="_blank"}"):
markup for the site generator, not text."""


def without_attribute_lists(text: str) -> str:
    return _ATTRIBUTE_LIST.sub("", text) if "{:" in text else text


_QUALIFIED_LABEL = re.compile(
    r"^\s*(?:expected|sample|model|suggested|example|ideal|correct|best|detailed|brief|short|final|possible)"
    r"\s+(?:answer|response|solution)\s*[:：\-–—]\s*", re.I)
FIELD_KEYS = (r"(?:difficulty|level|tags?|topics?|category|categories|compan(?:y|ies)|asked(?:\s+(?:in|at|by))?"
              r"|frequency|importance|priority|type|status|role|seniority|time|duration|rating|points?|source)")
"""Keys of a question bank's record card ("Difficulty: Easy", "| Company | Google |"):
metadata about the question, not its answer."""
_FIELD = re.compile(rf"{FIELD_KEYS}\s*[:：][^\n]{{0,60}}\n", re.I)


def opens_labelled_answer(line: str) -> bool:
    """Does the line open with an answer label, plain or qualified, after its decoration
    ("**Answer:** B", "**✅ Correct Answer:** (b)")? Such a line is an answer (a quiz's
    key), never a section's title."""
    text = strip_decoration(line.strip())
    return answer_label_end(text) > 0 or _QUALIFIED_LABEL.match(text) is not None


def _qualified_label_end(text: str) -> int:
    """Length of a leading "Expected Answer:" or "Sample Answer:" label (a question bank's
    answer label with a word before it), else 0."""
    m = _QUALIFIED_LABEL.match(text)
    return m.end() if m and m.end() < len(text) else 0


def _without_fields(text: str) -> str:
    """``text`` without the metadata fields above its answer label ("Difficulty: Easy",
    then "Sample Answer:"): the bank's record card, not the answer. Fields with no label
    after them are left alone (they may be all the answer has)."""
    end = 0
    while (m := _FIELD.match(text, end)) is not None:
        end = m.end()
    if end and (answer_label_end(text[end:]) or _qualified_label_end(text[end:])
                or _LEAD_LABEL.match(" ".join(text[end:].partition("\n")[0].split()))):
        return text[end:]
    return text


_EXPLANATION_LABEL = re.compile(r"^\s*(?:(?:\*\*|__)\s*)?explanation(?:\s*(?:\*\*|__))?\s*[:：\-–—]\s*(?:(?:\*\*|__)\s*)?", re.I)


def _explanation_end(text: str) -> int:
    """Length of a leading "Explanation:" label (a quiz's answer label), else 0."""
    m = _EXPLANATION_LABEL.match(text)
    return m.end() if m and m.end() < len(text) else 0


_ANSWER_OPENER = re.compile(r"^\s*(?:(?:\*\*|__)\s*)?(?:answer|ans|solution|explanation|a(?=\s*(?:\d+\s*)?(?:\*\*|__)?\s*[:：]))"
                            r"(?:\s*\d+)?(?:\s*(?:\*\*|__))?\s*[:：.\-–—]", re.I)


def opens_answer(line: str) -> bool:
    """Does the line open with an answer label ("Solution:", "**Answer:**", "Ans -",
    "Explanation:", "A:")? A lone letter counts only with a colon ("A. Paris" is an option)."""
    return _ANSWER_OPENER.match(line) is not None


_DIFFICULTY = re.compile(r"^[\[(](?:e|m|h|easy|medium|med|hard)[\])][ \t]*(?=\S)", re.I)
"""A difficulty tag before a question ("[E] What is ...?", "(Medium) Design ..."): the
rating of a practice question, not its words."""


def difficulty_tag(text: str) -> int:
    """Length of the difficulty tag that opens ``text`` (after its number), else 0."""
    m = _DIFFICULTY.match(text)
    return m.end() if m else 0


def has_difficulty_tag(text: str) -> bool:
    """Does the line open with a difficulty tag, after its number ("1. [E] ...")?"""
    _, rest = split_number(strip_decoration(" ".join(text.split())))
    return difficulty_tag(strip_decoration(rest)) > 0


def clean_question(text: str) -> tuple[str | None, str]:
    """(number, question text): whitespace collapsed, emoji shortcodes (":star:"),
    decoration, numbering, a difficulty tag ("[E]", "(Hard)") and a trailing bracketed
    reference ("[src]") removed."""
    if ":" in text:
        text = _SHORTCODE.sub(" ", text)
    text = " ".join(text.split())
    text = strip_decoration(text)
    number, text = split_number(text)
    text = strip_decoration(text)
    tag = difficulty_tag(text)
    if tag:
        text = strip_decoration(text[tag:])
    if number is not None:  # "4. Q: What is a DaemonSet?", "5. Question 5: ...": the label after the number
        m = _INNER_LABEL.match(text)
        if m is not None and m.end() < len(text):
            text = strip_decoration(text[m.end() :])
    if len(text) > 2 and text[0] in "\"“" and text[-1] in "\"”":
        text = text[1:-1].strip()  # a quoted prompt: "Tell me about ..."
    for _ in range(3):
        m = _TRAIL_REF.search(text)
        if not m or m.start() == 0:
            break
        head = text[: m.start()].rstrip()
        if not head.endswith(("?", "？", ".", ":")) and "?" not in head:
            break
        text = strip_decoration(head)
    return number, text


def is_question(text: str, allow_title: bool = False, loose: bool | None = None) -> bool:
    """A cleaned line is a question when it ends with "?", or starts with an interrogative
    followed by an auxiliary verb ("What is X", not "How it works" or "How to install"),
    or with an auxiliary verb ("Is X better than Y"), or with an imperative exam verb
    ("Explain ...", "List the ..."). Title Case lines without "?" are headings, unless
    ``allow_title`` (an item of a list already known to hold questions), which also
    accepts "What pre-training mechanisms are used" without an auxiliary verb unless
    ``loose`` is False."""
    if not text:
        return False
    if "؟" in text or "\u037e" in text:  # the Arabic and Greek question marks ask as "?" does
        text = text.replace("؟", "?").replace("\u037e", "?")
    stripped = text.rstrip(" .:;\"'”’")
    if _CALL_TO_ACTION.match(stripped):
        return False
    if stripped.endswith(("?", "？")):
        words = _WORD.findall(stripped)
        if len(words) == 1 and _CJK.search(words[0]) and len(words[0]) >= 4:
            return True  # "分布式服务接口请求的顺序性如何保证？": CJK writes no spaces between words
        return len(words) >= 2 or stripped[:-1].strip().lower() in _INTERROGATIVE
    if _CJK_IMPERATIVE.search(stripped) and _CJK.search(stripped):
        return True
    if "?" in stripped or "？" in stripped:
        cut = min(i for i in (stripped.find("?"), stripped.find("？")) if i >= 0)
        if cut > 0 and is_question(stripped[: cut + 1]):
            return True  # "What is X? Explain how it works.": it asks, then tells what to do
    raw_words = _WORD.findall(text[:200])
    words = [w.lower().replace("’", "'") for w in raw_words]
    if len(words) < 2 or (not allow_title and _is_title_case(raw_words) and "?" not in text):
        return False
    first, second = words[0], words[1]
    if first in _INTERROGATIVE or first.split("'")[0] in _INTERROGATIVE:
        if "'" in first:  # what's, how's: "What's new" is a heading, "What's the difference" asks
            return len(words) >= 3 and second not in ("new", "next", "inside", "included")
        if "?" in text or ((allow_title if loose is None else loose) and len(words) >= 4):
            return True
        return second in _AUX or second in ("many", "much", "often", "long", "far") and len(words) >= 4
    if first in _AUX_START:
        return len(words) >= 4 and ("?" in text or second not in ("not",))
    if first in _STRONG_IMPERATIVE:
        return True
    if first in _WEAK_IMPERATIVE:
        return second in _DETERMINER or second.isdigit()
    return False


def _is_title_case(words: list[str]) -> bool:
    """"What Should Be True After Day 1", "Define Security Requirements Early": a title,
    not a question sentence."""
    long = [w for w in words[1:] if len(w) >= 4 and w[0].isalpha()]
    return len(long) >= 2 and all(w[0].isupper() for w in long)


_CLOZE_BLANK = re.compile(r"(?<![\w_])_{3,}(?![\w_])|(?<=\.)_{3,}(?![\w_])")


def is_cloze(text: str) -> bool:
    """A fill-in-the-blank card ("A _____ runs a Pod periodically."): a sentence with a blank
    of three or more underscores prompts as a "?" does. A form line ("Name: ____") has too
    few words around its blank."""
    m = _CLOZE_BLANK.search(text)
    return m is not None and len(_WORD.findall(text[: m.start()] + " " + text[m.end() :])) >= 3


def starts_like_question(text: str) -> bool:
    """Opens with an interrogative, auxiliary or imperative exam verb."""
    words = _WORD.findall(text[:60])
    if not words:
        return False
    first = words[0].lower().replace("’", "'").split("'")[0]
    return first in _INTERROGATIVE or first in _AUX_OPENER or first in _STRONG_IMPERATIVE or first in _WEAK_IMPERATIVE


def is_interrogative(text: str) -> bool:
    """Opens with what/why/how/... (such a line without "?" in bold is a label, not a question)."""
    words = _WORD.findall(text[:40])
    return bool(words) and words[0].lower().replace("’", "'").split("'")[0] in _INTERROGATIVE
