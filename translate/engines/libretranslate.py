"""An engine that asks a LibreTranslate server, so a newsroom can share translation servers.

The whole document goes in one POST (LibreTranslate accepts a list for `q`), and the
glossary applies to its output exactly as to Argos output. Only the standard library is
used: one JSON request needs no HTTP client dependency.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

from newsloc.translate.engines.base import Translation
from newsloc.translate.errors import UserError

#: Where the server is when --server is not given.
SERVER_ENV = "LIBRETRANSLATE_URL"
API_KEY_ENV = "LIBRETRANSLATE_API_KEY"


class LibreTranslateEngine:
    """Translates through `POST {server}/translate`."""

    name = "libretranslate"

    def __init__(
        self,
        source: str,
        target: str,
        *,
        server: str | None = None,
        api_key: str | None = None,
        timeout: float = 120.0,
    ) -> None:
        server = server or os.environ.get(SERVER_ENV)
        if not server:
            raise UserError(
                f"the libretranslate engine needs a server: --server URL or {SERVER_ENV}"
            )
        if not server.startswith(("http://", "https://")):
            raise UserError(f"--server: {server!r} is not an http(s) URL")
        self.source = source
        self.target = target
        self.server = server.rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
        self.timeout = timeout

    def describe(self) -> str:
        return f"libretranslate {self.source}→{self.target} ({self.server})"

    def translate(self, sentences: list[str]) -> list[Translation]:
        if not sentences:
            return []
        payload = {"q": sentences, "source": self.source, "target": self.target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(
            f"{self.server}/translate",
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        body = self._send(request)
        texts = body.get("translatedText") if isinstance(body, dict) else None
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or len(texts) != len(sentences):
            raise UserError(f"{self.server}: unexpected answer from LibreTranslate: {body!r:.200}")
        return [Translation(str(text)) for text in texts]

    def _send(self, request: urllib.request.Request) -> object:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = _error_text(exc)
            raise UserError(
                f"{self.server}: LibreTranslate refused ({exc.code}): {detail}"
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise UserError(f"{self.server}: cannot reach LibreTranslate: {reason}") from None
        except ValueError:
            raise UserError(f"{self.server}: LibreTranslate answered with invalid JSON") from None


def _error_text(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read().decode("utf-8")).get("error", error.reason))
    except (ValueError, AttributeError):
        return str(error.reason)
