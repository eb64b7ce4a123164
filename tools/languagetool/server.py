"""Fetch, start and stop a local LanguageTool server for curate (``make languagetool``).

    python tools/languagetool/server.py start   # resolve jars once, start, print the URL last
    python tools/languagetool/server.py stop    # stop the server started here, by its pid
    python tools/languagetool/server.py status  # the URL if it answers, exit 1 if not
    python tools/languagetool/server.py run -- CMD...  # CMD with a server (``make test``)

The jars come from Maven Central through ``pom.xml`` beside this file
(``mvn dependency:copy-dependencies`` into ``lib/``, with the Maven repository kept in
``.m2/`` here, so a second run is offline). The server listens on 127.0.0.1 on a free
port; its URL is written to ``.curate/languagetool.url`` in the folder ``start`` ran
from, where curate looks when no URL is given, and its pid beside it.

Exit codes: 0 ok, 1 failed, 3 Java or Maven missing (callers may skip on 3).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIB = HERE / "lib"
RULES = HERE / "rules"
"""grammar_custom.xml (extra rules for notes), on the classpath before the jars."""
MAIN = "org.languagetool.server.HTTPServer"
STATE = Path(".curate")
URL_FILE = STATE / "languagetool.url"
PID_FILE = STATE / "languagetool.pid"
LOG_FILE = STATE / "languagetool.log"
MISSING = 3


def _say(message: str) -> None:
    print(f"languagetool: {message}", file=sys.stderr, flush=True)


def answers(url: str, timeout: float = 2.0) -> bool:
    """True when a LanguageTool server answers ``GET /v2/languages`` at ``url``."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/languages", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def pom_version() -> str:
    """The LanguageTool version pom.xml asks for."""
    match = re.search(r"<languagetool.version>([^<]+)</languagetool.version>",
                      (HERE / "pom.xml").read_text(encoding="utf-8"))
    return match.group(1).strip() if match else ""


def fetch() -> None:
    """Resolve languagetool-server and language-en into lib/ (once per version in pom.xml)."""
    if (LIB / f"languagetool-server-{pom_version()}.jar").is_file():
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Missing("Maven (mvn) is not installed; it fetches LanguageTool from Maven Central")
    _say("resolving LanguageTool from Maven Central into tools/languagetool/lib (once) ...")
    partial = LIB.with_name("lib.partial")
    shutil.rmtree(partial, ignore_errors=True)
    subprocess.run([mvn, "-B", "-q", f"-Dmaven.repo.local={HERE / '.m2'}", "-f", str(HERE / "pom.xml"),
                    "dependency:copy-dependencies", f"-DoutputDirectory={partial}"], check=True)
    shutil.rmtree(LIB, ignore_errors=True)
    partial.rename(LIB)  # a broken download never looks complete


class Missing(RuntimeError):
    """Java or Maven is not installed."""


PREFERRED_PORT = 8081
"""LanguageTool's usual port, used when free: the same URL from one start to the next keeps
curate's paragraph cache (keyed by the server's URL) warm across restarts."""


def _free_port() -> int:
    for port in (PREFERRED_PORT, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a just-stopped server's port
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError("no free port on 127.0.0.1")


def running_url() -> str | None:
    """The URL of the server started here, if it still answers."""
    try:
        url = (URL_FILE.read_text(encoding="utf-8").splitlines() or [""])[0].strip()
    except OSError:
        return None
    return url if url and answers(url) else None


def start(timeout: float) -> str:
    """Start a server (or reuse the one started here) and return its URL."""
    url = running_url()
    if url:
        _say(f"already running (pid {_pid() or '?'})")
        return url
    java = shutil.which("java")
    if java is None:
        raise Missing("Java is not installed; LanguageTool needs Java 17 or later")
    fetch()
    STATE.mkdir(exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    heap = os.environ.get("LANGUAGETOOL_HEAP", "1g")
    command = [java, f"-Xmx{heap}", "-cp", f"{RULES}{os.pathsep}{LIB}{os.sep}*", MAIN, "--port", str(port)]
    began = time.monotonic()
    with open(LOG_FILE, "wb") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)  # not stopped by the caller's Ctrl-C or exit
    PID_FILE.write_text(f"{proc.pid}\n", encoding="utf-8")
    while not answers(url):
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}; see {LOG_FILE}")
        if time.monotonic() - began > timeout:
            stop()
            raise RuntimeError(f"the server did not answer within {timeout:.0f} s; see {LOG_FILE}")
        time.sleep(0.25)
    _warm(url)  # the first check loads English (seconds): pay it here, not in the first lint
    # curate keys its cached matches by this hash too: an edited grammar_custom.xml (same
    # rule ids, new patterns) must not be served the old rules' matches
    URL_FILE.write_text(f"{url}\ncustom-rules {rules_digest()}\n", encoding="utf-8")
    _say(f"started in {time.monotonic() - began:.1f} s (pid {proc.pid}); log in {LOG_FILE}")
    return url


def rules_digest() -> str:
    """sha256 of the custom rule files the server is given (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in RULES.rglob("*") if p.is_file()):
        digest.update(path.relative_to(RULES).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _warm(url: str) -> None:
    data = urllib.parse.urlencode({"language": "en-US", "text": "This is a warm up sentence."}).encode()
    try:
        with urllib.request.urlopen(url + "/v2/check", data=data, timeout=120) as response:
            response.read()
    except OSError as exc:
        _say(f"warm-up check failed: {exc}")


def _pid() -> int | None:
    try:
        return int(PID_FILE.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def stop() -> bool:
    """Stop the server started here (by its pid). True when one was running."""
    pid = _pid()
    for path in (URL_FILE, PID_FILE):
        path.unlink(missing_ok=True)
    if pid is None:
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    return True


def run(command: list[str], timeout: float) -> int:
    """Run ``command`` with a server up, and stop the server afterwards if this call
    started it. Without Java or Maven the command runs anyway (its LanguageTool tests
    skip and say why)."""
    mine = running_url() is None
    try:
        start(timeout)
    except Missing as exc:
        _say(f"{exc}: running without LanguageTool")
        mine = False
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        _say(f"could not start ({exc}): running without LanguageTool")
        mine = False
    try:
        return subprocess.call(command)
    finally:
        if mine:
            stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop", "status", "fetch", "run"))
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for the server")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="with run: the command (after --)")
    args = parser.parse_args(argv)
    try:
        if args.action == "run":
            command = args.command[1:] if args.command[:1] == ["--"] else args.command
            if not command:
                parser.error("run needs a command after --")
            return run(command, args.timeout)
        if args.action == "fetch":
            fetch()
        elif args.action == "start":
            print(start(args.timeout), flush=True)  # the URL is the last line
        elif args.action == "stop":
            _say("stopped" if stop() else "no server started here was running")
        else:
            url = running_url()
            if not url:
                _say("not running")
                return 1
            print(url)
    except Missing as exc:
        _say(str(exc))
        return MISSING
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        _say(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
