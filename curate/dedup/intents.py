"""What a question asks for, read from its wording (a definition, a time, a method, ...).

Two questions on one subject that ask for different things ("What is X?" / "When
should you use X?") are not duplicates however many words they share; both the verifier
(:mod:`curate.dedup.verify`) and the difference check (:mod:`curate.dedup.differ`) ask
this module.
"""

from __future__ import annotations

import re

_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("time", r"\bwhen (?:to|should|do|does|would|is|are|can|could)\b"),
    ("comparison", r"\b(?:differences?|different|differ|differs|differentiat\w*|distinguish\w*|compar\w*|versus|vs)\b"),
    ("pros", r"\b(?:advantages?|benefits?|pros)\b"),
    ("cons", r"\b(?:disadvantages?|limitations?|drawbacks?|challenges?|cons|risks?|pitfalls?)\b"),
    ("examples", r"\b(?:examples? of|types? of|kinds? of)\b|\b(?:name|list) (?:some|a few|few|the|all)\b"),
    ("uses", r"\b(?:applications? (?:of|in)|use cases?|(?:the )?uses? of|usage of)\b"
             r"|\bwhere (?:do|does|is|are|can|could|should|would)\b.*\bused?\b"
             r"|\b(?:good|useful|used) for$"),  # "What's Markdown good for?", "What is X used for?"
    ("count", r"\bhow many\b"),
    ("amount", r"\bhow much\b"),
    ("method", r"\bhow (?:to|can|could|would|should|do (?:you|we|i))\b|\b(?:ways?|steps?|methods?|techniques?) (?:to|of|for)\b"
               r"|\b(?:calculat\w*|comput\w*|formula)\b"),
    ("role", r"\brole\b"),
    ("possibility", r"^(?:can|could|may) (?:i|you|we|one|they|he|she|it|a|an|the|this|these|those|\w+s?)\b"
                    r"|\b(?:is it possible|possible to|is there a way|able to)\b"),
    ("reason", r"\b(?:why|purpose|importance|significance|reasons?)\b|\bneed for\b"),
))
_DEFINITION = re.compile(r"^(?:what (?:is|are|do you mean by|do you know about)|define|explain|describe"
                         r"|tell (?:me|us) (?:something |a bit |a little )?about|talk about)\b")
COMPATIBLE = frozenset({frozenset({"definition", "role"}), frozenset({"role", "reason"}), frozenset({"time", "uses"}),
                        frozenset({"possibility", "method"}), frozenset({"possibility", "uses"}), frozenset({"possibility", "time"})})
"""Intents that ask the same thing: "What is X?" and "What is the role of X?" (what it
does is what it is), a role and a purpose, and when X is used and what it is used for
(its use cases). Why X matters ("the importance of X") is not what X is. Whether X can
be done ("Can I run X on Y?") is close to how, where and when it is done; it is not
what X is ("What is a private subnet?" / "Can I work with private subnets?")."""
_REQUEST = re.compile(r"^(?:can|could|would|will) you (?:please )?(?=(?:explain|describe|define|tell|give|list|name|walk|talk|share|"
                      r"elaborate|provide|outline|discuss|summari[sz]e|clarify|compare|contrast|differentiate|distinguish|show)\b)")
"""A polite request ("Can you explain X?") asks what the request does ("Explain X"),
not whether it can be done."""
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|without|nor|neither|\w+n t|(?:do|does|did|is|are|was|were|ca|wo|should|would|could|"
                       r"must|has|have|had)nt)\b")
"""A negation in a normalised question ("not", "can't" is "can t", "without")."""
_TOPIC_WORDS = 4
"""A heading of at most this many words and no question word is a bare topic; longer
ones without a question word are tasks ("Design a cache for ...")."""
_WH = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how|is|are|can|could|do|does|did|should|would|will)\b")


def intents(norm: str) -> frozenset[str]:
    """What a question asks for, from its wording: a time, a comparison, advantages,
    limitations, examples (types, "name some"), uses, a count ("how many"), an amount or
    price ("how much"), a method, a role, a reason, or else
    (from "what is", "define", "explain", or a bare topic with no question word) a
    definition. Empty when the wording says nothing."""
    norm = _REQUEST.sub("", norm, count=1)
    found = frozenset(name for name, pattern in _INTENTS if pattern.search(norm))
    if found:
        return found
    if _DEFINITION.search(norm) or (len(norm.split()) <= _TOPIC_WORDS and not _WH.search(norm)):
        return frozenset({"definition"})  # a bare topic ("K-means clustering:") names what it defines
    return frozenset()


def negated(norm: str) -> bool:
    """Whether a normalised question is negated ("Why should we *not* hire you?", "What
    *can't* X do?", "X *without* Y"): the opposite of the same words without it."""
    return _NEGATION.search(norm) is not None


INTENT_BITS = {name: 1 << i for i, (name, _pattern) in enumerate(_INTENTS)} | {"definition": 1 << len(_INTENTS)}
NEGATED_BIT = 1 << 62
"""The bit of :func:`intent_mask` that says the question is :func:`negated` (not an intent)."""


def intent_mask(norm: str) -> int:
    """:func:`intents` as bits (``INTENT_BITS``), and ``NEGATED_BIT`` when the question
    is :func:`negated`, for the vectorised score bound."""
    return sum(INTENT_BITS[name] for name in intents(norm)) | (NEGATED_BIT if negated(norm) else 0)


def different_asks(a: str, b: str) -> bool:
    """True when two questions on one subject ask for different things ("What is X?" /
    "When should you use X?", "What is X?" / "What are the limitations of X?"): not a
    duplicate however many words they share. A question and its negation ("Why should
    we hire you?" / "Why should we not hire you?") ask opposite things."""
    if negated(a) != negated(b):
        return True
    ia, ib = intents(a), intents(b)
    if not ia or not ib or ia & ib:
        return False
    return not any(frozenset({x, y}) in COMPATIBLE for x in ia for y in ib)
