"""Hostile LibreTranslate servers: a broken server is one failure, never a crash or a hang.

Issue 20, items 9, 12 and 13: transport errors (a truncated body, a broken status line,
more than 100 headers, JSON nested too deep, a redirect to another host, an endless or
dribbling answer) fail over to a healthy second server as documented, and with no healthy
server end the run with one printable line and exit 2. Every server is on 127.0.0.1 and
bounded in time (tests/support/hostile_server.py).
"""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

import pytest

from newsloc.translate.engines.libretranslate import LibreTranslateEngine
from newsloc.translate.errors import UserError
from newsloc.translate.models.fetch import FetchError, fetch_bytes
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import assert_refused, newsloc
from tests.support.hostile_server import answer, drip, endless, healthy, raw, serving

SENTENCES = [f"Sentence number {i}." for i in range(12)]

BROKEN = {
    "truncated body": raw(
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b'{"translatedText": ["x'
    ),
    "bad status line": raw(b"garbage\r\n\r\n"),
    "hung up": raw(b""),
    "101 headers": raw(
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(101)) + b"\r\n"
    ),
    "header line too long": raw(b"HTTP/1.1 200 OK\r\nX: " + b"v" * 70000 + b"\r\n\r\n"),
    "nested JSON": raw(answer("200 OK", b"[" * 200000 + b"]" * 200000)),
    "not UTF-8": raw(answer("200 OK", b'{"translatedText": ["\xff\xfe"]}')),
    "chunked garbage": raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n"),
    "endless": endless,
}


def engine(*urls: str, deadline: float = 30.0) -> LibreTranslateEngine:
    return LibreTranslateEngine("en", "ru", server=list(urls), timeout=5.0, deadline=deadline)


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_server_fails_over_to_a_healthy_one(kind: str) -> None:
    with serving(BROKEN[kind], healthy()) as (bad, good):
        texts = [t.text for t in engine(bad.url, good.url).translate(SENTENCES)]
    assert texts == ["T:" + s for s in SENTENCES]
    assert good.requests >= 1


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_server_alone_is_one_printable_line(kind: str) -> None:
    with serving(BROKEN[kind]) as (bad,), pytest.raises(UserError) as error:
        engine(bad.url).translate(SENTENCES)
    message = str(error.value)
    assert message.startswith(f"{bad.url}: ")
    assert "\n" not in message and message.isprintable()


def test_an_endless_answer_is_refused_in_bounded_memory() -> None:
    tracemalloc.start()
    try:
        with serving(endless) as (bad,), pytest.raises(UserError, match="larger than"):
            engine(bad.url).translate(["Hello."])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 80 * 2**20  # the cap (16 MB) and its copies, not the 3.8 GB of the report


def test_a_dribbling_server_is_cut_off_at_the_deadline() -> None:
    # Each byte arrives well within the read timeout (5 s); only the deadline ends it.
    with serving(drip(0.2), healthy()) as (slow, good):
        with pytest.raises(UserError, match=r"no complete answer from LibreTranslate within 1 s"):
            engine(slow.url, deadline=1.0).translate(["Hello."])
        texts = [t.text for t in engine(slow.url, good.url, deadline=1.0).translate(SENTENCES)]
    assert texts == ["T:" + s for s in SENTENCES]


def test_a_redirect_to_another_host_is_not_followed() -> None:
    with serving(healthy("EVIL:")) as (evil,):
        redirect = raw(
            b"HTTP/1.1 302 Found\r\nLocation: "
            + evil.url.encode()
            + b"/translate\r\nContent-Length: 0\r\n\r\n"
        )
        with serving(redirect, healthy()) as (redirector, good):
            with pytest.raises(UserError, match=r"redirect .* not followed"):
                engine(redirector.url).translate(["Hello."])
            texts = [t.text for t in engine(redirector.url, good.url).translate(SENTENCES)]
    assert texts == ["T:" + s for s in SENTENCES]
    assert evil.requests == 0


@pytest.mark.parametrize("status", ["400 Bad Request", "302 Found", "500 Oops\x1b[2J"])
def test_server_text_is_printed_without_terminal_escapes(status: str) -> None:
    nasty = "\x1b[2J\x1b]0;pwned\x07boom\u202ereversed\x9b31m"
    body = json.dumps({"error": nasty}).encode()
    headers = f"Location: http://x/{nasty}\r\n" if status.startswith("302") else ""
    with serving(raw(answer(status, body, headers))) as (bad,), pytest.raises(UserError) as error:
        engine(bad.url).translate(["Hello."])
    message = str(error.value)
    assert message.isprintable(), repr(message)
    assert "\u202e" not in message and "\x9b" not in message


def test_the_cli_fails_over_and_says_one_line_when_all_fail(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Shelling in Stepanakert.\n\nBaku said nothing.\n", encoding="utf-8")
    args = ["translate", article, "--to", "ru", "--no-glossary", "--engine", "libretranslate"]
    with serving(BROKEN["bad status line"], healthy(), BROKEN["nested JSON"]) as servers:
        bad, good, deep = servers
        result = newsloc(*args, "--out", tmp_path / "a", "--server", f"{bad.url},{good.url}")
        assert result.exit_code == 0, result.output
        assert "T:Shelling" in (tmp_path / "a/ru/LC_MESSAGES/story.po").read_text()
        result = newsloc(*args, "--out", tmp_path / "b", "--server", f"{bad.url},{deep.url}")
    assert_refused(result, bad.url)
    assert not (tmp_path / "b").exists()


@pytest.mark.skipif(not DEEP, reason="deep mode only (NEWSLOC_FUZZ_DEEP=1)")
def test_random_bytes_from_a_server_fail_over() -> None:
    rng = random.Random()
    for _ in range(60):
        head = rng.choice([b"HTTP/1.1 200 OK\r\n", b"HTTP/1.0 ", b"", b"HTTP/1.1 999 X\r\n"])
        noise = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
        with serving(raw(head + noise), healthy()) as (bad, good):
            texts = [t.text for t in engine(bad.url, good.url).translate(SENTENCES)]
        assert texts == ["T:" + s for s in SENTENCES]


def test_a_dribbling_index_server_is_cut_off_at_the_deadline() -> None:
    with serving(drip(0.2)) as (slow,), pytest.raises(FetchError, match=r"within 1 s"):
        fetch_bytes(f"{slow.url}/index.json", "the Argos package index", deadline=1.0)


def test_an_endless_index_answer_is_refused_at_the_cap() -> None:
    with serving(endless) as (bad,), pytest.raises(FetchError, match="larger than 1 MB"):
        fetch_bytes(f"{bad.url}/index.json", "the Argos package index", max_bytes=2**20)
