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

from newsloc.base.errors import NewslocError
from newsloc.translate.catalog.entry_state import EntryState, live_entries, state_of
from newsloc.translate.catalog.storage import catalog_path, load_catalog
from newsloc.translate.errors import UserError


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


def template_beside(path: Path) -> Path | None:
    """The template of a catalogue at `LOCALES/<lang>/LC_MESSAGES/<domain>.po`:
    `LOCALES/<domain>.pot`; None for a catalogue laid out otherwise."""
    if path.parent.name != "LC_MESSAGES":
        return None
    return path.parent.parent.parent / f"{path.stem}.pot"


def check_complete(
    po: polib.POFile, path: Path, template: polib.POFile | None, where: Path
) -> None:
    """Refuse a catalogue read short: one that was merged with this very template (it
    carries the template's POT-Creation-Date, which changes whenever the template does),
    or one with no POT-Creation-Date at all, that lacks some of the template's entries,
    live or obsolete.

    An editor that saves in place (truncate, write, write) can be caught half-way: the half
    read is a valid catalogue, and writing what was made of it would lose the rest. Entries
    deleted by hand look the same, and are refused the same way.
    """
    if template is None:
        return
    stamp = template.metadata.get("POT-Creation-Date", "")
    own = po.metadata.get("POT-Creation-Date", "")
    if not stamp or (own and own != stamp):
        return  # merged with another template (older, or another tool's): cannot tell
    # No date at all: a header cut short (or none), which newsloc never writes.
    have = {_key(e) for e in po}
    expected = live_entries(template)
    missing = [e for e in expected if _key(e) not in have]
    if not missing:
        return
    first = missing[0]
    line = first.occurrences[0][1] if first.occurrences else "?"
    raise UserError(
        f"{path}: lacks {len(missing)} of the {len(expected)} entries of its template "
        f"{where} (the first from line {line} of the article: {_start(first.msgid)!r}); "
        "it may be half-written (an editor still saving it?) or entries were deleted; "
        f"nothing was written (run the command again once it is saved; to restore deleted "
        f"entries, delete {where} first)"
    )


def _start(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def check_complete_beside(po: polib.POFile, path: Path) -> None:
    """`check_complete` against the template beside the catalogue, when there is one that
    reads (a template that does not read holds no one's work, and tells nothing)."""
    where = template_beside(path)
    if where is None or not where.is_file():
        return
    try:
        template = load_catalog(where)
    except NewslocError:
        return
    check_complete(po, path, template, where)
