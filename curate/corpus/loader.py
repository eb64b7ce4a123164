"""Finding and decoding the Markdown files of a corpus.

Decoding is strict: a file that is not UTF-8 (with or without BOM), looks binary, or is
over the size limit becomes a ``Problem`` (reported as QA000 unreadable-file) and the run
goes on. Nothing outside the corpus root is read: a symlink that leaves it is skipped.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, Sequence

from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus, Document, Problem

DEFAULT_INCLUDE = ("**/*.md", "**/*.markdown")
DEFAULT_EXCLUDE = ("**/.git/**", "**/node_modules/**", "**/.venv/**", "**/.curate/**",
                   # a repository's own paperwork, not notes: licence, changelog, contribution rules
                   "**/license*.md", "**/licence*.md", "**/changelog*.md", "**/code_of_conduct*.md",
                   "**/contributing*.md")
SKIP_DIRS = frozenset({".git", "node_modules", ".venv", ".curate", "__pycache__", ".hg", ".svn"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class LoadOptions:
    """How files are found and read."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    """Glob patterns (relative to the root) a file must match."""
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    """Glob patterns that remove files."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Files larger than this are reported, not read."""


@dataclass(frozen=True)
class SourceFile:
    """A file to read: where it is on disk, and how it is shown and identified."""

    abspath: Path
    display: str
    rel_path: str


class DecodeError(Exception):
    """A file's bytes are not Markdown text we can read."""


def find_root(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """The corpus root: the deepest folder containing every given path."""
    resolved = []
    for p in paths:
        path = Path(p).absolute()
        resolved.append(path if path.is_dir() else path.parent)
    if not resolved:
        return Path.cwd()
    return Path(os.path.commonpath([str(p) for p in resolved]))


def display_path(path: Path, given_relative: bool = False) -> str:
    """``path`` relative to the current folder, POSIX style. A path given relative stays
    relative even when it climbs ("../notes/a.md"); an absolute one outside the current
    folder stays absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    if rel.startswith("..") and not given_relative:
        return path.as_posix()
    return Path(rel).as_posix()


def matches(rel_path: str, patterns: Iterable[str]) -> bool:
    """Glob match where ``**/`` also matches zero folders (``**/*.md`` matches ``a.md``).
    Case-insensitive, so ``README.MD`` is Markdown too. The same answers as
    ``fnmatch.fnmatch`` or ``PurePosixPath.match``, with the patterns compiled once
    (they ran for every file of every run)."""
    rel_path = rel_path.lower()
    parts: list[str] | None = None
    for whole, tail, right in _compiled(tuple(patterns)):
        if whole.match(rel_path) or (tail is not None and tail.match(rel_path)):
            return True
        if right:
            if parts is None:
                parts = [p for p in rel_path.split("/") if p and p != "."]
            if len(right) <= len(parts) and all(
                pat.match(part) for part, pat in zip(reversed(parts), reversed(right))
            ):
                return True
    return False


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> list[tuple[re.Pattern[str], re.Pattern[str] | None, list[re.Pattern[str]]]]:
    """Per pattern: the whole-path glob, the glob without a leading ``**/``, and the
    per-part globs matched from the right (``PurePosixPath.match``; none for a pattern
    anchored at ``/``, which a relative path never matches)."""
    out = []
    for pattern in (p.lower() for p in patterns):
        pure = PurePosixPath(pattern)
        right = [] if pure.root else [re.compile(fnmatch.translate(part)) for part in pure.parts]
        tail = re.compile(fnmatch.translate(pattern[3:])) if pattern.startswith("**/") else None
        out.append((re.compile(fnmatch.translate(pattern)), tail, right))
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def iter_source_files(
    paths: Sequence[str | os.PathLike[str]], root: Path, options: LoadOptions, problems: list[Problem]
) -> Iterator[SourceFile]:
    """Every file to read, sorted and without repeats. Paths given explicitly are read
    even when the include globs would not match them (the user asked for them)."""
    seen: set[Path] = set()
    found: list[SourceFile] = []
    for given in paths:
        path = Path(given).absolute()
        relative = not Path(given).is_absolute()
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"no such file or folder: {given}")
        if path.is_symlink() and not _inside(path, root):
            shown = display_path(path, relative)
            problems.append(Problem(shown, f"{shown} is a symlink that points outside the corpus root; not followed"))
            continue
        if path.is_file():
            rel = path.relative_to(root).as_posix() if _is_relative(path, root) else path.name
            if path not in seen:
                seen.add(path)
                found.append(SourceFile(path, display_path(path, relative), rel))
            continue
        # A folder: paths as strings, made relative by slicing (Path arithmetic and
        # os.path.relpath per file cost seconds on 20,000 files).
        folder = str(path)
        shown_folder = display_path(path, relative)
        outside_cwd = shown_folder.startswith("..") and not relative
        root_prefix = str(root) if str(root).endswith(os.sep) else str(root) + os.sep
        for file in _walk(path, root, problems, relative):
            sub = file[len(folder) + 1 :].replace(os.sep, "/")
            rel = file[len(root_prefix) :].replace(os.sep, "/") if file.startswith(root_prefix) else os.path.basename(file)
            if not matches(rel, options.include) or matches(rel, options.exclude):
                continue
            key = Path(file)
            if key in seen:
                continue
            seen.add(key)
            if outside_cwd or os.path.isabs(shown_folder):
                shown = file.replace(os.sep, "/")
            elif shown_folder.startswith(".."):  # the folder may hold the current one
                shown = display_path(key, relative)
            else:
                shown = sub if shown_folder == "." else f"{shown_folder}/{sub}"
            found.append(SourceFile(key, shown, rel))
    found.sort(key=lambda s: s.rel_path)
    yield from found


def _is_relative(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _walk(folder: Path, root: Path, problems: list[Problem], relative: bool = False) -> Iterator[str]:
    """Absolute paths of the files under ``folder``, top-down in name order, as
    ``os.walk`` would give them: skipped folders and linked folders are not entered,
    linked files pointing outside the root are reported (Markdown ones) and dropped,
    broken links dropped. ``os.scandir`` entries say which names are links without a
    system call per file."""
    stack = [str(folder)]
    while stack:
        top = stack.pop()
        try:
            with os.scandir(top) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # as os.walk: an unreadable folder is skipped
        folders: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIP_DIRS and not entry.is_symlink():
                    folders.append(entry.path)  # never walk into linked folders
                continue
            if entry.is_symlink():
                file = Path(entry.path)
                if not _inside(file, root):
                    if entry.name.lower().endswith((".md", ".markdown")):
                        shown = display_path(file, relative)
                        problems.append(
                            Problem(shown, f"{shown} is a symlink that points outside the corpus root; not followed")
                        )
                    continue
                if not file.exists():
                    continue
            yield entry.path
        stack.extend(reversed(folders))


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_NOT_SUSPICIOUS = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)
"""Deleted by ``bytes.translate`` to count suspicious control bytes at C speed (a Python
loop over every byte cost a second per 10,000 files in the pre-commit hook)."""


def decode(data: bytes) -> str:
    """UTF-8 text with or without BOM; raises DecodeError with a readable reason."""
    head = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("is UTF-16; convert it to UTF-8")
    if b"\x00" in data:
        raise DecodeError("looks like a binary file (contains NUL bytes)")
    if head and len(head.translate(None, _NOT_SUSPICIOUS)) > len(head) // 10:
        raise DecodeError("looks like a binary file (many control bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("is UTF-16; convert it to UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line})") from None


def read_source(source: SourceFile, options: LoadOptions) -> str:
    """Read and decode one file; raises DecodeError or OSError."""
    size = source.abspath.stat().st_size
    if size > options.max_bytes:
        raise DecodeError(
            f"is {size / 1048576:.1f} MB, over the {options.max_bytes / 1048576:g} MB limit (max_file_size)"
        )
    return decode(source.abspath.read_bytes())


def read_or_report(source: SourceFile, options: LoadOptions, problems: list[Problem]) -> str | None:
    """The file's text, or None with the reason added to ``problems`` (not UTF-8, too
    large, cannot be opened)."""
    try:
        return read_source(source, options)
    except DecodeError as exc:
        problems.append(Problem(source.display, f"{source.display} {exc}"))
    except OSError as exc:
        problems.append(Problem(source.display, f"cannot read {source.display}: {exc.strerror or exc}"))
    return None


Parser = Callable[[str, str, str], Document]


def load_corpus(
    paths: Sequence[str | os.PathLike[str]],
    *,
    root: str | os.PathLike[str] | None = None,
    options: LoadOptions | None = None,
    parse: Parser | None = None,
) -> Corpus:
    """Read and parse every Markdown file under ``paths`` into a Corpus (the cached
    variant is ``curate.cache.documents.load_corpus``)."""

    parse = parse or parse_document
    root_path, texts, problems = read_texts(paths, root=root, options=options)
    documents = [parse(text, path, rel) for text, path, rel in texts]
    return Corpus(root=root_path, documents=tuple(documents), problems=tuple(problems))


def read_texts(
    paths: Sequence[str | os.PathLike[str]],
    *,
    root: str | os.PathLike[str] | None = None,
    options: LoadOptions | None = None,
) -> tuple[Path, list[tuple[str, str, str]], list[Problem]]:
    """The corpus root, ``(text, display path, rel_path)`` of every readable file in
    order, and the sorted problems of the unreadable ones: reading without parsing, so
    parsing can run in worker processes (``curate.run.execute``)."""
    options = options or LoadOptions()
    root_path = Path(root).absolute() if root is not None else find_root(paths)
    problems: list[Problem] = []
    texts: list[tuple[str, str, str]] = []
    for source in list(iter_source_files(paths, root_path, options, problems)):
        text = read_or_report(source, options, problems)
        if text is not None:
            texts.append((text, source.display, source.rel_path))
    problems.sort(key=lambda p: p.path)
    return root_path, texts, problems
