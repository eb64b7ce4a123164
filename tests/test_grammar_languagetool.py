"""The LanguageTool path.

Most tests run against a real LanguageTool server (``make languagetool``; ``make test``
starts one and stops it after): where its matches land in the Markdown source, which of
its rules are off by default, the seed notes' grammar rows, the paragraph cache. They skip,
saying why, when no server answers (no Java, no Maven, not started).

A stand-in HTTP server on 127.0.0.1 speaking LanguageTool's protocol (it replays matches
for a few trigger phrases, at known offsets) remains for what a real server will not do
on demand: batching counted request by request, and faults (down, slow, 5xx, garbage)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from curate.corpus.markdown import parse_document
from curate.grammar import backends, checker
from curate.grammar.backends import BackendUnavailable, LanguageToolBackend, probe_languagetool
from curate.rules.base import RuleContext
from curate.rules.language import Grammar, Spelling

TRIGGERS = {
    # phrase: (rule id, issueType, category, message, replacements)
    "teh": ("MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS", "Possible spelling mistake found.", ["the"]),
    "is subset of": ("EN_A_VS_AN_MISSING", "grammar", "GRAMMAR", "A determiner may be missing.", ["is a subset of"]),
    "  ": ("WHITESPACE_RULE", "whitespace", "TYPOGRAPHY", "Possible typo: you repeated a whitespace", [" "]),
}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lt_response(text: str) -> dict:
    """A /v2/check response for ``text`` (offsets in UTF-16 units, as LanguageTool's)."""
    matches = []
    for phrase, (rule, issue, category, message, repl) in TRIGGERS.items():
        for m in re.finditer(re.escape(phrase) if phrase.strip() == "" else rf"\b{re.escape(phrase)}\b", text):
            offset = _utf16_len(text[: m.start()])
            matches.append({
                "message": message,
                "shortMessage": "",
                "replacements": [{"value": r} for r in repl],
                "offset": offset,
                "length": _utf16_len(m.group(0)),
                "context": {"text": text[max(0, m.start() - 20): m.end() + 20], "offset": min(20, m.start()),
                            "length": _utf16_len(m.group(0))},
                "sentence": text,
                "type": {"typeName": "Other"},
                "rule": {"id": rule, "description": message, "issueType": issue,
                         "category": {"id": category, "name": category.title()}},
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            })
    matches.sort(key=lambda m: m["offset"])
    return {
        "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": "English (US)", "code": "en-US",
                     "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.9}},
        "matches": matches,
    }


LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up on a slow answer
            pass

    def _fault(self) -> bool:
        """Misbehave on /v2/check as the server's ``fault`` says: slow, 5xx or garbage."""
        fault = self.server.fault  # type: ignore[attr-defined]
        if fault == "slow":
            time.sleep(3)
        elif fault == "5xx":
            self.send_error(503, "Service Unavailable")
            return True
        elif fault in ("garbage", "no-matches"):
            body = b"<html>not LanguageTool</html>" if fault == "garbage" else b'{"software": {}}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        return False

    def _send(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urllib.parse.urlparse(self.path).path
        if path == "/v2/languages":
            self._send(LANGUAGES)
        elif path == "/v2/configinfo" and self.server.configinfo is not None:  # type: ignore[attr-defined]
            self._send(self.server.configinfo)  # type: ignore[attr-defined]
        elif path == "/v2/check":
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            self._send(lt_response(query.get("text", [""])[0]))
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        if urllib.parse.urlparse(self.path).path != "/v2/check":
            self.send_error(404)
            return
        text = form.get("text", [""])[0]
        server = self.server
        with server.lock:  # type: ignore[attr-defined]
            server.texts.append(text)  # type: ignore[attr-defined]
            server.in_flight += 1  # type: ignore[attr-defined]
            server.most_in_flight = max(server.most_in_flight, server.in_flight)  # type: ignore[attr-defined]
        try:
            time.sleep(server.delay)  # type: ignore[attr-defined]
            if not self._fault():
                self._send(lt_response(text))
        finally:
            with server.lock:  # type: ignore[attr-defined]
                server.in_flight -= 1  # type: ignore[attr-defined]


@pytest.fixture()
def lt_server() -> Iterator[tuple[str, list[str]]]:
    """(base URL, list of texts the server was asked to check)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.texts = []  # type: ignore[attr-defined]
    server.fault = ""  # type: ignore[attr-defined]
    server.configinfo = None  # type: ignore[attr-defined]  # no /v2/configinfo, like an older server
    server.lock = threading.Lock()  # type: ignore[attr-defined]
    server.in_flight = server.most_in_flight = 0  # type: ignore[attr-defined]
    server.delay = 0.0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    _SERVERS[f"http://127.0.0.1:{server.server_address[1]}"] = server
    backends.reset()
    checker.clear_memo()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.texts  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        backends.reset()
        checker.clear_memo()


def _run(rule_cls: type, text: str, url: str, **options: object) -> list:
    doc = parse_document(text, "notes.md", "notes.md")
    if rule_cls is Spelling:
        options.setdefault("min_length", 3)  # the tests' typo is the 3-letter "teh"
        options.setdefault("learn_from_markup", False)  # NOTE also has "teh" in code and URLs
    opts = rule_cls.Options(backend="languagetool", languagetool_url=url, **options)
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, settings={})
    return sorted(rule_cls().check_document(doc, ctx), key=lambda f: (f.line, f.column))


NOTE = (
    "# Notes on teh models\n"
    "\n"
    "- A list item with teh word.\n"
    "- **Bold teh** and *emph teh* and [link teh text](http://example.com/teh \"teh title\").\n"
    "  1. Nested: GenAI is subset of AI.\n"
    "\n"
    "Paragraph with `teh code` and https://teh.example.com/x and teh end,\n"
    "continued on teh next line.\n"
    "\n"
    "```python\n"
    "teh = 1\n"
    "```\n"
    "\n"
    "<div>teh html</div>\n"
)

EXPECTED_TEH = [(1, 12), (3, 20), (4, 10), (4, 26), (4, 41), (7, 61), (8, 14)]


def _where(findings: list) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in findings]


def test_client_talks_to_loopback_server(lt_server: tuple[str, list[str]]) -> None:
    url, texts = lt_server
    backend = LanguageToolBackend("en-US", url)
    (first, second) = backend.check(["This is teh one.", "And teh other teh."])
    assert [(m.offset, m.length, m.kind) for m in first] == [(8, 3, "spelling")]
    assert [(m.offset, m.kind) for m in second] == [(4, "spelling"), (14, "spelling")]
    assert texts == ["This is teh one.\n\nAnd teh other teh."]  # one request for both paragraphs


# -- the real server -----------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "genai-notes"
CORPORA = REPO.parent / "shared" / "corpora"


def _real_server() -> tuple[str | None, str]:
    """A LanguageTool server that answers (``CURATE_TEST_LANGUAGETOOL_URL``, else the one
    ``make languagetool`` wrote), or why there is none."""
    candidates = [os.environ.get("CURATE_TEST_LANGUAGETOOL_URL", "")]
    try:
        lines = (REPO / ".curate" / "languagetool.url").read_text(encoding="utf-8").splitlines()
        candidates.append(lines[0].strip() if lines else "")
    except OSError:
        pass
    for url in filter(None, candidates):
        if probe_languagetool(url, timeout=5) is None:
            return url, ""
    if shutil.which("java") is None:
        return None, "Java is not installed (LanguageTool needs Java 17+)"
    if shutil.which("mvn") is None and not (REPO / "tools" / "languagetool" / "lib").is_dir():
        return None, "Maven is not installed (it fetches LanguageTool from Maven Central)"
    return None, "no LanguageTool server answers: run `make languagetool` (`make test` starts one)"


@pytest.fixture(scope="module")
def real_lt() -> Iterator[str]:
    url, why = _real_server()
    if url is None:
        pytest.skip(why)
    backends.reset()
    checker.clear_memo()
    yield url
    backends.reset()
    checker.clear_memo()


TEH_ONLY = "teh"


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_real_spelling_lands_on_the_source_word(real_lt: str, newline: str) -> None:
    text = NOTE.replace("\n", newline)
    findings = [f for f in _run(Spelling, text, real_lt) if f.snippet == TEH_ONLY]
    assert _where(findings) == EXPECTED_TEH  # lists, bold, emphasis, link text, wrapped lines
    doc = parse_document(text, "notes.md", "notes.md")
    for f in findings:
        assert doc.line(f.line)[f.column - 1 : f.end_column - 1] == "teh"
    # code spans, code blocks, URLs, link targets, titles and HTML are never reported
    assert all(f.line not in (10, 11, 12, 14) for f in _run(Spelling, text, real_lt))


TABLE = (
    "| Term | Meaning |\n"
    "|------|---------|\n"
    "| GAN 🚀 | Two networks, teh generator and `teh` critic |\n"
    "\n"
    "Emoji 🚀🚀 before teh word, and a [link](https://x.example/teh) then teh end.\r\n"
)


def test_real_table_cells_emoji_and_code_spans(real_lt: str) -> None:
    findings = [f for f in _run(Spelling, TABLE, real_lt) if f.snippet == TEH_ONLY]
    doc = parse_document(TABLE, "notes.md", "notes.md")
    assert [(f.line, doc.line(f.line)[f.column - 1 : f.end_column - 1]) for f in findings] == \
        [(3, "teh"), (5, "teh"), (5, "teh")]
    assert [f.column for f in findings] == [25, 17, 68]  # code points (emoji count one), not the URL's "teh"


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_real_grammar_inside_nested_list(real_lt: str, newline: str) -> None:
    findings = _run(Grammar, NOTE.replace("\n", newline), real_lt)
    assert [(f.line, f.column, f.end_column) for f in findings] == [(5, 23, 29)]  # "subset"
    assert "a subset" in findings[0].message


def test_real_noise_rules_are_off_by_default_and_can_be_enabled(real_lt: str) -> None:
    noisy = ("A sentence with  two spaces.\n\n"
             "# 18.What is an autoencoder?\n\n"
             "Hence we stop here , and go on(later ).\n")
    assert _run(Grammar, noisy, real_lt) == []
    again = _run(Grammar, noisy, real_lt, enabled_rules=("COMMA_PARENTHESIS_WHITESPACE", "SENTENCE_WHITESPACE"))
    assert {f.snippet.split("\x1f")[0] for f in again} == {"COMMA_PARENTHESIS_WHITESPACE", "SENTENCE_WHITESPACE"}
    assert _run(Grammar, "GenAI is subset of AI.\n", real_lt, disabled_rules=("CURATE_BE_NN_OF_NO_ARTICLE",)) == []


def test_real_vocabulary_is_in_front_of_languagetool_spelling(real_lt: str) -> None:
    text = "We fine-tune LoRA adapters with RLHF and denoising, then teh Wasserstein loss.\n"
    assert [f.snippet for f in _run(Spelling, text, real_lt)] == ["teh"]
    assert _run(Spelling, text, real_lt, words=("teh",)) == []


def test_real_seed_notes_grammar_rows(real_lt: str) -> None:
    from curate.run.execute import lint

    result = lint([str(SEEDS)], select=("QA501",), as_of=dt.date(2026, 11, 22),
                  languagetool_url=real_lt, require_grammar=True)
    found = [(Path(f.path).name[:3], f.line) for f in result.findings]
    rows = {("004", 3), ("004", 4), ("004", 19), ("004", 52)}
    assert len(rows & set(found)) >= 3, found
    assert len(found) <= 10, found


def test_real_warm_run_never_checks(real_lt: str, tmp_path: Path) -> None:
    from curate.cache.store import Cache

    backend = LanguageToolBackend("en-US", real_lt)
    calls: list[int] = []
    real_check = backend.check

    def counting(paragraphs):  # type: ignore[no-untyped-def]
        calls.append(len(paragraphs))
        return real_check(paragraphs)

    backend.check = counting  # type: ignore[method-assign]
    text = (SEEDS / "004_852303aaeaa962d0.md").read_text(encoding="utf-8")
    cache = Cache(tmp_path / "cache.sqlite")
    checker.clear_memo()
    cold = checker.document_issues(text, backend, cache)
    assert calls and sum(calls) > 10
    checker.clear_memo()  # a new process: only the on-disk cache remains
    calls.clear()
    warm = checker.document_issues(text, backend, cache)
    assert calls == [] and warm == cold
    cache.close()


def test_real_corpus_findings_are_few_and_on_prose(real_lt: str, tmp_path: Path) -> None:
    source = CORPORA / "alexeygrigorev__data-science-interviews" / "technical.md"
    if not source.is_file():
        pytest.skip("shared corpora not available")
    from curate.run.execute import lint

    shutil.copy(source, tmp_path / "technical.md")  # one 25 KB file keeps the test quick
    result = lint([str(tmp_path)], select=("QA501",), languagetool_url=real_lt)
    rules = [f.snippet.split("\x1f")[0] for f in result.findings]
    assert not set(rules) & checker.DEFAULT_DISABLED
    assert len(rules) <= 12, rules  # a real, mostly clean file: a handful, not hundreds
    lines = source.read_text(encoding="utf-8").splitlines()
    markup = re.compile(r"[*_`~\[\]]")
    for f in result.findings:  # each finding covers the prose LanguageTool saw (markup aside)
        covered = lines[f.line - 1][f.column - 1 : f.end_column - 1]
        assert markup.sub("", covered) == markup.sub("", f.snippet.split("\x1f")[1])


# -- the stand-in: protocol details and faults -------------------------------------------------


def test_explicit_languagetool_without_server_exits_2_naming_make_languagetool(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from curate.cli.main import main

    (tmp_path / "a.md").write_text("# Q\n\nGenAI is subset of AI.\n", encoding="utf-8")
    (tmp_path / "curate.toml").write_text('[rules.grammar]\nbackend = "languagetool"\n', encoding="utf-8")
    backends.reset()
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--select", "QA501", "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "make languagetool" in result.output and "languagetool-url" in result.output
    backends.reset()


def test_auto_without_server_uses_harper_silently() -> None:
    backends.reset()
    resolution = backends.resolve("auto", "en-US", None)
    assert resolution.backend is not None and resolution.backend.name == "harper"
    assert resolution.notice is None
    backends.reset()


@pytest.mark.parametrize("fault", ["slow", "5xx", "garbage", "no-matches"])
def test_failing_server_is_given_up_with_one_warning(lt_server: tuple[str, list[str]], fault: str,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from curate.rules.language import GrammarUnavailable, forget_notices

    url, texts = lt_server
    forget_notices()
    backend = LanguageToolBackend("en-US", url, timeout=1.0)
    lt_server_fault(url, fault)
    with pytest.raises(BackendUnavailable):
        backend.check(["A first paragraph."])
    asked = len(texts)
    with pytest.raises(BackendUnavailable):
        backend.check(["A second paragraph."])
    assert len(texts) == asked  # given up: no second wait on a failing server

    monkeypatch.setattr(backends, "TIMEOUT", 1.0)
    backends.reset()
    checker.clear_memo()
    doc = parse_document("GenAI is subset of AI.\n", "n.md", "n.md")
    opts = Grammar.Options(languagetool_url=url)
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, settings={})
    assert list(Grammar().check_document(doc, ctx)) == []
    assert list(Grammar().check_document(doc, ctx)) == []
    assert capsys.readouterr().err.count("LanguageTool at") == 1
    strict = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, settings={"require_grammar": True})
    backends.reset()
    checker.clear_memo()
    with pytest.raises(GrammarUnavailable):
        list(Grammar().check_document(doc, strict))


_SERVERS: dict[str, object] = {}


def lt_server_fault(url: str, fault: str) -> None:
    _SERVERS[url].fault = fault  # type: ignore[attr-defined]


def test_url_file_is_found_when_no_url_is_given(lt_server: tuple[str, list[str]], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = lt_server
    monkeypatch.delenv(backends.ENV_URL)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(backends, "URL_FILE", Path(".curate") / "languagetool.url")
    assert backends.environment_url() is None
    (tmp_path / ".curate").mkdir()
    (tmp_path / ".curate" / "languagetool.url").write_text(url + "\n", encoding="utf-8")
    assert backends.languagetool_url(None, None) == url
    assert backends.languagetool_url(None, "http://other:1") == "http://other:1"
    monkeypatch.setenv(backends.ENV_URL, "off")
    assert backends.languagetool_url(None, None) is None


def test_unreachable_server_falls_back_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    from curate.rules.language import forget_notices

    forget_notices()
    backends.reset()
    checker.clear_memo()
    doc = parse_document("# Generative Adversial Networks\n", "n.md", "n.md")
    opts = Spelling.Options(languagetool_url="http://127.0.0.1:9", ignore_capitalised=False)
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, settings={})
    findings = list(Spelling().check_document(doc, ctx))
    findings += list(Spelling().check_document(doc, ctx))
    err = capsys.readouterr().err
    assert err.count("not reachable") == 1  # said once
    assert [f.snippet for f in findings] == ["Adversial", "Adversial"]  # offline backend carried on
    backends.reset()


def _server_script():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("lt_server_script", REPO / "tools" / "languagetool" / "server.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_server_script_without_java_runs_the_command_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    script = _server_script()
    monkeypatch.chdir(tmp_path)  # its .curate/ state lives where it runs
    monkeypatch.setattr(script.shutil, "which", lambda name: None)
    assert script.main(["start"]) == script.MISSING
    assert "Java is not installed" in capsys.readouterr().err
    assert script.main(["run", "--", sys.executable, "-c", "raise SystemExit(7)"]) == 7  # the tests still run
    assert "running without LanguageTool" in capsys.readouterr().err
    assert script.main(["stop"]) == 0 and "no server started here" in capsys.readouterr().err
    assert not (tmp_path / ".curate" / "languagetool.url").exists()
    assert script.pom_version() == "6.7"


# -- the client package, the server's identity, parallel requests -------------------------


def test_without_language_tool_python_the_backend_says_how_to_install_it(
        lt_server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    url, _ = lt_server
    monkeypatch.setitem(sys.modules, "language_tool_python", None)  # import fails as if not installed
    with pytest.raises(backends.ClientMissing, match=r"qa-curate\[languagetool\]"):
        LanguageToolBackend("en-US", url)
    insisted = backends.resolve("languagetool", url=url)
    assert insisted.fatal and insisted.backend is None
    assert "qa-curate[languagetool]" in (insisted.notice or "") and "make languagetool" not in (insisted.notice or "")
    backends.reset()
    fallback = backends.resolve("auto", url=url)
    assert fallback.backend is not None and fallback.backend.name == "harper"
    assert "qa-curate[languagetool]" in (fallback.notice or "")


def test_with_language_tool_python_installed_the_backend_is_languagetool(lt_server: tuple[str, list[str]]) -> None:
    url, _ = lt_server
    chosen = backends.resolve("languagetool", url=url)
    assert chosen.notice is None and chosen.backend is not None and chosen.backend.name == "languagetool"


def _configinfo(version: str, rules: list[str], max_length: int = 2_147_483_647) -> dict:
    return {"software": {"name": "LanguageTool", "version": version, "buildDate": "2025-10-09"},
            "parameter": {"maxTextLength": max_length},
            "rules": [{"ruleId": r, "description": r.lower(), "categoryId": "GRAMMAR"} for r in rules]}


def test_backend_key_names_the_server_version_and_rules(lt_server: tuple[str, list[str]], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = lt_server
    server = _SERVERS[url]

    def key() -> str:
        backends.reset()
        return LanguageToolBackend("en-US", url).key

    older = key()  # no /v2/configinfo: a key of its own, stable
    assert "configinfo=HTTP 404" in older and key() == older
    server.configinfo = _configinfo("6.7", ["A_RULE", "CURATE_X"])  # type: ignore[attr-defined]
    v67 = key()
    assert "version=6.7" in v67 and v67 != older
    server.configinfo = _configinfo("6.8", ["A_RULE", "CURATE_X"])  # type: ignore[attr-defined]
    assert key() != v67  # a new server version
    server.configinfo = _configinfo("6.7", ["A_RULE", "CURATE_X", "CURATE_Y"])  # type: ignore[attr-defined]
    assert key() != v67  # a custom rule added
    server.configinfo = _configinfo("6.7", ["A_RULE", "CURATE_X"])  # type: ignore[attr-defined]
    assert key() == v67  # the same server again: the cache stays warm
    # the custom-rules hash `make languagetool` writes after the URL, for this URL only
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(backends, "URL_FILE", Path(".curate") / "languagetool.url")
    (tmp_path / ".curate").mkdir()
    (tmp_path / ".curate" / "languagetool.url").write_text(f"{url}\ncustom-rules aaa111\n", encoding="utf-8")
    edited = key()
    assert edited.endswith("custom=aaa111")
    (tmp_path / ".curate" / "languagetool.url").write_text(f"{url}\ncustom-rules bbb222\n", encoding="utf-8")
    assert key() != edited
    (tmp_path / ".curate" / "languagetool.url").write_text("http://127.0.0.1:1\ncustom-rules bbb222\n", encoding="utf-8")
    assert key() == v67  # another server's hash is not this one's


def test_server_identity_is_asked_once_per_run(lt_server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = lt_server
    asked: list[str] = []
    real = urllib.request.urlopen

    def counting(target: object, *args: object, **kwargs: object) -> object:
        asked.append(str(getattr(target, "full_url", target)))
        return real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backends.urllib.request, "urlopen", counting)
    for _ in range(3):
        backends.server_identity(url)
    assert sum("configinfo" in a for a in asked) == 1


def test_findings_cache_key_changes_with_the_server(lt_server: tuple[str, list[str]]) -> None:
    from types import SimpleNamespace

    from curate.cache.keys import rules_key
    from curate.rules.base import RunSettings

    url, _ = lt_server
    server = _SERVERS[url]
    settings = RunSettings(languagetool_url=url)
    specs = [SimpleNamespace(rule=Grammar, options=Grammar.Options(), severity="warning")]

    def key() -> str:
        backends.reset()
        return rules_key(specs, dt.date(2026, 1, 1), settings)

    server.configinfo = _configinfo("6.7", ["A_RULE"])  # type: ignore[attr-defined]
    first = key()
    assert key() == first
    server.configinfo = _configinfo("6.8", ["A_RULE"])  # type: ignore[attr-defined]
    assert key() != first
    harper = rules_key(specs, dt.date(2026, 1, 1), RunSettings())
    assert harper != first  # no server: Harper's findings have a key of their own


def test_requests_go_out_in_parallel_within_the_servers_limit(lt_server: tuple[str, list[str]]) -> None:
    url, texts = lt_server
    server = _SERVERS[url]
    server.configinfo = _configinfo("6.7", ["A_RULE"], max_length=200)  # type: ignore[attr-defined]
    server.delay = 0.2  # type: ignore[attr-defined]  # long enough for requests to overlap
    paragraphs = [f"Paragraph {i} has teh typo in it and then some more words to fill it." for i in range(24)]
    backend = LanguageToolBackend("en-US", url)
    assert backend.check([]) == [] and texts == []  # nothing to check: no request
    found = backend.check(paragraphs)
    assert all(len(t) <= 200 for t in texts) and len(texts) > backends.MAX_PARALLEL
    assert 1 < server.most_in_flight <= backends.MAX_PARALLEL  # type: ignore[attr-defined]
    assert [[(m.offset, m.rule) for m in per] for per in found] == [[(p.index("teh"), "MORFOLOGIK_RULE_EN_US")]
                                                                    for p in paragraphs]


def test_real_server_identity(real_lt: str) -> None:
    identity = backends.server_identity(real_lt)
    assert "version=" in identity.key and "rules=" in identity.key and "unreachable" not in identity.key
    assert backends.server_identity(real_lt) == identity


def test_off_or_none_for_a_url_means_no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """'off'/'none' (any case) wherever a URL is asked for: no server, and what comes
    after it (the rule option, the environment, the URL file) is not read."""
    monkeypatch.setenv(backends.ENV_URL, "http://127.0.0.1:9")
    assert backends.languagetool_url(None, None) == "http://127.0.0.1:9"
    for off in ("off", "OFF", " none "):
        assert backends.languagetool_url(None, off) is None
        assert backends.languagetool_url(off, None) is None
    assert backends.languagetool_url("off", "http://other:1") == "http://other:1"  # the command line wins
    assert backends.languagetool_url("http://other:1", "off") is None
    monkeypatch.setenv(backends.ENV_URL, "None")
    assert backends.environment_url() is None
