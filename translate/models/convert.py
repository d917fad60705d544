"""Converting an OPUS-MT (Marian) model directory into an installable .argosmodel.

The Argos index has no English→Armenian package, but Helsinki-NLP's OPUS-MT project
publishes one (opus-mt-en-hy, CC-BY 4.0) in Marian's format. CTranslate2's OpusMTConverter
reads it with numpy and PyYAML alone (no torch); newsloc wraps the result as an Argos
package: `sentencepiece.model` is the model's source.spm (Argos encodes with it) and
`target_sentencepiece.model` its target.spm (newsloc's Argos engine decodes with it), and
metadata.json and README.md record where the model came from and under which licence.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from newsloc.base.files import atomic_write_bytes, read_user_text
from newsloc.translate.errors import UserError
from newsloc.translate.models.archive import validate_argosmodel
from newsloc.translate.models.pairs import parse_pair

#: What `--quantization` accepts; "none" keeps the weights as stored (float32).
QUANTIZATIONS = ("int8", "int8_float32", "int16", "float16", "float32", "none")
#: newsloc's convention: the engine decodes with this SentencePiece model when present.
TARGET_SPM = "target_sentencepiece.model"
UNKNOWN_LICENCE = "unknown (not stated in the model directory)"

_LICENCE_LINE = re.compile(r"^\W*licen[cs]e\W*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
#: "* download: [opus-….zip](URL)" (OPUS-MT README) or "* download original weights: …".
_DOWNLOAD_LINK = re.compile(r"^\W*download[^:\n]*:.*?\((https?://[^)\s]+)\)", re.I | re.M)
_KNOWN_LICENCES = (
    ("creative commons attribution 4.0", "CC-BY-4.0"),
    ("apache license", "Apache-2.0"),
    ("mit license", "MIT"),
)


@dataclass(frozen=True)
class BuildResult:
    """The package built (None when it was a scratch file, gone once installed) and what
    it says about itself."""

    archive: Path | None
    metadata: dict
    licence_known: bool


def archive_name(source: str, target: str, version: str = "1.0") -> str:
    """The package file's name: e.g. translate-en_hy-1_0.argosmodel."""
    source, target = parse_pair(f"{source}-{target}")
    return f"translate-{source}_{target}-{version.replace('.', '_')}.argosmodel"


def build_package(
    marian_dir: Path,
    source: str,
    target: str,
    *,
    out: Path | None = None,
    quantization: str = "int8",
    licence: str | None = None,
    origin: str | None = None,
    version: str = "1.0",
) -> BuildResult:
    """Convert `marian_dir` into an .argosmodel at `out` (default: `archive_name` in the
    current folder). Installing it is the installer's job (`store.build_and_install`).
    """
    source, target = parse_pair(f"{source}-{target}")
    if quantization not in QUANTIZATIONS:
        raise UserError(f"--quantization {quantization}: not one of {', '.join(QUANTIZATIONS)}")
    decoder = _check_marian_dir(marian_dir)
    readme = _read_text(marian_dir / "README.md")
    found_licence = licence or _find_licence(marian_dir, readme)
    metadata = _metadata(
        source,
        target,
        version,
        origin or _find_origin(marian_dir, readme),
        found_licence or UNKNOWN_LICENCE,
        quantization,
    )
    name = f"translate-{source}_{target}-{version.replace('.', '_')}"
    archive = out or Path.cwd() / archive_name(source, target, version)
    with tempfile.TemporaryDirectory(prefix="newsloc-build-") as scratch:
        root = Path(scratch) / name
        _convert(marian_dir, decoder, root / "model", quantization)
        shutil.copyfile(marian_dir / "source.spm", root / "sentencepiece.model")
        shutil.copyfile(marian_dir / "target.spm", root / TARGET_SPM)
        (root / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (root / "README.md").write_text(_package_readme(metadata, readme), encoding="utf-8")
        atomic_write_bytes(archive, _zip(root))
    validate_argosmodel(archive)  # what we hand out must pass our own install check
    return BuildResult(archive, metadata, found_licence is not None)


def _check_marian_dir(marian_dir: Path) -> dict:
    """decoder.yml parsed, after checking every file the conversion will read exists."""
    import sentencepiece  # heavy imports wait until a model is really built
    import yaml

    if not marian_dir.is_dir():
        raise UserError(f"{marian_dir}: not a directory (expected an OPUS-MT model directory)")
    decoder_path = marian_dir / "decoder.yml"
    if not decoder_path.is_file():
        raise UserError(f"{marian_dir}: not an OPUS-MT model directory (no decoder.yml)")
    try:
        decoder = yaml.safe_load(read_user_text(decoder_path))
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise UserError(f"{decoder_path}: not valid YAML ({reason})") from exc
    models = decoder.get("models") if isinstance(decoder, dict) else None
    vocabs = decoder.get("vocabs") if isinstance(decoder, dict) else None
    if not (isinstance(models, list) and models and isinstance(vocabs, list) and vocabs):
        raise UserError(f"{decoder_path}: names no models and vocabs (not a Marian decoder.yml)")
    for needed in [models[0], *vocabs, "source.spm", "target.spm"]:
        if not (marian_dir / str(needed)).is_file():
            raise UserError(f"{marian_dir}: {needed} is missing")
    for spm_name in ("source.spm", "target.spm"):
        try:
            sentencepiece.SentencePieceProcessor(model_file=str(marian_dir / spm_name))
        except (RuntimeError, OSError) as exc:
            raise UserError(f"{marian_dir / spm_name}: not a SentencePiece model") from exc
    return decoder


def _convert(marian_dir: Path, decoder: dict, model_dir: Path, quantization: str) -> None:
    # Imported here: the converters pull in 130 ms of modules every `newsloc` start
    # (shell completion included) would otherwise pay for.
    from ctranslate2.converters import OpusMTConverter

    try:
        OpusMTConverter(str(marian_dir)).convert(
            str(model_dir),
            quantization=None if quantization == "none" else quantization,
            force=True,
        )
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise UserError(
            f"{marian_dir / str(decoder['models'][0])}: CTranslate2 cannot convert this model "
            f"({reason})"
        ) from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _find_licence(marian_dir: Path, readme: str) -> str | None:
    """The licence the directory states: a `license:` line in README.md, else LICENSE."""
    match = _LICENCE_LINE.search(readme)
    if match:
        return match.group(1)
    for name in ("LICENSE", "LICENSE.txt", "LICENCE", "LICENSE.md"):
        text = _read_text(marian_dir / name)
        if not text.strip():
            continue
        lowered = " ".join(text.lower().split())
        for needle, spdx in _KNOWN_LICENCES:
            if needle in lowered:
                return spdx
        return f"see {name}: " + text.strip().splitlines()[0].strip()
    return None


def _find_origin(marian_dir: Path, readme: str) -> str:
    """Where the model came from: README's download link, else its title, else the dir."""
    match = _DOWNLOAD_LINK.search(readme)
    if match:
        return match.group(1)
    title = next((ln.lstrip("# ").strip() for ln in readme.splitlines() if ln.startswith("#")), "")
    return f"OPUS-MT model {title}" if title else f"OPUS-MT model directory {marian_dir.name}"


def _language_name(code: str) -> str:
    try:
        return Locale.parse(code).english_name or code
    except (UnknownLocaleError, ValueError):
        return code


def argos_metadata(
    source: str, target: str, version: str, origin: str, licence: str, converted_with: str
) -> dict:
    """The metadata.json fields every package newsloc builds carries, as Argos names them."""
    return {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": source,
        "from_name": _language_name(source),
        "to_code": target,
        "to_name": _language_name(target),
        "type": "translate",
        "links": [],
        "origin": origin,
        "license": licence,
        "converted_with": converted_with,
    }


def _metadata(
    source: str, target: str, version: str, origin: str, licence: str, quantization: str
) -> dict:
    import ctranslate2

    converted_with = (
        f"newsloc models build (CTranslate2 {ctranslate2.__version__} "
        f"OpusMTConverter, quantization {quantization})"
    )
    return {
        **argos_metadata(source, target, version, origin, licence, converted_with),
        "target_sentencepiece": TARGET_SPM,
    }


def _package_readme(metadata: dict, original_readme: str) -> str:
    pair = f"{metadata['from_name']} → {metadata['to_name']}"
    text = (
        f"# {pair} (OPUS-MT, converted for Argos Translate)\n\n"
        f"- Origin: {metadata['origin']}\n"
        f"- Licence: {metadata['license']}\n"
        f"- Built with: {metadata['converted_with']}\n\n"
        "`sentencepiece.model` is the model's source.spm and `target_sentencepiece.model` its "
        "target.spm: OPUS-MT models use a separate SentencePiece model per language, so a "
        "translator must decode with the second one (newsloc's Argos engine does).\n"
    )
    if original_readme.strip():
        text += "\n## The original model's README\n\n" + original_readme.strip() + "\n"
    return text


def _zip(root: Path) -> bytes:
    """The package directory zipped as the archive's one top-level directory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            archive.write(path, Path(root.name) / path.relative_to(root))
    return buffer.getvalue()
