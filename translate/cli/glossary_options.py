"""The `--glossary PATH` option and its resolution, shared by every glossary-aware command.

Usage in a command module:

    from newsloc.translate.cli.glossary_options import GlossaryOption, resolve_glossary

    def check(files: ..., glossary: GlossaryOption = None) -> None:
        terms = resolve_glossary(glossary)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsloc.glossary.loader import load_default_glossary, load_glossary
from newsloc.glossary.model import Glossary

GlossaryOption = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        "-g",
        metavar="PATH",
        help="Glossary file (TOML) to use instead of the curated default.",
        show_default=False,
    ),
]


def resolve_glossary(path: Path | str | None) -> Glossary:
    """The glossary at `path`, or the default one; bad files raise `GlossaryError`."""
    if path is None:
        return load_default_glossary()
    return load_glossary(path)
