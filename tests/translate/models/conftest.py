"""Every models test gets its own Argos folders; no index or release server can be reached."""

from __future__ import annotations

from pathlib import Path

import pytest

UNREACHABLE_INDEX = "http://127.0.0.1:9/"


@pytest.fixture(autouse=True)
def argos_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Fresh Argos directories per test; the default index can never be reached."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", UNREACHABLE_INDEX)
    monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", UNREACHABLE_INDEX)
    return tmp_path / "packages"
