"""Help screens a new user reads: every default shown, every flag named once, nothing eaten."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from newsloc.translate.cli import app

COMMANDS = [
    ["translate"],
    ["models", "install"],
    ["models", "list"],
    ["glossary", "check"],
    ["glossary", "apply"],
    ["glossary", "export"],
    ["glossary", "review", "import"],
    ["catalog", "stats"],
    ["edition", "build"],
]


def _help(command: list[str]) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.output


def test_translate_help_shows_the_defaults_that_are_not_literal_values() -> None:
    text = " ".join(_help(["translate"]).split())
    # Rich markup used to eat "[default: …]" written into help texts, leaving "name ."
    assert "[default: (the article's file stem)]" in text
    assert "[default: ($LIBRETRANSLATE_URL)]" in text
    assert "[default: (today)]" in text
    assert "[default: hy,az,ru]" in text


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_reads_cleanly(command: list[str]) -> None:
    text = _help(command)
    assert "--no-no-" not in text
    assert "no-no-" not in text
    # A space before a full stop is what is left where markup swallowed a bracket.
    assert not re.search(r"\w \.(\s|$)", text), text
    assert "Usage: newsloc " + " ".join(command) in " ".join(text.split())
