"""qa-curate: lint and curate Markdown question-and-answer corpora.

The small public API: ``load_corpus()`` reads notes into records; ``lint()`` runs the
rules over them (see ``curate.run.execute.lint``).
"""

from __future__ import annotations

__version__ = "0.1.0"

from curate.corpus.loader import LoadOptions, load_corpus  # noqa: E402


def lint(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Lint notes: ``curate.api.lint`` (imported on first use, so ``import curate`` stays light)."""
    from curate.run.plan import lint as _lint

    return _lint(*args, **kwargs)


__all__ = ["__version__", "LoadOptions", "load_corpus", "lint"]
