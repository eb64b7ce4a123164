"""QA201-QA204 on small cases, on the seed notes (the acceptance list) and on real corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AS_OF, CORPORA, SEEDS

from curate.corpus.loader import load_corpus
from curate.corpus.model import Corpus
from curate.rules.base import Finding, RuleContext
from curate.rules.docs import explain
from curate.rules.duplicates import RULES, DuplicateAnswer, DuplicateQuestion, NearDuplicateQuestion, RepeatedText

SEED_CLUSTERS = {
    "What is Generative AI?": {("000", 3), ("001", 1), ("003", 13), ("004", 2)},
    "challenges in training GANs": {("000", 37), ("001", 28)},
    "latent space": {("000", 25), ("001", 26)},
    "preventing overfitting": {("001", 47), ("001", 54)},
    "generative vs traditional AI": {("001", 79), ("002", 4)},
    "applications of Generative AI": {("001", 5), ("002", 56)},
}


def run(rule_cls: type, corpus: Corpus, **options) -> list[Finding]:
    rule = rule_cls()
    ctx = RuleContext(as_of=AS_OF, options=rule_cls.Options(**options), root=corpus.root)
    if rule.scope == "corpus":
        return sorted(rule.check_corpus(corpus, ctx), key=Finding.sort_key)
    found = [f for doc in corpus.documents for record in doc.records for f in rule.check_record(doc, record, ctx)]
    return sorted(found, key=Finding.sort_key)


def write(tmp_path: Path, files: dict[str, str]) -> Corpus:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_corpus([tmp_path], root=tmp_path)


def where(f: Finding) -> tuple[str, int]:
    return (Path(f.path).name[:3], f.line)


def groups(findings: list[Finding]) -> list[set[tuple[str, int]]]:
    """Connected groups from each finding and its related places."""
    out: list[set[tuple[str, int]]] = []
    for f in findings:
        group = {where(f)} | {(Path(r.path).name[:3], r.line) for r in f.related}
        for g in [g for g in out if g & group]:
            out.remove(g)
            group |= g
        out.append(group)
    return out


def test_every_rule_documents_bad_and_good_and_options() -> None:
    assert [r.code for r in RULES] == ["QA201", "QA202", "QA203", "QA204"]
    for rule in RULES:
        doc = rule.doc()
        assert "Bad:" in doc and "Good:" in doc, rule.code
        page = explain(rule.code)  # the docstring plus the generated options
        for name in rule.Options.__dataclass_fields__:
            assert f"  {name.replace('_', '-')} (" in page, (rule.code, name)


# -- seed notes: the acceptance list ---------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus([SEEDS], root=SEEDS)


def test_seed_duplicate_clusters_each_one_group(seeds: Corpus) -> None:
    found = groups(run(DuplicateQuestion, seeds) + run(NearDuplicateQuestion, seeds))
    for name, members in SEED_CLUSTERS.items():
        matching = [g for g in found if g & members]
        assert len(matching) == 1, (name, matching)
        assert matching[0] == members, name


def test_seed_short_question_not_merged_with_longer_one(seeds: Corpus) -> None:
    for f in run(NearDuplicateQuestion, seeds) + run(DuplicateQuestion, seeds):
        places = {where(f)} | {(Path(r.path).name[:3], r.line) for r in f.related}
        assert not {("001", 1), ("002", 4)} <= places


def test_seed_exact_duplicates_name_every_other_member(seeds: Corpus) -> None:
    findings = run(DuplicateQuestion, seeds)
    assert {where(f) for f in findings} == SEED_CLUSTERS["What is Generative AI?"]
    assert all(len(f.related) == 3 for f in findings)


def test_seed_duplicated_answer(seeds: Corpus) -> None:
    findings = run(DuplicateAnswer, seeds)
    assert {where(f) for f in findings} == {("001", 47), ("001", 54)}
    by_line = {f.line: f for f in findings}
    assert "repeated inside" in by_line[47].message and "contains" in by_line[54].message


def test_seed_repeated_sentence_with_unsafe_fix(seeds: Corpus) -> None:
    findings = run(RepeatedText, seeds)
    assert {where(f) for f in findings} == {("001", 21)}
    assert all(f.fix is not None and f.fix.safe is False for f in findings)
    doc = seeds.document(findings[0].path)
    fixed = doc.text
    for f in sorted(findings, key=lambda f: -f.fix.start):
        fixed = fixed[: f.fix.start] + f.fix.replacement + fixed[f.fix.end :]
    line = fixed.splitlines()[20]
    assert line == "A Variational Autoencoder (VAE) is a type of Generative AI that is based on a neural network architecture."


# -- small cases -------------------------------------------------------------------------


def test_qa201_normalisation_and_versions(tmp_path: Path) -> None:
    corpus = write(
        tmp_path,
        {
            "a.md": "## 1. What is **GPT-3**?\n\nA model.\n\n## What is GPT-4?\n\nAnother.\n",
            "b.md": "### Q7) what is gpt-3\n\nSame.\n",
        },
    )
    findings = run(DuplicateQuestion, corpus)
    assert [(Path(f.path).name, f.line) for f in findings] == [("a.md", 1), ("b.md", 1)]
    assert findings[0].related[0].path.endswith("b.md")


def test_qa202_templated_questions_are_not_duplicates(tmp_path: Path) -> None:
    questions = [
        "What is the time complexity of quicksort?",
        "What is the time complexity of mergesort?",
        "What is the time complexity of heapsort?",
        "What is the difference between TCP and UDP?",
        "What is the difference between HTTP/1.1 and HTTP/2?",
        "What is a hash table?",
        "What is a binary search tree?",
    ]
    text = "".join(f"## {q}\n\nSome answer about {i}.\n\n" for i, q in enumerate(questions))
    assert run(NearDuplicateQuestion, write(tmp_path, {"notes.md": text})) == []


def test_qa202_paraphrase_found_and_threshold_is_an_option(tmp_path: Path) -> None:
    text = (
        "## What are the challenges in training GANs?\n\nMode collapse.\n\n"
        "## What is a variational autoencoder?\n\nA model.\n\n"
        "## What are the main challenges in training GANs?\n\nInstability.\n\n"
        "## What is a hash table?\n\nA map.\n\n"
    )
    corpus = write(tmp_path, {"notes.md": text})
    findings = run(NearDuplicateQuestion, corpus)
    assert [f.line for f in findings] == [1, 9]
    assert findings[0].related[0].line == 9
    assert run(NearDuplicateQuestion, corpus, threshold=0.99, doubt_threshold=0.99) == []


def test_qa202_related_notes_are_info_and_off_by_default(tmp_path: Path) -> None:
    text = (
        "## What is a hash table?\n\nA map.\n\n"
        "## What is a hash table, and how does it resolve collisions?\n\nChaining.\n\n"
        "## What is a binary search tree?\n\nA tree.\n\n## What is a linked list?\n\nNodes.\n\n"
    )
    corpus = write(tmp_path, {"notes.md": text})
    assert run(NearDuplicateQuestion, corpus) == []
    notes = run(NearDuplicateQuestion, corpus, report_related=True)
    assert notes and all(str(f.severity) == "info" for f in notes)


def test_qa203_pasted_answer_and_unrelated_answers(tmp_path: Path) -> None:
    items = "\n".join(f"- Step {w}: check the {w} configuration carefully before the release." for w in ("first", "second", "third"))
    text = (
        f"## How do you ship a release?\n\n{items}\n\n"
        f"## What is a release checklist?\n\nA list of steps.\n\n{items}\n\n"
        "## What is a rollback?\n\nUndoing a release when the new version misbehaves in production.\n"
    )
    findings = run(DuplicateAnswer, write(tmp_path, {"notes.md": text}))
    assert [f.line for f in findings] == [1, 7]
    assert all(f.related for f in findings)


def test_qa203_ignores_short_shared_lines_and_link_lists(tmp_path: Path) -> None:
    links = "\n".join(f"- [Course {i}](https://example.org/course-{i}) by someone" for i in range(6))
    text = f"## Where to learn?\n\nYes indeed.\n\n{links}\n\n## Where to read more?\n\nYes indeed.\n\n{links}\n"
    assert run(DuplicateAnswer, write(tmp_path, {"notes.md": text})) == []


def test_qa204_repeated_list_item_and_clean_answers(tmp_path: Path) -> None:
    text = (
        "## What helps?\n\n- Add dropout.\n- Use a validation set to stop early.\n- Use a validation set to stop early.\n\n"
        "## Code is fine\n\n```python\nx = 1\nx = 1\nx = 1\n```\n\nEach line of the loop runs many times.\n\n"
        "## Nested lists\n\n- RNN\n  - vanishing or exploding gradient problem\n- LSTM\n  - vanishing or exploding gradient problem\n"
    )
    corpus = write(tmp_path, {"notes.md": text})
    findings = run(RepeatedText, corpus)
    assert [f.line for f in findings] == [5]
    doc = corpus.documents[0]
    fix = findings[0].fix
    fixed = doc.text[: fix.start] + fix.replacement + doc.text[fix.end :]
    assert fixed.count("Use a validation set to stop early.") == 1
    assert "- Use a validation set to stop early.\n\n## Code is fine" in fixed


def test_qa204_quotes_and_spaces_normalised(tmp_path: Path) -> None:
    text = "## Q?\n\nIt’s a “model” of the data. It's a   \"model\" of the data. Done now here.\n"
    findings = run(RepeatedText, write(tmp_path, {"n.md": text}))
    assert len(findings) == 1 and findings[0].fix.safe is False


# -- real corpora ------------------------------------------------------------------------


def corpus_or_skip(name: str) -> Corpus:
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(f"{name} not available")
    return load_corpus([folder], root=folder)


def test_alirezadir_clarifying_questions_copied_across_files() -> None:
    corpus = corpus_or_skip("alirezadir__Machine-Learning-Interviews")
    # topic sections repeated across parallel notes are left out by default (a shared
    # framework, a footer); include_topics brings them back
    questions = {r.id for d in corpus.documents for r in d.records if r.is_question}
    assert all(f.record_id in questions for f in run(DuplicateAnswer, corpus))
    findings = run(DuplicateAnswer, corpus, include_topics=True)
    pairs = {(Path(f.path).name, Path(r.path).name) for f in findings for r in f.related}
    # the search notes share their clarifying questions; the game note copies the video one
    assert ("mlsd-image-search.md", "mlsd-search.md") in pairs
    assert ("mlsd-mm-video-search.md", "mlsd-search.md") in pairs
    assert ("mlsd-game-recom.md", "mlsd-video-recom.md") in pairs
    texts = " ".join(f.message for f in findings if Path(f.path).name == "mlsd-search.md")
    assert "paragraphs or list items" in texts
    assert run(RepeatedText, corpus) == []  # a sub-item under two parents, text in comments


def test_rohanmistry231_toc_entries_create_no_duplicates() -> None:
    corpus = corpus_or_skip("rohanmistry231__ML-Interview-Preparation-Hub")
    assert run(DuplicateQuestion, corpus) == []
    near = run(NearDuplicateQuestion, corpus)
    assert len(near) <= 4  # "bias-variance tradeoff" / "trade-off" is a true pair
    assert all(Path(f.path).name != Path(r.path).name or f.line != r.line for f in near for r in f.related)
    assert run(DuplicateAnswer, corpus) == []


def test_alexeygrigorev_placeholder_answers_do_not_link_questions() -> None:
    corpus = corpus_or_skip("alexeygrigorev__data-science-interviews")
    assert run(DuplicateQuestion, corpus) == []
    assert run(DuplicateAnswer, corpus) == []  # "Answer here" is too short to be a paste
    near = run(NearDuplicateQuestion, corpus)
    assert len(near) <= 2


def test_aishwaryanr_copied_interview_questions() -> None:
    folder = CORPORA / "aishwaryanr__awesome-generative-ai-guide"
    if not folder.is_dir():
        pytest.skip("aishwaryanr__awesome-generative-ai-guide not available")
    parts = [folder / "free_courses" / "Applied_LLMs_Mastery_2024", folder / "free_courses" / "agentic_ai_crash_course", folder / "interview_prep"]
    corpus = load_corpus(parts, root=folder)
    findings = run(DuplicateQuestion, corpus)
    places = {(Path(f.path).name, f.line) for f in findings}
    # "What is RAG? (Recap)" titles a section of one course and "What Is RAG?" one of
    # another: two articles, each self-contained (labelled false), not a duplicate
    assert ("week4_RAG.md", 15) not in places
    near = run(NearDuplicateQuestion, corpus)
    questions = " | ".join(f.message for f in near)
    assert "Explain embeddings" not in questions and "Explain RAG" not in questions


def test_related_locations_are_capped_but_counted(tmp_path):
    """A question pasted into 80 files: each finding lists max_related others plus a note,
    and the message still says how many there are."""
    import datetime as _dt

    from curate.corpus.loader import load_corpus as _load
    from curate.rules.base import RuleContext as _Ctx
    from curate.rules.duplicates import DuplicateQuestion as _QA201

    for i in range(80):
        (tmp_path / f"n{i:02d}.md").write_text("## What is a GAN?\n\nTwo networks compete.\n", encoding="utf-8")
    corpus = _load([tmp_path])
    rule = _QA201()
    ctx = _Ctx(as_of=_dt.date(2026, 1, 1), options=_QA201.Options(max_related=5))
    findings = list(rule.check_corpus(corpus, ctx))
    assert len(findings) == 80
    first = findings[0]
    assert "asked 80 times" in first.message and "and 78 more" in first.message
    assert len(first.related) == 6 and "74 more" in first.related[-1].message
    unlimited = list(rule.check_corpus(corpus, _Ctx(as_of=_dt.date(2026, 1, 1), options=_QA201.Options(max_related=0))))
    assert len(unlimited[0].related) == 79


# -- question identity, pointers, translations, aggregates ------------------------------


def test_qa201_same_wording_over_different_code_is_two_questions(tmp_path: Path) -> None:
    def q(code: str) -> str:
        return f"###### What's the output?\n\n```js\n{code}\n```\n\n- A: `1`\n- B: `2`\n\n<details><summary>Answer</summary>\n\nA\n\n</details>\n\n"

    corpus = write(tmp_path, {"q.md": q("console.log(1)") + q("console.log(2)") + q("console.log(1)")})
    findings = run(DuplicateQuestion, corpus)
    assert sorted(f.line for f in findings) == [1, 31]  # the first and third share their code
    assert run(NearDuplicateQuestion, corpus) == []


def test_qa201_question_ending_in_colon_includes_its_formula(tmp_path: Path) -> None:
    text = "Q. Find the derivative of:\n\n$$\nx^2\n$$\n\nQ. Find the derivative of:\n\n$$\n\\sin x\n$$\n"
    assert run(DuplicateQuestion, write(tmp_path, {"calc.md": text})) == []


def test_qa201_link_to_the_page_is_not_a_second_question(tmp_path: Path) -> None:
    corpus = write(tmp_path, {
        "README.md": "# Course\n\n### [What are tools in AI?](./part3.md)\n\nRead part 3.\n",
        "part3.md": "# What are tools in AI?\n\nTools let a model call functions and read results.\n",
    })
    assert run(DuplicateQuestion, corpus) == []
    # a real copy of the question in another page still counts
    corpus = write(tmp_path, {"other.md": "## What are tools in AI?\n\nFunctions a model can call.\n"})
    assert len(run(DuplicateQuestion, corpus)) == 2


def test_translations_are_not_duplicates(tmp_path: Path) -> None:
    body = "## What is a closure?\n\nA function that keeps the variables of the scope it was made in, with an example.\n\n"
    corpus = write(tmp_path, {"README.md": body, "de-DE/README.md": body, "ko-KR/README-ko_KR.md": body})
    assert run(DuplicateQuestion, corpus) == []
    assert run(DuplicateAnswer, corpus) == []
    corpus = write(tmp_path, {"notes.md": body})  # not a language variant: a real copy
    found = run(DuplicateQuestion, corpus)
    assert any(f.path.endswith("notes.md") for f in found)


def test_aggregate_readme_is_not_compared(tmp_path: Path) -> None:
    files = {f"questions/q{i}.md": f"### What does operator number {i} do?\n\n#### Answer\n\nOperator {i} does thing {i} to the value and returns a new value of the same type.\n" for i in range(6)}
    files["README.md"] = "".join(
        f"### What does operator number {i} do?\n\n<details><summary>View</summary>\n\nOperator {i} does thing {i} to the value and returns a new value of the same type.\n\n</details>\n\n" for i in range(6))
    corpus = write(tmp_path, files)
    assert run(DuplicateQuestion, corpus) == []
    assert run(DuplicateAnswer, corpus) == []
    assert len(run(DuplicateQuestion, corpus, aggregates=True)) == 12


def test_a_copy_of_one_other_file_is_no_aggregate(tmp_path: Path) -> None:
    """A shortened copy of one other file (plus one question also asked elsewhere) is a
    plain duplicate: its questions are reported, unlike a README gathered from many."""
    names = ["Pod", "ReplicaSet", "Service", "Namespace", "DaemonSet"]
    full = "".join(f"## {i + 1}. What is a {n}?\n - The {n} answer, in a few words.\n" for i, n in enumerate(names))
    corpus = write(tmp_path, {
        "k8s_qa.md": full + "## 6. What is etcd?\n - The key-value store.\n",
        "k8s.md": full,
        "cpp.md": "## What is a Namespace?\n - The Namespace answer, in a few words.\n\n## What is RAII?\n - Scope-bound resources.\n",
    })
    found = run(DuplicateQuestion, corpus)
    assert sorted({f.line for f in found if f.path.endswith("/k8s.md")}) == [1, 3, 5, 7, 9]


def test_qa203_one_shared_sentence_or_formula_is_not_the_same_answer(tmp_path: Path) -> None:
    formula = "$$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V \\quad \\text{scaled dot product}$$"
    text = (
        f"## What is self-attention?\n\n{formula}\n\nEach token attends to every other token of the same sequence, which lets the model mix context.\n\n"
        f"## What is cross-attention?\n\n{formula}\n\nQueries come from the decoder while keys and values come from the encoder output instead.\n\n"
        f"## What is scaled attention?\n\n{formula}\n"
    )
    assert run(DuplicateAnswer, write(tmp_path, {"att.md": text})) == []  # formulas are not compared
    opening = "Attention lets every position of a sequence weigh every other position when it builds its representation."
    text = (
        f"## What is self-attention?\n\n{opening}\n\nEach token attends to every other token of the same sequence, which lets the model mix context.\n\n"
        f"## What is attention?\n\n{opening}\n"
    )
    assert run(DuplicateAnswer, write(tmp_path, {"att.md": text})) == []
    assert len(run(DuplicateAnswer, write(tmp_path, {"att.md": text}), min_blocks=1)) == 2


def test_lydiahallie_outputs_and_translations() -> None:
    corpus = corpus_or_skip("lydiahallie__javascript-questions")
    assert len(run(DuplicateQuestion, corpus)) <= 4  # was 1,776: 108 "What's the output?" x 22 languages
    assert len(run(DuplicateAnswer, corpus)) <= 6  # was 1,203
    assert run(NearDuplicateQuestion, corpus) == []  # was 379


def test_chalarangelo_generated_readme_is_an_aggregate() -> None:
    corpus = corpus_or_skip("Chalarangelo__30-seconds-of-interviews")
    assert run(DuplicateQuestion, corpus) == []  # was 213: the README repeats every question file
    assert run(DuplicateAnswer, corpus) == []
    assert len(run(DuplicateQuestion, corpus, aggregates=True)) > 100


def test_qa204_parallel_lists_labels_and_formulas_are_not_repeats(tmp_path: Path) -> None:
    text = (
        "## How does routing work?\n\nWithout a router:\n\n1. User visits the home page of the site\n2. Server sends the whole page back\n\n"
        "With a router:\n\n1. User visits the home page of the site\n2. Client swaps the visible content in place\n\n"
        "**Use in machine learning here:**\n\nFirst use.\n\n**Use in machine learning here:**\n\nSecond use.\n\n"
        "$$p = \\frac{1}{1 + e^{-z}} \\text{ the logistic function}$$\n\nso\n\n$$p = \\frac{1}{1 + e^{-z}} \\text{ the logistic function}$$\n\n"
        "  ```js\n  const a = the same line of code;\n  ```\n\n  ```js\n  const a = the same line of code;\n  ```\n"
    )
    assert run(RepeatedText, write(tmp_path, {"n.md": text})) == []


def test_qa201_prompt_of_parallel_case_studies_is_not_a_duplicate(tmp_path: Path) -> None:
    corpus = write(tmp_path, {
        "scribe/pm.md": "## How do you choose the autonomy level?\n\nThe scribe drafts notes for clinicians, who sign every note; autonomy stays low because errors reach patient records.\n",
        "coding/pm.md": "## How do you choose the autonomy level?\n\nThe coding agent may open pull requests freely, since tests and review catch mistakes before merge into production branches.\n",
    })
    assert run(DuplicateQuestion, corpus) == []
    # the same answer in both, or the prompt in two differently named files: duplicates
    corpus = write(tmp_path, {"coding/notes.md": "## How do you choose the autonomy level?\n\nThe coding agent may open pull requests freely, since tests and review catch mistakes before merge into production branches.\n"})
    assert len(run(DuplicateQuestion, corpus)) == 3


def test_qa204_real_corpora_parallel_lines_quiet_typed_twice_found() -> None:
    """trimstray repeats "Then run `sudo rngd ...`" after two alternatives and ajitsingh98
    repeats an option as its answer or an instruction for two sub-tasks: by design. The
    sentence typed twice in aishwaryanr's course footer is a slip."""
    sysadmin = run(RepeatedText, corpus_or_skip("trimstray__test-your-sysadmin-skills"))
    assert not [f for f in sysadmin if "rngd" in f.message]
    folder = CORPORA / "ajitsingh98__Data-Science-Interview-Questions-Answers"
    if not folder.is_dir():
        pytest.skip("ajitsingh98 not available")
    files = [folder / n for n in ("inferential_statistics.md", "information_theory.md", "tree_based_methods.md",
                                  "calculus_and_algorithmic_differentiation.md")]
    assert run(RepeatedText, load_corpus(files, root=folder)) == []
    course = CORPORA / "aishwaryanr__awesome-generative-ai-guide" / "free_courses" / "agentic_ai_crash_course"
    if not course.is_dir():
        pytest.skip("aishwaryanr not available")
    found = run(RepeatedText, load_corpus([course], root=course))
    assert any("Our next cohort starts soon." in f.message for f in found)


def test_qa201_real_corpus_templates_mentions_and_articles_quiet() -> None:
    """aishwaryanr's guide repeats follow-up prompts in ten case studies and questions in
    four role banks (each answered for its subject), quotes bank questions as a round's
    example prompts, titles sections of its courses 'What is RAG?', and asks 'What problems
    do they solve?' of each kind of agent: none of it is a duplicate (46 findings before)."""
    corpus = corpus_or_skip("aishwaryanr__awesome-generative-ai-guide")
    assert run(DuplicateQuestion, corpus) == []


def test_qa201_real_corpus_same_question_twice_in_a_bank_found() -> None:
    folder = CORPORA / "ajitsingh98__Data-Science-Interview-Questions-Answers"
    if not folder.is_dir():
        pytest.skip("ajitsingh98 not available")
    found = run(DuplicateQuestion, load_corpus([folder / "time_series_analysis_and_forecasting.md"], root=folder))
    assert {1062, 1086, 2164, 2174} <= {f.line for f in found}


def test_qa202_example_prompt_in_a_list_is_a_mention(tmp_path: Path) -> None:
    """A round's example prompts quote questions a bank answers: a list item with no answer
    mentions the question; two answered askings are still a pair."""
    answer = "Measure the rate on a labelled sample of production answers, then ground the model in retrieved documents and cite them."
    bank = f"## Define hallucination. How do you measure the rate?\n\n{answer}\n"
    rounds = "# Round 2\n\nExample prompts:\n\n- \"Define hallucination. How would you measure the rate?\"\n- \"Walk me through an eval you built.\"\n"
    assert run(NearDuplicateQuestion, write(tmp_path, {"bank.md": bank, "rounds.md": rounds})) == []
    again = f"## Define hallucination. How would you measure the rate?\n\n{answer}\n"
    found = run(NearDuplicateQuestion, write(tmp_path, {"again.md": again}))
    assert sorted(Path(f.path).name for f in found) == ["again.md", "bank.md"]


def test_qa202_real_corpus_different_asks_quiet_true_pairs_found() -> None:
    """ajitsingh98 asks "What is X?" beside "Where do we use X?", "When is X used?", "the
    importance of X", "Name some X", left vs right skew and A over B vs B over A: all
    different questions (17 of its 22 QA202 findings before); the two askings of the
    assumptions of logistic regression in two files are one question."""
    folder = CORPORA / "ajitsingh98__Data-Science-Interview-Questions-Answers"
    if not folder.is_dir():
        pytest.skip("ajitsingh98 not available")
    found = run(NearDuplicateQuestion, load_corpus([folder], root=folder))
    lines = {(Path(f.path).name, f.line) for f in found}
    assert {("linear_methods_for_classification.md", 830), ("probabilistic_modeling.md", 627)} <= lines
    for quiet in [("descriptive_statistics.md", 193), ("vectors_and_matrices.md", 283), ("unsupervised_learning.md", 1035),
                  ("unsupervised_learning.md", 707), ("time_series_analysis_and_forecasting.md", 605),
                  ("time_series_analysis_and_forecasting.md", 1790), ("linear_methods_for_regression.md", 561)]:
        assert quiet not in lines
    assert len(found) <= 6
