"""Downloading one URL (http, https or file) into memory or a file, with progress.

Argos's own downloader only speaks http(s), retries silently and cannot report progress;
a newsroom mirror may be a `file://` directory on a shared drive, and a user waiting for a
100 MB model wants to see it move. Every failure becomes one UserError naming the URL.
"""

from __future__ import annotations

import hashlib
import http.client
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsloc.base.transport import Watchdog, watched_opener
from newsloc.translate.errors import UserError

#: Seconds to wait for a server to answer (not for the whole download).
TIMEOUT = 30.0
#: The largest download newsloc accepts: real Argos packages and OPUS-MT zips are
#: 30-400 MB; anything bigger is not a translation model, whatever the server says.
MAX_DOWNLOAD_BYTES = 2 * 1024**3
#: The largest resource `fetch_bytes` reads into memory: Argos's index is about 100 kB.
MAX_FETCH_BYTES = 32 * 1024**2
#: How long `fetch_bytes` may take in all (TIMEOUT bounds each wait): a server sending a
#: byte every few seconds is cut off.
FETCH_DEADLINE = 300.0
_CHUNK = 1 << 16
_USER_AGENT = "newsloc (ArgosTranslate-compatible)"

#: Called with (bytes received so far, total bytes or None when the server does not say).
Progress = Callable[[int, int | None], None]


class FetchError(UserError):
    """A URL that could not be read; the message names it and says why."""


class Unreachable(FetchError):
    """The server could not be reached at all (offline, a proxy, a firewall, no such host):
    `models install` then names what works without network."""


def fetch_bytes(
    url: str, what: str, max_bytes: int = MAX_FETCH_BYTES, deadline: float = FETCH_DEADLINE
) -> bytes:
    """The whole body of a small resource such as an index; `what` names it in errors.

    Reading stops at the first byte past `max_bytes` (an index at `file:///dev/zero` or an
    endless answer would otherwise fill the memory), and at `deadline` seconds.
    """
    with Watchdog(deadline) as dog:
        try:
            with _open(url, what, dog) as response:
                data = _read_capped(response, url, what, max_bytes)
        except FetchError:
            if dog.expired.is_set():
                raise _too_slow(url, what, deadline) from None
            raise
        except (OSError, http.client.HTTPException) as exc:
            if dog.expired.is_set():
                raise _too_slow(url, what, deadline) from None
            raise FetchError(f"cannot read {what} at {url}: {_reason(exc)}") from exc
        if dog.expired.is_set():
            raise _too_slow(url, what, deadline)
    return data


def _read_capped(response: Any, url: str, what: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(min(_CHUNK, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                f"{url}: {what} is larger than {max_bytes // 1024**2} MB; "
                "not what newsloc expects there, not read"
            )
    return b"".join(chunks)


def _too_slow(url: str, what: str, deadline: float) -> FetchError:
    return FetchError(f"cannot read {what} at {url}: no complete answer within {deadline:g} s")


def download_file(
    url: str,
    destination: Path,
    what: str,
    progress: Progress | None = None,
    *,
    size: int | None = None,
    sha256: str | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
) -> None:
    """Stream `url` into `destination` (a scratch file the caller owns), reporting progress.

    `size` and `sha256` are what an index announces; with the server's Content-Length and
    `max_bytes` they are checked as the bytes arrive, so an oversized or wrong file is
    stopped at the first byte too many rather than after it filled the disk.
    """
    with _open(url, what) as response:
        length = response.headers.get("Content-Length")
        served = int(length) if length and length.isdigit() else None
        if served is not None and size is not None and served != size:
            raise FetchError(
                f"{url}: the server offers {served} bytes for {what}, the index promises {size}"
            )
        total = size if size is not None else served
        limit = min(max_bytes, total) if total is not None else max_bytes
        if total is not None and total > max_bytes:
            raise FetchError(
                f"{url}: {what} would be {total} bytes, more than newsloc accepts "
                f"({max_bytes}); nothing downloaded"
            )
        digest = hashlib.sha256()
        received = 0
        try:
            with destination.open("wb") as out:
                while chunk := response.read(_CHUNK):
                    received += len(chunk)
                    if received > limit:
                        raise FetchError(
                            f"{url}: {what} is larger than the {limit} bytes "
                            f"{'announced' if total is not None else 'newsloc accepts'}; stopped"
                        )
                    digest.update(chunk)
                    out.write(chunk)
                    if progress:
                        progress(received, total)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"download of {what} from {url} broke off: {_reason(exc)}") from exc
    if total is not None and received != total:
        raise FetchError(f"download of {what} from {url} broke off at {received} of {total} bytes")
    if sha256 is not None and digest.hexdigest() != sha256.lower():
        raise FetchError(
            f"{url}: {what} does not have the SHA-256 the index promises "
            f"(got {digest.hexdigest()[:16]}…, expected {sha256[:16]}…); nothing installed"
        )


def _open(url: str, what: str, dog: Watchdog | None = None):  # -> HTTPResponse | addinfourl
    if not url.startswith(("http://", "https://", "file:")):
        raise FetchError(f"cannot reach {what} at {url}: only http, https and file URLs work")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        if dog is not None:
            return watched_opener(dog, redirects=True).open(request, timeout=TIMEOUT)
        return urllib.request.urlopen(request, timeout=TIMEOUT)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise Unreachable(f"cannot reach {what} at {url}: {_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    """A short, one-line reason: "HTTP 404 Not Found", "Connection refused", "timed out"."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
        if isinstance(exc, urllib.error.URLError):
            return str(exc.reason)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__
