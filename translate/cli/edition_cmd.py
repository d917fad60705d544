"""`newsloc edition …`: localized editions rebuilt from reviewed catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsloc.translate.cli.output import console, print_error, print_json, print_warning
from newsloc.translate.edition.build import (
    DEFAULT_MIN_REVIEWED,
    DEFAULT_OUT,
    EditionRefused,
    ReviewReport,
    build_edition,
)
from newsloc.translate.edition.model import EditionFormat

app = typer.Typer(
    help="Build localized editions of the article from reviewed catalogues.",
    no_args_is_help=True,
)

#: Exit code for a refused build: a checked outcome, like `glossary check` finding
#: violations; 2 stays reserved for unusable input.
EXIT_REFUSED = 1


def _refusal_table(report: ReviewReport) -> Table:
    table = Table(
        title=f"{report.language}: entries holding the edition back",
        title_justify="left",
    )
    table.add_column("line", justify="right", style="cyan")
    table.add_column("state")
    table.add_column("starts with")
    for item in report.pending:
        table.add_row(", ".join(map(str, item.lines)), item.state.value, item.first_words)
    return table


def _refusal_json(report: ReviewReport) -> dict[str, object]:
    return {
        "refused": True,
        "catalog": str(report.catalog),
        "language": report.language,
        "entries": report.entries,
        "usable": report.usable,
        "percent_usable": report.percent_usable,
        "min_reviewed": report.min_reviewed,
        "allow_fuzzy": report.allow_fuzzy,
        "pending": [
            {"lines": list(item.lines), "state": item.state.value, "starts_with": item.first_words}
            for item in report.pending
        ],
    }


@app.command("build")
def build(
    lang: Annotated[str, typer.Option("--lang", help="Target language, e.g. hy, az, ru.")],
    domain: Annotated[
        str | None,
        typer.Option(help="Catalogue domain (file stem); default: the only one present."),
    ] = None,
    locales: Annotated[
        Path, typer.Option(help="Directory holding <lang>/LC_MESSAGES/<domain>.po.")
    ] = Path("locales"),
    fmt: Annotated[
        EditionFormat, typer.Option("--format", help="Output format.")
    ] = EditionFormat.MD,
    out: Annotated[Path, typer.Option(help="Directory for the edition file.")] = DEFAULT_OUT,
    min_reviewed: Annotated[
        float,
        typer.Option(
            "--min-reviewed",
            help="Refuse to build when fewer than this percent of entries are reviewed.",
        ),
    ] = DEFAULT_MIN_REVIEWED,
    allow_fuzzy: Annotated[
        bool,
        typer.Option(
            "--allow-fuzzy",
            help="Publish unreviewed machine translations too; the edition says so.",
        ),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(help="Article date YYYY-MM-DD; default: the X-Newsloc-Date header."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Rebuild the article in one language, in the source's paragraph order.

    Exit 0: written; 1: refused, too few entries reviewed (nothing written); 2: bad input.
    """
    try:
        result = build_edition(
            lang,
            locales=locales,
            domain=domain,
            fmt=fmt,
            out=out,
            min_reviewed=min_reviewed,
            allow_fuzzy=allow_fuzzy,
            date=date,
        )
    except EditionRefused as refused:
        if as_json:
            print_json(_refusal_json(refused.report))
        else:
            console.print(_refusal_table(refused.report))
        print_error(str(refused))
        raise typer.Exit(EXIT_REFUSED) from None
    for warning in result.warnings:
        print_warning(warning)
    if as_json:
        print_json(result.as_dict())
    else:
        console.print(str(result.path), markup=False, highlight=False, soft_wrap=True)
