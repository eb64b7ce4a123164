"""Grammar and spelling speed: the seed notes checked cold (empty cache) and warm.

Runs QA501 and QA502 on every seed note through the real rules, in this process:

* startup — building the backend (Harper's dictionary, or the LanguageTool handshake);
* cold — an empty paragraph cache: every paragraph goes to the backend;
* warm — the same cache, per-process memo cleared: every paragraph comes from SQLite;
* one edit — one paragraph changed: only it goes to the backend.

    python bench/grammar.py                          # offline (Harper)
    python bench/grammar.py --languagetool-url URL   # a LanguageTool server
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from curate.cache import Cache  # noqa: E402
from curate.corpus.markdown import parse_document  # noqa: E402
from curate.grammar import backends, checker  # noqa: E402
from curate.grammar.prose import extract_paragraphs  # noqa: E402
from curate.rules.base import RuleContext  # noqa: E402
from curate.rules.language import Grammar, Spelling, backend_for  # noqa: E402


def lint_all(docs: list, cache: Cache, url: str | None) -> tuple[float, int]:
    """Seconds to run QA501 and QA502 on every document, and the findings count."""
    checker.clear_memo()
    settings = {"cache": cache, "languagetool_url": url}
    start = time.perf_counter()
    found = 0
    for doc in docs:
        for rule in (Grammar, Spelling):
            ctx = RuleContext(as_of=dt.date.today(), options=rule.Options(), root=None, settings=settings)
            found += len(list(rule().check_document(doc, ctx)))
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languagetool-url")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median is shown)")
    args = parser.parse_args()

    paths = sorted((REPO / "examples" / "genai-notes").glob("*.md"))
    docs = [parse_document(p.read_text(encoding="utf-8"), p.name, p.name) for p in paths]
    paragraphs = sum(len(extract_paragraphs(d.text)) for d in docs)
    size = sum(len(d.text.encode("utf-8")) for d in docs)

    backends.reset()
    start = time.perf_counter()
    resolution = backend_for(Grammar.Options(), {"languagetool_url": args.languagetool_url})
    startup = time.perf_counter() - start
    if resolution.backend is None:
        sys.exit(f"no backend: {resolution.notice}")
    if resolution.notice:
        print(f"note: {resolution.notice}", file=sys.stderr)

    cold, warm, edit = [], [], []
    found = 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Cache(Path(tmp) / "cache.sqlite")
            seconds, found = lint_all(docs, cache, args.languagetool_url)
            cold.append(seconds)
            warm.append(lint_all(docs, cache, args.languagetool_url)[0])
            edited = list(docs)
            first = edited[0]
            edited[0] = parse_document(first.text.replace("?", "? ", 1), first.path, first.rel_path)
            edit.append(lint_all(edited, cache, args.languagetool_url)[0])
            cache.close()

    ms = lambda xs: f"{statistics.median(xs) * 1000:8.0f} ms"  # noqa: E731
    print(f"backend        {resolution.backend.name} ({resolution.backend.key})")
    print(f"seed corpus    {len(docs)} files, {size / 1024:.0f} KiB, {paragraphs} paragraphs, {found} findings")
    print(f"startup        {startup * 1000:8.0f} ms")
    print(f"cold (no cache){ms(cold)}")
    print(f"warm (cache)   {ms(warm)}")
    print(f"one file edited{ms(edit)}")


if __name__ == "__main__":
    main()
