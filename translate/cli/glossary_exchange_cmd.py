"""`newsloc glossary export|import|review …`: the glossary in other tools' formats and back.

Formats and their limits are described in docs/glossary-exchange.md; the behaviour lives in
`glossary.exchange`, these commands only parse arguments and print.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsloc.translate.cli.glossary_options import glossary_option
from newsloc.translate.cli.languages import complete_languages
from newsloc.translate.cli.output import console, print_json, print_warning
from newsloc.translate.cli.params import NewslocCommand, argument, group
from newsloc.translate.errors import UserError

F = TypeVar("F", bound=Callable[..., Any])


def out_option() -> Callable[[F], F]:
    """`--out/-o FILE`, passed as `out` (a Path, or None: stdout)."""
    return click.option(
        "--out",
        "-o",
        type=click.Path(path_type=Path),
        metavar="FILE",
        help="Write here (atomically) instead of to stdout; an existing file needs --force.",
    )


def force_option() -> Callable[[F], F]:
    """`--force`, passed as `force`."""
    return click.option("--force", is_flag=True, help="Replace an existing --out file.")


EXPORT_HELP = (
    "Export the glossary for machine-translation services or CAT tools.\n\n"
    "tsv (DeepL glossary entries, Google unidirectional glossary): "
    "`English<TAB>target`, one target language (--lang required), no header.\n\n"
    "csv (Amazon Translate custom terminology, Google equivalent term sets): a header "
    "row of language codes (`en,hy,az,ru`, or `en,ru` with --lang), then one row per "
    "English spelling; UTF-8 without a BOM.\n\n"
    "tbx: TBX-Basic (martif) with every name, case form, variant, note and source.\n\n"
    "xcs: the constraint specification the TBX names (its data categories and "
    "languages); put it beside the .tbx for TBX Checker.\n\n"
    "A term row maps each English spelling of a name to that name's nominative: Stepanakert -> "
    "Степанакерт, Khankendi -> Ханкенди. These services cannot keep both names of a contested "
    "place or inflect them: run `newsloc glossary apply` on their output for that. "
    "Ambiguous concepts (Georgia) are left out of tsv and csv."
)

IMPORT_HELP = (
    "Convert a TSV, CSV or TBX file into a glossary TOML file that newsloc can load.\n\n"
    "A TBX written by `newsloc glossary export` comes back whole. A term list carries only "
    "English -> nominative pairs: English terms with the same targets become one concept with "
    "one name (the first term) and English spellings (the others). The TOML is validated "
    "before it is written."
)

REVIEW_EXPORT_HELP = (
    "Write a .po catalogue for reviewing the glossary's names in one language.\n\n"
    "One entry per name: msgctxt `concept|Name`, msgid the English name, msgstr its "
    "nominative; kind, note, source, case forms, variants and the contested partner are "
    "extracted comments. Reviewers correct msgstr in Poedit or Weblate, then run "
    "`newsloc glossary review import`."
)

REVIEW_IMPORT_HELP = (
    "Apply a reviewed glossary catalogue to the glossary file given with --glossary.\n\n"
    "The curated default that ships with newsloc is never edited: copy it first with "
    "`newsloc glossary init my-glossary.toml` (a dry run may read the default).\n\n"
    "Only the nominative of each edited name changes; the file's comments, order and layout "
    "stay as they were. An empty msgstr, or one equal to the glossary, changes nothing; fuzzy "
    "entries are skipped. The language comes from the catalogue's Language header."
)


def _emit(text: str, out: Path | None, what: str, force: bool, source: Path | None) -> None:
    from newsloc.translate.cli.out_file import write_out_file, write_stdout

    if out is None:
        write_stdout(text)
        return
    write_out_file(out, text, force, source)
    console.print(f"wrote {what} to {out}", markup=False, highlight=False, soft_wrap=True)


@click.command("export", cls=NewslocCommand, help=EXPORT_HELP)
@click.option(
    "--format",
    "-f",
    "fmt",
    metavar="tsv|csv|tbx|xcs",
    help="Output format (default: from the --out extension).",
    show_default=False,
)
@click.option(
    "--lang",
    "-l",
    metavar="LANG",
    shell_complete=complete_languages,
    help="One target language (hy, az, ru).",
)
@out_option()
@glossary_option()
@force_option()
def export_command(
    fmt: str | None, lang: str | None, out: Path | None, glossary: Path | None, force: bool
) -> None:
    from newsloc.glossary.exchange import export_glossary
    from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, glossary_or_default
    from newsloc.translate.cli.out_file import check_out_file

    chosen = fmt or (out.suffix.lstrip(".") if out is not None else "")
    if not chosen:
        raise UserError(
            "give --format tsv|csv|tbx|xcs (or an --out file ending in .tsv, .csv, .tbx, .xcs)"
        )
    source = glossary or DEFAULT_GLOSSARY_PATH
    if out is not None:
        check_out_file(out, force, source)
    text = export_glossary(glossary_or_default(glossary), chosen.lower(), lang)
    _emit(text, out, f"{chosen.lower()} glossary", force, source)


@click.command("import", cls=NewslocCommand, help=IMPORT_HELP)
@argument(
    "file", type=click.Path(path_type=Path), metavar="FILE", help="A .tsv, .csv or .tbx file."
)
@out_option()
@click.option(
    "--lang",
    "-l",
    metavar="LANG",
    shell_complete=complete_languages,
    help="Target language of a term list without a header row (or the one column "
    "to take from a multi-language CSV).",
)
@click.option("--format", "-f", "fmt", metavar="tsv|csv|tbx", help="Override the extension.")
@click.option(
    "--glossary-version",
    "version",
    metavar="VERSION",
    help="Glossary version for formats that carry none (default: today's date).",
)
@force_option()
def import_command(
    file: Path,
    out: Path | None,
    lang: str | None,
    fmt: str | None,
    version: str | None,
    force: bool,
) -> None:
    from newsloc.glossary.exchange import convert_to_toml
    from newsloc.translate.cli.out_file import check_out_file

    if out is not None:
        check_out_file(out, force, file)
    glossary, text = convert_to_toml(file, fmt, lang, version)
    _emit(text, out, f"{len(glossary)} concepts ({', '.join(glossary.targets)})", force, file)


@group(help="Review the glossary's names as a gettext catalogue, and apply the review.")
def review() -> None:
    """The `glossary review` group."""


@review.command("export", help=REVIEW_EXPORT_HELP)
@click.option(
    "--lang",
    "-l",
    required=True,
    metavar="LANG",
    shell_complete=complete_languages,
    help="Language to review (hy, az, ru).",
)
@out_option()
@glossary_option()
@force_option()
def review_export_command(lang: str, out: Path | None, glossary: Path | None, force: bool) -> None:
    from newsloc.glossary.exchange import export_review
    from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, glossary_or_default
    from newsloc.translate.cli.out_file import check_out_file

    source = glossary or DEFAULT_GLOSSARY_PATH
    if out is not None:
        check_out_file(out, force, source)
    text = export_review(glossary_or_default(glossary), lang)
    _emit(text, out, f"{lang} glossary review", force, source)


@review.command("import", help=REVIEW_IMPORT_HELP)
@argument(
    "file", type=click.Path(path_type=Path), metavar="FILE.po", help="The reviewed catalogue."
)
@glossary_option()
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def review_import_command(file: Path, glossary: Path | None, dry_run: bool, as_json: bool) -> None:
    from newsloc.glossary.exchange import import_review
    from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH

    if glossary is None and not dry_run:
        raise UserError(
            "glossary review import: give --glossary PATH; the curated default "
            f"({DEFAULT_GLOSSARY_PATH}) ships with newsloc and is never edited; copy it with "
            "`newsloc glossary init my-glossary.toml`"
        )
    path = glossary if glossary is not None else DEFAULT_GLOSSARY_PATH
    result = import_review(file, path, dry_run=dry_run)
    if as_json:
        print_json(
            {
                "glossary": str(path),
                "language": result.language,
                "written": result.written,
                "changes": [
                    {
                        "concept": change.concept_id,
                        "name": change.name,
                        "old": change.old,
                        "new": change.new,
                        "kept_cases": list(change.kept_cases),
                    }
                    for change in result.changes
                ],
                "warnings": result.warnings,
            }
        )
        return
    for warning in result.warnings:
        print_warning(warning)
    for change in result.changes:
        console.print(str(change), markup=False, highlight=False, soft_wrap=True)
        if change.kept_cases:
            print_warning(
                f"{change.concept_id} {change.name} {change.language}: the other case forms "
                f"({', '.join(change.kept_cases)}) were kept; update them in {path} if needed"
            )
    if not result.changes:
        summary = f"no changes: every reviewed name matches {path}"
    elif result.written:
        summary = f"updated {len(result.changes)} name(s) in {path}"
    else:
        summary = f"dry run: {len(result.changes)} name(s) would change; {path} not written"
    console.print(summary, markup=False, highlight=False, soft_wrap=True)
