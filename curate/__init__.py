"""qa-curate: lint and curate Markdown question-and-answer corpora.

The small public API: ``load_corpus()`` reads notes into records.
"""

from __future__ import annotations

__version__ = "0.1.0"

from curate.corpus.loader import LoadOptions, load_corpus  # noqa: E402

__all__ = ["__version__", "LoadOptions", "load_corpus"]
