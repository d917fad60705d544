"""Finding installed Argos packages, reading the environment at call time.

`argostranslate.settings` reads ARGOS_PACKAGES_DIR once, when it is first imported; a
test or a command that changes the variable later would still see the old directory. So
every function here looks at the environment when it is called.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import packaging.version
from argostranslate.package import Package

from newsloc.translate.errors import UserError
from newsloc.translate.models.paths import argos_data_dir

#: Languages the Argos package index has no en→X package for; they are built from OPUS-MT.
_BUILT_FROM_OPUS_MT = frozenset({"hy"})


def packages_dir() -> Path:
    """Where Argos packages are installed: ARGOS_PACKAGES_DIR, else Argos's own default."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    return argos_data_dir() / "packages"


def installed_packages() -> list[Package]:
    """Every package installed in `packages_dir()`, sorted by name; none if it is missing.

    Hidden directories (an install in progress) are skipped. A directory that is not a
    readable Argos package is a user error naming it, rather than a traceback.
    """
    root = packages_dir()
    if not root.is_dir():
        return []
    packages = []
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        packages.append(_load(path))
    return packages


def _load(path: Path) -> Package:
    """One installed package, or a UserError naming the broken directory."""
    try:
        return Package(path)
    except FileNotFoundError:
        reason = "it has no metadata.json"
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        reason = f"its metadata.json is not valid JSON ({exc})"
    except (AttributeError, TypeError) as exc:  # metadata.json is JSON but not an object
        reason = f"its metadata.json is not a JSON object ({exc})"
    raise UserError(f"{path}: not an Argos package, {reason}; delete the directory")


def find_package(source: str, target: str) -> Package | None:
    """The installed translation package for source→target (newest version), or None."""
    matches = [
        pkg
        for pkg in installed_packages()
        if pkg.type == "translate" and pkg.from_code == source and pkg.to_code == target
    ]
    if not matches:
        return None
    return max(matches, key=lambda pkg: version_key(pkg.package_version))


def version_key(version: str) -> packaging.version.Version:
    """Order package versions ("1.9" < "1.10"); an unreadable one sorts first."""
    try:
        return packaging.version.Version(version or "0")
    except packaging.version.InvalidVersion:
        return packaging.version.Version("0")


def package_name(pkg: Package) -> str:
    """The installed directory's name, e.g. "translate-en_ru" (what `models` commands show)."""
    return Path(pkg.package_path).name


def install_command(source: str, target: str) -> str:
    """The exact command that installs a package for source→target."""
    if target in _BUILT_FROM_OPUS_MT and source == "en":
        return f"newsloc models build OPUS_MT_DIR --from {source} --to {target} --install"
    if source == "en":
        return f"newsloc models install {target}"
    return f"newsloc models install {source}-{target}"
