"""The `newsloc` command line: thin Typer commands over functions that tests call directly.

Each command group lives in its own module; this one wires them together and turns the
one error root (`NewslocError`: bad input of any kind) and usage errors (a bad option value,
a missing argument, an unknown option or command) into one line on stderr and exit 2, never
a traceback or a boxed panel.
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Annotated, Any

import typer
from typer import Context as ClickContext
from typer.core import TyperGroup

from newsloc.base.errors import NewslocError
from newsloc.base.version import newsloc_version
from newsloc.translate.cli import (
    catalog_cmd,
    edition_cmd,
    glossary_cmd,
    models_cmd,
    quality_cmd,
    translate_cmd,
)
from newsloc.translate.cli.help_style import tidy
from newsloc.translate.cli.output import print_error, usage_error_line

#: click's usage error (a missing argument, an unknown option or command), reached through
#: typer's public names: `typer.BadParameter` is click's BadParameter, a UsageError. Typer
#: 0.12 to 0.20 use click itself, later versions a copy of it inside typer, so neither
#: `click.UsageError` nor a typer submodule names the class every supported typer raises.
UsageError: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError"
)


def _is_help_request(exc: Any) -> bool:
    """A group run without a command (`no_args_is_help`): click 8.2+ raises a usage error
    whose message is the group's help, older click printed the help itself."""
    return exc.ctx is not None and exc.message == exc.ctx.get_help()


def _usage_exit(exc: Any, command_path: str | None = None) -> typer.Exit:
    """Print a usage error as one line; a group run without a command shows its help."""
    if _is_help_request(exc):
        typer.echo(exc.ctx.get_help())
    else:
        print_error(usage_error_line(exc, command_path))
    return typer.Exit(2)


def _command_path(ctx: ClickContext, args: list[str]) -> str:
    """`newsloc glossary export`: the command `args` name, for errors that carry no context.

    Some parser errors (`--to` without a value) are raised before their command's context
    exists; the words that picked the command are still in the root's arguments.
    """
    words, command = [ctx.command_path], ctx.command
    for arg in args:
        if not isinstance(command, TyperGroup) or arg.startswith("-"):
            break
        sub = command.get_command(ctx, arg)
        if sub is None:
            break
        words.append(arg)
        command = sub
    return " ".join(words)


def _help_at_once(
    root: TyperGroup, info_name: str | None, args: list[str], extra: dict[str, Any]
) -> None:
    """`newsloc [GROUP] COMMAND --help`: print that help and exit, before any option is
    parsed.

    Parsing would give each group's unset options (`--help`, `--install-completion`) their
    values through typer's validation, which imports pydantic: three times the start-up
    of `import typer` for a help screen (bench/startup_bench.py). Only the plain form,
    command names then `--help`, is answered here; anything else is parsed as usual.
    """
    ctx = root.context_class(root, info_name=info_name, **{**root.context_settings, **extra})
    if len(args) < 2 or args[-1] not in root.get_help_option_names(ctx):
        return
    command: Any = root
    for name in args[:-1]:
        sub = command.get_command(ctx, name) if isinstance(command, TyperGroup) else None
        if sub is None:
            return
        command = sub
        ctx = command.context_class(command, info_name=name, parent=ctx, **command.context_settings)
    if args[-1] not in command.get_help_option_names(ctx):
        return
    typer.echo(ctx.get_help(), color=ctx.color)
    raise typer.Exit()


#: Where the root keeps the command line's words in the context's (public) `meta` dict.
_WORDS = "newsloc.words"


class _NewslocGroup(TyperGroup):
    """Reports user errors and usage errors as `newsloc: error: …` lines with exit code 2.

    Typer would print usage errors as a usage line, a hint and a boxed panel; a script or a
    person reading a terminal wants the one line every other newsloc error is. Parse errors
    of the root's own options surface in `make_context`, every subcommand's in `invoke`.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:  # click's Context (typer.Context is a subclass of it)
        words = list(args)  # the parser consumes `args`; errors name the command they pick
        tidy(self)  # one help style for every command (help_style.py)
        if parent is None and not extra.get("resilient_parsing"):
            _help_at_once(self, info_name, args, extra)
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as exc:
            raise _usage_exit(exc) from None
        ctx.meta[_WORDS] = words
        return ctx

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        args = ctx.meta.get(_WORDS, [])
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise _usage_exit(exc, _command_path(ctx, args)) from None
        except NewslocError as exc:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                print_error(line)
            raise typer.Exit(2) from None
        except OSError as exc:  # a safety net: file errors are normally caught where they occur
            where = f"{exc.filename}: " if exc.filename else ""
            print_error(f"{where}{exc.strerror or exc}")
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            print_error("interrupted; files already written are complete, none is half-written")
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=_NewslocGroup,
    name="newsloc",
    help="Translate news articles into Armenian, Azerbaijani and Russian offline, keep place "
    "names consistent with a curated glossary, and review everything as gettext catalogues.",
    no_args_is_help=True,
    # Plain help, as click writes it: rich-rendered help alone costs more start-up
    # time than importing typer (bench/startup_bench.py).
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"newsloc {newsloc_version()}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """newsloc: one story, every language, the same place names."""


translate_cmd.register(app)
app.add_typer(models_cmd.app, name="models")
app.add_typer(glossary_cmd.app, name="glossary")
app.add_typer(catalog_cmd.app, name="catalog")
app.add_typer(edition_cmd.app, name="edition")
app.add_typer(quality_cmd.app, name="quality")


def _app_for(word: str) -> typer.Typer | None:
    """The root with only the command or group `word` names, or None if none is named so.

    Typer builds every command's options before it runs one (a sixth of a small command's
    start-up); a command line that starts with a command's name uses no other. Completion
    scripts ask about every command: they get the whole app."""
    if os.environ.get("_NEWSLOC_COMPLETE"):
        return None
    groups = [info for info in app.registered_groups if info.name == word]
    commands = [info for info in app.registered_commands if info.name == word]
    if not groups and not commands:
        return None
    part = copy.copy(app)
    part.registered_groups, part.registered_commands = groups, commands
    return part


def main() -> None:
    """Console-script entry point. `newsloc --version` is answered before typer builds
    every command's options (a third of its start-up), `newsloc GROUP …` by a root that
    has that group alone."""
    if sys.argv[1:] == ["--version"]:
        typer.echo(f"newsloc {newsloc_version()}")
        return
    ((_app_for(sys.argv[1]) if len(sys.argv) > 1 else None) or app)()
