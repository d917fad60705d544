"""Several editions of one article in one run, linked to each other and to the original.

All or none: every language is prepared (and may be refused) before any file is written,
because editions that go out together are checked together. Then each edition, the
English original rebuilt from the msgids and an index page are written, every page
linking every version (`hreflang` in HTML, plain links in Markdown and text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsloc.glossary.loader import glossary_or_default
from newsloc.glossary.model import SOURCE_LANGUAGE
from newsloc.translate.catalog.current import CurrentEntry
from newsloc.translate.catalog.discovery import check_language, find_catalogs
from newsloc.translate.catalog.entry_state import live_entries
from newsloc.translate.catalog.storage import load_catalog
from newsloc.translate.edition.build import (
    BeforeWrite,
    EditionOptions,
    EditionResult,
    PreparedEdition,
    check_output_paths,
    correction_dict,
    edition_filename,
    edition_paragraphs,
    edition_record,
    format_edition_date,
    gate_glossary,
    paragraph_states,
    prepare_edition,
    record_write,
    staleness_of,
    with_corrections,
    write_with_record,
)
from newsloc.translate.edition.content import (
    Alternate,
    Correction,
    Edition,
    EditionFormat,
    NamedConcept,
    TextOrigin,
)
from newsloc.translate.edition.formats import render, render_index
from newsloc.translate.edition.gate import EditionRefused, EditionsRefused
from newsloc.translate.edition.record import IndexRecord, ParagraphState, Record, Staleness
from newsloc.translate.errors import UserError
from newsloc.translate.i18n import language_name


@dataclass(frozen=True)
class EditionSet:
    """What `build_editions` wrote: every edition, the English original and the index."""

    editions: list[EditionResult]
    original: Path
    index: Path
    #: What the English original's build said (its own warnings, its correction note).
    original_warnings: list[str] = field(default_factory=list)
    #: How the English original differs from its last build; None: none recorded.
    original_staleness: Staleness | None = None
    #: Every correction note the English original prints, oldest first.
    original_corrections: tuple[Correction, ...] = ()
    #: The note this build added to the English original, None when none.
    original_correction: Correction | None = None

    @property
    def warnings(self) -> list[str]:
        return [
            *(warning for result in self.editions for warning in result.warnings),
            *self.original_warnings,
        ]

    def as_dict(self) -> dict[str, object]:
        return {
            "editions": [result.as_dict() for result in self.editions],
            "original": str(self.original),
            "original_edition": {
                "path": str(self.original),
                "language": SOURCE_LANGUAGE,
                "since_last_build": (
                    self.original_staleness.as_dict() if self.original_staleness else None
                ),
                "correction": correction_dict(self.original_correction),
                "corrections": [correction_dict(note) for note in self.original_corrections],
                "warnings": list(self.original_warnings),
            },
            "index": str(self.index),
        }


def available_languages(locales: Path, domain: str | None) -> list[str]:
    """Every language with a catalogue of the domain (`--all`)."""
    return [found.language for found in find_catalogs(locales, domain)]


def original_entries(
    locales: Path, domain: str, languages: Sequence[str]
) -> tuple[list[CurrentEntry], Path]:
    """The article's paragraphs as the English original prints them (the template's
    msgids, else a catalogue's: never its translations), and the file they come from."""
    template = locales / f"{domain}.pot"
    if template.is_file():
        path = template
    else:
        path = find_catalogs(locales, domain, languages[0] if languages else None)[0].path
    catalog = load_catalog(path)
    return [CurrentEntry(e, None, path) for e in live_entries(catalog)], path


def original_states(entries: list[CurrentEntry]) -> tuple[ParagraphState, ...]:
    """Each paragraph of the English original as the record keeps it (its printed text is
    its source)."""
    return tuple(
        replace(state, origin=TextOrigin.ORIGINAL.value)
        for state in paragraph_states(entries, allow_fuzzy=False, language=None)
    )


@dataclass(frozen=True)
class _Original:
    edition: Edition
    states: tuple[ParagraphState, ...]
    staleness: Staleness | None
    #: The template (or catalogue) its paragraphs come from.
    path: Path
    new_correction: Correction | None


def _original_edition(
    languages: list[str],
    options: EditionOptions,
    domain: str,
    date: dt.date | None,
    record: Record | None,
    warnings: list[str],
) -> _Original:
    """The English source as an edition, rebuilt from the msgids (template if present),
    compared with its last build and given its correction notes like every edition."""
    entries, path = original_entries(options.locales, domain, languages)
    paragraphs = tuple(
        replace(p, origin=TextOrigin.ORIGINAL)
        for p in edition_paragraphs(entries, allow_fuzzy=False)
    )
    concepts: tuple[NamedConcept, ...] = ()
    if options.fmt is EditionFormat.NINJS:  # the places it names, for a CMS
        from newsloc.translate.edition.places import article_concepts  # ninjs alone

        glossary = gate_glossary(options) or glossary_or_default(options.glossary)
        concepts = article_concepts(entries, SOURCE_LANGUAGE, glossary)
    locale = check_language(SOURCE_LANGUAGE)
    edition = Edition(
        domain=domain,
        language=SOURCE_LANGUAGE,
        language_name=language_name(SOURCE_LANGUAGE, SOURCE_LANGUAGE) or SOURCE_LANGUAGE,
        date=date,
        date_text=format_edition_date(date, locale) if date else None,
        paragraphs=paragraphs,
        concepts=concepts,
    )
    states = original_states(entries)
    previous = record.previous(SOURCE_LANGUAGE, options.fmt.value) if record else None
    staleness = staleness_of(previous, states)
    edition, correction = with_corrections(edition, staleness, states, options, path, warnings)
    return _Original(edition, states, staleness, path, correction)


def _with_links(edition: Edition, alternates: tuple[Alternate, ...], index: str) -> Edition:
    return replace(edition, alternates=alternates, index_href=index)


def build_editions(
    languages: list[str] | None, options: EditionOptions, before_write: BeforeWrite | None = None
) -> EditionSet:
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
    glossary = gate_glossary(options)
    prepared: list[PreparedEdition] = []
    refusals: list[EditionRefused] = []
    for language in languages:
        try:
            prepared.append(prepare_edition(language, options, glossary))
        except EditionRefused as refused:
            refusals.append(refused)
    if refusals:
        raise EditionsRefused(refusals)
    domain = prepared[0].edition.domain
    date = next((p.edition.date for p in prepared if p.edition.date), None)
    original_warnings: list[str] = []
    built_original = _original_edition(
        languages, options, domain, date, prepared[0].record, original_warnings
    )
    original = built_original.edition
    if before_write is not None:
        before_write([*prepared, built_original])
    fmt = options.fmt
    base = options.base_url or ""
    alternates = (
        Alternate(SOURCE_LANGUAGE, base + edition_filename(domain, SOURCE_LANGUAGE, fmt), True),
        *(
            Alternate(p.edition.language, base + edition_filename(domain, p.edition.language, fmt))
            for p in prepared
        ),
    )
    index_name = f"{domain}.index.{fmt.extension}"
    index_href = base + index_name

    writes: list[tuple[Path, str]] = []
    results: list[EditionResult] = []
    for item in prepared:
        edition = _with_links(item.edition, alternates, index_href)
        path = options.out / edition_filename(domain, edition.language, fmt)
        writes.append((path, render(edition, fmt)))
        results.append(
            EditionResult(
                path, fmt, edition, item.report, item.warnings, item.staleness, item.new_correction
            )
        )
    original = _with_links(original, alternates, index_href)
    original_path = options.out / edition_filename(domain, SOURCE_LANGUAGE, fmt)
    writes.append((original_path, render(original, fmt)))
    index_path = options.out / index_name
    editions = [original] + [result.edition for result in results]
    writes.append((index_path, render_index(domain, editions, alternates, fmt)))
    # One write for all: every temporary file before the first rename, so a full disk
    # leaves nothing new, and a failing rename names the files already written.
    check_output_paths([path for path, _ in writes])
    english = edition_record(
        original,
        built_original.states,
        built_original.path if built_original.path.suffix == ".pot" else None,
        original_path,
        options,
    )
    index_record = IndexRecord(options.fmt.value, str(index_path), english.built)
    record = record_write(
        [(item, r.path) for item, r in zip(prepared, results, strict=True)],
        options,
        extra=[english],
        index=index_record,
    )
    write_with_record(writes, record, options, domain)
    return EditionSet(
        editions=results,
        original=original_path,
        index=index_path,
        original_warnings=original_warnings,
        original_staleness=built_original.staleness,
        original_corrections=original.corrections,
        original_correction=built_original.new_correction,
    )
