"""The LanguageTool path, without the network: a real HTTP server on 127.0.0.1 speaking
LanguageTool's ``/v2/languages`` and ``/v2/check`` protocol, driven through the real
language-tool-python client. The server replays matches in LanguageTool's documented
JSON shape for every occurrence of a few trigger phrases, so we know the exact prose
offset of each match and can check where the finding lands in the Markdown source."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from curate.corpus.markdown import parse_document
from curate.grammar import backends, checker
from curate.grammar.backends import LanguageToolBackend
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

    def _send(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = urllib.parse.urlparse(self.path).path
        if path == "/v2/languages":
            self._send(LANGUAGES)
        elif path == "/v2/check":
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            self._send(lt_response(query.get("text", [""])[0]))
        else:
            self.send_error(404)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        if urllib.parse.urlparse(self.path).path != "/v2/check":
            self.send_error(404)
            return
        text = form.get("text", [""])[0]
        self.server.texts.append(text)  # type: ignore[attr-defined]
        self._send(lt_response(text))


@pytest.fixture()
def lt_server() -> Iterator[tuple[str, list[str]]]:
    """(base URL, list of texts the server was asked to check)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.texts = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
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


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_spelling_lands_on_the_source_word(lt_server: tuple[str, list[str]], newline: str) -> None:
    url, texts = lt_server
    text = NOTE.replace("\n", newline)
    findings = _run(Spelling, text, url)
    assert _where(findings) == EXPECTED_TEH
    doc = parse_document(text, "notes.md", "notes.md")
    for f in findings:
        assert doc.line(f.line)[f.column - 1 : f.end_column - 1] == "teh"
        assert f.end_line == f.line
    # code, URLs, link targets, titles and HTML never reach the checker
    sent = "\n".join(texts)
    for absent in ("teh code", "teh.example", "example.com/teh", "teh title", "teh = 1", "teh html", "**", "`"):
        assert absent not in sent


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_grammar_inside_nested_list(lt_server: tuple[str, list[str]], newline: str) -> None:
    url, _ = lt_server
    findings = _run(Grammar, NOTE.replace("\n", newline), url)
    assert [(f.line, f.column, f.end_column) for f in findings] == [(5, 20, 32)]
    assert "is a subset of" in findings[0].message and "EN_A_VS_AN_MISSING" in findings[0].message


def test_whitespace_rule_is_off_by_default_and_can_be_enabled(lt_server: tuple[str, list[str]]) -> None:
    url, _ = lt_server
    text = "A sentence with  two spaces.\n"
    assert _run(Grammar, text, url) == []
    again = _run(Grammar, text, url, enabled_rules=("WHITESPACE_RULE",))
    assert _where(again) == [(1, 16)]
    assert _run(Grammar, "GenAI is subset of AI.\n", url, disabled_rules=("EN_A_VS_AN_MISSING",)) == []


def test_words_option_silences_spelling(lt_server: tuple[str, list[str]]) -> None:
    url, _ = lt_server
    assert _run(Spelling, "We use teh tool.\n", url, words=("teh",)) == []


def test_emoji_offsets_survive_utf16(lt_server: tuple[str, list[str]]) -> None:
    url, _ = lt_server
    findings = _run(Spelling, "- 🚀 Launch 🚀 with teh rocket.\n", url)
    assert _where(findings) == [(1, 19)]


def test_lint_api_uses_the_url_setting(lt_server: tuple[str, list[str]], tmp_path) -> None:
    from curate.run.execute import lint

    url, _ = lt_server
    (tmp_path / "a.md").write_text("## What is teh answer?\n\nGenAI is subset of AI.\n", encoding="utf-8")
    result = lint([str(tmp_path)], select=("QA501", "QA502"), languagetool_url=url)
    got = sorted((f.code, f.line, f.column) for f in result.findings)
    assert got == [("QA501", 3, 7), ("QA502", 1, 12)]


def test_unreachable_server_falls_back_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    from curate.rules.language import forget_notices

    forget_notices()
    backends.reset()
    checker.clear_memo()
    doc = parse_document("# Generative Adversial Networks\n", "n.md", "n.md")
    opts = Spelling.Options(languagetool_url="http://127.0.0.1:9")
    ctx = RuleContext(as_of=dt.date(2026, 1, 1), options=opts, settings={})
    findings = list(Spelling().check_document(doc, ctx))
    findings += list(Spelling().check_document(doc, ctx))
    err = capsys.readouterr().err
    assert err.count("not reachable") == 1  # said once
    assert [f.snippet for f in findings] == ["Adversial", "Adversial"]  # offline backend carried on
    backends.reset()
