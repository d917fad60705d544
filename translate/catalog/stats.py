"""How far review has got, per language: the numbers behind `newsloc catalog stats`.

A catalogue is counted against the article's template (`LOCALES/<domain>.pot`) when there
is one, as editions read it (`catalog.current`): a paragraph of the article the catalogue
lacks is *out of date*, so a catalogue older than the article, or one with entries
deleted, is never 100 % reviewed.

The glossary-violations column comes from `glossary_qa.check_catalogue`, the same check
`newsloc glossary check` runs, so the two commands never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from newsloc.base.errors import NewslocError
from newsloc.glossary.loader import glossary_or_default
from newsloc.translate.catalog.current import current_entries, find_template
from newsloc.translate.catalog.discovery import find_every_catalog
from newsloc.translate.catalog.entry_state import EntryState
from newsloc.translate.catalog.glossary_qa import check_catalogue, loaded_catalogue
from newsloc.translate.catalog.storage import load_catalog_with_bytes


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

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def percent(part: int, whole: int) -> float:
    """A percentage with one decimal; an empty catalogue has nothing left to review."""
    return 100.0 if whole == 0 else round(100.0 * part / whole, 1)


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
    templates = {name: find_template(locales, name) for name in {c.domain for c in catalogs}}
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
            )
        )
    return results
