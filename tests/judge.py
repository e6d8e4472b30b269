"""The real Docker client as a judge of what a command line means.

A small fake Docker Engine API listens on a unix socket and records each request the client
sends (method, path without the API version, sorted query pairs, JSON body); it answers
``/_ping`` and ``/version`` and refuses everything else with a 500, so the client stops after
its first real request. Two spellings mean the same iff the client sends the same requests.
The client runs under a pseudo-terminal (``-t`` needs one) with its own empty config folder.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import socketserver
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fake_api import Handler

API = "1.49"


class _Handler(Handler):  # fake_api's request body reading, on a unix socket
    def address_string(self) -> str:
        return "unix"

    def _reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Api-Version", API)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        body = self.read_body()
        url = urlsplit(self.path)
        path = url.path
        parts = path.split("/", 2)
        if len(parts) > 2 and parts[1].startswith("v") and parts[1][1:2].isdigit():
            path = "/" + parts[2]
        if path == "/_ping":
            return self._reply(200, b"OK", "text/plain")
        if path == "/version":
            return self._reply(
                200,
                json.dumps(
                    {"ApiVersion": API, "MinAPIVersion": "1.24", "Version": "28.2.2", "Os": "linux", "Arch": "amd64"}
                ).encode(),
            )
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            payload = body.decode("latin-1")
        self.server.requests.append(
            (self.command, path, tuple(sorted(parse_qsl(url.query, keep_blank_values=True))), json.dumps(payload, sort_keys=True))
        )
        inspected = re.fullmatch(r"/containers/([^/]+)/json", path)
        if self.command == "GET" and inspected:  # exec, logs, attach look the container up first
            return self._reply(200, json.dumps(_container(inspected.group(1))).encode())
        self._reply(500, json.dumps({"message": "recorded by the fake engine"}).encode())

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle


def _container(name: str) -> dict:
    """A running container, as inspect describes it: what exec, logs and attach read before
    they send the request that tells their meaning (which the fake then refuses)."""
    return {
        "Id": name,
        "Name": "/" + name,
        "State": {"Status": "running", "Running": True, "Paused": False, "Restarting": False},
        "Config": {"Tty": False, "OpenStdin": True, "AttachStdin": False},
        "HostConfig": {},
    }


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    requests: list


class Judge:
    """``with Judge() as j: j.meaning("docker ps -a")`` → the requests, or None when the
    client does not answer the same way twice (or sends nothing to tell by)."""

    def __init__(self, docker: str | None = None, timeout: float = 3.0) -> None:
        self.docker = docker or shutil.which("docker")
        self.timeout = timeout
        self._cache: dict[tuple[str, ...], tuple | None] = {}

    def __enter__(self) -> "Judge":
        self.dir = tempfile.TemporaryDirectory(prefix="dockquiz-judge-")
        sock = os.path.join(self.dir.name, "d.sock")
        self.server = _Server(sock, _Handler)
        self.server.requests = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        config = os.path.join(self.dir.name, "config")
        os.mkdir(config)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.dir.name,
            "DOCKER_HOST": f"unix://{sock}",
            "DOCKER_CONFIG": config,
            "TERM": "xterm",
            "DOCKER_CLI_HINTS": "false",
        }
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.dir.cleanup()

    def run(self, argv: list[str]) -> tuple | None:
        """The requests one run of a ``docker …`` command line (as words) sends."""
        if argv and argv[0] == "docker":
            argv = argv[1:]
        self.server.requests = []
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen(
                [self.docker, *argv],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.env,
                cwd=self.dir.name,
                start_new_session=True,
            )
        finally:
            os.close(slave)
        deadline = time.monotonic() + self.timeout
        try:
            while proc.poll() is None and time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    try:
                        os.read(master, 65536)
                    except OSError:
                        pass
            timed_out = proc.poll() is None
            if timed_out:  # waiting on something (a stream, a prompt): it cannot tell
                proc.kill()
                proc.wait()
        finally:
            os.close(master)
        time.sleep(0.005)  # the handler thread has recorded by the time the client is gone
        return None if timed_out else tuple(self.server.requests)

    def meaning(self, argv: list[str] | tuple[str, ...]) -> tuple | None:
        """The requests (``()`` when the client refuses the line), or None when the client
        does not answer the same way every time: three runs must agree (the client builds
        some bodies from Go maps, in an order that changes from run to run), and a request
        holding the time of day (``--since 10m``) cannot be compared with another run's."""
        key = tuple(argv)
        if key not in self._cache:
            runs = [self.run(list(argv)) for _ in range(3)]
            first = runs[0]
            stable = first is not None and all(r == first for r in runs) and not _holds_now(first)
            self._cache[key] = first if stable else None
        return self._cache[key]

    def same(self, a: list[str], b: list[str]) -> bool | None:
        """True / False by the requests sent; None when they cannot tell (a run that does
        not repeat, or two lines that the client both refuses)."""
        ma, mb = self.meaning(a), self.meaning(b)
        if ma is None or mb is None or (not ma and not mb):
            return None
        return ma == mb


def _holds_now(requests: tuple) -> bool:
    """Does a request carry a Unix time within two days of now (a relative time resolved)?"""
    import re

    now = time.time()
    text = repr(requests)
    return any(abs(int(n) - now) < 2 * 86400 for n in re.findall(r"(?<!\d)1\d{9}(?!\d)", text))


def available() -> bool:
    return shutil.which("docker") is not None


def docs_command_lines(source: Path) -> list[str]:
    """``$ docker …`` lines (continuations joined) from docker/cli's reference docs: a
    checkout, or a git directory fetched as a snapshot."""
    texts: list[str] = []
    if (source / "docs" / "reference" / "commandline").is_dir():
        texts = [p.read_text("utf-8") for p in sorted((source / "docs/reference/commandline").glob("*.md"))]
    else:
        names = subprocess.run(
            ["git", "--git-dir", str(source), "ls-tree", "-r", "--name-only", "HEAD", "docs/reference/commandline"],
            capture_output=True,
            text=True,
        ).stdout.split()
        texts = [
            subprocess.run(["git", "--git-dir", str(source), "show", f"HEAD:{n}"], capture_output=True, text=True).stdout
            for n in names
            if n.endswith(".md")
        ]
    lines: list[str] = []
    for text in texts:
        buf = ""
        for raw in text.splitlines():
            line = raw.strip()
            if buf:
                buf += " " + line.rstrip("\\").strip()
                if not line.endswith("\\"):
                    lines.append(buf)
                    buf = ""
                continue
            if line.startswith("$ docker "):
                body = line[2:]
                if body.endswith("\\"):
                    buf = body.rstrip("\\").strip()
                else:
                    lines.append(body)
    return list(dict.fromkeys(lines))
