"""`glossary show` finds a concept by any of its names; `glossary find` counts in English."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app


def _run(*args: str):
    return CliRunner().invoke(app, ["glossary", *args])


@pytest.mark.parametrize("name", ["khankendi", "Khankendi", "Xankandi", "Ханкенди", "Степанакерте"])
def test_show_by_a_name_leads_to_its_concept(name: str) -> None:
    result = _run("show", name)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("stepanakert (city)")
    assert result.stderr.strip() == f"{name}: a name of stepanakert"
    data = json.loads(_run("show", name, "--json").stdout)
    assert data["id"] == "stepanakert"


def test_show_an_unknown_name_is_one_line_with_a_suggestion() -> None:
    result = _run("show", "stepanakertt")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.endswith("did you mean 'stepanakert'?")


@pytest.mark.parametrize(
    ("text", "summary"),
    [("No places here.", "0 mentions"), ("Shusha", "1 mention"), ("Shusha, Lachin", "2 mentions")],
)
def test_find_counts_mentions_in_proper_english(text: str, summary: str) -> None:
    result = _run("find", text)
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().splitlines()[-1] == summary
