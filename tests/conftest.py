"""What the test files share: where the bundled notes and the shared real collections are,
the day dated claims are judged against, and fixtures that skip cleanly when the shared
collections are not beside the checkout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
"""The repository checkout."""
SEEDS = REPO / "examples" / "genai-notes"
"""The five bundled seed notes."""
SHARED = REPO.parent / "shared"
"""The shared folder beside the checkout (real collections, spec, schemas)."""
CORPORA = SHARED / "corpora"
"""Real public Q&A collections nobody on the project wrote."""
AS_OF = dt.date(2026, 1, 15)
"""The default day dated claims are judged against in tests."""


def shared_corpus(name: str) -> Path:
    """One shared real collection, or skip the test when it is not there."""
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"the shared collection {name} is not beside the checkout")
    return path


@pytest.fixture()
def seeds() -> Path:
    return SEEDS


@pytest.fixture()
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("the shared collections are not beside the checkout")
    return CORPORA
