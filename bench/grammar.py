"""Grammar and spelling speed: the seed notes checked cold (empty cache) and warm.

Runs QA501 and QA502 on every seed note through the real rules, in this process:

* startup — building the backend (Harper's dictionary, or the LanguageTool handshake);
* cold — an empty paragraph cache: every paragraph goes to the backend;
* warm — the same cache, per-process memo cleared: every paragraph comes from SQLite;
* one edit — one paragraph changed: only it goes to the backend.

``--harper-rules`` instead times Harper alone on the prose of the corpus, per group of
its rules (none: tokenising, tagging and chunking only; SpellCheck; the QA501 grammar
rules; all of them), each in a fresh process: Harper caches per sentence and per word
process-wide, so a second group in the same process would look too cheap.

    python bench/grammar.py                          # offline (Harper)
    python bench/grammar.py --languagetool-url URL   # a LanguageTool server
    python bench/grammar.py --corpus DIR             # another folder of notes
    python bench/grammar.py --corpus DIR --harper-rules
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from curate.cache.store import Cache  # noqa: E402
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


HARPER_GROUPS = ("none", "SpellCheck", "grammar", "all")


def harper_group_seconds(group: str, paragraphs: list[str]) -> tuple[float, int]:
    """CPU seconds for Harper, configured with one group of rules, to check
    ``paragraphs`` as the backend sends them (joined in requests), and the lints found."""
    import harper

    from curate.grammar.checker import HARPER_GRAMMAR

    on = {"none": set(), "SpellCheck": {"SpellCheck"}, "grammar": set(HARPER_GRAMMAR),
          "all": {"SpellCheck", *HARPER_GRAMMAR}}[group]
    linter = harper.Linter(harper.Dialect(0))
    linter.set_lint_config({k: (k in on) for k in linter.get_lint_config()})
    linter.lint("Warm up the linter.", language="plaintext")
    requests = [backends.SEPARATOR.join(paragraphs[i] for i in g) for g in backends.batches(paragraphs)]
    start = time.process_time()
    found = sum(len(linter.lint(text, language="plaintext", dedup=False)) for text in requests)
    return time.process_time() - start, found


def prose_of(paths: list[Path]) -> list[str]:
    """The distinct prose paragraphs of ``paths``, in order (what a run sends to Harper)."""
    out: dict[str, None] = {}
    for path in paths:
        for para in extract_paragraphs(path.read_text(encoding="utf-8")):
            if checker.is_prose(para.text):
                out.setdefault(para.text)
    return list(out)


def harper_rules(paths: list[Path]) -> None:
    """Print Harper's CPU time per rule group, each group in a fresh process."""
    paragraphs = prose_of(paths)
    chars = sum(map(len, paragraphs))
    print(f"{len(paragraphs)} distinct prose paragraphs, {chars / 1e6:.2f} M characters")
    for group in HARPER_GROUPS:
        code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import bench.grammar as b; "
                "print(json.dumps(b.harper_group_seconds(sys.argv[2], json.load(sys.stdin))))")
        done = subprocess.run([sys.executable, "-c", code, str(REPO), group], input=json.dumps(paragraphs),
                              capture_output=True, text=True, check=True)
        seconds, found = json.loads(done.stdout)
        print(f"{group:12s} {seconds:7.2f} s CPU  {chars / seconds / 1e3:6.0f} K chars/s  {found:6d} lints")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languagetool-url")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median is shown)")
    parser.add_argument("--corpus", type=Path, default=REPO / "examples" / "genai-notes",
                        help="folder of notes (default: the seed notes)")
    parser.add_argument("--harper-rules", action="store_true", help="time Harper per group of rules instead")
    args = parser.parse_args()

    paths = sorted(args.corpus.rglob("*.md"))
    if args.harper_rules:
        harper_rules(paths)
        return
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
    print(f"corpus         {len(docs)} files, {size / 1024:.0f} KiB, {paragraphs} paragraphs, {found} findings")
    print(f"startup        {startup * 1000:8.0f} ms")
    print(f"cold (no cache){ms(cold)}  {size / 1e6 / statistics.median(cold):.3f} MB/s")
    print(f"warm (cache)   {ms(warm)}")
    print(f"one file edited{ms(edit)}")


if __name__ == "__main__":
    main()
