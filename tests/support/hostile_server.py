"""Misbehaving HTTP servers on 127.0.0.1, for the LibreTranslate transport tests.

Each server is a thread answering every connection with one `behaviour`: a function given
the connected socket and the request's JSON body. Servers bind loopback only, every socket
has a timeout and every behaviour ends within a few seconds, so no test can hang on them.
`healthy` answers like LibreTranslate: "T:" before each text.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

Behaviour = Callable[[socket.socket, dict], None]
#: No behaviour runs longer than this, whatever the client does.
LIFETIME = 10.0


def read_request(conn: socket.socket) -> dict:
    """The request's JSON body ({} when there is none or it is not JSON)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return {}
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    try:
        return json.loads(body)
    except ValueError:
        return {}


def answer(status: str, body: bytes, headers: str = "") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n{headers}\r\n"
    ).encode() + body


def healthy(prefix: str = "T:") -> Behaviour:
    def behave(conn: socket.socket, request: dict) -> None:
        texts = request.get("q", [])
        texts = texts if isinstance(texts, list) else [texts]
        body = json.dumps({"translatedText": [prefix + str(t) for t in texts]}).encode()
        conn.sendall(answer("200 OK", body))

    return behave


def raw(data: bytes) -> Behaviour:
    def behave(conn: socket.socket, request: dict) -> None:
        conn.sendall(data)

    return behave


def endless(conn: socket.socket, request: dict) -> None:
    """A 200 whose body never ends (until the client hangs up or LIFETIME passes)."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
    chunk = b'["' + b"a" * 65536
    end = time.monotonic() + LIFETIME
    while time.monotonic() < end:
        conn.sendall(chunk)


def drip(every: float) -> Behaviour:
    """A valid answer, one byte every `every` seconds (each read finishes in time)."""

    def behave(conn: socket.socket, request: dict) -> None:
        data = answer("200 OK", b'{"translatedText": ["slow"]}')
        end = time.monotonic() + LIFETIME
        for byte in data:
            if time.monotonic() > end:
                return
            conn.sendall(bytes([byte]))
            time.sleep(every)

    return behave


class Server:
    """One listening socket on 127.0.0.1 and the thread serving it."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.requests = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        conn.settimeout(LIFETIME)
        with conn, suppress(OSError):
            request = read_request(conn)
            self.requests += 1
            self.behaviour(conn, request)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@contextmanager
def serving(*behaviours: Behaviour) -> Iterator[list[Server]]:
    servers = [Server(b) for b in behaviours]
    try:
        yield servers
    finally:
        for server in servers:
            server.close()
