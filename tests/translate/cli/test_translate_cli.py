"""`newsloc translate` from the command line: what an editor types and sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from tests.support.articles import entry_count

runner = CliRunner()


def newsloc(*args: str):
    return runner.invoke(app, list(args))


def test_writes_template_and_one_catalogue_per_language(tmp_path: Path, news_article: Path) -> None:
    out = tmp_path / "loc"
    result = newsloc(
        "translate",
        str(news_article),
        "--to",
        "hy,az,ru",
        "--engine",
        "none",
        "--out",
        str(out),
        "--domain",
        "seed",
        "--no-glossary",
        "--json",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["template"] == str(out / "seed.pot")
    entries = entry_count(news_article)
    assert [(r["language"], r["entries"], r["untranslated"]) for r in report["languages"]] == [
        ("hy", entries, entries),
        ("az", entries, entries),
        ("ru", entries, entries),
    ]
    for lang in ("hy", "az", "ru"):
        assert (out / lang / "LC_MESSAGES" / "seed.po").is_file()


def test_defaults_domain_to_the_file_stem(
    tmp_path: Path, news_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = newsloc(
        "translate", str(news_article), "--to", "ru", "--engine", "none", "--no-glossary"
    )
    assert result.exit_code == 0, result.output
    stem = news_article.stem
    assert (tmp_path / "locales" / f"{stem}.pot").is_file()
    assert (tmp_path / "locales" / "ru" / "LC_MESSAGES" / f"{stem}.po").is_file()
    assert "ru" in result.stdout and str(entry_count(news_article)) in result.stdout


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, ("--to", "ru"), "no such file"),
        (b"", ("--to", "ru"), "the article is empty"),
        (b"\xff\xfe\x00A", ("--to", "ru"), "not a text file"),
        (b"caf\xe9\n", ("--to", "ru"), "not UTF-8 text"),
        (b"Text.\n", ("--to", "xx"), "unknown language code 'xx'"),
        (b"Text.\n", ("--to", "ru,EN-us"), "'EN-us' is not a language code"),
        (b"Text.\n", ("--to", "en"), "'en' is the source language"),
        (b"Text.\n", ("--to", "und"), "'und' is not a language code"),
        (b"Text.\n", ("--to", "ru,root"), "'root' is not a language code"),
        (b"Text.\n", ("--to", "ru", "--date", "19/09/2023"), "is not a date"),
        (b"Text.\n", ("--to", "ru", "--engine", "deepl"), "unknown engine 'deepl'"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, content: bytes | None, args: tuple[str, ...], message: str
) -> None:
    article = tmp_path / "article.txt"
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "loc"
    result = newsloc(
        "translate", str(article), "--engine", "none", "--out", str(out), "--no-glossary", *args
    )
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("newsloc: error: ")
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_broken_existing_catalogue_stops_before_anything_is_written(
    tmp_path: Path, news_article: Path
) -> None:
    out = tmp_path / "loc"
    broken = out / "ru" / "LC_MESSAGES" / f"{news_article.stem}.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "unterminated\n', encoding="utf-8")
    result = newsloc(
        "translate",
        str(news_article),
        "--to",
        "hy,ru",
        "--engine",
        "none",
        "--out",
        str(out),
        "--no-glossary",
    )
    assert result.exit_code == 2
    assert str(broken) in result.stderr and "not a readable gettext catalogue" in result.stderr
    assert broken.read_text(encoding="utf-8") == 'msgid "unterminated\n'
    assert not (out / f"{news_article.stem}.pot").exists()
    assert not (out / "hy").exists()


def test_version_and_help() -> None:
    assert newsloc("--version").stdout.startswith("newsloc ")
    help_text = newsloc("translate", "--help").stdout
    assert "--to" in help_text and "--engine" in help_text


def test_a_language_the_glossary_lacks_is_translated_with_a_warning(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Shelling was heard in Stepanakert.\n", encoding="utf-8")
    result = newsloc(
        "translate", str(article), "--to", "fr,ru", "--engine", "none", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("newsloc: warning: fr: the glossary ")
    assert "has no fr names" in warnings[0]
    assert (tmp_path / "fr" / "LC_MESSAGES" / "story.po").is_file()


@pytest.mark.parametrize(
    ("server", "message"),
    [
        (None, "the libretranslate engine needs a server: --server URL or LIBRETRANSLATE_URL"),
        ("garbage", "--server: 'garbage' is not an http(s) URL"),
        ("file:///etc/passwd", "--server: 'file:///etc/passwd' is not an http(s) URL"),
        ("ftp://mirror/", "--server: 'ftp://mirror' is not an http(s) URL"),
    ],
)
def test_an_unusable_libretranslate_server_is_bad_input_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: str | None, message: str
) -> None:
    monkeypatch.delenv("LIBRETRANSLATE_URL", raising=False)
    article = tmp_path / "story.txt"
    article.write_text("Shelling was heard in Stepanakert.\n", encoding="utf-8")
    out = tmp_path / "loc"
    extra = ("--server", server) if server else ()
    result = newsloc(
        "translate", str(article), "--to", "ru", "--engine", "libretranslate", "--out", str(out),
        *extra,
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == f"newsloc: error: {message}\n"
    assert not out.exists()
