"""Session fixtures: genuine tiny Argos packages, built once per test session.

`tiny_argosmodels` gives the .argosmodel files (for tests of `newsloc models install`);
`installed_argos_packages` also unzips them into the sandboxed ARGOS_PACKAGES_DIR that
tests/conftest.py sets, so engines find them like a user's installed packages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloc.translate.engines.argos_packages import packages_dir
from tests.support.spy_translator import spy  # noqa: F401 (the fixture, for the engine and model tests)
from tests.support.tiny_argos import build_tiny_package, install_package

#: The pairs newsloc serves, each with its own seed so their outputs differ.
TINY_PAIRS = {("en", "hy"): 1, ("en", "az"): 2, ("en", "ru"): 3}


@pytest.fixture(scope="session")
def tiny_argosmodels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """target language → a freshly built `translate-en_<target>-1_0.argosmodel`."""
    out = tmp_path_factory.mktemp("tiny-argosmodels")
    return {
        target: build_tiny_package(out, source, target, seed=seed)
        for (source, target), seed in TINY_PAIRS.items()
    }


@pytest.fixture(scope="session")
def installed_argos_packages(tiny_argosmodels: dict[str, Path]) -> dict[str, Path]:
    """target language → the installed package directory in the sandboxed packages dir."""
    root = packages_dir()
    return {target: install_package(archive, root) for target, archive in tiny_argosmodels.items()}
