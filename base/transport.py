"""One JSON request to a server that is trusted with text, not with the machine.

Used by the LibreTranslate engine (`post_json`); the model index download uses the
deadline alone (`Watchdog`, `watched_opener`). A redirect is not followed (another host's answer is
never used); the answer is read up to a size; the whole request has a deadline besides the
per-read timeout, so a server dribbling a byte every few seconds is cut off (a watchdog
shuts the socket down, which wakes any blocked read); every transport failure (a broken
status line, a truncated body, too many headers) is one `TransportError` with a one-line
reason; and text a server sends is made `printable` (no terminal escapes) before it is
shown. Only the standard library: urllib keeps the proxy settings users rely on.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import suppress
from typing import Any


class TransportError(Exception):
    """The request failed; `str()` is a one-line, printable reason (without the URL)."""


def printable(text: str, limit: int = 200) -> str:
    """Server text fit for a terminal: control and format characters (escape sequences,
    bidi overrides) dropped, whitespace runs made one space, at most `limit` characters."""
    kept = "".join(
        " " if char.isspace() else char
        for char in text[: limit * 4]
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf")
    )
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


def post_json(
    url: str, payload: object, *, name: str, timeout: float, deadline: float, limit: int
) -> Any:
    """POST `payload` as JSON to `url` and return the decoded answer, or `TransportError`.

    `name` names the server's software in the messages; `timeout` bounds each wait for the
    network, `deadline` the whole request, `limit` the answer's size in bytes.
    """
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    with Watchdog(deadline) as dog:
        opener = watched_opener(dog, redirects=False)
        try:
            with opener.open(request, timeout=timeout) as response:
                raw = _read_capped(response, limit, name)
        except urllib.error.HTTPError as exc:
            if dog.expired.is_set():
                raise _expired(name, deadline) from None
            if 300 <= exc.code < 400:
                location = printable(exc.headers.get("Location", "") or "(nowhere)")
                raise TransportError(
                    f"{name} answered with a redirect ({exc.code}) to {location}; not followed, "
                    "give the server's own URL"
                ) from None
            raise TransportError(
                f"{name} refused ({exc.code}): {printable(_error_text(exc))}"
            ) from None
        except http.client.HTTPException as exc:
            if dog.expired.is_set():
                raise _expired(name, deadline) from None
            raise TransportError(f"broken answer from {name} ({_problem(exc)})") from None
        except (urllib.error.URLError, OSError) as exc:
            if dog.expired.is_set():
                raise _expired(name, deadline) from None
            reason = getattr(exc, "reason", exc)
            raise TransportError(f"cannot reach {name}: {printable(str(reason))}") from None
        if dog.expired.is_set():
            raise _expired(name, deadline)  # the deadline cut the answer short
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise TransportError(f"{name} answered with invalid JSON") from None


def _expired(name: str, deadline: float) -> TransportError:
    return TransportError(f"no complete answer from {name} within {deadline:g} s")


def _read_capped(response: Any, limit: int, name: str) -> bytes:
    """The whole answer, refused as soon as it passes `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(min(1 << 16, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TransportError(f"{name}'s answer is larger than {limit // 2**20} MB; not read")
    return b"".join(chunks)


def _error_text(error: urllib.error.HTTPError) -> str:
    """What a refusing server says (its JSON `error`), read up to 64 kB."""
    try:
        text = error.read(1 << 16).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return str(error.reason)
    try:
        return str(json.loads(text).get("error", error.reason))
    except (ValueError, AttributeError, RecursionError):
        return str(error.reason)


def _problem(exc: http.client.HTTPException) -> str:
    """A transport error in a few words (its own text can hold the server's bytes)."""
    text = printable(str(exc), 80)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed: the 3xx answer comes back as an HTTPError."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def watched_opener(dog: Watchdog, *, redirects: bool) -> urllib.request.OpenerDirector:
    """A urllib opener whose connections `dog` shuts down at its deadline (proxies and
    `file:` URLs as usual); without `redirects`, a 3xx answer is an HTTPError."""
    handlers: list[urllib.request.BaseHandler] = [_HTTP(dog), _HTTPS(dog)]
    if not redirects:
        handlers.append(_NoRedirects())
    return urllib.request.build_opener(*handlers)


class Watchdog:
    """Shuts a request's sockets down when the overall deadline passes; `expired` says
    whether it did (what was read is then incomplete)."""

    def __init__(self, seconds: float) -> None:
        self.expired = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired.is_set():
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired.set()
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type[http.client.HTTPConnection], dog: Watchdog) -> Callable[..., Any]:
    """A connection class for urllib's handlers whose socket the watchdog can shut."""

    class Watched(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            dog.watch(self.sock)

    return Watched


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, dog: Watchdog) -> None:
        super().__init__()
        self.dog = dog

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.dog), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, dog: Watchdog) -> None:
        super().__init__()
        self.dog = dog

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPSConnection, self.dog), req)
