"""Finding and reading reviewed catalogues, and telling what state each entry is in.

Stats, compilation and editions all find `DIR/<lang>/LC_MESSAGES/<domain>.po` the same
way, read it with the writer's strict `translate.catalog.load_catalog`, and agree on one
definition of "reviewed" (docs/catalogues.md): not fuzzy and a non-empty translation.
Every problem with the files becomes a one-line `UserError`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError
from newsloc.translate.errors import UserError


class EntryState(enum.Enum):
    """Where an entry stands in review; the three states add up to all live entries."""

    REVIEWED = "reviewed"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"


@dataclass(frozen=True)
class Catalog:
    """One language's catalogue of one domain, as found on disk."""

    language: str
    domain: str
    path: Path


def translation_of(entry: polib.POEntry) -> str:
    """The entry's translation; for a plural entry, its first form."""
    if entry.msgstr:
        return entry.msgstr
    if entry.msgstr_plural:
        return entry.msgstr_plural.get(0, "") or ""
    return ""


def state_of(entry: polib.POEntry) -> EntryState:
    """Reviewed = not fuzzy and translated; fuzzy = machine text waiting for a reviewer."""
    if not translation_of(entry).strip():
        return EntryState.UNTRANSLATED
    if entry.fuzzy:
        return EntryState.FUZZY
    return EntryState.REVIEWED


def live_entries(catalog: polib.POFile) -> list[polib.POEntry]:
    """Entries of the current article: obsolete (`#~`) ones are history, not content."""
    return [entry for entry in catalog if not entry.obsolete and entry.msgid]


def check_language(language: str) -> Locale:
    """Refuse a language code Babel (CLDR) does not know, before any file is read."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UserError(f"unknown language {language!r}: not a code Babel knows") from None


def _domains_in(folder: Path) -> set[str]:
    return {po.stem for po in folder.glob("*.po") if po.is_file()}


def find_catalogs(
    locales: Path, domain: str | None = None, language: str | None = None
) -> list[Catalog]:
    """The catalogues of one domain under `locales`, sorted by language.

    Without `domain`, the only domain present is used; several domains need a choice.
    With `language`, only that language's catalogue is returned (and it must exist).
    """
    if not locales.is_dir():
        raise UserError(f"{locales}: no such locales directory")
    if language is not None:
        check_language(language)
        folders = [locales / language / "LC_MESSAGES"]
    else:
        folders = sorted(p for p in locales.glob("*/LC_MESSAGES") if p.is_dir())
    if domain is None:
        domains = set().union(*(_domains_in(f) for f in folders)) if folders else set()
        if not domains:
            where = folders[0] if language is not None else locales / "*" / "LC_MESSAGES"
            raise UserError(f"{where}: no .po catalogues found")
        if len(domains) > 1:
            names = ", ".join(sorted(domains))
            raise UserError(f"{locales}: several domains ({names}); choose one with --domain")
        domain = domains.pop()
    found = [
        Catalog(language=folder.parent.name, domain=domain, path=folder / f"{domain}.po")
        for folder in folders
        if (folder / f"{domain}.po").is_file()
    ]
    if not found:
        missing = folders[0] / f"{domain}.po" if folders else locales / "*" / "LC_MESSAGES"
        raise UserError(f"{missing}: no such catalogue")
    return found
