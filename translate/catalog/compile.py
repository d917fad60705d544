"""Compiling reviewed catalogues to `.mo` files that gettext programs load.

Like GNU msgfmt without `--use-fuzzy`, only reviewed entries go into the `.mo`: fuzzy
(machine, unreviewed) and untranslated entries are left out, so a program shows the
source text rather than an unchecked translation. Each `.mo` lands next to its `.po`,
written atomically.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from newsloc.base.files import PlannedWrite, write_files
from newsloc.translate.catalog.discovery import find_every_catalog
from newsloc.translate.catalog.entry_state import EntryState, live_entries, state_of
from newsloc.translate.catalog.files import load_catalog


@dataclass(frozen=True)
class CompiledCatalog:
    """What went into one `.mo` and what was left out."""

    language: str
    po_path: str
    mo_path: str
    compiled: int
    skipped_fuzzy: int
    skipped_untranslated: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def compile_catalogs(locales: Path, domain: str | None = None) -> list[CompiledCatalog]:
    """Write `<domain>.mo` beside every language's `<domain>.po`; report the counts.

    Every catalogue is read (strictly: UTF-8, no NUL) and compiled before any `.mo` is
    written, and the `.mo` files are written together (`fileio.write_files`), so one
    malformed catalogue or a full disk leaves no mix of new and stale `.mo` files behind.
    """
    catalogs = [(found, load_catalog(found.path)) for found in find_every_catalog(locales, domain)]
    results: list[CompiledCatalog] = []
    writes: list[PlannedWrite] = []
    for found, catalog in catalogs:
        mo_path = found.path.with_suffix(".mo")
        # polib's to_binary() keeps only translated, non-fuzzy, non-obsolete entries.
        writes.append(PlannedWrite(mo_path, catalog.to_binary()))
        states = [state_of(entry) for entry in live_entries(catalog)]
        results.append(
            CompiledCatalog(
                language=found.language,
                po_path=str(found.path),
                mo_path=str(mo_path),
                compiled=len(catalog.translated_entries()),
                skipped_fuzzy=states.count(EntryState.FUZZY),
                skipped_untranslated=states.count(EntryState.UNTRANSLATED),
            )
        )
    write_files(writes, within=locales)
    return results
