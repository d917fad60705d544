"""`--to` (translate) and `--lang` (edition build) read a language list the same way."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.cli.languages import parse_languages
from newsloc.translate.errors import UserError

runner = CliRunner()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("hy,xx", "unknown language code 'xx'"),
        ("ru,EN-us", "'EN-us' is not a language code"),
        ("hy,en", "'en' is the source language"),
        ("ru,und", "'und' is not a language code"),
        (" , ", "give at least one language code"),
    ],
)
def test_both_commands_refuse_the_same_lists_with_the_same_words(
    tmp_path, value: str, problem: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Text.\n", encoding="utf-8")
    commands = {
        "--to": ["translate", str(article), "--to", value, "--out", str(tmp_path / "loc")],
        "--lang": ["edition", "build", "--lang", value, "--locales", str(tmp_path)],
    }
    for option, args in commands.items():
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"newsloc: error: {option}: {problem}")
        assert result.stderr.count("\n") == 1
    assert not (tmp_path / "loc").exists()


def test_a_list_keeps_its_order_once_each_and_skips_empty_items() -> None:
    assert parse_languages("ru, hy,,ru,az,", "--to") == ["ru", "hy", "az"]
    with pytest.raises(UserError, match="--lang: unknown language code 'xx'"):
        parse_languages("xx", "--lang")
