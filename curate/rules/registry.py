"""Finding rules: the entry-point group ``curate.rules``, built-ins included.

Each entry point names a Rule class or an iterable of them. Entry points are loaded in
sorted order, one by one, so a broken third-party plugin is reported by name (in
``RuleList.problems``) instead of stopping the run — as flake8 does. Two rules may not
share a code or a name: the later one is rejected and reported.
"""

from __future__ import annotations

import re
from importlib import metadata
from typing import Any, Iterable, Sequence

from curate.rules.base import Rule
from curate.rules.suppressions import UnusedSuppression
from curate.rules.unreadable import UnreadableFile

GROUP = "curate.rules"
CODE_RE = re.compile(r"^[A-Z]{1,5}[0-9]{3,4}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*$")


class RuleList(list[type[Rule]]):
    """The rule classes found (sorted by code), plus ``problems``: plugins that failed."""

    problems: list[str]

    def __init__(self, rules: Iterable[type[Rule]] = (), problems: Iterable[str] = ()) -> None:
        super().__init__(rules)
        self.problems = list(problems)


def builtin_engine_rules() -> list[type[Rule]]:
    """Rules the engine itself reports (unreadable files, unused suppressions)."""
    return [UnreadableFile, UnusedSuppression]


def discover_rules(entry_points: Sequence[Any] | None = None) -> RuleList:
    """Every rule class of every installed plugin, sorted by code."""
    eps = list(entry_points) if entry_points is not None else list(metadata.entry_points(group=GROUP))
    eps.sort(key=lambda ep: (ep.name, getattr(ep, "value", "")))
    found: list[tuple[type[Rule], str]] = [(r, "curate") for r in builtin_engine_rules()]
    problems: list[str] = []
    for ep in eps:
        try:
            obj = ep.load()
        except Exception as exc:  # any plugin bug: report, go on
            problems.append(f"plugin {ep.name!r} failed to load: {type(exc).__name__}: {exc}")
            continue
        items = [obj] if isinstance(obj, type) else obj
        try:
            items = list(items)
        except TypeError:
            problems.append(f"plugin {ep.name!r} is neither a Rule class nor a list of them")
            continue
        for item in items:
            if not (isinstance(item, type) and issubclass(item, Rule)):
                problems.append(f"plugin {ep.name!r}: {item!r} is not a Rule class")
                continue
            found.append((item, ep.name))
    return _validate(found, problems)


def _validate(found: list[tuple[type[Rule], str]], problems: list[str]) -> RuleList:
    by_code: dict[str, tuple[type[Rule], str]] = {}
    by_name: dict[str, str] = {}
    for rule, source in found:
        code, name = getattr(rule, "code", ""), getattr(rule, "name", "")
        if not CODE_RE.match(code or ""):
            problems.append(f"plugin {source!r}: rule {rule.__name__} has no valid code ({code!r}); skipped")
            continue
        if not NAME_RE.match(name or ""):
            problems.append(f"plugin {source!r}: rule {code} has no valid name ({name!r}); skipped")
            continue
        if getattr(rule, "scope", "record") not in ("record", "document", "corpus"):
            problems.append(f"plugin {source!r}: rule {code} has unknown scope {rule.scope!r}; skipped")
            continue
        if code in by_code:
            if by_code[code][0] is not rule:
                problems.append(f"plugin {source!r}: rule code {code} is already used by "
                                f"{by_code[code][0].__name__} from {by_code[code][1]!r}; skipped")
            continue
        if name in by_name:
            problems.append(f"plugin {source!r}: rule name {name!r} is already used by {by_name[name]}; skipped")
            continue
        by_code[code] = (rule, source)
        by_name[name] = code
    return RuleList((by_code[c][0] for c in sorted(by_code)), problems)


def matches(rule: Rule | type[Rule], token: str) -> bool:
    """A --select/--ignore token names ``rule``: its code, its name, a code prefix
    (``QA2``), or ``ALL``."""
    token = token.strip()
    if not token:
        return False
    if token.upper() == "ALL":
        return True
    return rule.code == token.upper() or rule.name == token.lower() or rule.code.startswith(token.upper())


def names_exactly(rule: Rule | type[Rule], token: str) -> bool:
    token = token.strip()
    return rule.code == token.upper() or rule.name == token.lower()


def select_rules(rules: Iterable[Any], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[list[Any], list[str]]:
    """(active rules, warnings). Without ``select`` every rule enabled by default runs;
    a rule off by default runs only when selected by its exact code or name. A token that
    names no rule is a warning (a typo would otherwise silently select nothing)."""
    rules = list(rules)
    warnings = [f"--select/--ignore: {t!r} names no rule" for t in (*select, *ignore)
                if t.strip() and not any(matches(r, t) for r in rules)]
    active = []
    for rule in rules:
        if select:
            chosen = any(names_exactly(rule, t) for t in select) or (
                rule.enabled_by_default and any(matches(rule, t) for t in select))
        else:
            chosen = rule.enabled_by_default
        if chosen and not any(matches(rule, t) for t in ignore):
            active.append(rule)
    return active, sorted(set(warnings))


def find_rule(rules: Iterable[Any], token: str) -> Any | None:
    """The rule named by exact code or name (for ``curate explain``)."""
    for rule in rules:
        if names_exactly(rule, token):
            return rule
    return None
