"""`newsloc glossary apply` and `newsloc glossary check`: the glossary on .po catalogues.

Registered on the `newsloc glossary` app. Each command parses its arguments, calls one
function of `newsloc.translate.catalog.glossary_qa` and prints; the behaviour lives there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsloc.translate.cli.glossary_options import GlossaryOption, PolicyOption, load_terms
from newsloc.translate.cli.output import console, counting_progress, err_console, print_json

if TYPE_CHECKING:
    from newsloc.translate.catalog import glossary_qa


FilesArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="CATALOGUE",
        help="Catalogues (.po) to work on, or folders to search for them (e.g. locales).",
        show_default=False,
    ),
]


def catalogue_files(paths: list[Path]) -> list[Path]:
    """The .po files named, and those found under each folder named (sorted)."""
    from newsloc.translate.errors import UserError

    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(p for p in path.rglob("*.po") if p.is_file())
        if not found:
            raise UserError(f"{path}: no .po catalogues in this folder")
        files.extend(found)
    return files


def apply(
    files: FilesArgument,
    glossary: GlossaryOption = None,
    policy: PolicyOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the changes as a diff; write nothing.")
    ] = False,
) -> None:
    """Rewrite place names in catalogues the way the glossary says.

    Changed entries, and entries with a name the glossary cannot find, become fuzzy with a
    translator comment; every other entry is left byte-for-byte as it was.
    """
    from newsloc.translate.catalog import glossary_qa

    terms = load_terms(glossary, policy)
    paths = catalogue_files(files)
    with counting_progress("applying the glossary", "catalogues") as progress:
        reports = glossary_qa.apply_to_catalogs(paths, terms, dry_run=dry_run, progress=progress)
    for report in reports:
        if dry_run and report.diff:
            console.print(
                report.diff, end="", markup=False, highlight=False, soft_wrap=True, emoji=False
            )
        verb = "would change" if dry_run else "changed"
        console.print(
            f"{report.path}: {verb} {report.changed} of {report.entries} entries, "
            f"{report.flagged} flagged for review",
            markup=False,
            highlight=False,
            soft_wrap=True,
            emoji=False,
        )
        for problem in report.problems:
            console.print(problem, markup=False, highlight=False, soft_wrap=True, emoji=False)


def check(
    files: FilesArgument,
    glossary: GlossaryOption = None,
    policy: PolicyOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the violations as a JSON list.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print violations only, no summary line.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Report only these checks: codes or names, comma-separated (NL101,variant); "
            "a prefix such as NL2 selects a family.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODES", help="Leave these checks out (codes or names)."),
    ] = None,
) -> None:
    """Report every translation that breaks the glossary, one `file:line: CODE` line each.

    Exit 1 when there are errors (warnings alone exit 0), 2 when a file or the glossary
    cannot be used.
    """
    from newsloc.translate.catalog import glossary_qa

    codes = glossary_qa.check_codes(select or (), ignore or ())
    violations = glossary_qa.check_catalogs(
        catalogue_files(files), load_terms(glossary, policy), codes
    )
    if json_output:
        print_json([violation.as_dict() for violation in violations])
    else:
        for violation in violations:
            console.print(
                violation.format(), markup=False, highlight=False, soft_wrap=True, emoji=False
            )
        if not quiet:
            err_console.print(_summary(len(files), violations), highlight=False)
    if any(violation.severity != "warning" for violation in violations):
        raise typer.Exit(1)


def _summary(files: int, violations: list[glossary_qa.FileViolation]) -> str:
    """`2 files, no violations` / `1 file, 3 violations, 1 warning` (on stderr, like a linter)."""
    warnings = sum(violation.severity == "warning" for violation in violations)
    errors = len(violations) - warnings
    parts = [f"{files} file" + ("" if files == 1 else "s")]
    parts.append(
        f"{errors} violation" + ("" if errors == 1 else "s") if errors else "no violations"
    )
    if warnings:
        parts.append(f"{warnings} warning" + ("" if warnings == 1 else "s"))
    return ", ".join(parts)


def register(app: typer.Typer) -> None:
    """Attach `apply` and `check` to the glossary app."""
    app.command("apply")(apply)
    app.command("check")(check)
