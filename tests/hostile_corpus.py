"""A corpus of hostile files: what a linter in every pre-commit and pull request meets.

Used by ``tests/test_hostile.py`` and ``bench/hostile.py``. Sizes are parameters so the
test can stay quick while the benchmark uses the full sizes.
"""

from __future__ import annotations

import os
from pathlib import Path

SECRET = "TOP-SECRET-OUTSIDE-THE-ROOT"


def make_hostile_corpus(base: Path, *, big_mb: int = 20) -> tuple[Path, Path]:
    """Write the corpus under ``base/corpus`` and a file outside it; return (root, outside)."""
    root = base / "corpus"
    root.mkdir(parents=True)
    outside = base / "outside-secret.md"
    outside.write_text(f"# What is the secret?\n\n{SECRET}\n", encoding="utf-8")

    (root / "good.md").write_text("# What is a GAN?\n\nTwo networks compete.\n\n# What is X?\n", encoding="utf-8")
    (root / "binary.md").write_bytes(bytes(range(256)) * 64)
    (root / "invalid-utf8.md").write_bytes(b"# What is caf\xe9?\n\nLatin-1 bytes, not UTF-8.\n")
    (root / "utf16.md").write_bytes("# What is this?\n".encode("utf-16"))
    (root / "empty.md").write_bytes(b"")
    line = b"## What is line %d?\n\nSome answer text for the question, repeated to fill space.\n\n"
    with open(root / "huge.md", "wb") as handle:
        written, i = 0, 0
        while written < big_mb * 1024 * 1024:
            chunk = line % i
            handle.write(chunk)
            written += len(chunk)
            i += 1
    (root / "deep-quotes.md").write_text("# What is deep?\n\n" + ">" * 4000 + " deep\n", encoding="utf-8")
    (root / "emphasis.md").write_text("# What is bold?\n\n" + "*_" * 30000 + "\n", encoding="utf-8")
    (root / "brackets.md").write_text("# What is open?\n\n" + "[![(" * 3000 + "\n", encoding="utf-8")
    (root / "backticks.md").write_text("# What is code?\n\n" + "`" * 20000 + " x " + "``" * 5000 + "\n", encoding="utf-8")
    (root / "long-line.md").write_text("# What is long?\n\n" + "word " * 400000 + "\n", encoding="utf-8")
    (root / "traversal.md").write_text(
        "# What is in passwd?\n\n![x](../../../../etc/passwd) and [secret](../outside-secret.md)"
        " and ![abs](/etc/shadow)\n",
        encoding="utf-8",
    )
    (root / "nul-in-middle.md").write_bytes(b"# What?\n\n" + b"a" * 10000 + b"\x00" + b"b" * 10)
    try:
        os.symlink(outside, root / "link-outside.md")
        os.symlink(base, root / "linked-dir")
    except OSError:
        pass
    return root, outside
