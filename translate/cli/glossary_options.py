"""The glossary options every glossary-aware command shares: `--glossary PATH` and
`--policy NAME`, resolved in one place.

Usage in a command module:

    from newsloc.translate.cli.glossary_options import GlossaryOption, PolicyOption, load_terms

    def check(files: ..., glossary: GlossaryOption = None, policy: PolicyOption = None) -> None:
        terms = load_terms(glossary, policy)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
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

PolicyOption = Annotated[
    str | None,
    typer.Option(
        "--policy",
        metavar="NAME",
        help="Editorial policy profile of the glossary ([policy.profile.NAME]) to render and "
        "check with; default: its [policy] table.",
        show_default=False,
    ),
]


def load_terms(path: Path | None, policy: str | None = None) -> Glossary:
    """The glossary at `path` (default: the curated one) under the profile `policy`."""
    from newsloc.glossary.loader import glossary_or_default

    return glossary_or_default(path, profile=policy)
