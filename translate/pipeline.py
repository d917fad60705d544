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

from newsloc.base.errors import NewslocError
from newsloc.base.files import PlannedWrite, WriteConflict, read_bytes, write_files
from newsloc.glossary.model import SOURCE_LANGUAGE, Glossary
from newsloc.translate.catalog.discovery import check_domain_name
from newsloc.translate.catalog.files import (
    catalog_path,
    catalog_text,
    load_catalog,
    plan_save,
    same_but_dates,
)
from newsloc.translate.catalog.merge import has_translation, merge
from newsloc.translate.catalog.template import new_catalog, template_entries, timestamp
from newsloc.translate.engines.base import Engine, Translation
from newsloc.translate.errors import UserError
from newsloc.translate.machine import (
    JoinedTranslation,
    apply_glossary_to_machine_output,
    join_translation,
    write_machine_output,
)
from newsloc.translate.segment import Article, read_article, split_sentences

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
    template_written: bool = False


#: Codes Babel accepts that name no language a reader could read.
_NOT_LANGUAGES = frozenset({"und", "root", "mul", "zxx", "mis"})


def parse_languages(value: str) -> list[str]:
    """`hy,az,ru` -> ["hy", "az", "ru"], or a UserError naming the code Babel doesn't know."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise UserError("--to: give at least one language code, e.g. --to hy,az,ru")
    for code in codes:
        if code == SOURCE_LANGUAGE:
            raise UserError(f"--to: {code!r} is the source language")
        if not code.isalpha() or not code.islower() or code in _NOT_LANGUAGES:
            raise UserError(f"--to: {code!r} is not a language code (use e.g. hy, az, ru)")
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            raise UserError(f"--to: unknown language code {code!r}") from None
    return list(dict.fromkeys(codes))


#: How often a run merges again when a catalogue changed on disk while it was working.
MERGE_ATTEMPTS = 3


def glossary_coverage_warnings(languages: Sequence[str], glossary: Glossary) -> list[str]:
    """One line per language the glossary has no names for: its place names stay as the
    engine wrote them, which a user asking for `--to fr` should hear about."""
    return [
        f"{language}: the glossary {glossary.path or '(built in)'} has no {language} names; "
        "place names are left as the engine wrote them"
        for language in languages
        if language not in glossary.targets
    ]


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

    Bad input raises UserError before anything is written. Every file is computed before
    any is written, and they are written together (`fileio.write_files`): a full disk
    leaves every catalogue as it was. A catalogue someone saved while the engine was
    working is read and merged again, so the reviewer's save is kept. A language whose
    engine is missing still gets its catalogue (untranslated entries) and a warning.
    """
    article = read_article(article_path)
    domain = domain if domain is not None else article_path.stem
    check_domain_name(domain)
    _check_out(out)
    source = _display_path(article_path)
    template_path = catalog_path(out, domain, None)
    existing = {lang: _existing(out, domain, lang) for lang in languages}  # fail before writing
    old_template = _old_template(template_path)
    day = article_date or _known_date(existing.values()) or date.today()
    run = _Run(
        article=article,
        languages=list(languages),
        out=out,
        domain=domain,
        source=source,
        day=day,
        engine_factory=engine_factory,
        glossary=glossary,
        progress=progress,
    )
    for _attempt in range(MERGE_ATTEMPTS):
        report, writes = run.plan(existing, old_template)
        try:
            write_files(writes, within=out)
        except WriteConflict as conflict:
            changed = {Path(p) for p in conflict.paths}
            existing = {
                lang: _existing(out, domain, lang)
                if catalog_path(out, domain, lang) in changed
                else po
                for lang, po in existing.items()
            }
            if template_path in changed:
                old_template = _old_template(template_path)
            continue
        written = {plan.path for plan in writes}
        for language in report.languages:
            language.written = language.path in written
        report.template_written = template_path in written
        return report
    raise UserError(
        f"{out}: the catalogues kept changing on disk while newsloc worked; nothing was "
        "written, run the command again"
    )


@dataclass
class _Run:
    """One `translate` run; `plan` can be called again after a conflict, reusing the
    machine translations it already has (keyed by msgid)."""

    article: Article
    languages: list[str]
    out: Path
    domain: str
    source: str
    day: date
    engine_factory: EngineFactory | None
    glossary: Glossary | None
    progress: Progress | None
    machine: dict[str, dict[str, JoinedTranslation]] = field(default_factory=dict)
    engines: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)

    def plan(
        self, existing: dict[str, polib.POFile | None], old_template: polib.POFile | None
    ) -> tuple[TranslateReport, list[PlannedWrite]]:
        created = timestamp()
        template = new_catalog(
            domain=self.domain,
            source=self.source,
            article_date=self.day,
            language=None,
            created=created,
        )
        for entry in template_entries(self.article.units(), self.source):
            template.append(entry)
        template_path = catalog_path(self.out, self.domain, None)
        report = TranslateReport(template=template_path)
        catalogues: list[tuple[str, polib.POFile, polib.POFile | None]] = []
        notes: dict[str, dict[str, list[str]]] = {}
        for language in self.languages:
            po, lang_report, lang_notes = self._language(template, language, existing[language])
            report.languages.append(lang_report)
            catalogues.append((language, po, existing[language]))
            notes[language] = lang_notes
        _share_notes(template, old_template, notes, [po for _, po, _ in catalogues])
        text = catalog_text(template)
        on_disk = read_bytes(template_path)
        unchanged = on_disk is not None and same_but_dates(on_disk.decode("utf-8", "replace"), text)
        if old_template is not None and unchanged:
            created = old_template.metadata.get("POT-Creation-Date", created)
            template.metadata["POT-Creation-Date"] = created
            text = catalog_text(template)
        writes = [plan_save(template, template_path, old_template, text)]
        for (_, po, old), lang_report in zip(catalogues, report.languages, strict=True):
            po.metadata["POT-Creation-Date"] = created
            if old is None:
                po.metadata["PO-Revision-Date"] = created
            writes.append(plan_save(po, lang_report.path, old))
        return report, [plan for plan in writes if plan is not None]

    def _language(
        self, template: polib.POFile, language: str, existing: polib.POFile | None
    ) -> tuple[polib.POFile, LanguageReport, dict[str, list[str]]]:
        path = catalog_path(self.out, self.domain, language)
        fresh = new_catalog(
            domain=self.domain,
            source=self.source,
            article_date=self.day,
            language=language,
            created=template.metadata["POT-Creation-Date"],
            english_name=Locale.parse(language).english_name or language,
        )
        po, merged = merge(existing, list(template), fresh.metadata, fresh.header)
        if existing is not None:
            po.metadata["PO-Revision-Date"] = existing.metadata.get(
                "PO-Revision-Date", fresh.metadata["PO-Revision-Date"]
            )
        report = LanguageReport(
            language=language,
            path=path,
            kept=merged.kept,
            changed=merged.changed,
            obsolete=merged.obsolete,
        )
        todo = [e for e in po if not e.obsolete and not e.msgid_plural and not has_translation(e)]
        cache = self.machine.setdefault(language, {})
        missing = [e for e in todo if e.msgid not in cache]
        if missing and self.engine_factory is not None and language not in self.warnings:
            self._translate(language, missing)
        report.engine = self.engines.get(language, "")
        report.warning = self.warnings.get(language, "")
        machine = {id(e): cache[e.msgid] for e in todo if e.msgid in cache}
        report.machine_translated = len(machine)
        comments = {e.msgid: e.comment for e in po if not e.obsolete}
        if self.glossary is not None and language in self.glossary.targets:
            counts = apply_glossary_to_machine_output(
                po, self.glossary, language, machine, report.engine
            )
            report.mentions = counts.mentions
            report.rendered = counts.rendered
            report.placed_by_alignment = counts.placed_by_alignment
            report.not_found = counts.not_found
        elif machine:
            write_machine_output(po, machine, report.engine)
        notes = {
            e.msgid: [
                line
                for line in e.comment.split("\n")
                if line and line not in comments.get(e.msgid, "").split("\n")
            ]
            for e in po
            if not e.obsolete
        }
        live = [e for e in po if not e.obsolete]
        report.entries = len(live)
        report.untranslated = sum(1 for e in live if not has_translation(e))
        if machine:
            po.metadata["PO-Revision-Date"] = timestamp()
        return po, report, notes

    def _translate(self, language: str, entries: list[polib.POEntry]) -> None:
        assert self.engine_factory is not None
        try:
            engine = self.engine_factory(language)
        except NewslocError as exc:
            self.warnings[language] = str(exc)
            return
        if engine is None:
            return
        self.engines[language] = engine.describe()
        joined = _machine_translate(engine, entries, language, self.progress)
        cache = self.machine[language]
        for entry in entries:
            cache[entry.msgid] = joined[id(entry)]


def _share_notes(
    template: polib.POFile,
    old_template: polib.POFile | None,
    notes: dict[str, dict[str, list[str]]],
    catalogues: Sequence[polib.POFile],
) -> None:
    """Glossary notes go into the .pot too, tagged `[ru]`, and every catalogue carries the
    same extracted comments as the .pot: msgmerge (Poedit's "Update from POT", Weblate)
    replaces a .po's `#.` lines with the .pot's, so this way nothing vanishes. Languages
    not in this run keep the notes the previous .pot had for them."""
    old = {e.msgid: e.comment.split("\n") for e in old_template or [] if not e.obsolete}
    tags = tuple(f"[{language}] " for language in notes)
    for entry in template:
        lines = [line for line in entry.comment.split("\n") if line]
        kept = [
            line
            for line in old.get(entry.msgid, [])
            if line.startswith("[") and not line.startswith(tags)
        ]
        for language, per_entry in notes.items():
            lines += [f"[{language}] {note}" for note in per_entry.get(entry.msgid, [])]
        entry.comment = "\n".join(lines + kept)
    shared = {entry.msgid: entry.comment for entry in template}
    for po in catalogues:
        for entry in po:
            if not entry.obsolete and entry.msgid in shared:
                entry.comment = shared[entry.msgid]


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
    return load_catalog(path) if path.exists() or path.is_symlink() else None


def _old_template(path: Path) -> polib.POFile | None:
    """The .pot an earlier run wrote, if it still reads (it holds no one's work)."""
    if not path.exists():
        return None
    try:
        return load_catalog(path)
    except NewslocError:
        return None


def _known_date(catalogs: Iterable[polib.POFile | None]) -> date | None:
    """The article date an earlier run recorded, so a re-run does not move it to today."""
    for po in catalogs:
        value = po.metadata.get("X-Newsloc-Date", "") if po is not None else ""
        try:
            return date.fromisoformat(value)
        except ValueError:
            continue
    return None


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: --out must be a folder, and this is a file")


def _display_path(path: Path) -> str:
    """The article path as references show it: relative to here when it can be."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
