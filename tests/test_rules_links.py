"""QA301-QA303: data cases, the seed notes, real corpora with their upstream file tree,
and the guarantee that nothing outside the corpus root is touched."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from cases.rule_cases import run_rule
from conftest import SHARED

from curate.corpus.markdown import parse_document
from curate.corpus.model import Document
from curate.rules import links
from curate.rules.base import RuleContext
from curate.rules.docs import explain

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "examples" / "genai-notes"


@pytest.fixture(autouse=True)
def _fresh_listings():
    links.clear_listing_cache()
    yield
    links.clear_listing_cache()




def _lint_dir(root: Path, rules, parse: bool = True) -> list:
    """Run document rules on every file; without ``parse`` the documents have no records
    (the link rules read the text, records only name the finding's record)."""
    found = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = parse_document(text, str(path), rel) if parse else Document(str(path), rel, text)
        for cls in rules:
            ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=cls.Options(), root=root)
            found.extend((rel, f) for f in cls().check_document(doc, ctx))
    return found


def test_seed_rows(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("seed notes absent")
    root = tmp_path / "seeds"
    shutil.copytree(SEEDS, root)
    found = _lint_dir(root, links.RULES)
    got = {(rel[:3], f.code, f.line) for rel, f in found}
    for line in (60, 81, 84, 87, 90, 93, 96):
        assert ("000", "QA303", line) in got
    assert ("001", "QA301", 35) in got and ("001", "QA303", 35) in got
    for line in (9, 28, 31, 34):
        assert ("003", "QA303", line) in got
    for line in (42, 58, 104):
        assert ("003", "QA302", line) in got
    # 001:18, a bare URL with a text fragment, is a working link.
    assert not any(rel.startswith("001") and f.line == 18 for rel, f in found)
    assert len(found) == 16


def _materialise(corpus: Path, dest: Path) -> Path:
    """Every upstream path as an empty file, then the Markdown files themselves."""
    for line in (corpus / "TREE.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        target = dest / line
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch()
    for md in corpus.rglob("*.md"):
        target = dest / md.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(md, target)
    return dest


def _corpus(name: str) -> Path:
    path = SHARED / "corpora" / name
    if not (path / "TREE.txt").is_file():
        pytest.skip(f"{name} absent")
    return path


def test_alirezadir_empty_image_and_misspelt_file(tmp_path):
    root = _materialise(_corpus("alirezadir__Machine-Learning-Interviews"), tmp_path / "c")
    found = _lint_dir(root, [links.BrokenLink, links.PlaceholderLink], parse=False)
    broken = [(rel, f.message) for rel, f in found if f.code == "QA301"]
    assert any("ml-comapnies.md" in message for _rel, message in broken)
    assert any(f.code == "QA302" and "image has an empty target" in f.message for _rel, f in found)
    # Every other relative target of the tree exists.
    assert len(broken) == 1


def test_aishwaryanr_letter_case_links(tmp_path):
    root = _materialise(_corpus("aishwaryanr__awesome-generative-ai-guide"), tmp_path / "c")
    found = _lint_dir(root, [links.BrokenLink], parse=False)
    case = [f for _rel, f in found if "letter case" in f.message]
    assert len(case) >= 2
    assert all("README.MD" in f.message and f.fix is not None and f.fix.replacement.endswith("README.MD")
               for f in case)


def test_control_corpus_has_no_broken_files(tmp_path):
    root = _materialise(_corpus("rohanmistry231__ML-Interview-Preparation-Hub"), tmp_path / "c")
    found = _lint_dir(root, [links.BrokenLink], parse=False)
    # Only in-page anchors to headings that the README never wrote ("#-license").
    assert all("anchor" in f.message for _rel, f in found)


def test_never_looks_outside_the_root(tmp_path, monkeypatch):
    root = tmp_path / "root"
    (root / "notes").mkdir(parents=True)
    outside = tmp_path / "secret.png"
    outside.touch()
    (root / "notes" / "link").symlink_to(tmp_path)
    touched: list[str] = []
    real_scandir, real_islink = os.scandir, os.path.islink

    def spy_scandir(path):
        touched.append(str(path))
        return real_scandir(path)

    def spy_islink(path):
        touched.append(str(path))
        return real_islink(path)

    monkeypatch.setattr(links.os, "scandir", spy_scandir)
    monkeypatch.setattr(links.os.path, "islink", spy_islink)
    text = "![a](../../secret.png) ![b](%2e%2e/%2e%2e/secret.png) ![c](link/secret.png) ![d](/../secret.png)\n"
    findings, _doc = run_rule(links.BrokenLink, root, "notes/a.md", text)
    assert [f.column for f in findings] == [6, 29, 60, 82]
    assert all("outside the corpus root" in f.message for f in findings)
    resolved_root = os.path.realpath(root)
    monkeypatch.undo()
    for path in touched:
        real = os.path.realpath(path) if not os.path.islink(path) else os.path.abspath(path)
        assert os.path.commonpath([real, resolved_root]) == resolved_root, path


def test_explain_pages_have_examples():
    for cls in links.RULES:
        page = explain(cls.code)  # the docstring plus the generated options
        assert "Bad:" in page and "Good:" in page and "Options (" in page


# -- anchors as GitHub makes them, retired image services --------------------------------


def test_list_item_headings_have_anchors(tmp_path):
    text = (
        "| No. | Questions |\n|---|---|\n| 1 | [What is React?](#what-is-react) |\n"
        "| 2 | [Gone](#what-is-jsx) |\n\n"
        "1.  ### What is React?\n\n    A library.\n\n"
        "    ```\n    1. ## Not a heading (code)\n    ```\n"
        "[code](#not-a-heading-code)\n"
    )
    findings, _ = run_rule(links.BrokenLink, tmp_path, "README.md", text)
    assert sorted(f.message for f in findings) == [
        "no heading in this file produces the anchor '#not-a-heading-code'",
        "no heading in this file produces the anchor '#what-is-jsx'",
    ]


def test_code_spans_and_punctuation_in_anchors(tmp_path):
    text = (
        "* [defer](#what-are-defer-and-async-attributes-on-a-script-tag)\n"
        "* [window](#circuitBreaker.sleepWindowInMilliseconds)\n"
        "* [missing](#circuitbreaker-sleep)\n\n"
        "### What are `defer` and `async` attributes on a `<script>` tag?\n\n"
        "#### circuitBreaker.sleepWindowInMilliseconds\n"
    )
    findings, _ = run_rule(links.BrokenLink, tmp_path, "a.md", text)
    assert [f.line for f in findings] == [3]


MATH = "https://render.githubusercontent.com/render/math?math=\\beta"


@pytest.mark.parametrize(
    ("text", "as_of", "found"),
    [
        (f'<img src="{MATH}">', dt.date(2026, 1, 1), True),
        (f"![beta]({MATH})", dt.date(2026, 1, 1), True),
        ("![chart](https://chart.googleapis.com/chart?cht=tx&chl=x^2)", dt.date(2020, 1, 1), True),
        ("![chart](http://chart.apis.google.com/chart?cht=p&chd=t:60,40)", dt.date(2020, 1, 1), True),
        ("![chart](https://chart.googleapis.com/chart?cht=tx&chl=x^2)", dt.date(2019, 3, 1), False),  # not yet
        (f"[a link, not an image]({MATH})", dt.date(2026, 1, 1), False),
        ("![raw](https://raw.githubusercontent.com/a/b/main/x.png)", dt.date(2026, 1, 1), False),
        ("![docs](https://developers.google.com/chart/image.png)", dt.date(2026, 1, 1), False),
    ],
)
def test_images_on_retired_services(tmp_path, text, as_of, found):
    doc = Document(str(tmp_path / "a.md"), "a.md", text + "\n")
    ctx = RuleContext(as_of=as_of, options=links.BrokenLink.Options(), root=tmp_path)
    got = list(links.BrokenLink().check_document(doc, ctx))
    assert bool(got) is found
    if found:
        assert "retired service" in got[0].message and "stopped on" in got[0].message
    off = RuleContext(as_of=as_of, options=links.BrokenLink.Options(check_retired=False), root=tmp_path)
    assert list(links.BrokenLink().check_document(doc, off)) == []


def test_retired_services_data_is_valid():
    entries = links.retired_services()
    assert entries and all(e.source.startswith("https://") and isinstance(e.stopped, dt.date) for e in entries)


def test_alexeygrigorev_formula_images_on_a_retired_endpoint(tmp_path):
    root = _materialise(_corpus("alexeygrigorev__data-science-interviews"), tmp_path / "c")
    found = _lint_dir(root, [links.BrokenLink], parse=False)
    retired = [(rel, f.line) for rel, f in found if "retired service" in f.message]
    assert len(retired) >= 10 and all(rel == "theory.md" for rel, _ in retired)
    assert len(found) == len(retired)  # nothing else is broken in that collection


def test_sudheerj_toc_anchors_to_list_item_headings(tmp_path):
    root = _materialise(_corpus("sudheerj__reactjs-interview-questions"), tmp_path / "c")
    found = _lint_dir(root, [links.BrokenLink], parse=False)
    readme = [f for rel, f in found if rel == "README.md"]
    # Only the TOC entries whose wording drifted from their question (at most 14)
    assert 0 < len(readme) <= 14 and all("anchor" in f.message for f in readme)


@pytest.mark.parametrize(
    ("alt", "target", "reported"),
    [
        ("bulkhead-partition", "./images/bulkhead-partition.jpg", False),  # a label the author chose
        ("redis-junior-inconsistent", "./images/redis-junior-inconsistent.png", False),
        ("No-2PC-required", "./images/No-2PC-required.png", False),
        ("deployment-strategy-2", "./images/deployment-strategy-2.png", True),
        ("Generative-Adversarial-Networks-5", "Generative-Adversarial-Networks-5.png", True),  # numbered export
        ("60_fig_1", "60_fig_1.png", True),
        ("image-20191104211642271", "./images/x.png", True),
        ("gan", "https://github.com/user-attachments/assets/1", True),
        ("flux", "images/flux.png", True),  # one bare word that is only the file name
    ],
)
def test_alt_text_slugs(alt, target, reported):
    assert (links.alt_problem(alt, target) is not None) is reported


# GitHub's heading anchors (github-slugger, what github.com renders) for headings our slug
# code must match. Kept over mdit-py-plugins' anchors plugin: its slugify drops combining
# marks (Devanagari vowel signs, a decomposed accent), which GitHub keeps.
@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Hello World!", "hello-world"),
        ("I ♥ unicode", "i--unicode"),  # a symbol goes, both spaces stay
        ("😄 emoji", "-emoji"),
        ("👍🏽 Thumbs up", "-thumbs-up"),  # emoji and skin-tone modifier
        ("What's new in v2.0?", "whats-new-in-v20"),
        ("C++ & C#: `std::move`", "c--c-stdmove"),
        ("non\u00a0breaking space", "nonbreaking-space"),  # NBSP is dropped, not a hyphen
        ("under_score and-hyphen", "under_score-and-hyphen"),
        ("Привет, мир", "привет-мир"),
        ("中文标题（概述）", "中文标题概述"),  # full-width punctuation dropped
        ("日本語のタイトル", "日本語のタイトル"),
        ("हिन्दी भाषा", "हिन्दी-भाषा"),  # vowel signs and virama are marks: kept
        ("e\u0301cole", "e\u0301cole"),  # a combining accent is kept
        ("**Bold** [link](x.md) ![img](i.png) end", "bold-link--end"),  # link text kept, image dropped
    ],
)
def test_github_slugs(heading, slug):
    assert links.github_slug(heading) == slug


def test_repeated_headings_get_github_suffixes(tmp_path):
    text = ("# A\n\n# A\n\n# A-1\n\n# A\n\n"
            "[1](#a) [2](#a-1) [3](#a-1-1) [4](#a-2) [bad](#a-3)\n")
    findings, _ = run_rule(links.BrokenLink, tmp_path, "a.md", text)
    assert [f.message for f in findings] == ["no heading in this file produces the anchor '#a-3'"]


def test_anchors_to_emoji_nbsp_and_non_latin_headings(tmp_path):
    text = ("## ❤️ Love\n\n## Привет, мир\n\n## non\u00a0breaking\n\n## हिन्दी\n\n"
            "[a](#️-love) [b](#-love) [c](#привет-мир) [d](#nonbreaking) [e](#हिन्दी) "
            "[f](#non-breaking) [g](#привет)\n")
    findings, _ = run_rule(links.BrokenLink, tmp_path, "a.md", text)
    assert sorted(f.message.split("'")[1] for f in findings) == ["#non-breaking", "#привет"]
