"""Fixtures the glossary cache's tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloc.glossary import cache
from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty glossary cache of the test's own, on, with nothing remembered in memory."""
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    cache.forget_all()
    return tmp_path / "cache" / "glossary"


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    """The curated glossary as a file of the user's own (its cache key is its path too)."""
    path = tmp_path / "mine.toml"
    path.write_bytes(DEFAULT_GLOSSARY_PATH.read_bytes())
    return path
