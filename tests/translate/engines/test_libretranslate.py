"""The LibreTranslate engine against a fake server on loopback, glossary applied after it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import polib
import pytest
from typer.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.engines.libretranslate import LibreTranslateEngine
from newsloc.translate.errors import UserError

#: What the fake server "knows": the engine used the other name, in the locative.
TRANSLATIONS = {
    "Shelling was heard in Stepanakert.": "Обстрел был слышен в Ханкенди.",
    "Officials in Baku were silent.": "Чиновники в Баку молчали.",
    "Talks were held in Baku.": "Переговоры прошли.",  # the engine dropped the name
}


class _Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        if body.get("target") == "xx":
            self._answer(400, {"error": "xx is not supported"})
            return
        self._answer(200, {"translatedText": [TRANSLATIONS.get(q, q) for q in body["q"]]})

    def _answer(self, status: int, data: dict) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    _Handler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_whole_document_in_one_request(server: str) -> None:
    engine = LibreTranslateEngine("en", "ru", server=server)
    result = engine.translate(list(TRANSLATIONS))
    assert [t.text for t in result] == list(TRANSLATIONS.values())
    assert len(_Handler.requests) == 1 and _Handler.requests[0]["q"] == list(TRANSLATIONS)


def test_glossary_applies_to_server_output(server: str, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("\n\n".join(TRANSLATIONS), encoding="utf-8")
    glossary = Path(__file__).parent.parent / "data" / "two-cities.toml"
    result = CliRunner().invoke(
        app,
        [
            "translate",
            str(article),
            "--to",
            "ru",
            "--engine",
            "libretranslate",
            "--server",
            server,
            "--glossary",
            str(glossary),
            "--out",
            str(tmp_path / "loc"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(tmp_path / "loc" / "ru" / "LC_MESSAGES" / "story.po"))
    # The engine wrote the other name: the source's name comes first, in the same case.
    assert po[0].msgstr == "Обстрел был слышен в Степанакерте (Ханкенди)."
    assert po[1].msgstr == "Чиновники в Баку молчали."
    assert po[0].tcomment.startswith(f"machine translation: libretranslate en→ru ({server})")
    # A dropped name is left as the engine wrote it, flagged for the reviewer.
    assert po[2].msgstr == "Переговоры прошли." and "fuzzy" in po[2].flags
    assert 'glossary: baku: expected "Баку" for "Baku"' in po[2].tcomment
    (counts,) = json.loads(result.stdout)["languages"]
    assert (counts["mentions"], counts["rendered"], counts["not_found"]) == (3, 2, 1)


def test_server_errors_are_one_line(server: str) -> None:
    with pytest.raises(UserError, match="LibreTranslate refused \\(400\\): xx is not supported"):
        LibreTranslateEngine("en", "xx", server=server).translate(["Hello."])
    with pytest.raises(UserError, match="cannot reach LibreTranslate"):
        LibreTranslateEngine("en", "ru", server="http://127.0.0.1:9").translate(["Hello."])
    with pytest.raises(UserError, match="needs a server"):
        LibreTranslateEngine("en", "ru", server="")
