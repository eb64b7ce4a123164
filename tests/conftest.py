"""Shared test setup."""

from __future__ import annotations

from typing import Iterator

import pytest


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
