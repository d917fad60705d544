"""The building blocks every newsloc command is declared with, on click.

newsloc's commands are click commands. A command module declares a group and its commands
with the decorators here, which are click's own with newsloc's help style (help_style.py)
built in:

    from newsloc.translate.cli.params import Exit, argument, group

    @group("edition", help="Build localized editions of the article from reviewed catalogues.")
    def app() -> None: ...

    @app.command("build")
    @argument("article", metavar="ARTICLE", help="The English article.")
    @click.option("--out", type=click.Path(path_type=Path), default=Path("out"), help="…")
    def build(article: Path, out: Path) -> None:
        \"\"\"Rebuild the article … (the docstring is the help screen).\"\"\"
        raise Exit(1)  # a checked outcome; 2 is for bad input (raised as NewslocError)

Why click itself: typer 0.2x validates every option value through pydantic, about 0.1 s of
CPU before a command does anything, a third of a small `edition build` (issue 21,
bench/fixed_cost_bench.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, TypeVar

import click
from click.exceptions import Exit

from newsloc.translate.cli.help_style import tidy_command, write_arguments

__all__ = ["Exit", "HelpArgument", "NewslocCommand", "NewslocGroup", "argument", "group"]

F = TypeVar("F", bound=Callable[..., Any])


class HelpArgument(click.Argument):
    """A positional argument with a help text, listed in its command's Arguments section
    (click's own arguments have none)."""

    def __init__(self, param_decls: list[str], help: str | None = None, **attrs: Any) -> None:
        super().__init__(param_decls, **attrs)
        self.help = help

    def make_metavar(self, ctx: click.Context) -> str:
        """The usage line's spelling: `ARTICLE...` for several, `[LANGUAGE]...` when they
        may be left out (click prints a given metavar as is)."""
        metavar = self.metavar or (self.name or "").upper()
        if not self.required:
            metavar = f"[{metavar}]"
        return metavar + ("..." if self.nargs != 1 else "")

    def get_error_hint(self, ctx: click.Context | None) -> str:
        """`missing argument 'ARTICLE'`: the name alone, without the usage line's dots."""
        return f"'{self.metavar or (self.name or '').upper()}'"


class NewslocCommand(click.Command):
    """A command in newsloc's help style: capital metavars, a whole-paragraph summary, and
    an Arguments section before the options."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy_command(self)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_help(self, ctx, formatter)


class NewslocGroup(click.Group):
    """A command group whose commands and subgroups are in newsloc's help style."""

    command_class = NewslocCommand
    group_class = type  # subgroups are NewslocGroups too

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands in the order they were declared, as help lists them (click sorts)."""
        return list(self.commands)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy_command(self)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_help(self, ctx, formatter)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """An unknown command name fails with the closest one, `Did you mean 'export'?`.

        click 8.2 suggests none, later versions only among commands already loaded (the
        root loads its groups on first use)."""
        name = args[0] if args else ""
        if (
            name
            and not name.startswith("-")
            and not ctx.resilient_parsing
            and self.get_command(ctx, name) is None
        ):
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)


def _format_help(
    command: click.Command, ctx: click.Context, formatter: click.HelpFormatter
) -> None:
    """Usage, help text, the Arguments section, options (and a group's commands), epilog.

    Written out rather than left to click's `format_help`: click 8.5 lists documented
    arguments itself (a "Positional arguments" section), which would repeat ours.
    """
    command.format_usage(ctx, formatter)
    command.format_help_text(ctx, formatter)
    write_arguments(command, formatter)
    command.format_options(ctx, formatter)
    command.format_epilog(ctx, formatter)


def group(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], NewslocGroup]:
    """`@group(help=…)`: a command group in newsloc's style (click's `@click.group`)."""
    return click.group(name, cls=NewslocGroup, **attrs)


def argument(*param_decls: str, help: str | None = None, **attrs: Any) -> Callable[[F], F]:
    """`@argument("article", help=…)`: click's `@click.argument` with a help text."""
    return click.argument(*param_decls, cls=HelpArgument, help=help, **attrs)
