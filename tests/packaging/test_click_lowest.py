"""newsloc's command line on the lowest click pyproject.toml allows (click 8.2.0).

The CLI uses click's public names only; this runs it with that click put ahead of the test
environment's on the module path. The wheel comes from build/wheelhouse-click-lowest, which
`make wheelhouse` fills, so no index is reached.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

WHEELS = REPO / "build" / "wheelhouse-click-lowest"
LOWEST = "8.2.0"

pytestmark = pytest.mark.skipif(
    not any(WHEELS.glob(f"click-{LOWEST}-*.whl")),
    reason=f"needs click {LOWEST} in {WHEELS}: run `make wheelhouse` (make test does)",
)


def _allowed_floor() -> str:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'"click>=([\d.]+)"', text)
    assert match, "pyproject.toml declares click>=…"
    return match.group(1)


def test_the_tested_version_is_the_declared_floor() -> None:
    assert LOWEST.startswith(_allowed_floor())


@pytest.fixture(scope="module")
def lowest_click(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("click-lowest")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-index",
            "--find-links",
            str(WHEELS),
            "--target",
            str(target),
            f"click=={LOWEST}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return target


def _newsloc(path: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path), "COLUMNS": "100"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import click, sys; print('click', click.__file__, file=sys.stderr); "
            "from newsloc.translate.cli import main; sys.argv[0] = 'newsloc'; main()",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_the_command_line_works_on_the_lowest_click(lowest_click: Path, tmp_path: Path) -> None:
    version = _newsloc(lowest_click, "--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert f"click {lowest_click}" in version.stderr  # the old click, not the environment's
    assert version.stdout.startswith("newsloc ")

    for command in ("translate", "models install", "glossary export", "edition build"):
        shown = _newsloc(lowest_click, *command.split(), "--help", cwd=tmp_path)
        assert shown.returncode == 0, shown.stderr
        assert f"Usage: newsloc {command}" in shown.stdout

    bad = _newsloc(lowest_click, "translate", "a.txt", "--beam-size", "0", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.splitlines()[1:] == [
        "newsloc: error: invalid value for '--beam-size': 0 is not in the range x>=1; "
        "see 'newsloc translate --help'"
    ]
    typo = _newsloc(lowest_click, "glosary", cwd=tmp_path)
    assert typo.returncode == 2
    assert typo.stderr.splitlines()[1].startswith("newsloc: error: no such command 'glosary'")
    group = _newsloc(lowest_click, "glossary", cwd=tmp_path)
    assert "Usage: newsloc glossary" in group.stdout and "newsloc: error" not in group.stderr

    (tmp_path / "a.txt").write_text("Stepanakert is a city.\n", encoding="utf-8")
    run = _newsloc(
        lowest_click,
        "translate",
        "a.txt",
        "--engine",
        "none",
        "--to",
        "ru",
        "--to",
        "az",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "locales").iterdir()) == ["a.pot", "az", "ru"]
