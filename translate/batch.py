"""`newsloc translate A.txt B.txt …`: a desk's articles in one process.

Each article still goes through `translate_article` on its own (its own catalogues, its own
report, its own refusal), but the run shares what is expensive: each language's engine is
built once (a model loads in seconds), and the sentences of articles that have no catalogue
yet are machine-translated ahead, several articles in one engine call, so the model works
on full batches instead of one short article at a time. (Which sentences share a batch
changes CTranslate2's int8 rounding, so a sentence may come out slightly differently than
in a one-article run; the tiny test models happen to agree exactly.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsloc.base.errors import NewslocError
from newsloc.translate.catalog.storage import catalog_path
from newsloc.translate.catalog.template import template_entries
from newsloc.translate.engines.interface import Engine, ProgressCallback, Translation
from newsloc.translate.errors import UserError
from newsloc.translate.pipeline import (
    EngineFactory,
    Progress,
    RunSettings,
    TranslateReport,
    engine_work,
    translate_article,
)
from newsloc.translate.reading import EXTENSIONS, read_article

#: At most this many sentences are translated ahead in one engine call (memory stays small
#: and progress moves on a long desk); a Transformer-base batch of 4,096 tokens is ~150.
PREFETCH_SENTENCES = 4000


@dataclass
class ArticleOutcome:
    """One article of a batch: its report, or the one-line reason it was refused."""

    article: Path
    report: TranslateReport | None = None
    error: str = ""


@dataclass
class BatchReport:
    """What a `newsloc translate A.txt B.txt …` run did, article by article, in order."""

    outcomes: list[ArticleOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [outcome for outcome in self.outcomes if outcome.report is None]

    @property
    def done(self) -> list[TranslateReport]:
        return [outcome.report for outcome in self.outcomes if outcome.report is not None]


#: Called with (article index from 0, number of articles, the article) before each one.
ArticleProgress = Callable[[int, int, Path], None]


def is_partial(report: TranslateReport) -> bool:
    """True when a language that was to be machine-translated could not be (no engine)."""
    return any(language.warning for language in report.languages)


def collect_articles(paths: Sequence[Path]) -> list[Path]:
    """The articles named on the command line: files as given, folders as their articles
    (files whose extension names an article format: .txt, .md, .html, .json, …).

    Every article gets catalogues named after its file stem, so two articles with the same
    stem would overwrite each other's: that is refused before anything is written.
    """
    articles: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in EXTENSIONS and not p.name.startswith(".")
            )
            if not found:
                raise UserError(f"{path}: a folder with no articles (.txt, .md, .html, .json)")
            articles.extend(p for p in found if p.is_file())
        else:
            articles.append(path)
    unique = list(dict.fromkeys(articles))
    seen: dict[str, Path] = {}
    for article in unique:
        other = seen.setdefault(article.stem, article)
        if other != article:
            raise UserError(
                f"{other} and {article} would share the catalogues named {article.stem!r}; "
                "rename one or translate them in separate runs with --domain"
            )
    return unique


def reuse_engines(factory: EngineFactory | None) -> EngineFactory | None:
    """`factory`, remembering each language's engine (or refusal) for the rest of the run.

    Loading a model takes seconds; a desk's twenty articles load each model once.
    """
    if factory is None:
        return None
    engines: dict[str, Engine | None] = {}
    refusals: dict[str, NewslocError] = {}

    def build(language: str) -> Engine | None:
        if language in refusals:
            raise refusals[language]
        if language not in engines:
            try:
                engines[language] = factory(language)
            except NewslocError as exc:
                refusals[language] = exc
                raise
        return engines[language]

    return build


def translate_articles(
    articles: Sequence[Path],
    settings: RunSettings,
    *,
    on_article: ArticleProgress | None = None,
) -> BatchReport:
    """Translate each article with `translate_article`, in one process, engines shared.

    An article that is refused (unreadable, not UTF-8, a broken catalogue of its own) is
    reported with its reason and the run goes on with the next; what was written for the
    other articles stays written.
    """
    factory = reuse_engines(settings.engine_factory)
    batch = BatchReport()
    for window in _windows(articles, settings):
        cached = _translate_ahead(window, settings.languages, factory, settings.progress)
        for article, _ in window:
            if on_article:
                on_article(len(batch.outcomes), len(articles), article)
            try:
                report = translate_article(article, replace(settings, engine_factory=cached))
            except NewslocError as exc:
                batch.outcomes.append(ArticleOutcome(article, error=str(exc)))
            else:
                batch.outcomes.append(ArticleOutcome(article, report=report))
    return batch


#: An article and, per language, the sentences its new catalogue will need translated.
_Planned = tuple[Path, dict[str, list[str]]]


def _windows(articles: Sequence[Path], settings: RunSettings) -> list[list[_Planned]]:
    """Consecutive groups of articles whose sentences to translate ahead fit one call."""
    windows: list[list[_Planned]] = [[]]
    size = 0
    for article in articles:
        planned = {
            language: _new_sentences(article, language, settings) for language in settings.languages
        }
        count = max((len(sentences) for sentences in planned.values()), default=0)
        if windows[-1] and size + count > PREFETCH_SENTENCES:
            windows.append([])
            size = 0
        windows[-1].append((article, planned))
        size += count
    return windows


def _new_sentences(article: Path, language: str, settings: RunSettings) -> list[str]:
    """What `translate_article` will send to the engine for a catalogue that does not exist
    yet (its entries are the template's), by the same choice (`engine_work`). An existing
    catalogue (a re-run) is left to `translate_article`."""
    if catalog_path(settings.out, article.stem, language).exists():
        return []
    try:
        units = read_article(article, settings.article_format).units()
    except NewslocError:
        return []  # translate_article reports it
    return [text for item in engine_work(template_entries(units, "")) for text in item.sent]


def _translate_ahead(
    window: list[_Planned],
    languages: Sequence[str],
    factory: EngineFactory | None,
    progress: Progress | None,
) -> EngineFactory | None:
    """Translate the window's new sentences per language in one engine call; a factory
    whose engines answer from those results (and translate anything else as usual)."""
    if factory is None:
        return None
    results: dict[str, dict[str, Translation]] = {}
    for language in languages:
        sentences = list(
            dict.fromkeys(s for _, planned in window for s in planned.get(language, []))
        )
        if not sentences:
            continue
        try:
            engine = factory(language)
        except NewslocError:
            continue  # translate_article asks again and reports why
        if engine is None:
            continue
        if progress:
            progress(language, 0, len(sentences))
            if engine.reports_progress:
                engine.progress = _reporter(progress, language, len(sentences))
        results[language] = dict(zip(sentences, engine.translate(sentences), strict=True))

    def build(language: str) -> Engine | None:
        engine = factory(language)
        known = results.get(language)
        return _Answered(engine, known) if engine is not None and known else engine

    return build


def _reporter(progress: Progress, language: str, total: int) -> Callable[[int], None]:
    return lambda done: progress(language, done, total)


class _Answered:
    """An engine that answers the sentences translated ahead and passes on the rest."""

    def __init__(self, engine: Engine, known: dict[str, Translation]) -> None:
        self._engine = engine
        self._known = known
        self.name = engine.name
        self.source = engine.source
        self.target = engine.target
        self.reports_progress = engine.reports_progress
        self.aligns = engine.aligns

    @property
    def progress(self) -> ProgressCallback | None:
        return self._engine.progress

    @progress.setter
    def progress(self, callback: ProgressCallback | None) -> None:
        self._engine.progress = callback

    def describe(self) -> str:
        return self._engine.describe()

    def translate(self, sentences: list[str]) -> list[Translation]:
        missing = list(dict.fromkeys(s for s in sentences if s not in self._known))
        fresh = dict(zip(missing, self._engine.translate(missing), strict=True)) if missing else {}
        return [self._known[s] if s in self._known else fresh[s] for s in sentences]
