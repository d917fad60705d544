"""`newsloc models …`: list, install, remove and build Argos translation models.

Thin commands over `translate.models`; progress and tables go through rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from newsloc.translate.cli.languages import complete_languages
from newsloc.translate.cli.params import Exit, argument, group
from newsloc.translate.errors import UserError

# The model library loads Argos and CTranslate2 (and Argos creates its folders when
# imported), so each command imports what it needs: `newsloc --version` and shell
# completion stay fast and side-effect free.
if TYPE_CHECKING:
    from newsloc.translate.models.fetch import Progress as ProgressCallback
    from newsloc.translate.models.index import AvailableModel
    from newsloc.translate.models.listing import ModelListing
    from newsloc.translate.models.opus_mt import OpusMtRelease
    from newsloc.translate.models.store import InstallResult

from .output import console, err_console, print_error, print_hint, print_json, print_warning

if TYPE_CHECKING:
    from rich.progress import TaskID


@group(help="Install, list, remove and build the Argos models newsloc translates with.")
def app() -> None:
    """The `models` group."""


F = TypeVar("F", bound=Callable[..., Any])


def accept_licence_option() -> Callable[[F], F]:
    """`--accept-licence`, shared by `install` and `build`: a non-commercial licence is
    accepted by naming it (translate/models/families.py)."""
    return click.option(
        "--accept-licence",
        "--accept-license",
        "accept_licence",
        help="Accept a non-commercial licence by name (NLLB-200: CC-BY-NC-4.0).",
    )


@app.command("list")
@click.option("--refresh", is_flag=True, help="Download the package index first.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def list_command(refresh: bool, as_json: bool) -> None:
    """Installed models, and the ones the Argos package index offers."""
    from newsloc.translate.models.listing import list_models

    listing = list_models(refresh=refresh)
    if listing.index_problem:
        shown = "; showing the local copy" if listing.available is not None else ""
        print_warning(listing.index_problem + shown)
    if as_json:
        print_json(listing.as_dict())
        return
    _print_installed(listing)
    _print_families()
    if listing.available is not None:
        _print_available(listing)
    elif not listing.index_problem:
        console.print(
            f"No local copy of the package index ({listing.index_copy}): "
            "newsloc models list --refresh downloads it.",
            markup=False,
            soft_wrap=True,
        )


#: Exit code when some of the languages asked for were installed and some were not.
EXIT_PARTIAL = 3

OFFLINE_WAYS = (
    "offline, install from copies: "
    "newsloc models install --from FILE.argosmodel (a package file from another machine); "
    "ARGOS_PACKAGE_INDEX=file:///MIRROR/ newsloc models install az ru (a copy of the index "
    "with its packages); NEWSLOC_OPUS_MT_MIRROR=file:///MIRROR/ newsloc models install hy "
    "(a copy of the OPUS-MT release); newsloc models build OPUS_MT_DIR --to hy --install (an "
    "unpacked OPUS-MT model); see the README, Models: without network"
)


@app.command(
    "install",
    short_help="Install English→X models from the package index, or a model file.",
    epilog="Offline: --from FILE installs a package file; ARGOS_PACKAGE_INDEX=file:///MIRROR/ "
    "and NEWSLOC_OPUS_MT_MIRROR=file:///MIRROR/ point at local copies of the index and of the "
    "OPUS-MT releases; newsloc models build turns an unpacked OPUS-MT model into a package.",
)
@argument(
    "languages",
    metavar="LANGUAGE",
    nargs=-1,
    help="Target languages (az ru) or pairs (en-ru) to install.",
)
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Install this .argosmodel file instead (offline).",
)
@click.option(
    "--family",
    "family_name",
    help="Install a multilingual model instead: nllb-600m, nllb-1.3b, m2m100-418m, "
    "m2m100-1.2b or madlad-3b, fetched from --mirror.",
)
@accept_licence_option()
@click.option(
    "--mirror",
    help="Where --family models are fetched from (a folder, file:// or http(s) URL "
    "holding FAMILY/model.bin …); default: NEWSLOC_MODEL_MIRROR.",
)
def install(
    languages: tuple[str, ...],
    from_file: Path | None,
    family_name: str | None,
    accept_licence: str | None,
    mirror: str | None,
) -> None:
    """Install English→X models from the package index, or one model file with --from.

    Armenian, which the index lacks, is built from Helsinki-NLP's OPUS-MT release
    (NEWSLOC_OPUS_MT_MIRROR may point at a copy). Each language is reported: one that
    cannot be installed does not stop the others. With --family, a multilingual model
    (NLLB-200, M2M-100, MADLAD-400) is fetched from a mirror and installed for each language;
    NLLB-200 is non-commercial and needs --accept-licence CC-BY-NC-4.0.
    Exit 0: all installed; 2: none; 3: some (see the messages).
    """
    from newsloc.translate.models.store import InstallFailure, install_file, install_from_index

    if family_name is not None:
        if from_file is not None:
            raise UserError("give --family or --from FILE, not both")
        results = _install_family(list(languages), family_name, accept_licence, mirror)
        failures: list[InstallFailure] = []
    elif from_file is not None:
        if languages:
            raise UserError("give languages to download or --from FILE, not both")
        _check_file_licence(from_file, accept_licence)
        with err_console.status(f"Installing {from_file} …"):
            results = [install_file(from_file)]
        failures = []
    else:
        failures = []
        with _download_progress() as (on_download, on_build):
            results = install_from_index(
                list(languages),
                on_download=on_download,
                on_build=on_build,
                on_failure=failures.append,
            )
    for result in results:
        _print_installed_result(result)
    for failure in failures:
        print_error(f"{failure.pair} (from {failure.origin}): not installed: {failure.error}")
    if any(failure.unreachable for failure in failures):
        print_hint(OFFLINE_WAYS)
    if failures:
        raise Exit(EXIT_PARTIAL if results else 2)


@app.command("remove")
@argument("pair", help="en-ru, en_ru, or just ru (from English).")
def remove_command(pair: str) -> None:
    """Uninstall the model(s) for a language pair."""
    from newsloc.translate.models.store import remove

    for model in remove(pair):
        console.print(
            f"Removed {model.pair} {model.version} ({model.path})", markup=False, soft_wrap=True
        )


@app.command("build")
@argument(
    "marian_dir",
    metavar="OPUS_MT_DIR",
    type=click.Path(path_type=Path),
    help="OPUS-MT model directory (decoder.yml, *.npz, *.spm).",
)
@click.option(
    "--to",
    "target",
    required=True,
    metavar="LANG",
    shell_complete=complete_languages,
    help="Target language code, e.g. hy.",
)
@click.option("--from", "source", default="en", metavar="LANG", help="Source language code.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Where to write the .argosmodel (default: ./translate-SRC_TGT-1_0.argosmodel; "
    "with --install and no --out, no file is kept).",
)
@click.option("--install", "install_it", is_flag=True, help="Install the package once built.")
@click.option(
    "--quantization",
    default="int8",
    help="CTranslate2 weight type: int8, int8_float32, int16, float16, "
    "float32 or none (as in the model).",
)
@click.option("--licence", "--license", "licence", help="The model's licence, e.g. CC-BY-4.0.")
@click.option("--origin", help="Where the model came from (URL or name).")
@click.option(
    "--family",
    "family_name",
    help="The directory is a CTranslate2 conversion (or, with the transformers extra, "
    "a Hugging Face model) of this family: nllb-600m, nllb-1.3b, m2m100-418m, "
    "m2m100-1.2b, madlad-3b.",
)
@accept_licence_option()
def build(
    marian_dir: Path,
    target: str,
    source: str,
    out: Path | None,
    install_it: bool,
    quantization: str,
    licence: str | None,
    origin: str | None,
    family_name: str | None,
    accept_licence: str | None,
) -> None:
    """Package a model for newsloc: an OPUS-MT (Marian) directory, or with --family a
    multilingual CTranslate2 model (NLLB-200, M2M-100, MADLAD-400)."""
    from rich.filesize import decimal

    from newsloc.translate.models.convert import build_package
    from newsloc.translate.models.pairs import format_pair
    from newsloc.translate.models.store import build_and_install

    installed: InstallResult | None = None
    if family_name is not None:
        if licence is not None:
            raise UserError(
                f"--licence: a --family model has its family's licence ({family_name}); "
                "leave --licence out"
            )
        _build_family(
            marian_dir,
            family_name,
            source,
            target,
            out,
            install_it,
            quantization,
            accept_licence,
            origin,
        )
        return
    with err_console.status(f"Converting {marian_dir} with CTranslate2 …"):
        if install_it:
            result, installed = build_and_install(
                marian_dir,
                source,
                target,
                out=out,
                quantization=quantization,
                licence=licence,
                origin=origin,
            )
        else:
            result = build_package(
                marian_dir,
                source,
                target,
                out=out,
                quantization=quantization,
                licence=licence,
                origin=origin,
            )
    meta = result.metadata
    pair = format_pair(meta["from_code"], meta["to_code"])
    if result.archive is not None:
        size = decimal(result.archive.stat().st_size)
        console.print(
            f"Built {pair} {meta['package_version']}: {result.archive} ({size})",
            markup=False,
            soft_wrap=True,
        )
    if not result.licence_known:
        print_warning(
            f"{marian_dir}: no licence found in README.md or LICENSE; the package says "
            f"{meta['license']!r}: rebuild with --licence (OPUS-MT models are CC-BY-4.0)"
        )
    if installed is not None:
        _print_installed_result(installed)


def _install_family(
    languages: list[str], family_name: str, accept_licence: str | None, mirror: str | None
) -> list[InstallResult]:
    """`install --family`: fetch the conversion once, install it for every language."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from newsloc.translate.models.families import family
    from newsloc.translate.models.family_build import install_family

    chosen = family(family_name)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )

    def on_file(name: str, size: int | None) -> ProgressCallback:
        task = progress.add_task(f"{chosen.name}: {name}", total=size)

        def advance(received: int, total: int | None) -> None:
            progress.update(task, completed=received, total=total)

        return advance

    with progress:
        results = install_family(
            languages, chosen, accepted_licence=accept_licence, mirror=mirror, on_file=on_file
        )
    _print_licence_line(chosen.title, chosen.licence)
    return results


def _build_family(
    model_dir: Path,
    family_name: str,
    source: str,
    target: str,
    out: Path | None,
    install_it: bool,
    quantization: str,
    accept_licence: str | None,
    origin: str | None,
) -> None:
    from rich.filesize import decimal

    from newsloc.translate.models.families import family
    from newsloc.translate.models.family_build import build_family_package
    from newsloc.translate.models.pairs import format_pair

    chosen = family(family_name)
    with err_console.status(f"Packaging {model_dir} ({chosen.title}) …"):
        result = build_family_package(
            model_dir,
            chosen,
            source,
            target,
            accepted_licence=accept_licence,
            out=out,
            install=install_it,
            quantization=quantization,
            origin=origin,
        )
    meta = result.metadata
    pair = format_pair(meta["from_code"], meta["to_code"])
    if result.archive is not None:
        console.print(
            f"Built {pair} {chosen.title} {meta['package_version']}: {result.archive} "
            f"({decimal(result.archive.stat().st_size)})",
            markup=False,
            soft_wrap=True,
        )
    if result.installed is not None:
        _print_installed_result(result.installed)
    _print_licence_line(chosen.title, chosen.licence)


def _print_licence_line(title: str, licence: str) -> None:
    from newsloc.translate.models.families import NON_COMMERCIAL_NOTE, is_non_commercial

    console.print(f"Licence of {title}: {licence}", markup=False, soft_wrap=True)
    if is_non_commercial(licence):
        print_warning(NON_COMMERCIAL_NOTE)


def _check_file_licence(archive: Path, accept_licence: str | None) -> None:
    """`install --from` of a non-commercial package needs the same acceptance."""
    from newsloc.translate.models.archive import validate_argosmodel
    from newsloc.translate.models.families import check_licence

    metadata = validate_argosmodel(archive).metadata
    licence = metadata.get("license")
    if isinstance(licence, str):
        what = str(metadata.get("model_title") or archive.name)
        check_licence(licence, what, accept_licence, "nothing installed")


@contextmanager
def _download_progress() -> Iterator[
    tuple[Callable[[AvailableModel], ProgressCallback], Callable[[OpusMtRelease], None]]
]:
    """A spinner while the index is read, a bar per download, a pulse per build (stderr)."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TransferSpeedColumn,
    )

    from newsloc.translate.models.pairs import format_pair

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,  # logs and pipes get the result lines only
    )
    index_task = progress.add_task("Reading the package index", total=None)

    def start_download(model: AvailableModel) -> ProgressCallback:
        progress.update(index_task, visible=False)
        task = progress.add_task(
            f"{format_pair(model.source, model.target)} {model.version}", total=model.size
        )

        def advance(received: int, total: int | None) -> None:
            progress.update(task, completed=received, total=total)

        return advance

    building: list[TaskID] = []

    def start_build(release: OpusMtRelease) -> None:
        for task in building:
            progress.update(task, visible=False)
        building.append(
            progress.add_task(
                f"{format_pair(release.source, release.target)}: converting {release.name} "
                "with CTranslate2",
                total=None,
            )
        )

    with progress:
        yield start_download, start_build


def _print_installed_result(result: InstallResult) -> None:
    from rich.filesize import decimal

    model = result.model
    replaced = f", replacing {', '.join(result.replaced)}" if result.replaced else ""
    console.print(
        f"Installed {model.pair} {model.version} in {model.path} ({decimal(model.size)}{replaced})",
        markup=False,
        soft_wrap=True,
    )


def _print_installed(listing: ModelListing) -> None:
    from rich.filesize import decimal
    from rich.table import Table

    if not listing.installed:
        console.print(
            "No models installed: newsloc models install hy az ru installs Armenian (built "
            "from OPUS-MT), Azerbaijani and Russian.",
            markup=False,
            soft_wrap=True,
        )
        return
    table = Table(title="Installed models")
    for column in ("Pair", "Model", "Version", "Size", "Licence", "COMET / BLEU", "Path"):
        table.add_column(column)
    for model in listing.installed:
        details = listing.details(model)
        table.add_row(
            model.pair,
            details.title,
            model.version,
            decimal(model.size),
            details.licence,
            _quality_cell(details.quality),
            str(model.path),
        )
    console.print(table)


def _quality_cell(quality: object) -> str:
    from newsloc.translate.models.families import Quality

    if not isinstance(quality, Quality):
        return ""
    return f"{quality.comet:.3f} / {quality.bleu:.1f}"


def _print_families() -> None:
    """The multilingual families `install --family` offers, with licence and quality."""
    from rich.filesize import decimal
    from rich.table import Table

    from newsloc.translate.models.families import (
        FAMILIES,
        MOZILLA_EVALUATION,
        quality_for,
        recommendation_line,
    )

    table = Table(title="Model families (newsloc models install LANG --family NAME)")
    for column in ("Family", "Parameters", "Size (int8)", "Licence", "en→hy", "en→az", "en→ru"):
        table.add_column(column)
    for family in FAMILIES.values():
        table.add_row(
            family.name,
            family.parameters,
            decimal(family.int8_bytes),
            family.licence,
            *(_quality_cell(quality_for(family.name, t)) or "n/a" for t in ("hy", "az", "ru")),
        )
    console.print(table)
    console.print(
        "COMET / BLEU on FLORES-101 from " + MOZILLA_EVALUATION + "; the NLLB figures are "
        "Mozilla's 'nllb' system, shown for both sizes. n/a: not in that evaluation.",
        markup=False,
        soft_wrap=True,
    )
    console.print(recommendation_line(), markup=False, soft_wrap=True)


def _print_available(listing: ModelListing) -> None:
    from rich.filesize import decimal
    from rich.table import Table

    from newsloc.translate.models.pairs import format_pair

    assert listing.available is not None
    table = Table(title=f"Available from {listing.index_url}")
    for column in ("Pair", "Version", "Size", "Installed"):
        table.add_column(column)
    for model in listing.available:
        installed = listing.installed_version(model.source, model.target)
        table.add_row(
            format_pair(model.source, model.target),
            model.version,
            decimal(model.size) if model.size is not None else "",
            installed or "",
        )
    console.print(table)
