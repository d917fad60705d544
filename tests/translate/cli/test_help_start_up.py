"""Start-up: `--help` and `--version` import only what they show, and a command line that
names a group imports that group alone (issue 21: the fixed cost of a small command)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import COMMANDS, app

runner = CliRunner()


def _modules_after(args: list[str]) -> tuple[str, set[str]]:
    """What `newsloc ARGS` prints, and the modules it imported, in a fresh interpreter."""
    code = (
        "import sys\n"
        f"sys.argv = ['newsloc', *{args!r}]\n"
        "from newsloc.translate.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout, set(done.stderr.split())


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["translate", "--help"], ["glossary", "check", "--help"]]
)
def test_help_and_version_import_neither_typer_nor_pydantic(args: list[str]) -> None:
    shown, modules = _modules_after(args)
    assert shown.strip()
    assert not {"typer", "pydantic"} & modules


@pytest.mark.parametrize("group", [name for name in COMMANDS if name != "translate"])
def test_a_command_line_imports_only_the_group_it_names(group: str) -> None:
    shown, modules = _modules_after([group, "--help"])
    assert shown.startswith(f"Usage: newsloc {group} ")
    imported = {name for name in COMMANDS if COMMANDS[name][0] in modules}
    assert imported == {group}


def test_version_says_the_package_version() -> None:
    from newsloc.base.version import newsloc_version

    done = subprocess.run(
        [sys.executable, "-c", "from newsloc.translate.cli import main; main()", "--version"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert (
        done.stdout == f"newsloc {newsloc_version()}\n" == runner.invoke(app, ["--version"]).stdout
    )


def test_every_listed_command_is_found_under_its_name() -> None:
    for name in COMMANDS:
        command = app.get_command(None, name)  # type: ignore[arg-type]
        assert isinstance(command, click.Command), name
    assert app.get_command(None, "nosuch") is None  # type: ignore[arg-type]
    help_text = runner.invoke(app, ["--help"]).stdout
    listed = [
        line.split()[0]
        for line in help_text.split("Commands:\n", 1)[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert listed == list(COMMANDS)
