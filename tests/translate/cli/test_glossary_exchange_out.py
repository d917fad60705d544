"""`--out` of glossary export / import / review export: odd targets are one line, exit 2,
and nothing is replaced that should not be (a folder, a device, a reviewer's catalogue)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from tests.glossary.test_exchange import write_sample

runner = CliRunner()

COMMANDS = {
    "export": ["glossary", "export", "-f", "tbx"],
    "review export": ["glossary", "review", "export", "-l", "ru"],
}


def invoke(kind: str, glossary: Path, out: str | Path, *extra: str):
    return runner.invoke(app, [*COMMANDS[kind], "-g", str(glossary), "--out", str(out), *extra])


def assert_one_line(result, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsloc: error: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.output


@pytest.fixture
def no_rename_onto_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test, instead of replacing /dev/null (these tests may run as root)."""
    real_replace = os.replace

    def guarded(src, dst, *args, **kwargs):
        if Path(dst).resolve() == Path("/dev/null") or str(dst).startswith("/proc"):
            raise AssertionError(f"tried to rename onto {dst}")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", guarded)


@pytest.mark.parametrize("kind", COMMANDS)
def test_a_folder_is_refused(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    assert_one_line(invoke(kind, write_sample(tmp_path), folder), "is a directory")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("kind", COMMANDS)
@pytest.mark.usefixtures("no_rename_onto_devices")
def test_dev_null_and_a_fifo_are_refused_not_replaced(kind: str, tmp_path: Path) -> None:
    glossary = write_sample(tmp_path)
    result = invoke(kind, glossary, "/dev/null", "--force")
    assert_one_line(result, "/dev/null: not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_one_line(invoke(kind, glossary, fifo, "--force"), "not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("kind", COMMANDS)
@pytest.mark.usefixtures("no_rename_onto_devices")
@pytest.mark.parametrize("out", ["/proc/self", "/proc/self/new.tbx"])
def test_proc_is_one_line(kind: str, out: str, tmp_path: Path) -> None:
    if not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    result = invoke(kind, write_sample(tmp_path), out, "--force")
    assert_one_line(result, out)


@pytest.mark.parametrize("kind", COMMANDS)
def test_an_existing_file_needs_force(kind: str, tmp_path: Path) -> None:
    glossary = write_sample(tmp_path)
    out = tmp_path / "review-ru.po"
    out.write_text("a reviewer's work\n", encoding="utf-8")
    assert_one_line(invoke(kind, glossary, out), "already exists; use --force")
    assert out.read_text(encoding="utf-8") == "a reviewer's work\n"
    result = invoke(kind, glossary, out, "--force")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") != "a reviewer's work\n"


@pytest.mark.parametrize("kind", COMMANDS)
def test_the_glossary_itself_is_never_the_out_file(kind: str, tmp_path: Path) -> None:
    glossary = write_sample(tmp_path)
    before = glossary.read_bytes()
    assert_one_line(invoke(kind, glossary, glossary, "--force"), "is the file being read")
    assert glossary.read_bytes() == before


def test_import_never_writes_over_its_input(tmp_path: Path) -> None:
    terms = tmp_path / "terms.csv"
    terms.write_text("en,ru\nShusha,Шуша\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(terms), "-o", str(terms), "--force"])
    assert_one_line(result, "is the file being read")
    assert terms.read_text(encoding="utf-8") == "en,ru\nShusha,Шуша\n"


def test_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("export", write_sample(tmp_path), blocker / "sub" / "out.tbx")
    assert_one_line(result, "cannot write")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("kind", COMMANDS)
def test_a_full_stdout_is_one_line(kind: str, tmp_path: Path) -> None:
    command = [*COMMANDS[kind], "-g", str(write_sample(tmp_path))]
    argv = ["newsloc", *command]
    code = f"import sys; from newsloc.translate.cli import main; sys.argv = {argv!r}; main()"
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-c", code], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 2
    assert result.stderr == "newsloc: error: cannot write to stdout: No space left on device\n"
