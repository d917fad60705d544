"""The installed layout: every package folder is shipped, and the direction of imports holds."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tests.conftest import REPO

FOLDERS = {
    "base": "newsloc.base",
    "glossary": "newsloc.glossary",
    "translate": "newsloc.translate",
}


def _declared_packages() -> set[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def _package_folders() -> set[str]:
    found = set()
    for folder, dotted in FOLDERS.items():
        for init in (REPO / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(REPO / folder).parts
            found.add(".".join((dotted, *relative)))
    # Data folders, package data only: the curated glossary and newsloc's own catalogues.
    return found | {"newsloc.glossary.data", "newsloc.translate.locales"}


def test_every_package_folder_is_declared_for_the_wheel() -> None:
    # A folder left out of pyproject's list installs from a checkout (editable) but is
    # missing from the wheel a user installs.
    assert _package_folders() == _declared_packages()


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


def test_the_glossary_library_never_imports_the_application() -> None:
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for path in (REPO / "glossary").rglob("*.py")
        for name in _imports(path)
        if name.startswith(("newsloc.translate", "translate"))
    ]
    assert offenders == []


def test_code_imports_itself_only_by_its_installed_name() -> None:
    # `import translate` would pick up translate-toolkit's package where it is installed.
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for folder in FOLDERS
        for path in (REPO / folder).rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FOLDERS
    ]
    assert offenders == []


def test_nothing_imports_argostranslate_translate() -> None:
    # It imports MiniSBD, whose onnxruntime sends telemetry and which downloads a model.
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for folder in FOLDERS
        for path in (REPO / folder).rglob("*.py")
        for name in _imports(path)
        if name.startswith("argostranslate.translate")
    ]
    assert offenders == []


def test_newslocs_own_catalogues_ship_in_the_wheel() -> None:
    # Editions print newsloc's words from translate/locales/; a catalogue the package-data
    # globs miss would leave an installed newsloc writing English into every edition.
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["newsloc.translate.locales"]
    folder = REPO / "translate" / "locales"
    shipped = {path for pattern in globs for path in folder.glob(pattern)}
    catalogues = set((REPO / "translate" / "locales").rglob("*.po"))
    assert catalogues and catalogues <= shipped
    assert REPO / "translate" / "locales" / "newsloc.pot" in shipped


def test_the_base_package_imports_nothing_of_newsloc() -> None:
    # Files, .po reading and writing, the version and the error root: everything stands on
    # them, so they may stand on nothing of newsloc's own.
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for path in (REPO / "base").rglob("*.py")
        for name in _imports(path)
        if name.startswith("newsloc.") and not name.startswith("newsloc.base")
    ]
    assert offenders == []
