"""Argos's data and cache directories, resolved from the environment at call time.

`argostranslate.settings` computes them once at import, so a command or a test that sets
XDG_DATA_HOME / XDG_CACHE_HOME later would write somewhere else than it reads.
"""

from __future__ import annotations

import os
import sys
import threading
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


_IMPORTING = threading.Lock()


def import_argos_settings() -> None:
    """Import `argostranslate.settings` without the folders it creates when imported.

    Argos makes its data, config, cache, download and packages folders as a side effect of
    `import argostranslate.settings` (which `argostranslate.package` and the tokenizer pull
    in), so `newsloc translate` used to leave `~/.local/share/argos-translate/packages` and
    a download cache behind even when it installed nothing. newsloc creates a folder only
    when it writes into it (an install makes the packages folder), so the import here runs
    with folder creation turned off. Call it before the first import of any `argostranslate`
    module.
    """
    with _IMPORTING:
        if "argostranslate.settings" in sys.modules:
            return
        makedirs = os.makedirs
        os.makedirs = _no_folder
        try:
            import argostranslate.settings  # noqa: F401
        finally:
            os.makedirs = makedirs


def _no_folder(*_args: object, **_kwargs: object) -> None:
    return None
