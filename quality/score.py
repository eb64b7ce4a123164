#!/usr/bin/env python3
"""Score curate against hand labels on real Q&A collections.

The yardstick for issue 18: how many of curate's findings a maintainer would act on
(precision per rule), how many known defects it reports (recall), and how well the
parser finds the records a reader sees. Standard library only, and curate is run as a
subprocess (``curate lint``/``curate parse``), so the scorer works whatever shape the
package has inside. See ``quality/LABELLING.md`` for what the labels mean.

Usage (from the repository root)::

    python quality/score.py                       # print the tables
    python quality/score.py --write QUALITY.md    # and write them as Markdown
    python quality/score.py --sample 20 --rule QA101   # unlabelled findings to judge
    python quality/score.py --save-baseline       # store today's counts per rule
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LABELS = HERE / "labels"
AS_OF = "2026-12-04"
SEED = 18
SEED_COLLECTION = "genai-notes"  # the bundled seed notes, examples/genai-notes
DUPLICATE_CODES = ("QA201", "QA202", "QA203")
VERDICTS = ("true", "false", "debatable")


# ---------------------------------------------------------------- normalisation

_TAG = re.compile(r"<[^>]*>")
_LEAD = re.compile(
    r"^\s*(?:#+\s*|>\s*|[-*+]\s+)*"                      # heading marks, quotes, bullets
    r"(?:(?:q(?:uestion)?\s*\d*|\d+)\s*[.):：、]\s*)?",   # "Q.", "12.", "Question 3:"
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"[*_`~]+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def norm_question(text: str) -> str:
    """Question text reduced to what a reader would call 'the same question'.

    NFKC, HTML tags and emphasis marks (``*_`~``) dropped, leading heading marks /
    bullets / numbering ("12.",
    "Q.", "Question 3:") dropped, case folded, then only letters and digits are kept,
    joined by single spaces. Markup, punctuation and emoji do not change the hash;
    words do.
    """
    t = unicodedata.normalize("NFKC", text)
    t = _TAG.sub(" ", t)
    t = _EMPHASIS.sub("", t)
    t = _LEAD.sub("", t, count=1)
    t = t.casefold()
    return " ".join(w for w in _NON_WORD.split(t) if w)


def question_hash(text: str) -> str:
    """12 hex digits of sha1 over :func:`norm_question`."""
    return hashlib.sha1(norm_question(text).encode("utf-8")).hexdigest()[:12]


def norm_line(text: str) -> str:
    """A source line as a finding key sees it: NFC, whitespace runs collapsed, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def finding_key(code: str, line_text: str, related_texts: Iterable[str] = ()) -> str:
    """Content key of a finding: its code, the line it points at and, for duplicate
    findings, the lines of the other places (sorted, so the key does not depend on
    which copy reports)."""
    parts = [code, norm_line(line_text)]
    rel = sorted(norm_line(t) for t in related_texts)
    if rel:
        parts = [code] + sorted([norm_line(line_text)] + rel)
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- data

@dataclass
class Finding:
    collection: str
    file: str
    code: str
    line: int
    column: int | None
    end_column: int | None
    message: str
    key: str = ""
    span: str = ""
    related: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Record:
    collection: str
    file: str
    kind: str
    line: int
    qhash: str
    question: str
    empty: bool
    end: int = 0          # last line of the record (its answer included)


class Sources:
    """Lines of the collections' files, read once (None past the end or when absent)."""

    def __init__(self, roots: dict[str, Path]):
        self.roots = roots
        self._lines: dict[tuple[str, str], list[str]] = {}

    def lines(self, collection: str, file: str) -> list[str]:
        k = (collection, file)
        if k not in self._lines:
            p = self.roots[collection] / file
            try:
                text = p.read_bytes().decode("utf-8", "replace")
            except OSError:
                text = ""
            self._lines[k] = text.splitlines()
        return self._lines[k]

    def line(self, collection: str, file: str, n: int) -> str:
        ls = self.lines(collection, file)
        return ls[n - 1] if 1 <= n <= len(ls) else ""


def keyed(f: Finding, src: Sources) -> Finding:
    """Fill in a finding's content key and flagged span from the source."""
    text = src.line(f.collection, f.file, f.line)
    rel = [src.line(f.collection, p, n) for p, n in f.related] if f.code in DUPLICATE_CODES else []
    f.key = finding_key(f.code, text, rel)
    if f.column and f.end_column and f.end_column > f.column:
        f.span = norm_line(text[f.column - 1:f.end_column - 1])
    return f


def findings_from_report(collection: str, report: dict, src: Sources) -> list[Finding]:
    out = []
    for d in report.get("findings", []):
        rel = [(r["path"], int(r["line"])) for r in d.get("related") or [] if r.get("path") and r.get("line")]
        out.append(keyed(Finding(collection, d["path"], d["code"], int(d.get("line") or 0),
                                 d.get("column"), d.get("end_column"), d.get("message", ""),
                                 related=rel), src))
    out.sort(key=lambda f: (f.file, f.line, f.code, f.column or 0, f.message))
    return out


def records_from_jsonl(collection: str, text: str) -> list[Record]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        src = d["source"]
        out.append(Record(collection, src["path"], d["kind"], int(src["line_start"]),
                          question_hash(d.get("question") or ""), d.get("question") or "",
                          not (d.get("answer_text") or "").strip(), int(src.get("line_end") or src["line_start"])))
    return out


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


# ---------------------------------------------------------------- matching

def nearest(cands: list[dict], line: int, used: set[int]) -> dict | None:
    """The unused candidate label closest to ``line`` (lower line on ties)."""
    best = None
    for c in cands:
        if id(c) in used:
            continue
        if best is None or (abs(c.get("line", 0) - line), c.get("line", 0)) < (abs(best.get("line", 0) - line), best.get("line", 0)):
            best = c
    return best


def match_findings(findings: list[Finding], labels: list[dict]) -> tuple[dict[int, dict], set[int]]:
    """Map each finding (by index) to the label it matches.

    A finding matches a label of the same collection, file, code and content key; a
    label with a ``span`` also needs the same flagged text. Among several, the nearest
    line wins; each label is used once. Returns (finding index -> label, ids of labels used).
    """
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for lab in labels:
        by_key[(lab["collection"], lab["file"], lab["code"], lab["key"])].append(lab)
    used: set[int] = set()
    out: dict[int, dict] = {}
    for i, f in enumerate(findings):
        cands = [c for c in by_key.get((f.collection, f.file, f.code, f.key), [])
                 if c.get("span") in (None, "", f.span)]
        # a label with the exact span beats one without
        exact = [c for c in cands if c.get("span") and c.get("span") == f.span]
        lab = nearest(exact, f.line, used) or nearest(cands, f.line, used)
        if lab is not None:
            used.add(id(lab))
            out[i] = lab
    return out, used


def match_records(records: list[Record], labels: list[dict]) -> tuple[dict[int, dict], set[int]]:
    """Map parser records to record labels by file, kind and question hash (nearest line)."""
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for lab in labels:
        by_key[(lab["collection"], lab["file"], lab["kind"], lab["qhash"])].append(lab)
    used: set[int] = set()
    out: dict[int, dict] = {}
    for i, r in enumerate(records):
        lab = nearest(by_key.get((r.collection, r.file, r.kind, r.qhash), []), r.line, used)
        if lab is not None:
            used.add(id(lab))
            out[i] = lab
    return out, used


# ---------------------------------------------------------------- scoring

def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "–"


@dataclass
class RuleScore:
    reported: int = 0
    labelled: int = 0
    true: int = 0
    false: int = 0
    debatable: int = 0
    positives: int = 0       # true + expected labels (the defects we know of)
    found: int = 0           # of those, reported now


def score_rules(findings: list[Finding], flabels: list[dict]) -> dict[str, RuleScore]:
    judged = [x for x in flabels if x.get("verdict") in VERDICTS]
    expected = [x for x in flabels if x.get("verdict") == "expected"]
    matched, used = match_findings(findings, judged + expected)
    scores: dict[str, RuleScore] = defaultdict(RuleScore)
    for i, f in enumerate(findings):
        s = scores[f.code]
        s.reported += 1
        lab = matched.get(i)
        if lab is not None and lab["verdict"] in VERDICTS:
            s.labelled += 1
            setattr(s, lab["verdict"], getattr(s, lab["verdict"]) + 1)
    for lab in judged + expected:
        if lab["verdict"] in ("true", "expected"):
            s = scores[lab["code"]]
            s.positives += 1
            s.found += id(lab) in used
    return dict(scores)


@dataclass
class ParseScore:
    labels: int = 0
    records: int = 0
    matched: int = 0
    status_checked: int = 0
    status_right: int = 0
    invented: list[Record] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)


def predicted_status(r: Record, flagged: dict[tuple[str, int], set[str]]) -> str:
    """What curate says of a record's answer: a QA102 finding anywhere in the record makes
    it a placeholder, a QA101 finding or a blank answer makes it empty."""
    codes: set[str] = set()
    for n in range(r.line, max(r.line, r.end) + 1):
        codes |= flagged.get((r.file, n), set())
    if "QA102" in codes:
        return "placeholder"
    if r.empty or "QA101" in codes:
        return "empty"
    return "answered"


def score_parse(collection: str, records: list[Record], rlabels: list[dict], files: set[str],
                findings: list[Finding]) -> ParseScore:
    recs = [r for r in records if r.file in files]
    labs = [x for x in rlabels if x["collection"] == collection and x["file"] in files]
    matched, used = match_records(recs, labs)
    flagged: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in findings:
        flagged[(f.file, f.line)].add(f.code)
    ps = ParseScore(labels=len(labs), records=len(recs), matched=len(matched))
    for i, r in enumerate(recs):
        lab = matched.get(i)
        if lab is None:
            ps.invented.append(r)
        elif r.kind == "question" and lab.get("status"):
            ps.status_checked += 1
            ps.status_right += predicted_status(r, flagged) == lab["status"]
    ps.missed = [x for x in labs if id(x) not in used]
    return ps


# ---------------------------------------------------------------- running curate

def find_curate(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    venv = REPO / ".venv" / "bin" / "curate"
    if venv.exists():
        return [str(venv)]
    found = shutil.which("curate")
    if found:
        return [found]
    sys.exit("score.py: no curate command (make .venv/.installed, or pass --curate)")


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env)
    if p.returncode not in (0, 1):
        sys.exit(f"score.py: {' '.join(cmd)} failed in {cwd} ({p.returncode}):\n{p.stderr[-2000:]}")
    return p.stdout


def collections(corpora: Path) -> dict[str, Path]:
    roots = {SEED_COLLECTION: REPO / "examples" / "genai-notes"}
    if corpora.is_dir():
        for d in sorted(corpora.iterdir()):
            if d.is_dir() and not d.name.startswith("."):
                roots[d.name] = d
    return {k: v for k, v in roots.items() if v.is_dir()}


def materialise(root: Path, dest: Path) -> Path:
    """A copy of a collection with every path its ``TREE.txt`` lists present.

    The shared collections keep only the Markdown of their upstream repository;
    ``TREE.txt`` lists every upstream path. Links are judged as a reader of the
    published repository sees them, so missing paths become empty files, and the
    Markdown files left out of the copy are excluded from the lint (via a
    ``curate.toml`` in the copy) so they are not linted as empty notes.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root, dest)
    left_out = []
    for rel in (root / "TREE.txt").read_text(encoding="utf-8").splitlines():
        rel = rel.strip()
        if not rel or rel.startswith("/") or ".." in Path(rel).parts:
            continue
        p = dest / rel
        if p.exists():
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        p.touch()
        if p.suffix.lower() in (".md", ".markdown"):
            left_out.append(rel)
    (dest / "curate.toml").write_text(
        "exclude = [" + ", ".join(json.dumps(x) for x in sorted(left_out)) + "]\n", encoding="utf-8")
    return dest


def grammar_server(given: str | None) -> str | None:
    """The LanguageTool server QA501/QA502 are scored with: ``--languagetool-url`` (``off``:
    none), else ``CURATE_LANGUAGETOOL_URL``, else the one ``make languagetool`` started for
    this checkout (its URL is the first line of ``.curate/languagetool.url`` here). curate
    runs in each collection's folder and would not find that file by itself. None: the
    offline Harper checker."""
    value = given if given is not None else os.environ.get("CURATE_LANGUAGETOOL_URL", "")
    if not value and given is None:
        try:
            value = ((REPO / ".curate" / "languagetool.url").read_text(encoding="utf-8").splitlines() or [""])[0]
        except OSError:
            value = ""
    value = value.strip()
    if not value or value.lower() in ("off", "none"):
        return None
    try:
        with urllib.request.urlopen(value.rstrip("/") + "/v2/languages", timeout=5) as response:
            response.read(1)
    except (OSError, ValueError) as exc:
        if given is not None:
            sys.exit(f"score.py: no LanguageTool server answers at {value} ({exc})")
        print(f"score.py: LanguageTool at {value} does not answer ({exc}); QA501/QA502 use Harper", file=sys.stderr)
        return None
    return value


def lint(curate: list[str], root: Path, jobs: int, out: Path, languagetool: str | None = None) -> dict:
    """curate lint over the whole collection (cwd = its root, so paths are relative), with
    the grammar server ``languagetool`` (None: the offline checker, whatever the environment)."""
    if not out.exists():
        where = root
        if (root / "TREE.txt").is_file():
            where = materialise(root, out.with_suffix(".tree"))
        server = ["--languagetool-url", languagetool] if languagetool else []
        run(curate + ["lint", ".", "--format", "json", "--as-of", AS_OF, "--no-cache", *server,
                      "--fail-on", "error", "-j", str(jobs), "-o", str(out.resolve())], where,
            env={**os.environ, "CURATE_LANGUAGETOOL_URL": languagetool or "off"})
        if where != root:
            shutil.rmtree(where)
    return json.loads(out.read_text(encoding="utf-8"))


def parse(curate: list[str], root: Path, files: list[str], out: Path) -> str:
    if not out.exists():
        present = [f for f in files if (root / f).is_file()]
        if not present:
            out.write_text("", encoding="utf-8")
        else:
            run(curate + ["parse", *present, "--format", "jsonl", "-o", str(out)], root)
    return out.read_text(encoding="utf-8")


def defaults(curate: list[str], codes: Iterable[str]) -> dict[str, bool]:
    """Whether each rule is on by default (the header of `curate explain CODE`)."""
    out = {}
    for c in sorted(set(codes)):
        p = subprocess.run(curate + ["explain", c], capture_output=True, text=True, encoding="utf-8")
        head = p.stdout.splitlines()[0] if p.stdout else ""
        out[c] = p.returncode == 0 and "off by default" not in head
    return out


# ---------------------------------------------------------------- reports

def table(head: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


def context(src: Sources, f: Finding, around: int = 3) -> str:
    ls = src.lines(f.collection, f.file)
    lo, hi = max(1, f.line - around), min(len(ls), f.line + around)
    return "\n".join(f"{'>' if n == f.line else ' '}{n:5} | {ls[n - 1]}" for n in range(lo, hi + 1))


def label_stub(f: Finding, src: Sources) -> dict:
    return {"collection": f.collection, "file": f.file, "code": f.code, "line": f.line,
            "key": f.key, "span": f.span or None,
            "excerpt": norm_line(src.line(f.collection, f.file, f.line))[:100],
            "message": f.message[:160], "verdict": "", "reason": ""}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora",
                    help="folder of the real collections (default ../shared/corpora)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="folder of the label files (default quality/labels)")
    ap.add_argument("--curate", help="curate command to run (default .venv/bin/curate, then PATH)")
    ap.add_argument("--runs", type=Path, help="keep curate's outputs here and reuse them on the next run; empty it after changing "
                    "curate (default: a fresh temporary folder)")
    ap.add_argument("--languagetool-url", help="LanguageTool server for QA501/QA502 ('off': the offline checker; default: "
                    "CURATE_LANGUAGETOOL_URL, else the server `make languagetool` started here)")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="curate lint worker processes")
    ap.add_argument("--only", action="append", default=[], help="score only this collection (repeatable)")
    ap.add_argument("--write", type=Path, help="also write the tables as Markdown to this file")
    ap.add_argument("--save-baseline", action="store_true", help="store counts per collection and rule as the baseline")
    ap.add_argument("--sample", type=int, help="print N unlabelled findings (seeded) with context, as label stubs")
    ap.add_argument("--rule", action="append", default=[], help="with --sample: only these codes")
    ap.add_argument("--per-rule", type=int, help="with --sample: at most this many per rule (stratified), then N random more")
    ap.add_argument("--seed", type=int, default=SEED, help=f"with --sample: the random seed (default {SEED})")
    ap.add_argument("--records", action="store_true", help="also list the records the parser missed or invented")
    args = ap.parse_args(argv)

    curate = find_curate(args.curate)
    languagetool = grammar_server(args.languagetool_url)
    roots = collections(args.corpora)
    if args.only:
        roots = {k: v for k, v in roots.items() if k in args.only}
    src = Sources(roots)
    flabels = read_jsonl(args.labels / "findings.jsonl")
    rlabels = read_jsonl(args.labels / "records.jsonl")
    lfiles = read_jsonl(args.labels / "files.jsonl")
    tmp = None
    runs = args.runs
    if runs is None:
        tmp = tempfile.TemporaryDirectory(prefix="curate-quality-")
        runs = Path(tmp.name)
    runs.mkdir(parents=True, exist_ok=True)

    findings: list[Finding] = []
    records: dict[str, list[Record]] = {}
    per_coll: dict[str, list[Finding]] = {}
    files_of: dict[str, set[str]] = defaultdict(set)
    for x in lfiles:
        files_of[x["collection"]].add(x["file"])
    for name, root in roots.items():
        print(f"linting {name} ...", file=sys.stderr)
        kept = runs / f"{name}{'.languagetool' if languagetool else ''}.lint.json"
        fs = findings_from_report(name, lint(curate, root, args.jobs, kept, languagetool), src)
        per_coll[name] = fs
        findings += fs
        if files_of.get(name):
            wanted = sorted(files_of[name])
            tag = hashlib.sha1("\n".join(wanted).encode("utf-8")).hexdigest()[:8]
            records[name] = records_from_jsonl(name, parse(curate, root, wanted, runs / f"{name}.{tag}.parse.jsonl"))
    flabels = [x for x in flabels if x["collection"] in roots]

    baseline_path = HERE / "baseline-counts.json"
    counts = {n: dict(sorted(Counter(f.code for f in fs).items())) for n, fs in per_coll.items()}
    if args.save_baseline:
        baseline_path.write_text(json.dumps({"as_of": AS_OF, "counts": counts}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {baseline_path.relative_to(REPO)}", file=sys.stderr)

    matched, _ = match_findings(findings, [x for x in flabels if x.get("verdict") in VERDICTS])
    unlabelled = [f for i, f in enumerate(findings) if i not in matched]

    if args.sample is not None:
        pool = [f for f in unlabelled if not args.rule or f.code in args.rule]
        rnd = random.Random(args.seed)
        pick = []
        if args.per_rule:
            for code in sorted({f.code for f in pool}):
                of = [f for f in pool if f.code == code]
                pick += rnd.sample(of, min(args.per_rule, len(of)))
            chosen = set(map(id, pick))
            pool = [f for f in pool if id(f) not in chosen]
        pick += rnd.sample(pool, min(args.sample, len(pool)))
        pick.sort(key=lambda f: (f.code, f.collection, f.file, f.line))
        for f in pick:
            print(f"# {f.collection}/{f.file}:{f.line} {f.code} {f.message}")
            print(context(src, f))
            for p, n in f.related[:3]:
                print(f"#   related {p}:{n}: {norm_line(src.line(f.collection, p, n))[:120]}")
            print(json.dumps(label_stub(f, src), ensure_ascii=False))
            print()
        return 0

    lines = report(curate, findings, flabels, records, rlabels, files_of, per_coll, counts, baseline_path, unlabelled, roots,
                   grammar="a LanguageTool server" if languagetool else "the offline Harper checker")
    if args.records:
        lines += record_details(records, rlabels, files_of, per_coll)
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    return 0


def report(curate, findings, flabels, records, rlabels, files_of, per_coll, counts, baseline_path, unlabelled, roots,
           grammar: str = "the offline Harper checker") -> list[str]:
    scores = score_rules(findings, flabels)
    on = defaults(curate, scores)
    out = [f"# curate quality (as of {AS_OF})", "",
           "Precision = true / (true + false) over labelled findings; P(deb=false) counts debatable as false. "
           "Recall = labelled defects (true + expected) reported now / all of them. "
           f"Grammar and spelling (QA501, QA502) checked with {grammar}.", "",
           "## Rules", ""]
    rows = []
    tot = RuleScore()
    for code in sorted(scores):
        s = scores[code]
        for a in ("reported", "labelled", "true", "false", "debatable", "positives", "found"):
            setattr(tot, a, getattr(tot, a) + getattr(s, a))
        rows.append([code, "on" if on.get(code) else "off", s.reported, s.labelled, s.true, s.false, s.debatable,
                     ratio(s.true, s.true + s.false), ratio(s.true, s.true + s.false + s.debatable),
                     f"{s.found}/{s.positives}", ratio(s.found, s.positives)])
    rows.append(["**all**", "", tot.reported, tot.labelled, tot.true, tot.false, tot.debatable,
                 ratio(tot.true, tot.true + tot.false), ratio(tot.true, tot.true + tot.false + tot.debatable),
                 f"{tot.found}/{tot.positives}", ratio(tot.found, tot.positives)])
    out += table(["rule", "default", "reported", "labelled", "true", "false", "debatable", "precision",
                  "P(deb=false)", "found/known", "recall"], rows)
    out += ["", "The labels are a stratified sample (every rule gets judged findings), so the **all** row "
            "over-weights rare rules. " + weighted_precision(scores)]

    out += ["", "## Records (fully labelled files)", ""]
    rows = []
    for name in sorted(records):
        ps = score_parse(name, records[name], rlabels, files_of[name], per_coll.get(name, []))
        rows.append([name, len(files_of[name]), ps.labels, ps.records, ps.matched, ratio(ps.matched, ps.labels),
                     ratio(ps.matched, ps.records), f"{ps.status_right}/{ps.status_checked}",
                     ratio(ps.status_right, ps.status_checked)])
    out += table(["collection", "files", "labelled", "parsed", "matched", "recall", "precision", "status ok", "status acc."], rows)

    base = json.loads(baseline_path.read_text(encoding="utf-8"))["counts"] if baseline_path.exists() else {}
    out += ["", "## Findings per collection (now / baseline)", ""]
    codes = sorted({c for d in list(counts.values()) + list(base.values()) for c in d})
    rows = []
    for name in sorted(counts):
        b = base.get(name, {})
        rows.append([name, cell_total(counts[name], b)] + [count_cell(counts[name], b, c) for c in codes])
    out += table(["collection", "total"] + codes, rows)

    out += ["", "## Unlabelled findings per rule", ""]
    u = Counter(f.code for f in unlabelled)
    out += table(["rule", "unlabelled"], [[c, u[c]] for c in sorted(u)])
    out += ["", "Judge a batch: `python quality/score.py --sample 20 --rule QA101` (see quality/LABELLING.md)."]
    return out


def record_details(records, rlabels, files_of, per_coll) -> list[str]:
    """Each collection's missed labels and invented records, to see what the parser gets wrong."""
    out = ["", "## Record mismatches", ""]
    for name in sorted(records):
        ps = score_parse(name, records[name], rlabels, files_of[name], per_coll.get(name, []))
        for m in ps.missed:
            out.append(f"- missed   {name}/{m['file']}:{m['line']} {m['kind']}: {m.get('excerpt', '')}")
        for r in ps.invented:
            out.append(f"- invented {name}/{r.file}:{r.line} {r.kind}: {norm_line(r.question)[:80]}")
    return out


def weighted_precision(scores: dict[str, RuleScore]) -> str:
    """Each rule's precision weighted by how often it fires: the expected share of all
    reported findings worth acting on (rules with no judged finding are left out)."""
    num = den = 0.0
    for s in scores.values():
        if s.true + s.false:
            num += s.reported * s.true / (s.true + s.false)
            den += s.reported
    if not den:
        return "No rule has judged findings yet."
    return (f"Weighted by findings reported, about {num / den:.2f} of all findings are worth acting on "
            f"({den:.0f} findings of rules with judged findings).")


def count_cell(now: dict, base: dict, code: str) -> str:
    """A rule's count, with the baseline in brackets when it changed."""
    a, b = now.get(code, 0), base.get(code, 0)
    return f"{a}" if a == b else f"{a} ({b})"


def cell_total(now: dict, base: dict) -> str:
    a, b = sum(now.values()), sum(base.values())
    return f"{a}" if a == b else f"{a} ({b})"


if __name__ == "__main__":
    raise SystemExit(main())
