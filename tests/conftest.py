"""What the test files share: where the bundled notes and the shared real collections are,
the day dated claims are judged against, and fixtures that skip cleanly when the shared
collections are not beside the checkout."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
"""The repository checkout."""
SEEDS = REPO / "examples" / "genai-notes"
"""The five bundled seed notes."""
SHARED = REPO.parent / "shared"
"""The shared folder beside the checkout (real collections, spec, schemas)."""
CORPORA = SHARED / "corpora"
"""Real public Q&A collections nobody on the project wrote."""
AS_OF = dt.date(2026, 1, 15)
"""The default day dated claims are judged against in tests."""


def shared_corpus(name: str) -> Path:
    """One shared real collection, or skip the test when it is not there."""
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"the shared collection {name} is not beside the checkout")
    return path


@pytest.fixture()
def seeds() -> Path:
    return SEEDS


@pytest.fixture()
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("the shared collections are not beside the checkout")
    return CORPORA


@pytest.fixture(autouse=True, scope="session")
def _no_ambient_languagetool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests see no LanguageTool server unless they name one: a server from `make
    languagetool` (its .curate/languagetool.url) or CURATE_LANGUAGETOOL_URL in the
    developer's shell would otherwise change what QA501/QA502 report, in this process and
    in the CLI subprocesses tests start. Session-wide, so module and session fixtures that
    lint or build are covered too."""
    from curate.grammar import backends

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(backends.ENV_URL, "off")
        patch.setattr(backends, "URL_FILE", tmp_path_factory.getbasetemp() / "no-languagetool.url")
        yield


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """A local two-CPU Ray for one test module (the modules that use it skip without Ray)."""
    import ray  # an optional extra: imported only by the tests that ask for it

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def generated(tmp_path: Path, mb: float, files: int, seed: int) -> Path:
    """A corpus made by the bench's generator from the shared collections (skips when
    they are not beside the checkout), marked as a corpus root."""
    if not CORPORA.is_dir():
        pytest.skip("the shared collections are not beside the checkout")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    folder = tmp_path / "generated"
    generate(folder, mb, files, seed=seed)
    (folder / "curate.toml").write_text("# corpus root\n", encoding="utf-8")
    return folder
