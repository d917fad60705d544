"""`newsloc translate`: an article in, gettext catalogues out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsloc.translate.cli.glossary_options import glossary_option, load_terms, policy_option
from newsloc.translate.cli.languages import complete_languages, parse_languages
from newsloc.translate.cli.output import (
    by_figure,
    compact_table,
    console,
    err_console,
    narrowest,
    print_error,
    print_json,
    print_warning,
    record_table,
)
from newsloc.translate.cli.params import Exit, NewslocCommand, argument
from newsloc.translate.errors import UserError

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.progress import TaskID

    from newsloc.translate.batch import BatchReport
    from newsloc.translate.pipeline import RunSettings, TranslateReport


#: Exit code of a run that wrote everything asked but could not machine-translate some
#: language (no model installed for it), or that refused some of several articles: catalogues
#: were still written for human translators. 2 means nothing was done (bad input).
EXIT_PARTIAL = 3


@click.command("translate", cls=NewslocCommand)
@argument(
    "articles",
    metavar="ARTICLE",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    help="English articles (plain text, Markdown, HTML or ninjs JSON), or folders of them.",
)
@click.option(
    "--to",
    multiple=True,
    metavar="LANGS",
    shell_complete=complete_languages,
    help="Target languages, comma-separated or repeated (--to ru --to az).",
    show_default="hy,az,ru",
)
@click.option(
    "--domain",
    help="Catalogue name; one article only.",
    show_default="the article's file stem",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("locales"),
    help="Where catalogues go.",
)
@click.option(
    "--format",
    "article_format",
    help="How the articles are written: text, markdown, html or ninjs.",
    show_default="by extension: .txt, .md, .html, .json",
)
@click.option(
    "--engine",
    default="argos",
    help="argos (offline models), libretranslate (a shared server) or none (leave "
    "for translators).",
)
@click.option(
    "--server",
    multiple=True,
    help="LibreTranslate server URL; repeat it or separate URLs with commas to share "
    "the work among several servers.",
    show_default="$LIBRETRANSLATE_URL",
)
@glossary_option()
@policy_option()
@click.option("--no-glossary", "no_glossary", is_flag=True, help="Do not apply any glossary.")
@click.option(
    "--date", "article_date", help="The article's date, YYYY-MM-DD.", show_default="today"
)
@click.option("--beam-size", type=click.IntRange(min=1), help="Beam size for decoding.")
@click.option(
    "--threads", type=int, default=0, help="CPU threads; 0 uses every core (at most 4 per core)."
)
@click.option(
    "--compute-type",
    default="auto",
    help="CTranslate2 compute type (int8, float32, … or auto).",
)
@click.option(
    "--device", default="auto", help="auto (a GPU when CTranslate2 sees one), cpu or cuda."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def translate(
    articles: tuple[Path, ...],
    to: tuple[str, ...],
    domain: str | None,
    out: Path,
    article_format: str | None,
    engine: str,
    server: tuple[str, ...],
    glossary: Path | None,
    policy: str | None,
    no_glossary: bool,
    article_date: str | None,
    beam_size: int | None,
    threads: int,
    compute_type: str,
    device: str,
    as_json: bool,
) -> None:
    """Translate ARTICLES into catalogues: OUT/DOMAIN.pot and OUT/LANG/LC_MESSAGES/DOMAIN.po.

    Re-running on a changed article keeps every translation someone made: changed
    paragraphs keep their old translation marked fuzzy, removed ones become obsolete.
    Several articles (or a folder) are translated in one run, each model loaded once.
    Exit 0: done; 2: bad input, nothing written; 3: partial (a language could not be
    machine-translated, or some articles were refused; see the messages).
    """
    from newsloc.translate.batch import collect_articles, is_partial, translate_articles
    from newsloc.translate.catalog.template import parse_date
    from newsloc.translate.engines.registry import EngineOptions, engine_factory
    from newsloc.translate.pipeline import RunSettings, glossary_coverage_warnings
    from newsloc.translate.reading import check_format

    if no_glossary and (policy is not None or glossary is not None):
        given = "--policy" if policy is not None else "--glossary"
        raise UserError(f"{given} chooses a glossary to apply; drop it or --no-glossary")
    languages = parse_languages(",".join(to) if to else "hy,az,ru", "--to")
    if article_format is not None:
        check_format(article_format)
    day = parse_date(article_date, "--date") if article_date else None
    factory = engine_factory(
        engine,
        EngineOptions(
            beam_size=beam_size,
            threads=threads,
            compute_type=compute_type,
            device=device,
            server=",".join(server) if server else None,
        ),
    )
    settings = RunSettings(
        languages=languages,
        out=out,
        engine_factory=factory,
        glossary=None if no_glossary else load_terms(glossary, policy),
        article_date=day,
        article_format=article_format,
    )
    if settings.glossary is not None:
        for warning in glossary_coverage_warnings(settings.languages, settings.glossary):
            print_warning(warning)
    paths = collect_articles(articles)
    if len(paths) == 1 and not articles[0].is_dir():
        _translate_one(paths[0], settings, domain, as_json)
        return
    if domain is not None:
        raise UserError("--domain names one article's catalogues; give one article with it")
    with _progress(quiet=as_json) as bar:
        batch = translate_articles(
            paths, replace(settings, progress=bar.update), on_article=bar.article
        )
    _print_warnings(report for report in batch.done)
    for failure in batch.failed:
        print_error(failure.error)
    if as_json:
        print_json(_batch_as_dict(batch))
    else:
        console.print(_batch_table(batch, machine=factory is not None, width=console.width))
    if batch.outcomes and len(batch.failed) == len(batch.outcomes):
        raise Exit(2)
    if batch.failed or any(is_partial(report) for report in batch.done):
        raise Exit(EXIT_PARTIAL)


def _translate_one(article: Path, settings: RunSettings, domain: str | None, as_json: bool) -> None:
    from newsloc.translate.batch import is_partial
    from newsloc.translate.pipeline import translate_article

    with _progress(quiet=as_json) as bar:
        report = translate_article(article, replace(settings, progress=bar.update), domain=domain)
    _print_warnings([report])
    if as_json:
        print_json(_as_dict(report))
    else:
        console.print(_table(report, width=console.width))
    if is_partial(report):
        raise Exit(EXIT_PARTIAL)


def _print_warnings(reports: Iterable[TranslateReport]) -> None:
    """Each language's problem once, however many articles it held back."""
    shown: set[str] = set()
    for report in reports:
        for language in report.languages:
            line = f"{language.language}: {language.warning}"
            if language.warning and line not in shown:
                shown.add(line)
                print_warning(line)


def _as_dict(report: TranslateReport) -> dict:
    return {
        "template": str(report.template),
        "template_written": report.template_written,
        "languages": [{**asdict(lang), "path": str(lang.path)} for lang in report.languages],
    }


#: The report's columns: each heading is its JSON key (`--json`) with spaces for underscores.
_COLUMNS = (
    "entries",
    "kept",
    "changed",
    "machine_translated",
    "untranslated",
    "mentions",
    "rendered",
    "placed_by_alignment",
    "not_found",
)


def _heading(key: str) -> str:
    return key.replace("_", " ")


def _table(report: TranslateReport, width: int | None = None) -> RenderableType:
    """A row per language; on a terminal too narrow for that, a row per figure instead,
    so that no heading or number is cut to an ellipsis. The files written follow."""
    from rich.console import Group
    from rich.text import Text

    headings = ["language", *map(_heading, _COLUMNS)]
    rows = [
        [lang.language, *(str(getattr(lang, key)) for key in _COLUMNS)] for lang in report.languages
    ]
    title = f"Catalogues from {report.template}"
    table = record_table(compact_table(title), headings, rows, width)
    files = [
        Text(f"{path}{'' if written else ' (unchanged)'}")
        for path, written in [
            (report.template, report.template_written),
            *((lang.path, lang.written) for lang in report.languages),
        ]
    ]
    return Group(table, *files)


def _batch_as_dict(batch: BatchReport) -> dict:
    return {
        "articles": [
            {
                "article": str(outcome.article),
                "error": outcome.error or None,
                **(_as_dict(outcome.report) if outcome.report is not None else {}),
            }
            for outcome in batch.outcomes
        ]
    }


def _batch_table(
    batch: BatchReport, machine: bool = True, width: int | None = None
) -> RenderableType:
    """One table for the whole run: a row per article and language, refused ones included.
    On a terminal too narrow for that, a small table per article with a row per figure.

    Without an engine (`--engine none`) nothing is translated: the title says what was done.
    """
    from rich.console import Group
    from rich.text import Text

    done = f"{len(batch.done)} of {len(batch.outcomes)} articles"
    title = (
        f"{done} translated"
        if machine
        else f"{done} made into catalogues for translators (--engine none)"
    )
    keys = ("entries", "kept", "changed", "machine_translated", "untranslated", "rendered")
    headings = ["article", "language", *(_heading(key) for key in (*keys, "not_found"))]
    rows: list[list[str]] = []
    for outcome in batch.outcomes:
        if outcome.report is None:
            rows.append([outcome.article.name, "", *[""] * len(keys), "refused"])
            continue
        for lang in outcome.report.languages:
            cells = [str(getattr(lang, key)) for key in keys]
            if lang.warning:
                cells[keys.index("machine_translated")] = "none"
            rows.append([outcome.article.name, lang.language, *cells, str(lang.not_found)])
    if width is not None and narrowest(headings, rows) > width:
        parts: list[RenderableType] = [Text(title)]
        for name in dict.fromkeys(row[0] for row in rows):
            mine = [row[1:] for row in rows if row[0] == name]
            if not mine[0][0]:
                parts.append(Text(f"{name}: refused"))
                continue
            parts.append(by_figure(compact_table(name), headings[1:], mine))
        return Group(*parts)
    table = compact_table(title)
    for index, heading in enumerate(headings):
        table.add_column(heading, justify="left" if index < 2 else "right")
    for row in rows:
        table.add_row(Text(row[0]), *row[1:])
    return table


class _progress:
    """Progress on stderr: the articles of a batch, and each language's sentences."""

    def __init__(self, quiet: bool):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.quiet = quiet
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} {task.fields[unit]}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=not err_console.is_terminal,  # logs and pipes get the result lines only
        )
        self.tasks: dict[str, TaskID] = {}
        self.started = False

    def __enter__(self) -> _progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.started:
            self.bar.stop()

    def _start(self) -> None:
        if not self.started:
            self.started = True
            self.bar.start()

    def article(self, index: int, total: int, path: Path) -> None:
        """Before each article of a batch: move the articles bar, reset the languages'."""
        if self.quiet:
            return
        self._start()
        if "" not in self.tasks:
            self.tasks[""] = self.bar.add_task("articles", total=total, unit="articles")
        self.bar.update(self.tasks[""], completed=index, description=f"articles: {path.name}")
        for language, task in self.tasks.items():
            if language:
                self.bar.update(task, completed=0)

    def update(self, language: str, done: int, total: int) -> None:
        if self.quiet:
            return
        self._start()
        if language not in self.tasks:
            self.tasks[language] = self.bar.add_task(
                f"translating en→{language}", total=total, unit="sentences"
            )
        self.bar.update(self.tasks[language], completed=done, total=total)
