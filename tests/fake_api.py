"""What the judges that run a program against a fake API share (tests/kubectl_judge.py,
tests/gcloud_judge.py): a recording HTTP server on loopback and the rule that makes a line's
meaning out of its runs.

``RecordingServer`` listens on a free port of 127.0.0.1 (plain http) in a thread of its own for
the judge's life; its ``Handler`` reads a request's body as sent (chunked too) and answers.
What a run sends is recorded under a lock; past ``limit`` requests the run has overflowed (the
program is looping or polling: the run cannot tell). ``reset()`` before a run, ``taken()``
after it.

``ProgramJudge`` holds the rule: a line is run ``runs`` times and its meaning is the first
run's result when every run agrees (else None, undecidable); a meaning is a tuple whose first
item is the requests sent and whose fourth is the exit code.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: RecordingServer

    def log_message(self, *args) -> None:  # quiet
        pass

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class RecordingServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, handler: type[Handler], limit: int) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.port = self.server_address[1]
        self.limit = limit
        self.lock = threading.Lock()
        self.requests: list = []
        self.overflow = False
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def start(self) -> RecordingServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        """Before a run: nothing recorded."""
        with self.lock:
            self.requests = []
            self.overflow = False

    def record(self, request: tuple) -> bool:
        """Keep one request of the run; False once the run has sent more than ``limit``."""
        with self.lock:
            if len(self.requests) >= self.limit:
                self.overflow = True
                return False
            self.requests.append(request)
            return True

    def taken(self) -> tuple[tuple, bool]:
        """After a run: its requests in order, and whether it overflowed."""
        with self.lock:
            return tuple(self.requests), self.overflow


class ProgramJudge:
    """A line's meaning out of its runs; ``run(argv)`` is the program's (a result, or None
    when the run timed out or overflowed)."""

    runs: int

    def __init__(self, runs: int) -> None:
        self.runs = runs
        self._cache: dict[tuple[str, ...], tuple | None] = {}

    def run(self, argv: list[str]) -> tuple | None:
        raise NotImplementedError

    def repeatable(self, first: tuple) -> bool:
        """Can a run's result be compared at all (kubectl: not when it carries the time)?"""
        return True

    def apart(self, a: list[str], ma: tuple, b: list[str], mb: tuple) -> bool:
        """Two lines whose meanings differ: is that confirmed (kubectl runs each once more)?"""
        return True

    def meaning(self, argv: list[str] | tuple[str, ...]) -> tuple | None:
        key = tuple(argv)
        if key not in self._cache:
            first = self.run(list(argv))
            stable = first is not None and self.repeatable(first)
            stable = stable and all(self.run(list(argv)) == first for _ in range(self.runs - 1))
            self._cache[key] = first if stable else None
        return self._cache[key]

    def same(self, a: list[str], b: list[str]) -> bool | None:
        """Does ``b`` do what ``a`` does? True / False by the meanings; None when a side cannot
        be told, when a difference is not confirmed, or when ``a`` itself fails without sending
        a request (an error message is no meaning to compare)."""
        ma = self.meaning(a)
        if ma is None or (ma[3] != 0 and not ma[0]):
            return None
        mb = self.meaning(b)
        if mb is None:
            return None
        if ma != mb and not self.apart(a, ma, b, mb):
            return None
        return ma == mb
