"""Installed models: listing them, installing a package file or an index entry, removing.

An install never leaves half a package where Argos looks: the archive is validated, then
extracted into a hidden scratch directory inside the packages directory (which newsloc's
package scan skips), and moved into place with one rename; an older copy of the same pair
is removed only after the new one is in place.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from argostranslate.package import Package, uninstall

from newsloc.translate.errors import UserError
from newsloc.translate.models.archive import PackageInfo, extract, validate_argosmodel
from newsloc.translate.models.fetch import FetchError, Progress, download_file
from newsloc.translate.models.index import AvailableModel, find_available, index_url, refresh_index
from newsloc.translate.models.packages import installed_packages, packages_dir
from newsloc.translate.models.pairs import format_pair, parse_pair
from newsloc.translate.models.paths import downloads_dir


@dataclass(frozen=True)
class InstalledModel:
    """One installed package as `newsloc models list` shows it."""

    source: str
    target: str
    version: str
    name: str
    path: Path
    #: Bytes on disk, all files included.
    size: int

    @property
    def pair(self) -> str:
        return format_pair(self.source, self.target)


@dataclass(frozen=True)
class InstallResult:
    """What an install did: the new model, and the versions of the pair it replaced."""

    model: InstalledModel
    replaced: tuple[str, ...]


def installed_models() -> list[InstalledModel]:
    """Every installed translation package, by pair."""
    models = [_describe(pkg) for pkg in installed_packages() if pkg.type == "translate"]
    return sorted(models, key=lambda m: (m.source, m.target, m.name))


def install_file(archive: Path) -> InstallResult:
    """Install one .argosmodel file after validating it; replaces the pair's older copy."""
    info = validate_argosmodel(archive)
    root = packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    previous = _installed_for(info.source, info.target)
    scratch = Path(tempfile.mkdtemp(prefix=".newsloc-install-", dir=root))
    try:
        extract(archive, scratch)
        final = root / info.top
        if final.exists():
            os.rename(final, scratch / ".replaced")
        try:
            os.rename(scratch / info.top, final)
        except OSError:
            if (scratch / ".replaced").exists():
                os.rename(scratch / ".replaced", final)
            raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for old in previous:
        if Path(old.package_path) != final:  # a same-named copy went with the scratch dir
            uninstall(old)
    _forget_cached_languages()
    return InstallResult(
        model=_describe(Package(final)),
        replaced=tuple(str(old.package_version) for old in previous),
    )


def install_from_index(
    languages: Sequence[str],
    on_download: Callable[[AvailableModel], Progress | None] | None = None,
) -> list[InstallResult]:
    """Install source→target packages for `languages` ("hy", "en-ru"…) from the index.

    The index is downloaded first; every requested pair must be in it before anything is
    downloaded, so a typo or a missing language installs nothing. `on_download` is called
    before each download and may return a progress callback.
    """
    pairs = list(dict.fromkeys(parse_pair(language) for language in languages))
    if not pairs:
        raise UserError("name at least one language to install, e.g. newsloc models install ru")
    available = refresh_index()
    chosen = []
    for source, target in pairs:
        model = find_available(available, source, target)
        if model is None:
            raise UserError(
                f"the Argos package index ({index_url()}) has no {format_pair(source, target)} "
                f"package; build one from an OPUS-MT model: newsloc models build OPUS_MT_DIR "
                f"--from {source} --to {target} --install"
            )
        chosen.append(model)
    return [_download_and_install(model, on_download) for model in chosen]


def remove(pair: str) -> list[InstalledModel]:
    """Uninstall every installed package for `pair` ("en-ru", "en_ru", "ru")."""
    source, target = parse_pair(pair)
    packages = _installed_for(source, target)
    if not packages:
        installed = ", ".join(m.pair for m in installed_models()) or "none"
        raise UserError(
            f"no {format_pair(source, target)} model is installed in {packages_dir()} "
            f"(installed: {installed})"
        )
    removed = [_describe(pkg) for pkg in packages]
    for pkg in packages:
        uninstall(pkg)
    _forget_cached_languages()
    return removed


def _download_and_install(
    model: AvailableModel, on_download: Callable[[AvailableModel], Progress | None] | None
) -> InstallResult:
    if not model.links:
        raise UserError(
            f"the Argos package index ({index_url()}) lists no download link for "
            f"{format_pair(model.source, model.target)}"
        )
    what = f"the {format_pair(model.source, model.target)} model"
    cache = downloads_dir()
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsloc-download-", dir=cache) as scratch:
        archive = Path(scratch) / f"translate-{model.source}_{model.target}.argosmodel"
        failure: FetchError | None = None
        for link in model.links:
            try:
                download_file(link, archive, what, on_download(model) if on_download else None)
                break
            except FetchError as exc:
                failure = exc
        else:
            assert failure is not None
            raise failure
        _check_matches(archive, validate_argosmodel(archive), model)
        return install_file(archive)


def _check_matches(archive: Path, info: PackageInfo, model: AvailableModel) -> None:
    """A mirror must serve the package its index promises, not another pair."""
    if (info.source, info.target) != (model.source, model.target):
        raise UserError(
            f"{archive.name} from {model.links[0]}: the index promises "
            f"{format_pair(model.source, model.target)} but the package is "
            f"{format_pair(info.source, info.target)}; nothing installed"
        )


def _installed_for(source: str, target: str) -> list[Package]:
    return [
        pkg
        for pkg in installed_packages()
        if pkg.type == "translate" and pkg.from_code == source and pkg.to_code == target
    ]


def _describe(pkg: Package) -> InstalledModel:
    path = Path(pkg.package_path)
    return InstalledModel(
        source=pkg.from_code,
        target=pkg.to_code,
        version=str(pkg.package_version),
        name=path.name,
        path=path,
        size=_size_on_disk(path),
    )


def _size_on_disk(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def _forget_cached_languages() -> None:
    """Argos caches the installed languages; a process that uses Argos's own translate module
    must see the change. newsloc never imports that module (it pulls in MiniSBD and
    onnxruntime, which phones home), so only clear the cache where someone else did."""
    argos_translate = sys.modules.get("argostranslate.translate")
    if argos_translate is not None:
        argos_translate.get_installed_languages.cache_clear()
