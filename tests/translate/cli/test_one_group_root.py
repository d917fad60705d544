"""`newsloc GROUP …` runs on a root holding that group alone: the same screens and errors."""

from __future__ import annotations

import pytest
import typer
from click.testing import CliRunner

from newsloc.translate.cli import _app_for, app
from tests.translate.cli.test_usage_errors import CASES


def _lines() -> list[list[str]]:
    root = typer.main.get_command(app)
    found: list[list[str]] = [["translate", "--help"], ["translate"]]
    for name, group in root.commands.items():  # type: ignore[attr-defined]
        found += [[name], [name, "--help"], [name, "nosuch"]]
        for sub in getattr(group, "commands", {}):
            found += [[name, sub, "--help"], [name, sub, "--bogus"]]
    return found + [args for args, _, _ in CASES if args[0] in root.commands]  # type: ignore[attr-defined]


@pytest.mark.parametrize("args", _lines(), ids=" ".join)
def test_a_command_line_reads_the_same_on_the_one_group_root(args: list[str]) -> None:
    part = _app_for(args[0])
    assert part is not None
    whole, alone = CliRunner().invoke(app, args), CliRunner().invoke(part, args)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


def test_words_that_name_no_command_get_the_whole_app() -> None:
    assert _app_for("bogus") is None
    assert _app_for("--help") is None


def test_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_NEWSLOC_COMPLETE", "complete_bash")
    assert _app_for("edition") is None
