"""The quick option check gives typer's own answer, on every option of every command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from newsloc.translate.cli import app, quick_params

pytestmark = pytest.mark.skipif(
    quick_params.build_runtime_param is None, reason="this typer checks values with click"
)


def _parameters() -> list[tuple[str, Any, Any]]:
    root = typer.main.get_command(app)
    found = []

    def walk(command: Any, path: str) -> None:
        ctx = command.context_class(command, info_name=command.name)
        for param in command.get_params(ctx):
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is not None and descriptor.file_annotation is None:
                found.append((f"{path} {param.name}", param, ctx))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(root, "newsloc")
    return found


def _values(tmp: Path) -> list[Any]:
    (tmp / "file.txt").write_text("x")
    single = [
        None, "", "x", "hy", "md", "HTML", "text", "0", "1", "7", "-3", "007", "2.5", "0.75",
        "1e3", "inf", "nan", " 4", "1_000", "-", "99999999999999999999",
        str(tmp / "file.txt"), str(tmp), str(tmp / "missing"), True, False, 3, 2.5,
    ]  # fmt: skip
    return [*single, ["a", "b"], ("hy",), [str(tmp / "file.txt"), str(tmp)], ["1", "x"], []]


def _outcome(coercion: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        value = coercion.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error typer raises: its class and message
        return ("error", (type(exc).__name__, str(exc)))
    return ("value", (type(value).__name__, repr(value)))


def test_every_quick_answer_is_typers_answer(tmp_path: Path) -> None:
    checked = 0
    for name, param, ctx in _parameters():
        quick = quick_params.QuickCoercion(param.type_descriptor)
        full = quick_params.build_runtime_param(param.type_descriptor)
        for value in _values(tmp_path):
            expected = _outcome(full, value, param, ctx)
            try:
                answer = quick.quick(value, param, ctx)
            except quick_params._Unsure:
                assert _outcome(quick, value, param, ctx) == expected, name
                continue
            checked += 1
            assert ("value", (type(answer).__name__, repr(answer))) == expected, (name, value)
    assert checked > 500  # most values of most options took the quick way


def test_edition_build_parses_its_options_without_pydantic(tmp_path: Path) -> None:
    """Run in a fresh interpreter: this one may have imported pydantic already."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from newsloc.translate.cli import main\n"
        "sys.argv = ['newsloc', 'edition', 'build', '--all', '--locales', sys.argv[1],"
        " '--out', sys.argv[2], '--min-reviewed', '0.5', '--format', 'md']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "none"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
