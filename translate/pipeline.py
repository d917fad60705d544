"""`newsloc translate` as a function: article in, template and catalogues out.

The flow follows docs/catalogues.md: segment the article, merge every language's
catalogue with the new template (nothing reviewed is lost), machine-translate only what
has no translation yet, apply the glossary to that machine output, and write atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError

from newsloc.glossary.model import Glossary
from newsloc.translate.catalog.files import catalog_path, load_catalog, save_catalog
from newsloc.translate.catalog.merge import merge
from newsloc.translate.catalog.template import new_catalog, template_entries, timestamp
from newsloc.translate.engines.base import Engine, Translation
from newsloc.translate.errors import UserError
from newsloc.translate.machine import (
    JoinedTranslation,
    apply_glossary_to_machine_output,
    join_translation,
    write_machine_output,
)
from newsloc.translate.segment import read_article, split_sentences

SOURCE_LANGUAGE = "en"

#: Builds an engine for one target language; raises UserError when it cannot.
EngineFactory = Callable[[str], Engine | None]
#: Called with (language, sentences done, sentences in all).
Progress = Callable[[str, int, int], None]


@dataclass
class LanguageReport:
    """What happened to one language's catalogue."""

    language: str
    path: Path
    entries: int = 0
    kept: int = 0
    changed: int = 0
    machine_translated: int = 0
    untranslated: int = 0
    obsolete: int = 0
    mentions: int = 0
    rendered: int = 0
    placed_by_alignment: int = 0
    not_found: int = 0
    written: bool = False
    engine: str = ""
    warning: str = ""


@dataclass
class TranslateReport:
    template: Path
    languages: list[LanguageReport] = field(default_factory=list)


def parse_languages(value: str) -> list[str]:
    """`hy,az,ru` -> ["hy", "az", "ru"], or a UserError naming the code Babel doesn't know."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise UserError("--to: give at least one language code, e.g. --to hy,az,ru")
    for code in codes:
        if code == SOURCE_LANGUAGE:
            raise UserError(f"--to: {code!r} is the source language")
        if not code.isalpha() or not code.islower():
            raise UserError(f"--to: {code!r} is not a language code (use e.g. hy, az, ru)")
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            raise UserError(f"--to: unknown language code {code!r}") from None
    return list(dict.fromkeys(codes))


def translate_article(
    article_path: Path,
    languages: Sequence[str],
    *,
    out: Path = Path("locales"),
    domain: str | None = None,
    engine_factory: EngineFactory | None = None,
    glossary: Glossary | None = None,
    article_date: date | None = None,
    progress: Progress | None = None,
) -> TranslateReport:
    """Write `<out>/<domain>.pot` and each language's catalogue; return what was done.

    Bad input raises UserError before anything is written. A language whose engine is
    missing still gets its catalogue (untranslated entries) and a warning in the report.
    """
    article = read_article(article_path)
    domain = domain or article_path.stem
    _check_domain(domain)
    source = _display_path(article_path)
    created = timestamp()
    existing = {lang: _existing(out, domain, lang) for lang in languages}  # fail before writing
    day = article_date or _known_date(existing.values()) or date.today()

    template = new_catalog(
        domain=domain, source=source, article_date=day, language=None, created=created
    )
    for entry in template_entries(article.units(), source):
        template.append(entry)
    template_path = catalog_path(out, domain, None)
    save_catalog(template, template_path)
    report = TranslateReport(template=template_path)

    for language in languages:
        report.languages.append(
            _translate_language(
                template,
                language,
                existing[language],
                out=out,
                domain=domain,
                source=source,
                day=day,
                created=created,
                engine_factory=engine_factory,
                glossary=glossary,
                progress=progress,
            )
        )
    return report


def _translate_language(
    template: polib.POFile,
    language: str,
    existing: polib.POFile | None,
    *,
    out: Path,
    domain: str,
    source: str,
    day: date,
    created: str,
    engine_factory: EngineFactory | None,
    glossary: Glossary | None,
    progress: Progress | None,
) -> LanguageReport:
    path = catalog_path(out, domain, language)
    fresh = new_catalog(
        domain=domain,
        source=source,
        article_date=day,
        language=language,
        created=created,
        english_name=Locale.parse(language).english_name or language,
    )
    po, merged = merge(existing, list(template), fresh.metadata, fresh.header)
    report = LanguageReport(
        language=language,
        path=path,
        kept=merged.kept,
        changed=merged.changed,
        obsolete=merged.obsolete,
    )

    todo = [e for e in po if not e.obsolete and not e.msgstr]
    machine: dict[int, JoinedTranslation] = {}
    if todo and engine_factory is not None:
        try:
            engine = engine_factory(language)
        except UserError as exc:
            report.warning = str(exc)
            engine = None
        if engine is not None:
            report.engine = engine.describe()
            machine = _machine_translate(engine, todo, language, progress)
            report.machine_translated = len(todo)

    if glossary is not None and language in glossary.targets:
        counts = apply_glossary_to_machine_output(po, glossary, language, machine, report.engine)
        report.mentions = counts.mentions
        report.rendered = counts.rendered
        report.placed_by_alignment = counts.placed_by_alignment
        report.not_found = counts.not_found
    elif machine:
        write_machine_output(po, machine, report.engine)

    live = [e for e in po if not e.obsolete]
    report.entries = len(live)
    report.untranslated = sum(1 for e in live if not e.msgstr)
    if machine:
        po.metadata["PO-Revision-Date"] = timestamp()
    report.written = save_catalog(po, path)
    return report


def _machine_translate(
    engine: Engine, entries: list[polib.POEntry], language: str, progress: Progress | None
) -> dict[int, JoinedTranslation]:
    """Translate every sentence of every entry in one engine call; a joined result per entry."""
    plans = [(entry, split_sentences(entry.msgid)) for entry in entries]
    batch = [s.text for _, sentences in plans for s in sentences if s.translatable]
    if progress:
        progress(language, 0, len(batch))
        if hasattr(engine, "progress"):  # engines that can report as batches finish
            engine.progress = lambda done: progress(language, done, len(batch))
    results = engine.translate(batch) if batch else []
    if progress:
        progress(language, len(batch), len(batch))
    if len(results) != len(batch):
        raise RuntimeError(f"engine returned {len(results)} translations for {len(batch)}")
    machine: dict[int, JoinedTranslation] = {}
    position = 0
    for entry, sentences in plans:
        parts: list[Translation] = []
        for sentence in sentences:
            if sentence.translatable:
                parts.append(results[position])
                position += 1
            else:
                parts.append(Translation(sentence.text))
        machine[id(entry)] = join_translation(sentences, parts)
    return machine


def _existing(out: Path, domain: str, language: str) -> polib.POFile | None:
    path = catalog_path(out, domain, language)
    return load_catalog(path) if path.exists() else None


def _known_date(catalogs: Iterable[polib.POFile | None]) -> date | None:
    """The article date an earlier run recorded, so a re-run does not move it to today."""
    for po in catalogs:
        value = po.metadata.get("X-Newsloc-Date", "") if po is not None else ""
        try:
            return date.fromisoformat(value)
        except ValueError:
            continue
    return None


def _check_domain(domain: str) -> None:
    if not domain or "/" in domain or domain.startswith("."):
        raise UserError(f"--domain: {domain!r} is not a usable catalogue name")


def _display_path(path: Path) -> str:
    """The article path as references show it: relative to here when it can be."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
