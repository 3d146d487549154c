"""Webhook receivers on 127.0.0.1 for the notification tests, each in a thread
of the test process: one that records every request (and answers 200, or the
statuses it is given), one that accepts connections and never answers, and a
port nobody listens on."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    path: str
    headers: dict
    body: bytes

    @property
    def event(self) -> dict:
        return json.loads(self.body)

    def signed_with(self, secret: str) -> bool:
        """Whether X-Fleet-Signature is sha256=HMAC-SHA256(secret, body),
        checked as a receiver should (constant-time compare)."""
        expected = "sha256=" + hmac.new(secret.encode(), self.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(self.headers.get("x-fleet-signature", ""), expected)


class Recorder:
    """Records each POST; answers the statuses given, in turn (the last one
    repeated), 200 by default."""

    def __init__(self, statuses: list[int] | None = None):
        self.requests: list[Request] = []
        self.statuses = list(statuses or [200])
        self.lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with recorder.lock:
                    recorder.requests.append(Request(
                        self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    status = recorder.statuses[min(len(recorder.requests), len(recorder.statuses)) - 1]
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def events(self) -> list[str]:
        with self.lock:
            return [r.event["event"] for r in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Hanging:
    """Accepts every connection, reads what comes, and never answers."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}{path}"

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() on Linux
        except OSError:
            pass
        self.sock.close()
        for conn in self.accepted:
            conn.close()


def closed_port() -> int:
    """A port on 127.0.0.1 that refuses connections: bound, then let go."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
