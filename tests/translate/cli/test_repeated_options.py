"""Options that take several values add up when repeated, as --server does."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsloc.translate.cli import app
from tests.conftest import SAMPLE_ARTICLE


def _catalogue_languages(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir())


def test_to_given_twice_adds_up(tmp_path: Path) -> None:
    out = tmp_path / "loc"
    result = CliRunner().invoke(
        app,
        [
            "translate",
            str(SAMPLE_ARTICLE),
            "--engine",
            "none",
            "--to",
            "ru",
            "--to",
            "az",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert _catalogue_languages(out) == ["az", "ru"]


def test_to_repeated_and_comma_separated_mix(tmp_path: Path) -> None:
    out = tmp_path / "loc"
    result = CliRunner().invoke(
        app,
        [
            "translate",
            str(SAMPLE_ARTICLE),
            "--engine",
            "none",
            "--to",
            "ru,hy",
            "--to",
            "az",
            "--to",
            "ru",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert _catalogue_languages(out) == ["az", "hy", "ru"]


def test_edition_lang_given_twice_adds_up(tmp_path: Path) -> None:
    out = tmp_path / "loc"
    translated = CliRunner().invoke(
        app, ["translate", str(SAMPLE_ARTICLE), "--engine", "none", "--out", str(out)]
    )
    assert translated.exit_code == 0, translated.output
    refused = CliRunner().invoke(
        app,
        [
            "edition",
            "build",
            "--locales",
            str(out),
            "--lang",
            "hy",
            "--lang",
            "az",
            "--out",
            str(tmp_path / "site"),
            "--json",
        ],
    )
    # Nothing is reviewed, so both are refused: the refusal names both languages.
    assert refused.exit_code == 1, refused.output
    assert "hy" in refused.stderr and "az" in refused.stderr
