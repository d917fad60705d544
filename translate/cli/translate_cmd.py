"""`newsloc translate`: an article in, gettext catalogues out."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsloc.glossary.loader import glossary_or_default
from newsloc.translate.catalog.template import parse_date
from newsloc.translate.cli.glossary_options import GlossaryOption
from newsloc.translate.cli.output import console, err_console, print_json, print_warning
from newsloc.translate.engines.registry import EngineOptions, engine_factory
from newsloc.translate.pipeline import (
    TranslateReport,
    glossary_coverage_warnings,
    parse_languages,
    translate_article,
)


def register(app: typer.Typer) -> None:
    """Attach the top-level `translate` command to the app."""
    app.command("translate")(translate)


def translate(
    article: Annotated[
        Path, typer.Argument(metavar="ARTICLE", help="The English article: UTF-8 plain text.")
    ],
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = (
        "hy,az,ru"
    ),
    domain: Annotated[
        str | None,
        typer.Option(help="Catalogue name.", show_default="the article's file stem"),
    ] = None,
    out: Annotated[Path, typer.Option(help="Where catalogues go.")] = Path("locales"),
    engine: Annotated[
        str,
        typer.Option(
            help="argos (offline models), libretranslate (a shared server) or none (leave "
            "for translators)."
        ),
    ] = "argos",
    server: Annotated[
        list[str] | None,
        typer.Option(
            help="LibreTranslate server URL; repeat it or separate URLs with commas to share "
            "the work among several servers.",
            show_default="$LIBRETRANSLATE_URL",
        ),
    ] = None,
    glossary: GlossaryOption = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Do not apply any glossary.")
    ] = False,
    article_date: Annotated[
        str | None,
        typer.Option("--date", help="The article's date, YYYY-MM-DD.", show_default="today"),
    ] = None,
    beam_size: Annotated[int | None, typer.Option(min=1, help="Beam size for decoding.")] = None,
    threads: Annotated[int, typer.Option(min=0, help="CPU threads; 0 uses every core.")] = 0,
    compute_type: Annotated[str, typer.Option(help="CTranslate2 compute type.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Translate ARTICLE into catalogues: OUT/DOMAIN.pot and OUT/LANG/LC_MESSAGES/DOMAIN.po.

    Re-running on a changed article keeps every translation someone made: changed
    paragraphs keep their old translation marked fuzzy, removed ones become obsolete.
    """
    languages = parse_languages(to)
    day = parse_date(article_date, "--date") if article_date else None
    factory = engine_factory(
        engine,
        EngineOptions(
            beam_size=beam_size,
            threads=threads,
            compute_type=compute_type,
            server=",".join(server) if server else None,
        ),
    )
    terms = None if no_glossary else glossary_or_default(glossary)
    for warning in glossary_coverage_warnings(languages, terms) if terms else []:
        print_warning(warning)
    with _progress(quiet=as_json) as update:
        report = translate_article(
            article,
            languages,
            out=out,
            domain=domain,
            engine_factory=factory,
            glossary=terms,
            article_date=day,
            progress=update,
        )
    for language in report.languages:
        if language.warning:
            print_warning(f"{language.language}: {language.warning}")
    if as_json:
        print_json(_as_dict(report))
    else:
        console.print(_table(report))


def _as_dict(report: TranslateReport) -> dict:
    return {
        "template": str(report.template),
        "template_written": report.template_written,
        "languages": [{**asdict(lang), "path": str(lang.path)} for lang in report.languages],
    }


def _table(report: TranslateReport) -> Table:
    table = Table(
        title=f"Catalogues from {report.template}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        padding=(0, 1),
        pad_edge=False,
    )
    columns = (
        "lang",
        "entries",
        "kept",
        "changed",
        "MT",
        "empty",
        "mentions",
        "rendered",
        "aligned",
        "not found",
    )
    for name in columns:
        table.add_column(name, justify="left" if name == "lang" else "right", min_width=len(name))
    for lang in report.languages:
        table.add_row(
            lang.language,
            str(lang.entries),
            str(lang.kept),
            str(lang.changed),
            str(lang.machine_translated),
            str(lang.untranslated),
            str(lang.mentions),
            str(lang.rendered),
            str(lang.placed_by_alignment),
            str(lang.not_found),
        )
    table.caption = "\n".join(
        f"{path}{'' if written else ' (unchanged)'}"
        for path, written in [
            (report.template, report.template_written),
            *((lang.path, lang.written) for lang in report.languages),
        ]
    )
    table.caption_justify = "left"
    return table


class _progress:
    """A progress bar per language while engines translate; silent for --json."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} sentences"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self):
        return self.update

    def __exit__(self, *exc: object) -> None:
        if self.tasks:
            self.bar.stop()

    def update(self, language: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if not self.tasks:
            self.bar.start()
        if language not in self.tasks:
            self.tasks[language] = self.bar.add_task(f"translating en→{language}", total=total)
        self.bar.update(self.tasks[language], completed=done, total=total)
