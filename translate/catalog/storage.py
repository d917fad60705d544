"""Catalogue storage: where catalogues live on disk, strict reading, and atomic, quiet writing
(the file primitives themselves are `newsloc.base.files`)."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import polib

from newsloc.base.files import PlannedWrite, Snapshot, read_bytes, write_files
from newsloc.base.po.conventions import read_catalogue_with_bytes, snapshot_of
from newsloc.base.po.writer import format_catalogue, format_catalogue_bytes
from newsloc.translate.errors import UserError


def catalog_path(out: Path, domain: str, language: str | None) -> Path:
    """Where the template (language None) or a language's catalogue lives."""
    if language is None:
        return out / f"{domain}.pot"
    return out / language / "LC_MESSAGES" / f"{domain}.po"


def load_catalog(path: Path) -> polib.POFile:
    """Read a .po/.pot file strictly (`glossary.gettext`), or a one-line UserError."""
    return load_catalog_with_bytes(path)[0]


def load_catalog_with_bytes(path: Path) -> tuple[polib.POFile, bytes]:
    """`load_catalog` and the bytes it read (one read, so the two always agree)."""
    if not path.exists():
        raise UserError(f"{path}: no such catalogue")
    po, data = read_catalogue_with_bytes(path)
    _share_strings(po)
    return po, data


def _share_strings(po: polib.POFile) -> None:
    """One copy of each msgid, extracted comment and reference file name however many
    catalogues hold it: `translate` reads a .pot and a .po per language whose entries
    repeat these (the glossary notes of every language are in every file), and a
    50,000-paragraph run held four copies of each."""
    intern = sys.intern
    for entry in po:
        entry.msgid = intern(entry.msgid)
        entry.comment = intern(entry.comment)
        entry.occurrences = [(intern(name), line) for name, line in entry.occurrences]


_VOLATILE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


def catalog_text(po: polib.POFile) -> str:
    """The catalogue as GNU msgcat would write it (`glossary.po_format`)."""
    return format_catalogue(po)


def same_but_dates(old: str, new: str) -> bool:
    """True when only the creation and revision dates differ."""
    return _VOLATILE.sub("", old) == _VOLATILE.sub("", new)


_VOLATILE_BYTES = re.compile(_VOLATILE.pattern.encode("ascii"), re.MULTILINE)


def _digest_but_dates(data: bytes) -> bytes:
    """A digest of the bytes outside the date lines, read in place (no copy of the file:
    a 50,000-entry catalogue is tens of megabytes, and translate holds several)."""
    digest = hashlib.blake2b()
    view, at = memoryview(data), 0
    for found in _VOLATILE_BYTES.finditer(data):
        digest.update(view[at : found.start()])
        at = found.end()
    digest.update(view[at:])
    return digest.digest()


def same_bytes_but_dates(old: bytes, new: bytes) -> bool:
    """`same_but_dates` on encoded files."""
    return _digest_but_dates(old) == _digest_but_dates(new)


def plan_save(
    po: polib.POFile, path: Path, existing: polib.POFile | None = None, text: str | None = None
) -> PlannedWrite | None:
    """What saving `po` to `path` writes, or None when only the timestamps would change.

    `existing` is the catalogue as read from `path` earlier: the write is refused later if
    the file no longer holds what was read (`fileio.WriteConflict`), so no save is lost.
    `text` is `po` already formatted, when the caller has it.
    """
    data = format_catalogue_bytes(po) if text is None else text.encode("utf-8")
    if b"\x00" in data:  # the strict reader (and msgfmt) could not read it back
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise UserError(
            f"{path}:{line}: would hold a NUL character, which a catalogue cannot hold; "
            "nothing was written"
        )
    current = read_bytes(path)
    if current is not None and same_bytes_but_dates(current, data):
        return None
    expected = snapshot_of(existing) if existing is not None else None
    return PlannedWrite(path, data, expected or Snapshot.of(current))


def save_catalog(po: polib.POFile, path: Path, existing: polib.POFile | None = None) -> bool:
    """Write atomically; leave the file untouched when only the timestamps would change.

    Returns whether the file was written.
    """
    plan = plan_save(po, path, existing)
    if plan is None:
        return False
    write_files([plan])
    return True
