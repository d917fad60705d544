"""`newsloc edition …`: localized editions rebuilt from reviewed catalogues.

The edition code (polib, Babel, the glossary) and rich's tables are imported when the
command runs, not at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsloc.translate.cli.glossary_options import glossary_option
from newsloc.translate.cli.languages import complete_languages, parse_languages
from newsloc.translate.cli.output import (
    console,
    print_error,
    print_json,
    print_line,
    print_warning,
)
from newsloc.translate.cli.params import Exit, group
from newsloc.translate.edition.content import DEFAULT_MIN_REVIEWED, DEFAULT_OUT, EditionFormat
from newsloc.translate.errors import UserError

if TYPE_CHECKING:
    from rich.table import Table

    from newsloc.translate.edition.build import (
        EditionOptions,
        EditionRefused,
        Replacing,
        ReviewReport,
        Staleness,
    )


@group("edition", help="Build localized editions of the article from reviewed catalogues.")
def app() -> None:
    """The `edition` group."""


#: Exit code for a refused build: a checked outcome, like `glossary check` finding
#: violations; 2 stays reserved for unusable input.
EXIT_REFUSED = 1


def _refusal_table(report: ReviewReport) -> Table:
    """Article text goes in as `Text`, never as markup: `[/b]` is shown, `[bold]` too."""
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(f"{report.language}: entries holding the edition back"),
        title_justify="left",
    )
    table.add_column("line", justify="right", style="cyan")
    table.add_column("state")
    table.add_column("starts with")
    for item in report.pending:
        table.add_row(", ".join(map(str, item.lines)), item.label, Text(item.first_words))
    return table


def _outdated_table(report: ReviewReport) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(f"{report.language}: paragraphs of the article the catalogue lacks"),
        title_justify="left",
    )
    table.add_column("line", justify="right", style="cyan")
    table.add_column("starts with")
    for item in report.outdated:
        table.add_row(", ".join(map(str, item.lines)), Text(item.first_words))
    return table


def _contested_table(report: ReviewReport) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(f"{report.language}: contested names in entries no reviewer has cleared"),
        title_justify="left",
    )
    table.add_column("line", justify="right", style="cyan")
    table.add_column("state")
    table.add_column("concepts")
    table.add_column("starts with")
    for item in report.contested:
        table.add_row(
            ", ".join(map(str, item.lines)),
            item.state.value,
            Text(", ".join(item.concepts)),
            Text(item.first_words),
        )
    return table


def _changes_table(staleness: Staleness, language: str) -> Table:
    """What changed since an edition was last built: one row per paragraph."""
    from rich.table import Table
    from rich.text import Text

    previous = staleness.previous
    table = Table(
        title=Text(
            f"{language}: changed since {Path(previous.file).name} was built "
            f"({previous.built.replace('T', ' ')[:16]} UTC)"
        ),
        title_justify="left",
    )
    table.add_column("line", justify="right", style="cyan")
    table.add_column("change")
    contexts = any(change.msgctxt for change in staleness.changes)
    if contexts:
        table.add_column("element")
    table.add_column("starts with")
    for change in staleness.changes:
        cells: list[str | Text] = [", ".join(map(str, change.lines)), change.kind.value]
        if contexts:
            cells.append(Text(change.msgctxt or ""))
        table.add_row(*cells, Text(change.starts_with))
    return table


def _report_changes(prepared: Sequence[Replacing]) -> None:
    """Before writing: every edition being replaced that is out of date, and why."""
    for item in prepared:
        if item.staleness is not None and not item.staleness.current:
            console.print(_changes_table(item.staleness, item.edition.language))


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
            {
                "lines": list(item.lines),
                "state": item.state.value,
                "outdated": item.outdated,
                "starts_with": item.first_words,
            }
            for item in report.pending
        ],
        "template": str(report.template) if report.template else None,
        "outdated": [
            {"lines": list(item.lines), "starts_with": item.first_words} for item in report.outdated
        ],
        "contested": [
            {
                "lines": list(item.lines),
                "state": item.state.value,
                "concepts": list(item.concepts),
                "starts_with": item.first_words,
            }
            for item in report.contested
        ],
    }


def _report_refusal(refused: EditionRefused) -> None:
    """The table of what holds one edition back (to stdout); the reason goes to stderr."""
    if refused.reason == "outdated":
        console.print(_outdated_table(refused.report))
    elif refused.contested_only:
        console.print(_contested_table(refused.report))
    else:
        console.print(_refusal_table(refused.report))


def _languages(lang: str | None, all_languages: bool) -> list[str] | None:
    """`--lang hy,az,ru` as a list; None for `--all`."""
    if all_languages:
        if lang:
            raise UserError("--lang and --all: give one of them")
        return None
    if not lang:
        raise UserError("--lang: give a language (hy, or hy,az,ru) or --all")
    return parse_languages(lang, "--lang")


@app.command("build")
@click.option(
    "--lang",
    multiple=True,
    shell_complete=complete_languages,
    metavar="LANGS",
    help="Target language(s): hy, or hy,az,ru, or repeated (--lang hy --lang az).",
    show_default=False,
)
@click.option("--all", "all_languages", is_flag=True, help="Every language with a catalogue.")
@click.option("--domain", help="Catalogue domain (file stem); default: the only one present.")
@click.option(
    "--locales",
    type=click.Path(path_type=Path),
    default=Path("locales"),
    help="Directory holding <lang>/LC_MESSAGES/<domain>.po.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([each.value for each in EditionFormat]),
    default=EditionFormat.MD.value,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    help="Directory for the edition files.",
)
@click.option(
    "--min-reviewed",
    type=float,
    default=DEFAULT_MIN_REVIEWED,
    help="Refuse to build when fewer than this percent of entries are reviewed.",
)
@click.option(
    "--allow-fuzzy",
    is_flag=True,
    help="Publish unreviewed machine translations too; the edition says so.",
)
@click.option(
    "--allow-unreviewed-names",
    is_flag=True,
    help="Publish even when entries naming a contested place are unreviewed.",
)
@click.option(
    "--allow-outdated",
    is_flag=True,
    help="Build from a catalogue older than the article: the paragraphs it lacks "
    "are printed in English, marked as untranslated.",
)
@click.option(
    "--correction",
    is_flag=True,
    help="End each edition whose words changed since its last build with a "
    "correction note in its language, dated with the edition's date.",
)
@click.option(
    "--typography/--no-typography",
    default=True,
    help="Apply the language's quotation marks, dashes and full stops.",
)
@glossary_option()
@click.option("--base-url", help="URL prefix for the hreflang links of a multi-language build.")
@click.option("--date", help="Article date YYYY-MM-DD; default: the X-Newsloc-Date header.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
def build(
    lang: tuple[str, ...],
    all_languages: bool,
    domain: str | None,
    locales: Path,
    fmt: str,
    out: Path,
    min_reviewed: float,
    allow_fuzzy: bool,
    allow_unreviewed_names: bool,
    allow_outdated: bool,
    correction: bool,
    typography: bool,
    glossary: Path | None,
    base_url: str | None,
    date: str | None,
    as_json: bool,
) -> None:
    """Rebuild the article in one language or several, in the source's paragraph order.

    Several languages (--lang hy,az,ru or --all) are built all or none, with the English
    original and an index page, every page linking to the others (hreflang).

    Each build is recorded in LOCALES/<domain>.editions.json; an edition it replaces
    that is out of date (paragraphs changed since it was built) is listed before
    writing, and --correction ends such an edition with a dated correction note.

    Exit 0: written; 1: refused (the catalogue lacks paragraphs of the article, too few
    entries reviewed, or contested names unreviewed; nothing written); 2: bad input.
    """
    from newsloc.translate.edition.build import EditionOptions

    languages = _languages(",".join(lang) if lang else None, all_languages)
    options = EditionOptions(
        locales=locales,
        domain=domain,
        fmt=EditionFormat(fmt),
        out=out,
        min_reviewed=min_reviewed,
        allow_fuzzy=allow_fuzzy,
        date=date,
        typography=typography,
        allow_unreviewed_names=allow_unreviewed_names,
        glossary=glossary,
        base_url=base_url,
        allow_outdated=allow_outdated,
        correction=correction,
    )
    if languages is not None and len(languages) == 1:
        _build_one(languages[0], options, as_json)
    else:
        _build_several(languages, options, as_json)


def _build_one(language: str, options: EditionOptions, as_json: bool) -> None:
    from newsloc.translate.edition.build import EditionRefused, write_edition

    try:
        result = write_edition(language, options, None if as_json else _report_changes)
    except EditionRefused as refused:
        if as_json:
            print_json(_refusal_json(refused.report))
        else:
            _report_refusal(refused)
        print_error(str(refused))
        raise Exit(EXIT_REFUSED) from None
    for warning in result.warnings:
        print_warning(warning)
    if as_json:
        print_json(result.as_dict())
    else:
        print_line(str(result.path))


def _build_several(languages: list[str] | None, options: EditionOptions, as_json: bool) -> None:
    from newsloc.translate.edition.build import EditionsRefused
    from newsloc.translate.edition.linked import build_editions

    try:
        built = build_editions(languages, options, None if as_json else _report_changes)
    except EditionsRefused as refused:
        if as_json:
            print_json({"refused": [_refusal_json(r.report) for r in refused.refusals]})
        else:
            for item in refused.refusals:
                _report_refusal(item)
        for item in refused.refusals:
            print_error(str(item))
        print_error(str(refused))
        raise Exit(EXIT_REFUSED) from None
    for warning in built.warnings:
        print_warning(warning)
    if as_json:
        print_json(built.as_dict())
        return
    paths = [result.path for result in built.editions] + [built.original, built.index]
    for path in paths:
        print_line(str(path))
