"""The `newsloc` command line: thin Typer commands over functions that tests call directly.

Each command group lives in its own module; this one wires them together and turns the
user-facing exceptions (`UserError`, `GlossaryError`) into one line on stderr and exit 2,
never a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperGroup

from newsloc.glossary.distribution import newsloc_version
from newsloc.glossary.errors import GlossaryError
from newsloc.translate.cli import catalog_cmd, edition_cmd, glossary_cmd, models_cmd, translate_cmd
from newsloc.translate.cli.output import print_error
from newsloc.translate.errors import UserError


class _NewslocGroup(TyperGroup):
    """Reports user errors as `newsloc: error: …` lines with exit code 2."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (UserError, GlossaryError) as exc:
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
    rich_markup_mode="rich",
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


def main() -> None:
    """Console-script entry point."""
    app()
