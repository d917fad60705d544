"""The Argos package index: where it lives, refreshing the local copy, reading what it offers.

`argostranslate.settings` fixes ARGOS_PACKAGE_INDEX and the data directory when it is
first imported, and `argostranslate.package.get_available_packages()` recurses forever
when there is no local copy and the index cannot be downloaded. So newsloc resolves both
at call time and reads the local copy itself; each entry is still parsed by Argos's own
`AvailablePackage`, so the index means to newsloc what it means to Argos.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from argostranslate import settings
from argostranslate.package import AvailablePackage

from newsloc.glossary.fileio import atomic_write_bytes
from newsloc.translate.errors import UserError
from newsloc.translate.models.fetch import fetch_bytes
from newsloc.translate.models.packages import version_key
from newsloc.translate.models.paths import argos_data_dir

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


@dataclass(frozen=True)
class AvailableModel:
    """One translation package the index offers."""

    source: str
    target: str
    version: str
    links: tuple[str, ...]
    #: Bytes, when the index says (Argos's own index does not).
    size: int | None


def index_url() -> str:
    """The index.json URL: ARGOS_PACKAGE_INDEX (a base URL or a .json URL), else Argos's."""
    base = settings.get_setting("ARGOS_PACKAGE_INDEX", default=DEFAULT_INDEX)
    base = str(base).strip()
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"


def local_index_path() -> Path:
    """Argos's local copy of the index (shared with `argospm update`), resolved now."""
    return argos_data_dir() / "index.json"


def refresh_index() -> list[AvailableModel]:
    """Download the index, check it, replace the local copy, and return its models."""
    url = index_url()
    data = fetch_bytes(url, "the Argos package index")
    models = _parse(data, url)
    atomic_write_bytes(local_index_path(), data)
    return models


def read_local_index() -> list[AvailableModel] | None:
    """The models in the local copy of the index, or None when there is no copy yet."""
    path = local_index_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UserError(f"{path}: cannot read the local package index ({exc.strerror})") from exc
    return _parse(data, str(path))


def find_available(models: list[AvailableModel], source: str, target: str) -> AvailableModel | None:
    """The newest package for source→target among `models`, or None."""
    matches = [m for m in models if m.source == source and m.target == target]
    return max(matches, key=lambda m: version_key(m.version), default=None)


def _parse(data: bytes, where: str) -> list[AvailableModel]:
    try:
        entries = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{where}: not an Argos package index (not valid JSON: {exc})") from exc
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UserError(f"{where}: not an Argos package index (expected a JSON list of packages)")
    models = []
    for entry in entries:
        package = AvailablePackage(entry)
        if package.type != "translate" or not package.from_code or not package.to_code:
            continue
        size = entry.get("size")
        models.append(
            AvailableModel(
                source=package.from_code,
                target=package.to_code,
                version=str(package.package_version),
                links=tuple(str(link) for link in package.links),
                size=size if isinstance(size, int) and not isinstance(size, bool) else None,
            )
        )
    return sorted(models, key=lambda m: (m.source, m.target))
