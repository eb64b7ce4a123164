"""Project configuration: ``[tool.curate]`` in ``pyproject.toml`` or a ``curate.toml``.

The file is found by walking up from the paths given (or named with ``--config``). Known
keys are typed and checked here; per-rule options are checked against each rule's
``Options`` dataclass by :func:`rule_options`, so a typo fails loudly (exit 2) with the key
named, instead of being silently ignored. Unknown top-level keys only warn: a newer config
read by an older curate should still lint. Tables this module does not know
(``[tool.curate.grammar]`` …) are kept in ``Config.sections`` for the features that own them.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from curate.corpus.loader import DEFAULT_EXCLUDE, LoadOptions, find_root
from curate.rules.base import option_hints as _hints
from curate.rules.base import type_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("curate.toml", "pyproject.toml")
"""Looked for in this order in each folder, from the corpus upwards."""

KNOWN_KEYS = frozenset({"select", "ignore", "severity", "rules", "include", "exclude", "max-file-size",
                        "max-file-lines", "max-line-length", "respect-gitignore"})
SEVERITY_VALUES = ("error", "warning", "info")


class ConfigError(ValueError):
    """A config value curate cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings of one run, after reading the config file (or the defaults)."""

    root: Path
    """Folder the config file is in (or the corpus root when there is none)."""
    path: Path | None = None
    """The config file read, if any."""
    select: tuple[str, ...] = ()
    """Rule codes, names or prefixes to run (empty: every rule enabled by default)."""
    ignore: tuple[str, ...] = ()
    """Rule codes, names or prefixes to skip."""
    severity: Mapping[str, str] = field(default_factory=dict)
    """Severity overrides: {code or name: "error" | "warning" | "info"}."""
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Raw per-rule options: {code or name: {option: value}}."""
    include: tuple[str, ...] = ()
    """Glob patterns of files to read (empty: the loader's default, ``**/*.md``)."""
    exclude: tuple[str, ...] = ()
    """Glob patterns of files to skip, added to the loader's defaults."""
    max_file_size: int | None = None
    """Files larger than this many bytes are reported, not read."""
    max_file_lines: int | None = None
    """Files with more lines are reported as too slow to check."""
    max_line_length: int | None = None
    """Files with a longer line (characters) are reported as too slow to check."""
    respect_gitignore: bool = True
    """Leave out what ``.gitignore`` files under the corpus root ignore."""
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Other tables (``grammar`` …), raw, for the features that own them."""
    warnings: tuple[str, ...] = ()
    """Things worth telling the user that do not stop the run (unknown keys)."""

    def source(self) -> str:
        return str(self.path) if self.path else "config"

    def load_options(self) -> LoadOptions:
        """``LoadOptions`` for the loader, from include/exclude/max-file-size."""

        base = LoadOptions()
        return LoadOptions(
            include=self.include or base.include,
            exclude=tuple(DEFAULT_EXCLUDE) + tuple(self.exclude),
            max_bytes=self.max_file_size if self.max_file_size is not None else base.max_bytes,
            max_lines=self.max_file_lines if self.max_file_lines is not None else base.max_lines,
            max_line_chars=self.max_line_length if self.max_line_length is not None else base.max_line_chars,
            gitignore=self.respect_gitignore,
        )


def find_config(paths: Sequence[str | os.PathLike[str]]) -> Path | None:
    """The nearest ``curate.toml``, or ``pyproject.toml`` with a ``[tool.curate]`` table,
    walking up from the folder that holds every given path. A ``pyproject.toml`` that
    names ``tool.curate`` but is not valid TOML is a ``ConfigError``, as with ``--config``."""

    start = find_root(list(paths)) if paths else Path.cwd()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "curate.toml":
                return candidate
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                if "tool.curate" in text:  # ours, broken: never lint on silently with defaults
                    raise ConfigError(f"{candidate}: not valid TOML: {exc}") from None
                continue
            if isinstance(data.get("tool"), dict) and "curate" in data["tool"]:
                return candidate
    return None


def load_config(paths: Sequence[str | os.PathLike[str]], config_path: str | os.PathLike[str] | None = None) -> Config:
    """Read the config for a run over ``paths``; defaults when there is no config file."""

    path: Path | None
    if config_path is not None:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(f"config file {config_path} not found")
    else:
        path = find_config(paths)
    if path is None:
        return Config(root=find_root(list(paths)) if paths else Path.cwd())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("curate", {})
        prefix = "tool.curate"
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{prefix}] must be a table")
    return parse_config(table, root=path.parent.absolute(), path=path, prefix=prefix)


def parse_config(table: Mapping[str, Any], *, root: Path, path: Path | None = None, prefix: str = "") -> Config:
    """Check and type a raw config table (the contents of ``[tool.curate]``)."""
    where = f"{path}: " if path else ""

    def key(name: str) -> str:
        return f"{prefix}.{name}" if prefix else name

    def fail(name: str, what: str) -> ConfigError:
        return ConfigError(f"{where}{key(name)}: {what}")

    norm = {str(k).replace("_", "-"): v for k, v in table.items()}
    warnings: list[str] = []
    sections: dict[str, Mapping[str, Any]] = {}
    for name, value in sorted(norm.items()):
        if name in KNOWN_KEYS:
            continue
        if isinstance(value, dict):
            sections[name.replace("-", "_")] = value
        else:
            warnings.append(f"{where}unknown key {key(name)!r} ignored")

    def strings(name: str) -> tuple[str, ...]:
        value = norm.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(name, "must be a list of strings")
        return tuple(v.strip() for v in value if v.strip())

    severity_raw = norm.get("severity", {})
    if not isinstance(severity_raw, dict):
        raise fail("severity", 'must be a table like { QA604 = "info" }')
    severity: dict[str, str] = {}
    for code, value in sorted(severity_raw.items()):
        if not isinstance(value, str) or value.strip().lower() not in SEVERITY_VALUES:
            raise fail(f"severity.{code}", f"must be one of {', '.join(SEVERITY_VALUES)} (got {value!r})")
        severity[str(code)] = value.strip().lower()

    rules_raw = norm.get("rules", {})
    if not isinstance(rules_raw, dict):
        raise fail("rules", "must be a table of [rules.<CODE or name>] tables")
    rules: dict[str, Mapping[str, Any]] = {}
    for code, value in sorted(rules_raw.items()):
        if not isinstance(value, dict):
            raise fail(f"rules.{code}", "must be a table of options")
        rules[str(code)] = dict(value)

    gitignore = norm.get("respect-gitignore", True)
    if not isinstance(gitignore, bool):
        raise fail("respect-gitignore", f"must be true or false (got {gitignore!r})")

    max_size = norm.get("max-file-size")
    if max_size is not None and (isinstance(max_size, bool) or not isinstance(max_size, int) or max_size <= 0):
        raise fail("max-file-size", f"must be a positive number of bytes (got {max_size!r})")
    limits = {}
    for limit in ("max-file-lines", "max-line-length"):
        value = norm.get(limit)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            raise fail(limit, f"must be a positive integer (got {value!r})")
        limits[limit] = value

    return Config(
        root=root,
        path=path,
        select=strings("select"),
        ignore=strings("ignore"),
        severity=severity,
        rules=rules,
        include=strings("include"),
        exclude=strings("exclude"),
        max_file_size=max_size,
        max_file_lines=limits["max-file-lines"],
        max_line_length=limits["max-line-length"],
        respect_gitignore=gitignore,
        sections=sections,
        warnings=tuple(warnings),
    )


# -- typed rule options -------------------------------------------------------------------


def rule_options(rule: Any, raw: Mapping[str, Any] | None, *, where: str = "") -> Any:
    """An instance of ``rule.Options`` from raw config values (``-`` or ``_`` in names).

    Raises ConfigError naming ``where.key`` for an unknown option or a value of the
    wrong type, so a typo never silently turns a check off."""
    options_cls = getattr(rule, "Options", None)
    if options_cls is None or not (isinstance(options_cls, type) and dataclasses.is_dataclass(options_cls)):
        if raw:
            raise ConfigError(f"{where}: rule {getattr(rule, 'code', rule)} takes no options")
        return None
    if not raw:
        return options_cls()
    hints = _hints(options_cls)
    fields = {f.name: f for f in dataclasses.fields(options_cls)}
    values: dict[str, Any] = {}
    for raw_key, value in sorted(raw.items()):
        name = str(raw_key).replace("-", "_")
        if name not in fields:
            known = ", ".join(sorted(n.replace("_", "-") for n in fields)) or "none"
            raise ConfigError(f"{where}.{raw_key}: unknown option (known: {known})")
        values[name] = coerce(value, hints.get(name, Any), f"{where}.{raw_key}")
    try:
        return options_cls(**values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from None


def coerce(value: Any, tp: Any, key: str) -> Any:
    """``value`` checked against type ``tp``; lists become tuples (options are frozen)."""
    if tp is Any:
        return value
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return coerce(value, arg, key)
            except ConfigError as exc:
                errors.append(exc)
        raise ConfigError(f"{key}: must be {type_name(tp)} (got {value!r})")
    if origin in (tuple, list, frozenset, set):
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ConfigError(f"{key}: must be a {type_name(tp)} (got {value!r})")
        inner = [a for a in args if a is not Ellipsis]
        items = [coerce(v, inner[0], key) for v in value] if inner else list(value)
        return tuple(items) if origin is tuple else origin(items)
    if origin is dict or tp is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: must be a table (got {value!r})")
        return dict(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{key}: must be true or false (got {value!r})")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{key}: must be an integer (got {value!r})")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key}: must be a number (got {value!r})")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{key}: must be a string (got {value!r})")
        return value
    if isinstance(tp, type) and not isinstance(value, tp):
        raise ConfigError(f"{key}: must be {type_name(tp)} (got {value!r})")
    return value
