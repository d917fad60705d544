"""Models the Argos index lacks, built from Helsinki-NLP's OPUS-MT releases on install.

The Argos package index has no English→Armenian package. The Hugging Face model card
Helsinki-NLP/opus-mt-en-hy names its "original weights": the Marian release zip
`opus-2020-06-16.zip` of the Tatoeba-Challenge model eng-hye (transformer-align,
SentencePiece 4k+4k). `newsloc models install hy` downloads that zip, checks it (size,
zip structure, the files a Marian model needs), unpacks it into a scratch folder and
converts it with `models build`, recording the release URL, the model card and the licence.

A newsroom without access to the release server sets NEWSLOC_OPUS_MT_MIRROR to a folder
(http(s) or file://) laid out like it (`<mirror>/eng-hye/opus-2020-06-16.zip`), or to the
zip's own URL.
"""

from __future__ import annotations

import os
import shutil
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from newsloc.translate.errors import UserError
from newsloc.translate.models.archive import check_members
from newsloc.translate.models.fetch import Progress, download_file

MIRROR_ENV = "NEWSLOC_OPUS_MT_MIRROR"
#: The files converting a Marian model needs (decoder.yml names the model and vocabulary).
_NEEDED = ("decoder.yml", "source.spm", "target.spm")


@dataclass(frozen=True)
class OpusMtRelease:
    """One OPUS-MT release zip newsloc knows how to turn into an Argos package."""

    source: str
    target: str
    #: The zip's path under the release server (and under a mirror).
    path: str
    base: str
    model_card: str
    #: The licence the release states (its LICENSE file is preferred when present).
    licence: str
    #: Bytes and SHA-256 of the zip when known; checked as the download arrives.
    size: int | None = None
    sha256: str | None = None

    @property
    def name(self) -> str:
        """E.g. "OPUS-MT eng-hye opus-2020-06-16"."""
        folder, _, zip_name = self.path.rpartition("/")
        return f"OPUS-MT {folder} {zip_name.removesuffix('.zip')}"


RELEASES = {
    ("en", "hy"): OpusMtRelease(
        source="en",
        target="hy",
        path="eng-hye/opus-2020-06-16.zip",
        base="https://object.pouta.csc.fi/Tatoeba-MT-models/",
        model_card="https://huggingface.co/Helsinki-NLP/opus-mt-en-hy",
        licence="CC-BY-4.0",
    ),
}


def release_for(source: str, target: str) -> OpusMtRelease | None:
    """The OPUS-MT release newsloc builds source→target from, or None."""
    return RELEASES.get((source, target))


def release_url(release: OpusMtRelease) -> str:
    """Where to download the zip: the mirror when NEWSLOC_OPUS_MT_MIRROR is set."""
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if not mirror:
        return release.base + release.path
    if mirror.endswith(".zip"):
        return mirror
    return mirror.rstrip("/") + "/" + release.path


def download_release(
    release: OpusMtRelease, url: str, scratch: Path, progress: Progress | None = None
) -> Path:
    """Download the release zip into `scratch` and unpack it there; returns the model folder."""
    archive = scratch / PurePosixPath(release.path).name
    download_file(url, archive, release.name, progress, size=release.size, sha256=release.sha256)
    return unpack_release(archive, scratch / "marian", url)


def unpack_release(archive: Path, into: Path, url: str | None = None) -> Path:
    """Check an OPUS-MT zip and unpack it into `into`; returns the folder with decoder.yml.

    Real releases hold their files at the top (decoder.yml, *.npz, *.vocab.yml, source.spm,
    target.spm, README.md, LICENSE); one enclosing folder is accepted too.
    """
    named = url or str(archive)
    if not zipfile.is_zipfile(archive):
        raise UserError(f"{named}: not an OPUS-MT release (not a zip archive)")
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            check_members(archive, members)
            names = [_safe_name(named, member) for member in members]
            root = _model_root(named, names)
            zipped.extractall(into)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        shutil.rmtree(into, ignore_errors=True)
        raise UserError(f"{named}: not an OPUS-MT release (damaged zip: {exc})") from exc
    return into / root if root else into


def _safe_name(named: str, member: zipfile.ZipInfo) -> str:
    name = member.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
        raise UserError(f"{named}: unsafe archive, member {member.filename!r} points outside it")
    if (member.external_attr >> 16) & 0o170000 == 0o120000:
        raise UserError(f"{named}: unsafe archive, member {member.filename!r} is a symlink")
    return name.rstrip("/")


def _model_root(named: str, names: list[str]) -> str:
    """ "" when decoder.yml is at the top, else its one enclosing folder; checks the files."""
    decoders = [name for name in names if PurePosixPath(name).name == "decoder.yml"]
    roots = {str(PurePosixPath(name).parent) for name in decoders}
    roots = {"" if root == "." else root for root in roots}
    if len(roots) != 1 or next(iter(roots)).count("/") > 0:
        raise UserError(
            f"{named}: not an OPUS-MT release (expected one decoder.yml at the top or in one "
            "folder)"
        )
    root = roots.pop()
    prefix = f"{root}/" if root else ""
    inside = {name[len(prefix) :] for name in names if name.startswith(prefix)}
    missing = [name for name in _NEEDED if name not in inside]
    if not any(name.endswith(".npz") for name in inside):
        missing.append("a model .npz")
    if not any(name.endswith(".vocab.yml") for name in inside):
        missing.append("a .vocab.yml")
    if missing:
        raise UserError(f"{named}: not an OPUS-MT release (no {', '.join(missing)})")
    return root


#: Called once the download is unpacked, before the conversion starts (it shows progress).
BuildStarted = Callable[[OpusMtRelease], None]
