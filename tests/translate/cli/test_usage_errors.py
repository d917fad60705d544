"""Usage errors are one `newsloc: error: …` line with the help to read, exit 2, no panel."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app

CASES = [
    # (arguments, the command whose help the line names, words the line must hold)
    (["translate", "a.txt", "--beam-size", "0"], "newsloc translate", "--beam-size"),
    (["translate", "a.txt", "--threads", "1.5"], "newsloc translate", "--threads"),
    (["translate", "a.txt", "--threads", "many"], "newsloc translate", "--threads"),
    (["translate", "a.txt", "--bogus"], "newsloc translate", "no such option: --bogus"),
    (["translate"], "newsloc translate", "missing argument"),
    (["translate", "a.txt", "--to"], "newsloc translate", "--to"),
    (["edition", "build", "--format", "pdf"], "newsloc edition build", "'pdf'"),
    (["edition", "build", "--min-reviewed", "x"], "newsloc edition build", "--min-reviewed"),
    (["glossary", "export", "--frob"], "newsloc glossary export", "--frob"),
    (["glossary", "export", "--form", "tsv"], "newsloc glossary export", "--format"),
    (["glossary", "import"], "newsloc glossary import", "missing argument 'FILE'"),
    (["glossary", "review", "export"], "newsloc glossary review export", "--lang"),
    (["glossary", "check", "--quiet=3", "x.po"], "newsloc glossary check", "--quiet"),
    (["glossary", "find"], "newsloc glossary find", "missing argument"),
    (["catalog", "stats", "--nope"], "newsloc catalog stats", "--nope"),
    (["catalog", "compile", "--domain"], "newsloc catalog compile", "--domain"),
    (["models", "remove", "--nope"], "newsloc models remove", "--nope"),
    (["bogus"], "newsloc", "no such command 'bogus'"),
    (["glosary"], "newsloc", "did you mean 'glossary'?"),
    (["glossary", "exprot"], "newsloc glossary", "did you mean 'export'?"),
    (["--bogus"], "newsloc", "no such option: --bogus"),
]


@pytest.mark.parametrize(("args", "command", "words"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_is_one_line_naming_the_help(args: list[str], command: str, words: str):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("newsloc: error: ")
    assert line.endswith(f"; see '{command} --help'")
    assert words in line
    assert "╭" not in line and "Usage:" not in line and "Traceback" not in result.output


def test_a_group_without_a_command_still_shows_its_help():
    result = CliRunner().invoke(app, ["glossary"])
    assert result.exit_code == 2
    assert "export" in result.output and "newsloc: error" not in result.output


def test_help_and_version_still_exit_zero():
    assert CliRunner().invoke(app, ["translate", "--help"]).exit_code == 0
    version = CliRunner().invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("newsloc ")
