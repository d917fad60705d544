"""The LibreTranslate engine against real LibreTranslate servers on loopback.

The servers are LibreTranslate from PyPI (its own venv, `make libretranslate`) serving
genuine tiny Argos packages; see tests/support/libretranslate_server.py. They start once
per session and are shared by these tests. Where that venv could not be made, the tests
that need a server skip with one reason; the client's pure parts are tested without one.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from newsloc.translate.cli import app
from newsloc.translate.engines.libretranslate import (
    MAX_BATCH,
    LibreTranslateEngine,
    parse_answer,
    parse_servers,
    split_batches,
)
from newsloc.translate.errors import UserError
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support import corpus
from tests.support.libretranslate_server import (
    VENV,
    LibreTranslateServer,
    ServerHome,
    free_port,
    start_together,
    translate_directly,
    unavailable_reason,
)
from tests.support.tiny_minisbd import write_model

GLOSSARY = Path(__file__).parent.parent / "data" / "two-cities.toml"
SENTENCES = [
    "Shelling was heard in Stepanakert.",
    "Officials in Baku were silent.",
    "Talks were held in Baku.",
]
API_KEY = "newsroom-key-1"


@pytest.fixture(scope="session")
def lt_home(tmp_path_factory: pytest.TempPathFactory) -> ServerHome:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    return ServerHome(tmp_path_factory.mktemp("libretranslate"))


@pytest.fixture(scope="session")
def lt_servers(lt_home: ServerHome) -> Iterator[dict[str, list[LibreTranslateServer]]]:
    """Three plain servers and one that wants API keys, started side by side once."""
    database = lt_home.root / "api_keys.db"
    lt_home.add_api_key(database, API_KEY)
    keyed = [
        "--api-keys",
        *("--api-keys-db-path", str(database)),
        # Programmatic clients need a key unless their Origin header matches.
        *("--require-api-key-origin", "newsroom.example"),
    ]
    fleet = [LibreTranslateServer(lt_home, name) for name in ("lt-a", "lt-b", "lt-c")]
    everyone = [*fleet, LibreTranslateServer(lt_home, "lt-keyed", keyed)]
    try:
        start_together(everyone)
        yield {"fleet": fleet, "keyed": everyone[3:]}
    finally:
        for server in everyone:
            server.stop()


@pytest.fixture()
def servers(lt_servers: dict[str, list[LibreTranslateServer]]) -> list[LibreTranslateServer]:
    """The three plain servers, each running (one an earlier test stopped is restarted)."""
    fleet = lt_servers["fleet"]
    for server in fleet:
        if not server.running():
            server.start()
    return fleet


@pytest.fixture()
def keyed_server(lt_servers: dict[str, list[LibreTranslateServer]]) -> LibreTranslateServer:
    return lt_servers["keyed"][0]


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["translate", *args])


def _article(tmp_path: Path, paragraphs: list[str], name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def _catalog(out: Path, language: str, domain: str = "story") -> polib.POFile:
    return polib.pofile(str(out / language / "LC_MESSAGES" / f"{domain}.po"))


def _long_article() -> list[str]:
    """54 paragraphs of one sentence each, all different."""
    return [f"On day {day} {s[0].lower()}{s[1:]}" for day in (1, 2, 3) for s in corpus.ENGLISH]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _answered(server: LibreTranslateServer) -> int:
    """How many texts the server has translated so far, from its own log."""
    return server.log_path.read_text(encoding="utf-8", errors="replace").count(
        "hypotheses_to_return"
    )


# --- the client's pure parts: no server needed --------------------------------------------


def test_server_lists_parse_from_flags_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_servers(["http://a:5000/", "http://b:5000, https://c", "http://a:5000"]) == [
        "http://a:5000",
        "http://b:5000",
        "https://c",
    ]
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://x:1,http://y:2")
    assert LibreTranslateEngine("en", "ru").servers == ["http://x:1", "http://y:2"]
    with pytest.raises(UserError, match="'ftp://a' is not an http"):
        parse_servers("http://ok, ftp://a")
    monkeypatch.delenv("LIBRETRANSLATE_URL")
    with pytest.raises(UserError, match="needs a server: --server URL or LIBRETRANSLATE_URL"):
        LibreTranslateEngine("en", "ru", server=" , ")


def test_batches_cover_the_document_in_order() -> None:
    sentences = [f"s{i}" for i in range(203)]
    for servers in (1, 2, 3, 10):
        batches = split_batches(sentences, servers)
        assert [s for batch in batches for s in batch] == sentences
        assert max(map(len, batches)) <= MAX_BATCH
        # Enough batches that every server has work, and no server waits on a giant one.
        assert len(batches) >= servers and len({len(b) for b in batches[:-1]}) == 1
    assert split_batches(["only"], 3) == [["only"]]


def test_broken_answers_are_one_line_naming_the_server() -> None:
    assert parse_answer("http://a", {"translatedText": ["x", "y"]}, 2) == ["x", "y"]
    assert parse_answer("http://a", {"translatedText": "x"}, 1) == ["x"]
    with pytest.raises(UserError, match=r"^http://a: unexpected answer from LibreTranslate"):
        parse_answer("http://a", {"translatedText": ["x"]}, 2)
    with pytest.raises(UserError, match="unexpected answer"):
        parse_answer("http://a", ["x", "y"], 2)


def test_all_servers_unreachable_is_one_line(tmp_path: Path) -> None:
    dead = [f"http://127.0.0.1:{free_port()}" for _ in range(3)]
    with pytest.raises(UserError, match="cannot reach LibreTranslate") as one:
        LibreTranslateEngine("en", "ru", server=dead[0]).translate(["Hello."])
    assert str(one.value).startswith(f"{dead[0]}: ")
    with pytest.raises(UserError) as every:
        LibreTranslateEngine("en", "ru", server=dead).translate(SENTENCES)
    message = str(every.value)
    assert message.startswith("all 3 LibreTranslate servers failed: ")
    assert all(f"{url}: cannot reach LibreTranslate" in message for url in dead)
    assert "\n" not in message


def test_the_tiny_minisbd_model_splits_like_its_rule(tmp_path: Path) -> None:
    """MiniSBD itself (in LibreTranslate's venv) loads the model and splits with it."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    model = write_model(tmp_path / "en.onnx")
    code = (
        "import json, sys; from minisbd import SBDetect; "
        "print(json.dumps(SBDetect(sys.argv[1], use_gpu=False).sentences(sys.argv[2])))"
    )
    text = "Talks ended at 3.45 in Baku. Nobody spoke.\n\nA second paragraph without a stop"
    done = subprocess.run(
        [str(VENV / "bin" / "python"), "-c", code, str(model), text],
        capture_output=True,
        text=True,
        timeout=120,
        env={"ORT_DISABLE_TELEMETRY": "1", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [
        "Talks ended at 3.45 in Baku.",
        "Nobody spoke.",
        "A second paragraph without a stop",
    ]


# --- against real servers ------------------------------------------------------------------


def test_cli_translates_through_a_real_server(
    servers: list[LibreTranslateServer], tmp_path: Path
) -> None:
    server = servers[0]
    out = tmp_path / "loc"
    result = _invoke(
        str(_article(tmp_path, SENTENCES)),
        *("--to", "ru,hy", "--engine", "libretranslate", "--server", server.url),
        *("--glossary", str(GLOSSARY), "--out", str(out), "--json"),
    )
    assert result.exit_code == 0, result.output
    for language in ("ru", "hy"):
        po = _catalog(out, language)
        assert [e.msgid for e in po] == SENTENCES
        # Exactly what the server says for each sentence asked on its own.
        assert [e.msgstr for e in po] == translate_directly(server.url, language, SENTENCES)
        assert all(e.msgstr and e.msgstr != e.msgid for e in po)
        engine = f"machine translation: libretranslate en→{language} ({server.url})"
        assert all(e.tcomment.startswith(engine) and "fuzzy" in e.flags for e in po)
    # The tiny model writes no real names: the glossary flags each ru mention for review.
    ru = _catalog(out, "ru")
    assert 'glossary: baku: expected "Баку" for "Baku"' in ru[2].tcomment
    counts = {c["language"]: c for c in json.loads(result.stdout)["languages"]}
    assert (counts["ru"]["mentions"], counts["ru"]["not_found"]) == (3, 3)
    assert counts["hy"]["machine_translated"] == 3


def test_three_servers_share_a_run_and_keep_every_entry_in_place(
    servers: list[LibreTranslateServer], tmp_path: Path
) -> None:
    paragraphs = _long_article()
    article = _article(tmp_path, paragraphs)
    single = _invoke(
        str(article),
        *("--to", "az", "--engine", "libretranslate", "--server", servers[0].url),
        *("--no-glossary", "--out", str(tmp_path / "one")),
    )
    assert single.exit_code == 0, single.output
    before = [_answered(s) for s in servers]
    dead = f"http://127.0.0.1:{free_port()}"  # a machine that is off: its share goes elsewhere
    shared = _invoke(
        str(article),
        *("--to", "az", "--engine", "libretranslate"),
        *("--server", servers[0].url, "--server", f"{dead},{servers[1].url},{servers[2].url}"),
        *("--no-glossary", "--out", str(tmp_path / "three")),
    )
    assert shared.exit_code == 0, shared.output
    reference, fleet_po = _catalog(tmp_path / "one", "az"), _catalog(tmp_path / "three", "az")
    assert [e.msgid for e in fleet_po] == paragraphs
    assert [e.msgstr for e in fleet_po] == [e.msgstr for e in reference]
    assert len({e.msgstr for e in fleet_po}) > 15  # varied enough that a reordering shows
    # Every live server did part of the work, and no sentence was translated twice.
    answered = [_answered(s) - b for s, b in zip(servers, before, strict=True)]
    assert all(n > 0 for n in answered), answered
    assert sum(answered) == len(paragraphs)
    urls = ", ".join([servers[0].url, dead, servers[1].url, servers[2].url])
    assert " ".join(fleet_po[0].tcomment.split()).startswith(
        f"machine translation: libretranslate en→az ({urls})"
    )


def test_a_server_stopped_mid_run_leaves_its_work_to_the_others(
    servers: list[LibreTranslateServer], tmp_path: Path
) -> None:
    paragraphs = _long_article()
    article = _article(tmp_path, paragraphs)
    victim = servers[1]
    answers: Counter[str] = Counter()
    lock = threading.Lock()

    def stop_victim_after_its_first_answer(server: str, sentences: int) -> None:
        with lock:
            answers[server] += sentences
            if server == victim.url and victim.running():
                victim.stop()  # killed: its next request is refused

    def factory(language: str) -> LibreTranslateEngine:
        return LibreTranslateEngine(
            "en",
            language,
            server=[s.url for s in servers],
            on_answer=stop_victim_after_its_first_answer,
        )

    report = translate_article(
        article, RunSettings(["ru"], out=tmp_path / "loc", engine_factory=factory), domain="story"
    )
    assert not victim.running()
    (language,) = report.languages
    assert language.machine_translated == len(paragraphs) and language.untranslated == 0
    po = _catalog(tmp_path / "loc", "ru")
    assert [e.msgid for e in po] == paragraphs
    assert [e.msgstr for e in po] == translate_directly(servers[0].url, "ru", paragraphs)
    # The victim answered one batch before it stopped; the others did the rest, once.
    assert answers[victim.url] == len(split_batches(paragraphs, 3)[0])
    assert sum(answers.values()) == len(paragraphs)
    assert answers[servers[0].url] > 0 and answers[servers[2].url] > 0


def test_every_server_down_stops_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    article = _article(tmp_path, SENTENCES)
    out = tmp_path / "loc"
    first = _invoke(str(article), "--to", "ru", "--engine", "none", "--out", str(out))
    assert first.exit_code == 0, first.output
    before = _snapshot(out)
    down = [f"http://127.0.0.1:{free_port()}" for _ in range(3)]  # machines that are off
    result = _invoke(
        str(article),
        *("--to", "ru,hy", "--engine", "libretranslate", "--server", ",".join(down)),
        *("--out", str(out)),
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "newsloc: error: all 3 LibreTranslate servers failed: "
    )
    assert all(f"{url}: cannot reach LibreTranslate" in lines[0] for url in down)
    assert "Traceback" not in result.output
    assert _snapshot(out) == before  # the catalogues from before, untouched; nothing new


def test_api_keys_missing_wrong_and_valid(
    keyed_server: LibreTranslateServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _article(tmp_path, SENTENCES)
    out = tmp_path / "loc"
    args = [str(article), "--to", "ru", "--engine", "libretranslate", "--out", str(out)]
    monkeypatch.setenv("LIBRETRANSLATE_URL", keyed_server.url)

    monkeypatch.delenv("LIBRETRANSLATE_API_KEY", raising=False)
    missing = _invoke(*args)
    assert missing.exit_code == 2
    assert missing.stderr.strip() == (
        f"newsloc: error: {keyed_server.url}: LibreTranslate refused (400): "
        "Please contact the server operator to get an API key"
    )
    assert not (out / "ru").exists()

    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "not-a-key")
    wrong = _invoke(*args)
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == (
        f"newsloc: error: {keyed_server.url}: LibreTranslate refused (403): Invalid API key"
    )
    assert not (out / "ru").exists()

    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", API_KEY)
    valid = _invoke(*args)
    assert valid.exit_code == 0, valid.output
    assert [e.msgstr for e in _catalog(out, "ru")] == translate_directly(
        keyed_server.url, "ru", SENTENCES, api_key=API_KEY
    )
