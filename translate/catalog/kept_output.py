"""The machine output newsloc wrote into each entry, kept beside the catalogue.

A reviewer edits the `.po`; what the engine first proposed is kept out of their way in a
sidecar file, `OUT/<lang>/LC_MESSAGES/<domain>.mt.json`, so `newsloc quality edits` can
later compare it with the reviewed text (docs/catalogues.md, "Kept machine output").
gettext tools (msgmerge, msgfmt, Poedit, Weblate) read only `.po`/`.pot` files and never
see it. It is written together with its catalogue (`base.files.write_files`): both or
neither.

One record per entry, keyed by msgctxt and msgid: the engine's `describe()` text, the
machine output as the engine gave it, the output after the glossary pass (what went into
the catalogue), and the date it was written. A re-run keeps the records of entries the
catalogue still holds (live or obsolete) and drops those of entries that are gone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from newsloc.base.errors import UnreadableFile
from newsloc.base.files import PlannedWrite, Snapshot, decode_user_text, read_bytes

#: Written in every sidecar so a later newsloc can tell which layout it reads.
FORMAT = "newsloc-machine-output/1"

#: gettext's separator between msgctxt and msgid in a compiled catalogue's keys.
_CONTEXT_SEPARATOR = "\x04"


def sidecar_path(catalogue: Path) -> Path:
    """`…/DOMAIN.po` -> `…/DOMAIN.mt.json`."""
    return catalogue.with_name(f"{catalogue.stem}.mt.json")


def entry_key(msgctxt: str | None, msgid: str) -> str:
    """An entry's key: its msgid, with its msgctxt before it as gettext's `.mo` keys it."""
    return msgid if msgctxt is None else f"{msgctxt}{_CONTEXT_SEPARATOR}{msgid}"


@dataclass(frozen=True)
class MachineRecord:
    """What newsloc wrote into one entry."""

    msgctxt: str | None
    msgid: str
    #: The engine's `describe()`: model, package version, licence.
    engine: str
    #: The engine's output, before the glossary pass.
    machine: str
    #: What went into the catalogue: the output after the glossary pass.
    written: str
    #: ISO date (YYYY-MM-DD) the output was written.
    date: str

    @property
    def key(self) -> str:
        return entry_key(self.msgctxt, self.msgid)


@dataclass(frozen=True)
class KeptOutput:
    """A catalogue's sidecar as read: its records by key, and the bytes it held."""

    path: Path
    records: dict[str, MachineRecord]
    snapshot: Snapshot


def read_kept_output(catalogue: Path) -> KeptOutput:
    """The sidecar of `catalogue` (no file: no records), or a one-line UnreadableFile."""
    path = sidecar_path(catalogue)
    data = read_bytes(path)
    snapshot = Snapshot.of(data)
    if data is None:
        return KeptOutput(path, {}, snapshot)
    try:
        document = json.loads(decode_user_text(path, data))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        records = [_record(item) for item in document["entries"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(
            path,
            f"not newsloc's kept machine output ({exc}); move it aside and run "
            "`newsloc translate` again",
        ) from None
    return KeptOutput(path, {record.key: record for record in records}, snapshot)


def _record(item: object) -> MachineRecord:
    if not isinstance(item, dict):
        raise ValueError("an entry is not an object")
    fields = ("msgid", "engine", "machine", "written", "date")
    values = {name: item[name] for name in fields}
    if not all(isinstance(value, str) for value in values.values()):
        raise ValueError("an entry's fields must be text")
    context = item.get("msgctxt")
    if context is not None and not isinstance(context, str):
        raise ValueError("msgctxt must be text")
    return MachineRecord(msgctxt=context, **values)


def updated_records(
    kept: Mapping[str, MachineRecord],
    catalogue: polib.POFile,
    new: Iterable[MachineRecord],
) -> list[MachineRecord]:
    """The records to keep after a run, in the catalogue's order: this run's, then the
    earlier ones of entries the catalogue still holds (live or obsolete)."""
    fresh = {record.key: record for record in new}
    records = []
    for entry in catalogue:
        key = entry_key(entry.msgctxt, entry.msgid)
        record = fresh.get(key) or kept.get(key)
        if record is not None:
            records.append(record)
    return records


def sidecar_text(records: Iterable[MachineRecord]) -> str:
    """The sidecar's JSON: one object per entry, readable in a diff."""
    document = {"format": FORMAT, "entries": [asdict(record) for record in records]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def plan_sidecar(kept: KeptOutput, records: list[MachineRecord]) -> PlannedWrite | None:
    """The sidecar's write, or None when it would not change (or there is nothing to
    keep and no file). Refused later if someone changed it since it was read."""
    current = read_bytes(kept.path)
    if current is None and not records:
        return None
    data = sidecar_text(records).encode("utf-8")
    if current == data:
        return None
    return PlannedWrite(kept.path, data, kept.snapshot)
