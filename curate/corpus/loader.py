"""Finding and decoding the Markdown files of a corpus.

Decoding is strict: a file that is not UTF-8 (with or without BOM), looks binary, or is
over the size limit becomes a ``Problem`` (reported as QA000 unreadable-file) and the run
goes on. Nothing outside the corpus root is read: a symlink that leaves it is skipped.
"""

from __future__ import annotations

import errno
import fnmatch
import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, Sequence

from curate.corpus.ignore import GitIgnore
from curate.corpus.markdown import parse_document
from curate.corpus.model import Corpus, Document, Problem

DEFAULT_INCLUDE = ("**/*.md", "**/*.markdown")
DEFAULT_EXCLUDE = ("**/.git/**", "**/node_modules/**", "**/.venv/**", "**/.curate/**",
                   # a repository's own paperwork, not notes: licence, changelog, contribution rules
                   "**/license*.md", "**/licence*.md", "**/changelog*.md", "**/code_of_conduct*.md",
                   "**/contributing*.md")
SKIP_DIRS = frozenset({".git", "node_modules", ".venv", ".curate", "__pycache__", ".hg", ".svn"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_LINES = 50_000
"""Four times the longest note file in the public collections we test on (11,530 lines).
Parsing and checking cost grows with lines (about 0.3 s per 1,000 lines of one paragraph,
more with many questions), so a 1,000,000-line file took minutes and gigabytes."""
DEFAULT_MAX_LINE_CHARS = 1_000_000
"""A 10 MB single line took a gigabyte to parse; real notes stay far below (a long data
URI is a few hundred kB)."""


@dataclass(frozen=True)
class LoadOptions:
    """How files are found and read."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    """Glob patterns (relative to the root) a file must match."""
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    """Glob patterns that remove files."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Files larger than this are reported, not read."""
    max_lines: int = DEFAULT_MAX_LINES
    """Files with more lines are reported as too large to check in reasonable time."""
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS
    """Files with a longer line are reported the same way."""
    paths_from_root: bool = False
    """Show every file by its path relative to the corpus root, not to the current
    folder: a dataset built from the notes must not depend on where the build ran."""
    gitignore: bool = True
    """Leave out what ``.gitignore`` files under the root ignore (``curate.corpus.ignore``)."""


@dataclass(frozen=True)
class SourceFile:
    """A file to read: where it is on disk, and how it is shown and identified."""

    abspath: str
    """Absolute, as a string: a ``Path`` per file (made, hashed, turned back into a
    string for each system call) was a third of the walk of a 10,000-file corpus."""
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
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\udc80-\udcff]")


def printable_path(path: str) -> str:
    """``path`` safe to print in any report: control characters (a newline could start a
    forged CI command line) and bytes that were not UTF-8 (kept by the file system as
    surrogates, which no encoder accepts) are written as ``\\n`` or ``\\xNN``."""
    def escape(m: re.Match[str]) -> str:
        ch = m.group()
        code = ord(ch)
        if ch == "\n":
            return "\\n"
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(escape, path)


def _name_problem(path: str) -> str | None:
    """Why a file with this path is skipped for its name, or None: a name that is not
    UTF-8 or holds control characters cannot be shown, stored or exported faithfully."""
    if not _CONTROL.search(path):
        return None
    if re.search(r"[\udc80-\udcff]", path):
        return "has a file name that is not valid UTF-8; skipped (rename it)"
    return "has a file name with control characters; skipped (rename it)"


def _link_problem(path: Path, root: Path) -> str | None:
    """Why the symlink ``path`` is not followed, or None when it is a link to a file
    inside the root."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "is a symlink loop; not followed"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symlink loop; not followed"
        return None  # a broken link: nothing to read, nothing to say (as before)
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return "is a symlink that points outside the corpus root; not followed"
    return None


_NOT_REGULAR = "is not a regular file (a named pipe, socket or device); skipped"


def iter_source_files(
    paths: Sequence[str | os.PathLike[str]], root: Path, options: LoadOptions, problems: list[Problem],
    included: set[str] | None = None,
) -> Iterator[SourceFile]:
    """Every file to read, sorted and without repeats. Paths given explicitly are read
    even when the include globs would not match them (the user asked for them).
    ``included``: root-relative paths known to pass ``options``' include and exclude
    globs (a memo the caller keeps between runs with the same options and root; the
    globs cost more than the walk); paths found to pass are added to it."""
    seen: set[str] = set()
    found: list[SourceFile] = []
    for given in paths:
        path = Path(given).absolute()
        relative = not Path(given).is_absolute()
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"no such file or folder: {given}")
        shown = printable_path(display_path(path, relative))
        if path.is_symlink():
            reason = _link_problem(path, root)
            if reason is not None:
                problems.append(Problem(shown, f"{shown} {reason}"))
                continue
        if path.exists() and not path.is_file() and not path.is_dir():
            problems.append(Problem(shown, f"{shown} {_NOT_REGULAR}"))
            continue
        if path.is_file():
            reason = _name_problem(str(path.relative_to(root) if _is_relative(path, root) else path.name))
            if reason is not None:
                problems.append(Problem(shown, f"{shown} {reason}"))
                continue
            rel = path.relative_to(root).as_posix() if _is_relative(path, root) else path.name
            if str(path) not in seen:
                seen.add(str(path))
                found.append(SourceFile(str(path), rel if options.paths_from_root else display_path(path, relative), rel))
            continue
        # A folder: paths as strings, made relative by slicing (Path arithmetic and
        # os.path.relpath per file cost seconds on 20,000 files).
        folder = str(path)
        shown_folder = display_path(path, relative)
        outside_cwd = shown_folder.startswith("..") and not relative
        root_prefix = str(root) if str(root).endswith(os.sep) else str(root) + os.sep
        ignore = GitIgnore(str(root)) if options.gitignore else None
        for file in _walk(path, root, problems, relative, ignore):
            sub = file[len(folder) + 1 :].replace(os.sep, "/")
            rel = file[len(root_prefix) :].replace(os.sep, "/") if file.startswith(root_prefix) else os.path.basename(file)
            if included is None or rel not in included:
                if not matches(rel, options.include) or matches(rel, options.exclude):
                    continue
                if included is not None:
                    included.add(rel)
            if file in seen:  # a normalised absolute path, as str(Path(file)) would be
                continue
            seen.add(file)
            reason = _name_problem(rel)
            if reason is not None:
                shown = printable_path(display_path(Path(file), relative))
                problems.append(Problem(shown, f"{shown} {reason}"))
                continue
            if outside_cwd or os.path.isabs(shown_folder):
                shown = file.replace(os.sep, "/")
            elif shown_folder.startswith(".."):  # the folder may hold the current one
                shown = display_path(Path(file), relative)
            else:
                shown = sub if shown_folder == "." else f"{shown_folder}/{sub}"
            found.append(SourceFile(file, rel if options.paths_from_root else shown, rel))
    found.sort(key=lambda s: s.rel_path)
    yield from found


def _is_relative(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _walk(folder: Path, root: Path, problems: list[Problem], relative: bool = False,
          ignore: GitIgnore | None = None) -> Iterator[str]:
    """Absolute paths of the files under ``folder``, top-down in name order, as
    ``os.walk`` would give them: skipped folders and linked folders are not entered,
    linked files pointing outside the root are reported (Markdown ones) and dropped,
    broken links dropped. ``os.scandir`` entries say which names are links without a
    system call per file. With ``ignore``, what ``.gitignore`` files ignore is skipped."""
    stack = [str(folder)]
    root_prefix = str(root) if str(root).endswith(os.sep) else str(root) + os.sep

    def skipped(path: str, is_dir: bool) -> bool:
        if ignore is None or not path.startswith(root_prefix):
            return False
        return ignore.ignored(path[len(root_prefix):].replace(os.sep, "/"), is_dir)

    while stack:
        top = stack.pop()
        try:
            with os.scandir(top) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            # Skipped, but said: a folder the user cannot read hides its notes.
            shown = printable_path(display_path(Path(top), relative))
            problems.append(Problem(shown, f"cannot read folder {shown}: {exc.strerror or exc}"))
            continue
        folders: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIP_DIRS and not entry.is_symlink() and not skipped(entry.path, True):
                    folders.append(entry.path)  # never walk into linked folders
                continue
            markdown = entry.name.lower().endswith((".md", ".markdown"))
            if skipped(entry.path, False):
                continue
            if entry.is_symlink():
                file = Path(entry.path)
                reason = _link_problem(file, root)
                if reason is not None:
                    if markdown:
                        shown = printable_path(display_path(file, relative))
                        problems.append(Problem(shown, f"{shown} {reason}"))
                    continue
                if not file.exists():
                    continue
            try:
                regular = entry.is_file()
            except OSError:
                regular = False
            if not regular:  # a named pipe would block the read forever
                if markdown:
                    shown = printable_path(display_path(Path(entry.path), relative))
                    problems.append(Problem(shown, f"{shown} {_NOT_REGULAR}"))
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
    """Read and decode one file; raises DecodeError or OSError. Opened without blocking
    and checked on the open descriptor, so a file swapped for a named pipe after the
    walk cannot hang the run."""
    fd = os.open(source.abspath, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DecodeError(_NOT_REGULAR)
        if info.st_size > options.max_bytes:
            raise DecodeError(
                f"is {info.st_size / 1048576:.1f} MB, over the {options.max_bytes / 1048576:g} MB limit (max_file_size)"
            )
        return check_budget(decode(handle.read()), options)


def check_budget(text: str, options: LoadOptions) -> str:
    """``text``, or DecodeError when it is too large to check in reasonable time and
    memory: the budget is the file's shape (lines, longest line), not a clock, so the
    same file gets the same answer on every machine and every run."""
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if lines > options.max_lines:
        raise DecodeError(f"has {lines:,} lines, over the {options.max_lines:,}-line limit (max-file-lines); "
                          "too slow to check")
    if len(text) > options.max_line_chars:
        longest = max(map(len, text.split("\n")))
        if longest > options.max_line_chars:
            raise DecodeError(f"has a line of {longest:,} characters, over the {options.max_line_chars:,} limit "
                              "(max-line-length); too slow to check")
    return text


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
