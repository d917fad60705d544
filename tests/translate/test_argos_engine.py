"""Tests of the Argos engine, run on genuine tiny Argos packages built by the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.argos_packages import (
    find_package,
    install_command,
    installed_packages,
    package_name,
    packages_dir,
)
from translate.errors import UserError


def test_installed_tiny_packages_are_found(installed_argos_packages: dict[str, Path]) -> None:
    names = {package_name(pkg) for pkg in installed_packages()}
    assert {"translate-en_hy-1_0", "translate-en_az-1_0", "translate-en_ru-1_0"} <= names
    pkg = find_package("en", "ru")
    assert pkg is not None
    assert Path(pkg.package_path) == installed_argos_packages["ru"]
    assert find_package("en", "de") is None


def test_packages_dir_follows_the_environment_at_call_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "elsewhere"))
    assert packages_dir() == tmp_path / "elsewhere"
    assert installed_packages() == []  # a missing directory means nothing installed
    assert find_package("en", "ru") is None


def test_broken_package_directory_is_a_user_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "translate-en_ru-1_0").mkdir()
    (tmp_path / ".installing").mkdir()  # hidden: an install in progress, skipped
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path))
    with pytest.raises(UserError, match=r"translate-en_ru-1_0: not an Argos package"):
        installed_packages()


def test_install_commands_name_the_way_each_pair_is_installed() -> None:
    assert install_command("en", "ru") == "newsloc models install ru"
    assert install_command("en", "az") == "newsloc models install az"
    assert (
        install_command("en", "hy")
        == "newsloc models build OPUS_MT_DIR --from en --to hy --install"
    )
