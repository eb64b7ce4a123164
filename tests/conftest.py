"""Shared test setup."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_ambient_languagetool(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see no LanguageTool server unless they name one: a server from `make
    languagetool` (its .curate/languagetool.url) or CURATE_LANGUAGETOOL_URL in the
    developer's shell would otherwise change what QA501/QA502 report, in this process and
    in the CLI subprocesses tests start."""
    from curate.grammar import backends

    monkeypatch.setenv(backends.ENV_URL, "off")
    monkeypatch.setattr(backends, "URL_FILE", tmp_path_factory.getbasetemp() / "no-languagetool.url")
