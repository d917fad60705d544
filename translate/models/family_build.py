"""Packaging a multilingual CTranslate2 model (NLLB-200, M2M-100, MADLAD-400) per pair.

The input is a CTranslate2 conversion (model.bin, config.json, the vocabulary and the
family's SentencePiece model, as `ct2-transformers-converter --copy_files …` writes it), or,
when the optional `transformers` extra is installed, the original Hugging Face model
directory, which is converted here first. The output is the same Argos-style package
`newsloc models build` makes from OPUS-MT: one top-level folder holding `model/`,
`sentencepiece.model`, `metadata.json` and `README.md`. metadata.json records the family,
its licence and the tokens that pick the languages (see translate/models/families.py).

`install_family` fetches a conversion from a mirror (`--mirror` or NEWSLOC_MODEL_MIRROR; a
folder, http(s) or file://, holding `<family>/model.bin`, `<family>/config.json`,
`<family>/shared_vocabulary.json` and `<family>/<tokenizer file>`), then packages and
installs it for each language, the languages sharing one copy of the weights on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsloc.translate.errors import UserError
from newsloc.translate.models.archive import validate_argosmodel
from newsloc.translate.models.convert import argos_metadata
from newsloc.translate.models.families import Family, check_licence
from newsloc.translate.models.fetch import FetchError, Progress, download_file
from newsloc.translate.models.pairs import format_pair, parse_pair
from newsloc.translate.models.store import InstallResult, install_file

MIRROR_ENV = "NEWSLOC_MODEL_MIRROR"
#: The vocabulary file names a CTranslate2 conversion may have, in the order tried.
VOCABULARIES = ("shared_vocabulary.json", "shared_vocabulary.txt")
#: Model files are large (MADLAD-400 3B in int8 is about 3 GB).
MAX_MODEL_BYTES = 8 * 1024**3
_SMALL_FILE_BYTES = 64 * 1024**2
#: SentencePiece file names a conversion may carry when the family's usual one is missing.
_TOKENIZER_NAMES = ("sentencepiece.bpe.model", "spiece.model", "sentencepiece.model")

#: Called with a file's name before it downloads; may return a progress callback.
FileStarted = Callable[[str, int | None], Progress | None]


@dataclass(frozen=True)
class FamilyBuild:
    """The package built, its metadata, and the install when one was asked."""

    archive: Path | None
    metadata: dict
    installed: InstallResult | None


def build_family_package(
    model_dir: Path,
    family: Family,
    source: str,
    target: str,
    *,
    accepted_licence: str | None = None,
    out: Path | None = None,
    install: bool = False,
    quantization: str = "int8",
    origin: str | None = None,
    version: str = "1.0",
) -> FamilyBuild:
    """Package `model_dir` (a CTranslate2 conversion or a Hugging Face model) for one pair."""
    source, target = parse_pair(f"{source}-{target}")
    check_licence(
        family.licence,
        family.title,
        accepted_licence,
        "nothing installed" if install else "nothing built",
    )
    prefix = family.source_prefix(source, target)
    suffix = family.source_suffix()
    target_prefix = family.target_prefix(target)
    if not model_dir.is_dir():
        raise UserError(f"{model_dir}: not a directory (expected a {family.title} model)")
    with tempfile.TemporaryDirectory(prefix="newsloc-family-") as scratch:
        converted = _ctranslate2_dir(model_dir, family, Path(scratch) / "converted", quantization)
        tokenizer = _tokenizer_file(converted, model_dir, family)
        _check_vocabulary(converted, family, [*prefix, *suffix, *target_prefix])
        metadata = _metadata(
            family,
            source,
            target,
            version,
            origin or f"{model_dir.name} ({family.original})",
            prefix,
            suffix,
            target_prefix,
        )
        name = package_folder(family, source, target, version)
        root = Path(scratch) / name
        (root / "model").mkdir(parents=True)
        for path in converted.iterdir():
            if path.is_file() and (path.name == "model.bin" or path.suffix in (".json", ".txt")):
                _link_or_copy(path, root / "model" / path.name)
        _link_or_copy(tokenizer, root / "sentencepiece.model")
        (root / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (root / "README.md").write_text(_readme(family, metadata), encoding="utf-8")
        archive = out or (Path(scratch) if install else Path.cwd()) / f"{name}.argosmodel"
        _zip(root, archive)
        validate_argosmodel(archive)  # what we hand out must pass our own install check
        installed = install_file(archive) if install else None
    kept = archive if out or not install else None
    return FamilyBuild(kept, metadata, installed)


def package_folder(family: Family, source: str, target: str, version: str) -> str:
    """E.g. translate-en_hy-nllb-600m-1_0 (the pair first, as Argos names packages)."""
    tag = family.name.replace(".", "_")
    return f"translate-{source}_{target}-{tag}-{version.replace('.', '_')}"


def mirror_base(mirror: str | None) -> str:
    """The mirror to fetch conversions from: --mirror, else NEWSLOC_MODEL_MIRROR."""
    base = (mirror or os.environ.get(MIRROR_ENV, "")).strip()
    if not base:
        raise UserError(
            "no mirror for model families: set NEWSLOC_MODEL_MIRROR or --mirror to a folder "
            "(http(s):// or file://) holding FAMILY/model.bin, FAMILY/config.json, "
            "FAMILY/shared_vocabulary.json and the SentencePiece model; make one with "
            "ct2-transformers-converter (see docs/models.md), or package a local conversion "
            "with: newsloc models build DIR --family FAMILY --to LANG --install"
        )
    if "://" not in base:
        base = Path(base).expanduser().resolve().as_uri()
    return base.rstrip("/") + "/"


def install_family(
    languages: list[str],
    family: Family,
    *,
    accepted_licence: str | None = None,
    mirror: str | None = None,
    on_file: FileStarted | None = None,
) -> list[InstallResult]:
    """Fetch the family's conversion from the mirror once and install it for each pair."""
    pairs = list(dict.fromkeys(parse_pair(language) for language in languages))
    if not pairs:
        raise UserError("name at least one language to install, e.g. newsloc models install az")
    check_licence(family.licence, family.title, accepted_licence, "nothing installed")
    for source, target in pairs:  # every language checked before anything is downloaded
        family.source_prefix(source, target)
        family.target_prefix(target)
    base = mirror_base(mirror) + family.name + "/"
    with tempfile.TemporaryDirectory(prefix="newsloc-family-download-") as scratch:
        folder = Path(scratch) / family.name
        folder.mkdir()
        _download(base, "model.bin", folder, MAX_MODEL_BYTES, on_file)
        _download(base, "config.json", folder, _SMALL_FILE_BYTES, on_file)
        _download_first(base, VOCABULARIES, folder, on_file)
        _download_first(
            base, dict.fromkeys((family.tokenizer_file, *_TOKENIZER_NAMES)), folder, on_file
        )
        results = []
        for source, target in pairs:
            try:
                built = build_family_package(
                    folder,
                    family,
                    source,
                    target,
                    accepted_licence=accepted_licence,
                    install=True,
                    origin=f"{base} ({family.title}; original weights {family.original})",
                )
            except UserError as exc:  # name the mirror, not the scratch folder that is gone
                raise UserError(str(exc).replace(str(folder), base.rstrip("/"))) from None
            assert built.installed is not None
            results.append(built.installed)
    _share_weights([result.model.path for result in results])
    return results


def _share_weights(packages: list[Path]) -> None:
    """One copy of the weights on disk for the pairs one command installed: the packages
    of the other languages hard-link the first one's model.bin (same bytes, from the same
    download). Where the file system cannot link, each package keeps its own copy."""
    if len(packages) < 2:
        return
    first = packages[0] / "model" / "model.bin"
    for package in packages[1:]:
        weights = package / "model" / "model.bin"
        try:
            if weights.stat().st_size != first.stat().st_size or weights.samefile(first):
                continue
            link = weights.with_name(".model.bin.link")
            link.unlink(missing_ok=True)
            os.link(first, link)
            os.replace(link, weights)
        except OSError:
            continue


def _download(base: str, name: str, folder: Path, limit: int, on_file: FileStarted | None) -> None:
    progress = on_file(name, None) if on_file else None
    download_file(base + name, folder / name, name, progress, max_bytes=limit)


def _download_first(
    base: str, names: tuple[str, ...] | dict[str, None], folder: Path, on_file: FileStarted | None
) -> None:
    """The first of `names` the mirror has; a FetchError naming the first when none."""
    failure: FetchError | None = None
    for name in names:
        try:
            _download(base, name, folder, _SMALL_FILE_BYTES, on_file)
            return
        except FetchError as exc:
            failure = failure or exc
    assert failure is not None
    raise failure


def _ctranslate2_dir(model_dir: Path, family: Family, scratch: Path, quantization: str) -> Path:
    """`model_dir` if it is a CTranslate2 conversion, else the conversion made into scratch."""
    if (model_dir / "model.bin").is_file():
        return model_dir
    config = model_dir / "config.json"
    if not config.is_file():
        raise UserError(
            f"{model_dir}: neither a CTranslate2 conversion (no model.bin) nor a Hugging Face "
            "model (no config.json)"
        )
    try:
        import transformers  # noqa: F401  (the converter needs it, and torch)
        from ctranslate2.converters import TransformersConverter
    except ImportError:
        raise UserError(
            f"{model_dir}: a Hugging Face model; converting it needs the optional transformers "
            "extra (pip install 'newsloc[transformers]'), or convert it elsewhere with "
            "ct2-transformers-converter and give newsloc the result"
        ) from None
    copy = [name for name in _TOKENIZER_NAMES if (model_dir / name).is_file()]
    try:
        TransformersConverter(str(model_dir), copy_files=copy).convert(
            str(scratch), quantization=None if quantization == "none" else quantization, force=True
        )
    except (KeyError, ValueError, TypeError, OSError, RuntimeError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise UserError(f"{model_dir}: CTranslate2 cannot convert this model ({reason})") from exc
    return scratch


def _tokenizer_file(converted: Path, original: Path, family: Family) -> Path:
    for folder in (converted, original):
        for name in dict.fromkeys((family.tokenizer_file, *_TOKENIZER_NAMES)):
            if (folder / name).is_file():
                return folder / name
    raise UserError(
        f"{original}: no SentencePiece model ({family.tokenizer_file}); copy it from "
        f"{family.original} (ct2-transformers-converter --copy_files {family.tokenizer_file})"
    )


def _vocabulary(converted: Path) -> list[str]:
    for name in (*VOCABULARIES, "source_vocabulary.json", "source_vocabulary.txt"):
        path = converted / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if name.endswith(".json"):
            try:
                tokens = json.loads(text)
            except ValueError as exc:
                raise UserError(f"{path}: not a JSON list of tokens ({exc})") from None
            if not isinstance(tokens, list):
                raise UserError(f"{path}: not a JSON list of tokens")
            return [str(token) for token in tokens]
        return text.splitlines()
    raise UserError(f"{converted}: no vocabulary (shared_vocabulary.json); not a conversion")


def _check_vocabulary(converted: Path, family: Family, needed: list[str]) -> None:
    """The language tokens must exist, or the conversion is of another family."""
    vocabulary = set(_vocabulary(converted))
    missing = [token for token in dict.fromkeys(needed) if token not in vocabulary]
    if missing:
        raise UserError(
            f"{converted}: the model's vocabulary lacks {', '.join(missing)}: not a "
            f"{family.title} conversion"
        )


def _metadata(
    family: Family,
    source: str,
    target: str,
    version: str,
    origin: str,
    prefix: list[str],
    suffix: list[str],
    target_prefix: list[str],
) -> dict:
    import ctranslate2

    converted_with = (
        f"newsloc models build --family {family.name} (CTranslate2 {ctranslate2.__version__})"
    )
    return {
        **argos_metadata(source, target, version, origin, family.licence, converted_with),
        "family": family.name,
        "model_title": family.title,
        "parameters": family.parameters,
        "source_prefix": prefix,
        "source_suffix": suffix,
        "target_prefix": target_prefix[0] if target_prefix else "",
    }


def _readme(family: Family, metadata: dict) -> str:
    pair = format_pair(metadata["from_code"], metadata["to_code"])
    text = (
        f"# {family.title}, {pair} (CTranslate2, packaged for newsloc)\n\n"
        f"- Origin: {metadata['origin']}\n"
        f"- Original weights: https://huggingface.co/{family.original}\n"
        f"- Licence: {family.licence}\n"
        f"- Source tokens: {' '.join(metadata['source_prefix'])} … "
        f"{' '.join(metadata['source_suffix'])}\n"
        f"- Target prefix: {metadata['target_prefix'] or '(none)'}\n\n"
        "The model is multilingual; this package serves one pair. newsloc's engine puts the "
        "source tokens around every sentence and starts the decoder from the target prefix; "
        "Argos Translate's own translate() does not, so use this package through newsloc.\n"
    )
    if family.non_commercial:
        from newsloc.translate.models.families import NON_COMMERCIAL_NOTE

        text += f"\n{NON_COMMERCIAL_NOTE}.\n"
    return text


def _link_or_copy(source: Path, destination: Path) -> None:
    """A hard link when the file system allows (a model is hundreds of MB), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)


def _zip(root: Path, archive: Path) -> None:
    """Zip root as the archive's single top folder; the model weights are stored, not
    deflated (they barely compress, and deflating a gigabyte takes a minute)."""
    buffer_path = archive.with_name(archive.name + ".partial")
    try:
        with zipfile.ZipFile(buffer_path, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(root.rglob("*")):
                method = zipfile.ZIP_STORED if path.name == "model.bin" else zipfile.ZIP_DEFLATED
                zipped.write(path, Path(root.name) / path.relative_to(root), compress_type=method)
        buffer_path.replace(archive)
    finally:
        buffer_path.unlink(missing_ok=True)
