"""`newsloc glossary apply` and `newsloc glossary check`: the glossary on .po catalogues.

Added to the `newsloc glossary` group (glossary_cmd.py). Each command parses its arguments,
calls one function of `newsloc.translate.catalog.glossary_qa` and prints; the behaviour lives
there.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsloc.translate.cli.glossary_options import glossary_option, load_terms, policy_option
from newsloc.translate.cli.output import console, counting_progress, err_console, print_json
from newsloc.translate.cli.params import Exit, NewslocCommand, argument

if TYPE_CHECKING:
    from newsloc.translate.catalog import glossary_qa


#: The catalogues both commands take: one or more .po files or folders.
files_argument = argument(
    "files",
    type=click.Path(path_type=Path),
    nargs=-1,
    required=True,
    metavar="CATALOGUE",
    help="Catalogues (.po) to work on, or folders to search for them (e.g. locales).",
)


def catalogue_files(paths: Sequence[Path]) -> list[Path]:
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


@click.command("apply", cls=NewslocCommand)
@files_argument
@glossary_option()
@policy_option()
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
def apply(
    files: tuple[Path, ...], glossary: Path | None, policy: str | None, dry_run: bool
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


@click.command("check", cls=NewslocCommand)
@files_argument
@glossary_option()
@policy_option()
@click.option("--json", "json_output", is_flag=True, help="Print the violations as a JSON list.")
@click.option("--quiet", "-q", is_flag=True, help="Print violations only, no summary line.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Report only these checks: codes or names, comma-separated (NL101,variant); "
    "a prefix such as NL2 selects a family.",
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Leave these checks out (codes or names)."
)
def check(
    files: tuple[Path, ...],
    glossary: Path | None,
    policy: str | None,
    json_output: bool,
    quiet: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Report every translation that breaks the glossary, one `file:line: CODE` line each.

    Exit 1 when there are errors (warnings alone exit 0), 2 when a file or the glossary
    cannot be used.
    """
    from newsloc.translate.catalog import glossary_qa

    codes = glossary_qa.check_codes(select, ignore)
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
        raise Exit(1)


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
