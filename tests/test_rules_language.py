"""QA501 grammar and QA502 spelling with the offline backend (Harper): the seed notes,
noise control (vocabulary, word lists, default-off rules), the paragraph cache and the
``--require-grammar`` switch."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from curate.cache.store import Cache
from curate.corpus.markdown import parse_document
from curate.grammar import backends, checker
from curate.grammar.backends import HarperBackend
from curate.grammar.checker import NAMESPACE, paragraph_matches
from curate.grammar.vocabulary import Vocabulary, read_words_file
from curate.rules.base import RuleContext
from curate.rules.language import RULES, Grammar, Spelling

pytest.importorskip("harper")

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[1] / "examples" / "genai-notes"
SHARED = HERE.parents[2] / "shared"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    backends.reset()
    checker.clear_memo()


def _check(rule_cls: type, text: str, *, root: Path | None = None, settings: dict | None = None, **options: object):
    doc = parse_document(text, "n.md", "n.md")
    opts = rule_cls.Options(backend="harper", **options)
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, root=root, settings=settings or {})
    return doc, sorted(rule_cls().check_document(doc, ctx), key=lambda f: (f.line, f.column))


def _seed_findings(rule_cls: type) -> dict[str, list]:
    out = {}
    for path in sorted(SEEDS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        doc, found = _check(rule_cls, text)
        out[path.name[:3]] = (doc, found)
    return out


def test_seed_spelling_is_adversial_twice_and_nothing_else() -> None:
    results = _seed_findings(Spelling)
    got = [(name, f.line, f.snippet) for name, (_, found) in results.items() for f in found]
    assert got == [("004", 12, "adversial"), ("004", 33, "Adversial")]
    for name, (doc, found) in results.items():
        for f in found:  # the reported span covers the reported word
            assert doc.line(f.line)[f.column - 1 : f.end_column - 1] == f.snippet
            assert "did you mean 'adversarial'" in f.message.lower()
            assert f.record_id is not None


def test_seed_grammar_offline_is_few_and_mapped() -> None:
    results = _seed_findings(Grammar)
    total = sum(len(found) for _, found in results.values())
    assert total <= 5
    for doc, found in results.values():
        for f in found:
            word = f.snippet.split("\x1f", 1)[1]
            assert doc.line(f.line)[f.column - 1 : f.end_column - 1] == word


def test_grammar_offline_catches_agreement_and_articles() -> None:
    _, found = _check(Grammar, "We proposes a new method.\n\nThis is an unified view.\n")
    assert {f.message.rsplit("[", 1)[1].rstrip("]") for f in found} == {"PronounVerbAgreement", "AnA"}
    _, none = _check(Grammar, "We proposes a new method.\n", disabled_rules=("PronounVerbAgreement",))
    assert none == []


def test_style_rules_are_off_but_can_be_enabled() -> None:
    text = "It uses data, models and losses.\n"  # no Oxford comma: style advice only
    assert _check(Grammar, text)[1] == []
    _, found = _check(Grammar, text, enabled_rules=("OxfordComma",))
    assert [f.message.endswith("[OxfordComma]") for f in found] == [True]


def test_spelling_in_code_urls_and_link_targets_is_ignored() -> None:
    text = "Use `adversial_loss()` from https://x.org/adversial or [docs](adversial.md).\n"
    assert _check(Spelling, text)[1] == []


def test_field_vocabulary_acronyms_and_project_words(tmp_path: Path) -> None:
    text = "Wasserstein cGANs, VAEs and RLHF use denoising minibatch LoRA. Keras is frobnicated.\n"
    _, found = _check(Spelling, text)
    assert [f.snippet for f in found] == ["frobnicated"]
    assert found[0].fix is None
    assert _check(Spelling, text, words=("frobnicated",))[1] == []
    (tmp_path / "words.txt").write_text("# project words\nfrobnicated\n", encoding="utf-8")
    assert _check(Spelling, text, root=tmp_path, words_file="words.txt")[1] == []


def test_words_file_outside_the_root_is_refused(tmp_path: Path) -> None:
    words, problem = read_words_file("../outside.txt", tmp_path)
    assert words == set() and "outside" in problem


def test_vocabulary_forms() -> None:
    vocab = Vocabulary(["frob"])
    assert vocab.accepts("Frob's") and vocab.accepts("frobs") and vocab.accepts("GPT-4o")
    assert vocab.accepts("autoencoders") and not vocab.accepts("adversial")
    assert not Vocabulary(ignore_mixed_case=False).accepts("ImageNetz")


def test_cache_makes_a_warm_run_check_nothing(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    backend = HarperBackend(rules=frozenset({"SpellCheck"}))
    paragraphs = ["Generative Adversial Networks", "This is fine.", "This is fine."]
    cold, checked = paragraph_matches(paragraphs, backend, cache)
    assert checked == 2 and [m.rule for m in cold[0]] == ["SpellCheck"]
    warm, checked_again = paragraph_matches(paragraphs, backend, cache)
    assert checked_again == 0 and warm == cold
    assert len(cache.keys(NAMESPACE)) == 2
    # a changed paragraph is the only one checked again
    _, changed = paragraph_matches(["Generative Adversarial Networks", "This is fine."], backend, cache)
    assert changed == 1
    cache.close()


def test_rules_are_exported_with_docs() -> None:
    assert [r.code for r in RULES] == ["QA501", "QA502"]
    for rule in RULES:
        assert "Bad:" in rule.doc() and "Good:" in rule.doc() and "Options" in rule.doc()


def test_require_grammar_exits_2_when_languagetool_is_unreachable(tmp_path: Path) -> None:
    from curate.cli.main import main

    shutil.copy(SEEDS / "004_852303aaeaa962d0.md", tmp_path / "n.md")
    runner = CliRunner()
    args = ["lint", str(tmp_path), "--select", "QA501,QA502", "--no-cache", "--languagetool-url", "http://127.0.0.1:9"]
    strict = runner.invoke(main, [*args, "--require-grammar"])
    assert strict.exit_code == 2
    assert "not reachable" in strict.output
    backends.reset()
    lenient = runner.invoke(main, args)
    assert lenient.exit_code == 0, lenient.output
    assert "adversial" in lenient.output


def test_real_corpus_spelling_spans_cover_words(tmp_path: Path) -> None:
    source = SHARED / "corpora" / "alexeygrigorev__data-science-interviews" / "technical.md"
    if not source.is_file():
        pytest.skip("shared corpora not available")
    text = source.read_text(encoding="utf-8")
    doc, found = _check(Spelling, text)
    assert len(found) < 40  # few findings on a real, mostly clean file
    for f in found:
        assert doc.line(f.line)[f.column - 1 : f.end_column - 1] == f.snippet


def test_paragraphs_that_are_not_prose_are_not_sent() -> None:
    from curate.grammar.checker import MAX_PARAGRAPH_CHARS, is_prose

    assert is_prose("Generative Adversial Networks")
    assert not is_prose("word " * (MAX_PARAGRAPH_CHARS // 5 + 1))
    assert not is_prose("*_" * 200)
    assert not is_prose("| 1 | 2.5 | 3 | 4.25 |")
    text = "# A title\n\n" + "adversial " * 3000 + "\n"
    assert [f.line for f in _check(Spelling, text)[1]] == []


def test_names_mid_sentence_are_skipped_but_title_case_headings_are_checked() -> None:
    text = "We traced it with Arize and Langflow last week.\n\n## Generative Adversial Networks\n"
    _, found = _check(Spelling, text)
    assert [f.snippet for f in found] == ["Adversial"]
    _, strict = _check(Spelling, text, ignore_names=False)
    assert [f.snippet for f in strict] == ["Arize", "Langflow", "Adversial"]


def test_article_rule_skips_acronyms_code_and_variables() -> None:
    text = ("We add an MoE layer and a RL phase.\n\nCall an `apply_patch` helper.\n\n"
            "Scale matrices A and B.\n\nThis is an unified view.\n")
    _, found = _check(Grammar, text)
    assert [(f.line, f.snippet.split("\x1f")[0]) for f in found] == [(7, "AnA")]
