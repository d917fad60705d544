"""`newsloc translate` as a function: article in, template and catalogues out.

The flow follows docs/catalogues.md: segment the article, merge every language's
catalogue with the new template (nothing reviewed is lost), machine-translate only what
has no translation yet, apply the glossary to that machine output, and write atomically,
keeping that machine output beside each catalogue (`catalog.kept_output`) in the same write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polib
from babel import Locale

from newsloc.base.errors import NewslocError
from newsloc.base.files import PlannedWrite, WriteConflict, read_bytes, write_files
from newsloc.glossary.model import Glossary
from newsloc.translate.catalog.comments import drop_stale_comments
from newsloc.translate.catalog.current import check_complete
from newsloc.translate.catalog.discovery import check_domain_name
from newsloc.translate.catalog.entry_state import EntryKey, entry_key, live_entries
from newsloc.translate.catalog.kept_output import (
    MachineRecord,
    plan_sidecar,
    read_kept_output,
    updated_records,
)
from newsloc.translate.catalog.merge import MergeReport, has_translation, merge
from newsloc.translate.catalog.storage import (
    catalog_path,
    catalog_text,
    load_catalog,
    plan_save,
    same_but_dates,
)
from newsloc.translate.catalog.template import (
    after,
    check_source_path,
    new_catalog,
    template_entries,
    timestamp,
)
from newsloc.translate.dateline import dateline_date
from newsloc.translate.engines.interface import Engine, Translation
from newsloc.translate.errors import UserError
from newsloc.translate.machine import (
    GlossaryPass,
    JoinedTranslation,
    apply_glossary_to_machine_output,
    as_machine_text,
    join_translation,
    write_machine_output,
)
from newsloc.translate.markup import protect, restore
from newsloc.translate.reading import read_article
from newsloc.translate.segment import Article, Sentence, split_sentences

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


@dataclass(frozen=True)
class RunSettings:
    """What a `newsloc translate` run asks, the same for every article in it."""

    languages: Sequence[str]
    out: Path = Path("locales")
    #: None: no machine translation (catalogues for human translators).
    engine_factory: EngineFactory | None = None
    #: None: no glossary applied.
    glossary: Glossary | None = None
    #: None: the date an earlier run recorded, else today.
    article_date: date | None = None
    progress: Progress | None = None
    #: The articles' format (translate/reading.FORMATS); None: by each file's extension.
    article_format: str | None = None


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
    article_path: Path, settings: RunSettings, *, domain: str | None = None
) -> TranslateReport:
    """Write `<out>/<domain>.pot` and each language's catalogue; return what was done.

    Bad input raises UserError before anything is written. Every file is computed before
    any is written, and they are written together (`files.write_files`): a full disk
    leaves every catalogue as it was. A catalogue someone saved while the engine was
    working is read and merged again, so the reviewer's save is kept. A language whose
    engine is missing still gets its catalogue (untranslated entries) and a warning.
    """
    source = _display_path(article_path)
    check_source_path(source)  # first: every other message would print the name raw
    article = read_article(article_path, settings.article_format)
    domain = domain if domain is not None else article_path.stem
    check_domain_name(domain)
    out = settings.out
    _check_out(out)
    template_path = catalog_path(out, domain, None)
    old_template = _old_template(template_path)
    existing = {  # fail before writing
        lang: _existing(out, domain, lang, old_template) for lang in settings.languages
    }
    for lang in settings.languages:
        read_kept_output(catalog_path(out, domain, lang))  # fail early too
    day, day_source = _article_day(settings.article_date, article, existing.values())
    run = _Run(
        settings=settings,
        article=article,
        domain=domain,
        source=source,
        day=day,
        day_source=day_source,
    )
    for _attempt in range(MERGE_ATTEMPTS):
        report, writes = run.plan(existing, old_template)
        try:
            write_files(writes, within=out)
        except WriteConflict as conflict:
            changed = {Path(p) for p in conflict.paths}
            if template_path in changed:
                old_template = _old_template(template_path)
            existing = {
                lang: _existing(out, domain, lang, old_template)
                if catalog_path(out, domain, lang) in changed
                else po
                for lang, po in existing.items()
            }
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


def needs_machine_translation(entry: polib.POEntry) -> bool:
    """Machine translation fills live, singular entries that hold no one's translation."""
    return not entry.obsolete and not entry.msgid_plural and not has_translation(entry)


@dataclass(frozen=True)
class EngineWork:
    """One entry's paragraph as the engine gets it: its sentences, and the ones sent
    (a dateline's agency credit is not: it stands in the translation as written)."""

    msgid: str
    sentences: tuple[Sentence, ...]

    @property
    def sent(self) -> list[str]:
        """What the engine gets: each translatable sentence's words, its inline markup
        (`<1>…</1>`) left out (translate/markup.py puts it back)."""
        return [protect(s.text).plain for s in self.sentences if s.translatable]


def engine_work(entries: Iterable[polib.POEntry]) -> list[EngineWork]:
    """What machine translation does for these entries, in order: the one choice of what
    to translate, for a run (`translate_article`) and for translating ahead (`batch`)."""
    return [
        EngineWork(entry.msgid, tuple(split_sentences(entry.msgid)))
        for entry in entries
        if needs_machine_translation(entry)
    ]


@dataclass
class _LanguageRun:
    """One language's catalogue for this plan: merged, translated, the glossary applied."""

    po: polib.POFile
    report: LanguageReport
    #: The `#.` notes the glossary gave each entry (by (msgctxt, msgid)), untagged.
    notes: dict[EntryKey, list[str]]
    #: What this run's machine output was, for the sidecar (`catalog.kept_output`).
    records: list[MachineRecord] = field(default_factory=list)


@dataclass
class _Run:
    """One article of a `translate` run; `plan` can be called again after a conflict,
    reusing the machine translations it already has (keyed by msgid)."""

    settings: RunSettings
    article: Article
    domain: str
    source: str
    day: date | None
    #: Where `day` comes from: "--date" or "dateline" ("" when there is no date).
    day_source: str
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
            date_source=self.day_source,
            language=None,
            created=created,
        )
        for entry in template_entries(self.article.units(), self.source):
            template.append(entry)
        template_path = catalog_path(self.settings.out, self.domain, None)
        report = TranslateReport(template=template_path)
        runs = [self._language(template, lang, existing[lang]) for lang in self.settings.languages]
        report.languages = [run.report for run in runs]
        notes = {run.report.language: run.notes for run in runs}
        _share_notes(template, old_template, notes, [(run.report.language, run.po) for run in runs])
        text = catalog_text(template)
        on_disk = read_bytes(template_path)
        unchanged = on_disk is not None and same_but_dates(on_disk.decode("utf-8", "replace"), text)
        if old_template is not None and unchanged:
            created = old_template.metadata.get("POT-Creation-Date", created)
            template.metadata["POT-Creation-Date"] = created
            text = catalog_text(template)
        elif old_template is not None:  # changed: never the date of an older template
            created = after(created, old_template.metadata.get("POT-Creation-Date", ""))
            template.metadata["POT-Creation-Date"] = created
            text = catalog_text(template)
        writes = [plan_save(template, template_path, old_template, text)]
        for run in runs:
            old = existing[run.report.language]
            run.po.metadata["POT-Creation-Date"] = created
            if old is None:
                run.po.metadata["PO-Revision-Date"] = created
            writes.append(plan_save(run.po, run.report.path, old))
            kept = read_kept_output(run.report.path)
            writes.append(plan_sidecar(kept, updated_records(kept.records, run.po, run.records)))
        return report, [plan for plan in writes if plan is not None]

    def _language(
        self, template: polib.POFile, language: str, existing: polib.POFile | None
    ) -> _LanguageRun:
        """Merge, machine-translate what has no translation, apply the glossary, count."""
        po, merged = self._merged(template, language, existing)
        report = LanguageReport(
            language=language,
            path=catalog_path(self.settings.out, self.domain, language),
            kept=merged.kept,
            changed=merged.changed,
            obsolete=merged.obsolete,
        )
        entries = live_entries(po)
        drop_stale_comments(entries)  # newsloc's comments on what a reviewer approved
        machine = self._machine_output(language, entries)
        report.engine = self.engines.get(language, "")
        report.warning = self.warnings.get(language, "")
        glossary = self.settings.glossary
        if glossary is not None and language in glossary.targets:
            applied = apply_glossary_to_machine_output(entries, glossary, language, machine)
        else:
            applied = GlossaryPass(output=as_machine_text(machine))
        write_machine_output(entries, applied.output, report.engine)
        records = _records(entries, machine, applied, report.engine)
        report.machine_translated = len(machine)
        report.mentions = applied.counts.mentions
        report.rendered = applied.counts.rendered
        report.placed_by_alignment = applied.counts.placed_by_alignment
        report.not_found = applied.counts.not_found
        report.entries = len(entries)
        report.untranslated = sum(1 for e in entries if not has_translation(e))
        if machine:
            po.metadata["PO-Revision-Date"] = timestamp()
        return _LanguageRun(po, report, applied.notes, records)

    def _merged(
        self, template: polib.POFile, language: str, existing: polib.POFile | None
    ) -> tuple[polib.POFile, MergeReport]:
        """The language's catalogue brought up to date with the template, nothing lost."""
        fresh = new_catalog(
            domain=self.domain,
            source=self.source,
            article_date=self.day,
            date_source=self.day_source,
            language=language,
            created=template.metadata["POT-Creation-Date"],
            english_name=Locale.parse(language).english_name or language,
        )
        po, merged = merge(existing, list(template), fresh.metadata, fresh.header)
        if self.day is None:  # no dateline, no --date: an older run's date (its day) goes
            for key in ("X-Newsloc-Date", "X-Newsloc-Date-Source"):
                po.metadata.pop(key, None)
        if existing is not None:
            po.metadata["PO-Revision-Date"] = existing.metadata.get(
                "PO-Revision-Date", fresh.metadata["PO-Revision-Date"]
            )
        return po, merged

    def _machine_output(
        self, language: str, entries: list[polib.POEntry]
    ) -> dict[EntryKey, JoinedTranslation]:
        """Machine translations (by entry key) for the entries with no translation, and only
        for them (a reviewed headline keeps its translation when a new body paragraph has
        its words); the engine's output is cached by msgid, so what an earlier plan of this
        run translated, or the same words in another context, is not sent again."""
        todo = [entry for entry in entries if needs_machine_translation(entry)]
        cache = self.machine.setdefault(language, {})
        missing = [entry for entry in todo if entry.msgid not in cache]
        factory = self.settings.engine_factory
        if missing and factory is not None and language not in self.warnings:
            try:
                engine = factory(language)
            except NewslocError as exc:
                self.warnings[language] = str(exc)
                engine = None
            if engine is not None:
                self.engines[language] = engine.describe()
                work = engine_work(missing)
                cache.update(_machine_translate(engine, work, language, self.settings.progress))
        return {entry_key(entry): cache[entry.msgid] for entry in todo if entry.msgid in cache}


#: A glossary note's language tag, `[ru] glossary: …`.
_NOTE_TAG = re.compile(r"\[([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*)\] ")


def _records(
    entries: Sequence[polib.POEntry],
    machine: dict[EntryKey, JoinedTranslation],
    applied: GlossaryPass,
    engine: str,
) -> list[MachineRecord]:
    """The machine output this run wrote into entries, before and after the glossary."""
    today = date.today().isoformat()
    return [
        MachineRecord(
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            engine=engine,
            machine=machine[entry_key(entry)].text,
            written=applied.output[entry_key(entry)].text,
            date=today,
        )
        for entry in entries
        if entry_key(entry) in machine and entry_key(entry) in applied.output
    ]


def _share_notes(
    template: polib.POFile,
    old_template: polib.POFile | None,
    notes: dict[str, dict[EntryKey, list[str]]],
    catalogues: Sequence[tuple[str, polib.POFile]],
) -> None:
    """Glossary notes go into the .pot, tagged `[ru]`, every language's; each catalogue
    carries the .pot's extracted comments filtered to its own language (untagged lines and
    its `[ru]` notes), so a reviewer's notes pane shows only what concerns them. msgmerge
    (Poedit's "Update from POT", Weblate, pybabel update) replaces a .po's `#.` lines with
    the .pot's: it brings the other languages' notes back, loses nothing, and the next run
    filters them again. Languages not in this run keep the notes the previous .pot had.
    Notes are an entry's, by (msgctxt, msgid): a headline and a body paragraph with the
    same words have their own."""
    old_live = live_entries(old_template) if old_template is not None else []
    old = {entry_key(e): e.comment.split("\n") for e in old_live}
    tags = tuple(f"[{language}] " for language in notes)
    for entry in template:
        lines = [line for line in entry.comment.split("\n") if line]
        kept = [
            line
            for line in old.get(entry_key(entry), [])
            if line.startswith("[") and not line.startswith(tags)
        ]
        for language, per_entry in notes.items():
            lines += [f"[{language}] {note}" for note in per_entry.get(entry_key(entry), [])]
        entry.comment = "\n".join(lines + kept)
    shared = {entry_key(entry): entry.comment for entry in template}
    for language, po in catalogues:
        for entry in live_entries(po):
            if entry_key(entry) in shared:
                entry.comment = _notes_for(shared[entry_key(entry)], language)


def _notes_for(comment: str, language: str) -> str:
    """The extracted-comment lines a `language` catalogue shows: untagged ones and its own."""
    lines = []
    for line in comment.split("\n"):
        tag = _NOTE_TAG.match(line)
        if tag is None or tag.group(1) == language:
            lines.append(line)
    return "\n".join(lines)


def _machine_translate(
    engine: Engine, work: list[EngineWork], language: str, progress: Progress | None
) -> dict[str, JoinedTranslation]:
    """Translate every sentence of every entry in one engine call; a joined result per
    entry's msgid."""
    batch = [text for item in work for text in item.sent]
    if progress:
        progress(language, 0, len(batch))
        if engine.reports_progress:
            engine.progress = lambda done: progress(language, done, len(batch))
    results = engine.translate(batch) if batch else []
    if progress:
        progress(language, len(batch), len(batch))
    if len(results) != len(batch):
        raise RuntimeError(f"engine returned {len(results)} translations for {len(batch)}")
    machine: dict[str, JoinedTranslation] = {}
    position = 0
    for item in work:
        parts: list[Translation] = []
        exact = True
        for sentence in item.sentences:
            if sentence.translatable:
                restored = restore(protect(sentence.text), results[position])
                parts.append(restored.translation)
                exact = exact and restored.exact
                position += 1
            else:
                parts.append(Translation(sentence.text))
        machine[item.msgid] = join_translation(item.sentences, parts, markup_placed=exact)
    return machine


def _existing(
    out: Path, domain: str, language: str, template: polib.POFile | None
) -> polib.POFile | None:
    """The language's catalogue, refused when it was read short (`check_complete`)."""
    path = catalog_path(out, domain, language)
    if not path.exists() and not path.is_symlink():
        return None
    po = load_catalog(path)
    check_complete(po, path, template, catalog_path(out, domain, None))
    return po


def _old_template(path: Path) -> polib.POFile | None:
    """The .pot an earlier run wrote, if it still reads (it holds no one's work)."""
    if not path.exists():
        return None
    try:
        return load_catalog(path)
    except NewslocError:
        return None


def _article_day(
    given: date | None, article: Article, catalogs: Iterable[polib.POFile | None]
) -> tuple[date | None, str]:
    """The article's date and where it comes from: `--date`, else the article's dateline,
    else a `--date` an earlier run recorded; never the day this run happens on. An
    article without either has no date (the edition says so)."""
    if given is not None:
        return given, "--date"
    # The story opens with the dateline: the first dateline element or body paragraph,
    # after the headline, standfirst and byline.
    opening = [
        next((p for p in article.paragraphs if p.kind == kind), None)
        for kind in ("dateline", "body")
    ]
    found = (dateline_date(p.text) for p in opening if p is not None)
    from_dateline = next((day for day in found if day is not None), None)
    if from_dateline is not None:
        return from_dateline, "dateline"
    for po in catalogs:
        if po is None or po.metadata.get("X-Newsloc-Date-Source", "") != "--date":
            continue
        try:
            return date.fromisoformat(po.metadata.get("X-Newsloc-Date", "")), "--date"
        except ValueError:
            continue
    return None, ""


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: --out must be a folder, and this is a file")


def _display_path(path: Path) -> str:
    """The article path as references show it: relative to here when it can be."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
