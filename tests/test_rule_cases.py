"""Every rule's data cases (``tests/cases/<CODE>.toml``), run by one parametrised test.

Fail cases must report exactly the listed lines, pass cases must stay clean, fix cases
must repair the text to ``fixed``; see ``tests/cases/rule_cases.py`` for the format.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import Iterator

import pytest
from cases.rule_cases import all_cases, check_case

from curate.rules import links


class _Handler(http.server.BaseHTTPRequestHandler):
    """``/ok`` (and anything under ``/ok/``) answers 200; every other path 404."""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _respond(self, send_body: bool) -> None:
        status = 200 if self.path == "/ok" or self.path.startswith("/ok/") else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if send_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._respond(False)

    def do_GET(self) -> None:
        self._respond(True)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _fresh_listings() -> Iterator[None]:
    links.clear_listing_cache()
    yield
    links.clear_listing_cache()


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c["id"])
def test_case(case: dict, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if case["rule"] in ("QA501", "QA502"):
        pytest.importorskip("harper")
    server = request.getfixturevalue("server") if case.get("online") else None
    check_case(case, tmp_path, server)
