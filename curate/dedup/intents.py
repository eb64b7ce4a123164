"""What a question asks for, read from its wording (a definition, a time, a method, ...).

Two questions on one subject that ask for different things ("What is X?" / "When
should you use X?") are not duplicates however many words they share; both the verifier
(:mod:`curate.dedup.verify`) and the difference check (:mod:`curate.dedup.differ`) ask
this module.
"""

from __future__ import annotations

import re

_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("time", r"\bwhen (?:to|should|do|does|would|is it|are)\b"),
    ("comparison", r"\b(?:differen\w*|differ|compar\w*|versus|vs)\b"),
    ("pros", r"\b(?:advantages?|benefits?|pros)\b"),
    ("cons", r"\b(?:disadvantages?|limitations?|drawbacks?|challenges?|cons|risks?|pitfalls?)\b"),
    ("examples", r"\b(?:applications? (?:of|in)|use cases?|examples? of)\b"),
    ("quantity", r"\bhow (?:much|many)\b"),
    ("method", r"\bhow (?:to|can|could|would|should|do (?:you|we|i))\b|\b(?:ways?|steps?|methods?|techniques?) (?:to|of|for)\b"
               r"|\b(?:calculat\w*|comput\w*|formula)\b"),
    ("reason", r"\b(?:why|purpose|role|importance|reasons?)\b|\bneed for\b"),
))
_DEFINITION = re.compile(r"^(?:what (?:is|are|do you mean by)|define|explain|describe)\b")
_COMPATIBLE = frozenset({frozenset({"definition", "reason"})})
"""Intents that ask the same thing: "What is X?" and "What is the role of X?"."""


def intents(norm: str) -> frozenset[str]:
    """What a question asks for, from its wording: a time, a comparison, advantages,
    limitations, examples, a quantity, a method, a reason, or else (from "what is",
    "define", "explain") a definition. Empty when the wording says nothing."""
    found = frozenset(name for name, pattern in _INTENTS if pattern.search(norm))
    if found:
        return found
    return frozenset({"definition"}) if _DEFINITION.search(norm) else frozenset()


INTENT_BITS = {name: 1 << i for i, (name, _pattern) in enumerate(_INTENTS)} | {"definition": 1 << len(_INTENTS)}


def intent_mask(norm: str) -> int:
    """:func:`intents` as bits (``INTENT_BITS``), for the vectorised score bound."""
    return sum(INTENT_BITS[name] for name in intents(norm))


def different_asks(a: str, b: str) -> bool:
    """True when two questions on one subject ask for different things ("What is X?" /
    "When should you use X?", "What is X?" / "What are the limitations of X?"): not a
    duplicate however many words they share."""
    ia, ib = intents(a), intents(b)
    if not ia or not ib or ia & ib:
        return False
    return not any(frozenset({x, y}) in _COMPATIBLE for x in ia for y in ib)
