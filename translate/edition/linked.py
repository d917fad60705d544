"""Several editions of one article in one run, linked to each other and to the original.

All or none: every language is prepared (and may be refused) before any file is written,
because editions that go out together are checked together. Then each edition, the
English original rebuilt from the msgids and an index page are written, every page
linking every version (`hreflang` in HTML, plain links in Markdown and text).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from newsloc.glossary.loader import glossary_or_default
from newsloc.glossary.model import SOURCE_LANGUAGE
from newsloc.translate.catalog.current import current_entries
from newsloc.translate.catalog.discovery import check_language, find_catalogs
from newsloc.translate.catalog.storage import load_catalog
from newsloc.translate.edition.build import (
    BeforeWrite,
    EditionOptions,
    EditionResult,
    PreparedEdition,
    check_output_paths,
    edition_filename,
    edition_paragraphs,
    format_edition_date,
    gate_glossary,
    prepare_edition,
    record_write,
    write_with_record,
)
from newsloc.translate.edition.content import (
    Alternate,
    Edition,
    EditionFormat,
    NamedConcept,
    TextOrigin,
)
from newsloc.translate.edition.formats import render, render_index
from newsloc.translate.edition.gate import EditionRefused, EditionsRefused
from newsloc.translate.errors import UserError
from newsloc.translate.i18n import language_name


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
    entries = current_entries(catalog, path, None)
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
    return Edition(
        domain=domain,
        language=SOURCE_LANGUAGE,
        language_name=language_name(SOURCE_LANGUAGE, SOURCE_LANGUAGE) or SOURCE_LANGUAGE,
        date=date,
        date_text=format_edition_date(date, locale) if date else None,
        paragraphs=paragraphs,
        concepts=concepts,
    )


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
    if before_write is not None:
        before_write(prepared)

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
    index_name = f"{domain}.index.{fmt.extension}"
    index_href = base + index_name

    writes: list[tuple[Path, str]] = []
    results: list[EditionResult] = []
    for item in prepared:
        edition = _with_links(item.edition, alternates, index_href)
        path = options.out / edition_filename(domain, edition.language, fmt)
        writes.append((path, render(edition, fmt)))
        results.append(
            EditionResult(path, fmt, edition, item.report, item.warnings, item.staleness)
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
    record = record_write(
        [(item, r.path) for item, r in zip(prepared, results, strict=True)], options
    )
    write_with_record(writes, record, options, domain)
    return EditionSet(editions=results, original=original_path, index=index_path)
