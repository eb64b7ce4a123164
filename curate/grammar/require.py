"""``--require-grammar`` and ``backend = "languagetool"``: find out, before linting,
whether the grammar backend asked for can be used, so the command can exit 2 with one
clear line instead of linting without it (or silently with another checker)."""

from __future__ import annotations

from typing import Any, Mapping, Sequence


def grammar_problem(paths: Sequence[str], config_path: str | None, settings: Mapping[str, Any]) -> str | None:
    """Why the grammar backend configured for QA501/QA502 cannot be used, or None. Without
    ``require_grammar`` in ``settings`` only an explicit ``backend = "languagetool"`` is
    checked (``auto`` may fall back to Harper)."""
    from curate.config import load_config, rule_options
    from curate.rules.language import Grammar, Spelling, backend_for

    config = load_config(list(paths), config_path=config_path)
    raw = {}
    for key, table in (getattr(config, "rules", {}) or {}).items():
        if key in (Grammar.code, Grammar.name):
            raw.setdefault(Grammar, {}).update(table)
        elif key in (Spelling.code, Spelling.name):
            raw.setdefault(Spelling, {}).update(table)
    for rule in (Grammar, Spelling):
        options = rule_options(rule, raw.get(rule), where=f"rules.{rule.code}")
        backend = str(getattr(options, "backend", "auto")).lower()
        if backend == "none" or (backend != "languagetool" and not settings.get("require_grammar")):
            continue
        resolution = backend_for(options, settings)
        if resolution.notice or resolution.backend is None:
            return resolution.reason or resolution.notice or "no grammar backend is available"
    return None
