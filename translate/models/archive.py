"""Checking an .argosmodel before anything is extracted, then extracting it safely.

`argostranslate.package.install_from_path` extracts any zip straight into the packages
directory: a foreign zip litters it, a corrupt one leaves half a package, and a crafted one
can write outside it (`../` or absolute member names, "zip slip"). newsloc reads the
archive's table of contents and metadata first and refuses anything that is not one
well-formed Argos translation package.
"""

from __future__ import annotations

import json
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from newsloc.translate.errors import UserError

_REQUIRED_METADATA = ("from_code", "to_code", "package_version")
_TOKENIZERS = ("sentencepiece.model", "bpe.model")


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
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            top = _single_top_directory(path, members)
            names = {member.filename.rstrip("/") for member in members}
            metadata = _read_metadata(path, archive, top, names)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise UserError(f"{path}: not an Argos model (damaged zip archive: {exc})") from exc
    if f"{top}/model/model.bin" not in names:
        raise UserError(f"{path}: not an Argos model (no {top}/model/model.bin)")
    if not any(f"{top}/{name}" in names for name in _TOKENIZERS):
        raise UserError(f"{path}: not an Argos model (no {top}/sentencepiece.model or bpe.model)")
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
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UserError(f"{path}: not an Argos model (damaged zip archive: {exc})") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot extract into {into} ({exc.strerror or exc})") from exc


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
        metadata = json.loads(archive.read(member))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: {member} is not valid JSON ({exc})") from exc
    if not isinstance(metadata, dict):
        raise UserError(f"{path}: {member} is not a JSON object")
    for key in _REQUIRED_METADATA:
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise UserError(f"{path}: {member} has no {key}")
    if metadata.get("type", "translate") != "translate":
        raise UserError(
            f"{path}: a {metadata['type']!r} package, not a translation model; newsloc installs "
            "translation models only"
        )
    return metadata
