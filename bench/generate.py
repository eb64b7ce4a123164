"""Generate benchmark corpora from the real notes in ../shared/corpora, with random edits.

Each output file is a real note (or a slice of one) after seeded random edits: sentences
dropped or repeated, words swapped, questions renumbered, paragraphs moved between
files. So the benchmark sees real layouts, real duplicates across files and real noise,
at any size. Same seed, same corpus.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def source_texts() -> list[str]:
    """Every Markdown note of the real corpora and the bundled examples, as text."""
    roots = [SHARED / "corpora", REPO / "examples"]
    texts = []
    for root in roots:
        for path in sorted(root.rglob("*.md")):
            data = path.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                continue
            if len(text) > 200:
                texts.append(text)
    if not texts:
        raise SystemExit("no source notes found (is ../shared/corpora beside the repository?)")
    return texts


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def edit(text: str, rng: random.Random, donors: list[str]) -> str:
    """Seeded random edits that keep the text Markdown."""
    paragraphs = text.split("\n\n")
    out = []
    for para in paragraphs:
        roll = rng.random()
        if roll < 0.05:
            continue  # drop a paragraph
        if roll < 0.10 and not para.lstrip().startswith(("```", "|", "#")):
            sentences = _SENTENCE.split(para)
            i = rng.randrange(len(sentences))
            sentences.insert(i, sentences[i])  # repeat a sentence
            para = " ".join(sentences)
        elif roll < 0.15:
            words = para.split(" ")
            if len(words) > 3:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
                para = " ".join(words)
        out.append(para)
        if rng.random() < 0.03:
            donor = rng.choice(donors).split("\n\n")
            out.append(rng.choice(donor))  # a paragraph pasted from another note
    return "\n\n".join(out) + "\n"


def generate(target: Path, total_mb: float, files: int, seed: int = 7) -> tuple[int, int]:
    """Write about ``total_mb`` MB in ``files`` files under ``target``; returns (files, bytes)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    rng = random.Random(seed)
    texts = source_texts()
    per_file = int(total_mb * 1024 * 1024 / files)
    written = 0
    for i in range(files):
        parts = []
        size = 0
        while size < per_file:
            piece = edit(rng.choice(texts), rng, texts)
            if size + len(piece) > per_file * 1.5:
                piece = piece[rng.randrange(max(1, len(piece) - per_file)) :] if not parts else piece
                piece = piece[: max(200, per_file - size)]
                cut = piece.rfind("\n\n")
                piece = piece[: cut if cut > 0 else len(piece)] + "\n"
            parts.append(piece)
            size += len(piece)
        data = "\n".join(parts).encode("utf-8")
        sub = target / f"part{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"note{i:05d}.md").write_bytes(data)
        written += len(data)
    return files, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n, size = generate(args.target, args.mb, args.files, args.seed)
    print(f"wrote {n} files, {size / 1e6:.1f} MB to {args.target}")


if __name__ == "__main__":
    main()
