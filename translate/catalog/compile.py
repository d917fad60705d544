"""Compiling reviewed catalogues to `.mo` files that gettext programs load.

Like GNU msgfmt without `--use-fuzzy`, only reviewed entries go into the `.mo`: fuzzy
(machine, unreviewed) and untranslated entries are left out, so a program shows the
source text rather than an unchecked translation. Each `.mo` lands next to its `.po`,
written atomically.

The `.mo` is laid out as GNU msgfmt lays it out (magic, revision 0, the sorted key and
value tables, the strings), without the optional hash table (as Python's own msgfmt.py):
`msgunfmt` and every gettext reader read it alike. It is written here, with one join,
because polib's `to_binary` and Babel's `write_mo` both grow their string tables by
repeated bytes concatenation (quadratic: 40,000 entries took 15 s) and both take an
empty context (`msgctxt ""`) for no context, which msgfmt keeps apart.
"""

from __future__ import annotations

import struct
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from newsloc.base.files import PlannedWrite, write_files
from newsloc.translate.catalog.discovery import find_every_catalog
from newsloc.translate.catalog.entry_state import EntryState, live_entries, state_of
from newsloc.translate.catalog.storage import load_catalog

#: The magic number of a `.mo` file, written in the machine's byte order as msgfmt does.
MO_MAGIC = 0x950412DE


@dataclass(frozen=True)
class CompiledCatalog:
    """What went into one `.mo` and what was left out."""

    language: str
    po_path: str
    mo_path: str
    compiled: int
    skipped_fuzzy: int
    skipped_untranslated: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def compile_catalogs(locales: Path, domain: str | None = None) -> list[CompiledCatalog]:
    """Write `<domain>.mo` beside every language's `<domain>.po`; report the counts.

    Every catalogue is read (strictly: UTF-8, no NUL) and compiled before any `.mo` is
    written, and the `.mo` files are written together (`fileio.write_files`), so one
    malformed catalogue or a full disk leaves no mix of new and stale `.mo` files behind.
    """
    catalogs = [(found, load_catalog(found.path)) for found in find_every_catalog(locales, domain)]
    results: list[CompiledCatalog] = []
    writes: list[PlannedWrite] = []
    for found, catalog in catalogs:
        mo_path = found.path.with_suffix(".mo")
        compiled = compiled_entries(catalog)
        writes.append(PlannedWrite(mo_path, mo_bytes(catalog, compiled)))
        states = [state_of(entry) for entry in live_entries(catalog)]
        results.append(
            CompiledCatalog(
                language=found.language,
                po_path=str(found.path),
                mo_path=str(mo_path),
                compiled=len(compiled),
                skipped_fuzzy=states.count(EntryState.FUZZY),
                skipped_untranslated=states.count(EntryState.UNTRANSLATED),
            )
        )
    write_files(writes, within=locales)
    return results


def compiled_entries(catalog: polib.POFile) -> list[polib.POEntry]:
    """The entries msgfmt (without `--use-fuzzy`) puts in a `.mo`: live, not fuzzy, and
    translated (for a plural entry: its first form, the one msgfmt looks at)."""
    return [
        entry for entry in catalog if not entry.obsolete and state_of(entry) is EntryState.REVIEWED
    ]


def _key(entry: polib.POEntry) -> str:
    """The original string as a `.mo` stores it: `context EOT msgid [NUL msgid_plural]`;
    an empty context is a context (`msgctxt ""` and no msgctxt are two entries)."""
    key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    return key if not entry.msgid_plural else f"{key}\x00{entry.msgid_plural}"


def _value(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return "\x00".join(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return entry.msgstr


def mo_bytes(catalog: polib.POFile, entries: list[polib.POEntry]) -> bytes:
    """The `.mo` file holding the header and `entries`, keys in byte order (linear)."""
    header = "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items())
    pairs = sorted(
        [(b"", header.encode())] * bool(catalog.metadata)  # no header entry, none written
        + [(_key(entry).encode(), _value(entry).encode()) for entry in entries]
    )
    count = len(pairs)
    keys_start = 7 * 4 + 16 * count
    values_start = keys_start + sum(len(key) + 1 for key, _ in pairs)
    key_table: list[int] = []
    value_table: list[int] = []
    key_at, value_at = keys_start, values_start
    for key, value in pairs:
        key_table += (len(key), key_at)
        value_table += (len(value), value_at)
        key_at += len(key) + 1
        value_at += len(value) + 1
    return b"".join(
        [
            struct.pack("=7I", MO_MAGIC, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, keys_start),
            struct.pack(f"={4 * count}I", *key_table, *value_table),
            *(key + b"\x00" for key, _ in pairs),
            *(value + b"\x00" for _, value in pairs),
        ]
    )
