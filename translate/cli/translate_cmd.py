"""`newsloc translate`: an article in, gettext catalogues out."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the top-level `translate` command to the app."""
