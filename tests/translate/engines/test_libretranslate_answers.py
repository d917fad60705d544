"""Issue 20, item 5: a LibreTranslate answer that is not text is a bad answer, not a translation.

`null`, a number (`NaN` too), a list or an object in `translatedText` used to be written into
the catalogue as "None", "nan" or "{'a': [1, 2]}". Now the server's answer is refused and the
batch goes to the next server, as for any broken answer (docs/libretranslate.md).
"""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloc.base.po.conventions import read_catalogue
from newsloc.translate.engines.libretranslate import LibreTranslateEngine, parse_answer
from newsloc.translate.errors import UserError
from newsloc.translate.pipeline import RunSettings
from newsloc.translate.pipeline import translate_article as run_article


def translate_article(article, languages, *, out, domain=None, **settings):
    """`translate_article` with its settings as keywords, as these tests were written."""
    return run_article(article, RunSettings(list(languages), out=out, **settings), domain=domain)


BAD_ANSWERS = [
    "null",
    '{"a": [1, 2]}',
    "NaN",
    "Infinity",
    "1.5",
    "true",
    '["x"]',
]


@contextlib.contextmanager
def fake_server(answer: str | None) -> Iterator[tuple[str, list[int]]]:
    """A LibreTranslate stand-in: each text of `q` becomes `answer` (raw JSON), or, for None,
    the text in upper case. Yields its URL and a list counting its requests."""
    requests: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            texts = json.loads(self.rfile.read(length))["q"]
            requests.append(len(texts))
            if answer is None:
                body = json.dumps({"translatedText": [t.upper() for t in texts]})
            else:
                body = '{"translatedText": [' + ", ".join([answer] * len(texts)) + "]}"
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("answer", BAD_ANSWERS)
def test_an_answer_that_is_not_text_is_refused(answer: str) -> None:
    body = json.loads('{"translatedText": [' + answer + ', "ok"]}')
    with pytest.raises(UserError) as caught:
        parse_answer("http://mt1:5000", body, 2)
    message = str(caught.value)
    assert message.startswith("http://mt1:5000: unexpected answer from LibreTranslate")
    assert "\n" not in message


def test_a_single_answer_that_is_not_text_is_refused() -> None:
    for body in (
        {"translatedText": None},
        {"translatedText": float("nan")},
        {"translatedText": {}},
    ):
        with pytest.raises(UserError):
            parse_answer("http://mt1:5000", body, 1)


def test_a_translation_holding_a_nul_is_refused() -> None:
    with pytest.raises(UserError, match="NUL"):
        parse_answer("http://mt1:5000", {"translatedText": ["a\x00b"]}, 1)


@pytest.mark.parametrize("answer", ["null", '{"a": [1, 2]}', "NaN"])
def test_a_bad_answer_fails_over_to_the_next_server(tmp_path: Path, answer: str) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Residents left.\n\nThe road stayed open.\n", encoding="utf-8")
    with fake_server(answer) as (bad, _), fake_server(None) as (good, _):

        def factory(language: str) -> LibreTranslateEngine:
            return LibreTranslateEngine("en", language, server=[bad, good])

        translate_article(article, ["ru"], out=tmp_path / "loc", engine_factory=factory)
    po = read_catalogue(tmp_path / "loc" / "ru" / "LC_MESSAGES" / "story.po")
    assert {e.msgid: e.msgstr for e in po} == {
        "Residents left.": "RESIDENTS LEFT.",
        "The road stayed open.": "THE ROAD STAYED OPEN.",
    }


def test_only_bad_answers_stop_the_run_and_write_nothing(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Residents left.\n", encoding="utf-8")
    with fake_server("null") as (bad, _):

        def factory(language: str) -> LibreTranslateEngine:
            return LibreTranslateEngine("en", language, server=bad)

        with pytest.raises(UserError, match="null, not text"):
            translate_article(article, ["ru"], out=tmp_path / "loc", engine_factory=factory)
    assert not (tmp_path / "loc").exists()
