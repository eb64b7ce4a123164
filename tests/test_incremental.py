"""Parallel and incremental lint: the same findings whatever runs the work and whatever
the cache holds; unchanged files are not parsed or checked again; every input that
decides a finding invalidates it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, SHARED

from curate.cache import keys
from curate.cache.store import Cache
from curate.corpus import markdown
from curate.corpus.loader import load_corpus
from curate.infra import executors
from curate.run import execute as incremental
from curate.run.engine import run_engine
from curate.run.execute import lint

REAL = SHARED / "corpora" / "alexeygrigorev__data-science-interviews"
AS_OF = dt.date(2026, 11, 1)
IGNORE = ("QA501", "QA502")  # grammar/spelling: slow, and covered by their own tests


def findings_json(result) -> str:
    return json.dumps([f.to_dict() for f in result.findings], sort_keys=True, ensure_ascii=False)


def run(folder: Path, **settings) -> str:
    return findings_json(lint([folder], as_of=AS_OF, ignore=IGNORE, **settings))


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(SEEDS, folder)
    return folder


class ParseCounter:
    """Counts parse_document calls (the worker looks it up on its module each time)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        real = markdown.parse_document

        def counting(text: str, path: str, rel: str):
            self.calls.append(rel)
            return real(text, path, rel)

        monkeypatch.setattr(incremental, "parse_document", counting)


class CheckCounter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        real = incremental.parse_and_check

        def counting(item):
            if item[4]:
                self.calls.append(item[2])
            return real(item)

        monkeypatch.setattr(incremental, "parse_and_check", counting)


def test_same_findings_as_load_then_engine(notes: Path):
    """The fused path finds exactly what the plain load + engine path finds."""
    from curate.config import load_config
    from curate.rules.registry import discover_rules
    from curate.run.plan import with_selection

    config = with_selection(load_config([str(notes)]), (), IGNORE)
    corpus = load_corpus([str(notes)], options=config.load_options())
    plain = run_engine(corpus, discover_rules(), as_of=AS_OF, config=config, settings={})
    assert findings_json(plain) == run(notes)
    assert plain.findings


@pytest.mark.parametrize("corpus", ["seeds", "real"])
def test_jobs_1_and_2_give_identical_findings(corpus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    source = SEEDS if corpus == "seeds" else REAL
    if not source.exists():
        pytest.skip("shared corpora not present")
    folder = tmp_path / "c"
    shutil.copytree(source, folder)
    monkeypatch.setattr(executors, "SMALL_WORK", 0)  # really use the pool, even for small corpora
    one = run(folder, jobs=1)
    two = run(folder, jobs=2)
    assert one == two
    cached = run(folder, jobs=2, cache=Cache.for_root(tmp_path / "cache"))
    warm = run(folder, jobs=2, cache=Cache.for_root(tmp_path / "cache"))
    assert one == cached == warm


def test_unchanged_files_are_not_parsed_or_checked_again(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = Cache.for_root(tmp_path / "cache")
    first = run(notes, cache=cache)
    parses = ParseCounter(monkeypatch)
    checks = CheckCounter(monkeypatch)
    assert run(notes, cache=cache) == first
    assert parses.calls == [] and checks.calls == []

    edited = sorted(notes.glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n## Q: What changed?\n\nOne line.\n", encoding="utf-8")
    after_edit = run(notes, cache=cache)
    assert parses.calls == [edited.name] and checks.calls == [edited.name]
    assert after_edit == run(notes)  # the same as linting without any cache


def test_config_rules_and_date_changes_recompute(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = Cache.for_root(tmp_path / "cache")
    run(notes, cache=cache)
    checks = CheckCounter(monkeypatch)
    files = len(list(notes.glob("*.md")))

    later = findings_json(lint([notes], as_of=dt.date(2030, 1, 1), ignore=IGNORE, cache=cache))
    assert len(checks.calls) == files
    assert later == findings_json(lint([notes], as_of=dt.date(2030, 1, 1), ignore=IGNORE))

    checks.calls.clear()
    fewer = findings_json(lint([notes], as_of=AS_OF, ignore=IGNORE + ("QA1",), cache=cache))
    assert len(checks.calls) == files
    assert '"QA1' not in fewer

    checks.calls.clear()
    (notes / "curate.toml").write_text('[severity]\nQA103 = "error"\n', encoding="utf-8")
    with_config = run(notes, cache=cache)
    assert len(checks.calls) == files
    assert with_config == run(notes)


def test_corpus_rules_follow_any_file_change(notes: Path, tmp_path: Path):
    """Duplicates are corpus-wide: a new file that repeats a question must be seen."""
    cache = Cache.for_root(tmp_path / "cache")
    run(notes, cache=cache)
    source = sorted(notes.glob("*.md"))[0]
    shutil.copy(source, notes / "zz-copy.md")
    assert run(notes, cache=cache) == run(notes)


def test_corpus_rules_summarise_only_the_changed_file(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The duplicate rules' per-file step (``prepare_document``) runs where the file is
    parsed and is cached: after one edit only that file is summarised again, and the
    corpus-wide findings equal an uncached run's."""
    from curate.rules import duplicates

    cache = Cache.for_root(tmp_path / "cache")
    run(notes, cache=cache)
    summarised: list[tuple[str, str]] = []
    for rule in (duplicates.DuplicateQuestion, duplicates.NearDuplicateQuestion, duplicates.DuplicateAnswer):
        real = rule.prepare_document

        def counting(self, doc, ctx, real=real):
            summarised.append((self.code, doc.rel_path))
            return real(self, doc, ctx)

        monkeypatch.setattr(rule, "prepare_document", counting)
    edited = sorted(notes.glob("*.md"))[0]
    answer = "Overfitting is when a model memorises noise in its training data instead of the signal.\n"
    edited.write_text(edited.read_text(encoding="utf-8") + f"\n## What is overfitting?\n\n{answer}\n## Why do models overfit?\n\n{answer}", encoding="utf-8")
    after = run(notes, cache=cache)
    assert sorted(summarised) == [("QA201", edited.name), ("QA202", edited.name), ("QA203", edited.name)]
    assert after == run(notes)
    assert '"QA203"' in after


def test_a_report_paths_run_shows_what_the_full_run_shows_for_those_files(notes: Path):
    """Pre-commit lints the whole corpus but reports the changed files: the engine drops
    the rest early, and what is left (after ``only_for``) equals the full run's."""
    import os

    def only_for(findings, paths):
        wanted = {os.path.realpath(p) for p in paths}
        return [f for f in findings if os.path.realpath(f.path) in wanted
                or any(os.path.realpath(r.path) in wanted for r in f.related)]

    shutil.copy(sorted(notes.glob("*.md"))[0], notes / "zz-copy.md")  # duplicates across files
    full = lint([notes], as_of=AS_OF, ignore=IGNORE).findings
    for changed in (notes / "zz-copy.md", sorted(notes.glob("*.md"))[2]):
        part = lint([notes], as_of=AS_OF, ignore=IGNORE, report_only=[changed])
        assert only_for(part.findings, [changed]) == only_for(full, [changed])
        assert len(part.findings) < len(full)


def test_findings_round_trip_through_json(notes: Path):
    result = lint([notes], as_of=AS_OF, ignore=IGNORE)
    for f in result.findings:
        back = keys.finding_from_json(json.loads(json.dumps(keys.finding_to_json(f))))
        assert back == dataclasses.replace(f, fingerprint="")


def test_engine_fingerprints_match_finding_with_fingerprint(notes: Path):
    """The engine's fast copy gives exactly ``Finding.with_fingerprint``."""
    result = lint([notes], as_of=AS_OF, ignore=IGNORE)
    counts: dict = {}
    for f in result.findings:
        key = (f.code, f.path, f.snippet or f.message)
        assert f == dataclasses.replace(f, fingerprint="").with_fingerprint(counts.get(key, 0))
        counts[key] = counts.get(key, 0) + 1


def test_languagetool_server_from_the_environment_is_part_of_the_key(monkeypatch):
    import datetime as _dt

    from curate.cache.keys import rules_key
    from curate.rules.base import RunSettings

    monkeypatch.delenv("CURATE_LANGUAGETOOL_URL", raising=False)
    plain = rules_key([], _dt.date(2026, 1, 1), RunSettings())
    monkeypatch.setenv("CURATE_LANGUAGETOOL_URL", "http://127.0.0.1:8081")
    assert rules_key([], _dt.date(2026, 1, 1), RunSettings()) != plain


def test_every_run_setting_that_decides_findings_is_in_the_key():
    """No hand-kept list: a new RunSettings field changes the key unless it says it does not."""
    import dataclasses
    import datetime as _dt

    from curate.cache.keys import rules_key
    from curate.rules.base import RunSettings

    day = _dt.date(2026, 1, 1)
    plain = rules_key([], day, RunSettings())
    for f in dataclasses.fields(RunSettings):
        value = True if f.type in (bool, "bool") else ("x" if "str" in str(f.type) else 7)
        changed = rules_key([], day, dataclasses.replace(RunSettings(), **{f.name: value}))
        assert (changed != plain) == f.metadata.get("affects_findings", True), f.name
