"""One name for a thing written two ways: "Model Context Protocol (MCP)" and "MCP".

A question that spells out an acronym next to it asks what the same question with the
acronym alone asks; left as it is, the spelled-out words read as extra terms and the pair
looks like a narrower question. Only an expansion whose words' initials give the
acronym's capitals is folded, so "attention (the 2017 paper)" stays as written.
"""

from __future__ import annotations

import re

_SMALL = frozenset({"of", "and", "for", "the", "a", "an", "to", "in", "on", "with", "by", "&"})
_AFTER = re.compile(r"\(\s*([A-Z][A-Za-z]{1,9})\s*\)")
_BEFORE = re.compile(r"\b([A-Z][A-Za-z]{1,9})\s*\(\s*([^()]{3,80}?)\s*\)")
_WORD = re.compile(r"[A-Za-z]+")


def _capitals(acronym: str) -> str:
    caps = "".join(c for c in acronym if c.isupper()).lower()
    return caps if len(caps) >= 2 else ""


def _initials(words: list[str]) -> str:
    return "".join(w[0].lower() for w in words if w.lower() not in _SMALL)


def fold_expansions(text: str) -> str:
    """``text`` with each spelled-out acronym next to its acronym replaced by the acronym."""
    if "(" not in text:
        return text
    out = text
    for m in reversed(list(_AFTER.finditer(out))):
        caps = _capitals(m.group(1))
        if not caps:
            continue
        words = list(_WORD.finditer(out, 0, m.start()))
        picked = 0
        for k in range(len(words) - 1, -1, -1):
            if words[k].group(0).lower() not in _SMALL:
                picked += 1
            if picked == len(caps):
                if _initials([w.group(0) for w in words[k:]]) == caps:
                    out = out[: words[k].start()] + m.group(1) + out[m.end():]
                break
    for m in reversed(list(_BEFORE.finditer(out))):
        caps = _capitals(m.group(1))
        if caps and _initials(_WORD.findall(m.group(2))) == caps:
            out = out[: m.start()] + m.group(1) + out[m.end():]
    return out
