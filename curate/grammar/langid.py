"""Which language a stretch of prose is written in, from letters and function words.

Spelling and grammar checkers know one language: fed a German or Chinese translation
they report every word. We only need to tell the configured language from the others,
on prose of notes, deterministically and fast, so a small statistical test does it (no
model, no dependency): first the script of the letters (Han, Cyrillic, Arabic, Thai,
...), then, for Latin script, which language's commonest function words ("the", "of",
"der", "les", "yang", ...) the text uses. Text too short to tell is *undecided*; the
caller falls back on the language of the whole file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    # Only words that are rare in the other languages listed here (no "a", "in", "de"),
    # and no single letters ("e" of "e.g.", the variables "i" and "o").
    "en": frozenset("""the of and to is are was were that this these those for with what which
        when why how does do can will would should it its not be been by from or as at
        you your we our they their has have there than then if also into about an""".split()),
    "de": frozenset("""der das und ist nicht ein eine einen dem des zu mit von auf für sich
        werden wird auch wenn oder wie wir ich kann sind nur noch""".split()),
    "fr": frozenset("""le les et est une des du que qui pour dans ce cette pas sur avec sont au
        aux il elle nous vous ou mais comme peut être fait""".split()),
    "es": frozenset("""el los las es una del que por para se lo como más pero su sus al
        está son puede cuando este esta""".split()),
    "pt": frozenset("""os um uma do da dos das em que para com não se por mais mas ao está
        são pode quando este esta você""".split()),
    "it": frozenset("""il lo gli una di del della che non si sono anche questo questa può
        quando più""".split()),
    "nl": frozenset("""het een en van dat niet met op voor zijn er te wordt ook wat je kan
        deze dit hoe""".split()),
    "id": frozenset("""yang dan di ini itu dengan untuk dari adalah tidak akan pada ke dalam
        kita kamu apa bisa juga karena atau jika sudah hanya saja sebuah dapat tersebut bahwa""".split()),
    "tr": frozenset("""bir ve bu da için ile ne gibi olarak değil mi çok daha ama olan veya""".split()),
    "pl": frozenset("""na się nie jest że jak co czy oraz być który która przez przed tym jego jej
        dla gdy jeśli można""".split()),
    "ro": frozenset("""și sau pentru sunt această acest dacă către""".split()),
    "sq": frozenset("""është një dhe që nuk për nëse janë të""".split()),
    "vi": frozenset("""và của là có không được các những một trong cho với này để khi""".split()),
    "bs": frozenset("""je na se da su za od ne koji sa kao ili će""".split()),
}
"""The commonest function words of Latin-script languages met in public notes."""

_LANGS_OF: dict[str, tuple[str, ...]] = {}
"""Function word -> the languages listing it (one lookup a word instead of one a language)."""
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in _words:
        _LANGS_OF[_word] = (*_LANGS_OF.get(_word, ()), _lang)

_SCRIPTS = (  # (name, ranges) for letters that are not Latin
    ("zh", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))),
    ("ja", ((0x3040, 0x30FF),)),
    ("ko", ((0xAC00, 0xD7AF), (0x1100, 0x11FF))),
    ("ru", ((0x0400, 0x04FF),)),
    ("el", ((0x0370, 0x03FF),)),
    ("ar", ((0x0600, 0x06FF), (0x0750, 0x077F))),
    ("he", ((0x0590, 0x05FF),)),
    ("th", ((0x0E00, 0x0E7F),)),
    ("hi", ((0x0900, 0x097F),)),
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 4
"""Fewer words than this (a heading, "Answer: D") and a text is undecided."""
MIN_SCRIPT_SHARE = 0.3
"""Non-Latin letters above this share of all letters: the text is in that script."""


@dataclass(frozen=True, slots=True)
class Guess:
    """A language guess with its evidence, so guesses can be summed over a file."""

    scores: tuple[tuple[str, float], ...]
    """(language, evidence) pairs, strongest first; empty when undecided."""

    @property
    def language(self) -> str | None:
        """The best language, or None when the text gives too little evidence."""
        return self.scores[0][0] if self.scores else None


def _script(ch: str) -> str | None:
    code = ord(ch)
    for name, ranges in _SCRIPTS:
        for low, high in ranges:
            if low <= code <= high:
                return name
    return None


def evidence(text: str) -> Counter[str]:
    """Evidence per language in ``text``: letters of a non-Latin script count for that
    script (``decide`` scales them to words: two letters of Han are about one word),
    function words count for their language."""
    out: Counter[str] = Counter()
    if not text.isascii():
        for ch in text:
            if ord(ch) >= 0x370:
                name = _script(ch)
                if name is not None:
                    out[name] += 1  # letters; two are about one word (see decide)
    latin = accented = 0
    langs_of = _LANGS_OF
    for word in _WORD.findall(text):
        plain = word.isascii()
        if not plain and _script(word[0]) is not None:
            continue
        latin += 1
        if len(word) > 1 and word.isupper():
            continue  # "CE", "IT": acronyms, not function words
        for lang in langs_of.get(word.lower(), ()):
            out[lang] += 1
        if not plain and not word.replace("’", "").isascii():  # "you’re" is English
            accented += 1
    if latin:
        out["_latin"] += latin
    if accented:
        out["_accented"] += accented
    return out


def guess(text: str) -> Guess:
    """The language of ``text`` (see ``evidence``), undecided when short or unclear."""
    return decide(evidence(text))


OTHER = "other"
"""A Latin-script language not in the function-word lists (Romanian, Albanian, ...)."""
MIN_ENGLISH_SHARE = 0.05
"""English prose has a function word every third word or so; a whole file with fewer
than this share of them, over ``MIN_OTHER_WORDS`` words, is in some other language."""
MIN_OTHER_WORDS = 40
MIN_ACCENTED_SHARE = 0.05
"""... and at least this share of its Latin-script words carry letters beyond ASCII
(ș, ë, ç): a file of English terms with no function words has none."""
MIN_FOREIGN_SHARE = 0.1
"""Function words of a language other than English must make at least this share of
the words (real prose is full of them; an English list of terms is not)."""
MIN_PROSE_ACCENTED_SHARE = 0.15
"""A paragraph of ``MIN_ACCENTED_WORDS`` or more words, this share of them with letters
beyond ASCII (właściwości, është) and almost no English function words (under
``MIN_ENGLISH_SHARE_PROSE``), is not English, whatever stray "to" or "do" it has: English
prose writes accents only in a borrowed name or two."""
MIN_ACCENTED_WORDS = 8
MIN_FOREIGN_WORDS_ALONE = 2
"""Function words of one other language that, with no English one at all, tell a
paragraph's language (one stray "non" or "et al." does not)."""
MIN_ENGLISH_SHARE_PROSE = 0.1


def decide(counts: Counter[str], *, whole_file: bool = False) -> Guess:
    """A guess from summed ``evidence``: a non-Latin script with at least
    ``MIN_SCRIPT_SHARE`` of the letters wins; else the Latin-script language with the
    most function words, when it has at least twice the runner-up's. For a whole file
    (``whole_file``), many words with almost no English function words and no other
    listed language's make ``OTHER`` (a paragraph is left undecided instead: a list of
    terms has no function words either)."""
    latin_words = counts.get("_latin", 0)
    scripts = [(k, v / 2) for k, v in counts.items() if k not in _FUNCTION_WORDS and not k.startswith("_")]
    script_words = sum(v for _, v in scripts)
    if script_words + latin_words < MIN_WORDS:
        return Guess(())
    if scripts and script_words >= MIN_SCRIPT_SHARE * (script_words + latin_words):
        return Guess(tuple(sorted(scripts, key=lambda kv: (-kv[1], kv[0]))))
    ranked = sorted(((k, v) for k, v in counts.items() if k in _FUNCTION_WORDS and v > 0),
                    key=lambda kv: (-kv[1], kv[0]))
    if latin_words < MIN_WORDS:
        return Guess(())
    best = ranked[0][1] if ranked else 0
    runner = ranked[1][1] if len(ranked) > 1 else 0
    english = counts.get("en", 0)
    foreign = [(k, v) for k, v in ranked if k != "en"]
    if (latin_words >= MIN_ACCENTED_WORDS and english < MIN_ENGLISH_SHARE_PROSE * latin_words
            and counts.get("_accented", 0) >= MIN_PROSE_ACCENTED_SHARE * latin_words):
        return Guess(tuple(foreign) or ((OTHER, float(latin_words)),))
    if not english and foreign and foreign[0][1] >= MIN_FOREIGN_WORDS_ALONE:
        return Guess(tuple(foreign))  # no "the", "of", "is" in four words or more, but "dan ... dan"
    if ranked and ranked[0][0] != "en" and best < MIN_FOREIGN_SHARE * latin_words:
        best = 0  # a stray "con" or "per" in English
    if best < 2 or best < 2 * runner:
        if (whole_file and latin_words >= MIN_OTHER_WORDS and counts.get("en", 0) < MIN_ENGLISH_SHARE * latin_words
                and counts.get("_accented", 0) >= MIN_ACCENTED_SHARE * latin_words):
            return Guess(((OTHER, float(latin_words)),))
        return Guess(())
    return Guess(tuple(ranked))


def total(texts: Iterable[str]) -> Counter[str]:
    """Summed evidence of several texts (a file's paragraphs)."""
    out: Counter[str] = Counter()
    for text in texts:
        out.update(evidence(text))
    return out


def primary(language: str) -> str:
    """``en-US`` → ``en``; ``zh-CN`` → ``zh``; ``pt-BR`` → ``pt``."""
    return (language or "en").split("-")[0].split("_")[0].lower() or "en"


def same_language(guessed: str | None, configured: str) -> bool:
    """True when ``guessed`` is the configured language (None never is)."""
    if guessed is None:
        return False
    want = primary(configured)
    aliases = {"zh": {"zh", "ja"}, "ja": {"ja", "zh"}, "bs": {"bs", "hr", "sr"}, "ru": {"ru", "uk", "bg", "sr"}}
    return guessed == want or guessed in aliases.get(want, set())

