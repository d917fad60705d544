"""`newsloc quality`: how good the machine translation is, measured."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsloc.translate.cli.languages import complete_languages
from newsloc.translate.cli.output import console, err_console, print_json
from newsloc.translate.cli.params import argument, group

if TYPE_CHECKING:
    from newsloc.translate.quality.edits import EditStats
    from newsloc.translate.quality.reference import ReferenceScores


@group(
    "quality",
    help="Measure translation quality: against reference translations, or against the "
    "desk's own reviews.",
)
def app() -> None:
    """The `quality` group."""


@app.command("reference")
@argument(
    "source",
    type=click.Path(path_type=Path),
    metavar="SOURCE",
    help="English segments, one a line.",
)
@argument(
    "references",
    type=click.Path(path_type=Path),
    metavar="REFERENCE",
    help="Their human translations, line for line.",
)
@click.option(
    "--to",
    required=True,
    shell_complete=complete_languages,
    help="The references' language (hy, az, ru, ...).",
)
@click.option(
    "--hypotheses",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Score this file's lines (another system's output) instead of translating.",
    show_default=False,
)
@click.option(
    "--engine",
    default="argos",
    help="argos (installed models) or libretranslate (a server).",
)
@click.option(
    "--server",
    multiple=True,
    metavar="URL",
    help="LibreTranslate server URL; repeat it to share the work.",
    show_default="$LIBRETRANSLATE_URL",
)
@click.option(
    "--save",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Also write the engine's translations here, one a line.",
    show_default=False,
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def reference(
    source: Path,
    references: Path,
    to: str,
    hypotheses: Path | None,
    engine: str,
    server: tuple[str, ...],
    save: Path | None,
    as_json: bool,
) -> None:
    """Translate SOURCE and score the result against REFERENCE: BLEU and chrF.

    Scores are sacrebleu's corpus BLEU and chrF with its default settings; each is printed
    with its signature, so a figure is comparable with any published one of the same
    signature. With --hypotheses, the file is scored as it is and nothing is translated.
    Exit 0: scored; 2: bad input (missing file, misaligned lines, no model).
    """
    from newsloc.base.po.conventions import primary_subtag
    from newsloc.translate.errors import UserError
    from newsloc.translate.quality.reference import check_aligned, read_lines, score

    target = primary_subtag(to)
    if not target or target == "en":
        raise UserError(f"--to {to!r}: give the references' language, e.g. hy")
    sources = read_lines(source, "source file")
    refs = read_lines(references, "reference file")
    if hypotheses is not None:
        outputs = read_lines(hypotheses, "hypothesis file")
        check_aligned([source, references, hypotheses], [sources, refs, outputs])
        system = hypotheses.name
    else:
        check_aligned([source, references], [sources, refs])
        outputs, system = _translate(sources, target, engine, server, quiet=as_json)
        if save is not None:
            from newsloc.base.files import atomic_write_text

            atomic_write_text(save, "".join(f"{line}\n" for line in outputs))
    scores = score(outputs, refs, target, system)
    if as_json:
        print_json(scores.as_dict())
    else:
        _print(scores)


def _translate(
    sources: list[str], target: str, engine: str, server: Sequence[str], quiet: bool
) -> tuple[list[str], str]:
    """The engine's translation of every line, with a progress bar, and what produced it."""
    from rich.progress import Progress

    from newsloc.translate.engines.registry import EngineOptions, engine_factory
    from newsloc.translate.errors import UserError
    from newsloc.translate.quality.reference import translate_lines

    if engine == "none":
        raise UserError("--engine none translates nothing; give --hypotheses to score a file")
    factory = engine_factory(engine, EngineOptions(server=",".join(server) if server else None))
    assert factory is not None
    built = factory(target)
    if built is None:
        raise UserError(f"--engine {engine}: no engine for en→{target}")

    def run(lines: list[str]) -> list[str]:
        return [t.text for t in built.translate(lines)]

    # On stderr, and only on a terminal, like every newsloc progress bar.
    hidden = quiet or not err_console.is_terminal
    with Progress(console=err_console, disable=hidden, transient=True) as bar:
        task = bar.add_task(f"translating en→{target}", total=len(sources))
        outputs = translate_lines(sources, run, on_batch=lambda n: bar.advance(task, n))
    return outputs, built.describe()


def _print(scores: ReferenceScores) -> None:
    from rich.table import Table

    table = Table(title=f"en→{scores.target}: {scores.segments} segments")
    table.add_column("system")
    table.add_column("BLEU", justify="right")
    table.add_column("chrF", justify="right")
    table.add_row(scores.system, f"{scores.bleu.score:.1f}", f"{scores.chrf.score:.1f}")
    console.print(table)
    console.print(f"BLEU: {scores.bleu.signature}", markup=False, highlight=False)
    console.print(f"chrF: {scores.chrf.signature}", markup=False, highlight=False)


@app.command("edits")
@click.option(
    "--locales",
    type=click.Path(path_type=Path),
    default=Path("locales"),
    help="Directory holding <lang>/LC_MESSAGES/<domain>.po.",
)
@click.option("--domain", help="Catalogue domain (file stem); default: every one present.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def edits(locales: Path, domain: str | None, as_json: bool) -> None:
    """How reviewers changed the machine output, per language and engine.

    newsloc keeps what it wrote into each entry beside the catalogue (DOMAIN.mt.json);
    this compares it with the reviewed text (not fuzzy, translated): how many entries
    reviewers accepted unchanged, and sacrebleu's corpus chrF (higher: closer) and TER
    (lower: fewer edits) between machine output and reviewed text, with their signatures.
    Entries still fuzzy or emptied are counted, not scored.
    Exit 0: reported; 2: bad input (no such folder, a damaged sidecar).
    """
    from newsloc.translate.quality.edits import edit_stats

    rows = edit_stats(locales, domain)
    if as_json:
        print_json([row.as_dict() for row in rows])
        return
    _print_edits(locales, rows)


def _print_edits(locales: Path, rows: list[EditStats]) -> None:
    from rich.table import Table
    from rich.text import Text

    if not rows:
        console.print(
            f"{locales}: no kept machine output yet (newsloc translate keeps it from now on)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return
    for engine in dict.fromkeys(row.engine for row in rows):
        table = Table(title=Text(f"engine: {engine}"), title_justify="left")
        columns = ("language", "machine", "reviewed", "unchanged", "fuzzy", "empty")
        for name in (*columns, "chrF", "TER"):
            table.add_column(name, justify="left" if name == "language" else "right")
        for row in rows:
            if row.engine != engine:
                continue
            table.add_row(
                row.language,
                str(row.machine_entries),
                str(row.reviewed),
                str(row.unchanged),
                str(row.fuzzy),
                str(row.untranslated),
                "–" if row.chrf is None else f"{row.chrf.score:.1f}",
                "–" if row.ter is None else f"{row.ter.score:.1f}",
            )
        console.print(table)
    scored = next((row for row in rows if row.chrf is not None and row.ter is not None), None)
    if scored is not None and scored.chrf is not None and scored.ter is not None:
        console.print(f"chrF: {scored.chrf.signature}", markup=False, highlight=False)
        console.print(f"TER: {scored.ter.signature}", markup=False, highlight=False)
