"""The one `--glossary PATH` option, shared by every glossary-aware command.

Usage in a command module:

    from newsloc.glossary.loader import glossary_or_default
    from newsloc.translate.cli.glossary_options import GlossaryOption

    def check(files: ..., glossary: GlossaryOption = None) -> None:
        terms = glossary_or_default(glossary)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
