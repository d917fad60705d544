"""`newsloc edition …` commands."""

from __future__ import annotations

import typer

app = typer.Typer(help="edition commands.", no_args_is_help=True)
