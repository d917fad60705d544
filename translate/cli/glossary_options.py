"""The glossary options every glossary-aware command shares: `--glossary PATH` and
`--policy NAME`, resolved in one place.

Usage in a command module:

    from newsloc.translate.cli.glossary_options import glossary_option, load_terms, policy_option

    @app.command("check")
    @glossary_option()
    @policy_option()
    def check(files: ..., glossary: Path | None, policy: str | None) -> None:
        terms = load_terms(glossary, policy)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from newsloc.glossary.model import Glossary

F = TypeVar("F", bound=Callable[..., Any])


def glossary_option(dest: str = "glossary") -> Callable[[F], F]:
    """`--glossary/-g PATH`, passed to the command as `dest` (a Path, or None)."""
    return click.option(
        "--glossary",
        "-g",
        dest,
        type=click.Path(path_type=Path),
        metavar="PATH",
        help="Glossary file (TOML) to use instead of the curated default.",
        show_default=False,
    )


def policy_option() -> Callable[[F], F]:
    """`--policy NAME`, passed to the command as `policy` (a str, or None)."""
    return click.option(
        "--policy",
        metavar="NAME",
        help="Editorial policy profile of the glossary ([policy.profile.NAME]) to render and "
        "check with; default: its [policy] table.",
        show_default=False,
    )


def load_terms(path: Path | None, policy: str | None = None) -> Glossary:
    """The glossary at `path` (default: the curated one) under the profile `policy`."""
    from newsloc.glossary.loader import glossary_or_default

    return glossary_or_default(path, profile=policy)
