"""Glossary sub-commands (registered on the `newsloc glossary` app)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the glossary app."""
