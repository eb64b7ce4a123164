"""``make demo``: show a newcomer what curate does on the bundled notes."""

from __future__ import annotations

import sys

from curate.corpus.export import write_table
from curate.corpus.loader import load_corpus


def main(argv: list[str]) -> int:
    paths = argv or ["examples/genai-notes"]
    print(f"== 1. Parse: the questions and topics curate finds in {' '.join(paths)}\n")
    write_table(load_corpus(paths), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
