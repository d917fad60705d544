"""The `newsloc` command line: thin click commands over functions that tests call directly.

Each command group lives in its own module, imported only when its name is on the command
line (or help or completion lists every command); this one wires them together and turns
the one error root (`NewslocError`: bad input of any kind) and usage errors (a bad option
value, a missing argument, an unknown option or command) into one line on stderr and exit
2, never a traceback or a usage block.
"""

from __future__ import annotations

import importlib
from typing import Any

import click
from click import UsageError
from click.exceptions import NoArgsIsHelpError

from newsloc.base.errors import NewslocError
from newsloc.base.version import newsloc_version
from newsloc.translate.cli.completion import PROG, completion_options
from newsloc.translate.cli.output import print_error, usage_error_line
from newsloc.translate.cli.params import NewslocGroup

#: Every top-level command and group, in the order help lists them: its module and name.
COMMANDS = {
    "translate": ("newsloc.translate.cli.translate_cmd", "translate"),
    "models": ("newsloc.translate.cli.models_cmd", "app"),
    "glossary": ("newsloc.translate.cli.glossary_cmd", "app"),
    "catalog": ("newsloc.translate.cli.catalog_cmd", "app"),
    "edition": ("newsloc.translate.cli.edition_cmd", "app"),
    "quality": ("newsloc.translate.cli.quality_cmd", "app"),
}


def _usage_exit(exc: UsageError, command_path: str | None = None) -> click.exceptions.Exit:
    """Print a usage error as one line; a group run without a command shows its help (on
    stdout, as `--help` does: click raises it as a usage error whose message is the help)."""
    if isinstance(exc, NoArgsIsHelpError):
        click.echo(exc.message)
    else:
        print_error(usage_error_line(exc, command_path))
    return click.exceptions.Exit(2)


def _error_exit(exc: NewslocError) -> click.exceptions.Exit:
    for line in str(exc).splitlines() or [type(exc).__name__]:
        print_error(line)
    return click.exceptions.Exit(2)


def _command_path(ctx: click.Context, args: list[str]) -> str:
    """`newsloc glossary export`: the command `args` name, for errors that carry no context.

    Some parser errors (`--to` without a value) are raised before their command's context
    exists; the words that picked the command are still in the root's arguments.
    """
    words, command = [ctx.command_path], ctx.command
    for arg in args:
        if not isinstance(command, click.Group) or arg.startswith("-"):
            break
        sub = command.get_command(ctx, arg)
        if sub is None:
            break
        words.append(arg)
        command = sub
    return " ".join(words)


#: Where the root keeps the command line's words in the context's (public) `meta` dict.
_WORDS = "newsloc.words"


class _NewslocRoot(NewslocGroup):
    """The root: finds each command in its module on first use (`COMMANDS`), and reports
    user errors and usage errors as `newsloc: error: …` lines with exit code 2.

    click would print usage errors as a usage line, a hint and the message; a script or a
    person reading a terminal wants the one line every other newsloc error is. Parse errors
    of the root's own options surface in `make_context`, every subcommand's in `invoke`.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), name)
        return command

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        words = list(args)  # the parser consumes `args`; errors name the command they pick
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as exc:
            raise _usage_exit(exc) from None
        except NewslocError as exc:
            raise _error_exit(exc) from None
        ctx.meta[_WORDS] = words
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        args = ctx.meta.get(_WORDS, [])
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise _usage_exit(exc, _command_path(ctx, args)) from None
        except NewslocError as exc:
            raise _error_exit(exc) from None
        except OSError as exc:  # a safety net: file errors are normally caught where they occur
            where = f"{exc.filename}: " if exc.filename else ""
            print_error(f"{where}{exc.strerror or exc}")
            raise click.exceptions.Exit(2) from None
        except KeyboardInterrupt:
            print_error("interrupted; files already written are complete, none is half-written")
            raise click.exceptions.Exit(130) from None


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"newsloc {newsloc_version()}")
        ctx.exit()


@click.group(
    PROG,
    cls=_NewslocRoot,
    help="Translate news articles into Armenian, Azerbaijani and Russian offline, keep place "
    "names consistent with a curated glossary, and review everything as gettext catalogues.",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version.",
)
@completion_options
def app() -> None:
    """newsloc: one story, every language, the same place names."""


def main() -> None:
    """Console-script entry point."""
    app.main(prog_name=PROG)
