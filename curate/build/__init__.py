"""The build: notes → clean, merged, deduplicated Q&A dataset (see ``pipeline``)."""

from __future__ import annotations

from curate.build.outdir import OutputError
from curate.build.pipeline import STAGES, BuildResult, build

__all__ = ["STAGES", "BuildResult", "OutputError", "build"]
