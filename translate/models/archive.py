"""Checking an .argosmodel before anything is extracted, then extracting it safely.

`argostranslate.package.install_from_path` extracts any zip straight into the packages
directory: a foreign zip litters it, a corrupt one leaves half a package, and a crafted one
can write outside it (`../` or absolute member names, "zip slip"). newsloc reads the
archive's table of contents and metadata first and refuses anything that is not one
well-formed Argos translation package.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from babel import Locale, UnknownLocaleError

from newsloc.translate.errors import UserError

_REQUIRED_METADATA = ("from_code", "to_code", "package_version")
_TOKENIZERS = ("sentencepiece.model", "bpe.model")
#: What a package may unpack to: real Argos packages are 30-400 MB, a MADLAD-400 3B
#: package (translate/models/families.py) about 3 GB in int8.
MAX_UNPACKED_BYTES = 6 * 1024**3
#: Unpacked / packed bytes, for the whole archive and for any member over 1 MiB. Model
#: weights barely compress (about 1.1:1) and text a few times; 1 GiB of zeros packs 1000:1.
MAX_RATIO = 50
_RATIO_CHECKED_ABOVE = 1 << 20
_MAX_METADATA_BYTES = 1 << 20
#: Members an archive may have: real packages have a few dozen; zipfile reads the whole
#: table of contents into memory, so the count is checked in the end record before that.
MAX_MEMBERS = 10_000
#: A package_version is shown in tables and compared on every translate: "1.9", "1.0.2b".
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}")
#: Compression methods Python's zipfile reads; 99 (WinZip AES) and others it cannot.
_METHODS = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}
_CODE = re.compile(r"[a-z]{2,3}")
#: The pair in a package directory's name: translate-en_ru-1_9, en_ru.
_PAIR_IN_NAME = re.compile(r"(?:^|[-_.])([a-z]{2,3})_([a-z]{2,3})(?=$|[-_.])")


@dataclass(frozen=True)
class PackageInfo:
    """What a validated .argosmodel holds."""

    #: The one top-level directory, which becomes the installed directory's name.
    top: str
    source: str
    target: str
    version: str
    metadata: dict


def validate_argosmodel(path: Path) -> PackageInfo:
    """Check `path` is one well-formed Argos package; a one-line UserError says what is not."""
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise UserError(f"{path}: not an Argos model (not a zip archive)")
    _check_member_count(path, _announced_members(path))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_member_count(path, len(members))
            check_members(path, members)
            top = _single_top_directory(path, members)
            names = {member.filename.rstrip("/") for member in members}
            metadata = _read_metadata(path, archive, top, names)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise UserError(f"{path}: not an Argos model (damaged zip archive: {exc})") from exc
    if f"{top}/model/model.bin" not in names:
        raise UserError(f"{path}: not an Argos model (no {top}/model/model.bin)")
    if any(m.filename.rstrip("/") == f"{top}/model/model.bin" and m.is_dir() for m in members):
        raise UserError(f"{path}: not an Argos model ({top}/model/model.bin is a folder)")
    if not any(f"{top}/{name}" in names for name in _TOKENIZERS):
        raise UserError(f"{path}: not an Argos model (no {top}/sentencepiece.model or bpe.model)")
    _check_pair(path, top, metadata)
    return PackageInfo(
        top=top,
        source=metadata["from_code"],
        target=metadata["to_code"],
        version=metadata["package_version"],
        metadata=metadata,
    )


def extract(path: Path, into: Path) -> None:
    """Extract a package that `validate_argosmodel` accepted into the directory `into`."""
    try:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(into)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UserError(f"{path}: not an Argos model (damaged zip archive: {exc})") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot extract into {into} ({exc.strerror or exc})") from exc


def check_model_loads(path: Path, package: Path) -> None:
    """Load the extracted package's model with CTranslate2, as translation will: a
    `model.bin` that is garbage, empty or cut short is refused before it replaces
    anything. One-line UserError naming the archive."""
    import ctranslate2  # heavy: only when a package is really installed

    try:
        translator = ctranslate2.Translator(str(package / "model"), device="cpu")
    except (RuntimeError, ValueError, OSError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise UserError(
            f"{path}: not an Argos model (its model does not load: {reason}); nothing installed"
        ) from None
    del translator


def _check_member_count(path: Path, count: int | None) -> None:
    if count is not None and count > MAX_MEMBERS:
        raise UserError(
            f"{path}: not an Argos model ({count} members, more than the {MAX_MEMBERS} "
            "newsloc accepts)"
        )


def _announced_members(path: Path) -> int | None:
    """The member count the zip's end record announces (zip64 too), read without reading
    the table of contents; None when it cannot be found (zipfile will then say why)."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            tail_start = max(0, size - (22 + 0xFFFF + 20))
            handle.seek(tail_start)
            tail = handle.read()
            end = tail.rfind(b"PK\x05\x06")
            if end < 0 or len(tail) < end + 22:
                return None
            count = int.from_bytes(tail[end + 10 : end + 12], "little")
            locator = end - 20
            if count == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
                offset = int.from_bytes(tail[locator + 8 : locator + 16], "little")
                handle.seek(offset)
                record = handle.read(56)
                if len(record) == 56 and record[:4] == b"PK\x06\x06":
                    count = int.from_bytes(record[32:40], "little")
            return count
    except OSError:
        return None


def check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse what cannot or must not be unpacked: encrypted or exotic members, a member
    named twice, and archives that unpack far bigger than any model (zip bombs)."""
    seen: set[str] = set()
    packed = unpacked = 0
    for member in members:
        name = member.filename
        if member.flag_bits & 0x1:
            raise UserError(f"{path}: member {name!r} is encrypted; newsloc reads open zips only")
        if member.compress_type not in _METHODS:
            raise UserError(
                f"{path}: member {name!r} uses compression method {member.compress_type}, "
                f"which newsloc cannot read (only {', '.join(_METHODS.values())})"
            )
        key = name.rstrip("/")
        if key in seen:
            raise UserError(f"{path}: member {name!r} appears twice; which one is meant?")
        seen.add(key)
        packed += member.compress_size
        unpacked += member.file_size
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECKED_ABOVE and ratio > MAX_RATIO:
            raise UserError(
                f"{path}: member {name!r} unpacks {ratio} times its packed size (more than "
                f"{MAX_RATIO}×): refused as a zip bomb"
            )
    if unpacked > MAX_UNPACKED_BYTES:
        raise UserError(
            f"{path}: unpacks to {unpacked} bytes, more than newsloc accepts "
            f"({MAX_UNPACKED_BYTES}); refused"
        )
    if unpacked > _RATIO_CHECKED_ABOVE and unpacked > MAX_RATIO * max(packed, 1):
        raise UserError(
            f"{path}: unpacks {unpacked // max(packed, 1)} times its size (more than "
            f"{MAX_RATIO}×): refused as a zip bomb"
        )


def _check_pair(path: Path, top: str, metadata: dict) -> None:
    """The metadata must name two real, different languages, and the pair its folder says."""
    source, target = metadata["from_code"], metadata["to_code"]
    for key in ("from_code", "to_code"):
        code = metadata[key]
        if not _CODE.fullmatch(code) or not _known_language(code):
            raise UserError(f"{path}: metadata.json {key} {code!r} is not a language code")
    if source == target:
        raise UserError(f"{path}: metadata.json translates {source!r} into itself")
    named = _PAIR_IN_NAME.search(top)
    if named and (named.group(1), named.group(2)) != (source, target):
        raise UserError(
            f"{path}: metadata.json says {source}→{target} but the package folder {top!r} is "
            f"{named.group(1)}→{named.group(2)}; refused (it would replace another model)"
        )


def _known_language(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _single_top_directory(path: Path, members: list[zipfile.ZipInfo]) -> str:
    """The archive's one top-level directory, after refusing unsafe member names."""
    tops = set()
    for member in members:
        name = member.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
            raise UserError(f"{path}: unsafe archive, member {member.filename!r} points outside it")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise UserError(f"{path}: unsafe archive, member {member.filename!r} is a symlink")
        if parts:
            tops.add(parts[0])
        if len(parts) == 1 and not member.is_dir():
            raise UserError(
                f"{path}: not an Argos model (file {member.filename!r} lies outside a package "
                "directory)"
            )
    if len(tops) != 1:
        shown = ", ".join(sorted(tops)[:3]) or "nothing"
        raise UserError(
            f"{path}: not an Argos model (expected one top-level directory, found {shown})"
        )
    top = tops.pop()
    if top.startswith(".") or top in {".", ""}:
        raise UserError(f"{path}: not an Argos model (top-level directory {top!r} is hidden)")
    return top


def _read_metadata(path: Path, archive: zipfile.ZipFile, top: str, names: set[str]) -> dict:
    member = f"{top}/metadata.json"
    if member not in names:
        raise UserError(f"{path}: not an Argos model (no {member})")
    try:
        info = archive.getinfo(member)
    except KeyError:  # only `metadata.json/`, a folder
        raise UserError(f"{path}: {member} is a folder, not package metadata") from None
    if info.file_size > _MAX_METADATA_BYTES:
        raise UserError(f"{path}: {member} is larger than 1 MiB; not package metadata")
    try:
        metadata = json.loads(archive.read(member))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: {member} is not valid JSON ({exc})") from exc
    except RecursionError:
        raise UserError(f"{path}: {member} is nested too deeply") from None
    if not isinstance(metadata, dict):
        raise UserError(f"{path}: {member} is not a JSON object")
    for key in _REQUIRED_METADATA:
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise UserError(f"{path}: {member} has no {key}")
    if not _VERSION.fullmatch(metadata["package_version"]):
        raise UserError(
            f"{path}: {member} package_version {metadata['package_version']!r:.60} is not a "
            "version (at most 40 letters, digits and . + _ -)"
        )
    if metadata.get("type", "translate") != "translate":
        raise UserError(
            f"{path}: a {metadata['type']!r} package, not a translation model; newsloc installs "
            "translation models only"
        )
    return metadata
