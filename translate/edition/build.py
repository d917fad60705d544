"""Localized editions: the article rebuilt in one language from its reviewed catalogue.

Paragraphs come back in the source's order: every `#: PATH:LINE` occurrence is one place
the paragraph stands, so sorting all occurrences by line restores the article, repeated
paragraphs included. Only reviewed translations are published by default; the build
refuses (`EditionRefused`) when too few entries are reviewed, and above the threshold a
paragraph that is not reviewed keeps its English source, visibly marked, so no part of
the story silently disappears.

Contested names get a gate of their own: an entry whose source names a contested place
(a concept with two or more names) and that no reviewer has cleared refuses the edition
whatever the percentage, unless the caller allows unreviewed names.

`build_editions` builds several languages in one run, all or none: every edition is
checked before the first is written, then each is written with `hreflang` links to the
others and to the English original, and an index page lists them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel import Locale
from babel.dates import format_date

from newsloc.glossary.fileio import atomic_write_text
from newsloc.glossary.match import find_mentions
from newsloc.glossary.model import Glossary
from newsloc.translate.catalog.discovery import check_language, find_catalogs
from newsloc.translate.catalog.files import load_catalog
from newsloc.translate.catalog.glossary_qa import load_glossary_for_check
from newsloc.translate.catalog.review import EntryState, live_entries, state_of, translation_of
from newsloc.translate.catalog.stats import percent
from newsloc.translate.catalog.template import parse_date
from newsloc.translate.edition.model import (
    SOURCE_LANGUAGE,
    Alternate,
    Edition,
    EditionFormat,
    Paragraph,
    TextOrigin,
)
from newsloc.translate.edition.render import render, render_index
from newsloc.translate.edition.typography import apply_typography
from newsloc.translate.errors import UserError
from newsloc.translate.i18n import language_name

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
class ContestedEntry:
    """An entry naming a contested place that no reviewer has cleared."""

    lines: tuple[int, ...]
    state: EntryState
    concepts: tuple[str, ...]
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
    #: Unreviewed entries with contested names (empty when the gate is off).
    contested: tuple[ContestedEntry, ...] = ()

    @property
    def meets_threshold(self) -> bool:
        # Exact, not the rounded percentage: 79.96% must not pass an 80% threshold.
        return self.entries > 0 and 100 * self.usable >= self.min_reviewed * self.entries

    @property
    def counted_as(self) -> str:
        """What `usable` counts, in the words of the report."""
        return "reviewed or machine-translated" if self.allow_fuzzy else "reviewed"


class EditionRefused(Exception):
    """Too few entries are reviewed, or contested names are unreviewed: a checked outcome
    (exit 1), not bad input."""

    def __init__(self, report: ReviewReport):
        self.report = report
        if not report.meets_threshold:
            message = (
                f"{report.catalog}: only {report.percent_usable:g}% of {report.entries} "
                f"entries are {report.counted_as} (needs {report.min_reviewed:g}%); "
                "no edition written"
            )
        else:
            count = len(report.contested)
            message = (
                f"{report.catalog}: {count} unreviewed "
                f"{'entry names' if count == 1 else 'entries name'} a contested place; "
                "no edition written (review them, or pass --allow-unreviewed-names)"
            )
        super().__init__(message)

    @property
    def contested_only(self) -> bool:
        """Refused by the contested-name gate alone (the threshold was met)."""
        return self.report.meets_threshold


class EditionsRefused(Exception):
    """One or more of several editions were refused; none was written."""

    def __init__(self, refusals: list[EditionRefused]):
        self.refusals = refusals
        languages = ", ".join(r.report.language for r in refusals)
        super().__init__(f"refused: {languages}; no edition written")


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
    glossary: Glossary | None = None,
) -> ReviewReport:
    """Count what an edition may publish and list every entry that holds it back; with a
    glossary, also the unreviewed entries that name a contested place."""
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
    contested = contested_entries(catalog, catalog_path, glossary) if glossary is not None else []
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
        contested=tuple(contested),
    )


def contested_entries(
    catalog: polib.POFile, catalog_path: Path, glossary: Glossary
) -> list[ContestedEntry]:
    """Entries a reviewer has not cleared whose source names a contested place.

    Fuzzy and untranslated entries both count: machine text may say the place the way one
    side does, and an English paragraph printed in place of a translation names it without
    its other name.
    """
    found = []
    for entry in live_entries(catalog):
        state = state_of(entry)
        if state is EntryState.REVIEWED:
            continue
        concepts = [
            m.concept_id
            for m in find_mentions(glossary, entry.msgid)
            if glossary.concept(m.concept_id).contested
        ]
        if concepts:
            found.append(
                ContestedEntry(
                    lines=_occurrence_lines(entry, catalog_path),
                    state=state,
                    concepts=tuple(dict.fromkeys(concepts)),
                    first_words=first_words(entry.msgid),
                )
            )
    found.sort(key=lambda item: item.lines)
    return found


def edition_paragraphs(
    catalog: polib.POFile,
    catalog_path: Path,
    allow_fuzzy: bool,
    language: str | None = None,
) -> tuple[Paragraph, ...]:
    """Every occurrence of every live entry, in source line order.

    With `language`, translations get that language's typography (the English source
    shown in place of a missing translation never does).
    """
    paragraphs: list[Paragraph] = []
    for entry in live_entries(catalog):
        state = state_of(entry)
        if state is EntryState.REVIEWED:
            text, origin = translation_of(entry), TextOrigin.REVIEWED
        elif state is EntryState.FUZZY and allow_fuzzy:
            text, origin = translation_of(entry), TextOrigin.MACHINE
        else:
            text, origin = entry.msgid, TextOrigin.SOURCE
        if language is not None and origin is not TextOrigin.SOURCE:
            text = apply_typography(text, language)
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


@dataclass(frozen=True)
class _Prepared:
    edition: Edition
    report: ReviewReport
    warnings: list[str]


def _prepare(language: str, options: EditionOptions, glossary: Glossary | None) -> _Prepared:
    """Everything about one edition short of writing it; raises EditionRefused."""
    locale = check_language(language)
    if not 0 <= options.min_reviewed <= 100:
        raise UserError(f"--min-reviewed: {options.min_reviewed:g} is not a percentage (0 to 100)")
    warnings: list[str] = []
    found = find_catalogs(options.locales, options.domain, language)[0]
    catalog = load_catalog(found.path)
    _check_header_language(catalog, found.path, language, warnings)
    edition_date = _edition_date(catalog, found.path, options.date, warnings)

    gate = None if options.allow_unreviewed_names else glossary
    report = review_report(
        catalog, found.path, language, options.min_reviewed, options.allow_fuzzy, gate
    )
    if report.entries == 0:
        raise UserError(f"{found.path}: the catalogue has no entries to publish")
    if not report.meets_threshold or report.contested:
        raise EditionRefused(report)

    edition = Edition(
        domain=found.domain,
        language=language,
        language_name=language_name(language, language) or locale.display_name or language,
        date=edition_date,
        date_text=format_edition_date(edition_date, locale) if edition_date else None,
        paragraphs=edition_paragraphs(
            catalog, found.path, options.allow_fuzzy, language if options.typography else None
        ),
    )
    for paragraph in edition.paragraphs:
        if paragraph.origin is TextOrigin.SOURCE:
            warnings.append(
                f"{found.path}: line {paragraph.line}: not reviewed; the English source "
                f"is printed, marked as untranslated: {first_words(paragraph.text)}"
            )
    return _Prepared(edition, report, warnings)


def _gate_glossary(options: EditionOptions) -> Glossary | None:
    if options.allow_unreviewed_names:
        return None
    return load_glossary_for_check(options.glossary)


def edition_filename(domain: str, language: str, fmt: EditionFormat) -> str:
    return f"{domain}.{language}.{fmt.value}"


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
) -> EditionResult:
    """Rebuild the article in `language` and write `OUT/<domain>.<language>.<ext>`.

    Raises `EditionRefused` (nothing written) when fewer than `min_reviewed` percent of
    the entries are reviewed (with `allow_fuzzy`: reviewed or machine-translated), or when
    an unreviewed entry names a contested place and `allow_unreviewed_names` is not set.
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
    )
    check_language(language)
    prepared = _prepare(language, options, _gate_glossary(options))
    edition = prepared.edition
    path = out / edition_filename(edition.domain, language, fmt)
    atomic_write_text(path, render(edition, fmt))
    return EditionResult(
        path=path, format=fmt, edition=edition, report=prepared.report, warnings=prepared.warnings
    )


@dataclass(frozen=True)
class EditionSet:
    """What `build_editions` wrote: every edition, the English original and the index."""

    editions: list[EditionResult]
    original: Path
    index: Path

    @property
    def warnings(self) -> list[str]:
        return [warning for result in self.editions for warning in result.warnings]

    def as_dict(self) -> dict[str, object]:
        return {
            "editions": [result.as_dict() for result in self.editions],
            "original": str(self.original),
            "index": str(self.index),
        }


def available_languages(locales: Path, domain: str | None) -> list[str]:
    """Every language with a catalogue of the domain (`--all`)."""
    return [found.language for found in find_catalogs(locales, domain)]


def _original_edition(
    languages: list[str], options: EditionOptions, domain: str, date: dt.date | None
) -> Edition:
    """The English source as an edition, rebuilt from the msgids (template if present)."""
    template = options.locales / f"{domain}.pot"
    if template.is_file():
        path = template
    else:
        path = find_catalogs(options.locales, domain, languages[0])[0].path
    catalog = load_catalog(path)
    paragraphs = tuple(
        Paragraph(line=p.line, text=p.text, origin=TextOrigin.ORIGINAL, is_byline=p.is_byline)
        for p in edition_paragraphs(catalog, path, allow_fuzzy=False)
    )
    locale = check_language(SOURCE_LANGUAGE)
    return Edition(
        domain=domain,
        language=SOURCE_LANGUAGE,
        language_name=language_name(SOURCE_LANGUAGE, SOURCE_LANGUAGE) or SOURCE_LANGUAGE,
        date=date,
        date_text=format_edition_date(date, locale) if date else None,
        paragraphs=paragraphs,
    )


def _with_links(edition: Edition, alternates: tuple[Alternate, ...], index: str) -> Edition:
    return Edition(
        domain=edition.domain,
        language=edition.language,
        language_name=edition.language_name,
        date=edition.date,
        date_text=edition.date_text,
        paragraphs=edition.paragraphs,
        alternates=alternates,
        index_href=index,
    )


def build_editions(languages: list[str] | None, options: EditionOptions) -> EditionSet:
    """Build every language in `languages` (None: every catalogue) in one run.

    All or none: every edition is prepared (and may be refused) before any file is
    written; `EditionsRefused` lists each refusal. Then each edition, the English original
    (`<domain>.en.<ext>`) and the index (`<domain>.index.<ext>`) are written, every page
    linking to every other with `hreflang`.
    """
    if languages is None:
        languages = available_languages(options.locales, options.domain)
    languages = list(dict.fromkeys(languages))
    if not languages:
        raise UserError("--lang: no language given")
    if SOURCE_LANGUAGE in languages:
        raise UserError(
            f"--lang: {SOURCE_LANGUAGE!r} is the source language; the English original is "
            "written with every multi-language build"
        )
    for language in languages:
        check_language(language)
    glossary = _gate_glossary(options)
    prepared: list[_Prepared] = []
    refusals: list[EditionRefused] = []
    for language in languages:
        try:
            prepared.append(_prepare(language, options, glossary))
        except EditionRefused as refused:
            refusals.append(refused)
    if refusals:
        raise EditionsRefused(refusals)

    domain = prepared[0].edition.domain
    date = next((p.edition.date for p in prepared if p.edition.date), None)
    original = _original_edition(languages, options, domain, date)
    fmt = options.fmt
    base = options.base_url or ""
    alternates = (
        Alternate(SOURCE_LANGUAGE, base + edition_filename(domain, SOURCE_LANGUAGE, fmt), True),
        *(
            Alternate(p.edition.language, base + edition_filename(domain, p.edition.language, fmt))
            for p in prepared
        ),
    )
    index_name = f"{domain}.index.{fmt.value}"
    index_href = base + index_name

    writes: list[tuple[Path, str]] = []
    results: list[EditionResult] = []
    for item in prepared:
        edition = _with_links(item.edition, alternates, index_href)
        path = options.out / edition_filename(domain, edition.language, fmt)
        writes.append((path, render(edition, fmt)))
        results.append(EditionResult(path, fmt, edition, item.report, item.warnings))
    original = _with_links(original, alternates, index_href)
    original_path = options.out / edition_filename(domain, SOURCE_LANGUAGE, fmt)
    writes.append((original_path, render(original, fmt)))
    index_path = options.out / index_name
    editions = [original] + [result.edition for result in results]
    writes.append((index_path, render_index(domain, editions, alternates, fmt)))
    for path, text in writes:
        atomic_write_text(path, text)
    return EditionSet(editions=results, original=original_path, index=index_path)
