"""Rule family: links and images (QA301 broken-link, QA302 placeholder-link, QA303
image-alt-text).

All three read the shared line scan (:mod:`curate.rules.support.mdscan`), so links in code
blocks and HTML comments are not mistaken for rendered links, and every finding has an
exact column.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator
from urllib.parse import unquote, urlsplit

import tomllib

from curate.corpus.codespans import mask_code_spans
from curate.corpus.model import Document
from curate.rules.base import Finding, Fix, Fixability, Rule, RuleContext, Severity
from curate.rules.support.mdscan import BADGE, Ref, Scan, _heading_text, record_at, scan

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_TEMPLATE = re.compile(r"\{\{|\{%|\$\{")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]{1,80})\]:")
_FOOTNOTE_REF = re.compile(r"\[\^([A-Za-z0-9][\w.-]{0,79})\](?![:(\[*+?{])")
"""A footnote reference: a label without regex syntax, not a link text, a definition or
a regex class followed by a quantifier; a range such as ``a-z`` or ``0-9`` is a class."""
_FOOTNOTE_SHAPE = re.compile(r"^(?:\d{1,4}|[A-Za-z][A-Za-z0-9]+(?:[-_][A-Za-z0-9]{2,})+)$")
"""Labels that are footnotes even in a file without a definition: ``[^3]``, ``[^pg-docs]``."""


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """The word lists in ``data/placeholders.toml``."""
    raw = resources.files("curate.rules").joinpath("data/placeholders.toml").read_bytes()
    data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    return data


# -- QA301 ------------------------------------------------------------------------------


_LISTINGS: dict[str, dict[str, str] | None] = {}
_LISTINGS_MAX = 20000


def _listing(directory: str) -> dict[str, str] | None:
    """Names in ``directory`` (name → name, plus lower-case name → name), cached so a big
    corpus lists each folder once. None when it is not a readable folder."""
    if directory in _LISTINGS:
        return _LISTINGS[directory]
    names: dict[str, str] | None
    try:
        with os.scandir(directory) as entries:
            names = {}
            lower: dict[str, str] = {}
            for entry in entries:
                names[entry.name] = entry.name
                lower.setdefault(entry.name.lower(), entry.name)
            for key, value in lower.items():
                names.setdefault("\0" + key, value)
    except OSError:
        names = None
    if len(_LISTINGS) >= _LISTINGS_MAX:
        _LISTINGS.clear()
    _LISTINGS[directory] = names
    return names


def clear_listing_cache() -> None:
    """Forget cached folder listings and file anchors (tests create files between runs)."""
    _LISTINGS.clear()
    _FILE_ANCHORS.clear()


def _resolve(root: Path, rel: str, root_real: str | None = None) -> tuple[str, str | None]:
    """Look ``rel`` (normalised, inside ``root``) up one component at a time.

    Returns ("ok", None), ("case", actual relative path) or ("missing", first missing
    component path) — or ("outside", None) when a symlink leads out of the root. Nothing
    outside ``root`` is listed or stat'ed."""
    if root_real is None:
        root_real = os.path.realpath(root)
    current = str(root)
    actual: list[str] = []
    case_differs = False
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    for index, part in enumerate(parts):
        names = _listing(current)
        if names is None:
            return "missing", "/".join(actual + parts[index:])
        name = names.get(part)
        if name is None:
            name = names.get("\0" + part.lower())
            if name is None:
                return "missing", "/".join(actual + [part])
            case_differs = True
        actual.append(name)
        current = os.path.join(current, name)
        if index < len(parts) - 1 and os.path.islink(current):
            real = os.path.realpath(current)
            if os.path.commonpath([real, root_real]) != root_real:
                return "outside", None
    if case_differs:
        return "case", "/".join(actual)
    return "ok", None


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: plain text, lower case, punctuation dropped
    (``-`` and ``_`` kept), each space a hyphen."""
    text = _plain_heading(heading).lower()
    out = []
    for ch in text:
        if ch == " ":
            out.append("-")
        elif ch in "-_" or ch.isalnum() or unicodedata.category(ch)[0] == "M":
            out.append(ch)
    return "".join(out)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_EMPH = re.compile(r"\*\*|__|~~|[*`]|(?<!\w)_+|_+(?!\w)")


_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def _plain_heading(raw: str) -> str:
    """The heading's text as GitHub slugs it: link text kept, images and HTML tags
    dropped, but a tag inside a code span is text ("`<script>` tag" gives "script-tag")."""
    text = _MD_LINK.sub(lambda m: m.group(1) if not m.group(0).startswith("!") else "", raw)
    pieces = []
    last = 0
    for m in _CODE_SPAN.finditer(text):
        pieces.append(_HTML_TAG.sub("", text[last:m.start()]))
        pieces.append(m.group(2))
        last = m.end()
    pieces.append(_HTML_TAG.sub("", text[last:]))
    return _EMPH.sub("", "".join(pieces)).strip()


_ITEM_HEADING = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(#{1,6})[ \t]+(.*)$")


def _item_headings(s: Scan) -> list[tuple[int, int, str]]:
    """Headings that open a list item ("1.  ### What is React?"): GitHub renders them as
    headings, with anchors, though they are not block-level headings of the file."""
    found = []
    for i, line in enumerate(s.lines):
        if "#" in line and not s.code[i] and not s.comment[i]:
            m = _ITEM_HEADING.match(line)
            if m:
                found.append((i + 1, len(m.group(1)), _heading_text(m.group(2))))
    return found


def unique_slug(slug: str, occurrences: dict[str, int]) -> str:
    """``slug`` made unique in a file as GitHub does (github-slugger): a repeat gets
    ``-1``, ``-2`` ...; a suffixed slug is taken too, so headings "A", "A", "A-1" get
    ``a``, ``a-1``, ``a-1-1``. ``occurrences`` is updated."""
    unique = slug
    while unique in occurrences:
        occurrences[slug] += 1
        unique = f"{slug}-{occurrences[slug]}"
    occurrences[unique] = 0
    return unique


def heading_anchors(s: Scan) -> set[str]:
    """Every in-page anchor the document's headings (list-item headings included) and
    HTML ids produce (lower case), with GitHub's ``-1``, ``-2`` suffixes for repeated
    headings."""
    occurrences: dict[str, int] = {}
    anchors: set[str] = {a.lower() for a in s.anchors}
    for _line, _level, raw in sorted(s.headings + _item_headings(s)):
        slug = unique_slug(github_slug(raw), occurrences)
        # Emoji variation selectors and joiners are kept by some renderers and dropped by
        # others; Python-Markdown/mkdocs collapse repeated hyphens. Accept every variant.
        for variant in {slug, _INVISIBLE.sub("", slug)}:
            anchors.add(variant)
            anchors.add(variant.strip("-"))
            anchors.add(re.sub(r"-{2,}", "-", variant).strip("-"))
    return anchors


_INVISIBLE = re.compile("[\ufe00-\ufe0f\u200b-\u200d\u2060\ufeff]")


class BrokenLink(Rule):
    """A relative link or image whose target does not exist.

    Checks every Markdown link, image, reference definition, ``<img src>`` and ``<a href>``
    outside code. The target is URL-decoded, ``?query`` and ``#fragment`` are dropped and
    the path is resolved against the file's folder (or the corpus root for ``/path``).
    Reported:

    * a file or folder that does not exist;
    * one that exists only with different letter case (``README.MD`` for ``README.md``):
      it works on macOS and Windows and breaks on Linux and on GitHub; a fix with the
      right case is offered;
    * an in-page ``#anchor`` that no heading of the file produces (GitHub slug rules:
      lower case, punctuation dropped, spaces to hyphens, ``-1`` for repeats) and no
      HTML ``id``/``name`` defines; likewise ``other.md#anchor`` for another Markdown
      file inside the root;
    * a target that leaves the corpus root (``../../../etc/passwd``): reported, and never
      read or stat'ed;
    * a footnote reference ``[^label]`` with no ``[^label]: ...`` definition in the file
      (``check_footnotes``): the definition was lost when the text was pasted. A
      bracket that reads as a regular expression's negated class (``[^a-z]``,
      ``[^0-9]+``) is not a footnote; in a file with no footnote definition at all only
      labels shaped like footnotes count (a number, or words joined by ``-`` or ``_``
      such as ``[^postgres-docs]``).

    A template part (a file under ``static-parts/``, ``partials/``, ``_includes/`` and the
    other ``part-folders``, or a ``_name.md`` partial) is pasted into a page at the corpus
    root by a build, so a target that resolves from the root is not reported there.

    * an image served by a service that was turned off (``data/retired_hosts.toml``:
      Google Image Charts since 2019-03-18, GitHub's ``render/math`` formula images),
      when ``--as-of`` is after the day it stopped: every such image is broken without
      any request being made.

    In-page anchors are compared as GitHub makes them: headings that open a list item
    ("1.  ### What is React?") have anchors too, a tag inside a code span is text, and
    a fragment that only differs from a heading's slug by punctuation GitHub drops
    ("#circuitBreaker.sleepWindow") is accepted.

    A root-relative route with no file extension or ending in ``.html``
    (``/interviews/set5/``, ``/guide/setup.html``) in a page of a
    generated site (front matter with ``layout:``, ``permalink:`` or ``slug:``, or a site
    config such as ``_config.yml`` or ``mkdocs.yml`` at the root or in a folder above the
    page, as ``docs/.vuepress``) is served by the site's
    router and is not reported: the files cannot tell whether it exists.

    Other absolute URLs, ``mailto:`` and other schemes are left to QA304 (``--online``);
    empty targets are QA302's. Folder listings are cached, so a big corpus lists each
    folder once.

    Bad:

        ![GAN diagram](images/gan.png)      (no images/gan.png in the corpus)
        See [the guide](README.MD)           (the file is README.md)
        Jump to [setup](#instalation)
        Joins read rows once [^pg-docs].     (no "[^pg-docs]: ..." line in the file)

    Good:

        ![GAN diagram](images/gan.png)      (the file exists)
        See [the guide](README.md)
        Jump to [setup](#installation)
        Joins read rows once [^pg-docs].
        [^pg-docs]: https://www.postgresql.org/docs/current/queries-with.html
    """

    code = "QA301"
    name = "broken-link"
    summary = "A relative image or link whose target does not exist"
    severity = Severity.ERROR
    scope = "document"
    fixable = Fixability.SAFE

    @dataclass(frozen=True)
    class Options:
        check_anchors: bool = True
        """Report in-page and cross-file ``#anchors`` that no heading or HTML id makes."""
        check_case: bool = True
        """Report targets that exist only in another letter case (with a fix)."""
        root_relative: bool = True
        """Resolve ``/path`` targets against the corpus root."""
        check_retired: bool = True
        """Report images served by a retired service (``data/retired_hosts.toml``)."""
        part_folders: tuple[str, ...] = ("static-parts", "partials", "_partials", "includes", "_includes",
                                         "fragments", "snippets")
        """Folders of template parts that a build assembles into a page at the corpus root
        (and ``_name.md`` partials): a link in them that resolves from the root is fine."""
        check_footnotes: bool = True
        """Report footnote references ``[^label]`` that the file never defines."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: BrokenLink.Options = ctx.options or self.Options()
        s = scan(doc)
        root = ctx.root if ctx.root is not None else _guess_root(doc)
        anchors: set[str] | None = None
        root_real = os.path.realpath(root) if root is not None else None
        resolved: dict[str, tuple[str, str | None]] = {}
        findings: list[Finding] = []
        for ref in s.refs:
            if ref.kind == "url":
                continue
            target = ref.target.strip()
            if opts.check_retired and ref.kind == "image" and (_SCHEME.match(target) or target.startswith("//")):
                gone = retired_service(target, ctx.as_of)
                if gone is not None:
                    findings.append(self.finding_at(
                        doc, ref.target_start, ref.target_start + len(ref.target),
                        f"image served by a retired service: {gone.service} stopped on "
                        f"{gone.stopped.isoformat()}; {gone.advice} [source: {gone.source}]",
                        record=record_at(doc, ref.line)))
                continue
            if not target or target == "#" or _SCHEME.match(target) or target.startswith("//"):
                continue
            if _TEMPLATE.search(target) or "\\" in target:
                continue
            what = "image" if ref.kind == "image" else "link"
            record = record_at(doc, ref.line)
            if target.startswith("#"):
                if not opts.check_anchors:
                    continue
                if anchors is None:
                    anchors = heading_anchors(s)
                fragment = unquote(target[1:]).lower()
                if fragment.startswith("user-content-"):
                    fragment = fragment[len("user-content-"):]
                if fragment and not _has_anchor(fragment, anchors):
                    findings.append(self.finding_at(
                        doc, ref.target_start, ref.target_start + len(ref.target),
                        f"no heading in this file produces the anchor '{target}'", record=record))
                continue
            if root is None:
                continue
            path = unquote(re.split(r"[?#]", target, maxsplit=1)[0])
            if not path:
                continue
            if path.startswith("/"):
                if not opts.root_relative:
                    continue
                joined = path.lstrip("/")
            else:
                folder = posixpath.dirname(doc.rel_path)
                joined = posixpath.join(folder, path) if folder else path
            normal = posixpath.normpath(joined)
            span = (ref.target_start, ref.target_start + len(ref.target))
            if normal == ".." or normal.startswith("../") or normal.startswith("/"):
                findings.append(self.finding_at(
                    doc, *span, f"{what} target '{target}' points outside the corpus root", record=record))
                continue
            if normal == ".":
                continue
            if normal not in resolved:
                resolved[normal] = _resolve(root, normal, root_real)
            status, detail = resolved[normal]
            if status == "outside":
                findings.append(self.finding_at(
                    doc, *span, f"{what} target '{target}' leads outside the corpus root", record=record))
            elif status == "missing":
                if _template_part(doc.rel_path, opts.part_folders) and _resolve(root, posixpath.normpath(path), root_real)[0] == "ok":
                    continue  # a part assembled into a page at the root, where the path resolves
                if path.startswith("/") and _site_route(path, doc, str(root)):
                    continue  # "/interviews/set5/": a route of a generated site, not a file path
                findings.append(self.finding_at(
                    doc, *span, f"{what} target '{target}' does not exist", record=record))
            elif status == "ok" and opts.check_anchors and "#" in target and _MD_FILE.search(normal):
                fragment = unquote(target.split("#", 1)[1]).lower()
                if fragment.startswith("user-content-"):
                    fragment = fragment[len("user-content-"):]
                other = _file_anchors(root, normal)
                if fragment and other is not None and not _has_anchor(fragment, other):
                    findings.append(self.finding_at(
                        doc, *span, f"no heading in '{normal}' produces the anchor '#{fragment}'", record=record))
            elif status == "case" and opts.check_case:
                fix = _case_fix(doc, ref, path, normal, detail or "")
                findings.append(self.finding_at(
                    doc, *span,
                    f"{what} target '{target}' exists only as '{detail}' (letter case differs): "
                    "works on macOS and Windows, breaks on Linux and GitHub",
                    record=record, fix=fix))
        if opts.check_footnotes:
            findings.extend(self._footnotes(doc, s))
        return findings

    def _footnotes(self, doc: Document, s: Scan) -> Iterator[Finding]:
        """Footnote references without a definition (see ``check_footnotes``)."""
        uses: list[tuple[int, int, int, str]] = []
        defined: set[str] = set()
        for number, line in enumerate(s.lines, 1):
            if "[^" not in line or s.code[number - 1] or s.comment[number - 1]:
                continue
            masked = mask_code_spans(line)
            head = _FOOTNOTE_DEF.match(masked)
            if head is not None:
                defined.add(head.group(1).lower())
            for m in _FOOTNOTE_REF.finditer(masked, head.end() if head is not None else 0):
                uses.append((number, s.line_start(number) + m.start(), s.line_start(number) + m.end(), m.group(1)))
        for number, start, end, label in uses:
            if label.lower() in defined or not (defined or _FOOTNOTE_SHAPE.match(label)) or _char_class(label):
                continue
            yield self.finding_at(doc, start, end, f"footnote '[^{label}]' has no definition ('[^{label}]: ...') "
                                  "in this file", record=record_at(doc, number))


_SITE_CONFIGS = ("_config.yml", "_config.yaml", "hugo.toml", "hugo.yaml", "mkdocs.yml", "docusaurus.config.js",
                 "docusaurus.config.ts", "astro.config.mjs", "gatsby-config.js", ".vitepress", ".vuepress", "_quarto.yml")
_PAGE_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:.*\r?\n){0,40}?(?:permalink|layout|slug)[ \t]*:", re.MULTILINE)


def _char_class(label: str) -> bool:
    """``a-z``, ``A-Za-z0-9``, ``0-9a-f``: the ranges of a regular expression's class."""
    parts = re.findall(r"[A-Za-z0-9](?:-[A-Za-z0-9])?", label)
    if "".join(parts) != label or not any(len(p) == 3 for p in parts):
        return False
    return all(len(p) == 1 or (p[0] < p[2] and _char_kind(p[0]) == _char_kind(p[2])) for p in parts)


def _char_kind(c: str) -> tuple[bool, bool]:
    return c.isdigit(), c.isupper()


def _site_route(path: str, doc: Document, root: str) -> bool:
    """A root-relative target with no file extension ("/interviews/set5/") in a page of a
    generated site (the page's front matter names a layout or permalink, or the root or a
    folder above the page holds a site generator's config): the site's router serves it,
    so whether it exists cannot be told from the files."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if "." in last and not last.lower().endswith((".html", ".htm")):
        return False  # ("/guide/setup.html" is the page a generator builds from setup.md)
    if _PAGE_FRONT_MATTER.match(doc.text):
        return True
    # the site may live in a folder of the corpus ("docs/.vuepress" beside "docs/en/")
    folders = doc.rel_path.split("/")[:-1]
    return any(_has_site_config(os.path.join(root, *folders[:depth])) for depth in range(len(folders) + 1))


@lru_cache(maxsize=64)
def _has_site_config(root: str) -> bool:
    return any(os.path.exists(os.path.join(root, name)) for name in _SITE_CONFIGS)


@dataclass(frozen=True)
class RetiredService:
    """An image service that no longer answers (one entry of ``data/retired_hosts.toml``)."""

    host: str
    path: str
    stopped: dt.date
    service: str
    advice: str
    source: str


@lru_cache(maxsize=1)
def retired_services() -> tuple[RetiredService, ...]:
    raw = resources.files("curate.rules").joinpath("data/retired_hosts.toml").read_bytes()
    return tuple(
        RetiredService(e["host"].lower(), e.get("path", ""), e["stopped"], e["service"], e["advice"], e["source"])
        for e in tomllib.loads(raw.decode("utf-8"))["retired"]
    )


def retired_service(url: str, as_of: dt.date) -> RetiredService | None:
    """The retired service ``url`` points at, when it had stopped before ``as_of``."""
    try:
        parts = urlsplit(url if "://" in url else "https:" + url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    for entry in retired_services():
        if host == entry.host and parts.path.startswith(entry.path) and as_of > entry.stopped:
            return entry
    return None


_MD_FILE = re.compile(r"\.(?:md|markdown)$", re.I)
_FILE_ANCHORS: dict[str, set[str] | None] = {}
_MAX_ANCHOR_FILE = 8 * 1024 * 1024


def _template_part(rel_path: str, folders: tuple[str, ...]) -> bool:
    """A file that is not a page of its own but a part a build pastes into one."""
    parts = rel_path.split("/")
    return parts[-1].startswith("_") or any(p.lower() in folders for p in parts[:-1])


def _file_anchors(root: Path, rel: str) -> set[str] | None:
    """Anchors of another Markdown file inside the root (already resolved by _resolve, so
    it is inside), cached per file; None when it cannot be read."""
    path = os.path.join(root, rel)
    if path in _FILE_ANCHORS:
        return _FILE_ANCHORS[path]
    anchors: set[str] | None = None
    try:
        if os.path.isfile(path) and not os.path.islink(path) and os.path.getsize(path) <= _MAX_ANCHOR_FILE:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace").lstrip("\ufeff")
            if text.strip():
                anchors = heading_anchors(scan(Document(path, rel, text)))
    except OSError:
        anchors = None
    if len(_FILE_ANCHORS) > 5000:
        _FILE_ANCHORS.clear()
    _FILE_ANCHORS[path] = anchors
    return anchors


def _has_anchor(fragment: str, anchors: set[str]) -> bool:
    """The (lower-cased) fragment names an anchor: as written, once slugged the way
    GitHub slugs headings ("#circuitBreaker.sleepWindow" for the heading
    "circuitBreaker.sleepWindow": renderers that keep the dot and GitHub differ only in
    slugging), or a line anchor."""
    return fragment in anchors or github_slug(fragment) in anchors or _line_anchor(fragment)


def _line_anchor(fragment: str) -> bool:
    """GitHub line anchors (#L10, #L10-L20) always exist."""
    return re.fullmatch(r"l\d+(?:-l\d+)?", fragment) is not None


def _case_fix(doc: Document, ref: Ref, path: str, normal: str, actual: str) -> Fix | None:
    """Rewrite the path part of the target with the right letter case, when the target
    is written plainly (no %-escapes) and only letter case differs."""
    raw = doc.text[ref.target_start:ref.target_start + len(ref.target)]
    raw_path = re.split(r"[?#]", raw, maxsplit=1)[0]
    if raw_path != path or len(actual) != len(normal) or actual.lower() != normal.lower():
        return None
    # Letter case only differs: map it back character by character onto the written path.
    tail = len(normal)
    written = raw_path
    if not written.lower().endswith(normal.lower()[-min(len(written), tail):]):
        return None
    suffix_len = min(len(written), tail)
    replacement = written[:len(written) - suffix_len] + actual[-suffix_len:]
    if replacement.lower() != written.lower():
        return None
    return Fix(ref.target_start, ref.target_start + len(raw_path), replacement,
               description=f"use the file's real name '{actual}'")


def _guess_root(doc: Document) -> Path | None:
    """The corpus root from the display path minus the relative path, when they agree."""
    path = PurePosixPath(Path(doc.path).as_posix())
    rel = PurePosixPath(doc.rel_path)
    if len(path.parts) >= len(rel.parts) and path.parts[-len(rel.parts):] == rel.parts:
        base = Path(*path.parts[: len(path.parts) - len(rel.parts)]) if len(path.parts) > len(rel.parts) else Path(".")
        return base.resolve()
    return None


# -- QA302 ------------------------------------------------------------------------------


class PlaceholderLink(Rule):
    """A link or image that points at a placeholder, not at real content.

    Reported: reserved example hosts (``example.com``, ``.org``, ``.net``, anything under
    ``.example``, ``.test``, ``.invalid``), links to ``localhost`` or ``127.0.0.1``,
    fill-in path parts (``github.com/yourusername/...``, ``your-repo``, ``username``), empty
    targets (``![]()``, ``[text]()``, ``[text](#)``; but ``#`` under "↥ back to top" is
    the top of the page), and leftover notes such as
    ``<!-- Replace with ... -->`` or ``<!-- TODO -->`` next to a link or image. Inside code
    blocks only fill-in names are reported (``example.com`` in a code sample is normal).

    Bad:

        ![Transformer](https://example.com/transformer.png) <!-- Replace with the image -->
        git clone https://github.com/yourusername/project.git

    Good:

        ![Transformer architecture](images/transformer.png)
        git clone https://github.com/acme/project.git
    """

    code = "QA302"
    name = "placeholder-link"
    summary = "A link to a placeholder: example.com, yourusername, localhost, an empty target"
    severity = Severity.WARNING
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        extra_hosts: tuple[str, ...] = ()
        """More placeholder hosts, added to the built-in list in ``data/placeholders.toml``."""
        extra_segments: tuple[str, ...] = ()
        """More fill-in path parts ("your-repo"), added to the built-in list."""
        check_code: bool = True
        """Report fill-in names inside code blocks."""
        check_comments: bool = True
        """Report leftover notes (``<!-- Replace with ... -->``) beside a link or image."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: PlaceholderLink.Options = ctx.options or self.Options()
        data = _data()["placeholder"]
        hosts = tuple(h.lower() for h in (*data["hosts"], *opts.extra_hosts))
        tlds = tuple(t.lower() for t in data["tlds"])
        segments = frozenset(x.lower() for x in (*data["segments"], *opts.extra_segments))
        s = scan(doc)
        notes = _notes(s, data["comment_words"]) if opts.check_comments else {}
        findings: list[Finding] = []
        flagged_lines: set[int] = set()
        candidates = list(s.refs)
        if opts.check_code:
            candidates.extend(s.code_urls)
        for ref in candidates:
            in_code = ref in s.code_urls
            reason = _placeholder_reason(ref, hosts, tlds, segments, in_code)
            if reason is None:
                continue
            note = notes.get(ref.line)
            message = reason
            if note is not None:
                message += f", with a leftover note '<!--{note[2].rstrip()} -->'"
            flagged_lines.add(ref.line)
            end = ref.target_start + len(ref.target) if ref.target else ref.end
            start = ref.target_start if ref.target else ref.start
            findings.append(self.finding_at(doc, start, end, message, record=record_at(doc, ref.line),
                                            snippet=doc.text[ref.start:ref.end]))
        for line, (start, end, body) in sorted(notes.items()):
            if line in flagged_lines:
                continue
            findings.append(self.finding_at(
                doc, start, end, f"leftover note next to a link or image: '<!--{body.rstrip()} -->'",
                record=record_at(doc, line)))
        return findings


_PLAIN_URL = re.compile(r"^(?:https?|ftp)://|^www\.", re.I)


_TO_TOP = re.compile(r"\btop\b|[↥↑⬆▲]|\bback\b", re.I)
"""Link text of a way back to the top of the page, which a bare ``#`` target is."""


def _placeholder_reason(ref: Ref, hosts: tuple[str, ...], tlds: tuple[str, ...],
                        segments: frozenset[str], in_code: bool) -> str | None:
    target = ref.target.strip()
    what = {"image": "image", "url": "URL"}.get(ref.kind, "link")
    if ref.kind != "url" and (not target or target == "#"):
        if in_code or (target == "#" and _TO_TOP.search(ref.text or "")):
            return None  # '<a href="#">↥ back to top</a>': "#" is the top of the page
        return f"{what} has an empty target" if not target else f"{what} target is a bare '#'"
    if not _PLAIN_URL.match(target) and not target.startswith("//"):
        return None
    url = target if "://" in target or target.startswith("//") else "http://" + target
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not in_code:
        for h in hosts:
            bare = h.strip("[]")
            if host == bare or host.endswith("." + bare):
                if bare in ("localhost", "127.0.0.1", "0.0.0.0", "::1") and ref.kind == "url":
                    return None  # "open http://localhost:8000" is an instruction, not a link
                return f"{what} points at the placeholder host '{host}'"
        tld = host.rsplit(".", 1)[-1] if host else ""
        if tld in tlds and "." in host:
            return f"{what} points at the reserved domain '{host}'"
    labels = host.split(".")[:-1]
    for label in labels:
        if label in segments:
            return f"{what} has a fill-in host '{host}'"
    for seg in parts.path.split("/"):
        seg_l = unquote(seg).lower()
        if seg_l.endswith(".git"):
            seg_l = seg_l[:-4]
        if seg_l in segments:
            return f"{what} has a fill-in path part '{unquote(seg)}'"
    return None


def _notes(s: Scan, words: list[str]) -> dict[int, tuple[int, int, str]]:
    """Leftover-note comments on a line with (or right after) a link or image: line → comment."""
    ref_lines = {r.line for r in s.refs}
    found: dict[int, tuple[int, int, str]] = {}
    lowered = tuple(w.lower() for w in words)
    for start, end, body in s.comments:
        head = body.strip().lower()
        if not any(head.startswith(w) for w in lowered):
            continue
        line, _ = s.doc.locate(start)
        if line in ref_lines:
            found.setdefault(line, (start, end, body))
        elif line - 1 in ref_lines and not s.lines[line - 2].strip().endswith("-->"):
            found.setdefault(line - 1, (start, end, body))
    return found


# -- QA303 ------------------------------------------------------------------------------


_FILE_EXT = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|ico|avif|heic|pdf)$", re.I)
_UPLOAD_HOSTS = ("user-attachments", "user-images.githubusercontent.com", "private-user-images")
_SEPARATORS = re.compile(r"[\s_\-.]+")
_LOWER_WORD = re.compile(r"^[a-z][a-z0-9]*$")
_WORD_SLUG = re.compile(r"^[A-Za-z][A-Za-z0-9]+(?:-[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)+$")
"""Two or more words joined by hyphens, each with a letter, no underscores: a label its
author chose ("redis-junior-inconsistent", "No-2PC-required"), unlike a numbered export
("Generative-Adversarial-Networks-5") or a snake_case file stem ("60_fig_1")."""


@lru_cache(maxsize=1)
def _generic_pattern() -> re.Pattern[str]:
    words = sorted({_SEPARATORS.sub(" ", w.lower()).strip() for w in _data()["alt"]["generic"]}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in words)
    # A generic word, optionally followed by numbers or a date/time ("Screenshot 2023-09-12 at 15 53 32").
    return re.compile(rf"^(?:{alternatives})(?:[\s_.\-:()]*(?:\d+|at|am|pm|from|\d+x\d+))*$", re.I)


def _generic_words(normal: str) -> bool:
    """Alt text made only of words that say nothing about an image ("alt image text"),
    with at least one naming the image or its text."""
    words = normal.split()
    vocabulary = _generic_vocabulary()
    return 1 < len(words) <= 6 and all(w in vocabulary for w in words) \
        and any(w in ("alt", "image", "img", "picture", "pic", "photo", "screenshot") for w in words)


@lru_cache(maxsize=1)
def _generic_vocabulary() -> frozenset[str]:
    return frozenset(w.lower() for w in _data()["alt"].get("generic_words", ()))


def alt_problem(alt: str, target: str, extra_generic: tuple[str, ...] = ()) -> str | None:
    """Why ``alt`` does not describe the image, or None when it is fine."""
    text = alt.replace("\\", "").strip()
    if not text:
        return "image has no alt text"
    normal = _SEPARATORS.sub(" ", text.lower()).strip()
    if _generic_pattern().match(normal) or normal in {g.lower() for g in extra_generic} or _generic_words(normal):
        if any(c.isdigit() for c in normal):
            return f"alt text '{text}' is a default file name: describe what the image shows"
        return f"alt text '{text}' is generic: describe what the image shows"
    if BADGE.search(target):
        return None
    if _FILE_EXT.search(text):
        return f"alt text '{text}' is a file name: describe what the image shows"
    if _WORD_SLUG.match(text):
        return None  # "bulkhead-partition", "es-cluster": words joined by hyphens still say what it shows
    stem = PurePosixPath(unquote(urlsplit(target).path if "://" in target else target.split("?")[0])).stem
    if stem and _SEPARATORS.sub(" ", stem.lower()).strip() == normal and " " not in text:
        return f"alt text '{text}' is the file name: describe what the image shows"
    if " " not in text:
        parts = [p for p in re.split(r"[-_]+", text) if p]
        if "_" in text and len(parts) >= 2 or len(parts) >= 3:
            return f"alt text '{text}' looks like a file name: describe what the image shows"
        if _LOWER_WORD.match(text) and any(h in target for h in _UPLOAD_HOSTS):
            return f"alt text '{text}' is a bare upload file name: describe what the image shows"
    return None


class ImageAltText(Rule):
    """An image whose alt text is missing, generic or a file name.

    Alt text is what screen readers read and what a dataset keeps of an image. Reported:
    no alt at all (``![](x.png)``, ``<img>`` without ``alt``); a generic word ("image",
    "alt text", "screenshot", "download", "Screenshot 2023-09-12 at 15 53 32"), or only
    such words ("Alt Image Text", "your image here"); a file
    name ("diagram.png", "Generative-Adversarial-Networks-5", "my_plot"); a bare
    lower-case word left by an upload (GitHub names pasted images after the file: "gan").
    Words joined by hyphens, none of them a bare number ("bulkhead-partition",
    "No-2PC-required"), are a label the author chose, even when the file has the same
    name, and are not reported.
    ``<img alt="">`` marks a decorative image on purpose and is not reported. Status
    badges (shields.io, CI, coverage) are not reported unless ``badges`` is on, and then
    only for missing or generic alt: the labels judged every badge finding debatable.

    Bad:

        ![image](https://github.com/user-attachments/assets/5c9a...)
        ![Generative-Adversarial-Networks-5](gan.png)

    Good:

        ![Generator and discriminator of a GAN, trained against each other](gan.png)
    """

    code = "QA303"
    name = "image-alt-text"
    summary = "Image alt text that is missing, generic ('image', 'alt text') or a file name"
    severity = Severity.WARNING
    scope = "document"

    @dataclass(frozen=True)
    class Options:
        extra_generic: tuple[str, ...] = ()
        """More alt texts to treat as generic."""
        badges: bool = False
        """Also report status badges (shields.io, CI, coverage) with missing or generic
        alt text: their text is in the picture, and maintainers rarely describe them."""

    def check_document(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        opts: ImageAltText.Options = ctx.options or self.Options()
        findings: list[Finding] = []
        for ref in scan(doc).refs:
            if ref.kind != "image":
                continue
            if not opts.badges and BADGE.search(ref.target):
                continue
            if ref.html:
                if not ref.has_alt:
                    problem: str | None = "image has no alt attribute"
                elif not ref.text.strip():
                    continue
                else:
                    problem = alt_problem(ref.text, ref.target, opts.extra_generic)
            else:
                problem = alt_problem(ref.text, ref.target, opts.extra_generic)
            if problem is None:
                continue
            findings.append(self.finding_at(doc, ref.start, ref.end, problem, record=record_at(doc, ref.line)))
        return findings


RULES = [BrokenLink, PlaceholderLink, ImageAltText]
