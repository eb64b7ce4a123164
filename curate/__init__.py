"""qa-curate: lint and curate Markdown question-and-answer corpora.

The small public API: ``load_corpus()`` reads notes into records, ``lint()`` runs the
rules over them (``curate.run.execute.lint``) and ``build()`` writes a clean dataset
(``curate.build.pipeline.build``).
"""

from __future__ import annotations

from typing import Any

from curate._version import __version__
from curate.corpus.loader import LoadOptions, load_corpus


def lint(*args: Any, **kwargs: Any) -> Any:
    """Lint notes (see ``curate.run.execute.lint``)."""
    from curate.run.execute import lint as _lint  # on first use: `import curate` stays light

    return _lint(*args, **kwargs)


def build(*args: Any, **kwargs: Any) -> Any:
    """Build a dataset (see ``curate.build.pipeline.build``)."""
    from curate.build.pipeline import build as _build  # on first use, as lint()

    return _build(*args, **kwargs)


__all__ = ["__version__", "LoadOptions", "build", "load_corpus", "lint"]
