"""newsloc and translate-toolkit in one venv, installed in either order.

translate-toolkit owns the top-level `translate` package; newsloc installs as
`newsloc.glossary` and `newsloc.translate`, so neither can overwrite the other. The venvs
are real and throwaway; packages come from the wheelhouse `make wheelhouse` fills, so the
test itself never reaches a package index.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import polib
import pytest

from tests.conftest import REPO

WHEELHOUSE = REPO / "build" / "wheelhouse"
OFFLINE = ["--no-index", "--find-links", str(WHEELHOUSE), "--quiet", "--disable-pip-version-check"]

pytestmark = pytest.mark.skipif(
    not any(WHEELHOUSE.glob("translate_toolkit-*.whl")),
    reason="needs build/wheelhouse with translate-toolkit: run `make wheelhouse` (make test does)",
)


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run outside the checkout: its own translate/ folder would shadow the toolkit's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_CONFIG_FILE"] = os.devnull  # only the wheelhouse, never an index
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, timeout=600
    )


@pytest.fixture(scope="module")
def newsloc_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of this checkout, built offline now (so it is never stale)."""
    out = tmp_path_factory.mktemp("wheel")
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", *OFFLINE, "-w", out, REPO, cwd=out
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("newsloc-*.whl")
    return wheel


def _venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    return where / "bin"


def _install(bin_dir: Path, *what: str | Path) -> None:
    result = _run(bin_dir / "python", "-m", "pip", "install", *OFFLINE, *what, cwd=bin_dir)
    assert result.returncode == 0, result.stderr


def _assert_both_work(bin_dir: Path, work: Path) -> None:
    # translate-toolkit: its package imports and its own command counts a catalogue.
    code = "from translate.storage import po; print(po.__file__)"
    imported = _run(bin_dir / "python", "-c", code, cwd=work)
    assert imported.returncode == 0, imported.stderr
    assert "/translate/storage/po.py" in imported.stdout

    # newsloc: its version is a version, and the catalogue it writes says so.
    version = _run(bin_dir / "newsloc", "--version", cwd=work)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == "newsloc 0.1.0"
    article = work / "story.txt"
    article.write_text("Shelling was heard in Stepanakert.\n", encoding="utf-8")
    out = work / "locales"
    made = _run(
        bin_dir / "newsloc",
        "translate",
        article,
        "--to",
        "ru",
        "--engine",
        "none",
        "--out",
        out,
        cwd=work,
    )
    assert made.returncode == 0, made.stderr
    catalogue = out / "ru" / "LC_MESSAGES" / "story.po"
    assert polib.pofile(str(catalogue)).metadata["X-Generator"] == "newsloc 0.1.0"

    counted = _run(bin_dir / "pocount", catalogue, cwd=work)
    assert counted.returncode == 0, counted.stderr
    assert "Total:" in counted.stdout


def test_toolkit_first_then_newsloc(tmp_path: Path, newsloc_wheel: Path) -> None:
    bin_dir = _venv(tmp_path / "venv")
    _install(bin_dir, "translate-toolkit")
    _install(bin_dir, newsloc_wheel)
    _assert_both_work(bin_dir, tmp_path)


def test_newsloc_first_then_toolkit_and_newsloc_survives_its_removal(
    tmp_path: Path, newsloc_wheel: Path
) -> None:
    bin_dir = _venv(tmp_path / "venv")
    _install(bin_dir, newsloc_wheel)
    _install(bin_dir, "translate-toolkit")
    _assert_both_work(bin_dir, tmp_path)

    removed = _run(
        bin_dir / "python", "-m", "pip", "uninstall", "--yes", "translate-toolkit", cwd=tmp_path
    )
    assert removed.returncode == 0, removed.stderr
    version = _run(bin_dir / "newsloc", "--version", cwd=tmp_path)
    assert (version.returncode, version.stdout.strip()) == (0, "newsloc 0.1.0")


def test_pofilter_flags_dual_names_as_brackets_and_the_documented_option_quiets_it(
    tmp_path: Path,
) -> None:
    """A contested place is written with both names, `Степанакерт (Ханкенди)`: pofilter's
    `brackets` check flags every such entry; docs/catalogues.md says to run it with
    `--excludefilter=brackets`, and that leaves the other checks' findings alone."""
    bin_dir = _venv(tmp_path / "venv")
    _install(bin_dir, "translate-toolkit")
    catalogue = REPO / "locales" / "ru" / "LC_MESSAGES" / "sample-article.po"

    def findings(*options: str) -> list[str]:
        out = tmp_path / f"report{len(options)}.po"
        done = _run(bin_dir / "pofilter", *options, catalogue, out, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        return [line.split(":")[0] for line in text.splitlines() if line.startswith("# (pofilter)")]

    assert "# (pofilter) brackets" in findings()
    quiet = findings("--excludefilter=brackets")
    assert "# (pofilter) brackets" not in quiet
    assert "# (pofilter) acronyms" in quiet  # the dateline's YEREVAN/BAKU: still reported
