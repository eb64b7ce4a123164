"""Rule family: text encoding (QA503 mojibake, QA504 lookalike-text).

Both look at characters, not Markdown structure, so they scan ``Document.text`` directly,
with a cheap regular-expression prefilter so clean files cost one search.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from curate.corpus.model import Document
from curate.rules.base import Finding, Fix, Fixability, Rule, RuleContext, Severity
from curate.rules.support.mdscan import record_at, scan

# -- QA503 ------------------------------------------------------------------------------

# A UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a continuation byte read
# the same way (U+0080..U+00BF or the cp1252 characters of bytes 0x80..0x9F).
_CONT = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
    "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
)
_SUSPECT = re.compile(f"[\u00c2-\u00f4][{_CONT}]")
_LONG_LINE = 2000
_ASCII_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


class Mojibake(Rule):
    """Text that was UTF-8 but was decoded as another encoding (cp1252, Latin-1).

    "Hereâ€™s" is "Here’s" whose three UTF-8 bytes were read as three cp1252 characters.
    Detection and repair use ftfy (``fix_encoding``), which only changes text whose
    repaired form is clearly more plausible, so legitimate accented text ("café", "Ãlvaro"
    in a name list) stays quiet. Each garbled stretch is one finding with a safe fix.

    Bad:

        Hereâ€™s how a GAN works: the generatorâ€™s loss â€“ explained.

    Good:

        Here’s how a GAN works: the generator’s loss – explained.
    """

    code = "QA503"
    name = "mojibake"
    summary = "UTF-8 text read as another encoding ('Hereâ€™s')"
    severity = Severity.WARNING
    scope = "document"
    fixable = Fixability.SAFE

    @dataclass(frozen=True)
    class Options:
        ascii_quotes: bool = False
        """Repair garbled curly quotes to plain ' and " instead of ’ and ”."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: Mojibake.Options = ctx.options or self.Options()
        text = doc.text
        findings: list[Finding] = []
        done_until = -1
        for hit in _SUSPECT.finditer(text):
            if hit.start() < done_until:
                continue
            line_no, _ = doc.locate(hit.start())
            start = doc.line_starts[line_no - 1]
            end = doc.line_starts[line_no] if line_no < len(doc.line_starts) else len(text)
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            if end - start > _LONG_LINE:
                # A huge line: repair only the words around the hit, so the diff stays small.
                start = max(text.rfind(" ", start, hit.start()) + 1, hit.start() - 200)
                space = text.find(" ", hit.end(), end)
                end = min(space if space >= 0 else end, hit.end() + 200)
            done_until = end
            line = text[start:end]
            fixed = _fix_encoding(line)
            if fixed == line:
                continue
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for tag, a0, a1, b0, b1 in matcher.get_opcodes():
                if tag == "equal":
                    continue
                # Widen to whole non-space runs so the fix reads naturally.
                while a0 > 0 and not line[a0 - 1].isspace() and not line[a0 - 1].isascii():
                    a0 -= 1
                    b0 -= 1
                bad = line[a0:a1]
                good = fixed[b0:b1]
                if opts.ascii_quotes:
                    good = good.translate(_ASCII_QUOTES)
                findings.append(self.finding_at(
                    doc, start + a0, start + a1,
                    f"mojibake '{bad}' (UTF-8 read as cp1252/Latin-1); should be '{good}'",
                    record=record_at(doc, line_no),
                    fix=Fix(start + a0, start + a1, good, description=f"replace '{bad}' with '{good}'"),
                ))
        return _merge_adjacent(doc, findings)


@lru_cache(maxsize=4096)
def _fix_encoding(segment: str) -> str:
    """ftfy's repair, memoised: garbled files repeat the same few words."""
    import ftfy  # on first use: only a line with a suspect sequence needs it (26 ms of start-up otherwise)

    return ftfy.fix_encoding(segment)


def _merge_adjacent(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Fixes must not overlap: drop any finding whose fix overlaps the previous one."""
    kept: list[Finding] = []
    last_end = -1
    for f in findings:
        assert f.fix is not None
        if f.fix.start < last_end:
            continue
        kept.append(f)
        last_end = f.fix.end
    return kept


# -- QA504 ------------------------------------------------------------------------------

_MATH = "\U0001D400-\U0001D7FF"
_MATH_RUN = re.compile(f"[{_MATH}]+(?:[ \t'’.,:;!?&-]+[{_MATH}]+)*")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]+")
_ZW_NAMES = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
             "\u2060": "word joiner", "\ufeff": "byte order mark"}
_NON_LATIN = re.compile("[\u0370-\u03ff\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")
# Cyrillic and Greek letters that look exactly like Latin ones.
_CONFUSABLE = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
}


_HEADING_INVISIBLE = re.compile("[\u00a0\u202f\u2007\u200b\u200c\u200d\u2060\ufeff]+")
_SPACE_NAMES = {"\u00a0": "non-breaking space", "\u202f": "narrow non-breaking space", "\u2007": "figure space"}
_FRENCH_BEFORE = "?!:;»"
"""French typography puts a (narrow) non-breaking space before these and after «."""


def _emoji(ch: str) -> bool:
    """An emoji, a skin-tone modifier or an emoji variation selector (the parts a ZWJ
    glues into one picture: 🧑‍💻)."""
    if not ch:
        return False
    code = ord(ch)
    return (0x1F000 <= code <= 0x1FAFF or code in (0xFE0F, 0x20E3) or 0x2190 <= code <= 0x2BFF
            or unicodedata.category(ch) == "So")


def _legitimate_in_heading(text: str, start: int, end: int) -> bool:
    """An invisible character that belongs where it is: a joiner inside an emoji sequence
    or between letters of a script that spells with it (Persian, Indic), or a French
    non-breaking space before ? ! : ; » or after «."""
    run = text[start:end]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not (before.isalnum() and after.isalnum()):
        return True  # beside an emoji, a space or punctuation: no word of the anchor changes
    if set(run) <= {"\u200d", "\u200c"}:
        if _emoji(before) and _emoji(after):
            return True
        if before.isalpha() and after.isalpha() and not (_is_latin_context(before) and _is_latin_context(after)):
            return True
    if set(run) <= set(_SPACE_NAMES):
        return after in _FRENCH_BEFORE or before == "«"
    return False


def _beside_a_space(run: str, before: str, after: str, beyond: str) -> bool:
    """Zero-width spaces between a plain space and a Latin word ("passados \u200b\u200bpor"):
    a zero-width space only marks where a line may break, which a space already does, so
    there it is residue of pasted or machine-translated text. Joiners stay quiet (a word
    joiner before a dash is typography), and so does one at a table cell's edge
    (``beyond``, the character past the space, is a ``|`` or a line end)."""
    if set(run) != {"\u200b"} or beyond in ("", "|", "\n", "\r"):
        return False
    return (before == " " and _latin_word_char(after)) or (_latin_word_char(before) and after == " ")


def _inflected_name(word: str, text: str, at: int) -> bool:
    """A Latin name with a case ending in Cyrillic or Greek ("Observerа", "Observerом"
    in Russian prose): the foreign letters are a suffix after three Latin letters or
    more, and the line around it is written in that script. Not a lookalike."""
    cut = len(word)
    while cut and _NON_LATIN.match(word[cut - 1]):
        cut -= 1
    if cut < 3 or cut == len(word) or _NON_LATIN.search(word[:cut]):
        return False
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start: end if end >= 0 else len(text)]
    return sum(1 for c in line if _NON_LATIN.match(c)) >= len(word) - cut + 8


_GREEK = re.compile("[\u0370-\u03ff]")
_FORMULA = re.compile(r"[=≈≠]|\b\d+(?:[.,]\d+)?\s*(?:kg|g|m|cm|mm|s|J|N|W|Pa|K|mol|L)(?:/|\b)")


def _greek_symbol(word: str, text: str, at: int) -> bool:
    """A Greek letter written as a quantity's symbol with its subscript glued on
    ("Ρplatino = 21450 kg/m3", the density of platinum): only the first letter is
    Greek, and the line is a formula (an "=" or a value with a unit). Replacing the
    letter would change the formula."""
    if not _GREEK.match(word[0]) or _NON_LATIN.search(word, 1):
        return False
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return _FORMULA.search(text, start, end if end >= 0 else len(text)) is not None


def _latin_word_char(ch: str) -> bool:
    """A Latin letter or a digit: a zero-width character between two of them splits a word."""
    return bool(ch) and ch.isalnum() and _is_latin_context(ch)


_TEX_MATH = re.compile(r"\$\$.*?\$\$|(?<![\\$])\$[^$\n]+\$", re.S)


def _is_latin_context(ch: str) -> bool:
    """True for characters of Latin text: ASCII, Latin letters, spaces, punctuation."""
    if not ch or ch.isspace() or ord(ch) < 0x250:
        return True
    category = unicodedata.category(ch)
    if category[0] in "PZ":
        return True
    if category[0] == "L":
        return "LATIN" in unicodedata.name(ch, "")
    return False


class LookalikeText(Rule):
    """Characters that look like plain Latin text but are not.

    * Mathematical alphanumeric letters used as fake bold or italic ("𝐇𝐨𝐰 𝐆𝐀𝐍𝐬 𝐰𝐨𝐫𝐤",
      pasted from social media): search, spell checking and deduplication cannot read
      them (inside ``$...$`` maths they are notation and stay quiet). A word of at least ``min_math_word`` such letters is reported; a lone maths
      variable (𝑥, 𝑓(𝑥)) stays quiet. Fix: NFKC ("How GANs work").
    * Zero-width characters (zero-width space, joiners, word joiner, a byte order mark
      mid-text) between two Latin letters or digits: they split words invisibly (at a
      word's or a table cell's edge, or beside CJK text, they split nothing); and zero-width
      spaces between a space and a Latin word, residue of pasted or machine-translated
      text that search and spelling read as part of the word. Joiners inside
      emoji sequences and in Persian/Arabic/Indic text (where ZWNJ is spelling) stay
      quiet. Fix: delete them.
    * Cyrillic or Greek letters that look Latin inside a Latin word ("Gооgle" with
      Cyrillic о). Fix: the Latin letter. A Latin name with a case ending in Russian or
      Greek prose ("нового Observerа") is grammar, not a lookalike; a Greek symbol with
      its subscript in a formula ("Ρplatino = 21450 kg/m3") is notation.
    * Non-breaking spaces and zero-width characters between two letters or digits of a
      heading: the heading looks right but its anchor (what a table of contents links
      to, ``#supervised-learning``) is not what anyone types. Beside an emoji, a space or
      punctuation (``🗓️\u00a0Day 1``), joiners in scripts that spell with them, and
      French non-breaking spaces before ``? ! : ;`` stay quiet, and
      a non-breaking space outside headings is left alone (French typography, ``10 km``).
      Fix: a plain space, or delete the zero-width character.

    Bad:

        𝐖𝐡𝐚𝐭 𝐢𝐬 𝐚 𝐆𝐀𝐍? — a "zero\u200bshot" model

    Good:

        **What is a GAN?** — a "zero-shot" model
    """

    code = "QA504"
    name = "lookalike-text"
    summary = "Maths letters as fake bold, zero-width characters or Cyrillic lookalikes in Latin text"
    severity = Severity.WARNING
    scope = "document"
    fixable = Fixability.SAFE

    @dataclass(frozen=True)
    class Options:
        min_math_word: int = 3
        """Maths letters in a row that make a fake-bold word (fewer are a maths variable)."""
        check_zero_width: bool = True
        """Report zero-width characters between Latin letters."""
        check_confusables: bool = True
        """Report Cyrillic or Greek lookalike letters inside Latin words."""
        check_headings: bool = True
        """Report non-breaking spaces and zero-width characters inside headings."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: LookalikeText.Options = ctx.options or self.Options()
        text = doc.text
        findings: list[Finding] = []
        if any("\U0001D400" <= ch <= "\U0001D7FF" for ch in _maybe_astral(text)):
            tex = [(t.start(), t.end()) for t in _TEX_MATH.finditer(text)]
            for m in _MATH_RUN.finditer(text):
                if any(a <= m.start() < b for a, b in tex):
                    continue  # inside $...$: maths notation, rendered as such
                run = m.group(0)
                longest = max(len(w) for w in re.findall(f"[{_MATH}]+", run))
                if longest < opts.min_math_word:
                    continue
                plain = "".join(unicodedata.normalize("NFKC", c) if "\U0001D400" <= c <= "\U0001D7FF" else c
                                for c in run)
                if not re.search(r"[A-Za-z0-9]{2}", plain):
                    continue  # Greek maths letters: genuine notation
                line_no, _ = doc.locate(m.start())
                findings.append(self.finding_at(
                    doc, m.start(), m.end(),
                    f"'{run}' uses mathematical letters as styling; write '{plain}' (use **bold** for emphasis)",
                    record=record_at(doc, line_no),
                    fix=Fix(m.start(), m.end(), plain, description=f"replace with '{plain}'")))
        in_heading: set[int] = set()
        if opts.check_headings and not text.isascii() and _HEADING_INVISIBLE.search(text):
            findings.extend(self._headings(doc, in_heading))
        if opts.check_zero_width and _ZERO_WIDTH.search(text):
            for m in _ZERO_WIDTH.finditer(text):
                if m.start() in in_heading:
                    continue
                before = text[m.start() - 1] if m.start() > 0 else ""
                after = text[m.end()] if m.end() < len(text) else ""
                inside = _latin_word_char(before) and _latin_word_char(after)
                beyond = (text[m.start() - 2] if m.start() > 1 else "") if before == " " else \
                    (text[m.end() + 1] if m.end() + 1 < len(text) else "")
                if not inside and not _beside_a_space(m.group(0), before, after, beyond):
                    continue  # at a word's edge, a table cell's edge or in CJK text: it splits nothing
                if not before and m.group(0) == "\ufeff":
                    continue
                names = sorted({_ZW_NAMES[c] for c in m.group(0)})
                line_no, _ = doc.locate(m.start())
                findings.append(self.finding_at(
                    doc, m.start(), m.end(),
                    f"invisible {', '.join(names)} in Latin text splits or glues words" if inside else
                    f"invisible {', '.join(names)} beside a space (pasted or machine-translated text): "
                    "search and spelling see it as part of the word",
                    record=record_at(doc, line_no),
                    fix=Fix(m.start(), m.end(), "", description=f"delete the {', '.join(names)}")))
        if opts.check_confusables and _NON_LATIN.search(text):
            for m in _WORD.finditer(text):
                word = m.group(0)
                if not _NON_LATIN.search(word) or not re.search("[A-Za-z]", word):
                    continue
                foreign = [c for c in word if _NON_LATIN.match(c)]
                if not all(c in _CONFUSABLE for c in foreign):
                    continue  # a real mixed-script word (rare), not a lookalike
                if _inflected_name(word, text, m.start()) or _greek_symbol(word, text, m.start()):
                    continue
                latin = "".join(_CONFUSABLE.get(c, c) for c in word)
                line_no, _ = doc.locate(m.start())
                findings.append(self.finding_at(
                    doc, m.start(), m.end(),
                    f"'{word}' mixes Cyrillic/Greek lookalike letters into a Latin word; should be '{latin}'",
                    record=record_at(doc, line_no),
                    fix=Fix(m.start(), m.end(), latin, description=f"replace with '{latin}'")))
        findings.sort(key=lambda f: (f.line, f.column))
        return findings

    def _headings(self, doc: Document, seen: set[int]) -> list[Finding]:
        """Invisible characters in headings (offsets of each run added to ``seen``)."""
        out = []
        for line_no, _, _ in scan(doc).headings:
            line = doc.line(line_no)
            base = doc.line_starts[line_no - 1]
            for m in _HEADING_INVISIBLE.finditer(line):
                seen.update(range(base + m.start(), base + m.end()))
                if _legitimate_in_heading(line, m.start(), m.end()):
                    continue
                run = m.group(0)
                names = sorted({_SPACE_NAMES.get(c) or _ZW_NAMES[c] for c in run})
                spaces = any(c in _SPACE_NAMES for c in run)
                replacement = " " if spaces else ""
                what = "replace with a space" if spaces else f"delete the {', '.join(names)}"
                out.append(self.finding_at(
                    doc, base + m.start(), base + m.end(),
                    f"invisible {', '.join(names)} in a heading: its anchor is not what a table of contents links to",
                    record=record_at(doc, line_no),
                    fix=Fix(base + m.start(), base + m.end(), replacement, description=what)))
        return out


def _maybe_astral(text: str) -> str:
    """The characters beyond the BMP, found fast (most files have none)."""
    if text.isascii():
        return ""
    return "".join(re.findall("[\U00010000-\U0010FFFF]", text))


RULES = [Mojibake, LookalikeText]
