"""Review state: what state each entry of a catalogue is in, and marking one for review.

Stats, compilation, editions and the glossary QA agree on one definition of "reviewed"
(docs/catalogues.md): not fuzzy and a non-empty translation. Machine output, a changed
source paragraph and a glossary rewrite all ask for review the same way (`mark_fuzzy`).
"""

from __future__ import annotations

import enum

import polib


class EntryState(enum.Enum):
    """Where an entry stands in review; the three states add up to all live entries."""

    REVIEWED = "reviewed"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"


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


#: An entry's identity in a catalogue: (msgctxt, msgid), as gettext tells entries apart. A
#: headline and a body paragraph with the same words are two entries, with their own
#: machine output and their own glossary notes.
EntryKey = tuple[str | None, str]


def entry_key(entry: polib.POEntry) -> EntryKey:
    return (entry.msgctxt, entry.msgid)


def live_entries(catalog: polib.POFile) -> list[polib.POEntry]:
    """Entries of the current article: obsolete (`#~`) ones are history, not content."""
    return [entry for entry in catalog if not entry.obsolete and entry.msgid]


def mark_fuzzy(entry: polib.POEntry) -> None:
    """Ask a reviewer to look at the entry: `fuzzy` comes first among its flags, as GNU
    gettext writes them (a reviewer clears it to say "reviewed")."""
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")


def percent(part: int, whole: int) -> float:
    """A percentage with one decimal; an empty catalogue has nothing left to review."""
    return 100.0 if whole == 0 else round(100.0 * part / whole, 1)
