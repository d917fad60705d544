"""Help screens a new user reads: every default shown, every flag named once, nothing eaten."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app


def _every_command() -> list[list[str]]:
    """Every command and group of the command line, found by walking it (click's API)."""
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        list_commands = getattr(command, "list_commands", None)
        for name in list_commands(None) if list_commands else []:
            walk(command.get_command(None, name), [*path, name])  # type: ignore[attr-defined]

    walk(app, [])
    return found


EVERY_COMMAND = _every_command()
#: What must never reach a help screen: rich markup (printed as is, rich markup being off),
#: Python type names and typer's braces around arguments.
LEAKS = [
    re.compile(r"\[/?(b|i|u|s|bold|italic|dim|red|green|yellow|cyan|link)\]"),  # [b] [/b] [i]
    re.compile(r"<(list|str|int|float|path|Path|bool|dict|tuple)\b[^>]*>"),
    re.compile(r"\b(list|dict|tuple)\[\w+\]"),
    re.compile(r"<\w+ range>"),
    re.compile(r"\{[\w.|-]*\}"),
]

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
    assert "[default: (hy,az,ru)]" in text


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_reads_cleanly(command: list[str]) -> None:
    text = _help(command)
    assert "--no-no-" not in text
    assert "no-no-" not in text
    # A space before a full stop is what is left where markup swallowed a bracket.
    assert not re.search(r"\w \.(\s|$)", text), text
    assert "Usage: newsloc " + " ".join(command) in " ".join(text.split())


def test_every_command_is_walked() -> None:
    names = {" ".join(path) for path in EVERY_COMMAND}
    assert {"translate", "models install", "glossary review import", "edition build"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: " ".join(c) or "newsloc")
def test_no_markup_or_python_types_on_any_help_screen(command: list[str]) -> None:
    text = _help(command)
    for leak in LEAKS:
        assert not leak.search(text), f"{leak.pattern!r} in:\n{text}"
    # Option values are named in capitals (or by their choices): --out DIR, -o/--out FILE.
    options = text.split("\nOptions:\n", 1)[1] if "\nOptions:\n" in text else ""
    for option, metavar in re.findall(
        r"^  (?:-\w, )?(--[\w-]+)(?:, --[\w-]+)? ([^\s/][^\s,]*)", options, re.M
    ):
        assert metavar.isupper() or "|" in metavar, (option, metavar)
        if option == "--out":
            assert metavar in ("DIR", "FILE"), text


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: " ".join(c) or "newsloc")
def test_command_summaries_are_whole_sentences(command: list[str]) -> None:
    """A group's list of commands shows each one's whole first paragraph, never "… e.g."."""
    text = _help(command)
    if "Commands:" not in text:
        return
    listing = text.split("Commands:", 1)[1]
    entries = re.split(r"\n  (?=\S)", "\n" + listing.strip("\n"))
    for entry in filter(None, (e.strip() for e in entries)):
        summary = " ".join(entry.split()[1:])
        assert summary.endswith((".", "?", ")")), entry
        assert not summary.endswith(("...", "e.g.")), entry
