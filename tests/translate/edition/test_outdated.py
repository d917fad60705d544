"""Issue 20: an edition never publishes text older than the article, and never claims a
write that did not happen.

Items 1 (editions built from a catalogue older than the template) and 5 (`--all` on a full
disk, or with one output name a folder).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsloc.translate.cli import app
from tests.conftest import REPO

runner = CliRunner()
NAMES = ["hy", "az", "ru", "en", "index"]


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "locales"
    shutil.copytree(REPO / "locales", root)
    return root


def build_all(sample: Path, out: Path, *extra: object):
    return run("edition", "build", "--all", "--locales", sample, "--out", out, *extra)


# ---------------------------------------------------------------- item 5: what was written


def test_all_with_one_output_name_a_folder_writes_nothing_and_says_so(
    sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    (out / "sample-article.ru.md").mkdir(parents=True)
    result = build_all(sample, out)
    assert result.exit_code == 2, result.output
    assert "sample-article.ru.md" in result.stderr
    assert "no edition written" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["sample-article.ru.md"]


def test_all_on_a_disk_that_fills_up_writes_nothing_and_says_so(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    real_write = os.write
    calls = []

    def fills_up(fd: int, data: object) -> int:
        calls.append(fd)
        if len(calls) > 2:  # room for two editions, not for the rest
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "write", fills_up)
    result = build_all(sample, out)
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert "nothing was written" in result.stderr
    assert [p for p in out.rglob("*")] == []


def test_all_with_a_rename_failing_half_way_names_what_was_written(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    real_replace = os.replace
    done: list[str] = []

    def fails_third(source: str, target: str) -> None:
        if len(done) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target)
        done.append(Path(target).name)

    monkeypatch.setattr(os, "replace", fails_third)
    result = build_all(sample, out)
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(done)
    line = result.stderr.strip()
    for name in written:
        assert name in line.split("already written:")[1]
    assert "nothing was written" not in line
