"""The dated claims knowledge base and the acronym glossary, as data.

Every knowledge base entry is checked through the real QA401 rule: its positive examples
must be reported (as of the day after ``stale_since``) and its negative ones must not.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from curate.corpus.model import Document
from curate.rules.base import RuleContext
from curate.rules.claims import OutdatedClaim
from curate.rules.support.knowledge import (
    KnowledgeError,
    compile_safe,
    load_claim_file,
    load_glossary,
    load_knowledge_base,
    normalize_acronym,
    normalize_expansion,
    resolve_user_files,
)

KB = load_knowledge_base()
ENTRIES = {entry.id: entry for entry in KB.entries}


def _ids_found(text: str, as_of: dt.date, options=None, root: Path | None = None) -> list[str]:
    doc = Document(path="note.md", rel_path="note.md", text=f"## Question?\n\n{text}\n")
    ctx = RuleContext(as_of=as_of, options=options, root=root)
    found = OutdatedClaim().check_document(doc, ctx)
    return [re.match(r"Outdated claim \(([^)]+)\)", f.message).group(1) for f in found]


def test_knowledge_base_is_large_dated_and_sourced() -> None:
    assert len(KB.entries) >= 40
    for entry in KB.entries:
        assert isinstance(entry.stale_since, dt.date), entry.id
        assert dt.date(2019, 1, 1) <= entry.stale_since <= dt.date(2026, 12, 31), entry.id
        assert re.match(r"https://[a-z0-9.-]+\.[a-z]{2,}/", entry.source), entry.id
        assert entry.positive and entry.negative, entry.id
        assert entry.message and entry.claim and entry.superseded_by, entry.id
        assert entry.volatility in ("low", "medium", "high"), entry.id
        # the shipped file is compiled on first use, not when read: every pattern must compile
        assert entry.patterns and all(isinstance(p, re.Pattern) for p in entry.patterns + entry.exceptions), entry.id


@pytest.mark.parametrize("entry_id", sorted(ENTRIES))
def test_entry_examples_through_the_rule(entry_id: str) -> None:
    entry = ENTRIES[entry_id]
    after = entry.stale_since + dt.timedelta(days=1)
    for sentence in entry.positive:
        assert entry_id in _ids_found(sentence, after), f"{entry_id} missed: {sentence!r}"
        # the same sentence is not a finding on the day the claim went stale
        assert entry_id not in _ids_found(sentence, entry.stale_since), sentence
    for sentence in entry.negative:
        assert entry_id not in _ids_found(sentence, after), f"{entry_id} false alarm: {sentence!r}"


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+b", r"(?:\w+\s?)*x", r"(a|b)\1", r"(?:x{1,5})+"],
)
def test_unsafe_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(KnowledgeError, match="regex"):
        compile_safe(pattern, where="test")


@pytest.mark.parametrize("pattern", [r"\bGPT-?4\b[^.\n]{0,40}?\bis\b", r"(?:a|b)\s+c", r"x(?:\s+y)?"])
def test_safe_patterns_compile(pattern: str) -> None:
    assert compile_safe(pattern, where="test").search("GPT-4 is a b c x y") is not None


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_ENTRY = """
[[claim]]
id = "widget-3-latest"
claim = "Widget 3 is the newest widget"
stale_since = 2024-05-01
superseded_by = "Widget 4"
volatility = "high"
source = "https://example.org/widget-4"
message = "Widget 4 replaced Widget 3 on 2024-05-01."
keywords = ["widget 3"]
patterns = ['\\bWidget 3 is the newest\\b']
exceptions = ['\\bwas\\b']
examples.positive = ["Widget 3 is the newest widget."]
examples.negative = ["Widget 3 was the newest widget."]
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("stale_since = 2024-05-01", 'stale_since = "May 2024"'), "stale_since"),
        (('source = "https://example.org/widget-4"', 'source = "example.org"'), "source"),
        (("patterns = ['\\bWidget 3 is the newest\\b']", "patterns = ['(Widget+)+']"), "unsafe regex"),
        (("patterns = ['\\bWidget 3 is the newest\\b']", "patterns = ['(Widget']"), "invalid regex"),
        (('volatility = "high"', 'volatility = "extreme"'), "volatility"),
        (('message = "Widget 4 replaced Widget 3 on 2024-05-01."', 'mesage = "x"'), "unknown key"),
    ],
)
def test_malformed_entries_name_the_problem(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert change[0] in GOOD_ENTRY
    path = _write(tmp_path, "kb.toml", GOOD_ENTRY.replace(*change))
    with pytest.raises(KnowledgeError, match=message) as info:
        load_claim_file(path)
    assert "kb.toml" in str(info.value)


def test_user_knowledge_file_through_the_option(tmp_path: Path) -> None:
    _write(tmp_path, "claims.toml", GOOD_ENTRY)
    options = OutdatedClaim.Options(knowledge_files=("claims.toml",))
    found = _ids_found("Widget 3 is the newest widget.", dt.date(2025, 1, 1), options, tmp_path)
    assert found == ["widget-3-latest"]
    assert _ids_found("Widget 3 is the newest widget.", dt.date(2024, 1, 1), options, tmp_path) == []
    disabled = OutdatedClaim.Options(knowledge_files=("claims.toml",), disable=("widget-3-latest",))
    assert _ids_found("Widget 3 is the newest widget.", dt.date(2025, 1, 1), disabled, tmp_path) == []
    only_user = OutdatedClaim.Options(knowledge_files=("claims.toml",), builtin=False)
    assert _ids_found("GPT-5 (expected): better.", dt.date(2026, 1, 1), only_user, tmp_path) == []


def test_user_files_must_stay_inside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    _write(tmp_path, "outside.toml", GOOD_ENTRY)
    with pytest.raises(KnowledgeError, match="inside the corpus root"):
        resolve_user_files(["../outside.toml"], root)
    with pytest.raises(KnowledgeError, match="not found"):
        resolve_user_files(["missing.toml"], root)


def test_user_files_relative_to_the_config_folder(tmp_path: Path) -> None:
    """A config above the corpus names data files relative to itself."""
    (tmp_path / "curate.toml").write_text("", encoding="utf-8")
    (tmp_path / "kb").mkdir()
    _write(tmp_path / "kb", "widgets.toml", GOOD_ENTRY)
    notes = tmp_path / "notes"
    notes.mkdir()
    assert resolve_user_files(["kb/widgets.toml"], notes) == [(tmp_path / "kb" / "widgets.toml").resolve()]
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    _write(elsewhere, "w.toml", GOOD_ENTRY)
    assert resolve_user_files(["w.toml"], notes, {"config_root": str(elsewhere)}) == [(elsewhere / "w.toml").resolve()]


def test_glossary_is_large_and_normalised() -> None:
    glossary = load_glossary()
    assert len(glossary.expansions) >= 100
    assert "graph neural network" in glossary.accepted("GNNs")
    assert "GAN" in glossary.owners["generative adversarial network"]
    assert normalize_acronym("TF-IDF") == "TFIDF" and normalize_acronym("GANs") == "GAN"
    assert normalize_expansion("Generative-Adversarial  Networks") == "generative adversarial network"
    assert normalize_expansion("Fréchet Inception Distance") == "frechet inception distance"


def test_user_glossary_adds_expansions(tmp_path: Path) -> None:
    path = _write(tmp_path, "glossary.toml", '[acronyms]\nGNN = ["Generic Node Network"]\nXYZ = ["Extra Yellow Zebra"]\n')
    glossary = load_glossary([path])
    assert "generic node network" in glossary.accepted("GNN")
    assert "graph neural network" in glossary.accepted("GNN")
    assert glossary.accepted("XYZ") == ("extra yellow zebra",)
    bad = _write(tmp_path, "bad.toml", "[acronyms]\nX = []\n")
    with pytest.raises(KnowledgeError):
        load_glossary([bad])
