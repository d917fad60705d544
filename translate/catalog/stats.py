"""How far review has got, per language: the numbers behind `newsloc catalog stats`.

A catalogue is counted against the article's template (`LOCALES/<domain>.pot`) when there
is one, as editions read it (`catalog.current`): a paragraph of the article the catalogue
lacks is *out of date*, so a catalogue older than the article, or one with entries
deleted, is never 100 % reviewed.

The edition column compares each language's editions, as the record beside the
catalogues says they were built (`LOCALES/<domain>.editions.json`, `edition.record`), with
what they would print now: `current`, `out of date` (paragraphs changed in the source,
translations changed) or `not built`.

The glossary-violations column comes from `glossary_qa.check_catalogue`, the same check
`newsloc glossary check` runs, so the two commands never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path

import polib

from newsloc.base.errors import NewslocError
from newsloc.glossary.loader import glossary_or_default
from newsloc.translate.catalog.current import CurrentEntry, current_entries, find_template
from newsloc.translate.catalog.discovery import find_every_catalog
from newsloc.translate.catalog.entry_state import EntryState, percent
from newsloc.translate.catalog.glossary_qa import check_catalogue, loaded_catalogue
from newsloc.translate.catalog.storage import load_catalog_with_bytes
from newsloc.translate.edition.build import paragraph_states, staleness_of
from newsloc.translate.edition.record import (
    EditionRecord,
    ParagraphState,
    Record,
    Staleness,
    read_record,
)


@dataclass(frozen=True)
class CatalogStats:
    """One catalogue's review counts; reviewed + fuzzy + untranslated + outdated == entries
    (the paragraphs of the article)."""

    language: str
    domain: str
    path: str
    entries: int
    reviewed: int
    fuzzy: int
    untranslated: int
    #: Paragraphs of the article (its template) the catalogue has no entry for.
    outdated: int
    obsolete: int
    glossary_violations: int | None
    percent_reviewed: float
    #: The language's editions against what they would print now (`EditionStatus`).
    edition: EditionStatus | None = None
    #: The English original of a multi-language build (`edition build --all`), not a
    #: catalogue: its counts are the article's paragraphs, all its own source text.
    original: bool = False

    def as_dict(self) -> dict[str, object]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "edition"}
        data["edition"] = (self.edition or EditionStatus()).as_dict()
        return data


@dataclass(frozen=True)
class EditionStatus:
    """A language's editions (one per format built) against what they would print now."""

    #: One per format built, by format name.
    formats: dict[str, Staleness] | None = None

    @property
    def worst(self) -> Staleness | None:
        """The format with the most changes (the first, when they tie)."""
        if not self.formats:
            return None
        return max(self.formats.values(), key=lambda s: len(s.changes))

    @property
    def status(self) -> str:
        worst = self.worst
        if worst is None:
            return "not built"
        return "current" if worst.current else "out of date"

    @property
    def summary(self) -> str:
        """The table's cell: `current`, `out of date: 2 source, 1 translation`, `not built`."""
        worst = self.worst
        return "not built" if worst is None else worst.summary

    def as_dict(self) -> dict[str, object]:
        worst = self.worst
        if worst is None:
            return {"status": "not built", "formats": {}}
        summary = worst.as_dict()
        return {
            "status": self.status,
            "source_changed": summary["source_changed"],
            "translations_changed": summary["translations_changed"],
            "changes": summary["changes"],
            "formats": {name: s.as_dict() for name, s in sorted((self.formats or {}).items())},
        }


def glossary_violation_counts(
    catalogues: list[tuple[Path, polib.POFile, bytes]],
    glossary_path: Path | None,
    profile: str | None = None,
) -> dict[Path, int | None]:
    """Glossary violations per catalogue (path, as read, its bytes), from the same check
    as `newsloc glossary check`, on the catalogues as already read (not read again).

    Only errors count: warnings (an ambiguous name left alone) do not block publication,
    just as they do not change `glossary check`'s exit code. A catalogue in a language
    the glossary does not cover gets None ("n/a"), not an error for the whole table.
    """
    glossary = glossary_or_default(glossary_path, profile=profile)
    counts: dict[Path, int | None] = {}
    for path, po, data in catalogues:
        try:
            violations = check_catalogue(loaded_catalogue(path, po, data, glossary), glossary)
        except NewslocError:
            counts[path] = None
            continue
        counts[path] = sum(1 for found in violations if found.severity != "warning")
    return counts


def catalog_stats(
    locales: Path,
    domain: str | None = None,
    glossary_path: Path | None = None,
    profile: str | None = None,
) -> list[CatalogStats]:
    """Review counts for every language's catalogue of `domain` (or of every domain), sorted
    by domain and language; glossary violations under the policy profile `profile`. Each
    catalogue is read once."""
    catalogs = find_every_catalog(locales, domain)
    loaded = [(found, *load_catalog_with_bytes(found.path)) for found in catalogs]
    violations = glossary_violation_counts(
        [(found.path, catalog, data) for found, catalog, data in loaded], glossary_path, profile
    )
    domains = {c.domain for c in catalogs}
    templates = {name: find_template(locales, name) for name in domains}
    records = {name: read_record(locales, name) for name in domains}
    results: list[CatalogStats] = []
    for found, catalog, _data in loaded:
        entries = current_entries(catalog, found.path, templates[found.domain])
        outdated = sum(1 for item in entries if item.outdated)
        states = Counter(item.state for item in entries if not item.outdated)
        results.append(
            CatalogStats(
                language=found.language,
                domain=found.domain,
                path=str(found.path),
                entries=len(entries),
                reviewed=states[EntryState.REVIEWED],
                fuzzy=states[EntryState.FUZZY],
                untranslated=states[EntryState.UNTRANSLATED],
                outdated=outdated,
                obsolete=sum(1 for entry in catalog if entry.obsolete),
                glossary_violations=violations[found.path],
                percent_reviewed=percent(states[EntryState.REVIEWED], len(entries)),
                edition=edition_status(records[found.domain], found.language, entries),
            )
        )
    for name in sorted(domains):
        row = original_row(
            locales, name, records[name], [c.language for c in catalogs if c.domain == name]
        )
        if row is not None:
            results.append(row)
    results.sort(key=lambda row: (row.domain, row.language))
    return results


def original_row(
    locales: Path, domain: str, record: Record, languages: list[str]
) -> CatalogStats | None:
    """The English original's row, once one is recorded: its editions against the article
    as it stands (a paragraph of the English changed since is a source change)."""
    from newsloc.glossary.model import SOURCE_LANGUAGE
    from newsloc.translate.edition.linked import original_entries, original_states

    built = record.of_language(SOURCE_LANGUAGE)
    if not built:
        return None
    entries, path = original_entries(locales, domain, languages)
    states = original_states(entries)  # whatever a build's settings: the English as it is
    return CatalogStats(
        language=SOURCE_LANGUAGE,
        domain=domain,
        path=str(path),
        entries=len(entries),
        reviewed=len(entries),
        fuzzy=0,
        untranslated=0,
        outdated=0,
        obsolete=0,
        glossary_violations=None,
        percent_reviewed=100.0,
        edition=_status(built, lambda _built: states),
        original=True,
    )


def edition_status(record: Record, language: str, entries: list[CurrentEntry]) -> EditionStatus:
    """Each recorded edition of `language` against what it would print now, with the
    settings it was built with (`--allow-fuzzy`, typography)."""
    return _status(
        record.of_language(language),
        lambda built: paragraph_states(
            entries, built.allow_fuzzy, language if built.typography else None
        ),
    )


def _status(
    built: Iterable[EditionRecord],
    states: Callable[[EditionRecord], tuple[ParagraphState, ...]],
) -> EditionStatus:
    """Each recorded edition against the paragraphs it would print now (`states` of it)."""
    formats = {}
    for edition in built:
        staleness = staleness_of(edition, states(edition))
        if staleness is not None:
            formats[edition.format] = staleness
    return EditionStatus(formats)
