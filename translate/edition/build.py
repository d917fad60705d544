"""A localized edition: the article rebuilt in one language from its reviewed catalogue.

Paragraphs come back in the source's order: every `#: PATH:LINE` occurrence is one place
the paragraph stands, so sorting all occurrences by line restores the article, repeated
paragraphs included. Only reviewed translations are published by default; the build
refuses (`EditionRefused`) when too few entries are reviewed, and above the threshold a
paragraph that is not reviewed keeps its English source, visibly marked, so no part of
the story silently disappears.

The article is the template `LOCALES/<domain>.pot` when there is one: its entries give
the paragraphs and their lines, the catalogue only their translations. A catalogue older
than the article (or with entries deleted) lacks some of them; the build refuses, naming
them, unless `allow_outdated` prints them in English, marked (`edition.gate`).

Contested names get a gate of their own (`edition.gate`). Several languages at once, with
the English original, an index and links between them, are `edition.linked`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import polib

from newsloc.base.files import PlannedWrite, write_files
from newsloc.base.po.conventions import header_language, primary_subtag
from newsloc.glossary.loader import glossary_or_default
from newsloc.glossary.model import Glossary
from newsloc.translate.catalog.current import (
    CurrentEntry,
    current_entries,
    find_template,
    retired_entries,
)
from newsloc.translate.catalog.discovery import check_language, find_catalogs
from newsloc.translate.catalog.entry_state import EntryState, translation_of
from newsloc.translate.catalog.storage import load_catalog
from newsloc.translate.catalog.template import images_of, parse_date
from newsloc.translate.edition.content import (
    DEFAULT_MIN_REVIEWED,
    DEFAULT_OUT,
    Correction,
    Edition,
    EditionFormat,
    PublishedParagraph,
    TextOrigin,
    carries_byline_label,
)
from newsloc.translate.edition.corrections import kept_corrections, make_correction
from newsloc.translate.edition.dates import format_edition_date
from newsloc.translate.edition.formats import render
from newsloc.translate.edition.gate import (
    ContestedEntry,
    EditionRefused,
    EditionsRefused,
    PendingEntry,
    ReviewReport,
    first_words,
    occurrence_lines,
    review_report,
)
from newsloc.translate.edition.record import (
    EditionRecord,
    IndexRecord,
    ParagraphState,
    Record,
    Staleness,
    article_digest,
    build_time,
    check_written,
    compare,
    digest,
    plan_record,
    read_record,
)
from newsloc.translate.edition.typography import apply_typography
from newsloc.translate.errors import UserError
from newsloc.translate.i18n import language_name
from newsloc.translate.markup import markup_of, plain_text
from newsloc.translate.markup import problems as markup_problems
from newsloc.translate.segment import ELEMENTS


@dataclass(frozen=True)
class EditionResult:
    """What `build_edition` wrote, and what the user should know about it."""

    path: Path
    format: EditionFormat
    edition: Edition
    report: ReviewReport
    warnings: list[str] = field(default_factory=list)
    #: How the earlier build of this edition differs from this one; None: none recorded.
    staleness: Staleness | None = None
    #: The correction note this build added (`--correction`), None when none.
    new_correction: Correction | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "language": self.edition.language,
            "language_name": self.edition.language_name,
            "domain": self.edition.domain,
            "format": self.format.value,
            "date": self.edition.date.isoformat() if self.edition.date else None,
            "date_source": self.edition.date_source,
            "entries": self.report.entries,
            "percent_usable": self.report.percent_usable,
            "paragraphs": len(self.edition.paragraphs),
            "reviewed_paragraphs": sum(
                1 for p in self.edition.paragraphs if p.origin is TextOrigin.REVIEWED
            ),
            "machine_paragraphs": self.edition.machine_paragraphs,
            "outdated_paragraphs": self.edition.outdated_paragraphs,
            "source_paragraphs": self.edition.source_paragraphs,
            "unreviewed": self.edition.unreviewed,
            "outdated_lines": sorted(line for item in self.report.outdated for line in item.lines),
            "warnings": list(self.warnings),
            "since_last_build": self.staleness.as_dict() if self.staleness else None,
            "correction": correction_dict(self.new_correction),
            "corrections": [correction_dict(note) for note in self.edition.corrections],
        }


def correction_dict(note: Correction | None) -> dict[str, object] | None:
    """A correction note for `--json`: its date, the words it quotes, and so on."""
    if note is None:
        return None
    return {
        "date": note.date_text,
        "excerpts": list(note.excerpts),
        "lines": list(note.lines),
        "removed": note.removed,
    }


def _is_byline(entry: polib.POEntry) -> bool:
    """The writer marks a byline with an extracted comment `byline` (or `byline: …`)."""
    lines = (entry.comment or "").splitlines()
    return any(line.split(":", 1)[0].strip() == "byline" for line in lines)


def edition_paragraphs(
    entries: list[CurrentEntry],
    allow_fuzzy: bool,
    language: str | None = None,
) -> tuple[PublishedParagraph, ...]:
    """Every occurrence of every paragraph of the article, in source line order.

    With `language`, translations get that language's typography (the English source
    shown in place of a missing translation never does).
    """
    paragraphs: list[PublishedParagraph] = []
    for item in entries:
        state, entry = item.state, item.translation
        if entry is not None and state is EntryState.REVIEWED:
            text, origin = translation_of(entry), TextOrigin.REVIEWED
        elif entry is not None and state is EntryState.FUZZY and allow_fuzzy:
            outdated = entry.previous_msgid is not None  # the paragraph changed since
            text = translation_of(entry)
            origin = TextOrigin.OUTDATED if outdated else TextOrigin.MACHINE
        else:
            text, origin = item.source.msgid, TextOrigin.SOURCE
        if origin is not TextOrigin.SOURCE and markup_problems(item.source.msgid, text):
            # Broken inline markup is never published: the paragraph counts as untranslated.
            text, origin = item.source.msgid, TextOrigin.SOURCE
        if language is not None and origin is not TextOrigin.SOURCE:
            text = apply_typography(text, language)
        byline = _is_byline(item.source)
        kind = item.source.msgctxt if item.source.msgctxt in ELEMENTS else "body"
        label = kind == "byline" and not carries_byline_label(plain_text(item.source.msgid))
        comment = item.source.comment
        markup = tuple((n, what, href) for n, (what, href) in markup_of(comment).items())
        images = images_of(comment) if kind in ("alt", "caption") else {}
        for line in occurrence_lines(item.source, item.where):
            paragraphs.append(
                PublishedParagraph(
                    line=line,
                    text=text,
                    origin=origin,
                    is_byline=byline,
                    kind=kind,
                    markup=markup,
                    needs_label=label,
                    image=images.get(line, images.get(None, "")),
                )
            )
    paragraphs.sort(key=lambda p: p.line)
    return tuple(paragraphs)


#: What an edition says about where its date comes from (`Edition.date_source`).
DATE_SOURCES = {
    "--date": "given with --date",
    "dateline": "from the article's dateline",
}


def _edition_date(
    catalog: polib.POFile, catalog_path: Path, date: str | None, warnings: list[str]
) -> tuple[dt.date | None, str | None]:
    """The edition's date and where it comes from: --date here, else the catalogue's
    X-Newsloc-Date (its X-Newsloc-Date-Source says: the article's dateline or --date)."""
    if date is not None:
        return parse_date(date, "--date"), DATE_SOURCES["--date"]
    header = catalog.metadata.get("X-Newsloc-Date", "").strip()
    if header:
        source = catalog.metadata.get("X-Newsloc-Date-Source", "").strip()
        said = DATE_SOURCES.get(source, "from the catalogue's X-Newsloc-Date header")
        return parse_date(header, f"{catalog_path}: X-Newsloc-Date"), said
    warnings.append(
        f"{catalog_path}: no X-Newsloc-Date header (the article's dateline gives no date) and "
        "no --date; the edition has no date"
    )
    return None, None


def _check_header_language(
    catalog: polib.POFile, catalog_path: Path, language: str, warnings: list[str]
) -> None:
    declared = header_language(catalog)
    if declared and declared != primary_subtag(language):
        raw = catalog.metadata.get("Language", "").strip()
        warnings.append(f"{catalog_path}: Language header says {raw!r}, not {language!r}")


@dataclass(frozen=True)
class EditionOptions:
    """How editions are built; the same for every language of one run."""

    locales: Path = Path("locales")
    domain: str | None = None
    fmt: EditionFormat = EditionFormat.MD
    out: Path = DEFAULT_OUT
    min_reviewed: float = DEFAULT_MIN_REVIEWED
    allow_fuzzy: bool = False
    date: str | None = None
    typography: bool = True
    allow_unreviewed_names: bool = False
    glossary: Path | None = None
    #: Prefix for the `hreflang` links (a site's URL); default: file names, relative.
    base_url: str | None = None
    #: Build from a catalogue older than the article: the paragraphs it lacks are printed
    #: in English, marked, instead of refusing.
    allow_outdated: bool = False
    #: End an edition whose words changed since its last build with a correction note.
    correction: bool = False


@dataclass(frozen=True)
class PreparedEdition:
    """An edition that passed the gate, not yet rendered or written."""

    edition: Edition
    report: ReviewReport
    warnings: list[str]
    #: The domain's record of built editions, as read (`edition.record`).
    record: Record | None = None
    #: Every paragraph as this edition prints it, for the record.
    states: tuple[ParagraphState, ...] = ()
    #: How the last build of this edition differs from this one; None: none recorded.
    staleness: Staleness | None = None
    #: The correction note this build adds (`--correction`), None when none.
    new_correction: Correction | None = None


class Replacing(Protocol):
    """An edition about to be written, and how it differs from its last build."""

    @property
    def edition(self) -> Edition: ...

    @property
    def staleness(self) -> Staleness | None: ...


#: Called with every edition that passed the gate (and the English original of a
#: multi-language build), before anything is written.
BeforeWrite = Callable[[Sequence[Replacing]], None]


def paragraph_states(
    entries: list[CurrentEntry], allow_fuzzy: bool, language: str | None
) -> tuple[ParagraphState, ...]:
    """Each paragraph (entry) of the article as an edition with these settings prints it:
    what the record keeps, and what stats compares with it."""
    states = []
    for item in entries:
        printed = edition_paragraphs([item], allow_fuzzy, language)
        first = printed[0]
        path = min(item.source.occurrences, key=lambda o: int(o[1]))[0]
        states.append(
            ParagraphState(
                msgctxt=item.source.msgctxt or None,
                source=digest(item.source.msgid),
                text=digest(first.text),
                origin=first.origin.value,
                reference=f"{path}:{first.line}",
                lines=tuple(p.line for p in printed),
                starts_with=first_words(item.source.msgid),
            )
        )
    return tuple(states)


def staleness_of(
    previous: EditionRecord | None, states: Sequence[ParagraphState]
) -> Staleness | None:
    """How an edition built as `previous` differs from one printing `states`."""
    if previous is None:
        return None
    return Staleness(previous, tuple(compare(previous.paragraphs, states)))


def with_corrections(
    edition: Edition,
    staleness: Staleness | None,
    states: Sequence[ParagraphState],
    options: EditionOptions,
    where: Path,
    warnings: list[str],
) -> tuple[Edition, Correction | None]:
    """The edition with every correction note its last build printed (kept as printed:
    a published correction is never withdrawn), and a new one last (`--correction`, when
    words changed since that build); also the new note, None when none."""
    previous = staleness.previous if staleness else None
    language = edition.language
    kept = kept_corrections(previous, states, edition)
    changed = staleness is not None and any(c.kind.corrects for c in staleness.changes)
    correction = None
    if options.correction:
        if not changed:
            said = (
                f"no earlier {language} edition in {options.fmt.value} is recorded"
                if previous is None
                else f"no paragraph changed since the {language} edition built {previous.built}"
            )
            warnings.append(f"{where}: --correction: {said}; no correction note")
        elif edition.date_text is None:
            raise UserError(
                f"{where}: --correction: the edition has no date to give the note "
                "(no --date, and no X-Newsloc-Date from the article's dateline); give "
                "--date YYYY-MM-DD, the day of the correction"
            )
        else:
            correction = make_correction(staleness, edition, edition.date_text)
            if (
                previous is not None
                and edition.date is not None
                and (previous.date == edition.date.isoformat())
            ):
                warnings.append(
                    f"{where}: --correction: the note is dated {edition.date_text}, "
                    f"the date of the {language} edition it corrects; give --date with the "
                    "day of the correction"
                )
    elif changed and kept:
        warnings.append(
            f"{where}: the {language} edition's words changed since it was built and no "
            f"correction note says so (pass --correction to add one); its {len(kept)} "
            "earlier correction note(s) are kept"
        )
    notes = kept + ((correction,) if correction is not None else ())
    return replace(edition, corrections=notes), correction


def _with_correction(
    prepared: PreparedEdition, options: EditionOptions, catalog_path: Path
) -> PreparedEdition:
    """`with_corrections` for a prepared edition."""
    edition, correction = with_corrections(
        prepared.edition,
        prepared.staleness,
        prepared.states,
        options,
        catalog_path,
        prepared.warnings,
    )
    return replace(prepared, edition=edition, new_correction=correction)


def edition_record(
    edition: Edition,
    states: tuple[ParagraphState, ...],
    template: Path | None,
    path: Path,
    options: EditionOptions,
) -> EditionRecord:
    """What the record keeps of an edition about to be written to `path`."""
    return EditionRecord(
        language=edition.language,
        format=options.fmt.value,
        file=str(path),
        built=build_time(),
        date=edition.date.isoformat() if edition.date else None,
        article=article_digest(states),
        template=str(template) if template else None,
        allow_fuzzy=options.allow_fuzzy,
        typography=options.typography,
        paragraphs=states,
        corrections=edition.corrections,
    )


def record_write(
    built: Sequence[tuple[PreparedEdition, Path]],
    options: EditionOptions,
    extra: Sequence[EditionRecord] = (),
    index: IndexRecord | None = None,
) -> PlannedWrite:
    """The record of the editions about to be written (each with its path; `extra`: the
    English original's), to write with them (`base.files.write_files`), inside
    `--locales`."""
    record = built[0][0].record
    if record is None:
        raise ValueError("prepared editions carry the record they were compared with")
    editions = [
        edition_record(
            p.edition,
            p.states,
            p.report.template,
            path,
            options,
        )
        for p, path in built
    ]
    return plan_record(record, [*editions, *extra], within=options.locales, index=index)


def write_with_record(
    writes: Sequence[tuple[Path, str]],
    record: PlannedWrite,
    options: EditionOptions,
    domain: str,
) -> None:
    """Write the edition files and the record together (all or none: a full disk leaves
    every file as it was), then read the record back."""
    write_files(
        [PlannedWrite(path, text.encode("utf-8")) for path, text in writes] + [record],
        within=options.out,
    )
    check_written(record, options.locales, domain)


def prepare_edition(
    language: str, options: EditionOptions, glossary: Glossary | None
) -> PreparedEdition:
    """Everything about one edition short of writing it; raises EditionRefused."""
    locale = check_language(language)
    if not 0 <= options.min_reviewed <= 100:
        raise UserError(f"--min-reviewed: {options.min_reviewed:g} is not a percentage (0 to 100)")
    warnings: list[str] = []
    found = find_catalogs(options.locales, options.domain, language)[0]
    catalog = load_catalog(found.path)
    _check_header_language(catalog, found.path, language, warnings)
    edition_date, date_source = _edition_date(catalog, found.path, options.date, warnings)

    template = find_template(options.locales, found.domain)
    entries = current_entries(catalog, found.path, template)
    gate = None if options.allow_unreviewed_names else glossary
    report = review_report(
        entries,
        found.path,
        language,
        options.min_reviewed,
        options.allow_fuzzy,
        gate,
        template=template.path if template else None,
        allow_outdated=options.allow_outdated,
    )
    if report.entries == 0:
        raise UserError(f"{found.path}: the catalogue has no entries to publish")
    if report.out_of_date or not report.meets_threshold or report.contested:
        raise EditionRefused(report)

    edition = Edition(
        domain=found.domain,
        language=language,
        language_name=language_name(language, language) or locale.display_name or language,
        date=edition_date,
        date_text=format_edition_date(edition_date, locale) if edition_date else None,
        date_source=date_source,
        paragraphs=edition_paragraphs(
            entries, options.allow_fuzzy, language if options.typography else None
        ),
    )
    if options.fmt is EditionFormat.NINJS:  # the places it names, for a CMS
        from newsloc.translate.edition.places import article_concepts  # ninjs alone

        named = glossary or glossary_or_default(options.glossary)
        edition = replace(edition, concepts=article_concepts(entries, language, named))
    outdated = {line for item in report.outdated for line in item.lines}
    for paragraph in edition.paragraphs:
        if paragraph.line in outdated:
            warnings.append(
                f"{found.path}: line {paragraph.line}: not in the catalogue (new or changed "
                "in the article since it was translated); the English source is printed, "
                f"marked as untranslated: {first_words(paragraph.text)}"
            )
        elif paragraph.origin is TextOrigin.SOURCE:
            warnings.append(
                f"{found.path}: line {paragraph.line}: not reviewed; the English source "
                f"is printed, marked as untranslated: {first_words(paragraph.text)}"
            )
    for entry in retired_entries(catalog, template):
        warnings.append(
            f"{found.path}:{entry.linenum}: no longer in the article ({report.template}); "
            f"not printed: {first_words(entry.msgid)}"
        )
    record = read_record(options.locales, found.domain)
    states = paragraph_states(
        entries, options.allow_fuzzy, language if options.typography else None
    )
    staleness = staleness_of(record.previous(language, options.fmt.value), states)
    prepared = PreparedEdition(edition, report, warnings, record, states, staleness)
    return _with_correction(prepared, options, found.path)


def gate_glossary(options: EditionOptions) -> Glossary | None:
    """The glossary naming the contested places, or None when the gate is off."""
    if options.allow_unreviewed_names:
        return None
    return glossary_or_default(options.glossary)


def edition_filename(domain: str, language: str, fmt: EditionFormat) -> str:
    return f"{domain}.{language}.{fmt.extension}"


def check_output_paths(paths: list[Path]) -> None:
    """Refuse, before anything is written, an edition name that is a folder or a device."""
    for path in paths:
        if path.is_dir():
            raise UserError(f"{path}: is a folder, not an edition file; no edition written")
        if path.exists() and not path.is_file():
            raise UserError(
                f"{path}: not a regular file (a device, FIFO or socket); no edition written"
            )


def build_edition(
    language: str,
    locales: Path = Path("locales"),
    domain: str | None = None,
    fmt: EditionFormat = EditionFormat.MD,
    out: Path = DEFAULT_OUT,
    min_reviewed: float = DEFAULT_MIN_REVIEWED,
    allow_fuzzy: bool = False,
    date: str | None = None,
    *,
    typography: bool = True,
    allow_unreviewed_names: bool = False,
    glossary: Path | None = None,
    allow_outdated: bool = False,
    correction: bool = False,
) -> EditionResult:
    """Rebuild the article in `language` and write `OUT/<domain>.<language>.<ext>`.

    Raises `EditionRefused` (nothing written) when the catalogue lacks paragraphs of the
    article's template and `allow_outdated` is not set, when fewer than `min_reviewed`
    percent of the entries are reviewed (with `allow_fuzzy`: reviewed or
    machine-translated), or when an unreviewed entry names a contested place and
    `allow_unreviewed_names` is not set.
    """
    options = EditionOptions(
        locales=locales,
        domain=domain,
        fmt=fmt,
        out=out,
        min_reviewed=min_reviewed,
        allow_fuzzy=allow_fuzzy,
        date=date,
        typography=typography,
        allow_unreviewed_names=allow_unreviewed_names,
        glossary=glossary,
        allow_outdated=allow_outdated,
        correction=correction,
    )
    return write_edition(language, options)


def write_edition(
    language: str, options: EditionOptions, before_write: BeforeWrite | None = None
) -> EditionResult:
    """`build_edition` with its settings in one `EditionOptions` (as the CLI holds them);
    `before_write` sees the edition (and how it differs from its last build) before the
    edition and the record of it (`edition.record`) are written."""
    check_language(language)
    prepared = prepare_edition(language, options, gate_glossary(options))
    if before_write is not None:
        before_write([prepared])
    edition = prepared.edition
    path = options.out / edition_filename(edition.domain, language, options.fmt)
    check_output_paths([path])
    record = record_write([(prepared, path)], options)
    write_with_record([(path, render(edition, options.fmt))], record, options, edition.domain)
    return EditionResult(
        path=path,
        format=options.fmt,
        edition=edition,
        report=prepared.report,
        warnings=prepared.warnings,
        staleness=prepared.staleness,
        new_correction=prepared.new_correction,
    )


__all__ = [
    "DEFAULT_MIN_REVIEWED",
    "DEFAULT_OUT",
    "ContestedEntry",
    "EditionOptions",
    "EditionRefused",
    "EditionResult",
    "EditionsRefused",
    "PendingEntry",
    "PreparedEdition",
    "Replacing",
    "ReviewReport",
    "Staleness",
    "build_edition",
    "prepare_edition",
    "write_edition",
]
