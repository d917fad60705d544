"""`translate` creates no Argos folders (data, config, download cache, packages) when it
installs nothing: Argos makes them when imported, newsloc imports it without that."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE_ARTICLE
from tests.support.tiny_argos import install_package


def _translate(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsloc.translate.cli import main; main()",
            "translate",
            str(SAMPLE_ARTICLE),
            "--to",
            "ru",
            "--out",
            str(tmp_path / "loc"),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _home_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ARGOS_PACKAGES"))}
    env["HOME"] = str(home)
    return env


def test_translate_without_a_model_leaves_the_home_folder_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = _translate(tmp_path, _home_env(home))
    assert done.returncode == 3, done.stderr  # partial: no model, catalogues for people
    assert "no Argos package for en→ru" in done.stderr
    assert list(home.iterdir()) == []  # no ~/.local/share/argos-translate, no cache


def test_translate_with_a_model_creates_no_cache_or_config_folders(
    tmp_path: Path, tiny_argosmodels: dict[str, Path]
) -> None:
    home = tmp_path / "home"
    packages = home / ".local" / "share" / "argos-translate" / "packages"
    install_package(tiny_argosmodels["ru"], packages)
    done = _translate(tmp_path, _home_env(home))
    assert done.returncode == 0, done.stderr
    made = sorted(
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.is_dir() and p.parent != packages and packages not in p.parents
    )
    assert made == [
        ".local",
        ".local/share",
        ".local/share/argos-translate",
        ".local/share/argos-translate/packages",
    ]
