"""The package's shape is checked, not described: the layer contracts in pyproject.toml
hold, no module takes part in an import cycle, function-level imports say why, and mypy and
ruff pass with the project's configuration."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "curate"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def test_layer_contracts_hold() -> None:
    proc = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_module_takes_part_in_an_import_cycle() -> None:
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("curate")
    cycles = []
    for module in sorted(graph.modules):
        if module == "curate":
            continue  # the public API imports lazily from below; nothing imports it back
        for other in graph.find_modules_directly_imported_by(module):
            if other != "curate" and graph.chain_exists(importer=other, imported=module):
                cycles.append((module, other))
    assert not cycles, cycles


def _function_imports_without_reason(path: Path) -> list[int]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for child in ast.walk(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                line = lines[child.lineno - 1]
                above = lines[child.lineno - 2].strip() if child.lineno > 1 else ""
                if "#" not in line and not above.startswith("#"):
                    out.append(child.lineno)
    return out


def test_every_import_inside_a_function_says_why() -> None:
    """Imports belong at the top of a module; one inside a function is for start-up time or
    an optional dependency, and a comment on it (or the line above) says which."""
    missing = {str(p.relative_to(REPO)): lines for p in sorted(PACKAGE.rglob("*.py"))
               if (lines := _function_imports_without_reason(p))}
    assert not missing, missing


def test_mypy_passes() -> None:
    proc = subprocess.run([_tool("mypy")], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-6000:]


def test_ruff_passes() -> None:
    proc = subprocess.run([_tool("ruff"), "check", "curate", "tests", "bench"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-6000:]
