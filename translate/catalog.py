"""gettext catalogues: the .pot template, per-language .po files, and merging without loss.

polib reads and writes the files (Babel's writer drops custom `X-` headers on a round
trip); Babel supplies plural forms. Merging follows `msgmerge` / `pybabel update`: a
translation someone made is never lost. Conventions: docs/catalogues.md.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import polib
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange.pofile import WRAP_WIDTH, read_catalogue
from newsloc.glossary.exchange.review import (
    plural_forms,  # one Plural-Forms rule for every catalogue
)
from newsloc.glossary.fileio import atomic_write_text
from newsloc.translate import __version__
from newsloc.translate.errors import UserError
from newsloc.translate.segment import Unit

#: How similar an old msgid must be to count as "the same paragraph, changed a little";
#: GNU msgmerge's fuzzy threshold is the same 0.6.
FUZZY_THRESHOLD = 0.6

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_FORMAT = "%Y-%m-%d %H:%M%z"


def catalog_path(out: Path, domain: str, language: str | None) -> Path:
    """Where the template (language None) or a language's catalogue lives."""
    if language is None:
        return out / f"{domain}.pot"
    return out / language / "LC_MESSAGES" / f"{domain}.po"


def timestamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now().astimezone()).strftime(_DATE_FORMAT)


def parse_date(value: str, where: str) -> date:
    """An ISO `YYYY-MM-DD` date; `where` names the option or file for the error."""
    text = value.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def new_catalog(
    *,
    domain: str,
    source: str,
    article_date: date,
    language: str | None,
    created: str,
    english_name: str = "",
) -> polib.POFile:
    """An empty catalogue with every header reviewers' tools expect."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    what = f"{english_name} translation" if language else "Template"
    po.header = f"{what} of {source}, made with newsloc. Review it in Poedit or Weblate."
    po.metadata = {
        "Project-Id-Version": domain,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": "",
        "Language-Team": f"{english_name} <>" if language else "",
        "Language": language or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(language) if language else "",
        "X-Generator": f"newsloc {__version__}",
        "X-Newsloc-Source": source,
        "X-Newsloc-Date": article_date.isoformat(),
    }
    if not language:  # a template has no language and no plural rule yet
        del po.metadata["Plural-Forms"]
    return po


def template_entries(units: Sequence[Unit], source: str) -> list[polib.POEntry]:
    """One entry per distinct paragraph, in document order, with every occurrence."""
    entries = []
    for unit in units:
        entry = polib.POEntry(
            msgid=unit.text,
            msgstr="",
            occurrences=[(source, str(line)) for line in unit.lines],
        )
        if unit.kind != "body":
            entry.comment = f"{unit.kind}: keep the name as written"
        entries.append(entry)
    return entries


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
    by_msgid = {e.msgid: e for e in old_live + old_obsolete if not e.msgctxt}
    used: set[int] = set()

    exact_ids = {t.msgid for t in template}
    for item in template:
        old = by_msgid.get(item.msgid)
        if old is not None:
            used.add(id(old))
            po.append(_carry_over(old, item))
            report.kept += 1
            continue
        candidates = [
            e for e in old_live if e.msgstr and id(e) not in used and e.msgid not in exact_ids
        ]
        similar = _most_similar(item.msgid, candidates)
        if similar is not None:
            used.add(id(similar))
            po.append(_changed(similar, item))
            report.changed += 1
        else:
            fresh = _copy_entry(item)
            po.append(fresh)
            report.new.append(fresh)

    for old in old_live + old_obsolete:
        if id(old) not in used and old.msgstr:  # an untranslated entry has nothing to keep
            gone = _copy_entry(old)
            gone.obsolete = True
            gone.occurrences = []
            po.append(gone)
            report.obsolete += 0 if old.obsolete else 1
    return po, report


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


def _carry_over(old: polib.POEntry, item: polib.POEntry) -> polib.POEntry:
    entry = _copy_entry(old)
    entry.obsolete = False
    entry.occurrences = list(item.occurrences)
    entry.comment = item.comment
    return entry


def _changed(old: polib.POEntry, item: polib.POEntry) -> polib.POEntry:
    entry = _carry_over(old, item)
    entry.msgid = item.msgid
    entry.previous_msgid = old.msgid  # kept even when the old one was fuzzy machine output
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
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


def load_catalog(path: Path) -> polib.POFile:
    """Read a .po/.pot file strictly (`glossary.exchange.pofile`), or a one-line UserError."""
    if not path.exists():
        raise UserError(f"{path}: no such catalogue")
    try:
        return read_catalogue(path)
    except GlossaryError as exc:
        raise UserError(str(exc)) from None


_VOLATILE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


def save_catalog(po: polib.POFile, path: Path) -> bool:
    """Write atomically; leave the file untouched when only the timestamps would change.

    Returns whether the file was written.
    """
    text = str(po)
    if not text.endswith("\n"):
        text += "\n"
    if path.exists():
        old = path.read_text(encoding="utf-8", errors="replace")
        if _VOLATILE.sub("", old) == _VOLATILE.sub("", text):
            return False
    atomic_write_text(path, text)
    return True
