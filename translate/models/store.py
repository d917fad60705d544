"""Installed models: listing them, installing a package file or an index entry, removing.

An install never leaves half a package where Argos looks: the archive is validated, then
extracted into a hidden scratch directory inside the packages directory (which newsloc's
package scan skips), its model loaded with CTranslate2 (one that does not load never
replaces one that does), and moved into place with one rename; an older copy of the same
pair is removed only after the new one is in place (renamed to a hidden folder first, so
a half-deleted copy is never seen), and a package of another pair is never touched. A
failed install leaves nothing behind, not even the folders it had to create; a killed one
is put right by the next run (`engines.argos_recovery`).
Pairs the Argos index lacks (English→Armenian) are built from an OPUS-MT release.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from newsloc.base.errors import NewslocError
from newsloc.base.files import atomic_write_bytes
from newsloc.translate.engines.argos_packages import (
    InstalledPackage,
    installed_for,
    installed_packages,
    packages_dir,
)
from newsloc.translate.engines.argos_recovery import (
    DOWNLOAD_PREFIX,
    INSTALL_PREFIX,
    REPLACED,
    discard,
    packages_lock,
    recover,
)
from newsloc.translate.errors import UserError
from newsloc.translate.models.archive import (
    PackageInfo,
    check_model_loads,
    extract,
    validate_argosmodel,
)
from newsloc.translate.models.convert import BuildResult, archive_name, build_package
from newsloc.translate.models.fetch import (
    FetchError,
    Progress,
    Unreachable,
    download_file,
    fetch_bytes,
)
from newsloc.translate.models.index import (
    AvailableModel,
    find_available,
    index_url,
    local_index_path,
    parse_index,
)
from newsloc.translate.models.opus_mt import (
    BuildStarted,
    OpusMtRelease,
    download_release,
    release_for,
    release_url,
)
from newsloc.translate.models.pairs import format_pair, parse_pair

#: Called before each download; may return a progress callback.
DownloadStarted = Callable[[AvailableModel], Progress | None]


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


def install_file(archive: Path, shown_as: str | None = None) -> InstallResult:
    """Install one .argosmodel file after validating it; replaces the pair's older copy.

    `shown_as` names the file in errors when it is a download (its URL): the scratch file
    an error would otherwise name is gone by the time the user reads it.
    """
    try:
        return _install(archive)
    except NewslocError as exc:
        if shown_as is None:
            raise
        raise UserError(str(exc).replace(str(archive), shown_as)) from None


def _install(archive: Path) -> InstallResult:
    info = validate_argosmodel(archive)
    root = packages_dir()
    final = root / info.top
    with _no_new_folders(root):
        root.mkdir(parents=True, exist_ok=True)
        with packages_lock(root):
            recover(root)  # an install killed earlier: its old model back first
            _refuse_replacing_another_pair(final, info)
            previous = installed_for(info.source, info.target)
            scratch = Path(tempfile.mkdtemp(prefix=INSTALL_PREFIX, dir=root))
            try:
                extract(archive, scratch)
                # A model that does not load must not replace one that does.
                check_model_loads(archive, scratch / info.top)
                if final.exists():
                    os.rename(final, scratch / REPLACED)
                try:
                    os.rename(scratch / info.top, final)
                except OSError:
                    if (scratch / REPLACED).exists():
                        os.rename(scratch / REPLACED, final)
                    raise
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            for old in previous:
                if old.package_path != final:  # a same-named copy went with the scratch dir
                    discard(old.package_path)
    _forget_cached_languages()
    (model,) = [_describe(pkg) for pkg in installed_packages() if pkg.package_path == final]
    return InstallResult(model=model, replaced=tuple(old.package_version for old in previous))


def _refuse_replacing_another_pair(final: Path, info: PackageInfo) -> None:
    """A package whose folder already holds another pair's model must not replace it."""
    if not (final / "metadata.json").exists():
        return
    try:
        metadata = json.loads((final / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        metadata = None
    pair = (
        (metadata.get("from_code"), metadata.get("to_code")) if isinstance(metadata, dict) else None
    )
    if pair != (info.source, info.target):
        source, target = pair or (None, None)
        held = (
            format_pair(source, target)
            if isinstance(source, str) and isinstance(target, str)
            else "a model"
        )
        raise UserError(
            f"{final} holds {held}, and the package to install is "
            f"{format_pair(info.source, info.target)} in the same folder; nothing installed"
        )


@contextmanager
def _no_new_folders(path: Path) -> Iterator[None]:
    """On failure, remove the (empty) folders leading to `path` that did not exist before."""
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    try:
        yield
    except BaseException:
        for folder in missing:  # deepest first
            try:
                folder.rmdir()
            except OSError:
                break
        raise


@dataclass(frozen=True)
class InstallFailure:
    """A pair that could not be installed, and why: the run went on with the others."""

    pair: str
    #: Where the pair was to come from: "the Argos package index" or the OPUS-MT release.
    origin: str
    error: str
    #: The failure was reaching a server (offline, a proxy, a firewall), not bad data.
    unreachable: bool


def install_from_index(
    languages: Sequence[str],
    on_download: DownloadStarted | None = None,
    on_build: BuildStarted | None = None,
    on_failure: Callable[[InstallFailure], None] | None = None,
) -> list[InstallResult]:
    """Install source→target packages for `languages` ("hy", "en-ru"…).

    The index is downloaded first; every requested pair must be in it, or have an OPUS-MT
    release newsloc builds it from (en→hy), before anything is downloaded, so a typo or a
    missing language installs nothing. Without a reachable index, pairs built from OPUS-MT
    still install. The local copy of the index is updated only when every install worked.

    Without `on_failure` the first pair that fails raises; with it, each failure is passed
    to it and the other pairs are still installed (the results hold the ones that were).
    """
    pairs = list(dict.fromkeys(parse_pair(language) for language in languages))
    if not pairs:
        raise UserError("name at least one language to install, e.g. newsloc models install ru")
    url = index_url()
    index_data: bytes | None = None
    index_problem: FetchError | None = None
    available: list[AvailableModel] = []
    try:
        index_data = fetch_bytes(url, "the Argos package index")
        available = parse_index(index_data, url)
    except FetchError as exc:
        if on_failure is None and not all(release_for(*pair) for pair in pairs):
            raise
        index_problem = exc
    chosen: list[tuple[tuple[str, str], AvailableModel | OpusMtRelease | None]] = []
    for source, target in pairs:
        model = find_available(available, source, target)
        release = release_for(source, target)
        if model is None and release is None and index_problem is None:
            raise UserError(
                f"the Argos package index ({url}) has no {format_pair(source, target)} "
                f"package; build one from an OPUS-MT model: newsloc models build OPUS_MT_DIR "
                f"--from {source} --to {target} --install"
            )
        chosen.append(((source, target), model or release))
    results = []
    failed = False
    for (source, target), choice in chosen:
        origin = choice.name if isinstance(choice, OpusMtRelease) else "the Argos package index"
        try:
            if choice is None:
                assert index_problem is not None
                raise index_problem
            if isinstance(choice, OpusMtRelease):
                results.append(_build_from_opus_mt(choice, on_download, on_build))
            else:
                results.append(_download_and_install(choice, on_download))
        except NewslocError as exc:
            if on_failure is None:
                raise
            failed = True
            on_failure(
                InstallFailure(
                    format_pair(source, target), origin, str(exc), isinstance(exc, Unreachable)
                )
            )
    if index_data is not None and not failed:
        atomic_write_bytes(local_index_path(), index_data)
    return results


def remove(pair: str) -> list[InstalledModel]:
    """Uninstall every installed package for `pair` ("en-ru", "en_ru", "ru")."""
    source, target = parse_pair(pair)
    packages = installed_for(source, target)
    if not packages:
        installed = ", ".join(m.pair for m in installed_models()) or "none"
        raise UserError(
            f"no {format_pair(source, target)} model is installed in {packages_dir()} "
            f"(installed: {installed})"
        )
    removed = [_describe(pkg) for pkg in packages]
    with packages_lock(packages_dir()):
        for pkg in packages:
            discard(pkg.package_path)
    _forget_cached_languages()
    return removed


def _download_and_install(
    model: AvailableModel, on_download: DownloadStarted | None
) -> InstallResult:
    if not model.links:
        raise UserError(
            f"the Argos package index ({index_url()}) lists no download link for "
            f"{format_pair(model.source, model.target)}"
        )
    what = f"the {format_pair(model.source, model.target)} model"
    root = packages_dir()
    with _no_new_folders(root):
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=DOWNLOAD_PREFIX, dir=root) as scratch:
            archive = Path(scratch) / f"translate-{model.source}_{model.target}.argosmodel"
            failure: FetchError | None = None
            for link in model.links:
                try:
                    progress = on_download(model) if on_download else None
                    download_file(
                        link, archive, what, progress, size=model.size, sha256=model.sha256
                    )
                    break
                except FetchError as exc:
                    failure = exc
            else:
                assert failure is not None
                raise failure
            try:
                info = validate_argosmodel(archive)
            except NewslocError as exc:
                raise UserError(str(exc).replace(str(archive), link)) from None
            _check_matches(link, info, model)
            return install_file(archive, shown_as=link)


def _build_from_opus_mt(
    release: OpusMtRelease,
    on_download: DownloadStarted | None,
    on_build: BuildStarted | None,
) -> InstallResult:
    """Download the OPUS-MT release, convert it with `models build`, and install it."""
    url = release_url(release)
    as_model = AvailableModel(
        release.source, release.target, release.name, (url,), release.size, release.sha256
    )
    with tempfile.TemporaryDirectory(prefix="newsloc-opus-mt-") as scratch:
        marian = download_release(
            release, url, Path(scratch), on_download(as_model) if on_download else None
        )
        if on_build:
            on_build(release)
        has_licence = any((marian / name).is_file() for name in ("LICENSE", "LICENSE.txt"))
        _, installed = build_and_install(
            marian,
            release.source,
            release.target,
            licence=None if has_licence else release.licence,
            origin=f"{url} ({release.name}; model card {release.model_card})",
        )
    return installed


def build_and_install(
    marian_dir: Path,
    source: str,
    target: str,
    *,
    out: Path | None = None,
    quantization: str = "int8",
    licence: str | None = None,
    origin: str | None = None,
    version: str = "1.0",
) -> tuple[BuildResult, InstallResult]:
    """`models build --install`: build the package and install it. The package file is
    kept at `out` when one is given; otherwise it is a scratch file, removed once installed.
    """
    with tempfile.TemporaryDirectory(prefix="newsloc-build-") as scratch:
        archive = out or Path(scratch) / archive_name(source, target, version)
        built = build_package(
            marian_dir,
            source,
            target,
            out=archive,
            quantization=quantization,
            licence=licence,
            origin=origin,
            version=version,
        )
        installed = install_file(archive)
    return (built if out else replace(built, archive=None)), installed


def _check_matches(url: str, info: PackageInfo, model: AvailableModel) -> None:
    """A mirror must serve the package its index promises, not another pair."""
    if (info.source, info.target) != (model.source, model.target):
        raise UserError(
            f"{url}: the index promises {format_pair(model.source, model.target)} but the "
            f"package is {format_pair(info.source, info.target)}; nothing installed"
        )


def _describe(pkg: InstalledPackage) -> InstalledModel:
    path = pkg.package_path
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
