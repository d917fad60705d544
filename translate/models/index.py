"""The Argos package index: where it lives, refreshing the local copy, reading what it offers.

`argostranslate.settings` fixes ARGOS_PACKAGE_INDEX and the data directory when it is
first imported (creating Argos's folders as it does), and
`argostranslate.package.get_available_packages()` recurses forever when there is no local
copy and the index cannot be downloaded. So newsloc resolves both at call time, the way
Argos does (environment first, then Argos's settings.json), and reads each entry with the
field names and defaults of Argos's `AvailablePackage`, checking what Argos takes on trust:
codes that are language codes, `links` a list of URLs, an optional `size` and `sha256`
(newsloc mirrors may add them; a download is checked against them as it arrives).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsloc.base.files import atomic_write_bytes, read_user_bytes
from newsloc.translate.engines.argos_dirs import argos_config_dir, argos_data_dir
from newsloc.translate.engines.argos_packages import version_key
from newsloc.translate.errors import UserError
from newsloc.translate.models.fetch import fetch_bytes

_CODE = re.compile(r"[a-z]{2,3}")
_SHA256 = re.compile(r"[0-9a-f]{64}")

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
    #: The package file's SHA-256 (lowercase hex), when the index says.
    sha256: str | None = None


def index_url() -> str:
    """The index.json URL: ARGOS_PACKAGE_INDEX (a base URL or a .json URL), else Argos's."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or _from_settings_file("ARGOS_PACKAGE_INDEX")
    base = str(base or DEFAULT_INDEX).strip()
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
    models = parse_index(data, url)
    atomic_write_bytes(local_index_path(), data)
    return models


def read_local_index() -> list[AvailableModel] | None:
    """The models in the local copy of the index, or None when there is no copy yet."""
    path = local_index_path()
    if not path.exists():
        return None
    data = read_user_bytes(path, "local package index")
    return parse_index(data, str(path))


def find_available(models: list[AvailableModel], source: str, target: str) -> AvailableModel | None:
    """The newest package for source→target among `models`, or None."""
    matches = [m for m in models if m.source == source and m.target == target]
    return max(matches, key=lambda m: version_key(m.version), default=None)


def _from_settings_file(key: str) -> object:
    """A value from Argos's settings.json, or None (a missing or broken file counts as none)."""
    try:
        settings = json.loads((argos_config_dir() / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return settings.get(key) if isinstance(settings, dict) else None


def parse_index(data: bytes, where: str) -> list[AvailableModel]:
    """The translation models an index.json lists; `where` (its URL) names it in errors."""
    try:
        entries = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{where}: not an Argos package index (not valid JSON: {exc})") from exc
    except RecursionError:
        raise UserError(f"{where}: not an Argos package index (JSON nested too deeply)") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UserError(f"{where}: not an Argos package index (expected a JSON list of packages)")
    models = []
    for number, entry in enumerate(entries, start=1):
        if entry.get("type", "translate") != "translate":
            continue
        source, target = entry.get("from_code"), entry.get("to_code")
        if not (isinstance(source, str) and isinstance(target, str)):
            continue  # Argos skips these too: a package for no pair
        label = f"{where}: package {number} ({source}→{target})"
        if not (_CODE.fullmatch(source) and _CODE.fullmatch(target)):
            raise UserError(f"{label}: from_code and to_code must be language codes like en, ru")
        links = entry.get("links", [])
        if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
            raise UserError(f"{label}: links must be a list of URLs, not {type(links).__name__}")
        size = entry.get("size")
        sha256 = entry.get("sha256")
        if sha256 is not None and not (isinstance(sha256, str) and _SHA256.fullmatch(sha256)):
            raise UserError(f"{label}: sha256 must be 64 lowercase hexadecimal digits")
        models.append(
            AvailableModel(
                source=source,
                target=target,
                version=str(entry.get("package_version", "")),
                links=tuple(links),
                size=size if isinstance(size, int) and not isinstance(size, bool) else None,
                sha256=sha256,
            )
        )
    return sorted(models, key=lambda m: (m.source, m.target))
