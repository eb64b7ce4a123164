"""QA401 outdated-claim, QA402 time-sensitive, QA403 acronym-mismatch.

Cases are data: (markdown, what must be found) and (markdown, must stay clean). The seed
notes and the real corpora are end-to-end fixtures; no test reads the clock.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curate.corpus.model import Document
from curate.rules.base import Rule, RuleContext
from curate.rules.claims import RULES, AcronymMismatch, OutdatedClaim, TimeSensitive
from curate.rules.docs import explain

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "examples" / "genai-notes"
SHARED = HERE.parents[1] / "shared"
AS_OF = dt.date(2026, 1, 1)


def _doc(text: str, name: str = "note.md") -> Document:
    return Document(path=name, rel_path=name, text=text)


def _run(rule: type[Rule], text: str, as_of: dt.date = AS_OF, options=None, root: Path | None = None):
    return list(rule().check_document(_doc(text), RuleContext(as_of=as_of, options=options, root=root)))


def _file_doc(path: Path, root: Path) -> Document:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    rel = path.relative_to(root).as_posix()
    return Document(path=rel, rel_path=rel, text=text)


def _lines(rule: type[Rule], doc: Document, as_of: dt.date = AS_OF) -> list[int]:
    return [f.line for f in rule().check_document(doc, RuleContext(as_of=as_of))]


def test_rules_are_exported_with_docs() -> None:
    assert [r.code for r in RULES] == ["QA401", "QA402", "QA403"]
    for rule in RULES:
        page = explain(rule.code)  # the docstring plus the generated options
        assert "Bad:" in page and "Good:" in page and "Options (" in page
        for field in rule.Options.__dataclass_fields__:
            assert f"  {field.replace('_', '-')} (" in page, (rule.code, field)


# -- the seed notes (spec/seed-defects.md) ----------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    if not SEEDS.is_dir():
        pytest.skip("examples/genai-notes missing")
    return {p.name[:3]: _file_doc(p, SEEDS) for p in sorted(SEEDS.glob("*.md"))}


def test_seed_outdated_claims(seeds: dict[str, Document]) -> None:
    assert _lines(OutdatedClaim, seeds["000"]) == [72]
    found_002 = _lines(OutdatedClaim, seeds["002"])
    assert 188 in found_002
    assert any(206 <= line <= 214 for line in found_002)
    assert any(306 <= line <= 312 for line in found_002)
    assert not {12, 15} & set(found_002)  # "a generative language model like GPT-4"
    assert _lines(OutdatedClaim, seeds["003"]) == [69]  # not 47 or 80: still true
    assert _lines(OutdatedClaim, seeds["001"]) == [] and _lines(OutdatedClaim, seeds["004"]) == []


def test_seed_claims_depend_on_as_of(seeds: dict[str, Document]) -> None:
    before_gpt5 = dt.date(2025, 8, 7)  # the release day itself: not yet stale
    assert _lines(OutdatedClaim, seeds["000"], before_gpt5) == []
    assert 188 in _lines(OutdatedClaim, seeds["002"], before_gpt5)
    assert _lines(OutdatedClaim, seeds["002"], dt.date(2023, 12, 31)) == []


def test_seed_time_sensitive(seeds: dict[str, Document]) -> None:
    assert _lines(TimeSensitive, seeds["000"]) == [72]
    for key in ("001", "002", "003", "004"):
        assert _lines(TimeSensitive, seeds[key]) == [], key


def test_seed_acronyms(seeds: dict[str, Document]) -> None:
    assert 323 in _lines(AcronymMismatch, seeds["002"])
    assert _lines(AcronymMismatch, seeds["004"]) == [12]
    assert _lines(AcronymMismatch, seeds["003"]) == []  # "... with Human Feedback (RLHF)" is fine
    (finding,) = AcronymMismatch().check_document(seeds["004"], RuleContext(as_of=AS_OF))
    assert "GAN" in finding.message and "Graph Neural Network" in finding.message


# -- QA401 cases -----------------------------------------------------------------------

CLAIM_BAD = [
    "GPT-4 is the most capable model OpenAI offers.",
    "Chatbots such as ChatGPT and Bard answer questions.",
    "You can install plugins for ChatGPT from the plugin store.",
    "- **Fine-tune GPT-3** on your support tickets.",
]
CLAIM_GOOD = [
    "Models like GPT-4 use transformer architectures.",
    "GPT-4 was the most capable model when it was released.",
    "Bard was renamed Gemini in 2024.",
    "```python\n# fine-tune GPT-3 on tickets\n```",  # code is not prose
    "See [the guide](https://example.org/fine-tune-gpt-3).",  # a link target is not a claim
]


@pytest.mark.parametrize("text", CLAIM_BAD)
def test_outdated_claim_found(text: str) -> None:
    (finding,) = _run(OutdatedClaim, f"## Q?\n\n{text}\n")
    assert finding.code == "QA401" and finding.line == 3
    assert "stale since" in finding.message and "https://" in finding.message


@pytest.mark.parametrize("text", CLAIM_GOOD)
def test_outdated_claim_clean(text: str) -> None:
    assert _run(OutdatedClaim, f"## Q?\n\n{text}\n") == []


def test_code_entries_look_inside_code() -> None:
    text = "```python\nresponse = openai.ChatCompletion.create(model=m)\n```\n"
    (finding,) = _run(OutdatedClaim, text)
    assert finding.line == 2 and "openai-python-v0" in finding.message


def test_finding_names_its_record() -> None:
    from curate.corpus.markdown import parse_document

    doc = parse_document("# Notes\n\n## What is GPT-5?\n\nGPT-5 (expected) will reason better.\n", "n.md", "n.md")
    (finding,) = OutdatedClaim().check_document(doc, RuleContext(as_of=AS_OF))
    record = next(r for r in doc.records if r.span.line_start <= 5 <= r.span.line_end)
    assert finding.record_id == record.id


# -- QA402 cases -----------------------------------------------------------------------

TIME_BAD = [
    ("GPT-6 (expected): even better reasoning.", AS_OF),
    ("The upcoming Llama 5 release adds vision.", AS_OF),
    ("Gemini Ultra will be released next quarter.", AS_OF),
    ("The model was recently released by Mistral.", AS_OF),
    ("As of 2023, it leads the benchmark.", AS_OF),
    ("As of March 2024 the API is free.", AS_OF),
    ("By 2025, 30% of marketing messages will be AI-generated.", AS_OF),
    ("It is currently the most capable open model.", AS_OF),
]
TIME_GOOD = [
    ("Install the latest version of pip before you start.", AS_OF),
    ("Always upgrade to the latest release.", AS_OF),
    ("The expected value of the reward is maximised.", AS_OF),
    ("The true (expected) advantage is unbiased.", AS_OF),
    ("In the upcoming sections we explore tools.", AS_OF),
    ("The model attends to the latest tokens.", AS_OF),
    ("As of 2026, it leads the benchmark.", AS_OF),  # not in the past yet
    ("By 2025, 30% of marketing messages will be AI-generated.", dt.date(2024, 6, 1)),
    ("By 2025 the team had shipped three models.", AS_OF),  # no prediction
    ("We will release our code and data.", AS_OF),
]


@pytest.mark.parametrize(("text", "as_of"), TIME_BAD)
def test_time_sensitive_found(text: str, as_of: dt.date) -> None:
    (finding,) = _run(TimeSensitive, f"## Q?\n\n{text}\n", as_of)
    assert finding.code == "QA402" and finding.line == 3 and str(finding.severity) == "info"


@pytest.mark.parametrize(("text", "as_of"), TIME_GOOD)
def test_time_sensitive_clean(text: str, as_of: dt.date) -> None:
    assert _run(TimeSensitive, f"## Q?\n\n{text}\n", as_of) == []


def test_time_sensitive_options() -> None:
    extra = TimeSensitive.Options(patterns=(r"\bstay tuned\b",))
    assert len(_run(TimeSensitive, "Stay tuned for part two.\n", options=extra)) == 1
    quiet = TimeSensitive.Options(exceptions=(r"\bGPT-6\b",))
    assert _run(TimeSensitive, "GPT-6 (expected): better.\n", options=quiet) == []
    with pytest.raises(ValueError, match="unsafe regex"):
        TimeSensitive.Options(patterns=(r"(a+)+",))
    off = TimeSensitive.Options(builtin=False)
    assert _run(TimeSensitive, "GPT-6 (expected): better.\n", options=off) == []


# -- QA403 cases -----------------------------------------------------------------------

ACRONYM_BAD = [
    "1. GNNs: Generative adversial networks",
    "Deep Reinforcement Learning from Human Feedback (RLHF) aligns models.",
    "Generative Adversarial Networks (GNNs) pit two networks against each other.",
    "**Convolutional Neural Networks (RNNs)** work on images.",
    "HyDE (Hypothetical Response Extraction) generates a fake answer first.",
    "Generative Adversarial Networks, or GNNs, pit two networks against each other.",
]
ACRONYM_GOOD = [
    "1. GANs: Generative adversarial networks",
    "Reinforcement Learning with Human Feedback (RLHF) aligns models.",
    "**Generative Adversarial Networks (GANs)** pit two networks against each other.",
    "Long Short-Term Memory (LSTM) and Gated Recurrent Units (GRUs) are recurrent.",
    "Variational Autoencoders (VAEs) learn a latent space.",
    "Term Frequency-Inverse Document Frequency (TF-IDF) weighs words.",
    "Google's Bidirectional Encoder Representations from Transformers (BERT) reads both ways.",
    "This guide covers Machine Learning (AI) Engineering interviews.",
    "The model is a large language model (LLM) trained on text.",
    "ASR (speech to text) turns audio into words.",
    "The Vision of Autonomic Computing (ACV) is old.",
    "Duplicating Sampling Policy Optimization (DUPO) improves agents.",
    "LLM2Vec: Large Language Models Are Secretly Powerful Text Encoders",
    "`GNN: Generative adversarial networks` in code is not prose.",
    "Generative Adversarial Networks, or GANs, pit two networks against each other.",
    "Amazon Web Services, or AWS, hosts it.",
    "You can use Apple, Google, or IBM.",
    "It runs on deep learning, or ML in general.",
    # a category or role in the parenthesis, not an expansion
    "BERT (Language Model) reads both ways.",
    "LoRA (Parameter Efficient Fine-Tuning) is cheap.",
    "KTO (Human Aware Loss) aligns models.",
    "XYZ (a fine-tuning method) adapts weights.",
    "DPO (Paper) shows how.",
    "ORPO (2024) merges two steps.",
    "QLoRA: Parameter Efficient Fine-Tuning on a budget",
]


@pytest.mark.parametrize("text", ACRONYM_BAD)
def test_acronym_mismatch_found(text: str) -> None:
    (finding,) = _run(AcronymMismatch, f"## Q?\n\n{text}\n")
    assert finding.code == "QA403" and finding.line == 3


@pytest.mark.parametrize("text", ACRONYM_GOOD)
def test_acronym_mismatch_clean(text: str) -> None:
    assert _run(AcronymMismatch, f"## Q?\n\n{text}\n") == []


def test_acronym_options(tmp_path: Path) -> None:
    (tmp_path / "glossary.toml").write_text('[acronyms]\nXAN = ["Extra Arctic Narwhal"]\n', encoding="utf-8")
    options = AcronymMismatch.Options(glossary_files=("glossary.toml",))
    assert _run(AcronymMismatch, "XAN: Generative Adversarial Networks\n", options=options, root=tmp_path) != []
    assert _run(AcronymMismatch, "Extra Arctic Narwhal (XAN) is here.\n", options=options, root=tmp_path) == []
    ignore = AcronymMismatch.Options(ignore=("GNN",))
    assert _run(AcronymMismatch, "GNNs: Generative adversarial networks\n", options=ignore) == []
    no_generic = AcronymMismatch.Options(generic=False)
    assert _run(AcronymMismatch, "HyDE (Hypothetical Response Extraction) works.\n", options=no_generic) == []


# -- real corpora ----------------------------------------------------------------------


def _corpus_docs(*parts: str) -> list[Document]:
    base = SHARED / "corpora"
    if not base.is_dir():
        pytest.skip("shared corpora not present")
    root = base.joinpath(*parts)
    return [_file_doc(p, base) for p in sorted(root.rglob("*.md"))]


GUIDE = "aishwaryanr__awesome-generative-ai-guide"
SUBSET = [
    (GUIDE, "free_courses", "Applied_LLMs_Mastery_2024"),
    (GUIDE, "research_updates", "2024_papers"),
    (GUIDE, "interview_prep", "system-design", "text-to-sql-analytics"),
    ("alexeygrigorev__data-science-interviews",),
    ("alirezadir__Machine-Learning-Interviews",),
]
VERIFIED_QA401 = {
    # "fine-tuning GPT-3 on a dataset filled with medical reports": a 2024 course (its
    # folder), and GPT-3 fine-tuning was retired on 2024-01-04
    ("free_courses/Applied_LLMs_Mastery_2024/week3_finetuning_llms.md", 17),
}
# Paper abstracts in rows dated "17th August 2024" ("the most advanced model, GPT-4") and
# May 2024 ("the latest large language model, Llama-3") were right when written.
DATED_QA401 = {
    ("research_updates/2024_papers/august_list.md", 20),
    ("research_updates/2024_papers/may_list.md", 38),
}
# read by hand: HyDE is "Hypothetical Document Embeddings"; nothing else is wrong
VERIFIED_QA403 = {("free_courses/Applied_LLMs_Mastery_2024/week4_RAG.md", 122)}


def _all_findings(docs: list[Document]) -> dict[str, set[tuple[str, int]]]:
    """All three rules over the documents in one pass (the prose views are shared)."""
    ctx = RuleContext(as_of=AS_OF)
    found: dict[str, set[tuple[str, int]]] = {r.code: set() for r in RULES}
    for doc in docs:
        for rule in RULES:
            for f in rule().check_document(doc, ctx):
                found[f.code].add((f.path.split("/", 1)[1], f.line))
    return found


@pytest.fixture(scope="module")
def corpora_findings() -> dict[str, set[tuple[str, int]]]:
    return _all_findings([doc for parts in SUBSET for doc in _corpus_docs(*parts)])


def test_real_corpora_acronyms_only_the_verified_one(corpora_findings) -> None:
    assert corpora_findings["QA403"] == VERIFIED_QA403


def test_real_corpora_outdated_claims(corpora_findings) -> None:
    assert corpora_findings["QA401"] == VERIFIED_QA401


def test_real_corpora_dated_text_judged_as_of_its_date() -> None:
    docs = [doc for parts in SUBSET[:2] for doc in _corpus_docs(*parts)]
    ctx = RuleContext(as_of=AS_OF, options=OutdatedClaim.Options(text_dates=False))
    undated = {(f.path.split("/", 1)[1], f.line) for d in docs for f in OutdatedClaim().check_document(d, ctx)}
    assert DATED_QA401 <= undated  # the option off: judged as of today, as before


def test_real_corpora_time_sensitive_is_sparse(corpora_findings) -> None:
    found = corpora_findings["QA402"]
    # dated rows and a 2024 course folder say when these were written
    assert ("research_updates/2024_papers/june_list.md", 13) not in found  # "forthcoming Claude 3.5"
    assert ("free_courses/Applied_LLMs_Mastery_2024/week9_challenges_with_llms.md", 13) not in found  # as of 2024
    assert not any("system-design" in path for path, _ in found)  # "last quarter" scenarios
    assert len(found) <= 4


def test_real_corpus_undated_as_of_is_reported() -> None:
    docs = _corpus_docs("Chalarangelo__30-seconds-of-interviews", "questions")
    ctx = RuleContext(as_of=AS_OF)
    found = [f for d in docs for f in TimeSensitive().check_document(d, ctx)]
    # "as of January 2019"; "an upcoming pseudo-selector" (shipped in every browser by 2022)
    assert [(f.path.rsplit("/", 1)[1], f.line) for f in found] == [("class-name.md", 32), ("focus-ring.md", 11)]


@pytest.mark.slow
def test_all_real_corpora() -> None:
    """Every file of the four corpora: still only the verified findings."""
    found = _all_findings(_corpus_docs())
    assert found["QA401"] == VERIFIED_QA401
    assert found["QA403"] == VERIFIED_QA403
    assert len(found["QA402"]) <= 9  # as of 2019 (2), upcoming (2), expired offers (4), a past course start


# -- dated text ------------------------------------------------------------------------

NOW = dt.date(2026, 12, 4)


def _run_at(rule: type[Rule], text: str, name: str, options=None) -> list:
    doc = Document(path=name, rel_path=name, text=text)
    return list(rule().check_document(doc, RuleContext(as_of=NOW, options=options)))


def test_outdated_claim_in_dated_row_is_judged_as_of_the_row() -> None:
    table = "| Date | Abstract |\n|---|---|\n| {day} | The most advanced model, GPT-4, scores low. |\n"
    assert _run_at(OutdatedClaim, table.format(day="17th August 2024"), "papers.md") == []  # right then
    (late,) = _run_at(OutdatedClaim, table.format(day="3 March 2026"), "papers.md")
    assert "dated 3 March 2026, from the table row's date (line 3)" in late.message
    off = OutdatedClaim.Options(text_dates=False)
    assert len(_run_at(OutdatedClaim, table.format(day="17th August 2024"), "papers.md", off)) == 1


def test_outdated_claim_dated_by_heading_path_and_front_matter() -> None:
    claim = "You can fine-tune GPT-3 on your own data.\n"
    assert _run_at(OutdatedClaim, "## March 2023\n\n" + claim, "log.md") == []
    assert _run_at(OutdatedClaim, claim, "2023-05-notes.md") == []
    assert _run_at(OutdatedClaim, "---\ndate: 2022-11-30\n---\n" + claim, "a.md") == []
    (found,) = _run_at(OutdatedClaim, claim, "2025_notes/a.md")  # stale long before 2025 ended
    assert "from the file's path" in found.message
    assert len(_run_at(OutdatedClaim, claim, "notes/a.md")) == 1  # undated: as of --as-of
    strict = OutdatedClaim.Options(grace_days=0)
    assert len(_run_at(OutdatedClaim, "## April 2024\n\n" + claim, "log.md", strict)) == 1  # 2024-01-04 < April


@pytest.mark.parametrize(
    "text",
    [
        "The largest video segmentation dataset to date.",
        "Today we launch Claude 3.5 Sonnet, our first release in the forthcoming Claude 3.5 family.",
        "As of February 15, 2024, the leaderboard is led by GPT-4.",
        "Our code will be released soon.",
        "It was recently released by Mistral.",
    ],
)
def test_time_wording_in_dated_text_is_not_reported(text: str) -> None:
    assert _run_at(TimeSensitive, f"## June 2024\n\n{text}\n", "list.md") == []
    assert len(_run_at(TimeSensitive, f"## Q?\n\n{text}\n", "list.md")) <= 1  # undated: may be reported


def test_relative_year_is_resolved_against_the_text_date() -> None:
    (found,) = _run_at(TimeSensitive, "## 2022\n\nGPT-4 is expected next year.\n", "news.md")
    assert "means 2023" in found.message and "the heading at line 1" in found.message
    assert _run_at(TimeSensitive, "## 2026\n\nGPT-6 is expected next year.\n", "news.md") == []  # 2027: not yet
    assert len(_run_at(TimeSensitive, "GPT-6 is expected next year.\n", "news.md")) == 1  # undated
    off = TimeSensitive.Options(text_dates=False)
    found = _run_at(TimeSensitive, "## 2022\n\nGPT-4 is expected next year.\n", "news.md", off)
    assert len(found) == 1 and "means" not in found[0].message


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("By 2026, 80% of enterprises will use generative AI.", True),  # due once 2026 began
        ("Before 2026, most apps will add a chatbot.", True),
        ("In 2026, most apps will add a chatbot.", False),  # due once 2026 is over
        ("By the end of 2026, most apps will add a chatbot.", False),
        ("By 2027, most apps will add a chatbot.", False),
        ("GPT-7 is the new standard for reasoning.", True),
    ],
)
def test_forward_claims_due_now(text: str, reported: bool) -> None:
    assert bool(_run_at(TimeSensitive, f"## Q?\n\n{text}\n", "a.md")) is reported


def test_new_standard_in_dated_text_is_not_reported() -> None:
    assert _run_at(TimeSensitive, "## May 2023\n\nGPT-4 is the new standard for reasoning.\n", "a.md") == []


def test_time_phrase_data_is_consistent() -> None:
    from curate.rules import claims

    ids = [tp.id for tp in claims._TIME_PATTERNS]
    assert len(ids) == len(set(ids)) >= 10
    for tp in claims._TIME_PATTERNS:
        if tp.when != "always":
            assert "year" in tp.regex.groupindex, tp.id  # the strategy reads the year
        assert all(n == n.lower() for n in tp.needles + tp.anchors), tp.id
