"""`newsloc catalog …`: review progress, the cross-edition audit and `.mo` compilation.

Commands import the catalogue code and rich's tables when they run, so that start-up
(`newsloc --help`) does not pay for polib, Babel and the glossary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from newsloc.translate.cli.glossary_options import glossary_option, load_terms, policy_option
from newsloc.translate.cli.output import (
    compact_table,
    console,
    narrowest,
    print_json,
    record_table,
)
from newsloc.translate.cli.params import Exit, group

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from newsloc.translate.catalog.audit import AuditReport, LanguageRendering
    from newsloc.translate.catalog.stats import CatalogStats

F = TypeVar("F", bound=Callable[..., Any])


@group("catalog", help="Review progress and compilation of the translated catalogues.")
def app() -> None:
    """The `catalog` group."""


def _locales_option(command: F) -> F:
    """`--locales DIR` (default `locales`), passed as `locales`."""
    return click.option(
        "--locales",
        type=click.Path(path_type=Path),
        default=Path("locales"),
        help="Directory holding <lang>/LC_MESSAGES/<domain>.po.",
    )(command)


def _domain_option(command: F) -> F:
    """`--domain DOMAIN` (default: the only one present), passed as `domain`."""
    return click.option(
        "--domain", help="Catalogue domain (file stem); default: the only one present."
    )(command)


@app.command("stats")
@_locales_option
@_domain_option
@glossary_option()
@policy_option()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def stats(
    locales: Path,
    domain: str | None,
    glossary: Path | None,
    policy: str | None,
    as_json: bool,
) -> None:
    """Entries, reviewed, fuzzy, untranslated and glossary violations per language.

    Counted against the article's template (LOCALES/<domain>.pot): paragraphs a
    catalogue lacks are shown as out of date. Once editions are built, an edition column
    says whether each language's editions are current, out of date (paragraphs changed
    in the source or in translation since they were built) or not built.

    Without --domain, every article (domain) under LOCALES gets its own table.
    """
    from newsloc.translate.catalog.stats import catalog_stats

    rows = catalog_stats(locales, domain, glossary, profile=policy)
    if as_json:
        print_json([row.as_dict() for row in rows])
        return
    for name in dict.fromkeys(row.domain for row in rows):
        mine = [row for row in rows if row.domain == name]
        console.print(_stats_table(name, mine, width=console.width))
        changes = _edition_changes_table(name, mine)
        if changes is not None:
            console.print(changes)


def _edition_changes_table(domain: str, rows: list[CatalogStats]) -> Table | None:
    """Every paragraph that changed since each out-of-date edition was built."""
    from rich.table import Table
    from rich.text import Text

    stale = [
        (row.language, worst)
        for row in rows
        if row.edition and (worst := row.edition.worst) is not None and not worst.current
    ]
    if not stale:
        return None
    table = Table(
        title=Text(f"{domain}: paragraphs changed since the editions were built"),
        title_justify="left",
    )
    contexts = any(c.msgctxt for _, staleness in stale for c in staleness.changes)
    for key in (
        "language",
        "reference",
        "change",
        *(["msgctxt"] if contexts else []),
        "starts with",
    ):
        table.add_column(key, style="cyan" if key == "reference" else None)
    for language, staleness in stale:
        for change in staleness.changes:
            context = [Text(change.msgctxt or "")] if contexts else []
            table.add_row(
                language,
                Text(change.reference),
                change.kind.value,
                *context,
                Text(change.starts_with),
            )
    return table


def _stats_table(domain: str, rows: list[CatalogStats], width: int | None = None) -> Table:
    """A row per language; on a terminal too narrow for that, a row per figure."""
    from rich.table import Table
    from rich.text import Text

    # Each heading is the JSON key (`--json`) with spaces for underscores; `outdated` only
    # when some catalogue is older than the article (it says so loudly).
    outdated = any(row.outdated for row in rows)
    # `edition` once some edition of the article is recorded (`edition build`).
    editions = any(row.edition is not None and row.edition.formats for row in rows)
    keys = [
        "language",
        "entries",
        "reviewed",
        "fuzzy",
        "untranslated",
        *(["outdated"] if outdated else []),
        "glossary_violations",
        "percent_reviewed",
        *(["edition"] if editions else []),
    ]
    cells: list[list[str]] = []
    for row in rows:
        violations = "n/a" if row.glossary_violations is None else str(row.glossary_violations)
        counts = [row.entries, row.reviewed, row.fuzzy, row.untranslated]
        if outdated:
            counts.append(row.outdated)
        line = [row.language, *map(str, counts), violations, f"{row.percent_reviewed:.1f}"]
        if row.original:  # the English original: its own source, nothing to review
            line = [row.language, str(row.entries), *["–"] * (len(line) - 2)]
        if editions:
            line.append(row.edition.summary if row.edition else "not built")
        cells.append(line)
    table = Table(title=Text(f"{domain}: review progress"), title_justify="left")
    headings = [key.replace("_", " ") for key in keys]
    # A heavy-box table: each column adds its padding and a rule, and the edge one more.
    return record_table(table, headings, cells, width, left={"edition"}, room=(3, 1))


@app.command("compile")
@_locales_option
@_domain_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def compile_(locales: Path, domain: str | None, as_json: bool) -> None:
    """Write a .mo beside each .po; fuzzy and untranslated entries are left out, as msgfmt does."""
    from newsloc.translate.catalog.compile import compile_catalogs

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


#: Exit code when the editions disagree: a checked outcome, like `glossary check`.
EXIT_DISAGREE = 1


def _audit_cell(cell: LanguageRendering) -> str:
    if not cell.mentions:
        return "–"
    lines = []
    if cell.first is not None:
        lines.append(cell.first)
    lines.extend(text for text in cell.renderings if text != cell.first)
    if cell.missing:
        lines.append(f"MISSING {cell.missing}/{cell.mentions}")
    if cell.untranslated:
        lines.append(f"untranslated {cell.untranslated}/{cell.mentions}")
    return "\n".join(lines)


def _audit_table(report: AuditReport, width: int | None = None) -> RenderableType:
    """A row per concept, a column per language; on a terminal too narrow for that without
    breaking a name inside a word (`Степанакерто` / `м`), a small table per concept with a
    row per language."""
    from rich.table import Table

    headings = ["concept", "mentions", *report.languages, "issues"]  # the JSON keys
    rows = [
        [
            concept.concept + (" (contested)" if concept.contested else ""),
            str(concept.mentions),
            *(_audit_cell(concept.languages[language]) for language in report.languages),
            "\n".join(concept.issues) or "ok",
        ]
        for concept in report.concepts
    ]
    if width is not None and narrowest(headings, rows, per_column=3, edges=1) > width:
        return _audit_by_concept(report, rows)
    table = Table(
        title=f"{report.domain}: glossary concepts across editions",
        title_justify="left",
        show_lines=True,
    )
    for heading in headings:
        table.add_column(heading, justify="right" if heading == "mentions" else "left")
    for concept, row in zip(report.concepts, rows, strict=True):
        table.add_row(*row, style="bold" if concept.issues else None)
    return table


def _audit_by_concept(report: AuditReport, rows: list[list[str]]) -> RenderableType:
    """The audit for a narrow terminal: under the title, per concept a table of its
    renderings, one row per language, and its issues."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [Text(f"{report.domain}: glossary concepts across editions")]
    for concept, row in zip(report.concepts, rows, strict=True):
        mentions = f"{row[1]} mention{'' if row[1] == '1' else 's'}"
        table = compact_table()
        table.add_column("language")
        table.add_column("renderings")
        for language, cell in zip(report.languages, row[2:-1], strict=True):
            table.add_row(language, Text(cell))
        table.add_row("issues", Text(row[-1]), style="bold" if concept.issues else None)
        # The table's open bottom edge is the blank line before the next concept.
        before = "" if len(parts) > 1 else "\n"
        parts += [Text(f"{before}{row[0]}: {mentions}", style="bold"), table]
    return Group(*parts)


@app.command("audit")
@_locales_option
@_domain_option
@glossary_option()
@policy_option()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
def audit(
    locales: Path,
    domain: str | None,
    glossary: Path | None,
    policy: str | None,
    as_json: bool,
) -> None:
    """How each edition renders every place the article names, side by side.

    Exit 0: the editions agree; 1: they disagree (a name missing, different names, the
    other name kept at the first mention in one and dropped in another); 2: bad input.
    """
    from newsloc.translate.catalog.audit import audit_catalogs

    report = audit_catalogs(locales, domain, load_terms(glossary, policy))
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(_audit_table(report, width=console.width))
        console.print(
            f"{len(report.concepts)} concepts, {report.disagreements} with issues",
            markup=False,
            highlight=False,
        )
    if report.disagreements:
        raise Exit(EXIT_DISAGREE)
