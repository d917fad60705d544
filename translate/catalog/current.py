"""A catalogue against its template: which of the article's paragraphs it translates.

`newsloc translate` writes the template `LOCALES/<domain>.pot` from the current article
and merges only the languages it was asked for; a catalogue left out of that run (or one
whose entries someone deleted) is older than the article. Editions and `catalog stats`
read every catalogue through its template, so a paragraph added or corrected in the
article since the catalogue was merged shows up as *out of date*, never as the old text
(docs/editions.md). Without a template, the catalogue is all there is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from newsloc.translate.catalog.files import catalog_path, load_catalog
from newsloc.translate.catalog.review import EntryState, live_entries, state_of


@dataclass(frozen=True)
class CurrentEntry:
    """One paragraph of the article as it stands: the template's entry (its text, lines and
    kind) and the catalogue's live entry for it, None when the catalogue lacks it."""

    source: polib.POEntry
    translation: polib.POEntry | None
    #: The file `source` was read from (the template, else the catalogue), for errors.
    where: Path

    @property
    def outdated(self) -> bool:
        """The catalogue has no live entry for this paragraph of the article."""
        return self.translation is None

    @property
    def state(self) -> EntryState:
        """An out-of-date paragraph has no translation: untranslated."""
        if self.translation is None:
            return EntryState.UNTRANSLATED
        return state_of(self.translation)


@dataclass(frozen=True)
class Template:
    """The article's current template, as read from `path`."""

    path: Path
    po: polib.POFile


def find_template(locales: Path, domain: str) -> Template | None:
    """`LOCALES/<domain>.pot`, read strictly, or None when there is none."""
    path = catalog_path(locales, domain, None)
    if not path.exists() and not path.is_symlink():
        return None
    return Template(path, load_catalog(path))


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt or None, entry.msgid)


def current_entries(
    catalog: polib.POFile, catalog_path_: Path, template: Template | None
) -> list[CurrentEntry]:
    """The article's paragraphs in template order, each with the catalogue's live entry for
    it; without a template, the catalogue's own live entries."""
    if template is None:
        return [CurrentEntry(e, e, catalog_path_) for e in live_entries(catalog)]
    live = {_key(e): e for e in live_entries(catalog)}
    return [CurrentEntry(e, live.get(_key(e)), template.path) for e in live_entries(template.po)]


def retired_entries(catalog: polib.POFile, template: Template | None) -> list[polib.POEntry]:
    """Live entries of the catalogue the article no longer has (it was merged with an older
    template): never published."""
    if template is None:
        return []
    current = {_key(e) for e in live_entries(template.po)}
    return [e for e in live_entries(catalog) if _key(e) not in current]
