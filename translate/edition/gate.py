"""The review gate of an edition: what may be published, and what holds it back.

Three checks, all outcomes a desk acts on (exit 1), never bad input: paragraphs of the
article (its template) the catalogue lacks, because it is older than the article or
entries were deleted from it (unless `--allow-outdated`); too few entries reviewed
(below `--min-reviewed`); and contested names in entries no reviewer has cleared. The
last holds whatever the percentage: a contested place (a concept with two or more names)
named by unchecked machine text, or by an English paragraph printed in place of a
translation, may say it the way one side does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from newsloc.glossary.match import find_mentions
from newsloc.glossary.model import Glossary
from newsloc.translate.catalog.current import CurrentEntry
from newsloc.translate.catalog.entry_state import EntryState, percent
from newsloc.translate.errors import UserError


@dataclass(frozen=True)
class PendingEntry:
    """An entry that is not (yet) publishable, for the refusal report."""

    lines: tuple[int, ...]
    state: EntryState
    first_words: str
    #: The catalogue lacks this paragraph of the article (it is older than the article).
    outdated: bool = False

    @property
    def label(self) -> str:
        """The state as the refusal table shows it."""
        return "out of date" if self.outdated else self.state.value


@dataclass(frozen=True)
class ContestedEntry:
    """An entry naming a contested place that no reviewer has cleared."""

    lines: tuple[int, ...]
    state: EntryState
    concepts: tuple[str, ...]
    first_words: str


@dataclass(frozen=True)
class ReviewReport:
    """How much of a catalogue an edition can use, against the threshold."""

    catalog: Path
    language: str
    entries: int
    usable: int
    percent_usable: float
    min_reviewed: float
    allow_fuzzy: bool
    pending: tuple[PendingEntry, ...]
    #: Unreviewed entries with contested names (empty when the gate is off).
    contested: tuple[ContestedEntry, ...] = ()
    #: The template the catalogue was read against (None: there is none).
    template: Path | None = None
    #: Paragraphs of the article the catalogue lacks (also in `pending`).
    outdated: tuple[PendingEntry, ...] = ()
    #: Whether those may be printed in English, marked (`--allow-outdated`).
    allow_outdated: bool = False

    @property
    def out_of_date(self) -> bool:
        """The catalogue lacks paragraphs of the article, and that is not allowed."""
        return bool(self.outdated) and not self.allow_outdated

    @property
    def meets_threshold(self) -> bool:
        # Exact, not the rounded percentage: 79.96% must not pass an 80% threshold.
        return self.entries > 0 and 100 * self.usable >= self.min_reviewed * self.entries

    @property
    def counted_as(self) -> str:
        """What `usable` counts, in the words of the report."""
        return "reviewed or machine-translated" if self.allow_fuzzy else "reviewed"


class EditionRefused(Exception):
    """The catalogue is out of date, too few entries are reviewed, or contested names are
    unreviewed: a checked outcome (exit 1), not bad input."""

    def __init__(self, report: ReviewReport):
        self.report = report
        if report.out_of_date:
            count = len(report.outdated)
            message = (
                f"{report.catalog}: {count} "
                f"{'paragraph' if count == 1 else 'paragraphs'} of the article "
                f"({report.template}) {'is' if count == 1 else 'are'} not in the catalogue "
                "(new or changed since it was translated, or deleted from it); no edition "
                f"written (run newsloc translate --to {report.language}, or pass "
                "--allow-outdated to print them in English, marked)"
            )
        elif not report.meets_threshold:
            message = (
                f"{report.catalog}: only {report.percent_usable:g}% of {report.entries} "
                f"entries are {report.counted_as} (needs {report.min_reviewed:g}%); "
                "no edition written"
            )
        else:
            count = len(report.contested)
            message = (
                f"{report.catalog}: {count} unreviewed "
                f"{'entry names' if count == 1 else 'entries name'} a contested place; "
                "no edition written (review them, or pass --allow-unreviewed-names)"
            )
        super().__init__(message)

    @property
    def reason(self) -> str:
        """What refused it, as the one line says: "outdated", "threshold" or "contested"."""
        if self.report.out_of_date:
            return "outdated"
        return "threshold" if not self.report.meets_threshold else "contested"

    @property
    def contested_only(self) -> bool:
        """Refused by the contested-name gate alone (the other checks passed)."""
        return self.reason == "contested"


class EditionsRefused(Exception):
    """One or more of several editions were refused; none was written."""

    def __init__(self, refusals: list[EditionRefused]):
        self.refusals = refusals
        languages = ", ".join(r.report.language for r in refusals)
        super().__init__(f"refused: {languages}; no edition written")


def first_words(text: str, limit: int = 48) -> str:
    """The start of a paragraph, enough for a reviewer to recognise it in Poedit."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


def occurrence_lines(entry: polib.POEntry, catalog_path: Path) -> tuple[int, ...]:
    lines: list[int] = []
    for _path, line in entry.occurrences:
        if not str(line).isdigit():
            break
        lines.append(int(line))
    if not lines or len(lines) != len(entry.occurrences):
        raise UserError(
            f"{catalog_path}:{entry.linenum}: entry has no '#: PATH:LINE' reference with a "
            "line number, so the edition cannot place it"
        )
    return tuple(sorted(lines))


def review_report(
    entries: list[CurrentEntry],
    catalog_path: Path,
    language: str,
    min_reviewed: float,
    allow_fuzzy: bool,
    glossary: Glossary | None = None,
    *,
    template: Path | None = None,
    allow_outdated: bool = False,
) -> ReviewReport:
    """Count what an edition may publish and list every entry that holds it back; with a
    glossary, also the unreviewed entries that name a contested place.

    `entries` are the article's paragraphs (`catalog.current.current_entries`): one the
    catalogue lacks is out of date, and counts as untranslated.
    """
    usable_states = (
        {EntryState.REVIEWED, EntryState.FUZZY} if allow_fuzzy else {EntryState.REVIEWED}
    )
    pending = [
        PendingEntry(
            lines=occurrence_lines(item.source, item.where),
            state=item.state,
            first_words=first_words(item.source.msgid),
            outdated=item.outdated,
        )
        for item in entries
        if item.state not in usable_states
    ]
    pending.sort(key=lambda item: item.lines)
    contested = contested_entries(entries, glossary) if glossary is not None else []
    usable = len(entries) - len(pending)
    return ReviewReport(
        catalog=catalog_path,
        language=language,
        entries=len(entries),
        usable=usable,
        percent_usable=percent(usable, len(entries)),
        min_reviewed=min_reviewed,
        allow_fuzzy=allow_fuzzy,
        pending=tuple(pending),
        contested=tuple(contested),
        template=template,
        outdated=tuple(item for item in pending if item.outdated),
        allow_outdated=allow_outdated,
    )


def contested_entries(entries: list[CurrentEntry], glossary: Glossary) -> list[ContestedEntry]:
    """Entries a reviewer has not cleared whose source names a contested place.

    Fuzzy, untranslated and out-of-date entries all count: machine text may say the place
    the way one side does, and an English paragraph printed in place of a translation
    names it without its other name.
    """
    found = []
    for item in entries:
        state = item.state
        if state is EntryState.REVIEWED:
            continue
        concepts = [
            m.concept_id
            for m in find_mentions(glossary, item.source.msgid)
            if glossary.concept(m.concept_id).contested
        ]
        if concepts:
            found.append(
                ContestedEntry(
                    lines=occurrence_lines(item.source, item.where),
                    state=state,
                    concepts=tuple(dict.fromkeys(concepts)),
                    first_words=first_words(item.source.msgid),
                )
            )
    found.sort(key=lambda item: item.lines)
    return found
