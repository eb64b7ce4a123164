"""Rule family: duplicates (rules are added here)."""

from __future__ import annotations

RULES: list[type] = []
