"""The build: notes → clean, merged, deduplicated Q&A dataset (see ``pipeline``)."""

from __future__ import annotations

from curate.build.outdir import OutputError
from curate.build.pipeline import STAGES, BuildResult, build, build_dataset

__all__ = ["STAGES", "BuildResult", "OutputError", "build", "build_dataset"]
