"""How far review has got, per language: the numbers behind `newsloc catalog stats`.

The glossary-violations column comes from `translate.qa.check_catalogs`, the same check
`newsloc glossary check` runs, so the two commands never disagree.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from translate.catalog import load_catalog
from translate.catalog_tools import (
    EntryState,
    find_catalogs,
    live_entries,
    state_of,
)


@dataclass(frozen=True)
class CatalogStats:
    """One catalogue's review counts; reviewed + fuzzy + untranslated == entries."""

    language: str
    domain: str
    path: str
    entries: int
    reviewed: int
    fuzzy: int
    untranslated: int
    obsolete: int
    glossary_violations: int | None
    percent_reviewed: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def percent(part: int, whole: int) -> float:
    """A percentage with one decimal; an empty catalogue has nothing left to review."""
    return 100.0 if whole == 0 else round(100.0 * part / whole, 1)


def glossary_violation_counts(
    paths: list[Path], glossary_path: Path | None
) -> dict[Path, int] | None:
    """Violations per catalogue from the glossary QA check; None where it is not available.

    Only errors count: warnings (an ambiguous name left alone) do not block publication,
    just as they do not change `glossary check`'s exit code.
    """
    try:
        qa = importlib.import_module("translate.qa")
    except ModuleNotFoundError as exc:
        if exc.name == "translate.qa":
            return None
        raise
    glossary = qa.load_glossary_for_check(glossary_path)
    counts: dict[Path, int] = {path: 0 for path in paths}
    for violation in qa.check_catalogs(paths, glossary):
        if getattr(violation, "severity", "error") == "warning":
            continue
        counts[Path(violation.file)] = counts.get(Path(violation.file), 0) + 1
    return counts


def catalog_stats(
    locales: Path,
    domain: str | None = None,
    glossary_path: Path | None = None,
) -> list[CatalogStats]:
    """Review counts for every language's catalogue of one domain, sorted by language."""
    catalogs = find_catalogs(locales, domain)
    loaded = [(found, load_catalog(found.path)) for found in catalogs]
    violations = glossary_violation_counts([found.path for found in catalogs], glossary_path)
    results: list[CatalogStats] = []
    for found, catalog in loaded:
        entries = live_entries(catalog)
        states = Counter(state_of(entry) for entry in entries)
        results.append(
            CatalogStats(
                language=found.language,
                domain=found.domain,
                path=str(found.path),
                entries=len(entries),
                reviewed=states[EntryState.REVIEWED],
                fuzzy=states[EntryState.FUZZY],
                untranslated=states[EntryState.UNTRANSLATED],
                obsolete=sum(1 for entry in catalog if entry.obsolete),
                glossary_violations=None if violations is None else violations[found.path],
                percent_reviewed=percent(states[EntryState.REVIEWED], len(entries)),
            )
        )
    return results
