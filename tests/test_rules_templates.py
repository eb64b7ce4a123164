"""QA105 template-placeholder: slots in a small generated corpus, what is never a slot,
the seed notes and the shared collections (which hold no template residue)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curate.config import Config
from curate.corpus.loader import load_corpus
from curate.corpus.markdown import parse_document
from curate.rules.base import Finding
from curate.rules.content import RULES
from curate.rules.templates import REPEATED, STRONG, find_slots
from curate.run.engine import run_engine

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[1] / "examples" / "genai-notes"
CORPORA = HERE.parents[2] / "shared" / "corpora"
AS_OF = dt.date(2026, 1, 1)

GENERATED = """# {title}

[Topic: {topic}, …]

## What is {title}?

{title} is a method of machine learning. [Insert example here]

## Why does {title} matter?

[Short explanation of why it matters]
"""


def _lint(root: Path) -> list[Finding]:
    corpus = load_corpus([str(root)], root=root)
    return run_engine(corpus, RULES, as_of=AS_OF, config=Config(root=root, select=("QA105",))).findings


def test_notes_generated_from_one_template(tmp_path: Path) -> None:
    for name, topic in (("dropout", "regularisation"), ("attention", "transformers"), ("boosting", "ensembles")):
        (tmp_path / f"{name}.md").write_text(GENERATED.format(title=name.title(), topic=topic), encoding="utf-8")
    (tmp_path / "clean.md").write_text("## What is a GAN?\n\nTwo networks [see below] play a game.\n",
                                       encoding="utf-8")
    found = _lint(tmp_path)
    by_file: dict[str, list[tuple[int, str]]] = {}
    for f in found:
        by_file.setdefault(Path(f.path).name, []).append((f.line, f.snippet))
    assert sorted(by_file) == ["attention.md", "boosting.md", "dropout.md"]
    for got in by_file.values():
        # line 3 (a slot alone on a line) is QA102's; the plain-worded slot counts by repetition
        assert got == [(7, "[insert example here]"), (11, "[short explanation of why it matters]")]
    repeated = [f for f in found if f.line == 11]
    assert all("in 3 files: template residue" in f.message and len(f.related) == 2 for f in repeated)


@pytest.mark.parametrize("text", [
    "See [a](https://x.org), [b][1], a note[^1], [1], [12, 13], [A], [x] and [[Wiki Page]].",
    "- [ ] open task\n- [x] done task",
    "> [!NOTE]\n> An admonition.",
    "Code `[Insert here]` and `{{question}}`; math $[a, b] = \\{\\{x\\}\\}$.",
    "```\n[Insert example here] {{question}} <fill in> Lorem ipsum\n```",
    "<!-- [Insert example here] -->",
    'Ask the model "Rewrite [your text] as a haiku".',
    "A prompt template has slots like [Insert context here] and {{question}}.",
    "Braces changed from \\{ and \\} to {{ and }}; the site shows {{ page.title }}.",
    "Copyright [yyyy] [name of copyright owner]",
    "Use <your-api-key> as the key; arrays [a, b, c] and x[i] too.",
    "The BERT input is [CLS] tokens [SEP] with [MASK] where words were.",
    "Tags such as [Beta], [Read More] and [domain name] are no slots.",
    "Send Authorization: Bearer {{token}} to https://{{host}}/v1?api_key={{key}}.",
])
def test_never_a_slot(text: str) -> None:
    assert find_slots(parse_document(text + "\n", "n.md", "n.md")) == []


def test_slot_kinds() -> None:
    text = ("## {{topic}}\n\nIt is [Your definition] and [Key points: speed, memory, …] "
            "but [see below for details] once; <insert a diagram> Lorem ipsum.\n")
    got = [(kind, slot) for _, _, kind, slot in find_slots(parse_document(text, "n.md", "n.md"))]
    assert got == [(STRONG, "{{topic}}"), (STRONG, "[your definition]"), (STRONG, "[key points: speed, memory, …]"),
                   (REPEATED, "[see below for details]"), (STRONG, "<insert a diagram>"), (STRONG, "lorem ipsum")]


def test_slots_of_a_project_template_left_unfilled() -> None:
    text = ("### What is **[Project Name]**?\n\n**[Project Name]** is a [brief description of the project, its "
            "purpose, and key features]. It runs on [list of platforms, e.g., Linux, Windows].\n\n"
            "- Solution 1: [explain solution]\n")
    got = [slot for _, _, kind, slot in find_slots(parse_document(text, "n.md", "n.md")) if kind == STRONG]
    assert got == ["[project name]", "[project name]", "[brief description of the project, its purpose, and key features]",
                   "[list of platforms, e.g., linux, windows]", "[explain solution]"]


def test_a_template_named_folder_above_the_corpus_root_skips_nothing(tmp_path: Path) -> None:
    root = tmp_path / "mydocs_template"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "FAQ.md").write_text("## What is [Project Name]?\n\nIt is [Insert a summary here].\n",
                                          encoding="utf-8")
    (root / "docs" / "issue-template.md").write_text("## [Your question]\n\n[Insert your answer here] too.\n",
                                                     encoding="utf-8")
    assert sorted((Path(f.path).name, f.line) for f in _lint(root)) == [("FAQ.md", 1), ("FAQ.md", 3)]


def test_seed_notes_have_no_template_slots() -> None:
    assert _lint(SEEDS) == []


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared corpora not present")
def test_shared_collections_hold_no_template_residue() -> None:
    """Read by hand: every bracketed text outside code in the ten collections is a
    citation, an option list, a company tag or a value; none is a left-over slot (the
    TBD markers are QA102's)."""
    for root in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
        assert _lint(root) == [], root.name


def test_an_apostrophe_opens_no_quote() -> None:
    text = "Don't forget [Insert example here], it's key. Ask 'Rewrite [your text] now' too.\n"
    assert [slot for *_, slot in find_slots(parse_document(text, "n.md", "n.md"))] == ["[insert example here]"]
