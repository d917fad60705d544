"""`newsloc models list`: installed models beside what the package index offers.

Listing never needs the network: the index part comes from Argos's local copy, and only
`refresh=True` tries to download a new one; if that fails, the listing still shows the
installed models and the old copy, and says why in `index_problem`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsloc.base.errors import NewslocError
from newsloc.translate.engines.argos_packages import version_key
from newsloc.translate.models.families import (
    FAMILIES,
    MOZILLA_EVALUATION,
    RECOMMENDED,
    Family,
    Quality,
    quality_for,
)
from newsloc.translate.models.index import (
    AvailableModel,
    index_url,
    local_index_path,
    read_local_index,
    refresh_index,
)
from newsloc.translate.models.pairs import format_pair
from newsloc.translate.models.store import InstalledModel, installed_models


@dataclass(frozen=True)
class ModelDetails:
    """What an installed package is: its family, licence and published quality."""

    family: str
    title: str
    licence: str
    quality: Quality | None


def model_details(path: Path, target: str) -> ModelDetails:
    """Family, licence and published en→target quality of the package installed at `path`."""
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        metadata = {}
    if not isinstance(metadata, dict):
        metadata = {}
    licence = metadata.get("license") or metadata.get("licence")
    licence = licence.strip() if isinstance(licence, str) and licence.strip() else "not stated"
    name = metadata.get("family")
    if isinstance(name, str) and name in FAMILIES:
        known: Family = FAMILIES[name]
        return ModelDetails(name, known.title, licence, quality_for(name, target))
    converted = str(metadata.get("converted_with") or "")
    system = "opus-mt" if "OpusMT" in converted else "argos"
    title = "OPUS-MT" if system == "opus-mt" else "Argos"
    return ModelDetails(system, title, licence, quality_for(system, target))


@dataclass(frozen=True)
class ModelListing:
    installed: list[InstalledModel]
    #: None when there is no readable local copy of the index (none is made until a refresh).
    available: list[AvailableModel] | None
    index_url: str
    index_copy: Path
    #: Why the index could not be refreshed or read, in one line; None when all went well.
    index_problem: str | None

    def installed_version(self, source: str, target: str) -> str | None:
        """The installed version of a pair (the newest when several), or None."""
        versions = [m.version for m in self.installed if (m.source, m.target) == (source, target)]
        return max(versions, key=version_key, default=None)

    def details(self, model: InstalledModel) -> ModelDetails:
        return model_details(model.path, model.target)

    def as_dict(self) -> dict[str, Any]:
        """The listing for scripts: plain JSON types, stable keys."""
        return {
            "installed": [
                {
                    "pair": m.pair,
                    "source": m.source,
                    "target": m.target,
                    "version": m.version,
                    "name": m.name,
                    "size_bytes": m.size,
                    "path": str(m.path),
                    "family": self.details(m).family,
                    "licence": self.details(m).licence,
                    "published_quality": _quality_dict(self.details(m).quality),
                }
                for m in self.installed
            ],
            "families": [
                {
                    "family": f.name,
                    "title": f.title,
                    "parameters": f.parameters,
                    "int8_bytes": f.int8_bytes,
                    "licence": f.licence,
                    "original": f.original,
                    "published_quality": {
                        target: _quality_dict(quality_for(f.name, target))
                        for target in ("hy", "az", "ru")
                    },
                }
                for f in FAMILIES.values()
            ],
            "quality_source": MOZILLA_EVALUATION,
            "recommended": {
                language: {"choice": choice, "commercial_use": commercial}
                for language, (choice, commercial) in RECOMMENDED.items()
            },
            "available": None
            if self.available is None
            else [
                {
                    "pair": format_pair(m.source, m.target),
                    "source": m.source,
                    "target": m.target,
                    "version": m.version,
                    "size_bytes": m.size,
                    "installed_version": self.installed_version(m.source, m.target),
                }
                for m in self.available
            ],
            "index": {
                "url": self.index_url,
                "local_copy": str(self.index_copy),
                "problem": self.index_problem,
            },
        }


def list_models(refresh: bool = False) -> ModelListing:
    """Installed models, and the index's offer from its local copy (downloaded if asked)."""
    problem = None
    available = None
    if refresh:
        try:
            available = refresh_index()
        except NewslocError as exc:
            problem = str(exc)
    if available is None:
        try:
            available = read_local_index()
        except NewslocError as exc:
            problem = str(exc)
    return ModelListing(
        installed=installed_models(),
        available=available,
        index_url=index_url(),
        index_copy=local_index_path(),
        index_problem=problem,
    )


def _quality_dict(quality: Quality | None) -> dict[str, Any] | None:
    if quality is None:
        return None
    return {"system": quality.system, "comet": quality.comet, "bleu": quality.bleu}
