"""Odd paths and options: one line and exit 2, never a traceback, never a device replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import DEEP
from tests.fuzz.support import assert_refused, newsloc, tree

ARTICLE = "Shelling in Stepanakert.\n\nBaku said nothing.\n"


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def translate(article: Path, out: Path, *extra: str):
    return newsloc(
        "translate",
        article,
        "--to",
        "ru",
        "--engine",
        "none",
        "--no-glossary",
        "--out",
        out,
        *extra,
    )


def test_translate_out_is_an_existing_file(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "taken"
    out.write_text("mine")
    assert_refused(translate(article, out), "taken")
    assert out.read_text() == "mine"


def test_edition_out_is_an_existing_file(tmp_path: Path, article: Path) -> None:
    translate(article, tmp_path / "loc")
    out = tmp_path / "taken"
    out.write_text("mine")
    result = newsloc(
        "edition",
        "build",
        "--lang",
        "ru",
        "--locales",
        tmp_path / "loc",
        "--out",
        out,
        "--allow-fuzzy",
        "--allow-unreviewed-names",
        "--min-reviewed",
        "0",
        "--allow-unreviewed-names",
    )
    assert_refused(result, "taken")
    assert out.read_text() == "mine"


@pytest.mark.parametrize("target", ["/dev/null", "/proc/self", "DIR"])
@pytest.mark.parametrize(
    "command",
    [["glossary", "export", "--format", "csv"], ["glossary", "review", "export", "-l", "ru"]],
    ids=["export", "review export"],
)
def test_out_that_is_not_a_file_is_refused(tmp_path: Path, command: list[str], target: str):
    out = str(tmp_path) if target == "DIR" else target
    before = os.lstat(out).st_mode if target != "DIR" else None
    result = newsloc(*command, "--out", out)
    assert_refused(result, out)
    if before is not None:
        assert os.lstat(out).st_mode == before  # /dev/null is still a device
    assert not [p for p in Path(tmp_path).iterdir()]


@pytest.mark.parametrize("domain", ["", "a\nb", "x" * 300, "../up", ".hidden", "tab\there"])
@pytest.mark.parametrize("command", ["translate", "catalog stats", "catalog compile", "edition"])
def test_unusable_domains(tmp_path: Path, article: Path, domain: str, command: str) -> None:
    locales = tmp_path / "loc"
    translate(article, locales)
    before = tree(tmp_path)
    if command == "translate":
        result = translate(article, locales, "--domain", domain)
    elif command == "edition":
        result = newsloc(
            "edition",
            "build",
            "--lang",
            "ru",
            "--locales",
            locales,
            "--domain",
            domain,
            "--out",
            tmp_path / "ed",
        )
    else:
        result = newsloc(*command.split(), "--locales", locales, "--domain", domain)
    assert_refused(result, "--domain")
    assert tree(tmp_path) == before


@settings(max_examples=200 if DEEP else 15)
@given(st.text(min_size=0, max_size=80))
def test_any_domain_is_used_or_refused_in_one_line(tmp_path_factory, domain: str) -> None:
    root = tmp_path_factory.mktemp("dom")
    (root / "story.txt").write_text(ARTICLE, encoding="utf-8")
    result = translate(root / "story.txt", root / "loc", "--domain", domain)
    if result.exit_code == 0:
        assert (root / "loc" / "ru" / "LC_MESSAGES" / f"{domain}.po").is_file()
        assert all(root / "loc" in p.parents for p in (root / "loc").rglob("*"))
    else:
        assert_refused(result, "--domain")


def test_a_fifo_as_the_article_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert_refused(translate(fifo, tmp_path / "loc"), "pipe.txt")
    assert_refused(newsloc("glossary", "find", fifo), "pipe.txt")


@pytest.mark.parametrize("source", ["missing-story.txt", "news/today", "DIR"])
def test_glossary_find_with_a_missing_file_or_a_folder(tmp_path: Path, source: str) -> None:
    shown = str(tmp_path) if source == "DIR" else source
    assert_refused(newsloc("glossary", "find", shown), shown)


def test_glossary_find_still_takes_text(tmp_path: Path) -> None:
    result = newsloc("glossary", "find", "Shelling in Stepanakert.")
    assert result.exit_code == 0 and "1 mention\n" in result.stdout


def test_article_names_with_spaces_make_an_edition(tmp_path: Path) -> None:
    article = tmp_path / "my story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert translate(article, tmp_path / "loc").exit_code == 0
    result = newsloc(
        "edition",
        "build",
        "--lang",
        "ru",
        "--locales",
        tmp_path / "loc",
        "--out",
        tmp_path / "ed",
        "--allow-fuzzy",
        "--allow-unreviewed-names",
        "--min-reviewed",
        "0",
        "--allow-unreviewed-names",
    )
    assert result.exit_code == 0, result.output
    assert "Shelling in Stepanakert." in (tmp_path / "ed" / "my story.ru.md").read_text()
