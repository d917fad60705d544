"""Merging a catalogue with a new template without losing anything a person did.

Merging follows `msgmerge` / `pybabel update`: a translation someone made is never lost.
polib holds the entries (Babel's writer drops custom `X-` headers on a round trip).
Conventions: docs/catalogues.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polib

from newsloc.base.po.conventions import WRAP_WIDTH
from newsloc.translate.catalog.entry_state import mark_fuzzy

#: How similar an old msgid must be to count as "the same paragraph, changed a little";
#: GNU msgmerge's fuzzy threshold is the same 0.6.
FUZZY_THRESHOLD = 0.6


@dataclass
class MergeReport:
    """What a merge did, entry by entry."""

    kept: int = 0
    changed: int = 0  # source paragraph changed: old translation kept, marked fuzzy
    new: list[polib.POEntry] = field(default_factory=list)
    obsolete: int = 0


def merge(
    existing: polib.POFile | None,
    template: Sequence[polib.POEntry],
    metadata: dict[str, str],
    header: str = "",
) -> tuple[polib.POFile, MergeReport]:
    """Bring a catalogue up to date with the template, losing nothing a person did.

    Unchanged msgids keep msgstr, flags and comments; a paragraph that changed a little
    keeps its old translation, gets `fuzzy` and its previous msgid; paragraphs no longer in
    the article become obsolete (untranslated ones are dropped: nothing to keep). The
    header keeps what people set (translator, team, plural forms) and takes the generated
    values (dates, generator, source).
    """
    report = MergeReport()
    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    po.header = existing.header if existing and existing.header else header
    po.metadata = _merged_metadata(existing.metadata if existing else {}, metadata)
    old_live = [e for e in existing if not e.obsolete] if existing else []
    old_obsolete = [e for e in existing if e.obsolete] if existing else []
    # Entries are keyed by (msgctxt, msgid): an article's headline and a body paragraph
    # with the same words are two entries.
    by_key = {_key(e): e for e in old_live + old_obsolete}
    used: set[int] = set()

    exact_keys = {_key(t) for t in template}
    # Built once: an old entry can only be the changed form of a paragraph if it has a
    # translation and its own text is gone from the article.
    candidates = [e for e in old_live if has_translation(e) and _key(e) not in exact_keys]
    for item in template:
        old = by_key.get(_key(item))
        if old is None and item.msgctxt and (None, item.msgid) not in exact_keys:
            # The same words without a context: a catalogue made before the article's
            # structure was read (a byline); the translation stands as it was.
            old = by_key.get((None, item.msgid))
        if old is not None and id(old) not in used:
            used.add(id(old))
            po.append(_carry_over(old, item))
            report.kept += 1
            continue
        similar = _most_similar(
            item.msgid,
            (e for e in candidates if id(e) not in used and e.msgctxt == item.msgctxt),
        )
        if similar is not None:
            used.add(id(similar))
            po.append(_changed(similar, item))
            report.changed += 1
        else:
            fresh = _copy_entry(item)
            po.append(fresh)
            report.new.append(fresh)

    for old in old_live + old_obsolete:
        if id(old) not in used and has_translation(old):  # untranslated: nothing to keep
            gone = _copy_entry(old)
            gone.obsolete = True
            gone.occurrences = []
            po.append(gone)
            report.obsolete += 0 if old.obsolete else 1
    return po, report


def has_translation(entry: polib.POEntry) -> bool:
    """Does the entry hold anyone's translation? A plural entry keeps it in msgstr[n]."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _merged_metadata(old: dict[str, str], generated: dict[str, str]) -> dict[str, str]:
    kept_from_people = (
        "Last-Translator",
        "Language-Team",
        "Plural-Forms",
        "PO-Revision-Date",
        "Report-Msgid-Bugs-To",
        "Project-Id-Version",
    )
    merged = dict(generated)
    for key in kept_from_people:
        if old.get(key):
            merged[key] = old[key]
    for key, value in old.items():  # custom headers a team added survive
        merged.setdefault(key, value)
    return merged


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt or None, entry.msgid


def _carry_over(old: polib.POEntry, item: polib.POEntry) -> polib.POEntry:
    entry = _copy_entry(old)
    entry.msgctxt = item.msgctxt
    entry.obsolete = False
    entry.occurrences = list(item.occurrences)
    entry.comment = item.comment
    return entry


def _changed(old: polib.POEntry, item: polib.POEntry) -> polib.POEntry:
    entry = _carry_over(old, item)
    entry.msgid = item.msgid
    entry.previous_msgid = old.msgid  # kept even when the old one was fuzzy machine output
    mark_fuzzy(entry)
    return entry


def _copy_entry(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        occurrences=list(entry.occurrences),
        comment=entry.comment,
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=entry.obsolete,
    )


def _most_similar(msgid: str, candidates: Iterable[polib.POEntry]) -> polib.POEntry | None:
    best: polib.POEntry | None = None
    best_ratio = FUZZY_THRESHOLD
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(msgid)
    for candidate in candidates:
        matcher.set_seq1(candidate.msgid)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best
