"""``make demo``: show a newcomer what curate does on the bundled notes."""

from __future__ import annotations

import sys

from curate.build import build
from curate.corpus.export import write_table
from curate.corpus.loader import load_corpus
from curate.reports.text import render
from curate.run.execute import lint


def main(argv: list[str]) -> int:
    paths = argv or ["examples/genai-notes"]
    print(f"== 1. Parse: the questions and topics curate finds in {' '.join(paths)}\n")
    write_table(load_corpus(paths), sys.stdout)
    lint_step(paths)
    build_step(paths)
    return 0


def lint_step(paths: list[str]) -> None:
    """The demo's lint step: every finding, then a count per rule with where to read more.
    Findings are expected here (the seed notes are messy on purpose); the demo still exits 0."""
    print(f"\n== 2. Lint: problems curate finds in {' '.join(paths)}\n")
    result = lint(paths)
    render(result, sys.stdout, {"color": sys.stdout.isatty()})
    for problem in result.problems:
        print(f"warning: {problem}")
    by_rule = result.summary()["by_rule"]
    if by_rule:
        names = {r.code: r for r in result.rules}
        print("\nWhat the findings mean (curate explain CODE shows examples and options):")
        for code, count in by_rule.items():
            rule = names.get(code)
            summary = rule.summary if rule is not None else ""
            print(f"  {code} x{count:<3} {summary}")
        print("\nIn CI, `curate lint` exits 1 on errors; try --format json, sarif or html.")


DEMO_DATASET = "out/demo-dataset"
"""Where the demo builds the dataset: under the repo and git-ignored, so re-runs replace it."""


def build_step(paths: list[str]) -> None:
    """The demo's last step: build the clean dataset and say where it is."""
    print(f"\n== 3. Build: a clean, merged, deduplicated dataset from {' '.join(paths)}\n")
    result = build(paths, DEMO_DATASET, force=True)
    stats = result.stats
    print(f"{stats['parsed']} records parsed; {result.dropped} dropped (empty, placeholder or image-only);")
    print(f"{stats['clustered_records']} duplicate records merged into {result.clusters_merged}; {stats['repaired_records']} records repaired.")
    print(f"{result.records} records written to {result.out}/:")
    for name in result.files:
        print(f"  {result.out}/{name}")
    print(f"\nRead {result.out}/README.md (the dataset card) or {result.out}/merged.md (the notes, merged).")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
