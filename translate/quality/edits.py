"""Quality on the desk's own work: the kept machine output against the reviewed text.

For every catalogue under a locales folder, each live entry that has a kept machine
record (`catalog.kept_output`) is a machine entry of its engine and language. Reviewed
entries (not fuzzy, translated) are scored: accepted unchanged when the reviewed text is
exactly what newsloc wrote, and corpus chrF and TER (sacrebleu, default settings) with
the machine output as hypothesis and the reviewed text as reference. The machine output
compared is what went into the catalogue (after the glossary pass): what the reviewer saw.
Entries still fuzzy or emptied by the reviewer are counted, not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsloc.translate.catalog.discovery import find_every_catalog
from newsloc.translate.catalog.entry_state import EntryState, live_entries, state_of
from newsloc.translate.catalog.kept_output import entry_key, read_kept_output
from newsloc.translate.catalog.storage import load_catalog


@dataclass(frozen=True)
class Metric:
    """One corpus score and the sacrebleu signature that makes it reproducible."""

    score: float
    signature: str

    def as_dict(self) -> dict[str, object]:
        return {"score": round(self.score, 2), "signature": self.signature}


@dataclass
class EditStats:
    """How reviewers treated one engine's output in one language."""

    language: str
    engine: str
    #: Live entries holding kept machine output.
    machine_entries: int = 0
    reviewed: int = 0
    #: Reviewed, and the text is exactly the machine output newsloc wrote.
    unchanged: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    #: (machine output, reviewed text) of the reviewed entries, in catalogue order.
    pairs: list[tuple[str, str]] = field(default_factory=list)
    chrf: Metric | None = None
    ter: Metric | None = None

    @property
    def edited(self) -> int:
        return self.reviewed - self.unchanged

    def as_dict(self) -> dict[str, object]:
        return {
            "language": self.language,
            "engine": self.engine,
            "machine_entries": self.machine_entries,
            "reviewed": self.reviewed,
            "unchanged": self.unchanged,
            "edited": self.edited,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "chrf": None if self.chrf is None else self.chrf.as_dict(),
            "ter": None if self.ter is None else self.ter.as_dict(),
        }


def edit_stats(locales: Path, domain: str | None = None) -> list[EditStats]:
    """One row per engine and language (sorted so), over every catalogue of `domain` (or of
    every domain) under `locales`; catalogues without kept machine output add nothing."""
    rows: dict[tuple[str, str], EditStats] = {}
    for catalogue in find_every_catalog(locales, domain):
        kept = read_kept_output(catalogue.path).records
        if not kept:
            continue
        for entry in live_entries(load_catalog(catalogue.path)):
            record = kept.get(entry_key(entry.msgctxt, entry.msgid))
            if record is None or entry.msgid_plural:
                continue
            key = (catalogue.language, record.engine)
            row = rows.setdefault(key, EditStats(catalogue.language, record.engine))
            row.machine_entries += 1
            state = state_of(entry)
            if state is EntryState.FUZZY:
                row.fuzzy += 1
            elif state is EntryState.UNTRANSLATED:
                row.untranslated += 1
            else:
                row.reviewed += 1
                row.unchanged += entry.msgstr == record.written
                row.pairs.append((record.written, entry.msgstr))
    for row in rows.values():
        row.chrf, row.ter = score_pairs(row.pairs)
    return [rows[key] for key in sorted(rows, key=lambda pair: (pair[1], pair[0]))]


def score_pairs(pairs: list[tuple[str, str]]) -> tuple[Metric | None, Metric | None]:
    """Corpus chrF and TER of the hypotheses (first) against the references (second),
    with sacrebleu's defaults; None when there is nothing reviewed to score."""
    if not pairs:
        return None, None
    from sacrebleu.metrics import CHRF, TER

    hypotheses = [machine for machine, _ in pairs]
    references = [[reviewed for _, reviewed in pairs]]
    chrf, ter = CHRF(), TER()
    chrf_score = chrf.corpus_score(hypotheses, references)
    ter_score = ter.corpus_score(hypotheses, references)
    return (
        Metric(chrf_score.score, str(chrf.get_signature())),
        Metric(ter_score.score, str(ter.get_signature())),
    )
