"""Localized editions: the article rebuilt in one language from its reviewed catalogue.

Paragraphs come back in the source's order: every `#: PATH:LINE` occurrence is one place
the paragraph stands, so sorting all occurrences by line restores the article, repeated
paragraphs included. Only reviewed translations are published by default; the build
refuses (`EditionRefused`) when too few entries are reviewed, and above the threshold a
paragraph that is not reviewed keeps its English source, visibly marked, so no part of
the story silently disappears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel import Locale
from babel.dates import format_date

from newsloc.glossary.fileio import atomic_write_text
from newsloc.translate.catalog.discovery import check_language, find_catalogs
from newsloc.translate.catalog.files import load_catalog
from newsloc.translate.catalog.review import EntryState, live_entries, state_of, translation_of
from newsloc.translate.catalog.stats import percent
from newsloc.translate.catalog.template import parse_date
from newsloc.translate.edition.model import Edition, EditionFormat, Paragraph, TextOrigin
from newsloc.translate.edition.render import render
from newsloc.translate.errors import UserError

DEFAULT_MIN_REVIEWED = 80.0

# The dateline's date pattern is the newsroom's house style, owned here so that an edition
# does not change when a Babel release brings new CLDR data (Babel 2.19 moved the Armenian
# year to the front). Month names still come from CLDR through Babel.
DATE_PATTERNS = {
    "en": "d MMMM y",
    "hy": "d MMMM y '\u0569.'",
    "az": "d MMMM y",
    "ru": "d MMMM y'\u00a0\u0433.'",
}


def format_edition_date(date: dt.date, locale: Locale) -> str:
    """The article date in the edition's house style; CLDR's long date elsewhere."""
    pattern = DATE_PATTERNS.get(locale.language, "long")
    return format_date(date, format=pattern, locale=locale)


DEFAULT_OUT = Path("build/editions")


@dataclass(frozen=True)
class PendingEntry:
    """An entry that is not (yet) publishable, for the refusal report."""

    lines: tuple[int, ...]
    state: EntryState
    first_words: str


@dataclass(frozen=True)
class ReviewReport:
    """How much of a catalogue an edition can use, against the threshold."""

    catalog: Path
    language: str
    entries: int
    usable: int
    percent_usable: float
    min_reviewed: float
    allow_fuzzy: bool
    pending: tuple[PendingEntry, ...]

    @property
    def meets_threshold(self) -> bool:
        # Exact, not the rounded percentage: 79.96% must not pass an 80% threshold.
        return self.entries > 0 and 100 * self.usable >= self.min_reviewed * self.entries

    @property
    def counted_as(self) -> str:
        """What `usable` counts, in the words of the report."""
        return "reviewed or machine-translated" if self.allow_fuzzy else "reviewed"


class EditionRefused(Exception):
    """Too few entries are reviewed: a checked outcome (exit 1), not bad input."""

    def __init__(self, report: ReviewReport):
        self.report = report
        super().__init__(
            f"{report.catalog}: only {report.percent_usable:g}% of {report.entries} entries "
            f"are {report.counted_as} (needs {report.min_reviewed:g}%); no edition written"
        )


@dataclass(frozen=True)
class EditionResult:
    """What `build_edition` wrote, and what the user should know about it."""

    path: Path
    format: EditionFormat
    edition: Edition
    report: ReviewReport
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "language": self.edition.language,
            "language_name": self.edition.language_name,
            "domain": self.edition.domain,
            "format": self.format.value,
            "date": self.edition.date.isoformat() if self.edition.date else None,
            "entries": self.report.entries,
            "percent_usable": self.report.percent_usable,
            "paragraphs": len(self.edition.paragraphs),
            "reviewed_paragraphs": sum(
                1 for p in self.edition.paragraphs if p.origin is TextOrigin.REVIEWED
            ),
            "machine_paragraphs": self.edition.machine_paragraphs,
            "source_paragraphs": self.edition.source_paragraphs,
            "unreviewed": self.edition.unreviewed,
            "warnings": list(self.warnings),
        }


def first_words(text: str, limit: int = 48) -> str:
    """The start of a paragraph, enough for a reviewer to recognise it in Poedit."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


def _occurrence_lines(entry: polib.POEntry, catalog_path: Path) -> tuple[int, ...]:
    lines: list[int] = []
    for _path, line in entry.occurrences:
        if not str(line).isdigit():
            break
        lines.append(int(line))
    if not lines or len(lines) != len(entry.occurrences):
        raise UserError(
            f"{catalog_path}:{entry.linenum}: entry has no '#: PATH:LINE' reference with a "
            "line number, so the edition cannot place it"
        )
    return tuple(sorted(lines))


def _is_byline(entry: polib.POEntry) -> bool:
    """The writer marks a byline with an extracted comment `byline` (or `byline: …`)."""
    lines = (entry.comment or "").splitlines()
    return any(line.split(":", 1)[0].strip() == "byline" for line in lines)


def review_report(
    catalog: polib.POFile,
    catalog_path: Path,
    language: str,
    min_reviewed: float,
    allow_fuzzy: bool,
) -> ReviewReport:
    """Count what an edition may publish and list every entry that holds it back."""
    entries = live_entries(catalog)
    usable_states = (
        {EntryState.REVIEWED, EntryState.FUZZY} if allow_fuzzy else {EntryState.REVIEWED}
    )
    pending = [
        PendingEntry(
            lines=_occurrence_lines(entry, catalog_path),
            state=state_of(entry),
            first_words=first_words(entry.msgid),
        )
        for entry in entries
        if state_of(entry) not in usable_states
    ]
    pending.sort(key=lambda item: item.lines)
    usable = len(entries) - len(pending)
    return ReviewReport(
        catalog=catalog_path,
        language=language,
        entries=len(entries),
        usable=usable,
        percent_usable=percent(usable, len(entries)),
        min_reviewed=min_reviewed,
        allow_fuzzy=allow_fuzzy,
        pending=tuple(pending),
    )


def edition_paragraphs(
    catalog: polib.POFile, catalog_path: Path, allow_fuzzy: bool
) -> tuple[Paragraph, ...]:
    """Every occurrence of every live entry, in source line order."""
    paragraphs: list[Paragraph] = []
    for entry in live_entries(catalog):
        state = state_of(entry)
        if state is EntryState.REVIEWED:
            text, origin = translation_of(entry), TextOrigin.REVIEWED
        elif state is EntryState.FUZZY and allow_fuzzy:
            text, origin = translation_of(entry), TextOrigin.MACHINE
        else:
            text, origin = entry.msgid, TextOrigin.SOURCE
        byline = _is_byline(entry)
        for line in _occurrence_lines(entry, catalog_path):
            paragraphs.append(Paragraph(line=line, text=text, origin=origin, is_byline=byline))
    paragraphs.sort(key=lambda p: p.line)
    return tuple(paragraphs)


def _edition_date(
    catalog: polib.POFile, catalog_path: Path, date: str | None, warnings: list[str]
) -> dt.date | None:
    if date is not None:
        return parse_date(date, "--date")
    header = catalog.metadata.get("X-Newsloc-Date", "").strip()
    if header:
        return parse_date(header, f"{catalog_path}: X-Newsloc-Date")
    warnings.append(
        f"{catalog_path}: no X-Newsloc-Date header and no --date; the edition has no date"
    )
    return None


def _check_header_language(
    catalog: polib.POFile, catalog_path: Path, language: str, warnings: list[str]
) -> None:
    declared = catalog.metadata.get("Language", "").strip()
    if declared and declared.replace("-", "_").lower() != language.replace("-", "_").lower():
        warnings.append(f"{catalog_path}: Language header says {declared!r}, not {language!r}")


def build_edition(
    language: str,
    locales: Path = Path("locales"),
    domain: str | None = None,
    fmt: EditionFormat = EditionFormat.MD,
    out: Path = DEFAULT_OUT,
    min_reviewed: float = DEFAULT_MIN_REVIEWED,
    allow_fuzzy: bool = False,
    date: str | None = None,
) -> EditionResult:
    """Rebuild the article in `language` and write `OUT/<domain>.<language>.<ext>`.

    Raises `EditionRefused` (nothing written) when fewer than `min_reviewed` percent of
    the entries are reviewed (with `allow_fuzzy`: reviewed or machine-translated).
    """
    locale = check_language(language)
    if not 0 <= min_reviewed <= 100:
        raise UserError(f"--min-reviewed: {min_reviewed:g} is not a percentage (0 to 100)")
    warnings: list[str] = []
    found = find_catalogs(locales, domain, language)[0]
    catalog = load_catalog(found.path)
    _check_header_language(catalog, found.path, language, warnings)
    edition_date = _edition_date(catalog, found.path, date, warnings)

    report = review_report(catalog, found.path, language, min_reviewed, allow_fuzzy)
    if report.entries == 0:
        raise UserError(f"{found.path}: the catalogue has no entries to publish")
    if not report.meets_threshold:
        raise EditionRefused(report)

    edition = Edition(
        domain=found.domain,
        language=language,
        language_name=locale.display_name or language,
        date=edition_date,
        date_text=format_edition_date(edition_date, locale) if edition_date else None,
        paragraphs=edition_paragraphs(catalog, found.path, allow_fuzzy),
    )
    for paragraph in edition.paragraphs:
        if paragraph.origin is TextOrigin.SOURCE:
            warnings.append(
                f"{found.path}: line {paragraph.line}: not reviewed; the English source "
                f"is printed, marked as untranslated: {first_words(paragraph.text)}"
            )
    path = out / f"{found.domain}.{language}.{fmt.value}"
    atomic_write_text(path, render(edition, fmt))
    return EditionResult(path=path, format=fmt, edition=edition, report=report, warnings=warnings)
