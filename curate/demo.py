"""``make demo``: show a newcomer what curate does on the bundled notes."""

from __future__ import annotations

import sys

from curate.corpus.export import write_table
from curate.corpus.loader import load_corpus


def main(argv: list[str]) -> int:
    paths = argv or ["examples/genai-notes"]
    print(f"== 1. Parse: the questions and topics curate finds in {' '.join(paths)}\n")
    write_table(load_corpus(paths), sys.stdout)
    build_step(paths)
    return 0


DEMO_DATASET = "out/demo-dataset"
"""Where the demo builds the dataset: under the repo and git-ignored, so re-runs replace it."""


def build_step(paths: list[str]) -> None:
    """The demo's last step: build the clean dataset and say where it is."""
    from curate.build import build

    print(f"\n== 3. Build: a clean, merged, deduplicated dataset from {' '.join(paths)}\n")
    result = build(paths, DEMO_DATASET, force=True)
    stats = result.stats
    print(f"{stats['parsed']} records parsed; {result.dropped} dropped (empty, placeholder or image-only);")
    print(f"{stats['clustered_records']} duplicates merged into {result.clusters_merged} records; {stats['repaired_records']} records repaired.")
    print(f"{result.records} records written to {result.out}/:")
    for name in result.files:
        print(f"  {result.out}/{name}")
    print(f"\nRead {result.out}/README.md (the dataset card) or {result.out}/merged.md (the notes, merged).")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
