"""What makes two question records *the same question* beyond their wording.

Three shapes of real collections fool a comparison of question text alone:

- **The question's body.** "What's the output?" followed by a code block and options
  A-D, "Find the partial derivatives of:" followed by a formula: the material shown with
  the question before its answer is part of the question. :func:`question_body` returns
  it, and the duplicate rules compare it along with the wording.
- **Pointers.** A heading or list item that is only a link to another local page
  ("### [Part 3: What Are Tools in AI?](./part3.md)") is navigation to that page, not a
  second copy of its question (:func:`is_pointer`).
- **Translations.** The same note kept in several languages (``de-DE/README.md``,
  ``ko-KR/README-ko_KR.md``, ``README_AR.md`` beside ``README.md``) repeats every
  question and code block on purpose: records of two language variants of one file are
  never duplicates of each other (:func:`translation_key`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Iterable

from curate.corpus.layouts.classify import opens_options
from curate.dedup.units import unit_key

_REVEAL = re.compile(r"<details\b", re.IGNORECASE)
_LEADING_MATERIAL = re.compile(r"^\s*(?:`{3,}|~{3,}|\$\$|!\[)")
_DEICTIC = re.compile(r"\b(?:this|these|below|following|above|given|output|snippet|code)\b", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def question_body(question: str, answer_md: str) -> str:
    """The part of the answer Markdown that belongs to the question, normalised ("" when
    none): what comes before an answer hidden in ``<details>``; or, when the question
    ends with a colon or points at material ("this dataset", "the output of below
    code") and the answer opens with code, a formula or an image, that first block."""
    body = _body_md(question, answer_md)
    return unit_key(body) if body.strip() else ""


def _body_md(question: str, answer_md: str) -> str:
    """The Markdown ``question_body`` normalises ("" when none)."""
    reveal = _REVEAL.search(answer_md)
    if reveal is not None:
        return answer_md[: reveal.start()]
    if question.rstrip().endswith(":") or (_DEICTIC.search(question) and _LEADING_MATERIAL.match(answer_md)):
        return _first_block(answer_md)
    return ""


def _first_block(md: str) -> str:
    """The first block of ``md``: a whole fenced block or ``$$`` formula, else up to
    the first blank line."""
    text = md.lstrip()
    for fence in ("```", "~~~", "$$"):
        if text.startswith(fence):
            end = text.find(fence, len(fence))
            return text if end < 0 else text[: end + len(fence)]
    m = _BLANK_LINE.search(text)
    return text if m is None else text[: m.start()]


def shown_material(question_md: str) -> str:
    """Material the question's own Markdown shows after its first line, normalised ("" when
    none): the program of "What does this print?" or the lettered options that the parser
    keeps with the question (a heading or bold question, its code block or options, then
    the answer label or the hidden answer)."""
    _first, _newline, rest = question_md.partition("\n")
    if not _LEADING_MATERIAL.match(rest) and "```" not in rest and "~~~" not in rest and not opens_options(rest.strip()):
        return ""
    return unit_key(rest) if rest.strip() else ""


OPTIONS_MARK = "o"
"""Marks the digest of a body that is only lettered options (see ``bodies_differ``)."""


def _only_options(md: str) -> bool:
    """Lettered options and nothing else to show: no program, formula or picture."""
    text = md.strip()
    return opens_options(text) and "```" not in text and "~~~" not in text and "$$" not in text and "![" not in text


def identity(norm: str, question: str, answer_md: str, question_md: str = "", shown: str = "") -> str:
    """The key under which two questions are the same question: the normalised wording,
    plus a digest of the question's body when it has one (``shown``: the options of a
    table row; else shown in its own Markdown or at the head of its answer); a body of
    options only is marked (``OPTIONS_MARK``)."""
    if shown.strip():
        raw, body = shown, unit_key(shown)
    else:
        body = shown_material(question_md)
        raw = question_md.partition("\n")[2] if body else _body_md(question, answer_md)
        body = body or (unit_key(raw) if raw.strip() else "")
    if not body:
        return norm
    mark = OPTIONS_MARK if _only_options(raw) else ""
    return f"{norm}\x1f{mark}{hashlib.blake2b(body.encode('utf-8', 'surrogatepass'), digest_size=8).hexdigest()}"


def bodies_differ(a: str, b: str) -> bool:
    """Do the bodies of two ``identity`` keys make the questions different? A program, a
    formula or a table always does ("What's the output?" over two programs); options
    only against other options: a multiple-choice question and the same question asked
    openly ask the same thing (options change how it is asked, not what)."""
    body_a, body_b = a.partition("\x1f")[2], b.partition("\x1f")[2]
    if body_a == body_b:
        return False
    return not ((not body_a and body_b.startswith(OPTIONS_MARK)) or (not body_b and body_a.startswith(OPTIONS_MARK)))


_LINK_ONLY = re.compile(r"^\s*(?:#{1,6}\s*)?(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:[^\w\s\[<(*_#]{1,4}\s*)?[*_]*\[[^\]]*\]\(([^)\s]+)[^)]*\)[*_]*\s*[#\s]*$")
"""A line that is only a link, after its heading, list or number mark and a decoration ("✔️ ")."""


def is_pointer(question_md: str) -> bool:
    """True when the question line is nothing but a link to a local page (a table of
    contents entry or a course index): the question lives on that page."""
    m = _LINK_ONLY.match(question_md.strip())
    if m is None:
        return False
    target = m.group(1)
    return "://" not in target and not target.startswith(("mailto:", "#"))


_LOCALE_DIR = re.compile(r"^[a-z]{2,3}[-_](?:[A-Z]{2}|[A-Z][a-z]{3})$")
"""A folder named like a locale with a region or script: ``de-DE``, ``zh_CN``,
``zh-Hant``. Bare two-letter folders are not taken (``ml/``, ``ai/``, ``os/``)."""
_LOCALE_SUFFIX = re.compile(r"[-_.](?:[a-z]{2,3}[-_](?:[A-Z]{2}|[A-Z][a-z]{3})|[a-z]{2}|[A-Z]{2})$")
"""A file-name suffix naming a language: ``README-ko_KR``, ``README_AR``, ``README.fr``."""


@functools.lru_cache(maxsize=1 << 17)
def translation_key(path: str) -> tuple[str, str]:
    """``(base, locale)``: the path with its language markers removed, and the markers.
    Two documents with the same base and different locales are translations of one
    note. A path with no marker has locale ""."""
    parts = path.replace("\\", "/").split("/")
    locale: list[str] = []
    kept: list[str] = []
    for part in parts[:-1]:
        if _LOCALE_DIR.match(part):
            locale.append(part.lower().replace("_", "-"))
        else:
            kept.append(part)
    name = parts[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    m = _LOCALE_SUFFIX.search(stem)
    if m is not None and locale:
        stem = stem[: m.start()]  # README-ko_KR or README_AR inside a locale folder
    elif m is not None and _LOCALE_DIR.match(m.group(0)[1:]):
        locale.append(m.group(0)[1:].lower().replace("_", "-"))
        stem = stem[: m.start()]
    kept.append(f"{stem}.{ext}" if ext else stem)
    return "/".join(kept), "/".join(locale)


def translations(paths: Iterable[str]) -> dict[str, tuple[str, str]]:
    """``translation_key`` of each path, keeping a locale only where the corpus has at
    least two language variants of the same base (a lone ``notes_en.md`` is not part of
    a translation set)."""
    keys = {p: translation_key(p) for p in paths}
    variants: dict[str, set[str]] = {}
    for base, locale in keys.values():
        variants.setdefault(base, set()).add(locale)
    return {p: (base, locale if len(variants[base]) > 1 else "") for p, (base, locale) in keys.items()}


def are_translations(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """True when two ``translations`` keys are different language variants of one file."""
    return a[0] == b[0] and a[1] != b[1]
