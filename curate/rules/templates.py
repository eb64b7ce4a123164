"""QA105: a template's fill-in slots left in the notes ("[Insert example here]",
"{{question}}", "Lorem ipsum").

Each file is scanned once, in a worker, for slot-shaped text outside code, math, links
and comments; the summary keeps each slot's offsets and its normalised text. The corpus
step then adds the strongest signal: the same slot text in several files is what a
template leaves behind when many notes were generated from it.
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from curate.corpus.codespans import code_spans
from curate.corpus.model import Corpus, Document
from curate.rules.base import Finding, Related, Rule, RuleContext, Severity
from curate.rules.support.mdscan import record_at, scan

_BRACKET = re.compile(r"(?<![!\]\[\\\w])\[(?P<inner>[^\[\]\n]{2,120})\](?![(\[:])")
"""A bracketed span that is not a link ``[a](b)``, a reference ``[a][b]``, a definition
``[a]: b``, an image, a wiki link ``[[a]]`` or an array index ``x[i]``."""
_MUSTACHE = re.compile(r"\{\{[ \t]*(?P<inner>[A-Za-z_][\w-]{0,40})[ \t]*\}\}")
"""A mustache slot ``{{question}}``, ``{{ topic }}``: one name. Liquid/Jinja expressions
(``{{ site.url }}``, ``{{ x | upcase }}``) and BibTeX's ``{{Two Words}}`` are not."""
_VALUE_WORDS = frozenset({"key", "apikey", "token", "secret", "password", "passwd", "pwd", "id", "uuid", "guid",
                          "url", "uri", "host", "hostname", "port", "domain", "endpoint", "env", "jwt", "auth",
                          "credential", "credentials", "session", "sid"})
"""The last word of a variable's name that makes it a value the reader supplies
(``{{api_key}}``, ``{{accessToken}}``, ``{{baseUrl}}``, ``{{userId}}``), as in an API
reference or a Postman collection; ``{{key_points}}`` ends otherwise and is a slot."""
_NAME_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_VALUE_BEFORE = re.compile(
    r"(?:\b(?:Bearer|Basic|Token)[ \t]+"
    r"|\b(?:Authorization|Cookie|X-[\w-]+|[\w-]*(?:key|token|secret))[ \t]*[:=][ \t]*"
    r"|[?&][\w.\[\]-]+=)$", re.IGNORECASE)
"""What a value variable follows: an auth scheme (``Bearer {{key}}``), a header or
credential field (``Authorization: {{x}}``, ``api_key={{x}}``) or a URL query's ``name=``."""
_NOT_NAMES = frozenset({"and", "or", "to", "the", "for", "not", "with", "from", "of", "in"})
"""Words between braces that are prose about the braces ("changed to {{ and }}")."""
_ANGLE = re.compile(r"<(?P<inner>(?:fill[ \t]+in|insert|your|enter|add|describe|write|put|replace)\b[^<>\n]{0,80})>",
                    re.IGNORECASE)
"""An angle-bracket slot ``<fill in>``, ``<insert example here>``; ``<your-key>`` (one
word, a command-line fill-in) is not one."""
_LOREM = re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE)
_INSTRUCTION = re.compile(
    r"(?:insert|add|your|enter|fill(?:[ \t]+in)?|describe|write|put|replace|placeholder|paste|provide|specify|explain"
    r"|(?:a[ \t]+)?(?:brief|short|one-line|detailed)[ \t]+(?:description|summary|overview)"
    r"|(?:a[ \t]+)?(?:description|summary|list|overview)[ \t]+of"
    r")\b", re.IGNORECASE)
"""Words a slot opens with: it tells the writer what to put there (TBD and TODO markers
are QA102's)."""
_HERE = re.compile(r"\b(?:goes|go|comes?|belongs?)?[ \t]*here[ \t]*[.!…]*$", re.IGNORECASE)
"""A slot that ends in "here" ("[Diagram here]", "[Example goes here]")."""
_SLOT_KEYS = (r"topic|title|example|description|summary|details?|content|explanation|definition|concept|term|"
              r"subject|category|keywords?|tags?|image|key[ \t]+points?")
"""Keys of a template's content slots. Not "Answer: B" (a quiz's key), "Source: ...", "Note: ...",
"Edit: ..." (a writer's own asides)."""
_KEY_WORDS = frozenset({"topic", "title", "concept", "term", "subject", "placeholder"})
"""A lone word in brackets that names a slot ("Explain [Topic] simply"): a slot when it
repeats across files, or always for "[Placeholder]"."""
_KEY_VALUE = re.compile(rf"(?:{_SLOT_KEYS})[ \t]*:[ \t]*\S", re.IGNORECASE)
"""A ``Key: value`` slot with a key templates use ("[Topic: attention mechanisms, …]")."""
_ANY_KEY_ELLIPSIS = re.compile(r"[A-Z][A-Za-z ]{1,30}:[ \t]*\S.*(?:…|\.\.\.|,[ \t]*etc\.?)[ \t]*$")
"""Any ``Key: value, …`` slot that trails off: a list to be filled in."""
_PROSE_SLOT = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z.…]")
"""Text a repeated slot may hold: three words or more, no digits, quotes, lists or code."""
_MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$\w])\$(?=\S)[^$\n]+?(?<=\S)\$(?![\w$])")
_COMMENT = re.compile(r"<!--.*?-->")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|(?<!\w)'[^'\n]{3,}'(?!\w)")
"""A quoted example on one line (an apostrophe inside a word opens no quote)."""
_PROMPT_LINE = re.compile(r"\b(?:prompts?|templates?|placeholders?|fill-in|variables?|syntax|interpolat\w*|"
                          r"copyright|licen[cs]ed?)\b", re.IGNORECASE)
"""A line that talks about prompts, templates or placeholders: its slots are examples;
a licence's "Copyright [yyyy] [name of copyright owner]" is the licence's own slot."""

TEMPLATE_SLOT_LINE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?(?P<text>\[(?:"
    r"(?:topic|title|name|date|author|company|role|position|example|description|summary|link|url|image|"
    r"question|answer|details?|content|text|explanation|code|notes?|keywords?|tags?)[ \t]*:[^\]\n]{0,100}"
    r"|(?:insert|add|your|enter|fill[ \t]+in|describe|write|put|replace)\b[^\]\n]{0,100})\])"
    r"(?:\*\*|__|\*|_)?[ \t]*\r?$",
    re.IGNORECASE | re.MULTILINE,
)
"""A template's fill-in slot left in place: "[Topic: attention mechanisms, …]",
"[Insert example here]", "[Your answer]" alone on a line (a link would go on with "(")."""

STRONG, REPEATED = "slot", "repeated"


def _masked(line: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(line)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _slot_kind(inner: str) -> str | None:
    """Why a bracketed text reads as a fill-in slot (STRONG), or could be one when it
    repeats across files (REPEATED), or None."""
    text = inner.strip().strip("*_").strip()
    if not text or not text[0].isalpha():
        return None  # citations [1], options [A] are too short, [^1], [!NOTE], [ ] and [x] start otherwise
    words = text.split()
    if _INSTRUCTION.match(text) and len(words) >= 2 or text.lower() == "placeholder":
        return STRONG
    if len(words) == 1 and text.lower() in _KEY_WORDS:
        return REPEATED
    if 2 <= len(words) <= 3 and words[-1] == "Name" and all(w[:1].isupper() for w in words):
        return STRONG  # "[Project Name]", "[Your Company Name]"
    if _KEY_VALUE.match(text) or _ANY_KEY_ELLIPSIS.match(text):
        return STRONG
    if len(words) >= 2 and _HERE.search(text) and len(words) <= 8:
        return STRONG
    if 3 <= len(words) <= 12 and _PROSE_SLOT.fullmatch(text) and any(w.islower() for w in words[1:]):
        return REPEATED
    return None


def _value_variable(text: str, m: re.Match[str]) -> bool:
    """Whether the mustache variable ``m`` is a value reference documentation asks the
    reader to supply, not a slot the writer forgot: it is named like a credential or an
    id, follows ``Bearer``, a header or ``name=`` on its line, or sits in a URL or path."""
    words = _NAME_WORDS.findall(m.group("inner"))
    if words and words[-1].lower() in _VALUE_WORDS:
        return True
    before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]  # its line up to it
    if _VALUE_BEFORE.search(before):
        return True
    end = text.find("\n", m.start())
    after = text[m.start() : end if end >= 0 else len(text)]
    token = re.split(r"\s", before)[-1] + after.split(maxsplit=1)[0]  # the word around it
    return "://" in token or token.startswith("/") or token.startswith(m.group(0) + "/")


def find_slots(doc: Document) -> list[list[Any]]:
    """[start, end, kind, text] of every slot-shaped span of ``doc`` outside code, math,
    links, comments and quoted examples."""
    s = scan(doc)
    links_by_line: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for ref in s.refs:
        line_start = s.line_start(ref.line)
        links_by_line[ref.line].append((ref.start - line_start, ref.end - line_start))
    out: list[list[Any]] = []
    for index, line in enumerate(s.lines):
        if s.code[index] or s.comment[index] or not ("[" in line or "{{" in line or "<" in line or "psum" in line):
            continue
        number = index + 1
        hidden = [*code_spans(line), *links_by_line.get(number, ())]
        hidden += [(m.start(), m.end()) for m in _MATH.finditer(line)] if "$" in line else []
        hidden += [(m.start(), m.end()) for m in _COMMENT.finditer(line)] if "<!--" in line else []
        masked = _masked(line, hidden)
        if _PROMPT_LINE.search(masked) or "[" in line and TEMPLATE_SLOT_LINE.fullmatch(line):
            continue  # examples of prompts; a line that is only a slot is QA102's
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(masked)]
        base = s.line_start(number)
        found: list[tuple[int, int, str, str]] = []
        if "[" in masked:
            for m in _BRACKET.finditer(masked):
                kind = _slot_kind(m.group("inner"))
                if kind is not None:
                    found.append((m.start(), m.end(), kind, m.group(0)))
        if "{{" in masked and "{%" not in doc.text:
            found += [(m.start(), m.end(), STRONG, m.group(0)) for m in _MUSTACHE.finditer(masked)
                      if m.group("inner").lower() not in _NOT_NAMES and not _value_variable(masked, m)]
        if "<" in masked:
            found += [(m.start(), m.end(), STRONG, m.group(0)) for m in _ANGLE.finditer(masked)
                      if len(m.group("inner").split()) >= 2]
        if "ipsum" in masked.lower():
            found += [(m.start(), m.end(), STRONG, m.group(0)) for m in _LOREM.finditer(masked)]
        for start, end, kind, text in sorted(found):
            if any(qs < start and end < qe for qs, qe in quoted):
                continue  # an example inside a quoted prompt or string
            out.append([base + start, base + end, kind, " ".join(text.lower().split())])
    return out


class TemplatePlaceholder(Rule):
    """A template's fill-in slot left in the notes: ``[Topic: attention mechanisms, …]``,
    ``[Insert example here]``, ``[Your answer]``, ``<fill in>``, ``{{question}}``, or
    ``Lorem ipsum``, anywhere in the text (a heading, a question, mid-sentence).

    Notes generated from a template keep its slots where nobody filled them in. A slot
    tells the writer what to put there: it opens with Insert, Add, Your, Enter, Describe,
    Explain, "brief description of", "list of" ..., ends in "here", names a name to fill
    in ("[Project Name]"), or is a ``Key: value`` slot with a template's key (Topic,
    Title, Example, ...) or trailing off in "…". The strongest sign is the same bracketed text in
    ``min-files`` files or more: template residue, even when its wording is plain
    ("[Short explanation of the idea]").

    Never a slot: links and reference links, footnotes ``[^1]``, task lists ``[ ]`` and
    ``[x]``, citations ``[1]`` and ``[12, 13]``, admonitions ``[!NOTE]``, wiki links,
    options ``[A]``, code spans and blocks, math, HTML comments, Liquid/Jinja
    expressions (``{{ site.url }}``), values reference documentation asks the reader to
    supply (``Bearer {{key}}``, ``Authorization: {{token}}``, ``?api_key={{key}}``,
    ``{{baseUrl}}/users``, a Postman variable named like a credential or an id such as
    ``{{access_token}}`` or ``{{userId}}``), slots inside a quoted example, lines that talk about
    prompts or templates, and files named like a template (``skip-files``, matched on the
    path inside the corpus), whose slots are their purpose. A whole answer or line that is only a slot is QA102's.

    Bad:

        ## What is self-attention?

        Self-attention relates positions of one sequence. [Insert example here]

        Related: [Topic: attention mechanisms, transformers, …]

    Good:

        ## What is self-attention?

        Self-attention relates positions of one sequence: in "the cat sat", "sat"
        attends most to "cat".
    """

    code = "QA105"
    name = "template-placeholder"
    summary = "A template slot left unfilled ([Insert example here], {{question}}, Lorem ipsum)"
    severity = Severity.WARNING
    scope = "corpus"

    @dataclass(frozen=True)
    class Options:
        min_files: int = 3
        """Files the same bracketed text must appear in to count as template residue
        when its wording alone does not read as a slot (0: off)."""
        skip_files: tuple[str, ...] = ("*template*", "*TEMPLATE*", "*Template*", ".github/*", "LICEN[CS]E*",
                                       "COPYING*")
        """Glob patterns of files whose slots are their purpose (contribution and issue
        templates, a licence's "[name of copyright owner]")."""

    def prepare_document(self, doc: Document, ctx: RuleContext) -> list[list[Any]]:
        opts: TemplatePlaceholder.Options = ctx.options or self.Options()
        rel = doc.rel_path.replace("\\", "/")  # the corpus's own folders, not the folders above its root
        if any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.rsplit("/", 1)[-1], p) for p in opts.skip_files):
            return []
        if not any(c in doc.text for c in "[{<") and "ipsum" not in doc.text.lower():
            return []
        return find_slots(doc)

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        opts: TemplatePlaceholder.Options = ctx.options or self.Options()
        prepared = [(doc, self.prepared(doc, ctx) or []) for doc in corpus.documents]
        places: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for doc, slots in prepared:
            for start, _end, _kind, text in slots:
                places[text].append((doc.path, doc.locate(start)[0]))
        for doc, slots in prepared:
            for start, end, kind, text in slots:
                files = sorted({p for p, _ in places[text]})
                repeated = opts.min_files > 0 and len(files) >= opts.min_files
                if kind != STRONG and not repeated:
                    continue
                shown = doc.text[start:end]
                message = f"template slot left unfilled: {shown!r}"
                related: list[Related] = []
                if len(files) > 1:
                    message += f" (the same text is in {len(files)} files: template residue)"
                    others = [(p, ln) for p, ln in places[text] if p != doc.path]
                    related = [Related(p, ln, "same slot") for p, ln in others[:3]]
                yield self.finding_at(doc, start, end, message, record=record_at(doc, doc.locate(start)[0]),
                                      related=related, snippet=text)


RULES: list[type] = [TemplatePlaceholder]
