"""Finding installed Argos packages, reading the environment at call time.

The engine loads the package that serves its pair from here; `models` (installing,
listing, removing) stands on this module too, never the other way round.

`argostranslate.settings` reads ARGOS_PACKAGES_DIR once, when it is first imported, and
creates Argos's data, config, cache and packages folders as it does; a test or a command
that changes the variable later would still see the old directory, and a `models install`
that fails would still leave folders behind. So newsloc reads installed packages'
metadata.json itself, looks at the environment when called, and imports Argos only to
load the one package the engine translates with.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import packaging.version

if TYPE_CHECKING:
    from argostranslate.package import Package

from newsloc.translate.engines.argos_dirs import argos_data_dir, import_argos_settings
from newsloc.translate.engines.argos_recovery import recover_if_idle
from newsloc.translate.errors import UserError


def packages_dir() -> Path:
    """Where Argos packages are installed: ARGOS_PACKAGES_DIR, else Argos's own default."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    return argos_data_dir() / "packages"


@dataclass(frozen=True)
class InstalledPackage:
    """An installed package as its metadata.json describes it (Argos's field names)."""

    package_path: Path
    from_code: str
    to_code: str
    package_version: str
    type: str = "translate"
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)


def installed_packages() -> list[InstalledPackage]:
    """Every package installed in `packages_dir()`, sorted by name; none if it is missing.

    What an interrupted install or removal left is put right first (`engines.argos_recovery`).
    Hidden directories (an install in progress, a package being deleted) are skipped. A
    directory that is not a readable Argos package is a user error naming it, rather than
    a traceback.
    """
    root = packages_dir()
    if not root.is_dir():
        return []
    recover_if_idle(root)  # an install or removal killed earlier: put it right first
    packages = []
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        packages.append(_load(path))
    return packages


def _load(path: Path) -> InstalledPackage:
    """One installed package, or a UserError naming the broken directory."""
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        reason = "it has no metadata.json"
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        reason = f"its metadata.json is not valid JSON ({exc})"
    except RecursionError:
        reason = "its metadata.json is nested too deeply"
    except OSError as exc:
        reason = f"its metadata.json cannot be read ({exc.strerror or exc})"
    else:
        if isinstance(metadata, dict):
            return InstalledPackage(
                package_path=path,
                from_code=str(metadata.get("from_code") or ""),
                to_code=str(metadata.get("to_code") or ""),
                package_version=str(metadata.get("package_version") or ""),
                type=str(metadata.get("type", "translate")),
                metadata=metadata,
            )
        reason = "its metadata.json is not a JSON object"
    raise UserError(f"{path}: not an Argos package, {reason}; delete the directory")


def installed_for(source: str, target: str) -> list[InstalledPackage]:
    """Every installed translation package for source→target."""
    return [
        pkg
        for pkg in installed_packages()
        if pkg.type == "translate" and pkg.from_code == source and pkg.to_code == target
    ]


def find_package(source: str, target: str) -> Package | None:
    """The installed translation package for source→target (newest version), or None.

    Returned as Argos's own Package (tokenizer, target prefix), which the engine uses.
    """
    matches = installed_for(source, target)
    if not matches:
        return None
    import_argos_settings()
    from argostranslate.package import Package

    newest = max(matches, key=lambda pkg: version_key(pkg.package_version))
    return Package(newest.package_path)


def version_key(version: str) -> packaging.version.Version:
    """Order package versions ("1.9" < "1.10"); an unreadable one sorts first."""
    try:
        return packaging.version.Version(version or "0")
    except (packaging.version.InvalidVersion, ValueError):  # ValueError: 5000 digits
        return packaging.version.Version("0")


def package_name(pkg: Package | InstalledPackage) -> str:
    """The installed directory's name, e.g. "translate-en_ru" (what `models` commands show)."""
    return Path(pkg.package_path).name


def install_command(source: str, target: str) -> str:
    """The exact command that installs a package for source→target (hy included: it is
    built from OPUS-MT by the same command)."""
    if source == "en":
        return f"newsloc models install {target}"
    return f"newsloc models install {source}-{target}"
