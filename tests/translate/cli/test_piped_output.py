"""Output read through a pipe: no padding, nothing cut at 80 columns, and the tables'
headings are the JSON keys scripts read (with spaces for underscores)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from tests.conftest import SAMPLE_ARTICLE


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _headings(text: str, first: str) -> list[str]:
    """The words of the table's heading line, the one that starts with `first`."""
    line = next(line for line in text.splitlines() if line.strip().startswith(first))
    return line.split("  ")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("  ") if cell.strip()]


def test_translate_headings_are_the_json_keys(tmp_path: Path) -> None:
    args = ["translate", str(SAMPLE_ARTICLE), "--engine", "none", "--to", "ru"]
    table = _run(*args, "--out", str(tmp_path / "a"))
    data = json.loads(_run(*args, "--out", str(tmp_path / "b"), "--json").stdout)
    assert table.exit_code == 0, table.output
    headings = _cells(next(x for x in table.stdout.splitlines() if "entries" in x))
    keys = set(data["languages"][0])
    assert [h.replace(" ", "_") for h in headings if h.replace(" ", "_") not in keys] == []
    assert "untranslated" in headings and "placed by alignment" in headings
    assert "empty" not in headings and "aligned" not in headings
    # Piped: no line padded with blanks, the file paths included.
    assert all(line == line.rstrip() for line in table.stdout.splitlines()), table.stdout


def test_catalog_stats_headings_are_the_json_keys(tmp_path: Path) -> None:
    out = tmp_path / "loc"
    assert (
        _run("translate", str(SAMPLE_ARTICLE), "--engine", "none", "--out", str(out)).exit_code == 0
    )
    table = _run("catalog", "stats", "--locales", str(out))
    data = json.loads(_run("catalog", "stats", "--locales", str(out), "--json").stdout)
    headings = [
        cell.strip("│ ").strip()
        for cell in next(x for x in table.stdout.splitlines() if "entries" in x).split("┃")
        if cell.strip("│ ").strip()
    ]
    assert "glossary violations" in headings and "glossary" not in headings
    assert {h.replace(" ", "_") for h in headings} <= set(data[0])


def test_a_batch_without_an_engine_does_not_say_translated(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    for name in ("one", "two"):
        shutil.copyfile(SAMPLE_ARTICLE, desk / f"{name}.txt")
    result = _run(
        "translate", str(desk), "--engine", "none", "--to", "ru", "--out", str(tmp_path / "l")
    )
    assert result.exit_code == 0, result.output
    assert "translated" not in result.stdout.splitlines()[0]
    assert "2 of 2 articles made into catalogues for translators (--engine none)" in result.stdout


def test_catalog_audit_keeps_whole_names_when_piped(tmp_path: Path) -> None:
    out = tmp_path / "loc"
    assert (
        _run("translate", str(SAMPLE_ARTICLE), "--engine", "none", "--out", str(out)).exit_code == 0
    )
    result = _run("catalog", "audit", "--locales", str(out))
    data = json.loads(_run("catalog", "audit", "--locales", str(out), "--json").stdout)
    assert "…" not in result.stdout, result.stdout
    for concept in data["concepts"]:
        assert concept["concept"] in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())
