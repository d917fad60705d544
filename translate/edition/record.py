"""What each edition was built from, kept beside the catalogues: `LOCALES/<domain>.editions.json`.

`edition build` writes it together with the editions (`base.files.write_files`: all of
them or none), one record per language and format: the article's identity (a digest of
its paragraphs in order, and the template read), the edition's date, the day it was
built, the options that decide what is printed (`--allow-fuzzy`, typography), and per
paragraph (msgctxt and msgid) a digest of the English source and of the text the edition
printed, with its origin (reviewed, machine, English source …), its `file:line` reference
and its first words. `catalog stats` finds it without being told where the editions went,
and both commands compare it with what an edition would print now: a paragraph whose
source changed, one added or removed, a translation that changed or was reviewed since.

Paragraphs of two versions of an article are paired by their order (`difflib`'s
alignment of the sequences of sources): a paragraph between two unchanged ones whose
text differs is the same paragraph, corrected; a changed count of paragraphs there shows
as added or removed ones. That is how an editor reads a revised story, and it needs only
digests, never the old text.

A record that does not read is an error naming the file (docs/editions.md,
"Corrections"): treating it as absent would report every edition "not built" and let the
next build replace the history it holds.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from newsloc.base.errors import UnreadableFile
from newsloc.base.files import PlannedWrite, Snapshot, read_bytes
from newsloc.translate.edition.content import Correction

#: Written in every record so a later newsloc can tell which layout it reads.
FORMAT = "newsloc-editions/1"


def record_path(locales: Path, domain: str) -> Path:
    """`LOCALES/<domain>.editions.json`, beside the template `LOCALES/<domain>.pot`."""
    return locales / f"{domain}.editions.json"


def digest(text: str) -> str:
    """The SHA-256 of a text (UTF-8), as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ParagraphState:
    """One paragraph (catalogue entry) of an edition: its source and what was printed."""

    msgctxt: str | None
    #: Digest of the English source (the msgid).
    source: str
    #: Digest of the text the edition printed for it (translation, or the English source).
    text: str
    #: Where the printed text came from (`content.TextOrigin` value).
    origin: str
    #: `file:line` of its first occurrence in the article.
    reference: str
    lines: tuple[int, ...]
    #: The first words of the English source, to name it in a report.
    starts_with: str


@dataclass(frozen=True)
class EditionRecord:
    """What one edition (a language in a format) was built from."""

    language: str
    format: str
    #: The edition file as written.
    file: str
    #: When it was built (UTC, ISO 8601).
    built: str
    #: The edition's date (ISO), None when it had none.
    date: str | None
    #: Digest of the article: every paragraph's msgctxt and source, in order.
    article: str
    #: The template the catalogue was read against, None without one.
    template: str | None
    allow_fuzzy: bool
    typography: bool
    paragraphs: tuple[ParagraphState, ...]
    #: Every correction note the edition printed, oldest first (each kept in every later
    #: build: a published correction is never withdrawn).
    corrections: tuple[Correction, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.language, self.format)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["paragraphs"] = [{**asdict(p), "lines": list(p.lines)} for p in self.paragraphs]
        data["corrections"] = [
            {**asdict(note), "excerpts": list(note.excerpts), "lines": list(note.lines)}
            for note in self.corrections
        ]
        return data


def article_digest(paragraphs: Iterable[ParagraphState]) -> str:
    return digest("\n".join(f"{p.msgctxt or ''}\x04{p.source}" for p in paragraphs))


class ChangeKind(enum.Enum):
    """How a paragraph differs from the one in the edition as built."""

    SOURCE = "source changed"
    TRANSLATION = "translation changed"
    #: Same text, but reviewed since (or no longer): the edition's marks are wrong.
    REVIEW = "review state changed"
    ADDED = "paragraph added"
    REMOVED = "paragraph removed"

    @property
    def key(self) -> str:
        """The JSON name: `source`, `translation`, `review`, `added`, `removed`."""
        return self.name.lower()

    @property
    def corrects(self) -> bool:
        """Whether the printed words changed (what a correction note reports)."""
        return self is not ChangeKind.REVIEW


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph that differs between an edition as built and as it would be now."""

    kind: ChangeKind
    msgctxt: str | None
    #: `file:line` now (for a removed paragraph: where it was).
    reference: str
    lines: tuple[int, ...]
    starts_with: str

    def as_dict(self) -> dict[str, object]:
        return {
            "change": self.kind.key,
            "reference": self.reference,
            "msgctxt": self.msgctxt,
            "lines": list(self.lines),
            "starts_with": self.starts_with,
        }


def _change(kind: ChangeKind, paragraph: ParagraphState) -> ParagraphChange:
    return ParagraphChange(
        kind, paragraph.msgctxt, paragraph.reference, paragraph.lines, paragraph.starts_with
    )


def _pairs(
    before: Sequence[ParagraphState], now: Sequence[ParagraphState]
) -> Iterator[tuple[str, ParagraphState | None, ParagraphState | None]]:
    """The two versions' paragraphs side by side, in the article's order: `equal` (same
    source), `source` (the same paragraph, corrected), or one side None (removed, added)."""
    matcher = SequenceMatcher(
        None,
        [(p.msgctxt, p.source) for p in before],
        [(p.msgctxt, p.source) for p in now],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = before[i1:i2], now[j1:j2]
        if tag == "equal":
            for was, is_ in zip(old, new, strict=True):
                yield "equal", was, is_
            continue
        # A stretch that differs: the k-th old and new paragraph of the same kind are one
        # paragraph, corrected; the rest were removed or added.
        for k in range(max(len(old), len(new))):
            was_ = old[k] if k < len(old) else None
            new_ = new[k] if k < len(new) else None
            if was_ is not None and new_ is not None and was_.msgctxt == new_.msgctxt:
                yield "source", was_, new_
                continue
            if was_ is not None:
                yield "removed", was_, None
            if new_ is not None:
                yield "added", None, new_


def compare(
    before: Sequence[ParagraphState], now: Sequence[ParagraphState]
) -> list[ParagraphChange]:
    """Every paragraph that differs, in the article's order (see the module's note)."""
    changes: list[ParagraphChange] = []
    for tag, was, is_ in _pairs(before, now):
        if tag == "equal" and was is not None and is_ is not None:
            if was.text != is_.text:
                changes.append(_change(ChangeKind.TRANSLATION, is_))
            elif was.origin != is_.origin:
                changes.append(_change(ChangeKind.REVIEW, is_))
        elif tag == "source" and is_ is not None:
            changes.append(_change(ChangeKind.SOURCE, is_))
        elif tag == "removed" and was is not None:
            changes.append(_change(ChangeKind.REMOVED, was))
        elif is_ is not None:
            changes.append(_change(ChangeKind.ADDED, is_))
    return changes


def follow_lines(before: Sequence[ParagraphState], now: Sequence[ParagraphState]) -> dict[int, int]:
    """Where each line of the earlier version's paragraphs is now: the line of the same
    occurrence of the paragraph it pairs with (see `compare`); a removed one is absent."""
    moved: dict[int, int] = {}
    for _tag, was, is_ in _pairs(before, now):
        if was is not None and is_ is not None and is_.lines:
            for k, line in enumerate(was.lines):
                moved[line] = is_.lines[min(k, len(is_.lines) - 1)]
    return moved


@dataclass(frozen=True)
class Staleness:
    """How an edition as built compares with what it would print now."""

    previous: EditionRecord
    changes: tuple[ParagraphChange, ...]

    @property
    def current(self) -> bool:
        return not self.changes

    def count(self, *kinds: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind in kinds)

    @property
    def source_changes(self) -> int:
        """Paragraphs changed, added or removed in the article."""
        return self.count(ChangeKind.SOURCE, ChangeKind.ADDED, ChangeKind.REMOVED)

    @property
    def translation_changes(self) -> int:
        """Paragraphs whose source is the same but whose translation (or review) changed."""
        return self.count(ChangeKind.TRANSLATION, ChangeKind.REVIEW)

    @property
    def summary(self) -> str:
        """`current`, or `out of date: 2 source, 1 translation`."""
        if self.current:
            return "current"
        parts = []
        if self.source_changes:
            parts.append(f"{self.source_changes} source")
        if self.translation_changes:
            parts.append(f"{self.translation_changes} translation")
        return "out of date: " + ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            "status": "current" if self.current else "out of date",
            "format": self.previous.format,
            "file": self.previous.file,
            "built": self.previous.built,
            "date": self.previous.date,
            "source_changed": self.source_changes,
            "translations_changed": self.translation_changes,
            "changes": [change.as_dict() for change in self.changes],
        }


@dataclass(frozen=True)
class IndexRecord:
    """The index page of a multi-language build in one format: it prints no paragraph of
    the article (only the editions' headlines and links), so it is recorded to say that
    it exists and when it was written, never compared or corrected."""

    format: str
    file: str
    built: str


@dataclass(frozen=True)
class Record:
    """A domain's record as read: every edition's, and the bytes it held."""

    path: Path
    domain: str
    editions: dict[tuple[str, str], EditionRecord]
    snapshot: Snapshot
    data: bytes | None = field(default=None, repr=False)
    #: The index page written in each format, by format name.
    indexes: dict[str, IndexRecord] = field(default_factory=dict)

    def previous(self, language: str, fmt: str) -> EditionRecord | None:
        """The edition of `language` in `fmt` as last built, None when none is recorded
        (each format is an edition of its own: a first Markdown edition corrects nothing,
        whatever the HTML one said)."""
        return self.editions.get((language, fmt))

    def of_language(self, language: str) -> list[EditionRecord]:
        return sorted(
            (r for r in self.editions.values() if r.language == language), key=lambda r: r.format
        )


def _fail(path: Path, reason: str) -> UnreadableFile:
    return UnreadableFile(
        path,
        f"not newsloc's record of built editions ({reason}); move it aside (the next "
        "`newsloc edition build` writes a new one)",
    )


def read_record(locales: Path, domain: str) -> Record:
    """The record of `domain` (no file: no editions), or a one-line UnreadableFile."""
    path = record_path(locales, domain)
    data = read_bytes(path)
    snapshot = Snapshot.of(data)
    if data is None:
        return Record(path, domain, {}, snapshot)
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _fail(
            path, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from None
    except ValueError as exc:
        raise _fail(path, f"not JSON: {exc}") from None
    try:
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        if document.get("domain") != domain:
            raise ValueError(f"its domain is {document.get('domain')!r}, not {domain!r}")
        records = [_edition(item) for item in _list(document["editions"], "editions")]
        indexes = [_index(item) for item in _list(document.get("indexes", []), "indexes")]
    except (ValueError, KeyError, TypeError) as exc:
        raise _fail(path, str(exc)) from None
    return Record(
        path,
        domain,
        {r.key: r for r in records},
        snapshot,
        data,
        indexes={i.format: i for i in indexes},
    )


def _list(value: object, name: str) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"{name!r} is not a list")
    return value


def _index(item: object) -> IndexRecord:
    if not isinstance(item, dict):
        raise ValueError("an index is not an object")
    return IndexRecord(
        format=str(_text(item, "format")),
        file=str(_text(item, "file")),
        built=str(_text(item, "built")),
    )


def _text(item: dict[str, object], name: str, optional: bool = False) -> str | None:
    value = item[name] if not optional else item.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be text")
    return value


def _flag(item: dict[str, object], name: str) -> bool:
    value = item[name]
    if not isinstance(value, bool):
        raise ValueError(f"{name!r} must be true or false")
    return value


def _lines(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in value
    ):
        raise ValueError("'lines' must be a list of numbers")
    return tuple(value)


def _paragraph(item: object) -> ParagraphState:
    if not isinstance(item, dict):
        raise ValueError("a paragraph is not an object")
    return ParagraphState(
        msgctxt=_text(item, "msgctxt", optional=True),
        source=str(_text(item, "source")),
        text=str(_text(item, "text")),
        origin=str(_text(item, "origin")),
        reference=str(_text(item, "reference")),
        lines=_lines(item["lines"]),
        starts_with=str(_text(item, "starts_with")),
    )


def _edition(item: object) -> EditionRecord:
    if not isinstance(item, dict):
        raise ValueError("an edition is not an object")
    paragraphs = _list(item["paragraphs"], "paragraphs")
    return EditionRecord(
        language=str(_text(item, "language")),
        format=str(_text(item, "format")),
        file=str(_text(item, "file")),
        built=str(_text(item, "built")),
        date=_text(item, "date", optional=True),
        article=str(_text(item, "article")),
        template=_text(item, "template", optional=True),
        allow_fuzzy=_flag(item, "allow_fuzzy"),
        typography=_flag(item, "typography"),
        paragraphs=tuple(_paragraph(p) for p in paragraphs),
        corrections=_corrections(item),
    )


def _corrections(item: dict[str, object]) -> tuple[Correction, ...]:
    """The notes an edition printed, oldest first. A record written before every note
    was kept has at most one `correction` object, without its words: it is read as a
    list of one (migrated, never refused), and written back in the new shape."""
    notes = item.get("corrections")
    if notes is None:
        legacy = item.get("correction")
        return () if legacy is None else (_correction(legacy),)
    return tuple(_correction(note) for note in _list(notes, "corrections"))


def _correction(item: object) -> Correction:
    if not isinstance(item, dict):
        raise ValueError("a correction is not an object")
    removed = item.get("removed", 0)
    if not isinstance(removed, int) or isinstance(removed, bool):
        raise ValueError("'removed' must be a number")
    excerpts = item.get("excerpts", [])
    if not isinstance(excerpts, list) or not all(isinstance(e, str) for e in excerpts):
        raise ValueError("'excerpts' must be a list of texts")
    return Correction(
        date_text=str(_text(item, "date_text")),
        excerpts=tuple(excerpts),
        removed=removed,
        lines=_lines(item.get("lines", [])),
    )


def record_text(
    domain: str, editions: Iterable[EditionRecord], indexes: Iterable[IndexRecord] = ()
) -> str:
    """The record's JSON: editions by language and format, readable in a diff."""
    document: dict[str, object] = {
        "format": FORMAT,
        "domain": domain,
        "editions": [e.as_dict() for e in sorted(editions, key=lambda e: e.key)],
    }
    pages = sorted(indexes, key=lambda i: i.format)
    if pages:
        document["indexes"] = [asdict(page) for page in pages]
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def plan_record(
    record: Record,
    built: Iterable[EditionRecord],
    within: Path,
    index: IndexRecord | None = None,
) -> PlannedWrite:
    """The record with `built` (and `index`) in place of the earlier records of the same
    editions; refused at write time if someone changed the file since it was read."""
    editions = dict(record.editions)
    editions.update({r.key: r for r in built})
    indexes = dict(record.indexes)
    if index is not None:
        indexes[index.format] = index
    data = record_text(record.domain, editions.values(), indexes.values()).encode("utf-8")
    return PlannedWrite(record.path, data, record.snapshot, within=within)


def check_written(plan: PlannedWrite, locales: Path, domain: str) -> None:
    """Read the record back after writing: it must read, and hold what was written."""
    again = read_record(locales, domain)
    if again.data != plan.data:
        raise UnreadableFile(
            plan.path, "changed while it was written (another newsloc run?); build again"
        )


def build_time() -> str:
    """Now, UTC, to the second: when a record says an edition was built."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
