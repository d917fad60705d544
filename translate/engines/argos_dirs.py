"""Argos's data and cache directories, resolved from the environment at call time.

`argostranslate.settings` computes them once at import, so a command or a test that sets
XDG_DATA_HOME / XDG_CACHE_HOME later would write somewhere else than it reads.
"""

from __future__ import annotations

import os
from pathlib import Path


def _home() -> Path:
    if "SNAP" in os.environ and "SNAP_USER_DATA" in os.environ:
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def argos_data_dir() -> Path:
    """Where Argos keeps its local index copy (and, by default, its packages)."""
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / "argos-translate"


def downloads_dir() -> Path:
    """Argos's download cache: model files are fetched here before they are installed."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or _home() / ".local" / "cache")
    return cache / "argos-translate" / "downloads"


def argos_config_dir() -> Path:
    """Where Argos keeps settings.json (ARGOS_PACKAGE_INDEX and others can be set there)."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / "argos-translate"
