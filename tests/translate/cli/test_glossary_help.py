"""The glossary commands' help screens: every option, argument and command a user read before
newsloc's command line moved from typer to click, spelled and ordered as it was."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app

GLOSSARY = "-g, --glossary PATH"
POLICY = "--policy NAME"
OUT = "-o, --out FILE"

#: command -> (usage line's arguments, the Options section's rows before --help)
SCREENS = {
    "init": ("PATH", ["--force"]),
    "validate": ("[PATH]", []),
    "list": ("", ["--contested", "--json", GLOSSARY, POLICY]),
    "show": ("ID|NAME", ["--json", GLOSSARY, POLICY]),
    "find": ("TEXT|FILE", ["--json", GLOSSARY]),
    "apply": ("CATALOGUE...", [GLOSSARY, POLICY, "--dry-run"]),
    "check": (
        "CATALOGUE...",
        [GLOSSARY, POLICY, "--json", "-q, --quiet", "--select CODES", "--ignore CODES"],
    ),
    "export": (
        "",
        ["-f, --format tsv|csv|tbx|xcs", "-l, --lang LANG", OUT, GLOSSARY, "--force"],
    ),
    "import": (
        "FILE",
        [
            OUT,
            "-l, --lang LANG",
            "-f, --format tsv|csv|tbx",
            "--glossary-version VERSION",
            "--force",
        ],
    ),
    "review export": ("", ["-l, --lang LANG", OUT, GLOSSARY, "--force"]),
    "review import": ("FILE.po", [GLOSSARY, "--dry-run", "--json"]),
}


def _help(*words: str) -> str:
    result = CliRunner().invoke(app, ["glossary", *words, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.output


def _options(text: str) -> list[str]:
    """The Options section's rows: each option's names and metavar, as a user reads them."""
    section = text.split("\nOptions:\n", 1)[1].split("\n\n", 1)[0]
    rows = [re.split(r"\s{2,}", line.strip())[0] for line in section.splitlines()]
    return [row for row in rows if row.startswith("-")]


@pytest.mark.parametrize("command", list(SCREENS))
def test_a_glossary_command_lists_its_options_as_before(command: str) -> None:
    arguments, options = SCREENS[command]
    text = _help(*command.split())
    usage = f"Usage: newsloc glossary {command} [OPTIONS]" + (f" {arguments}" if arguments else "")
    assert text.splitlines()[0] == usage
    assert _options(text) == [*options, "--help"]
    assert "[default: None]" not in text and "[default: False]" not in text
    if arguments:
        # One Arguments section, the name without the usage line's brackets and dots.
        assert text.count("Arguments:") == 1
        assert "Positional arguments" not in text
        listed = text.split("\nArguments:\n", 1)[1].split()[0]
        assert listed == arguments.strip("[]").removesuffix("...")


def test_the_glossary_group_lists_its_commands_in_their_order() -> None:
    listing = _help().split("\nCommands:\n", 1)[1]
    names = [line.split()[0] for line in listing.splitlines() if line[2:3].strip()]
    assert names == [
        "init",
        "validate",
        "list",
        "show",
        "find",
        "apply",
        "check",
        "export",
        "import",
        "review",
    ]
    review = _help("review").split("\nCommands:\n", 1)[1]
    assert [line.split()[0] for line in review.splitlines() if line[2:3].strip()] == [
        "export",
        "import",
    ]


def test_required_and_missing_values_read_as_before() -> None:
    runner = CliRunner()
    lang = runner.invoke(app, ["glossary", "review", "export"])
    assert lang.exit_code == 2
    assert "missing option '--lang' / '-l'" in lang.stderr
    files = runner.invoke(app, ["glossary", "check"])
    assert files.exit_code == 2
    assert "missing argument 'CATALOGUE'" in files.stderr
    assert "[required]" in _help("review", "export").split("--lang", 1)[1].split("\n  -")[0]
