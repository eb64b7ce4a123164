"""Config: found by walking up, pyproject or curate.toml, typed keys, errors name the key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from curate.config import ConfigError, coerce, find_config, load_config, rule_options, type_name


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    config = load_config([str(tmp_path / "notes")])
    assert config.path is None and config.select == () and config.rules == {}


def test_pyproject_found_by_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", """
[tool.curate]
select = ["QA1", "QA2"]
ignore = ["QA104"]
max-file-size = 2000
exclude = ["drafts/**"]
mystery = 1

[tool.curate.severity]
QA604 = "info"

[tool.curate.rules.near-duplicate-question]
threshold = 0.9

[tool.curate.grammar]
language = "en-GB"
""")
    notes = write(tmp_path / "a" / "b" / "n.md", "x")
    assert find_config([str(notes.parent)]) == tmp_path / "pyproject.toml"
    config = load_config([str(notes)])
    assert config.select == ("QA1", "QA2") and config.ignore == ("QA104",)
    assert config.severity == {"QA604": "info"}
    assert config.rules == {"near-duplicate-question": {"threshold": 0.9}}
    assert config.sections == {"grammar": {"language": "en-GB"}}
    assert config.max_file_size == 2000
    assert any("tool.curate.mystery" in w for w in config.warnings)
    options = config.load_options()
    assert options.max_bytes == 2000 and "drafts/**" in options.exclude


def test_pyproject_without_table_is_skipped_and_curate_toml_wins(tmp_path: Path) -> None:
    write(tmp_path / "curate.toml", 'select = ["QA101"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    config = load_config([str(tmp_path / "sub")])
    assert config.path == tmp_path / "curate.toml" and config.select == ("QA101",)


@pytest.mark.parametrize("text,key", [
    ('select = "QA1"\nignore = [1]\n', "ignore"),
    ('[severity]\nQA101 = "fatal"\n', "severity.QA101"),
    ("max-file-size = -1\n", "max-file-size"),
    ("rules = 3\n", "rules"),
    ("select = [\n", "not valid TOML"),
])
def test_bad_values_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    write(tmp_path / "curate.toml", text)
    with pytest.raises(ConfigError, match=key):
        load_config([str(tmp_path)])


def test_explicit_config_path_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config([str(tmp_path)], config_path=tmp_path / "nope.toml")


@dataclass(frozen=True)
class Opts:
    threshold: float = 0.5
    words: tuple[str, ...] = ()
    limit: int | None = None
    on: bool = True


class FakeRule:
    code = "QA999"
    Options = Opts


def test_rule_options_are_typed() -> None:
    opts = rule_options(FakeRule, {"threshold": 1, "words": ["a"], "limit": None, "on": False}, where="rules.QA999")
    assert opts == Opts(1.0, ("a",), None, False)
    assert rule_options(FakeRule, None) == Opts()
    with pytest.raises(ConfigError, match=r"rules\.QA999\.words"):
        rule_options(FakeRule, {"words": "a"}, where="rules.QA999")
    with pytest.raises(ConfigError, match=r"rules\.QA999\.limit"):
        rule_options(FakeRule, {"limit": 1.5}, where="rules.QA999")
    with pytest.raises(ConfigError, match="unknown option"):
        rule_options(FakeRule, {"treshold": 1}, where="rules.QA999")


def test_type_names_for_explain() -> None:
    assert type_name(tuple[str, ...]) == "list of str"
    assert type_name(int | None) == "int (optional)"
    assert coerce([1, 2], tuple[int, ...], "k") == (1, 2)


def test_a_broken_pyproject_with_a_curate_table_is_an_error_not_silently_skipped(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from curate.cli.main import main

    (tmp_path / "pyproject.toml").write_text('[tool.curate]\nignore = ["QA604", "spelling"\n', encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("## What is X?\n\nX.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "notes"), "--no-cache", "-j", "1"])
    assert result.exit_code == 2 and "pyproject.toml: not valid TOML" in result.output


def test_a_broken_pyproject_of_another_tool_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = [\n', encoding="utf-8")
    assert find_config([tmp_path]) is None
