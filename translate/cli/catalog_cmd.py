"""`newsloc catalog …`: review progress and `.mo` compilation for translated catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsloc.translate.catalog.compile import compile_catalogs
from newsloc.translate.catalog.stats import CatalogStats, catalog_stats
from newsloc.translate.cli.glossary_options import GlossaryOption
from newsloc.translate.cli.output import console, print_json

app = typer.Typer(
    help="Review progress and compilation of the translated catalogues.", no_args_is_help=True
)

LocalesOption = Annotated[
    Path, typer.Option(help="Directory holding <lang>/LC_MESSAGES/<domain>.po.")
]
DomainOption = Annotated[
    str | None, typer.Option(help="Catalogue domain (file stem); default: the only one present.")
]


@app.command("stats")
def stats(
    locales: LocalesOption = Path("locales"),
    domain: DomainOption = None,
    glossary: GlossaryOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Entries, reviewed, fuzzy, untranslated and glossary violations per language.

    Without --domain, every article (domain) under LOCALES gets its own table.
    """
    rows = catalog_stats(locales, domain, glossary)
    if as_json:
        print_json([row.as_dict() for row in rows])
        return
    for name in dict.fromkeys(row.domain for row in rows):
        console.print(_stats_table(name, [row for row in rows if row.domain == name]))


def _stats_table(domain: str, rows: list[CatalogStats]) -> Table:
    table = Table(title=f"{domain}: review progress", title_justify="left")
    for name in ("language", "entries", "reviewed", "fuzzy", "untranslated", "glossary"):
        table.add_column(name, justify="left" if name == "language" else "right")
    table.add_column("reviewed %", justify="right")
    for row in rows:
        violations = "n/a" if row.glossary_violations is None else str(row.glossary_violations)
        table.add_row(
            row.language,
            str(row.entries),
            str(row.reviewed),
            str(row.fuzzy),
            str(row.untranslated),
            violations,
            f"{row.percent_reviewed:.1f}",
        )
    return table


@app.command("compile")
def compile_(
    locales: LocalesOption = Path("locales"),
    domain: DomainOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Write a .mo beside each .po; fuzzy and untranslated entries are left out, as msgfmt does."""
    results = compile_catalogs(locales, domain)
    if as_json:
        print_json([item.as_dict() for item in results])
        return
    for item in results:
        skipped = item.skipped_fuzzy + item.skipped_untranslated
        console.print(
            f"{item.mo_path}: {item.compiled} entries"
            + (
                f" ({item.skipped_fuzzy} fuzzy, {item.skipped_untranslated} untranslated left out)"
                if skipped
                else ""
            ),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
