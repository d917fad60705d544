"""An engine that asks LibreTranslate servers, so a newsroom can share translation machines.

A document's sentences go out in batches (LibreTranslate accepts a list for `q`), one
request at a time per server and all servers at once, so a fleet of servers shares a run.
A request that fails on one server (unreachable, timed out, refused, a broken answer) goes
to another, and that server gets no more requests in this run. Every batch's answer is put
back in its place, so no sentence is lost, repeated or moved; when every server has failed,
the run stops with one line naming each server's problem, before anything is written.
Only the standard library is used: JSON over HTTP needs no client dependency. A server is
trusted with text, not with the machine (`base/transport.py`): a transport failure of any kind
(a redirect, an endless or too slow answer, a broken status line, JSON nested too deep) is
that server's failure like any other, so its batch goes to the next server.
"""

from __future__ import annotations

import math
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable

from newsloc.base.transport import TransportError, post_json
from newsloc.translate.engines.interface import Translation
from newsloc.translate.errors import UserError

#: Where the servers are when --server is not given: one URL or several, comma-separated.
SERVER_ENV = "LIBRETRANSLATE_URL"
API_KEY_ENV = "LIBRETRANSLATE_API_KEY"
#: Most sentences in one request: small enough to spread a document over several servers
#: and report progress, large enough that HTTP costs little next to translating.
MAX_BATCH = 32
#: An answer larger than MAX_ANSWER_BYTES plus ANSWER_FACTOR bytes per character sent is
#: refused unread (a translation is rarely three times its source, and UTF-8 at most 4).
MAX_ANSWER_BYTES = 16 * 2**20
ANSWER_FACTOR = 64
#: How long one request may take from connecting to the last byte of its answer.
DEADLINE = 300.0


class LibreTranslateEngine:
    """Translates through `POST {server}/translate` on one or more servers."""

    name = "libretranslate"
    reports_progress = True
    aligns = False  # LibreTranslate's API returns text only

    def __init__(
        self,
        source: str,
        target: str,
        *,
        server: str | Iterable[str] | None = None,
        api_key: str | None = None,
        timeout: float = 120.0,
        deadline: float = DEADLINE,
        on_answer: Callable[[str, int], None] | None = None,
    ) -> None:
        """`server`: a URL, a comma-separated list or several; None reads LIBRETRANSLATE_URL.

        `timeout` bounds each wait for the network, `deadline` a whole request (see
        `base.transport.post_json`: no redirects, a size cap, printable error text).

        `on_answer(server, sentences)` is called from a worker thread after each answered
        request, e.g. to log which server did what.
        """
        self.source = source
        self.target = target
        self.servers = parse_servers(server if server else os.environ.get(SERVER_ENV, ""))
        self.api_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
        self.timeout = timeout
        self.deadline = deadline
        self.on_answer = on_answer
        #: Set by the pipeline: called with the number of sentences done so far.
        self.progress: Callable[[int], None] | None = None

    def describe(self) -> str:
        return f"libretranslate {self.source}→{self.target} ({', '.join(self.servers)})"

    def translate(self, sentences: list[str]) -> list[Translation]:
        if not sentences:
            return []
        batches = split_batches(sentences, len(self.servers))
        run = _Run(batches)
        workers = [
            threading.Thread(target=self._work, args=(run, server), daemon=True)
            for server in self.servers
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if run.crash is not None:
            raise run.crash
        if run.pending:
            raise UserError(_all_failed(run.failures))
        return [Translation(text) for batch in run.results for text in batch]

    def _work(self, run: _Run, server: str) -> None:
        """One server's loop: take a batch, send it, put the answer in its place."""
        while True:
            index = run.take()
            if index is None:
                return
            try:
                texts = self.send(server, run.batches[index])
            except UserError as exc:
                run.give_back(index, server, str(exc))
                return
            except BaseException as exc:  # a bug: stop every worker and re-raise it
                run.abort(exc)
                return
            done = run.finish(index, texts)
            if self.on_answer is not None:
                self.on_answer(server, len(texts))
            if self.progress is not None:
                self.progress(done)

    def send(self, server: str, batch: list[str]) -> list[str]:
        """One request to one server; UserError (one line, naming the server) on failure."""
        payload = {"q": batch, "source": self.source, "target": self.target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        try:
            body = post_json(
                f"{server}/translate",
                payload,
                name="LibreTranslate",
                timeout=self.timeout,
                deadline=self.deadline,
                limit=answer_limit(len(batch), sum(map(len, batch))),
            )
        except TransportError as exc:
            raise UserError(f"{server}: {exc}") from None
        return parse_answer(server, body, len(batch))


def parse_servers(value: str | Iterable[str]) -> list[str]:
    """Server URLs from a comma-separated string or several of them, in order, once each."""
    parts = [value] if isinstance(value, str) else list(value)
    urls = [url.strip().rstrip("/") for part in parts for url in part.split(",")]
    urls = list(dict.fromkeys(url for url in urls if url))
    if not urls:
        raise UserError(f"the libretranslate engine needs a server: --server URL or {SERVER_ENV}")
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise UserError(f"--server: {url!r} is not an http(s) URL")
    return urls


def split_batches(sentences: list[str], servers: int) -> list[list[str]]:
    """Consecutive batches: about two per server, at most MAX_BATCH sentences each."""
    size = max(1, min(MAX_BATCH, math.ceil(len(sentences) / (2 * servers))))
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]


def parse_answer(server: str, body: object, expected: int) -> list[str]:
    """The translations in a `/translate` answer; UserError unless there is one per text."""
    texts = body.get("translatedText") if isinstance(body, dict) else None
    if isinstance(texts, str) and expected == 1:
        texts = [texts]
    if not isinstance(texts, list) or len(texts) != expected:
        raise UserError(f"{server}: unexpected answer from LibreTranslate: {body!r:.200}")
    for text in texts:
        # null, a number (NaN too), a list or an object is no translation: written as one it
        # would read "None", "nan" or "{'a': 1}" in the catalogue. A NUL cannot be written.
        if not isinstance(text, str):
            raise UserError(
                f"{server}: unexpected answer from LibreTranslate: a translation is "
                f"{_json_kind(text)}, not text: {body!r:.200}"
            )
        if "\x00" in text:
            raise UserError(
                f"{server}: unexpected answer from LibreTranslate: a translation holds a NUL "
                "character"
            )
    return list(texts)


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


class _Run:
    """The batches of one translate() call, shared by the server threads under one lock."""

    def __init__(self, batches: list[list[str]]) -> None:
        self.batches = batches
        self.results: list[list[str]] = [[] for _ in batches]
        self.pending = deque(range(len(batches)))
        self.in_flight = 0
        self.done = 0
        self.failures: dict[str, str] = {}
        self.crash: BaseException | None = None
        self._changed = threading.Condition()

    def take(self) -> int | None:
        """The next batch to send; waits while others are in flight (they may come back)."""
        with self._changed:
            while not self.pending and self.in_flight and self.crash is None:
                self._changed.wait()
            if not self.pending or self.crash is not None:
                return None
            self.in_flight += 1
            return self.pending.popleft()

    def finish(self, index: int, texts: list[str]) -> int:
        with self._changed:
            self.results[index] = texts
            self.in_flight -= 1
            self.done += len(texts)
            self._changed.notify_all()
            return self.done

    def give_back(self, index: int, server: str, problem: str) -> None:
        """A batch whose server failed goes first in line for the servers still working."""
        with self._changed:
            self.pending.appendleft(index)
            self.in_flight -= 1
            self.failures[server] = problem
            self._changed.notify_all()

    def abort(self, exc: BaseException) -> None:
        with self._changed:
            self.crash = exc
            self.in_flight -= 1
            self._changed.notify_all()


def _all_failed(failures: dict[str, str]) -> str:
    if len(failures) == 1:
        (problem,) = failures.values()
        return problem
    return f"all {len(failures)} LibreTranslate servers failed: " + "; ".join(failures.values())


def answer_limit(sentences: int, characters: int) -> int:
    """The most bytes an answer may hold: far more than any translation of the batch."""
    return MAX_ANSWER_BYTES + ANSWER_FACTOR * (characters + 16 * sentences)
