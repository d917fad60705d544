"""Merging a catalogue with a new template without losing anything a person did.

Merging follows `msgmerge` / `pybabel update`: a translation someone made is never lost.
polib holds the entries (Babel's writer drops custom `X-` headers on a round trip).
Conventions: docs/catalogues.md.
"""

from __future__ import annotations

import difflib
import heapq
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
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
    # with the same words are two entries. A live entry and an obsolete one may share a
    # key (GNU allows it): the live one is the current, reviewed text, so it wins.
    by_key = {_key(e): e for e in old_obsolete + old_live}
    used: set[int] = set()

    exact_keys = {_key(t) for t in template}
    # Built once: an old entry can only be the changed form of a paragraph if it has a
    # translation and its own text is gone from the article.
    candidates = _Similar([e for e in old_live if has_translation(e) and _key(e) not in exact_keys])
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
        similar = candidates.take(item.msgid)
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


def _most_similar(msgid: str, candidates: Sequence[str]) -> int | None:
    """Which candidate text is most like `msgid` (difflib's ratio, at least
    FUZZY_THRESHOLD; of equal ones the last), or None."""
    best: int | None = None
    best_ratio = FUZZY_THRESHOLD
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(msgid)
    for position, candidate in enumerate(candidates):
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = position, ratio
    return best


_WORD = re.compile(r"\w+")


def _features(text: str) -> set[str]:
    """The words of a text and its pairs of adjacent words, in small letters."""
    words = _WORD.findall(text.lower())
    return {*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))}


class _Similar:
    """The old entries a changed paragraph may come from, each taken at most once.

    With few of them every one is compared (difflib), as msgmerge does. With many, that
    is quadratic in the number of edits, so an index of their words and word pairs
    proposes the few that share the most of the paragraph's rarer ones, and only those
    are compared: an edited paragraph keeps most of its words, so its old form is among
    them.
    """

    #: Up to this many candidates, compare with every one.
    EVERY = 200
    #: Words or pairs found in more candidates than this say little and are not looked up.
    COMMON = 48
    #: How many of the best-sharing candidates are compared.
    SHORTLIST = 8

    def __init__(self, entries: list[polib.POEntry]) -> None:
        self.entries = entries
        self.taken: set[int] = set()
        self.postings: dict[str, list[int]] | None = None
        if len(entries) > self.EVERY:
            self.postings = defaultdict(list)
            for index, entry in enumerate(entries):
                for feature in _features(entry.msgid):
                    self.postings[feature].append(index)

    def take(self, msgid: str) -> polib.POEntry | None:
        """The candidate most like `msgid`, now taken; None when none is like enough."""
        if self.postings is None:
            indexes = [index for index in range(len(self.entries)) if index not in self.taken]
        else:
            postings = [self.postings.get(feature, []) for feature in _features(msgid)]
            telling = [found for found in postings if len(found) <= self.COMMON]
            if not telling and postings:  # only common words: the rarest of them, then
                telling = [min(postings, key=len)]
            shared: Counter[int] = Counter()
            for found in telling:
                shared.update(found)
            free = (index for index in shared if index not in self.taken)
            best = heapq.nlargest(self.SHORTLIST, free, key=shared.__getitem__)
            indexes = sorted(best)  # in file order, as the full comparison goes
        chosen = _most_similar(msgid, [self.entries[index].msgid for index in indexes])
        if chosen is None:
            return None
        self.taken.add(indexes[chosen])
        return self.entries[indexes[chosen]]
