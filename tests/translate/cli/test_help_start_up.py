"""`newsloc COMMAND --help` prints the same screen as before while skipping option parsing
(whose validation imports pydantic: three times `import typer`'s start-up, issue 21)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.main import get_command
from click.testing import CliRunner

from newsloc.translate import cli
from newsloc.translate.cli import app

runner = CliRunner()


def command_paths() -> list[list[str]]:
    """Every command and group below the root, as the words that name it."""
    paths: list[list[str]] = []

    def walk(command, words: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            paths.append([*words, name])
            walk(sub, [*words, name])

    walk(get_command(app), [])
    return paths


@pytest.mark.parametrize("words", command_paths(), ids=" ".join)
def test_help_screen_is_the_one_option_parsing_prints(
    words: list[str], monkeypatch: pytest.MonkeyPatch
):
    quick = runner.invoke(app, [*words, "--help"])
    monkeypatch.setattr(cli, "_help_at_once", lambda *args: None)
    parsed = runner.invoke(app, [*words, "--help"])

    assert quick.exit_code == parsed.exit_code == 0
    assert quick.stdout == parsed.stdout
    assert quick.stdout.startswith(f"Usage: newsloc {' '.join(words)} ")


@pytest.mark.parametrize(
    "args",
    [["translate", "--to", "hy", "--help"], ["translate", "--nope", "--help"], ["nope", "--help"]],
)
def test_other_forms_are_parsed_as_before(args: list[str], monkeypatch: pytest.MonkeyPatch):
    result = runner.invoke(app, args)
    monkeypatch.setattr(cli, "_help_at_once", lambda *args: None)
    parsed = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        parsed.exit_code,
        parsed.stdout,
        parsed.stderr,
    )


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["translate", "--help"], ["glossary", "check", "--help"]]
)
def test_help_and_version_do_not_import_pydantic(args: list[str]):
    code = (
        "import sys\n"
        f"sys.argv = ['newsloc', *{args!r}]\n"
        "from newsloc.translate.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "False"
    assert done.stdout.strip()


def test_version_answered_early_says_what_the_option_says():
    done = subprocess.run(
        [sys.executable, "-c", "from newsloc.translate.cli import main; main()", "--version"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert done.stdout == runner.invoke(app, ["--version"]).stdout
