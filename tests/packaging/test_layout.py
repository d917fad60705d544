"""The installed layout: every package folder is shipped, and the direction of imports holds."""

from __future__ import annotations

import ast
import tomllib
from graphlib import CycleError, TopologicalSorter
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
    # Data folders, package data only: the curated glossary and newsloc's own catalogues,
    # each language's LC_MESSAGES folder a (namespace) package of its own, as setuptools
    # wants data in subfolders declared.
    catalogues = {
        f"newsloc.translate.locales.{po.parent.parent.name}.LC_MESSAGES"
        for po in (REPO / "translate" / "locales").glob("*/LC_MESSAGES/*.po")
    }
    return found | {"newsloc.glossary.data", "newsloc.translate.locales"} | catalogues


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
    prefix = "newsloc.translate.locales"
    shipped = set()
    for package, globs in config["tool"]["setuptools"]["package-data"].items():
        if package == prefix or package.startswith(prefix + "."):
            folder = REPO / "translate" / "locales" / Path(*package.split(".")[3:])
            shipped |= {path for pattern in globs for path in folder.glob(pattern)}
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


# The direction of imports (docs: README "How it fits together"): a module may import its
# own layer or lower ones, never a higher one, and no two modules import each other, even
# through others. Every import counts: inside functions and under TYPE_CHECKING too.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("newsloc.base",),
    ("newsloc.glossary",),
    ("newsloc.translate.errors", "newsloc.translate.i18n"),
    (
        "newsloc.translate.segment",
        "newsloc.translate.dateline",
        "newsloc.translate.engines",
        "newsloc.translate.markup",
    ),
    ("newsloc.translate.reading",),
    (
        "newsloc.translate.pipeline",
        "newsloc.translate.batch",
        "newsloc.translate.machine",
        "newsloc.translate.catalog",
        "newsloc.translate.edition",
        "newsloc.translate.models",
        "newsloc.translate.quality",
    ),
    ("newsloc.translate.cli",),
)


def _module_files() -> dict[str, Path]:
    """Every newsloc module by its installed dotted name (a package by its __init__)."""
    modules = {}
    for folder, dotted in FOLDERS.items():
        for path in (REPO / folder).rglob("*.py"):
            parts = path.relative_to(REPO / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join((dotted, *parts))] = path
    return modules


def _layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return rank
    # The application's package itself (`newsloc.translate`: the version, a setting).
    assert module == "newsloc.translate", f"{module} has no place in LAYERS"
    return 2


def _import_graph() -> dict[str, set[str]]:
    """module -> the newsloc modules it imports (`from pkg import sub` counts as pkg.sub)."""
    modules = _module_files()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
                found.update(t if t in modules else node.module for t in targets)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {target for target in found if target in modules and target != name}
    return graph


def test_modules_import_only_their_own_layer_or_lower_ones() -> None:
    upward = [
        f"{module} -> {target}"
        for module, targets in _import_graph().items()
        for target in sorted(targets)
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle in the graph (its modules, the first repeated at the end), or []."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])
    return []


def test_no_modules_import_each_other() -> None:
    assert _cycle(_import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    # The test above passes on a graph without cycles; this one shows it would fail on one.
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    cycle = _cycle(graph)
    assert set(cycle) == {"a", "b", "c"} and cycle[0] == cycle[-1]
